"""A tiny store builder for indicator tests: contract rows in, an in-memory store out.

Rows go through the same converter as ingest, so phones become E.164 and the derived
``*_key`` columns are filled exactly as in production.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

from hirewall.contract import load_contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.indicators.base import Context, Hit, Indicator
from hirewall.ingest.convert import RowConverter
from hirewall.settings import Settings
from hirewall.store import create_schema

Row = Mapping[str, Any]


def store(**tables: Sequence[Row]) -> DuckDBEngine:
    """An in-memory store holding the given rows, e.g. ``store(people=[...], payouts=[...])``."""
    contract = load_contract()
    engine = DuckDBEngine(None)
    create_schema(engine, contract)
    for name, rows in tables.items():
        table = contract.table(name)
        converter = RowConverter(table)
        out = []
        for i, raw in enumerate(rows):
            raw = dict(raw)
            if name == "shipments":
                raw.setdefault("shipment_id", f"s{i}")
            row, problems = converter.convert(raw)
            assert row is not None, f"{name} row {i} rejected: {problems}"
            assert not problems, f"{name} row {i}: {problems}"
            row["_source_file"] = "test"
            row["_source_line"] = i
            out.append(row)
        if out:
            cols = [c for c, _ in table.store_columns]
            data = pa.table({c: [r.get(c) for r in out] for c in cols})
            engine.upsert_arrow(name, data, table.key)
    return engine


def context(
    engine: DuckDBEngine, services: Mapping[str, Any] | None = None, settings: Settings | None = None
) -> Context:
    """A Context over ``engine`` whose ``tables`` are the tables that hold rows."""
    names = [r[0] for r in engine.query("SELECT table_name FROM information_schema.tables")]
    present = frozenset(n for n in names if engine.scalar(f'SELECT count(*) FROM "{n}"'))
    return Context(
        engine=engine,
        settings=settings or Settings(progress=False),
        tables=present,
        services=dict(services or {}),
    )


def run(ind: Indicator, ctx: Context) -> list[Hit]:
    """All hits of one indicator, checked for the Hit invariants."""
    hits = list(ind(ctx))
    for h in hits:
        assert h.indicator == ind.id
        assert 0.0 < h.strength <= 1.0, h
        assert h.summary
        assert len(h.evidence) <= 10
        if ind.link == "none":
            assert h.group is None, h
        else:
            assert h.group, h
    return hits


def fired(ind: Indicator, ctx: Context) -> set[str]:
    """Record ids the indicator fired for."""
    return {h.record_id for h in run(ind, ctx)}


def person(rid: str, given: str, family: str, **kw: Any) -> dict[str, Any]:
    """A people row with a unique home address unless one is given."""
    row: dict[str, Any] = {
        "record_id": rid,
        "given_name": given,
        "family_name": family,
        "address_line1": kw.pop("street", f"{zlib.crc32(rid.encode()) % 9000 + 100} Oak St"),
        "city": "Springfield",
        "region": kw.pop("region", "IL"),
        "postal_code": kw.pop("zip", f"{60000 + zlib.crc32(rid.encode()) % 999:05d}"),
        "country": kw.pop("country", "US"),
    }
    row.update(kw)
    return row
