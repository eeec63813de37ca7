"""Where a person lived when a device shipped, from their address history.

HR systems hold the *current* home address, while shipments are history: a couple who
received their laptops at home and then moved looks, against the current address, like two
people receiving devices somewhere they do not live. The address history
(``profile_changes``) says which address was in effect on the shipping day: the new value of
the last change before it or, with none, the old value of the first change after it.

A home that took effect less than ``recent_days`` before the shipment does not count: moving
to the ship-to just before a device arrives is the facilitator pattern (L2), not residence.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pyarrow as pa

from hirewall.engine.base import Engine
from hirewall.indicators._common import registered
from hirewall.normalise.addresses import parse_one_line

HOME_THEN_SQL = """
WITH c AS (
  SELECT record_id, CAST(changed_at AS DATE) AS day, changed_at, old_value, new_value
  FROM profile_changes WHERE field = 'address'
),
s AS (
  SELECT s.shipment_id, s.record_id, s.shipped_at, s.ship_building_key
  FROM shipments s JOIN people p USING (record_id)
  WHERE s.ship_building_key IS NOT NULL
    AND (p.home_building_key IS NULL OR p.home_building_key <> s.ship_building_key)
    AND s.record_id IN (SELECT record_id FROM c)
)
SELECT s.shipment_id, s.ship_building_key, s.shipped_at,
       (SELECT arg_max(new_value, (changed_at, new_value)) FROM c
         WHERE c.record_id = s.record_id AND c.day <= s.shipped_at) AS before_value,
       (SELECT max(day) FROM c WHERE c.record_id = s.record_id AND c.day <= s.shipped_at) AS before_day,
       (SELECT arg_min(old_value, (changed_at, old_value)) FROM c
         WHERE c.record_id = s.record_id AND c.day > s.shipped_at) AS after_value
FROM s ORDER BY s.shipment_id
"""


def shipments_home_then(engine: Engine, recent_days: int) -> list[str]:
    """Ids of shipments that went to the person's home of the day, though not their current one."""
    out: list[str] = []
    for row in engine.records(HOME_THEN_SQL):
        if row["before_value"] is not None:
            if (row["shipped_at"] - row["before_day"]).days <= recent_days:
                continue
            text = row["before_value"]
        else:
            text = row["after_value"]
        addr = parse_one_line(str(text)) if text else None
        if addr is not None and addr.building_key == row["ship_building_key"]:
            out.append(str(row["shipment_id"]))
    return out


@contextmanager
def home_then_view(engine: Engine, recent_days: int) -> Iterator[str]:
    """``__hw_home_then(shipment_id)``: the shipments of :func:`shipments_home_then`, for SQL."""
    ids = pa.array(shipments_home_then(engine, recent_days), type=pa.string())
    with registered(engine, "__hw_home_then", {"shipment_id": ids}) as name:
        yield name
