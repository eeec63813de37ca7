"""Run one benchmark phase in this process and print its wall time and peak RSS as JSON.

Each phase runs in its own process so peak memory is the phase's own.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def run(phase: str, data: Path, out: Path, people: int, seed: int) -> dict[str, object]:
    from hirewall.settings import Settings

    settings = Settings().with_(progress=False)
    extra: dict[str, object] = {}
    t0 = time.perf_counter()
    if phase == "synth":
        from hirewall.synth import generate_world

        generate_world(data, people=people, seed=seed, difficulty="normal")
    elif phase == "ingest":
        from hirewall.engine import open_engine
        from hirewall.ingest.loader import ingest

        out.mkdir(parents=True, exist_ok=True)
        store = out / "ingest-only.duckdb"
        store.unlink(missing_ok=True)
        engine = open_engine(settings, store)
        try:
            res = ingest(engine, data)
        finally:
            engine.close()
        extra["rows"] = {t: s.kept for t, s in res.tables.items()}
    elif phase == "scan":
        from hirewall.linkage.model import model_path_for
        from hirewall.pipeline import scan

        # A cold scan, as a user's first one: no store and no saved linkage model, so the
        # Splink training is timed too (a model left by an earlier run would skip it).
        store = out / "hirewall.duckdb"
        store.unlink(missing_ok=True)
        model_path_for(store).unlink(missing_ok=True)
        result = scan(data, out, settings)
        extra["stages_s"] = result.timings
        extra["bands"] = result.band_counts()
    else:
        raise SystemExit(f"unknown phase {phase}")
    wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "phase": phase,
        "people": people,
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(peak_mb, 1),
        **extra,
    }


if __name__ == "__main__":
    phase, data, out, people, seed = (
        sys.argv[1],
        Path(sys.argv[2]),
        Path(sys.argv[3]),
        int(sys.argv[4]),
        int(sys.argv[5]),
    )
    sys.stdout.write(json.dumps(run(phase, data, out, people, seed)) + "\n")
