"""The link graph: shared things (groups) and the rings they tie together.

A :class:`Group` is one shared thing (a payout account, a ship-to address, a device, a
résumé...) and the person records that share it, collected from indicator hits by
:func:`build_groups`. A :class:`Ring` is what :func:`hirewall.graph.rings.find_rings` makes of
them: the people one hidden operator is presumed to control, the groups that tie them, and how
strongly those links say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hirewall.indicators.base import Hit, Indicator


@dataclass
class Group:
    """One shared thing and the records that share it."""

    key: str
    link: str
    indicators: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)
    detail: list[dict[str, object]] = field(default_factory=list)
    """Extra evidence, e.g. Splink's match weight and waterfall for a linkage link."""

    @property
    def kind(self) -> str:
        return self.key.partition(":")[0]


@dataclass(frozen=True)
class Ring:
    """A ring of personas and the shared things that tie them."""

    ring_id: str
    members: tuple[str, ...]
    identities: int
    groups: tuple[Group, ...]
    attached: tuple[str, ...] = ()
    """Members joined by one weak link only (see :func:`hirewall.graph.rings._attachments`);
    also in ``members``."""
    attached_by: tuple[Group, ...] = ()
    """The weak groups that joined the :attr:`attached` members."""
    corroborated_by: tuple[tuple[str, ...], ...] = ()
    """The people who stand out on evidence apart from the ring's links, each as the ring
    records of that one human (see :mod:`hirewall.graph.corroboration`); they count as one
    more weak kind of link for the other members."""

    @property
    def strong_kinds(self) -> set[str]:
        return {g.kind for g in self.groups if g.link == "strong"}

    @property
    def weak_kinds(self) -> set[str]:
        return {g.kind for g in self.groups if g.link != "strong"}

    @property
    def firm(self) -> bool:
        """A strong link or two kinds of weak link (strength 2/3 or more from links alone): a
        finding. A ring held by one weak link is a lead, which referrals do not extend and
        corroboration raises only when some, not all, of its people stand out."""
        return bool(self.strong_kinds) or len(self.weak_kinds - self.strong_kinds) >= 2

    @property
    def strength(self) -> float:
        """How much the shared links, and members standing out apart from them, say about one
        operator (0..1).

        One strong kind of link gives 2/3, two give full strength; a weak kind counts half, and
        so does corroboration by a member's own evidence (:attr:`corroborated_by`).
        """
        return self._strength(bool(self.corroborated_by))

    def _strength(self, corroborated: bool) -> float:
        kinds = 2 * len(self.strong_kinds) + len(self.weak_kinds - self.strong_kinds)
        return min(1.0, kinds / 3 + (WEAK_LINK_STRENGTH if corroborated else 0.0))

    def _corroborators(self, record_id: str) -> list[tuple[str, ...]]:
        """The people corroborating the ring for this record: never the record's own human."""
        return [human for human in self.corroborated_by if record_id not in human]

    def member_strength(self, record_id: str) -> float:
        """The ring strength a member's score gets: a member joined by one weak link gets no
        more than that link is worth, not the ring's own: :data:`WEAK_LINK_STRENGTH`, or twice
        that when the ring is :attr:`firm` (the link leads to a member that the ring's own
        links already establish, which corroborates it); a member is corroborated only by
        other people, never by its own evidence again."""
        if record_id in self.attached:
            return min(self.strength, WEAK_LINK_STRENGTH * (2 if self.firm else 1))
        if record_id not in self.members:
            return 0.0
        return self._strength(bool(self._corroborators(record_id)))

    def membership_note(self, record_id: str) -> str | None:
        """Why a member is in the ring, when it is not just the usual shared links (None)."""
        if record_id in self.attached:
            kinds = sorted({g.kind for g in self.attached_by if record_id in g.records})
            counted = (
                "counted as one weak link corroborated by the ring's own links"
                if self.firm
                else "counted as one weak link"
            )
            return (
                f"attached to {self.ring_id}: shares {' and '.join(kinds) or 'a weak link'} with just "
                f"one member and arrived in the same wave; {counted}"
            )
        others = self._corroborators(record_id)
        if record_id not in self.members or not others:
            return None
        return (
            f"member of {self.ring_id}: shares links with other personas, and {len(others)} "
            "other member(s) stand out on evidence of their own apart from those links"
        )


WEAK_LINK_STRENGTH = 1 / 3
"""What one weak kind of link adds to a ring's :attr:`~Ring.strength`."""


def build_groups(hits: Iterable[Hit], catalogue: Mapping[str, Indicator]) -> dict[str, Group]:
    """Collect link-graph groups from hits whose indicator links records."""
    groups: dict[str, Group] = {}
    for hit in hits:
        ind = catalogue.get(hit.indicator)
        if hit.group is None or ind is None or ind.link == "none":
            continue
        g = groups.get(hit.group)
        if g is None:
            g = groups[hit.group] = Group(hit.group, ind.link)
        elif ind.link == "strong":
            g.link = "strong"
        g.indicators.add(hit.indicator)
        g.records.add(hit.record_id)
    return groups
