import pytest

from hirewall.contract import load_contract, parse_contract
from hirewall.exceptions import ConfigError

TABLES = {"people", "profile_changes", "vendors", "shipments", "signins", "endpoint", "payouts"}


def test_contract_has_every_table_with_keys_and_address_groups() -> None:
    c = load_contract()
    assert set(c.tables) == TABLES
    assert c.table("people").derived_columns[-2:] == ("home_address_key", "home_building_key")
    assert "ship_address_key" in c.table("shipments").derived_columns
    for t in c.tables.values():
        assert t.key and set(t.key) <= set(t.column_names)


def test_issue_fields_are_in_the_people_table() -> None:
    cols = set(load_contract().table("people").column_names)
    wanted = {
        "record_id", "source_system", "status", "given_name", "family_name", "birth_date", "email", "phone",
        "address_line1", "national_id_hash", "linkedin_url", "github_url", "photo_phash", "resume_text",
        "vendor_id", "referred_by", "applied_at", "hired_at", "terminated_at", "job_title",
    }  # fmt: skip
    assert wanted <= cols


def test_bad_contract_is_rejected() -> None:
    with pytest.raises(ConfigError, match="unknown type"):
        parse_contract({"version": 1, "tables": {"t": {"key": ["a"], "columns": {"a": {"type": "blob"}}}}})
    with pytest.raises(ConfigError, match="key"):
        parse_contract({"version": 1, "tables": {"t": {"key": ["b"], "columns": {"a": {"type": "id"}}}}})
