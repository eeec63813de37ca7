"""N3: one egress IP used by "different" people (signin family).

People who share a home building sharing an IP is a household, not evidence. IPs of the
organization's own egress, and IPs used by ``settings.shared_egress_min_people`` people or
more (learned shared infrastructure: offices, VPN concentrators, carrier NAT), are left out.
A sharing of a residential (not VPN or data-centre) address is *strong* when its people live
in three or more different homes (:data:`MIN_STRONG_HOMES`; some of them may share one, as
personas do who give the laptop farm itself as their home), or are two people of two homes who
each used it over a day or more (their first and last sign-in from it at least 24 hours apart:
one working session that crosses midnight UTC spans two dates but is not regular use), unless
there are three or more and most of them live in one postal area (a local place: a branch
office, a co-working space; :data:`~hirewall.indicators._common.LOCAL_PLACE_SHARE`); otherwise
it is *weak*. A household and one person who lives elsewhere (two homes) stay weak however
regularly they use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from hirewall.indicators._common import (
    PEOPLE_CTE,
    group_hits,
    is_local_place,
    local_areas_cte,
    postal_area_sql,
    share_strength,
)
from hirewall.indicators._ipinfo import RISKY_KINDS
from hirewall.indicators.base import Context, Hit, indicator

SHARED_IP_SQL = f"""
WITH {PEOPLE_CTE},
s AS (
  SELECT record_id, ip, signed_in_at, CAST(signed_in_at AS DATE) AS day FROM signins
  WHERE coalesce(result, 'success') = 'success'
),
u AS (
  SELECT s.ip, s.record_id, pk.person_key, coalesce(pk.home_building_key, 'p:' || pk.person_key) AS home,
         {postal_area_sql("pk.home_building_key")} AS area,
         count(DISTINCT s.day) AS days, min(s.day) AS first_day, max(s.day) AS last_day,
         min(s.signed_in_at) AS first_at, max(s.signed_in_at) AS last_at
  FROM s JOIN pk USING (record_id) GROUP BY ALL
),
g AS (
  SELECT ip, count(DISTINCT person_key) AS persons, count(DISTINCT home) AS homes,
         count(DISTINCT person_key) FILTER (WHERE last_at >= first_at + INTERVAL 1 DAY) AS regular
  FROM u GROUP BY ip
  HAVING count(DISTINCT person_key) BETWEEN 2 AND ? AND count(DISTINCT home) >= 2
),
{local_areas_cte("areas", "u", "ip")}
SELECT u.ip, u.record_id, u.days, u.first_day, u.last_day, g.persons, g.homes, g.regular,
       coalesce(areas.local_people, 0) AS local_people
FROM u JOIN g USING (ip) LEFT JOIN areas USING (ip) ORDER BY u.ip, u.record_id
"""  # noqa: S608 (composed only of our own SQL constants)
MIN_STRONG_HOMES = 3
"""Homes whose people share one residential IP that make the sharing strong on its own. Counted
in homes, not people: until 6 December 2026 every sharer had to live apart, so an operator whose
personas partly gave the farm's address as their home made its connection weak (normal 99503:
one farm IP of 6 personas, 3 of them "living" at the farm, left 2 personas it alone tied
unflagged)."""


def _classified(ctx: Context) -> Iterator[tuple[bool, dict[str, Any]]]:
    """(strong?, row) for every person on every shared, non-organization IP."""
    org = ctx.services.get("org_egress")
    intel = ctx.services.get("ip")
    limit = max(2, ctx.settings.shared_egress_min_people - 1)
    verdict: dict[str, bool | None] = {}
    for row in ctx.engine.records(SHARED_IP_SQL, [limit]):
        ip = str(row["ip"])
        if ip not in verdict:
            if org is not None and org.is_org_egress(ip):
                verdict[ip] = None
            else:
                kind = intel.lookup(ip).kind if intel is not None else "unknown"
                homes, persons = int(row["homes"]), int(row["persons"])
                verdict[ip] = (
                    kind not in RISKY_KINDS
                    and not is_local_place(persons, int(row["local_people"]))
                    and (homes >= MIN_STRONG_HOMES or (homes == persons and int(row["regular"]) >= 2))
                )
        strong = verdict[ip]
        if strong is not None:
            yield strong, row


def _hits(ctx: Context, want_strong: bool, indicator_id: str) -> Iterator[Hit]:
    rows = [row for strong, row in _classified(ctx) if strong == want_strong]
    yield from group_hits(
        rows,
        indicator_id=indicator_id,
        group_col="ip",
        group_prefix="ip",
        strength=lambda g, r: share_strength(r["persons"], base=0.7 if want_strong else 0.4),
        summary=lambda g, r: f"sign-in IP shared with {r['persons'] - 1} other people who live elsewhere",
        evidence_cols={"record_id": "record_id", "ip": "ip", "days": "days", "first_day": "first_day"},
    )


@indicator(
    code="N3", family="signin", sources=("M3", "G1"), fairness="S", tables=("people", "signins"), link="weak"
)
def egress_ip_shared_across_people(ctx: Context) -> Iterable[Hit]:
    """Sign-in IP shared with people who live elsewhere

    People who do not share a home signed in from the same IP address (the organization's
    own egress and widely shared addresses excluded). Innocent explanations: a café, hotel,
    co-working space or mobile carrier address. Weak: it needs other shared links to matter.
    """
    return _hits(ctx, False, "egress_ip_shared_across_people")


@indicator(
    code="N3",
    family="signin",
    sources=("M3", "G1"),
    fairness="S",
    tables=("people", "signins"),
    link="strong",
)
def egress_ip_shared_by_several_people(ctx: Context) -> Iterable[Hit]:
    """Home-network IP used by several people who live elsewhere

    People of three or more different homes signed in from the same residential IP address
    (some of them may give one home), or two people of two homes who each used it over a day
    or more (first and last sign-in from it at least 24 hours apart), unless three or more
    share it and most of them live in one postal area. That is how laptops kept together in
    one house (a laptop farm) look from the identity provider: its personas' homes on file
    are all over the country, or some give the farm itself as their home. Innocent
    explanation: a shared workspace on a home connection; addresses used by very many
    people, and places shared by people who mostly live in one area (a branch office, a
    co-working space), are not counted here.
    """
    return _hits(ctx, True, "egress_ip_shared_by_several_people")
