"""Write a scan's results: persons, rings, facilitators, quarantine and summary files.

Identifiers in evidence are masked unless ``Settings.mask_identifiers`` is off. Each
facilitator and ring link also gets an id (``fac-…``, ``grp-…``) keyed with this machine's
secret (:func:`hirewall.masking.id_key`), so tools can join on it without seeing the value and
no one can find the value by hashing guesses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hirewall.graph.facilitators import Facilitator
from hirewall.graph.links import Ring
from hirewall.indicators.base import Indicator
from hirewall.masking import id_key, mask_group, mask_row, stable_id
from hirewall.report.scanfiles import utc_timestamp
from hirewall.scoring.model import Contribution, PersonScore

MAX_EVIDENCE_ROWS = 10


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows as JSON lines; returns the count."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
            n += 1
    return n


def contribution_dict(c: Contribution, catalogue: Mapping[str, Indicator], masked: bool) -> dict[str, Any]:
    """One contribution as it appears in persons.jsonl."""
    ind = catalogue.get(c.indicator)
    evidence: list[dict[str, Any]] = []
    summaries: list[str] = []
    groups: list[str] = []
    for hit in c.hits:
        summaries.append(hit.summary)
        if hit.group:
            groups.append(mask_group(hit.group) if masked else hit.group)
        for row in hit.evidence:
            if len(evidence) < MAX_EVIDENCE_ROWS:
                evidence.append(mask_row(row) if masked else dict(row))
    return {
        "indicator": c.indicator,
        "code": ind.code if ind else "",
        "family": c.family,
        "fairness": c.fairness,
        "title": ind.title if ind else c.note,
        "sources": list(ind.sources) if ind else [],
        "weight": c.weight,
        "strength": round(c.strength, 4),
        "log_odds": round(c.log_odds, 4),
        "counted": c.counted,
        "note": c.note,
        "summaries": sorted(set(summaries)),
        "groups": sorted(set(groups)),
        "evidence": evidence,
    }


def person_rows(
    persons: Sequence[PersonScore],
    ring_of: Mapping[str, str],
    identity: Mapping[str, str],
    catalogue: Mapping[str, Indicator],
    masked: bool,
) -> Iterable[dict[str, Any]]:
    for p in persons:
        yield {
            "record_id": p.record_id,
            "score": p.score,
            "band": p.band,
            "ring_id": ring_of.get(p.record_id),
            "same_person_as": identity.get(p.record_id, p.record_id),
            "families": list(p.families),
            "indicators": [contribution_dict(c, catalogue, masked) for c in p.contributions],
        }


def ring_rows(
    rings: Sequence[Ring],
    ring_scores: Mapping[str, float],
    facilitators: Sequence[Facilitator],
    masked: bool,
    key: bytes | None = None,
) -> Iterable[dict[str, Any]]:
    """Rows of rings.jsonl; ids keyed with ``key`` (default: this machine's id key)."""
    secret = id_key() if key is None else key
    by_ring: dict[str, list[Facilitator]] = {}
    for f in facilitators:
        for r in f.rings:
            by_ring.setdefault(r, []).append(f)
    for ring in rings:
        yield {
            "ring_id": ring.ring_id,
            "score": round(ring_scores.get(ring.ring_id, 0.0), 6),
            "strength": ring.strength,
            "size": ring.identities,
            "members": list(ring.members),
            "corroborated_by": sorted(r for human in ring.corroborated_by for r in human),
            "links": [
                {
                    "id": stable_id(g.key, "grp-", secret),
                    "group": mask_group(g.key) if masked else g.key,
                    "kind": g.kind,
                    "link": g.link,
                    "indicators": sorted(g.indicators),
                    "members": sorted(g.records & set(ring.members)),
                    "detail": g.detail,
                }
                for g in ring.groups + ring.attached_by
            ],
            "facilitators": [stable_id(f.key, "fac-", secret) for f in by_ring.get(ring.ring_id, [])[:5]],
        }


def facilitator_rows(
    facilitators: Sequence[Facilitator], masked: bool, key: bytes | None = None
) -> Iterable[dict[str, Any]]:
    """Rows of facilitators.jsonl; ids keyed with ``key`` (default: this machine's id key)."""
    secret = id_key() if key is None else key
    for rank, f in enumerate(facilitators, start=1):
        yield {
            "rank": rank,
            "facilitator_id": stable_id(f.key, "fac-", secret),
            "kind": f.kind,
            "key": mask_group(f.key) if masked else f.key,
            "score": f.score,
            "rings": list(f.rings),
            "records": f.personas,
            "indicators": list(f.indicators),
            "why": f.why,
        }


def write_summary(path: Path, summary: Mapping[str, Any]) -> None:
    """Write summary.json, stamped with ``finished_at`` (now, UTC) unless it has one.

    The exports date what they write with this time, so every export of one scan is the same."""
    stamped = {**summary, "finished_at": summary.get("finished_at") or utc_timestamp(datetime.now(UTC))}
    path.write_text(json.dumps(stamped, indent=2, default=_json_default) + "\n", encoding="utf-8")
