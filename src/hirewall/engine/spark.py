"""Apache Spark engine (local mode by default) for stores that outgrow one machine.

SQL is written once in DuckDB's dialect and transpiled to Spark SQL with sqlglot (and the
rewrites in :mod:`hirewall.engine.spark_sql`); values are still bound as ``?`` parameters.
Result timestamps lose the session zone (UTC), since DuckDB's ``TIMESTAMP`` has none. Store
tables are temporary views over DataFrames, persisted as Parquet under ``<store>.spark/``
when a store path is given. Each engine keeps its views in a Spark session of its own (one
SparkContext serves them all), so two stores open in one process never see each other's
tables. pyspark is imported only when this engine is opened.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import sqlglot
from sqlglot import exp

from hirewall.engine.base import Engine, Params
from hirewall.engine.spark_sql import to_spark_sql
from hirewall.exceptions import ConfigError, EngineError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Session settings each store's session sets again: a session made elsewhere (a caller's, a
# cluster's) may lack them, and a new session does not copy its parent's.
_STORE_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


@cache
def local_session(cores: int = 2, driver_memory: str = "4g") -> SparkSession:
    """One Spark session in local mode, created on first use and stopped (its scratch folders
    removed) when the process exits. The store and Splink's linkage share it, so it loads
    Splink's similarity functions (``jaro_winkler`` and others): a started session takes no
    more jars. Under ``spark-submit`` or on a cluster, ``getOrCreate`` returns the session
    already running instead."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise ConfigError("the Spark engine needs pyspark: pip install 'pyspark==4.3.0'") from e
    from splink.backends.spark import similarity_jar_location

    warehouse = tempfile.mkdtemp(prefix="hirewall-spark-wh-")
    checkpoints = tempfile.mkdtemp(prefix="hirewall-spark-ckpt-")
    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("hirewall")
        .config("spark.driver.memory", driver_memory)
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.default.parallelism", "8")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.jars", similarity_jar_location())
    )
    for key, value in _STORE_CONF.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(checkpoints)
    atexit.register(_stop, session, (warehouse, checkpoints))
    return session


def _stop(session: SparkSession, scratch: tuple[str, ...]) -> None:
    """Stop the session and remove its scratch folders."""
    try:
        session.stop()
    finally:
        for path in scratch:
            shutil.rmtree(path, ignore_errors=True)


def _naive_timestamps(table: pa.Table) -> pa.Table:
    """``table`` with zoned timestamp columns as naive ones, as DuckDB returns them (the
    session time zone is UTC, so the wall-clock values are unchanged)."""
    fields = [
        pa.field(f.name, pa.timestamp(f.type.unit), f.nullable)
        if pa.types.is_timestamp(f.type) and f.type.tz
        else f
        for f in table.schema
    ]
    return table if fields == list(table.schema) else table.cast(pa.schema(fields))


class SparkEngine(Engine):
    """The store as Spark temporary views (Parquet-backed when given a path)."""

    name = "spark"

    def __init__(self, path: Path | str | None = None, session: SparkSession | None = None) -> None:
        # Temporary views are per session: a new one keeps this store's tables its own.
        self.spark = (session or local_session()).newSession()
        for key, value in _STORE_CONF.items():
            self.spark.conf.set(key, value)
        self.root = Path(f"{path}.spark") if path else None
        if self.root and self.root.exists():
            for table_dir in sorted(self.root.iterdir()):
                self.spark.read.parquet(str(table_dir)).createOrReplaceTempView(table_dir.name)

    def _df(self, sql: str, params: Params) -> DataFrame:
        try:
            return self.spark.sql(to_spark_sql(sql), args=list(params) or None)
        except Exception as e:  # pyspark raises many unrelated types
            raise EngineError(str(e).splitlines()[0], sql) from e

    def execute(self, sql: str, params: Params = ()) -> None:
        tree = sqlglot.parse_one(sql, read="duckdb")
        if isinstance(tree, exp.Create) and tree.kind == "TABLE":
            self._create_table(tree)
            return
        self._df(sql, params).collect()

    def _create_table(self, tree: exp.Create) -> None:
        schema = tree.this
        name = schema.this.name
        if self.table_exists(name):
            return
        cols = ", ".join(
            f"{c.name} {c.args['kind'].sql(dialect='spark')}"
            for c in schema.expressions
            if isinstance(c, exp.ColumnDef)
        )
        self._save(name, self.spark.createDataFrame([], cols))

    def _save(self, name: str, df: DataFrame) -> None:
        if self.root:
            target = self.root / name
            tmp = self.root / f".{name}.tmp"
            df.write.mode("overwrite").parquet(str(tmp))
            if target.exists():
                shutil.rmtree(target)
            tmp.rename(target)
            df = self.spark.read.parquet(str(target))
        else:
            df = df.localCheckpoint()
        df.createOrReplaceTempView(name)

    def arrow(self, sql: str, params: Params = ()) -> pa.Table:
        return _naive_timestamps(self._df(sql, params).toArrow())

    def register_arrow(self, name: str, table: pa.Table) -> None:
        self.spark.createDataFrame(table).createOrReplaceTempView(name)

    def unregister(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)

    def table_exists(self, name: str) -> bool:
        return bool(self.spark.catalog.tableExists(name))

    def upsert_arrow(self, table: str, data: pa.Table, key: Any) -> int:
        """Replace rows with the same key: anti-join the old view, union the new rows."""
        if data.num_rows == 0:
            return 0
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        keys = list(key)
        new = self.spark.createDataFrame(data)
        order = Window.partitionBy(*keys).orderBy(F.col("_source_line").desc())
        new = new.withColumn("__rn", F.row_number().over(order)).filter("__rn = 1").drop("__rn")
        old = self.spark.table(table)
        cond = [old[k].eqNullSafe(new[k]) for k in keys]
        merged = old.join(new, cond, "left_anti").unionByName(new.select(*old.columns))
        self._save(table, merged)
        return int(data.num_rows)
