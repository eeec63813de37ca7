"""A small union-find (disjoint sets) with path halving and union by size."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets over string keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def add(self, x: str) -> None:
        if x not in self.parent:
            self.parent[x] = x
            self.size[x] = 1

    def find(self, x: str) -> str:
        self.add(x)
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra

    def groups(self) -> dict[str, list[str]]:
        """Root -> sorted members."""
        out: dict[str, list[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        for members in out.values():
            members.sort()
        return out

    def canonical(self) -> dict[str, str]:
        """Member -> smallest member of its set (stable across runs)."""
        out: dict[str, str] = {}
        for members in self.groups().values():
            for m in members:
                out[m] = members[0]
        return out
