"""Okta System Log and Entra ID sign-in exports onto the signins table."""

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from hirewall.contract import Contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import ConfigError, InputFileError
from hirewall.ingest.adapters import load_spec, resolve_mapping
from hirewall.ingest.adapters.run import ingest_events
from hirewall.ingest.loader import IngestResult, ingest
from hirewall.ingest.mapping import load_mapping
from tests.ingest.adapters.conftest import SAMPLES

T = datetime.fromisoformat
COLS = "record_id, signed_in_at, ip, device_id, device_managed, application, result"
ANN_MAC = "guo4a5u7YAHhjXrMK0g4"
BO_WIN = "guo9w1n2BoPc7Lk0h5d7"


def _run(engine: DuckDBEngine, contract: Contract, fmt: str, name: str) -> IngestResult:
    return ingest_events(engine, SAMPLES / name, load_spec(fmt, contract), contract)


def _rows(engine: DuckDBEngine, file: str) -> set[tuple[Any, ...]]:
    return set(engine.query(f"SELECT {COLS} FROM signins WHERE _source_file = ?", [file]))


def _problems(res: IngestResult) -> set[tuple[int, str, str]]:
    return {(q.line, q.column, q.action) for q in res.quarantine}


def test_okta_api_array_keeps_sign_ins_skips_other_events_and_quarantines_bad_ones(
    engine: DuckDBEngine, contract: Contract
) -> None:
    res = _run(engine, contract, "okta", "okta_system_log_api.json")
    s = res.tables["signins"]
    assert (s.read, s.kept, s.quarantined, s.skipped) == (23, 14, 4, 5)
    assert _problems(res) == {
        (16, "ip", "row_rejected"),  # no client.ipAddress and an empty ipChain
        (17, "signed_in_at", "row_rejected"),  # "2024-05-06 25:61:00"
        (18, "ip", "row_rejected"),  # 45.86.201.999
        (19, "record_id", "row_rejected"),  # actor is null
    }
    assert _rows(engine, "okta_system_log_api.json") == {
        (
            "ann.lee@example.com",
            T("2024-05-06T13:58:02.114"),
            "73.44.180.21",
            ANN_MAC,
            True,
            "Okta",
            "success",
        ),
        (
            "ann.lee@example.com",
            T("2024-05-06T13:58:40.901"),
            "73.44.180.21",
            ANN_MAC,
            True,
            "Slack",
            "success",
        ),
        (
            "ann.lee@example.com",
            T("2024-05-06T14:03:12.377"),
            "73.44.180.21",
            ANN_MAC,
            True,
            "GitHub Enterprise Cloud - Organization",
            "success",
        ),
        (
            "bo.kim@example.com",
            T("2024-05-06T15:11:45.020"),
            "45.86.201.17",
            BO_WIN,
            False,
            "Okta",
            "success",
        ),
        ("bo.kim@example.com", T("2024-05-06T15:11:58.640"), "45.86.201.17", None, None, "Okta", None),
        ("bo.kim@example.com", T("2024-05-06T15:12:20.003"), "45.86.201.17", None, None, "Okta", "success"),
        (
            "bo.kim@example.com",
            T("2024-05-06T15:13:02.555"),
            "45.86.201.17",
            BO_WIN,
            False,
            "AWS IAM Identity Center",
            "success",
        ),
        (
            "cy.fox@example.com",
            T("2024-05-06T16:20:00"),
            "2601:647:4d00:1a2::3f",
            None,
            None,
            "Okta",
            "failure",
        ),
        (
            "cy.fox@example.com",
            T("2024-05-06T16:20:31.512"),
            "2601:647:4d00:1a2::3f",
            None,
            None,
            "Okta",
            "success",
        ),
        (
            "cy.fox@example.com",
            T("2024-05-06T16:21:05.808"),
            "2601:647:4d00:1a2::3f",
            None,
            None,
            "Jira Software Cloud",
            "success",
        ),
        (
            "di.ray@contractor-mail.net",
            T("2024-05-07T02:14:09.330"),
            "185.220.101.34",
            None,
            None,
            "Okta",
            "failure",
        ),
        (
            "di.ray@contractor-mail.net",
            T("2024-05-07T02:18:10.771"),
            "104.28.51.9",
            None,
            None,
            "Okta",
            "success",
        ),
        ("ann.lee@example.com", T("2024-05-08T13:45:18.002"), "73.44.180.21", ANN_MAC, True, "Okta", None),
        (
            "ann.lee@example.com",
            T("2024-05-08T13:45:19.260"),
            "73.44.180.21",
            ANN_MAC,
            True,
            "Okta",
            "success",
        ),
    }


def test_okta_siem_json_lines_unwraps_raw_and_quarantines_truncated_lines(
    engine: DuckDBEngine, contract: Contract
) -> None:
    res = _run(engine, contract, "okta", "okta_system_log_siem.jsonl")
    s = res.tables["signins"]
    assert (s.read, s.kept, s.quarantined, s.skipped) == (9, 6, 2, 1)
    assert _problems(res) == {(9, "*", "row_rejected"), (10, "*", "row_rejected")}
    reasons = {q.line: q.reason for q in res.quarantine}
    assert "_raw" in reasons[9] and "truncated" in reasons[10]
    assert _rows(engine, "okta_system_log_siem.jsonl") == {
        ("bo.kim@example.com", T("2024-05-09T15:02:11"), "45.86.201.17", BO_WIN, False, "Okta", "success"),
        (
            "bo.kim@example.com",
            T("2024-05-09T15:02:49.718"),
            "45.86.201.17",
            BO_WIN,
            False,
            "Slack",
            "success",
        ),
        (
            "di.ray@contractor-mail.net",
            T("2024-05-09T03:30:12"),
            "185.220.101.34",
            None,
            None,
            "Okta",
            "success",
        ),
        (
            "di.ray@contractor-mail.net",
            T("2024-05-09T03:31:40.100"),
            "185.220.101.34",
            None,
            None,
            "AWS IAM Identity Center",
            "success",
        ),
        (
            "ann.lee@example.com",
            T("2024-05-09T14:10:10.010"),
            "73.44.180.21",
            ANN_MAC,
            True,
            "Jira Software Cloud",
            "success",
        ),
        (
            "ann.lee@example.com",
            T("2024-05-06T13:58:40.901"),
            "73.44.180.21",
            ANN_MAC,
            True,
            "Slack",
            "success",
        ),
    }


def test_the_same_event_in_two_exports_is_one_row(engine: DuckDBEngine, contract: Contract) -> None:
    _run(engine, contract, "okta", "okta_system_log_api.json")
    _run(engine, contract, "okta", "okta_system_log_siem.jsonl")
    assert engine.scalar("SELECT count(*) FROM signins") == 14 + 6 - 1


def test_entra_graph_portal_and_diagnostic_exports(engine: DuckDBEngine, contract: Contract) -> None:
    graph = _run(engine, contract, "entra", "entra_graph_signins.json")
    assert (graph.tables["signins"].read, graph.tables["signins"].kept) == (12, 10)
    assert _problems(graph) == {(8, "ip", "row_rejected"), (10, "signed_in_at", "row_rejected")}
    ann, bo = "e8b9c6d2-41f3-4a77-9d0e-7b2c5f8a1e90", "3f6a0d1e-9c84-4b2b-8e5f-0a7d2c9b6e13"
    gus = "gus.hale_contoso.io#ext#@example.onmicrosoft.com"
    assert _rows(engine, "entra_graph_signins.json") == {
        ("ann.lee@example.com", T("2024-05-06T13:58:02"), "73.44.180.21", ann, True, "OfficeHome", "success"),
        (
            "ann.lee@example.com",
            T("2024-05-06T13:59:10"),
            "73.44.180.21",
            ann,
            True,
            "Microsoft Teams",
            "success",
        ),
        ("bo.kim@example.com", T("2024-05-06T15:11:45"), "45.86.201.17", bo, False, "OfficeHome", "failure"),
        ("bo.kim@example.com", T("2024-05-06T15:12:30"), "45.86.201.17", bo, False, "OfficeHome", None),
        ("bo.kim@example.com", T("2024-05-06T15:13:05"), "45.86.201.17", bo, False, "OfficeHome", "success"),
        (
            "bo.kim@example.com",
            T("2024-05-06T15:14:40.123456"),
            "45.86.201.17",
            bo,
            False,
            "Azure Portal",
            "success",
        ),
        (
            "eve.moss@example.com",
            T("2024-05-06T20:01:00"),
            "2a02:6b8:b010:a4fc::1",
            None,
            False,
            "Office 365 Exchange Online",
            "success",
        ),
        (gus, T("2024-05-07T02:14:09"), "185.220.101.34", None, False, "Azure Portal", "failure"),
        (
            "ann.lee@example.com",
            T("2024-05-07T08:00:00"),
            "73.44.180.21",
            ann,
            True,
            "Office 365 Exchange Online",
            None,
        ),
        (
            "c4e81f27-93ab-4d10-b5c2-8f6a1e3d7c33",
            T("2024-05-07T09:30:00"),
            "104.28.51.9",
            None,
            None,
            "OfficeHome",
            "success",
        ),
    }
    portal = _run(engine, contract, "entra", "entra_portal_download.json")
    assert _problems(portal) == {(3, "*", "row_rejected"), (5, "*", "row_rejected")}
    assert "createdDateTime" in portal.quarantine[0].reason and "rest of file" in portal.quarantine[1].reason
    assert {r[0] for r in _rows(engine, "entra_portal_download.json")} == {
        "ann.lee@example.com",
        "bo.kim@example.com",
        gus,
    }
    diag = _run(engine, contract, "entra", "entra_diagnostic_export.json")
    assert not diag.quarantine
    assert _rows(engine, "entra_diagnostic_export.json") == {
        (
            "ann.lee@example.com",
            T("2024-05-09T11:22:33.123456"),
            "73.44.180.21",
            ann,
            True,
            "Azure Portal",
            "success",
        ),
        (
            "bo.kim@example.com",
            T("2024-05-09T11:40:00"),
            "45.86.201.17",
            bo,
            False,
            "Microsoft Teams",
            "failure",
        ),
    }


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("okta", "okta_system_log_api.json"),
        ("okta", "okta_system_log_siem.jsonl"),
        ("entra", "entra_graph_signins.json"),
        ("entra", "entra_portal_download.json"),
    ],
)
def test_reingesting_an_export_changes_nothing(
    engine: DuckDBEngine, contract: Contract, fmt: str, name: str
) -> None:
    _run(engine, contract, fmt, name)
    before = engine.records("SELECT * FROM signins ORDER BY ALL")
    _run(engine, contract, fmt, name)
    assert engine.records("SELECT * FROM signins ORDER BY ALL") == before


def _people(engine: DuckDBEngine, contract: Contract) -> None:
    path = SAMPLES / "Worker_Details_2024-05-10.csv"
    ingest(engine, path, load_mapping(resolve_mapping("workday"), contract), contract)


def test_emails_resolve_to_people_record_ids_whichever_is_ingested_first(
    engine: DuckDBEngine, contract: Contract
) -> None:
    _people(engine, contract)
    _run(engine, contract, "okta", "okta_system_log_api.json")
    resolved = engine.records("SELECT * FROM signins ORDER BY ALL")
    assert {r["record_id"] for r in resolved} == {"E1001", "E1002", "E1003", "E1004"}

    later = DuckDBEngine(None)
    _run(later, contract, "okta", "okta_system_log_api.json")
    assert later.scalar("SELECT count(*) FROM signins WHERE record_id LIKE '%@%'") == 14
    _people(later, contract)
    _run(later, contract, "okta", "okta_system_log_api.json")
    assert later.records("SELECT * FROM signins ORDER BY ALL") == resolved


def test_an_email_shared_by_two_people_is_not_resolved(engine: DuckDBEngine, contract: Contract) -> None:
    engine_people = "INSERT INTO people (record_id, email, email_key) VALUES (?, ?, ?)"
    _people(engine, contract)
    engine.execute(engine_people, ["X9", "ann.lee@example.com", "ann.lee@example.com"])
    _run(engine, contract, "okta", "okta_system_log_api.json")
    ids = {r[0] for r in engine.query("SELECT DISTINCT record_id FROM signins")}
    assert "ann.lee@example.com" in ids and "E1002" in ids


@pytest.mark.parametrize(
    ("fmt", "name", "problem"),
    [
        ("okta", "entra_graph_signins.json", "does not look like an Okta System Log"),
        ("entra", "okta_system_log_api.json", "does not look like an Entra ID sign-in log"),
        ("okta", "Worker_Details_2024-05-10.csv", "not JSON"),
        ("osquery", "okta_system_log_siem.jsonl", "does not look like an osquery results log"),
    ],
)
def test_a_file_of_another_format_is_one_clear_error(
    tmp_path: Path, engine: DuckDBEngine, contract: Contract, fmt: str, name: str, problem: str
) -> None:
    shutil.copy(SAMPLES / name, tmp_path / name)
    with pytest.raises(InputFileError) as err:
        ingest_events(engine, tmp_path, load_spec(fmt, contract), contract)
    assert name in str(err.value) and problem in str(err.value)


def test_user_mapping_overrides_a_column_and_rejects_csv_mappings(tmp_path: Path, contract: Contract) -> None:
    mine = tmp_path / "okta.yaml"
    mine.write_text(
        'columns:\n  application: {from: "target[type=AppInstance].alternateId", default: okta-dashboard}\n'
    )
    spec = load_spec("okta", contract, mine)
    assert spec.columns["application"].default == "okta-dashboard"
    assert spec.columns["ip"].sources == ("client.ipAddress", "request.ipChain[0].ip")
    bad = tmp_path / "bad.yaml"
    bad.write_text("columns:\n  shoe_size: eventType\n")
    with pytest.raises(ConfigError, match="shoe_size"):
        load_spec("okta", contract, bad)
    with pytest.raises(ConfigError, match="files"):
        load_spec("okta", contract, resolve_mapping("workday"))
