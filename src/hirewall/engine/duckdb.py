"""DuckDB engine: the default, embedded store in one file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from hirewall.engine.base import Engine, Params
from hirewall.exceptions import ConfigError, EngineError

_LIMITS = (
    ("SET threads = ?", "threads (HIREWALL_THREADS)"),
    ("SET memory_limit = ?", "memory_limit (HIREWALL_MEMORY_LIMIT)"),
)


def first_line(e: duckdb.Error) -> str:
    """The first line of a DuckDB error (its kind and message, without the hints below it)."""
    return str(e).splitlines()[0] if str(e) else type(e).__name__


def apply_limits(con: duckdb.DuckDBPyConnection, threads: int = 0, memory_limit: str = "") -> None:
    """Set DuckDB's thread count and memory limit (0 / empty: DuckDB decides).

    A value DuckDB refuses raises :class:`ConfigError` naming the setting and the value.
    """
    for (sql, setting), value in zip(_LIMITS, (threads, memory_limit), strict=True):
        if not value:
            continue
        try:
            con.execute(sql, [value])
        except duckdb.Error as e:
            raise ConfigError(f"invalid {setting} {value!r}: {first_line(e)}") from e


class DuckDBEngine(Engine):
    """The store as one DuckDB file (or in memory when ``path`` is None)."""

    name = "duckdb"

    def __init__(self, path: Path | str | None = None, threads: int = 0, memory_limit: str = "") -> None:
        self.path = str(path) if path else ":memory:"
        try:
            self.con = duckdb.connect(self.path)
        except duckdb.Error as e:
            raise EngineError(f"cannot open DuckDB store {self.path}: {e}") from e
        try:
            apply_limits(self.con, threads, memory_limit)
        except ConfigError:
            self.con.close()
            raise

    def execute(self, sql: str, params: Params = ()) -> None:
        try:
            self.con.execute(sql, list(params)).fetchall()
        except duckdb.Error as e:
            raise EngineError(str(e), sql) from e

    def arrow(self, sql: str, params: Params = ()) -> pa.Table:
        try:
            rel = self.con.sql(sql, params=list(params) or None)
            if rel is None:
                return pa.table({})
            result = rel.to_arrow_table()
        except duckdb.Error as e:
            raise EngineError(str(e), sql) from e
        return result

    def register_arrow(self, name: str, table: pa.Table) -> None:
        self.con.register(name, table)

    def unregister(self, name: str) -> None:
        self.con.unregister(name)

    def table_exists(self, name: str) -> bool:
        rows = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchall()
        return bool(rows[0][0])

    def close(self) -> None:
        self.con.close()
