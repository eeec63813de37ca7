"""National ids shared or reused across people (I1, I7), and the presumed owner of a reused id.

Part of the identity family (:mod:`hirewall.indicators.identity` lists them in its catalogue).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from hirewall.indicators._common import group_hits, share_strength, shared_rows
from hirewall.indicators._waves import arrival_dates, first_arrivals, main_wave
from hirewall.indicators.base import Context, Hit, indicator

_NID_SOURCE = "SELECT record_id, national_id_hash AS val FROM people"


@indicator(
    code="I1", family="identity", sources=("G10", "M3"), fairness="S", tables=("people",), link="strong"
)
def national_id_shared_across_people(ctx: Context) -> Iterable[Hit]:
    """National id shared by records with different birth dates

    Records with the same national id (compared as a salted hash) and the same name, but
    different or missing birth dates. Either a data-entry error or one identity used for more
    than one person. Re-applications with the same name and birth date are not reported.
    """
    rows = [r for r in shared_rows(ctx, _NID_SOURCE) if r["names"] <= 1]
    yield from group_hits(
        rows,
        indicator_id="national_id_shared_across_people",
        group_col="val",
        group_prefix="nid",
        strength=lambda g, r: share_strength(r["persons"], base=0.7),
        summary=lambda g, r: f"national id used by {r['persons']} records that are not one person",
        evidence_cols={"record_id": "record_id", "national_id_hash": "val"},
    )


def _id_holders(ctx: Context) -> Iterator[tuple[bool, list[dict[str, Any]]]]:
    """(owners?, rows) for each national id used under different names: its presumed owners
    (:func:`presumed_victims`), then the other holders."""
    rows = [r for r in shared_rows(ctx, _NID_SOURCE) if r["names"] >= 2]
    arrived = arrival_dates(ctx.engine)
    by_val: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_val.setdefault(str(r["val"]), []).append(r)
    for holders in by_val.values():
        person_of = {str(r["record_id"]): str(r["person_key"]) for r in holders}
        first = first_arrivals({rid: arrived.get(rid) for rid in person_of}, person_of)
        victims = presumed_victims(sorted(set(person_of.values())), first)
        yield True, [r for r in holders if r["person_key"] in victims]
        yield False, [r for r in holders if r["person_key"] not in victims]


@indicator(
    code="I7", family="identity", sources=("M3", "G8"), fairness="S", tables=("people",), link="strong"
)
def national_id_reused_by_different_name(ctx: Context) -> Iterable[Hit]:
    """National id used under different names

    One national id appears under two or more different names. This is how stolen or
    borrowed identities show up. Holders who first applied apart from the main wave of holders
    (or, with no wave, the earliest holder) are presumed to be the id's owner, and possibly
    its victim: they are reported apart (``national_id_owner_used_by_others``) and not linked
    to the others. A holder is a person (same name and birth date), so the owner applying again
    in the personas' months is still the owner.
    Innocent explanations: a name change (marriage) recorded as a new record, or a typing error
    in the id; check with the person before acting.
    """
    for owners, rows in _id_holders(ctx):
        if owners:
            continue
        yield from group_hits(
            rows,
            indicator_id="national_id_reused_by_different_name",
            group_col="val",
            group_prefix="nid",
            strength=lambda g, r: share_strength(r["names"], base=0.8),
            summary=lambda g, r: f"national id used under {r['names']} different names",
            evidence_cols={"record_id": "record_id", "national_id_hash": "val"},
        )


@indicator(
    code="I7", family="identity", sources=("M3", "G8"), fairness="S", tables=("people",), link="strong"
)
def national_id_owner_used_by_others(ctx: Context) -> Iterable[Hit]:
    """Own national id used by others under other names

    This person's national id is also on records under other names, and this person applied
    apart from those others (or, with no wave among them, first). They are presumed to be its
    owner, and possibly the victim of identity theft, so this is reported for a check (is the
    id on file right, and does the person know?). It is not evidence against them: it counts
    only beside S-class evidence of another family, vouches for none of their other signals,
    and they are not linked to the others.
    Innocent explanations: the usual one; or a name change recorded as a new record.
    """
    for owners, rows in _id_holders(ctx):
        for r in rows if owners else ():
            yield Hit(
                str(r["record_id"]),
                "national_id_owner_used_by_others",
                1.0,
                f"presumed owner of a national id that {r['names'] - 1} other name(s) use",
                ({"record_id": r["record_id"], "national_id_hash": r["val"]},),
                group=f"nid:{r['val']}",  # the rings decide again whether it is a victim
            )


def presumed_victims(holders: list[str], arrived: Mapping[str, date]) -> set[str]:
    """Holders of a reused id presumed to be its owner or victim rather than a persona.

    The personas are the largest wave of holders (they apply together); the others are
    presumed victims. With no wave, the earliest holder is presumed to be the owner.
    """
    wave = main_wave(holders, arrived)
    if wave:
        return set(holders) - set(wave)
    known = sorted((arrived[h], h) for h in holders if h in arrived)
    return {known[0][1]} if known else set()
