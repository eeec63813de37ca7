"""Sign-in indicators (indicators.md §2.3). Only successful sign-ins are read.

The organization's own VPN and office egress (told in settings or learned from IPs that many
people use) is never evidence: it is left out of travel, country and sharing checks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hirewall.indicators._common import evidence
from hirewall.indicators._egress import egress_ip_shared_across_people, egress_ip_shared_by_several_people
from hirewall.indicators._geo import claimed_zone
from hirewall.indicators._ipinfo import ip_view
from hirewall.indicators.base import Context, Hit, Indicator, indicator

MAX_SPEED_KMH = 1000.0
MIN_JUMP_KM = 800.0
"""Neighbouring countries' centroids can be close; shorter jumps are never called impossible."""

TRAVEL_SQL = """
WITH s AS (
  SELECT s.record_id, s.signed_in_at, s.ip, i.country FROM signins s JOIN __hw_ipinfo i USING (ip)
  WHERE NOT i.is_org AND i.country IS NOT NULL AND coalesce(s.result, 'success') = 'success'
),
l AS (
  SELECT *, lag(country) OVER w AS prev_country, lag(signed_in_at) OVER w AS prev_at,
         lag(ip) OVER w AS prev_ip
  FROM s WINDOW w AS (PARTITION BY record_id ORDER BY signed_in_at, ip)
),
j AS (
  SELECT l.*, a.lat AS lat1, a.lon AS lon1, b.lat AS lat2, b.lon AS lon2
  FROM l JOIN __hw_centroids a ON a.country = l.prev_country JOIN __hw_centroids b ON b.country = l.country
  WHERE l.prev_country <> l.country
),
d AS (
  SELECT *, 2 * 6371 * asin(sqrt(pow(sin(radians(lat2 - lat1) / 2), 2)
           + cos(radians(lat1)) * cos(radians(lat2)) * pow(sin(radians(lon2 - lon1) / 2), 2))) AS km,
         (epoch(signed_in_at) - epoch(prev_at)) / 3600 AS hours
  FROM j
)
SELECT record_id, prev_at, prev_ip, prev_country, signed_in_at, ip, country, round(km) AS km, hours
FROM d WHERE km >= ? AND (hours <= 0 OR km / hours > ?)
ORDER BY record_id, signed_in_at, ip
"""


def _by_record(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(str(row["record_id"]), []).append(row)
    return out


@indicator(code="N2", family="signin", sources=("G1", "G10", "LB1"), fairness="C", tables=("signins",))
def signin_impossible_travel(ctx: Context) -> Iterable[Hit]:
    """Consecutive sign-ins from countries too far apart for the time between them

    Two sign-ins in a row come from countries whose distance would need travel faster than
    1,000 km/h. Usually this means someone else uses the account, or a VPN hides where the
    person is. Innocent explanations: switching a personal VPN on and off, or a phone and a
    laptop on different networks. Corroboration only.
    """
    with ip_view(ctx) as ok:
        if not ok:
            return
        rows = ctx.engine.records(TRAVEL_SQL, [MIN_JUMP_KM, MAX_SPEED_KMH])
    for rid, jumps in _by_record(rows).items():
        strength = min(1.0, 0.5 + 0.1 * (len(jumps) - 1))
        yield Hit(
            rid,
            "signin_impossible_travel",
            strength,
            f"{len(jumps)} impossible jump(s) between countries",
            evidence(jumps),
        )


COUNTRIES_SQL = """
WITH s AS (
  SELECT s.record_id, s.signed_in_at, i.country, floor(epoch(s.signed_in_at) / 604800) AS week
  FROM signins s JOIN __hw_ipinfo i USING (ip)
  WHERE NOT i.is_org AND i.country IS NOT NULL AND coalesce(s.result, 'success') = 'success'
)
SELECT record_id, week, count(DISTINCT country) AS countries,
       list(DISTINCT country ORDER BY country) AS country_list,
       min(signed_in_at) AS first_at, max(signed_in_at) AS last_at
FROM s GROUP BY record_id, week HAVING count(DISTINCT country) >= ?
ORDER BY record_id, week
"""
MANY_COUNTRIES = 3


@indicator(code="N2", family="signin", sources=("G1",), fairness="C", tables=("signins",))
def signin_many_countries(ctx: Context) -> Iterable[Hit]:
    """Sign-ins from three or more countries within one week

    The account signed in from at least three countries in the same week. Accounts shared
    between operators, or hidden behind rotating VPN exits, look like this. Innocent
    explanations: frequent travellers and VPN users. Corroboration only.
    """
    with ip_view(ctx) as ok:
        if not ok:
            return
        rows = ctx.engine.records(COUNTRIES_SQL, [MANY_COUNTRIES])
    for rid, weeks in _by_record(rows).items():
        most = max(int(w["countries"]) for w in weeks)
        ev = evidence({k: v for k, v in w.items() if k != "week"} for w in weeks)
        yield Hit(
            rid,
            "signin_many_countries",
            min(1.0, 0.4 + 0.2 * (most - MANY_COUNTRIES)),
            f"signed in from {most} countries in one week",
            ev,
        )


ANON_SQL = """
SELECT s.record_id, count(*) AS total,
       count(*) FILTER (WHERE i.kind IN ('hosting', 'vpn', 'tor')) AS risky,
       list(DISTINCT {'ip': s.ip, 'kind': i.kind, 'org': i.org}
            ORDER BY {'ip': s.ip, 'kind': i.kind, 'org': i.org})
         FILTER (WHERE i.kind IN ('hosting', 'vpn', 'tor')) AS risky_ips
FROM signins s JOIN __hw_ipinfo i USING (ip)
WHERE NOT i.is_org AND coalesce(s.result, 'success') = 'success'
GROUP BY s.record_id HAVING count(*) FILTER (WHERE i.kind IN ('hosting', 'vpn', 'tor')) > 0
ORDER BY s.record_id
"""


@indicator(
    code="N1", family="signin", sources=("M1", "SW1", "RC1", "LB1", "M3"), fairness="C", tables=("signins",)
)
def signin_via_vpn_hosting_tor(ctx: Context) -> Iterable[Hit]:
    """Sign-ins through VPN, hosting or Tor addresses

    Some sign-ins come from addresses that offline reference data lists as commercial VPN,
    data-centre or Tor exits (the organization's own VPN excluded). Operators hide their
    location this way, but so do many privacy-minded and travelling staff. Corroboration only.
    """
    with ip_view(ctx) as ok:
        if not ok:
            return
        rows = ctx.engine.records(ANON_SQL)
    for row in rows:
        share = int(row["risky"]) / max(1, int(row["total"]))
        ev = evidence({"record_id": row["record_id"], **r} for r in row["risky_ips"] or [])
        yield Hit(
            str(row["record_id"]),
            "signin_via_vpn_hosting_tor",
            round(min(1.0, 0.3 + 0.7 * share), 3),
            f"{row['risky']} of {row['total']} sign-ins via VPN/hosting/Tor",
            ev,
        )


HOURS_SQL = """
WITH s AS (SELECT record_id, signed_in_at FROM signins WHERE coalesce(result, 'success') = 'success'),
c AS (SELECT record_id, hour(signed_in_at) AS h, count(*) AS n FROM s GROUP BY 1, 2),
t AS (
  SELECT record_id, sum(n) AS total, list(h ORDER BY h) AS hs, list(n ORDER BY h) AS ns FROM c
  GROUP BY 1 HAVING sum(n) >= ?
)
SELECT t.*, p.timezone, p.country, p.region, (SELECT min(signed_in_at) FROM s WHERE s.record_id = t.record_id)
       AS first_at
FROM t JOIN people p USING (record_id)
ORDER BY t.record_id
"""
MIN_SIGNINS = 10
WORK_START, WORK_END = 8, 19
ASIAN_OFFSETS = (8.0, 9.0)
MIN_ASIA_SHARE, MAX_OWN_SHARE = 0.75, 0.25
FULL_CONFIDENCE_SIGNINS = 30
"""Strength grows with the number of sign-ins up to this many (10 random sign-ins fit by chance)."""


def _local_hour(utc_hour: int, offset: float) -> int:
    """The local hour at a UTC hour's start, for an offset in hours (-3.5 for Newfoundland).

    ``floor``, not ``int``: ``int`` rounds a negative time toward zero, so 01:00 UTC at -3.5 would
    be hour 22 rather than 21 (21:30 the day before).
    """
    return math.floor(utc_hour + offset) % 24


def _work_share(hours: list[int], counts: list[int], offset: float) -> float:
    inside = sum(
        n for h, n in zip(hours, counts, strict=True) if WORK_START <= _local_hour(h, offset) < WORK_END
    )
    return inside / max(1, sum(counts))


@indicator(
    code="N8", family="signin", sources=("G1", "K1", "SEAL"), fairness="C", tables=("people", "signins")
)
def working_hours_fit_utc8_9(ctx: Context) -> Iterable[Hit]:
    """Working hours fit UTC+8/+9 rather than the claimed time zone

    Most sign-ins fall in business hours of UTC+8 or UTC+9 and few in business hours of the
    person's own time zone (from their record or home address). Innocent explanations: night
    shifts, caregiving, or a team that works with Asia. Needs 10 sign-ins. Corroboration only.
    """
    for row in ctx.engine.records(HOURS_SQL, [MIN_SIGNINS]):
        zone = claimed_zone(row["timezone"], row["country"], row["region"])
        if zone is None:
            continue
        try:
            offset_td = ZoneInfo(zone).utcoffset(row["first_at"] or datetime(2024, 1, 1))
        except (ZoneInfoNotFoundError, ValueError):
            continue
        offset = offset_td.total_seconds() / 3600 if offset_td is not None else 0.0
        if min(abs(offset - a) for a in ASIAN_OFFSETS) <= 2:
            continue
        own = _work_share(row["hs"], row["ns"], offset)
        asia = max(_work_share(row["hs"], row["ns"], a) for a in ASIAN_OFFSETS)
        if asia >= MIN_ASIA_SHARE and own <= MAX_OWN_SHARE:
            ev = (
                {
                    "record_id": row["record_id"],
                    "claimed_zone": zone,
                    "signins": row["total"],
                    "share_in_claimed_hours": round(own, 2),
                    "share_in_utc8_9_hours": round(asia, 2),
                },
            )
            yield Hit(
                str(row["record_id"]),
                "working_hours_fit_utc8_9",
                round(max(0.1, (asia - own) * min(1.0, int(row["total"]) / FULL_CONFIDENCE_SIGNINS)), 3),
                f"{asia:.0%} of sign-ins in UTC+8/+9 office hours, {own:.0%} in {zone} office hours",
                ev,
            )


UNMANAGED_SQL = """
WITH f AS (
  SELECT record_id, signed_in_at, device_id, device_managed,
         row_number() OVER (PARTITION BY record_id ORDER BY signed_in_at, device_id) AS rn
  FROM signins WHERE coalesce(result, 'success') = 'success'
),
first5 AS (SELECT * FROM f WHERE rn <= 5),
base AS (SELECT avg(CASE WHEN device_managed THEN 0.0 ELSE 1.0 END) AS rate FROM first5
         WHERE device_managed IS NOT NULL)
SELECT record_id, count(*) FILTER (WHERE NOT device_managed) AS unmanaged, count(device_managed) AS known,
       list(DISTINCT device_id ORDER BY device_id) FILTER (WHERE NOT device_managed) AS devices,
       (SELECT rate FROM base) AS org_rate
FROM first5 GROUP BY record_id HAVING count(*) FILTER (WHERE NOT device_managed) >= 2
ORDER BY record_id
"""


@indicator(code="N10", family="signin", sources=("LB1",), fairness="S", tables=("signins",))
def first_signins_from_unmanaged_device(ctx: Context) -> Iterable[Hit]:
    """First sign-ins from devices the organization does not manage

    At least two of the person's first five sign-ins came from a device not enrolled in
    device management, instead of the company laptop. Innocent explanation: setting things up
    from a personal computer before the laptop arrives. Not reported in organizations where
    most first sign-ins are unmanaged (bring-your-own-device).
    """
    for row in ctx.engine.records(UNMANAGED_SQL):
        if row["org_rate"] is not None and float(row["org_rate"]) > 0.5:
            return
        share = int(row["unmanaged"]) / max(1, int(row["known"]))
        ev = (
            {
                "record_id": row["record_id"],
                "unmanaged_first_signins": row["unmanaged"],
                "device_ids": (row["devices"] or [])[:10],
            },
        )
        yield Hit(
            str(row["record_id"]),
            "first_signins_from_unmanaged_device",
            round(min(1.0, 0.3 + 0.7 * share), 3),
            f"{row['unmanaged']} of the first sign-ins from unmanaged devices",
            ev,
        )


INDICATORS: tuple[Indicator, ...] = (
    signin_impossible_travel,
    signin_many_countries,
    signin_via_vpn_hosting_tor,
    egress_ip_shared_across_people,
    egress_ip_shared_by_several_people,
    working_hours_fit_utc8_9,
    first_signins_from_unmanaged_device,
)
