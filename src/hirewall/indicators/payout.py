"""Payroll and payout indicators (indicators.md §2.5).

Names are only compared with the person's own record (payout holder vs the person); no name
is ever judged on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from hirewall.indicators._common import evidence, group_hits, share_strength, shared_rows
from hirewall.indicators.base import Context, Hit, Indicator, indicator
from hirewall.reference import names

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
COMPANY_WORDS = frozenset(
    "llc inc ltd corp co company limited gmbh plc consulting solutions services technologies labs".split()
)
CROSS_SCRIPT = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN"})
"""Scripts whose transliteration gives a name's usual Latin spelling (alphabets that write every
vowel, one reading per letter), so a name in one of them is compared with a name in any other.
A name with letters of another script is compared only with a name in the same scripts: Han
characters are read differently in each language (田中太郎 transliterates to "tian zhong tai
lang", not Tanaka Taro), Arabic, Hebrew and the Brahmic scripts leave vowels unwritten, and the
syllable-by-syllable romanisation of Hangul and kana differs from customary spellings (이 "i" for
Lee, 박 "bag" for Park, イトウ "itou" for Ito). Comparing those would mark people with such names
as paid to someone else far more often, so such pairs are not compared (0)."""


_LATIN = frozenset({"LATIN"})


@lru_cache(maxsize=65536)
def _scripts(text: str) -> frozenset[str]:
    """The scripts of a text's letters (first word of the Unicode name: LATIN, CYRILLIC, CJK...)."""
    if text.isascii():
        return _LATIN if any(ch.isalpha() for ch in text) else frozenset()
    text = unicodedata.normalize("NFKC", text)
    letters = (ch for ch in text if unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo"))
    return frozenset(unicodedata.name(ch, "?").split()[0] for ch in letters)


_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def token_agreement(a: str, b: str) -> float:
    """:func:`names.token_similarity`, also with doubled letters written once (Ann/An, Matthew/Mathew)."""
    if a == b:
        return 1.0
    sim = names.token_similarity(a, b)
    a1, b1 = _DOUBLED.sub(r"\1", a), _DOUBLED.sub(r"\1", b)
    return sim if (a1, b1) == (a, b) else max(sim, names.token_similarity(a1, b1))


def _forms(tokens: Sequence[tuple[str, str]]) -> frozenset[str]:
    """A run of tokens written as one word, before and after romanisation folding."""
    return frozenset({"".join(raw for raw, _ in tokens), "".join(folded for _, folded in tokens)})


def _tokens(name: str) -> list[tuple[str, str]]:
    return list(zip(names.ascii_tokens(name, True), names.name_tokens(name, True), strict=True))


Runs = dict[tuple[int, int], frozenset[str]]


def _runs(tokens: Sequence[tuple[str, str]]) -> Runs:
    """Every run of consecutive tokens (start, end) with its :func:`_forms`."""
    n = len(tokens)
    return {(i, j): _forms(tokens[i:j]) for i in range(n) for j in range(i + 1, n + 1)}


def _aligned(p_runs: Runs, h: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Holder spans matched one for one to person spans, best agreement first.

    A holder token (or run of tokens written as one word) matches a person token or run when
    their forms agree by :data:`names.AGREE`; two runs of several tokens match only when they
    join to the same word, so a long shared first name cannot cover a different surname.
    """
    pairs: list[tuple[float, int, int, int, int]] = []
    for a in range(len(h)):
        for b in range(a + 1, len(h) + 1):
            if any(len(raw) == 1 for raw, _ in h[a:b]):
                break  # a holder's initials are checked against the person's tokens, below
            h_forms = _forms(h[a:b])
            for (i, j), p_forms in p_runs.items():
                if b - a > 1 and j - i > 1:
                    sim = 1.0 if h_forms & p_forms else 0.0
                else:
                    sim = max(token_agreement(x, y) for x in h_forms for y in p_forms)
                if sim >= names.AGREE:
                    pairs.append((-sim, a, b, i, j))
    used_h: set[int] = set()
    used_p: set[int] = set()
    spans: list[tuple[int, int]] = []
    for _, a, b, i, j in sorted(pairs):
        if used_h.isdisjoint(range(a, b)) and used_p.isdisjoint(range(i, j)):
            used_h.update(range(a, b))
            used_p.update(range(i, j))
            spans.append((a, b))
    return spans


@lru_cache(maxsize=65536)
def holder_mismatch(person: str, holder: str) -> float:
    """0 when the holder name fits the person's own name, else how badly it does not (0..1).

    Both names are transliterated to ASCII (:func:`names.ascii_tokens`) and their parts are
    matched one for one by :func:`token_agreement` from :data:`names.AGREE`, so spelling and
    transliteration variants match ("Sergey"/"Sergei", "Yoo Lee"/"Yu Li", "Łukasz"/"Lukasz", a
    Cyrillic name and its Latin spelling) while a short part with one other letter does not
    (Min/Man). Order, middle names, initials and joined or split parts ("Vander Berg",
    "Min-jun"/"Minjun") are tolerated. The holder fits (0) when two of its parts match, or when
    every part matches and its initials start parts of the person's name; otherwise 0.4 when
    an unmatched part is a company word, 0.5 when one part matches and 1.0 when none does. The
    same rules apply to every name; pairs with a script outside :data:`CROSS_SCRIPT` are compared
    only when both names use the same scripts, and a name with no tokens after transliteration
    is not compared (0).
    """
    s_person, s_holder = _scripts(person), _scripts(holder)
    if s_person != s_holder and not (s_person | s_holder) <= CROSS_SCRIPT:
        return 0.0
    p, h = _tokens(person), _tokens(holder)
    if not p or not h:
        return 0.0
    if len({f for raw, f in h if len(raw) > 1} & {f for _, f in p}) >= 2:
        return 0.0  # fast path: two parts spelled alike
    p_runs = _runs(p)
    if any(_forms(h) & forms for forms in p_runs.values()):
        return 0.0  # the whole holder name, initials included, written as a run of the person's
    spans = _aligned(p_runs, h)
    covered = {k for a, b in spans for k in range(a, b)}
    unmatched = [raw for k, (raw, _) in enumerate(h) if len(raw) > 1 and k not in covered]
    initials_ok = all(any(q.startswith(raw) for pair in p for q in pair) for raw, _ in h if len(raw) == 1)
    if len(spans) >= 2 or (spans and not unmatched and initials_ok):
        return 0.0
    if any(t in COMPANY_WORDS for t in unmatched):
        return 0.4
    return 0.5 if spans else 1.0


@indicator(code="P3", family="payout", sources=("G13",), fairness="S", tables=("people", "payouts"))
def payout_holder_name_differs(ctx: Context) -> Iterable[Hit]:
    """Payout account held in another name

    The name on the payout account does not match the person's own name. Order, middle names,
    initials, joined or split parts and spelling or transliteration variants (Sergey/Sergei,
    Yoo/Yu, a Cyrillic name and its Latin spelling) are tolerated, the same way for every name.
    A name in a script other than Latin, Cyrillic, Greek, Armenian or Georgian (Han, Arabic,
    Hangul, kana...) is compared only with a name in the same script, because transliteration
    does not give its usual Latin spelling. Pay going to someone else's account is a known
    facilitator pattern. Innocent explanations: a maiden or married name, a joint account, or
    the contractor's own company.
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
