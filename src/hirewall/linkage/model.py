"""The Splink model over person records: comparisons, blocking rules, training, save and load.

Settings are generated per SQL dialect (``duckdb`` or ``spark``) because a few pieces of SQL
differ: string date formats and the Hamming distance on photo hashes. The comparison and
blocking design follows ``research/entity-resolution.md``: names carry term-frequency
adjustments, every blocking rule is an equality on a selective key so the number of
compared pairs grows near-linearly, and EM runs on capped samples of blocked pairs.
"""

from __future__ import annotations

import copy
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on

from hirewall.exceptions import ConfigError

log = logging.getLogger(__name__)

Dialect = Literal["duckdb", "spark"]
LinkType = Literal["dedupe_only", "link_only", "link_and_dedupe"]
DIALECTS: tuple[Dialect, ...] = ("duckdb", "spark")
MODEL_SUFFIX = ".linkage-model.json"

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
class TrainingOptions:
    """How the model is trained (prior, u by random sampling, capped EM)."""

    u_max_pairs: float = 5e6
    """Random pairs sampled to estimate u; the fixed cost of training."""
    em_max_pairs: float = 2e6
    """Cap on blocked pairs per EM session, which bounds memory."""
    prior_recall: float = 0.8
    """Assumed recall of the deterministic rules used to estimate the prior."""
    seed: int = 0


def model_path_for(store: Path | str) -> Path:
    """Where the model of the store at ``store`` is saved: ``<store>.linkage-model.json``."""
    return Path(f"{store}{MODEL_SUFFIX}")


def _check_dialect(dialect: str) -> Dialect:
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
            cll.And(cll.JaroWinklerLevel("address_line1", 0.9), cll.ExactMatchLevel("postal_code")).configure(
                label_for_charts="Similar street, same postal code"
            ),
            cll.ExactMatchLevel("postal_code").configure(label_for_charts="Same postal code"),
            cll.ElseLevel(),
        ],
    )


def people_comparisons(dialect: Dialect, *, birth_date_is_string: bool = False) -> list[Any]:
    """The comparisons of the person model for ``dialect``.

    ``birth_date`` is a DATE in the store; pass ``birth_date_is_string=True`` for ISO strings,
    which are parsed with the dialect's own date-format syntax.
    """
    dialect = _check_dialect(dialect)
    dob_format = _STRING_DATE_FORMATS[dialect] if birth_date_is_string else None
    return [
        _name_comparison("given_name", "family_name"),
        _name_comparison("family_name", "given_name"),
        cl.DateOfBirthComparison(
            "birth_date", input_is_string=birth_date_is_string, datetime_format=dob_format
        ),
        cl.EmailComparison("email_key"),
        cl.DamerauLevenshteinAtThresholds("phone", [1]).configure(term_frequency_adjustments=True),
        _address_comparison(),
        cl.ExactMatch("national_id_hash"),
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
    """Blocking rules: equalities on selective keys, so compared pairs grow near-linearly."""
    return [
        block_on("given_name", "family_name"),
        block_on("family_name", "birth_date"),
        block_on("given_name", "birth_date"),
        "l.given_name = r.family_name AND l.family_name = r.given_name",
        block_on("family_name", "postal_code"),
        *operator_blocking_rules(),
    ]


def people_settings(
    dialect: Dialect, *, link_type: LinkType = "dedupe_only", birth_date_is_string: bool = False
) -> SettingsCreator:
    """Splink settings of the person model for ``dialect`` (input id column ``unique_id``)."""
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=people_comparisons(dialect, birth_date_is_string=birth_date_is_string),
        blocking_rules_to_generate_predictions=people_blocking_rules(),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
    )


def train(linker: Any, options: TrainingOptions) -> dict[str, float]:
    """Train ``linker`` in place: prior, u by random sampling, then EM on capped blocked pairs.

    Returns the wall time of each phase in seconds.
    """
    t0 = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "family_name", "birth_date"), block_on("email_key")],
        recall=options.prior_recall,
    )
    t1 = time.perf_counter()
    linker.training.estimate_u_using_random_sampling(max_pairs=options.u_max_pairs, seed=options.seed)
    t2 = time.perf_counter()
    # Each EM session cannot learn the m of the columns it blocks on, so two are needed.
    for rule in (block_on("birth_date"), block_on("given_name", "family_name")):
        before = copy.deepcopy(linker._settings_obj)
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=options.em_max_pairs
            )
        except ValueError as e:
            # On small data EM can drive an m probability to 0, which Splink rejects half-way
            # through the session; restore the settings it was editing and keep going.
            linker._settings_obj = before
            log.warning("linkage: an EM session was skipped: %s", e)
    t3 = time.perf_counter()
    return {"train_prior": t1 - t0, "train_u": t2 - t1, "train_em": t3 - t2}


def save_model(linker: Any, path: Path) -> None:
    """Write the trained model as Splink JSON (overwriting an older one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    linker.misc.save_model_to_json(str(path), overwrite=True)
    log.info("linkage model saved to %s", path)


_LEVEL_PARAMS = ("m_probability", "u_probability", "tf_minimum_u_value")


def settings_dict(
    dialect: Dialect,
    saved: dict[str, Any] | None = None,
    *,
    link_type: LinkType = "dedupe_only",
    birth_date_is_string: bool = False,
) -> dict[str, Any]:
    """A Splink settings dict for ``dialect``, carrying the trained parameters of ``saved``.

    The SQL always comes from the builders for ``dialect``; only the prior and the m/u
    probabilities are taken from the saved model, so a model trained on DuckDB runs on Spark.
    """
    creator = people_settings(dialect, link_type=link_type, birth_date_is_string=birth_date_is_string)
    fresh = creator.create_settings_dict(dialect)
    if saved is None:
        return fresh
    saved_comparisons = {c["output_column_name"]: c for c in saved["comparisons"]}
    for comp in fresh["comparisons"]:
        old = saved_comparisons.get(comp["output_column_name"])
        if old is None or len(old["comparison_levels"]) != len(comp["comparison_levels"]):
            raise ConfigError(
                f"linkage model does not match comparison {comp['output_column_name']!r}; retrain it"
            )
        for level, old_level in zip(comp["comparison_levels"], old["comparison_levels"], strict=True):
            for key in _LEVEL_PARAMS:
                if key in old_level:
                    level[key] = old_level[key]
    fresh["probability_two_random_records_match"] = saved["probability_two_random_records_match"]
    return fresh
