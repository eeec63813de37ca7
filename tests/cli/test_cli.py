import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hirewall", *args], capture_output=True, text=True, check=False
    )


def test_unreadable_file_is_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes(b"\xff\xfe\x00garbage")
    proc = run("scan", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "people.csv" in proc.stderr and "not UTF-8" in proc.stderr


def test_too_small_a_synthetic_world_is_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    proc = run("synth", str(tmp_path / "w"), "--people", "20")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "'--people'" in proc.stderr and "people must be at least" in proc.stderr


def test_help_lists_the_commands() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("scan", "synth", "evaluate", "demo", "report", "export", "ingest", "reference"):
        assert command in proc.stdout


def test_ingest_command_appends_idempotently(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "people.csv").write_text("record_id,given_name\np1,Ann\np2,\n,Bo\n")
    store = tmp_path / "s.duckdb"
    first = run("ingest", str(data), "--store", str(store))
    second = run("ingest", str(data), "--store", str(store))
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    assert "read 3 kept 2 quarantined 1" in first.stdout
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM people").fetchall() == [(2,)]
    assert '"row_rejected"' in store.with_suffix(".quarantine.jsonl").read_text()
