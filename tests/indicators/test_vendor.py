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


def _lookalike_hits(vendors: list[dict[str, str]], people: list[dict[str, object]]) -> dict[str, str]:
    from hirewall.reference import vendor_domain_checker

    ctx = context(store(people=people, vendors=vendors), services={"domains": vendor_domain_checker})
    return {h.record_id: h.summary for h in run(vd.placed_by_lookalike_vendor, ctx)}


def test_vendor_imitating_an_established_vendors_domain() -> None:
    real = {"vendor_id": "v1", "name": "Evergreen Data Labs", "domain": "evergreendatalabs.com"}
    real["contact_email"] = "maria.s@evergreendatalabs.com"
    typo = {"vendor_id": "v2", "name": "Evergreen Tech LLC", "domain": "evergreendatalabs.org"}
    typo["contact_email"] = "evergreen.tech@gmail.com"
    clone = {"vendor_id": "v3", "name": "Evergreen Soft LLC", "domain": "evergreendatalabs.com"}
    clone["contact_email"] = "mohammedali3435@gmail.com"
    quiet = {"vendor_id": "v4", "name": "Evergreen Data Labs", "domain": "evergreendatalabs.com"}
    branch = {"vendor_id": "v5", "name": "Evergreen Data Labs East", "domain": "evergreendatalabs.com"}
    branch["contact_email"] = "jo@east.evergreendatalabs.com"
    people = [person(x, "Ann", "Lee", vendor_id=f"v{i}") for i, x in enumerate("abcde", start=1)]
    hits = _lookalike_hits([real, typo, clone, quiet, branch], people)
    # the firm writing from its own domain is the real one; a TLD swap imitates it, and so
    # does a vendor giving its very domain while writing from free mail; a record without a
    # contact address says nothing about where it writes from, and a subdomain is the firm's
    assert set(hits) == {"b", "c"}
    assert "imitates evergreendatalabs.com" in hits["b"]
    assert hits["c"] == (
        "vendor Evergreen Soft LLC gives the domain evergreendatalabs.com of Evergreen Data Labs"
        " but writes from gmail.com"
    )
    # without the real firm on file, a domain and a free-mail contact prove nothing here
    assert _lookalike_hits([clone], people) == {}
