"""Render ``report.html``: the payload as inline JSON, plus inline CSS and JavaScript."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from hirewall.report.payload import build_payload
from hirewall.report.scanfiles import load_scan


def _asset(name: str) -> str:
    return resources.files("hirewall.report").joinpath("templates", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_html(payload: dict[str, Any]) -> str:
    """The complete, self-contained report page for a payload."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(_asset("report.html.j2"))
    return template.render(
        css=Markup(_asset("report.css")),  # noqa: S704 (our own packaged file)
        js=Markup(_asset("report.js")),  # noqa: S704 (our own packaged file)
        data=Markup(script_json(payload)),  # noqa: S704 (escaped by script_json)
    )


def render_report(out: Path) -> Path:
    """Write ``out/report.html`` from the scan output files in ``out``; returns its path."""
    scan = load_scan(out)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    path = out / "report.html"
    path.write_text(render_html(build_payload(scan, generated)), encoding="utf-8")
    return path
