"""Ingest a folder (or one file) of exports into the store, idempotently."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from hirewall.contract import Contract, Table, load_contract
from hirewall.engine.base import Engine
from hirewall.exceptions import InputFileError
from hirewall.ingest.columns import column_plan
from hirewall.ingest.convert import RowConverter
from hirewall.ingest.mapping import SUFFIXES, FileMapping, Mapping
from hirewall.ingest.quarantine import Action, QuarantineRecord
from hirewall.ingest.readers import RowProblem, iter_rows, read_header
from hirewall.store import create_schema

BATCH_ROWS = 50_000
ARROW_TYPES = {
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
    "BIGINT": pa.int64(),
}
Progress = Callable[[str, int], None]


@dataclass
class TableStats:
    """Rows read, kept and quarantined for one table."""

    read: int = 0
    kept: int = 0
    quarantined: int = 0
    values_dropped: int = 0
    skipped: int = 0
    """Events that are not rows of the table (e.g. Okta events other than sign-ins)."""
    files: list[str] = field(default_factory=list)


@dataclass
class IngestResult:
    """What an ingest did: per-table counts, quarantine records and skipped files."""

    tables: dict[str, TableStats] = field(default_factory=dict)
    quarantine: list[QuarantineRecord] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)

    def stats(self, table: str) -> TableStats:
        return self.tables.setdefault(table, TableStats())


def input_files(folder: Path) -> list[Path]:
    """Input files under ``folder`` (or the file itself), in a stable order."""
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise InputFileError(folder, "no such file or folder")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def ingest(
    engine: Engine,
    source: Path,
    mapping: Mapping | None = None,
    contract: Contract | None = None,
    progress: Progress | None = None,
    result: IngestResult | None = None,
) -> IngestResult:
    """Read every input table under ``source`` into the store.

    Rows are upserted on the contract key, so ingesting the same files twice changes nothing.
    Files of a folder that match no mapping entry or table name are listed in
    ``skipped_files``; a single file that matches none raises InputFileError.
    Counts and quarantine records are added to ``result`` (when given) as each file is read,
    so if a later file raises, the caller still has the records of the rows already stored.
    """
    contract = contract or load_contract()
    mapping = mapping or Mapping()
    create_schema(engine, contract)
    result = IngestResult() if result is None else result
    for path in input_files(source):
        fm = mapping.for_file(path, contract)
        if fm is None and source.is_file():
            raise InputFileError(path, mapping.why_not(path, contract))
        if fm is None:
            result.skipped_files.append(path.name)
            continue
        ingest_file(engine, path, fm, contract.table(fm.table), result, progress)
    return result


def ingest_file(
    engine: Engine,
    path: Path,
    fm: FileMapping,
    table: Table,
    result: IngestResult,
    progress: Progress | None = None,
) -> None:
    """Ingest one file into ``table``, adding its counts and problems to ``result``."""
    fmt = SUFFIXES[path.suffix.lower()]
    header = read_header(path, fmt)
    rename = column_plan(path, header, fm, table)
    converter = RowConverter(table)
    stats = result.stats(table.name)
    stats.files.append(path.name)
    batch: list[dict[str, Any]] = []
    for item in iter_rows(path, fmt):
        stats.read += 1
        if isinstance(item, RowProblem):
            result.quarantine.append(
                QuarantineRecord(path.name, item.line, table.name, "*", item.reason, "row_rejected")
            )
            stats.quarantined += 1
            continue
        line, raw = item
        mapped = {dst: raw.get(src) for src, dst in rename.items()}
        mapped.update(fm.constants)
        derived = fm.derive(raw, mapped)
        row, problems = converter.convert(mapped)
        seen = {c for c, _, _ in derived}
        problems = [*derived, *(p for p in problems if p[0] not in seen)]
        if row is not None and seen & set(table.required):
            row = None
        action: Action = "row_rejected" if row is None else "value_dropped"
        for column, reason, value in problems:
            result.quarantine.append(
                QuarantineRecord(path.name, line, table.name, column, reason, action, value)
            )
        if row is None:
            stats.quarantined += 1
            continue
        stats.values_dropped += len(problems)
        row["_source_file"] = path.name
        row["_source_line"] = line
        batch.append(row)
        if len(batch) >= BATCH_ROWS:
            stats.kept += write_rows(engine, table, batch)
            if progress:
                progress(table.name, stats.read)
    stats.kept += write_rows(engine, table, batch)
    if progress:
        progress(table.name, stats.read)


def arrow_batch(table: Table, rows: list[dict[str, Any]]) -> pa.Table:
    """Converted rows as an Arrow table with the store's columns and types."""
    columns = {}
    for name, sql_type in table.store_columns:
        values = [row.get(name) for row in rows]
        columns[name] = pa.array(values, type=ARROW_TYPES.get(sql_type, pa.string()))
    return pa.table(columns)


def write_rows(engine: Engine, table: Table, batch: list[dict[str, Any]]) -> int:
    """Upsert converted rows on the table key and empty ``batch``; returns rows written."""
    if not batch:
        return 0
    n = engine.upsert_arrow(table.name, arrow_batch(table, batch), table.key)
    batch.clear()
    return n


__all__ = ["IngestResult", "TableStats", "arrow_batch", "ingest", "ingest_file", "input_files", "write_rows"]
