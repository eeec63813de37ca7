"""Turn hits into a score, a band and a decomposition for each person record.

score = sigmoid(PRIOR + Σ contributions), where each indicator contributes
``weight × strength`` (its strongest hit), and ring membership adds
``RING_WEIGHT × ring strength``. Rules:

- corroboration: a C-class or corroboration-only indicator counts only when the person has
  counted S-class evidence from another family that corroborates (``Weight.corroborates``: a
  referral burst does not); so C-class indicators never raise a band on their own;
- the high band needs S-class evidence from at least two independent families;
- every contribution, counted or held back, is kept with its reason.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hirewall.indicators.base import Hit, Indicator
from hirewall.scoring.weights import (
    HIGH_BAND,
    MEDIUM_BAND,
    MIN_FAMILIES_FOR_HIGH,
    PRIOR_LOG_ODDS,
    RING_WEIGHT,
    weight_for,
)


@dataclass(frozen=True)
class Contribution:
    """One indicator's part in a person's score."""

    indicator: str
    family: str
    fairness: str
    weight: float
    strength: float
    log_odds: float
    counted: bool
    note: str
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class PersonScore:
    """A person record's score, band and how they came about."""

    record_id: str
    score: float
    band: str
    families: tuple[str, ...]
    contributions: tuple[Contribution, ...]


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def band_for(score: float, s_families: int) -> str:
    """Band from the score and the number of independent S-class families."""
    if score >= HIGH_BAND and s_families >= MIN_FAMILIES_FOR_HIGH:
        return "high"
    if score >= MEDIUM_BAND:
        return "medium"
    return "low"


def counts_alone(ind: Indicator) -> bool:
    """Whether the indicator is S-class evidence that counts without corroboration."""
    return ind.fairness != "C" and not weight_for(ind.id, ind.link, ind.fairness).corroboration_only


def score_person(
    record_id: str,
    hits: Iterable[Hit],
    catalogue: Mapping[str, Indicator],
    ring_strength: float = 0.0,
    ring_id: str | None = None,
    ring_note: str | None = None,
) -> PersonScore:
    """Score one person record from its hits and its ring's strength (``ring_note`` says why
    the person is in the ring when it is not the usual shared links)."""
    by_indicator: dict[str, list[Hit]] = defaultdict(list)
    for h in hits:
        by_indicator[h.indicator].append(h)
    pending: list[tuple[Indicator, float, float, bool, tuple[Hit, ...]]] = []
    s_families: set[str] = set()
    vouching: set[str] = set()  # families whose evidence corroborates the others' signals
    for ind_id, ind_hits in sorted(by_indicator.items()):
        ind = catalogue[ind_id]
        w = weight_for(ind.id, ind.link, ind.fairness)
        strength = max(min(1.0, max(0.0, h.strength)) for h in ind_hits)
        alone = counts_alone(ind)
        pending.append((ind, w.log_odds, strength, not alone, tuple(ind_hits)))
        if alone:
            s_families.add(ind.family)
            if w.corroborates:
                vouching.add(ind.family)
    contributions: list[Contribution] = []
    total = PRIOR_LOG_ODDS
    for ind, weight, strength, corroboration, held in pending:
        other_families = vouching - {ind.family}
        counted = not corroboration or bool(other_families)
        note = (
            "counted"
            if not corroboration
            else ("corroborated by " + ", ".join(sorted(other_families)))
            if counted
            else "held back: needs S-class evidence from another family"
        )
        lo = weight * strength if counted else 0.0
        total += lo
        contributions.append(
            Contribution(ind.id, ind.family, ind.fairness, weight, strength, lo, counted, note, held)
        )
    if ring_id is not None and ring_strength > 0:
        lo = RING_WEIGHT * ring_strength
        total += lo
        contributions.append(
            Contribution(
                "ring_membership",
                "ring",
                "S",
                RING_WEIGHT,
                ring_strength,
                lo,
                True,
                ring_note or f"member of {ring_id}: shares links with other personas",
                (),
            )
        )
    score = sigmoid(total)
    contributions.sort(key=lambda c: -c.log_odds)
    return PersonScore(
        record_id,
        round(score, 6),
        band_for(score, len(s_families)),
        tuple(sorted(s_families)),
        tuple(contributions),
    )


def flagged_alone(hits: Iterable[Hit], catalogue: Mapping[str, Indicator]) -> set[str]:
    """Records whose own evidence, without any ring, reaches the medium band.

    The ring builder uses them to corroborate weak links: two people who each stand out on
    their own and also share a weak link (an egress IP, a referrer) are one case.
    """
    by_record: dict[str, list[Hit]] = defaultdict(list)
    for h in hits:
        by_record[h.record_id].append(h)
    return {r for r, held in by_record.items() if score_person(r, held, catalogue).band != "low"}


REFERRAL_CODE = "I12"
"""Indicators read from referrals themselves; :func:`evidenced_alone` leaves them out."""


def evidenced_alone(hits: Iterable[Hit], catalogue: Mapping[str, Indicator]) -> set[str]:
    """Records with S-class evidence of their own from :data:`MIN_FAMILIES_FOR_HIGH` or more
    families, referrals (I12) aside, whatever their score.

    Each family alone may be weak (a device shipped elsewhere, a payout platform); two
    independent families on one person corroborate each other. The referral rules use them
    to corroborate a referral between two such people.
    """
    families: dict[str, set[str]] = defaultdict(set)
    for h in hits:
        ind = catalogue[h.indicator]
        if ind.code != REFERRAL_CODE and counts_alone(ind):
            families[h.record_id].add(ind.family)
    return {r for r, fams in families.items() if len(fams) >= MIN_FAMILIES_FOR_HIGH}
