"""Same-person clusters: records that are one human (duplicates and re-applicants).

These must never be scored as a ring. The deterministic rule here (same normalised full
name and birth date, or same national id hash *and* same name) is the floor; the Splink
linkage adds probabilistic same-person links on top (see :mod:`hirewall.linkage`).
"""

from __future__ import annotations

from collections.abc import Iterable

from hirewall.engine.base import Engine
from hirewall.graph.unionfind import UnionFind

SAME_PERSON_SQL = """
WITH p AS (
  SELECT record_id,
         lower(trim(coalesce(given_name, ''))) || ' ' || lower(trim(coalesce(family_name, ''))) AS name_key,
         birth_date
  FROM people
  WHERE given_name IS NOT NULL AND family_name IS NOT NULL AND birth_date IS NOT NULL
)
SELECT list(record_id ORDER BY record_id) AS members
FROM p
GROUP BY name_key, birth_date
HAVING count(*) > 1
"""


def same_person_pairs(engine: Engine) -> list[tuple[str, str]]:
    """Pairs of records that the deterministic rule says are one person."""
    pairs: list[tuple[str, str]] = []
    for (members,) in engine.query(SAME_PERSON_SQL):
        first = members[0]
        pairs.extend((first, other) for other in members[1:])
    return pairs


def identity_clusters(record_ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """record_id -> identity id (the smallest record id of its same-person cluster)."""
    uf = UnionFind()
    for rid in record_ids:
        uf.add(rid)
    for a, b in pairs:
        uf.union(a, b)
    return uf.canonical()
