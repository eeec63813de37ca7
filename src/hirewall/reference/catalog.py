"""``hirewall reference status|update``: what reference data is in use, and loading newer official files.

``update`` validates a file the user downloaded (it must parse as the data set's format and hold
at least one entry) and copies it atomically into ``settings.reference_dir``, with a side-car
``.meta.json`` recording where it came from. Lookups then prefer that copy over the shipped one.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from hirewall.exceptions import ConfigError, ReferenceDataError
from hirewall.reference import _mmdb
from hirewall.reference._ranges import RangeSet, read_cidr_lines
from hirewall.reference.datasets import (
    BY_NAME,
    DATASETS,
    Dataset,
    meta_path,
    read_meta,
    shipped_path,
    user_path,
)
from hirewall.reference.ip import NetKind, parse_asn_list
from hirewall.reference.kvm import read_indicators
from hirewall.reference.rmm import read_tools
from hirewall.settings import Settings

_UNITS = {
    "mmdb": "tree nodes",
    "asn-csv": "ASNs",
    "cidr": "ranges",
    "rmm-csv": "tools",
    "kvm-csv": "indicators",
    "sdn-csv": "entries",
    "domain-list": "domains",
}
_DPRK = re.compile(r"\bDPRK\d?\b|NKSPEA|North Korea", re.IGNORECASE)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return path.read_text(encoding="latin-1")  # OFAC files are Windows-1252/Latin-1
    except OSError as e:
        raise ReferenceDataError(f"{path}: cannot read ({e})") from e


def count_rows(ds: Dataset, path: Path) -> int:
    """Validate ``path`` as data set ``ds`` and return its number of entries. Raises on bad data."""
    src = str(path)
    if ds.format == "mmdb":
        reader = _mmdb.open_path(path)
        probe = reader.get("8.8.8.8")
        ok = (
            _mmdb.asn_of(probe)[0] is not None if ds.name == "ip-asn" else _mmdb.country_of(probe) is not None
        )
        if not ok:
            raise ReferenceDataError(f"{src}: a {ds.name} database must answer 8.8.8.8 with an ASN/country")
        return int(reader.metadata().node_count)
    text = _text(path)
    if ds.format == "asn-csv":
        kind: NetKind = "vpn" if ds.name == "vpn-asns" else "hosting"
        return len(parse_asn_list(text, kind, src))
    if ds.format == "cidr":
        return _count_cidrs(ds, path, text)
    if ds.format == "rmm-csv":
        return len(read_tools(text, src))
    if ds.format == "kvm-csv":
        return len(read_indicators(text, src))
    return _count_sdn(text, src)


def _count_cidrs(ds: Dataset, path: Path, text: str) -> int:
    if path.suffix == ".csv":
        rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        cidrs = [r["cidr"] for r in csv.DictReader(rows)]
    else:
        cidrs = read_cidr_lines(text)
    ranges = RangeSet.from_cidrs(cidrs, source=str(path))
    want = 4 if ds.name.endswith("ipv4") else 6 if ds.name.endswith("ipv6") else 0
    v4, v6 = len(ranges.v4_starts), len(ranges.v6_starts)
    if not cidrs or (want == 4 and v6) or (want == 6 and v4):
        raise ReferenceDataError(
            f"{path}: expected a non-empty list of IPv{want or '4/6'} CIDRs for {ds.name}"
        )
    return len(cidrs)


def _count_sdn(text: str, src: str) -> int:
    """OFAC ``sdn.csv`` has no header: ent_num, SDN_Name, SDN_Type, Program, ..., Remarks (12 columns)."""
    rows = [r for r in csv.reader(io.StringIO(text)) if r and r[0].strip() not in ("", "\x1a")]
    bad = [n for n, r in enumerate(rows, 1) if len(r) < 12 or not r[0].strip().isdigit()]
    if not rows or bad:
        raise ReferenceDataError(
            f"{src}: not an OFAC sdn.csv (row {bad[0] if bad else 1} has no ent_num/12 columns)"
        )
    if not any(_DPRK.search(r[3]) or _DPRK.search(r[11]) for r in rows):
        raise ReferenceDataError(f"{src}: no DPRK-program entries found; is this the full SDN list?")
    return len(rows)


def _row(ds: Dataset, settings: Settings) -> dict[str, Any]:
    user = user_path(settings, ds)
    row: dict[str, Any] = dict(name=ds.name, state="missing", rows="", unit=_UNITS[ds.format])
    row.update(version=ds.version, source=ds.source, licence=ds.licence, path="")
    if user is not None:
        meta = read_meta(user)
        loaded = f"user file {meta.get('source_file', user.name)} (loaded {meta.get('loaded_at', '?')})"
        row.update(state="user", version=str(meta.get("version", "")), path=str(user), source=loaded)
        path: Path | None = user
    elif ds.format == "domain-list":
        from hirewall.reference import domains

        lists = {"dprk-front-domains": domains.DPRK_FRONT_DOMAINS, "free-mail-domains": domains.FREE_MAIL}
        row.update(state="builtin", rows=len(lists.get(ds.name) or domains.load_disposable()))
        path = None
    elif ds.format == "mmdb":
        src = _mmdb.bundled_source(ds.name)
        path = None
        if src is not None:
            row.update(
                state="package", version=_mmdb.bundled_manifest_date(ds.name) or ds.version, path=str(src)
            )
            reader = _mmdb.open_bundled(ds.name)
            row["rows"] = int(reader.metadata().node_count) if reader is not None else ""
    else:
        path = shipped_path(ds)
        if path is not None:
            row.update(state="shipped", path=str(path))
    if path is not None:
        try:
            row["rows"] = count_rows(ds, path)
        except ReferenceDataError as e:
            row.update(state="invalid", rows="", source=f"{row['source']}; {e}")
    return row


def status(settings: Settings) -> list[dict[str, Any]]:
    """One row per data set: name, state (user|shipped|package|builtin|missing|invalid), rows, source..."""
    return [_row(ds, settings) for ds in DATASETS]


def update(name: str, from_path: Path, settings: Settings) -> dict[str, Any]:
    """Validate ``from_path`` as data set ``name`` and install it in ``settings.reference_dir``."""
    ds = BY_NAME.get(name)
    if ds is None:
        raise ConfigError(f"unknown reference data set {name!r}; choose one of {', '.join(BY_NAME)}")
    if not ds.user_file:
        raise ConfigError(f"{name} ships with hirewall and cannot be replaced")
    if settings.reference_dir is None:
        raise ConfigError("set reference_dir (HIREWALL_REFERENCE_DIR) to a folder for updated reference data")
    src = Path(from_path)
    if not src.is_file():
        raise ReferenceDataError(f"{src}: no such file")
    rows = count_rows(ds, src)
    target_dir = Path(settings.reference_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / ds.user_file
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, target)
    mtime = dt.datetime.fromtimestamp(src.stat().st_mtime, dt.UTC)
    meta = {
        "dataset": name,
        "source_file": str(src.resolve()),
        "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
        "version": mtime.date().isoformat(),
        "loaded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "rows": rows,
    }
    meta_path(target).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return _row(ds, settings)
