"""Scale benchmark: link N synthetic people (default 1M records) on DuckDB with hirewall's model.

The people come from the real generator (:func:`hirewall.synth.generate_world`) and the real
ingest (:func:`hirewall.ingest.loader.ingest`, ``people.csv`` only) into a DuckDB store; pass
``--store`` to reuse a store and labels from an earlier run (the ingest of 1M people takes
minutes). Two processes then run so each peak RSS is their own: ``train`` (prior, u, EM,
predict, classify, cluster; saves the model) and ``predict`` (saved model: predict, classify,
cluster only: the weekly re-run, target <= 15 s and <= 3 GiB on 2 cores). Each phase reports
its wall time and the peak RSS sampled while it ran. Pairwise and cluster precision/recall
come from ``labels.csv`` (records sharing a ``person_id`` are one person). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

_PAGE = os.sysconf("SC_PAGE_SIZE")


class RssSampler:
    """Samples this process's RSS every few ms; records the peak seen during each phase."""

    def __init__(self, interval: float = 0.02) -> None:
        self.peaks: dict[str, float] = {}
        self._current: str | None = None
        self._peak = 0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * _PAGE

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._peak = max(self._peak, self.rss())

    def __call__(self, phase: str, start: bool) -> None:
        """A :data:`hirewall.linkage.phases.PhaseListener`."""
        if start:
            self._current, self._peak = phase, self.rss()
        else:
            self.peaks[phase] = round(max(self._peak, self.rss()) / 1024**3, 3)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def prepare(records: int, seed: int, work: Path) -> Path:
    """Generate a world of ``records`` people and ingest its ``people.csv``; return the store."""
    from hirewall.engine.duckdb import DuckDBEngine
    from hirewall.ingest.loader import ingest
    from hirewall.synth import generate_world

    world, only = work / "world", work / "people-only"
    generate_world(world, people=records, seed=seed)
    only.mkdir(parents=True, exist_ok=True)
    shutil.copy(world / "people.csv", only / "people.csv")
    shutil.copy(world / "labels.csv", work / "labels.csv")
    store = work / "store.duckdb"
    engine = DuckDBEngine(store)
    try:
        ingest(engine, only)
    finally:
        engine.close()
    return store


def accuracy(result: Any, labels: Path) -> dict[str, Any]:
    """Pairwise and cluster-implied precision/recall/F1 of the same-person layer."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.register("same", result.same_person.select(["record_id_l", "record_id_r"]))
    con.register("clusters", result.clusters)
    con.execute(
        "CREATE TABLE lab AS SELECT entity_id AS rid, person_id FROM read_csv(?, all_varchar = true) "
        "WHERE entity_kind = 'person'",
        [str(labels)],
    )
    pair = "least({a}, {b}) AS a, greatest({a}, {b}) AS b"
    con.execute(
        f"CREATE TABLE truth AS SELECT {pair.format(a='x.rid', b='y.rid')} FROM lab x JOIN lab y "  # noqa: S608
        "ON x.person_id = y.person_id AND x.rid < y.rid"
    )
    con.execute(
        f"CREATE TABLE found AS SELECT DISTINCT {pair.format(a='record_id_l', b='record_id_r')} "  # noqa: S608
        "FROM same"
    )
    con.execute(
        f"CREATE TABLE cpairs AS SELECT {pair.format(a='x.record_id', b='y.record_id')} FROM clusters x "  # noqa: S608
        "JOIN clusters y ON x.identity_id = y.identity_id AND x.record_id < y.record_id"
    )

    def prf(table: str) -> dict[str, float]:
        n, tp = con.execute(
            f"SELECT (SELECT count(*) FROM {table}), (SELECT count(*) FROM {table} JOIN truth USING (a, b))"  # noqa: S608
        ).fetchall()[0]
        truth = con.execute("SELECT count(*) FROM truth").fetchall()[0][0]
        p, r = (tp / n if n else 0.0), (tp / truth if truth else 0.0)
        return {
            "precision": round(p, 5),
            "recall": round(r, 5),
            "f1": round(2 * p * r / (p + r) if tp else 0, 5),
        }

    truth_pairs = con.execute("SELECT count(*) FROM truth").fetchall()[0][0]
    return {"true_pairs": truth_pairs, "pairwise": prf("found"), "clusters": prf("cpairs")}


def phase(mode: str, store: Path, labels: Path, model: Path) -> dict[str, Any]:
    """Run one process's work and return per-phase wall time and peak RSS."""
    import duckdb

    from hirewall.linkage.backends import read_people
    from hirewall.linkage.resolve import LinkageOptions, link_frames
    from hirewall.settings import Settings

    with RssSampler() as sampler:
        sampler("read_store", True)
        t0 = time.perf_counter()
        con = duckdb.connect(str(store), read_only=True)
        frame = read_people(con)
        con.close()
        read_s = time.perf_counter() - t0
        sampler("read_store", False)
        opts = LinkageOptions(phase_listener=sampler)
        result = link_frames([frame], Settings(threads=2), model, retrain=mode == "train", options=opts)
    timings = {"read_store": read_s, **result.timings}
    serve = sum(result.timings.get(k, 0.0) for k in ("predict", "classify", "cluster"))
    return {
        "mode": mode,
        "records": frame.num_rows,
        "phases": {
            k: {"wall_s": round(v, 2), "peak_rss_gib": sampler.peaks.get(k)} for k, v in timings.items()
        },
        "predict_classify_cluster_s": round(serve, 2),
        "peak_rss_gib": round(max(sampler.peaks.values()), 3),
        "same_person_links": result.same_person.num_rows,
        "shared_operator_links": result.shared_operator.num_rows,
        "identities": len(set(result.clusters["identity_id"].to_pylist())),
        "accuracy": accuracy(result, labels),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=99)
    ap.add_argument("--store", type=Path, help="reuse this ingested store (labels.csv next to it)")
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    ap.add_argument("--phase", choices=["train", "predict"], help=argparse.SUPPRESS)
    ap.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.store, args.store.parent / "labels.csv", args.model)))
        return
    out: dict[str, Any] = {"records": args.records, "engine": "duckdb", "threads": 2}
    with tempfile.TemporaryDirectory(prefix="hirewall-linkage-scale-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        store = args.store or prepare(args.records, args.seed, work)
        if args.store is None:
            out["generate_and_ingest_s"] = round(time.perf_counter() - t0, 1)
        model = work / "scale.linkage-model.json"
        for mode in ("train", "predict"):
            cmd = [sys.executable, "-m", "benchmarks.linkage_scale", "--phase", mode]
            cmd += ["--store", str(store), "--model", str(model)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            lines = proc.stdout.strip().splitlines()
            out[mode] = (
                json.loads(lines[-1]) if proc.returncode == 0 and lines else {"error": proc.stderr[-800:]}
            )
    print(json.dumps(out) if args.json else json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
