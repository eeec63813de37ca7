"""The header check: each contract column filled by one header, derived columns' sources present."""

from pathlib import Path

import pytest

from hirewall.contract import load_contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import InputFileError
from hirewall.ingest.adapters import resolve_mapping
from hirewall.ingest.loader import ingest
from hirewall.ingest.mapping import Mapping, load_mapping


def _workday() -> Mapping:
    return load_mapping(resolve_mapping("workday"), load_contract())


def test_a_duplicate_header_is_one_error_naming_both_columns(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("record_id,email,phone,email\nE1,a@example.com,+14155550100,\n")
    with pytest.raises(InputFileError) as err:
        ingest(DuckDBEngine(None), tmp_path)
    assert "people.csv" in str(err.value)
    assert "'email' (column 2) and 'email' (column 4) both fill email" in str(err.value)


def test_two_mapped_headers_for_one_column_are_one_error(tmp_path: Path) -> None:
    (tmp_path / "hr.csv").write_text("ID,Work Email,Home Email\nE1,a@corp.com,a@example.com\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "files:\n  'hr.csv':\n    table: people\n"
        "    columns: {ID: record_id, Work Email: email, Home Email: email}\n"
    )
    with pytest.raises(
        InputFileError, match=r"hr\.csv.*'Work Email' \(column 2\) and 'Home Email' \(column 3\)"
    ):
        ingest(DuckDBEngine(None), tmp_path, load_mapping(mapping, load_contract()))


@pytest.mark.parametrize("columns", [("Country ISO Code", "Country"), ("Country", "Country ISO Code")])
def test_a_mapped_column_is_not_also_filled_by_a_header_of_the_same_name(
    tmp_path: Path, columns: tuple[str, str]
) -> None:
    # Workday maps "Country ISO Code" to country; the report's "Country" must not override it.
    values = {"Country ISO Code": "GB", "Country": "United Kingdom"}
    (tmp_path / "Worker_Details.csv").write_text(
        "Employee ID,Legal Name,Phone - Primary Home," + ",".join(columns) + "\n"
        'E1,"Doe, Jane",020 7946 0958,' + ",".join(values[c] for c in columns) + "\n"
    )
    eng = DuckDBEngine(None)
    res = ingest(eng, tmp_path, _workday())
    assert eng.query("SELECT country, phone FROM people") == [("GB", "+442079460958")]
    assert not res.quarantine


def test_a_same_named_header_left_unmapped_is_reported_without_ignore_unmapped(tmp_path: Path) -> None:
    (tmp_path / "hr.csv").write_text("ID,Country Code,Country\nE1,GB,United Kingdom\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "files:\n  'hr.csv': {table: people, columns: {ID: record_id, Country Code: country}}\n"
    )
    with pytest.raises(InputFileError, match=r"unmapped columns \['Country'\]"):
        ingest(DuckDBEngine(None), tmp_path, load_mapping(mapping, load_contract()))


def test_an_absent_fingerprint_source_column_is_one_file_error(tmp_path: Path) -> None:
    # The report calls it "Bank Account Number"; the workday mapping hashes "Account Number".
    (tmp_path / "Worker_Payment_Elections.csv").write_text(
        "Employee ID,Account Name,Payment Type,Routing Transit Number,Bank Account Number\n"
        "E1,Ann Lee,Direct Deposit,021000021,123456789\n"
    )
    with pytest.raises(InputFileError) as err:
        ingest(DuckDBEngine(None), tmp_path, _workday())
    assert "Worker_Payment_Elections.csv" in str(err.value)
    assert "'Account Number' (for account_fingerprint)" in str(err.value)


def test_an_absent_split_source_column_is_one_file_error(tmp_path: Path) -> None:
    (tmp_path / "Worker_Details.csv").write_text("Employee ID,Full Name\nE1,Jane Doe\n")
    with pytest.raises(InputFileError, match=r"'Legal Name' \(for family_name, given_name\)"):
        ingest(DuckDBEngine(None), tmp_path, _workday())
