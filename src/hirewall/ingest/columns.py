"""Which source column fills which contract column, checked once per file before any row is read.

A header fills a contract column through the mapping (``columns``, ``split``, ``fingerprint``)
or, failing that, by having the contract column's name (compared with :func:`fold`). A
contract column the mapping fills (from a column of this file, or a constant) is never also
filled by name: a Workday report with both ``Country ISO Code`` (mapped) and ``Country``
reads the country from the first only.

Every problem found in the header is reported at once, in one
:class:`~hirewall.exceptions.InputFileError` naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hirewall.contract import Table
from hirewall.exceptions import InputFileError
from hirewall.ingest.mapping import FileMapping, fold

Header = tuple[int, str]  # (1-based position in the header, name)


@dataclass
class _Fills:
    """What the headers of one file fill."""

    rename: dict[str, str] = field(default_factory=dict)
    """Plain source column -> contract column."""
    sources: dict[str, list[Header]] = field(default_factory=dict)
    """Contract column -> the headers that fill it."""
    unknown: list[str] = field(default_factory=list)
    """Headers that name no contract column and are not mapped."""
    shadowed: list[str] = field(default_factory=list)
    """Headers named like a contract column that the mapping fills from another header."""

    def add(self, src: Header, dst: str) -> None:
        self.sources.setdefault(dst, []).append(src)


UNMAPPED_HINT = "Map them in a mapping file (see docs/data-contract.md) or set ignore_unmapped."
MISSING_HINT = "Export them, or map the columns that hold them in a mapping file (see docs/data-contract.md)."


def column_plan(path: Path, header: list[str], fm: FileMapping, table: Table) -> dict[str, str]:
    """Source column -> contract column for the plain (not split or fingerprinted) columns.

    Raises InputFileError for unknown columns (unless ``ignore_unmapped``), missing required
    columns, ``split``/``fingerprint`` source columns absent from the file, and two headers
    that would fill one contract column (the last would silently win).
    """
    fills = _fills(header, fm, table)
    problems, hints = [], []
    if not fm.ignore_unmapped and (fills.unknown or fills.shadowed):
        if fills.unknown:
            problems.append(f"unknown columns {fills.unknown}")
        if fills.shadowed:
            problems.append(
                f"unmapped columns {fills.shadowed}, whose contract columns are mapped from others"
            )
        hints.append(UNMAPPED_HINT)
    missing = [c for c in table.required if c not in fills.sources and c not in fm.constants]
    if missing:
        problems.append(f"missing required columns {missing}")
    absent = _absent_sources(header, fm)
    if absent:
        problems.append(f"missing the split/fingerprint source columns {', '.join(absent)}")
    if missing or absent:
        hints.append(MISSING_HINT)
    clashes = _clashes(fills.sources, fm)
    if clashes:
        problems.append(f"{'; '.join(clashes)}, so one would silently overwrite the other")
        hints.append("Rename or remove one in the export, or map them in a mapping file.")
    if problems:
        raise InputFileError(path, f"read as table '{table.name}': {'; '.join(problems)}. {' '.join(hints)}")
    return fills.rename


def _absent_sources(header: list[str], fm: FileMapping) -> list[str]:
    """``'Account Number' (for account_fingerprint)`` per split/fingerprint source not in the header."""
    present = {fold(h) for h in header}
    return [
        f"{src!r} (for {', '.join(dsts)})"
        for src, dsts in fm.derived_sources.items()
        if fold(src) not in present
    ]


def _fills(header: list[str], fm: FileMapping, table: Table) -> _Fills:
    """Which contract columns each header fills: mapped ones first, then the others by name."""
    derived = {fold(s): d for s, d in fm.derived_sources.items()}
    out = _Fills()
    by_name: list[Header] = []
    for src in enumerate(header, start=1):
        name = src[1]
        target = fm.target(name)
        if fold(name) in derived:
            for dst in derived[fold(name)]:
                out.add(src, dst)
        elif target is not None:
            out.rename[name] = target
            out.add(src, target)
        else:
            by_name.append(src)
    mapped = set(out.sources) | set(fm.constants)
    by_fold = {fold(c): c for c in table.column_names}
    for src in by_name:
        named = by_fold.get(fold(src[1]))
        if named is None:
            out.unknown.append(src[1])
        elif named in mapped:
            out.shadowed.append(src[1])
        else:
            out.rename[src[1]] = named
            out.add(src, named)
    return out


def _clashes(fills: dict[str, list[Header]], fm: FileMapping) -> list[str]:
    """``columns 'A' (column 3) and 'B' (column 9) both fill c`` per column several headers fill.

    The source columns of one ``fingerprint`` are hashed together and count as one, but each
    must appear once.
    """
    out = []
    for dst, sources in fills.items():
        hashed = {fold(s) for s in fm.fingerprint.get(dst, ((), ""))[0]}
        parts = [fold(name) for _, name in sources if fold(name) in hashed]
        others = [name for _, name in sources if fold(name) not in hashed]
        if len(others) + bool(parts) > 1 or len(set(parts)) < len(parts):
            named = " and ".join(f"{name!r} (column {n})" for n, name in sources)
            out.append(f"columns {named} {'both' if len(sources) == 2 else 'all'} fill {dst}")
    return out
