"""Reused photos: 64-bit perceptual hashes within a small Hamming distance, found with LSH.

Identical hashes are collapsed first (a hash held by more people than a ring could be is a
default avatar, and is dropped). Distinct hashes are then indexed by bit sampling: each of
:data:`TABLES` tables keys a hash by :data:`BITS` fixed bit positions, so two hashes at
distance 6 meet in at least one table with probability 0.98 (above 0.99 up to distance 5),
while unrelated hashes (distance near 32) almost never do. Candidates are checked with the
exact Hamming distance in SQL. Nothing is compared all-pairs.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from hirewall.engine.base import Engine
from hirewall.graph.unionfind import UnionFind
from hirewall.indicators._common import MAX_SHARED_PEOPLE, PEOPLE_CTE, registered

MAX_DISTANCE = 6
TABLES = 40
BITS = 20
MAX_BUCKET = 200
"""A bucket fuller than this is a cluster of near-blank images; it is skipped."""

HASHES_SQL = f"""
WITH {PEOPLE_CTE},
h AS (
  SELECT p.record_id, pk.person_key, p.photo_phash AS phash
  FROM people p JOIN pk USING (record_id) WHERE p.photo_phash IS NOT NULL
)
SELECT record_id, person_key, phash FROM h
WHERE phash IN (SELECT phash FROM h GROUP BY phash HAVING count(DISTINCT person_key) <= ?)
ORDER BY record_id
"""  # noqa: S608 (composed only of our own SQL constants)
"""Ingest stores a hash as 16 lower-case hex digits, so equal strings are equal hashes."""

PAIRS_SQL = """
WITH d AS (SELECT DISTINCT v FROM __hw_photo_hashes),
b AS (SELECT d.v, m.t, d.v & m.mask AS k FROM d CROSS JOIN __hw_photo_masks m),
ok AS (SELECT t, k FROM b GROUP BY t, k HAVING count(*) BETWEEN 2 AND ?),
c AS (
  SELECT DISTINCT x.v AS a, y.v AS b
  FROM b x JOIN ok USING (t, k) JOIN b y ON x.t = y.t AND x.k = y.k AND x.v < y.v
)
SELECT a, b, bit_count(xor(a, b)) AS distance FROM c WHERE bit_count(xor(a, b)) <= ?
"""


@dataclass(frozen=True)
class PhotoCluster:
    """Records whose photos have the same or nearly the same perceptual hash."""

    key: str
    records: tuple[tuple[str, str, str], ...]
    """(record_id, person_key, phash) of each member."""
    max_distance: int

    @property
    def people(self) -> int:
        return len({p for _, p, _ in self.records})


_U64 = (1 << 64) - 1


def _signed(value: int) -> int:
    """A 64-bit hash as the signed BIGINT with the same bits: Spark has no unsigned integers,
    and ``&``, ``xor`` and ``bit_count`` see only the bits."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _masks(seed: int) -> list[int]:
    rng = random.Random(seed)
    out = []
    for _ in range(TABLES):
        mask = 0
        for bit in rng.sample(range(64), BITS):
            mask |= 1 << bit
        out.append(mask)
    return out


def photo_clusters(engine: Engine, seed: int = 0) -> Iterator[PhotoCluster]:
    """Clusters of near-identical photo hashes that span 2 to MAX_SHARED_PEOPLE people."""
    rows = engine.query(HASHES_SQL, [MAX_SHARED_PEOPLE])
    if len(rows) < 2:
        return
    uf = UnionFind()
    dist: dict[int, int] = {}
    values = [int(r[2], 16) for r in rows]
    columns = {"record_id": [r[0] for r in rows], "v": pa.array([_signed(v) for v in values], pa.int64())}
    masks = pa.array([_signed(m) for m in _masks(seed)], pa.int64())
    with (
        registered(engine, "__hw_photo_hashes", columns),
        registered(engine, "__hw_photo_masks", {"t": list(range(TABLES)), "mask": masks}),
    ):
        for signed_a, signed_b, d in engine.query(PAIRS_SQL, [MAX_BUCKET, MAX_DISTANCE]):
            a, b = int(signed_a) & _U64, int(signed_b) & _U64
            uf.union(str(a), str(b))
            dist[a] = max(dist.get(a, 0), int(d))
            dist[b] = max(dist.get(b, 0), int(d))
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for (record_id, person_key, phash), v in zip(rows, values, strict=True):
        groups.setdefault(uf.find(str(v)), []).append((str(record_id), str(person_key), str(phash)))
    for members in groups.values():
        cluster = PhotoCluster(
            key=min(m[2] for m in members),
            records=tuple(sorted(members)),
            max_distance=max((dist.get(int(m[2], 16), 0) for m in members), default=0),
        )
        if 2 <= cluster.people <= MAX_SHARED_PEOPLE:
            yield cluster
