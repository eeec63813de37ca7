"""Shipped ATS/HRIS/payroll CSV mappings and the mapping extensions (split, values, formats, fingerprint)."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hirewall.contract import Contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import ConfigError
from hirewall.ingest.adapters import resolve_mapping
from hirewall.ingest.loader import IngestResult, ingest
from hirewall.ingest.mapping import is_masked, load_mapping
from tests.ingest.adapters.conftest import SAMPLES


def _ingest(engine: DuckDBEngine, contract: Contract, name: str, mapping: str) -> IngestResult:
    return ingest(engine, SAMPLES / name, load_mapping(resolve_mapping(mapping), contract), contract)


def test_greenhouse_candidate_export(engine: DuckDBEngine, contract: Contract) -> None:
    res = _ingest(engine, contract, "greenhouse_candidates_2024-05-10.csv", "greenhouse")
    assert {(q.line, q.column, q.action) for q in res.quarantine} == {
        (4, "phone", "value_dropped"),
        (5, "email", "value_dropped"),
        (6, "record_id", "row_rejected"),
        (7, "status", "value_dropped"),  # "Prospect" is not a contract status
        (8, "applied_at", "value_dropped"),
    }
    rows = engine.query(
        "SELECT record_id, status, given_name, family_name, email_key, hired_at, referred_by, vendor_id, "
        "linkedin_url_key, source_system FROM people ORDER BY record_id"
    )
    assert rows == [
        (
            "48213377",
            "employee",
            "Ann",
            "Lee",
            "annlee@gmail.com",
            date(2024, 3, 15),
            None,
            None,
            "linkedin.com/in/ann-lee-dev",
            "greenhouse",
        ),
        (
            "48213402",
            "applicant",
            "Bo",
            "Kim",
            "bokim.dev@outlook.com",
            None,
            None,
            "V-1007",
            "linkedin.com/in/bo-kim-fullstack",
            "greenhouse",
        ),
        ("48213519", "rejected", "Cy", "Fox", "cy.fox@example.com", None, None, None, None, "greenhouse"),
        ("48213588", "applicant", "Di", "Ray", None, None, "48213377", None, None, "greenhouse"),
        ("48213650", None, "Gus", "Hale", "gus.hale@contoso.io", None, None, None, None, "greenhouse"),
        (
            "48213701",
            "withdrawn",
            "Ivy",
            "Chen",
            "ivy.chen@example.com",
            None,
            None,
            None,
            None,
            "greenhouse",
        ),
    ]


def test_workday_worker_report_splits_legal_name_and_maps_worker_type(
    engine: DuckDBEngine, contract: Contract
) -> None:
    res = _ingest(engine, contract, "Worker_Details_2024-05-10.csv", "workday")
    assert {(q.line, q.column, q.action) for q in res.quarantine} == {
        (6, "record_id", "row_rejected"),
        (7, "hired_at", "value_dropped"),
    }
    rows = engine.query(
        "SELECT record_id, status, given_name, family_name, hired_at, terminated_at, home_address_key "
        "FROM people ORDER BY record_id"
    )
    assert rows == [
        ("E1001", "employee", "Ann", "Lee", date(2024, 3, 15), None, "US|62701|123 MAIN ST|4"),
        ("E1002", "contractor", "Bo", "Kim", date(2024, 5, 1), None, "US|62701|123 MAIN ST|4"),
        ("E1003", "employee", "Cy", "Fox", date(2023, 6, 1), date(2024, 4, 30), "US|78701|1 ELM ST|"),
        ("E1004", "contractor", "Di", "Ray", date(2024, 5, 6), None, None),
        ("E1006", "employee", "Gus", "Hale", None, None, None),
        ("E1007", "employee", None, "Madonna", date(2022, 2, 1), None, None),
    ]


def test_workday_payment_elections_are_fingerprinted_and_masked_numbers_refused(
    engine: DuckDBEngine, contract: Contract
) -> None:
    res = _ingest(engine, contract, "Worker_Payment_Elections_2024-05-10.csv", "workday")
    assert {(q.line, q.column, q.action) for q in res.quarantine} == {
        (5, "account_fingerprint", "row_rejected"),  # XXXXXX7712
        (6, "account_fingerprint", "row_rejected"),  # a paper check has no account
    }
    rows = {
        r[0]: r[1:]
        for r in engine.query(
            "SELECT record_id, account_fingerprint, holder_name, method, institution FROM payouts"
        )
    }
    assert set(rows) == {"E1001", "E1002", "E1004", "E1007"}
    assert rows["E1002"][0] == rows["E1004"][0] != rows["E1001"][0]  # one account, two workers
    assert rows["E1002"][1:] == ("Kevin Park", "direct_deposit", "Wells Fargo")
    stored = " ".join(str(v) for r in engine.query("SELECT * FROM payouts") for v in r)
    assert "4400558811" not in stored and "000123456789" not in stored
    assert len(rows["E1007"][0]) == 32


def test_generic_bank_export_reads_ibans_with_an_x_and_european_dates(
    tmp_path: Path, engine: DuckDBEngine, contract: Contract
) -> None:
    # IT60X0542811101000000123456 is the standard example IBAN: its X is the CIN check letter.
    (tmp_path / "bank_accounts.csv").write_text(
        "Employee ID,Account Holder,Bank,IBAN,Valid From\n"
        "E1,Mario Rossi,Banca,IT60X0542811101000000123456,01.01.2024\n"
        "E2,Anna Bianchi,Banca,IT40S0542811101000000123456,15.02.2024\n"
        "E3,Rita Verdi,Banca,IT60XXXXXXXXXXXXXXXXXX3456,01.01.2024\n"
    )
    res = ingest(engine, tmp_path, load_mapping(resolve_mapping("generic"), contract), contract)
    rows = engine.query("SELECT record_id, effective_from, account_fingerprint FROM payouts ORDER BY 1")
    assert [r[:2] for r in rows] == [("E1", date(2024, 1, 1)), ("E2", date(2024, 2, 15))]
    assert rows[0][2] != rows[1][2]
    assert [(q.line, q.column, q.action) for q in res.quarantine] == [
        (4, "account_fingerprint", "row_rejected")
    ]


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("XXXXXX7712", True),
        ("****", True),
        ("\u2022\u2022\u2022\u20221234", True),
        ("###4321", True),
        ("X", True),
        ("IT60X0542811101000000123456", False),
        ("000123456789", False),
        ("GB82WEST12345698765432", False),
    ],
)
def test_masked_account_numbers_are_a_run_of_masking_characters(number: str, masked: bool) -> None:
    assert is_masked(number) is masked


def test_generic_mapping_formats_and_unknown_targets(
    tmp_path: Path, engine: DuckDBEngine, contract: Contract
) -> None:
    (tmp_path / "employees.csv").write_text(
        "Employee ID,First Name,Last Name,Start Date,Date of Birth,Status,Shoe\n"
        "h1,Ann,Lee,15.03.2024,02.01.1990,Active,9\nh2,Bo,Kim,2024-03-15,,Terminated,8\n"
    )
    res = ingest(engine, tmp_path, load_mapping(resolve_mapping("generic"), contract), contract)
    assert engine.query("SELECT record_id, hired_at, birth_date, status FROM people ORDER BY 1") == [
        ("h1", date(2024, 3, 15), date(1990, 1, 2), "employee"),
        ("h2", None, None, "former"),
    ]
    assert [(q.line, q.column, q.reason) for q in res.quarantine] == [
        (3, "hired_at", "not a date in the format '%d.%m.%Y'")
    ]
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "files:\n  x.csv:\n    table: people\n    split:\n      Name: {into: [given_name, shoe]}\n"
    )
    with pytest.raises(ConfigError, match="shoe"):
        load_mapping(bad, contract)
    with pytest.raises(ConfigError, match="not a shipped mapping"):
        resolve_mapping("lever")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hirewall", *args], capture_output=True, text=True, check=False
    )


def test_cli_ingest_formats_append_idempotently(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    runs = [
        ("csv", "Worker_Details_2024-05-10.csv", "workday"),
        ("okta", "okta_system_log_api.json", None),
        ("entra", "entra_graph_signins.json", None),
        ("osquery", "osquery_results.log", None),
    ]
    outputs = []
    for _ in range(2):
        for fmt, name, mapping in runs:
            args = ["ingest", str(SAMPLES / name), "--store", str(store), "--format", fmt]
            proc = _cli(*args, *(["--mapping", mapping] if mapping else []))
            assert proc.returncode == 0, proc.stderr
            outputs.append(proc.stdout.splitlines()[0])
    assert outputs[:4] == outputs[4:]
    assert outputs[1] == "signins: read 23 kept 14 quarantined 4 skipped 5"
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        counts = con.execute(
            "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM signins),"
            " (SELECT count(*) FROM endpoint), (SELECT count(*) FROM signins WHERE record_id = 'E1001')"
        ).fetchone()
    assert counts == (6, 14 + 10, 15, 5 + 3)  # Ann: 5 Okta and 3 Entra sign-ins
    quarantine = store.with_suffix(".quarantine.jsonl").read_text()
    assert '"file": "osquery_results.log", "line": 13' in quarantine


def test_cli_wrong_format_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    proc = _cli(
        "ingest",
        str(SAMPLES / "entra_graph_signins.json"),
        "--store",
        str(tmp_path / "s.duckdb"),
        "--format",
        "okta",
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "entra_graph_signins.json" in proc.stderr and "Okta System Log" in proc.stderr
