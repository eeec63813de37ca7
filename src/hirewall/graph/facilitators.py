"""Facilitators: the addresses, accounts, vendors, devices and people that serve rings.

A facilitator is a shared thing (a link-graph group) that ties together personas of at least
one ring: the laptop-farm address, the account that pays several personas, the agency
that places them. Ranking favours things that serve more personas and more rings, and kinds
that the advisories tie to facilitators (addresses, accounts, vendors, referrers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hirewall.graph.links import Group, Ring

KIND_WEIGHT = {
    "address": 1.0,
    "account": 1.0,
    "vendor": 0.9,
    "referral": 0.9,
    "device": 0.8,
    "nid": 0.7,
    "ip": 0.6,
}
"""By group kind (the prefix of a group's key, e.g. ``referral:R123``)."""
DEFAULT_KIND_WEIGHT = 0.3
NOT_FACILITATORS = frozenset({"linkage", "resume", "photo", "phone", "email"})
"""Operator artefacts that nobody lends: a cloned résumé, a reused photo, the mailbox or phone
number the operator answers (G10: "VoIP numbers and emails reused across several résumés")
and a probabilistic same-person link. They tie a ring together and are listed among its
links, but a facilitator is someone else's: a laptop farm's address or connection, a lent
account or identity, a front agency, an insider who refers."""


@dataclass(frozen=True)
class Facilitator:
    """One ranked facilitator with the reason it is ranked."""

    key: str
    kind: str
    score: float
    rings: tuple[str, ...]
    personas: int
    indicators: tuple[str, ...]
    why: str


def rank_facilitators(
    rings: Sequence[Ring], groups: Mapping[str, Group], ring_scores: Mapping[str, float]
) -> list[Facilitator]:
    """Rank every shared thing that serves a ring: it ties two or more of its members, or it is
    shared by several people and reaches at least one member (a farm that received one device
    from this ring and others from other rings)."""
    ring_of = {m: r for r in rings for m in r.members}
    served: dict[str, list[Ring]] = {}
    for ring in rings:
        for g in ring.groups:
            served.setdefault(g.key, []).append(ring)
    for key, g in groups.items():
        if len(g.records) < 2 or g.kind in NOT_FACILITATORS:
            continue
        for ring in {ring_of[r].ring_id: ring_of[r] for r in sorted(g.records) if r in ring_of}.values():
            if ring not in served.setdefault(key, []):
                served[key].append(ring)
    out: list[Facilitator] = []
    for key, rs in served.items():
        g = groups[key]
        if g.kind in NOT_FACILITATORS:
            continue
        personas = len(g.records)
        weight = KIND_WEIGHT.get(g.kind, DEFAULT_KIND_WEIGHT)
        strength = 1.0 if g.link == "strong" else 0.6
        score = weight * strength * sum(ring_scores.get(r.ring_id, 0.0) for r in rs) * min(1.0, personas / 3)
        ring_ids = tuple(sorted(r.ring_id for r in rs))
        why = (
            f"{g.kind} shared by {personas} record(s) across {len(ring_ids)} ring(s) "
            f"({', '.join(sorted(g.indicators))}); {g.link} link"
        )
        out.append(
            Facilitator(key, g.kind, round(score, 4), ring_ids, personas, tuple(sorted(g.indicators)), why)
        )
    out.sort(key=lambda f: (-f.score, f.key))
    return out
