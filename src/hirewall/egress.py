"""The organization's own egress: told in settings, or learned from the sign-in log.

An IP address that many different people sign in from is shared infrastructure (the
office, the corporate VPN, a carrier-grade NAT); sharing it says nothing about an operator.
"Many" is ``settings.shared_egress_min_people``, or in a small organization
:data:`SMALL_ORG_SHARE` of the people in the sign-in log (never fewer than
:data:`SMALL_ORG_FLOOR`): the office of a firm of 200 is shared by a dozen people, not by
25. A corporate VPN or an office often spreads its people over a pool of addresses in one
block, so no single address may reach the bar while the block does: an ordinary (not VPN,
hosting or Tor) address whose IPv4 /24 block is used by that many people is learned too.
A laptop farm is one home connection, not a pool.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass

from hirewall.engine.base import Engine
from hirewall.indicators.services import IpIntel, IpKind
from hirewall.settings import Settings

SMALL_ORG_SHARE = 0.05
"""In a small organization, an address or block used by this share of the people in the
sign-in log is shared infrastructure."""
SMALL_ORG_FLOOR = 5
"""The fewest people that make an address or block shared infrastructure, however small the
organization: fewer than that on one home connection is what a laptop farm looks like."""
PEOPLE_SQL = "SELECT count(DISTINCT record_id) FROM signins WHERE ip IS NOT NULL"
LEARN_SQL = """
WITH s AS (
  SELECT DISTINCT ip, record_id,
         CASE WHEN instr(ip, ':') > 0 THEN ip ELSE regexp_replace(ip, '[.][0-9]+$', '') END AS block
  FROM signins WHERE ip IS NOT NULL
),
by_ip AS (SELECT ip, block, count(DISTINCT record_id) AS people FROM s GROUP BY ip, block),
by_block AS (SELECT block, count(DISTINCT record_id) AS people FROM s GROUP BY block)
SELECT by_ip.ip, by_ip.people
FROM by_ip JOIN by_block ON by_ip.block = by_block.block
WHERE by_ip.people >= ? OR by_block.people >= ?
ORDER BY by_ip.ip
"""
NOT_BY_BLOCK: frozenset[IpKind] = frozenset({"hosting", "vpn", "tor"})
"""Address kinds never learned by their block: a commercial VPN's or a cloud's block serves
strangers, and whether its use is evidence is the VPN indicator's call (N1)."""


@dataclass(frozen=True)
class OrgEgressSet:
    """Told CIDR ranges plus learned IPs, and the number of people that made an address or
    block shared infrastructure (``bar``; 0 without a sign-in log)."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    learned: frozenset[str]
    bar: int = 0

    def summary(self) -> dict[str, int]:
        """Counts for the scan summary: told ranges, learned addresses and the bar."""
        return {"told_ranges": len(self.networks), "learned_ips": len(self.learned), "learning_bar": self.bar}

    def is_org_egress(self, ip: str) -> bool:
        if ip in self.learned:
            return True
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return False
        return any(addr in net for net in self.networks)


def learn_org_egress(engine: Engine, settings: Settings, ip_intel: IpIntel | None = None) -> OrgEgressSet:
    """Build the egress set from settings and from addresses, or blocks, shared by many people.

    ``ip_intel`` (the offline IP reference) tells VPN, hosting and Tor addresses, which are
    learned only on their own use, never by their block; without it no block is learned.
    """
    networks = tuple(ipaddress.ip_network(c, strict=False) for c in settings.org_egress_cidrs)
    learned: set[str] = set()
    bar = 0
    if engine.table_exists("signins"):
        bar = learning_bar(settings, int(engine.query(PEOPLE_SQL)[0][0] or 0))
        for row_ip, people in engine.query(LEARN_SQL, [bar, bar]):
            ip = str(row_ip)
            if int(people) >= bar or (ip_intel is not None and ip_intel.lookup(ip).kind not in NOT_BY_BLOCK):
                learned.add(ip)
    return OrgEgressSet(networks, frozenset(learned), bar)


def learning_bar(settings: Settings, people: int) -> int:
    """How many people make an address or block shared infrastructure, for an organization
    with ``people`` people in its sign-in log.

    Examples:
        >>> from hirewall.settings import Settings
        >>> [learning_bar(Settings(), n) for n in (100, 200, 400, 10_000)]
        [5, 10, 20, 25]
    """
    share = math.ceil(SMALL_ORG_SHARE * people)
    return min(settings.shared_egress_min_people, max(SMALL_ORG_FLOOR, share))
