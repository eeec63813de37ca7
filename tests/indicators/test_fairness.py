"""Swapping names between people changes nothing but name-vs-holder comparisons, which move with them."""

from typing import Any

from hirewall.indicators import catalogue

from .conftest import CN_IP, US_HOME, VPN_IP
from .factory import context, person, store
from .test_identity import edited, resume

CAT = catalogue()


def world(names: dict[str, tuple[str, str]], holders: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    base = resume(7)
    people = [
        person(
            "a",
            *names["a"],
            phone="4155550101",
            vendor_id="v1",
            resume_text=edited(base, "x", 1),
            photo_phash="f0e1d2c3b4a59687",
            applied_at="2024-03-01",
            hired_at="2024-02-01",
        ),
        person(
            "b",
            *names["b"],
            phone="4155550101",
            vendor_id="v1",
            resume_text=edited(base, "y", 2),
            photo_phash="f0e1d2c3b4a59686",
            national_id_hash="n1",
            referred_by="a",
        ),
        person("c", *names["c"], national_id_hash="n1", email="word.word88@gmail.com", vendor_id="v1"),
        person("d", *names["d"], street="12 Elm St", zip="62701", phone="4155550123"),
        person("e", *names["e"], street="12 Elm St", zip="62701", phone="4155550123", job_title="IT support"),
    ]
    payouts = [
        {
            "record_id": r,
            "account_fingerprint": fp,
            "effective_from": day,
            "method": m,
            "holder_name": holders.get(r),
        }
        for r, fp, day, m in [
            ("a", "f1", "2024-01-01", "wise"),
            ("b", "f1", "2024-01-05", "direct_deposit"),
            ("d", "f2", "2024-01-01", "direct_deposit"),
            ("e", "f2", "2024-01-01", "crypto"),
            ("c", "f3", "2024-01-01", "direct_deposit"),
            ("c", "f4", "2024-02-01", "direct_deposit"),
            ("c", "f5", "2024-03-01", "direct_deposit"),
        ]
    ]
    ship = {
        "ship_line1": "7 Farm Ln",
        "ship_city": "Springfield",
        "ship_region": "IL",
        "ship_postal_code": "62701",
    }
    shipments = [
        {"shipment_id": f"s-{r}", "record_id": r, "device_id": f"dev-{r}", "shipped_at": "2024-03-01", **ship}
        for r in "abc"
    ]
    signins = [
        {
            "record_id": r,
            "signed_in_at": f"2024-03-0{d}T0{h}:00:00",
            "ip": ip,
            "device_managed": False,
            "device_id": "shared" if r in "ab" else f"dev-{r}",
        }
        for r in "abce"
        for d, h, ip in [(2, 1, US_HOME), (2, 2, CN_IP), (3, 1, VPN_IP), (4, 1, US_HOME)]
    ]
    endpoint = [
        {
            "device_id": f"dev-{r}",
            "record_id": r,
            "observed_at": "2024-03-03T00:00:00",
            "kind": "process",
            "name": n,
        }
        for r in "ae"
        for n in ("AnyDesk.exe", "TeamViewer.exe", "Mouse Jiggler.exe")
    ]
    vendors = [
        {
            "vendor_id": "v1",
            "name": "Front",
            "contact_email": "front@gmail.com",
            "contact_phone": "4155550123",
        }
    ]
    return {
        "people": people,
        "payouts": payouts,
        "shipments": shipments,
        "signins": signins,
        "endpoint": endpoint,
        "vendors": vendors,
    }


def all_hits(tables, services) -> set[tuple]:
    ctx = context(store(**tables), services)
    return {
        (h.record_id, h.indicator, h.strength, h.group, h.summary, repr(h.evidence))
        for ind in CAT.values()
        for h in ind(ctx)
    }


NAMES = {"a": ("Ann", "Lee"), "b": ("Bob", "Kim"), "c": ("Cy", "Ho"), "d": ("Di", "Wu"), "e": ("Ed", "Ng")}
HOLDERS = {"a": "Carl Diaz", "b": "Bob Kim", "d": "Di Wu", "e": "Ng Ed"}


def test_swapping_names_changes_no_hit_but_holder_comparisons_move_with_them(services) -> None:
    before = all_hits(world(NAMES, HOLDERS), services)
    swapped = {**NAMES, "a": NAMES["e"], "e": NAMES["a"]}
    swapped_holders = {**HOLDERS, "a": HOLDERS["e"], "e": HOLDERS["a"]}
    after = all_hits(world(swapped, swapped_holders), services)
    fired = {h[1] for h in before}
    assert len(fired) >= 20, sorted(fired)  # the fixture exercises most of the catalogue
    p3 = "payout_holder_name_differs"
    assert {h for h in before if h[1] != p3} == {h for h in after if h[1] != p3}
    relabel = {"a": "e", "e": "a"}
    assert {(relabel.get(h[0], h[0]), h[2]) for h in before if h[1] == p3} == {
        (h[0], h[2]) for h in after if h[1] == p3
    }
    assert {h[0] for h in before if h[1] == p3} == {"a"}
