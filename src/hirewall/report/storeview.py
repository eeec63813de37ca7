"""Read-only look-ups in a scan's DuckDB store: timelines of personas and vendor details.

The store is opened read-only and every value is bound as a parameter. A store that is
missing, locked or lacks a table gives empty answers: the report then omits the timeline
rather than failing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

# (event, table, SQL). Each query takes one parameter: the list of record ids.
_EVENTS: tuple[tuple[str, str, str], ...] = (
    ("applied", "people", "SELECT record_id, applied_at FROM people WHERE list_contains(?, record_id)"),
    ("hired", "people", "SELECT record_id, hired_at FROM people WHERE list_contains(?, record_id)"),
    ("shipped", "shipments", "SELECT record_id, shipped_at FROM shipments WHERE list_contains(?, record_id)"),
    (
        "first sign-in",
        "signins",
        "SELECT record_id, min(signed_in_at) FROM signins WHERE list_contains(?, record_id) GROUP BY 1",
    ),
    (
        "payout account",
        "payouts",
        "SELECT record_id, effective_from FROM payouts WHERE list_contains(?, record_id)",
    ),
    (
        "bank change",
        "profile_changes",
        "SELECT record_id, changed_at FROM profile_changes "
        "WHERE field = 'bank' AND list_contains(?, record_id)",
    ),
)
EVENT_ORDER = tuple(e for e, _, _ in _EVENTS)


class StoreView:
    """A read-only connection to the store, or nothing if it cannot be opened."""

    def __init__(self, path: Path | None) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        if path is not None and path.exists():
            try:
                self._con = duckdb.connect(str(path), read_only=True)
            except duckdb.Error:
                self._con = None
        self._tables: set[str] = set()
        if self._con is not None:
            rows = self._con.execute("SELECT table_name FROM information_schema.tables").fetchall()
            self._tables = {r[0] for r in rows}

    def __enter__(self) -> StoreView:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _query(self, table: str, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        if self._con is None or table not in self._tables:
            return []
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error:
            return []

    def timelines(self, record_ids: Sequence[str]) -> dict[str, list[dict[str, str]]]:
        """Dated events (applied, hired, shipped, first sign-in, payout) per record, in date order."""
        out: dict[str, list[dict[str, str]]] = defaultdict(list)
        ids = sorted(set(record_ids))
        if not ids:
            return {}
        for event, table, sql in _EVENTS:
            for record_id, when in self._query(table, sql, [ids]):
                if when is not None:
                    out[record_id].append({"event": event, "date": str(when)[:10]})
        for events in out.values():
            events.sort(key=lambda e: (e["date"], EVENT_ORDER.index(e["event"])))
        return dict(out)

    def vendors(self, vendor_ids: Sequence[str]) -> dict[str, dict[str, str]]:
        """Name and domain of each vendor (firms, not people: never masked)."""
        rows = self._query(
            "vendors",
            "SELECT vendor_id, name, domain FROM vendors WHERE list_contains(?, vendor_id)",
            [sorted(set(vendor_ids))],
        )
        return {v: {"name": n or "", "domain": d or ""} for v, n, d in rows}

    def placements(self, record_ids: Sequence[str]) -> dict[str, str]:
        """The vendor that placed each person, where the people table records one."""
        rows = self._query(
            "people",
            "SELECT record_id, vendor_id FROM people "
            "WHERE vendor_id IS NOT NULL AND list_contains(?, record_id)",
            [sorted(set(record_ids))],
        )
        return {r: v for r, v in rows}
