"""Small fakes of the reference services indicators read through ``Context.services``."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from hirewall.indicators.services import IpInfo, IpKind


class FakeIpIntel:
    """IP -> (country, kind); unknown IPs are ``(None, "unknown")``."""

    def __init__(self, table: Mapping[str, tuple[str | None, IpKind]]) -> None:
        self.table = dict(table)

    def lookup(self, ip: str) -> IpInfo:
        country, kind = self.table.get(ip, (None, "unknown"))
        return IpInfo(ip=ip, country=country, asn=None, org=f"org-{kind}", kind=kind)


class FakeRemoteAccess:
    TOOLS = {
        "anydesk.exe": "AnyDesk",
        "teamviewer.exe": "TeamViewer",
        "remoting_host.exe": "Chrome Remote Desktop",
        "rustdesk.exe": "RustDesk",
    }

    def match_process(self, name: str, path: str = "") -> str | None:
        return self.TOOLS.get(name.lower())


class FakeKvm:
    def match_usb(self, name: str, vendor_product: str = "") -> str | None:
        return "PiKVM" if "pikvm" in name.lower() else None

    def match_display(self, name: str) -> str | None:
        return "TinyPilot" if name == "TinyPilot" else None


class FakeOrgEgress:
    def __init__(self, ips: set[str]) -> None:
        self.ips = ips

    def is_org_egress(self, ip: str) -> bool:
        return ip in self.ips


US_HOME, US_OTHER, CN_IP, DE_IP, JP_IP, VPN_IP, CORP_VPN = (
    "198.51.100.1",
    "198.51.100.2",
    "203.0.113.5",
    "203.0.113.6",
    "203.0.113.7",
    "192.0.2.9",
    "192.0.2.200",
)


@pytest.fixture
def services() -> dict[str, object]:
    ip = FakeIpIntel(
        {
            US_HOME: ("US", "residential"),
            US_OTHER: ("US", "residential"),
            CN_IP: ("CN", "residential"),
            DE_IP: ("DE", "residential"),
            JP_IP: ("JP", "residential"),
            VPN_IP: ("NL", "vpn"),
            CORP_VPN: ("DE", "hosting"),
        }
    )
    return {
        "ip": ip,
        "rmm": FakeRemoteAccess(),
        "kvm": FakeKvm(),
        "org_egress": FakeOrgEgress({CORP_VPN}),
    }
