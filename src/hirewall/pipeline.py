"""The scan: ingest → indicators → same-person clusters → rings → scores → outputs.

:func:`scan` is the one entry point the CLI, the demo and the benchmarks call.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from hirewall.contract import load_contract
from hirewall.egress import OrgEgressSet, learn_org_egress
from hirewall.engine import open_engine
from hirewall.engine.base import Engine
from hirewall.exceptions import HirewallError, IndicatorError
from hirewall.graph.corroboration import corroborate
from hirewall.graph.facilitators import Facilitator, rank_facilitators
from hirewall.graph.identity import identity_clusters, same_person_pairs
from hirewall.graph.linkage import splink_links
from hirewall.graph.links import Ring, build_groups
from hirewall.graph.referrals import lead_rings, referral_hits, ring_members, seed_rings
from hirewall.graph.rings import find_rings
from hirewall.indicators import catalogue
from hirewall.indicators._waves import arrival_dates
from hirewall.indicators.base import Context, Hit, Indicator
from hirewall.ingest.loader import IngestResult, ingest
from hirewall.ingest.mapping import Mapping
from hirewall.ingest.quarantine import write_quarantine
from hirewall.outputs import facilitator_rows, person_rows, ring_rows, write_jsonl, write_summary
from hirewall.scoring.model import PersonScore, evidenced_alone, flagged_alone, score_person
from hirewall.screening import run_screening, sanctions_rows
from hirewall.settings import Settings
from hirewall.store import row_count

log = logging.getLogger(__name__)


class Reporter(Protocol):
    """Receives progress; the CLI draws it as progress bars."""

    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class _Silent:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


@dataclass
class ScanResult:
    """Everything a scan produced, in memory."""

    out: Path
    ingest: IngestResult
    persons: list[PersonScore]
    rings: list[Ring]
    facilitators: list[Facilitator]
    ring_of: dict[str, str]
    timings: dict[str, float] = field(default_factory=dict)
    coverage: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    sanctions: list[dict[str, Any]] | None = None
    """OFAC screening hits (a compliance control, apart from scores); None: no list loaded."""

    def band_counts(self) -> dict[str, int]:
        counts = {"high": 0, "medium": 0, "low": 0}
        for p in self.persons:
            counts[p.band] += 1
        return counts


@contextmanager
def _timed(timings: dict[str, float], name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    yield
    timings[name] = round(timings.get(name, 0.0) + time.perf_counter() - t0, 3)


def build_services(engine: Engine, settings: Settings) -> dict[str, Any]:
    """Reference data and learned egress, built once per run."""
    from hirewall.reference import build_services as reference_services

    services: dict[str, Any] = dict(reference_services(settings))
    services["org_egress"] = learn_org_egress(engine, settings, services.get("ip"))
    return services


def evaluate_indicators(
    ctx: Context, indicators: dict[str, Indicator], reporter: Reporter
) -> tuple[list[Hit], dict[str, int]]:
    """Run every applicable indicator; returns hits and a per-indicator hit count."""
    hits: list[Hit] = []
    counts: dict[str, int] = {}
    applicable = [ind for ind in indicators.values() if ind.applicable(ctx.tables)]
    reporter.stage("indicators", len(applicable))
    for ind in applicable:
        try:
            found = list(ind(ctx))
        except HirewallError:
            raise
        except Exception as e:  # an indicator bug must name the indicator, not crash anonymously
            raise IndicatorError(ind.id, f"{type(e).__name__}: {e}") from e
        counts[ind.id] = len(found)
        hits.extend(found)
        reporter.advance()
    return hits, counts


def scan(
    source: Path,
    out: Path,
    settings: Settings,
    mapping: Mapping | None = None,
    store: Path | None = None,
    reporter: Reporter | None = None,
) -> ScanResult:
    """Scan a folder of exports and write the case files to ``out``."""
    reporter = reporter or _Silent()
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    warnings: list[str] = []
    contract = load_contract()
    store_path = store or out / "hirewall.duckdb"
    engine = open_engine(settings, store_path)
    try:
        with _timed(timings, "ingest"):
            reporter.stage("ingest")
            result = ingest(engine, source, mapping, contract, progress=lambda _t, _n: reporter.advance(0))
        tables = frozenset(t for t in contract.tables if row_count(engine, t) > 0)
        indicators = catalogue()
        with _timed(timings, "indicators"):
            ctx = Context(engine, settings, tables, build_services(engine, settings))
            hits, hit_counts = evaluate_indicators(ctx, indicators, reporter)
        with _timed(timings, "rings"):
            reporter.stage("rings")
            record_ids = (
                [r for (r,) in engine.query("SELECT record_id FROM people ORDER BY record_id")]
                if ("people" in tables)
                else []
            )
            pairs = same_person_pairs(engine) if "people" in tables else []
            groups = build_groups(hits, indicators)
        if settings.linkage and len(record_ids) > 1:
            with _timed(timings, "linkage"):
                reporter.stage("linkage")
                try:
                    same, linkage_groups, linkage_timings = splink_links(engine, settings, store_path)
                except HirewallError:
                    raise
                except Exception as e:  # Splink/engine failure: go on with the deterministic links
                    log.warning("linkage skipped: %s", e)
                    warnings.append(f"probabilistic linkage skipped: {type(e).__name__}: {str(e)[:300]}")
                else:
                    pairs += same
                    groups.update(linkage_groups)
                    timings.update({f"linkage_{k}": v for k, v in linkage_timings.items()})
        with _timed(timings, "rings"):
            identity = identity_clusters(record_ids, pairs)
            dates = arrival_dates(engine) if "people" in tables else {}
            flagged = frozenset(flagged_alone(hits, indicators))
            rings = find_rings(groups, identity, dates=dates, flagged=flagged)
            if "people" in tables:
                evidenced = frozenset(evidenced_alone(hits, indicators))
                members = ring_members(rings)
                extra = referral_hits(
                    engine, seed_rings(rings), dates, flagged, evidenced, members, lead_rings(rings)
                )
                if extra:
                    hits.extend(extra)
                    groups = build_groups(hits, indicators) | {
                        k: g for k, g in groups.items() if k.startswith("linkage:")
                    }
                    rings = find_rings(groups, identity, dates=dates, flagged=flagged)
            by_record: dict[str, list[Hit]] = defaultdict(list)
            for h in hits:
                by_record[h.record_id].append(h)
            rings = corroborate(
                rings,
                by_record,
                indicators,
                identity,
                lambda held: flagged_alone(held, indicators) | evidenced_alone(held, indicators),
            )
            ring_of = {m: r.ring_id for r in rings for m in r.members}
            ring_by_id = {r.ring_id: r for r in rings}
        with _timed(timings, "scores"):
            reporter.stage("scores", len(record_ids))
            persons = []
            for rid in record_ids:
                ring = ring_by_id.get(ring_of.get(rid, ""))
                persons.append(
                    score_person(
                        rid,
                        by_record.get(rid, ()),
                        indicators,
                        ring.member_strength(rid) if ring else 0.0,
                        ring.ring_id if ring else None,
                        ring.membership_note(rid) if ring else None,
                    )
                )
            persons.sort(key=lambda p: (-p.score, p.record_id))
            score_of = {p.record_id: p.score for p in persons}
            ring_scores = {r.ring_id: max(score_of.get(m, 0.0) for m in r.members) for r in rings}
            facilitators = rank_facilitators(rings, groups, ring_scores)
        with _timed(timings, "sanctions"):
            sanctions = run_screening(engine, settings, tables)
        coverage = {
            "tables": {t: row_count(engine, t) for t in contract.tables},
            "families": sorted({indicators[i].family for i, n in hit_counts.items() if n}),
            "indicators_run": sorted(hit_counts),
            "indicators_skipped": sorted(set(indicators) - set(hit_counts)),
            "hits_per_indicator": dict(sorted(hit_counts.items())),
        }
        if isinstance(egress := ctx.services.get("org_egress"), OrgEgressSet):
            coverage["org_egress"] = egress.summary()
        scan_result = ScanResult(
            out, result, persons, rings, facilitators, ring_of, timings, coverage, warnings, sanctions
        )
        with _timed(timings, "write"):
            reporter.stage("write")
            write_outputs(scan_result, identity, indicators, ring_scores, settings)
    finally:
        engine.close()
    return scan_result


def write_outputs(
    res: ScanResult,
    identity: dict[str, str],
    indicators: dict[str, Indicator],
    ring_scores: dict[str, float],
    settings: Settings,
) -> None:
    """Write every output file of a scan into ``res.out``."""
    masked = settings.mask_identifiers
    out = res.out
    write_jsonl(out / "persons.jsonl", person_rows(res.persons, res.ring_of, identity, indicators, masked))
    write_jsonl(out / "rings.jsonl", ring_rows(res.rings, ring_scores, res.facilitators, masked))
    write_jsonl(out / "facilitators.jsonl", facilitator_rows(res.facilitators, masked))
    write_quarantine(res.ingest.quarantine, out / "quarantine.jsonl")
    if res.sanctions is not None:
        write_jsonl(out / "sanctions.jsonl", sanctions_rows(res.sanctions, masked))
    summary = {
        "tables": {
            name: {
                "read": s.read,
                "kept": s.kept,
                "quarantined": s.quarantined,
                "values_dropped": s.values_dropped,
                "files": s.files,
            }
            for name, s in sorted(res.ingest.tables.items())
        },
        "skipped_files": res.ingest.skipped_files,
        "bands": res.band_counts(),
        "rings": len(res.rings),
        "facilitators": len(res.facilitators),
        "coverage": res.coverage,
        "timings_s": res.timings,
        "warnings": res.warnings,
        "sanctions": (
            {"control": "ofac-sanctions", "list_loaded": False}
            if res.sanctions is None
            else {"control": "ofac-sanctions", "list_loaded": True, "hits": len(res.sanctions)}
        ),
        "masked": masked,
    }
    write_summary(out / "summary.json", summary)
    from hirewall.report import render_report

    render_report(out)
