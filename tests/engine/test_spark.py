"""SQL written in DuckDB's dialect gives the same answers on the Spark engine."""

from __future__ import annotations

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
