"""Pick one contract value out of a nested JSON event, declaratively.

A field spec (one entry of an adapter's ``columns:``) says where a value comes from and how
it is cleaned::

    record_id: {from: [actor.alternateId, actor.id]}         # first non-empty path wins
    application: {from: "target[type=AppInstance].displayName", default: Okta}
    result: {from: outcome.result, map: {SUCCESS: success, DENY: failure}, otherwise: null}
    detail: {join: [row.vendor_id, row.model_id], sep: ":", require_all: true, case: upper}
    observed_at: {from: [unixTime, calendarTime], parse: osquery_time}
    record_id: {from: ["@hosts(hostIdentifier)", decorations.username]}  # a ``lookups:`` table

Paths are dotted keys; ``[2]`` indexes a list and ``[type=AppInstance]`` takes the first list
element whose ``type`` is ``AppInstance``. A key that itself contains dots (a SIEM that
flattened the event) is found as well. ``@table(path)`` looks the value at ``path`` up in the
spec's ``lookups:`` table; a value not in the table counts as absent, so the next path is tried.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hirewall.exceptions import ConfigError
from hirewall.ingest.adapters.transforms import PARSERS

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]|\[([^=\]]+)=([^\]]*)\]")
_MISSING = object()
_LOOKUP = re.compile(r"^@(\w+)\((.+)\)$")


def _steps(path: str) -> list[tuple[str, str | int, str]]:
    """``a.b[0][type=X]`` -> [("key","a",""),("key","b",""),("index",0,""),("match","type","X")]."""
    out: list[tuple[str, str | int, str]] = []
    pos = 0
    for m in _STEP.finditer(path):
        if path[pos : m.start()].strip("."):
            raise ConfigError(f"bad path {path!r} near {path[pos : m.start()]!r}")
        pos = m.end()
        if m.group(1) is not None:
            out.append(("key", m.group(1), ""))
        elif m.group(2) is not None:
            out.append(("index", int(m.group(2)), ""))
        else:
            out.append(("match", m.group(3), m.group(4)))
    if not out or path[pos:].strip("."):
        raise ConfigError(f"bad path {path!r}")
    return out


def get_path(obj: Any, path: str) -> Any:
    """The value at ``path`` in ``obj`` (None when any step is absent)."""
    if isinstance(obj, dict) and path in obj:
        return obj[path]
    cur: Any = obj
    for kind, arg, value in _steps(path):
        if kind == "key" and isinstance(cur, dict):
            cur = cur.get(str(arg), _MISSING)
        elif kind == "index" and isinstance(cur, list) and isinstance(arg, int) and arg < len(cur):
            cur = cur[arg]
        elif kind == "match" and isinstance(cur, list):
            cur = next((e for e in cur if isinstance(e, dict) and str(e.get(str(arg))) == value), _MISSING)
        else:
            return None
        if cur is _MISSING:
            return None
    return cur


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip()
    return text or None


@dataclass(frozen=True)
class FieldSpec:
    """Where one contract column's value comes from in an event, and how it is cleaned."""

    sources: tuple[str, ...] = ()
    join: tuple[str, ...] = ()
    sep: str = " "
    require_all: bool = False
    default: str | None = None
    value_map: dict[str, str | None] = field(default_factory=dict)
    otherwise: str | None = None
    has_otherwise: bool = False
    parse: str | None = None
    case: str | None = None

    @property
    def described(self) -> str:
        """The source paths, for quarantine reasons."""
        return ", ".join(self.sources or self.join) or "constant"

    def pick(self, event: Any, lookups: Mapping[str, Mapping[str, str]]) -> tuple[str | None, str | None]:
        """``(value, raw)``: the cleaned value and the raw text it came from.

        Raises ValueError (with ``raw`` in ``args[1]``) when a parser rejects the raw text.
        """
        raw = self._raw(event, lookups)
        if raw is None:
            return self.default, None
        value: str | None = raw
        if self.value_map or self.has_otherwise:
            key = raw.lower()
            if key in self.value_map:
                value = self.value_map[key]
            elif self.has_otherwise:
                value = self.otherwise
        if value is not None and self.parse:
            try:
                value = PARSERS[self.parse](value)
            except ValueError as e:
                raise ValueError(str(e), raw) from e
        if value is not None and self.case:
            value = value.upper() if self.case == "upper" else value.lower()
        return value, raw

    @property
    def lookups(self) -> set[str]:
        """Names of the lookup tables this field uses."""
        return {m.group(1) for p in (*self.sources, *self.join) if (m := _LOOKUP.match(p))}

    def _raw(self, event: Any, lookups: Mapping[str, Mapping[str, str]]) -> str | None:
        if self.join:
            parts = [_value(event, p, lookups) for p in self.join]
            if self.require_all and not all(parts):
                return None
            return self.sep.join(p for p in parts if p) or None
        for path in self.sources:
            text = _value(event, path, lookups)
            if text is not None:
                return text
        return None


def _value(event: Any, path: str, lookups: Mapping[str, Mapping[str, str]]) -> str | None:
    m = _LOOKUP.match(path)
    if not m:
        return _text(get_path(event, path))
    key = _text(get_path(event, m.group(2)))
    return None if key is None else lookups.get(m.group(1), {}).get(key)


def _strs(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{what}: expected a path or a list of paths")
    for v in items:
        m = _LOOKUP.match(v)
        _steps(m.group(2) if m else v)
    return tuple(items)


KEYS = {"from", "join", "sep", "require_all", "default", "map", "otherwise", "parse", "case"}


def parse_field(name: str, doc: Any, where: str) -> FieldSpec:
    """Build a :class:`FieldSpec` from its YAML (a path, a list of paths, or a mapping)."""
    if isinstance(doc, str | list):
        doc = {"from": doc}
    if not isinstance(doc, dict):
        raise ConfigError(f"{where}: column {name!r} needs a path or a mapping")
    unknown = set(doc) - KEYS
    if unknown:
        raise ConfigError(f"{where}: column {name!r} has unknown keys {sorted(unknown)}")
    parse = doc.get("parse")
    if parse is not None and parse not in PARSERS:
        raise ConfigError(f"{where}: column {name!r}: unknown parse {parse!r}; known: {sorted(PARSERS)}")
    if doc.get("case") not in (None, "upper", "lower"):
        raise ConfigError(f"{where}: column {name!r}: case must be upper or lower")
    raw_map = doc.get("map") or {}
    if not isinstance(raw_map, dict):
        raise ConfigError(f"{where}: column {name!r}: map must be a mapping")
    sources = _strs(doc.get("from"), f"{where}: {name}")
    join = _strs(doc.get("join"), f"{where}: {name}")
    if not (sources or join or doc.get("default") is not None):
        raise ConfigError(f"{where}: column {name!r} needs from:, join: or default:")

    def opt(v: Any) -> str | None:
        return None if v is None else str(v)

    return FieldSpec(
        sources=sources,
        join=join,
        sep=str(doc.get("sep", " ")),
        require_all=bool(doc.get("require_all", False)),
        default=opt(doc.get("default")),
        value_map={str(k).lower(): opt(v) for k, v in raw_map.items()},
        otherwise=opt(doc.get("otherwise")),
        has_otherwise="otherwise" in doc,
        parse=parse,
        case=doc.get("case"),
    )


def pick_row(
    columns: Mapping[str, FieldSpec], event: Any, lookups: Mapping[str, Mapping[str, str]]
) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """Contract-column raw values of one event, and ``(column, reason, raw)`` parse problems."""
    row: dict[str, Any] = {}
    problems: list[tuple[str, str, str]] = []
    for name, spec in columns.items():
        try:
            row[name], _ = spec.pick(event, lookups)
        except ValueError as e:
            row[name] = None
            raw = str(e.args[1]) if len(e.args) > 1 else ""
            problems.append((name, f"{e.args[0]} (from {spec.described})", raw[:200]))
    return row, problems
