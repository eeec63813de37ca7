"""Identity and application indicators (indicators.md §2.1 and W3).

Contact details, national ids, résumés and photos that "different" people share, plus
timelines that cannot be true and referrals or vendors that lead into linked people.

Household rule (I1): a phone or email shared by people who live together, and by at most one
sharer who lives elsewhere, is a family landline or a family mailbox (one that a grown child
still lists). It is not reported at all: a weak hit would let two household indicators
corroborate each other in the ring finder and merge a family. Sharers at two or more other
homes are not a household's, even when some of them live together (personas who all give a
laptop farm's address as their home).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from hirewall.indicators._common import evidence, group_hits, share_strength, shared_rows
from hirewall.indicators._identity_documents import (
    national_id_owner_used_by_others,
    national_id_reused_by_different_name,
    national_id_shared_across_people,
)
from hirewall.indicators._identity_links import (
    email_freemail_name_digits,
    placed_by_vendor_of_linked_people,
    referral_burst_in_one_wave,
    referred_by_linked_person,
)
from hirewall.indicators._photos import photo_clusters
from hirewall.indicators._resumes import resume_clusters
from hirewall.indicators._timeline import DATES_SQL, date_problems, impossible_claims
from hirewall.indicators.base import Context, Hit, Indicator, indicator


def _across_homes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sharings that no household explains.

    A number or mailbox shared by people who live together, and by at most one sharer who
    lives elsewhere (a family landline that a grown child still lists), is a household's,
    which is no evidence of an operator. One that reaches two or more people outside its
    largest household is reported, whoever else lives together: an operator gives one
    phone to personas of whom several list a laptop farm's address as their home.
    """
    return [
        r for r in rows if r["homes"] >= 2 and (r["household"] == 1 or r["persons"] - r["household"] >= 2)
    ]


@indicator(
    code="I1", family="identity", sources=("G10", "M1"), fairness="S", tables=("people",), link="strong"
)
def phone_shared_across_people(ctx: Context) -> Iterable[Hit]:
    """Phone number shared by different people

    The same phone number is on the records of people who are not the same person and who
    live at different addresses. One operator running several personas often reuses a phone.
    Innocent explanations: a typing error, or an agency recruiter's number entered for a
    candidate. A household's number (people who live together, and at most one who lives
    elsewhere, as with a family landline that a grown child still lists) is not reported.
    """
    rows = _across_homes(shared_rows(ctx, "SELECT record_id, phone AS val FROM people"))
    yield from group_hits(
        rows,
        indicator_id="phone_shared_across_people",
        group_col="val",
        group_prefix="phone",
        strength=lambda g, r: share_strength(r["persons"]),
        summary=lambda g, r: f"phone shared by {r['persons']} people",
        evidence_cols={"record_id": "record_id", "phone": "val"},
    )


@indicator(
    code="I1", family="identity", sources=("G10", "M1"), fairness="S", tables=("people",), link="strong"
)
def email_shared_across_people(ctx: Context) -> Iterable[Hit]:
    """Email mailbox shared by different people

    The same mailbox (aliases such as dots and plus-tags in Gmail count as one) is on the
    records of people who are not the same person and who live at different addresses.
    Innocent explanations: a typing error or an agency's shared inbox. A household's mailbox
    (people who live together, and at most one who lives elsewhere) is not reported.
    """
    rows = _across_homes(shared_rows(ctx, "SELECT record_id, email_key AS val FROM people"))
    yield from group_hits(
        rows,
        indicator_id="email_shared_across_people",
        group_col="val",
        group_prefix="email",
        strength=lambda g, r: share_strength(r["persons"]),
        summary=lambda g, r: f"email shared by {r['persons']} people",
        evidence_cols={"record_id": "record_id", "email_key": "val"},
    )


@indicator(
    code="I2", family="identity", sources=("SP1", "G1"), fairness="S", tables=("people",), link="strong"
)
def resume_near_duplicate(ctx: Context) -> Iterable[Hit]:
    """Résumé nearly identical to another person's

    The résumé text is a near-copy (68% or more of its word pairs, leaving out each person's
    own name) of the résumé of a different person. Operators clone one résumé across personas,
    changing only the name and contacts. Innocent explanations: a shared template from a
    bootcamp, or an agency that rewrites its candidates' résumés.
    """
    for c in resume_clusters(ctx.engine, ctx.settings.seed):
        ev = evidence({"record_id": r, "similarity": c.similarity} for r, _ in c.records)
        strength = min(1.0, 0.7 + 1.5 * (c.similarity - 0.7) + 0.1 * (c.people - 2))
        for record_id, _ in c.records:
            yield Hit(
                record_id,
                "resume_near_duplicate",
                round(max(0.5, strength), 3),
                f"résumé nearly identical to {c.people - 1} other people's (similarity {c.similarity:.2f})",
                ev,
                group=f"resume:{c.key}",
            )


@indicator(
    code="W3",
    family="identity",
    sources=("K1", "M1", "SEAL"),
    fairness="S",
    tables=("people",),
    link="strong",
)
def photo_reused_across_people(ctx: Context) -> Iterable[Hit]:
    """Profile photo reused by another person

    The photo's perceptual hash equals, or nearly equals (at most 6 of 64 bits differ), the
    photo of a different person. Personas often reuse one face or one stock picture. Innocent
    explanations: a default avatar or a company-supplied picture; hashes used by very many
    people are treated as defaults and ignored.
    """
    for c in photo_clusters(ctx.engine, ctx.settings.seed):
        ev = evidence({"record_id": r, "photo_phash": h} for r, _, h in c.records)
        strength = share_strength(c.people, base=0.8 if c.max_distance == 0 else 0.7, step=0.1)
        for record_id, _, _ in c.records:
            yield Hit(
                record_id,
                "photo_reused_across_people",
                strength,
                f"photo (near-)identical to {c.people - 1} other people's",
                ev,
                group=f"photo:{c.key}",
            )


@indicator(code="I9", family="identity", sources=("D1",), fairness="S", tables=("people",))
def timeline_impossible(ctx: Context) -> Iterable[Hit]:
    """Dates or résumé claims that cannot be true

    The person's own record contradicts itself: hired before applying, terminated before
    being hired, under 16 when applying, or claiming more years with a technology than it has
    existed. Innocent explanations: data-entry or import errors, and loose résumé wording.
    """
    found: dict[str, list[dict[str, Any]]] = {}
    strengths: dict[str, float] = {}
    for row in ctx.engine.records(DATES_SQL):
        for reason in date_problems(row):
            rid = str(row["record_id"])
            found.setdefault(rid, []).append({"record_id": rid, "problem": reason})
            strengths[rid] = max(strengths.get(rid, 0.0), 0.5)
    for claim in impossible_claims(ctx.engine, date.today()):
        rid = str(claim["record_id"])
        found.setdefault(rid, []).append(claim)
        strengths[rid] = max(strengths.get(rid, 0.0), 0.7)
    for rid, rows in found.items():
        strength = min(1.0, strengths[rid] + 0.15 * (len(rows) - 1))
        yield Hit(rid, "timeline_impossible", round(strength, 3), _timeline_summary(rows), evidence(rows))


def _timeline_summary(rows: list[dict[str, Any]]) -> str:
    parts = [
        r["problem"] if "problem" in r else f"claims {r['technology']} experience before it existed"
        for r in rows
    ]
    return "; ".join(dict.fromkeys(parts))


INDICATORS: tuple[Indicator, ...] = (
    phone_shared_across_people,
    email_shared_across_people,
    national_id_shared_across_people,
    national_id_reused_by_different_name,
    national_id_owner_used_by_others,
    resume_near_duplicate,
    photo_reused_across_people,
    timeline_impossible,
    referred_by_linked_person,
    referral_burst_in_one_wave,
    placed_by_vendor_of_linked_people,
    email_freemail_name_digits,
)
