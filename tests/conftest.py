"""Fixture policy: tests build tiny inputs in tmp_path or in-memory DuckDB stores; none touch
the network. Real reference data is read from ../shared/data (present in CI) and never copied.
A small synthetic world (``world``) is generated once per session and shared read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_ID_KEY_BEFORE: list[str | None] = []


def pytest_configure(config: pytest.Config) -> None:
    """Ids are keyed with a fixed test key, set before test modules are collected (some build
    expected ids at import), so no test makes the machine's key file
    (``~/.config/hirewall/id-key``) and no id depends on the machine."""
    _ID_KEY_BEFORE.append(os.environ.get("HIREWALL_ID_KEY"))
    os.environ["HIREWALL_ID_KEY"] = "hirewall-tests"


def pytest_unconfigure(config: pytest.Config) -> None:
    before = _ID_KEY_BEFORE.pop() if _ID_KEY_BEFORE else None
    if before is None:
        os.environ.pop("HIREWALL_ID_KEY", None)
    else:
        os.environ["HIREWALL_ID_KEY"] = before


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,500-person synthetic organization with ground truth (read-only: copy before editing)."""
    from hirewall.synth import generate_world

    out = tmp_path_factory.mktemp("world")
    generate_world(out, people=1500, seed=4242, difficulty="easy")
    return out
