"""Bring Splink's two kinds of link into the link graph.

- *same person* links join records into one identity (a re-applicant with a typo in the
  name is still one person, never a ring);
- *shared operator* links (partial overlaps: same phone but a different name and birth date,
  same address but a different unit...) become weak groups of kind ``linkage``: they join two
  people only when another kind of weak link corroborates them. A link whose shared
  attributes are nothing but a home address and/or a phone is a household, and is left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hirewall.engine.base import Engine
from hirewall.graph.links import Group
from hirewall.settings import Settings

HOUSEHOLD_ONLY = frozenset({"home_address", "phone"})
LINKAGE_INDICATOR = "splink_shared_operator"


def splink_links(
    engine: Engine, settings: Settings, store: Path
) -> tuple[list[tuple[str, str]], dict[str, Group], dict[str, float]]:
    """Same-person pairs, shared-operator groups and Splink's timings for the store."""
    from hirewall.linkage.model import model_path_for
    from hirewall.linkage.resolve import link_people

    res = link_people(engine, settings, model_path_for(store), retrain=settings.retrain_linkage)
    same = list(
        zip(
            res.same_person.column("record_id_l").to_pylist(),
            res.same_person.column("record_id_r").to_pylist(),
            strict=True,
        )
    )
    groups: dict[str, Group] = {}
    for row in res.shared_operator.to_pylist():
        shared = set(row.get("shared") or ())
        if not shared or shared <= HOUSEHOLD_ONLY:
            continue
        left, right = sorted((row["record_id_l"], row["record_id_r"]))
        key = f"linkage:{left}|{right}"
        detail: dict[str, Any] = {
            "match_weight": round(float(row["match_weight"]), 3),
            "match_probability": round(float(row["match_probability"]), 6),
            "shared": sorted(shared),
            "waterfall": row.get("explanation") or [],
        }
        groups[key] = Group(key, "weak", {LINKAGE_INDICATOR}, {left, right}, [detail])
    return same, groups, {k: round(v, 3) for k, v in res.timings.items()}
