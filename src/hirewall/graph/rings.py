"""Rings: groups of personas that one hidden operator controls.

Hits that share a ``group`` (the same payout account, ship-to address, device, résumé...)
are hyper-edges between person records (:mod:`hirewall.graph.links`). Records of one human
(same-person clusters) are collapsed first, so a re-applicant is never a ring. Then:

- a *strong* group (one-operator evidence on its own) joins all its members;
- a *weak* group (shared egress IP, shared vendor, household-style sharing) joins two people
  only when it is corroborated: they also share a weak group of another kind, both stand out
  on their own evidence (then a facilitator's kind, such as a farm's connection, ties them as
  that facilitator does and fuses no two clusters), or (for an egress IP shared by just the
  two of them, when nothing else joined either) they arrived in one wave; a person nothing
  else joined who shares such an IP with just one member of a ring, and arrived in its wave,
  is attached to that ring at the strength of that one weak link, or of two when the ring is
  firm (:meth:`~hirewall.graph.links.Ring.member_strength`);
- a group with more than ``max_group_size`` people is a hub (an office, a big agency, a
  building) and joins nobody, and a weak group of more than :data:`MAX_WEAK_PAIR_GROUP`
  people corroborates no pair.

A ring is a connected component with at least two distinct people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from itertools import combinations

from hirewall.graph.attach import Facilitated
from hirewall.graph.links import Group, Ring
from hirewall.graph.unionfind import UnionFind
from hirewall.indicators._waves import WAVE_DAYS, first_arrivals, main_wave, one_wave, waves
from hirewall.masking import stable_id

MAX_GROUP_SIZE = 40
MAX_WEAK_PAIR_GROUP = 15


IDENTITY_DOCUMENT_KINDS = frozenset({"nid"})
"""A stolen identity links its thieves, and its real owner too if the owner is on file."""


def _other_strong_links(groups: Mapping[str, Group], identity: Mapping[str, str]) -> dict[str, int]:
    """Per person, how many strong groups of other kinds than identity documents hold them."""
    count: dict[str, int] = defaultdict(int)
    for g in groups.values():
        if g.link != "strong" or g.kind in IDENTITY_DOCUMENT_KINDS or len(g.records) < 2:
            continue
        for p in {identity.get(r, r) for r in g.records}:
            count[p] += 1
    return count


def _without_presumed_victims(
    people: list[str], other_links: Mapping[str, int], when: Mapping[str, date]
) -> list[str]:
    """Drop, from a shared identity document, the holders presumed to be its victims.

    The operator's personas are the holders with other links or, when none has any, the
    largest wave of holders (see :func:`waves`): personas apply together, while the real
    owner of a stolen id arrived on their own. A holder with no other link stays only if it
    arrived within :data:`WAVE_DAYS` of a persona; otherwise it is the owner on file, or an
    unrelated victim, and is linked to nobody.
    """
    anchors = [p for p in people if other_links.get(p, 0) > 0]
    if not anchors:
        return sorted(main_wave(people, when))
    if len(anchors) == len(people):
        return people
    wave = [when[p] for p in anchors if p in when]

    def in_wave(p: str) -> bool:
        return p in when and any(abs((when[p] - d).days) <= WAVE_DAYS for d in wave)

    return [p for p in people if p in anchors or in_wave(p)]


def _facilitated_waves(
    g: Group, people: list[str], identity: Mapping[str, str], when: Mapping[str, date]
) -> list[list[str]]:
    """The waves a facilitator's thing joins; a referrer joins every wave it referred.

    A referrer (an insider, or a persona already on the payroll) usually arrived long before
    the people it refers, so its own date says nothing about which wave it serves.
    """
    if g.kind != "referral":
        return waves(people, when)
    referrer = identity.get(g.key.partition(":")[2], g.key.partition(":")[2])
    referees = [p for p in people if p != referrer]
    if referrer not in people:
        return waves(referees, when)
    dated = waves(referees, when)
    lone = [p for p in referees if not any(p in w for w in dated)]
    return [[referrer, *w] for w in dated] + [[referrer, p] for p in lone]


FACILITATOR_KINDS = frozenset({"address", "account", "vendor", "ip", "referral"})
"""Kinds of shared things that facilitators provide to *several* operators (a laptop farm, a
lent account, a front agency). They tie personas to a ring but must not fuse two rings."""

ARRIVAL_CORROBORATED_KINDS = frozenset({"ip"})
"""Weak kinds whose chance sharings are spread over the years: strangers use a café's or a
hotel's address at any time, while a laptop farm's connection serves personas that one
operator placed together. Two people who share such a thing with nobody else and arrived
within :data:`WAVE_DAYS` of each other are corroborated by that timing. Kinds that come from
lasting relations (a household's account, a fuzzy identity match between relatives) are not
listed: such people may well arrive together innocently."""


def _pair_loners(uf: UnionFind, pairs: list[tuple[str, str]]) -> None:
    """Join co-arrived weak pairs whose people belong to no cluster yet.

    Only people nothing else has joined: a ring's strength is shared by all its members, so a
    weak link must not carry a stranger into an established ring at full strength (that is
    :func:`_attachments`' job, with the strength capped). Pairs that chain are joined
    together, so the result does not depend on their order.
    """
    alone = {p for pair in pairs for p in pair if uf.size[uf.find(p)] == 1}
    for a, b in pairs:
        if a in alone and b in alone:
            uf.union(a, b)


def _attachments(uf: UnionFind, pairs: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Lone people tied by a co-arrived weak pair to a member of an established cluster.

    Person -> (cluster member, group key), for people whose co-arrived pairs all lead into one
    cluster. They are not joined in the union-find: the cluster's links and strength stay
    its own, and the person's ring contribution is capped
    (:meth:`~hirewall.graph.links.Ring.member_strength`).
    """
    into: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for a, b, key in pairs:
        for x, y in ((a, b), (b, a)):
            if uf.size[uf.find(x)] == 1 and uf.size[uf.find(y)] >= 2:
                into[x].setdefault(uf.find(y), (y, key))
    return {x: next(iter(by_root.values())) for x, by_root in into.items() if len(by_root) == 1}


def find_rings(
    groups: Mapping[str, Group],
    identity: Mapping[str, str],
    max_group_size: int = MAX_GROUP_SIZE,
    dates: Mapping[str, date] | None = None,
    flagged: frozenset[str] = frozenset(),
) -> list[Ring]:
    """Connected components of people under strong and corroborated weak links.

    Operator artefacts (contacts, résumés, photos, ids, devices) join people first. A
    facilitator's thing then joins the people it serves, except that it never fuses two
    clusters that each already hold two or more people: those are two operators using one
    facilitator. A lone persona it serves joins the cluster it shares most with. When
    ``dates`` (record -> applied or hired date) are known, a facilitator joins only people who
    arrived within :data:`WAVE_DAYS` of each other: an operator team applies in a wave, while a
    laptop farm or a front agency serves different teams at different times. A weak link
    between two ``flagged`` people (records whose own evidence reaches the medium band) is
    corroborated by that evidence and joins them too, though one of a facilitator's kind
    (:data:`FACILITATOR_KINDS`) joins them as that facilitator's thing does: two teams whose
    flagged members share a farm's connection stay two rings. So is a weak link of an
    :data:`ARRIVAL_CORROBORATED_KINDS` kind between two people who share it with nobody else,
    arrived in one wave and are in no cluster after all the above. A person still alone whose
    co-arrived pairs all lead to one cluster is attached to it (:func:`_attachments`).
    """
    uf = UnionFind()
    weak_pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    co_arrived: list[tuple[str, str, str]] = []
    facilitated: list[tuple[str, list[str]]] = []
    other_links = _other_strong_links(groups, identity)
    arrived = first_arrivals(dates or {}, identity)
    for g in groups.values():
        people = sorted({identity.get(r, r) for r in g.records})
        when = {p: arrived[p] for p in people if p in arrived}
        if g.kind in IDENTITY_DOCUMENT_KINDS:
            people = _without_presumed_victims(people, other_links, when)
        if len(people) < 2 or len(people) > max_group_size:
            continue
        if g.link == "strong" and g.kind in FACILITATOR_KINDS:
            facilitated.extend((g.kind, w) for w in _facilitated_waves(g, people, identity, when))
        elif g.link == "strong":
            for p in people[1:]:
                uf.union(people[0], p)
        elif len(people) <= MAX_WEAK_PAIR_GROUP:
            for a, b in combinations(people, 2):
                weak_pairs[(a, b)].add(g.kind)
            if len(people) == 2 and g.kind in ARRIVAL_CORROBORATED_KINDS and one_wave(people, when):
                co_arrived.append((people[0], people[1], g.key))
    stand_out = {identity.get(r, r) for r in flagged}
    for (a, b), kinds in weak_pairs.items():
        if len(kinds) >= 2:
            uf.union(a, b)
        elif a in stand_out and b in stand_out:
            (kind,) = kinds
            if kind in FACILITATOR_KINDS:
                facilitated.append((kind, [a, b]))
            else:
                uf.union(a, b)
    Facilitated(uf, facilitated, arrived).attach()
    _pair_loners(uf, sorted((a, b) for a, b, _ in co_arrived))
    attach = _attachments(uf, sorted(co_arrived))
    attached_to: dict[str, list[str]] = defaultdict(list)
    for person, (member, _) in sorted(attach.items()):
        attached_to[uf.find(member)].append(person)
    by_identity: dict[str, list[str]] = defaultdict(list)
    for record, ident in identity.items():
        by_identity[ident].append(record)
    groups_of: dict[str, list[Group]] = defaultdict(list)
    for g in groups.values():
        for r in g.records:
            groups_of[r].append(g)
    rings: list[Ring] = []
    for root, people in uf.groups().items():
        if len(people) < 2:
            continue
        core = sorted(r for p in people for r in by_identity.get(p, [p]))
        held: dict[str, set[str]] = defaultdict(set)  # group -> the members (people) in it
        for p in people:
            for r in by_identity.get(p, [p]):
                for g in groups_of.get(r, ()):
                    held[g.key].add(p)
        ring_groups = tuple(
            sorted(
                (groups[k] for k, who in held.items() if len(who) >= 2),
                key=lambda g: (g.link != "strong", g.key),
            )
        )
        joined = attached_to.get(root, [])
        extra = sorted(r for p in joined for r in by_identity.get(p, [p]))
        members = sorted(core + extra)
        rings.append(
            Ring(
                stable_id("|".join(members), "ring-"),
                tuple(members),
                len(people) + len(joined),
                ring_groups,
                tuple(extra),
                tuple(groups[k] for k in sorted({attach[p][1] for p in joined})),
            )
        )
    rings.sort(key=lambda r: (-r.identities, r.ring_id))
    return rings
