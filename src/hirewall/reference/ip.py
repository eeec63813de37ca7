"""Offline IP intelligence: country, ASN and a hosting / VPN / Tor / residential classification.

Sources, in order of precedence for the kind (each user-loaded list in ``settings.reference_dir``
adds to or replaces the shipped data; see :mod:`hirewall.reference.datasets`):

1. ``tor-exits`` (user list) and Tor-exit operator ASNs -> ``tor``
2. ``vpn-ipv4``/``vpn-ipv6`` (user lists) and VPN ASNs -> ``vpn``
3. shipped hosting netblocks, ``datacenter-ipv4``/``-ipv6`` (user lists) and hosting ASNs -> ``hosting``
4. any other public address the ASN/country databases know -> ``residential`` (an ISP, enterprise or
   campus network: *not* hosting infrastructure)
5. private, reserved or unrouted space -> ``unknown``, which is never evidence either way.
"""

from __future__ import annotations

import csv
import random
import re
import socket
import time
from functools import cache
from pathlib import Path
from typing import Any, Literal

from hirewall.exceptions import ReferenceDataError
from hirewall.indicators.services import IpInfo, IpKind
from hirewall.reference import _mmdb
from hirewall.reference._ranges import EMPTY, LabelledRanges, RangeSet, ip_to_int, read_cidr_lines
from hirewall.reference.datasets import BY_NAME, shipped_path, user_path
from hirewall.settings import Settings

NetKind = Literal["hosting", "vpn", "tor"]
_KINDS: tuple[NetKind, ...] = ("hosting", "vpn", "tor")
_ASN_LINE = re.compile(r"^\s*(?:AS)?(\d+)\s*(?:[#,;\t]\s*(.*))?$", re.IGNORECASE)

# Special-purpose space (RFC 6890 and successors): never classified.
_SPECIAL = (
    "0.0.0.0/8 10.0.0.0/8 100.64.0.0/10 127.0.0.0/8 169.254.0.0/16 172.16.0.0/12 192.0.0.0/24 "
    "192.0.2.0/24 192.88.99.0/24 192.168.0.0/16 198.18.0.0/15 198.51.100.0/24 203.0.113.0/24 224.0.0.0/3 "
    "::/8 64:ff9b:1::/48 100::/64 2001::/23 2001:db8::/32 fc00::/7 fe80::/10 ff00::/8"
).split()


def parse_asn_csv(text: str, source: str) -> dict[int, tuple[NetKind, str]]:
    """Parse the shipped ``asn,kind,name,source`` CSV (``#`` comment lines allowed)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    out: dict[int, tuple[NetKind, str]] = {}
    for n, row in enumerate(csv.DictReader(lines), 2):
        raw = (row.get("kind") or "").strip()
        asn = (row.get("asn") or "").strip().upper().removeprefix("AS")
        kind = next((k for k in _KINDS if k == raw), None)
        if kind is None or not asn.isdigit():
            raise ReferenceDataError(f"{source}: row {n} needs a numeric asn and kind in {_KINDS}")
        out[int(asn)] = (kind, (row.get("name") or "").strip())
    return out


def parse_asn_list(text: str, kind: NetKind, source: str) -> dict[int, tuple[NetKind, str]]:
    """Parse an X4BNet-style ``AS123 # name`` list (or our CSV, detected by its header).

    ``kind`` is "hosting" or "vpn"; a VPN-list entry whose comment names Tor is kind "tor".
    """
    wanted = {"hosting"} if kind == "hosting" else {"vpn", "tor"}
    if re.search(r"^\s*asn\s*,\s*kind\b", text, re.IGNORECASE | re.MULTILINE):
        return {a: v for a, v in parse_asn_csv(text, source).items() if v[0] in wanted}
    out: dict[int, tuple[NetKind, str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _ASN_LINE.match(line)
        if m is None:
            raise ReferenceDataError(f"{source}: line {n} {line.strip()!r} is not 'AS<number> # name'")
        comment = (m.group(2) or "").strip()
        tor = kind == "vpn" and re.search(r"\btor\b", comment, re.IGNORECASE) is not None
        out[int(m.group(1))] = ("tor" if tor else kind, comment)
    if not out:
        raise ReferenceDataError(f"{source}: no ASNs found")
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ReferenceDataError(f"{path}: cannot read ({e})") from e


def load_asn_kinds(settings: Settings) -> dict[int, tuple[NetKind, str]]:
    """Hosting/VPN/Tor ASNs: the shipped compilation, with each kind replaced by a user list if loaded."""
    shipped = shipped_path(BY_NAME["hosting-asns"])
    table = parse_asn_csv(_read(shipped), str(shipped)) if shipped else {}
    pairs: tuple[tuple[str, NetKind], ...] = (("hosting-asns", "hosting"), ("vpn-asns", "vpn"))
    for name, kind in pairs:
        user = user_path(settings, BY_NAME[name])
        if user is not None:
            drop = {"hosting"} if kind == "hosting" else {"vpn", "tor"}
            table = {a: v for a, v in table.items() if v[0] not in drop}
            table.update(parse_asn_list(_read(user), kind, str(user)))
    return table


def _ranges(settings: Settings, names: tuple[str, ...]) -> RangeSet:
    cidrs: list[str] = []
    for name in names:
        ds = BY_NAME[name]
        path = user_path(settings, ds) or (shipped_path(ds) if ds.shipped else None)
        if path is None:
            continue
        text = _read(path)
        if path.suffix == ".csv":
            rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
            cidrs += [r["cidr"] for r in csv.DictReader(rows)]
        else:
            cidrs += read_cidr_lines(text)
    return RangeSet.from_cidrs(cidrs, source=",".join(names)) if cidrs else EMPTY


_CODES: dict[str, int] = {"tor": 2, "vpn": 3, "hosting": 4}
_NAMES: dict[int, IpKind] = {2: "tor", 3: "vpn", 4: "hosting"}


@cache
def _special_set() -> RangeSet:
    return RangeSet.from_cidrs(_SPECIAL)


class IpReference:
    """Implements :class:`hirewall.indicators.services.IpIntel` from offline data.

    Special-purpose space and the Tor/VPN/hosting range lists are painted into one segmentation
    (:class:`LabelledRanges`), so a lookup costs one bisect plus one read of each database.
    """

    def __init__(
        self,
        asn_db: Any = None,
        country_dbs: tuple[Any, ...] = (),
        asn_kinds: dict[int, tuple[NetKind, str]] | None = None,
        tor: RangeSet = EMPTY,
        vpn: RangeSet = EMPTY,
        hosting: RangeSet = EMPTY,
    ) -> None:
        self.asn_db = asn_db
        self.country_dbs = tuple(db for db in country_dbs if db is not None)
        self.asn_kinds = dict(asn_kinds or {})
        self._asn_codes = {a: _CODES[k] for a, (k, _) in self.asn_kinds.items()}
        self._ranges = LabelledRanges.paint([_special_set(), tor, vpn, hosting])

    def lookup(self, ip: str) -> IpInfo:
        """Country, ASN, AS name and kind of one address; ``unknown`` for junk or special space."""
        parsed = ip_to_int(ip)
        if parsed is None:
            return IpInfo(ip, None, None, None, "unknown")
        version, value = parsed
        label = self._ranges.label(version, value)
        if label == 1:
            return IpInfo(ip, None, None, None, "unknown")
        key = ip if version == 6 or ":" not in ip else socket.inet_ntoa(value.to_bytes(4, "big"))
        rec = self.asn_db.get(key) if self.asn_db is not None else None
        asn, org = _mmdb.asn_of(rec) if rec else (None, None)
        country = None
        for db in self.country_dbs:
            rec = db.get(key)
            if rec:
                country = _mmdb.country_of(rec)
                break
        code = min(label or 9, self._asn_codes.get(asn, 9) if asn is not None else 9)
        if code == 9:
            return IpInfo(ip, country, asn, org, "residential" if asn or country else "unknown")
        return IpInfo(ip, country, asn, org, _NAMES[code])


def _open(settings: Settings, name: str) -> tuple[Any, ...]:
    """The user's copy of ``name`` alone, or the bundled database(s) behind it."""
    user = user_path(settings, BY_NAME[name])
    if user is not None:
        return (_mmdb.open_path(user),)
    bundled = ("ip-country", "ip-country-dbip") if name == "ip-country" else (name,)
    return tuple(_mmdb.open_bundled(b) for b in bundled)


def load_ip_intel(settings: Settings) -> IpReference:
    """Build the IP reference from the shipped, bundled and user-loaded data sets."""
    return IpReference(
        asn_db=_open(settings, "ip-asn")[0],
        country_dbs=_open(settings, "ip-country"),
        asn_kinds=load_asn_kinds(settings),
        tor=_ranges(settings, ("tor-exits",)),
        vpn=_ranges(settings, ("vpn-ipv4", "vpn-ipv6")),
        hosting=_ranges(settings, ("hosting-ranges", "datacenter-ipv4", "datacenter-ipv6")),
    )


def bench_ip_lookups(n: int = 200_000, settings: Settings | None = None, seed: int = 0) -> float:
    """Lookups per CPU-second of :meth:`IpReference.lookup` on one core.

    ``n`` random public addresses (90% IPv4, 10% IPv6), after one warm-up pass over 1,000 of
    them. CPU time (not wall time) keeps the figure stable on a busy machine.
    """
    intel = load_ip_intel(settings or Settings())
    rng = random.Random(seed)
    ips = [
        socket.inet_ntoa(rng.getrandbits(32).to_bytes(4, "big"))
        if rng.random() < 0.9
        else socket.inet_ntop(socket.AF_INET6, ((0x2 << 124) | rng.getrandbits(124)).to_bytes(16, "big"))
        for _ in range(n)
    ]
    lookup = intel.lookup
    for ip in ips[:1000]:
        lookup(ip)
    start = time.process_time()
    for ip in ips:
        lookup(ip)
    return n / max(time.process_time() - start, 1e-9)
