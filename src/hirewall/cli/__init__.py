"""The ``hirewall`` command line: a thin click shell over the package's functions."""

from __future__ import annotations

import sys

import click

from hirewall import __version__
from hirewall.cli.commands import demo, evaluate_cmd, export_cmd, ingest_cmd, report_cmd, scan_cmd, synth_cmd
from hirewall.cli.reference import reference
from hirewall.exceptions import HirewallError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hirewall")
def cli() -> None:
    """Find DPRK remote IT-worker personas, rings and facilitators in your own exports.

    Everything runs locally; nothing leaves this machine. Findings are for human review,
    never for automatic rejection.
    """


for command in (scan_cmd, synth_cmd, evaluate_cmd, demo, report_cmd, export_cmd, ingest_cmd, reference):
    cli.add_command(command)


def main() -> None:
    """Entry point: domain errors become one clear line, never a traceback."""
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except HirewallError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(1)
