"""No raw identifier of the store reaches a masked scan's files or its report, under any name."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from hirewall.masking import is_sensitive, stable_id
from hirewall.pipeline import scan
from hirewall.settings import Settings

SETTINGS = Settings().with_(progress=False, linkage=False)


@pytest.fixture(scope="module")
def scanned(world: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scan(world, tmp_path_factory.mktemp("leaks"), SETTINGS).out


def _raw_identifiers(store: Path) -> set[str]:
    """Every value of every store column the masking rules call an identifier."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
        ).fetchall()
        values: set[str] = set()
        for table, column in columns:
            if is_sensitive(column):
                rows = con.execute(f'SELECT DISTINCT CAST("{column}" AS VARCHAR) FROM "{table}"').fetchall()
                values |= {str(v) for (v,) in rows if v is not None and len(str(v)) >= 4}
        return values
    finally:
        con.close()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def _evidence_values(persons: list[dict[str, Any]]) -> Iterator[tuple[str, str, str]]:
    for p in persons:
        for c in p.get("indicators", []):
            for row in c.get("evidence", []):
                for column, value in row.items():
                    for text in _strings(value):
                        yield c["indicator"], column, text


def _leaks(persons: list[dict[str, Any]], raw: set[str]) -> list[tuple[str, str, str]]:
    return [hit for hit in _evidence_values(persons) if hit[2] in raw]


def test_the_world_fires_the_indicators_that_leaked(scanned: Path) -> None:
    hits = json.loads((scanned / "summary.json").read_text())["coverage"]["hits_per_indicator"]
    assert hits.get("vendor_contact_reused_by_person") and hits.get("first_signins_from_unmanaged_device")


def test_no_evidence_value_in_persons_jsonl_is_a_raw_identifier(scanned: Path) -> None:
    raw = _raw_identifiers(scanned / "hirewall.duckdb")
    persons = [json.loads(line) for line in (scanned / "persons.jsonl").read_text().splitlines()]
    assert list(_evidence_values(persons))
    assert _leaks(persons, raw) == []


def test_no_evidence_value_in_the_report_is_a_raw_identifier(scanned: Path) -> None:
    raw = _raw_identifiers(scanned / "hirewall.duckdb")
    html = (scanned / "report.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="hw-data">(.*?)</script>', html, re.S)
    assert m is not None
    payload = json.loads(m.group(1))
    assert _leaks(list(payload["persons"].values()), raw) == []


def test_ring_links_and_facilitators_show_no_raw_identifier(scanned: Path) -> None:
    raw = _raw_identifiers(scanned / "hirewall.duckdb")
    rings = [json.loads(line) for line in (scanned / "rings.jsonl").read_text().splitlines()]
    facs = [json.loads(line) for line in (scanned / "facilitators.jsonl").read_text().splitlines()]
    keys = [link["group"] for r in rings for link in r["links"]] + [f["key"] for f in facs]
    assert keys
    shown = [k.partition(":")[2] for k in keys if not k.startswith(("vendor:", "resume:"))]
    assert [k for k in shown if k in raw] == []


def test_ids_cannot_be_reversed_by_hashing_store_values_and_the_key_is_not_written(
    world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "test-id-key-0123456789abcdef"
    monkeypatch.setenv("HIREWALL_ID_KEY", secret)
    out = scan(world, tmp_path / "out", SETTINGS).out
    raw = _raw_identifiers(out / "hirewall.duckdb")
    rings = [json.loads(line) for line in (out / "rings.jsonl").read_text().splitlines()]
    ids = {link["id"] for r in rings for link in r["links"]}
    kinds = {link["kind"] for r in rings for link in r["links"]}
    guesses = {f"{kind}:{value}" for kind in kinds for value in raw}
    unkeyed = {"grp-" + hashlib.sha256(g.encode()).hexdigest()[:12] for g in guesses}
    keyed = {stable_id(g, "grp-", secret.encode()) for g in guesses}
    assert ids and not ids & unkeyed
    assert ids & keyed  # the scan used the configured key
    for path in out.iterdir():
        if path.is_file() and path.suffix in {".jsonl", ".json", ".html"}:
            assert secret not in path.read_text(encoding="utf-8"), path.name
