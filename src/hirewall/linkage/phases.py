"""Wall time of the linkage phases, with an optional listener (benchmarks sample memory)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PhaseListener = Callable[[str, bool], None]
"""Called with a phase name and ``True`` when the phase starts, ``False`` when it ends."""


class PhaseClock:
    """Collects the wall time of named phases in seconds, in the order they ran."""

    def __init__(self, listener: PhaseListener | None = None) -> None:
        self.timings: dict[str, float] = {}
        self._listener = listener

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the ``with`` block as phase ``name``."""
        if self._listener:
            self._listener(name, True)
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = time.perf_counter() - t0
            if self._listener:
                self._listener(name, False)
