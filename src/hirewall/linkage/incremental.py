"""Match one new applicant against the store, for the screening API.

Built on Splink's ``predict_between``: the existing people and their term-frequency tables
stay registered in a warm in-memory DuckDB, so each look-up only blocks and scores the new
record's candidate pairs (about 0.35 s against 1M people in the research measurements).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from splink import Linker

from hirewall.contract import Column, load_contract
from hirewall.exceptions import ApplicantError
from hirewall.ingest.convert import Problem, RowConverter
from hirewall.linkage.backends import LINKAGE_COLUMNS, StoreHandle, make_db_api, read_people
from hirewall.linkage.classify import ClassifyOptions, classify_sql, split_links
from hirewall.linkage.model import saved_settings
from hirewall.settings import Settings


@dataclass(frozen=True)
class ApplicantMatches:
    """Links from one applicant to stored records (same layout as :class:`LinkageResult`)."""

    same_person: pa.Table
    shared_operator: pa.Table
    unused: tuple[str, ...] = ()
    """Fields whose values ingest would drop from a stored row (a phone impossible in its
    country, an address that does not parse...), left out of the comparison as they would be
    in a scan. The applicant is still compared on everything else."""


_PLAIN = (str, int, float, dt.date)
"""Value types an applicant field may hold (a ``datetime`` is a ``date``)."""
_DERIVED = ("email_key", "home_address_key", "home_building_key", "linkedin_url_key", "github_url_key")
"""Linkage columns ingest derives from contract columns rather than reads."""
_EXPECTED = {
    "date": "a date, YYYY-MM-DD or MM/DD/YYYY",
    "timestamp": "an ISO 8601 timestamp",
    "phone": "a phone number possible in the record's country",
    "email": "an email address",
    "url": "a URL",
    "hex64": "a 64-bit hex hash, 16 hex digits",
}


def _clean(value: Any, how: str = "") -> Any:
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    return {"lower": text.lower(), "upper": text.upper()}.get(how, text)


def _checked(applicant: object) -> Mapping[str, Any]:
    """``applicant`` if it is a mapping of plain values; an :class:`ApplicantError` if not."""
    if not isinstance(applicant, Mapping):
        raise ApplicantError(f"expected a mapping of column names to values, got {type(applicant).__name__}")
    odd = tuple(sorted(str(k) for k, v in applicant.items() if v is not None and not isinstance(v, _PLAIN)))
    if odd:
        raise ApplicantError(f"not a text, number or date value: {', '.join(odd)}", odd)
    return applicant


@functools.cache
def _people_converter() -> RowConverter:
    """The converter ingest applies to rows of the contract's ``people`` table."""
    return RowConverter(load_contract().table("people"))


def _expected(column: Column, converter: RowConverter) -> str:
    if column.type == "enum":
        return "one of " + ", ".join(column.values)
    if any(parts.get("line1") == column.name for parts in converter.groups.values()):
        return "a street address that parses with its city, region and postal code"
    return _EXPECTED.get(column.type, "a valid value")


def _refuse(problems: Sequence[Problem], converter: RowConverter) -> ApplicantError:
    """An error naming each bad field and what it should hold (never the value: it may be sensitive)."""
    columns = {c.name: c for c in converter.table.columns}
    fields = tuple(dict.fromkeys(col for col, _, _ in problems))
    parts = (f"{col} (expected {_expected(columns[col], converter)})" for col in fields)
    return ApplicantError("not valid: " + "; ".join(parts), fields)


def _normalised(applicant: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The applicant's contract columns converted exactly as ingest converts a stored row, and
    the fields whose values ingest would drop (left out, as in a scan).

    Phones become E.164, ``email`` gives ``email_key``, profile URLs give their keys, the home
    address gives its address and building keys, dates are parsed. A derived key given as
    stored (``email_key``...) is kept only when its source column is absent. An applicant that
    ingest would reject as a whole row raises :class:`ApplicantError`.
    """
    converter = _people_converter()
    raw = {c.name: applicant.get(c.name) for c in converter.table.columns}
    raw["record_id"] = _clean(raw["record_id"]) or "__applicant__"
    row, problems = converter.convert(raw)
    if row is None:
        raise _refuse(problems, converter)
    for key in _DERIVED:
        if row.get(key) is None:
            row[key] = applicant.get(key)
    return row, tuple(dict.fromkeys(col for col, _, _ in problems))


def applicant_frame(applicant: Mapping[str, Any]) -> pa.Table:
    """One applicant (contract columns, raw or as stored) as a one-row linkage frame
    (:func:`prepared` without the unused fields)."""
    return prepared(applicant)[0]


def prepared(applicant: Mapping[str, Any]) -> tuple[pa.Table, tuple[str, ...]]:
    """One applicant as a one-row linkage frame, and the fields left out of it.

    Normalises it with the converter ingest uses, then applies the same clean-up
    as :data:`hirewall.linkage.backends.PEOPLE_SQL`. A value ingest would drop from a stored
    row is left out and its field listed, so the applicant is compared as a scan would compare
    them; every applicant is treated alike whatever the form of their address or phone.
    Raises :class:`ApplicantError` (naming the field, not its value) on input that is not a
    mapping of plain values, or that ingest would reject as a whole row.
    """
    row, unused = _normalised(_checked(applicant))
    how = {"given_name": "lower", "family_name": "lower", "address_line1": "upper"}
    how |= {"postal_code": "upper", "city": "upper", "photo_phash": "lower"}
    out: dict[str, Any] = {"unique_id": row["record_id"], "birth_date": row["birth_date"]}
    for col in LINKAGE_COLUMNS[1:]:
        if col != "birth_date":
            out[col] = _clean(row.get(col), how.get(col, ""))
    schema = pa.schema([(c, pa.date32() if c == "birth_date" else pa.string()) for c in LINKAGE_COLUMNS])
    return pa.Table.from_pylist([out], schema=schema), unused


class ApplicantMatcher:
    """Scores new applicants against the people in the store with a saved model (DuckDB).

    One matcher may serve several threads: :meth:`match` calls share one in-memory DuckDB
    connection and Splink linker, so they take a lock and run one at a time.
    """

    def __init__(
        self,
        store: StoreHandle,
        settings: Settings,
        model_path: Path,
        options: ClassifyOptions | None = None,
    ) -> None:
        model = saved_settings("duckdb", model_path)
        self._options = options or ClassifyOptions()
        self._db_api = make_db_api(settings.with_(engine="duckdb"))
        self._existing = self._db_api.register(read_people(store), dataset_display_name="people")
        self._linker: Any = Linker(self._existing, model)
        for tf_col in self._linker._settings_obj._term_frequency_columns:
            self._linker.table_management.compute_tf_table(tf_col.unquote().name)
        self._names = (f"applicant_{i}" for i in itertools.count())
        self._lock = threading.Lock()

    def match(self, applicant: Mapping[str, Any]) -> ApplicantMatches:
        """Same-person and shared-operator links from ``applicant`` to stored records.

        Safe to call from several threads; concurrent calls wait for each other (the lock is
        held for the whole look-up, since DuckDB refuses a second call on a busy connection).
        """
        frame, unused = prepared(applicant)
        with self._lock:
            new = self._db_api.register(frame, dataset_display_name=next(self._names))
            try:
                pred = self._linker.inference.predict_between(new, self._existing, warning_mode="never")
                classified = self._linker.misc.query_sql(classify_sql(self._linker, pred, self._options))
                same, shared = split_links(self._linker, classified.as_pyarrow_table())
                for sdf in (classified, pred):
                    sdf.drop_table_from_database_and_remove_from_cache()
            finally:
                new.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
        return ApplicantMatches(same, shared, unused)
