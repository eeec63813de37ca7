"""Exports of a scan's findings for other tools: STIX 2.1, FollowTheMoney, CSV and JSON.

:func:`export` reads the scan's output files (identifiers masked as the scan wrote them) and
writes into ``OUT/export/``. Nothing goes over the network.
"""

from __future__ import annotations

from pathlib import Path

from hirewall.exceptions import HirewallError
from hirewall.report.scanfiles import load_scan

FORMATS = ("stix", "ftm", "csv", "json")


def export(out: Path, fmt: str) -> list[Path]:
    """Export the scan in ``out`` as ``fmt`` (stix, ftm, csv or json); returns the files written."""
    if fmt not in FORMATS:
        raise HirewallError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    scan = load_scan(out)
    folder = out / "export"
    if fmt == "stix":
        from hirewall.export.stix import write_stix

        return [write_stix(scan, folder / "hirewall.stix.json")]
    if fmt == "ftm":
        from hirewall.export.ftm import write_ftm

        return [write_ftm(scan, folder / "hirewall.ftm.json")]
    from hirewall.export.flat import write_csv, write_json

    return write_csv(scan, folder / "csv") if fmt == "csv" else write_json(scan, folder / "json")
