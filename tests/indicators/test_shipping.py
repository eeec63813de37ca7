import pytest

from hirewall.indicators import shipping as sh

from .conftest import CN_IP, CORP_VPN, US_HOME
from .factory import context, fired, person, run, store


def ship(rid: str, line1: str, zip5: str, line2: str = "", day: str = "2024-03-01", **kw) -> dict:
    return {
        "record_id": rid,
        "ship_line1": line1,
        "ship_line2": line2,
        "ship_city": "Springfield",
        "ship_region": "IL",
        "ship_postal_code": zip5,
        "ship_country": "US",
        "shipped_at": day,
        **kw,
    }


HOME = {"street": "12 Elm St", "zip": "62701"}


@pytest.mark.parametrize(
    ("shipment", "fires"),
    [
        (ship("a", "99 Far Rd", "60601"), True),
        (ship("a", "12 Elm Street", "62701-1234"), False),
        (ship("a", "12 Elm St", "62701", line2="Apt 9"), False),
    ],
)
def test_ship_to_differs_from_home(shipment, fires) -> None:
    ctx = context(store(people=[person("a", "Ann", "Lee", **HOME)], shipments=[shipment]))
    assert bool(fired(sh.ship_to_differs_from_home, ctx)) is fires


@pytest.mark.parametrize(
    ("changed_at", "fires"), [("2024-02-20T10:00:00", True), ("2023-12-01T10:00:00", False)]
)
def test_address_changed_before_shipping(changed_at, fires) -> None:
    change = {
        "record_id": "a",
        "field": "address",
        "old_value": "x",
        "new_value": "y",
        "changed_at": changed_at,
    }
    ctx = context(
        store(
            people=[person("a", "Ann", "Lee")],
            shipments=[ship("a", "1 Main St", "62701")],
            profile_changes=[change],
        )
    )
    assert bool(fired(sh.address_changed_before_shipping, ctx)) is fires


def test_laptop_farm_links_people_who_do_not_live_there() -> None:
    people = [person(r, "P", r.upper()) for r in ("a", "b", "c")] + [
        person("r", "Res", "Ident", street="7 Farm Ln", zip="62701")
    ]
    shipments = [ship(r, "7 Farm Lane", "62701") for r in ("a", "b", "c", "r")]
    ctx = context(store(people=people, shipments=shipments))
    hits = run(sh.ship_to_shared_across_people, ctx)
    assert {h.record_id for h in hits} == {"a", "b", "c"}
    assert len({h.group for h in hits}) == 1 and hits[0].group.startswith("address:")
    assert hits[0].strength > 0.7


@pytest.mark.parametrize(
    ("zips", "fires"),
    [(("62701", "10001", "94110"), True), (("62701", "62702", "62703"), False), (("62701", "62702"), True)],
    ids=["homes-across-the-country", "homes-in-one-area", "a-pair-in-one-area"],
)
def test_an_address_receiving_devices_for_people_of_one_area_is_an_office_not_a_farm(zips, fires) -> None:
    people = [
        person(r, "P", r.upper(), street=f"{i} Oak St", zip=z)
        for i, (r, z) in enumerate(zip("abc"[: len(zips)], zips, strict=True))
    ]
    who = {p["record_id"] for p in people}
    ctx = context(store(people=people, shipments=[ship(r, "7 Office Plaza", "62701") for r in sorted(who)]))
    assert fired(sh.ship_to_shared_across_people, ctx) == (who if fires else set())


@pytest.mark.parametrize(
    ("people", "shipments"),
    [
        pytest.param(
            [person("a", "Ann", "Lee", **HOME), person("b", "Bo", "Ray", **HOME)],
            [ship("a", "12 Elm St", "62701"), ship("b", "12 Elm St", "62701")],
            id="couple-at-home",
        ),
        pytest.param(
            [
                person("a", "Ann", "Lee", street="5 Tower Ave", address_line2="Apt 1", zip="62701"),
                person("b", "Bo", "Ray", street="5 Tower Ave", address_line2="Apt 2", zip="62701"),
            ],
            [
                ship("a", "5 Tower Ave", "62701", line2="Apt 1"),
                ship("b", "5 Tower Ave", "62701", line2="Apt 2"),
            ],
            id="neighbours-own-units",
        ),
        pytest.param(
            [
                person("a", "Ann", "Lee", street="5 Tower Ave", address_line2="Apt 1", zip="62701"),
                person("b", "Bo", "Ray", street="5 Tower Ave", address_line2="Apt 2", zip="62701"),
            ],
            [ship("a", "5 Tower Ave", "62701"), ship("b", "5 Tower Ave", "62701")],
            id="neighbours-front-desk",
        ),
    ],
)
def test_laptop_farm_benign(people, shipments) -> None:
    ctx = context(store(people=people, shipments=shipments))
    assert not fired(sh.ship_to_shared_across_people, ctx)


def moved(rid: str, at: str) -> dict:
    return {
        "record_id": rid,
        "field": "address",
        "old_value": "old",
        "new_value": "12 Elm St",
        "changed_at": at,
    }


@pytest.mark.parametrize(
    ("changes", "fires"),
    [
        pytest.param(
            [moved("a", "2024-02-20T10:00:00"), moved("b", "2024-02-25T10:00:00")], True, id="both-moved-in"
        ),
        pytest.param(
            [moved("a", "2023-06-01T10:00:00"), moved("b", "2023-06-01T10:00:00")], False, id="long-moved"
        ),
        pytest.param([moved("a", "2024-02-20T10:00:00")], False, id="one-moved-in"),
    ],
)
def test_people_who_moved_to_the_ship_to_just_before_shipping_are_not_its_residents(changes, fires) -> None:
    people = [person("a", "Ann", "Lee", **HOME), person("b", "Bo", "Ray", **HOME)]
    shipments = [ship("a", "12 Elm St", "62701"), ship("b", "12 Elm St", "62701")]
    ctx = context(store(people=people, shipments=shipments, profile_changes=changes))
    hits = run(sh.ship_to_shared_across_people, ctx)
    assert {h.record_id for h in hits} == ({"a", "b"} if fires else set())


def signin(rid: str, at: str, ip: str, **kw) -> dict:
    return {"record_id": rid, "signed_in_at": at, "ip": ip, "result": "success", **kw}


@pytest.mark.parametrize(
    ("signins", "fires"),
    [
        ([signin("a", "2024-03-04T09:00:00", CN_IP)], True),
        ([signin("a", "2024-03-04T09:00:00", US_HOME)], False),
        ([signin("a", "2024-03-04T09:00:00", CORP_VPN), signin("a", "2024-03-05T09:00:00", US_HOME)], False),
        ([signin("a", "2024-02-01T09:00:00", CN_IP), signin("a", "2024-03-05T09:00:00", US_HOME)], False),
    ],
)
def test_first_signin_far_from_ship_to(signins, fires, services) -> None:
    engine = store(
        people=[person("a", "Ann", "Lee")], shipments=[ship("a", "1 Main St", "62701")], signins=signins
    )
    assert bool(fired(sh.first_signin_far_from_ship_to, context(engine, services))) is fires
    assert not fired(sh.first_signin_far_from_ship_to, context(engine))
