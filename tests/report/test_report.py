"""The report page's content, without a browser: data, self-containment, store look-ups."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hirewall.report import render_report
from hirewall.report.payload import MAX_GRAPH_LINKS, build_payload, ring_graph
from hirewall.report.render import script_json
from hirewall.report.scanfiles import load_scan
from tests.report.scan_world import write_scan


def _embedded(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="hw-data">(.*?)</script>', html, re.S)
    assert m is not None
    return json.loads(m.group(1))


def test_report_is_one_self_contained_file(tmp_path: Path) -> None:
    html = render_report(write_scan(tmp_path, people=40)).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html and "fetch(" not in html
    assert "<style>" in html and "<script>" in html
    data = _embedded(html)
    persons = [json.loads(x) for x in (tmp_path / "persons.jsonl").read_text().splitlines()]
    assert [c["id"] for c in data["cases"]] == [p["record_id"] for p in persons]
    assert set(data["persons"]) == {p["record_id"] for p in persons if p["indicators"]}


def test_embedded_json_cannot_close_the_script(tmp_path: Path) -> None:
    evil = "</script><script>alert(1)</script>"
    text = script_json({"x": evil, "y": "<!--"})
    assert "</script>" not in text and "<!--" not in text
    assert json.loads(text) == {"x": evil, "y": "<!--"}


def test_empty_output_folder_still_renders(tmp_path: Path) -> None:
    data = _embedded(render_report(tmp_path).read_text(encoding="utf-8"))
    assert data["cases"] == [] and data["rings"] == [] and data["masked"] is True


def test_ring_timeline_comes_from_the_store(tmp_path: Path) -> None:
    scan = load_scan(write_scan(tmp_path, people=30, ring_sizes=(4,)))
    ring = build_payload(scan, "now")["rings"][0]
    assert set(ring["timeline"]) == set(ring["members"])
    for events in ring["timeline"].values():
        kinds = [e["event"] for e in events]
        assert {"applied", "hired", "shipped", "first sign-in", "payout account"} <= set(kinds)
        dates = [e["date"] for e in events]
        assert dates == sorted(dates)
        assert dates[kinds.index("applied")] <= dates[kinds.index("hired")] <= dates[kinds.index("shipped")]


def test_without_a_store_the_timeline_is_empty(tmp_path: Path) -> None:
    scan = load_scan(write_scan(tmp_path, people=30, ring_sizes=(4,), store=False))
    ring = build_payload(scan, "now")["rings"][0]
    assert all(events == [] for events in ring["timeline"].values())


def test_unknown_indicator_falls_back_to_its_title(tmp_path: Path) -> None:
    docs = build_payload(load_scan(write_scan(tmp_path, people=30)), "now")["indicators"]
    assert docs["shared_ship_address"]["title"] == "Shared ship address found"
    assert docs["ring_membership"]["explanation"]
    assert docs["shared_ship_address"]["sources"] == ["G1", "M1"]


def test_ring_graph_draws_members_and_caps_links() -> None:
    links = [
        {
            "group": f"ip:1.2.3.{i}",
            "kind": "ip",
            "link": "weak",
            "indicators": ["shared_ip"],
            "members": ["a", "b"],
        }
        for i in range(MAX_GRAPH_LINKS + 5)
    ]
    links.append(
        {
            "group": "account:x",
            "kind": "account",
            "link": "strong",
            "indicators": ["acct"],
            "members": ["a", "c"],
        }
    )
    g = ring_graph({"members": ["a", "b", "c"], "links": links}, {"a": "high"}, {"acct": "P2"})
    persons = [n for n in g["nodes"] if n["type"] == "person"]
    things = [n for n in g["nodes"] if n["type"] != "person"]
    assert [p["id"] for p in persons] == ["a", "b", "c"] and persons[0]["band"] == "high"
    assert len(things) == MAX_GRAPH_LINKS and g["hidden"] == 6
    assert things[0]["type"] == "account"  # strong links are drawn first
    assert {e["label"] for e in g["edges"] if e["source"] == "g0"} == {"P2"}
    assert all(e["target"] in {"a", "b", "c"} for e in g["edges"])


def test_quarantine_values_are_not_embedded(tmp_path: Path) -> None:
    data = _embedded(render_report(write_scan(tmp_path, people=20)).read_text(encoding="utf-8"))
    assert {(q["table"], q["column"], q["count"]) for q in data["quarantine"]} == {
        ("people", "email", 1),
        ("signins", "ip", 1),
    }
    assert "not-an-email" not in json.dumps(data)


def test_identifier_like_evidence_is_masked_even_if_the_scan_missed_it(tmp_path: Path) -> None:
    out = write_scan(tmp_path, people=20)
    lines = (out / "persons.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    first["indicators"][0]["evidence"] = [
        {"record_id": first["record_id"], "new_thing_key": "SECRET-VALUE-123"}
    ]
    (out / "persons.jsonl").write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n")
    data = _embedded(render_report(out).read_text(encoding="utf-8"))
    row = data["persons"][first["record_id"]]["indicators"][0]["evidence"][0]
    assert row["record_id"] == first["record_id"]
    assert row["new_thing_key"] != "SECRET-VALUE-123" and row["new_thing_key"].endswith("23")
    assert "SECRET-VALUE-123" not in json.dumps(data)
    assert data["persons"][first["record_id"]]["timeline"]  # the person's own dated events


def test_a_list_of_identifiers_under_a_generic_name_is_masked_by_the_report(tmp_path: Path) -> None:
    out = write_scan(tmp_path, people=20)
    lines = (out / "persons.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    first["indicators"][0]["evidence"] = [
        {
            "record_id": first["record_id"],
            "devices": ["LAPTOP-SECRET-1", "LA*******42"],
            "value": "+14155550199",
        }
    ]
    (out / "persons.jsonl").write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n")
    data = _embedded(render_report(out).read_text(encoding="utf-8"))
    row = data["persons"][first["record_id"]]["indicators"][0]["evidence"][0]
    assert row["devices"] == ["LA********-1", "LA*******42"]
    assert row["value"] == "+*******0199"
    assert "LAPTOP-SECRET-1" not in json.dumps(data) and "4155550199" not in json.dumps(data)


def test_the_summary_records_when_the_scan_finished_once(tmp_path: Path) -> None:
    from hirewall.outputs import write_summary

    write_summary(tmp_path / "summary.json", {"masked": True})
    stamped = json.loads((tmp_path / "summary.json").read_text())["finished_at"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamped)
    write_summary(tmp_path / "summary.json", {"finished_at": "2026-01-01T00:00:00.000Z"})
    assert load_scan(tmp_path).finished_at == "2026-01-01T00:00:00.000Z"
