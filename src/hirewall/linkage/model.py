"""The Splink model over person records: settings, training, save and load.

Settings are generated per SQL dialect (``duckdb`` or ``spark``) from the comparisons and
blocking rules of :mod:`hirewall.linkage.comparisons`, following
``research/entity-resolution.md``; EM runs on capped samples of blocked pairs.
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from splink import SettingsCreator, block_on
from splink.internals.exceptions import SplinkException

from hirewall.exceptions import ConfigError
from hirewall.linkage.comparisons import (
    IDENTITY_COMPARISONS,
    OPERATOR_KEYS,
    SHARED_LEVELS,
    Dialect,
    ModelOptions,
    operator_blocking_rules,
    people_blocking_rules,
    people_comparisons,
)
from hirewall.linkage.phases import PhaseClock

__all__ = [
    "IDENTITY_COMPARISONS",
    "OPERATOR_KEYS",
    "SHARED_LEVELS",
    "Dialect",
    "LinkType",
    "ModelOptions",
    "TrainingOptions",
    "model_path_for",
    "operator_blocking_rules",
    "people_settings",
    "save_model",
    "settings_dict",
    "train",
]

log = logging.getLogger(__name__)

LinkType = Literal["dedupe_only", "link_only", "link_and_dedupe"]
MODEL_SUFFIX = ".linkage-model.json"


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


def people_settings(
    dialect: Dialect, *, link_type: LinkType = "dedupe_only", model: ModelOptions | None = None
) -> SettingsCreator:
    """Splink settings of the person model for ``dialect`` (input id column ``unique_id``)."""
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=people_comparisons(dialect, model),
        blocking_rules_to_generate_predictions=people_blocking_rules(),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
    )


EM_BLOCKING_RULES = (
    block_on("given_name", "family_name", "birth_date"),
    block_on("birth_date", "city"),
    block_on("given_name", "family_name", "home_building_key"),
)
"""Blocks of the EM sessions. Each session cannot learn the m of the columns it blocks on,
so names, birth date and the rest are each left out by one of them. The blocks are tight so
that true duplicates stay a visible share of the pairs even when duplicates are rare (a few
thousand pairs in 1M people): with loose blocks (birth date alone) capped by ``max_pairs``,
EM sees a few hundred matches among millions of pairs and learns m = u.
"""


def train(linker: Any, options: TrainingOptions, clock: PhaseClock | None = None) -> dict[str, float]:
    """Train ``linker`` in place: prior, u by random sampling, then EM on capped blocked pairs.

    Returns the wall time of each phase in seconds (also recorded on ``clock``).
    """
    clock = clock or PhaseClock()
    with clock.phase("train_prior"):
        linker.training.estimate_probability_two_random_records_match(
            [block_on("given_name", "family_name", "birth_date"), block_on("email_key")],
            recall=options.prior_recall,
        )
    with clock.phase("train_u"):
        linker.training.estimate_u_using_random_sampling(max_pairs=options.u_max_pairs, seed=options.seed)
    with clock.phase("train_em"):
        for rule in EM_BLOCKING_RULES:
            before = copy.deepcopy(linker._settings_obj)
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    rule, estimate_without_term_frequencies=True, max_pairs=options.em_max_pairs
                )
            except (ValueError, SplinkException) as e:
                # On small or very clean data EM can drive an m probability to 0, or the match
                # rate within a block to 1 (an infinite prior weight), and Splink fails half-way
                # through the session; restore the settings it was editing and go on.
                linker._settings_obj = before
                log.warning("linkage: an EM session was skipped: %s", str(e).splitlines()[0][:200])
    return {k: clock.timings[k] for k in ("train_prior", "train_u", "train_em")}


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
    model: ModelOptions | None = None,
) -> dict[str, Any]:
    """A Splink settings dict for ``dialect``, carrying the trained parameters of ``saved``.

    The SQL always comes from the builders for ``dialect``; only the prior and the m/u
    probabilities are taken from the saved model, so a model trained on DuckDB runs on Spark.
    """
    creator = people_settings(dialect, link_type=link_type, model=model)
    fresh = creator.create_settings_dict(dialect)
    if saved is None:
        return fresh
    saved_comparisons = {c["output_column_name"]: c for c in saved["comparisons"]}
    for comp in fresh["comparisons"]:
        old = saved_comparisons.get(comp["output_column_name"])
        if old is None or len(old["comparison_levels"]) != len(comp["comparison_levels"]):
            raise ConfigError(
                f"linkage model does not match comparison {comp['output_column_name']!r}; "
                "retrain it (hirewall scan --retrain-linkage)"
            )
        for level, old_level in zip(comp["comparison_levels"], old["comparison_levels"], strict=True):
            for key in _LEVEL_PARAMS:
                if key in old_level:
                    level[key] = old_level[key]
    fresh["probability_two_random_records_match"] = saved["probability_two_random_records_match"]
    return fresh


def saved_settings(
    dialect: Dialect, path: Path, *, link_type: LinkType = "dedupe_only", model: ModelOptions | None = None
) -> dict[str, Any]:
    """:func:`settings_dict` with the model saved at ``path``; a :class:`ConfigError` naming the
    file and how to retrain it when it is missing, unreadable or not a model."""
    if not path.exists():
        raise ConfigError(f"no linkage model at {path}; run linkage once to train it")
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        return settings_dict(dialect, saved, link_type=link_type, model=model)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError(
            f"linkage model {path} is unreadable ({type(e).__name__}); "
            "retrain it with a scan of this store (hirewall scan --store STORE --retrain-linkage)"
        ) from e
