"""Reference-intelligence benchmarks: IP lookups/s, name-bench F1, lookalike recall and false positives.

Reads the real test sets from ../shared/data (never copied into the repo); each part is
skipped with a reason when its data is absent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def run() -> dict[str, Any]:
    from hirewall.reference.domain_eval import bench_lookalikes
    from hirewall.reference.ip import bench_ip_lookups
    from hirewall.reference.names import name_bench_f1

    out: dict[str, Any] = {"ip_lookups_per_cpu_second": round(bench_ip_lookups(200_000))}
    cases = SHARED / "nomenklatura_name_bench_cases.csv"
    out["name_bench"] = name_bench_f1(cases) if cases.exists() else {"skipped": f"{cases} not found"}
    out["name_bench_baseline_logic_v2_f1"] = 0.796
    try:
        out["lookalikes"] = bench_lookalikes()
    except Exception as e:  # pymispwarninglists (Tranco list) is an optional test dependency
        out["lookalikes"] = {"skipped": f"{type(e).__name__}: {e}"}
    return out


if __name__ == "__main__":
    result = run()
    if "--json" in sys.argv:
        print(json.dumps(result, default=str))
    else:
        print(json.dumps(result, indent=2, default=str))
