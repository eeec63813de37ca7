"""Shared fixtures for linkage tests: a seeded world and one lazily created SparkSession."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from world import World, load_world, make_world  # noqa: E402

from hirewall.engine.duckdb import DuckDBEngine  # noqa: E402


@pytest.fixture(scope="session")
def world() -> World:
    return make_world()


@pytest.fixture()
def store(world: World) -> Iterator[DuckDBEngine]:
    engine = load_world(world)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def spark() -> Any:
    pytest.importorskip("pyspark")
    from hirewall.engine.spark import local_session

    return local_session(2, "2g")
