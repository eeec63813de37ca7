"""IP ranges are real: residential blocks are not hosting space, hosting blocks are."""

from __future__ import annotations

import bisect
import csv
import ipaddress
from pathlib import Path

import numpy as np
import pytest

from hirewall.synth import generate_world
from hirewall.synth.ipspace import (
    CORPORATE_EGRESS_RANGE,
    HOSTING_RANGES,
    RESIDENTIAL_RANGES,
    IpSpace,
    to_strings,
)

LISTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "x4bnet_lists_vpn"
needs_lists = pytest.mark.skipif(not LISTS.is_dir(), reason="../shared/data/x4bnet_lists_vpn is absent")


def _networks(name: str) -> list[ipaddress.IPv4Network]:
    lines = (LISTS / name).read_text().split()
    return [ipaddress.IPv4Network(x) for x in lines if x and ":" not in x]


@needs_lists
def test_residential_ranges_avoid_datacenter_space_and_hosting_ranges_are_in_it() -> None:
    datacenter = _networks("output_datacenter_ipv4.txt")
    for country, ranges in RESIDENTIAL_RANGES.items():
        for cidr, source in ranges:
            net = ipaddress.IPv4Network(cidr)
            assert source and not any(net.overlaps(d) for d in datacenter), (country, cidr)
    for cidr, source in HOSTING_RANGES:
        net = ipaddress.IPv4Network(cidr)
        assert source and any(net.overlaps(d) for d in datacenter), cidr


def test_sampled_addresses_fall_in_their_ranges() -> None:
    rng = np.random.default_rng(0)
    space = IpSpace()
    countries = np.array(["US", "DE", "JP", "CN", "XX"] * 200)
    ips = to_strings(space.residential(rng, countries)).to_pylist()
    for ip, country in zip(ips, countries, strict=True):
        code = "US" if country == "XX" else str(country)
        addr = ipaddress.IPv4Address(ip)
        assert any(addr in ipaddress.IPv4Network(c) for c, _ in RESIDENTIAL_RANGES[code]), (ip, code)
        assert not ip.endswith((".0", ".255"))
    hosting = [ipaddress.IPv4Network(c) for c, _ in HOSTING_RANGES]
    for ip in to_strings(space.vpn(rng, 300)).to_pylist():
        assert any(ipaddress.IPv4Address(ip) in n for n in hosting)


class _Ranges:
    """Fast membership test over many CIDRs (sorted, merged intervals)."""

    def __init__(self, nets: list[ipaddress.IPv4Network]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for lo, hi in sorted((int(n.network_address), int(n.broadcast_address)) for n in nets):
            if self.ends and lo <= self.ends[-1] + 1:
                self.ends[-1] = max(self.ends[-1], hi)
            else:
                self.starts.append(lo)
                self.ends.append(hi)

    def __contains__(self, ip: str) -> bool:
        x = int(ipaddress.IPv4Address(ip))
        i = bisect.bisect_right(self.starts, x) - 1
        return i >= 0 and x <= self.ends[i]


@needs_lists
def test_vpn_egress_comes_from_the_given_lists(tmp_path: Path) -> None:
    generate_world(tmp_path, 3000, 4, difficulty="easy", ip_lists=LISTS)
    with (tmp_path / "signins.csv").open(newline="") as fh:
        ips = {r["ip"] for r in csv.DictReader(fh)}
    residential = _Ranges([ipaddress.IPv4Network(c) for rs in RESIDENTIAL_RANGES.values() for c, _ in rs])
    corporate = _Ranges([ipaddress.IPv4Network(CORPORATE_EGRESS_RANGE[0])])
    listed = _Ranges(_networks("output_datacenter_ipv4.txt") + _networks("output_vpn_ipv4.txt"))
    other = [ip for ip in ips if ip not in residential and ip not in corporate]
    assert len(other) > 20, "too few VPN or datacenter sign-ins"
    assert all(ip in listed for ip in other)


def test_parquet_output(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    summary = generate_world(tmp_path, 1000, 9, fmt="parquet")
    assert pq.read_table(tmp_path / "people.parquet").num_rows == summary["people_rows"] == 1000
