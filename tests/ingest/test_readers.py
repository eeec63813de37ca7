"""File-level reading: JSON Lines headers, encodings and CSV quoting."""

import json
from pathlib import Path

import pytest

from hirewall.contract import load_contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import InputFileError
from hirewall.ingest.loader import ingest
from hirewall.ingest.mapping import load_mapping
from hirewall.ingest.readers import not_utf8


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_jsonl_column_that_first_appears_late_in_the_file_is_stored(tmp_path: Path) -> None:
    # Writers that omit null fields (Spark, jq) leave a column out of the first lines.
    rows: list[dict[str, object]] = [{"record_id": f"E{i}"} for i in range(250)]
    for row in rows[200:]:
        row["email"] = f"{row['record_id']}@example.com"
    _write_jsonl(tmp_path / "people.jsonl", rows)
    eng = DuckDBEngine(None)
    ingest(eng, tmp_path)
    assert eng.scalar("SELECT count(email) FROM people") == 50


def test_jsonl_unknown_column_late_in_the_file_is_reported(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [{"record_id": f"E{i}"} for i in range(250)]
    rows.append({"record_id": "E999", "emial": "typo@example.com"})
    _write_jsonl(tmp_path / "people.jsonl", rows)
    with pytest.raises(InputFileError, match=r"people\.jsonl.*unknown columns \['emial'\]"):
        ingest(DuckDBEngine(None), tmp_path)


def test_jsonl_nested_field_is_mapped_by_its_dotted_name(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "hr.jsonl", [{"id": "E1", "contact": {"email": "a@example.com"}}])
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        'files:\n  "hr*.jsonl":\n    table: people\n    columns: {id: record_id, contact.email: email}\n'
    )
    eng = DuckDBEngine(None)
    ingest(eng, tmp_path / "hr.jsonl", load_mapping(mapping, load_contract()))
    assert eng.query("SELECT record_id, email FROM people") == [("E1", "a@example.com")]


def test_a_byte_that_is_not_utf8_is_reported_with_its_offset_and_line_in_the_file(tmp_path: Path) -> None:
    rows = ["record_id,given_name"] + [f"E{i},Name{i}" for i in range(1, 20_001)]
    rows[15_000] = "E15000,Jos\xe9"  # one Windows-1252 'é' past the first 64 KB
    data = ("\r\n".join(rows) + "\r\n").encode("cp1252")
    (tmp_path / "people.csv").write_bytes(data)
    with pytest.raises(InputFileError) as err:
        ingest(DuckDBEngine(None), tmp_path)
    offset = data.index(b"\xe9")
    assert f"not UTF-8 text (byte {offset}, line 15001)" in str(err.value)


def test_the_offset_counts_characters_split_across_read_chunks(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    head = b"a" * ((1 << 20) - 1) + "é".encode()  # the 2-byte 'é' straddles the first megabyte
    path.write_bytes(head + b"\nok\n\xff")
    assert str(not_utf8(path)).endswith(
        f"not UTF-8 text (byte {len(head) + 4}, line 3); re-export it as UTF-8"
    )


ROWS = ["record_id,given_name,email", "E1,Ann,a@example.com", 'E2,"Bob,b@example.com'] + [
    f"E{i},N{i},n{i}@example.com" for i in range(3, 9)
]


@pytest.mark.parametrize("tail", [[], ['E9,"ok",z@example.com']], ids=["to-end-of-file", "closed-later"])
def test_an_unclosed_csv_quote_is_one_error_naming_the_line_it_opens_on(
    tmp_path: Path, tail: list[str]
) -> None:
    # Without the check, the rows after line 3 became one field: lost, or stored as Bob's name.
    (tmp_path / "people.csv").write_text("\n".join(ROWS + tail) + "\n")
    with pytest.raises(InputFileError, match=r"people\.csv: malformed CSV in the row that starts on line 3"):
        ingest(DuckDBEngine(None), tmp_path)


def test_quoted_fields_over_several_lines_are_still_one_field(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes(
        b'record_id,resume_text\r\nE1,"line a\r\nline b"\r\n\r\nE2,"say ""hi"""\r\nE3,plain\r\n'
    )
    eng = DuckDBEngine(None)
    ingest(eng, tmp_path)
    assert eng.query("SELECT record_id, resume_text, _source_line FROM people ORDER BY 1") == [
        ("E1", "line a\r\nline b", 2),
        ("E2", 'say "hi"', 5),
        ("E3", "plain", 6),
    ]
