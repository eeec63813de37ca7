"""Sorted, merged integer intervals for fast CIDR membership (IPv4 and IPv6).

A list of CIDRs becomes two sorted integer sequences (first and last address of each merged
interval); membership is one :func:`bisect.bisect_right`. Building uses numpy for IPv4, plain
Python ints for IPv6 (128-bit values do not fit a numpy integer type).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from hirewall.exceptions import ReferenceDataError


def ip_to_int(ip: str) -> tuple[int, int] | None:
    """``(version, integer)`` for an IPv4/IPv6 string, or None when it is not an address.

    Examples:
        >>> ip_to_int("10.0.0.1")
        (4, 167772161)
        >>> ip_to_int("::1")
        (6, 1)
        >>> ip_to_int("nope") is None
        True
    """
    if ":" in ip:
        try:
            value = int.from_bytes(socket.inet_pton(socket.AF_INET6, ip), "big")
        except (OSError, ValueError):
            return None
        if value >> 32 == 0xFFFF:  # IPv4-mapped (::ffff:a.b.c.d)
            return 4, value & 0xFFFFFFFF
        return 6, value
    try:
        return 4, int.from_bytes(socket.inet_pton(socket.AF_INET, ip), "big")
    except (OSError, ValueError):
        return None


def _merge(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    pairs.sort()
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in pairs:
        if ends and lo <= ends[-1] + 1:
            if hi > ends[-1]:
                ends[-1] = hi
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


def _merge_v4(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised interval merge: sort by start, cut where a start exceeds every earlier end + 1."""
    if lo.size == 0:
        return lo, hi
    order = np.argsort(lo, kind="stable")
    lo, hi = lo[order], hi[order]
    run_end = np.maximum.accumulate(hi)
    new = np.ones(lo.size, dtype=bool)
    new[1:] = lo[1:] > run_end[:-1] + 1
    idx = np.flatnonzero(new)
    starts = lo[idx]
    ends = np.maximum.reduceat(hi, idx)
    return starts, ends


@dataclass(frozen=True)
class RangeSet:
    """A set of IPv4/IPv6 intervals with O(log n) membership."""

    v4_starts: Sequence[int]
    v4_ends: Sequence[int]
    v6_starts: Sequence[int]
    v6_ends: Sequence[int]

    @classmethod
    def from_cidrs(cls, cidrs: Iterable[str], source: str = "") -> RangeSet:
        """Build from CIDR strings (bare addresses count as /32 or /128). Raises on a bad entry."""
        lo4: list[int] = []
        hi4: list[int] = []
        v6: list[tuple[int, int]] = []
        for n, raw in enumerate(cidrs, 1):
            text = raw.strip()
            if not text:
                continue
            try:
                net = ipaddress.ip_network(text, strict=False)
            except ValueError as e:
                raise ReferenceDataError(f"{source or 'range list'}: entry {n} {text!r} is not a CIDR") from e
            first = int(net.network_address)
            last = first + net.num_addresses - 1
            if net.version == 4:
                lo4.append(first)
                hi4.append(last)
            else:
                v6.append((first, last))
        s4, e4 = _merge_v4(np.array(lo4, dtype=np.int64), np.array(hi4, dtype=np.int64))
        s6, e6 = _merge(v6)
        return cls(array("Q", s4.tolist()), array("Q", e4.tolist()), s6, e6)

    def contains(self, version: int, value: int) -> bool:
        """Whether the integer address ``value`` of IP ``version`` lies in the set."""
        starts, ends = (self.v4_starts, self.v4_ends) if version == 4 else (self.v6_starts, self.v6_ends)
        i = bisect_right(starts, value) - 1
        return i >= 0 and value <= ends[i]

    def contains_v4_many(self, values: np.ndarray) -> np.ndarray:
        """Vectorised IPv4 membership for an integer array (np.searchsorted)."""
        starts = np.asarray(self.v4_starts, dtype=np.int64)
        ends = np.asarray(self.v4_ends, dtype=np.int64)
        i = np.searchsorted(starts, values, side="right") - 1
        ok = i >= 0
        out = np.zeros(values.shape, dtype=bool)
        out[ok] = values[ok] <= ends[i[ok]]
        return out

    def __len__(self) -> int:
        return len(self.v4_starts) + len(self.v6_starts)

    def __bool__(self) -> bool:
        return len(self) > 0


EMPTY = RangeSet(array("Q"), array("Q"), [], [])


_EXIT_ADDRESS = re.compile(r"^ExitAddress\s+(\S+)", re.MULTILINE)


def read_cidr_lines(text: str) -> list[str]:
    """CIDR entries of a plain list (one per line, ``#`` comments ignored) or of a Tor exit-address list."""
    exits = _EXIT_ADDRESS.findall(text)
    if exits:
        return list(exits)
    out = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry.split()[0])
    return out


@dataclass(frozen=True)
class LabelledRanges:
    """Several range sets painted into one segmentation: one bisect answers "which set, first?".

    ``labels[i]`` is the 1-based index of the first set (in priority order) covering segment ``i``,
    0 when none does.
    """

    v4_starts: Sequence[int]
    v4_labels: Sequence[int]
    v6_starts: Sequence[int]
    v6_labels: Sequence[int]

    @classmethod
    def paint(cls, sets: Sequence[RangeSet]) -> LabelledRanges:
        """Combine ``sets``; earlier sets win where they overlap."""
        bounds4 = np.unique(
            np.concatenate(
                [np.zeros(1, dtype=np.int64)]
                + [np.asarray(s.v4_starts, dtype=np.int64) for s in sets]
                + [np.asarray(s.v4_ends, dtype=np.int64) + 1 for s in sets]
            )
        )
        labels4 = np.zeros(bounds4.size, dtype=np.int64)
        for code in range(len(sets), 0, -1):
            labels4[sets[code - 1].contains_v4_many(bounds4)] = code
        keep4 = np.ones(bounds4.size, dtype=bool)
        keep4[1:] = labels4[1:] != labels4[:-1]
        bounds6 = sorted(
            {0, *(b for s in sets for b in s.v6_starts), *(e + 1 for s in sets for e in s.v6_ends)}
        )
        labels6 = [next((k for k, s in enumerate(sets, 1) if s.contains(6, b)), 0) for b in bounds6]
        starts6 = [b for j, b in enumerate(bounds6) if j == 0 or labels6[j] != labels6[j - 1]]
        lab6 = [lab for j, lab in enumerate(labels6) if j == 0 or lab != labels6[j - 1]]
        return cls(
            array("Q", bounds4[keep4].tolist()),
            array("B", labels4[keep4].tolist()),
            starts6,
            array("B", lab6),
        )

    def label(self, version: int, value: int) -> int:
        """1-based index of the first set holding the address, 0 when none does."""
        if version == 4:
            return self.v4_labels[bisect_right(self.v4_starts, value) - 1]
        return self.v6_labels[bisect_right(self.v6_starts, value) - 1]
