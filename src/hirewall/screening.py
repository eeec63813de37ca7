"""OFAC sanctions screening of people, vendors and payout-account holders.

This is a compliance control, not a hiring-fraud signal: hits go to ``sanctions.jsonl``,
labelled ``control: "ofac-sanctions"``, and never enter a person's score or band. It runs only
when the user has loaded OFAC's ``sdn.csv`` (``hirewall reference update ofac-sdn --from …``);
hirewall ships no sanctions list. A person's or payout holder's screened name and birth date are
masked in the file unless ``Settings.mask_identifiers`` is off, as in ``persons.jsonl``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from hirewall.engine.base import Engine
from hirewall.masking import mask
from hirewall.reference.loaders import load_sanctions
from hirewall.reference.sanctions import SanctionsScreen
from hirewall.settings import Settings

SUBJECTS_SQL = {
    "people": """
        SELECT 'person' AS subject, record_id AS subject_id,
               trim(coalesce(given_name, '') || ' ' || coalesce(family_name, '')) AS name,
               CAST(birth_date AS VARCHAR) AS dob, coalesce(country, '') AS country, true AS is_person
        FROM people WHERE coalesce(given_name, family_name) IS NOT NULL ORDER BY record_id""",
    "vendors": """
        SELECT 'vendor' AS subject, vendor_id AS subject_id, name, '' AS dob,
               coalesce(country, '') AS country, false AS is_person
        FROM vendors WHERE name IS NOT NULL ORDER BY vendor_id""",
    "payouts": """
        SELECT DISTINCT 'payout_holder' AS subject, record_id AS subject_id, holder_name AS name,
               '' AS dob, '' AS country, true AS is_person
        FROM payouts WHERE holder_name IS NOT NULL ORDER BY subject_id, name""",
}


PERSON_SUBJECTS = frozenset({"person", "payout_holder"})
"""Subjects whose screened name is a person's (masked like ``given_name`` and ``holder_name``)."""
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
"""A screened birth date in evidence (listed SDN dates are written ``27 Apr 1941``)."""


def screen_store(engine: Engine, screen: SanctionsScreen, tables: frozenset[str]) -> Iterator[dict[str, Any]]:
    """Every possible SDN match among the store's people, vendors and payout holders."""
    for table, sql in SUBJECTS_SQL.items():
        if table not in tables:
            continue
        for row in engine.records(sql):
            for hit in screen.screen(
                str(row["name"]), bool(row["is_person"]), row["dob"] or "", row["country"]
            ):
                yield {
                    "control": hit.control,
                    "subject": row["subject"],
                    "subject_id": row["subject_id"],
                    "screened_name": row["name"],
                    "listed_name": hit.matched_name,
                    "sdn_ent_num": hit.entry.ent_num,
                    "sdn_programs": list(hit.entry.programs),
                    "score": round(hit.score, 4),
                    "evidence": list(hit.evidence),
                }


def run_screening(engine: Engine, settings: Settings, tables: frozenset[str]) -> list[dict[str, Any]] | None:
    """Hits, or None when no sanctions list has been loaded."""
    screen = load_sanctions(settings)
    if screen is None:
        return None
    return list(screen_store(engine, screen, tables))


def sanctions_rows(hits: Iterable[Mapping[str, Any]], masked: bool) -> Iterator[dict[str, Any]]:
    """Hits as written to ``sanctions.jsonl``; see :func:`masked_hit` for what masking hides."""
    for hit in hits:
        yield masked_hit(hit) if masked and hit["subject"] in PERSON_SUBJECTS else dict(hit)


def masked_hit(hit: Mapping[str, Any]) -> dict[str, Any]:
    """A person's hit with the screened name and birth date masked, in ``screened_name`` and in
    the evidence (``name 'Ja********er' ~ listed ...``, ``date of birth 19******03 differs ...``).
    The listed SDN name and dates stay readable: they are the public list's."""
    name = str(hit["screened_name"])
    said, hidden = f"name {name!r}", f"name {mask(name)!r}"
    evidence = [
        _ISO_DATE.sub(lambda m: str(mask(m.group(0))), str(e).replace(said, hidden, 1))
        for e in hit["evidence"]
    ]
    return dict(hit) | {"screened_name": mask(name), "evidence": evidence}
