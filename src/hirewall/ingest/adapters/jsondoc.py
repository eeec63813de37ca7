"""Read the JSON shapes that log exports come in, one event at a time.

* a JSON array of events (the Okta System Log API, the Entra portal's "Download JSON");
* a document whose ``value`` or ``records`` key holds the array (Microsoft Graph, Azure
  diagnostic exports), on one line or pretty-printed;
* JSON Lines, one event per line (SIEM exports, osquery's filesystem logger).

Positions: for JSON Lines, the line number; for an array, the element's 1-based index (API
responses are often one long line, so a line number would say nothing). A truncated array
yields the elements before the damage, then one :class:`RowProblem` for the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hirewall.exceptions import InputFileError
from hirewall.ingest.readers import RowProblem

Item = tuple[int, Any] | RowProblem
_WS = re.compile(r"\s*")
_DECODER = json.JSONDecoder()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputFileError(path, f"not UTF-8 text (byte {e.start}); re-export it as UTF-8") from e


def _first_char(path: Path) -> str:
    try:
        with path.open(encoding="utf-8-sig") as fh:
            head = fh.read(4096)
    except UnicodeDecodeError as e:
        raise InputFileError(path, f"not UTF-8 text (byte {e.start}); re-export it as UTF-8") from e
    return head.lstrip()[:1]


def _array(text: str, start: int) -> Iterator[Item]:
    """Elements of the array whose ``[`` is at ``start``, parsed one by one."""
    pos = start + 1
    index = 0
    while True:
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith("]", pos):
            return
        index += 1
        try:
            obj, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            yield RowProblem(index, f"invalid JSON in array element {index}: {e.msg}; rest of file not read")
            return
        yield index, obj
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos += 1
        elif not text.startswith("]", pos):
            what = "end of file" if pos >= len(text) else repr(text[pos : pos + 20])
            yield RowProblem(index + 1, f"truncated JSON array: expected ',' or ']' at {what}")
            return


def _container(obj: Any, containers: tuple[str, ...]) -> list[Any] | None:
    if isinstance(obj, dict):
        for key in containers:
            if isinstance(obj.get(key), list):
                return list(obj[key])
    return None


def _document(path: Path, containers: tuple[str, ...]) -> Iterator[Item]:
    text = _read(path)
    start = _WS.match(text).end()  # type: ignore[union-attr]
    if text.startswith("[", start):
        yield from _array(text, start)
        return
    for key in containers:
        m = re.search(rf'"{re.escape(key)}"\s*:\s*\[', text)
        if m:
            yield from _array(text, m.end() - 1)
            return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputFileError(path, f"not JSON or JSON Lines: line {e.lineno}: {e.msg}") from e
    yield 1, obj


def _lines(path: Path, containers: tuple[str, ...]) -> Iterator[Item]:
    try:
        with path.open(encoding="utf-8-sig") as fh:
            for n, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError as e:
                    yield RowProblem(n, f"invalid JSON (truncated or corrupt line): {e.msg}")
                    continue
                inner = _container(obj, containers)
                if inner is None:
                    yield n, obj
                else:
                    yield from ((n, e) for e in inner)
    except UnicodeDecodeError as e:
        raise InputFileError(path, f"not UTF-8 text (byte {e.start}); re-export it as UTF-8") from e


def _is_json_lines(path: Path, containers: tuple[str, ...]) -> bool:
    """True when one of the first lines is a whole JSON object (and not a lone one-line document)."""
    with path.open(encoding="utf-8-sig") as fh:
        lines = [ln for _, ln in zip(range(5), (ln for ln in fh if ln.strip()), strict=False)]
    for n, line in enumerate(lines):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            return n > 0 or _container(obj, containers) is None or len(lines) > 1
    return False


def iter_events(path: Path, containers: tuple[str, ...] = ("value", "records")) -> Iterator[Item]:
    """Every event of a JSON export as ``(position, value)``, or a :class:`RowProblem`."""
    first = _first_char(path)
    if first == "[":
        yield from _document(path, containers)
    elif first == "{":
        if _is_json_lines(path, containers):
            yield from _lines(path, containers)
        else:
            yield from _document(path, containers)
    else:
        shown = "an empty file" if not first else f"a file starting with {first!r}"
        raise InputFileError(
            path, f"not JSON: expected a JSON array, a JSON document or JSON Lines, got {shown}"
        )
