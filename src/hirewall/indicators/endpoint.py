"""Endpoint indicators (indicators.md §2.3): remote-access tools, IP-KVMs, jigglers, shared devices.

A device belongs to the person the inventory names, else to whoever it was last shipped to.
Remote-access tools found on a large share of the organization's devices are its own
sanctioned tooling and are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from hirewall.indicators._common import PEOPLE_CTE, evidence, group_hits, registered, share_strength
from hirewall.indicators.base import Context, Hit, Indicator, indicator

OWNED_CTE = """
owned AS (
  SELECT e.device_id, e.observed_at, e.kind, e.name, coalesce(e.detail, '') AS detail,
         coalesce(e.record_id, sh.record_id) AS record_id
  FROM endpoint e LEFT JOIN (
    SELECT device_id, arg_max(record_id, (shipped_at, record_id)) AS record_id FROM shipments
    WHERE device_id IS NOT NULL GROUP BY device_id
  ) sh USING (device_id)
)"""

RMM_SQL = f"""
WITH {OWNED_CTE},
hits AS (SELECT o.*, t.tool FROM owned o JOIN __hw_matches t ON t.name = o.name AND t.detail = o.detail),
fleet AS (SELECT count(DISTINCT device_id) AS devices FROM endpoint),
sanctioned AS (
  SELECT tool FROM hits GROUP BY tool
  HAVING (SELECT devices FROM fleet) >= 10 AND count(DISTINCT device_id) >= ? * (SELECT devices FROM fleet)
),
prov AS (
  SELECT record_id, min(ts) AS ts FROM (
    SELECT record_id, CAST(shipped_at AS TIMESTAMP) AS ts FROM shipments
    UNION ALL SELECT record_id, signed_in_at FROM signins
  ) GROUP BY record_id
),
per_tool AS (
  SELECT h.record_id, h.tool, min(h.observed_at) AS first_seen, min(h.device_id) AS device_id,
         bool_or(lower(h.detail) LIKE '%remoting_start_host%' OR lower(h.detail) LIKE '%--pin%') AS unattended
  FROM hits h WHERE h.record_id IS NOT NULL AND h.tool NOT IN (SELECT tool FROM sanctioned)
  GROUP BY h.record_id, h.tool
)
SELECT t.record_id, t.tool, t.first_seen, t.device_id, t.unattended, p.job_title,
       t.first_seen BETWEEN prov.ts - INTERVAL 1 DAY
                        AND prov.ts + CAST(? AS INTEGER) * INTERVAL 1 DAY AS early
FROM per_tool t LEFT JOIN prov USING (record_id) LEFT JOIN people p USING (record_id)
ORDER BY t.record_id, t.first_seen, t.tool
"""  # noqa: S608 (composed only of our own SQL constants)
SANCTIONED_SHARE = 0.2
PROVISIONING_DAYS = 14
IT_TITLE = re.compile(r"help ?desk|support|sys ?admin|system administrator|desktop engineer", re.I)
_IT_WORD = re.compile(r"\bIT\b")


def is_it_staff(title: str | None) -> bool:
    """Whether a job title is IT support work (where a remote-access tool is the job)."""
    if not title:
        return False
    return bool(_IT_WORD.search(title) or IT_TITLE.search(title))


def _matches(ctx: Context, kinds: tuple[str, ...], match: Any) -> dict[str, list[Any]]:
    """Distinct (name, detail) of ``kinds`` that ``match(kind, name, detail)`` names a tool for."""
    cols: dict[str, list[Any]] = {"name": [], "detail": [], "tool": []}
    rows = ctx.engine.query(
        "SELECT DISTINCT kind, name, coalesce(detail, '') FROM endpoint WHERE list_contains(?, kind)",
        [list(kinds)],
    )
    for kind, name, detail in rows:
        tool = match(str(kind), str(name), str(detail))
        if tool:
            cols["name"].append(name)
            cols["detail"].append(detail)
            cols["tool"].append(str(tool))
    return cols


@indicator(code="N4", family="endpoint", sources=("M1", "SW1", "SW2", "C1", "G5"), fairness="S",
           tables=("endpoint",))  # fmt: skip
def remote_access_tools(ctx: Context) -> Iterable[Hit]:
    """Remote-access software on the person's device

    Two or more different remote-access tools (AnyDesk, TeamViewer, Chrome Remote Desktop...)
    on the person's devices, or one that appeared within 14 days of the device reaching them
    or that was set up for unattended access. Operators abroad drive laptops kept at a
    facilitator's home this way. Innocent explanation: IT support staff use these tools for
    work (a single tool on an IT worker's device is not reported); tools installed on much of
    the fleet are treated as the organization's own.
    """
    rmm = ctx.services.get("rmm")
    if rmm is None:
        return
    cols = _matches(ctx, ("process", "program"), lambda k, n, d: rmm.match_process(n, d))
    if not cols["tool"]:
        return
    with registered(ctx.engine, "__hw_matches", cols):
        rows = ctx.engine.records(RMM_SQL, [SANCTIONED_SHARE, PROVISIONING_DAYS])
    by_record: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_record.setdefault(str(row["record_id"]), []).append(row)
    for rid, items in by_record.items():
        tools = len({r["tool"] for r in items})
        early = any(r["early"] for r in items)
        unattended = any(r["unattended"] for r in items)
        it = is_it_staff(items[0]["job_title"])
        if tools >= 2:
            strength = min(1.0, 0.6 + 0.2 * (tools - 2) + (0.2 if early or unattended else 0.0))
        elif (early or unattended) and not it:
            strength = 0.8 if unattended else 0.6
        else:
            continue
        if it:
            strength = min(strength, 0.3)
        keep = ("record_id", "device_id", "tool", "first_seen", "early", "unattended")
        ev = evidence({k: r[k] for k in keep} for r in items)
        names = ", ".join(sorted({str(r["tool"]) for r in items}))
        yield Hit(rid, "remote_access_tools", round(strength, 3), f"remote-access tools: {names}", ev)


DEVICE_HITS_SQL = f"""
WITH {OWNED_CTE}
SELECT o.record_id, o.device_id, o.kind, o.name, o.detail, t.tool, min(o.observed_at) AS first_seen
FROM owned o JOIN __hw_matches t ON t.name = o.name AND t.detail = o.detail
WHERE o.record_id IS NOT NULL
GROUP BY ALL ORDER BY o.record_id, first_seen, o.device_id, t.tool, o.kind, o.name, o.detail
"""  # noqa: S608 (composed only of our own SQL constants)


def _device_hits(
    ctx: Context, cols: dict[str, list[Any]], indicator_id: str, strength: float, what: str
) -> Iterable[Hit]:
    if not cols["tool"]:
        return
    with registered(ctx.engine, "__hw_matches", cols):
        rows = ctx.engine.records(DEVICE_HITS_SQL)
    by_record: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_record.setdefault(str(row["record_id"]), []).append(row)
    for rid, items in by_record.items():
        names = ", ".join(sorted({str(r["tool"]) for r in items}))
        yield Hit(rid, indicator_id, strength, f"{what}: {names}", evidence(items))


@indicator(code="N6", family="endpoint", sources=("M1", "G11"), fairness="S", tables=("endpoint",))
def ip_kvm_attached(ctx: Context) -> Iterable[Hit]:
    """IP-KVM hardware attached to the person's device

    A USB device or monitor name on the device matches IP-KVM hardware (PiKVM, TinyPilot,
    JetKVM and similar), which lets someone elsewhere drive the laptop over the network.
    Innocent explanation: rare; some home-lab enthusiasts and data-centre staff use them.
    """
    kvm = ctx.services.get("kvm")
    if kvm is None:
        return

    def match(kind: str, name: str, detail: str) -> str | None:
        return kvm.match_usb(name, detail) if kind == "usb_device" else kvm.match_display(name)  # type: ignore[no-any-return]

    yield from _device_hits(
        ctx, _matches(ctx, ("usb_device", "display"), match), "ip_kvm_attached", 1.0, "IP-KVM"
    )


JIGGLER = re.compile(
    r"jiggl|mouse ?mover|move ?mouse|wiggle ?mouse|^caffeine(\.exe|\.app)?$|^amphetamine(\.app)?$|"
    r"keep ?awake|don'?t ?sleep|^nosleep(\.exe)?$",
    re.I,
)


@indicator(code="N7", family="endpoint", sources=("M1",), fairness="C", tables=("endpoint",))
def mouse_jiggler(ctx: Context) -> Iterable[Hit]:
    """Mouse-jiggler software or hardware

    A program or USB device that keeps the computer looking active (Caffeine, Mouse Jiggler,
    Move Mouse, Amphetamine...). People holding several jobs use these to look present.
    Innocent explanations: common among honest staff who dislike screen locks, presenters and
    people running long jobs. Corroboration only.
    """

    def match(kind: str, name: str, detail: str) -> str | None:
        return name if JIGGLER.search(name.strip()) else None

    cols = _matches(ctx, ("process", "program", "usb_device"), match)
    yield from _device_hits(ctx, cols, "mouse_jiggler", 0.5, "jiggler")


SHARED_DEVICE_SQL = f"""
WITH {PEOPLE_CTE},
uses AS (
  SELECT device_id, record_id, signed_in_at AS ts FROM signins
  WHERE device_id IS NOT NULL AND coalesce(result, 'success') = 'success'
  UNION ALL SELECT device_id, record_id, observed_at FROM endpoint WHERE record_id IS NOT NULL
),
span AS (
  SELECT u.device_id, u.record_id, pk.person_key,
         coalesce(pk.home_building_key, 'p:' || pk.person_key) AS home,
         min(u.ts) AS first_at, max(u.ts) AS last_at
  FROM uses u JOIN pk USING (record_id) GROUP BY ALL
),
pairs AS (
  SELECT a.device_id, a.record_id AS ra, b.record_id AS rb FROM span a JOIN span b
    ON a.device_id = b.device_id AND a.person_key < b.person_key AND a.home <> b.home
   AND a.first_at <= b.last_at AND b.first_at <= a.last_at
),
who AS (SELECT device_id, ra AS record_id FROM pairs UNION SELECT device_id, rb FROM pairs),
sized AS (
  SELECT w.device_id, count(DISTINCT s.person_key) AS persons
  FROM who w JOIN span s USING (device_id, record_id) GROUP BY 1 HAVING count(DISTINCT s.person_key) <= ?
)
SELECT s.device_id, s.record_id, s.first_at, s.last_at, z.persons
FROM who w JOIN span s USING (device_id, record_id) JOIN sized z USING (device_id)
ORDER BY s.device_id, s.record_id
"""  # noqa: S608 (composed only of our own SQL constants)
MAX_DEVICE_PEOPLE = 8
"""More people than this on one device is a shared workstation or kiosk."""


@indicator(
    code="N3", family="endpoint", sources=("M3", "G1"), fairness="S", tables=("people",), link="strong"
)
def device_shared_across_people(ctx: Context) -> Iterable[Hit]:
    """One device used by different people at the same time

    Sign-ins or inventory place two or more people who do not live together on the same
    device during overlapping periods. One operator working several personas from one
    machine looks like this. A laptop passed on to a new hire after its previous user left is
    not reported (the periods do not overlap).
    """
    if not ({"signins", "endpoint"} & ctx.tables):
        return
    rows = ctx.engine.records(SHARED_DEVICE_SQL, [MAX_DEVICE_PEOPLE])
    yield from group_hits(
        rows,
        indicator_id="device_shared_across_people",
        group_col="device_id",
        group_prefix="device",
        strength=lambda g, r: share_strength(r["persons"], base=0.8, step=0.1),
        summary=lambda g, r: f"device used by {r['persons']} people in overlapping periods",
        evidence_cols={
            "record_id": "record_id",
            "device_id": "device_id",
            "first_at": "first_at",
            "last_at": "last_at",
        },
    )


INDICATORS: tuple[Indicator, ...] = (
    remote_access_tools,
    ip_kvm_attached,
    mouse_jiggler,
    device_shared_across_people,
)
