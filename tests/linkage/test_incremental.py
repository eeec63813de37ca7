from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import ApplicantError, ConfigError, EngineError
from hirewall.ingest.loader import ingest
from hirewall.linkage.backends import PEOPLE_SQL, read_people
from hirewall.linkage.incremental import ApplicantMatcher, applicant_frame, prepared
from hirewall.linkage.model import TrainingOptions, model_path_for
from hirewall.linkage.resolve import LinkageOptions, link_people
from hirewall.settings import Settings
from hirewall.synth import generate_world


@pytest.fixture()
def matcher(store: DuckDBEngine, tmp_path: Path) -> ApplicantMatcher:
    path = model_path_for(tmp_path / "store.duckdb")
    link_people(store, Settings(), path, options=LinkageOptions(training=TrainingOptions(u_max_pairs=2e5)))
    return ApplicantMatcher(store, Settings(), path)


def _row(store: DuckDBEngine, record_id: str) -> dict[str, object]:
    """A stored row as an applicant; the test world leaves out the region a US address needs."""
    rel = store.con.sql("SELECT * FROM people WHERE record_id = ?", params=[record_id])
    return dict(zip(rel.columns, rel.fetchall()[0], strict=True)) | {"region": "OR"}


def test_re_applicant_matches_as_same_person(store: DuckDBEngine, matcher: ApplicantMatcher) -> None:
    old = _row(store, "R0100-0")
    new = old | {"record_id": "NEW-1", "email": "fresh@new.example", "given_name": " KARL ".strip()}
    new["given_name"] = str(old["given_name"]).upper()
    found = matcher.match(new)
    assert "R0100-0" in found.same_person["record_id_r"].to_pylist()
    assert set(found.same_person["record_id_l"].to_pylist()) == {"NEW-1"}


def test_stranger_sharing_a_phone_is_a_shared_operator_link(
    store: DuckDBEngine, matcher: ApplicantMatcher
) -> None:
    old = _row(store, "R0150-0")
    new = {
        "record_id": "NEW-2",
        "given_name": "Zz",
        "family_name": "Qq",
        "birth_date": "1999-12-31",
        "phone": old["phone"],
    }
    found = matcher.match(new)
    assert found.same_person.num_rows == 0 and found.unused == ()
    rows = {r["record_id_r"]: r for r in found.shared_operator.to_pylist()}
    assert "phone" in rows["R0150-0"]["shared"]


def test_an_applicant_with_an_unusable_value_is_still_compared_on_the_rest(
    store: DuckDBEngine, matcher: ApplicantMatcher
) -> None:
    old = _row(store, "R0150-0")
    new = {"record_id": "NEW-4", "given_name": "Zz", "family_name": "Qq", "phone": "12"}
    new["email"] = old["email"]
    found = matcher.match(new)
    assert found.unused == ("phone",)
    rows = {r["record_id_r"]: r for r in found.shared_operator.to_pylist()}
    assert "email_key" in rows["R0150-0"]["shared"]


def test_applicant_typed_as_a_person_types_links_like_a_stored_row(
    store: DuckDBEngine, matcher: ApplicantMatcher
) -> None:
    old = _row(store, "R0150-0")
    digits = str(old["phone"])[2:]
    new = {
        "record_id": "NEW-3",
        "given_name": "Zz",
        "family_name": "Qq",
        "birth_date": "12/31/1999",
        "phone": f"({digits[:3]}) {digits[3:6]}-{digits[6:]}",
        "email": str(old["email"]).upper(),
        "photo_phash": f"0x{str(old['photo_phash']).upper()}",
    }
    rows = {r["record_id_r"]: r for r in matcher.match(new).shared_operator.to_pylist()}
    assert {"phone", "email_key", "photo_phash"} <= set(rows["R0150-0"]["shared"])


def test_ingested_rows_frame_as_the_batch_query_frames_them(tmp_path: Path) -> None:
    generate_world(tmp_path, people=200, seed=4242, difficulty="easy")
    engine = DuckDBEngine()
    ingest(engine, tmp_path)
    batch = {r["unique_id"]: r for r in engine.con.sql(PEOPLE_SQL).to_arrow_table().to_pylist()}
    rel = engine.con.sql("SELECT * FROM people")
    for values in rel.fetchall():
        framed = applicant_frame(dict(zip(rel.columns, values, strict=True))).to_pylist()[0]
        assert framed == batch[framed["unique_id"]]


def test_match_is_safe_from_several_threads(store: DuckDBEngine, matcher: ApplicantMatcher) -> None:
    ids = [r for (r,) in store.con.sql("SELECT record_id FROM people ORDER BY record_id LIMIT 12").fetchall()]
    rows = [_row(store, i) | {"record_id": f"NEW-{i}"} for i in ids]

    def same(row: dict[str, object]) -> list[str]:
        return sorted(matcher.match(row).same_person["record_id_r"].to_pylist())

    serial = [same(r) for r in rows]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(same, rows)) == serial


def test_matcher_needs_a_trained_model(store: DuckDBEngine, tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        ApplicantMatcher(store, Settings(), tmp_path / "none.json")


@pytest.mark.parametrize("text", ["", "{not json", "{}", "[]", '{"comparisons": [{}]}', "\udcff"])
def test_an_unreadable_model_is_a_config_error_naming_it(
    store: DuckDBEngine, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "store.duckdb.linkage-model.json"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    with pytest.raises(ConfigError, match="unreadable") as err:
        ApplicantMatcher(store, Settings(), path)
    assert str(path) in str(err.value) and "--retrain-linkage" in str(err.value)


def test_a_store_without_people_is_an_engine_error(matcher: ApplicantMatcher, tmp_path: Path) -> None:
    for empty in (DuckDBEngine(), duckdb.connect()):
        with pytest.raises(EngineError, match="people table"):
            read_people(empty)
        with pytest.raises(EngineError, match="people table"):
            ApplicantMatcher(empty, Settings(), model_path_for(tmp_path / "store.duckdb"))


def test_applicant_is_normalised_as_ingest_normalises_rows() -> None:
    row = applicant_frame(
        {
            "phone": "(571) 659-5011",
            "email": "EGarcia690@Gmail.com",
            "photo_phash": "0x4D78E2981939087D",
            "linkedin_url": "https://www.LinkedIn.com/in/Jane-Doe/",
        }
    ).to_pylist()[0]
    assert row["unique_id"] == "__applicant__" and row["phone"] == "+15716595011"
    assert row["email_key"] == "egarcia690@gmail.com" and row["photo_phash"] == "4d78e2981939087d"
    assert row["linkedin_url_key"]


def test_a_key_given_as_stored_is_kept_when_its_source_is_absent() -> None:
    row = applicant_frame(
        {"email_key": "ann@example.com", "home_address_key": "US|1|2 MAIN ST|"}
    ).to_pylist()[0]
    assert row["email_key"] == "ann@example.com" and row["home_address_key"] == "US|1|2 MAIN ST|"


@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", "12"), ("photo_phash", "0xZZ"), ("status", "hired?"), ("address_line1", "PO BOX 7 BOX 9")],
)
def test_a_value_ingest_would_drop_is_left_out_and_named(field: str, value: str) -> None:
    """As ingest drops such a value from a stored row and keeps the row, so the applicant is
    compared on everything else, whatever the form of their phone or address."""
    frame, unused = prepared({"record_id": "x", "given_name": "Ann", field: value})
    row = frame.to_pylist()[0]
    assert unused == (field,) and row["given_name"] == "ann"
    if field == "address_line1":  # ingest keeps the line as written and drops its keys
        assert row["home_address_key"] is None and row["home_building_key"] is None
    else:
        assert value not in {str(v) for v in row.values()}


def test_applicant_frame_cleans_like_the_batch_query() -> None:
    row = applicant_frame(
        {
            "record_id": "x",
            "given_name": "  Ann ",
            "birth_date": "1990-02-03",
            "photo_phash": "ABCDEF0123456789",
            "email_key": "",
        }
    ).to_pylist()[0]
    assert row["given_name"] == "ann" and row["photo_phash"] == "abcdef0123456789"
    assert str(row["birth_date"]) == "1990-02-03" and row["email_key"] is None


@pytest.mark.parametrize("applicant", [None, [["given_name", "Ann"]], "Ann Lee"])
def test_applicant_must_be_a_mapping(applicant: object) -> None:
    with pytest.raises(ApplicantError, match="mapping"):
        applicant_frame(applicant)  # type: ignore[arg-type]


@pytest.mark.parametrize("dob", ["1990-02-30", "1990/02/03", "13/45/1990", "soon"])
def test_a_bad_birth_date_is_left_out_and_named(dob: str) -> None:
    frame, unused = prepared({"record_id": "x", "birth_date": dob})
    assert unused == ("birth_date",) and frame.to_pylist()[0]["birth_date"] is None


@pytest.mark.parametrize(
    "dob", [19900203, "19900203", "02/03/1990", "1990-02-03T00:00:00Z", dt.date(1990, 2, 3)]
)
def test_birth_date_is_read_as_ingest_reads_it(dob: object) -> None:
    row = applicant_frame({"record_id": "x", "birth_date": dob}).to_pylist()[0]
    assert row["birth_date"] == dt.date(1990, 2, 3)


def test_a_field_holding_a_list_is_refused_by_name() -> None:
    with pytest.raises(ApplicantError) as err:
        applicant_frame({"record_id": "x", "given_name": ["Ann"]})
    assert err.value.fields == ("given_name",) and "Ann" not in str(err.value)
