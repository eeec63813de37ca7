"""Reference-data tests: real files from ../shared/data (present in CI), everything else in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from hirewall.settings import Settings

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared reference data folder {SHARED} is absent")
    return SHARED


@pytest.fixture
def ref_settings(tmp_path: Path) -> Settings:
    return Settings(reference_dir=tmp_path / "reference")
