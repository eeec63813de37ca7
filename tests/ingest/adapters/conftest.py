from pathlib import Path

import pytest

from hirewall.contract import Contract, load_contract
from hirewall.engine.duckdb import DuckDBEngine

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def engine() -> DuckDBEngine:
    return DuckDBEngine(None)


@pytest.fixture
def contract() -> Contract:
    return load_contract()
