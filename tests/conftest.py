"""Fixture policy: tests build tiny inputs in tmp_path or in-memory DuckDB stores; none touch
the network. Real reference data is read from ../shared/data (present in CI) and never copied.
A small synthetic world (``world``) is generated once per session and shared read-only.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,500-person synthetic organization with ground truth (read-only: copy before editing)."""
    from hirewall.synth import generate_world

    out = tmp_path_factory.mktemp("world")
    generate_world(out, people=1500, seed=4242, difficulty="easy")
    return out
