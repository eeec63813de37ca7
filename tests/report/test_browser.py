"""Render a report in headless Chromium and use it as an investigator would.

Saves one screenshot per page type to $HIREWALL_SCREENSHOT_DIR (or a temporary folder) and
prints the folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hirewall.report import render_report
from tests.report.cdp import Browser, chromium_path
from tests.report.scan_world import write_scan

pytestmark = pytest.mark.browser
CHROMIUM = chromium_path()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_report(write_scan(tmp_path_factory.mktemp("scan"), people=1500, ring_sizes=(12, 3, 5)))


@pytest.fixture(scope="module")
def browser(report: Path) -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it")
    b = Browser(CHROMIUM)
    try:
        b.open(report.as_uri())
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("HIREWALL_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="hirewall-screens-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _goto(b: Browser, hash_: str, page: str) -> None:
    b.eval(f"location.hash = {json.dumps(hash_)}")
    b.wait_for(f"document.getElementById('main').dataset.page === {json.dumps(page)}")


def _rows(b: Browser) -> list[dict[str, str]]:
    return b.eval("[...document.querySelectorAll('#queue-body tr.case')].map(r => ({...r.dataset}))")


def _choose(b: Browser, select_id: str, value: str) -> None:
    b.eval(
        f"(() => {{ const s = document.getElementById({json.dumps(select_id)});"
        f" s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change')); }})()"
    )


def test_overview(browser: Browser, report: Path, shots: Path) -> None:
    _goto(browser, "#/overview", "overview")
    bands = json.loads((report.parent / "summary.json").read_text())["bands"]
    cards = dict(
        browser.eval(
            "[...document.querySelectorAll('.card')]"
            ".map(c => [c.lastChild.textContent, c.firstChild.textContent])"
        )
    )
    assert {b: int(cards[f"{b} band"]) for b in bands} == bands
    assert int(cards["records scored"]) == sum(bands.values())
    assert browser.eval("document.querySelectorAll('table.coverage-tables tbody tr').length") == 7
    assert browser.eval("document.querySelectorAll('table.coverage-families tbody tr').length") == 6
    egress = browser.eval("document.getElementById('org-egress').textContent")
    assert "1 declared range(s); 6 address(es) learned" in egress and "25 or more people" in egress
    browser.screenshot(shots / "overview.png")


def test_case_queue_sorts_filters_and_paginates(browser: Browser, report: Path, shots: Path) -> None:
    persons = [json.loads(line) for line in (report.parent / "persons.jsonl").read_text().splitlines()]
    _goto(browser, "#/queue", "queue")
    rows = _rows(browser)
    assert len(rows) == 50  # paginated: 1,500 records, 50 a page
    assert "of 30" in browser.eval("document.getElementById('page-info').textContent")
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True) and scores[0] == max(p["score"] for p in persons)

    browser.eval("document.querySelector('#queue th[data-sort=score]').click()")
    ascending = [float(r["score"]) for r in _rows(browser)]
    assert ascending == sorted(ascending) and ascending[0] == min(p["score"] for p in persons)

    _choose(browser, "f-band", "high")
    high = _rows(browser)
    assert high and {r["band"] for r in high} == {"high"}
    assert len(high) == min(50, sum(p["band"] == "high" for p in persons))

    _choose(browser, "f-band", "")
    _choose(browser, "f-ring", "ring-001")
    ring_rows = _rows(browser)
    assert sorted(r["id"] for r in ring_rows) == sorted(
        p["record_id"] for p in persons if p["ring_id"] == "ring-001"
    )

    _choose(browser, "f-ring", "")
    _choose(browser, "f-family", "shipping")
    fam = _rows(browser)
    assert fam and all("shipping" in r["families"].split() for r in fam)
    browser.eval("document.getElementById('next').click()")
    browser.screenshot(shots / "queue.png")
    _choose(browser, "f-family", "")


def test_ring_page_draws_graph_and_timeline(browser: Browser, report: Path, shots: Path) -> None:
    ring = json.loads((report.parent / "rings.jsonl").read_text().splitlines()[0])
    _goto(browser, f"#/ring/{ring['ring_id']}", "ring")
    graph = browser.eval(
        """(() => { const g = document.getElementById('ring-graph'); if (!g) return null;
        const pts = [...g.querySelectorAll('circle.node-person')]
            .map(c => [+c.getAttribute('cx'), +c.getAttribute('cy')]);
        const box = g.getBoundingClientRect();
        return {persons: pts.length, things: g.querySelectorAll('.node-thing').length,
                edges: g.querySelectorAll('line.edge').length,
                labels: [...g.querySelectorAll('text.elabel')].map(t => t.textContent),
                finite: pts.every(p => Number.isFinite(p[0]) && Number.isFinite(p[1])),
                distinct: new Set(pts.map(p => Math.round(p[0]) + ',' + Math.round(p[1]))).size,
                width: box.width, height: box.height}; })()"""
    )
    assert graph is not None
    assert graph["persons"] == len(ring["members"]) == 12
    assert graph["things"] == len(ring["links"])
    assert graph["edges"] == sum(len(link["members"]) for link in ring["links"])
    assert graph["finite"] and graph["distinct"] == 12 and graph["width"] > 500 and graph["height"] > 300
    assert "L3" in graph["labels"] and "P2" in graph["labels"]
    assert browser.eval("document.querySelectorAll('#ring-timeline circle').length") > 12
    corroboration = browser.eval(
        """(() => { const p = [...document.querySelectorAll('#main p')]
            .find(x => x.textContent.startsWith('Corroborated by members'));
        return p ? [...p.querySelectorAll('a')].map(a => a.getAttribute('href')) : null; })()"""
    )
    assert corroboration == [f"#/person/{m}" for m in ring["corroborated_by"]]
    browser.screenshot(shots / "ring.png")


def test_person_page_decomposes_score(browser: Browser, report: Path, shots: Path) -> None:
    person = json.loads((report.parent / "persons.jsonl").read_text().splitlines()[0])
    _goto(browser, f"#/person/{person['record_id']}", "person")
    cards = browser.eval("[...document.querySelectorAll('.contrib')].map(c => c.dataset.indicator)")
    assert cards == [c["indicator"] for c in person["indicators"]]
    text = browser.eval("document.getElementById('main').innerText")
    assert "G1 — US State, Treasury and FBI" in text
    assert text.count("Public sources") == len(person["indicators"])
    assert browser.eval("document.querySelectorAll('#person-timeline circle').length") >= 4
    browser.screenshot(shots / "person.png")


def test_fairness_page(browser: Browser, shots: Path) -> None:
    _goto(browser, "#/fairness", "fairness")
    text = browser.eval("document.getElementById('main').innerText")
    for phrase in (
        "name origin",
        "nationality",
        "Korean",
        "Human review before any action",
        "FCRA",
        "Local Law 144",
        "OFAC",
    ):
        assert phrase in text
    browser.screenshot(shots / "fairness.png")


def test_no_console_errors_and_no_network(
    browser: Browser, shots: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert browser.console_errors() == []
    assert [u for u in browser.requested_urls() if not u.startswith(("file:", "data:", "about:"))] == []
    with capsys.disabled():
        print(f"\nreport screenshots: {shots}")  # noqa: T201 (the reviewer looks there)
