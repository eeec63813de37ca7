"""Split scored pairs into same-person links and shared-operator links, with explanations.

Fellegi-Sunter adds up independent evidence, so two *different* people who share a rare
phone and address can outscore their different names and birth dates (the 39% ring-mate
false-merge finding in ``research/entity-resolution.md``). Hence the two kinds of link:

* ``same_person``: match probability at or above the threshold **and** name/DOB evidence:
  with the default ``identity_guard="any"`` some name or birth-date comparison has a
  positive weight (the research guard: ring-mate merges 39% -> 1.6%); ``"sum"`` is stricter
  and needs their weights to add up above zero. Optionally also some agreeing contact.
* ``shared_operator``: every other scored pair that shares an operator attribute (phone,
  email, address or building, national id hash, profile URL, photo hash).

Each link carries Splink's match weight and a waterfall explanation: the prior followed by
one ``{comparison, level, match_weight}`` entry per comparison, summing to the match weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hirewall.linkage.model import IDENTITY_COMPARISONS, SHARED_LEVELS

EXPLANATION_TYPE = pa.list_(
    pa.struct([("comparison", pa.string()), ("level", pa.string()), ("match_weight", pa.float64())])
)
SAME_PERSON = "same_person"
SHARED_OPERATOR = "shared_operator"


@dataclass(frozen=True)
class ClassifyOptions:
    """Thresholds that separate the two kinds of link."""

    same_person_probability: float = 0.99
    """Minimum Splink match probability of a same-person link."""
    identity_guard: Literal["any", "sum"] = "any"
    """``any``: some name/DOB comparison agrees; ``sum``: name/DOB weights add up above zero."""
    require_contact_evidence: bool = False
    """Also require a positive weight from some non-name, non-DOB comparison."""
    identity_comparisons: tuple[str, ...] = IDENTITY_COMPARISONS
    """Comparisons whose evidence the identity guard accepts (names and birth date).

    Only benchmarks without rings widen this (FEBRL's clear-text id); in a store a shared
    national id hash is an operator attribute, so it must not satisfy the guard.
    """


@dataclass(frozen=True)
class _Comparison:
    name: str
    labels: tuple[str, ...]  # index = gamma + 1 (index 0 is the null level)
    shared_from: int | None  # smallest gamma that counts as "shared", None if not an operator attribute
    has_tf: bool


def _comparisons(linker: Any, columns: set[str]) -> list[_Comparison]:
    out = []
    for comp in linker._settings_obj.comparisons:
        name = comp.output_column_name
        levels = {lvl.comparison_vector_value: lvl.label_for_charts for lvl in comp.comparison_levels}
        top = max(levels)
        labels = tuple(levels.get(g, "") for g in range(-1, top + 1))
        shared = SHARED_LEVELS.get(name)
        shared_from = top - shared + 1 if shared else None
        out.append(_Comparison(name, labels, shared_from, f"mw_tf_adj_{name}" in columns))
    return out


def _weight_sql(c: _Comparison) -> str:
    tf = f" + coalesce(mw_tf_adj_{c.name}, 0)" if c.has_tf else ""
    return f"(coalesce(mw_{c.name}, 0){tf})"


def classify_sql(
    linker: Any, predictions: Any, options: ClassifyOptions, *, below_threshold: bool = False
) -> str:
    """SQL over ``predictions`` keeping the pairs of either kind, with a ``kind`` column.

    ``below_threshold`` keeps only pairs under the same-person probability (the second,
    shared-operator pass of :func:`hirewall.linkage.resolve.link_frames`).
    """
    comps = _comparisons(linker, {c.unquote().name for c in predictions.columns})
    ident = [_weight_sql(c) for c in comps if c.name in options.identity_comparisons] or ["0"]
    joiner = " + " if options.identity_guard == "sum" else " > 0 OR "
    contact = " OR ".join(
        f"{_weight_sql(c)} > 0" for c in comps if c.name not in options.identity_comparisons
    )
    shared = " OR ".join(f"gamma_{c.name} >= {c.shared_from}" for c in comps if c.shared_from is not None)
    same = f"match_probability >= {float(options.same_person_probability)!r} AND ({joiner.join(ident)} > 0)"
    if options.require_contact_evidence and contact:
        same += f" AND ({contact})"
    cols = ", ".join(f"gamma_{c.name}, {_weight_sql(c)} AS w_{c.name}" for c in comps)
    kind = f"CASE WHEN {same} THEN '{SAME_PERSON}' "
    kind += f"WHEN {shared} THEN '{SHARED_OPERATOR}' END" if shared else "END"
    return (
        f"SELECT * FROM (SELECT unique_id_l AS record_id_l, unique_id_r AS record_id_r, "  # noqa: S608
        f"match_weight, match_probability, {kind} AS kind, {cols} "
        f"FROM {predictions.physical_name}) WHERE kind IS NOT NULL"
        + (f" AND match_probability < {float(options.same_person_probability)!r}" if below_threshold else "")
    )


def _interleave(columns: list[pa.Array], n: int) -> pa.Array:
    """Row-major lists from k columns of length n: row r is [col0[r], col1[r], ...]."""
    k = len(columns)
    values = pa.concat_arrays(columns)
    order = (np.arange(n)[:, None] + np.arange(k)[None, :] * n).ravel()
    offsets = pa.array(np.arange(0, n * k + 1, k, dtype=np.int32))
    return pa.ListArray.from_arrays(offsets, values.take(pa.array(order)))


def explain(linker: Any, pairs: pa.Table) -> tuple[pa.Array, pa.Array]:
    """The waterfall explanation and the shared operator attributes of each classified pair."""
    comps = _comparisons(linker, set())
    n = pairs.num_rows
    prior = linker._settings_obj._probability_two_random_records_match
    prior_weight = math.log2(prior / (1 - prior))
    steps = [
        pa.StructArray.from_arrays(
            [pa.repeat("prior", n), pa.repeat("starting match weight", n), pa.repeat(prior_weight, n)],
            names=["comparison", "level", "match_weight"],
        )
    ]
    masks, names = [], []
    for c in comps:
        gamma = pc.fill_null(pairs[f"gamma_{c.name}"].combine_chunks(), -1)
        level = pa.array(c.labels).take(pc.add(gamma, 1))
        weight = pc.cast(pairs[f"w_{c.name}"].combine_chunks(), pa.float64())
        steps.append(
            pa.StructArray.from_arrays(
                [pa.repeat(c.name, n), level, weight], names=["comparison", "level", "match_weight"]
            )
        )
        if c.shared_from is not None:
            masks.append(gamma.to_numpy(zero_copy_only=False) >= c.shared_from)
            names.append(c.name)
    explanation = _interleave(steps, n).cast(EXPLANATION_TYPE) if n else pa.array([], EXPLANATION_TYPE)
    mask = np.stack(masks, axis=1) if masks else np.zeros((n, 0), dtype=bool)
    rows, cols = np.nonzero(mask)
    del rows
    offsets = np.concatenate([[0], np.cumsum(mask.sum(axis=1))]).astype(np.int32)
    shared = pa.ListArray.from_arrays(
        pa.array(offsets), pa.array(np.array(names, dtype=object)[cols], pa.string())
    )
    return explanation, shared


def split_links(linker: Any, pairs: pa.Table) -> tuple[pa.Table, pa.Table]:
    """Final same-person and shared-operator tables from the classified pairs."""
    explanation, shared = explain(linker, pairs)
    base = pa.table(
        {
            "record_id_l": pairs["record_id_l"],
            "record_id_r": pairs["record_id_r"],
            "match_weight": pc.cast(pairs["match_weight"], pa.float64()),
            "match_probability": pc.cast(pairs["match_probability"], pa.float64()),
            "shared": shared,
            "explanation": explanation,
        }
    )
    is_same = pc.equal(pairs["kind"], SAME_PERSON)
    same = base.filter(is_same).drop_columns(["shared"])
    return same, base.filter(pc.invert(is_same))
