"""The pipeline commands. Each is a thin wrapper over one package function."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from hirewall.settings import Settings

EXISTING = click.Path(exists=True, path_type=Path)
OUT = click.Path(path_type=Path)


def _settings(no_mask: bool = False, quiet: bool = False) -> Settings:
    s = Settings.from_env()
    return s.with_(mask_identifiers=s.mask_identifiers and not no_mask, progress=s.progress and not quiet)


def _scan(data: Path, out: Path, settings: Settings, mapping: Path | None, store: Path | None) -> None:
    from hirewall.cli.progress import RichReporter, summary_table
    from hirewall.contract import load_contract
    from hirewall.ingest.mapping import load_mapping
    from hirewall.pipeline import scan

    console = Console(stderr=True)
    with RichReporter(console, enabled=settings.progress) as reporter:
        result = scan(data, out, settings, load_mapping(mapping, load_contract()), store, reporter)
    Console().print(summary_table(result))
    click.echo(f"report: {out / 'report.html'}")


@click.command("scan")
@click.argument("data", type=EXISTING)
@click.option("--out", "out", type=OUT, required=True, help="Folder for the case files and report.")
@click.option("--mapping", type=EXISTING, help="Column-mapping YAML for non-standard exports.")
@click.option("--store", type=OUT, help="DuckDB store file (default: OUT/hirewall.duckdb).")
@click.option("--no-mask", is_flag=True, help="Show identifiers unmasked in outputs.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
@click.option("--no-linkage", is_flag=True, help="Skip Splink probabilistic linkage.")
@click.option("--retrain-linkage", is_flag=True, help="Retrain the saved Splink model instead of reusing it.")
def scan_cmd(
    data: Path,
    out: Path,
    mapping: Path | None,
    store: Path | None,
    no_mask: bool,
    quiet: bool,
    no_linkage: bool,
    retrain_linkage: bool,
) -> None:
    """Scan a folder of exports DATA and write scored people, rings and a report to OUT."""
    settings = _settings(no_mask, quiet)
    settings = settings.with_(linkage=settings.linkage and not no_linkage, retrain_linkage=retrain_linkage)
    _scan(data, out, settings, mapping, store)


@click.command("ingest")
@click.argument("source", type=EXISTING)
@click.option("--store", type=OUT, required=True, help="DuckDB store file to append to.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "okta", "entra", "osquery"]),
    default="csv",
    show_default=True,
    help="csv: contract tables (CSV/JSON Lines/Parquet); okta, entra, osquery: those vendors' exports.",
)
@click.option(
    "--mapping",
    help="Mapping YAML file, or a shipped mapping's name (workday, greenhouse...; see docs/adapters.md).",
)
@click.option("--quarantine", type=OUT, help="File to append rejected rows to (default: next to the store).")
def ingest_cmd(source: Path, store: Path, fmt: str, mapping: str | None, quarantine: Path | None) -> None:
    """Append the exports in SOURCE to a store, idempotently; bad rows are quarantined."""
    from hirewall.contract import load_contract
    from hirewall.engine import open_engine
    from hirewall.ingest.adapters import load_spec, resolve_mapping
    from hirewall.ingest.adapters.run import ingest_events
    from hirewall.ingest.loader import IngestResult, ingest
    from hirewall.ingest.mapping import load_mapping
    from hirewall.ingest.quarantine import write_quarantine

    settings = _settings()
    contract = load_contract()
    mapping_path = resolve_mapping(mapping)
    spec = load_spec(fmt, contract, mapping_path) if fmt != "csv" else None
    csv_mapping = load_mapping(mapping_path, contract) if spec is None else None
    qpath = quarantine or store.with_suffix(".quarantine.jsonl")
    result = IngestResult()
    engine = open_engine(settings, store)
    try:
        if spec is not None:
            ingest_events(engine, source, spec, contract, result=result)
        else:
            ingest(engine, source, csv_mapping, contract, result=result)
    finally:
        engine.close()
        # Appended, so earlier ingests' records stay; written even when a later file fails.
        write_quarantine(result.quarantine, qpath, append=True)
    for name, s in sorted(result.tables.items()):
        skipped = f" skipped {s.skipped:,}" if s.skipped else ""
        click.echo(f"{name}: read {s.read:,} kept {s.kept:,} quarantined {s.quarantined:,}{skipped}")
    if result.skipped_files:
        names = ", ".join(result.skipped_files)
        click.echo(f"not read (match no mapping entry or table name): {names}")
    click.echo(f"quarantine: {qpath}")


@click.command("synth")
@click.argument("out", type=OUT)
@click.option("--people", type=click.IntRange(min=10), default=10_000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--difficulty", type=click.Choice(["easy", "normal", "hard"]), default="normal", show_default=True
)
@click.option("--ip-lists", type=EXISTING, help="Folder with X4BNet VPN/datacenter lists to draw IPs from.")
def synth_cmd(out: Path, people: int, seed: int, difficulty: str, ip_lists: Path | None) -> None:
    """Write a synthetic organization to OUT, with ground truth in OUT/labels.csv."""
    from hirewall.synth import generate_world

    t0 = time.perf_counter()
    try:
        summary = generate_world(out, people=people, seed=seed, difficulty=difficulty, ip_lists=ip_lists)
    except ValueError as e:  # too few people for the rings the world plants
        raise click.BadParameter(str(e), param_hint="'--people'") from e
    click.echo(json.dumps(summary, indent=2, default=str))
    click.echo(f"wrote {out} in {time.perf_counter() - t0:.1f}s")


def metrics_table(m: dict[str, Any]) -> Table:
    """The evaluation as a terminal table."""
    t = Table(title="hirewall evaluate")
    t.add_column("metric")
    t.add_column("value", justify="right")
    for name in ("flagged", "high"):
        for k in ("precision", "recall", "f1"):
            t.add_row(f"{name} {k}", f"{m[name][k]:.4f}")
    for k in ("roc_auc", "average_precision", "ring_ari"):
        if k in m:
            t.add_row(k, f"{m[k]:.4f}")
    for k, v in m["precision_at_k"].items():
        t.add_row(f"precision@{k}", f"{v:.4f}")
    fac = m["facilitator_top3"]
    t.add_row("facilitator in top 3", f"{fac['hit']}/{fac['rings']} = {fac['rate']:.4f}")
    any_part = f"{fac['hit_any_part']}/{fac['rings']} = {fac['rate_any_part']:.4f}"
    t.add_row("  in any part of a split ring", any_part)
    if best := m.get("perfect_linking"):
        linked = f"{best['facilitator_hit']}/{best['facilitator_rings']} = {best['facilitator_rate']:.4f}"
        t.add_row("  with perfect linking", linked)
        t.add_row("ring_ari with perfect linking", f"{best['ring_ari']:.4f}")
    for g, v in m["fpr_by_group"].items():
        t.add_row(f"FPR {g}", f"{v['flagged']}/{v['n']} = {v['fpr']:.4f}")
    for tactic, v in m.get("recall_by_tactic", {}).items():
        t.add_row(f"recall {tactic}", f"{v['flagged']}/{v['n']} = {v['recall']:.4f}")
    return t


@click.command("evaluate")
@click.argument("out", type=EXISTING)
@click.option("--labels", type=EXISTING, required=True, help="labels.csv written by `hirewall synth`.")
def evaluate_cmd(out: Path, labels: Path) -> None:
    """Score the scan in OUT against ground-truth LABELS; writes OUT/evaluation.json."""
    from hirewall.evaluate import evaluate

    metrics = evaluate(out, labels)
    (out / "evaluation.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    Console().print(metrics_table(metrics))


@click.command("demo")
@click.option("--out", type=OUT, default=Path("demo-out"), show_default=True)
@click.option("--people", type=click.IntRange(min=100), default=5_000, show_default=True)
@click.option("--seed", type=int, default=2024, show_default=True)
def demo(out: Path, people: int, seed: int) -> None:
    """Synthesise an organization, scan it, evaluate it and say where the report is."""
    from hirewall.synth import generate_world

    data = out / "data"
    click.echo(f"1/3 synthesising {people:,} people into {data}")
    generate_world(data, people=people, seed=seed, difficulty="normal")
    click.echo("2/3 scanning")
    _scan(data, out / "scan", _settings(), None, None)
    click.echo("3/3 evaluating against the synthetic ground truth")
    from hirewall.evaluate import evaluate

    metrics = evaluate(out / "scan", data / "labels.csv")
    (out / "scan" / "evaluation.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    Console().print(metrics_table(metrics))
    click.echo(f"\nOpen the case report: {(out / 'scan' / 'report.html').resolve()}")


@click.command("report")
@click.argument("out", type=EXISTING)
def report_cmd(out: Path) -> None:
    """(Re)build OUT/report.html from a scan's output files."""
    from hirewall.report import render_report

    click.echo(f"report: {render_report(out)}")


@click.command("export")
@click.argument("out", type=EXISTING)
@click.option("--format", "fmt", type=click.Choice(["stix", "ftm", "csv", "json"]), required=True)
def export_cmd(out: Path, fmt: str) -> None:
    """Export a scan's findings as STIX 2.1, FollowTheMoney, CSV or JSON."""
    from hirewall.export import export

    for path in export(out, fmt):
        click.echo(str(path))
