"""File-level reading: JSON Lines headers, encodings and CSV quoting."""

import json
from pathlib import Path

import pytest

from hirewall.contract import load_contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import InputFileError
from hirewall.ingest.loader import ingest
from hirewall.ingest.mapping import load_mapping


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_jsonl_column_that_first_appears_late_in_the_file_is_stored(tmp_path: Path) -> None:
    # Writers that omit null fields (Spark, jq) leave a column out of the first lines.
    rows: list[dict[str, object]] = [{"record_id": f"E{i}"} for i in range(250)]
    for row in rows[200:]:
        row["email"] = f"{row['record_id']}@example.com"
    _write_jsonl(tmp_path / "people.jsonl", rows)
    eng = DuckDBEngine(None)
    ingest(eng, tmp_path)
    assert eng.scalar("SELECT count(email) FROM people") == 50


def test_jsonl_unknown_column_late_in_the_file_is_reported(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [{"record_id": f"E{i}"} for i in range(250)]
    rows.append({"record_id": "E999", "emial": "typo@example.com"})
    _write_jsonl(tmp_path / "people.jsonl", rows)
    with pytest.raises(InputFileError, match=r"people\.jsonl.*unknown columns \['emial'\]"):
        ingest(DuckDBEngine(None), tmp_path)


def test_jsonl_nested_field_is_mapped_by_its_dotted_name(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "hr.jsonl", [{"id": "E1", "contact": {"email": "a@example.com"}}])
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        'files:\n  "hr*.jsonl":\n    table: people\n    columns: {id: record_id, contact.email: email}\n'
    )
    eng = DuckDBEngine(None)
    ingest(eng, tmp_path / "hr.jsonl", load_mapping(mapping, load_contract()))
    assert eng.query("SELECT record_id, email FROM people") == [("E1", "a@example.com")]
