"""What perfect linking finds in a synthetic world: each ring split by its own links.

A generated ring is not always one connected group. Each of an operator's link tactics (a
shared phone, a cloned résumé, a laptop farm, a lent account...) ties the personas that used it,
and in a hard world a link ties just two of them while a persona no link reached joins one at
random. A ring whose personas share a phone in part and a lent account in part is then two
groups that nothing in the data joins, and its facilitator (the account) is in the smaller one.

:func:`perfect_linking` finds these parts for every ring: what a detector would find that
linked exactly each ring's own tactic links and flagged every persona. ``hirewall evaluate``
reports its ring ARI and facilitator rate beside the measured ones, so a world where even this
misses a target is told apart from one where the detector does. It is generous: the personas
of one ring that used a laptop farm are joined as if one farm served them all, and when a
ring's largest parts are equal, a facilitator in any of them counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hirewall.graph.unionfind import UnionFind
from hirewall.synth.tactics import FACILITATOR_KIND, FARM_TACTICS, TACTICS

LINK_TACTICS = frozenset(t for t, (_, link, _) in TACTICS.items() if link)


@dataclass(frozen=True)
class PerfectLinking:
    """Each ring's parts and how many rings' largest part holds one of its facilitators."""

    part: dict[str, str]
    """Persona -> the id of its part (``ring/first member``)."""
    facilitator_hit: int
    facilitator_rings: int
    """Rings with a labelled facilitator, as :func:`hirewall.evaluate.evaluate` counts them."""


def _link_key(tactic: str) -> str:
    return "farm" if tactic in FARM_TACTICS else tactic


def ring_parts(ring: Mapping[str, str], tactics: Mapping[str, Sequence[str]]) -> dict[str, list[list[str]]]:
    """Each ring's personas (``ring``: persona -> ring id), in the parts its link tactics tie."""
    members: dict[str, list[str]] = defaultdict(list)
    for persona in sorted(ring):
        members[ring[persona]].append(persona)
    out: dict[str, list[list[str]]] = {}
    for ring_id, people in sorted(members.items()):
        uf = UnionFind()
        first: dict[str, str] = {}
        for p in people:
            uf.find(p)
            for t in tactics.get(p, ()):
                if t in LINK_TACTICS:
                    uf.union(first.setdefault(_link_key(t), p), p)
        parts: dict[str, list[str]] = defaultdict(list)
        for p in people:
            parts[uf.find(p)].append(p)
        out[ring_id] = sorted(parts.values())
    return out


def perfect_linking(
    ring: Mapping[str, str], tactics: Mapping[str, Sequence[str]], facilitator_kinds: Mapping[str, set[str]]
) -> PerfectLinking:
    """Parts of every ring, and the facilitator rate of their largest parts.

    ``facilitator_kinds`` holds each ring's labelled facilitator kinds (``address``, ``ip``,
    ``account``, ``vendor``, ``referral``); a part holds a facilitator when one of its personas
    used a link tactic served by a facilitator of such a kind.
    """
    part: dict[str, str] = {}
    hit = rings = 0
    for ring_id, parts in ring_parts(ring, tactics).items():
        for members in parts:
            part.update((p, f"{ring_id}/{members[0]}") for p in members)
        kinds = facilitator_kinds.get(ring_id, set())
        if not kinds:
            continue
        rings += 1
        largest = max(len(m) for m in parts)
        hit += any(
            FACILITATOR_KIND.get(t) in kinds
            for members in parts
            if len(members) == largest
            for p in members
            for t in tactics.get(p, ())
        )
    return PerfectLinking(part, hit, rings)
