"""``make bench``: time synth, ingest and scan at several sizes; write bench-out/bench.json.

Sizes default to 10k and 100k people (``--sizes 10000,100000,1000000`` adds 1M when it fits).
Optional suites (linkage, reference) run when their modules are present.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any


def phase(name: str, data: Path, out: Path, people: int, seed: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.phase", name, str(data), str(out), str(people), str(seed)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"phase": name, "people": people, "error": proc.stderr.strip().splitlines()[-1:]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--seed", type=int, default=99)
    ap.add_argument("--suites", default="pipeline,extras")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "pipeline": [],
    }
    suites = set(args.suites.split(","))
    if "pipeline" in suites:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            data = args.out / f"world-{size}"
            scan_out = args.out / f"scan-{size}"
            for name, out in (("synth", scan_out), ("ingest", scan_out), ("scan", scan_out)):
                r = phase(name, data, out, size, args.seed)
                print(json.dumps(r), flush=True)
                results["pipeline"].append(r)
    if "extras" in suites:
        for module in ("benchmarks.linkage_febrl", "benchmarks.linkage_scale", "benchmarks.reference_bench"):
            if Path(module.replace(".", "/") + ".py").exists():
                proc = subprocess.run(
                    [sys.executable, "-m", module, "--json"], capture_output=True, text=True, check=False
                )
                key = module.rsplit(".", 1)[1]
                try:
                    results[key] = json.loads(proc.stdout.strip().splitlines()[-1])
                except (json.JSONDecodeError, IndexError):
                    results[key] = {"error": (proc.stderr or "no output").strip().splitlines()[-3:]}
                print(key, json.dumps(results[key])[:300], flush=True)
    path = args.out / "bench.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
