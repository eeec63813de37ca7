"""Fuzzy, transliteration-aware comparison of person and organisation names for sanctions screening.

Names are transliterated to ASCII (``rigour``; Hangul syllable by syllable, so ``김상만`` gives
``gim sang man``), stripped of honorifics or legal-form words, and split into tokens; common
Korean romanisation variants (Gim/Kim, Ri/Rhee/Yi/Lee, Pak/Park...) are folded together. Tokens
are aligned greedily by Levenshtein similarity: agreeing pairs set the score, every *disagreeing*
pair multiplies it down (one different given name is a different person), and unmatched extra
tokens (a missing middle name) cost a little. In tokens of up to four letters one different letter
is a different name element (Sang/Song, Min/Man), and the same tokens in another order than a
rotation (surname first or last) are another name. Measured on nomenklatura's name bench by
:func:`name_bench_f1`.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

HANGUL = re.compile(r"[\uac00-\ud7a3]")
ROMANISATION = {
    "gim": "kim", "ri": "lee", "yi": "lee", "rhee": "lee", "li": "lee", "pak": "park", "bak": "park",
    "choe": "choi", "jung": "jong", "chong": "jong", "jeong": "jong", "sohn": "son", "gang": "kang",
    "yoo": "yu", "ryu": "yu", "gwon": "kwon", "rim": "lim", "yim": "lim", "im": "lim",
}  # fmt: skip
MISMATCH = 0.5
"""Factor applied per aligned token pair that does not agree."""
EXTRA = 0.95
"""Factor applied per token present on one side only."""
AGREE = 0.7
"""Levenshtein similarity from which two tokens count as the same name element."""
PERMUTED = 0.65
"""Score of the same tokens in another order than a rotation (below the threshold)."""
THRESHOLD = 0.7
"""Default decision threshold (the one nomenklatura's bench reports)."""


@lru_cache(maxsize=65536)
def ascii_tokens(name: str, person: bool = True) -> tuple[str, ...]:
    """Tokens of a name transliterated to lower-case ASCII, without honorifics/legal forms,
    before romanisation variants are folded (so ``Li Na`` keeps ``li`` and still joins to ``lina``)."""
    from rigour.names import remove_org_types, remove_person_prefixes
    from rigour.text.translit import ascii_text

    text = HANGUL.sub(lambda m: f" {m.group(0)} ", name)
    text = remove_person_prefixes(text) if person else remove_org_types(text)
    text = ascii_text(text).lower().replace("'", "")
    return tuple(t for t in re.split(r"[^a-z0-9]+", text) if t)


@lru_cache(maxsize=65536)
def name_tokens(name: str, person: bool = True) -> tuple[str, ...]:
    """Canonical tokens of a name: :func:`ascii_tokens` with Korean romanisation variants folded
    together (Gim/Kim, Ri/Lee...), one for one, so both tuples have the same length."""
    return tuple(ROMANISATION.get(t, t) for t in ascii_tokens(name, person))


def _lev(a: str, b: str) -> float:
    from rigour.text.distance import levenshtein

    return max(0.0, 1.0 - levenshtein(a, b) / max(len(a), len(b)))


def token_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two tokens; from :data:`AGREE` they are the same name element.

    Levenshtein ratio, lowered by 0.1 below 0.8 when either token has at most four letters; a
    one-letter token is an initial and agrees (0.9) with any token starting with that letter.
    """
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:  # an initial agrees with a name that starts with it
        return 0.9 if a[0] == b[0] else 0.0
    sim = _lev(a, b)
    if min(len(a), len(b)) <= 4 and sim < 0.8:
        sim -= 0.1  # in a short token one letter makes another name element: Sang/Song, Min/Man
    return sim


def token_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Similarity in [0, 1] of two token tuples (see the module docstring)."""
    if not a or not b:
        return 0.0
    if "".join(a) == "".join(b) or _rotation(a, b):
        return 1.0  # same tokens, or surname moved from first to last place
    if sorted(a) == sorted(b):
        return PERMUTED  # "Song Hwa" is not "Hwa Song"
    sims = ((token_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b))
    pairs = sorted(sims, reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    agree: list[float] = []
    factor = 1.0
    for sim, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        if sim >= AGREE:
            agree.append(sim)
        else:
            factor *= MISMATCH
    if not agree:
        return 0.0
    extra = len(a) - len(used_a) + len(b) - len(used_b)
    aligned = sum(agree) / len(agree) * factor * EXTRA**extra
    if len(a) == len(b) and len("".join(a)) < 14:
        return aligned  # short names: a whole-string edit ratio would hide one different syllable
    joined = _lev("".join(a), "".join(b))  # merged/split tokens: "Sangman" vs "Sang Man"
    return max(aligned, joined if joined >= 0.9 else 0.0)


def _rotation(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and any(a[k:] + a[:k] == b for k in range(len(a)))


def name_score(a: str, b: str, person: bool = True) -> float:
    """Similarity of two names in [0, 1]."""
    return token_score(name_tokens(a, person), name_tokens(b, person))


def name_bench_f1(path: Path, threshold: float = THRESHOLD) -> dict[str, Any]:
    """Precision, recall and F1 on nomenklatura's ``name_bench/cases.csv`` (name only, no attributes)."""
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    tp = fp = fn = 0
    for r in rows:
        score = name_score(r["name1"], r["name2"], person=r["schema"] == "Person")
        truth = r["is_match"].strip().lower() == "true"
        tp += score >= threshold and truth
        fp += score >= threshold and not truth
        fn += score < threshold and truth
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(rows), "threshold": threshold, "precision": precision, "recall": recall, "f1": f1}
