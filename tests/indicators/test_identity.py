import random

import pytest

from hirewall.indicators import identity as idn

from .factory import context, fired, person, run, store


def test_phone_shared_by_different_people_links_them() -> None:
    ctx = context(
        store(
            people=[
                person("a", "Ann", "Lee", phone="415-555-0101"),
                person("b", "Bob", "Kim", phone="(415) 555 0101"),
                person("c", "Cy", "Ho", phone="415-555-0199"),
            ]
        )
    )
    hits = run(idn.phone_shared_across_people, ctx)
    assert {h.record_id for h in hits} == {"a", "b"}
    assert {h.group for h in hits} == {"phone:+14155550101"}


@pytest.mark.parametrize(
    "people",
    [
        pytest.param(
            [
                person("a", "Ann", "Lee", phone="4155550101", birth_date="1990-01-02"),
                person("a2", "ANN", "Lee ", phone="4155550101", birth_date="1990-01-02"),
            ],
            id="re-applicant",
        ),
        pytest.param(
            [
                person("a", "Ann", "Lee", phone="4155550101", street="12 Elm St", zip="62701"),
                person("b", "Bo", "Lee", phone="4155550101", street="12 Elm Street", zip="62701"),
            ],
            id="family-landline",
        ),
        pytest.param(
            [
                person("a", "Ann", "Lee", phone="4155550101", street="12 Elm St", zip="62701"),
                person("b", "Bo", "Lee", phone="4155550101", street="12 Elm Street", zip="62701"),
                person("c", "Cy", "Lee", phone="4155550101", street="9 Oak Ave", zip="60601"),
            ],
            id="family-landline-a-grown-child-still-lists",
        ),
    ],
)
def test_phone_benign_sharing_does_not_fire(people) -> None:
    assert not fired(idn.phone_shared_across_people, context(store(people=people)))


@pytest.mark.parametrize(
    ("indicator", "field", "value"),
    [
        (idn.phone_shared_across_people, "phone", "4155550101"),
        (idn.email_shared_across_people, "email", "jdoe364@gmail.com"),
    ],
)
def test_contact_shared_beyond_a_household_fires_for_every_sharer(indicator, field, value) -> None:
    # Two personas give a laptop farm's address as their home; two more live elsewhere. The
    # contact reaches two people outside the farm's "household", so no family explains it.
    farm = {"street": "1918 Spring Blvd", "zip": "22204"}
    ctx = context(
        store(
            people=[
                person("a", "Ann", "Lee", **{field: value}, **farm),
                person("b", "Bob", "Kim", **{field: value}, **farm),
                person("c", "Cy", "Ho", **{field: value}, street="9 Oak Ave", zip="60601"),
                person("d", "Di", "Ng", **{field: value}, street="4 Pine Rd", zip="77002"),
            ]
        )
    )
    assert fired(indicator, ctx) == {"a", "b", "c", "d"}


def test_email_aliases_of_one_mailbox_count_as_shared() -> None:
    ctx = context(
        store(
            people=[
                person("a", "Ann", "Lee", email="j.doe+x@gmail.com"),
                person("b", "Bob", "Kim", email="JDoe@googlemail.com"),
            ]
        )
    )
    assert fired(idn.email_shared_across_people, ctx) == {"a", "b"}


def test_national_id_split_by_name() -> None:
    people = [
        person("a", "Ann", "Lee", national_id_hash="h1", birth_date="1990-01-01"),
        person("b", "Bob", "Kim", national_id_hash="h1", birth_date="1991-01-01"),
        person("c", "Cy", "Ho", national_id_hash="h2", birth_date="1980-01-01"),
        person("d", "Cy", "Ho", national_id_hash="h2", birth_date="1985-05-05"),
        person("e", "Di", "Wu", national_id_hash="h3", birth_date="1970-01-01"),
        person("e2", "Di", "Wu", national_id_hash="h3", birth_date="1970-01-01"),
    ]
    ctx = context(store(people=people))
    assert fired(idn.national_id_reused_by_different_name, ctx) == {"a", "b"}
    assert fired(idn.national_id_shared_across_people, ctx) == {"c", "d"}


def nid_hits(people: list[dict]) -> dict:
    """Record -> its hit from either I7 indicator (an owner's, or a user's of another name)."""
    ctx = context(store(people=people))
    owners = run(idn.national_id_owner_used_by_others, ctx)
    users = run(idn.national_id_reused_by_different_name, ctx)
    assert not {h.record_id for h in owners} & {h.record_id for h in users}
    return {h.record_id: h for h in [*owners, *users]}


def test_stolen_id_owner_outside_the_wave_of_its_holders_gets_little_weight() -> None:
    def holder(rid: str, given: str, applied: str) -> dict:
        return person(rid, given, "Lee", national_id_hash="h1", applied_at=applied)

    people = [
        holder("owner", "Ann", "2021-01-10"),
        holder("p1", "Bo", "2024-03-01"),
        holder("p2", "Cy", "2024-04-20"),
    ]
    hits = nid_hits(people)
    assert set(hits) == {"owner", "p1", "p2"}
    assert hits["owner"].indicator == "national_id_owner_used_by_others"
    assert "presumed owner" in hits["owner"].summary
    assert hits["p1"].indicator == hits["p2"].indicator == "national_id_reused_by_different_name"
    assert hits["p1"].strength == hits["p2"].strength > 0.8
    assert {h.group for h in hits.values()} == {"nid:h1"}
    # an earliest holder who applied with the others is one of them, not an owner
    people[0] = holder("owner", "Ann", "2024-02-01")
    hits = nid_hits(people)
    assert hits["owner"].indicator == hits["p1"].indicator == "national_id_reused_by_different_name"
    assert hits["owner"].strength == hits["p1"].strength > 0.8
    # two holders far apart: the earlier one is presumed the owner
    two = [holder("old", "Ann", "2020-01-01"), holder("new", "Bo", "2024-01-01")]
    hits = nid_hits(two)
    assert hits["old"].indicator == "national_id_owner_used_by_others"
    assert hits["new"].indicator == "national_id_reused_by_different_name" and hits["new"].strength >= 0.8


def test_stolen_id_owner_applying_again_in_the_personas_wave_is_still_the_owner() -> None:
    def holder(rid: str, given: str, applied: str) -> dict:
        return person(rid, given, "Lee", national_id_hash="h1", applied_at=applied, birth_date="1985-09-19")

    people = [
        holder("owner", "Ann", "2021-01-10"),
        holder("owner-again", "Ann", "2024-03-05"),  # same name and birth date: the same person
        holder("p1", "Bo", "2024-03-01"),
        holder("p2", "Cy", "2024-04-20"),
    ]
    hits = nid_hits(people)
    owner = "national_id_owner_used_by_others"
    assert hits["owner"].indicator == hits["owner-again"].indicator == owner
    assert hits["p1"].strength == hits["p2"].strength > 0.8
    # a holder of another birth date is another person, who applied with the personas
    people[1] = person(
        "other", "Ann", "Lee", national_id_hash="h1", applied_at="2024-03-05", birth_date="1990-01-01"
    )
    hits = nid_hits(people)
    assert hits["owner"].indicator == owner and hits["other"].strength > 0.8


WORDS = (
    "python java kubernetes docker react node team lead built designed scalable services api cloud aws "
    "migrated pipeline data platform improved latency reduced costs mentored engineers delivered features "
    "payments fintech startup remote agile product customers dashboards analytics testing automation"
).split()


def resume(seed: int, n: int = 160) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def edited(text: str, name: str, changes: int) -> str:
    words = text.split()
    for i in range(changes):
        words[(i * 37) % len(words)] = "changed"
    return f"{name} Senior Engineer. " + " ".join(words)


def test_near_duplicate_resumes_cluster_but_unrelated_and_same_person_do_not() -> None:
    base = resume(1)
    people = [
        person("a", "Ann", "Lee", resume_text=edited(base, "Ann Lee", 2)),
        person("b", "Bob", "Kim", resume_text=edited(base, "Bob Kim", 3)),
        person("c", "Cy", "Ho", resume_text=edited(resume(2), "Cy Ho", 0)),
        person("d", "Di", "Wu", resume_text=resume(3), birth_date="1990-01-01"),
        person("d2", "Di", "Wu", resume_text=resume(3), birth_date="1990-01-01"),
    ]
    hits = run(idn.resume_near_duplicate, context(store(people=people)))
    assert {h.record_id for h in hits} == {"a", "b"}
    assert len({h.group for h in hits}) == 1
    assert all(h.evidence[0]["similarity"] >= 0.8 for h in hits)


def flip(h: str, bits: int) -> str:
    v = int(h, 16)
    for b in range(bits):
        v ^= 1 << (b * 5)
    return f"{v:016x}"


def test_photo_near_reuse_found_within_hamming_6() -> None:
    h = "f0e1d2c3b4a59687"
    people = [
        person("a", "Ann", "Lee", photo_phash=h),
        person("b", "Bob", "Kim", photo_phash=flip(h, 5)),
        person("c", "Cy", "Ho", photo_phash=flip(h, 12)),
        person("d", "Di", "Wu", photo_phash="0123456789abcdef", birth_date="1990-01-01"),
        person("d2", "Di", "Wu", photo_phash="0123456789abcdef", birth_date="1990-01-01"),
    ]
    hits = run(idn.photo_reused_across_people, context(store(people=people)))
    assert {h.record_id for h in hits} == {"a", "b"}


@pytest.mark.parametrize(
    ("row", "fires"),
    [
        ({"applied_at": "2024-03-01", "hired_at": "2024-02-01"}, True),
        ({"hired_at": "2024-03-01", "terminated_at": "2023-12-01"}, True),
        ({"applied_at": "2024-03-01", "birth_date": "2010-01-01"}, True),
        ({"applied_at": "2024-03-01", "resume_text": "I have 12 years of experience with Kubernetes."}, True),
        ({"applied_at": "2024-03-01", "resume_text": "Using Docker since 2009 in production."}, True),
        (
            {
                "applied_at": "2024-03-01",
                "resume_text": "10+ years of experience in React and 5 years in Go.",
            },
            False,
        ),
        ({"applied_at": "2024-03-01", "resume_text": "20 years of experience with Java."}, False),
        ({"applied_at": "2024-01-01", "hired_at": "2024-02-01", "birth_date": "1990-01-01"}, False),
    ],
)
def test_impossible_timelines(row, fires) -> None:
    ctx = context(store(people=[person("a", "Ann", "Lee", **row)]))
    assert bool(fired(idn.timeline_impossible, ctx)) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("20 years of experience in go-to-market strategy.", False),
        ("15 years of experience with react-native apps.", False),
        ("20 years of experience in Go, Python and C.", True),
        ("20 years of experience in Go. Before that, C.", True),
        ("Backend work (20 years in Go) and more.", True),
        ("20 years of experience in Go and Rust.", True),
        ("20 years of experience in Go", True),
        ("15 years of experience with React.", True),
        ("12 years of Kubernetes-based infrastructure.", True),
        ("20 years of Go-powered services.", True),
    ],
)
def test_a_claimed_technology_is_a_whole_word_not_part_of_a_hyphenated_compound(text, fires) -> None:
    row = {"applied_at": "2024-03-01", "resume_text": text}
    ctx = context(store(people=[person("a", "Ann", "Lee", **row)]))
    assert bool(fired(idn.timeline_impossible, ctx)) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("15 years of experience with SWIFT payments and ISO 20022.", False),
        ("Processing SWIFT since 2005.", False),
        ("15 years of experience with Swift and Objective-C.", True),
        ("15 YEARS OF EXPERIENCE WITH swift.", True),
        ("Building iOS apps in swift since 2010.", True),
        ("12 years of experience with K8S.", True),  # capitals are no acronym for other aliases
        ("20 Years in GO.", True),
    ],
)
def test_swift_in_capitals_is_the_bank_network_other_capitals_still_count(text, fires) -> None:
    row = {"applied_at": "2024-03-01", "resume_text": text}
    ctx = context(store(people=[person("a", "Ann", "Lee", **row)]))
    assert bool(fired(idn.timeline_impossible, ctx)) is fires


@pytest.mark.parametrize(
    "text",
    ["12 years with ru\u017ft.", "12 years of experience with \u212a8s.", "10 years of go\u017f."],
)
def test_claims_only_one_sql_engine_would_fold_to_ascii_are_left_out(text) -> None:
    """RE2 (DuckDB) folds the long s and the Kelvin sign to s and k, Java (Spark) does not: such a
    claim is left out, so the scan finds the same claims on either engine."""
    row = {"applied_at": "2024-03-01", "resume_text": text}
    ctx = context(store(people=[person("a", "Ann", "Lee", **row)]))
    assert not fired(idn.timeline_impossible, ctx)


def test_referrals_into_linked_people() -> None:
    people = [
        person("a", "Ann", "Lee", phone="4155550101"),
        person("b", "Bob", "Kim", phone="4155550101"),
        person("c", "Cy", "Ho", referred_by="a"),
        person("d", "Di", "Wu", referred_by="e"),
        person("e", "Ed", "Ng"),
        person("f", "Fa", "Li", referred_by="g"),
        person("g", "Gu", "Ma"),
        person("h", "Ha", "Su", phone="4155550202", referred_by="g"),
        person("i", "Io", "Xu", phone="4155550202", referred_by="g"),
    ]
    hits = run(idn.referred_by_linked_person, context(store(people=people)))
    assert {h.record_id for h in hits} == {"c", "g"}
    assert {h.group for h in hits} == {"referral:a", "referral:g"}


def test_placing_vendor_of_linked_people() -> None:
    vendors = [{"vendor_id": "v1", "name": "Front LLC"}, {"vendor_id": "v2", "name": "Big Staffing"}]
    people = [
        person("a", "Ann", "Lee", vendor_id="v1", phone="4155550101"),
        person("b", "Bob", "Kim", vendor_id="v1", phone="4155550101"),
        person("c", "Cy", "Ho", vendor_id="v1"),
        *[person(f"x{i}", "X", f"Person{i}", vendor_id="v2") for i in range(18)],
        person("y1", "Yu", "Li", vendor_id="v2", email="shared@example.com"),
        person("y2", "Ye", "Ma", vendor_id="v2", email="shared@example.com"),
    ]
    ctx = context(store(people=people, vendors=vendors))
    assert fired(idn.placed_by_vendor_of_linked_people, ctx) == {"a", "b", "c"}


@pytest.mark.parametrize(
    ("email", "fires"),
    [("john.smith85@gmail.com", True), ("jsmith@acme-corp.com", False), ("john@gmail.com", False)],
)
def test_freemail_word_digits_pattern(email, fires) -> None:
    ctx = context(store(people=[person("a", "Ann", "Lee", email=email)]))
    assert bool(fired(idn.email_freemail_name_digits, ctx)) is fires


def test_placeholder_shared_by_a_crowd_is_not_evidence() -> None:
    people = [person(f"p{i}", "P", f"N{i}", phone="4155550000") for i in range(45)]
    assert not fired(idn.phone_shared_across_people, context(store(people=people)))


@pytest.mark.parametrize(
    ("zips", "fires"),
    [(("62701", "10001", "94110"), True), (("62701", "62702", "62703"), False)],
    ids=["homes-across-the-country", "homes-in-one-area"],
)
def test_a_vendors_people_sharing_a_ship_to_are_linked_unless_they_live_in_one_area(zips, fires) -> None:
    vendors = [{"vendor_id": "v1", "name": "Front LLC"}]
    people = [
        person(r, "P", r.upper(), vendor_id="v1", street=f"{i} Oak St", zip=z)
        for i, (r, z) in enumerate(zip("abc", zips, strict=True))
    ]
    shipments = [
        {"shipment_id": f"s{r}", "record_id": r, "ship_line1": "7 Office Plaza", "ship_city": "Springfield",
         "ship_region": "IL", "ship_postal_code": "62701", "ship_country": "US", "shipped_at": "2024-03-01"}
        for r in "abc"
    ]  # fmt: skip
    ctx = context(store(people=people, vendors=vendors, shipments=shipments))
    # the vendor's branch office as a delivery point links nobody
    assert fired(idn.placed_by_vendor_of_linked_people, ctx) == (set("abc") if fires else set())
