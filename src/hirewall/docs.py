"""Generate the documentation that must stay true to the code.

``python -m hirewall.docs`` rewrites ``docs/indicators.md`` (from the indicator catalogue and
weights) and ``docs/data-contract-columns.md`` (from the contract schema). A test fails when
the committed files differ from what this module generates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hirewall.contract import load_contract
from hirewall.indicators import catalogue
from hirewall.scoring.weights import weight_for


def indicators_markdown() -> str:
    """The indicator catalogue as Markdown."""
    lines = [
        "# Indicator catalogue",
        "",
        "Generated from the code by `make docs` (`python -m hirewall.docs`); do not edit by hand.",
        "Codes and source tags refer to `indicators.md` in the project research notes (G = government",
        "advisories, M/C/MS/U/SW/... = vendor reports). Fairness: **S** = behaviour or consistency based;",
        "**C** = corroboration only, never raises a band on its own. An S-class indicator marked",
        "*corroborates nothing* counts for the person but is not the evidence that lets their",
        "class-C signals count (see docs/scoring.md).",
        "",
        "| id | code | family | fairness | link | weight | sources |",
        "|---|---|---|---|---|---|---|",
    ]
    cat = catalogue()
    for ind in cat.values():
        w = weight_for(ind.id, ind.link, ind.fairness)
        weight = f"{w.log_odds:+.1f}" + (" (corroboration only)" if w.corroboration_only else "")
        weight += "" if w.corroborates else " (corroborates nothing)"
        lines.append(
            f"| `{ind.id}` | {ind.code} | {ind.family} | {ind.fairness} | {ind.link} | {weight} | "
            f"{', '.join(ind.sources)} |"
        )
    for ind in cat.values():
        lines += ["", f"## `{ind.id}` ({ind.code}, {ind.family})", "", ind.explanation]
        lines += ["", f"Needs tables: {', '.join(ind.tables)}."]
    return "\n".join(lines) + "\n"


def contract_markdown() -> str:
    """The contract's tables and columns as Markdown."""
    contract = load_contract()
    lines = [
        "# Contract columns",
        "",
        "Generated from `src/hirewall/schema/contract.yaml` by `make docs`; do not edit by hand.",
    ]
    for t in contract.tables.values():
        lines += ["", f"## `{t.name}`", "", t.description, "", f"Key: {', '.join(t.key)}.", ""]
        lines += ["| column | type | required | description |", "|---|---|---|---|"]
        for c in t.columns:
            desc = c.description + (f" One of: {', '.join(c.values)}." if c.values else "")
            lines.append(f"| `{c.name}` | {c.type} | {'yes' if c.required else ''} | {desc.strip()} |")
        if t.derived_columns:
            lines += ["", f"Derived by ingest: {', '.join(f'`{d}`' for d in t.derived_columns)}."]
    return "\n".join(lines) + "\n"


GENERATED = {"indicators.md": indicators_markdown, "data-contract-columns.md": contract_markdown}


def main(docs: Path = Path("docs")) -> None:
    docs.mkdir(exist_ok=True)
    for name, build in GENERATED.items():
        (docs / name).write_text(build(), encoding="utf-8")
        sys.stdout.write(f"wrote {docs / name}\n")


if __name__ == "__main__":
    main()
