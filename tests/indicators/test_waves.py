from datetime import date

from hirewall.indicators._waves import WAVE_DAYS, first_arrivals, main_wave, waves


def test_waves_split_at_gaps_longer_than_wave_days() -> None:
    when = {"a": date(2024, 1, 1), "b": date(2024, 2, 1), "c": date(2025, 6, 1), "d": date(2025, 6, 2)}
    assert waves(list("abcd"), when) == [["a", "b"], ["c", "d"]]
    assert waves(["a", "c"], when) == []  # lone arrivals are no wave
    assert (when["c"] - when["b"]).days > WAVE_DAYS


def test_undated_people_form_their_own_wave() -> None:
    assert waves(["x", "y", "a"], {"a": date(2024, 1, 1)}) == [["x", "y"]]


def test_main_wave_is_the_largest_then_the_earliest() -> None:
    when = {p: date(2024, 1, i + 1) for i, p in enumerate("abc")} | {
        "d": date(2026, 1, 1),
        "e": date(2026, 1, 2),
    }
    assert main_wave(list("edcba"), when) == ["a", "b", "c"]
    when |= {"f": date(2030, 1, 1), "g": date(2030, 1, 2)}
    assert main_wave(["d", "e", "f", "g"], when) == ["d", "e"]
    assert main_wave(["a", "d"], when) == []


def test_lone_arrivals_are_waves_when_asked() -> None:
    when = {"a": date(2024, 1, 1), "b": date(2024, 2, 1), "c": date(2025, 6, 1)}
    assert waves(["c", "b", "a", "x"], when, min_size=1) == [["a", "b"], ["c"]]  # undated "x" alone is none


def test_one_wave_needs_every_date_and_no_long_gap() -> None:
    from datetime import date

    from hirewall.indicators._waves import one_wave

    when = {"a": date(2024, 1, 1), "b": date(2024, 4, 1), "c": date(2025, 1, 1)}
    assert one_wave(["a", "b"], when)
    assert not one_wave(["a", "c"], when)
    assert not one_wave(["a", "undated"], when)


def test_a_person_arrives_with_their_first_record() -> None:
    dates = {"a1": date(2025, 6, 2), "a2": date(2023, 5, 22), "b": date(2025, 7, 3), "c": None}
    assert first_arrivals(dates, {"a1": "ann", "a2": "ann"}) == {
        "ann": date(2023, 5, 22),
        "b": date(2025, 7, 3),
    }
