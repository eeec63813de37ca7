"""Score a scan against ground truth (``labels.csv`` from ``hirewall synth``).

Metrics:
- precision, recall and F1 of "flagged for review" (band medium or high) and of band high,
  over persona and benign records (facilitator people are reported apart);
- ROC-AUC and average precision of the score;
- precision@k;
- ring adjusted Rand index over persona records and records placed in rings;
- false-positive rate per benign confounder group;
- facilitator hit rate: share of true rings (those with a labelled facilitator) whose members'
  predicted ring (the one holding most of them; on a tie, the one holding the highest-scored)
  lists a true facilitator of that ring among its top 3; and, as ``rate_any_part``, the share
  for which any predicted ring holding some of its members does. They differ on rings that
  the data splits: an operator who used a laptop farm for some personas and only a shared
  photo for others leaves two groups that nothing joins, and the farm is ranked in the
  smaller one;
- flagged recall by tactic: of the personas that used a tactic (indicators.md id), how many
  were flagged. A persona uses several tactics, so the rows overlap;
- with perfect linking: the ring ARI and facilitator rate that linking exactly each ring's
  own tactic links would give (:mod:`hirewall.synth.linkable`), the reference for a world whose
  rings the data itself splits.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sklearn.metrics import adjusted_rand_score, average_precision_score, roc_auc_score

from hirewall.exceptions import InputFileError
from hirewall.masking import stable_id
from hirewall.synth.linkable import perfect_linking

FLAG_BANDS = frozenset({"medium", "high"})


@dataclass(frozen=True)
class Labels:
    """Ground truth of a synthetic world."""

    role: dict[str, str]
    ring: dict[str, str]
    group: dict[str, str]
    facilitators: dict[str, set[str]]  # true ring id -> facilitator keys ("kind:key")
    tactics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # persona -> tactic ids


def read_labels(path: Path) -> Labels:
    """Read ``labels.csv``."""
    role: dict[str, str] = {}
    ring: dict[str, str] = {}
    group: dict[str, str] = {}
    facilitators: dict[str, set[str]] = defaultdict(set)
    tactics: dict[str, tuple[str, ...]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                kind, eid = row["entity_kind"], row["entity_id"]
                if kind == "person":
                    role[eid] = row["role"]
                    if row.get("ring_id"):
                        ring[eid] = row["ring_id"]
                    group[eid] = row.get("confounder_group") or "none"
                    if row.get("tactics"):
                        tactics[eid] = tuple(row["tactics"].split(";"))
                    if row["role"] == "facilitator" and row.get("ring_id"):
                        facilitators[row["ring_id"]].add(f"referral:{eid}")
                elif row.get("ring_id"):
                    facilitators[row["ring_id"]].add(f"{kind}:{eid}")
    except (OSError, KeyError) as e:
        raise InputFileError(path, f"not a hirewall labels file: {e}") from e
    return Labels(role, ring, group, dict(facilitators), tactics)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every JSON object of a JSON Lines file."""
    try:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except (OSError, json.JSONDecodeError) as e:
        raise InputFileError(path, f"not a readable scan output: {e}") from e


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate(out: Path, labels_path: Path) -> dict[str, Any]:
    """Compute every metric for the scan in ``out`` against ``labels_path``."""
    labels = read_labels(labels_path)
    persons = read_jsonl(out / "persons.jsonl")
    rings = {r["ring_id"]: r for r in read_jsonl(out / "rings.jsonl")}
    facs = {f["facilitator_id"]: f for f in read_jsonl(out / "facilitators.jsonl")}
    # Facilitator people (an insider who refers personas) are neither personas nor benign:
    # flagging them is right, so they are counted apart, not as false positives.
    helpers = [p for p in persons if labels.role.get(p["record_id"]) == "facilitator"]
    persons = [p for p in persons if labels.role.get(p["record_id"]) in {"persona", "benign"}]
    y_true = [labels.role[p["record_id"]] == "persona" for p in persons]
    scores = [float(p["score"]) for p in persons]
    metrics: dict[str, Any] = {
        "records": len(persons),
        "personas": sum(y_true),
        "facilitator_people": {"n": len(helpers), "flagged": sum(p["band"] in FLAG_BANDS for p in helpers)},
    }
    for name, bands in (("flagged", FLAG_BANDS), ("high", frozenset({"high"}))):
        tp = sum(1 for p, t in zip(persons, y_true, strict=True) if t and p["band"] in bands)
        fp = sum(1 for p, t in zip(persons, y_true, strict=True) if not t and p["band"] in bands)
        metrics[name] = _prf(tp, fp, sum(y_true) - tp)
    if 0 < sum(y_true) < len(y_true):
        metrics["roc_auc"] = round(float(roc_auc_score(y_true, scores)), 4)
        metrics["average_precision"] = round(float(average_precision_score(y_true, scores)), 4)
    order = sorted(range(len(persons)), key=lambda i: -scores[i])
    metrics["precision_at_k"] = {
        str(k): round(sum(y_true[i] for i in order[:k]) / k, 4)
        for k in (10, 50, 100, max(1, sum(y_true)))
        if k <= len(order)
    }
    metrics["ring_ari"] = _ring_ari(persons, labels)
    metrics["fpr_by_group"] = _fpr_by_group(persons, labels)
    metrics["facilitator_top3"] = _facilitator_top3(persons, labels, rings, facs)
    if labels.tactics:
        metrics["recall_by_tactic"] = _recall_by_tactic(persons, labels)
        metrics["perfect_linking"] = _perfect_linking(labels)
    return metrics


def _perfect_linking(labels: Labels) -> dict[str, Any]:
    personas = {p: r for p, r in labels.ring.items() if labels.role.get(p) == "persona"}
    kinds = {r: {k.partition(":")[0] for k in keys} for r, keys in labels.facilitators.items()}
    found = perfect_linking(personas, labels.tactics, kinds)
    order = sorted(personas)
    ari = adjusted_rand_score([personas[p] for p in order], [found.part[p] for p in order])
    rings = found.facilitator_rings
    return {
        "ring_ari": round(float(ari), 4) if personas else 0.0,
        "facilitator_hit": found.facilitator_hit,
        "facilitator_rings": rings,
        "facilitator_rate": round(found.facilitator_hit / rings, 4) if rings else 0.0,
    }


def _recall_by_tactic(persons: list[dict[str, Any]], labels: Labels) -> dict[str, dict[str, float]]:
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for p in persons:
        for t in labels.tactics.get(p["record_id"], ()):
            total[t] += 1
            flagged[t] += p["band"] in FLAG_BANDS
    return {
        t: {"n": total[t], "flagged": flagged[t], "recall": round(flagged[t] / total[t], 4)}
        for t in sorted(total)
    }


def _ring_ari(persons: list[dict[str, Any]], labels: Labels) -> float:
    true_ids, pred_ids = [], []
    for p in persons:
        rid = p["record_id"]
        if rid not in labels.ring and not p.get("ring_id"):
            continue
        true_ids.append(labels.ring.get(rid, f"solo:{rid}"))
        pred_ids.append(p.get("ring_id") or f"solo:{rid}")
    if not true_ids:
        return 0.0
    return round(float(adjusted_rand_score(true_ids, pred_ids)), 4)


def _fpr_by_group(persons: list[dict[str, Any]], labels: Labels) -> dict[str, dict[str, float]]:
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for p in persons:
        rid = p["record_id"]
        if labels.role[rid] != "benign":
            continue
        g = labels.group.get(rid, "none")
        total[g] += 1
        flagged[g] += p["band"] in FLAG_BANDS
    return {
        g: {"n": total[g], "flagged": flagged[g], "fpr": round(flagged[g] / total[g], 6)}
        for g in sorted(total)
    }


def _facilitator_top3(
    persons: list[dict[str, Any]], labels: Labels, rings: dict[str, Any], facs: dict[str, Any]
) -> dict[str, Any]:
    pred_rings: dict[str, Counter[str]] = defaultdict(Counter)
    best: dict[tuple[str, str], float] = {}
    for p in persons:
        true_ring = labels.ring.get(p["record_id"])
        if true_ring and p.get("ring_id") and labels.role[p["record_id"]] == "persona":
            pred_rings[true_ring][p["ring_id"]] += 1
            key = (true_ring, p["ring_id"])
            best[key] = max(best.get(key, 0.0), float(p["score"]))
    hits = any_part = 0
    true_rings = sorted({r for r in labels.ring.values() if labels.facilitators.get(r)})
    for ring in true_rings:
        wanted = {stable_id(k, "fac-") for k in labels.facilitators.get(ring, set())}
        parts = pred_rings[ring]
        found = {pred for pred in parts if wanted & set(rings.get(pred, {}).get("facilitators", [])[:3])}
        if parts:
            main = max(parts, key=lambda pred: (parts[pred], best[ring, pred], pred))
            hits += main in found
        any_part += bool(found)
    return {
        "rings": len(true_rings),
        "rings_without_facilitator_labels": len(set(labels.ring.values())) - len(true_rings),
        "hit": hits,
        "rate": round(hits / len(true_rings), 4) if true_rings else 0.0,
        "hit_any_part": any_part,
        "rate_any_part": round(any_part / len(true_rings), 4) if true_rings else 0.0,
    }
