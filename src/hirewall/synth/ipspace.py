"""Real IPv4 address space for synthetic sign-ins.

``RESIDENTIAL_RANGES`` holds consumer-ISP blocks per country; ``HOSTING_RANGES`` holds blocks
of well-known hosting providers, used for VPN/datacenter egress when no VPN list is given.
Each range carries its source. "GeoLite2 largest block" means the block is the largest one
GeoLite2 gives the country, as republished in firehol/blocklist-ipsets
(``geolite2_country/country_xx.netset``); the ISP named is the block's RIR registrant.
Tests check that no residential range overlaps the X4BNet datacenter list and that every
hosting range does.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# fmt: off
RESIDENTIAL_RANGES: dict[str, tuple[tuple[str, str], ...]] = {
    "US": (
        ("73.0.0.0/8", "Comcast Cable, ARIN NET-73-0-0-0-1"),
        ("98.192.0.0/10", "Comcast Cable, ARIN NET-98-192-0-0-1"),
        ("24.0.0.0/12", "Comcast Cable, ARIN NET-24-0-0-0-1"),
    ),
    "CA": (("99.224.0.0/11", "Rogers Communications, ARIN; GeoLite2 largest block for CA"),),
    "GB": (
        ("86.128.0.0/10", "British Telecommunications (BT broadband), RIPE"),
        ("81.128.0.0/11", "British Telecommunications (BT broadband), RIPE"),
    ),
    "DE": (
        ("79.192.0.0/10", "Deutsche Telekom AG (T-Online dial-in pool), RIPE"),
        ("91.0.0.0/10", "Deutsche Telekom AG (T-Online dial-in pool), RIPE"),
    ),
    "FR": (
        ("90.0.0.0/9", "Orange S.A. (France Telecom), RIPE; GeoLite2 largest block for FR"),
        ("82.224.0.0/11", "Free SAS (Proxad), RIPE"),
    ),
    "IN": (("117.192.0.0/10", "BSNL broadband, APNIC; GeoLite2 largest block for IN"),),
    "PH": (("49.144.0.0/13", "PLDT, APNIC; GeoLite2 largest block for PH"),),
    "PL": (("83.0.0.0/11", "Orange Polska (Neostrada), RIPE; GeoLite2 largest block for PL"),),
    "UA": (("93.72.0.0/15", "Kyivstar home internet, RIPE; within the GeoLite2 largest block for UA"),),
    "BR": (("152.240.0.0/12", "Claro S.A., LACNIC; GeoLite2 largest block for BR"),),
    "MX": (("187.192.0.0/11", "Telmex (Uninet), LACNIC; GeoLite2 largest block for MX"),),
    "JP": (("126.0.0.0/9", "SoftBank Corp. (Yahoo! BB), APNIC; within the GeoLite2 largest block for JP"),),
    "KR": (("175.192.0.0/10", "Korea Telecom, APNIC/KRNIC; GeoLite2 largest block for KR"),),
    "SG": (("152.56.0.0/14", "GeoLite2 largest block for SG (consumer ISP space)"),),
    "VN": (("14.160.0.0/11", "VNPT, APNIC/VNNIC; GeoLite2 largest block for VN"),),
    "CN": (("36.128.0.0/10", "China Mobile broadband, APNIC; GeoLite2 largest block for CN"),),
    "RU": (("5.136.0.0/13", "Rostelecom, RIPE; GeoLite2 largest block for RU"),),
}

HOSTING_RANGES: tuple[tuple[str, str], ...] = (
    ("159.65.0.0/16", "DigitalOcean, ARIN NET-159-65-0-0-1"),
    ("167.99.0.0/16", "DigitalOcean, ARIN NET-167-99-0-0-1"),
    ("104.131.0.0/16", "DigitalOcean, ARIN NET-104-131-0-0-1"),
    ("88.198.0.0/16", "Hetzner Online GmbH, RIPE"),
    ("78.46.0.0/15", "Hetzner Online GmbH, RIPE"),
    ("5.9.0.0/16", "Hetzner Online GmbH, RIPE"),
    ("51.38.0.0/16", "OVH SAS, RIPE"),
    ("137.74.0.0/16", "OVH SAS, RIPE"),
    ("145.239.0.0/16", "OVH SAS, RIPE"),
    ("45.33.0.0/17", "Linode (Akamai), ARIN"),
    ("139.162.0.0/16", "Linode (Akamai), RIPE/APNIC"),
    ("3.80.0.0/12", "Amazon Web Services us-east-1, ip-ranges.json"),
    ("54.144.0.0/12", "Amazon Web Services us-east-1, ip-ranges.json"),
    ("45.32.0.0/16", "Vultr (The Constant Company / Choopa), ARIN"),
    ("108.61.0.0/16", "Vultr (The Constant Company / Choopa), ARIN"),
    ("149.28.0.0/16", "Vultr (The Constant Company / Choopa), ARIN"),
    ("35.184.0.0/13", "Google Cloud, cloud.json"),
)

# Corporate VPN egress: a handful of addresses in one block (AT&T business space, ARIN 12.0.0.0/8).
CORPORATE_EGRESS_RANGE = ("12.153.224.0/24", "AT&T enterprise block, ARIN NET-12-0-0-0-1")
# fmt: on

OPERATOR_COUNTRIES = ("CN", "RU")


def _parse(cidrs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """CIDR strings -> (first address, size) arrays (IPv4 only)."""
    nets = [ipaddress.ip_network(c.strip(), strict=False) for c in cidrs if c.strip() and ":" not in c]
    starts = np.array([int(n.network_address) for n in nets], dtype=np.int64)
    sizes = np.array([n.num_addresses for n in nets], dtype=np.int64)
    return starts, sizes


def _read_list(path: Path) -> list[str]:
    return [ln.split("#")[0] for ln in path.read_text().splitlines() if ln and not ln.startswith("#")]


@dataclass(frozen=True)
class _Pool:
    starts: np.ndarray
    sizes: np.ndarray

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """n addresses: pick a block uniformly, then a host in it avoiding .0 and .255."""
        block = rng.integers(0, len(self.starts), n)
        size = self.sizes[block]
        offset = (rng.random(n) * size).astype(np.int64)
        addr = self.starts[block] + offset
        last = addr & 0xFF
        fix = (size >= 256) & ((last == 0) | (last == 255))
        addr[fix] = (addr[fix] & ~0xFF) | rng.integers(1, 255, int(fix.sum()))
        out: np.ndarray = addr
        return out


class IpSpace:
    """Samples residential, hosting/VPN and corporate egress addresses as 32-bit integers."""

    def __init__(self, ip_lists: Path | None = None) -> None:
        self._residential = {c: _Pool(*_parse([r for r, _ in rs])) for c, rs in RESIDENTIAL_RANGES.items()}
        hosting = [r for r, _ in HOSTING_RANGES]
        if ip_lists is not None:
            vpn = _read_list(Path(ip_lists) / "output_vpn_ipv4.txt")
            datacenter = _read_list(Path(ip_lists) / "output_datacenter_ipv4.txt")
            self._vpn = _Pool(*_parse(vpn))
            self._datacenter = _Pool(*_parse(datacenter))
        else:
            self._vpn = self._datacenter = _Pool(*_parse(hosting))
        self._corporate = _Pool(*_parse([CORPORATE_EGRESS_RANGE[0]]))

    def residential(self, rng: np.random.Generator, countries: np.ndarray) -> np.ndarray:
        """One residential address per element of ``countries`` (ISO codes; unknown -> US)."""
        out = np.empty(len(countries), dtype=np.int64)
        known = np.isin(countries, list(self._residential))
        countries = np.where(known, countries, "US")
        for code in np.unique(countries):
            rows = np.flatnonzero(countries == code)
            out[rows] = self._residential[str(code)].sample(rng, len(rows))
        return out

    def vpn(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Commercial VPN exit addresses."""
        return self._vpn.sample(rng, n)

    def datacenter(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Hosting/datacenter addresses."""
        return self._datacenter.sample(rng, n)

    def corporate_egress(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """The few addresses of the organization's corporate VPN egress."""
        return self._corporate.sample(rng, n)


def to_strings(addr: np.ndarray) -> pa.Array:
    """32-bit integers -> dotted-quad strings, vectorised."""
    octets = [pa.array(((addr >> s) & 0xFF).astype(np.int64)).cast(pa.string()) for s in (24, 16, 8, 0)]
    return pc.binary_join_element_wise(*octets, ".")
