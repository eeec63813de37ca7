"""Batch identity resolution over the store's ``people`` table.

:func:`link_people` loads (or trains and saves) the model, scores every blocked pair, splits
the pairs into same-person and shared-operator links (see :mod:`hirewall.linkage.classify`)
and clusters the same-person links into identities with connected components.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from splink import Linker
from splink.clustering import cluster_pairwise_predictions_at_threshold

from hirewall.linkage.backends import StoreHandle, dialect_of, make_db_api, read_people
from hirewall.linkage.classify import (
    EXPLANATION_TYPE,
    SAME_PERSON,
    ClassifyOptions,
    classify_sql,
    split_links,
)
from hirewall.linkage.model import (
    LinkType,
    ModelOptions,
    TrainingOptions,
    operator_blocking_rules,
    save_model,
    saved_settings,
    settings_dict,
    train,
)
from hirewall.linkage.phases import PhaseClock, PhaseListener
from hirewall.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkageOptions:
    """Options of a linkage run."""

    training: TrainingOptions = field(default_factory=TrainingOptions)
    classify: ClassifyOptions = field(default_factory=ClassifyOptions)
    link_type: LinkType = "dedupe_only"
    """``dedupe_only`` for the store; ``link_only`` links several frames (benchmarks)."""
    model: ModelOptions = field(default_factory=ModelOptions)
    """Variant of the person model (the defaults fit hirewall stores)."""
    phase_listener: PhaseListener | None = None
    """Told when each phase (train_u, train_em, predict, classify, cluster...) starts and ends."""


@dataclass(frozen=True)
class LinkageResult:
    """The two kinds of link and the identity clusters.

    ``same_person`` and ``shared_operator`` have ``record_id_l``, ``record_id_r``,
    ``match_weight``, ``match_probability`` and ``explanation`` (list of
    ``{comparison, level, match_weight}``, prior first); ``shared_operator`` also has
    ``shared`` (the operator attributes the pair shares). ``clusters`` maps every
    ``record_id`` to an ``identity_id`` (the smallest record id of its cluster, stable
    across engines).
    """

    same_person: pa.Table
    shared_operator: pa.Table
    clusters: pa.Table
    model_path: Path
    trained: bool
    timings: dict[str, float]


def link_people(
    store: StoreHandle,
    settings: Settings,
    model_path: Path,
    retrain: bool = False,
    *,
    options: LinkageOptions | None = None,
    spark: Any = None,
) -> LinkageResult:
    """Resolve the identities in the store's ``people`` table.

    The model at ``model_path`` is reused when it exists; it is trained and saved there when
    it does not, or when ``retrain`` is true. ``settings.engine`` picks DuckDB or Spark;
    ``spark`` is an optional existing SparkSession.
    """
    return link_frames([read_people(store)], settings, model_path, retrain, options=options, spark=spark)


def _empty(model_path: Path) -> LinkageResult:
    cols = {"record_id_l": pa.string(), "record_id_r": pa.string(), "match_weight": pa.float64()}
    cols |= {"match_probability": pa.float64()}
    same = pa.schema([*cols.items(), ("explanation", EXPLANATION_TYPE)])
    shared = pa.schema([*cols.items(), ("shared", pa.list_(pa.string())), ("explanation", EXPLANATION_TYPE)])
    clusters = pa.schema([("record_id", pa.string()), ("identity_id", pa.string())])
    return LinkageResult(
        same.empty_table(), shared.empty_table(), clusters.empty_table(), model_path, False, {}
    )


def link_frames(
    frames: Sequence[pa.Table],
    settings: Settings,
    model_path: Path,
    retrain: bool = False,
    *,
    options: LinkageOptions | None = None,
    spark: Any = None,
) -> LinkageResult:
    """Like :func:`link_people`, on prepared frames (columns of ``backends.LINKAGE_COLUMNS``).

    Pass one frame to deduplicate it, or several with ``link_type="link_only"``. Record ids
    must be unique across all frames.
    """
    opts = options or LinkageOptions()
    if sum(f.num_rows for f in frames) < 2:
        return _empty(model_path)
    dialect = dialect_of(settings)
    db_api = make_db_api(settings, spark)
    run = uuid.uuid4().hex[:8]  # Spark temp views outlive the API object: keep names unique
    sdfs = [db_api.register(f, dataset_display_name=f"people_{run}_{i}") for i, f in enumerate(frames)]
    trained = retrain or not model_path.exists()
    if trained:
        sd = settings_dict(dialect, link_type=opts.link_type, model=opts.model)
    else:
        sd = saved_settings(dialect, model_path, link_type=opts.link_type, model=opts.model)
    linker: Any = Linker(sdfs if len(sdfs) > 1 else sdfs[0], sd)
    clock = PhaseClock(opts.phase_listener)
    if trained:
        train(linker, opts.training, clock)
        save_model(linker, model_path)
    with clock.phase("predict"):
        classified = _score(linker, sdfs, opts.classify)
    with clock.phase("classify"):
        same, shared = split_links(linker, classified.as_pyarrow_table())
    with clock.phase("cluster"):
        clusters = _cluster(linker, db_api, sdfs, classified)
    timings = dict(clock.timings)
    log.info("linkage: %d same-person, %d shared-operator links", same.num_rows, shared.num_rows)
    return LinkageResult(same, shared, clusters, model_path, trained, timings)


def _score(linker: Any, sdfs: Sequence[Any], options: ClassifyOptions) -> Any:
    """Classified pairs, in two passes so memory stays bounded.

    Pass 1 scores every blocked pair but keeps only those at or above the same-person
    probability. Pass 2 re-scores just the pairs blocked on shared-operator keys (small
    blocks) and keeps those below it that share something, whatever their match weight.
    """
    threshold = options.same_person_probability
    strong = linker.inference.predict(threshold_match_probability=threshold)
    first = linker.misc.query_sql(classify_sql(linker, strong, options))
    for tf_col in linker._settings_obj._term_frequency_columns:
        linker.table_management.compute_tf_table(tf_col.unquote().name)
    weak = linker.inference.predict_within(
        list(sdfs) if len(sdfs) > 1 else sdfs[0],
        blocking_rules_to_generate_predictions=operator_blocking_rules(),
        warning_mode="never",
    )
    second = linker.misc.query_sql(classify_sql(linker, weak, options, below_threshold=True))
    both = linker.misc.query_sql(
        f"SELECT * FROM {first.physical_name} UNION ALL SELECT * FROM {second.physical_name}"  # noqa: S608
    )
    for sdf in (strong, weak, first, second):
        sdf.drop_table_from_database_and_remove_from_cache()
    return both


def _cluster(linker: Any, db_api: Any, sdfs: Sequence[Any], classified: Any) -> pa.Table:
    """Connected components over the same-person links; identity id = smallest record id."""
    union = " UNION ALL ".join(f"SELECT unique_id FROM {s.physical_name}" for s in sdfs)  # noqa: S608
    nodes = linker.misc.query_sql(union)
    edges = linker.misc.query_sql(
        f"SELECT record_id_l, record_id_r FROM {classified.physical_name} "  # noqa: S608
        f"WHERE kind = '{SAME_PERSON}'"
    )
    clusters = cluster_pairwise_predictions_at_threshold(
        nodes, edges, db_api, "unique_id", "record_id_l", "record_id_r"
    )
    out = linker.misc.query_sql(
        f"SELECT unique_id AS record_id, min(unique_id) OVER (PARTITION BY cluster_id) AS identity_id "  # noqa: S608
        f"FROM {clusters.physical_name} ORDER BY record_id"
    )
    return out.as_pyarrow_table()
