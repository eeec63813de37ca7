import re
from pathlib import Path

import pytest

from hirewall.indicators import catalogue
from hirewall.indicators.base import FAMILIES

INDICATORS_MD = Path(__file__).resolve().parents[2] / ".." / "shared" / "research" / "indicators.md"
CODE = re.compile(r"^(I|B|N|L|P|W|H)\d{1,2}$")
CAT = catalogue()


def known_sources() -> set[str]:
    if not INDICATORS_MD.exists():
        pytest.skip("../shared/research/indicators.md is absent")
    text = INDICATORS_MD.read_text(encoding="utf-8")
    return set(re.findall(r"^\| \*\*([A-Za-z0-9]+)\*\*", text, re.M))


def test_ids_are_unique_finding_style_names() -> None:
    assert len(CAT) >= 30
    for ind_id in CAT:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", ind_id), ind_id


@pytest.mark.parametrize("ind", CAT.values(), ids=list(CAT))
def test_every_indicator_is_documented(ind) -> None:
    assert ind.family in FAMILIES
    assert CODE.match(ind.code), ind.code
    assert ind.sources, "needs at least one source"
    assert ind.fairness in {"S", "C"}
    assert ind.link in {"strong", "weak", "none"}
    assert ind.tables
    lines = ind.explanation.splitlines()
    assert len(lines) >= 3 and lines[0] and not lines[1], "title line, blank line, explanation"
    assert 10 <= len(ind.title) <= 90
    if ind.fairness == "C":
        assert ind.link != "strong", "C-class evidence never links people on its own"


def test_sources_are_catalogue_tags() -> None:
    tags = known_sources()
    for ind in CAT.values():
        assert set(ind.sources) <= tags, (ind.id, set(ind.sources) - tags)


def test_minimum_coverage() -> None:
    codes = {ind.code for ind in CAT.values()}
    need = {"I1", "I2", "W3", "I7", "I9", "I12", "I13", "L1", "L2", "L3", "L5", "P1", "P2", "P3", "P4"}
    need |= {"N1", "N2", "N3", "N4", "N6", "N7", "N8", "N10"}
    assert need <= codes
