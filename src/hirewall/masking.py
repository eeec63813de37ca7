"""Masking identifiers for reports and exports, and stable keyed ids for joins.

Reports show enough of a value for an investigator to recognise it (its shape, its last
digits, an email's domain) and no more. Unmasked values stay in the local store.

Ids such as ``fac-…`` and ``grp-…`` are an HMAC-SHA256 of the value under a secret key that
stays on the machine (:func:`id_key`): an IP or a phone has so few possible values that an
unkeyed hash of one could be reversed by hashing every candidate.
"""

from __future__ import annotations

import functools
import hmac
import os
import re
import secrets
from collections.abc import Mapping
from hashlib import sha256
from pathlib import Path
from typing import Any

from hirewall.exceptions import ConfigError

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


ID_KEY_ENV = "HIREWALL_ID_KEY"
"""An id key of the user's own (e.g. shared by the machines that scan one organization)."""
ID_KEY_FILE = Path("~/.config/hirewall/id-key")
"""Where the machine's id key is kept when :data:`ID_KEY_ENV` is not set (made on first use)."""


def stable_id(value: str, prefix: str = "", key: bytes | None = None) -> str:
    """A short id for a value, the same on every scan on this machine (for joins across outputs).

    Keyed with ``key``, by default this machine's :func:`id_key`: without the key, the value
    behind an id cannot be found by hashing guesses.
    """
    secret = id_key() if key is None else key
    return prefix + hmac.new(secret, value.encode("utf-8"), sha256).hexdigest()[:12]


def id_key() -> bytes:
    """The secret for :func:`stable_id`: ``HIREWALL_ID_KEY`` when set, else the machine's key
    file (:data:`ID_KEY_FILE`), made with a random key on first use.

    A machine's secret like a keyring's, read where an id is made rather than carried in
    :class:`~hirewall.settings.Settings`: every id of every output (rings, facilitators,
    exports, ``hirewall evaluate``) must come from the same key, and it is never written out.
    """
    given = os.environ.get(ID_KEY_ENV, "")
    if given:
        return given.encode("utf-8")
    return machine_key(ID_KEY_FILE.expanduser())


@functools.cache
def machine_key(path: Path) -> bytes:
    """The key kept in ``path``, readable by its owner only; made once, never replaced."""
    try:
        if not path.exists():
            _create_key(path)
        key = path.read_bytes().strip()
    except OSError as e:
        raise ConfigError(f"cannot keep the id key in {path}: {e}; set HIREWALL_ID_KEY instead") from e
    if not key:
        raise ConfigError(f"the id key file {path} is empty; delete it to make a new one")
    return key


def _create_key(path: Path) -> None:
    """Write a random key to ``path``; if another process made one first, keep theirs."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32) + "\n")
        os.link(tmp, path)  # atomic, and refuses to replace a key another process made
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


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
