"""Turn the events of a JSON export into raw contract rows, following an :class:`AdapterSpec`.

Yields, per event:

* :class:`Picked` -- a row of contract-column values (still raw text) and any parse problems;
* :class:`Skipped` -- an event that is not a row of the table (an Okta ``user.lifecycle`` event,
  an osquery ``removed`` row, a query that is not inventory);
* :class:`~hirewall.ingest.readers.RowProblem` -- an event that could not be read at all.

The first readable event must carry the spec's ``signature`` fields, so a file of another
format fails with one clear error instead of being silently skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from hirewall.exceptions import InputFileError
from hirewall.ingest.adapters.fields import get_path, pick_row
from hirewall.ingest.adapters.jsondoc import iter_events
from hirewall.ingest.adapters.specs import AdapterSpec, QueryRule
from hirewall.ingest.readers import RowProblem

TITLES = {
    "okta": "an Okta System Log",
    "entra": "an Entra ID sign-in log",
    "osquery": "an osquery results log",
}


@dataclass(frozen=True)
class Picked:
    """One row taken from an event: raw contract values and ``(column, reason, raw)`` problems."""

    line: int
    row: dict[str, Any]
    problems: list[tuple[str, str, str]]
    sources: dict[str, str]


@dataclass(frozen=True)
class Skipped:
    """An event (or osquery row) that is deliberately not a row of the table."""

    line: int
    why: str


Outcome = Picked | Skipped | RowProblem


def _unwrap(obj: Any, keys: tuple[str, ...]) -> Any:
    """Replace a SIEM wrapper (``{"result": {"_raw": "<event JSON>"}}``) by the event inside."""
    for key in keys:
        if not isinstance(obj, dict) or key not in obj:
            continue
        inner = obj[key]
        if isinstance(inner, str):
            try:
                inner = json.loads(inner)
            except json.JSONDecodeError as e:
                raise ValueError(f"invalid JSON in {key!r}: {e.msg}") from e
        if isinstance(inner, dict):
            obj = inner
    return obj


def _rule(spec: AdapterSpec, name: str) -> QueryRule | None:
    low = name.lower()
    return next((r for r in spec.queries if any(fnmatchcase(low, p.lower()) for p in r.patterns)), None)


def _osquery_rows(obj: dict[str, Any]) -> tuple[list[Any], int]:
    """Rows to keep (snapshot rows, ``added`` rows) and how many ``removed`` rows were dropped."""
    if isinstance(obj.get("snapshot"), list):
        return list(obj["snapshot"]), 0
    if isinstance(obj.get("columns"), dict):
        return ([obj["columns"]], 0) if obj.get("action", "added") == "added" else ([], 1)
    diff = obj.get("diffResults")
    if isinstance(diff, dict):
        return list(diff.get("added") or []), len(diff.get("removed") or [])
    return [], 0


def _expand(spec: AdapterSpec, line: int, obj: dict[str, Any]) -> Iterator[Outcome]:
    if not spec.queries:
        if not spec.keeps(get_path(obj, spec.keep_field) if spec.keep_field else None):
            yield Skipped(line, f"{spec.keep_field} is {get_path(obj, spec.keep_field or '')!r}")
            return
        row, problems = pick_row(spec.columns, obj, spec.lookups)
        yield Picked(line, row, problems, {k: f.described for k, f in spec.columns.items()})
        return
    name = str(obj.get("name") or "")
    rule = _rule(spec, name)
    if rule is None:
        yield Skipped(line, f"query {name!r} is not mapped to an endpoint kind")
        return
    rows, removed = _osquery_rows(obj)
    for _ in range(removed):
        yield Skipped(line, "osquery 'removed' row")
    columns = {**spec.columns, **rule.columns}
    for row in rows:
        if not isinstance(row, dict):
            yield RowProblem(line, "osquery result row is not a JSON object")
            continue
        picked, problems = pick_row(columns, {**obj, "row": row}, spec.lookups)
        picked["kind"] = rule.kind
        yield Picked(line, picked, problems, {k: f.described for k, f in columns.items()})


def iter_outcomes(spec: AdapterSpec, path: Path) -> Iterator[Outcome]:
    """Every event of ``path`` read with ``spec``."""
    title = TITLES.get(spec.format, spec.format)
    checked = False
    for item in iter_events(path, spec.containers):
        if isinstance(item, RowProblem):
            yield item
            continue
        line, obj = item
        try:
            obj = _unwrap(obj, spec.unwrap)
        except ValueError as e:
            yield RowProblem(line, str(e))
            continue
        if not isinstance(obj, dict):
            yield RowProblem(line, "JSON value is not an object")
            continue
        missing = [p for p in spec.signature if get_path(obj, p) is None]
        if missing:
            if not checked:
                others = ", ".join(f for f in TITLES if f != spec.format)
                raise InputFileError(
                    path,
                    f"does not look like {title} (--format {spec.format}): the first event has no "
                    f"{missing}. Is it another export (--format {others}, or csv)?",
                )
            yield RowProblem(line, f"not {title} event: no {missing}")
            continue
        checked = True
        yield from _expand(spec, line, obj)
