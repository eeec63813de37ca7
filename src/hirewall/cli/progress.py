"""Progress bars and summary tables on the terminal, with rich."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from hirewall.pipeline import ScanResult


class RichReporter:
    """Draws one progress bar per pipeline stage."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not enabled,
            transient=False,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> RichReporter:
        self.progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._finish()
        self.progress.stop()

    def _finish(self) -> None:
        if self.task is not None:
            t = self.progress.tasks[self.task]
            self.progress.update(self.task, total=t.total or 1, completed=t.total or 1)

    def stage(self, name: str, total: int | None = None) -> None:
        self._finish()
        self.task = self.progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, n)


def summary_table(res: ScanResult) -> Table:
    """The short table printed at the end of a scan."""
    table = Table(title=f"hirewall scan → {res.out}", show_lines=False)
    for col in ("table", "read", "kept", "quarantined"):
        table.add_column(col, justify="right" if col != "table" else "left")
    for name, s in sorted(res.ingest.tables.items()):
        table.add_row(name, f"{s.read:,}", f"{s.kept:,}", f"{s.quarantined:,}")
    bands = res.band_counts()
    table.caption = (
        f"high {bands['high']:,} · medium {bands['medium']:,} · low {bands['low']:,} · "
        f"rings {len(res.rings):,} · facilitators {len(res.facilitators):,}"
    )
    return table
