"""Same-person clusters: records that are one human (duplicates and re-applicants).

These must never be scored as a ring. The deterministic rule here is the one every
indicator uses (``person_key`` in :mod:`hirewall.indicators._common`: same normalised full name
and the same birth date, or no birth date on either) and is the floor; the Splink
linkage adds probabilistic same-person links on top (see :mod:`hirewall.linkage`).
"""

from __future__ import annotations

from collections.abc import Iterable

from hirewall.engine.base import Engine
from hirewall.graph.unionfind import UnionFind
from hirewall.indicators._common import PEOPLE_CTE

SAME_PERSON_SQL = f"""
WITH {PEOPLE_CTE}
SELECT list(record_id ORDER BY record_id) AS members
FROM pk
GROUP BY person_key
HAVING count(*) > 1
"""  # noqa: S608 (composed only of our own SQL constants)


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
