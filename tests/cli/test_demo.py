import json
import subprocess
import sys
from pathlib import Path


def test_demo_runs_end_to_end_with_linkage(tmp_path: Path) -> None:
    """`hirewall demo` (default seed, 5,000 people, Splink on) writes a report and scores well.

    Its default seed once made an EM session fail with an infinite prior; the demo must survive it.
    """
    out = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "hirewall", "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Open the case report" in proc.stdout
    assert (out / "scan" / "report.html").exists()
    summary = json.loads((out / "scan" / "summary.json").read_text())
    timings = summary["timings_s"]
    assert summary["warnings"] == [] and "linkage_predict" in timings
    # Linkage (Splink training included) is its own stage, not hidden inside "rings".
    linkage_phases = sum(v for k, v in timings.items() if k.startswith("linkage_"))
    assert timings["linkage"] >= linkage_phases - 0.01 and "rings" in timings
    metrics = json.loads((out / "scan" / "evaluation.json").read_text())
    assert metrics["flagged"]["recall"] >= 0.8 and metrics["flagged"]["precision"] >= 0.8
