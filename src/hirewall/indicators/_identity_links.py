"""Identity-family indicators that follow links: referrals, placing vendors, email shape.

"Linked" people share a phone, email, national id, payout account or ship-to address with
someone who does not live with them (see :func:`hirewall.indicators._common.strong_keys_cte`);
this is computed from the store alone, so these indicators need no other indicator's hits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hirewall.indicators._common import FREEMAIL_DOMAINS, PEOPLE_CTE, evidence, strong_keys_cte
from hirewall.indicators._referral_bursts import burst_thresholds, find_bursts
from hirewall.indicators._waves import arrival_dates
from hirewall.indicators.base import Context, Hit, indicator

REFERRALS_SQL = """
WITH {people_cte}, {strong_keys},
lr AS (SELECT DISTINCT record_id FROM linked),
refs AS (
  SELECT pk.record_id, pk.referred_by AS referrer
  FROM pk JOIN people r ON r.record_id = pk.referred_by
  WHERE pk.referred_by <> pk.record_id
),
referees AS (
  SELECT refs.record_id, refs.referrer, 1 AS n, 'referee' AS role
  FROM refs JOIN lr ON lr.record_id = refs.referrer
),
referrers AS (
  SELECT refs.referrer AS record_id, refs.referrer, count(DISTINCT refs.record_id) AS n, 'referrer' AS role
  FROM refs JOIN lr ON lr.record_id = refs.record_id
  GROUP BY refs.referrer HAVING count(DISTINCT refs.record_id) >= 2
)
SELECT * FROM referees UNION ALL SELECT * FROM referrers ORDER BY referrer, record_id
"""

REFERRALS_ON_FILE_SQL = """
SELECT p.record_id, p.referred_by FROM people p JOIN people r ON r.record_id = p.referred_by
WHERE p.referred_by <> p.record_id
ORDER BY p.record_id
"""
"""(referee, referrer) of every referral whose referrer is on file: a referrer the exports do
not hold cannot be scored or reviewed, and would stand in a ring without a record."""

VENDOR_LINKS_SQL = """
WITH {people_cte}, {strong_keys},
vl AS (SELECT lk.* FROM lk JOIN lgroups USING (k) WHERE lk.vendor_id IS NOT NULL),
vk AS (
  SELECT vendor_id, k FROM vl GROUP BY vendor_id, k
  HAVING count(DISTINCT person_key) >= 2 AND count(DISTINCT home) >= 2
),
vlinked AS (SELECT DISTINCT vl.vendor_id, vl.record_id, vl.person_key FROM vl JOIN vk USING (vendor_id, k)),
vs AS (
  SELECT vendor_id, count(DISTINCT person_key) AS linked FROM vlinked GROUP BY vendor_id
  HAVING count(DISTINCT person_key) >= 2
),
placed AS (
  SELECT vendor_id, count(DISTINCT person_key) AS placed FROM pk WHERE vendor_id IS NOT NULL GROUP BY 1
)
SELECT pk.record_id, pk.vendor_id, vs.linked, placed.placed,
       pk.record_id IN (SELECT record_id FROM vlinked) AS is_linked
FROM pk JOIN vs USING (vendor_id) JOIN placed USING (vendor_id)
ORDER BY pk.vendor_id, pk.record_id
"""


def vendor_link_rows(ctx: Context) -> list[dict[str, Any]]:
    """People placed by a vendor that placed 2+ people linked to each other, with counts."""
    sql = VENDOR_LINKS_SQL.format(people_cte=PEOPLE_CTE, strong_keys=strong_keys_cte())
    return ctx.engine.records(sql)


@indicator(
    code="I12",
    family="identity",
    sources=("G1", "M3", "SEAL"),
    fairness="S",
    tables=("people",),
    link="strong",
    reads_links=True,
)
def referred_by_linked_person(ctx: Context) -> Iterable[Hit]:
    """Referral chain into linked people

    The person was referred by someone who shares contacts, a national id, an account or a
    ship-to address with other people, or the person referred two or more such people. Operators recommend
    more personas to the same employer. Innocent explanation: a well-connected employee who
    refers friends; the referral alone proves nothing.
    """
    sql = REFERRALS_SQL.format(people_cte=PEOPLE_CTE, strong_keys=strong_keys_cte())
    rows = ctx.engine.records(sql)
    by_referrer: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_referrer.setdefault(str(row["referrer"]), []).append(row)
    for referrer, members in by_referrer.items():
        ev = evidence(
            {"record_id": m["record_id"], "referred_by": referrer} for m in members if m["role"] == "referee"
        )
        for m in members:
            if m["role"] == "referee":
                strength, summary = 0.6, "referred by a person who shares identifiers with others"
            else:
                strength = min(1.0, 0.5 + 0.15 * (int(m["n"]) - 2))
                summary = f"referred {m['n']} people who share identifiers with others"
            yield Hit(
                str(m["record_id"]),
                "referred_by_linked_person",
                strength,
                summary,
                ev,
                f"referral:{referrer}",
            )


@indicator(
    code="I12",
    family="identity",
    sources=("G1", "SEAL"),
    fairness="S",
    tables=("people",),
    link="strong",
)
def referral_burst_in_one_wave(ctx: Context) -> Iterable[Hit]:
    """Several people arrived through one referral chain at once

    The person is part of a referral chain or star whose referees all applied within one
    wave (gaps of at most 120 days): one person referring the next, or one employee referring
    a group. It holds more people than this organization's own referrals produce by chance
    (at least three, usually four; more where referrals are common), or one person referred more people of
    the wave than its referrers do by chance (usually three: chance chains are common, while
    few people refer three others at once). Operators recommend more personas to an employer
    that hired one, and insiders place whole teams. Innocent explanation: friends or former
    colleagues following each other into a team that is hiring; it is a reason to look at the
    group together, not evidence against any one of them.
    """
    pairs = [(str(e), str(r)) for e, r in ctx.engine.query(REFERRALS_ON_FILE_SQL)]
    if not pairs:
        return
    arrived = arrival_dates(ctx.engine)
    chance = burst_thresholds(pairs, arrived)
    size = chance.arrivals
    for burst in find_bursts(pairs, arrived, size, chance.star):
        n = len(burst.people)
        strength = min(1.0, 0.6 + 0.2 * max(0, n - size))
        ev = evidence({"record_id": e, "referred_by": r} for e, r in burst.referrals)
        summary = f"one of {n} people joined by referrals within one wave (chance bursts: under {size})"
        if burst.arrivals < size:
            summary = (
                f"one of {n} people joined by referrals within one wave: one person referred "
                f"{burst.star} of them (chance: under {chance.star} from one referrer)"
            )
        for p in burst.people:
            yield Hit(p, "referral_burst_in_one_wave", strength, summary, ev, f"referral:{burst.root}")


@indicator(
    code="I13",
    family="identity",
    sources=("G1", "G5", "G10"),
    fairness="S",
    tables=("people", "vendors"),
    reads_links=True,
)
def placed_by_vendor_of_linked_people(ctx: Context) -> Iterable[Hit]:
    """Placed by a vendor whose other placements are linked to each other

    The person came through a staffing vendor that placed two or more people who share
    contacts, national ids, accounts or addresses with each other, and such people are at least a fifth of
    what the vendor placed. Front companies and witting agencies place whole groups of
    personas. Innocent explanation: most agencies are honest; this only says where to look.
    """
    for row in vendor_link_rows(ctx):
        share = int(row["linked"]) / max(1, int(row["placed"]))
        if share < 0.2:
            continue
        ev = ({"record_id": row["record_id"], "vendor_id": row["vendor_id"], "linked_people": row["linked"]},)
        yield Hit(
            str(row["record_id"]),
            "placed_by_vendor_of_linked_people",
            round(min(1.0, share), 3),
            f"placed by a vendor with {row['linked']} linked people out of {row['placed']} placed",
            ev,
        )


EMAIL_SHAPE = r"^[a-z]+[._-]?[a-z]+[0-9]{2,4}$"
EMAIL_SQL = """
SELECT record_id, email FROM people
WHERE email IS NOT NULL AND list_contains(?, split_part(email, '@', 2))
  AND regexp_matches(split_part(email, '@', 1), ?)
ORDER BY record_id
"""


@indicator(code="I1", family="identity", sources=("M1", "MS1"), fairness="C", tables=("people",))
def email_freemail_name_digits(ctx: Context) -> Iterable[Hit]:
    """Free-mail address of the form word + word + digits

    The contact email is on a free-mail service and shaped like two words followed by 2-4
    digits, the pattern of mass-created persona mailboxes. Very many honest people use such
    addresses, so this counts only as corroboration of other evidence. The person's name is
    not looked at.
    """
    for row in ctx.engine.records(EMAIL_SQL, [sorted(FREEMAIL_DOMAINS), EMAIL_SHAPE]):
        yield Hit(
            str(row["record_id"]),
            "email_freemail_name_digits",
            0.3,
            "free-mail address shaped word+word+digits",
            ({"record_id": row["record_id"], "email": row["email"]},),
        )
