"""OFAC screening runs only on a user-loaded list and never touches scores."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from hirewall.evaluate import read_jsonl
from hirewall.pipeline import scan
from hirewall.reference.catalog import update
from hirewall.screening import sanctions_rows
from hirewall.settings import Settings
from tests.reference.test_catalog import _as_sdn_csv

SDN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ofac_sdn_dprk_subset_2024-05-03.csv"


def test_no_list_loaded_means_no_screening(world: Path, tmp_path: Path) -> None:
    res = scan(world, tmp_path / "out", Settings().with_(progress=False, linkage=False))
    assert res.sanctions is None and not (tmp_path / "out" / "sanctions.jsonl").exists()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["sanctions"] == {"control": "ofac-sanctions", "list_loaded": False}


@pytest.mark.skipif(not SDN.exists(), reason="the shared OFAC DPRK subset is not beside the repo")
def test_listed_name_is_a_compliance_hit_apart_from_scores(world: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref"
    settings = Settings().with_(progress=False, linkage=False, reference_dir=ref)
    with SDN.open(encoding="utf-8", newline="") as fh:
        listed = next(r for r in csv.DictReader(fh) if r.get("sdn_type", "").strip().lower() == "individual")
    sdn = tmp_path / "sdn.csv"  # OFAC's own headerless 12-column layout, rebuilt from the subset
    sdn.write_text(_as_sdn_csv(SDN), encoding="latin-1", errors="replace")
    update("ofac-sdn", sdn, settings)
    data = tmp_path / "data"
    shutil.copytree(world, data)
    people = data / "people.csv"
    with people.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    target = rows[0]["record_id"]
    before = scan(world, tmp_path / "before", settings)
    family, _, given = listed["sdn_name"].partition(",")
    rows[0]["given_name"], rows[0]["family_name"] = given.strip().title(), family.strip().title()
    with people.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    after = scan(data, tmp_path / "after", settings)
    hits = read_jsonl(tmp_path / "after" / "sanctions.jsonl")
    assert any(h["subject_id"] == target and h["control"] == "ofac-sanctions" for h in hits)
    score = {p.record_id: (p.score, p.band) for p in before.persons}
    assert {p.record_id: (p.score, p.band) for p in after.persons} == score


def _listed_world_person(world: Path, tmp_path: Path) -> tuple[Settings, str]:
    """Settings with an SDN list naming the world's first person (listed DOB differs); their name."""
    with (world / "people.csv").open(encoding="utf-8", newline="") as fh:
        first = next(
            r for r in csv.DictReader(fh) if r["given_name"] and r["family_name"] and r["birth_date"]
        )
    sdn = tmp_path / "sdn.csv"
    remarks = "DOB 27 Apr 1941; nationality Korea, North."
    row = ["7001", f"{first['family_name'].upper()}, {first['given_name']}", "individual", "DPRK3"]
    with sdn.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([*row, *["-0- "] * 7, remarks])
    settings = Settings().with_(progress=False, linkage=False, reference_dir=tmp_path / "ref")
    update("ofac-sdn", sdn, settings)
    return settings, f"{first['given_name'].strip()} {first['family_name'].strip()}"


def test_sanctions_output_masks_names_and_birth_dates_like_persons(world: Path, tmp_path: Path) -> None:
    settings, name = _listed_world_person(world, tmp_path)
    scan(world, tmp_path / "open", settings.with_(mask_identifiers=False))
    hit = next(h for h in read_jsonl(tmp_path / "open" / "sanctions.jsonl") if h["subject"] == "person")
    dob = next(e for e in hit["evidence"] if e.startswith("date of birth ")).split()[3]
    assert hit["screened_name"] == name and len(dob) == 10
    scan(world, tmp_path / "masked", settings)
    text = (tmp_path / "masked" / "sanctions.jsonl").read_text(encoding="utf-8")
    assert hit["subject_id"] in text and name not in text and dob not in text


def test_masking_keeps_vendor_names_and_the_listed_entry() -> None:
    person = {"subject": "person", "screened_name": "Ann Lee", "listed_name": "LEE, Ann"}
    person["evidence"] = [
        "name 'Ann Lee' ~ listed 'Ann LEE' (1.00)",
        "date of birth 1990-02-03 differs from listed 1941",
    ]
    vendor = {
        "subject": "vendor",
        "screened_name": "Acme Ltd",
        "listed_name": "ACME",
        "evidence": ["name 'Acme Ltd'"],
    }
    masked, kept = sanctions_rows([person, vendor], masked=True)
    assert masked["screened_name"] == "An***ee" and masked["listed_name"] == "LEE, Ann"
    assert masked["evidence"] == [
        "name 'An***ee' ~ listed 'Ann LEE' (1.00)",
        "date of birth 19******03 differs from listed 1941",
    ]
    assert kept == vendor and list(sanctions_rows([person], masked=False)) == [person]
