"""Read a scan's output files (``persons.jsonl``, ``rings.jsonl``...) back into memory.

The report and the exports both start here, so they show exactly what the scan wrote. A
missing file reads as empty: a scan of a folder without payouts still gets a report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
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


def utc_timestamp(moment: datetime) -> str:
    """A time in UTC as ISO 8601 with milliseconds and ``Z``, the form STIX 2.1 timestamps take.

    >>> utc_timestamp(datetime(2026, 1, 2, 3, 4, 5, 678900, tzinfo=UTC))
    '2026-01-02T03:04:05.678Z'
    """
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


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
    def finished_at(self) -> str:
        """When the scan finished (UTC, ISO 8601), the time its exports carry.

        ``finished_at`` of summary.json; for a scan written before that was recorded, the time
        summary.json was written; the Unix epoch when there is no summary at all."""
        recorded = self.summary.get("finished_at")
        if recorded:
            return str(recorded)
        path = self.out / "summary.json"
        seconds = path.stat().st_mtime if path.exists() else 0.0
        return utc_timestamp(datetime.fromtimestamp(seconds, UTC))

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
