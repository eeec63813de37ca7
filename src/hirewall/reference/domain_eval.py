"""Measure the lookalike check: recall on perturbed real IT-firm domains, false positives on unrelated ones.

The variants are made here with simple, independent perturbations (not with dnstwist, which the
checker itself uses), so the recall is not circular.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hirewall.reference.domains import DomainIntel, registered_domain

# 20 real IT-services / staffing firms (public company websites).
IT_FIRMS = (
    "accenture.com infosys.com wipro.com cognizant.com capgemini.com epam.com globant.com hcltech.com "
    "techmahindra.com deloitte.com kforce.com teksystems.com randstad.com adecco.com roberthalf.com "
    "toptal.com andela.com luxoft.com endava.com thoughtworks.com"
).split()
_CYRILLIC = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "y": "у", "i": "і"}
_ASCII_GLYPHS = (("o", "0"), ("l", "1"), ("m", "rn"), ("w", "vv"), ("i", "l"), ("s", "5"))
_KEYS = "qwertyuiopasdfghjklzxcvbnm"


def variants(domain: str, rng: random.Random) -> list[tuple[str, str]]:
    """``(technique, variant)`` pairs: typo x4, homoglyph x2, TLD swap, added word x2; never the original."""
    label, suffix = domain.split(".", 1)
    i, j = rng.randrange(len(label)), rng.randrange(len(label) - 1)
    out = [
        ("typo", label[:i] + label[i + 1 :]),
        ("typo", label[:j] + label[j + 1] + label[j] + label[j + 2 :]),
        ("typo", label[:i] + label[i] + label[i:]),
        ("typo", label[:i] + rng.choice(_KEYS.replace(label[i], "")) + label[i + 1 :]),
    ]
    cyr = [k for k, c in enumerate(label) if c in _CYRILLIC]
    if cyr:
        k = rng.choice(cyr)
        out.append(("homoglyph", label[:k] + _CYRILLIC[label[k]] + label[k + 1 :]))
    a, b = next(((a, b) for a, b in _ASCII_GLYPHS if a in label), ("", ""))
    if a:
        out.append(("homoglyph", label.replace(a, b, 1)))
    out = [(t, f"{v}.{suffix}") for t, v in out]
    out.append(("tld-swap", f"{label}.{rng.choice(['net', 'io', 'co', 'us', 'org', 'com.mx', 'co.uk'])}"))
    out.append(
        ("added-word", f"{label}-{rng.choice(['careers', 'jobs', 'staffing', 'hr', 'recruit'])}.{suffix}")
    )
    out.append(("added-word", f"{rng.choice(['hire', 'team', 'my', 'get'])}{label}.{suffix}"))
    return [(t, v) for t, v in out if v != domain]


def evaluate_lookalikes(
    unrelated: Iterable[str], firms: Iterable[str] = IT_FIRMS, seed: int = 0
) -> dict[str, Any]:
    """Recall per technique on variants of ``firms`` and false positives among ``unrelated`` domains."""
    firms = list(firms)
    intel = DomainIntel(firms)
    rng = random.Random(seed)
    per: dict[str, list[int]] = {}
    for dom in firms:
        for technique, variant in variants(dom, rng):
            hit = intel.lookalike_of(variant)
            per.setdefault(technique, [0, 0])[0] += int(hit is not None and hit[0] == dom)
            per[technique][1] += 1
    others = [d for d in unrelated if registered_domain(d) not in set(firms)]
    false_pos = [(d, hit) for d in others if (hit := intel.lookalike_of(d)) is not None]
    found, total = sum(v[0] for v in per.values()), sum(v[1] for v in per.values())
    return {
        "recall": found / total,
        "variants": total,
        "recall_by_technique": {k: v[0] / v[1] for k, v in per.items()},
        "unrelated": len(others),
        "false_positives": len(false_pos),
        "false_positive_examples": false_pos[:20],
    }


def tranco_top10k() -> list[str]:
    """The Tranco top-10k (2025-01-15) bundled in pymispwarninglists' MISP warninglists (CC0)."""
    import pymispwarninglists

    base = Path(pymispwarninglists.__file__).parent / "data/misp-warninglists/lists/tranco10k/list.json"
    return [str(d) for d in json.loads(base.read_text(encoding="utf-8"))["list"]]


def bench_lookalikes() -> dict[str, Any]:
    """Recall on the 20 firms' variants and false positives on the Tranco top-10k."""
    return evaluate_lookalikes(tranco_top10k())
