"""Where linkage runs: the people frame read from the store, and Splink's DuckDB or Spark API.

Linkage reads the store's ``people`` table once as Arrow, then runs in a separate in-memory
DuckDB (so Splink's scratch tables never land in the store file) or in the Spark session the
Spark engine uses (:func:`hirewall.engine.spark.local_session`).
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from hirewall.engine.base import Engine
from hirewall.engine.duckdb import DuckDBEngine, apply_limits, first_line
from hirewall.exceptions import ConfigError, EngineError
from hirewall.linkage.comparisons import Dialect
from hirewall.settings import Settings

StoreHandle = Engine | duckdb.DuckDBPyConnection
"""A hirewall engine over the store, or a raw DuckDB connection to it."""

# Names are compared lower-cased and trimmed; keys are already normalised by ingest.
PEOPLE_SQL = """
SELECT record_id AS unique_id,
       nullif(lower(trim(given_name)), '') AS given_name,
       nullif(lower(trim(family_name)), '') AS family_name,
       birth_date,
       nullif(email_key, '') AS email_key,
       nullif(phone, '') AS phone,
       nullif(home_address_key, '') AS home_address_key,
       nullif(home_building_key, '') AS home_building_key,
       nullif(upper(trim(address_line1)), '') AS address_line1,
       nullif(upper(trim(postal_code)), '') AS postal_code,
       nullif(upper(trim(city)), '') AS city,
       nullif(national_id_hash, '') AS national_id_hash,
       nullif(linkedin_url_key, '') AS linkedin_url_key,
       nullif(github_url_key, '') AS github_url_key,
       nullif(lower(trim(photo_phash)), '') AS photo_phash
FROM people
"""
LINKAGE_COLUMNS = (
    "unique_id",
    "given_name",
    "family_name",
    "birth_date",
    "email_key",
    "phone",
    "home_address_key",
    "home_building_key",
    "address_line1",
    "postal_code",
    "city",
    "national_id_hash",
    "linkedin_url_key",
    "github_url_key",
    "photo_phash",
)
"""Columns of the frame Splink sees (the store's ``record_id`` becomes ``unique_id``)."""


def read_people(store: StoreHandle) -> pa.Table:
    """The ``people`` table prepared for linkage, as Arrow.

    A store without a readable ``people`` table raises :class:`EngineError` saying so.
    """
    con = store.con if isinstance(store, DuckDBEngine) else store
    if not isinstance(con, duckdb.DuckDBPyConnection):
        return con.arrow(PEOPLE_SQL)
    try:
        return con.sql(PEOPLE_SQL).to_arrow_table()
    except duckdb.Error as e:
        raise EngineError(
            f"cannot read the store's people table ({first_line(e)}); ingest people into the store first"
        ) from e


def dialect_of(settings: Settings) -> Dialect:
    """The linkage dialect chosen by ``settings.engine``."""
    if settings.engine not in ("duckdb", "spark"):
        raise ConfigError(f"linkage cannot run on engine {settings.engine!r}")
    return "spark" if settings.engine == "spark" else "duckdb"


def make_db_api(settings: Settings, spark: Any = None) -> Any:
    """A Splink database API for ``settings.engine`` (a fresh in-memory DuckDB, or Spark).

    Invalid ``threads`` or ``memory_limit`` settings raise :class:`ConfigError`.
    """
    if dialect_of(settings) == "spark":
        from splink.backends import spark as splink_spark

        from hirewall.engine.spark import local_session

        session = spark if spark is not None else local_session(max(settings.threads, 2))
        api: Any = splink_spark.SparkAPI
        return api(spark_session=session, num_partitions_on_repartition=8)
    from splink.backends.duckdb import DuckDBAPI

    con = duckdb.connect()
    try:
        apply_limits(con, settings.threads, settings.memory_limit)
    except ConfigError:
        con.close()
        raise
    return DuckDBAPI(connection=con)
