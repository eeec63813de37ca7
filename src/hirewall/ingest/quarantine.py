"""Rejected rows and dropped values, with the file, line, column and reason."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Action = Literal["row_rejected", "value_dropped"]


@dataclass(frozen=True)
class QuarantineRecord:
    """One problem found in an input file.

    ``row_rejected``: the row was not stored (a required value was missing or invalid).
    ``value_dropped``: the row was stored without this one invalid optional value.
    """

    file: str
    line: int
    table: str
    column: str
    reason: str
    action: Action
    value: str = ""


def write_quarantine(records: Iterable[QuarantineRecord], path: Path, append: bool = False) -> int:
    """Write records as JSON lines; returns how many were written.

    With ``append`` the records are added after those already in the file (the quarantine of
    a store keeps every ingest's records); otherwise the file is replaced.
    """
    n = 0
    with path.open("a" if append else "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(asdict(rec), ensure_ascii=False) + "\n")
            n += 1
    return n
