"""Masking identifiers for reports and exports, and stable hashed ids for joins.

Reports show enough of a value for an investigator to recognise it (its shape, its last
digits, an email's domain) and no more. Unmasked values stay in the local store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

_DIGITS = re.compile(r"\d")
SENSITIVE = {
    "email",
    "email_key",
    "contact_email",
    "contact_email_key",
    "phone",
    "contact_phone",
    "national_id_hash",
    "account_fingerprint",
    "birth_date",
    "address_line1",
    "ship_line1",
    "home_address_key",
    "ship_address_key",
    "home_building_key",
    "ship_building_key",
    "ip",
    "device_id",
    "old_value",
    "new_value",
    "holder_name",
    "given_name",
    "family_name",
    "photo_phash",
    "linkedin_url",
    "github_url",
    "device_ids",
    # Generic names an indicator might give an identifier; masking a non-identifier under one
    # of these costs only readability, missing an identifier leaks it.
    "value",
    "values",
    "contact",
    "devices",
    "ips",
    "phones",
    "emails",
}


def stable_id(value: str, prefix: str = "") -> str:
    """A short, stable, non-reversible id for a value (for joins across outputs)."""
    return prefix + hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


def mask(value: Any) -> Any:
    """Mask one identifier-like value, keeping its shape; a list is masked item by item.

    >>> mask("jane.doe@gmail.com"), mask("+14155550123"), mask("US|62701|123 MAIN ST|4")
    ('j***@gmail.com', '+*******0123', 'US|62701|*** MAIN ST|*')
    >>> mask(["LAPTOP-0042", "LAPTOP-0043"])
    ['LA*******42', 'LA*******43']
    """
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return [mask(v) for v in value]
    text = str(value)
    if "@" in text:
        local, _, domain = text.rpartition("@")
        return f"{local[:1]}***@{domain}"
    if text.count("|") >= 2:
        parts = text.split("|")
        street = parts[2].split(" ", 1)
        parts[2] = "*** " + street[1] if len(street) == 2 else "***"
        if len(parts) > 3:
            parts[3] = "*" if parts[3] else ""
        return "|".join(parts)
    if text.startswith("+") and text[1:].isdigit():
        return "+" + "*" * (len(text) - 5) + text[-4:]
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * min(8, len(text) - 4) + text[-2:]


def mask_group(group: str) -> str:
    """Mask the key part of a ``kind:key`` link-graph group.

    A vendor id and a résumé group's key (a record id, shown in reports anyway) stay readable;
    every other key (a contact, an account, an address, an IP, an id, a photo's perceptual
    hash) is masked."""
    kind, _, key = group.partition(":")
    if kind in {"vendor", "resume"}:
        return group
    return f"{kind}:{mask(key)}"


SENSITIVE_SUFFIXES = (
    "_key",
    "_keys",
    "_fingerprint",
    "_fingerprints",
    "_hash",
    "_hashes",
    "_phone",
    "_phones",
    "_email",
    "_emails",
    "_ip",
    "_ips",
    "_address",
    "_addresses",
    "device_id",
    "device_ids",
)


def is_sensitive(column: str) -> bool:
    """Whether an evidence column holds an identifier (by name, or by a telling suffix)."""
    return column in SENSITIVE or column.endswith(SENSITIVE_SUFFIXES)


def mask_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Mask the sensitive columns of one evidence row."""
    return {k: (mask(v) if is_sensitive(k) and v is not None else v) for k, v in row.items()}


def mask_unmasked(value: Any) -> Any:
    """Mask a value that may already be masked: a masked string (one with ``*``) stays as it is.

    For a second pass over files a scan wrote masked; a list is checked item by item.

    >>> mask_unmasked(["LA*******42", "LAPTOP-0043"])
    ['LA*******42', 'LA*******43']
    """
    if isinstance(value, list | tuple | set | frozenset):
        return [mask_unmasked(v) for v in value]
    if value is None or "*" in str(value):
        return value
    return mask(value)
