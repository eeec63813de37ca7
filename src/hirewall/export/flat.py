"""Flat tables of persons, rings, ring links, facilitators and indicator hits, as CSV or JSON.

One row per thing, for spreadsheets and SIEMs: ``links`` has one row per thing a ring's
members share (its kind, strength, indicators and members), and ``hits`` one row per
indicator finding with its title and evidence rows. In CSV a list of plain values is joined
with ``;`` and evidence or link detail is JSON; every table has the same header whether or not
it has rows. Values are exactly what the scan wrote (identifiers masked by default).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hirewall.report.scanfiles import ScanFiles

Table = list[dict[str, Any]]

PERSON_FIELDS = (
    "record_id",
    "score",
    "band",
    "ring_id",
    "same_person_as",
    "families",
    "indicators_counted",
    "indicators_held_back",
)
RING_FIELDS = ("ring_id", "score", "strength", "size", "members", "corroborated_by", "shared", "facilitators")
LINK_FIELDS = ("ring_id", "link_id", "group", "kind", "link", "indicators", "members", "detail")
FACILITATOR_FIELDS = (
    "rank",
    "facilitator_id",
    "kind",
    "key",
    "score",
    "rings",
    "records",
    "indicators",
    "why",
)
HIT_FIELDS = (
    "record_id",
    "indicator",
    "code",
    "title",
    "family",
    "fairness",
    "weight",
    "strength",
    "log_odds",
    "counted",
    "note",
    "sources",
    "groups",
    "summaries",
    "evidence",
)
FIELDS: dict[str, tuple[str, ...]] = {
    "persons": PERSON_FIELDS,
    "rings": RING_FIELDS,
    "links": LINK_FIELDS,
    "facilitators": FACILITATOR_FIELDS,
    "hits": HIT_FIELDS,
}
"""The columns of each table, in order: the CSV header, with rows or without."""


def person_table(scan: ScanFiles) -> Table:
    return [
        {
            "record_id": p["record_id"],
            "score": p.get("score"),
            "band": p.get("band"),
            "ring_id": p.get("ring_id") or "",
            "same_person_as": p.get("same_person_as") or p["record_id"],
            "families": list(p.get("families", [])),
            "indicators_counted": [c["indicator"] for c in p.get("indicators", []) if c.get("counted")],
            "indicators_held_back": [c["indicator"] for c in p.get("indicators", []) if not c.get("counted")],
        }
        for p in scan.persons
    ]


def ring_table(scan: ScanFiles) -> Table:
    return [
        {
            "ring_id": r["ring_id"],
            "score": r.get("score"),
            "strength": r.get("strength"),
            "size": r.get("size"),
            "members": list(r.get("members", [])),
            "corroborated_by": list(r.get("corroborated_by", [])),
            "shared": [link["group"] for link in r.get("links", [])],
            "facilitators": list(r.get("facilitators", [])),
        }
        for r in scan.rings
    ]


def link_table(scan: ScanFiles) -> Table:
    """One row per thing a ring's members share: what it is, how strong a link, who shares it."""
    return [
        {
            "ring_id": r["ring_id"],
            "link_id": link.get("id", ""),
            "group": link["group"],
            "kind": link.get("kind", ""),
            "link": link.get("link", ""),
            "indicators": list(link.get("indicators", [])),
            "members": list(link.get("members", [])),
            "detail": link.get("detail") or [],
        }
        for r in scan.rings
        for link in r.get("links", [])
    ]


def facilitator_table(scan: ScanFiles) -> Table:
    return [{k: f.get(k) for k in FACILITATOR_FIELDS} for f in scan.facilitators]


def hit_table(scan: ScanFiles) -> Table:
    """One row per (person, indicator) contribution, with its summaries, shared things and evidence."""

    def rows() -> Iterator[dict[str, Any]]:
        for p in scan.persons:
            for c in p.get("indicators", []):
                yield {
                    "record_id": p["record_id"],
                    "indicator": c["indicator"],
                    "code": c.get("code", ""),
                    "title": c.get("title", ""),
                    "family": c.get("family", ""),
                    "fairness": c.get("fairness", ""),
                    "weight": c.get("weight"),
                    "strength": c.get("strength"),
                    "log_odds": c.get("log_odds"),
                    "counted": c.get("counted"),
                    "note": c.get("note", ""),
                    "sources": list(c.get("sources", [])),
                    "groups": list(c.get("groups", [])),
                    "summaries": list(c.get("summaries", [])),
                    "evidence": list(c.get("evidence", [])),
                }

    return list(rows())


def tables(scan: ScanFiles) -> dict[str, Table]:
    return {
        "persons": person_table(scan),
        "rings": ring_table(scan),
        "links": link_table(scan),
        "facilitators": facilitator_table(scan),
        "hits": hit_table(scan),
    }


def _cell(value: Any) -> Any:
    """A CSV cell: plain values joined with ``;``, rows (evidence, link detail) as JSON."""
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def write_csv(scan: ScanFiles, folder: Path) -> list[Path]:
    """Write ``persons.csv``, ``rings.csv``, ``links.csv``, ``facilitators.csv`` and ``hits.csv``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in tables(scan).items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=FIELDS[name])
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        paths.append(path)
    return paths


def write_json(scan: ScanFiles, folder: Path) -> list[Path]:
    """Write each table as a JSON array of objects."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in tables(scan).items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
