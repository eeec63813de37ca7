"""Laptop-shipping indicators (indicators.md §2.4).

A person "lives at" a ship-to address when their home address is in the same building, so
a parcel to the building's front desk is not "elsewhere" and neighbours in different flats
are never a farm.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hirewall.indicators._common import (
    MAX_SHARED_PEOPLE,
    PEOPLE_CTE,
    evidence,
    group_hits,
    local_areas_cte,
    local_place_sql,
    postal_area_sql,
    share_strength,
)
from hirewall.indicators._history import home_then_view
from hirewall.indicators.base import Context, Hit, Indicator, indicator

DIFFERS_SQL = """
WITH hubs AS (
  SELECT ship_address_key FROM shipments WHERE ship_address_key IS NOT NULL
  GROUP BY 1 HAVING count(DISTINCT record_id) > ?
)
SELECT s.record_id, s.shipment_id, s.shipped_at, s.ship_address_key, p.home_address_key
FROM shipments s JOIN people p USING (record_id)
WHERE s.ship_address_key IS NOT NULL AND p.home_address_key IS NOT NULL
  AND s.ship_building_key <> p.home_building_key
  AND s.ship_address_key NOT IN (SELECT ship_address_key FROM hubs)
  AND s.shipment_id NOT IN (SELECT shipment_id FROM __hw_home_then)
ORDER BY s.record_id, s.shipped_at, s.shipment_id
"""


@indicator(code="L1", family="shipping", sources=("G1",), fairness="S", tables=("people", "shipments"))
def ship_to_differs_from_home(ctx: Context) -> Iterable[Hit]:
    """Device shipped somewhere other than the home address

    A company device went to an address that is not the person's home address on file, nor,
    by their address history, the home they had on the shipping day or one they had left
    before it.
    Facilitators receive devices for remote workers who cannot receive them at the address on
    their documents. Innocent explanations: a move, a relative's or a friend's address while
    travelling, or a stale home address in HR.
    """
    with home_then_view(ctx.engine, CHANGE_WINDOW_DAYS):
        rows = ctx.engine.records(DIFFERS_SQL, [MAX_SHARED_PEOPLE])
    by_record: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_record.setdefault(str(row["record_id"]), []).append(row)
    for rid, items in by_record.items():
        yield Hit(
            rid,
            "ship_to_differs_from_home",
            0.5,
            "device shipped to an address that is not the home",
            evidence(items),
        )


CHANGED_SQL = """
SELECT s.record_id, s.shipment_id, s.shipped_at, c.changed_at, c.old_value, c.new_value
FROM shipments s JOIN profile_changes c
  ON c.record_id = s.record_id AND c.field = 'address'
 AND CAST(c.changed_at AS DATE) BETWEEN s.shipped_at - CAST(? AS INTEGER) * INTERVAL 1 DAY AND s.shipped_at
WHERE s.shipment_id NOT IN (SELECT shipment_id FROM __hw_home_then)
ORDER BY s.record_id, c.changed_at, s.shipment_id, c.old_value, c.new_value
"""
CHANGE_WINDOW_DAYS = 30


@indicator(
    code="L2",
    family="shipping",
    sources=("N1", "SW1", "G5"),
    fairness="S",
    tables=("shipments", "profile_changes"),
)
def address_changed_before_shipping(ctx: Context) -> Iterable[Hit]:
    """Address changed shortly before a device shipped

    The person's address was changed in the 30 days before a company device was shipped,
    and the device did not go to a home they had had (say the one they had just left, a
    stale address on file rather than a move to the ship-to).
    Facilitators have new hires switch to a drop address after the offer ("I am moving").
    Innocent explanations: a real move at the start of a new job is common.
    """
    with home_then_view(ctx.engine, CHANGE_WINDOW_DAYS):
        rows = ctx.engine.records(CHANGED_SQL, [CHANGE_WINDOW_DAYS])
    by_record: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_record.setdefault(str(row["record_id"]), []).append(row)
    for rid, items in by_record.items():
        changes = len({r["changed_at"] for r in items})
        yield Hit(
            rid,
            "address_changed_before_shipping",
            min(1.0, 0.5 + 0.25 * (changes - 1)),
            f"address changed {changes} time(s) in the {CHANGE_WINDOW_DAYS} days before shipping",
            evidence(items),
        )


FARM_SQL = f"""
WITH {PEOPLE_CTE},
s AS (
  SELECT s.record_id, s.ship_address_key, s.ship_building_key, pk.person_key, pk.home_building_key,
         {postal_area_sql("pk.home_building_key")} AS area,
         bool_or(c.record_id IS NOT NULL) AS moved_in,
         bool_or(s.shipment_id IN (SELECT shipment_id FROM __hw_home_then)) AS lived_there
  FROM shipments s JOIN pk USING (record_id)
  LEFT JOIN profile_changes c
    ON c.record_id = s.record_id AND c.field = 'address'
   AND CAST(c.changed_at AS DATE) BETWEEN s.shipped_at - CAST(? AS INTEGER) * INTERVAL 1 DAY AND s.shipped_at
  WHERE s.ship_address_key IS NOT NULL
  GROUP BY ALL
),
nr AS (
  SELECT * FROM s
  WHERE (home_building_key IS NULL OR home_building_key <> ship_building_key OR moved_in)
    AND NOT lived_there
),
g AS (
  SELECT ship_address_key, count(DISTINCT person_key) AS persons FROM nr GROUP BY 1
  HAVING count(DISTINCT person_key) BETWEEN 2 AND ?
),
{local_areas_cte("areas", "nr", "ship_address_key", where="NOT moved_in")},
res AS (
  SELECT ship_address_key, count(DISTINCT person_key) AS residents FROM s
  WHERE (home_building_key = ship_building_key AND NOT moved_in) OR lived_there GROUP BY 1
)
SELECT DISTINCT nr.record_id, nr.ship_address_key, g.persons, coalesce(res.residents, 0) AS residents
FROM nr JOIN g USING (ship_address_key) LEFT JOIN res USING (ship_address_key)
LEFT JOIN areas USING (ship_address_key)
WHERE NOT {local_place_sql("g.persons", "areas.local_people")}
ORDER BY nr.ship_address_key, nr.record_id
"""  # noqa: S608 (composed only of our own SQL constants)


@indicator(
    code="L3",
    family="shipping",
    sources=("G11",),
    fairness="S",
    tables=("people", "shipments"),
    link="strong",
)
def ship_to_shared_across_people(ctx: Context) -> Iterable[Hit]:
    """One address receiving devices for several people who do not live there

    Company devices for two or more different people went to the same address, and none of
    them gives it (or its building) as their home, now or (by their address history) on or
    before the shipping day, or only since an address change in the 30 days before the device
    shipped.
    This is the shape of a laptop farm, whose personas' homes on file are all over the
    country. Innocent explanations: a shared office or co-working space used as a delivery
    point; addresses receiving devices for very many people, or for three or more who mostly
    live in one postal area (a branch office; someone who moved to the address just before
    counts as living elsewhere), are treated as offices and ignored.
    """
    with home_then_view(ctx.engine, CHANGE_WINDOW_DAYS):
        rows = ctx.engine.records(FARM_SQL, [CHANGE_WINDOW_DAYS, MAX_SHARED_PEOPLE])
    yield from group_hits(
        rows,
        indicator_id="ship_to_shared_across_people",
        group_col="ship_address_key",
        group_prefix="address",
        strength=lambda g, r: share_strength(r["persons"], base=0.7),
        summary=lambda g, r: f"ship-to address receives devices for {r['persons']} people who live elsewhere",
        evidence_cols={"record_id": "record_id", "ship_address_key": "ship_address_key"},
    )


FIRST_SIGNIN_SQL = """
WITH fs AS (
  SELECT record_id, min(shipped_at) AS shipped_at,
         arg_min(split_part(ship_address_key, '|', 1), (shipped_at, shipment_id)) AS ship_country,
         arg_min(device_id, (shipped_at, shipment_id)) AS device_id
  FROM shipments WHERE ship_address_key IS NOT NULL GROUP BY record_id
),
si AS (
  SELECT s.record_id, s.ip, s.signed_in_at, fs.ship_country, fs.shipped_at,
         row_number() OVER (
           PARTITION BY s.record_id
           ORDER BY (fs.device_id IS NOT NULL AND s.device_id = fs.device_id) DESC,
                    s.signed_in_at, s.ip, s.device_id
         ) AS rn
  FROM signins s JOIN fs USING (record_id)
  WHERE CAST(s.signed_in_at AS DATE) >= fs.shipped_at AND coalesce(s.result, 'success') = 'success'
)
SELECT record_id, ip, signed_in_at, ship_country, shipped_at FROM si WHERE rn <= 5
ORDER BY record_id, rn
"""


@indicator(code="L5", family="shipping", sources=("MS2",), fairness="C", tables=("shipments", "signins"))
def first_signin_far_from_ship_to(ctx: Context) -> Iterable[Hit]:
    """First sign-in after shipping comes from another country

    The first sign-in after the device shipped (on that device when known) comes from an IP
    address in a different country than the ship-to address. Innocent explanations: travel,
    a personal VPN, or a mobile network that exits abroad. Corroboration only.
    """
    ip_intel = ctx.services.get("ip")
    if ip_intel is None:
        return
    org = ctx.services.get("org_egress")
    done: set[str] = set()
    for row in ctx.engine.records(FIRST_SIGNIN_SQL):
        rid = str(row["record_id"])
        if rid in done or (org is not None and org.is_org_egress(row["ip"])):
            continue
        done.add(rid)
        country = ip_intel.lookup(row["ip"]).country
        if not country or not row["ship_country"] or country.upper() == str(row["ship_country"]).upper():
            continue
        ev = ({**row, "ip_country": country},)
        yield Hit(
            rid,
            "first_signin_far_from_ship_to",
            0.7,
            f"first sign-in from {country}, device shipped to {row['ship_country']}",
            ev,
        )


INDICATORS: tuple[Indicator, ...] = (
    ship_to_differs_from_home,
    address_changed_before_shipping,
    ship_to_shared_across_people,
    first_signin_far_from_ship_to,
)
