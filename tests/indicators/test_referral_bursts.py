from datetime import date, timedelta

from hirewall.indicators import identity as idn
from hirewall.indicators._referral_bursts import (
    MIN_BURST,
    TIGHT_DAYS,
    burst_thresholds,
    find_bursts,
    joint_thresholds,
    reported_bursts,
)
from hirewall.indicators._waves import WAVE_DAYS

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
    quiet = burst_thresholds(*_busy_org(1))[WAVE_DAYS]
    busy = burst_thresholds(*_busy_org(6))[WAVE_DAYS]
    assert quiet == MIN_BURST
    assert busy > quiet


def test_an_insiders_own_referrals_do_not_raise_the_bar_that_would_find_it() -> None:
    pairs, when = _busy_org(1)
    when["boss"] = _on(-3000)
    for i in range(9):
        when[f"p{i}"] = _on(700 + 7 * i)
        pairs.append((f"p{i}", "boss"))
    threshold = burst_thresholds(pairs, when)[WAVE_DAYS]
    assert threshold == MIN_BURST
    assert [b.root for b in find_bursts(pairs, when, threshold)] == ["boss"]


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


def _quiet_org_with(referrals: list[tuple[str, int]]) -> tuple[list[tuple[str, str]], dict[str, date]]:
    """100 employees each referring three people spread over four years, where chance makes
    bursts of three in one wave but rarely within a month, plus the given (referee, day)."""
    import random

    rng = random.Random(7)
    pairs, when = [], {"boss": _on(-3000)}
    for i in range(100):
        when[f"e{i}"] = _on(-3000)
        for j in range(3):
            when[f"n{i}-{j}"] = _on(rng.randrange(0, 1460))
            pairs.append((f"n{i}-{j}", f"e{i}"))
    for referee, day in referrals:
        when[referee] = _on(day)
        pairs.append((referee, "boss"))
    return pairs, when


def test_three_referrals_within_a_month_are_a_burst_where_three_in_a_wave_are_not() -> None:
    tight = [("p0", 700), ("p1", 712), ("p2", 725)]
    pairs, when = _quiet_org_with(tight)
    assert burst_thresholds(pairs, when) == {WAVE_DAYS: 4, TIGHT_DAYS: 3}
    [(burst, size)] = [(b, s) for b, s in reported_bursts(pairs, when) if b.root == "boss"]
    assert (burst.people, burst.days, size) == (("boss", "p0", "p1", "p2"), TIGHT_DAYS, 3)
    spread = [("p0", 700), ("p1", 790), ("p2", 880)]  # one wave, but not within a month
    assert not [b for b, _ in reported_bursts(*_quiet_org_with(spread)) if b.root == "boss"]


def test_a_tight_burst_inside_a_reported_wave_burst_is_not_reported_twice() -> None:
    pairs, when = _quiet_org_with([("p0", 700), ("p1", 705), ("p2", 710), ("p3", 790)])
    found = [(b.people, b.days) for b, _ in reported_bursts(pairs, when) if "boss" in b.people]
    assert found == [(("boss", "p0", "p1", "p2", "p3"), WAVE_DAYS)]


def test_two_scales_together_keep_chance_findings_under_the_null_rate() -> None:
    # 40 shuffles: a wave burst of four in 8 of them, a tight burst of three in 8 others.
    largest = (
        [{WAVE_DAYS: 4, TIGHT_DAYS: 2}] * 8
        + [{WAVE_DAYS: 3, TIGHT_DAYS: 3}] * 8
        + [{WAVE_DAYS: 3, TIGHT_DAYS: 2}] * 24
    )
    # each scale alone stays under a quarter of the shuffles at (4, 3); together they reach 16
    # of 40, so the tighter scale is raised
    assert joint_thresholds(largest) == {WAVE_DAYS: 4, TIGHT_DAYS: 4}
    assert joint_thresholds(largest[:8] + largest[16:]) == {WAVE_DAYS: 4, TIGHT_DAYS: 3}


def test_indicator_reports_a_tight_burst_with_its_scale_and_threshold() -> None:
    pairs, when = _quiet_org_with([("p0", 700), ("p1", 712), ("p2", 725)])
    referrer = dict(pairs)
    people = [
        person(rid, f"G{rid}", "Doe", applied_at=str(day))
        | ({"referred_by": referrer[rid]} if rid in referrer else {})
        for rid, day in when.items()
    ]
    hits = run(idn.referral_burst_in_one_wave, context(store(people=people)))
    boss = [h for h in hits if h.group == "referral:boss"]
    assert sorted(h.record_id for h in boss) == ["boss", "p0", "p1", "p2"]
    assert "gaps of at most 30 days (chance bursts: under 3)" in boss[0].summary
    assert boss[0].strength == 0.8  # four people where three arrivals are the threshold
