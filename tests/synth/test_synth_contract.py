"""The synthetic world speaks the input contract and is reproducible."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from datetime import datetime
from pathlib import Path

import pytest

from hirewall.contract import load_contract
from hirewall.normalise.addresses import normalise_address
from hirewall.normalise.emails import normalise_email
from hirewall.normalise.phones import normalise_phone
from hirewall.synth import generate_world
from hirewall.synth.world import LABEL_COLUMNS

from .conftest import World

TABLES = ("people", "profile_changes", "vendors", "shipments", "signins", "endpoint", "payouts")


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_gives_identical_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        generate_world(tmp_path / name, 1500, seed)
    a, b, c = (_digest(tmp_path / n) for n in "abc")
    assert a == b
    assert set(a) == {f"{t}.csv" for t in (*TABLES, "labels")}
    assert all(a[k] != c[k] for k in a if k != "vendors.csv")


def test_rejects_unknown_difficulty_and_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="difficulty"):
        generate_world(tmp_path, 1000, 1, difficulty="brutal")
    with pytest.raises(ValueError, match="fmt"):
        generate_world(tmp_path, 1000, 1, fmt="xlsx")


def test_headers_are_exactly_the_contract_columns(normal: World) -> None:
    contract = load_contract()
    for name in TABLES:
        header = list(normal(name)[0])
        assert header == list(contract.table(name).column_names), name
    assert tuple(normal("labels")[0]) == LABEL_COLUMNS


def test_required_columns_are_filled_and_enums_valid(normal: World) -> None:
    contract = load_contract()
    for name in TABLES:
        table = contract.table(name)
        for row in normal(name)[:3000]:
            for col in table.columns:
                if col.required:
                    assert row[col.name], (name, col.name)
                if col.values and row[col.name]:
                    assert row[col.name].lower() in col.values, (name, col.name, row[col.name])


def test_people_values_parse_with_the_normalisers(normal: World) -> None:
    for row in normal("people")[::4]:
        normalise_email(row["email"])
        normalise_phone(row["phone"], row["country"])
        normalise_address(
            row["address_line1"],
            row["address_line2"],
            row["city"],
            row["region"],
            row["postal_code"],
            row["country"],
        )
        if row["photo_phash"]:
            assert re.fullmatch(r"[0-9a-f]{16}", row["photo_phash"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4}", row["birth_date"])


def test_raw_values_vary_in_spelling(normal: World) -> None:
    people = normal("people")
    lines = " ".join(r["address_line1"] + " " + r["address_line2"] for r in people)
    for token in (" Street", " St ", "Apt ", "#", "Unit "):
        assert token in lines + " ", token
    phones = [r["phone"] for r in people if r["country"] == "US"]
    assert any(p.startswith("(") for p in phones) and any(p.startswith("+1") for p in phones)
    assert any("+" in r["email"].split("@")[0] for r in people)
    assert any(r["email"] != r["email"].lower() for r in people)


def test_other_tables_parse(normal: World) -> None:
    for row in normal("shipments")[::5]:
        normalise_address(
            row["ship_line1"],
            row["ship_line2"],
            row["ship_city"],
            row["ship_region"],
            row["ship_postal_code"],
            row["ship_country"],
        )
    for row in normal("signins")[::7]:
        ipaddress.ip_address(row["ip"])
        datetime.fromisoformat(row["signed_in_at"])
    for row in normal("vendors"):
        normalise_email(row["contact_email"])
        normalise_phone(row["contact_phone"], row["country"])
    for row in normal("profile_changes"):
        datetime.fromisoformat(row["changed_at"])


def test_no_missing_date_placeholders_in_any_table(tmp_path: Path) -> None:
    """Every hired record has a hire date, so no table carries NaT/NaN placeholders."""
    from hirewall.synth import generate_world

    generate_world(tmp_path, people=1500, seed=11, difficulty="easy")
    for path in tmp_path.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert '"NaT' not in text and ",NaT" not in text, path.name


def test_a_clean_world_has_nothing_to_quarantine(tmp_path: Path) -> None:
    """Every row and value the generator writes passes ingest (broken input is the tests' job)."""
    from hirewall.engine.duckdb import DuckDBEngine
    from hirewall.ingest.loader import ingest

    generate_world(tmp_path, people=2000, seed=7, difficulty="normal")
    result = ingest(DuckDBEngine(None), tmp_path)
    assert [(q.table, q.column, q.reason) for q in result.quarantine] == []


def test_a_small_world_with_no_address_move_still_writes_its_profile_changes(tmp_path: Path) -> None:
    """120 people, seed 4: no persona moved before shipping and no benign mover, so the address
    part of profile_changes is empty (it was an untyped empty array that Arrow refused)."""
    generate_world(tmp_path, people=120, seed=4)
    rows = (tmp_path / "profile_changes.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith('"record_id","field"') and not any('"address"' in r for r in rows[1:])
