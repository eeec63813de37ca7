"""The indicator catalogue: an explicit list of family modules, each exporting ``INDICATORS``.

Use :func:`catalogue` to get every indicator; nothing is imported until it is called.
"""

from __future__ import annotations

import importlib

from hirewall.indicators.base import FAMILIES, Indicator

FAMILY_MODULES = tuple(f"hirewall.indicators.{family}" for family in FAMILIES)


def catalogue() -> dict[str, Indicator]:
    """Every indicator, keyed by id, in family order."""
    out: dict[str, Indicator] = {}
    for name in FAMILY_MODULES:
        module = importlib.import_module(name)
        for ind in module.INDICATORS:
            if ind.id in out:
                raise ValueError(f"duplicate indicator id {ind.id!r} in {name}")
            out[ind.id] = ind
    return out
