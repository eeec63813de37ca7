"""Declarative column mappings: how a customer's export maps onto the contract.

A mapping file is YAML::

    files:
      "candidates*.csv":          # glob, matched against the file name
        table: people
        columns:                  # source column -> contract column
          Candidate ID: record_id
          First Name: given_name
        constants:                # contract column -> fixed value for every row
          source_system: greenhouse
        ignore_unmapped: true     # drop other source columns instead of failing

Files that match no entry are read as ``<table>.<ext>`` or ``<table>_<anything>.<ext>`` with
contract column names. Column names are compared case-insensitively, ignoring spaces,
dashes and underscores.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hirewall.contract import Contract
from hirewall.exceptions import ConfigError

SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
}
_FOLD = re.compile(r"[\s_\-]+")


def fold(name: str) -> str:
    """Column-name folding used for matching headers."""
    return _FOLD.sub("", name).lower()


@dataclass(frozen=True)
class FileMapping:
    """How one input file maps onto one contract table."""

    table: str
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    ignore_unmapped: bool = False

    def target(self, source_column: str) -> str | None:
        """Contract column for a source column (None if unmapped)."""
        folded = fold(source_column)
        for src, dst in self.columns.items():
            if fold(src) == folded:
                return dst
        return None


@dataclass(frozen=True)
class Mapping:
    """All file mappings of one input folder."""

    entries: tuple[tuple[str, FileMapping], ...] = ()

    def for_file(self, path: Path, contract: Contract) -> FileMapping | None:
        """The mapping for ``path``, or None when the file is not an input table."""
        if path.suffix.lower() not in SUFFIXES:
            return None
        for pattern, fm in self.entries:
            if fnmatch.fnmatch(path.name.lower(), pattern.lower()):
                return fm
        stem = path.name[: -len(path.suffix)].lower()
        for table in contract.tables:
            if stem == table or re.match(rf"^{re.escape(table)}[_\-.]", stem):
                return FileMapping(table=table)
        return None


def load_mapping(path: Path | None, contract: Contract) -> Mapping:
    """Load and check a mapping file (None: the empty mapping)."""
    if path is None:
        return Mapping()
    try:
        doc: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot read mapping file: {e}") from e
    if not isinstance(doc, dict) or not isinstance(doc.get("files"), dict):
        raise ConfigError(f"{path}: a mapping file needs a top-level 'files:' dictionary")
    entries = []
    for pattern, spec in doc["files"].items():
        if not isinstance(spec, dict) or "table" not in spec:
            raise ConfigError(f"{path}: entry {pattern!r} needs a 'table:'")
        table = contract.table(str(spec["table"]))
        columns = {str(k): str(v) for k, v in (spec.get("columns") or {}).items()}
        constants = {str(k): str(v) for k, v in (spec.get("constants") or {}).items()}
        for dst in [*columns.values(), *constants]:
            if dst not in table.column_names:
                raise ConfigError(f"{path}: entry {pattern!r} maps to unknown column {table.name}.{dst}")
        fm = FileMapping(table.name, columns, constants, bool(spec.get("ignore_unmapped", False)))
        entries.append((str(pattern), fm))
    return Mapping(tuple(entries))
