"""The engine contract. Pipelines talk only to this interface.

Four methods are abstract; everything else is built on them. Values are always bound as
parameters (``?`` placeholders); identifiers are quoted with :func:`quote_ident`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, final

import pyarrow as pa

Params = Sequence[Any]
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quote_ident(name: str) -> str:
    """Quote an identifier our own code generated. Refuses anything that is not a plain name."""
    if not _IDENT.match(name):
        raise ValueError(f"refusing to use {name!r} as an SQL identifier")
    return f'"{name}"'


class Engine(ABC):
    """A SQL engine holding the hirewall store."""

    name: str = "abstract"

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> None:
        """Run a statement that returns nothing."""

    @abstractmethod
    def arrow(self, sql: str, params: Params = ()) -> pa.Table:
        """Run a query and return its result as an Arrow table."""

    @abstractmethod
    def register_arrow(self, name: str, table: pa.Table) -> None:
        """Expose an Arrow table to SQL under ``name`` (a temporary view)."""

    @abstractmethod
    def unregister(self, name: str) -> None:
        """Remove a view made by :meth:`register_arrow`."""

    @abstractmethod
    def table_exists(self, name: str) -> bool:
        """Whether a table or view called ``name`` exists."""

    def close(self) -> None:  # noqa: B027  (sensible default: nothing to close)
        """Release the engine's resources."""

    @final
    def query(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Run a query and return its rows as tuples."""
        t = self.arrow(sql, params)
        cols = [c.to_pylist() for c in t.columns]
        return list(zip(*cols, strict=True)) if cols else []

    @final
    def records(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts."""
        return list(self.arrow(sql, params).to_pylist())

    @final
    def scalar(self, sql: str, params: Params = ()) -> Any:
        """Run a query and return the first column of the first row (or None)."""
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def upsert_arrow(self, table: str, data: pa.Table, key: Sequence[str]) -> int:
        """Insert ``data`` into ``table``, replacing rows that have the same ``key``.

        Returns the number of rows written. Re-writing identical rows changes nothing.
        A sensible default for SQL engines with DELETE; engines without it override this.
        """
        if data.num_rows == 0:
            return 0
        staging = f"__hw_stage_{table}"
        self.register_arrow(staging, data)
        try:
            t, s = quote_ident(table), quote_ident(staging)
            on = " AND ".join(f"{t}.{quote_ident(k)} IS NOT DISTINCT FROM {s}.{quote_ident(k)}" for k in key)
            cols = ", ".join(quote_ident(c) for c in data.column_names)
            # Later rows of one batch win over earlier ones with the same key.
            part = ", ".join(quote_ident(k) for k in key)
            self.execute(f"DELETE FROM {t} USING {s} WHERE {on}")  # noqa: S608 (identifiers only)
            self.execute(
                f"INSERT INTO {t} ({cols}) SELECT {cols} FROM {s} "  # noqa: S608
                f"QUALIFY row_number() OVER (PARTITION BY {part} ORDER BY _source_line DESC) = 1"
            )
        finally:
            self.unregister(staging)
        return int(data.num_rows)
