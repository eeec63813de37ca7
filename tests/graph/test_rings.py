from hirewall.graph.facilitators import rank_facilitators
from hirewall.graph.identity import identity_clusters
from hirewall.graph.links import build_groups
from hirewall.graph.rings import find_rings
from tests.factory import fake_indicator, hit

CAT = {
    "shared_account": fake_indicator("shared_account", "payout", link="strong"),
    "shared_ip": fake_indicator("shared_ip", "signin", link="weak"),
    "shared_vendor": fake_indicator("shared_vendor", "vendor", link="weak"),
    "lonely": fake_indicator("lonely"),
}


def _strong(*names):
    """Fake indicators, by name, whose shared groups are strong links."""
    return {n: fake_indicator(n, link="strong") for n in names}


def _rings(hits, pairs=()):
    ids = sorted({h.record_id for h in hits} | {x for p in pairs for x in p})
    identity = identity_clusters(ids, pairs)
    groups = build_groups(hits, CAT)
    return find_rings(groups, identity), groups


def test_strong_group_joins_its_members() -> None:
    rings, _ = _rings(
        [hit("a", "shared_account", group="account:1"), hit("b", "shared_account", group="account:1")]
    )
    assert [r.members for r in rings] == [("a", "b")]


def test_weak_group_alone_does_not_join() -> None:
    rings, _ = _rings([hit("a", "shared_ip", group="ip:1"), hit("b", "shared_ip", group="ip:1")])
    assert rings == []


def test_two_weak_kinds_corroborate() -> None:
    hits = [
        hit("a", "shared_ip", group="ip:1"),
        hit("b", "shared_ip", group="ip:1"),
        hit("a", "shared_vendor", group="vendor:v"),
        hit("b", "shared_vendor", group="vendor:v"),
    ]
    rings, _ = _rings(hits)
    assert [r.members for r in rings] == [("a", "b")]


def test_same_person_records_are_not_a_ring() -> None:
    hits = [hit("a1", "shared_account", group="account:1"), hit("a2", "shared_account", group="account:1")]
    rings, _ = _rings(hits, pairs=[("a1", "a2")])
    assert rings == []


def test_a_ring_link_is_a_thing_two_members_share_not_two_records_of_one_member() -> None:
    """A re-applicant's two records both on one egress IP, which an outsider uses too, do not
    make that IP a link of the re-applicant's ring (nor a kind that adds to its strength)."""
    hits = [
        hit("a1", "shared_account", group="account:1"),
        hit("b", "shared_account", group="account:1"),
        hit("a1", "shared_ip", group="ip:9"),
        hit("a2", "shared_ip", group="ip:9"),
        hit("stranger", "shared_ip", group="ip:9"),
    ]
    rings, _ = _rings(hits, pairs=[("a1", "a2")])
    assert [r.members for r in rings] == [("a1", "a2", "b")]
    assert [g.key for g in rings[0].groups] == ["account:1"]


def test_hub_groups_join_nobody() -> None:
    hits = [hit(f"p{i}", "shared_account", group="account:hub") for i in range(60)]
    rings, _ = _rings(hits)
    assert rings == []


def test_facilitators_rank_shared_things_of_rings() -> None:
    hits = [hit(x, "shared_account", group="account:1") for x in "abc"] + [
        hit("a", "shared_ip", group="ip:9"),
        hit("b", "shared_ip", group="ip:9"),
    ]
    rings, groups = _rings(hits)
    facs = rank_facilitators(rings, groups, {rings[0].ring_id: 0.9})
    assert facs[0].key == "account:1"
    assert "3 record(s)" in facs[0].why
    assert {f.key for f in facs} == {"account:1", "ip:9"}


def test_holder_of_a_stolen_id_with_no_other_link_is_not_pulled_into_the_ring() -> None:
    cat = {**CAT, "nid_reuse": fake_indicator("nid_reuse", link="strong")}
    hits = [
        hit("t1", "shared_account", group="account:1"),
        hit("t2", "shared_account", group="account:1"),
        *(hit(x, "nid_reuse", group="nid:h") for x in ("t1", "t2", "victim")),
    ]
    ids = {x: x for x in ("t1", "t2", "victim")}
    rings = find_rings(build_groups(hits, cat), ids)
    assert [r.members for r in rings] == [("t1", "t2")]
    # With no other evidence anywhere, the shared id alone still links its holders.
    only_nid = [hit(x, "nid_reuse", group="nid:h") for x in ("a", "b")]
    assert [r.members for r in find_rings(build_groups(only_nid, cat), {"a": "a", "b": "b"})] == [("a", "b")]


def test_facilitator_joins_only_people_who_arrived_in_one_wave() -> None:
    from datetime import date

    hits = [hit(x, "shared_account", group="account:farm") for x in ("a", "b", "c", "d")]
    groups = build_groups(
        hits, {**CAT, "shared_account": fake_indicator("shared_account", "payout", link="strong")}
    )
    dates = {"a": date(2024, 1, 1), "b": date(2024, 2, 1), "c": date(2025, 6, 1), "d": date(2025, 7, 1)}
    rings = find_rings(groups, {x: x for x in "abcd"}, dates=dates)
    assert sorted(r.members for r in rings) == [("a", "b"), ("c", "d")]


def _dated_rings(hits, dates, extra=None):
    cat = {**CAT, **(extra or {})}
    people = sorted({h.record_id for h in hits})
    return sorted(r.members for r in find_rings(build_groups(hits, cat), {p: p for p in people}, dates=dates))


def test_a_stolen_id_links_the_wave_of_its_holders_not_its_earlier_owner() -> None:
    from datetime import date

    nid = _strong("nid_reuse")
    hits = [hit(x, "nid_reuse", group="nid:h") for x in ("owner", "p1", "p2")]
    dates = {"owner": date(2021, 1, 1), "p1": date(2024, 3, 1), "p2": date(2024, 4, 1)}
    assert _dated_rings(hits, dates, nid) == [("p1", "p2")]
    # the earliest holder is a persona too when it applied in the same wave
    dates["owner"] = date(2024, 2, 1)
    assert _dated_rings(hits, dates, nid) == [("owner", "p1", "p2")]


def test_an_early_referrer_joins_the_wave_it_referred() -> None:
    from datetime import date

    referral = _strong("referred")
    hits = [hit(x, "referred", group="referral:boss") for x in ("boss", "p1", "p2")]
    dates = {"boss": date(2019, 5, 1), "p1": date(2024, 3, 1), "p2": date(2024, 4, 1)}
    assert _dated_rings(hits, dates, referral) == [("boss", "p1", "p2")]


def test_clusters_sharing_two_facilitator_things_in_one_wave_fuse() -> None:
    from datetime import date

    extra = _strong("photo", "ship", "placed")
    team = [hit(x, "photo", group="photo:1") for x in ("a", "b")] + [
        hit(x, "photo", group="photo:2") for x in ("c", "d")
    ]
    dates = {x: date(2024, 3, i + 1) for i, x in enumerate("abcd")}
    front = [hit(x, "placed", group="vendor:front") for x in ("a", "c")]
    # one front agency serving both pairs: two operators, kept apart
    assert _dated_rings(team + front, dates, extra) == [("a", "b"), ("c", "d")]
    # the same front and the same laptop farm: one operator's personas, partly linked
    farm = [hit(x, "ship", group="address:farm") for x in ("b", "d")]
    assert _dated_rings(team + front + farm, dates, extra) == [("a", "b", "c", "d")]


def test_a_farms_address_and_connection_are_one_facilitator() -> None:
    from datetime import date

    extra = {
        "photo": fake_indicator("photo", link="strong"),
        "ship": fake_indicator("ship", link="strong"),
        "ip_many": fake_indicator("ip_many", "signin", link="strong"),
    }
    team = [hit(x, "photo", group="photo:1") for x in ("a", "b")] + [
        hit(x, "photo", group="photo:2") for x in ("c", "d")
    ]
    dates = {x: date(2024, 3, i + 1) for i, x in enumerate("abcd")}
    farm = [hit(x, "ship", group="address:farm") for x in ("a", "c")] + [
        hit(x, "ip_many", group="ip:farm") for x in ("b", "d")
    ]
    # two teams housed by one laptop farm: its address and its connection count once
    assert _dated_rings(team + farm, dates, extra) == [("a", "b"), ("c", "d")]


def test_people_sharing_two_facilitators_are_a_team_before_they_meet_another_at_a_farm() -> None:
    from datetime import date

    extra = _strong("photo", "ship", "placed", "referred")
    team = [hit(x, "photo", group="photo:1") for x in ("a", "b")]
    # x, y and z share nothing of their own, only their front agency and their referrer
    front = [hit(x, "placed", group="vendor:front") for x in ("x", "y", "z")]
    boss = [hit(x, "referred", group="referral:boss") for x in ("boss", "x", "y", "z")]
    farm = [hit(x, "ship", group="address:farm") for x in ("a", "x")]
    dates = {x: date(2024, 3, i + 1) for i, x in enumerate(["a", "b", "x", "y", "z"])}
    dates["boss"] = date(2019, 1, 1)
    rings = _dated_rings(team + front + boss + farm, dates, extra)
    assert rings == [("a", "b"), ("boss", "x", "y", "z")]


def test_a_lone_persona_joins_the_cluster_nearest_in_time() -> None:
    from datetime import date

    extra = _strong("photo", "placed")
    hits = (
        [hit(x, "photo", group="photo:1") for x in ("a1", "a2", "a3")]
        + [hit(x, "photo", group="photo:2") for x in ("b1", "b2")]
        + [hit(x, "placed", group="vendor:front") for x in ("a1", "b1", "lone")]
    )
    dates = {"a1": date(2024, 1, 1), "a2": date(2024, 1, 5), "a3": date(2024, 1, 9)}
    dates |= {"b1": date(2024, 5, 1), "b2": date(2024, 5, 3), "lone": date(2024, 5, 10)}
    assert _dated_rings(hits, dates, extra) == [("a1", "a2", "a3"), ("b1", "b2", "lone")]


def test_a_lone_persona_on_two_lists_joins_the_better_cluster_whichever_list_comes_first() -> None:
    from datetime import date

    extra = _strong("photo", "placed")
    # two teams: the lender pays b1 (team b), w and x; the front places team a and x. The
    # lender's list is shorter, so it comes first, and b is the only cluster on it; x arrived
    # among team a, not team b, so it joins team a, and w, paid by the lender only but
    # arriving among team a too, follows x (though w comes first on the list)
    hits = (
        [hit(p, "photo", group="photo:a") for p in ("a1", "a2")]
        + [hit(p, "photo", group="photo:b") for p in ("b1", "b2")]
        + [hit(p, "shared_account", group="account:lent") for p in ("b1", "w", "x")]
        + [hit(p, "placed", group="vendor:front") for p in ("a1", "a2", "x", "a3")]
    )
    dates = {"a1": date(2024, 9, 3), "a2": date(2024, 10, 16), "x": date(2024, 10, 2)}
    dates |= {"a3": date(2024, 10, 20), "w": date(2024, 9, 20)}
    dates |= {"b1": date(2024, 11, 21), "b2": date(2024, 11, 11)}
    assert _dated_rings(hits, dates, extra) == [("a1", "a2", "a3", "w", "x"), ("b1", "b2")]


def test_a_lone_persona_moves_only_to_a_cluster_that_is_better_and_near_in_time() -> None:
    from datetime import date

    extra = _strong("photo", "placed", "ship", "farm_ip")
    teams = [hit(p, "photo", group="photo:b") for p in ("b1", "b2")]
    teams += [hit(p, "photo", group="photo:c") for p in ("c1", "c2")]
    front = [hit(p, "placed", group="vendor:front") for p in ("b1", "b2", "b3", "x")]
    # x also used team c's farm (its address and its connection: one facilitator, not two),
    # but almost four months after team c (one wave of the farm, yet over 90 days): it stays
    # with team b, whose front placed it days apart
    farm = [hit(p, "ship", group="address:farm") for p in ("c1", "c2", "x")]
    farm += [hit(p, "farm_ip", group="ip:farm") for p in ("c1", "c2", "x")]
    dates = {"c1": date(2024, 1, 5), "c2": date(2024, 1, 10), "x": date(2024, 5, 1)}
    dates |= {"b1": date(2024, 4, 10), "b2": date(2024, 4, 20), "b3": date(2024, 4, 25)}
    assert _dated_rings(teams + front + farm, dates, extra) == [("b1", "b2", "b3", "x"), ("c1", "c2")]
    # as near to a larger cluster as to the one on the list at hand, x stays: size is no reason
    lender = [hit(p, "shared_account", group="account:lent") for p in ("b1", "x")]
    big = [hit(p, "photo", group="photo:a") for p in ("a1", "a2", "a3")]
    big += [hit(p, "placed", group="vendor:front2") for p in ("a1", "a2", "a3", "x")]
    dates |= {"a1": date(2024, 5, 11), "a2": date(2024, 5, 15), "a3": date(2024, 5, 20)}
    dates |= {"b1": date(2024, 4, 21)}
    rings = _dated_rings(teams[:2] + lender + big, dates, extra)
    assert rings == [("a1", "a2", "a3"), ("b1", "b2", "x")]


def test_lone_people_months_from_the_only_cluster_on_a_list_are_another_team() -> None:
    from datetime import date, timedelta

    extra = _strong("photo")
    team = [hit(x, "photo", group="photo:1") for x in ("a1", "a2", "a3")]
    start = date(2024, 1, 1)
    dates = {"a1": start, "a2": start + timedelta(days=10), "a3": start + timedelta(days=20)}
    # one lent account pays the team and, later, two people with no artefact of their own;
    # the gaps (100 days, then 40) chain them all into one wave of the account
    dates |= {"x": start + timedelta(days=120), "y": start + timedelta(days=160)}
    lent = [hit(p, "shared_account", group="account:lent") for p in ("a3", "x", "y")]
    assert _dated_rings(team + lent, dates, extra) == [("a1", "a2", "a3"), ("x", "y")]
    # within 90 days of a member they are taken for the team's own; each is measured against
    # the people the team already held, not against the others that the account brings
    dates |= {"x": start + timedelta(days=100), "y": start + timedelta(days=110)}
    assert _dated_rings(team + lent, dates, extra) == [("a1", "a2", "a3", "x", "y")]
    # once someone is that far, those nearer to them than to the team go with them: y is 80
    # days from the team but 30 from x
    dates |= {"x": start + timedelta(days=130), "y": start + timedelta(days=100)}
    assert _dated_rings(team + lent, dates, extra) == [("a1", "a2", "a3"), ("x", "y")]
    # a referrer's referees are its operator's whenever they arrive
    referral = _strong("referred")
    dates |= {"x": start + timedelta(days=120), "y": start + timedelta(days=160)}
    refs = [hit(p, "referred", group="referral:a3") for p in ("a3", "x", "y")]
    assert _dated_rings(team + refs, dates, {**extra, **referral}) == [("a1", "a2", "a3", "x", "y")]


def test_facilitator_kind_weights_name_real_group_kinds() -> None:
    import re
    from pathlib import Path

    from hirewall.graph.facilitators import KIND_WEIGHT

    src = Path(__file__).parents[2] / "src" / "hirewall"
    text = "\n".join(p.read_text() for p in src.rglob("*.py"))
    kinds = set(re.findall(r'group_prefix="([a-z-]+)"', text)) | set(re.findall(r'group=f"([a-z-]+):', text))
    assert set(KIND_WEIGHT) <= kinds, set(KIND_WEIGHT) - kinds


def test_an_insider_referrer_is_a_facilitator_and_the_operators_own_phone_is_not() -> None:
    cat = {
        **CAT,
        "ref": fake_indicator("ref", link="strong"),
        "phone": fake_indicator("phone", link="strong"),
    }
    hits = [hit(x, "ref", group="referral:boss") for x in ("boss", "a", "b", "c")]
    hits += [hit(x, "phone", group="phone:+1555") for x in ("a", "b", "c")]
    groups = build_groups(hits, cat)
    rings = find_rings(groups, {x: x for x in ("boss", "a", "b", "c")})
    facs = rank_facilitators(rings, groups, {rings[0].ring_id: 0.9})
    assert [f.key for f in facs] == ["referral:boss"]
    assert {g.key for g in rings[0].groups} == {"referral:boss", "phone:+1555"}


def test_a_weak_link_between_two_people_who_stand_out_alone_joins_them() -> None:
    hits = [hit("a", "shared_ip", group="ip:1"), hit("b", "shared_ip", group="ip:1")]
    groups = build_groups(hits, CAT)
    ids = {"a": "a", "b": "b"}
    assert find_rings(groups, ids) == []
    assert find_rings(groups, ids, flagged=frozenset({"a"})) == []
    assert [r.members for r in find_rings(groups, ids, flagged=frozenset({"a", "b"}))] == [("a", "b")]


def test_a_weak_ip_shared_by_two_people_who_arrived_together_is_a_ring_of_two() -> None:
    from datetime import date

    hits = [hit(x, "shared_ip", group="ip:farm") for x in ("a", "b")]
    hits += [hit(x, "shared_ip", group="ip:cafe") for x in ("c", "d")]
    dates = {"a": date(2024, 1, 1), "b": date(2024, 3, 1), "c": date(2023, 1, 1), "d": date(2024, 6, 1)}
    assert _dated_rings(hits, dates) == [("a", "b")]
    assert _dated_rings(hits, {}) == []


def test_co_arrival_attaches_a_loner_to_a_ring_at_the_strength_of_its_weak_link() -> None:
    from datetime import date

    hits = [hit(x, "shared_account", group="account:1") for x in ("a", "b")]
    hits += [hit(x, "shared_ip", group="ip:1") for x in ("b", "stranger")]
    hits += [hit(x, "shared_vendor", group="vendor:v") for x in ("c", "d")]
    dates = {p: date(2024, 1, 1) for p in ("a", "b", "stranger", "c", "d")}
    people = {p: p for p in dates}
    [ring] = find_rings(build_groups(hits, CAT), people, dates=dates)
    assert ring.members == ("a", "b", "stranger")
    assert ring.attached == ("stranger",)
    # the ring's own links and strength are unchanged: the IP ties only the stranger to it
    assert [g.key for g in ring.groups] == ["account:1"]
    assert [g.key for g in ring.attached_by] == ["ip:1"]
    assert ring.strength == 2 / 3
    assert ring.member_strength("a") == 2 / 3
    # one weak link, corroborated by the firm ring it leads into: two weak links' worth
    assert ring.member_strength("stranger") == 2 / 3
    assert ring.member_strength("c") == 0.0
    assert "shares ip with just one member" in (ring.membership_note("stranger") or "")
    assert "corroborated by the ring's own links" in (ring.membership_note("stranger") or "")
    assert ring.membership_note("a") is None
    # arriving out of the ring's wave, or sharing with members of two rings, attaches nobody
    late = {**dates, "stranger": date(2025, 1, 1)}
    assert [r.members for r in find_rings(build_groups(hits, CAT), people, dates=late)] == [("a", "b")]
    other = [hit(x, "shared_account", group="account:2") for x in ("e", "f")]
    other += [hit(x, "shared_ip", group="ip:2") for x in ("e", "stranger")]
    dates |= {"e": date(2024, 1, 1), "f": date(2024, 1, 1)}
    rings = find_rings(build_groups(hits + other, CAT), {p: p for p in dates}, dates=dates)
    assert sorted(r.members for r in rings) == [("a", "b"), ("e", "f")]


def test_a_loner_attached_to_a_ring_held_by_one_weak_link_gets_that_one_links_strength() -> None:
    from datetime import date

    hits = [hit(x, "shared_ip", group="ip:1") for x in ("a", "b")]  # joined: both stand out
    hits += [hit(x, "shared_ip", group="ip:2") for x in ("b", "stranger")]
    dates = {p: date(2024, 1, 1) for p in ("a", "b", "stranger")}
    people = {p: p for p in dates}
    [ring] = find_rings(build_groups(hits, CAT), people, dates=dates, flagged=frozenset("ab"))
    assert ring.attached == ("stranger",) and not ring.firm
    assert ring.member_strength("stranger") == ring.member_strength("a") == 1 / 3
    assert (ring.membership_note("stranger") or "").endswith("counted as one weak link")


def test_a_weak_facilitator_link_between_people_who_stand_out_does_not_fuse_two_teams() -> None:
    """Two teams, each held by its own operator's phone, whose flagged members share a laptop
    farm's connection (a weak link) are two rings served by one farm; a flagged loner on that
    connection still joins a team, and a weak link of a kind no facilitator provides (a fuzzy
    identity match) still joins two flagged members of two teams."""
    cat = {**CAT, **_strong("shared_phone"), "linkage": fake_indicator("linkage", link="weak")}
    hits = [hit(x, "shared_phone", group="phone:1") for x in ("a1", "a2")]
    hits += [hit(x, "shared_phone", group="phone:2") for x in ("b1", "b2")]
    hits += [hit(x, "shared_ip", group="ip:farm") for x in ("a1", "b1", "loner")]
    ids = {p: p for p in ("a1", "a2", "b1", "b2", "loner")}
    rings = find_rings(build_groups(hits, cat), ids, flagged=frozenset({"a1", "b1", "loner"}))
    assert sorted(r.members for r in rings) in (
        [("a1", "a2"), ("b1", "b2", "loner")],
        [("a1", "a2", "loner"), ("b1", "b2")],
    )
    teams = [h for h in hits if h.group != "ip:farm"]
    fused = teams + [hit(x, "linkage", group="linkage:a1|b1") for x in ("a1", "b1")]
    rings = find_rings(build_groups(fused, cat), ids, flagged=frozenset({"a1", "b1"}))
    assert [r.members for r in rings] == [("a1", "a2", "b1", "b2")]
