"""The case report: one self-contained HTML file built from a scan's output files.

:func:`render_report` is the entry point (``hirewall report OUT`` and the end of a scan).
"""

from __future__ import annotations

from hirewall.report.render import render_report

__all__ = ["render_report"]
