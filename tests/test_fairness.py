"""Fairness: swapping names and other non-evidence attributes between people changes no score.

Names are swapped as a bijection on full names (every record of one human keeps sharing a
name, as before), inside the résumé text too, and in payout holder names that were the
person's own. The source system label is swapped as well. Scores, bands and rings must be
identical. Probabilistic same-person linkage is off here: it compares names by design to tell
a re-applicant from a stranger, which is identity resolution, not a risk signal.
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from hirewall.pipeline import scan
from hirewall.settings import Settings

SETTINGS = Settings().with_(progress=False, linkage=False)


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)


def _renderings(given: str, family: str) -> list[str]:
    return [f"{given} {family}", f"{given} {family}".upper(), f"{family}, {given}".upper()]


def swap_names(src: Path, dst: Path, seed: int = 1) -> int:
    """Copy a world, permuting full names (and source systems) across people; returns swaps."""
    shutil.copytree(src, dst)
    header, people = _read(dst / "people.csv")
    names = sorted({(p["given_name"], p["family_name"]) for p in people})
    shuffled = names[:]
    random.Random(seed).shuffle(shuffled)
    new_name = dict(zip(names, shuffled, strict=True))
    systems = sorted({p["source_system"] for p in people})
    new_system = dict(zip(systems, systems[1:] + systems[:1], strict=True))
    holder_map: dict[tuple[str, str], str] = {}
    for p in people:
        old = (p["given_name"], p["family_name"])
        given, family = new_name[old]
        for before, after in zip(_renderings(*old), _renderings(given, family), strict=True):
            holder_map[(p["record_id"], before)] = after
        p["resume_text"] = p["resume_text"].replace(f"{old[0]} {old[1]}", f"{given} {family}")
        p["given_name"], p["family_name"] = given, family
        p["source_system"] = new_system[p["source_system"]]
    _write(dst / "people.csv", header, people)
    pay_header, payouts = _read(dst / "payouts.csv")
    for row in payouts:
        row["holder_name"] = holder_map.get((row["record_id"], row["holder_name"]), row["holder_name"])
    _write(dst / "payouts.csv", pay_header, payouts)
    return sum(1 for a, b in new_name.items() if a != b)


def _outcome(data: Path, out: Path) -> dict[str, tuple[float, str, bool]]:
    result = scan(data, out, SETTINGS)
    return {p.record_id: (p.score, p.band, p.record_id in result.ring_of) for p in result.persons}


def test_swapping_names_between_people_changes_no_score(world: Path, tmp_path: Path) -> None:
    swapped = tmp_path / "swapped"
    assert swap_names(world, swapped) > 1000
    before = _outcome(world, tmp_path / "a")
    after = _outcome(swapped, tmp_path / "b")
    assert any(band != "low" for _, band, _ in before.values())  # the world has findings to lose
    assert before == after
