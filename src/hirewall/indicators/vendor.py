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
from hirewall.indicators.services import DomainCheckerFactory


@indicator(
    code="I13",
    family="vendor",
    sources=("G1", "G5", "G10"),
    fairness="S",
    tables=("people", "vendors"),
    link="weak",
    reads_links=True,
)
def vendor_places_linked_personas(ctx: Context) -> Iterable[Hit]:
    """Vendor placed several people who share identifiers with each other

    Two or more people placed by this vendor share contacts, national ids, payout accounts or
    ship-to addresses with each other. Front companies and witting staffing firms (Taggcar, Vali
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
),
n AS (SELECT vendor_id, count(DISTINCT person_key) AS persons FROM m GROUP BY vendor_id)
SELECT m.*, n.persons FROM m JOIN n ON m.vendor_id = n.vendor_id
WHERE n.persons <= ?
ORDER BY m.vendor_id, m.record_id, m.what, m.val
"""  # noqa: S608 (composed only of our own SQL constants)


@indicator(code="I13", family="vendor", sources=("G10", "G1"), fairness="S", tables=("people", "vendors"),
           link="strong")  # fmt: skip
def vendor_contact_reused_by_person(ctx: Context) -> Iterable[Hit]:
    """Person's contact details are a vendor's contact details

    The person's email or phone is the contact email or phone of a staffing vendor. When the
    vendor did not place the person this ties the person to whoever runs the vendor, and so to
    the people it placed; when it did, the vendor is answering for its candidate. Innocent
    explanation: an agency that puts its own contact details on the candidates it submits.
    """
    rows = ctx.engine.records(CONTACT_SQL, [MAX_SHARED_PEOPLE])
    yield from group_hits(
        rows,
        indicator_id="vendor_contact_reused_by_person",
        group_col="vendor_id",
        group_prefix="vendor",
        strength=lambda g, r: 0.6 if r["placed_by"] == r["vendor_id"] else 1.0,
        summary=lambda g, r: f"{r['what']} is the contact {r['what']} of vendor {r['vendor_id']}",
        evidence_cols={
            "record_id": "record_id",
            "vendor_id": "vendor_id",
            "field": "what",
            "contact_key": "val",
        },
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


VENDOR_DOMAINS_SQL = """
SELECT v.vendor_id, v.name, v.domain, v.contact_email_key,
       split_part(v.contact_email_key, '@', 2) AS contact_domain
FROM vendors v WHERE v.domain IS NOT NULL ORDER BY v.vendor_id
"""
PLACED_SQL = """
SELECT record_id, vendor_id FROM people WHERE vendor_id IS NOT NULL ORDER BY vendor_id, record_id
"""


def _flagged_vendors(ctx: Context) -> dict[str, tuple[float, str, dict[str, str]]]:
    """vendor_id -> (strength, finding, evidence) for front-company and lookalike domains."""
    factory: DomainCheckerFactory | None = ctx.services.get("domains")
    if factory is None:
        return {}
    vendors = ctx.engine.records(VENDOR_DOMAINS_SQL)
    # Protected: the organization's and its declared partners' domains, plus every vendor that
    # writes from its own domain (an established firm). A front writes from free mail or from
    # the lookalike itself; the latter is still caught when the real firm is protected.
    owners = {d: "this organization" for d in ctx.settings.org_domains}
    owners |= {d: "a declared partner" for d in ctx.settings.partner_domains}
    owners |= {str(v["domain"]): str(v["name"]) for v in vendors if v["contact_domain"] == v["domain"]}
    protected = set(owners)
    checker = factory(sorted(protected))
    out: dict[str, tuple[float, str, dict[str, str]]] = {}
    for v in vendors:
        domain = str(v["domain"])
        ioc = checker.front_ioc(domain)
        look = None if domain in protected else checker.lookalike_of(domain)
        writes_from = str(v["contact_domain"] or "")
        if ioc:
            out[str(v["vendor_id"])] = (
                1.0,
                f"vendor domain {domain} is a known front: {ioc}",
                {"domain": domain},
            )
        elif domain in owners and writes_from and not _within(writes_from, domain):
            # The real firm's own domain, given by a vendor that writes from elsewhere.
            finding = f"vendor {v['name']} gives the domain {domain} of {owners[domain]}"
            finding += f" but writes from {writes_from}"
            out[str(v["vendor_id"])] = (
                0.8,
                finding,
                {"domain": domain, "imitates": owners[domain], "technique": "claimed domain"},
            )
        elif look:
            finding = f"vendor domain {domain} imitates {look[0]} ({look[1]})"
            out[str(v["vendor_id"])] = (
                0.8,
                finding,
                {"domain": domain, "imitates": look[0], "technique": look[1]},
            )
    return out


def _within(mail_domain: str, domain: str) -> bool:
    """Whether mail from ``mail_domain`` comes from ``domain`` (itself or a subdomain)."""
    return mail_domain == domain or mail_domain.endswith("." + domain)


@indicator(
    code="W1",
    family="vendor",
    sources=("S1", "G1", "G4"),
    fairness="S",
    tables=("people", "vendors"),
    link="strong",
)
def placed_by_lookalike_vendor(ctx: Context) -> Iterable[Hit]:
    """Placed by a vendor whose web domain imitates a real firm or is a known front

    The placing agency's domain is a lookalike (typo, homoglyph, hyphen, TLD swap or added word)
    of the organization's own domain, a declared partner's, or an established vendor's (one
    that writes from its own domain); or it is such a domain itself, given by a vendor that
    writes from another one, such as free mail; or it is one of the DPRK front-company domains
    seized by the US in 2023-2024. Front companies clone real IT firms' sites and names to win
    contracts. Innocent explanation: a real firm with a new brand domain, or entered twice
    with a recruiter's own address; check the vendor's registration before acting.
    """
    flagged = _flagged_vendors(ctx)
    if not flagged:
        return
    for record_id, vendor_id in ctx.engine.query(PLACED_SQL):
        if str(vendor_id) not in flagged:
            continue
        strength, finding, ev = flagged[str(vendor_id)]
        yield Hit(
            str(record_id),
            "placed_by_lookalike_vendor",
            strength,
            finding,
            ({"record_id": record_id, "vendor_id": vendor_id, **ev},),
            group=f"vendor:{vendor_id}",
        )


INDICATORS: tuple[Indicator, ...] = (
    placed_by_lookalike_vendor,
    vendor_places_linked_personas,
    vendor_contact_reused_by_person,
    vendor_contact_freemail,
)
