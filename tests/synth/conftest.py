"""Shared synthetic worlds: generated once per session in a temporary folder."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from hirewall.synth import generate_world

Rows = list[dict[str, str]]
World = Callable[[str], Rows]


def read(path: Path) -> Rows:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _world(tmp: pytest.TempPathFactory, people: int, seed: int, difficulty: str) -> World:
    out = tmp.mktemp(f"world-{difficulty}-{people}")
    generate_world(out, people, seed, difficulty=difficulty)
    cache: dict[str, Rows] = {}

    def table(name: str) -> Rows:
        if name not in cache:
            cache[name] = read(out / f"{name}.csv")
        return cache[name]

    table.path = out  # type: ignore[attr-defined]
    return table


@pytest.fixture(scope="session")
def normal(tmp_path_factory: pytest.TempPathFactory) -> World:
    return _world(tmp_path_factory, 4000, 11, "normal")


@pytest.fixture(scope="session")
def by_difficulty(tmp_path_factory: pytest.TempPathFactory) -> dict[str, World]:
    return {d: _world(tmp_path_factory, 4000, 5, d) for d in ("easy", "normal", "hard")}


@pytest.fixture(scope="session")
def big(tmp_path_factory: pytest.TempPathFactory) -> World:
    return _world(tmp_path_factory, 10_000, 3, "normal")
