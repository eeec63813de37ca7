from __future__ import annotations

import ipaddress
import random

import numpy as np
import pytest

from hirewall.exceptions import ReferenceDataError
from hirewall.reference._ranges import LabelledRanges, RangeSet, ip_to_int, read_cidr_lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2.3.4", (4, 0x01020304)),
        ("255.255.255.255", (4, 2**32 - 1)),
        ("::ffff:1.2.3.4", (4, 0x01020304)),
        ("2001:db8::1", (6, int(ipaddress.IPv6Address("2001:db8::1")))),
        ("1.2.3", None),
        ("1.2.3.256", None),
        ("", None),
        ("example.com", None),
    ],
)
def test_ip_to_int(text: str, expected: tuple[int, int] | None) -> None:
    assert ip_to_int(text) == expected


def test_membership_at_the_edges_and_merging() -> None:
    rs = RangeSet.from_cidrs(["10.0.0.0/24", "10.0.1.0/24", "10.0.0.128/25", "192.168.5.7", "2001:db8::/64"])
    assert len(rs.v4_starts) == 2  # the two /24s are adjacent and merge; the /25 is inside
    first, last = int(ipaddress.IPv4Address("10.0.0.0")), int(ipaddress.IPv4Address("10.0.1.255"))
    assert rs.contains(4, first) and rs.contains(4, last)
    assert not rs.contains(4, first - 1) and not rs.contains(4, last + 1)
    assert rs.contains(4, int(ipaddress.IPv4Address("192.168.5.7")))
    assert not rs.contains(4, int(ipaddress.IPv4Address("192.168.5.8")))
    assert rs.contains(6, int(ipaddress.IPv6Address("2001:db8::ffff")))
    assert not rs.contains(6, int(ipaddress.IPv6Address("2001:db8:0:1::")))


def test_bisect_agrees_with_ipaddress_and_numpy() -> None:
    rng = random.Random(7)
    nets = [
        ipaddress.IPv4Network((rng.getrandbits(32), rng.randint(8, 28)), strict=False) for _ in range(300)
    ]
    rs = RangeSet.from_cidrs(str(n) for n in nets)
    probes = [rng.getrandbits(32) for _ in range(3000)]
    probes += [int(n.network_address) for n in nets] + [int(n.broadcast_address) + 1 for n in nets]
    truth = [any(ipaddress.IPv4Address(p) in n for n in nets) for p in probes]
    assert [rs.contains(4, p) for p in probes] == truth
    assert rs.contains_v4_many(np.array(probes, dtype=np.int64)).tolist() == truth


def test_painted_ranges_pick_the_first_set() -> None:
    rng = random.Random(3)

    def net() -> str:
        return str(ipaddress.IPv4Network((rng.getrandbits(32), rng.randint(4, 20)), strict=False))

    sets = [RangeSet.from_cidrs(net() for _ in range(40)) for _ in range(3)]
    painted = LabelledRanges.paint(sets)
    for _ in range(5000):
        p = rng.getrandbits(32)
        expected = next((k for k, s in enumerate(sets, 1) if s.contains(4, p)), 0)
        assert painted.label(4, p) == expected
    v6 = LabelledRanges.paint(
        [RangeSet.from_cidrs(["2001:db8::/48"]), RangeSet.from_cidrs(["2001:db8::/32"])]
    )
    assert painted.label(6, 1) == 0
    assert v6.label(6, int(ipaddress.IPv6Address("2001:db8::5"))) == 1
    assert v6.label(6, int(ipaddress.IPv6Address("2001:db8:1::5"))) == 2
    assert v6.label(6, int(ipaddress.IPv6Address("2001:db9::"))) == 0


def test_bad_cidr_names_the_entry() -> None:
    with pytest.raises(ReferenceDataError, match="entry 2 '10.0.0.0/33'"):
        RangeSet.from_cidrs(["10.0.0.0/8", "10.0.0.0/33"], source="list.txt")


def test_read_cidr_lines_plain_and_tor_formats() -> None:
    assert read_cidr_lines("# comment\n1.2.3.0/24  # note\n\n2001:db8::/32\n") == [
        "1.2.3.0/24",
        "2001:db8::/32",
    ]
    tor = "ExitNode ABCD\nPublished 2026-11-01 00:00:00\nExitAddress 5.6.7.8 2026-11-01 01:02:03\n"
    assert read_cidr_lines(tor) == ["5.6.7.8"]
