"""Offline reference intelligence: IP country/ASN/kind, remote-access tools, IP-KVM hardware.

:func:`build_services` returns the objects indicators read through ``Context.services``. Each is
loaded on its first use and then kept, so building the services costs nothing until a lookup.
Data sets, their sources and licences: :mod:`hirewall.reference.datasets` and ``data/NOTICE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hirewall.indicators.services import IpInfo
from hirewall.settings import Settings

if TYPE_CHECKING:
    from hirewall.reference.ip import IpReference
    from hirewall.reference.kvm import KvmCatalog
    from hirewall.reference.rmm import RemoteAccessCatalog

__all__ = ["LazyIpIntel", "LazyKvmCatalogue", "LazyRemoteAccessCatalogue", "build_services"]


class LazyIpIntel:
    """:class:`~hirewall.indicators.services.IpIntel` that loads the IP databases on first lookup."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._intel: IpReference | None = None

    @property
    def intel(self) -> IpReference:
        """The loaded :class:`~hirewall.reference.ip.IpReference`."""
        if self._intel is None:
            from hirewall.reference.ip import load_ip_intel

            self._intel = load_ip_intel(self._settings)
        return self._intel

    def lookup(self, ip: str) -> IpInfo:
        """Country, ASN, AS name and kind of ``ip``."""
        return self.intel.lookup(ip)


class LazyRemoteAccessCatalogue:
    """:class:`~hirewall.indicators.services.RemoteAccessCatalogue` loaded on first match."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._catalog: RemoteAccessCatalog | None = None

    @property
    def catalog(self) -> RemoteAccessCatalog:
        """The loaded catalogue (the user's update when present, else the shipped one)."""
        if self._catalog is None:
            from hirewall.reference.loaders import load_rmm

            self._catalog = load_rmm(self._settings)
        return self._catalog

    def match_process(self, name: str, path: str = "") -> str | None:
        """Tool name when a process/program name or path is a known remote-access tool."""
        return self.catalog.match_process(name, path)

    def match_domain(self, domain: str) -> str | None:
        """Tool name when a domain is a known remote-access tool's domain."""
        return self.catalog.match_domain(domain)


class LazyKvmCatalogue:
    """:class:`~hirewall.indicators.services.KvmCatalogue` loaded on first match."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._catalog: KvmCatalog | None = None

    @property
    def catalog(self) -> KvmCatalog:
        """The loaded IP-KVM catalogue."""
        if self._catalog is None:
            from hirewall.reference.loaders import load_kvm

            self._catalog = load_kvm(self._settings)
        return self._catalog

    def match_usb(self, name: str, vendor_product: str = "") -> str | None:
        """Product when a USB device looks like IP-KVM hardware."""
        return self.catalog.match_usb(name, vendor_product)

    def match_display(self, name: str) -> str | None:
        """Product when an EDID monitor name is an IP-KVM default."""
        return self.catalog.match_display(name)


def build_services(settings: Settings) -> dict[str, object]:
    """``{"ip", "rmm", "kvm"}`` services for ``Context.services``; nothing is loaded until first use."""
    return {
        "ip": LazyIpIntel(settings),
        "rmm": LazyRemoteAccessCatalogue(settings),
        "kvm": LazyKvmCatalogue(settings),
        "domains": vendor_domain_checker,
    }


class VendorDomainChecker:
    """Lookalike and front-company IOC checks of vendor domains (``DomainChecker``)."""

    def __init__(self, protected: Iterable[str]) -> None:
        from hirewall.reference.domains import DomainIntel

        self.intel = DomainIntel(protected, disposable=())

    def lookalike_of(self, domain: str) -> tuple[str, str] | None:
        return self.intel.lookalike_of(domain)

    def front_ioc(self, domain: str) -> str | None:
        from hirewall.reference.domains import DPRK_FRONT_DOMAINS, registered_domain

        return DPRK_FRONT_DOMAINS.get(registered_domain(domain) or "")


def vendor_domain_checker(protected: Iterable[str]) -> VendorDomainChecker:
    """``DomainCheckerFactory`` for ``Context.services["domains"]``."""
    return VendorDomainChecker(protected)
