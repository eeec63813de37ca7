"""Address history: the home in effect on the shipping day, not only the current one."""

import pytest

from hirewall.indicators import shipping as sh
from hirewall.indicators._history import shipments_home_then

from .factory import context, fired, person, store
from .test_shipping import ship

OLD_HOME = "3885 Chestnut Ave Apt 31, Portland, OR 97201, US"


def moved(rid: str, at: str, old: str, new: str) -> dict:
    return {"record_id": rid, "field": "address", "old_value": old, "new_value": new, "changed_at": at}


def couple(changes: list[dict]) -> object:
    people = [
        person("a", "Ann", "Lee", street="5715 Orchard Blvd", zip="33130"),
        person("b", "Bo", "Ray", street="7108 Union Dr", zip="97201"),
    ]
    to_old_home = {"ship_city": "Portland", "ship_region": "OR"}
    shipments = [
        ship(
            "a",
            "3885 Chestnut Ave",
            "97201",
            line2="Apt 31",
            day="2023-02-10",
            shipment_id="s-a",
            **to_old_home,
        ),
        ship(
            "b",
            "3885 Chestnut Ave",
            "97201",
            line2="# 31",
            day="2023-11-27",
            shipment_id="s-b",
            **to_old_home,
        ),
    ]
    return store(people=people, shipments=shipments, profile_changes=changes)


def _assert_lived_there(engine: object) -> None:
    """Both shipments went to the home of the day: no farm, and no device sent elsewhere."""
    assert sorted(shipments_home_then(engine, 30)) == ["s-a", "s-b"]
    ctx = context(engine)
    assert not fired(sh.ship_to_shared_across_people, ctx)
    assert not fired(sh.ship_to_differs_from_home, ctx)


def test_a_couple_who_got_their_laptops_at_home_and_then_moved_is_no_farm() -> None:
    engine = couple(
        [
            moved("a", "2023-03-30T10:00:00", OLD_HOME, "5715 Orchard Boulevard # 31, Miami, FL 33130, US"),
            moved("b", "2024-05-16T10:00:00", OLD_HOME, "7108 Union Dr, Portland, OR 97201, US"),
        ]
    )
    _assert_lived_there(engine)


def test_without_history_the_same_shipments_look_like_a_farm() -> None:
    ctx = context(couple([]))
    assert fired(sh.ship_to_shared_across_people, ctx) == {"a", "b"}


@pytest.mark.parametrize(
    ("moved_in", "counts"),
    [("2022-06-01T10:00:00", True), ("2023-02-01T10:00:00", False)],
    ids=["long-before", "just-before-shipping"],
)
def test_a_home_taken_just_before_shipping_is_not_residence(moved_in: str, counts: bool) -> None:
    changes = [
        moved("a", moved_in, "1 Old Rd, Miami, FL 33130, US", OLD_HOME),
        moved("a", "2023-03-30T10:00:00", OLD_HOME, "5715 Orchard Boulevard # 31, Miami, FL 33130, US"),
    ]
    assert ("s-a" in shipments_home_then(couple(changes), 30)) is counts


def test_unreadable_history_changes_nothing() -> None:
    engine = couple([moved("a", "2023-03-30T10:00:00", "somewhere nice", "elsewhere")])
    assert shipments_home_then(engine, 30) == []


def test_a_couple_who_got_their_laptops_at_home_abroad_and_then_moved_is_no_farm() -> None:
    munich = {"ship_city": "Munich", "ship_region": "BY", "ship_country": "DE"}
    old_home = "4931 Elm Terrace, Munich, BY 80331, DE"
    engine = store(
        people=[
            person("a", "Ann", "Lee", street="8175 Green Ct", zip="77084"),
            person("b", "Bo", "Ray", street="6769 Walnut St", zip="77002"),
        ],
        shipments=[
            ship("a", "4931 Elm Terrace", "80331", day="2024-04-18", shipment_id="s-a", **munich),
            ship("b", "4931 Elm Terrace", "80331", day="2022-04-04", shipment_id="s-b", **munich),
        ],
        profile_changes=[
            moved("a", "2024-07-29T09:27:13", old_home, "8175 Green Ct, Houston, TX 77084, US"),
            moved("b", "2022-05-23T09:51:46", old_home, "6769 Walnut Street, Houston, TX 77002, US"),
        ],
    )
    _assert_lived_there(engine)


@pytest.mark.parametrize(
    ("old", "to_former_home"),
    [(OLD_HOME, True), ("1 Old Rd, Miami, FL 33130, US", False)],
    ids=["left-the-ship-to", "ship-to-never-home"],
)
def test_a_device_sent_to_the_home_just_left_is_a_stale_address(old: str, to_former_home: bool) -> None:
    """A move a week before shipping, the device sent to the old address: neither L1 nor L2,
    while the same move with the device sent somewhere never home is both."""
    engine = couple([moved("a", "2023-02-03T10:00:00", old, "5715 Orchard Boulevard, Miami, FL 33130, US")])
    assert ("s-a" in shipments_home_then(engine, 30)) is to_former_home
    ctx = context(engine)
    assert ("a" in fired(sh.ship_to_differs_from_home, ctx)) is not to_former_home
    assert ("a" in fired(sh.address_changed_before_shipping, ctx)) is not to_former_home
