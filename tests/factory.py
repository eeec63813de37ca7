"""One-line builders for tests."""

from __future__ import annotations

from collections.abc import Iterable

from hirewall.indicators.base import Context, Hit, Indicator, indicator


def fake_indicator(
    ind_id: str,
    family: str = "identity",
    fairness: str = "S",
    link: str = "none",
    code: str = "X1",
    reads_links: bool = False,
) -> Indicator:
    def func(ctx: Context) -> Iterable[Hit]:
        return ()

    func.__name__ = ind_id
    func.__doc__ = f"{ind_id} fired.\n\nTest indicator."
    return indicator(  # type: ignore[arg-type]
        code=code,
        family=family,
        sources=("G1",),
        fairness=fairness,
        tables=(),
        link=link,
        reads_links=reads_links,
    )(func)


def hit(record: str, ind: str, strength: float = 1.0, group: str | None = None) -> Hit:
    return Hit(record, ind, strength, f"{ind} on {record}", ({"record_id": record},), group)
