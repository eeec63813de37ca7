"""The evaluator on a hand-made scan whose every figure is known."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from hirewall.evaluate import evaluate
from hirewall.exceptions import InputFileError
from hirewall.masking import stable_id

LABEL_FIELDS = ["entity_kind", "entity_id", "role", "ring_id", "confounder_group", "person_id", "tactics"]


def _person(rid: str, role: str, ring: str = "", group: str = "none", tactics: str = "") -> dict[str, str]:
    return {"entity_kind": "person", "entity_id": rid, "role": role, "ring_id": ring,
            "confounder_group": group, "person_id": rid, "tactics": tactics}  # fmt: skip


def _thing(kind: str, key: str, ring: str) -> dict[str, str]:
    return {"entity_kind": kind, "entity_id": key, "role": "facilitator", "ring_id": ring,
            "confounder_group": "", "person_id": "", "tactics": ""}  # fmt: skip


def _write(tmp_path: Path, labels: list[dict[str, str]], persons: list[dict[str, Any]],
           rings: list[dict[str, Any]]) -> tuple[Path, Path]:  # fmt: skip
    with (tmp_path / "labels.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, LABEL_FIELDS)
        w.writeheader()
        w.writerows(labels)
    out = tmp_path / "out"
    out.mkdir()
    for name, rows in (("persons", persons), ("rings", rings), ("facilitators", [])):
        (out / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return out, tmp_path / "labels.csv"


def _scan(rid: str, band: str, score: float, ring: str | None = None) -> dict[str, Any]:
    return {"record_id": rid, "band": band, "score": score, "ring_id": ring}


FARM = stable_id("address:farm-1", "fac-")
ACCOUNT = stable_id("account:acct-9", "fac-")


@pytest.fixture
def split_ring(tmp_path: Path) -> tuple[Path, Path]:
    """True ring A (5 personas) served by a farm and an account; the scan splits it into a
    part of three (a photo, no facilitator) and a part of two (the farm, ranked first)."""
    labels = [_person(f"a{i}", "persona", "A", tactics="W3") for i in range(5)]
    labels += [_thing("address", "farm-1", "A")]
    labels += [_person("b0", "persona", "B"), _person("b1", "persona", "B"), _thing("account", "acct-9", "B")]
    labels += [_person(f"n{i}", "benign", group="couple" if i < 2 else "none") for i in range(6)]
    persons = [_scan(f"a{i}", "medium", 0.8, "p-photo") for i in range(3)]
    persons += [_scan("a3", "high", 0.9, "p-farm"), _scan("a4", "high", 0.9, "p-farm")]
    persons += [_scan("b0", "high", 0.95, "p-b"), _scan("b1", "low", 0.2, "p-b")]
    persons += [_scan("n0", "medium", 0.7), _scan("n1", "low", 0.1)]
    persons += [_scan(f"n{i}", "low", 0.05) for i in range(2, 6)]
    rings = [
        {"ring_id": "p-photo", "facilitators": []},
        {"ring_id": "p-farm", "facilitators": [FARM]},
        {"ring_id": "p-b", "facilitators": ["fac-other1", "fac-other2", "fac-other3", ACCOUNT]},
    ]
    return _write(tmp_path, labels, persons, rings)


def test_a_ring_split_by_the_data_hits_only_in_any_part(split_ring: tuple[Path, Path]) -> None:
    m = evaluate(*split_ring)
    fac = m["facilitator_top3"]
    # A: the part holding most of its personas has no facilitator; the farm is first in the
    # other part. B: its account is ranked fourth, below the top 3.
    assert (fac["rings"], fac["hit"], fac["hit_any_part"]) == (2, 0, 1)
    assert (fac["rate"], fac["rate_any_part"]) == (0.0, 0.5)


def test_perfect_linking_tells_a_ring_the_data_splits_from_a_detector_miss(tmp_path: Path) -> None:
    """A: a photo ties three personas and a farm the other two, so even perfect linking finds
    the farm only in the smaller part. B: one lent account pays both, so perfect linking
    finds it; the scan ranking it fourth is the detector's miss."""
    from sklearn.metrics import adjusted_rand_score

    labels = [_person(f"a{i}", "persona", "A", tactics="W3" if i < 3 else "L3") for i in range(5)]
    labels += [_thing("address", "farm-1", "A")]
    labels += [_person(f"b{i}", "persona", "B", tactics="P2") for i in range(2)]
    labels += [_thing("account", "acct-9", "B"), _person("n0", "benign")]
    persons = [_scan(f"a{i}", "high", 0.9, "p-a") for i in range(5)]
    persons += [_scan(f"b{i}", "high", 0.9, "p-b") for i in range(2)] + [_scan("n0", "low", 0.1)]
    rings = [{"ring_id": "p-a", "facilitators": [FARM]}, {"ring_id": "p-b", "facilitators": []}]
    m = evaluate(*_write(tmp_path, labels, persons, rings))
    assert (m["facilitator_top3"]["hit"], m["ring_ari"]) == (1, 1.0)  # the scan joined A whole
    best = m["perfect_linking"]
    assert (best["facilitator_hit"], best["facilitator_rings"], best["facilitator_rate"]) == (1, 2, 0.5)
    expected = adjusted_rand_score(["A"] * 5 + ["B"] * 2, [0, 0, 0, 1, 1, 2, 2])
    assert best["ring_ari"] == round(expected, 4) < 1.0


def test_flagged_precision_recall_and_fpr_per_group(split_ring: tuple[Path, Path]) -> None:
    m = evaluate(*split_ring)
    assert (m["flagged"]["tp"], m["flagged"]["fp"], m["flagged"]["fn"]) == (6, 1, 1)
    assert (m["high"]["tp"], m["high"]["fp"]) == (3, 0)
    assert m["fpr_by_group"]["couple"] == {"n": 2, "flagged": 1, "fpr": 0.5}
    assert m["fpr_by_group"]["none"]["flagged"] == 0
    assert m["recall_by_tactic"]["W3"] == {"n": 5, "flagged": 5, "recall": 1.0}
    assert 0.0 < m["ring_ari"] < 1.0  # ring A split in two


def test_not_a_labels_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "labels.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="labels.csv"):
        evaluate(tmp_path, tmp_path / "labels.csv")


@pytest.mark.parametrize("farm_first", [True, False])
def test_a_ring_split_evenly_is_judged_by_the_part_holding_its_highest_scored_member(
    tmp_path: Path, farm_first: bool
) -> None:
    """Two parts of two: the farm's part holds the higher score, whatever the file order."""
    labels = [_person(f"a{i}", "persona", "A") for i in range(4)] + [_thing("address", "farm-1", "A")]
    photo = [_scan("a0", "medium", 0.5, "p-photo"), _scan("a1", "medium", 0.6, "p-photo")]
    farm = [_scan("a2", "high", 0.9, "p-farm"), _scan("a3", "medium", 0.4, "p-farm")]
    persons = farm + photo if farm_first else photo + farm
    rings = [{"ring_id": "p-photo", "facilitators": []}, {"ring_id": "p-farm", "facilitators": [FARM]}]
    fac = evaluate(*_write(tmp_path, labels, persons, rings))["facilitator_top3"]
    assert (fac["rings"], fac["hit"], fac["hit_any_part"]) == (1, 1, 1)


def test_group_fpr_keeps_the_precision_a_half_percent_target_needs() -> None:
    """One flagged person in a group of 199 is 0.503%, above a 0.5% target: the rate must not
    be rounded to 0.0050, where it would read as meeting it."""
    from hirewall.evaluate import Labels, _fpr_by_group

    people = [f"p{i}" for i in range(199)]
    labels = Labels({p: "benign" for p in people}, {}, {p: "family_landline" for p in people}, {})
    persons = [{"record_id": p, "band": "medium" if p == "p0" else "low"} for p in people]
    fpr = _fpr_by_group(persons, labels)["family_landline"]["fpr"]
    assert fpr > 0.005
    assert fpr == round(1 / 199, 6)
