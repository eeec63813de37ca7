"""Load the catalogues and screens: the user's updated copy when there is one, else the shipped one."""

from __future__ import annotations

from pathlib import Path

from hirewall.exceptions import ReferenceDataError
from hirewall.reference.datasets import BY_NAME, shipped_path, user_path
from hirewall.reference.domains import DomainIntel
from hirewall.reference.kvm import KvmCatalog, read_indicators
from hirewall.reference.rmm import RemoteAccessCatalog, read_tools
from hirewall.reference.sanctions import SanctionsScreen, load_sdn
from hirewall.settings import Settings


def _path(settings: Settings, name: str) -> Path:
    ds = BY_NAME[name]
    path = user_path(settings, ds) or shipped_path(ds)
    if path is None:
        raise ReferenceDataError(f"reference data set {name} is missing from the installation")
    return path


def load_rmm(settings: Settings) -> RemoteAccessCatalog:
    """The remote-access tool catalogue."""
    path = _path(settings, "remote-access-tools")
    return RemoteAccessCatalog(read_tools(path.read_text(encoding="utf-8-sig"), str(path)))


def load_kvm(settings: Settings) -> KvmCatalog:
    """The IP-KVM indicator catalogue."""
    path = _path(settings, "ip-kvm")
    return KvmCatalog(read_indicators(path.read_text(encoding="utf-8-sig"), str(path)))


def load_sanctions(settings: Settings) -> SanctionsScreen | None:
    """The OFAC DPRK screen from the user's loaded ``sdn.csv``; None until one is loaded."""
    path = user_path(settings, BY_NAME["ofac-sdn"])
    return SanctionsScreen(load_sdn(path)) if path is not None else None


def load_domains(settings: Settings, partners: tuple[str, ...] = ()) -> DomainIntel:
    """Lookalike/IOC/free-mail checks protecting ``settings.org_domains`` plus staffing ``partners``."""
    return DomainIntel((*settings.org_domains, *partners))
