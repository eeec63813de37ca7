"""End to end: synth -> scan -> outputs -> evaluate, and bad input on a broken copy."""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

from hirewall.evaluate import evaluate, read_jsonl
from hirewall.pipeline import scan
from hirewall.scoring.weights import PRIOR_LOG_ODDS
from hirewall.settings import Settings

SETTINGS = Settings().with_(progress=False, linkage=False)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_scan_writes_every_output_and_scores_decompose(world: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = scan(world, out, SETTINGS)
    for name in ("persons.jsonl", "rings.jsonl", "facilitators.jsonl", "quarantine.jsonl", "summary.json"):
        assert (out / name).exists(), name
    assert (out / "report.html").stat().st_size > 10_000
    persons = read_jsonl(out / "persons.jsonl")
    assert len(persons) == len(_rows(world / "people.csv"))
    for p in persons:
        assert 0.0 <= p["score"] <= 1.0 and p["band"] in {"low", "medium", "high"}
        total = PRIOR_LOG_ODDS + sum(c["log_odds"] for c in p["indicators"])
        assert math.isclose(p["score"], 1 / (1 + math.exp(-total)), abs_tol=1e-5)
        for c in p["indicators"]:
            if c["indicator"] != "ring_membership":
                assert c["sources"] and c["fairness"] in {"S", "C"} and c["summaries"]
    rings = read_jsonl(out / "rings.jsonl")
    assert rings and all(len(r["members"]) >= 2 and r["links"] for r in rings)
    facs = read_jsonl(out / "facilitators.jsonl")
    assert facs and all(f["why"] for f in facs)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["tables"]["people"]["kept"] == len(persons)
    assert sum(summary["bands"].values()) == len(persons) == len(result.persons)
    # Identifiers are masked by default.
    assert "@" not in json.dumps(facs) or "***@" in json.dumps(facs)
    metrics = evaluate(out, world / "labels.csv")
    assert metrics["flagged"]["recall"] > 0.5 and metrics["flagged"]["precision"] > 0.5
    assert set(metrics) >= {"roc_auc", "average_precision", "precision_at_k", "ring_ari", "fpr_by_group"}


def test_broken_copy_quarantines_exactly_the_bad_rows(world: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(world, data)
    people = data / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    bad = dict.fromkeys(header, "")
    bad_rows = [
        {**bad, "given_name": "No", "family_name": "Id"},  # missing record_id
        {**bad, "record_id": "BAD-2", "birth_date": "31/31/1990"},  # bad optional date: kept
    ]
    with people.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, quoting=csv.QUOTE_ALL)
        for row in bad_rows:
            writer.writerow(row)
        fh.write('"too","few","fields"\n')
    out = tmp_path / "out"
    scan(data, out, SETTINGS)
    summary = json.loads((out / "summary.json").read_text())["tables"]["people"]
    good = len(_rows(world / "people.csv"))
    assert summary["read"] == good + 3
    assert summary["kept"] == good + 1 and summary["quarantined"] == 2
    records = read_jsonl(out / "quarantine.jsonl")
    assert {(r["column"], r["action"]) for r in records} == {
        ("record_id", "row_rejected"),
        ("*", "row_rejected"),
        ("birth_date", "value_dropped"),
    }
    assert all(r["file"] == "people.csv" and r["line"] > len(lines) for r in records)


def test_scanning_the_same_store_twice_changes_nothing(world: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    first = scan(world, tmp_path / "a", SETTINGS, store=store)
    second = scan(world, tmp_path / "b", SETTINGS, store=store)
    assert [(p.record_id, p.score) for p in first.persons] == [(p.record_id, p.score) for p in second.persons]
    assert {t: s.kept for t, s in first.ingest.tables.items()} == {
        t: s.kept for t, s in second.ingest.tables.items()
    }


def test_exports_of_a_real_scan_validate(world: Path, tmp_path: Path) -> None:
    """The demo path: a synthetic organization scanned end to end, exported, read back."""
    import stix2
    from followthemoney import model

    from hirewall.export import export

    out = tmp_path / "out"
    result = scan(world, out, SETTINGS)
    [stix_path] = export(out, "stix")
    bundle = stix2.parse(stix_path.read_text(encoding="utf-8"), allow_custom=True)
    groups = [o for o in bundle.objects if o.type == "identity" and o.identity_class == "group"]
    assert sorted(g.name for g in groups) == sorted(r.ring_id for r in result.rings)
    [ftm_path] = export(out, "ftm")
    entities = [
        model.get_proxy(json.loads(line)) for line in ftm_path.read_text(encoding="utf-8").splitlines()
    ]
    ids = {e.id for e in entities}
    assert entities and len(ids) == len(entities)
    for e in entities:
        for prop, value in e.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (e.schema.name, prop.name)
    assert {e.schema.name for e in entities} >= {"Person", "Address", "BankAccount", "Membership"}
