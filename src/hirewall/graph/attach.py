"""Facilitator things join the people they serve without fusing established clusters.

Used by :func:`hirewall.graph.rings.find_rings` once operator artefacts have joined people:
a laptop farm, a lent account or a front agency serves several operators, so its list of
people (one per thing and arrival wave) attaches lone people to clusters and fuses people or
clusters only when they share facilitators of several kinds in one wave.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date
from itertools import combinations

from hirewall.graph.unionfind import UnionFind

FUSE_SHARED_THINGS = 2
"""Two clusters (or two people) that share facilitators of this many kinds in one wave are
one operator's."""

FACILITATOR_OF_KIND = {"address": "site", "ip": "site"}
"""Facilitators are counted by kind, and these kinds are one: a laptop farm's ship-to address
and its internet connection are the same place and the same paid helper, so sharing both
counts once. Other kinds (a payout account, a front agency, a referrer) each count once: two
referrers of one referral chain are not two independent helpers."""

JOIN_WITHIN_DAYS = 90
"""A lone person on a facilitator's list that serves one cluster joins it only if they arrived
within this many days of one of its members (and not nearer to someone who did not). A list is
one wave (gaps of at most :data:`~hirewall.indicators._waves.WAVE_DAYS` between consecutive
arrivals), and waves of two teams that one farm, lender or front serves can chain into one; a
person three months from every member of the cluster is more likely the other team's. Set on
normal tuning worlds (101, 102, 111-113, 122-124, 92104-92106, 94101, 94104, 94107): of the
lone people joined to the only cluster on a list, 18 arrived more than 90 days from every
member and all 18 were another ring's; at 60 days, 9 of 34 were the cluster's own. The lone
people nearer in time to those 18 than to the cluster go with them: 5 more were another ring's,
and 1 the cluster's."""

SAME_OPERATOR_KINDS = frozenset({"referral"})
"""Facilitator kinds that tie people whenever they arrive: a referrer refers later personas of
its own operator, months after the first."""


class Facilitated:
    """People joined by facilitator things, attached to clusters.

    ``lists`` holds one ``(group kind, people)`` entry per thing and arrival wave.
    """

    def __init__(self, uf: UnionFind, lists: list[tuple[str, list[str]]], when: Mapping[str, date]) -> None:
        self.uf, self.when = uf, when
        self.lists = [sorted(set(people)) for _, people in lists]
        self.facilitator = [FACILITATOR_OF_KIND.get(kind, kind) for kind, _ in lists]
        self.timeless = [kind in SAME_OPERATOR_KINDS for kind, _ in lists]
        self.of_person: dict[str, set[int]] = defaultdict(set)
        for i, people in enumerate(self.lists):
            for p in people:
                self.of_person[p].add(i)

    def _things(self, root: str, members: Mapping[str, list[str]]) -> set[int]:
        return set().union(*(self.of_person[m] for m in members[root]))

    def _facilitators(self, things: set[int]) -> int:
        """How many kinds of facilitator these things stand for (:data:`FACILITATOR_OF_KIND`)."""
        return len({self.facilitator[i] for i in things})

    def _people_sharing_facilitators(self) -> list[tuple[str, str]]:
        """Pairs of people who share facilitators of :data:`FUSE_SHARED_THINGS` or more kinds in
        one wave."""
        shared: dict[tuple[str, str], set[int]] = defaultdict(set)
        for i, people in enumerate(self.lists):
            for pair in combinations(people, 2):
                shared[pair].add(i)
        return sorted(p for p, things in shared.items() if self._facilitators(things) >= FUSE_SHARED_THINGS)

    def _gap(self, person: str, root: str, members: Mapping[str, list[str]]) -> float:
        """Days between the person's arrival and the nearest arrival in the cluster."""
        d = self.when.get(person)
        days = [abs((d - self.when[m]).days) for m in members[root] if d is not None and m in self.when]
        return float(min(days)) if days else float("inf")

    def _apart(self, i: int, root: str, roots: list[str], members: Mapping[str, list[str]]) -> list[str]:
        """The lone people of list ``i`` who arrived more than :data:`JOIN_WITHIN_DAYS` from
        every member of the cluster ``root`` (people or clusters without dates are near)."""
        if self.timeless[i]:
            return []
        return [
            r for r in roots if r != root and JOIN_WITHIN_DAYS < self._gap(r, root, members) < float("inf")
        ]

    def _nearer(self, person: str, others: list[str], root: str, members: Mapping[str, list[str]]) -> bool:
        """Whether the person arrived nearer one of ``others`` (lone people) than any member of
        the cluster ``root``."""
        return min(self._gap(person, q, members) for q in others) < self._gap(person, root, members)

    def _best(self, person: str, clusters: list[str], members: Mapping[str, list[str]]) -> str:
        """The cluster a lone person shares most things with, then the nearest in time."""
        mine = self.of_person[person]
        return min(
            clusters,
            key=lambda b: (
                -len(mine & self._things(b, members)),
                self._gap(person, b, members),
                -self.uf.size[b],
                b,
            ),
        )

    def _better_cluster(self, person: str, root: str, members: Mapping[str, list[str]]) -> str | None:
        """The cluster on another of a lone person's lists that it shares facilitators of more
        kinds with than ``root`` (the only cluster on the list at hand), or of as many kinds
        and arrived nearer to; never one it arrived more than :data:`JOIN_WITHIN_DAYS` from.
        None when there is none: ``root`` keeps the person."""
        uf = self.uf
        mine = self.of_person[person]

        def rank(cluster: str) -> tuple[int, float]:
            kinds = self._facilitators(mine & self._things(cluster, members))
            return kinds, -self._gap(person, cluster, members)

        on_lists = sorted({uf.find(p) for i in mine for p in self.lists[i]} - {root})
        ranked = [(rank(c), c) for c in on_lists if uf.size[c] >= 2]
        stay = rank(root)
        better = [(r, c) for r, c in ranked if -r[1] <= JOIN_WITHIN_DAYS and r > stay]
        return max(better, key=lambda rc: rc[0])[1] if better else None

    def _join_better_clusters(
        self, near: list[str], root: str, members: Mapping[str, list[str]], union: Callable[[str, str], None]
    ) -> list[str]:
        """Join the lone people of ``near`` that another of their lists ties to a better cluster
        than ``root`` (:meth:`_better_cluster`); returns those left for ``root``.

        Repeated until nobody moves, so a lone person who arrived among those who moved follows
        them, whatever the order of the list."""
        uf = self.uf
        moved = True
        while moved:
            moved = False
            for r in near:
                if r != root and uf.size[uf.find(r)] == 1:
                    cluster = self._better_cluster(r, root, members)
                    if cluster is not None:
                        union(cluster, r)
                        moved = True
        return [r for r in near if r == root or uf.size[uf.find(r)] == 1]

    def attach(self) -> None:
        """Join people through facilitator things without fusing established clusters.

        Two people or clusters that share facilitators of :data:`FUSE_SHARED_THINGS` or more
        kinds in one wave (the same farm *and* the same front, say) are joined: one
        facilitator serving two operators twice over is less likely than one operator whose
        personas were only partly linked. A farm's address and its connection are one kind
        (:data:`FACILITATOR_OF_KIND`), so two teams housed by one farm stay apart. People are
        paired this way first, so a team tied only by its farm, its front and its referrer is
        a cluster before it meets another team at the farm. Then things shared by few people
        go first, so a team tied only by its own farm and account is already a cluster when a
        front agency that serves several teams comes up. A lone person joins the cluster it
        shares most things with, then the one whose arrivals are nearest its own. Where the
        thing serves one cluster, the lone people that arrived more than
        :data:`JOIN_WITHIN_DAYS` from all its members are another team, which the lone people
        nearer them in time than to the cluster join (except on a referrer's list,
        :data:`SAME_OPERATOR_KINDS`). Of the rest, one that another of its lists ties to a
        cluster it shares facilitators of more kinds with, or of as many and arrived nearer to
        (within :data:`JOIN_WITHIN_DAYS`), joins that cluster instead, and so do those of the
        rest for whom that cluster has then become the better one: a lender's list that comes
        up first, with one team on it, does not take a person whom a front places among
        another team.
        """
        uf = self.uf
        for p in self.of_person:
            uf.add(p)
        members = uf.groups()

        def union(a: str, b: str) -> None:
            ra, rb = uf.find(a), uf.find(b)
            if ra != rb:
                root = uf.union(ra, rb)
                members[root] = members.pop(rb if root == ra else ra) + members[root]

        for a, b in self._people_sharing_facilitators():
            union(a, b)
        for i in sorted(range(len(self.lists)), key=lambda i: len(self.lists[i])):
            people = self.lists[i]
            roots = sorted({uf.find(p) for p in people})
            big = [r for r in roots if uf.size[r] >= 2]
            if len(big) <= 1:
                apart = self._apart(i, big[0], roots, members) if big else []
                if apart:
                    later = [r for r in roots if r != big[0] and r not in apart]
                    apart += [r for r in later if self._nearer(r, apart, big[0], members)]
                near = [r for r in roots if r not in apart]
                if big:
                    near = self._join_better_clusters(near, big[0], members, union)
                for group in (near, apart):
                    for r in group[1:]:
                        union(group[0], r)
                continue
            things = {r: self._things(r, members) for r in big}
            for a, b in combinations(big, 2):
                if self._facilitators(things[a] & things[b]) >= FUSE_SHARED_THINGS:
                    union(a, b)
            big = sorted({uf.find(r) for r in big})
            for r in roots:
                if uf.find(r) != r or uf.size[r] >= 2:
                    continue
                union(self._best(r, big, members), r)
