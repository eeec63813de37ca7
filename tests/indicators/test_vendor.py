from hirewall.indicators import vendor as vd

from .factory import context, fired, person, run, store


def test_front_agency_groups_its_linked_placements() -> None:
    vendors = [{"vendor_id": "v1", "name": "Front LLC"}]
    people = [
        person("a", "Ann", "Lee", vendor_id="v1", phone="4155550101"),
        person("b", "Bob", "Kim", vendor_id="v1", phone="4155550101"),
        person("c", "Cy", "Ho", vendor_id="v1"),
    ]
    hits = run(vd.vendor_places_linked_personas, context(store(people=people, vendors=vendors)))
    assert {h.record_id for h in hits} == {"a", "b"} and {h.group for h in hits} == {"vendor:v1"}


def test_vendor_contact_reused_by_person() -> None:
    vendors = [
        {
            "vendor_id": "v1",
            "name": "Front LLC",
            "contact_phone": "415-555-0199",
            "contact_email": "boss@front.example",
        }
    ]
    people = [
        person("a", "Ann", "Lee", phone="4155550199"),
        person("b", "Bob", "Kim", email="boss@front.example", vendor_id="v1"),
        person("c", "Cy", "Ho", phone="4155550100"),
    ]
    hits = {
        h.record_id: h
        for h in run(vd.vendor_contact_reused_by_person, context(store(people=people, vendors=vendors)))
    }
    assert set(hits) == {"a", "b"}
    assert hits["a"].strength > hits["b"].strength
    # One group with the vendor's placements: the contact leads to whoever runs the vendor.
    assert hits["a"].group == hits["b"].group == "vendor:v1"


def test_freemail_vendor_contact() -> None:
    vendors = [
        {"vendor_id": "v1", "name": "Front", "contact_email": "frontdev@gmail.com"},
        {"vendor_id": "v2", "name": "Real", "contact_email": "hr@realstaffing.com"},
    ]
    people = [person("a", "Ann", "Lee", vendor_id="v1"), person("b", "Bob", "Kim", vendor_id="v2")]
    assert fired(vd.vendor_contact_freemail, context(store(people=people, vendors=vendors))) == {"a"}
