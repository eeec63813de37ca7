from hirewall.engine.duckdb import DuckDBEngine
from hirewall.graph.referrals import referral_hits
from hirewall.indicators._waves import arrival_dates
from hirewall.store import create_schema


def _store(pairs: list[tuple[str, str | None]]) -> DuckDBEngine:
    eng = DuckDBEngine(None)
    create_schema(eng)
    for rid, ref in pairs:
        eng.execute("INSERT INTO people (record_id, referred_by) VALUES (?, ?)", [rid, ref])
    return eng


def _dated(rows: list[tuple[str, str | None, str]]) -> DuckDBEngine:
    """people: record id, referrer and applied date."""
    eng = DuckDBEngine(None)
    create_schema(eng)
    for rid, ref, applied in rows:
        eng.execute(
            "INSERT INTO people (record_id, referred_by, applied_at) VALUES (?, ?, ?)", [rid, ref, applied]
        )
    return eng


def test_referee_of_a_ring_member_joins_through_the_referral_chain() -> None:
    eng = _store([("a", None), ("b", "a"), ("c", "b"), ("x", None), ("y", "x")])
    hits = referral_hits(eng, {"a": "ring-1"}, arrival_dates(eng))
    joined = {h.record_id for h in hits}
    assert joined == {"a", "b", "c"}  # b through a, then c through b; x and y are untouched
    assert {h.group for h in hits if h.record_id == "c"} == {"referral:b"}


def test_referrer_of_two_ring_members_joins_but_one_referral_alone_does_not() -> None:
    eng = _store([("boss", None), ("p1", "boss"), ("p2", "boss"), ("q", "solo")])
    assert {h.record_id for h in referral_hits(eng, {"p1": "r", "p2": "r"}, arrival_dates(eng))} == {
        "boss",
        "p1",
        "p2",
    }
    assert referral_hits(eng, {}, arrival_dates(eng)) == []


def test_referrer_of_one_member_joins_only_from_the_same_wave() -> None:
    rows = [
        ("p0", None, "2024-01-05"),  # a persona who recommended the next one
        ("p1", "p0", "2024-02-01"),  # the ring member
        ("old", None, "2015-03-01"),  # a long-standing employee who once referred a persona
        ("q1", "old", "2024-02-03"),
    ]
    eng = _dated(rows)
    joined = {h.record_id for h in referral_hits(eng, {"p1": "ring-1", "q1": "ring-2"}, arrival_dates(eng))}
    assert "p0" in joined and "old" not in joined


def test_chains_are_followed_past_a_few_links() -> None:
    chain = [("c0", None)] + [(f"c{i}", f"c{i - 1}") for i in range(1, 9)]
    eng = _store(chain)
    assert {h.record_id for h in referral_hits(eng, {"c0": "ring-1"}, arrival_dates(eng))} == {
        f"c{i}" for i in range(9)
    }


def test_referrer_of_two_people_who_stand_out_on_their_own_is_tied_to_them() -> None:
    rows = [("boss", None, "2019-01-01"), ("p1", "boss", "2024-01-10"), ("p2", "boss", "2024-03-01")]
    rows += [("p3", "boss", "2024-02-01"), ("late", "boss", "2027-01-01")]
    eng = _dated(rows)
    assert referral_hits(eng, {}, arrival_dates(eng), frozenset({"p1"})) == []
    hits = referral_hits(eng, {}, arrival_dates(eng), frozenset({"p1", "p2", "late"}))
    assert {h.record_id for h in hits} == {"boss", "p1", "p2"}  # "late" is of another wave
    assert {h.group for h in hits} == {"referral:boss"}


def test_a_referrer_who_is_not_on_file_joins_no_ring() -> None:
    """An id in ``referred_by`` that no exported record holds is no person hirewall can score
    or a reviewer can open, so it stands in no ring, whatever the referrals say."""
    rows = [("p1", "ext", "2024-01-10"), ("p2", "ext", "2024-02-01"), ("q", "p1", "2024-02-03")]
    eng = _dated(rows)
    hits = referral_hits(eng, {"p1": "ring-1"}, arrival_dates(eng), frozenset({"p1", "p2"}))
    assert "ext" not in {h.record_id for h in hits}
    assert {h.record_id for h in hits} == {"p1", "q"}  # the referral on file still counts


def test_only_rings_with_a_strong_link_or_two_weak_kinds_apart_from_referrals_seed_chains() -> None:
    from hirewall.graph.links import Group, Ring
    from hirewall.graph.referrals import ring_members, seed_rings

    def ring(ring_id: str, *links: tuple[str, str]) -> Ring:
        groups = tuple(Group(f"{kind}:{ring_id}", link) for kind, link in links)
        return Ring(ring_id, (f"{ring_id}-1", f"{ring_id}-2"), 2, groups)

    rings = [ring("one-weak", ("ip", "weak")), ring("two-weak", ("ip", "weak"), ("vendor", "weak"))]
    rings.append(ring("strong", ("account", "strong")))
    # a referral burst is a strong link, but chains from it would count those referrals twice
    rings.append(ring("burst", ("referral", "strong")))
    rings.append(ring("burst-and-ip", ("referral", "strong"), ("ip", "weak")))
    rings.append(ring("burst-and-account", ("referral", "strong"), ("account", "strong")))
    assert set(seed_rings(rings).values()) == {"two-weak", "strong", "burst-and-account"}
    # a burst's people are in a ring all the same: the same-wave rules leave them alone
    assert ring_members(rings) == {f"{r.ring_id}-{i}" for r in rings[1:] for i in (1, 2)}


def test_a_member_attached_by_one_weak_link_seeds_no_referral_chain() -> None:
    from hirewall.graph.links import Group, Ring
    from hirewall.graph.referrals import ring_members, seed_rings

    ip = Group("ip:pair", "weak", records={"r-2", "joined"})
    ring = Ring("r", ("joined", "r-1", "r-2"), 3, (Group("account:r", "strong"),), ("joined",), (ip,))
    assert seed_rings([ring]) == {"r-1": "r", "r-2": "r"}
    assert ring_members([ring]) == {"r-1", "r-2"}


def test_a_same_wave_referral_with_one_side_standing_out_ties_the_two() -> None:
    rows = [("star", None, "2024-01-10"), ("friend", "star", "2024-02-01")]
    rows += [("old", None, "2019-01-01"), ("recruit", "old", "2024-03-01")]
    rows += [("quiet", None, "2024-01-05"), ("pal", "quiet", "2024-01-20")]
    rows += [("m1", None, "2024-01-05"), ("m2", "m1", "2024-01-20")]
    eng = _dated(rows)
    ring = {"m1": "r", "m2": "r"}
    hits = referral_hits(eng, ring, arrival_dates(eng), frozenset({"star", "recruit", "m1"}))
    # star stands out and referred friend in its wave; recruit stands out, but its referrer
    # arrived years before; nobody in quiet's referral stands out; m1 and m2 are already
    # one ring, whose inner referrals add no link
    assert {(h.record_id, h.group) for h in hits} == {
        ("star", "referral:star"),
        ("friend", "referral:star"),
    }
    assert any("star stands out" in h.summary for h in hits)
    # in a ring that referral chains do not extend (a referral burst), star and friend are
    # already tied: the same-wave rule adds no link inside it, nor does any chain grow from it
    burst = frozenset({"star", "friend", "m1", "m2"})
    assert (
        referral_hits(eng, ring, arrival_dates(eng), frozenset({"star", "recruit", "m1"}), in_rings=burst)
        == []
    )


def test_a_same_wave_referral_between_two_people_with_evidence_from_two_families_ties_them() -> None:
    rows = [("a", None, "2024-01-10"), ("b", "a", "2024-02-01")]
    rows += [("c", None, "2024-01-10"), ("d", "c", "2024-02-01")]
    rows += [("e", None, "2019-01-10"), ("f", "e", "2024-02-01")]
    eng = _dated(rows)
    evidenced = frozenset({"a", "b", "c", "e", "f"})
    hits = referral_hits(eng, {}, arrival_dates(eng), evidenced=evidenced)
    # a and b both carry evidence and arrived together; d has none of its own; e referred f
    # years after arriving
    assert {(h.record_id, h.group) for h in hits} == {("a", "referral:a"), ("b", "referral:a")}
    assert all("both carry evidence of their own from two families" in h.summary for h in hits)


def test_a_person_referred_with_a_ring_member_in_its_wave_joins_with_the_referrer() -> None:
    rows = [
        ("boss", None, "2015-03-01"),  # a long-standing employee placing a team
        ("p1", "boss", "2024-02-01"),  # the ring member
        ("q", "boss", "2024-03-15"),  # referred by the same person in the same wave
        ("z", "boss", "2019-06-01"),  # referred by the same person years before
    ]
    eng = _dated(rows)
    hits = referral_hits(eng, {"p1": "ring-1"}, arrival_dates(eng))
    assert {h.record_id for h in hits} == {"boss", "p1", "q"}
    assert {h.group for h in hits} == {"referral:boss"}


def test_an_insider_pulls_in_only_the_people_it_referred_in_a_members_wave() -> None:
    rows = [
        ("boss", None, "2015-03-01"),
        ("p1", "boss", "2024-02-01"),
        ("p2", "boss", "2024-02-20"),
        ("z", "boss", "2019-06-01"),
        ("z2", "z", "2019-08-01"),
    ]
    eng = _dated(rows)
    hits = referral_hits(eng, {"p1": "ring-1", "p2": "ring-1"}, arrival_dates(eng))
    assert {h.record_id for h in hits} == {"boss", "p1", "p2"}


def test_a_referral_of_one_wave_inside_a_lead_ties_its_people() -> None:
    from hirewall.graph.links import Group, Ring
    from hirewall.graph.referrals import lead_rings

    def ip_pair(ring_id: str, a: str, b: str) -> Ring:
        return Ring(ring_id, (a, b), 2, (Group(f"ip:{ring_id}", "weak"),))

    rings = [
        ip_pair("l1", "a", "b"),
        ip_pair("l2", "c", "d"),
        ip_pair("l3", "e", "f"),
        ip_pair("l4", "g", "h"),
    ]
    rows = [("a", None, "2024-01-10"), ("b", "a", "2024-02-01")]  # one referred the other
    rows += [("boss", None, "2015-01-01"), ("c", "boss", "2024-01-10"), ("d", "boss", "2024-03-01")]
    rows += [("e", None, "2019-01-10"), ("f", "e", "2024-02-01")]  # years apart
    rows += [("g", None, "2024-01-10"), ("x", "g", "2024-02-01")]  # x shares nothing with g
    eng = _dated(rows + [("h", None, "2024-01-10")])
    leads = lead_rings(rings)
    assert leads["a"] == "l1"
    hits = referral_hits(eng, {}, arrival_dates(eng), leads=leads)
    assert {(h.record_id, h.group) for h in hits} == {
        ("a", "referral:a"),
        ("b", "referral:a"),
        ("boss", "referral:boss"),
        ("c", "referral:boss"),
        ("d", "referral:boss"),
    }
    # a firm ring is no lead: its referrals follow the chain rules instead
    assert lead_rings([Ring("f", ("a", "b"), 2, (Group("account:f", "strong"),))]) == {}
