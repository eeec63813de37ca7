"""Read CSV, JSON Lines and Parquet files as (line number, row) pairs.

Whole-file problems (not UTF-8, not the claimed format, no header) raise
:class:`~hirewall.exceptions.InputFileError`; row-level problems are yielded as
:class:`RowProblem` so the caller can quarantine them and carry on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hirewall.exceptions import InputFileError

Row = dict[str, Any]
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True)
class RowProblem:
    """A row that could not even be split into fields."""

    line: int
    reason: str


def not_utf8(path: Path) -> InputFileError:
    """The error for a file that is not UTF-8, with the byte offset and line of the first bad byte.

    The offset is counted from the start of the file (a decoding error only knows its place in
    the chunk being decoded), so the file is scanned again, a megabyte at a time.
    """
    offset, line, carry = 0, 1, b""
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(1 << 20)
            data = carry + chunk
            try:
                data.decode("utf-8")
                good, carry = len(data), b""
            except UnicodeDecodeError as e:
                if not (chunk and e.end == len(data) and e.reason == "unexpected end of data"):
                    offset, line = offset + e.start, line + data.count(b"\n", 0, e.start)
                    break
                good, carry = e.start, data[e.start :]  # a character split across two chunks
            offset, line = offset + good, line + data.count(b"\n", 0, good)
            if not chunk:
                break
    return InputFileError(path, f"not UTF-8 text (byte {offset}, line {line}); re-export it as UTF-8")


def read_header(path: Path, fmt: str) -> list[str]:
    """The column names of a file, checked for readability."""
    if fmt == "csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                sample = fh.read(64 * 1024)
        except UnicodeDecodeError as e:
            raise not_utf8(path) from e
        if "\x00" in sample:
            raise InputFileError(path, "binary content; expected CSV text")
        lines = sample.splitlines()
        if not lines or not lines[0].strip():
            raise InputFileError(path, "empty file or empty header line")
        header = next(csv.reader([lines[0]], delimiter=_delimiter(path)))
        if len(header) < 2 and not header[0].replace("_", "").isalnum():
            raise InputFileError(path, f"not CSV: first line is {lines[0][:60]!r}")
        return [h.strip() for h in header]
    if fmt == "jsonl":
        return _jsonl_header(path)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            return list(pq.read_schema(path).names)
        except Exception as e:  # pyarrow raises several unrelated types for a bad file
            raise InputFileError(path, f"not a readable Parquet file: {e}") from e
    raise InputFileError(path, f"unsupported format {fmt!r}")


def iter_rows(path: Path, fmt: str) -> Iterator[tuple[int, Row] | RowProblem]:
    """Yield ``(line, row)`` for every data row, or a :class:`RowProblem`."""
    if fmt == "csv":
        yield from _iter_csv(path)
    elif fmt == "jsonl":
        for line, obj in _iter_jsonl(path):
            if isinstance(obj, RowProblem):
                yield obj
            elif not isinstance(obj, dict):
                yield RowProblem(line, "JSON value is not an object")
            else:
                yield line, _flatten(obj)
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        line = 0
        for batch in pf.iter_batches(batch_size=65_536):
            for row in batch.to_pylist():
                line += 1
                yield line, row
    else:
        raise InputFileError(path, f"unsupported format {fmt!r}")


def _delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _iter_csv(path: Path) -> Iterator[tuple[int, Row] | RowProblem]:
    """Rows of a CSV file; a quote left open stops the file with an error naming its line.

    The reader is strict: an unclosed quote would otherwise make the rest of the file one field
    of one row, silently losing every row after it.
    """
    start = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=_delimiter(path), strict=True)
            header = [h.strip() for h in next(reader)]
            width = len(header)
            start = reader.line_num + 1
            for fields in reader:
                if not fields or (len(fields) == 1 and not fields[0].strip()):
                    start = reader.line_num + 1
                    continue
                if len(fields) != width:
                    yield RowProblem(start, f"expected {width} fields, found {len(fields)}")
                else:
                    yield start, dict(zip(header, fields, strict=True))
                start = reader.line_num + 1
    except UnicodeDecodeError as e:
        raise not_utf8(path) from e
    except csv.Error as e:
        raise InputFileError(
            path,
            f"malformed CSV in the row that starts on line {start}: {e} (on line {reader.line_num}); "
            "check its quotes: a quote left open reads the lines after it as one field",
        ) from e


def _jsonl_header(path: Path) -> list[str]:
    """Every key of every object in the file, nested keys flattened (``contact.email``).

    The whole file is read, so a column that first appears on the last line is still checked
    against the contract (mapped, or reported as unknown) instead of being dropped.
    """
    keys: dict[str, None] = {}
    for _, row in _iter_jsonl(path, strict_first=True):
        if isinstance(row, dict):
            keys.update(dict.fromkeys(_flatten(row)))
    return list(keys)


def _iter_jsonl(path: Path, strict_first: bool = False) -> Iterator[tuple[int, Any | RowProblem]]:
    try:
        with path.open(encoding="utf-8-sig") as fh:
            first = True
            for n, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError as e:
                    if first and strict_first:
                        raise InputFileError(path, f"not JSON Lines: line {n}: {e.msg}") from e
                    yield n, RowProblem(n, f"invalid JSON: {e.msg}")
                    continue
                first = False
                if isinstance(obj, list) and strict_first and n == 1:
                    raise InputFileError(path, "a JSON array, not JSON Lines (one object per line)")
                yield n, obj
    except UnicodeDecodeError as e:
        raise not_utf8(path) from e


def _flatten(obj: dict[str, Any], prefix: str = "") -> Row:
    """Flatten nested objects to dotted keys (``client.ipAddress``) so mappings can name them."""
    out: Row = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out
