"""Detection quality over many synthetic worlds: synth, scan and evaluate each seed.

    python -m benchmarks.sweep --difficulty hard --seeds 103-110,114 --out sweep-out

Each world is generated, scanned and evaluated by the ``hirewall`` commands in a subprocess
of its own (two at a time by default), so a sweep measures what a user would get. Worlds and
scans are kept under ``--out`` (``world-D-S`` and ``scan-D-S``) and reused when present, so a
code change is measured by scanning again (``--rescan``) or into scans of another name
(``--tag``) while the worlds stay. Writes ``sweep[-TAG]-D.json`` (every seed's
``evaluation.json`` condensed, and the pooled figures) and prints one table row a seed
with the issue's targets: flagged precision and recall, ring ARI, facilitator in top 3 (in
brackets, the rings hit in any part of a split ring) and the worst false-positive rate of any
benign confounder group. A last row pools the worlds (precision and recall over all their
records, facilitator hits over all their rings, each group's FPR over all its members, the
mean and lowest ARI), and a line names the worlds that miss a target and by what
(:data:`TARGETS`). A ring ARI or facilitator miss also gives what perfect linking reaches on
that world (``evaluate``'s ``perfect_linking``): where it misses too, the data splits the rings.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HIREWALL = [sys.executable, "-m", "hirewall"]

TARGETS: dict[str, dict[str, float]] = {
    "normal": {"recall": 0.95, "precision": 0.90, "ring_ari": 0.90},
    "hard": {"recall": 0.80, "precision": 0.80},
}
"""The detection issue's targets by difficulty (easy worlds are held to normal's). Every
difficulty also needs :data:`MAX_GROUP_FPR` in every benign group and
:data:`MIN_FACILITATOR_RATE`."""
MAX_GROUP_FPR = 0.005
MIN_FACILITATOR_RATE = 0.90


def parse_seeds(text: str) -> list[int]:
    """``101-103,110`` -> [101, 102, 103, 110]."""
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        seeds.extend(range(int(lo), int(hi or lo) + 1))
    return seeds


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.strip()[-500:]}")


def condensed(seed: int, difficulty: str, m: dict[str, Any]) -> dict[str, Any]:
    """The figures the detection targets are stated in, from one ``evaluation.json``."""
    groups = m["fpr_by_group"]
    worst = max(groups, key=lambda g: (groups[g]["fpr"], g != "none", g))
    fac = m["facilitator_top3"]
    best = m.get("perfect_linking", {})
    return {
        "seed": seed,
        "difficulty": difficulty,
        "personas": m["personas"],
        "precision": m["flagged"]["precision"],
        "recall": m["flagged"]["recall"],
        "tp": m["flagged"]["tp"],
        "fp": m["flagged"]["fp"],
        "fn": m["flagged"]["fn"],
        "ring_ari": m["ring_ari"],
        "facilitator_hit": fac["hit"],
        "facilitator_rings": fac["rings"],
        "facilitator_rate": fac["rate"],
        "facilitator_hit_any_part": fac["hit_any_part"],
        "facilitator_rate_any_part": fac["rate_any_part"],
        "linked_ring_ari": best.get("ring_ari"),
        "linked_facilitator_hit": best.get("facilitator_hit"),
        "worst_group": worst,
        "worst_group_flagged": groups[worst]["flagged"],
        "worst_group_n": groups[worst]["n"],
        "worst_group_fpr": groups[worst]["fpr"],
        "groups": {g: {"flagged": v["flagged"], "n": v["n"]} for g, v in sorted(groups.items())},
    }


def misses(r: dict[str, Any]) -> list[str]:
    """The targets one condensed world misses, each with its figure."""
    out = []
    for k, v in TARGETS.get(r["difficulty"], TARGETS["normal"]).items():
        if r[k] < v:
            text = f"{k} {r[k]:.3f} < {v}"
            if k == "ring_ari" and r.get("linked_ring_ari") is not None:
                text += f" (perfect linking {r['linked_ring_ari']:.3f})"
            out.append(text)
    if r["worst_group_fpr"] > MAX_GROUP_FPR:
        flagged, n = r["worst_group_flagged"], r["worst_group_n"]
        out.append(f"FPR {r['worst_group']} {flagged}/{n} = {100 * flagged / n:.3f}% > 0.5%")
    if r["facilitator_rate"] < MIN_FACILITATOR_RATE:
        text = f"facilitator {r['facilitator_hit']}/{r['facilitator_rings']} < {MIN_FACILITATOR_RATE}"
        if r.get("linked_facilitator_hit") is not None:
            text += f" (perfect linking {r['linked_facilitator_hit']}/{r['facilitator_rings']})"
        out.append(text)
    return out


def pooled(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The worlds as one: counts summed, then the same figures as a world's."""
    tp, fp, fn = (sum(r[k] for r in results) for k in ("tp", "fp", "fn"))
    groups: dict[str, dict[str, int]] = {}
    for r in results:
        for g, v in r["groups"].items():
            acc = groups.setdefault(g, {"flagged": 0, "n": 0})
            acc["flagged"] += v["flagged"]
            acc["n"] += v["n"]
    fpr = {g: v["flagged"] / v["n"] if v["n"] else 0.0 for g, v in groups.items()}
    worst = max(fpr, key=lambda g: (fpr[g], g != "none", g))
    fac_keys = ("facilitator_hit", "facilitator_rings", "facilitator_hit_any_part")
    hit, rings, any_part = (sum(r[k] for r in results) for k in fac_keys)
    linked = [r["linked_facilitator_hit"] for r in results if r.get("linked_facilitator_hit") is not None]
    aris = [r["ring_ari"] for r in results]
    return {
        "worlds": len(results),
        "personas": sum(r["personas"] for r in results),
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "ring_ari_mean": round(sum(aris) / len(aris), 4),
        "ring_ari_min": min(aris),
        "facilitator_hit": hit,
        "facilitator_rings": rings,
        "facilitator_rate": round(hit / rings, 4) if rings else 0.0,
        "facilitator_hit_any_part": any_part,
        "linked_facilitator_hit": sum(linked) if len(linked) == len(results) else None,
        "worst_group": worst,
        "worst_group_flagged": groups[worst]["flagged"],
        "worst_group_n": groups[worst]["n"],
        "worst_group_fpr": round(fpr[worst], 6),
        "groups": groups,
        "worlds_meeting_targets": sum(not misses(r) for r in results),
        "misses": {str(r["seed"]): m for r in results if (m := misses(r))},
    }


def one(out: Path, seed: int, difficulty: str, people: int, rescan: bool, tag: str) -> dict[str, Any]:
    world = out / f"world-{difficulty}-{seed}"
    scan = out / f"scan{tag}-{difficulty}-{seed}"
    if not (world / "labels.csv").exists():
        _run(
            [
                *HIREWALL,
                "synth",
                str(world),
                "--people",
                str(people),
                "--seed",
                str(seed),
                "--difficulty",
                difficulty,
            ]
        )
    if rescan and scan.exists():
        shutil.rmtree(scan)
    if not (scan / "persons.jsonl").exists():
        _run([*HIREWALL, "scan", str(world), "--out", str(scan), "--quiet"])
    _run([*HIREWALL, "evaluate", str(scan), "--labels", str(world / "labels.csv")])
    metrics = json.loads((scan / "evaluation.json").read_text(encoding="utf-8"))
    return condensed(seed, difficulty, metrics)


def row(r: dict[str, Any]) -> str:
    """One table row: a world's, or (with ``worlds``) the pooled figures'."""
    fac = f"{r['facilitator_hit']}/{r['facilitator_rings']} = {r['facilitator_rate']:.2f}"
    fac += f" ({r['facilitator_hit_any_part']})"
    share = f"{r['worst_group_flagged']}/{r['worst_group_n']}"
    fpr = f"{share} = {100 * r['worst_group_fpr']:.3f}% ({r['worst_group']})"
    if "worlds" in r:
        seed, ari = f"all {r['worlds']}", f"{r['ring_ari_mean']:.3f} (min {r['ring_ari_min']:.3f})"
    else:
        seed, ari = r["seed"], f"{r['ring_ari']:.3f}"
    cells = [r["difficulty"], seed, r["personas"], f"{r['precision']:.3f}", f"{r['recall']:.3f}"]
    return "| " + " | ".join(str(c) for c in [*cells, ari, fac, fpr]) + " |"


def verdict(pool: dict[str, Any]) -> str:
    """Which worlds meet every target, and what the others miss."""
    text = f"worlds meeting every target: {pool['worlds_meeting_targets']}/{pool['worlds']}"
    if pool.get("linked_facilitator_hit") is not None:
        linked = f"{pool['linked_facilitator_hit']}/{pool['facilitator_rings']}"
        text += f"; facilitator with perfect linking {linked}"
    missed = "; ".join(f"{seed}: {', '.join(m)}" for seed, m in pool["misses"].items())
    return f"{text} (missed: {missed})" if missed else text


COLUMNS: tuple[str, ...] = ("difficulty", "seed", "personas", "flagged P", "flagged R", "ring ARI")
COLUMNS += ("facilitator top 3 (any part)",)
HEADER = "| " + " | ".join([*COLUMNS, "worst benign group FPR"]) + " |\n" + "|---" * 8 + "|"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("sweep-out"))
    ap.add_argument("--difficulty", choices=["easy", "normal", "hard"], default="normal")
    ap.add_argument("--seeds", required=True, help="e.g. 101-110,122")
    ap.add_argument("--people", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rescan", action="store_true", help="scan again even where a scan exists")
    ap.add_argument("--tag", default="", help="name the scans (scan-TAG-D-S) to keep another code's")
    args = ap.parse_args()
    tag = f"-{args.tag}" if args.tag else ""
    args.out.mkdir(parents=True, exist_ok=True)
    seeds = parse_seeds(args.seeds)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(
            pool.map(lambda s: one(args.out, s, args.difficulty, args.people, args.rescan, tag), seeds)
        )
    summary = {"difficulty": args.difficulty, **pooled(results)}
    print(HEADER)
    for r in results:
        print(row(r))
    print(row(summary))
    print(verdict(summary))
    path = args.out / f"sweep{tag}-{args.difficulty}.json"
    path.write_text(json.dumps({"worlds": results, "pooled": summary}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
