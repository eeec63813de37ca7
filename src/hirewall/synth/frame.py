"""Vectorised building blocks: string columns from index arrays, row copies, and an address book.

Addresses are kept as parts (house number, street, type, unit, city) and only spelled out when
written, each occurrence in its own style: one address shared by two records reads
"123 Main St Apt 4" in one and "123 MAIN STREET, #4" in the other, yet normalises to one key.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hirewall.synth import pools

STRING = pa.string()


def substream(seed: int, name: str) -> np.random.Generator:
    """An independent, reproducible generator for one named part of the world."""
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def arrow(values: object) -> pa.Array:
    """A (NumPy) sequence of strings as one contiguous Arrow string array."""
    out = pa.array(values, STRING)
    return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out


def take(values: Sequence[str], idx: np.ndarray) -> pa.Array:
    """values[idx] as an Arrow string array."""
    return pa.array(list(values), STRING).take(pa.array(np.asarray(idx, dtype=np.int64)))


def join(*parts: pa.Array | str) -> pa.Array:
    """Element-wise concatenation of string arrays and literals."""
    return pc.binary_join_element_wise(*parts, "")


def num(values: np.ndarray, width: int = 0) -> pa.Array:
    """Integers as strings, zero-padded to ``width``."""
    out = pa.array(np.asarray(values, dtype=np.int64)).cast(STRING)
    return pc.utf8_lpad(out, width=width, padding="0") if width else out


def where(cond: np.ndarray, a: pa.Array | str, b: pa.Array | str) -> pa.Array:
    """Element-wise ``a if cond else b``."""
    a_arr = a if isinstance(a, pa.Array) else pa.scalar(a, STRING)
    b_arr = b if isinstance(b, pa.Array) else pa.scalar(b, STRING)
    out = pc.if_else(pa.array(np.asarray(cond, dtype=bool)), a_arr, b_arr)
    return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out


def hex_strings(rng: np.random.Generator, n: int, chars: int) -> pa.Array:
    """n random lower-case hex strings of ``chars`` characters."""
    raw = rng.bytes(n * chars // 2).hex().encode()
    return arrow(np.frombuffer(raw, dtype=f"S{chars}").astype(str))


def hex64(values: np.ndarray) -> pa.Array:
    """64-bit integers as 16 hex digits."""
    raw = np.asarray(values, dtype=">u8").tobytes().hex().encode()
    return arrow(np.frombuffer(raw, dtype="S16").astype(str))


def weighted(rng: np.random.Generator, weights: Sequence[int], n: int) -> np.ndarray:
    """n indices drawn with the given weights."""
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


CITIES = [(c[0], c[1], c[2], c[4], c[5], "US", c[3]) for c in pools.US_CITIES] + [
    (c[1], c[2], c[3], c[4], c[5], c[0], ()) for c in pools.FOREIGN_CITIES
]
CITY_COUNTRY = np.array([c[5] for c in CITIES])
CITY_OFFSET = np.array([c[4] for c in CITIES], dtype=np.int64)
N_US_CITIES = len(pools.US_CITIES)
POSTCODES = [c[2][i % len(c[2])] for c in CITIES for i in range(3)]


@dataclass
class AddressBook:
    """Growable table of addresses as parts; ids index its arrays."""

    city: list[np.ndarray] = field(default_factory=list)
    house: list[np.ndarray] = field(default_factory=list)
    street: list[np.ndarray] = field(default_factory=list)
    stype: list[np.ndarray] = field(default_factory=list)
    unit: list[np.ndarray] = field(default_factory=list)
    postal: list[np.ndarray] = field(default_factory=list)
    size: int = 0

    def add(self, rng: np.random.Generator, city: np.ndarray, unit_rate: float = 0.3) -> np.ndarray:
        """New random addresses in the given cities; returns their ids."""
        n = len(city)
        self.city.append(np.asarray(city, dtype=np.int64))
        self.house.append(rng.integers(1, 9900, n))
        self.street.append(rng.integers(0, len(pools.STREET_NAMES), n))
        self.stype.append(rng.integers(0, len(pools.STREET_TYPES), n))
        self.unit.append(np.where(rng.random(n) < unit_rate, rng.integers(1, 40, n), 0))
        self.postal.append(rng.integers(0, 3, n))
        ids = np.arange(self.size, self.size + n)
        self.size += n
        return ids

    def add_units(
        self, rng: np.random.Generator, buildings: np.ndarray, sizes: np.ndarray
    ) -> list[np.ndarray]:
        """New apartments: ``sizes[i]`` of them in the building of address ``buildings[i]``."""
        self._flatten()
        src = np.repeat(np.asarray(buildings, dtype=np.int64), sizes)
        for name in ("city", "house", "street", "stype", "postal"):
            getattr(self, name).append(getattr(self, name)[0][src])
        self.unit.append(
            np.concatenate([rng.choice(np.arange(1, 400), size=k, replace=False) for k in sizes])
        )
        ids = np.arange(self.size, self.size + len(src))
        self.size += len(src)
        return np.split(ids, np.cumsum(sizes)[:-1])

    def _flatten(self) -> None:
        for name in ("city", "house", "street", "stype", "unit", "postal"):
            parts = getattr(self, name)
            if len(parts) > 1:
                setattr(self, name, [np.concatenate(parts)])

    def column(self, name: str) -> np.ndarray:
        self._flatten()
        parts: list[np.ndarray] = getattr(self, name)
        return parts[0] if parts else np.empty(0, dtype=np.int64)

    def render(self, rng: np.random.Generator, ids: np.ndarray) -> dict[str, pa.Array]:
        """Spell out addresses, each occurrence in a randomly chosen but valid style."""
        ids = np.asarray(ids, dtype=np.int64)
        n = len(ids)
        city = self.column("city")[ids]
        unit = self.column("unit")[ids]
        us = city < N_US_CITIES
        full = rng.random(n) < 0.5
        stype = self.column("stype")[ids]
        kind = where(
            full | ~us,
            take([t[0] for t in pools.STREET_TYPES], stype),
            take([t[1] for t in pools.STREET_TYPES], stype),
        )
        line1 = join(
            num(self.column("house")[ids]),
            " ",
            take(pools.STREET_NAMES, self.column("street")[ids]),
            " ",
            kind,
        )
        style = rng.integers(0, len(pools.UNIT_STYLES), n)
        unit_text = join(take([s.replace("{}", "") for s in pools.UNIT_STYLES], style), num(unit))
        has_unit = unit > 0
        inline = has_unit & (rng.random(n) < 0.3)
        line1 = where(inline, join(line1, " ", unit_text), line1)
        line1 = where(rng.random(n) < 0.08, pc.utf8_upper(line1), line1)
        line2 = where(has_unit & ~inline, unit_text, "")
        postal_arr = take(POSTCODES, city * 3 + self.column("postal")[ids])
        zip4 = us & (rng.random(n) < 0.1)
        postal_arr = where(zip4, join(postal_arr, "-", num(rng.integers(1, 9999, n), 4)), postal_arr)
        return {
            "line1": line1,
            "line2": line2,
            "city": take([c[0] for c in CITIES], city),
            "region": take([c[1] for c in CITIES], city),
            "postal_code": postal_arr,
            "country": take([c[5] for c in CITIES], city),
        }

    def one_line(self, rng: np.random.Generator, ids: np.ndarray) -> pa.Array:
        """Whole addresses on one line, as a profile change log shows them."""
        p = self.render(rng, ids)
        unit = where(pc.equal(p["line2"], ""), "", join(" ", p["line2"]))
        return join(
            p["line1"], unit, ", ", p["city"], ", ", p["region"], " ", p["postal_code"], ", ", p["country"]
        )


def redirect(n: int, dst: np.ndarray, src: np.ndarray) -> np.ndarray:
    """Row index that copies row ``src[i]`` into row ``dst[i]`` and leaves the rest."""
    idx = np.arange(n)
    idx[np.asarray(dst, dtype=np.int64)] = np.asarray(src, dtype=np.int64)
    return idx
