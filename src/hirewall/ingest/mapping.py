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
        split:                    # one source column -> several contract columns
          Worker: {into: [family_name, given_name], separator: ", "}
        formats:                  # contract column -> strptime format of the source values
          hired_at: "%d-%b-%Y"
        values:                   # contract column -> {source value: contract value}
          status: {Hired: employee, Active: applicant}
        fingerprint:              # salted hash of source columns -> contract column
          account_fingerprint: {from: [Routing Number, Account Number], salt: "your-org-secret"}

Files that match no entry are read as ``<table>.<ext>`` or ``<table>_<anything>.<ext>`` with
contract column names. Column names are compared case-insensitively, ignoring spaces,
dashes and underscores.
"""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import datetime
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
_MASKED = re.compile(r"[xX*#\u2022\u25cf]{3,}|^[xX*#\u2022\u25cf]+$")


def fold(name: str) -> str:
    """Column-name folding used for matching headers."""
    return _FOLD.sub("", name).lower()


def is_masked(number: str) -> bool:
    """Whether an account number is masked (``XXXXXX7712``, ``****``, ``••••1234``).

    Masked means a run of three or more masking characters (x, X, *, #, •, ●), or nothing
    else; a lone letter X, such as an Italian IBAN's check character
    (``IT60X0542811101000000123456``), is not a mask.
    """
    return _MASKED.search(number) is not None


@dataclass(frozen=True)
class FileMapping:
    """How one input file maps onto one contract table."""

    table: str
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    ignore_unmapped: bool = False
    split: dict[str, tuple[tuple[str, ...], str, bool]] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    fingerprint: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)

    @property
    def derived_sources(self) -> dict[str, tuple[str, ...]]:
        """Source column -> contract columns it fills through ``split`` or ``fingerprint``."""
        out = {src: into for src, (into, _, _) in self.split.items()}
        for dst, (sources, _) in self.fingerprint.items():
            for src in sources:
                out[src] = (*out.get(src, ()), dst)
        return out

    def derive(self, raw: dict[str, Any], mapped: dict[str, Any]) -> list[tuple[str, str, str]]:
        """Apply split, fingerprint, formats and values to ``mapped``; returns problems."""
        problems: list[tuple[str, str, str]] = []
        by_fold = {fold(k): v for k, v in raw.items()}
        for src, (into, sep, from_right) in self.split.items():
            text = str(by_fold.get(fold(src)) or "").strip()
            parts = (text.rsplit if from_right else text.split)(sep, len(into) - 1) if text else []
            for dst, part in zip(into, parts, strict=False):
                mapped[dst] = part.strip()
        for dst, (sources, salt) in self.fingerprint.items():
            texts = [re.sub(r"[\s\-]", "", str(by_fold.get(fold(s)) or "")) for s in sources]
            if not all(texts):
                continue
            if any(is_masked(t) for t in texts):
                problems.append((dst, "account number is masked; export it unmasked or hashed", ""))
                continue
            mapped[dst] = hmac.new(salt.encode(), "|".join(texts).encode(), hashlib.sha256).hexdigest()[:32]
        for dst, table in self.values.items():
            text = str(mapped.get(dst) or "").strip().lower()
            if text in table:
                mapped[dst] = table[text]
        for dst, fmt in self.formats.items():
            text = str(mapped.get(dst) or "").strip()
            if text:
                try:
                    mapped[dst] = datetime.strptime(text, fmt).isoformat()
                except ValueError:
                    problems.append((dst, f"not a date in the format {fmt!r}", text[:200]))
                    mapped[dst] = None
        return problems

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

    def why_not(self, path: Path, contract: Contract) -> str:
        """Why :meth:`for_file` found no table for ``path``, and what to do, in one sentence."""
        if path.suffix.lower() not in SUFFIXES:
            return f"not an input table: the extension must be one of {', '.join(SUFFIXES)}"
        examples = ", ".join(f"{t}.csv" for t in contract.tables)
        named = f"is not named after a contract table ({examples}, or <table>_<anything>.<ext>)"
        if self.entries:
            globs = ", ".join(p for p, _ in self.entries)
            return (
                f"matches none of the mapping's files: globs ({globs}) and {named}; rename it or add a glob"
            )
        return f"{named}; rename it or give a --mapping whose files: glob matches it"


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
        fm = FileMapping(
            table.name,
            columns,
            constants,
            bool(spec.get("ignore_unmapped", False)),
            **_extensions(spec, f"{path}: entry {pattern!r}", table.column_names),
        )
        entries.append((str(pattern), fm))
    return Mapping(tuple(entries))


def _extensions(spec: dict[str, Any], where: str, known: tuple[str, ...]) -> dict[str, Any]:
    """The optional ``split``, ``formats``, ``values`` and ``fingerprint`` sections, checked."""
    try:
        split = {
            str(src): (
                tuple(str(c) for c in s["into"]),
                str(s.get("separator", " ")),
                bool(s.get("from_right", False)),
            )
            for src, s in (spec.get("split") or {}).items()
        }
        formats = {str(k): str(v) for k, v in (spec.get("formats") or {}).items()}
        values = {
            str(k): {str(a).strip().lower(): str(b) for a, b in v.items()}
            for k, v in (spec.get("values") or {}).items()
        }
        fingerprint = {
            str(k): (tuple(str(c) for c in v["from"]), str(v.get("salt", "hirewall")))
            for k, v in (spec.get("fingerprint") or {}).items()
        }
    except (AttributeError, KeyError, TypeError) as e:
        raise ConfigError(f"{where}: malformed split/formats/values/fingerprint section ({e})") from e
    targets = [*(c for into, _, _ in split.values() for c in into), *formats, *values, *fingerprint]
    for dst in targets:
        if dst not in known:
            raise ConfigError(f"{where} maps to unknown column {dst}")
    return {"split": split, "formats": formats, "values": values, "fingerprint": fingerprint}
