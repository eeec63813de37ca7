"""Read the JSON shapes that log exports come in, one event at a time.

* a JSON array of events (the Okta System Log API, the Entra portal's "Download JSON");
* a document whose ``value`` or ``records`` key holds the array (Microsoft Graph, Azure
  diagnostic exports), on one line or pretty-printed;
* several of these one after another (API pages appended with ``>>``, or a pretty-printed
  object per event as ``jq`` writes them): every one is read;
* JSON Lines, one event per line (SIEM exports, osquery's filesystem logger): a file whose
  first non-empty line is a whole JSON object.

Positions: for JSON Lines, the line number; otherwise the event's 1-based index, counted
across the file (API responses are often one long line, so a line number would say nothing).
A truncated array or document yields the events before the damage, then one
:class:`RowProblem` for the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from hirewall.exceptions import InputFileError
from hirewall.ingest.readers import RowProblem, not_utf8

Item = tuple[int, Any] | RowProblem
Scan = Generator[Item, None, bool]  # yields events; returns False after damage (stop reading)
_WS = re.compile(r"\s*")
_DECODER = json.JSONDecoder()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise not_utf8(path) from e


def _first_char(path: Path) -> str:
    try:
        with path.open(encoding="utf-8-sig") as fh:
            head = fh.read(4096)
    except UnicodeDecodeError as e:
        raise not_utf8(path) from e
    return head.lstrip()[:1]


class _Document:
    """A cursor over JSON text that holds one or more arrays or documents one after another.

    API pages appended to one file (``curl ... >> okta.json``, Graph ``{"value": [...]}`` pages
    saved in turn) are all read; positions count events across the whole file.
    """

    def __init__(self, path: Path, text: str, containers: tuple[str, ...]) -> None:
        self.path = path
        self.text = text
        self.containers = containers
        self.pos = 0
        self.index = 0

    def events(self) -> Iterator[Item]:
        """Every event of every top-level value, then a :class:`RowProblem` if one is damaged."""
        while self._skip_ws() < len(self.text):
            read = self._array if self._at("[") else self._object if self._at("{") else self._one
            if not (yield from read()):
                return

    def _skip_ws(self) -> int:
        self.pos = _WS.match(self.text, self.pos).end()  # type: ignore[union-attr]
        return self.pos

    def _at(self, char: str) -> bool:
        return self.text.startswith(char, self.pos)

    def _decode(self) -> Any:
        obj, self.pos = _DECODER.raw_decode(self.text, self.pos)
        return obj

    def _array(self) -> Scan:
        """Elements of the array at the cursor, parsed one by one; False after damage."""
        self.pos += 1
        while True:
            self._skip_ws()
            if self._at("]"):
                self.pos += 1
                return True
            self.index += 1
            try:
                obj = self._decode()
            except json.JSONDecodeError as e:
                reason = f"invalid JSON in array element {self.index}: {e.msg}; rest of file not read"
                yield RowProblem(self.index, reason)
                return False
            yield self.index, obj
            self._skip_ws()
            if self._at(","):
                self.pos += 1
            elif not self._at("]"):
                what = (
                    "end of file" if self.pos >= len(self.text) else repr(self.text[self.pos : self.pos + 20])
                )
                yield RowProblem(self.index + 1, f"truncated JSON array: expected ',' or ']' at {what}")
                return False

    def _object(self) -> Scan:
        """The events of a document's first ``containers`` array, else the document as one event."""
        members: dict[str, Any] = {}
        streamed = False
        self.pos += 1
        try:
            while not self._closes("}", first=not members and not streamed):
                key = self._key()
                if not streamed and key in self.containers and self._at("["):
                    streamed = True
                    if not (yield from self._array()):
                        return False
                else:
                    members[key] = self._decode()
        except json.JSONDecodeError as e:
            yield self._damaged(e)
            return False
        if not streamed:
            self.index += 1
            yield self.index, members
        return True

    def _key(self) -> str:
        """A member's key and its ':'; the cursor is left on the value."""
        self._skip_ws()
        key = self._decode() if self._at('"') else None
        if not isinstance(key, str):
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", self.text, self.pos
            )
        self._skip_ws()
        if not self._at(":"):
            raise json.JSONDecodeError("Expecting ':' delimiter", self.text, self.pos)
        self.pos += 1
        self._skip_ws()
        return key

    def _closes(self, char: str, first: bool) -> bool:
        """After a member: True at the closing ``char``, False after a ','; else the JSON is damaged."""
        self._skip_ws()
        if self._at(char):
            self.pos += 1
            return True
        if first:
            return False
        if self._at(","):
            self.pos += 1
            return False
        raise json.JSONDecodeError(f"Expecting ',' delimiter or '{char}'", self.text, self.pos)

    def _one(self) -> Scan:
        """Any other JSON value, as one event (the caller rejects what is not an object)."""
        try:
            obj = self._decode()
        except json.JSONDecodeError as e:
            yield self._damaged(e)
            return False
        self.index += 1
        yield self.index, obj
        return True

    def _damaged(self, e: json.JSONDecodeError) -> RowProblem:
        """The problem for damage outside an array; nothing read yet means the file is not JSON."""
        if self.index == 0:
            raise InputFileError(self.path, f"not JSON or JSON Lines: line {e.lineno}: {e.msg}") from e
        return RowProblem(
            self.index + 1,
            f"invalid JSON after element {self.index} (line {e.lineno}): {e.msg}; rest of file not read",
        )


def _container(obj: Any, containers: tuple[str, ...]) -> list[Any] | None:
    if isinstance(obj, dict):
        for key in containers:
            if isinstance(obj.get(key), list):
                return list(obj[key])
    return None


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
        raise not_utf8(path) from e


def _is_json_lines(path: Path, containers: tuple[str, ...]) -> bool:
    """True when the first non-empty line is a whole JSON object.

    Not when that line is the file's only one and holds the event array (a one-line
    ``{"value": [...]}`` document): it is read as a document, so positions are element indices.
    """
    try:
        with path.open(encoding="utf-8-sig") as fh:
            lines = [ln for _, ln in zip(range(2), (ln for ln in fh if ln.strip()), strict=False)]
    except UnicodeDecodeError:
        return False  # reading it as a document reports the encoding error
    try:
        obj = json.loads(lines[0]) if lines else None
    except json.JSONDecodeError:
        return False
    return isinstance(obj, dict) and (_container(obj, containers) is None or len(lines) > 1)


def iter_events(path: Path, containers: tuple[str, ...] = ("value", "records")) -> Iterator[Item]:
    """Every event of a JSON export as ``(position, value)``, or a :class:`RowProblem`."""
    first = _first_char(path)
    if first == "[":
        yield from _Document(path, _read(path), containers).events()
    elif first == "{":
        if _is_json_lines(path, containers):
            yield from _lines(path, containers)
        else:
            yield from _Document(path, _read(path), containers).events()
    else:
        shown = "an empty file" if not first else f"a file starting with {first!r}"
        raise InputFileError(
            path, f"not JSON: expected a JSON array, a JSON document or JSON Lines, got {shown}"
        )
