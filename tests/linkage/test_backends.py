from __future__ import annotations

import pytest

from hirewall.exceptions import ConfigError
from hirewall.linkage.backends import make_db_api
from hirewall.settings import Settings


@pytest.mark.parametrize(
    ("threads", "memory_limit", "named"), [(-1, "", "threads"), (0, "12 parsecs", "memory_limit")]
)
def test_invalid_limits_are_config_errors(threads: int, memory_limit: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        make_db_api(Settings(threads=threads, memory_limit=memory_limit))


def test_valid_limits_reach_the_linkage_connection() -> None:
    api = make_db_api(Settings(threads=2, memory_limit="1GB"))
    assert api._con.execute("SELECT current_setting('threads')").fetchall() == [(2,)]
