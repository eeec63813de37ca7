"""Exports: STIX 2.1 validates with the stix2 parser, FtM reads back, flat tables are complete."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import uuid
from datetime import datetime
from pathlib import Path

import pytest
import stix2
from followthemoney import model
from stix2patterns.validator import run_validator

from hirewall.exceptions import HirewallError
from hirewall.export import export
from hirewall.export.stix import HIREWALL_IDENTITY, IDENTIFIER_EXTENSION
from hirewall.report.sources import SOURCES, describe
from tests.report.scan_world import FINISHED_AT, write_scan


def _persons(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "persons.jsonl").read_text().splitlines()]


def _flagged(out: Path) -> list[dict]:
    return [p for p in _persons(out) if p["band"] in {"high", "medium"} or p["ring_id"]]


DEFINITION = {IDENTIFIER_EXTENSION, HIREWALL_IDENTITY}
"""The extension-definition and its maker: dated when the definition was written, not by scan."""

STRICT_PARSE = """
import json, sys, stix2
bundle = json.load(open(sys.argv[1]))
for obj in bundle["objects"]:
    if "x-hirewall-identifier--" not in obj.get("target_ref", ""):
        stix2.parse(obj, allow_custom=False)
"""
"""Parse each object as a reader without hirewall would, strictly. A relationship to an
x-hirewall-identifier is left out: stix2 3.0.2 calls a reference to any type it has no class
for custom, extension-defined or not."""


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _rings(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "rings.jsonl").read_text().splitlines()]


@pytest.fixture(params=[True, False], ids=["masked", "unmasked"])
def scan(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return write_scan(tmp_path, people=50, ring_sizes=(12, 3, 5), masked=request.param)


def test_stix_bundle_validates_and_links_up(scan: Path) -> None:
    [path] = export(scan, "stix")
    bundle = stix2.parse(path.read_text(), allow_custom=True)
    objs = {o.id: o for o in bundle.objects}
    by_type: dict[str, list] = {}
    for o in bundle.objects:
        by_type.setdefault(o.type, []).append(o)
    idents = by_type["identity"]
    assert sorted(i.name for i in idents if i.identity_class == "group") == [
        r["ring_id"] for r in _rings(scan)
    ]
    assert sorted(i.name for i in idents if i.identity_class == "individual") == sorted(
        p["record_id"] for p in _flagged(scan)
    )
    for rel in by_type["relationship"]:
        assert rel.source_ref in objs and rel.target_ref in objs
    for note in by_type["note"]:
        assert all(ref in objs for ref in note.object_refs) and "human review" in note.content
    ring_notes = [n.content for n in by_type["note"] if n.content.startswith("Ring ")]
    assert len(ring_notes) == len(_rings(scan))
    for r in _rings(scan):
        [text] = [t for t in ring_notes if t.startswith(f"Ring {r['ring_id']}:")]
        assert f"Corroborated by {', '.join(r['corroborated_by'])}," in text
    for ind in by_type["indicator"]:
        assert run_validator(ind.pattern) == [], ind.pattern
    links = [link for r in _rings(scan) for link in r["links"]]
    masked = json.loads((scan / "summary.json").read_text())["masked"]
    patterns = {i.pattern for i in by_type["indicator"]}
    vendors = {link["group"].split(":")[1] for link in links if link["kind"] == "vendor"}
    assert {f"[domain-name:value = 'staffing-{v.lower()}.example']" for v in vendors} <= patterns
    ips = {link["group"].split(":", 1)[1] for link in links if link["kind"] == "ip"}
    assert ips
    if masked:
        assert not any(p.startswith("[ipv4-addr") for p in patterns)
        custom = by_type["x-hirewall-identifier"]
        assert len(custom) == sum(1 for link in links if "*" in link["group"])
        assert "+1415555" not in path.read_text()  # phones stay masked
    else:
        assert {f"[ipv4-addr:value = '{ip}']" for ip in ips} <= patterns
        assert {o.value for o in by_type["ipv4-addr"]} == ips


def test_stix_objects_carry_the_scans_time_and_a_reexport_is_the_same_bundle(scan: Path) -> None:
    [path] = export(scan, "stix")
    first = path.read_bytes()
    [path] = export(scan, "stix")
    assert path.read_bytes() == first
    bundle = json.loads(first)
    assert bundle["id"].startswith("bundle--") and uuid.UUID(bundle["id"][8:]).version == 5
    dated = [o for o in bundle["objects"] if "created" in o and o["id"] not in DEFINITION]
    assert {o["type"] for o in dated} >= {"identity", "relationship", "note", "indicator"}
    assert {(o["created"], o["modified"]) for o in dated} == {(FINISHED_AT, FINISHED_AT)}
    valid_from = {_time(o["valid_from"]) for o in bundle["objects"] if o["type"] == "indicator"}
    assert valid_from == {_time(FINISHED_AT)}


def test_the_custom_observable_is_a_defined_new_sco_extension(scan: Path) -> None:
    [path] = export(scan, "stix")
    objects = {o["id"]: o for o in json.loads(path.read_text())["objects"]}
    definition = objects[IDENTIFIER_EXTENSION]
    assert definition["type"] == "extension-definition" and definition["extension_types"] == ["new-sco"]
    assert objects[definition["created_by_ref"]]["identity_class"] == "system"
    custom = [o for o in objects.values() if o["type"] == "x-hirewall-identifier"]
    assert custom and all(
        o["extensions"] == {IDENTIFIER_EXTENSION: {"extension_type": "new-sco"}} for o in custom
    )


def test_a_reader_without_hirewall_parses_the_stix_objects_strictly(scan: Path) -> None:
    """A fresh interpreter, where only the bundle defines x-hirewall-identifier."""
    [path] = export(scan, "stix")
    run = subprocess.run([sys.executable, "-c", STRICT_PARSE, str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-600:]


@pytest.mark.xfail(
    reason="stix2 3.0.2 counts a relationship to, or a bundle holding, any non-spec type as custom"
)
def test_stix2_parses_the_whole_bundle_strictly(scan: Path) -> None:
    [path] = export(scan, "stix")
    stix2.parse(path.read_text(), allow_custom=False)


def test_a_scan_without_a_recorded_finish_is_dated_by_its_summary_file(tmp_path: Path) -> None:
    out = write_scan(tmp_path, people=20)
    summary = json.loads((out / "summary.json").read_text())
    del summary["finished_at"]
    (out / "summary.json").write_text(json.dumps(summary))
    os.utime(out / "summary.json", (1_700_000_000.5, 1_700_000_000.5))
    [path] = export(out, "stix")
    objects = json.loads(path.read_text())["objects"]
    created = {o["created"] for o in objects if "created" in o and o["id"] not in DEFINITION}
    assert created == {"2023-11-14T22:13:20.500Z"}


def test_every_stix_finding_cites_its_public_sources(scan: Path) -> None:
    [path] = export(scan, "stix")
    objects = json.loads(path.read_text())["objects"]
    findings = [o for o in objects if o["type"] in {"indicator", "note"}]
    assert findings
    for o in findings:
        refs = o["external_references"]
        assert refs and all(r["description"] == describe(r["source_name"]) for r in refs)
        assert all(r["source_name"] in SOURCES for r in refs)
    ring_refs = {
        r["source_name"]
        for o in findings
        if o["type"] == "note" and o["content"].startswith("Ring ")
        for r in o["external_references"]
    }
    assert {"G1", "G11", "M1"} <= ring_refs  # ring membership's sources and the links' indicators'
    for p in _flagged(scan):
        [note] = [
            o
            for o in findings
            if o["type"] == "note" and o["content"].startswith(f"Record {p['record_id']}:")
        ]
        wanted = {s for c in p["indicators"] for s in c["sources"]}
        assert {r["source_name"] for r in note["external_references"]} == wanted


def test_every_ftm_finding_cites_its_public_sources(scan: Path) -> None:
    [path] = export(scan, "ftm")
    entities = [json.loads(line) for line in path.read_text().splitlines()]
    for e in entities:
        props = e["properties"]
        if e["schema"] == "Person":
            assert props["notes"] and all("[sources: G1, M1]" in n for n in props["notes"])
        assert any(describe("G1") in d for d in props.get("description", [])), e["schema"]


def test_ftm_entities_read_back_valid(scan: Path) -> None:
    [path] = export(scan, "ftm")
    entities = [model.get_proxy(json.loads(line)) for line in path.read_text().splitlines()]
    ids = {e.id for e in entities}
    assert len(ids) == len(entities)
    for e in entities:
        for prop in e.schema.required:
            assert e.get(prop), (e.schema.name, prop)
        for prop, value in e.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (e.schema.name, prop.name)
    schemata: dict[str, list] = {}
    for e in entities:
        schemata.setdefault(e.schema.name, []).append(e)
    flagged = _flagged(scan)
    assert sorted(p.first("name") for p in schemata["Person"]) == sorted(p["record_id"] for p in flagged)
    assert len(schemata["Membership"]) == sum(len(r["members"]) for r in _rings(scan))
    links = [link for r in _rings(scan) for link in r["links"]]
    assert len(schemata["BankAccount"]) == sum(link["kind"] == "account" for link in links)
    assert len(schemata["Ownership"]) == sum(
        len(link["members"]) for link in links if link["kind"] == "account"
    )
    assert len(schemata["Address"]) == sum(link["kind"] == "address" for link in links)
    assert {c.first("website") for c in schemata["Company"]} == {
        f"http://staffing-{link['group'].split(':')[1].lower()}.example/"
        for link in links
        if link["kind"] == "vendor"
    }
    assert len(schemata["Employment"]) == sum(
        len(link["members"]) for link in links if link["kind"] == "vendor"
    )
    pairs = sum(
        len(link["members"]) * (len(link["members"]) - 1) // 2
        for link in links
        if link["kind"] not in {"address", "account", "vendor"}
    )
    assert pairs and len(schemata["UnknownLink"]) == pairs


def test_ftm_links_personas_by_every_kind_of_link(scan: Path) -> None:
    """National ids, referrers and probabilistic matches are links too: none is dropped."""
    rings = _rings(scan)
    a, b = rings[0]["members"][:2]
    extra = {"nid": "123-45-6789", "referral": a, "linkage": f"{a}|{b}", "newkind": "x"}
    rings[0]["links"] += [
        {"group": f"{kind}:{key}", "kind": kind, "link": "weak", "indicators": ["i"], "members": [a, b]}
        for kind, key in extra.items()
    ]
    (scan / "rings.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rings))
    [path] = export(scan, "ftm")
    entities = [model.get_proxy(json.loads(line)) for line in path.read_text().splitlines()]
    roles = [e.first("role") for e in entities if e.schema.name == "UnknownLink"]
    for text in (
        "share a national id: 123-45-6789",
        f"probably the same person (record linkage): {a}|{b}",
        "share newkind: x",
    ):
        assert sum(text in r for r in roles) == 1, text
    assert sum(f"referring, the same person: {a} " in r for r in roles) == 1


def test_csv_and_json_tables(scan: Path) -> None:
    persons = _persons(scan)
    csv_paths = {p.stem: p for p in export(scan, "csv")}
    json_paths = {p.stem: p for p in export(scan, "json")}
    assert set(csv_paths) == set(json_paths) == {"persons", "rings", "links", "facilitators", "hits"}
    with csv_paths["persons"].open() as fh:
        rows = list(csv.DictReader(fh))
    assert [r["record_id"] for r in rows] == [p["record_id"] for p in persons]
    assert [r["band"] for r in rows] == [p["band"] for p in persons]
    with csv_paths["hits"].open() as fh:
        hits = list(csv.DictReader(fh))
    assert len(hits) == sum(len(p["indicators"]) for p in persons)
    rings = json.loads(json_paths["rings"].read_text())
    assert [r["members"] for r in rings] == [r["members"] for r in _rings(scan)]
    assert [r["corroborated_by"] for r in rings] == [r["corroborated_by"] for r in _rings(scan)]
    facs = json.loads(json_paths["facilitators"].read_text())
    assert [f["rank"] for f in facs] == list(range(1, len(facs) + 1))


def test_hits_carry_title_and_evidence_and_links_have_a_row_each(scan: Path) -> None:
    persons = _persons(scan)
    csv_paths = {p.stem: p for p in export(scan, "csv")}
    json_paths = {p.stem: p for p in export(scan, "json")}
    contributions = [c for p in persons for c in p["indicators"]]
    with csv_paths["hits"].open() as fh:
        hits = list(csv.DictReader(fh))
    assert [h["title"] for h in hits] == [c["title"] for c in contributions]
    assert [json.loads(h["evidence"]) if h["evidence"] else [] for h in hits] == [
        c["evidence"] for c in contributions
    ]
    assert [h["evidence"] for h in json.loads(json_paths["hits"].read_text())] == [
        c["evidence"] for c in contributions
    ]
    rings = _rings(scan)
    links = json.loads(json_paths["links"].read_text())
    expected = [
        (r["ring_id"], g["group"], g["kind"], g["link"], g["indicators"], g["members"])
        for r in rings
        for g in r["links"]
    ]
    assert [
        (x["ring_id"], x["group"], x["kind"], x["link"], x["indicators"], x["members"]) for x in links
    ] == expected
    with csv_paths["links"].open() as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["ring_id"], r["kind"], r["link"], r["members"].split(";")) for r in rows] == [
        (e[0], e[2], e[3], e[5]) for e in expected
    ]


def _headers(folder: Path) -> dict[str, list[str]]:
    headers = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            headers[path.stem] = next(csv.reader(fh))
    return headers


def test_csv_headers_are_the_same_with_rows_and_without(scan: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty-scan"
    empty.mkdir()
    export(scan, "csv")
    export(empty, "csv")
    full, none = _headers(scan / "export" / "csv"), _headers(empty / "export" / "csv")
    assert full == none and set(full) == {"persons", "rings", "links", "facilitators", "hits"}
    for path in export(scan, "json"):
        rows = json.loads(path.read_text())
        assert rows and all(list(r) == full[path.stem] for r in rows), path.stem


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(HirewallError, match="unknown export format"):
        export(tmp_path, "xml")
