"""FollowTheMoney entities for investigators: who shares which address, account and vendor.

- ``Person`` per flagged persona (named by its record id; names are not exported);
- ``Address`` per shared address, linked as the person's ``addressEntity``;
- ``BankAccount`` per shared payout account (a joint account at one home too), with an
  ``Ownership`` (person → account);
- ``Company`` per shared vendor, with an ``Employment`` (vendor → person);
- ``Organization`` per ring, with a ``Membership`` (person → ring);
- ``UnknownLink`` between every two personas joined by any other link: a shared phone, email,
  device, egress IP, national id, résumé or photo, a common referrer, or a probabilistic
  same-person match. No kind of link is left out.

Every finding cites its public sources (indicators.md source ids such as ``G10``): a person's
``notes`` end with the ids of the finding's sources, and each shared thing, ring and link has a
``description`` naming the sources with their citations.

Written as JSON lines (one entity a line), the format ``ftm`` tools read.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from hirewall.export.links import citations, flagged, indicator_sources, link_key, sources_of, vendor_details
from hirewall.masking import stable_id
from hirewall.report.scanfiles import ScanFiles

ACCOUNT_KINDS = frozenset({"account", "joint-account"})
"""Link kinds that are a payout account (shared by people at different homes, or at one)."""

PAIR_ROLES = {
    "phone": "share a phone",
    "email": "share an email address",
    "device": "share a device",
    "ip": "share an egress IP",
    "nid": "share a national id",
    "resume": "share a résumé",
    "photo": "share a photo",
    "referral": "referred by, or referring, the same person",
    "linkage": "probably the same person (record linkage)",
}
"""The wording of an ``UnknownLink`` by link kind; a kind not named here says "share <kind>"."""


def _entity(schema: str, key: str, **props: Any) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = stable_id(f"{schema}:{key}", "hw-")
    for prop, value in props.items():
        for v in value if isinstance(value, list) else [value]:
            if v not in (None, ""):
                proxy.add(prop, str(v))
    return proxy


def _eid(proxy: EntityProxy) -> str:
    return str(proxy.id)


def build_entities(scan: ScanFiles) -> list[EntityProxy]:
    """Every entity of the export, links after the things they link."""
    out: dict[str, EntityProxy] = {}
    vendors = vendor_details(scan)
    known = indicator_sources(scan)
    persons = {}
    for p in flagged(scan):
        ent = _person(p)
        persons[p["record_id"]] = out[_eid(ent)] = ent
    for r in scan.rings:
        found_by = ["ring_membership", *(i for g in r.get("links", []) for i in g.get("indicators", []))]
        ring_cited = _sources_text(sources_of(found_by, known))
        ring = _entity(
            "Organization",
            r["ring_id"],
            name=r["ring_id"],
            summary="hirewall ring of personas",
            description=ring_cited,
        )
        out[_eid(ring)] = ring
        for m in r.get("members", []):
            if m in persons:
                link = _entity(
                    "Membership",
                    f"{r['ring_id']}|{m}",
                    member=persons[m].id,
                    organization=ring.id,
                    description=ring_cited,
                )
                link.add("role", "persona in ring")
                out[_eid(link)] = link
        for i, g in enumerate(r.get("links", [])):
            cited = _sources_text(sources_of(g.get("indicators", []), known))
            _shared_thing(out, persons, g, link_key(r["ring_id"], i, g), vendors, cited)
    return list(out.values())


def _person(p: dict[str, Any]) -> EntityProxy:
    """A flagged persona: its counted findings as notes, each with the ids of its sources."""
    counted = [c for c in p.get("indicators", []) if c.get("counted")]
    return _entity(
        "Person",
        p["record_id"],
        name=p["record_id"],
        summary=f"hirewall band {p['band']}, score {float(p['score']):.3f}; needs human review",
        notes=[_cite(s, c.get("sources", [])) for c in counted for s in c.get("summaries", [])],
        description=_sources_text(list(dict.fromkeys(s for c in counted for s in c.get("sources", [])))),
    )


def _cite(text: str, sources: list[str]) -> str:
    """A finding followed by the ids of its public sources."""
    return f"{text} [sources: {', '.join(sources)}]" if sources else text


def _sources_text(sources: list[str]) -> str:
    """The public sources with their citations, or nothing."""
    return f"Public sources: {citations(sources)}" if sources else ""


def _shared_thing(
    out: dict[str, EntityProxy],
    persons: dict[str, EntityProxy],
    g: dict[str, Any],
    ref: str,
    vendors: dict[str, dict[str, str]],
    cited: str,
) -> None:
    """The entities for one shared thing; each carries ``cited``, its findings' public sources."""
    kind, _, key = str(g["group"]).partition(":")
    members = [m for m in g.get("members", []) if m in persons]
    why = ", ".join(g.get("indicators", []))
    if kind == "address":
        addr = _entity(
            "Address", ref, full=key, summary=f"shared by {len(members)} personas ({why})", description=cited
        )
        out[_eid(addr)] = addr
        for m in members:
            persons[m].add("addressEntity", addr.id)
    elif kind in ACCOUNT_KINDS:
        acct = _entity(
            "BankAccount", ref, accountNumber=key, summary=f"payout account shared ({why})", description=cited
        )
        out[_eid(acct)] = acct
        for m in members:
            own = _entity(
                "Ownership",
                f"{ref}|{m}",
                owner=persons[m].id,
                asset=acct.id,
                role="payout account on file",
                description=cited,
            )
            out[_eid(own)] = own
    elif kind == "vendor":
        info = vendors.get(key, {})
        domain = info.get("domain", "")
        company = _entity(
            "Company",
            ref,
            name=info.get("name") or key,
            website=domain,
            summary="vendor placing personas",
            description=cited,
        )
        out[_eid(company)] = company
        for m in members:
            job = _entity(
                "Employment",
                f"{ref}|{m}",
                employer=company.id,
                employee=persons[m].id,
                role="placed by vendor",
                description=cited,
            )
            out[_eid(job)] = job
    else:
        role = PAIR_ROLES.get(kind, f"share {kind}")
        for a, b in combinations(sorted(members), 2):
            link = _entity(
                "UnknownLink",
                f"{ref}|{a}|{b}",
                subject=persons[a].id,
                object=persons[b].id,
                description=cited,
            )
            link.add("role", f"{role}: {key} ({why})")
            out[_eid(link)] = link


def write_ftm(scan: ScanFiles, path: Path) -> Path:
    """Write the entities as JSON lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for ent in build_entities(scan):
            fh.write(json.dumps(ent.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return path
