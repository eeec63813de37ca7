"""Referral chains into rings (I12), evaluated once rings are known.

An operator's personas recommend more personas (G1: they "recommend additional DPRK IT
workers"). A referral alone proves nothing, so it is used only to extend a ring found on other
evidence (:func:`seed_rings`), following chains link by link:

- a person referred by a ring member (not an insider, below) joins that ring;
- a person who referred two or more members of one ring joins it (an insider). The others
  that insider referred join only by the next rule, from a member's wave: an employee's
  referrals of other years are not pulled in;
- a person referred by the same referrer as a ring member, within that member's wave, joins
  the ring (an insider placing a team; the referrer, who has now referred two members, then
  joins by the rule above). An employee fooled into referring a persona would have the friend
  they referred in the same months put up for review too; the synthetic worlds do not model
  such an employee, so their figures do not show that cost;
- a person who referred one ring member joins it when they arrived within the wave of that
  member (:data:`~hirewall.indicators._waves.WAVE_DAYS`): a persona recommending the next one.
  A long-standing employee who once referred a persona is not pulled in;
- a person who referred two or more people of one wave who each stand out on their own
  evidence (``flagged``) is tied to them: an insider placing personas;
- people of one lead (a ring held by one weak link, :func:`lead_rings`, such as two people
  sharing a residential egress IP) whom a referral of one wave also ties, one referring the
  other or both referred by one person, are tied by that referral: two independent kinds of
  link between the same people. The lead gains no one but their referrer;
- a referrer and a referee of one wave, neither of them in a ring (:func:`ring_members`,
  which counts rings held by referrals too), are tied when either
  stands out on their own evidence: a flagged persona recommending the next one, or being
  recommended by a recent arrival; or when both carry evidence of their own from two
  families (``evidenced``, :func:`~hirewall.scoring.model.evidenced_alone`) though neither
  stands out: each one's evidence and the referral corroborate each other. (Inside a ring
  the rules above apply.)

Only referrers on file count
(:data:`~hirewall.indicators._identity_links.REFERRALS_ON_FILE_SQL`). The hits use the I12
indicator's id, so their explanation, source and weight are the catalogue's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from datetime import date

from hirewall.engine.base import Engine
from hirewall.graph.links import Ring
from hirewall.indicators._identity_links import REFERRALS_ON_FILE_SQL
from hirewall.indicators._waves import one_wave, waves
from hirewall.indicators.base import Hit

INDICATOR = "referred_by_linked_person"
MAX_ROUNDS = 12


def seed_rings(rings: list[Ring]) -> dict[str, str]:
    """Member -> ring id, for the rings that referral chains may extend.

    Only rings found on evidence other than referrals seed chains: a ring held together by
    referrals alone (a referral burst) would otherwise count those referrals twice, once as
    its link and again as the chains that grow from it, and a chance burst of ordinary
    referrals would pull in whoever its members referred at other times. Such a ring's
    members are still in a ring (:func:`ring_members`).
    """
    return {m: r.ring_id for r in rings if _firm_apart_from_referrals(r) for m in _core(r)}


def ring_members(rings: list[Ring]) -> frozenset[str]:
    """The people already in a ring, whom the same-wave rules leave alone.

    A ring held together by one weak link (two people who share an egress IP and arrived
    together) is a lead, not a finding, and seeds nothing: the people its members referred
    are not pulled in, or a chance sharing would pass on as a referral link, which is strong.
    For the same reason a member attached by one weak link (:attr:`~Ring.attached`) counts as
    in no ring.
    """
    return frozenset(m for r in rings if r.firm for m in _core(r))


def lead_rings(rings: list[Ring]) -> dict[str, str]:
    """Member -> ring id, for the rings held by one weak link (leads, not findings)."""
    return {m: r.ring_id for r in rings if not r.firm for m in _core(r)}


def _core(ring: Ring) -> list[str]:
    return [m for m in ring.members if m not in ring.attached]


def _firm_apart_from_referrals(ring: Ring) -> bool:
    """Whether the ring is :attr:`~Ring.firm` on its links other than referrals."""
    return replace(ring, groups=tuple(g for g in ring.groups if g.kind != "referral")).firm


def referral_hits(
    engine: Engine,
    ring_of: Mapping[str, str],
    arrived: Mapping[str, date],
    flagged: frozenset[str] = frozenset(),
    evidenced: frozenset[str] = frozenset(),
    in_rings: Collection[str] | None = None,
    leads: Mapping[str, str] | None = None,
) -> list[Hit]:
    """Hits that tie referees and referrers to the rings of the people on the other side.

    ``ring_of`` maps the members of the rings that chains extend (:func:`seed_rings`) to their
    ring; ``in_rings`` holds everyone already in a ring (:func:`ring_members`; by default the
    members of ``ring_of``), whom the same-wave rules leave alone; ``leads`` the members of
    the rings held by one weak link (:func:`lead_rings`). ``arrived`` holds each record's
    arrival date (:func:`~hirewall.indicators._waves.arrival_dates`).
    """
    pairs = [(str(a), str(b)) for a, b in engine.query(REFERRALS_ON_FILE_SQL)]
    if not pairs:
        return []
    joined = dict(ring_of)
    insiders: set[str] = set()
    hits: dict[tuple[str, str], Hit] = {}
    _flagged_referees(pairs, flagged, arrived, hits)
    _referrals_within_leads(pairs, leads or {}, arrived, hits)
    _same_wave_referrals(pairs, flagged, evidenced, arrived, hits, ring_of if in_rings is None else in_rings)
    for _ in range(MAX_ROUNDS):
        added = False
        referees: dict[str, list[str]] = defaultdict(list)
        for referee, referrer in pairs:
            referees[referrer].append(referee)
            ring = joined.get(referrer)
            if ring and referee not in joined and referrer not in insiders:
                joined[referee] = ring
                hits[(referee, referrer)] = _hit(referee, referrer, f"referred by a member of {ring}")
                hits[(referrer, referrer)] = _hit(referrer, referrer, f"referred people into {ring}")
                added = True
            ring = joined.get(referee)
            if ring and referrer not in joined and one_wave((referrer, referee), arrived):
                joined[referrer] = ring
                hits[(referrer, referrer)] = _hit(referrer, referrer, f"referred a member of {ring}")
                hits[(referee, referrer)] = _hit(referee, referrer, f"referred by {referrer}, same wave")
                added = True
        for referrer, people in referees.items():
            added |= _co_referees(referrer, people, joined, arrived, hits)
            rings = defaultdict(list)
            for p in people:
                if p in joined:
                    rings[joined[p]].append(p)
            for ring, members in rings.items():
                if len(members) >= 2 and referrer not in joined:
                    joined[referrer] = ring
                    insiders.add(referrer)
                    hits[(referrer, referrer)] = _hit(
                        referrer, referrer, f"referred {len(members)} members of {ring}"
                    )
                    for m in members:
                        hits[(m, referrer)] = _hit(
                            m, referrer, f"referred by {referrer}, who referred others"
                        )
                    added = True
        if not added:
            break
    return list(hits.values())


def _co_referees(
    referrer: str,
    people: list[str],
    joined: dict[str, str],
    arrived: Mapping[str, date],
    hits: dict[tuple[str, str], Hit],
) -> bool:
    """Join to a ring the people ``referrer`` referred within the wave of one of its members."""
    added = False
    for member in people:
        ring = joined.get(member)
        if ring is None:
            continue
        for other in people:
            if other not in joined and one_wave((member, other), arrived):
                joined[other] = ring
                hits[(other, referrer)] = _hit(
                    other,
                    referrer,
                    f"referred by {referrer}, who referred {member} of {ring} in the same wave",
                )
                hits.setdefault(
                    (member, referrer),
                    _hit(member, referrer, f"referred by {referrer}, with {other} in the same wave"),
                )
                added = True
    return added


def _flagged_referees(
    pairs: list[tuple[str, str]],
    flagged: frozenset[str],
    arrived: Mapping[str, date],
    hits: dict[tuple[str, str], Hit],
) -> None:
    referees: dict[str, list[str]] = defaultdict(list)
    for referee, referrer in pairs:
        if referee in flagged:
            referees[referrer].append(referee)
    _tie_waves(referees.items(), arrived, hits, "who stand out on their own evidence", "who stand out")


def _tie_waves(
    referees: Iterable[tuple[str, list[str]]],
    arrived: Mapping[str, date],
    hits: dict[tuple[str, str], Hit],
    they: str,
    others: str,
    *,
    keep: bool = False,
) -> None:
    """Tie each referrer to the people it referred in one wave, two or more: "referred 3
    people {they}" and "referred by R, with others {others}". With ``keep``, a pair that
    already has a hit keeps it."""
    for referrer, people in referees:
        for wave in waves(sorted(people), arrived):
            new = {(referrer, referrer): _hit(referrer, referrer, f"referred {len(wave)} people {they}")}
            for p in wave:
                new[(p, referrer)] = _hit(p, referrer, f"referred by {referrer}, with others {others}")
            for key, hit in new.items():
                if not keep or key not in hits:
                    hits[key] = hit


def _referrals_within_leads(
    pairs: list[tuple[str, str]],
    leads: Mapping[str, str],
    arrived: Mapping[str, date],
    hits: dict[tuple[str, str], Hit],
) -> None:
    """Tie the people of one lead whom a referral of one wave ties too, and their referrer."""
    referees: dict[tuple[str, str], list[str]] = defaultdict(list)
    for referee, referrer in pairs:
        lead = leads.get(referee)
        if lead is None:
            continue
        if leads.get(referrer) == lead and one_wave((referee, referrer), arrived):
            why = f"referred by {referrer} in the same wave, with whom they share a link too"
            hits[(referee, referrer)] = _hit(referee, referrer, why)
            hits.setdefault(
                (referrer, referrer),
                _hit(
                    referrer,
                    referrer,
                    f"referred {referee} in the same wave, with whom they share a link too",
                ),
            )
        referees[(referrer, lead)].append(referee)
    by_referrer = ((referrer, people) for (referrer, _), people in referees.items())
    _tie_waves(by_referrer, arrived, hits, "of one wave who share a link", "who share a link", keep=True)


def _same_wave_referrals(
    pairs: list[tuple[str, str]],
    flagged: frozenset[str],
    evidenced: frozenset[str],
    arrived: Mapping[str, date],
    hits: dict[tuple[str, str], Hit],
    in_rings: Collection[str],
) -> None:
    """Tie a referrer and a referee of one wave, outside rings, when one of them stands out
    or both carry evidence from two families."""
    for referee, referrer in pairs:
        if (referee, referrer) in hits or referee in in_rings or referrer in in_rings:
            continue
        if not one_wave((referee, referrer), arrived):
            continue
        if referee in flagged or referrer in flagged:
            who = referee if referee in flagged else referrer
            why = f"{who} stands out on their own"
        elif referee in evidenced and referrer in evidenced:
            why = "both carry evidence of their own from two families"
        else:
            continue
        hits[(referee, referrer)] = _hit(referee, referrer, f"referred by {referrer} in the same wave; {why}")
        hits.setdefault(
            (referrer, referrer), _hit(referrer, referrer, f"referred {referee} in the same wave; {why}")
        )


def _hit(record_id: str, referrer: str, summary: str) -> Hit:
    return Hit(
        record_id,
        INDICATOR,
        0.7,
        summary,
        ({"record_id": record_id, "referred_by": referrer},),
        group=f"referral:{referrer}",
    )
