"""Referral bursts (I12): several people arriving through one referral chain in one wave.

Operators "recommend additional DPRK IT workers" (G1) and often place more than one hire per
organization (SEAL): one persona refers the next, or an insider refers a team. Both leave the
same trace in the applicant records, a burst: a referral chain or star whose referees all
arrived in one wave (:data:`~hirewall.indicators._waves.WAVE_DAYS`).

A burst is built from *units*, one per referrer and wave of the people it referred. A unit's
referees are joined to each other. The referrer is joined to them as the person on file when
it arrived in that same wave itself (a persona recommending the next one, so a chain grows
link by link); otherwise it stands in the unit alone, so an employee's referrals years apart
never add up to one burst.

How large a burst must be is set by the organization's own referrals: the referees are
shuffled among the referral slots, keeping how many people each referrer referred (up to
what 99% of its referrers refer) and when each referee arrived, and a size counts only when
such shuffles produce a burst that large at most :data:`NULL_RATE` times per organization.
A company with a busy referral programme therefore needs larger bursts than one where
referrals are rare; never fewer than :data:`MIN_BURST` arrivals.

Chains and stars are not equally common. Chance chains grow from the many people who each
refer one or two others, while a *star*, one person who referred several people of one wave,
needs a referrer who refers more than most do. So a burst is also reported when its largest
star reaches a second threshold (:attr:`Thresholds.star`), set from the same shuffles, and
both thresholds together are reached by chance at most :data:`NULL_RATE` times per
organization.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from hirewall.graph.unionfind import UnionFind
from hirewall.indicators._waves import WAVE_DAYS, waves

MIN_BURST = 3
"""Fewest arrivals in a burst. On the hard tuning worlds (seeds 103-110, 10,000 people each) the
shuffles put chance bursts of three above :data:`NULL_RATE` in every world and of four below
it, and ordinary referrals formed bursts of four twice in the eight worlds."""
NULL_RATE = 0.25
"""Chance bursts of a size, per organization, above which that size is not reported."""
TYPICAL_SHARE = 0.99
"""Share of referrers whose referral count the shuffles keep; the rest are cut down to it."""
NULL_SHUFFLES = 40
"""Shuffles of the referrals used to estimate chance bursts (fixed seed: same data, same answer)."""

Pair = tuple[str, str]
"""A referral: (referee, referrer)."""


@dataclass(frozen=True)
class Burst:
    """People joined by referrals inside one wave, and the referrals that join them."""

    people: tuple[str, ...]
    referrals: tuple[Pair, ...]
    arrivals: int
    """People in the burst who arrived in its wave (a long-standing referrer does not count)."""
    star: int = 0
    """The most people of the burst's wave that one referrer referred."""

    @property
    def root(self) -> str:
        """The referrer that names the burst: the one who referred most people in it, then
        the head of the chain (referred by nobody in it), then the smallest id."""
        made = Counter(r for _, r in self.referrals)
        referred = {e for e, _ in self.referrals}
        return min(made, key=lambda r: (-made[r], r in referred, r))


@dataclass(frozen=True)
class Thresholds:
    """What chance alone rarely produces: a burst of :attr:`arrivals` arrivals, or one
    referrer's :attr:`star` referees in one wave (never more than :attr:`arrivals`)."""

    arrivals: int
    star: int

    def reached(self, arrivals: int, star: int) -> bool:
        """Whether a burst of ``arrivals`` whose largest star is ``star`` is past chance."""
        return arrivals >= self.arrivals or star >= self.star


def find_bursts(
    pairs: Sequence[Pair], arrived: Mapping[str, date], min_size: int, min_star: int | None = None
) -> list[Burst]:
    """Bursts of at least ``min_size`` arrivals, or holding a star of at least ``min_star``
    referees of one referrer (by default no fewer than ``min_size``), largest first."""
    uf = UnionFind()
    edges: dict[str, list[Pair]] = defaultdict(list)
    star: dict[str, int] = {}
    for referrer, wave in _units(pairs, arrived):
        in_wave = referrer in arrived and any(
            abs((arrived[referrer] - arrived[p]).days) <= WAVE_DAYS for p in wave
        )
        anchor = referrer if in_wave else f"{referrer}\x00{arrived[wave[0]].isoformat()}"
        for p in wave:
            uf.union(anchor, p)
        edges[anchor].extend((p, referrer) for p in wave)
        star[anchor] = max(star.get(anchor, 0), len(wave))
    wanted = Thresholds(min_size, min_size if min_star is None else min_star)
    found = []
    for nodes in uf.groups().values():
        arrivals = sum("\x00" not in n for n in nodes)
        largest = max(star.get(n, 0) for n in nodes)
        if not wanted.reached(arrivals, largest):
            continue
        people = sorted({n.partition("\x00")[0] for n in nodes})
        refs = sorted({e for n in nodes for e in edges.get(n, ())})
        found.append(Burst(tuple(people), tuple(refs), arrivals, largest))
    found.sort(key=lambda b: (-b.arrivals, b.people))
    return found


def typical_count(counts: Iterable[int]) -> int:
    """The most referrals that :data:`TYPICAL_SHARE` of the referrers each made (the nearest-rank
    percentile), 0 when there are none."""
    made = sorted(counts)
    return made[math.ceil(round(TYPICAL_SHARE * len(made), 9)) - 1] if made else 0


def burst_thresholds(pairs: Sequence[Pair], arrived: Mapping[str, date]) -> Thresholds:
    """The smallest burst and star sizes that chance alone rarely produces in these referrals.

    :attr:`Thresholds.arrivals` is the smallest size of at least :data:`MIN_BURST` that the
    shuffles reach at most :data:`NULL_RATE` times per organization; the star threshold is
    then the smallest size whose chance bursts, added to those, stay under that rate. In the
    shuffles no referrer refers more people than :data:`TYPICAL_SHARE` of this organization's
    referrers do: an insider who referred nine people would otherwise make large chance
    bursts out of its own referrals and so hide itself.
    """
    cap = typical_count(Counter(r for _, r in pairs).values())
    kept: Counter[str] = Counter()
    ordinary = []
    for referee, referrer in pairs:
        if kept[referrer] < cap:
            kept[referrer] += 1
            ordinary.append((referee, referrer))
    referrers = [r for _, r in ordinary]
    referees = [e for e, _ in ordinary]
    rng = random.Random(0)
    chance: list[Burst] = []
    for _ in range(NULL_SHUFFLES):
        rng.shuffle(referees)
        shuffled = [(e, r) for e, r in zip(referees, referrers, strict=True) if e != r]
        chance.extend(find_bursts(shuffled, arrived, MIN_BURST))

    def rate(t: Thresholds) -> float:
        return sum(t.reached(b.arrivals, b.star) for b in chance) / NULL_SHUFFLES

    size = MIN_BURST
    while rate(Thresholds(size, size)) > NULL_RATE:
        size += 1
    star = MIN_BURST
    while star < size and rate(Thresholds(size, star)) > NULL_RATE:
        star += 1
    return Thresholds(size, star)


def _units(pairs: Sequence[Pair], arrived: Mapping[str, date]) -> list[tuple[str, list[str]]]:
    """(referrer, referees of one wave) for every referrer; undated referees are left out."""
    referred: dict[str, list[str]] = defaultdict(list)
    for referee, referrer in pairs:
        if referee in arrived:
            referred[referrer].append(referee)
    return [(r, wave) for r in sorted(referred) for wave in waves(referred[r], arrived, min_size=1)]
