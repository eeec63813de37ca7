"""SQL written in DuckDB's dialect gives the same answers on the Spark engine."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pyarrow as pa
import pytest

from hirewall.egress import learn_org_egress
from hirewall.indicators._common import postal_area_sql
from hirewall.settings import Settings
from tests.indicators.conftest import FakeIpIntel
from tests.indicators.factory import store
from tests.test_egress import VPN_POOL, small_org

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark() -> Any:
    pytest.importorskip("pyspark")
    from hirewall.linkage.backends import local_spark_session

    return local_spark_session(2, "2g")


def test_learned_egress_and_postal_areas_are_the_same_on_spark(spark: Any) -> None:
    from hirewall.engine.spark import SparkEngine

    duck = store(signins=small_org())
    on_spark = SparkEngine(None, session=spark)
    on_spark.register_arrow("signins", duck.arrow("SELECT * FROM signins"))
    kinds = FakeIpIntel({ip: ("US", "hosting") for ip in VPN_POOL})
    learned = learn_org_egress(on_spark, Settings(), kinds)
    assert learned == learn_org_egress(duck, Settings(), kinds)
    assert len(learned.learned) == 4
    sql = f"SELECT {postal_area_sql('k')} FROM keys ORDER BY 1"
    keys = pa.table({"k": ["US|62701|1 OAK ST", "GB|SW1A 1AA|X"]})
    for engine in (duck, on_spark):
        engine.register_arrow("keys", keys)
    assert on_spark.query(sql) == duck.query(sql) == [("GB|SW1",), ("US|627",)]


def test_shipping_indicators_and_the_address_history_are_the_same_on_spark(spark: Any) -> None:
    """L1 and L2 over an address history (a couple who moved after their laptops came, and
    one of them left the ship-to a week before it) give the same hits on Spark. (L3 reads
    the people CTE, whose name key still uses DuckDB's strip_accents.)"""
    from hirewall.engine.spark import SparkEngine
    from hirewall.indicators import shipping as sh
    from hirewall.indicators._history import shipments_home_then
    from tests.indicators.factory import context
    from tests.indicators.test_history import OLD_HOME, couple, moved

    new_home = "5715 Orchard Boulevard, Miami, FL 33130, US"
    duck = couple([moved("a", "2023-02-03T10:00:00", OLD_HOME, new_home)])
    on_spark = SparkEngine(None, session=spark)
    for name in ("people", "shipments", "profile_changes"):
        on_spark.register_arrow(name, duck.arrow(f'SELECT * FROM "{name}"'))

    def hits(engine: Any) -> set[tuple[str, str, str, str | None]]:
        ctx = replace(context(duck), engine=engine)
        found = set()
        for ind in (sh.ship_to_differs_from_home, sh.address_changed_before_shipping):
            found |= {(h.record_id, h.indicator, h.summary, h.group) for h in ind(ctx)}
        return found

    assert shipments_home_then(on_spark, 30) == shipments_home_then(duck, 30) == ["s-a"]
    assert hits(on_spark) == hits(duck)
    assert ("b", "ship_to_differs_from_home") in {(r, i) for r, i, _, _ in hits(duck)}
