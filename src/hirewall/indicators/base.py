"""What an indicator is, what it returns, and how the catalogue is kept.

An indicator is a small function ``(ctx: Context) -> Iterable[Hit]`` wrapped by
:func:`indicator`. Its docstring is the explanation an investigator reads; the decorator
records its stable id, the indicators.md code, its public sources, its fairness class and
the tables it needs. Its weight lives in :mod:`hirewall.scoring.weights`, not here.

A :class:`Hit` says that the indicator fired for one person record, how strongly, why (a
one-line summary) and on which evidence rows. Hits that share a ``group`` (the shared phone,
address, account, device...) are also the edges of the link graph that rings are found in.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from hirewall.engine.base import Engine
from hirewall.settings import Settings

Fairness = Literal["S", "C"]
LinkStrength = Literal["strong", "weak", "none"]

FAMILIES = ("identity", "shipping", "payout", "signin", "endpoint", "vendor")


@dataclass(frozen=True)
class Hit:
    """One indicator firing for one person record."""

    record_id: str
    indicator: str
    strength: float
    summary: str
    evidence: tuple[Mapping[str, Any], ...] = ()
    group: str | None = None
    """Key of the shared thing (e.g. ``"phone:+14155550123"``); hits sharing it link records."""


@dataclass(frozen=True)
class Context:
    """What an indicator may read: the store, the settings and the tables that hold data."""

    engine: Engine
    settings: Settings
    tables: frozenset[str]
    services: Mapping[str, Any] = field(default_factory=dict)
    """Shared helpers built once per run (reference data, learned org egress...)."""


IndicatorFunc = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Indicator:
    """Catalogue entry for one indicator."""

    id: str
    code: str
    family: str
    sources: tuple[str, ...]
    fairness: Fairness
    tables: tuple[str, ...]
    link: LinkStrength
    func: IndicatorFunc
    reads_links: bool = False
    """Computed from links between other people (a vendor or referrer of linked people): it
    restates those links rather than adding evidence of its own."""

    @property
    def explanation(self) -> str:
        """The user-facing explanation: the function's docstring."""
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def title(self) -> str:
        """First line of the explanation."""
        return self.explanation.splitlines()[0] if self.explanation else self.id

    def applicable(self, tables: frozenset[str]) -> bool:
        """Whether every table this indicator needs has data."""
        return all(t in tables for t in self.tables)

    def __call__(self, ctx: Context) -> Iterable[Hit]:
        return self.func(ctx)


def indicator(
    *,
    code: str,
    family: str,
    sources: tuple[str, ...],
    fairness: Fairness,
    tables: tuple[str, ...],
    link: LinkStrength = "none",
    reads_links: bool = False,
) -> Callable[[IndicatorFunc], Indicator]:
    """Declare an indicator. The wrapped function's name is its stable id."""
    if family not in FAMILIES:
        raise ValueError(f"unknown indicator family {family!r}")

    def wrap(func: IndicatorFunc) -> Indicator:
        return Indicator(
            id=func.__name__,
            code=code,
            family=family,
            sources=sources,
            fairness=fairness,
            tables=tables,
            link=link,
            func=func,
            reads_links=reads_links,
        )

    return wrap
