"""The JSON shapes of log exports: arrays, documents, pages one after another, JSON Lines."""

import json
from pathlib import Path
from typing import Any

from hirewall.contract import Contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.ingest.adapters import load_spec
from hirewall.ingest.adapters.jsondoc import iter_events
from hirewall.ingest.adapters.run import ingest_events
from hirewall.ingest.readers import RowProblem


def _okta(i: int) -> dict[str, Any]:
    return {
        "eventType": "user.session.start",
        "published": f"2024-10-14T12:00:0{i}.000Z",
        "actor": {"alternateId": f"u{i}@corp.com"},
        "client": {"ipAddress": f"203.0.113.{i}"},
        "outcome": {"result": "SUCCESS"},
    }


def _graph(i: int) -> dict[str, Any]:
    return {
        "createdDateTime": f"2024-10-14T12:00:0{i}Z",
        "userPrincipalName": f"u{i}@corp.com",
        "ipAddress": f"203.0.113.{i}",
        "status": {"errorCode": 0},
    }


def _ids(path: Path) -> list[tuple[int, str]]:
    out = []
    for item in iter_events(path):
        assert not isinstance(item, RowProblem), item
        pos, event = item
        out.append((pos, event.get("userPrincipalName") or event["actor"]["alternateId"]))
    return out


def test_okta_api_pages_appended_to_one_file_are_all_stored(
    tmp_path: Path, engine: DuckDBEngine, contract: Contract
) -> None:
    # A pagination loop doing `curl ... >> okta.json` writes one array per page.
    path = tmp_path / "okta.json"
    path.write_text(json.dumps([_okta(1), _okta(2)]) + "\n" + json.dumps([_okta(3), _okta(4)]) + "\n")
    res = ingest_events(engine, path, load_spec("okta", contract), contract)
    assert res.tables["signins"].kept == 4 and not res.quarantine
    assert engine.query("SELECT record_id, _source_line FROM signins ORDER BY 1") == [
        (f"u{i}@corp.com", i) for i in range(1, 5)
    ]


def test_graph_pages_saved_one_after_another_are_all_read(tmp_path: Path) -> None:
    path = tmp_path / "signins.json"
    page1 = {"@odata.context": "x", "value": [_graph(1), _graph(2)], "@odata.nextLink": "https://graph/..."}
    page2 = {"@odata.context": "x", "value": [_graph(3), _graph(4)]}
    path.write_text(json.dumps(page1, indent=2) + "\n" + json.dumps(page2, indent=2) + "\n")
    assert _ids(path) == [(i, f"u{i}@corp.com") for i in range(1, 5)]


def test_pretty_printed_events_one_after_another_are_each_an_event(tmp_path: Path) -> None:
    path = tmp_path / "signins.json"  # what `jq . events.jsonl` writes
    path.write_text("".join(json.dumps(_graph(i), indent=2) + "\n" for i in (1, 2)))
    assert _ids(path) == [(1, "u1@corp.com"), (2, "u2@corp.com")]


def test_a_truncated_later_page_keeps_the_earlier_events_and_reports_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "okta.json"
    second = json.dumps([_okta(3), _okta(4)])
    path.write_text(json.dumps([_okta(1), _okta(2)]) + "\n" + second[: len(second) // 2])
    items = list(iter_events(path))
    assert [i[0] for i in items[:3] if not isinstance(i, RowProblem)] == [1, 2, 3]
    assert isinstance(items[-1], RowProblem) and "rest of file not read" in items[-1].reason
    assert len(items) == 4


def test_text_after_the_last_page_is_reported_not_ignored(tmp_path: Path) -> None:
    path = tmp_path / "okta.json"
    path.write_text(json.dumps([_okta(1)]) + "\n<html>rate limited</html>\n")
    items = list(iter_events(path))
    assert items[0] == (1, _okta(1))
    assert (
        isinstance(items[1], RowProblem) and items[1].line == 2 and "rest of file not read" in items[1].reason
    )


def test_graph_document_with_one_event_per_line_is_read_as_a_document(
    tmp_path: Path, engine: DuckDBEngine, contract: Contract
) -> None:
    # Valid JSON, not JSON Lines: the first line opens the document and is not a whole object.
    path = tmp_path / "signins.json"
    lines = ",\n".join("  " + json.dumps(_graph(i)) for i in (1, 2, 3))
    path.write_text(
        '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata",\n "value": [\n'
        + lines
        + "\n ]\n}\n"
    )
    res = ingest_events(engine, path, load_spec("entra", contract), contract)
    assert res.tables["signins"].kept == 3 and not res.quarantine


def test_json_lines_are_still_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "signins.json"
    path.write_text("".join(json.dumps(_graph(i)) + "\n" for i in (1, 2)) + '{"createdDate\n')
    items = list(iter_events(path))
    assert items[:2] == [(1, _graph(1)), (2, _graph(2))]
    assert isinstance(items[2], RowProblem) and items[2].line == 3
