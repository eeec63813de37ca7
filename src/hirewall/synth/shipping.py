"""Post-hire records kept by HR, IT and payroll: shipments, profile changes and payouts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa

from hirewall.synth import pools
from hirewall.synth.confounders import G
from hirewall.synth.frame import N_US_CITIES, STRING, AddressBook, arrow, hex_strings, join, num, take, where
from hirewall.synth.population import Population
from hirewall.synth.rings import Facilitators

Names = Callable[[np.ndarray], pa.Array]


def _day(values: np.ndarray) -> pa.Array:
    return arrow(np.asarray(values, dtype="datetime64[D]").astype(str))


def _ts(values: np.ndarray) -> pa.Array:
    return arrow(np.datetime_as_string(np.asarray(values, dtype="datetime64[s]"), unit="s"))


def plan_shipments(
    rng: np.random.Generator, pop: Population, book: AddressBook, fac: Facilitators
) -> dict[str, np.ndarray]:
    """Who gets a device, where and when; applies L1/L2/L3 and benign moves."""
    rows = np.flatnonzero(pop.is_hired())
    ship = pop.home[rows].copy()
    drop = pop.flag("L1")[rows] & (pop.farm[rows] < 0)
    ship[drop] = book.add(rng, rng.integers(0, N_US_CITIES, int(drop.sum())), unit_rate=0.2)
    farm = pop.flag("L3")[rows] & (pop.farm[rows] >= 0)
    ship[farm] = np.asarray(fac.farm_addr, dtype=np.int64)[pop.farm[rows][farm]]
    shipped = pop.hired[rows] - rng.integers(2, 10, len(rows)).astype("timedelta64[D]")
    device = rng.permutation(len(rows)) + 4_100_000
    moved = pop.flag("L2")[rows]
    stay = moved & (ship == pop.home[rows])
    ship[stay] = book.add(rng, rng.integers(0, N_US_CITIES, int(stay.sum())), unit_rate=0.3)
    mover = pop.flag("mover")[rows] & ~moved
    new_home = ship.copy()
    new_home[mover] = book.add(rng, rng.integers(0, N_US_CITIES, int(mover.sum())))
    return {
        "rows": rows,
        "ship": ship,
        "shipped": shipped,
        "device": device,
        "moved": moved,
        "mover": mover,
        "new_home": new_home,
    }


def shipments_table(
    rng: np.random.Generator, pop: Population, book: AddressBook, plan: dict[str, np.ndarray], rid: pa.Array
) -> pa.Table:
    rows, ship = plan["rows"], plan["ship"]
    again = rng.random(len(rows)) < 0.05
    idx = np.concatenate([np.arange(len(rows)), np.flatnonzero(again)])
    when = np.concatenate(
        [
            plan["shipped"],
            plan["shipped"][again] + rng.integers(90, 400, int(again.sum())).astype("timedelta64[D]"),
        ]
    )
    device = np.concatenate([plan["device"], plan["device"][again] + 5_000_000])
    addr = book.render(rng, ship[idx])
    return pa.table(
        {
            "shipment_id": join("SHP-", num(np.arange(len(idx)) + 1, 8)),
            "record_id": rid.take(pa.array(rows[idx])),
            "device_id": join("LT-", num(device)),
            "ship_line1": addr["line1"],
            "ship_line2": addr["line2"],
            "ship_city": addr["city"],
            "ship_region": addr["region"],
            "ship_postal_code": addr["postal_code"],
            "ship_country": addr["country"],
            "shipped_at": _day(when),
        }
    )


def profile_changes_table(
    rng: np.random.Generator,
    pop: Population,
    book: AddressBook,
    plan: dict[str, np.ndarray],
    bank: dict[str, np.ndarray],
    rid: pa.Array,
) -> pa.Table:
    """Address moves (L2 and benign movers), bank changes and a few phone/email edits."""
    rows = plan["rows"]
    moved, mover = plan["moved"], plan["mover"]
    who = np.concatenate([np.flatnonzero(moved), np.flatnonzero(mover)])
    when = np.concatenate(
        [
            plan["shipped"][moved] - rng.integers(3, 21, int(moved.sum())).astype("timedelta64[D]"),
            plan["shipped"][mover] + rng.integers(-30, 300, int(mover.sum())).astype("timedelta64[D]"),
        ]
    ).astype("datetime64[s]") + rng.integers(8 * 3600, 20 * 3600, len(who)).astype("timedelta64[s]")
    old = book.one_line(rng, pop.home[rows[who]])
    new = book.one_line(rng, plan["new_home"][who])
    pop.home[rows[who]] = plan["new_home"][who]
    n_addr = len(who)
    brow, bold, bnew, bwhen = bank["rows"], bank["old"], bank["new"], bank["when"]
    edits = rows[rng.random(len(rows)) < 0.02]
    parts = {
        "record_id": pa.concat_arrays(
            [rid.take(pa.array(rows[who])), rid.take(pa.array(brow)), rid.take(pa.array(edits))]
        ),
        "field": pa.concat_arrays(
            [
                pa.array(["address"] * n_addr, STRING),
                pa.array(["bank"] * len(brow), STRING),
                take(["phone", "email"], rng.integers(0, 2, len(edits))),
            ]
        ),
        "old_value": pa.concat_arrays([old, bold, pa.array([""] * len(edits), STRING)]),
        "new_value": pa.concat_arrays([new, bnew, pa.array(["(redacted)"] * len(edits), STRING)]),
        "changed_at": pa.concat_arrays(
            [
                _ts(when),
                _ts(bwhen),
                _ts(
                    pop.hired[edits].astype("datetime64[s]")
                    + rng.integers(1, 400 * 86400, len(edits)).astype("timedelta64[s]")
                ),
            ]
        ),
    }
    return pa.table(parts)


def payouts_table(
    rng: np.random.Generator, pop: Population, fac: Facilitators, names: Names, rid: pa.Array
) -> tuple[pa.Table, dict[str, np.ndarray], pa.Array]:
    """Payout accounts: P1 churn, P2 lent accounts, P3 other holders, P4 platforms; benign changes."""
    rows = np.flatnonzero(pop.is_hired())
    n = len(rows)
    extra = np.zeros(n, dtype=np.int64)
    extra[pop.group[rows] == G["bank_change_once"]] = 1
    p1 = pop.flag("P1")[rows]
    extra[p1] = np.where(pop.flag("weak")[rows][p1], 2, rng.integers(3, 7, int(p1.sum())))
    idx = np.repeat(np.arange(n), extra + 1)
    k = np.arange(len(idx)) - np.repeat(np.cumsum(extra + 1) - (extra + 1), extra + 1)
    step = np.where(p1[idx], rng.integers(10, 40, len(idx)), rng.integers(100, 400, len(idx)))
    eff = pop.hired[rows][idx] + (k * step).astype("timedelta64[D]")
    fingerprint = hex_strings(rng, len(idx), 24)
    lender_fp = hex_strings(rng, max(1, len(fac.lender_name)), 24)
    lent = (pop.lender[rows][idx] >= 0) & (k == extra[idx])
    fingerprint = where(lent, lender_fp.take(pa.array(np.maximum(pop.lender[rows][idx], 0))), fingerprint)
    method = np.zeros(len(idx), dtype=np.int64)  # direct_deposit
    platform = (pop.group[rows][idx] == G["platform_payout"]) | pop.flag("P4")[rows][idx]
    method[platform] = rng.choice([1, 2], int(platform.sum()))
    crypto = pop.flag("P4")[rows][idx] & (rng.random(len(idx)) < 0.3)
    method[crypto] = 4
    methods = ("direct_deposit", "payoneer", "wise", "paypal", "crypto")
    inst = take(
        list(pools.INSTITUTIONS) + ["Payoneer", "Wise", "PayPal", "USDT (TRC20) wallet"],
        np.where(
            method == 0,
            rng.integers(0, len(pools.INSTITUTIONS), len(idx)),
            len(pools.INSTITUTIONS) + method - 1,
        ),
    )
    holder = names(rows[idx])
    if fac.lender_name:
        lg, lf = (np.array(x) for x in zip(*fac.lender_name, strict=True))
        li = np.maximum(pop.lender[rows][idx], 0)
        lender_holder = join(
            take([g for g, _ in pools.GIVEN_NAMES], lg[li]),
            " ",
            take([f for f, _ in pools.FAMILY_NAMES], lf[li]),
        )
        holder = where(lent, lender_holder, holder)
    other = pop.flag("P3")[rows][idx] & ~lent
    holder = where(other, names(rng.integers(0, pop.n, len(idx))), holder)
    table = pa.table(
        {
            "record_id": rid.take(pa.array(rows[idx])),
            "account_fingerprint": fingerprint,
            "holder_name": holder,
            "method": take(methods, method),
            "institution": inst,
            "effective_from": _day(eff),
        }
    )
    change = k > 0
    prev = np.flatnonzero(change) - 1
    bank = {
        "rows": rows[idx][change],
        "old": fingerprint.take(pa.array(prev)),
        "new": fingerprint.filter(pa.array(change)),
        "when": eff[change].astype("datetime64[s]")
        - rng.integers(1, 5 * 86400, int(change.sum())).astype("timedelta64[s]"),
    }
    return table, bank, lender_fp
