"""A STIX 2.1 bundle of the scan's rings, personas and shared things, for security teams.

- an ``identity`` per ring (class ``group``) and per flagged persona (class ``individual``);
- observables: ``ipv4-addr`` / ``ipv6-addr`` and ``domain-name`` where the value is known and
  unmasked (IPs when the scan ran unmasked; vendor domains from the store), and an
  ``x-hirewall-identifier`` for what STIX has no type for or what is masked (phones, payout
  accounts, addresses, devices, masked emails and IPs). That type is a STIX 2.1 new-SCO
  extension: the bundle carries its ``extension-definition`` (made by a ``hirewall`` system
  identity) and each such observable names it under ``extensions``, so a STIX 2.1 reader
  accepts it without being told to allow custom content;
- an ``indicator`` with a STIX pattern for each network IOC (IP, domain);
- ``related-to`` relationships persona → ring, persona → observable, indicator → observable;
- a ``note`` per ring and per flagged persona carrying the evidence summary.

Every indicator and note cites the public sources of its findings as ``external_references``
(``source_name`` the indicators.md source id such as ``G10``, ``description`` its citation).

Ids are deterministic (UUIDv5 of the scan's own ids, and of its objects for the bundle), and
every object is dated with the time the scan finished (``finished_at`` in summary.json), so
re-exporting a scan writes the same bundle byte for byte. A re-scan re-issues the objects with
its own time.
"""

from __future__ import annotations

import ipaddress
import json
import uuid
from pathlib import Path
from typing import Any

import stix2  # type: ignore[import-untyped]
from stix2.properties import StringProperty  # type: ignore[import-untyped]

from hirewall.export.links import flagged, indicator_sources, link_key, sources_of, vendor_details
from hirewall.report.scanfiles import Row, ScanFiles
from hirewall.report.sources import describe

NAMESPACE = uuid.UUID("5b0f1f5e-2b8e-4d0c-9a36-6a3c1f3a7e11")

IDENTIFIER_EXTENSION = "extension-definition--1f4e6fce-f440-49a2-9a1f-87da8371038c"
"""The extension-definition that defines ``x-hirewall-identifier`` (version 1.0)."""
HIREWALL_IDENTITY = "identity--dd1e16d8-64e0-4e93-a2b2-22dcbb12461e"
"""hirewall itself, as the maker of that definition."""
DEFINED = "2026-12-06T00:00:00.000Z"
"""When version 1.0 of the definition was written: fixed, as the definition does not change."""


@stix2.CustomObservable(
    "x-hirewall-identifier",
    [
        ("kind", StringProperty(required=True)),
        ("value", StringProperty(required=True)),
        ("link", StringProperty()),
        ("masked", StringProperty()),
        ("link_key", StringProperty()),
    ],
    id_contrib_props=["kind", "value", "link_key"],
    extension_name=IDENTIFIER_EXTENSION,
)
class HirewallIdentifier:
    """A shared identifier STIX has no type for (phone, payout account, address...), or a masked one."""


def _definition() -> list[Any]:
    """The extension-definition of ``x-hirewall-identifier``, and the identity that made it."""
    maker = stix2.Identity(
        id=HIREWALL_IDENTITY,
        created=DEFINED,
        modified=DEFINED,
        name="hirewall",
        identity_class="system",
        description="hirewall: finds DPRK remote IT workers in an organization's own data",
    )
    definition = stix2.ExtensionDefinition(
        id=IDENTIFIER_EXTENSION,
        created_by_ref=maker.id,
        created=DEFINED,
        modified=DEFINED,
        name="x-hirewall-identifier",
        description="A thing several personas share that STIX has no type for, or a masked one.",
        schema=(
            "A new SCO, x-hirewall-identifier, with string properties: kind (required: phone, "
            "account, joint-account, address, device, ip, email, nid, photo, resume, referral, "
            "linkage...), value (required: as the scan wrote it, masked by default), link (strong "
            "or weak), masked ('true' or 'false') and link_key (when masked, the scan's keyed id "
            "of the link, telling apart values that mask alike). The id is a UUIDv5 of kind, "
            "value and link_key."
        ),
        version="1.0",
        extension_types=["new-sco"],
    )
    return [maker, definition]


def _sid(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def _network(kind: str, value: str) -> tuple[Any, str] | None:
    """An IP or domain observable and its pattern, when the value is a real (unmasked) one."""
    if "*" in value:
        return None
    if kind == "ip":
        try:
            ip = ipaddress.ip_address(value)
        except ValueError:
            return None
        typ = "ipv4-addr" if ip.version == 4 else "ipv6-addr"
        obs = stix2.IPv4Address(value=str(ip)) if ip.version == 4 else stix2.IPv6Address(value=str(ip))
        return obs, f"[{typ}:value = '{ip}']"
    if kind == "domain" and value and "'" not in value:
        return stix2.DomainName(value=value), f"[domain-name:value = '{value}']"
    return None


def _observable(kind: str, value: str, link: str, ref: str) -> tuple[Any, str | None]:
    net = _network(kind, value)
    if net is not None:
        return net
    masked = "*" in value
    custom: Any = HirewallIdentifier  # the stix2 decorator gives it keyword properties
    obs = custom(
        kind=kind, value=value, link=link, masked=str(masked).lower(), link_key=ref if masked else ""
    )
    return obs, None


def build_bundle(scan: ScanFiles) -> Any:
    """The STIX 2.1 bundle of a scan."""
    bundle = _Builder(scan)
    persons = flagged(scan)
    for p in persons:
        bundle.persona(p)
    for r in scan.rings:
        bundle.ring(r)
    for p in persons:
        sources = list(dict.fromkeys(s for c in p.get("indicators", []) for s in c.get("sources", [])))
        bundle.note("person:" + p["record_id"], _person_text(p), [bundle.person_ref[p["record_id"]]], sources)
    return bundle.finish()


class _Builder:
    """The objects of one bundle, each dated with the time the scan finished."""

    def __init__(self, scan: ScanFiles) -> None:
        self.when = {"created": scan.finished_at, "modified": scan.finished_at}
        self.objects: dict[str, Any] = {}
        self.person_ref: dict[str, str] = {}
        self.vendors = vendor_details(scan)
        self.known = indicator_sources(scan)

    def persona(self, p: Row) -> None:
        ident = stix2.Identity(
            **self.when,
            id=_sid("identity", "person:" + p["record_id"]),
            name=p["record_id"],
            identity_class="individual",
            description=f"hirewall persona record: band {p['band']}, score {float(p['score']):.3f}",
        )
        self.objects[ident.id] = ident
        self.person_ref[p["record_id"]] = ident.id

    def ring(self, r: Row) -> None:
        ring = stix2.Identity(
            **self.when,
            id=_sid("identity", "ring:" + r["ring_id"]),
            name=r["ring_id"],
            identity_class="group",
            description=f"hirewall ring of {r.get('size')} people sharing {len(r.get('links', []))} things",
        )
        self.objects[ring.id] = ring
        for m in r.get("members", []):
            if m in self.person_ref:
                self.relate(self.person_ref[m], ring.id, "member of ring")
        for i, link in enumerate(r.get("links", [])):
            self.shared(r["ring_id"], ring.id, i, link)
        found_by = [
            "ring_membership",
            *(i for link in r.get("links", []) for i in link.get("indicators", [])),
        ]
        self.note("ring:" + r["ring_id"], _ring_text(r), [ring.id], sources_of(found_by, self.known))

    def shared(self, ring_id: str, ring_ref: str, index: int, link: Row) -> None:
        """One thing the ring's members share: its observable, and an indicator for an IP or domain."""
        kind, _, value = str(link["group"]).partition(":")
        if kind == "vendor" and self.vendors.get(value, {}).get("domain"):
            kind, value = "domain", self.vendors[value]["domain"]
        obs, pattern = _observable(kind, value, str(link.get("link", "")), link_key(ring_id, index, link))
        self.objects[obs.id] = obs
        why = ", ".join(link.get("indicators", []))
        for m in link.get("members", []):
            if m in self.person_ref:
                self.relate(self.person_ref[m], obs.id, f"shares this {kind} ({why})")
        if pattern is None:
            return
        ind = stix2.Indicator(
            **self.when,
            valid_from=self.when["created"],
            id=_sid("indicator", pattern),
            name=f"{kind} shared by personas of {ring_id}",
            pattern=pattern,
            pattern_type="stix",
            indicator_types=["attribution"],
            description=f"Found by: {why}. Corroborating evidence for human review, not proof.",
            **_cited(sources_of(link.get("indicators", []), self.known)),
        )
        self.objects[ind.id] = ind
        self.relate(ind.id, obs.id, "indicator for this observable")
        self.relate(ind.id, ring_ref, "seen in this ring")

    def relate(self, src: str, dst: str, description: str) -> None:
        rel = stix2.Relationship(
            **self.when,
            id=_sid("relationship", f"{src}|{dst}"),
            relationship_type="related-to",
            source_ref=src,
            target_ref=dst,
            description=description,
            allow_custom=True,
        )
        self.objects.setdefault(rel.id, rel)

    def note(self, key: str, text: str, refs: list[str], sources: list[str]) -> None:
        note = stix2.Note(
            **self.when,
            **_cited(sources),
            id=_sid("note", key),
            abstract=f"hirewall evidence summary: {key}",
            content=text,
            object_refs=refs,
            allow_custom=True,
        )
        self.objects[note.id] = note

    def finish(self) -> Any:
        """The bundle, with the definition of ``x-hirewall-identifier`` when it is used; its id
        is the same for the same objects at the same time."""
        if any(ref.startswith("x-hirewall-identifier--") for ref in self.objects):
            for obj in _definition():
                self.objects[obj.id] = obj
        bundle_id = _sid("bundle", "\n".join([self.when["created"], *sorted(self.objects)]))
        return stix2.Bundle(objects=list(self.objects.values()), id=bundle_id, allow_custom=True)


def _cited(tags: list[str]) -> dict[str, Any]:
    """``external_references`` naming each public source, or nothing when there is none."""
    if not tags:
        return {}
    return {"external_references": [{"source_name": t, "description": describe(t)} for t in tags]}


def _ring_text(r: Row) -> str:
    lines = [f"Ring {r['ring_id']}: {len(r.get('members', []))} records, strength {r.get('strength')}."]
    if r.get("corroborated_by"):
        lines.append(
            f"Corroborated by {', '.join(r['corroborated_by'])}, who stand out on evidence apart from "
            "these links."
        )
    for link in r.get("links", []):
        lines.append(
            f"- {link['group']} ({link.get('link')}) shared by {', '.join(link.get('members', []))}"
            f" [{', '.join(link.get('indicators', []))}]"
        )
    lines.append("Every finding needs human review before any action.")
    return "\n".join(lines)


def _person_text(p: Row) -> str:
    lines = [f"Record {p['record_id']}: band {p['band']}, score {float(p['score']):.3f}."]
    for c in p.get("indicators", []):
        state = "counted" if c.get("counted") else "held back"
        cited = f" [sources: {', '.join(c['sources'])}]" if c.get("sources") else ""
        lines.append(
            f"- {c.get('code') or c['indicator']} {c.get('title', '')} ({state}): "
            + "; ".join(c.get("summaries", []))
            + cited
        )
    lines.append("Every finding needs human review before any action.")
    return "\n".join(lines)


def write_stix(scan: ScanFiles, path: Path) -> Path:
    """Write the bundle as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    bundle = build_bundle(scan)
    path.write_text(json.dumps(json.loads(bundle.serialize()), indent=1) + "\n", encoding="utf-8")
    return path
