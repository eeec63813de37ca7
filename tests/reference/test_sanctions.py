from __future__ import annotations

import random
from pathlib import Path

import pytest

from hirewall.reference.catalog import update
from hirewall.reference.loaders import load_sanctions
from hirewall.reference.names import name_bench_f1, name_score
from hirewall.reference.sanctions import CONTROL, SanctionsScreen, SdnEntry, dob_evidence, load_sdn
from hirewall.settings import Settings

from .test_catalog import _as_sdn_csv

SUBSET = "ofac_sdn_dprk_subset_2024-05-03.csv"
ROMAN = {"KIM": "Gim", "RI": "Lee", "PAK": "Park", "CHOE": "Choi", "JONG": "Jung", "O": "Oh"}


@pytest.fixture(scope="module")
def screen() -> SanctionsScreen:
    path = Path(__file__).resolve().parents[2].parent / "shared" / "data" / SUBSET
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return SanctionsScreen(load_sdn(path))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kim Sang Man", "Sang Man KIM", True),
        ("Sang-Man Kim", "KIM, Sang Man".replace(",", ""), True),
        ("김상만", "Sang Man Kim", True),
        ("Gim Sang-man", "Kim Sang Man", True),
        ("Kim Sangman", "Kim Sang Man", True),
        ("Kim Sang Min", "Kim Sang Man", False),
        ("Song Hwa Jong", "Hwa Song Jong", False),
        ("John Smith", "Sang Man Kim", False),
    ],
)
def test_name_score(a: str, b: str, same: bool) -> None:
    assert (name_score(a, b) >= 0.7) is same, name_score(a, b)


def test_name_bench_beats_the_logic_v2_baseline(shared: Path) -> None:
    result = name_bench_f1(shared / "nomenklatura_name_bench_cases.csv")
    assert result["pairs"] == 826
    assert result["f1"] > 0.796, result


def test_loads_dprk_entries_with_aliases_and_attributes(screen: SanctionsScreen) -> None:
    entries = {e.ent_num: e for e in screen.entries}
    assert len(entries) == 593
    kim = entries[43377]
    assert (kim.name, kim.person, kim.countries) == ("KIM, Sang Man", True, ("KP",))
    assert kim.dobs == ("25 Apr 1965",)
    komid = entries[9345]
    assert "KOMID" in komid.aliases and not komid.person


def _perturb(e: SdnEntry, rng: random.Random) -> list[str]:
    last, first = (s.strip() for s in e.name.split(",", 1))
    out = [f"{last} {first}", f"{first} {last}".upper(), f"{first.replace(' ', '-')} {last.title()}"]
    if last.upper() in ROMAN:
        out.append(f"{first} {ROMAN[last.upper()]}")
    long = [t for t in first.split() if len(t) >= 6 and t.isalpha()]
    if long:
        t = long[0]
        i = rng.randrange(1, len(t) - 1)
        out.append(f"{first.replace(t, t[:i] + t[i + 1] + t[i] + t[i + 2 :])} {last}")
    return out


def test_perturbed_listed_names_are_found(screen: SanctionsScreen) -> None:
    rng = random.Random(1)
    persons = [e for e in screen.entries if e.person and "," in e.name]
    queries = [(e, q) for e in persons for q in _perturb(e, rng)]
    found = sum(any(h.entry.ent_num == e.ent_num for h in screen.screen(q)) for e, q in queries)
    assert len(queries) > 600 and found / len(queries) >= 0.93


def test_negatives_rarely_hit(screen: SanctionsScreen) -> None:
    for name in (
        "James Smith",
        "Maria Garcia",
        "Jennifer Wilson",
        "Wei Zhang",
        "Priya Sharma",
        "Min-jun Kim",
    ):
        assert screen.screen(name) == [], name
    rng = random.Random(2)
    persons = [e for e in screen.entries if e.person and "," in e.name]
    listed = {e.name.upper() for e in persons}
    recombined = []
    while len(recombined) < 500:  # a listed surname with another entry's given names
        a, b = rng.sample(persons, 2)
        last, given = a.name.split(",", 1)[0].strip(), b.name.split(",", 1)[1].strip()
        if f"{last}, {given}".upper() not in listed:
            recombined.append(f"{given} {last}")
    hits = sum(bool(screen.screen(q)) for q in recombined)
    assert hits / len(recombined) <= 0.15


def test_dob_and_country_corroborate(screen: SanctionsScreen) -> None:
    plain = screen.screen("Kim Sang Man")[0]
    assert plain.control == CONTROL and plain.entry.ent_num == 43377
    same = screen.screen("Kim Sang Man", dob="1965-04-25")[0]
    other = screen.screen("Kim Sang Man", dob="1990-02-01", country="US")
    assert same.score >= plain.score and any("matches" in e for e in same.evidence)
    assert not other or other[0].score < plain.score - 0.4
    kp = screen.screen("Kim Sang Man", country="KP")[0]
    assert kp.score == plain.score  # a matching nationality never raises the score


@pytest.mark.parametrize(
    ("listed", "dob", "delta"),
    [
        (["25 Apr 1965"], "1965-04-25", 0.1),
        (["1965"], "1965-07-01", 0.05),
        (["circa 1964"], "1965-01-01", 0.05),
        (["25 Apr 1965"], "1971-04-25", -0.25),
        ([], "1965-04-25", None),
    ],
)
def test_dob_evidence(listed: list[str], dob: str, delta: float | None) -> None:
    ev = dob_evidence(listed, dob)
    assert (ev[0] if ev else None) == delta


def test_entities_screen_against_entities(screen: SanctionsScreen) -> None:
    hits = screen.screen("Yanbian Silverstar Network Technology Co Ltd", person=False)
    assert hits and hits[0].entry.ent_num == 24977
    assert screen.screen("Yanbian Silverstar Network Technology", person=True) == []


def test_loaded_official_sdn_csv(shared: Path, tmp_path: Path, ref_settings: Settings) -> None:
    assert load_sanctions(ref_settings) is None
    sdn = tmp_path / "sdn.csv"
    sdn.write_text(_as_sdn_csv(shared / SUBSET), encoding="latin-1", errors="replace")
    update("ofac-sdn", sdn, ref_settings)
    loaded = load_sanctions(ref_settings)
    assert loaded is not None and len(loaded.entries) == 593
    assert loaded.screen("Sang-Man Kim")[0].entry.ent_num == 43377
