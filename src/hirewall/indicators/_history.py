"""Where a person lived when a device shipped, from their address history.

HR systems hold the *current* home address, while shipments are history: a couple who
received their laptops at home and then moved looks, against the current address, like two
people receiving devices somewhere they do not live. The address history
(``profile_changes``) says which address was in effect on the shipping day: the new value of
the last change before it or, with none, the old value of the first change after it.

A home that took effect less than ``recent_days`` before the shipment does not count: moving
to the ship-to just before a device arrives is the facilitator pattern (L2), not residence.
A home the person had *left* by the shipping day (the old value of an earlier change) does
count: a device sent to the address someone just moved away from went to a stale address on
file, the reverse of the facilitator's move to the drop address.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from hirewall.engine.base import Engine
from hirewall.indicators._common import registered
from hirewall.normalise.addresses import parse_one_line

HOME_THEN_SQL = """
SELECT s.shipment_id, s.ship_building_key, s.shipped_at,
       CAST(c.changed_at AS DATE) AS day, c.changed_at, c.old_value, c.new_value
FROM shipments s JOIN people p USING (record_id)
JOIN profile_changes c ON c.record_id = s.record_id AND c.field = 'address'
WHERE s.ship_building_key IS NOT NULL
  AND (p.home_building_key IS NULL OR p.home_building_key <> s.ship_building_key)
ORDER BY s.shipment_id, c.changed_at, c.new_value, c.old_value
"""


def shipments_home_then(engine: Engine, recent_days: int) -> list[str]:
    """Ids of shipments that went to a home the person had by the shipping day, though not
    their current one: the home of the day, or one they had left before it."""
    changes: dict[str, list[dict[str, Any]]] = {}
    for row in engine.records(HOME_THEN_SQL):
        changes.setdefault(str(row["shipment_id"]), []).append(row)
    return [sid for sid, rows in changes.items() if _lived_there(rows, recent_days)]


def _lived_there(changes: list[dict[str, Any]], recent_days: int) -> bool:
    """Whether one shipment's ship-to was the person's home then, by their address changes
    (in order): the new value of the last change before it (unless that is under
    ``recent_days`` old), the old value of any change before it, or with none, the old
    value of the first change after it."""
    ship_building = changes[0]["ship_building_key"]
    shipped = changes[0]["shipped_at"]
    before = [c for c in changes if c["day"] <= shipped]
    if before:
        last = before[-1]
        homes = [c["old_value"] for c in before]
        if (shipped - last["day"]).days > recent_days:
            homes.append(last["new_value"])
    else:
        homes = [changes[0]["old_value"]]
    return any(_building(text) == ship_building for text in homes)


def _building(text: object) -> str | None:
    addr = parse_one_line(str(text)) if text else None
    return addr.building_key if addr is not None else None


@contextmanager
def home_then_view(engine: Engine, recent_days: int) -> Iterator[str]:
    """``__hw_home_then(shipment_id)``: the shipments of :func:`shipments_home_then`, for SQL."""
    ids = pa.array(shipments_home_then(engine, recent_days), type=pa.string())
    with registered(engine, "__hw_home_then", {"shipment_id": ids}) as name:
        yield name
