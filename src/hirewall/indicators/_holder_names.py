"""Whether a payout account's holder name is the person's own (P3), the same way for every name.

Both names are transliterated to ASCII and compared part by part with the transliteration-aware
token similarity of :mod:`hirewall.reference.names`, so spelling and transliteration variants
of one name are the same name, while a short part with one other letter is not. Names in a
script whose transliteration is not their usual spelling (:data:`CROSS_SCRIPT`) are compared
only with names in the same script, word for word as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from hirewall.reference import names

COMPANY_WORDS = frozenset(
    "llc inc ltd corp co company limited gmbh plc consulting solutions services technologies labs".split()
)
CROSS_SCRIPT = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN"})
"""Scripts whose transliteration gives a name's usual Latin spelling (alphabets that write every
vowel, one reading per letter), so a name in one of them is compared with a name in any other.
A name with letters of another script is compared only with a name in the same scripts: Han
characters are read differently in each language (田中太郎 transliterates to "tian zhong tai
lang", not Tanaka Taro), Arabic, Hebrew and the Brahmic scripts leave vowels unwritten, and the
syllable-by-syllable romanisation of Hangul and kana differs from customary spellings (이 "i" for
Lee, 박 "bag" for Park, イトウ "itou" for Ito). Comparing those would mark people with such names
as paid to someone else far more often, so such pairs are not compared (0). Two names in the
same such script are compared by their words as written (:func:`_words`), not by transliterated
syllables: one shared syllable of 김민준 and 김민수 is no shared name part."""


_LATIN = frozenset({"LATIN"})


@lru_cache(maxsize=65536)
def _scripts(text: str) -> frozenset[str]:
    """The scripts of a text's letters (first word of the Unicode name: LATIN, CYRILLIC, CJK...)."""
    if text.isascii():
        return _LATIN if any(ch.isalpha() for ch in text) else frozenset()
    text = unicodedata.normalize("NFKC", text)
    letters = (ch for ch in text if unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo"))
    return frozenset(unicodedata.name(ch, "?").split()[0] for ch in letters)


_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def token_agreement(a: str, b: str) -> float:
    """:func:`names.token_similarity`, also with doubled letters written once (Ann/An, Matthew/Mathew)."""
    if a == b:
        return 1.0
    sim = names.token_similarity(a, b)
    a1, b1 = _DOUBLED.sub(r"\1", a), _DOUBLED.sub(r"\1", b)
    return sim if (a1, b1) == (a, b) else max(sim, names.token_similarity(a1, b1))


def _forms(tokens: Sequence[tuple[str, str]]) -> frozenset[str]:
    """A run of tokens written as one word, before and after romanisation folding."""
    return frozenset({"".join(raw for raw, _ in tokens), "".join(folded for _, folded in tokens)})


def _tokens(name: str) -> list[tuple[str, str]]:
    """(transliterated, romanisation-folded) parts of a name."""
    return list(zip(names.ascii_tokens(name, True), names.name_tokens(name, True), strict=True))


_WORD_BREAK = re.compile(r"[\s,.·・\-]+")


def _words(name: str) -> list[tuple[str, str]]:
    """The words of a name as written (NFKC, case-folded), for two names of one script that
    transliteration does not spell as usual: Han, Hangul or kana syllables of one word stay one
    part, as an Arabic name keeps its unwritten vowels' word."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return [(w, w) for w in _WORD_BREAK.split(text) if w]


def _is_initial(raw: str) -> bool:
    """A one-letter Latin part (an initial); a one-character word in another script is a word."""
    return len(raw) == 1 and raw.isascii()


Runs = dict[tuple[int, int], frozenset[str]]


def _runs(tokens: Sequence[tuple[str, str]]) -> Runs:
    """Every run of consecutive tokens (start, end) with its :func:`_forms`."""
    n = len(tokens)
    return {(i, j): _forms(tokens[i:j]) for i in range(n) for j in range(i + 1, n + 1)}


def _aligned(p_runs: Runs, h: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Holder spans matched one for one to person spans, best agreement first.

    A holder token (or run of tokens written as one word) matches a person token or run when
    their forms agree by :data:`names.AGREE`; two runs of several tokens match only when they
    join to the same word, so a long shared first name cannot cover a different surname.
    """
    pairs: list[tuple[float, int, int, int, int]] = []
    for a in range(len(h)):
        for b in range(a + 1, len(h) + 1):
            if any(_is_initial(raw) for raw, _ in h[a:b]):
                break  # a holder's initials are checked against the person's tokens, below
            h_forms = _forms(h[a:b])
            for (i, j), p_forms in p_runs.items():
                if b - a > 1 and j - i > 1:
                    sim = 1.0 if h_forms & p_forms else 0.0
                else:
                    sim = max(token_agreement(x, y) for x in h_forms for y in p_forms)
                if sim >= names.AGREE:
                    pairs.append((-sim, a, b, i, j))
    used_h: set[int] = set()
    used_p: set[int] = set()
    spans: list[tuple[int, int]] = []
    for _, a, b, i, j in sorted(pairs):
        if used_h.isdisjoint(range(a, b)) and used_p.isdisjoint(range(i, j)):
            used_h.update(range(a, b))
            used_p.update(range(i, j))
            spans.append((a, b))
    return spans


@lru_cache(maxsize=65536)
def holder_mismatch(person: str, holder: str) -> float:
    """0 when the holder name fits the person's own name, else how badly it does not (0..1).

    Both names are transliterated to ASCII (:func:`names.ascii_tokens`) and their parts are
    matched one for one by :func:`token_agreement` from :data:`names.AGREE`, so spelling and
    transliteration variants match ("Sergey"/"Sergei", "Yoo Lee"/"Yu Li", "Łukasz"/"Lukasz", a
    Cyrillic name and its Latin spelling) while a short part with one other letter does not
    (Min/Man). Order, middle names, initials and joined or split parts ("Vander Berg",
    "Min-jun"/"Minjun") are tolerated. The holder fits (0) when two of its parts match, or when
    every part matches and its initials start parts of the person's name; otherwise 0.4 when
    an unmatched part is a company word, 0.5 when one part matches and 1.0 when none does. The
    same rules apply to every name; pairs with a script outside :data:`CROSS_SCRIPT` are compared
    only when both names use the same scripts, and then by their words as written
    (:func:`_words`); a name with no parts is not compared (0).
    """
    s_person, s_holder = _scripts(person), _scripts(holder)
    if s_person != s_holder and not (s_person | s_holder) <= CROSS_SCRIPT:
        return 0.0
    parts = _tokens if (s_person | s_holder) <= CROSS_SCRIPT else _words
    p, h = parts(person), parts(holder)
    if not p or not h:
        return 0.0
    if len({f for raw, f in h if not _is_initial(raw)} & {f for _, f in p}) >= 2:
        return 0.0  # fast path: two parts spelled alike
    p_runs = _runs(p)
    if any(_forms(h) & forms for forms in p_runs.values()):
        return 0.0  # the whole holder name, initials included, written as a run of the person's
    spans = _aligned(p_runs, h)
    covered = {k for a, b in spans for k in range(a, b)}
    unmatched = [raw for k, (raw, _) in enumerate(h) if not _is_initial(raw) and k not in covered]
    initials_ok = all(any(q.startswith(raw) for pair in p for q in pair) for raw, _ in h if _is_initial(raw))
    if len(spans) >= 2 or (spans and not unmatched and initials_ok):
        return 0.0
    if any(t in COMPANY_WORDS for t in unmatched):
        return 0.4
    return 0.5 if spans else 1.0
