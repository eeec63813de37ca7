from datetime import date, timedelta

from hirewall.indicators import identity as idn
from hirewall.indicators._referral_bursts import (
    MIN_BURST,
    Thresholds,
    burst_thresholds,
    find_bursts,
    typical_count,
)

from .factory import context, person, run, store

DAY = date(2024, 3, 1)


def _on(days: int) -> date:
    return DAY + timedelta(days=days)


def test_a_chain_within_one_wave_is_one_burst_named_by_its_head() -> None:
    pairs = [("b", "a"), ("c", "b"), ("d", "c")]
    when = {"a": _on(0), "b": _on(20), "c": _on(45), "d": _on(70)}
    [burst] = find_bursts(pairs, when, 4)
    assert burst.people == ("a", "b", "c", "d")
    assert burst.arrivals == 4
    assert burst.root == "a"
    assert set(burst.referrals) == set(pairs)


def test_a_long_standing_referrer_joins_a_wave_but_is_not_counted_as_an_arrival() -> None:
    pairs = [("p", "x"), ("q", "x"), ("r", "x")]
    when = {"x": _on(-2000), "p": _on(0), "q": _on(10), "r": _on(30)}
    [burst] = find_bursts(pairs, when, 3)
    assert burst.people == ("p", "q", "r", "x")
    assert (burst.arrivals, burst.root) == (3, "x")
    assert find_bursts(pairs, when, 4) == []


def test_one_employees_referrals_years_apart_never_add_up() -> None:
    pairs = [(p, "x") for p in "pqrs"]
    when = {"x": _on(-3000), "p": _on(0), "q": _on(400), "r": _on(800), "s": _on(1200)}
    assert find_bursts(pairs, when, 2) == []


def test_a_chain_breaks_where_a_referee_arrived_outside_the_referrers_wave() -> None:
    pairs = [("b", "a"), ("c", "b"), ("d", "c")]
    when = {"a": _on(0), "b": _on(20), "c": _on(500), "d": _on(520)}
    assert [b.people for b in find_bursts(pairs, when, 2)] == [("a", "b"), ("b", "c", "d")]


def test_undated_referees_are_left_out() -> None:
    assert find_bursts([("b", "a"), ("c", "a")], {"a": _on(0)}, 1) == []


def _busy_org(referrals_per_referrer: int) -> tuple[list[tuple[str, str]], dict[str, date]]:
    """Many referrers, each referring people spread over four years, at random."""
    import random

    rng = random.Random(7)
    pairs, when = [], {}
    for i in range(300):
        when[f"e{i}"] = _on(-3000)
        for j in range(referrals_per_referrer):
            rid = f"n{i}-{j}"
            when[rid] = _on(rng.randrange(0, 1460))
            pairs.append((rid, f"e{i}"))
    return pairs, when


def test_the_threshold_rises_with_how_much_an_organization_refers() -> None:
    quiet = burst_thresholds(*_busy_org(1))
    busy = burst_thresholds(*_busy_org(6))
    assert quiet.arrivals == MIN_BURST
    assert busy.arrivals > quiet.arrivals
    assert busy.star > quiet.star


def test_an_insiders_own_referrals_do_not_raise_the_bar_that_would_find_it() -> None:
    pairs, when = _busy_org(1)
    when["boss"] = _on(-3000)
    for i in range(9):
        when[f"p{i}"] = _on(700 + 7 * i)
        pairs.append((f"p{i}", "boss"))
    threshold = burst_thresholds(pairs, when)
    assert threshold == Thresholds(MIN_BURST, MIN_BURST)
    assert [b.root for b in find_bursts(pairs, when, threshold.arrivals)] == ["boss"]


def test_the_typical_referral_count_is_what_99_percent_of_referrers_make() -> None:
    assert typical_count([]) == 0
    assert typical_count([1] * 99 + [9]) == 1  # 99 of 100 referrers made one referral each
    assert typical_count([1] * 199 + [9]) == 1
    assert typical_count([1] * 98 + [9, 9]) == 9  # only 98 of 100 made one
    assert typical_count([2, 1, 5]) == 5  # with few referrers, 99% of them is all of them


def _chains_and_pairs() -> tuple[list[tuple[str, str]], dict[str, date]]:
    """An organization where chance makes chains of three, but nobody refers three people:
    400 employees on file each refer one or two people, and 150 of those referees refer one
    more, all at random dates over four years."""
    import random

    rng = random.Random(11)
    pairs, when = [], {}
    for i in range(400):
        when[f"e{i}"] = _on(-3000)
        for j in range(1 + (i % 4 == 0)):
            when[f"n{i}-{j}"] = _on(rng.randrange(0, 1460))
            pairs.append((f"n{i}-{j}", f"e{i}"))
    referees = [e for e, _ in pairs]
    for i, e in enumerate(referees[:150]):
        when[f"m{i}"] = _on(rng.randrange(0, 1460))
        pairs.append((f"m{i}", e))
    return pairs, when


def test_stars_need_fewer_people_than_chains_where_chance_makes_chains_but_not_stars() -> None:
    pairs, when = _chains_and_pairs()
    chance = burst_thresholds(pairs, when)
    assert chance.star == MIN_BURST < chance.arrivals
    star = [(f"s{i}", "e1") for i in range(3)]
    chain = [("c1", "e2"), ("c2", "c1"), ("c3", "c2")]
    when |= {f"s{i}": _on(2000 + 9 * i) for i in range(3)} | {f"c{i}": _on(3000 + 9 * i) for i in range(1, 4)}
    found = find_bursts(pairs + star + chain, when, chance.arrivals, chance.star)
    assert [(b.people, b.arrivals, b.star) for b in found if {"s0", "c1"} & set(b.people)] == [
        (("e1", "s0", "s1", "s2"), 3, 3)
    ]


def test_a_star_threshold_never_exceeds_the_burst_threshold() -> None:
    for per_referrer in (1, 3, 6):
        chance = burst_thresholds(*_busy_org(per_referrer))
        assert MIN_BURST <= chance.star <= chance.arrivals


def test_the_threshold_is_the_same_for_the_same_referrals() -> None:
    pairs, when = _busy_org(4)
    assert burst_thresholds(pairs, when) == burst_thresholds(list(reversed(pairs)), when)


def _chain_people(n: int, start: int = 0, prefix: str = "c") -> list[dict[str, str]]:
    out = []
    for i in range(n):
        row = person(f"{prefix}{i}", f"G{prefix}{i}", "Doe", applied_at=str(_on(start + 15 * i)))
        if i:
            row["referred_by"] = f"{prefix}{i - 1}"
        out.append(row)
    return out


def _staff(n: int) -> list[dict[str, str]]:
    """Employees hired a month apart, every fifth referred by someone hired long before."""
    return [
        person(f"s{i}", f"S{i}", "Roe", applied_at=str(_on(-3000 + 30 * i)))
        | ({"referred_by": f"s{i - 40}"} if i >= 40 and i % 5 == 0 else {})
        for i in range(120)
    ]


def test_indicator_fires_for_every_member_of_a_burst_and_groups_them() -> None:
    people = _staff(120) + _chain_people(5) + _chain_people(2, prefix="k")
    hits = run(idn.referral_burst_in_one_wave, context(store(people=people)))
    assert sorted(h.record_id for h in hits) == [f"c{i}" for i in range(5)]
    assert {h.group for h in hits} == {"referral:c0"}
    assert all(len(h.evidence) == 4 for h in hits)
    assert "one of 5 people" in hits[0].summary
    assert hits[0].strength == 1.0  # five arrivals where three would already be reported


def test_indicator_is_silent_without_referrals() -> None:
    people = [person("a", "Ann", "Lee", applied_at="2024-01-01")]
    assert run(idn.referral_burst_in_one_wave, context(store(people=people))) == []


def test_a_star_of_one_referrer_is_reported_where_a_chain_of_as_many_arrivals_is_chance() -> None:
    pairs, when = _chains_and_pairs()
    pairs += [(f"s{i}", "e1") for i in range(3)] + [("c1", "e2"), ("c2", "c1"), ("c3", "c2")]
    when |= {f"s{i}": _on(2000 + 9 * i) for i in range(3)} | {f"c{i}": _on(3000 + 9 * i) for i in range(1, 4)}
    referrer = dict(pairs)
    people = [
        person(rid, f"G{rid}", "Doe", applied_at=str(d), referred_by=referrer.get(rid, ""))
        for rid, d in when.items()
    ]
    found = run(idn.referral_burst_in_one_wave, context(store(people=people)))
    hits = [h for h in found if h.group == "referral:e1"]
    assert sorted(h.record_id for h in hits) == ["e1", "s0", "s1", "s2"]
    assert {h.strength for h in hits} == {0.6}  # the least a reported burst gets: members need more
    assert "one person referred 3 of them" in hits[0].summary
