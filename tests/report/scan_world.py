"""Write a small, deterministic scan output folder (what ``pipeline.scan`` writes) for tests.

The report and the exports read only these files and the store, so tests can build them
directly while the detection pipeline is still moving. Values are masked with the same
functions the pipeline uses.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

from hirewall.engine.duckdb import DuckDBEngine
from hirewall.graph.facilitators import NOT_FACILITATORS
from hirewall.masking import mask_group, mask_row, stable_id
from hirewall.store import create_schema

# (indicator id, code, family, fairness, link kind, link strength)
SHARED = [
    ("shared_ship_address", "L3", "shipping", "S", "address", "strong"),
    ("shared_payout_account", "P2", "payout", "S", "account", "strong"),
    ("shared_phone", "I1", "identity", "S", "phone", "strong"),
    ("shared_device", "N3", "endpoint", "S", "device", "strong"),
    ("shared_egress_ip", "N3", "signin", "S", "ip", "weak"),
    ("shared_vendor", "I13", "vendor", "S", "vendor", "weak"),
]
EVIDENCE_COLUMN = {
    "address": "ship_address_key",
    "account": "account_fingerprint",
    "phone": "phone",
    "device": "device_id",
    "ip": "ip",
    "vendor": "vendor_id",
}
SOLO = [
    ("vpn_egress", "N1", "signin", "C"),
    ("bank_changes", "P1", "payout", "S"),
    ("rmm_tools", "N4", "endpoint", "S"),
]


def _key(kind: str, ring: int, i: int) -> str:
    return {
        "address": f"US|6270{ring}|{100 + i} MAIN ST|{i}",
        "account": f"acct-fingerprint-{ring}-{i}-abcdef",
        "phone": f"+1415555{ring:02d}{i:02d}",
        "device": f"LAPTOP-{ring}{i:03d}",
        "ip": f"203.0.113.{10 * ring + i}",
        "vendor": f"V{ring}{i}",
    }[kind]


def _contribution(
    ind: tuple[Any, ...],
    strength: float,
    counted: bool,
    groups: list[str],
    rows: list[dict[str, Any]],
    masked: bool = True,
) -> dict[str, Any]:
    ind_id, code, family, fairness = ind[:4]
    weight = 2.0 if fairness == "S" else 0.8
    return {
        "indicator": ind_id,
        "code": code,
        "family": family,
        "fairness": fairness,
        "title": f"{ind_id.replace('_', ' ').capitalize()} found",
        "sources": ["G1", "M1"],
        "weight": weight,
        "strength": strength,
        "log_odds": round(weight * strength, 4) if counted else 0.0,
        "counted": counted,
        "note": "counted" if counted else "held back: needs S-class evidence from another family",
        "summaries": [f"{ind_id} fired"],
        "groups": [mask_group(g) if masked else g for g in groups],
        "evidence": [mask_row(r) if masked else r for r in rows],
    }


def write_scan(
    out: Path,
    people: int = 60,
    ring_sizes: tuple[int, ...] = (12, 3),
    seed: int = 7,
    store: bool = True,
    masked: bool = True,
) -> Path:
    """Write persons/rings/facilitators/quarantine/summary (and a store) into ``out``; returns ``out``."""
    rnd = random.Random(seed)
    mgroup, mrow = (mask_group, mask_row) if masked else (str, dict)
    vendors: list[str] = []
    out.mkdir(parents=True, exist_ok=True)
    ids = [f"P{n:05d}" for n in range(people)]
    persons: dict[str, dict[str, Any]] = {
        r: {"record_id": r, "ring_id": None, "same_person_as": r, "indicators": []} for r in ids
    }
    rings, facs = [], []
    start = 0
    for ring_no, size in enumerate(ring_sizes, start=1):
        members = ids[start : start + size]
        start += size
        ring_id = f"ring-{ring_no:03d}"
        links = []
        for kind_no, ind in enumerate(SHARED[: 3 + ring_no % 4]):
            kind, strength = ind[4], ind[5]
            for part in range(2 if size > 6 else 1):
                share = members[part::2] if size > 6 else members
                key = _key(kind, ring_no, kind_no * 10 + part)
                group = f"{kind}:{key}"
                links.append(
                    {
                        "group": mgroup(group),
                        "kind": kind,
                        "link": strength,
                        "indicators": [ind[0]],
                        "members": sorted(share),
                    }
                )
                for m in share:
                    row = {"record_id": m, EVIDENCE_COLUMN[kind]: key}
                    persons[m]["indicators"].append(_contribution(ind, 0.9, True, [group], [row], masked))
                fid = stable_id(group, "fac-")
                if kind == "vendor":
                    vendors.append(key)
                if kind in NOT_FACILITATORS:  # the operator's own phone is a link, not a facilitator
                    continue
                facs.append(
                    {
                        "facilitator_id": fid,
                        "kind": kind,
                        "key": mgroup(group),
                        "score": round(rnd.uniform(0.2, 3.0), 4),
                        "rings": [ring_id],
                        "records": len(share),
                        "indicators": [ind[0]],
                        "why": f"{kind} shared by {len(share)} record(s) across 1 ring(s)",
                    }
                )
        for m in members:
            persons[m]["ring_id"] = ring_id
            persons[m]["indicators"].append(
                _contribution(SOLO[0], 1.0, True, [], [{"record_id": m, "ip": "198.51.100.7"}], masked)
            )
            persons[m]["indicators"].append(
                {
                    **_contribution(("ring_membership", "", "ring", "S"), 1.0, True, [], []),
                    "title": f"member of {ring_id}",
                }
            )
        rings.append(
            {
                "ring_id": ring_id,
                "score": 0.0,
                "strength": 1.0,
                "size": size,
                "members": members,
                "corroborated_by": members[:1],
                "links": links,
                "facilitators": [f["facilitator_id"] for f in facs if ring_id in f["rings"]][:5],
            }
        )
    for r in ids[start:]:
        roll = rnd.random()
        if roll < 0.3:
            persons[r]["indicators"].append(
                _contribution(SOLO[0], 1.0, False, [], [{"record_id": r, "ip": "198.51.100.9"}], masked)
            )
        elif roll < 0.5:
            persons[r]["indicators"].append(
                _contribution(rnd.choice(SOLO[1:]), 0.7, True, [], [{"record_id": r}])
            )
    for p in persons.values():
        lo = -5.0 + sum(c["log_odds"] for c in p["indicators"])
        p["score"] = round(1 / (1 + pow(2.718281828, -lo)), 6)
        families = {c["family"] for c in p["indicators"] if c["counted"] and c["fairness"] == "S"} - {"ring"}
        p["families"] = sorted(families)
        p["band"] = (
            "high" if p["score"] >= 0.8 and len(families) >= 2 else "medium" if p["score"] >= 0.3 else "low"
        )
    ordered = sorted(persons.values(), key=lambda p: (-p["score"], p["record_id"]))
    for ring in rings:
        ring["score"] = max(persons[m]["score"] for m in ring["members"])
    facs.sort(key=lambda f: -f["score"])
    for rank, f in enumerate(facs, start=1):
        f["rank"] = rank
    _jsonl(out / "persons.jsonl", [{k: p[k] for k in _PERSON_KEYS} for p in ordered])
    _jsonl(out / "rings.jsonl", rings)
    _jsonl(out / "facilitators.jsonl", facs)
    quarantine = [
        {
            "file": "people.csv",
            "line": 7,
            "table": "people",
            "column": "email",
            "reason": "invalid email",
            "action": "value_dropped",
            "value": "not-an-email",
        },
        {
            "file": "signins.csv",
            "line": 3,
            "table": "signins",
            "column": "ip",
            "reason": "invalid ip",
            "action": "row_rejected",
            "value": "999.1.1.1",
        },
    ]
    _jsonl(out / "quarantine.jsonl", quarantine)
    bands = {b: sum(1 for p in ordered if p["band"] == b) for b in ("high", "medium", "low")}
    tables = {
        "people": people,
        "shipments": people,
        "signins": people * 3,
        "payouts": people,
        "profile_changes": 4,
        "vendors": 2,
        "endpoint": 0,
    }
    summary = {
        "tables": {
            t: {"read": n, "kept": n, "quarantined": 0, "values_dropped": 0, "files": [f"{t}.csv"]}
            for t, n in tables.items()
        },
        "skipped_files": [],
        "bands": bands,
        "rings": len(rings),
        "facilitators": len(facs),
        "coverage": {
            "tables": tables,
            "families": ["identity", "payout", "shipping", "signin", "vendor"],
            "indicators_run": sorted({i[0] for i in SHARED} | {i[0] for i in SOLO}),
            "indicators_skipped": ["usb_kvm"],
            "hits_per_indicator": {i[0]: 3 for i in SHARED + SOLO},
            "org_egress": {"told_ranges": 1, "learned_ips": 6, "learning_bar": 25},
        },
        "timings_s": {"ingest": 0.1},
        "masked": masked,
        "finished_at": FINISHED_AT,
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if store:
        _write_store(out / "hirewall.duckdb", ids, rnd, vendors)
    return out


FINISHED_AT = "2026-03-04T05:06:07.890Z"
"""When the scan finished, as summary.json records it."""

_PERSON_KEYS = ("record_id", "score", "band", "ring_id", "same_person_as", "families", "indicators")


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _write_store(path: Path, ids: list[str], rnd: random.Random, vendors: list[str]) -> None:
    rows: dict[str, list[dict[str, Any]]] = {"people": [], "shipments": [], "signins": [], "payouts": []}
    for n, r in enumerate(ids):
        applied = date(2025, 1, 1) + timedelta(days=rnd.randint(0, 200))
        hired = applied + timedelta(days=rnd.randint(10, 40))
        rows["people"].append(
            {"record_id": r, "applied_at": applied, "hired_at": hired, "vendor_id": "V10" if n < 12 else None}
        )
        rows["shipments"].append(
            {
                "shipment_id": f"S{n}",
                "record_id": r,
                "ship_line1": "1 Main St",
                "shipped_at": hired + timedelta(days=3),
            }
        )
        first = datetime.combine(hired + timedelta(days=5), time(9))
        rows["signins"].append({"record_id": r, "signed_in_at": first, "ip": "203.0.113.9"})
        rows["payouts"].append(
            {"record_id": r, "account_fingerprint": f"acct-{n}", "effective_from": hired + timedelta(days=20)}
        )
    rows["profile_changes"] = [
        {
            "record_id": ids[0],
            "field": "bank",
            "old_value": "a",
            "new_value": "b",
            "changed_at": datetime(2025, 9, 1, 10),
        }
    ]
    rows["vendors"] = [
        {"vendor_id": v, "name": f"Staffing {v} LLC", "domain": f"staffing-{v.lower()}.example"}
        for v in ["V10", *vendors]
    ]
    engine = DuckDBEngine(path)
    try:
        create_schema(engine)
        for table, data in rows.items():
            engine.register_arrow("_rows", pa.Table.from_pylist(data))
            engine.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
            engine.unregister("_rows")
    finally:
        engine.close()
