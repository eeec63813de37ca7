"""Read a scan's output files (``persons.jsonl``, ``rings.jsonl``...) back into memory.

The report and the exports both start here, so they show exactly what the scan wrote. A
missing file reads as empty: a scan of a folder without payouts still gets a report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = dict[str, Any]


def read_jsonl(path: Path) -> Iterator[Row]:
    """Yield the JSON objects of a JSON-lines file; nothing if the file is absent."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@dataclass
class ScanFiles:
    """Everything a scan wrote to its output folder."""

    out: Path
    persons: list[Row] = field(default_factory=list)
    rings: list[Row] = field(default_factory=list)
    facilitators: list[Row] = field(default_factory=list)
    quarantine: list[Row] = field(default_factory=list)
    summary: Row = field(default_factory=dict)

    @property
    def masked(self) -> bool:
        """Whether identifiers in the files are masked (the default)."""
        return bool(self.summary.get("masked", True))

    @property
    def store(self) -> Path | None:
        """The scan's DuckDB store, if it sits in the output folder."""
        path = self.out / "hirewall.duckdb"
        return path if path.exists() else None


def load_scan(out: Path) -> ScanFiles:
    """Load the output files of the scan in ``out``."""
    summary_path = out / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
    return ScanFiles(
        out=out,
        persons=list(read_jsonl(out / "persons.jsonl")),
        rings=list(read_jsonl(out / "rings.jsonl")),
        facilitators=list(read_jsonl(out / "facilitators.jsonl")),
        quarantine=list(read_jsonl(out / "quarantine.jsonl")),
        summary=summary,
    )
