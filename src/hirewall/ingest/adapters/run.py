"""Store the rows an adapter reads, with the CSV loader's conversion, quarantine and upsert.

Sign-ins keyed by email (Okta ``actor.alternateId``, Entra ``userPrincipalName``) are resolved
to ``people.record_id`` through ``people.email_key`` when exactly one person in the store has
that email; otherwise the email itself is kept as ``record_id``. When a later ingest resolves
an email, the rows stored earlier under the bare email are replaced, so ingesting people
first or last gives the same store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hirewall.contract import Contract, Table, load_contract
from hirewall.engine.base import Engine, quote_ident
from hirewall.ingest.adapters.events import Picked, Skipped, iter_outcomes
from hirewall.ingest.adapters.specs import AdapterSpec
from hirewall.ingest.convert import RowConverter
from hirewall.ingest.loader import BATCH_ROWS, IngestResult, Progress, arrow_batch, input_files, write_rows
from hirewall.ingest.quarantine import Action, QuarantineRecord
from hirewall.normalise.emails import email_key, normalise_email
from hirewall.store import create_schema

_PEOPLE_BY_EMAIL = (
    "SELECT email_key, min(record_id) AS record_id FROM people "
    "WHERE email_key IS NOT NULL GROUP BY email_key HAVING count(DISTINCT record_id) = 1"
)


def people_by_email(engine: Engine) -> dict[str, str]:
    """``email_key -> record_id`` for emails that belong to exactly one person in the store."""
    return {str(k): str(v) for k, v in engine.query(_PEOPLE_BY_EMAIL)}


def _email_key(text: str) -> str | None:
    if "@" not in text:
        return None
    try:
        return email_key(normalise_email(text))
    except ValueError:
        return None


def ingest_events(
    engine: Engine,
    source: Path,
    spec: AdapterSpec,
    contract: Contract | None = None,
    progress: Progress | None = None,
    result: IngestResult | None = None,
) -> IngestResult:
    """Read every file under ``source`` with ``spec`` into its table; idempotent.

    Counts and quarantine records are added to ``result`` (when given) as each file is read,
    so if a later file raises, the caller still has the records of the rows already stored.
    """
    contract = contract or load_contract()
    create_schema(engine, contract)
    table = contract.table(spec.table)
    people = people_by_email(engine) if spec.resolve_email else {}
    result = IngestResult() if result is None else result
    for path in input_files(source):
        ingest_event_file(engine, path, spec, table, result, people, progress)
    return result


def ingest_event_file(
    engine: Engine,
    path: Path,
    spec: AdapterSpec,
    table: Table,
    result: IngestResult,
    people: dict[str, str],
    progress: Progress | None = None,
) -> None:
    """Ingest one export file, adding its counts and quarantine records to ``result``."""
    converter = RowConverter(table)
    stats = result.stats(table.name)
    stats.files.append(path.name)
    batch: list[dict[str, Any]] = []
    aliases: list[dict[str, Any]] = []
    for item in iter_outcomes(spec, path):
        stats.read += 1
        if isinstance(item, Skipped):
            stats.skipped += 1
            continue
        if not isinstance(item, Picked):
            result.quarantine.append(
                QuarantineRecord(path.name, item.line, table.name, "*", item.reason, "row_rejected")
            )
            stats.quarantined += 1
            continue
        resolved = _resolve(item.row, spec.resolve_email, people)
        row, problems = converter.convert(item.row)
        own = {c for c, _, _ in item.problems}
        problems = [*item.problems, *(p for p in problems if p[0] not in own)]
        problems = [(c, _with_source(item.sources, c, r), v) for c, r, v in problems]
        if row is None or own & set(table.required):
            row = None
        for column, reason, value in problems:
            action: Action = "row_rejected" if row is None else "value_dropped"
            result.quarantine.append(
                QuarantineRecord(path.name, item.line, table.name, column, reason, action, value)
            )
        if row is None:
            stats.quarantined += 1
            continue
        stats.values_dropped += len(problems)
        row["_source_file"] = path.name
        row["_source_line"] = item.line
        batch.append(row)
        aliases += [{**row, col: raw} for col, raw in resolved.items()]
        if len(batch) >= BATCH_ROWS:
            stats.kept += _store(engine, table, batch, aliases)
            if progress:
                progress(table.name, stats.read)
    stats.kept += _store(engine, table, batch, aliases)
    if progress:
        progress(table.name, stats.read)


def _with_source(sources: dict[str, str], column: str, reason: str) -> str:
    if column not in sources or "(from " in reason:
        return reason
    return f"{reason} (from {sources[column]})"


def _resolve(row: dict[str, Any], columns: tuple[str, ...], people: dict[str, str]) -> dict[str, str]:
    """Replace emails in ``columns`` by the person's record_id, or by the normalised email.

    Returns ``{column: email}`` for the values resolved to a person.
    """
    replaced: dict[str, str] = {}
    for col in columns:
        raw = row.get(col)
        key = _email_key(str(raw)) if raw else None
        if key is None:
            continue
        email = normalise_email(str(raw))
        if key in people and people[key] != email:
            replaced[col] = email
            row[col] = people[key]
        else:
            row[col] = email
    return replaced


def _store(engine: Engine, table: Table, batch: list[dict[str, Any]], aliases: list[dict[str, Any]]) -> int:
    """Upsert ``batch``, first deleting rows stored earlier under an email now resolved."""
    if aliases:
        staging = f"__hw_alias_{table.name}"
        engine.register_arrow(staging, arrow_batch(table, aliases))
        try:
            t, s = quote_ident(table.name), quote_ident(staging)
            on = " AND ".join(
                f"{t}.{quote_ident(k)} IS NOT DISTINCT FROM {s}.{quote_ident(k)}" for k in table.key
            )
            engine.execute(f"DELETE FROM {t} USING {s} WHERE {on}")  # noqa: S608 (identifiers only)
        finally:
            engine.unregister(staging)
        aliases.clear()
    return write_rows(engine, table, batch)


__all__ = ["ingest_event_file", "ingest_events", "people_by_email"]
