"""The hirewall store: one table per contract table, with derived and provenance columns."""

from __future__ import annotations

from hirewall.contract import Contract, load_contract
from hirewall.engine.base import Engine, quote_ident


def create_schema(engine: Engine, contract: Contract | None = None) -> None:
    """Create every contract table in the store if it does not exist yet."""
    contract = contract or load_contract()
    for table in contract.tables.values():
        cols = ", ".join(f"{quote_ident(n)} {t}" for n, t in table.store_columns)
        engine.execute(f"CREATE TABLE IF NOT EXISTS {quote_ident(table.name)} ({cols})")


def row_count(engine: Engine, table: str) -> int:
    """Rows of ``table`` in the store (0 when it does not exist)."""
    if not engine.table_exists(table):
        return 0
    return int(engine.scalar(f"SELECT count(*) FROM {quote_ident(table)}"))  # noqa: S608
