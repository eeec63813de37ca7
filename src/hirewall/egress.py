"""The organization's own egress: told in settings, or learned from the sign-in log.

An IP address that many different people sign in from is shared infrastructure (the
office, the corporate VPN, a carrier-grade NAT); sharing it says nothing about an operator.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from hirewall.engine.base import Engine
from hirewall.settings import Settings

LEARN_SQL = """
SELECT ip, count(DISTINCT record_id) AS people
FROM signins
GROUP BY ip
HAVING count(DISTINCT record_id) >= ?
ORDER BY people DESC
"""


@dataclass(frozen=True)
class OrgEgressSet:
    """Told CIDR ranges plus learned IPs."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    learned: frozenset[str]

    def is_org_egress(self, ip: str) -> bool:
        if ip in self.learned:
            return True
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return False
        return any(addr in net for net in self.networks)


def learn_org_egress(engine: Engine, settings: Settings) -> OrgEgressSet:
    """Build the egress set from settings and from IPs shared by many people."""
    networks = tuple(ipaddress.ip_network(c, strict=False) for c in settings.org_egress_cidrs)
    learned: frozenset[str] = frozenset()
    if engine.table_exists("signins"):
        learned = frozenset(ip for ip, _ in engine.query(LEARN_SQL, [settings.shared_egress_min_people]))
    return OrgEgressSet(networks, learned)
