"""Generated documentation must match the code (run `make docs` after changing indicators)."""

from pathlib import Path

import pytest

from hirewall.docs import GENERATED

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_docs_are_current(name: str) -> None:
    assert (DOCS / name).read_text(encoding="utf-8") == GENERATED[name](), f"run `make docs`: {name} is stale"


def test_every_indicator_is_in_the_catalogue_doc() -> None:
    from hirewall.indicators import catalogue

    text = (DOCS / "indicators.md").read_text(encoding="utf-8")
    for ind in catalogue().values():
        assert f"`{ind.id}`" in text and ind.title in text
