from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hirewall.engine.duckdb import DuckDBEngine
from hirewall.linkage.model import TrainingOptions, model_path_for
from hirewall.linkage.resolve import LinkageOptions, link_people
from hirewall.settings import Settings

pytestmark = pytest.mark.spark


def _partition(result: Any) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for rid, ident in zip(
        result.clusters["record_id"].to_pylist(), result.clusters["identity_id"].to_pylist(), strict=True
    ):
        groups.setdefault(ident, set()).add(rid)
    return {frozenset(g) for g in groups.values()}


def test_duckdb_and_spark_give_the_same_clusters(store: DuckDBEngine, spark: Any, tmp_path: Path) -> None:
    path = model_path_for(tmp_path / "store.duckdb")
    opts = LinkageOptions(training=TrainingOptions(u_max_pairs=2e5))
    duck = link_people(store, Settings(), path, options=opts)
    on_spark = link_people(store, Settings(engine="spark"), path, options=opts, spark=spark)
    assert not on_spark.trained
    assert _partition(on_spark) == _partition(duck)
    assert any(len(g) > 1 for g in _partition(duck))
    key = ["record_id_l", "record_id_r"]
    assert sorted(on_spark.shared_operator.select(key).to_pylist(), key=str) == sorted(
        duck.shared_operator.select(key).to_pylist(), key=str
    )


def test_spark_trains_a_model(store: DuckDBEngine, spark: Any, tmp_path: Path) -> None:
    path = tmp_path / "spark-model.json"
    res = link_people(
        store,
        Settings(engine="spark"),
        path,
        options=LinkageOptions(training=TrainingOptions(u_max_pairs=5e4)),
        spark=spark,
    )
    assert res.trained and path.exists() and res.clusters.num_rows > 0
