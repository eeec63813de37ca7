"""Adapter specs: the shipped ``mappings/<format>.yaml`` files, optionally overridden by the user's.

A user's ``--mapping FILE`` for ``--format okta|entra|osquery`` is merged over the shipped
spec: its ``columns`` and ``lookups`` entries replace the shipped ones of the same name, its
``queries`` are tried before the shipped ones, and any other key replaces the shipped value.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import yaml

from hirewall.contract import Contract
from hirewall.exceptions import ConfigError
from hirewall.ingest.adapters.fields import FieldSpec, parse_field

FORMATS = ("csv", "okta", "entra", "osquery")
EVENT_FORMATS = ("okta", "entra", "osquery")
SPEC_KEYS = frozenset(
    {"table", "containers", "unwrap", "signature", "keep", "resolve_email", "columns", "lookups", "queries"}
)


@dataclass(frozen=True)
class QueryRule:
    """osquery: which scheduled queries give which endpoint ``kind``, and their columns."""

    patterns: tuple[str, ...]
    kind: str
    columns: dict[str, FieldSpec]


@dataclass(frozen=True)
class AdapterSpec:
    """How the events of one export format become rows of one contract table."""

    format: str
    table: str
    source: str
    columns: dict[str, FieldSpec]
    containers: tuple[str, ...] = ("value", "records")
    unwrap: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()
    keep_field: str | None = None
    keep_equals: frozenset[str] = frozenset()
    keep_prefix: tuple[str, ...] = ()
    resolve_email: tuple[str, ...] = ()
    queries: tuple[QueryRule, ...] = ()
    lookups: dict[str, dict[str, str]] = field(default_factory=dict)

    def keeps(self, value: Any) -> bool:
        """Whether an event whose ``keep.field`` is ``value`` is a row of the table."""
        if self.keep_field is None:
            return True
        text = str(value or "")
        return text in self.keep_equals or text.startswith(self.keep_prefix)


def shipped_mapping(name: str) -> Path | None:
    """The path of a mapping shipped with hirewall (``okta``, ``greenhouse``...), or None."""
    resource = files("hirewall").joinpath("mappings", f"{name}.yaml")
    if not resource.is_file():
        return None
    with as_file(resource) as path:
        return Path(path)


def _yaml(path: Path) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot read mapping file: {e}") from e
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}: a mapping file must be a YAML mapping")
    return doc


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if key in ("columns", "lookups") and isinstance(value, dict):
            out[key] = {**(base.get(key) or {}), **value}
        elif key == "queries" and isinstance(value, list):
            out[key] = [*value, *(base.get(key) or [])]
        else:
            out[key] = value
    return out


def _lookup(value: Any, where: str, folder: Path) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    if not isinstance(value, str):
        raise ConfigError(f"{where}: a lookup is a mapping or the path of a two-column CSV file")
    path = (folder / value) if not Path(value).is_absolute() else Path(value)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ConfigError(f"{where}: cannot read lookup file {path}: {e}") from e
    return {r[0].strip(): r[1].strip() for r in rows[1:] if len(r) >= 2 and r[0].strip() and r[1].strip()}


def _columns(doc: Any, where: str, allowed: tuple[str, ...]) -> dict[str, FieldSpec]:
    if not isinstance(doc, dict):
        raise ConfigError(f"{where}: 'columns:' must map contract columns to sources")
    for name in doc:
        if name not in allowed:
            raise ConfigError(f"{where}: unknown contract column {name!r}; the table has {list(allowed)}")
    return {str(k): parse_field(str(k), v, where) for k, v in doc.items()}


def _strs(doc: Any) -> tuple[str, ...]:
    if doc is None:
        return ()
    return tuple(str(v) for v in (doc if isinstance(doc, list) else [doc]))


def load_spec(fmt: str, contract: Contract, user_mapping: Path | None = None) -> AdapterSpec:
    """The spec for ``fmt`` (shipped), merged with the user's mapping file when given."""
    shipped = shipped_mapping(fmt)
    if fmt not in EVENT_FORMATS or shipped is None:
        raise ConfigError(f"unknown adapter format {fmt!r}; known: {', '.join(EVENT_FORMATS)}")
    doc = _yaml(shipped)
    if user_mapping is not None:
        unknown = set(_yaml(user_mapping)) - SPEC_KEYS
        if unknown:
            raise ConfigError(
                f"{user_mapping}: unknown keys {sorted(unknown)} for --format {fmt} "
                f"(a CSV mapping's 'files:' goes with --format csv); known: {sorted(SPEC_KEYS)}"
            )
    where = str(shipped)
    folder = shipped.parent
    if user_mapping is not None:
        doc, where, folder = _merge(doc, _yaml(user_mapping)), str(user_mapping), user_mapping.parent
    table = contract.table(str(doc.get("table", "")))
    allowed = table.column_names
    columns = _columns(doc.get("columns") or {}, where, allowed)
    queries = []
    for n, q in enumerate(doc.get("queries") or [], start=1):
        if not isinstance(q, dict) or "match" not in q or "kind" not in q:
            raise ConfigError(f"{where}: query rule {n} needs match: and kind:")
        queries.append(
            QueryRule(_strs(q["match"]), str(q["kind"]), _columns(q.get("columns") or {}, where, allowed))
        )
    covered = set(columns) | ({"kind"} if queries else set())
    for rule in queries or [QueryRule((), "", {})]:
        missing = [c for c in table.required if c not in covered | set(rule.columns)]
        if missing:
            raise ConfigError(f"{where}: no source for required columns {missing} of table {table.name}")
    keep = doc.get("keep") or {}
    lookups = {str(k): _lookup(v, where, folder) for k, v in (doc.get("lookups") or {}).items()}
    for name, spec in [*columns.items(), *((n, s) for q in queries for n, s in q.columns.items())]:
        for used in spec.lookups - set(lookups):
            raise ConfigError(f"{where}: column {name!r} uses lookup {used!r}, which is not in lookups:")
    return AdapterSpec(
        format=fmt,
        table=table.name,
        source=where,
        columns=columns,
        containers=_strs(doc.get("containers", ["value", "records"])),
        unwrap=_strs(doc.get("unwrap")),
        signature=_strs(doc.get("signature")),
        keep_field=keep.get("field"),
        keep_equals=frozenset(_strs(keep.get("equals"))),
        keep_prefix=_strs(keep.get("prefix")),
        resolve_email=_strs(doc.get("resolve_email")),
        queries=tuple(queries),
        lookups=lookups,
    )


def resolve_mapping(name_or_path: str | None) -> Path | None:
    """A ``--mapping`` value: an existing file, or the name of a shipped mapping."""
    if name_or_path is None:
        return None
    path = Path(name_or_path)
    if path.is_file():
        return path
    shipped = shipped_mapping(name_or_path)
    if shipped is not None and name_or_path not in EVENT_FORMATS:
        return shipped
    names = sorted(
        p.name[:-5] for p in files("hirewall").joinpath("mappings").iterdir() if p.name.endswith(".yaml")
    )
    shown = [n for n in names if n not in EVENT_FORMATS]
    raise ConfigError(f"{name_or_path}: no such mapping file, and not a shipped mapping ({', '.join(shown)})")
