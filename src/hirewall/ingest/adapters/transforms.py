"""Named value parsers that adapter specs refer to with ``parse:``.

Each takes the raw text and returns the text the contract converter expects (ISO timestamps,
plain names), or raises ValueError with a short reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

OSQUERY_CALENDAR = "%a %b %d %H:%M:%S %Y UTC"
_PNP_IN_PATH = re.compile(r"\\DISPLAY\\([A-Z]{3}[0-9A-F]{4})\\", re.IGNORECASE)


def epoch_seconds(text: str) -> str:
    """Unix time in seconds (``1728907200``) -> ISO 8601 UTC."""
    try:
        seconds = float(text)
    except ValueError as e:
        raise ValueError("not a Unix time in seconds") from e
    if not 0 < seconds < 4_102_444_800:  # 1970 .. 2100
        raise ValueError("Unix time out of range")
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None).isoformat()


def osquery_time(text: str) -> str:
    """osquery's ``unixTime`` (seconds) or ``calendarTime`` (``Mon Oct 14 12:00:00 2024 UTC``)."""
    if text.replace(".", "", 1).isdigit():
        return epoch_seconds(text)
    try:
        return datetime.strptime(text, OSQUERY_CALENDAR).isoformat()
    except ValueError as e:
        raise ValueError("not an osquery time (unixTime or calendarTime)") from e


def _edid(text: str) -> bytes:
    hexes = re.sub(r"[\s:,]|0x", "", text.strip(), flags=re.IGNORECASE)
    try:
        data = bytes.fromhex(hexes)
    except ValueError as e:
        raise ValueError("not hex EDID data") from e
    if len(data) < 128 or data[:8] != b"\x00\xff\xff\xff\xff\xff\xff\x00":
        raise ValueError("not an EDID block (bad header or shorter than 128 bytes)")
    return data


def edid_name(text: str) -> str:
    """Monitor name (descriptor tag 0xFC) from a hex EDID block; its PnP id when there is none."""
    data = _edid(text)
    for start in (54, 72, 90, 108):
        block = data[start : start + 18]
        if block[:3] == b"\x00\x00\x00" and block[3] == 0xFC:
            name = block[5:18].split(b"\x0a", 1)[0].decode("cp437").strip()
            if name:
                return name
    return edid_pnp(text)


def edid_pnp(text: str) -> str:
    """PnP id (manufacturer letters + product code, e.g. ``LNX7771``) from a hex EDID block."""
    data = _edid(text)
    word = (data[8] << 8) | data[9]
    letters = "".join(chr(((word >> shift) & 0x1F) + 64) for shift in (10, 5, 0))
    return f"{letters}{data[10] | (data[11] << 8):04X}"


def registry_pnp(text: str) -> str:
    """PnP id from a Windows registry path ``...\\Enum\\DISPLAY\\LNX7771\\...``."""
    m = _PNP_IN_PATH.search(text)
    if not m:
        raise ValueError("no DISPLAY\\<PnP id>\\ in the registry path")
    return m.group(1).upper()


def unquote(text: str) -> str:
    """``"C:\\Program Files\\AnyDesk"`` with its quotes -> without them."""
    return text.strip().strip('"').strip()


def strip_hex_prefix(text: str) -> str:
    """``0x1d6b`` -> ``1d6b``."""
    return text[2:] if text.lower().startswith("0x") else text


PARSERS: dict[str, Callable[[str], str]] = {
    "epoch": epoch_seconds,
    "osquery_time": osquery_time,
    "edid_name": edid_name,
    "edid_pnp": edid_pnp,
    "registry_pnp": registry_pnp,
    "hex_id": strip_hex_prefix,
    "unquote": unquote,
}
