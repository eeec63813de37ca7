"""Identity-provider sign-ins and endpoint inventory for everyone who got a device."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from hirewall.synth import software
from hirewall.synth.confounders import G
from hirewall.synth.frame import (
    CITY_COUNTRY,
    CITY_OFFSET,
    AddressBook,
    arrow,
    hex_strings,
    join,
    num,
    take,
    where,
)
from hirewall.synth.ipspace import OPERATOR_COUNTRIES, RESIDENTIAL_RANGES, IpSpace, to_strings
from hirewall.synth.pools import APPLICATIONS
from hirewall.synth.population import Population

FOREIGN = np.array(sorted(RESIDENTIAL_RANGES))


def _ts(values: np.ndarray) -> pa.Array:
    text = np.datetime_as_string(np.asarray(values, dtype="datetime64[s]"), unit="s")
    return arrow(np.char.add(text, "Z"))


def signins_table(
    rng: np.random.Generator,
    pop: Population,
    book: AddressBook,
    ips: IpSpace,
    plan: dict[str, np.ndarray],
    farm_ip: list[int],
    rid: pa.Array,
) -> pa.Table:
    """3-8 sign-ins per device holder, from home, in local office hours; tactics override."""
    rows, device = plan["rows"], plan["device"]
    count = rng.integers(3, 9, len(rows))
    who = np.repeat(np.arange(len(rows)), count)
    first = np.concatenate([[0], np.cumsum(count)[:-1]])
    pos = np.arange(len(who)) - np.repeat(first, count)
    n = len(who)
    r = rows[who]
    flag = {name: pop.flag(name)[r] for name in ("N1", "N2", "N3", "N8", "N10", "L5", "weak", "byod")}
    group = pop.group[r]
    city = book.column("city")[pop.home[r]]
    day = plan["shipped"][who] + (3 + np.sort(rng.integers(0, 150, n))).astype("timedelta64[D]")
    hour = np.where(flag["N8"], rng.integers(0, 9, n), rng.integers(8, 18, n) - CITY_OFFSET[city])
    when = day.astype("datetime64[s]") + (hour * 3600 + rng.integers(0, 3600, n)).astype("timedelta64[s]")
    home_ip = ips.residential(rng, CITY_COUNTRY[book.column("city")[pop.home[rows]]])
    ip = home_ip[who]
    strong = ~flag["weak"]
    corp = ips.corporate_egress(rng, 6)
    use = (group == G["corporate_vpn"]) & (rng.random(n) < 0.8)
    ip[use] = corp[rng.integers(0, 6, int(use.sum()))]
    trip = (group == G["traveller"]) & (pos >= count[who] - 2)
    ip[trip] = ips.residential(rng, rng.choice(FOREIGN, int(trip.sum())))
    use = (group == G["vpn_datacenter_user"]) & (rng.random(n) < 0.5)
    ip[use] = ips.vpn(rng, int(use.sum()))
    use = flag["N1"] & (rng.random(n) < np.where(strong, 0.85, 0.3))
    ip[use] = np.where(
        rng.random(int(use.sum())) < 0.7, ips.vpn(rng, int(use.sum())), ips.datacenter(rng, int(use.sum()))
    )
    use = flag["N2"] & (pos % 2 == 1) & (strong | (pos == 1))
    ip[use] = ips.residential(rng, rng.choice(np.array(OPERATOR_COUNTRIES + ("VN", "SG")), int(use.sum())))
    prev = np.maximum(np.arange(n) - 1, 0)
    when[use] = when[prev[use]] + rng.integers(1800, 7200, int(use.sum())).astype("timedelta64[s]")
    farm = np.asarray(farm_ip + [0], dtype=np.int64)[pop.farm[r]]
    use = flag["N3"] & (pop.farm[r] >= 0) & (strong | (pos < 2))
    ip[use] = farm[use]
    use = flag["L5"] & (pos == 0)
    ip[use] = ips.residential(rng, rng.choice(np.array(OPERATOR_COUNTRIES), int(use.sum())))
    unmanaged = (flag["N10"] & (strong | (pos == 0))) | (flag["byod"] & (pos == 1))
    dev = where(
        unmanaged,
        join("DESKTOP-", pa.compute.utf8_upper(hex_strings(rng, n, 8))),
        join("LT-", num(device[who])),
    )
    failure = rng.random(n) < 0.03
    order = np.lexsort((when, who))
    table = pa.table(
        {
            "record_id": rid.take(pa.array(r)),
            "signed_in_at": _ts(when),
            "ip": to_strings(ip),
            "device_id": dev,
            "device_managed": take(["true", "false"], unmanaged.astype(np.int64)),
            "application": take(APPLICATIONS, rng.integers(0, len(APPLICATIONS), n)),
            "result": take(["success", "failure"], failure.astype(np.int64)),
        }
    )
    return table.take(pa.array(order))


def endpoint_table(
    rng: np.random.Generator, pop: Population, plan: dict[str, np.ndarray], rid: pa.Array
) -> pa.Table:
    """Inventory per shipped device: ordinary software and peripherals, plus tactic artefacts."""
    rows, device, shipped = plan["rows"], plan["device"], plan["shipped"]
    parts: list[tuple[np.ndarray, list[tuple[str, str, str]], np.ndarray, np.ndarray]] = []
    base = [*software.PROGRAMS]
    k = rng.integers(4, 8, len(rows))
    dev = np.repeat(np.arange(len(rows)), k)
    parts.append((dev, base, rng.integers(0, len(base), len(dev)), rng.integers(3, 60, len(dev))))
    disp = [("display", a, b) for a, b in software.DISPLAYS]
    parts.append(
        (np.arange(len(rows)), disp, rng.integers(0, len(disp), len(rows)), rng.integers(3, 60, len(rows)))
    )
    usb = [("usb_device", a, b) for a, b in software.USB_DEVICES]
    parts.append(
        (np.arange(len(rows)), usb, rng.integers(0, len(usb), len(rows)), rng.integers(3, 60, len(rows)))
    )
    rmm = [("process", p, path) for _, p, path in software.RMM_TOOLS]
    it = np.flatnonzero(pop.group[rows] == G["it_remote_support"])
    it2 = np.repeat(it, 2)
    parts.append((it2, rmm, rng.choice(software.IT_RMM, len(it2)), rng.integers(20, 200, len(it2))))
    n4 = np.flatnonzero(pop.flag("N4")[rows])
    tools = np.where(pop.flag("weak")[rows[n4]], 2, rng.integers(2, 5, len(n4)))
    n4r = np.repeat(n4, tools)
    parts.append((n4r, rmm, rng.integers(0, len(rmm), len(n4r)), rng.integers(0, 3, len(n4r))))
    kvm = [*software.KVM_WEAK, *(row for vendor in software.KVM_STRONG for row in vendor)]
    starts = np.cumsum([len(software.KVM_WEAK)] + [len(v) for v in software.KVM_STRONG])
    kvm_dev: list[int] = []
    kvm_row: list[int] = []
    for i in np.flatnonzero(pop.flag("N6")[rows]).tolist():
        if pop.flag("weak")[rows[i]]:
            picked = [int(rng.integers(0, len(software.KVM_WEAK)))]
        else:
            v = int(rng.integers(0, len(software.KVM_STRONG)))
            picked = list(range(int(starts[v]), int(starts[v]) + len(software.KVM_STRONG[v])))
        kvm_dev += [i] * len(picked)
        kvm_row += picked
    kvm_at = rng.integers(1, 20, len(kvm_dev))
    parts.append((np.array(kvm_dev, dtype=np.int64), kvm, np.array(kvm_row, dtype=np.int64), kvm_at))
    jig = np.flatnonzero(pop.flag("N7")[rows] | pop.flag("jiggler")[rows])
    parts.append((jig, list(software.JIGGLERS), rng.integers(0, 2, len(jig)), rng.integers(5, 90, len(jig))))
    cols: dict[str, list[pa.Array]] = {"device": [], "kind": [], "name": [], "detail": [], "at": []}
    for d, vocab, choice, days in parts:
        cols["device"].append(pa.array(d, pa.int64()))
        for j, key in enumerate(("kind", "name", "detail")):
            cols[key].append(take([v[j] for v in vocab], choice))
        at = shipped[d].astype("datetime64[s]") + (days * 86400 + rng.integers(0, 86400, len(d))).astype(
            "timedelta64[s]"
        )
        cols["at"].append(_ts(at))
    d_all = pa.concat_arrays(cols["device"]).to_numpy()
    table = pa.table(
        {
            "device_id": join("LT-", num(device[d_all])),
            "record_id": rid.take(pa.array(rows[d_all])),
            "observed_at": pa.concat_arrays(cols["at"]),
            "kind": pa.concat_arrays(cols["kind"]),
            "name": pa.concat_arrays(cols["name"]),
            "detail": pa.concat_arrays(cols["detail"]),
        }
    )
    return table.take(pa.array(np.argsort(d_all, kind="stable")))
