"""Ring corroboration: a member who stands out on evidence apart from the ring's links.

A ring's own links say how likely one operator is behind it (:attr:`Ring.strength`). A ring
held by one kind of link (a referral burst, a shared résumé, a farm address) stays below full
strength, because one shared thing has innocent explanations: a chance burst of referrals, a
résumé template. When one of its members also stands out on evidence of its own that is not
one of the ring's links (remote-access tools and a payout account changed five times, say),
that innocent explanation loses much of its weight: the evidence and the link come from
different sources and point at the same operator. Such a member counts as one more kind of
link for the *other* members (:meth:`Ring.member_strength`); its own score gets no help from
its own evidence a second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from hirewall.graph.rings import Ring
from hirewall.indicators.base import Hit


def corroborate(
    rings: Sequence[Ring], hits: Iterable[Hit], stands_out: Callable[[Iterable[Hit]], set[str]]
) -> list[Ring]:
    """Mark in each ring the members who stand out on hits apart from the ring's links.

    ``stands_out`` gets those hits and returns the records they put in a flagged band (the
    pipeline passes :func:`~hirewall.scoring.model.flagged_alone`). Members attached by one
    weak link neither give nor get corroboration; rings at full strength are left as they are.
    """
    by_record: dict[str, list[Hit]] = defaultdict(list)
    for h in hits:
        by_record[h.record_id].append(h)
    out = []
    for ring in rings:
        core = [m for m in ring.members if m not in ring.attached]
        if ring.strength >= 1.0 or len(core) < 2:
            out.append(ring)
            continue
        links = {g.key for g in ring.groups + ring.attached_by}
        apart = [h for m in core for h in by_record.get(m, ()) if h.group not in links]
        who = tuple(sorted(stands_out(apart) & set(core)))
        out.append(replace(ring, corroborated_by=who) if who else ring)
    return out
