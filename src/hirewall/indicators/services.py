"""Interfaces of the shared helpers indicators read through ``Context.services``.

The reference-intelligence package implements them; indicators depend only on these
protocols, so tests can pass small fakes. Keys of ``Context.services``:

- ``"ip"``: :class:`IpIntel`
- ``"rmm"``: :class:`RemoteAccessCatalogue`
- ``"kvm"``: :class:`KvmCatalogue`
- ``"org_egress"``: :class:`OrgEgress`
- ``"domains"``: :class:`DomainCheckerFactory`
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

IpKind = Literal["residential", "hosting", "vpn", "tor", "unknown"]


@dataclass(frozen=True)
class IpInfo:
    """What offline reference data says about one IP address."""

    ip: str
    country: str | None
    asn: int | None
    org: str | None
    kind: IpKind


class IpIntel(Protocol):
    def lookup(self, ip: str) -> IpInfo: ...


class RemoteAccessCatalogue(Protocol):
    def match_process(self, name: str, path: str = "") -> str | None:
        """Tool name when a process or program name/path is a known remote-access tool."""
        ...


class KvmCatalogue(Protocol):
    def match_usb(self, name: str, vendor_product: str = "") -> str | None:
        """Product when a USB device looks like IP-KVM hardware."""
        ...

    def match_display(self, name: str) -> str | None:
        """Product when an EDID monitor name is an IP-KVM default."""
        ...


class OrgEgress(Protocol):
    def is_org_egress(self, ip: str) -> bool:
        """Whether the IP is the organization's own VPN/office egress (told or learned)."""
        ...


class DomainChecker(Protocol):
    def lookalike_of(self, domain: str) -> tuple[str, str] | None:
        """``(protected domain, technique)`` when ``domain`` imitates a protected one."""
        ...

    def front_ioc(self, domain: str) -> str | None:
        """Why ``domain`` is a publicly reported DPRK front-company domain, else None."""
        ...


class DomainCheckerFactory(Protocol):
    def __call__(self, protected: Iterable[str]) -> DomainChecker:
        """A checker protecting ``protected`` (the organization's and its partners' domains)."""
        ...
