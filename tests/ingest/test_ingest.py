import json
from pathlib import Path

import pytest

from hirewall.contract import load_contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import ConfigError, InputFileError
from hirewall.ingest.loader import ingest
from hirewall.ingest.mapping import load_mapping

PEOPLE = (
    "record_id,given_name,family_name,birth_date,email,phone,address_line1,address_line2,city,region,"
    "postal_code,country,status\n"
    "p1,Ann,Lee,1990-01-02,Ann.Lee+x@gmail.com,(415) 555-0123,123 Main St Apt 4,,Springfield,IL,62701,US,"
    "employee\n"
    "p2,Bo,Kim,02/03/1991,bad-email,415 555 0124,123 Main Street,#4,Springfield,IL,62701,US,applicant\n"
    ",No,Id,1990-01-01,,,,,,,,,\n"
    "p3,Cy,Fox,1990-13-01,c@x.com,,1 Elm St,,Austin,TX,78701,US,contractor\n"
    "p4,Di,Ray,1990-01-01,d@x.com,,1 Elm St,,Austin,TX\n"
)


def _engine() -> DuckDBEngine:
    return DuckDBEngine(None)


def test_good_rows_kept_bad_rows_quarantined_with_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE)
    eng = _engine()
    res = ingest(eng, tmp_path)
    stats = res.tables["people"]
    assert (stats.read, stats.kept, stats.quarantined, stats.values_dropped) == (5, 3, 2, 2)
    rejected = {(q.line, q.column) for q in res.quarantine if q.action == "row_rejected"}
    assert rejected == {(4, "record_id"), (6, "*")}
    dropped = {(q.line, q.column) for q in res.quarantine if q.action == "value_dropped"}
    assert dropped == {(3, "email"), (5, "birth_date")}
    rows = {r["record_id"]: r for r in eng.records("SELECT * FROM people")}
    assert set(rows) == {"p1", "p2", "p3"}
    assert rows["p1"]["email_key"] == "annlee@gmail.com"
    assert rows["p1"]["phone"] == "+14155550123"
    assert rows["p1"]["home_address_key"] == rows["p2"]["home_address_key"]
    assert rows["p2"]["email"] is None and rows["p2"]["_source_line"] == 3


def test_ingesting_twice_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE)
    eng = _engine()
    ingest(eng, tmp_path)
    before = eng.records("SELECT * FROM people ORDER BY record_id")
    ingest(eng, tmp_path)
    assert eng.records("SELECT * FROM people ORDER BY record_id") == before


def test_jsonl_and_parquet_are_read(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {"record_id": "p1", "signed_in_at": "2025-01-02T03:04:05Z", "ip": "8.8.8.8", "application": "okta"},
        {"record_id": "p1", "signed_in_at": "yesterday", "ip": "8.8.8.8"},
    ]
    (tmp_path / "signins.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    pq.write_table(
        pa.table({"record_id": ["p1"], "account_fingerprint": ["fp1"], "method": ["Wise"]}),
        tmp_path / "payouts.parquet",
    )
    eng = _engine()
    res = ingest(eng, tmp_path)
    assert res.tables["signins"].kept == 1 and res.tables["signins"].quarantined == 2
    assert {q.line for q in res.quarantine if q.table == "signins"} == {2, 3}
    assert eng.scalar("SELECT method FROM payouts") == "wise"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("people.csv", b"\xff\xfe\x00r\x00e\x00c", "not UTF-8"),
        ("people.csv", b"record_id,shoe_size\np1,9\n", "unknown columns ['shoe_size']"),
        ("shipments.csv", b"shipment_id,record_id\ns1,p1\n", "missing required columns"),
        ("people.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
        ("people.jsonl", b"[1, 2, 3]\n", "JSON array"),
    ],
)
def test_unreadable_files_give_one_clear_error(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputFileError) as err:
        ingest(_engine(), tmp_path)
    assert name in str(err.value) and problem in str(err.value)


def test_mapping_file_renames_and_ignores(tmp_path: Path) -> None:
    (tmp_path / "gh_export.csv").write_text(
        "Candidate ID,First Name,Email Address,Notes\nc1,Ann,A@X.COM,hello\n"
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "files:\n  'gh_*.csv':\n    table: people\n"
        "    columns: {Candidate ID: record_id, First Name: given_name, Email Address: email}\n"
        "    constants: {source_system: greenhouse}\n"
        "    ignore_unmapped: true\n"
    )
    eng = _engine()
    ingest(eng, tmp_path, load_mapping(mapping, load_contract()))
    assert eng.records("SELECT record_id, given_name, email, source_system FROM people") == [
        {"record_id": "c1", "given_name": "Ann", "email": "a@x.com", "source_system": "greenhouse"}
    ]


def test_mapping_to_unknown_column_is_a_config_error(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("files:\n  'x.csv': {table: people, columns: {A: shoe_size}}\n")
    with pytest.raises(ConfigError, match="shoe_size"):
        load_mapping(mapping, load_contract())


def test_files_that_are_not_tables_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "labels.csv").write_text("a,b\n1,2\n")
    (tmp_path / "notes.txt").write_text("hi")
    res = ingest(_engine(), tmp_path)
    assert sorted(res.skipped_files) == ["labels.csv", "notes.txt"]


def test_a_single_file_that_is_not_a_table_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "Worker_Details.CSV.txt").write_text("a,b\n1,2\n")
    with pytest.raises(InputFileError, match=r"Worker_Details\.CSV\.txt: not an input table"):
        ingest(_engine(), tmp_path / "Worker_Details.CSV.txt")
