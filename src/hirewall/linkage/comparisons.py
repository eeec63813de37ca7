"""Comparisons and blocking rules of the person model, generated per SQL dialect.

A few pieces of SQL differ between DuckDB and Spark (string date formats, the Hamming
distance on photo hashes), so everything here takes a ``dialect``. Names carry
term-frequency adjustments; the address is compared at several grains (unit, building,
street with a postal code that may carry one typo, postal code) and the city on its own;
every blocking rule is an equality on selective keys so compared pairs grow near-linearly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import ColumnExpression, block_on

from hirewall.exceptions import ConfigError

Dialect = Literal["duckdb", "spark"]
DIALECTS: tuple[Dialect, ...] = ("duckdb", "spark")

# Output column names of the comparisons, grouped by the kind of evidence they carry.
IDENTITY_COMPARISONS = ("given_name", "family_name", "birth_date")
"""Evidence that two records describe the same human. A same-person link needs some of it."""
SHARED_LEVELS: dict[str, int] = {
    "email_key": 1,
    "phone": 1,
    "home_address": 2,
    "national_id_hash": 1,
    "linkedin_url_key": 1,
    "github_url_key": 1,
    "photo_phash": 2,
}
"""Operator attributes -> how many of the top (most similar) levels count as "shared".

``home_address`` counts the same address and the same building with another unit;
``photo_phash`` counts the exact hash and a near (small Hamming distance) hash.
"""

_STRING_DATE_FORMATS: dict[Dialect, str] = {"duckdb": "%Y-%m-%d", "spark": "yyyy-MM-dd"}
PHASH_NEAR_BITS = 8
"""Photo hashes this many bits apart or fewer count as near duplicates."""


@dataclass(frozen=True)
class ModelOptions:
    """Variants of the person model. The defaults are the model for real hirewall stores."""

    birth_date_is_string: bool = False
    """``birth_date`` holds ISO strings (parsed with the dialect's date syntax), not DATEs."""
    raw_national_id: bool = False
    """``national_id_hash`` holds *raw* ids, so a one- or two-character typo is evidence too.

    Real stores hold salted hashes, where a typo changes the whole value: leave this off for
    them. Public benchmarks with clear-text ids (FEBRL's ``soc_sec_id``) turn it on.
    """


def check_dialect(dialect: str) -> Dialect:
    """``dialect`` as a :data:`Dialect`, or a :class:`ConfigError`."""
    for known in DIALECTS:
        if dialect == known:
            return known
    raise ConfigError(f"linkage: unknown dialect {dialect!r}; expected one of {DIALECTS}")


def _hamming_sql(dialect: Dialect, left: str, right: str) -> str:
    """Hamming distance between two 16-hex-digit hashes, as two 32-bit halves."""

    def half(col: str, start: int) -> str:
        if dialect == "duckdb":
            return f"TRY_CAST('0x' || substr({col}, {start}, 8) AS BIGINT)"
        return f"CAST(conv(substr({col}, {start}, 8), 16, 10) AS BIGINT)"

    xor = "xor({a}, {b})" if dialect == "duckdb" else "({a} ^ {b})"
    parts = [f"bit_count({xor.format(a=half(left, s), b=half(right, s))})" for s in (1, 9)]
    return " + ".join(parts)


def _photo_comparison(dialect: Dialect) -> cl.CustomComparison:
    near = f"{_hamming_sql(dialect, 'photo_phash_l', 'photo_phash_r')} <= {PHASH_NEAR_BITS}"
    return cl.CustomComparison(
        output_column_name="photo_phash",
        comparison_description="Perceptual hash of the photo",
        comparison_levels=[
            cll.NullLevel("photo_phash"),
            cll.ExactMatchLevel("photo_phash"),
            cll.CustomLevel(near, f"Hamming distance <= {PHASH_NEAR_BITS} bits", base_dialect_str=dialect),
            cll.ElseLevel(),
        ],
    )


def _name_comparison(col: str, other: str) -> cl.CustomComparison:
    """Splink's name levels plus a level for given and family name written the other way round."""
    return cl.CustomComparison(
        output_column_name=col,
        comparison_description=f"Name ({col})",
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col).configure(tf_adjustment_column=col),
            cll.ColumnsReversedLevel(col, other).configure(label_for_charts="Given and family name swapped"),
            cll.JaroWinklerLevel(col, 0.92),
            cll.JaroWinklerLevel(col, 0.88),
            cll.JaroWinklerLevel(col, 0.7),
            cll.ElseLevel(),
        ],
    )


def _address_comparison() -> cl.CustomComparison:
    """Home address from the unit down to the postal code; a one-character postcode typo still counts."""
    street = cll.JaroWinklerLevel("address_line1", 0.9)
    return cl.CustomComparison(
        output_column_name="home_address",
        comparison_description="Home address",
        comparison_levels=[
            cll.NullLevel("home_building_key"),
            cll.ExactMatchLevel("home_address_key").configure(
                tf_adjustment_column="home_address_key", label_for_charts="Same address and unit"
            ),
            cll.ExactMatchLevel("home_building_key").configure(
                label_for_charts="Same building, different unit"
            ),
            cll.And(street, cll.ExactMatchLevel("postal_code")).configure(
                label_for_charts="Similar street, same postal code"
            ),
            cll.And(street, cll.DamerauLevenshteinLevel("postal_code", 1)).configure(
                label_for_charts="Similar street, postal code one edit apart"
            ),
            cll.ExactMatchLevel("postal_code").configure(label_for_charts="Same postal code"),
            cll.ElseLevel(),
        ],
    )


def _email_comparison() -> cl.CustomComparison:
    """Splink's email levels without the Jaro-Winkler on the whole address (the costliest one)."""
    user = ColumnExpression("email_key").regex_extract("^[^@]+")
    return cl.CustomComparison(
        output_column_name="email_key",
        comparison_description="Email",
        comparison_levels=[
            cll.NullLevel("email_key"),
            cll.ExactMatchLevel("email_key").configure(tf_adjustment_column="email_key"),
            cll.ExactMatchLevel(user).configure(label_for_charts="Same username"),
            cll.JaroWinklerLevel(user, 0.88).configure(label_for_charts="Similar username"),
            cll.ElseLevel(),
        ],
    )


def _city_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="city",
        comparison_description="City of the home address",
        comparison_levels=[
            cll.NullLevel("city"),
            cll.ExactMatchLevel("city"),
            cll.JaroWinklerLevel("city", 0.9),
            cll.ElseLevel(),
        ],
    )


def _national_id_comparison(raw: bool) -> Any:
    if not raw:
        return cl.ExactMatch("national_id_hash")
    col = "national_id_hash"
    return cl.CustomComparison(
        output_column_name=col,
        comparison_description="Raw national id (not hashed)",
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col),
            cll.DamerauLevenshteinLevel(col, 1),
            cll.DamerauLevenshteinLevel(col, 2),
            cll.ElseLevel(),
        ],
    )


def people_comparisons(dialect: Dialect, model: ModelOptions | None = None) -> list[Any]:
    """The comparisons of the person model for ``dialect``."""
    dialect = check_dialect(dialect)
    model = model or ModelOptions()
    dob_format = _STRING_DATE_FORMATS[dialect] if model.birth_date_is_string else None
    return [
        _name_comparison("given_name", "family_name"),
        _name_comparison("family_name", "given_name"),
        cl.DateOfBirthComparison(
            "birth_date", input_is_string=model.birth_date_is_string, datetime_format=dob_format
        ),
        _email_comparison(),
        cl.DamerauLevenshteinAtThresholds("phone", [1]).configure(term_frequency_adjustments=True),
        _address_comparison(),
        _city_comparison(),
        _national_id_comparison(model.raw_national_id),
        cl.ExactMatch("linkedin_url_key"),
        cl.ExactMatch("github_url_key"),
        _photo_comparison(dialect),
    ]


OPERATOR_KEYS = (
    "email_key",
    "phone",
    "national_id_hash",
    "home_building_key",
    "linkedin_url_key",
    "github_url_key",
    "photo_phash",
)
"""Keys that different personas run by one operator tend to share; each is a blocking rule."""


def operator_blocking_rules() -> list[Any]:
    """Blocking rules on the shared-operator keys alone (small blocks, any match weight kept)."""
    return [block_on(key) for key in OPERATOR_KEYS]


def people_blocking_rules() -> list[Any]:
    """Blocking rules: equalities on selective keys, so compared pairs grow near-linearly.

    Common names make big blocks (on 1M synthetic people: 82M pairs for the two names alone,
    45M for family name and postal code, 2M even with the birth year added), so the names are
    only blocked together with the postal code or the building; a typo in one name is caught
    by the other name plus the birth date, or by the birth date plus the postal code. About
    1.9M pairs for those 1M people, down from 129M.
    """
    return [
        block_on("given_name", "family_name", "postal_code"),
        block_on("family_name", "birth_date"),
        block_on("given_name", "birth_date"),
        "l.given_name = r.family_name AND l.family_name = r.given_name",
        block_on("family_name", "home_building_key"),
        block_on("birth_date", "postal_code"),
        block_on("city", "address_line1"),
        *operator_blocking_rules(),
    ]
