"""Payroll and payout indicators (indicators.md §2.5).

Names are only compared with the person's own record (payout holder vs the person); no name
is ever judged on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hirewall.indicators._common import evidence, group_hits, share_strength, shared_rows
from hirewall.indicators._holder_names import holder_mismatch
from hirewall.indicators.base import Context, Hit, Indicator, indicator

CHANGES_SQL = """
-- Payout history and the profile change log usually record the same change on slightly
-- different days, so each source is counted on its own and the larger count wins.
WITH acct AS (
  SELECT record_id, account_fingerprint, min(effective_from) AS since
  FROM payouts GROUP BY record_id, account_fingerprint
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY record_id ORDER BY since NULLS FIRST, account_fingerprint) AS n,
         count(*) OVER (PARTITION BY record_id) AS accounts
  FROM acct
),
changes AS (
  SELECT record_id, 'payouts' AS src, since AS day FROM ranked WHERE n > 1 AND since IS NOT NULL
  UNION ALL
  SELECT record_id, 'log' AS src, CAST(changed_at AS DATE) FROM profile_changes WHERE field = 'bank'
),
windowed AS (
  SELECT record_id, src, day, count(*) OVER (
    PARTITION BY record_id, src ORDER BY day RANGE BETWEEN CURRENT ROW AND INTERVAL 180 DAY FOLLOWING
  ) AS in_window
  FROM changes
),
per_src AS (
  SELECT record_id, src, max(in_window) AS max_in_window, count(*) AS changes, list(day ORDER BY day) AS days
  FROM windowed GROUP BY record_id, src
),
per AS (
  SELECT record_id, max(max_in_window) AS max_in_window, max(changes) AS changes,
         arg_max(days, (changes, src)) AS days  -- on a tie, the payout history's days
  FROM per_src GROUP BY record_id
)
SELECT coalesce(per.record_id, a.record_id) AS record_id, coalesce(per.max_in_window, 0) AS max_in_window,
       coalesce(per.changes, 0) AS changes, per.days, coalesce(a.accounts, 0) AS accounts
FROM per FULL JOIN (SELECT record_id, max(accounts) AS accounts FROM ranked GROUP BY 1) a USING (record_id)
WHERE coalesce(per.max_in_window, 0) >= 2 OR coalesce(a.accounts, 0) >= 3
ORDER BY record_id
"""


@indicator(code="P1", family="payout", sources=("SW1", "G10"), fairness="S", tables=("payouts",))
def payout_account_changed_often(ctx: Context) -> Iterable[Hit]:
    """Payout account changed repeatedly

    The bank or payout account was changed at least twice within 180 days, or the person has
    had three or more accounts. Operators move pay between accounts they control. A single
    change (a new bank) is normal and is not reported.
    """
    for row in ctx.engine.records(CHANGES_SQL):
        strength = max(0.5 + 0.25 * (int(row["max_in_window"]) - 2), 0.5 + 0.15 * (int(row["accounts"]) - 3))
        days = [str(d) for d in (row["days"] or [])][:10]
        ev = (
            {
                "record_id": row["record_id"],
                "changes": row["changes"],
                "accounts": row["accounts"],
                "days": days,
            },
        )
        yield Hit(
            str(row["record_id"]),
            "payout_account_changed_often",
            round(min(1.0, strength), 3),
            f"{row['changes']} payout account change(s), {row['accounts']} accounts on file",
            ev,
        )


_ACCOUNT_SOURCE = "SELECT record_id, account_fingerprint AS val FROM payouts"


def _is_joint(row: dict[str, Any]) -> bool:
    """Two people at one home: a joint account."""
    return int(row["homes"]) == 1 and int(row["persons"]) == 2


@indicator(
    code="P2",
    family="payout",
    sources=("G1", "G10"),
    fairness="S",
    tables=("people", "payouts"),
    link="strong",
)
def payout_account_shared_across_people(ctx: Context) -> Iterable[Hit]:
    """Payout account that pays several people

    The same bank or payout account (compared as a salted fingerprint) receives pay for two
    or more different people who do not share a home, or for three or more at one address.
    This is how one operator collects the pay of several personas. A joint account of two
    people at one home is reported separately and weakly.
    """
    rows = [r for r in shared_rows(ctx, _ACCOUNT_SOURCE) if not _is_joint(r)]
    yield from group_hits(
        rows,
        indicator_id="payout_account_shared_across_people",
        group_col="val",
        group_prefix="account",
        strength=lambda g, r: share_strength(r["persons"], base=0.8, step=0.1),
        summary=lambda g, r: f"payout account shared by {r['persons']} people",
        evidence_cols={"record_id": "record_id", "account_fingerprint": "val"},
    )


@indicator(
    code="P2", family="payout", sources=("G1", "G10"), fairness="S", tables=("people", "payouts"), link="weak"
)
def payout_account_joint_at_home(ctx: Context) -> Iterable[Hit]:
    """Payout account shared by two people at one home

    Two people who give the same home address are paid into one account, which is usually a
    joint account of a couple. Reported weakly and only for completeness; on its own it
    means nothing.
    """
    rows = [r for r in shared_rows(ctx, _ACCOUNT_SOURCE) if _is_joint(r)]
    yield from group_hits(
        rows,
        indicator_id="payout_account_joint_at_home",
        group_col="val",
        group_prefix="joint-account",
        strength=lambda g, r: 0.2,
        summary=lambda g, r: "payout account shared with one person at the same home",
        evidence_cols={"record_id": "record_id", "account_fingerprint": "val"},
    )


HOLDERS_SQL = """
SELECT y.record_id, y.holder_name, y.account_fingerprint, p.given_name, p.family_name
FROM payouts y JOIN people p USING (record_id)
WHERE y.holder_name IS NOT NULL AND (p.given_name IS NOT NULL OR p.family_name IS NOT NULL)
ORDER BY y.record_id, y.effective_from, y.account_fingerprint, y.holder_name
"""


@indicator(code="P3", family="payout", sources=("G13",), fairness="S", tables=("people", "payouts"))
def payout_holder_name_differs(ctx: Context) -> Iterable[Hit]:
    """Payout account held in another name

    The name on the payout account does not match the person's own name. Order, middle names,
    initials, joined or split parts and spelling or transliteration variants (Sergey/Sergei,
    Yoo/Yu, a Cyrillic name and its Latin spelling) are tolerated, the same way for every name.
    A name in a script other than Latin, Cyrillic, Greek, Armenian or Georgian (Han, Arabic,
    Hangul, kana...) is compared only with a name in the same script, word for word as written,
    because transliteration does not give its usual Latin spelling. Pay going to someone
    else's account is a known facilitator pattern. Innocent explanations: a maiden or married
    name, a joint account, or the contractor's own company.
    """
    seen: dict[str, tuple[float, list[dict[str, Any]]]] = {}
    for row in ctx.engine.records(HOLDERS_SQL):
        person = f"{row['given_name'] or ''} {row['family_name'] or ''}"
        score = holder_mismatch(person, str(row["holder_name"]))
        if score <= 0:
            continue
        rid = str(row["record_id"])
        best, rows = seen.get(rid, (0.0, []))
        rows.append(
            {
                "record_id": rid,
                "holder_name": row["holder_name"],
                "account_fingerprint": row["account_fingerprint"],
            }
        )
        seen[rid] = (max(best, score), rows)
    for rid, (score, rows) in seen.items():
        yield Hit(
            rid,
            "payout_holder_name_differs",
            score,
            "payout account holder name differs from the person's",
            evidence(rows),
        )


PLATFORM_SQL = """
SELECT record_id, method, account_fingerprint, institution, effective_from FROM payouts
WHERE method IN ('payoneer', 'wise', 'crypto') ORDER BY record_id, effective_from, account_fingerprint, method
"""
PLATFORM_STRENGTH = {"crypto": 0.7, "payoneer": 0.4, "wise": 0.4}


@indicator(code="P4", family="payout", sources=("G1", "M2", "SW1", "G12"), fairness="S", tables=("payouts",))
def payout_via_platform_or_crypto(ctx: Context) -> Iterable[Hit]:
    """Paid through Payoneer, Wise or cryptocurrency

    Pay goes to a payment platform or a crypto wallet rather than a bank account in the
    person's name. The advisories list this, but many honest international contractors are
    paid this way, so it weighs little on its own.
    """
    by_record: dict[str, list[dict[str, Any]]] = {}
    for row in ctx.engine.records(PLATFORM_SQL):
        by_record.setdefault(str(row["record_id"]), []).append(row)
    for rid, rows in by_record.items():
        strength = max(PLATFORM_STRENGTH[str(r["method"])] for r in rows)
        methods = ", ".join(sorted({str(r["method"]) for r in rows}))
        yield Hit(rid, "payout_via_platform_or_crypto", strength, f"paid via {methods}", evidence(rows))


INDICATORS: tuple[Indicator, ...] = (
    payout_account_changed_often,
    payout_account_shared_across_people,
    payout_account_joint_at_home,
    payout_holder_name_differs,
    payout_via_platform_or_crypto,
)
