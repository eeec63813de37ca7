"""What the offline IP reference says about the sign-in log's addresses, as a temporary view.

Each distinct IP is looked up once per indicator run; the organization's own egress is marked
so that no indicator reads it as evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hirewall.indicators._common import registered
from hirewall.indicators._geo import COUNTRY_CENTROIDS
from hirewall.indicators.base import Context

IP_VIEW = "__hw_ipinfo"
CENTROID_VIEW = "__hw_centroids"
RISKY_KINDS = ("hosting", "vpn", "tor")


@contextmanager
def ip_view(ctx: Context) -> Iterator[bool]:
    """Register ``__hw_ipinfo(ip, country, kind, org, is_org)`` and ``__hw_centroids``.

    Yields False (and registers nothing) when no IP reference service is configured.
    """
    intel = ctx.services.get("ip")
    if intel is None:
        yield False
        return
    org = ctx.services.get("org_egress")
    ips = [str(r[0]) for r in ctx.engine.query("SELECT DISTINCT ip FROM signins WHERE ip IS NOT NULL")]
    infos = [intel.lookup(ip) for ip in ips]
    columns = {
        "ip": ips,
        "country": [(i.country or "").upper() or None for i in infos],
        "kind": [str(i.kind) for i in infos],
        "org": [i.org for i in infos],
        "is_org": [bool(org is not None and org.is_org_egress(ip)) for ip in ips],
    }
    centroids = {
        "country": list(COUNTRY_CENTROIDS),
        "lat": [c[0] for c in COUNTRY_CENTROIDS.values()],
        "lon": [c[1] for c in COUNTRY_CENTROIDS.values()],
    }
    with registered(ctx.engine, IP_VIEW, columns), registered(ctx.engine, CENTROID_VIEW, centroids):
        yield True
