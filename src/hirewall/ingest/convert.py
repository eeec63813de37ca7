"""Convert one raw row to the store's typed, normalised row, collecting problems.

A problem in a required column rejects the row; a problem in an optional column drops
that value and keeps the row. Every problem names its column and reason.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from hirewall.contract import Column, Table
from hirewall.normalise.addresses import normalise_address
from hirewall.normalise.emails import email_key, normalise_email
from hirewall.normalise.phones import normalise_phone
from hirewall.normalise.web import normalise_url, registrable_domain

Problem = tuple[str, str, str]  # (column, reason, raw value)
_HEX64 = re.compile(r"^(?:0x)?([0-9a-f]{16})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
TRUE = {"true", "1", "yes", "y", "t"}
FALSE = {"false", "0", "no", "n", "f"}


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def to_date(text: str) -> date:
    m = _US_DATE.match(text)
    if m:
        return date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    try:
        return date.fromisoformat(text[:10])
    except ValueError as e:
        raise ValueError("not a date (expected YYYY-MM-DD)") from e


def to_timestamp(text: str) -> datetime:
    try:
        ts = datetime.fromisoformat(text.replace(" UTC", "+00:00"))
    except ValueError as e:
        raise ValueError("not a timestamp (expected ISO 8601)") from e
    if ts.tzinfo is not None:
        ts = ts.astimezone(UTC).replace(tzinfo=None)
    return ts


def to_bool(text: str) -> bool:
    low = text.lower()
    if low in TRUE:
        return True
    if low in FALSE:
        return False
    raise ValueError("not a boolean")


def to_ip(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError as e:
        raise ValueError("not an IP address") from e


def to_hex64(text: str) -> str:
    m = _HEX64.match(text.lower())
    if not m:
        raise ValueError("not a 64-bit hex hash (16 hex digits)")
    return m.group(1)


def _enum(column: Column) -> Callable[[str], str]:
    def convert(text: str) -> str:
        value = re.sub(r"[\s\-]+", "_", text.strip().lower())
        if value not in column.values:
            raise ValueError(f"not one of {', '.join(column.values)}")
        return value

    return convert


SIMPLE: dict[str, Callable[[str], Any]] = {
    "id": lambda t: t,
    "text": lambda t: t,
    "date": to_date,
    "timestamp": to_timestamp,
    "bool": to_bool,
    "ip": to_ip,
    "hex64": to_hex64,
    "domain": registrable_domain,
}


class RowConverter:
    """Converts raw rows of one contract table."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.required = set(table.required)
        self.groups = table.address_groups
        self.region_column = next(
            (
                col
                for part, col in self.groups.get(next(iter(self.groups), ""), {}).items()
                if part == "country"
            ),
            None,
        )

    def convert(self, raw: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
        """Return ``(row, problems)``; ``row`` is None when the row is rejected."""
        out: dict[str, Any] = {}
        problems: list[Problem] = []
        rejected = False
        region = (_text(raw.get(self.region_column)) or "US").upper() if self.region_column else "US"
        for column in self.table.columns:
            text = _text(raw.get(column.name))
            if text is None:
                out[column.name] = None
                if column.name in self.required:
                    problems.append((column.name, "required value is missing", ""))
                    rejected = True
                continue
            try:
                self._convert_value(column, text, region, out)
            except ValueError as e:
                out[column.name] = None
                problems.append((column.name, str(e), text[:200]))
                rejected = rejected or column.name in self.required
        for group, parts in self.groups.items():
            rejected = self._address(group, parts, out, problems) or rejected
        return (None if rejected else out), problems

    def _convert_value(self, column: Column, text: str, region: str, out: dict[str, Any]) -> None:
        ctype = column.type
        if ctype == "email":
            value = normalise_email(text)
            out[column.name] = value
            out[f"{column.name}_key"] = email_key(value)
        elif ctype == "url":
            url, key = normalise_url(text)
            out[column.name] = url
            out[f"{column.name}_key"] = key
        elif ctype == "phone":
            out[column.name] = normalise_phone(text, region if len(region) == 2 else "US")
        elif ctype == "enum":
            out[column.name] = _enum(column)(text)
        else:
            out[column.name] = SIMPLE[ctype](text)

    def _address(
        self, group: str, parts: dict[str, str], out: dict[str, Any], problems: list[Problem]
    ) -> bool:
        """Fill the address keys of one group; True when the row must be rejected."""
        out[f"{group}_address_key"] = None
        out[f"{group}_building_key"] = None
        line1_col = parts.get("line1")
        if not line1_col or not out.get(line1_col):
            return False
        values = {part: str(out.get(col) or "") for part, col in parts.items()}
        try:
            addr = normalise_address(
                values.get("line1", ""),
                values.get("line2", ""),
                values.get("city", ""),
                values.get("region", ""),
                values.get("postal_code", ""),
                values.get("country", ""),
            )
        except ValueError as e:
            problems.append((line1_col, str(e), values.get("line1", "")))
            return line1_col in self.required
        out[f"{group}_address_key"] = addr.address_key
        out[f"{group}_building_key"] = addr.building_key
        return False
