"""`hirewall ingest`: the quarantine file of a store, and files that match no table."""

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hirewall", *args], capture_output=True, text=True, check=False
    )


def _quarantined(store: Path) -> list[tuple[str, int]]:
    lines = store.with_suffix(".quarantine.jsonl").read_text().splitlines()
    return [(r["file"], r["line"]) for r in map(json.loads, lines)]


def test_each_ingest_into_a_store_keeps_the_earlier_quarantine_records(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("record_id,email\nE1,a@example.com\n,b@example.com\n")
    (tmp_path / "signins.csv").write_text(
        "record_id,signed_in_at,ip\nE1,2024-01-01T00:00:00Z,203.0.113.9\nE1,2024-01-02T00:00:00Z,nope\n"
    )
    store = tmp_path / "hw.duckdb"
    for name in ("people.csv", "signins.csv"):
        proc = run("ingest", str(tmp_path / name), "--store", str(store))
        assert proc.returncode == 0, proc.stderr
    assert _quarantined(store) == [("people.csv", 3), ("signins.csv", 3)]


def test_the_quarantine_of_files_stored_before_a_failing_file_is_written(tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    (data / "people.csv").write_text("record_id,email\nE1,a@example.com\n,b@example.com\n")
    (data / "signins.csv").write_text("record_id,signed_in_at,ipaddr\nE1,2024-01-01T00:00:00Z,203.0.113.9\n")
    store = tmp_path / "hw.duckdb"
    proc = run("ingest", str(data), "--store", str(store))
    assert proc.returncode == 2 and "signins.csv" in proc.stderr and "Traceback" not in proc.stderr
    assert _quarantined(store) == [("people.csv", 3)]


def test_files_of_a_folder_that_match_no_table_are_named_in_the_output(tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    (data / "people.csv").write_text("record_id\nE1\n")
    (data / "Workers_2024-05-10.csv").write_text("Employee ID\nE1\n")
    proc = run("ingest", str(data), "--store", str(tmp_path / "hw.duckdb"), "--mapping", "workday")
    assert proc.returncode == 0, proc.stderr
    assert "not read (match no mapping entry or table name): Workers_2024-05-10.csv" in proc.stdout


def test_a_single_file_that_matches_no_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "Workers_2024-05-10.csv"
    path.write_text('Employee ID,Legal Name\nE1,"Doe, Jane"\n')
    proc = run("ingest", str(path), "--store", str(tmp_path / "hw.duckdb"), "--mapping", "workday")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "Workers_2024-05-10.csv" in proc.stderr and "*worker*detail*.csv" in proc.stderr
