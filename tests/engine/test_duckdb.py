from typing import Any

import pyarrow as pa
import pytest

from hirewall.engine.base import quote_ident
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import ConfigError, EngineError


def test_values_are_bound_not_spliced() -> None:
    eng = DuckDBEngine(None)
    eng.execute("CREATE TABLE t (name VARCHAR, _source_line BIGINT)")
    evil = "x'); DROP TABLE t; --"
    eng.execute("INSERT INTO t VALUES (?, 1)", [evil])
    assert eng.records("SELECT name FROM t WHERE name = ?", [evil]) == [{"name": evil}]
    assert eng.table_exists("t")


def test_engine_errors_carry_the_sql() -> None:
    with pytest.raises(EngineError) as err:
        DuckDBEngine(None).execute("SELECT * FROM missing_table")
    assert "missing_table" in err.value.sql


def test_quote_ident_refuses_injection() -> None:
    assert quote_ident("people") == '"people"'
    with pytest.raises(ValueError):
        quote_ident('people"; DROP TABLE x; --')


def test_upsert_replaces_rows_with_the_same_key() -> None:
    eng = DuckDBEngine(None)
    eng.execute("CREATE TABLE t (k VARCHAR, v INTEGER, _source_line BIGINT)")
    eng.upsert_arrow("t", pa.table({"k": ["a", "b"], "v": [1, 2], "_source_line": [1, 2]}), ["k"])
    eng.upsert_arrow("t", pa.table({"k": ["a", "a"], "v": [3, 4], "_source_line": [1, 2]}), ["k"])
    assert eng.query("SELECT k, v FROM t ORDER BY k") == [("a", 4), ("b", 2)]


@pytest.mark.parametrize(
    ("limits", "named"),
    [({"threads": -3}, "HIREWALL_THREADS"), ({"memory_limit": "lots"}, "HIREWALL_MEMORY_LIMIT")],
)
def test_invalid_limits_are_config_errors_naming_them(limits: dict[str, Any], named: str) -> None:
    with pytest.raises(ConfigError) as err:
        DuckDBEngine(None, **limits)
    value = next(iter(limits.values()))
    assert named in str(err.value) and repr(value) in str(err.value)


def test_valid_limits_are_applied() -> None:
    eng = DuckDBEngine(None, threads=2, memory_limit="1GB")
    assert eng.query("SELECT current_setting('threads')") == [(2,)]
