"""``generate_world``: write a synthetic organization in the input contract, plus its ground truth."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from hirewall.normalise.addresses import normalise_address
from hirewall.synth.confounders import CONFOUNDERS, apply_confounders
from hirewall.synth.frame import STRING, AddressBook, join, num, substream, take, where
from hirewall.synth.ipspace import IpSpace
from hirewall.synth.pools import LEGIT_FIRMS
from hirewall.synth.population import ROLE_BENIGN, ROLE_PERSONA, Population, base_population
from hirewall.synth.render import holder_names, people_table
from hirewall.synth.rings import Facilitators, build_rings
from hirewall.synth.shipping import payouts_table, plan_shipments, profile_changes_table, shipments_table
from hirewall.synth.tactics import DIFFICULTIES, TACTICS, plan_rings
from hirewall.synth.telemetry import endpoint_table, signins_table
from hirewall.synth.vendors import vendors_table

LABEL_COLUMNS = ("entity_kind", "entity_id", "role", "ring_id", "confounder_group", "person_id", "tactics")
FORMATS = ("csv", "parquet")


def ring_count(people: int) -> int:
    """About one ring per 400 people, at least three."""
    return max(3, round(people / 400))


def generate_world(
    out: Path,
    people: int,
    seed: int,
    difficulty: str = "normal",
    fmt: str = "csv",
    ip_lists: Path | None = None,
) -> dict[str, Any]:
    """Write one file per contract table and ``labels`` into ``out``; return summary counts.

    The same ``seed`` gives byte-identical files. ``ip_lists`` is a folder holding
    ``output_vpn_ipv4.txt`` and ``output_datacenter_ipv4.txt`` (X4BNet lists); without it VPN
    and datacenter egress come from well-known hosting ranges.
    """
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be one of {DIFFICULTIES}, not {difficulty!r}")
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    n_rings = ring_count(people)
    if people < 12 * n_rings + 50:
        raise ValueError(f"people must be at least {12 * n_rings + 50}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ips = IpSpace(ip_lists)
    book = AddressBook()
    pop = base_population(substream(seed, "people"), people, book)
    plans = plan_rings(substream(seed, "plans"), n_rings, difficulty)
    fac = build_rings(substream(seed, "rings"), pop, book, ips, plans)
    apply_confounders(substream(seed, "confounders"), pop, book)
    rid = join("R", num(np.arange(people) + 1000001))
    rng = substream(seed, "records")
    names = lambda rows: holder_names(rng, pop, rows)  # noqa: E731
    ship_plan = plan_shipments(rng, pop, book, fac)
    payouts, bank, lender_fp = payouts_table(rng, pop, fac, names, rid)
    tables = {
        "profile_changes": profile_changes_table(rng, pop, book, ship_plan, bank, rid),
        "payouts": payouts,
    }
    tables["people"] = people_table(rng, pop, book, rid)
    tables["shipments"] = shipments_table(rng, pop, book, ship_plan, rid)
    tables["signins"] = signins_table(substream(seed, "signins"), pop, book, ips, ship_plan, fac.farm_ip, rid)
    tables["endpoint"] = endpoint_table(substream(seed, "endpoint"), pop, ship_plan, rid)
    tables["vendors"] = vendors_table(substream(seed, "vendors"), pop, book, fac)
    tables["labels"] = labels_table(pop, book, fac, rid, lender_fp, _farm_traces(tables, pop, rid))
    for name, table in tables.items():
        _write(table, out, name, fmt)
    summary: dict[str, Any] = {f"{name}_rows": t.num_rows for name, t in tables.items()}
    summary.update(
        seed=seed,
        difficulty=difficulty,
        rings=n_rings,
        personas=int((pop.role == 1).sum()),
        facilitator_people=int((pop.role == 2).sum()),
        laptop_farms=len(fac.farm_addr),
        account_lenders=len(fac.lender_name),
        front_vendors=len(fac.front_firm),
    )
    return summary


def _write(table: pa.Table, out: Path, name: str, fmt: str) -> None:
    if fmt == "csv":
        pacsv.write_csv(table, out / f"{name}.csv")
    else:
        pq.write_table(table, out / f"{name}.parquet")


def _ring_ids(rings: np.ndarray) -> pa.Array:
    return where(rings >= 0, join("ring-", num(np.maximum(rings, 0), 4)), "")


def _farm_traces(tables: dict[str, pa.Table], pop: Population, rid: pa.Array) -> set[tuple[str, str, int]]:
    """(kind, key, ring) of every farm address a ring's persona shipped to and every IP it signed
    in from. A farm that left no trace in the data is no facilitator anyone could find."""
    ring_of = {r: int(g) for r, g in zip(rid.to_pylist(), pop.ring.tolist(), strict=True) if g >= 0}
    traces: set[tuple[str, str, int]] = set()
    for row in tables["signins"].select(["record_id", "ip"]).to_pylist():
        if row["record_id"] in ring_of:
            traces.add(("ip", row["ip"], ring_of[row["record_id"]]))
    ship_cols = [
        "record_id",
        "ship_line1",
        "ship_line2",
        "ship_city",
        "ship_region",
        "ship_postal_code",
        "ship_country",
    ]
    for row in tables["shipments"].select(ship_cols).to_pylist():
        if row["record_id"] in ring_of:
            key = normalise_address(*(row[c] or "" for c in ship_cols[1:])).address_key
            traces.add(("address", key, ring_of[row["record_id"]]))
    return traces


def labels_table(
    pop: Population,
    book: AddressBook,
    fac: Facilitators,
    rid: pa.Array,
    lender_fp: pa.Array,
    traces: set[tuple[str, str, int]],
) -> pa.Table:
    """Ground truth: people, then farm addresses and IPs, lent accounts and front vendors per ring.

    Farm addresses and IPs are listed for a ring only where its personas left a trace of them.
    A persona's ``tactics`` are the indicators.md ids of the tactics it used, ``;``-separated.
    """
    benign = pop.role == ROLE_BENIGN
    cols: dict[str, list[pa.Array]] = {c: [] for c in LABEL_COLUMNS}
    n = pop.n
    cols["entity_kind"].append(pa.array(["person"] * n, STRING))
    cols["entity_id"].append(rid)
    cols["role"].append(take(["benign", "persona", "facilitator"], pop.role))
    cols["ring_id"].append(_ring_ids(pop.ring))
    cols["confounder_group"].append(where(benign, take(CONFOUNDERS, pop.group), ""))
    cols["person_id"].append(join("H", num(pop.person + 1, 7)))
    cols["tactics"].append(_tactics(pop))
    extra: list[tuple[str, str, int]] = []
    for i, rings in enumerate(fac.farm_rings):
        key = _farm_key(book, fac.farm_addr[i])
        ip = str(ipaddress.ip_address(fac.farm_ip[i]))
        # The farm's laptops sign in from its home connection: that IP identifies it too.
        extra += [
            (kind, k, r)
            for r in rings
            for kind, k in (("address", key), ("ip", ip))
            if (kind, k, r) in traces
        ]
    extra += [("account", str(lender_fp[i]), r) for i, rings in enumerate(fac.lender_rings) for r in rings]
    extra += [
        ("vendor", f"V{2 + len(LEGIT_FIRMS) + i:03d}", r)
        for i, rings in enumerate(fac.front_rings)
        for r in rings
    ]
    if extra:
        m = len(extra)
        cols["entity_kind"].append(pa.array([e[0] for e in extra], STRING))
        cols["entity_id"].append(pa.array([e[1] for e in extra], STRING))
        cols["role"].append(pa.array(["facilitator"] * m, STRING))
        cols["ring_id"].append(_ring_ids(np.array([e[2] for e in extra])))
        cols["confounder_group"].append(pa.array([""] * m, STRING))
        cols["person_id"].append(pa.array([""] * m, STRING))
        cols["tactics"].append(pa.array([""] * m, STRING))
    return pa.table({c: pa.concat_arrays(v) for c, v in cols.items()})


def _tactics(pop: Population) -> pa.Array:
    """Per record, the ``;``-separated tactic ids a persona used (empty for everyone else)."""
    names = list(TACTICS)
    mask = np.zeros(pop.n, dtype=np.int64)
    for bit, t in enumerate(names):
        mask |= pop.flag(t).astype(np.int64) << bit
    mask[pop.role != ROLE_PERSONA] = 0
    kinds, index = np.unique(mask, return_inverse=True)
    text = [";".join(t for bit, t in enumerate(names) if int(k) >> bit & 1) for k in kinds.tolist()]
    return take(text, index)


def _farm_key(book: AddressBook, addr: int) -> str:
    rendered = book.render(np.random.default_rng(0), np.array([addr]))
    parts = {k: str(v[0]) for k, v in rendered.items()}
    return normalise_address(
        parts["line1"], parts["line2"], parts["city"], parts["region"], parts["postal_code"], parts["country"]
    ).address_key
