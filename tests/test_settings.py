import dataclasses

import pytest

from hirewall.exceptions import ConfigError
from hirewall.settings import Settings


def test_settings_are_immutable() -> None:
    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.engine = "spark"  # type: ignore[misc]


def test_from_env_casts_and_names_bad_values() -> None:
    s = Settings.from_env(
        {"HIREWALL_MASK_IDENTIFIERS": "no", "HIREWALL_ORG_EGRESS_CIDRS": "10.0.0.0/8, 192.0.2.0/24"}
    )
    assert s.mask_identifiers is False
    assert s.org_egress_cidrs == ("10.0.0.0/8", "192.0.2.0/24")
    with pytest.raises(ConfigError, match="shared_egress_min_people"):
        Settings.from_env({"HIREWALL_SHARED_EGRESS_MIN_PEOPLE": "many"})


def test_with_returns_a_changed_copy() -> None:
    s = Settings()
    assert s.with_(threads=2).threads == 2 and s.threads == 0
