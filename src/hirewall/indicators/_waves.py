"""Arrival waves: an operator's personas apply together, so their arrival dates cluster.

Used by the national-id indicator (I7) to tell a stolen id's owner from the personas that
reuse it, by the ring builder to keep a facilitator from joining teams of different times,
and by the referral chains (I12). Arrival is one notion everywhere: :func:`arrival_dates`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from hirewall.engine.base import Engine

WAVE_DAYS = 120
"""Largest gap, in days, between consecutive arrivals of one wave. Set on tuning worlds
(seeds 101-113): 120 kept teams that share a facilitator apart better than 180, while 90
began to split teams."""

K = TypeVar("K", bound=Hashable)

ARRIVAL_SQL = """
SELECT record_id, coalesce(applied_at, hired_at) FROM people
WHERE coalesce(applied_at, hired_at) IS NOT NULL
"""


def arrival_dates(engine: Engine) -> dict[str, date]:
    """When each person record arrived: its application date, else its hire date."""
    return {str(r): d for r, d in engine.query(ARRIVAL_SQL)}


def first_arrivals(dates: Mapping[str, date | None], person_of: Mapping[str, str]) -> dict[str, date]:
    """Person -> their earliest arrival over their records (``dates``: record -> date).

    ``person_of`` maps records to the human they belong to; a record not in it is its own.
    A holder, a ring member or a wave is a person, who arrived with their first record.
    """
    out: dict[str, date] = {}
    for record, d in dates.items():
        person = person_of.get(record, record)
        if d is not None and (person not in out or d < out[person]):
            out[person] = d
    return out


def waves(people: Sequence[K], when: Mapping[K, date], min_size: int = 2) -> list[list[K]]:
    """Split people into waves: runs of arrival dates with gaps of at most WAVE_DAYS.

    People without a date stay together in one wave of their own. Only waves of at least
    ``min_size`` people are returned (by default two: a lone arrival is no wave).
    """
    dated = sorted(((when[p], str(p), p) for p in people if p in when), key=lambda x: (x[0], x[1]))
    undated = [p for p in people if p not in when]
    out: list[list[K]] = [undated] if len(undated) >= max(2, min_size) else []
    current: list[K] = []
    last: date | None = None
    for d, _, p in dated:
        if last is not None and (d - last).days > WAVE_DAYS:
            out.append(current)
            current = []
        current.append(p)
        last = d
    out.append(current)
    return [w for w in out if len(w) >= min_size]


def one_wave(people: Sequence[K], when: Mapping[K, date]) -> bool:
    """Whether all of ``people`` have a date and those dates form a single wave."""
    return all(p in when for p in people) and len(waves(people, when)) == 1


def main_wave(people: Sequence[K], when: Mapping[K, date]) -> list[K]:
    """The largest wave (earliest first on ties), or nobody when no two people share one."""
    found = waves(people, when)
    if not found:
        return []
    return found[max(range(len(found)), key=lambda i: (len(found[i]), -i))]
