"""Turn a scan's output files into the one JSON document the report page renders.

Everything the page shows comes from here; the page itself only lays it out. Identifiers are
shown as the scan wrote them (masked by default); dates from the store carry no identifiers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from hirewall.masking import is_sensitive, mask, mask_unmasked
from hirewall.report.scanfiles import Row, ScanFiles
from hirewall.report.sources import describe
from hirewall.report.storeview import StoreView

MAX_GRAPH_LINKS = 24
"""A ring page draws at most this many shared things; the rest are listed, not drawn."""

RING_KEYS = ("ring_id", "score", "strength", "size", "members", "corroborated_by")
"""Keys of a rings.jsonl row the report carries as they are."""

RING = {
    "title": "Member of a ring of personas",
    "explanation": "This record belongs to a ring: a group of personas that share things one "
    "honest person would not share with others (a payout account, a ship-to address, a device...). "
    "The ring's strength comes from how many independent kinds of thing are shared, and "
    "grows when another member stands out on evidence of its own apart from those links.",
    "code": "",
    "sources": ["G1", "G11"],
    "fairness": "S",
    "family": "ring",
}


def indicator_docs(persons: list[Row]) -> dict[str, dict[str, Any]]:
    """Title, explanation, code, sources and class of every indicator the report mentions."""
    docs: dict[str, dict[str, Any]] = {"ring_membership": dict(RING)}
    for p in persons:
        for c in p.get("indicators", []):
            if c["indicator"] not in docs:
                docs[c["indicator"]] = {
                    "title": c.get("title") or c["indicator"],
                    "explanation": "",
                    "code": c.get("code", ""),
                    "sources": list(c.get("sources", [])),
                    "fairness": c.get("fairness", ""),
                    "family": c.get("family", ""),
                }
    for ind_id, ind in _catalogue().items():
        docs[ind_id] = {
            "title": ind.title,
            "explanation": ind.explanation,
            "code": ind.code,
            "sources": list(ind.sources),
            "fairness": ind.fairness,
            "family": ind.family,
        }
    return docs


def _catalogue() -> Mapping[str, Any]:
    """The indicator catalogue, or nothing if it cannot be loaded (the files still render)."""
    from hirewall.indicators import catalogue

    try:
        return catalogue()
    except Exception:  # a broken indicator module must not stop the report of a finished scan
        return {}


def case_row(p: Row) -> dict[str, Any]:
    """One line of the case queue."""
    contributions = p.get("indicators", [])
    counted = [c for c in contributions if c.get("counted")]
    top = sorted(counted, key=lambda c: -float(c.get("log_odds", 0.0)))[:3]
    return {
        "id": p["record_id"],
        "score": float(p.get("score", 0.0)),
        "band": p.get("band", "low"),
        "ring": p.get("ring_id") or "",
        "families": sorted({c.get("family", "") for c in contributions} - {""}),
        "counted": len(counted),
        "held": len(contributions) - len(counted),
        "top": [c["indicator"] for c in top],
        "same": p.get("same_person_as") or p["record_id"],
    }


def ring_graph(ring: Row, band_of: Mapping[str, str], code_of: Mapping[str, str]) -> dict[str, Any]:
    """Nodes (personas and shared things) and labelled edges of one ring's link graph."""
    links = sorted(
        ring.get("links", []), key=lambda g: (g.get("link") != "strong", -len(g.get("members", [])))
    )
    drawn = links[:MAX_GRAPH_LINKS]
    nodes: list[dict[str, Any]] = [
        {"id": m, "type": "person", "label": m, "band": band_of.get(m, "low")}
        for m in ring.get("members", [])
    ]
    members = {m for m in ring.get("members", [])}
    edges: list[dict[str, Any]] = []
    for i, g in enumerate(drawn):
        gid = f"g{i}"
        nodes.append(
            {"id": gid, "type": g.get("kind", "other"), "label": g.get("group", ""), "link": g.get("link")}
        )
        label = " ".join(sorted({code_of.get(x) or x for x in g.get("indicators", [])}))
        for m in g.get("members", []):
            if m in members:
                edges.append(
                    {"source": gid, "target": m, "label": label, "indicators": g.get("indicators", [])}
                )
    return {"nodes": nodes, "edges": edges, "hidden": len(links) - len(drawn)}


def quarantine_counts(rows: list[Row]) -> list[dict[str, Any]]:
    """Quarantined rows and values by table, column, reason and action (values are never shown)."""
    counts = Counter(
        (r.get("table", ""), r.get("column", ""), r.get("reason", ""), r.get("action", "")) for r in rows
    )
    return [
        {"table": t, "column": c, "reason": reason, "action": a, "count": n}
        for (t, c, reason, a), n in counts.most_common(50)
    ]


def build_payload(scan: ScanFiles, generated: str) -> dict[str, Any]:
    """The report's data: overview, cases, person details, rings, facilitators, sources."""
    docs = indicator_docs(scan.persons)
    code_of = {k: str(v.get("code") or "") for k, v in docs.items()}
    band_of = {p["record_id"]: p.get("band", "low") for p in scan.persons}
    detailed = {p["record_id"]: p for p in scan.persons if p.get("indicators")}
    ring_members = {m for r in scan.rings for m in r.get("members", [])}
    with StoreView(scan.store) as store:
        timelines = {
            k: _masked_events(v, scan.masked)
            for k, v in store.timelines(sorted(ring_members | set(detailed))).items()
        }
    fac_by_id = {f["facilitator_id"]: f for f in scan.facilitators}
    rings = []
    for r in scan.rings:
        rings.append(
            {
                **{k: r.get(k) for k in RING_KEYS},
                "links": r.get("links", []),
                "graph": ring_graph(r, band_of, code_of),
                "timeline": {
                    m: _masked_events(timelines.get(m, []), scan.masked) for m in r.get("members", [])
                },
                "facilitators": [fac_by_id.get(f, {"facilitator_id": f}) for f in r.get("facilitators", [])],
            }
        )
    used_sources = sorted({s for d in docs.values() for s in d.get("sources", [])})
    return {
        "generated": generated,
        "masked": scan.masked,
        "summary": scan.summary,
        "quarantine": quarantine_counts(scan.quarantine),
        "cases": [case_row(p) for p in scan.persons],
        "persons": {
            k: {**_masked_evidence(p, scan.masked), "timeline": timelines.get(k, [])}
            for k, p in detailed.items()
        },
        "rings": rings,
        "facilitators": scan.facilitators,
        "indicators": docs,
        "sources": {s: describe(s) for s in used_sources},
    }


def _masked_evidence(person: Row, masked: bool) -> Row:
    """Mask evidence columns that look like identifiers, in case an indicator used a new column name."""
    if not masked:
        return person
    contributions = [
        {**c, "evidence": [_mask_row(r) for r in c.get("evidence", [])]} for c in person.get("indicators", [])
    ]
    return {**person, "indicators": contributions}


def _mask_row(row: Row) -> Row:
    return {k: _mask_value(k, v) for k, v in row.items()}


def _mask_value(column: str, value: Any) -> Any:
    return mask_unmasked(value) if is_sensitive(column) else value


def _masked_events(events: list[dict[str, str]], masked: bool) -> list[dict[str, str]]:
    """Timeline events carry only event names and dates; mask anything else defensively."""
    if not masked:
        return events
    return [{k: (v if k in {"event", "date"} else str(mask(v))) for k, v in e.items()} for e in events]
