"""Ring corroboration: a member who stands out on evidence apart from the ring's links.

A ring's own links say how likely one operator is behind it (:attr:`Ring.strength`). A ring
held by one kind of strong link (a referral burst, a shared résumé, a farm address) stays
below full strength, because one shared thing has innocent explanations: a chance burst of
referrals, a résumé template. When one of its members also stands out on evidence that owes
nothing to the ring's links (an IP-KVM; remote-access tools and a payout account in another
name), that innocent explanation loses much of its weight: the evidence and the link come
from different sources and point at the same operator. Such a member counts as one more weak
kind of link for the *other* members (:meth:`Ring.member_strength`); its own records get no
help from its own evidence a second time.

Evidence that owes something to the links is left out: hits of the families the ring's links
belong to (the shared things themselves, and a device shipped away from home, which restates
a shared ship-to), and indicators that read links between other people
(:attr:`~hirewall.indicators.base.Indicator.reads_links`). A ring held by one weak link (see
:attr:`Ring.firm`), such as an egress IP that two people who arrived together share with
nobody else, is raised the same way when some of its people stand out and some do not: the
one who stands out corroborates the link for the other. When all of them stand out it is a
lead, not raised: they may have been joined *because* they stand out, which would count that
evidence twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from hirewall.graph.links import Ring
from hirewall.indicators.base import Hit, Indicator


def corroborate(
    rings: Sequence[Ring],
    by_record: Mapping[str, Sequence[Hit]],
    catalogue: Mapping[str, Indicator],
    identity: Mapping[str, str],
    stands_out: Callable[[Sequence[Hit]], set[str]],
) -> list[Ring]:
    """Mark in each ring the people who stand out on hits apart from the ring's links.

    ``by_record`` holds each record's hits, and ``identity`` maps a record to its human
    (same-person cluster). ``stands_out`` gets the
    hits left and returns the records they single out: the pipeline takes those they put in
    a flagged band (:func:`~hirewall.scoring.model.flagged_alone`) and those they give S-class
    evidence from two families, referrals aside
    (:func:`~hirewall.scoring.model.evidenced_alone`, as for referrals between two people).
    Members attached by one weak link neither give nor get corroboration; rings at full
    strength, and rings that are not :attr:`~Ring.firm` whose people all stand out, are left
    as they are.
    """
    out = []
    for ring in rings:
        humans: dict[str, list[str]] = defaultdict(list)
        for m in ring.members:
            if m not in ring.attached:
                humans[identity.get(m, m)].append(m)
        if ring.strength >= 1.0 or len(humans) < 2:
            out.append(ring)
            continue
        families = {catalogue[i].family for g in ring.groups for i in g.indicators if i in catalogue}
        apart = [
            h
            for records in humans.values()
            for m in records
            for h in by_record.get(m, ())
            if catalogue[h.indicator].family not in families and not catalogue[h.indicator].reads_links
        ]
        singled = stands_out(apart)
        who = tuple(tuple(sorted(rs)) for _, rs in sorted(humans.items()) if singled & set(rs))
        if not ring.firm and len(who) == len(humans):
            who = ()  # all stand out: they may have been joined for it (a lead, not raised)
        out.append(replace(ring, corroborated_by=who) if who else ring)
    return out
