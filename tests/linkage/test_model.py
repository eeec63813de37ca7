from __future__ import annotations

import json
from pathlib import Path

import pytest

from hirewall.exceptions import ConfigError
from hirewall.linkage.model import ModelOptions, model_path_for, people_settings, settings_dict


def _level_sql(d: dict, comparison: str) -> list[str]:
    comp = next(c for c in d["comparisons"] if c["output_column_name"] == comparison)
    return [lvl["sql_condition"] for lvl in comp["comparison_levels"]]


def test_model_path_sits_next_to_store(tmp_path: Path) -> None:
    assert model_path_for(tmp_path / "hw.duckdb") == tmp_path / "hw.duckdb.linkage-model.json"


def test_settings_are_generated_per_dialect() -> None:
    duck = settings_dict("duckdb", model=ModelOptions(birth_date_is_string=True))
    spark = settings_dict("spark", model=ModelOptions(birth_date_is_string=True))
    assert any("%Y-%m-%d" in s for s in _level_sql(duck, "birth_date"))
    assert any("yyyy-MM-dd" in s for s in _level_sql(spark, "birth_date"))
    assert any("xor(" in s for s in _level_sql(duck, "photo_phash"))
    assert any("conv(" in s for s in _level_sql(spark, "photo_phash"))
    names = [c["output_column_name"] for c in duck["comparisons"]]
    assert names == [c["output_column_name"] for c in spark["comparisons"]]
    assert {
        "given_name",
        "family_name",
        "birth_date",
        "email_key",
        "phone",
        "home_address",
        "city",
        "national_id_hash",
        "linkedin_url_key",
        "github_url_key",
        "photo_phash",
    } == set(names)


def test_name_comparisons_use_term_frequencies() -> None:
    tf = {c.unquote().name for c in people_settings("duckdb").get_settings("duckdb")._term_frequency_columns}
    assert {"given_name", "family_name"} <= tf


def test_raw_national_id_variant_adds_typo_levels_and_refuses_a_hashed_model() -> None:
    hashed = settings_dict("duckdb")
    raw = settings_dict("duckdb", model=ModelOptions(raw_national_id=True))
    assert not any("damerau" in s.lower() for s in _level_sql(hashed, "national_id_hash"))
    assert sum("damerau" in s.lower() for s in _level_sql(raw, "national_id_hash")) == 2
    with pytest.raises(ConfigError, match="retrain"):
        settings_dict("duckdb", hashed, model=ModelOptions(raw_national_id=True))


def test_address_levels_tolerate_a_postcode_typo() -> None:
    levels = _level_sql(settings_dict("duckdb"), "home_address")
    assert any("damerau" in s.lower() and "postal_code" in s for s in levels)


def test_unknown_dialect_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        settings_dict("sqlite")  # type: ignore[arg-type]


def test_saved_parameters_carry_over_and_mismatch_is_refused() -> None:
    saved = settings_dict("duckdb")
    saved["probability_two_random_records_match"] = 0.001
    saved["comparisons"][0]["comparison_levels"][1]["m_probability"] = 0.77
    loaded = settings_dict("spark", json.loads(json.dumps(saved)))
    assert loaded["probability_two_random_records_match"] == 0.001
    assert loaded["comparisons"][0]["comparison_levels"][1]["m_probability"] == 0.77
    del saved["comparisons"][0]["comparison_levels"][-1]
    with pytest.raises(ConfigError, match="retrain"):
        settings_dict("duckdb", saved)
