"""``hirewall reference``: offline reference data sets, their status and updates."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from hirewall.settings import Settings


@click.group("reference")
def reference() -> None:
    """Show or update the offline reference data (IP ranges, RMM and IP-KVM catalogues...)."""


@reference.command("status")
def status() -> None:
    """List every data set with its source, licence, version date and row count."""
    from hirewall.reference.catalog import status as reference_status

    rows = reference_status(Settings.from_env())
    table = Table(title="hirewall reference data")
    keys = list(rows[0]) if rows else []
    for k in keys:
        table.add_column(k)
    for row in rows:
        table.add_row(*(str(row.get(k, "")) for k in keys))
    Console().print(table)


@reference.command("update")
@click.argument("name")
@click.option("--from", "from_path", type=click.Path(exists=True, path_type=Path), required=True)
def update(name: str, from_path: Path) -> None:
    """Load a newer official file for data set NAME from a path you downloaded."""
    from hirewall.reference.catalog import update as reference_update

    click.echo(str(reference_update(name, from_path, Settings.from_env())))
