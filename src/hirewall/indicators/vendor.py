"""Vendor indicators: front agencies and facilitators behind staffing vendors (I13, G5, G10)."""

from __future__ import annotations

from collections.abc import Iterable

from hirewall.indicators._common import (
    FREEMAIL_DOMAINS,
    MAX_SHARED_PEOPLE,
    PEOPLE_CTE,
    group_hits,
    share_strength,
)
from hirewall.indicators._identity_links import vendor_link_rows
from hirewall.indicators.base import Context, Hit, Indicator, indicator


@indicator(
    code="I13",
    family="vendor",
    sources=("G1", "G5", "G10"),
    fairness="S",
    tables=("people", "vendors"),
    link="weak",
)
def vendor_places_linked_personas(ctx: Context) -> Iterable[Hit]:
    """Vendor placed several people who share identifiers with each other

    Two or more people placed by this vendor share contacts, payout accounts or ship-to
    addresses with each other. Front companies and witting staffing firms (Taggcar, Vali
    Tech in the January 2025 indictment) place groups of personas this way. Innocent
    explanation: an agency that enters its own contact details for its candidates.
    """
    rows = [r for r in vendor_link_rows(ctx) if r["is_linked"]]
    yield from group_hits(
        rows,
        indicator_id="vendor_places_linked_personas",
        group_col="vendor_id",
        group_prefix="vendor",
        strength=lambda g, r: share_strength(int(r["linked"]), base=0.5, step=0.1),
        summary=lambda g, r: f"placed by a vendor whose {r['linked']} placed people share identifiers",
        evidence_cols={"record_id": "record_id", "vendor_id": "vendor_id"},
    )


CONTACT_SQL = f"""
WITH {PEOPLE_CTE},
vc AS (
  SELECT vendor_id, 'email' AS what, contact_email_key AS val FROM vendors WHERE contact_email_key IS NOT NULL
  UNION ALL SELECT vendor_id, 'phone', contact_phone FROM vendors WHERE contact_phone IS NOT NULL
),
pc AS (
  SELECT record_id, 'email' AS what, email_key AS val FROM people WHERE email_key IS NOT NULL
  UNION ALL SELECT record_id, 'phone', phone FROM people WHERE phone IS NOT NULL
),
m AS (
  SELECT vc.vendor_id, pc.record_id, pc.what, pc.val, pk.vendor_id AS placed_by, pk.person_key
  FROM vc JOIN pc USING (what, val) JOIN pk USING (record_id)
)
SELECT m.*, count(DISTINCT person_key) OVER (PARTITION BY vendor_id) AS persons FROM m
QUALIFY count(DISTINCT person_key) OVER (PARTITION BY vendor_id) <= ?
ORDER BY vendor_id, record_id
"""  # noqa: S608 (composed only of our own SQL constants)


@indicator(code="I13", family="vendor", sources=("G10", "G1"), fairness="S", tables=("people", "vendors"),
           link="strong")  # fmt: skip
def vendor_contact_reused_by_person(ctx: Context) -> Iterable[Hit]:
    """Person's contact details are a vendor's contact details

    The person's email or phone is the contact email or phone of a staffing vendor. When the
    vendor did not place the person this ties the person to whoever runs the vendor; when it
    did, the vendor is answering for its candidate. Innocent explanation: an agency that puts
    its own contact details on the candidates it submits.
    """
    rows = ctx.engine.records(CONTACT_SQL, [MAX_SHARED_PEOPLE])
    yield from group_hits(
        rows,
        indicator_id="vendor_contact_reused_by_person",
        group_col="vendor_id",
        group_prefix="vendor-contact",
        strength=lambda g, r: 0.6 if r["placed_by"] == r["vendor_id"] else 1.0,
        summary=lambda g, r: f"{r['what']} is the contact {r['what']} of vendor {r['vendor_id']}",
        evidence_cols={"record_id": "record_id", "vendor_id": "vendor_id", "field": "what", "value": "val"},
    )


FREEMAIL_SQL = """
SELECT p.record_id, v.vendor_id, v.name AS vendor_name, v.contact_email
FROM vendors v JOIN people p ON p.vendor_id = v.vendor_id
WHERE v.contact_email IS NOT NULL AND list_contains(?, split_part(v.contact_email, '@', 2))
ORDER BY p.record_id
"""


@indicator(code="I13", family="vendor", sources=("G1", "S1"), fairness="C", tables=("people", "vendors"))
def vendor_contact_freemail(ctx: Context) -> Iterable[Hit]:
    """Placed by a vendor whose contact email is a free-mail address

    The staffing vendor that placed the person is reached at a Gmail, Outlook or similar
    address rather than its own domain. Front companies often have no real mail domain.
    Innocent explanation: very small, genuine agencies. Corroboration only.
    """
    for row in ctx.engine.records(FREEMAIL_SQL, [sorted(FREEMAIL_DOMAINS)]):
        yield Hit(
            str(row["record_id"]),
            "vendor_contact_freemail",
            0.4,
            f"vendor {row['vendor_name']} uses a free-mail contact address",
            (row,),
        )


INDICATORS: tuple[Indicator, ...] = (
    vendor_places_linked_personas,
    vendor_contact_reused_by_person,
    vendor_contact_freemail,
)
