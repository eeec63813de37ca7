"""What every export shares: which personas are flagged, details of vendors, public sources."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hirewall.report.payload import indicator_docs
from hirewall.report.scanfiles import Row, ScanFiles
from hirewall.report.sources import describe
from hirewall.report.storeview import StoreView

FLAGGED_BANDS = frozenset({"high", "medium"})


def flagged(scan: ScanFiles) -> list[Row]:
    """Persons in the high or medium band, or in a ring: the ones worth sending to other tools."""
    return [p for p in scan.persons if p.get("band") in FLAGGED_BANDS or p.get("ring_id")]


def vendor_ids(scan: ScanFiles) -> list[str]:
    """Vendors that appear as shared things in rings."""
    ids = set()
    for r in scan.rings:
        for link in r.get("links", []):
            kind, _, key = str(link["group"]).partition(":")
            if kind == "vendor":
                ids.add(key)
    return sorted(ids)


def vendor_details(scan: ScanFiles) -> dict[str, dict[str, str]]:
    """Name and domain of the ring vendors, from the store when it is beside the outputs."""
    with StoreView(scan.store) as store:
        return store.vendors(vendor_ids(scan))


def link_key(ring_id: str, index: int, link: Row) -> str:
    """A key that tells shared things apart even when masking makes two look alike.

    An unmasked value is its own key (so the same IP in two rings is one thing); a masked one
    is keyed by the link's ``id`` when the scan wrote one, else by its place in its ring.
    """
    group = str(link["group"])
    if "*" not in group:
        return group
    return str(link.get("id") or f"{ring_id}#{index}:{group}")


def indicator_sources(scan: ScanFiles) -> dict[str, list[str]]:
    """The public source ids (indicators.md §1: G10, M1...) of every indicator the scan names,
    ``ring_membership`` included."""
    return {ind: list(doc.get("sources", [])) for ind, doc in indicator_docs(scan.persons).items()}


def sources_of(indicators: Iterable[str], known: Mapping[str, list[str]]) -> list[str]:
    """The source ids of these indicators, each once, in the order they first appear."""
    return list(dict.fromkeys(tag for ind in indicators for tag in known.get(ind, [])))


def citations(tags: Iterable[str]) -> str:
    """Source ids with their citations, for a reader: ``G1 (US State, Treasury and FBI, ...); M1 (...)``."""
    return "; ".join(f"{tag} ({describe(tag)})" for tag in tags)
