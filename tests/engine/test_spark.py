"""SQL written in DuckDB's dialect gives the same answers on the Spark engine.

:func:`test_every_indicator_gives_the_same_hits_on_spark` is the parity check of a whole scan's
SQL; the others pin details a small world may not reach.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
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
    from hirewall.engine.spark import local_session

    return local_session(2, "2g")


def test_two_stores_in_one_process_keep_their_tables_apart(spark: Any, tmp_path: Path) -> None:
    """Two Spark stores on one SparkSession: neither sees the other's tables (temporary views
    are session-wide, so without a session of its own a new store would find an older store's
    ``people`` and append to it), and a store opened again from its path sees its own."""
    from hirewall.engine.spark import SparkEngine

    first = SparkEngine(None, session=spark)
    first.register_arrow("people", pa.table({"record_id": ["R1", "R2"]}))
    second = SparkEngine(tmp_path / "second", session=spark)
    assert not second.table_exists("people")
    second.execute("CREATE TABLE people (record_id VARCHAR)")
    assert second.query("SELECT count(*) FROM people") == [(0,)]
    assert first.query("SELECT count(*) FROM people") == [(2,)]
    second.upsert_arrow("people", pa.table({"record_id": ["R9"], "_source_line": [1]}), ["record_id"])
    assert SparkEngine(tmp_path / "second", session=spark).query("SELECT * FROM people") == [("R9",)]
    assert second.query("SELECT current_timezone()") == [("UTC",)]


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
    one of them left the ship-to a week before it) give the same hits on Spark."""
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


def test_name_keys_strip_accents_as_duckdb_does(spark: Any) -> None:
    """The people CTE's name key (DuckDB's strip_accents, a translate table on Spark)."""
    from hirewall.engine.duckdb import DuckDBEngine
    from hirewall.engine.spark import SparkEngine
    from hirewall.indicators._common import NAME_KEY_SQL

    names = pa.table(
        {
            "given_name": ["José", "Zoë", "Thị Ngọc", "Łukasz", "Søren", "Rene\u0301e", "Ærin", None, "Ça"],
            "family_name": [
                "Müller-Ortíz",
                "Brontë",
                "Nguyễn",
                "Wałęsa",
                "Ødegård",
                "D'Ávila",
                "Ōta",
                None,
                "Ĳssel",
            ],
        }
    )
    sql = f"SELECT {NAME_KEY_SQL} AS k FROM names ORDER BY 1 NULLS LAST"  # noqa: S608
    duck, on_spark = DuckDBEngine(None), SparkEngine(None, session=spark)
    for engine in (duck, on_spark):
        engine.register_arrow("names", names)
    assert on_spark.query(sql) == duck.query(sql)
    assert ("jose muller ortiz",) in duck.query(sql)


def test_every_indicator_gives_the_same_hits_on_spark(spark: Any, tmp_path: Path) -> None:
    """A small synthetic world, ingested into DuckDB and copied table by table into Spark:
    every indicator of the catalogue, the same-person pairs, the arrival dates, the learned
    egress, the referral rule and the sanctions subjects give identical results (hits with
    their strengths, summaries, groups and evidence)."""
    from hirewall.contract import load_contract
    from hirewall.engine.duckdb import DuckDBEngine
    from hirewall.engine.spark import SparkEngine
    from hirewall.graph.identity import identity_clusters, same_person_pairs
    from hirewall.graph.links import build_groups
    from hirewall.graph.referrals import lead_rings, referral_hits, ring_members, seed_rings
    from hirewall.graph.rings import find_rings
    from hirewall.indicators import catalogue
    from hirewall.indicators._waves import arrival_dates
    from hirewall.indicators.base import Context, Hit
    from hirewall.ingest.loader import ingest
    from hirewall.pipeline import build_services
    from hirewall.scoring.model import evidenced_alone, flagged_alone
    from hirewall.screening import SUBJECTS_SQL
    from hirewall.store import row_count
    from hirewall.synth import generate_world

    generate_world(tmp_path, people=200, seed=70101, difficulty="easy")
    contract = load_contract()
    duck = DuckDBEngine(None)
    ingest(duck, tmp_path, None, contract)
    on_spark = SparkEngine(None, session=spark)
    for name in contract.tables:
        on_spark.register_arrow(name, duck.arrow(f'SELECT * FROM "{name}"'))  # noqa: S608
    settings = Settings(progress=False)
    tables = frozenset(t for t in contract.tables if row_count(duck, t) > 0)
    services = build_services(duck, settings)
    indicators = {i: ind for i, ind in catalogue().items() if ind.applicable(tables)}

    def key(h: Hit) -> tuple[Any, ...]:
        return (h.record_id, h.indicator, h.strength, h.summary, h.group, repr(h.evidence))

    def hits(engine: Any) -> dict[str, list[tuple[Any, ...]]]:
        ctx = Context(engine, settings, tables, services)
        return {i: sorted(map(key, ind(ctx))) for i, ind in indicators.items()}

    found = hits(duck)
    assert hits(on_spark) == found
    assert len(indicators) == len(catalogue())
    assert sum(1 for h in found.values() if h) >= 25  # most indicators fire on this world
    assert sorted(same_person_pairs(on_spark)) == sorted(same_person_pairs(duck))
    assert arrival_dates(on_spark) == arrival_dates(duck)
    assert learn_org_egress(on_spark, settings, services["ip"]) == services["org_egress"]
    for sql in SUBJECTS_SQL.values():
        assert on_spark.records(sql) == duck.records(sql)

    every = [h for ind in indicators.values() for h in ind(Context(duck, settings, tables, services))]
    ids = [r for (r,) in duck.query("SELECT record_id FROM people ORDER BY record_id")]
    dates = arrival_dates(duck)
    flagged = frozenset(flagged_alone(every, indicators))
    rings = find_rings(
        build_groups(every, indicators),
        identity_clusters(ids, same_person_pairs(duck)),
        dates=dates,
        flagged=flagged,
    )
    evidenced = frozenset(evidenced_alone(every, indicators))

    def referrals(engine: Any) -> list[tuple[Any, ...]]:
        args = (seed_rings(rings), dates, flagged, evidenced, ring_members(rings), lead_rings(rings))
        return sorted(map(key, referral_hits(engine, *args)))

    assert referrals(on_spark) == referrals(duck)


@pytest.mark.slow
def test_a_whole_scan_on_spark_writes_what_duckdb_writes(spark: Any, tmp_path: Path) -> None:
    """Ingest, indicators, Splink linkage, rings, scores and outputs, all on the Spark engine:
    the same persons and facilitators as on DuckDB, byte for byte, and the same rings and
    links (whose Splink waterfalls differ only in trained match weights, which the two
    backends estimate apart). It runs after the other Spark tests have left their tables in
    the session, which a store of its own must not see."""
    import json

    from hirewall.pipeline import scan
    from hirewall.synth import generate_world

    data = tmp_path / "data"
    generate_world(data, people=120, seed=70102, difficulty="easy")
    results = {e: scan(data, tmp_path / e, Settings(engine=e, progress=False)) for e in ("duckdb", "spark")}
    assert results["spark"].warnings == results["duckdb"].warnings == []

    def text(engine: str, name: str) -> str:
        return (tmp_path / engine / name).read_text(encoding="utf-8")

    def rings(engine: str) -> list[tuple[str, list[str], list[str]]]:
        rows = [json.loads(line) for line in text(engine, "rings.jsonl").splitlines()]
        return [(r["ring_id"], r["members"], [g["group"] for g in r["links"]]) for r in rows]

    assert text("spark", "persons.jsonl") == text("duckdb", "persons.jsonl")
    assert text("spark", "facilitators.jsonl") == text("duckdb", "facilitators.jsonl")
    assert rings("spark") == rings("duckdb") != []
    assert any(json.loads(line)["band"] == "high" for line in text("spark", "persons.jsonl").splitlines())
    assert (tmp_path / "spark" / "hirewall.duckdb.spark").is_dir()  # the store lives in Spark
