"""One small engine interface, with DuckDB (default) and Spark behind it.

Use :func:`open_engine` to get an engine from settings; backends are imported lazily so
``import hirewall`` never starts a JVM.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hirewall.exceptions import ConfigError

if TYPE_CHECKING:
    from hirewall.engine.base import Engine
    from hirewall.settings import Settings


def open_engine(settings: Settings, store: Path | str | None = None) -> Engine:
    """Open the engine named in ``settings`` on the store at ``store`` (``None``: in memory)."""
    if settings.engine == "duckdb":
        from hirewall.engine.duckdb import DuckDBEngine

        return DuckDBEngine(store, threads=settings.threads, memory_limit=settings.memory_limit)
    if settings.engine == "spark":
        from hirewall.engine.spark import SparkEngine, local_session

        # The same session (same cores) Splink's linkage asks for, so one is started.
        return SparkEngine(store, session=local_session(max(settings.threads, 2)))
    raise ConfigError(f"unknown engine {settings.engine!r}; choose duckdb or spark")
