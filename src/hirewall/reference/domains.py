"""Vendor and contact domains: lookalikes of protected domains, DPRK front-company IOCs, free/disposable mail.

Lookalike detection compares the *registered* domain (``tldextract`` with its bundled Public
Suffix List, never fetched) against a protected list: the organization's own domains and its
real staffing partners. Two complementary checks:

- exact membership in the variants that ``dnstwist``'s fuzzers generate (omission, insertion,
  transposition, bitsquatting, vowel swap, added dictionary words, TLD swap...), and
- rules that generalise them: a homoglyph *skeleton* (Unicode confusables from
  ``confusable_homoglyphs``, diacritics stripped, ``rn``->``m``, ``0``->``o``...), any TLD swap, a
  Damerau-Levenshtein typo, hyphenation, and the protected name plus an added word.

Front companies clone content, not names: the IOC list catches the publicly seized ones only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

Kind = Literal["lookalike", "ioc", "free-mail", "disposable"]

# indicators.md §3.1 (SentinelLabs on the 2024-10-10 seizure; DoJ 2025-11-14 for upworksell).
DPRK_FRONT_DOMAINS: dict[str, str] = {
    "inditechlab.com": "Independent Lab LLC front site, seized 2024-10-10 (SentinelLabs)",
    "tonywangtech.com": "Shenyang Tonywang Technology front site, seized 2024-10-10 (SentinelLabs)",
    "wkjllc.com": "Tony WKJ LLC front site, seized 2024-10-10 (SentinelLabs)",
    "hopanatech.com": "HopanaTech front site, seized 2024-10-10 (SentinelLabs)",
    "hopana.com": "HopanaTech contact e-mail domain (SentinelLabs)",
    "huguotechltd.com": "Shenyang Huguo Technology, same network, live 2024-11 (SentinelLabs)",
    "upworksell.com": "identity-rental site of a convicted facilitator (DoJ, 2025-11-14)",
}
# Large consumer mailbox providers, worldwide; a "company" writing from one of these is the signal.
FREE_MAIL = frozenset(
    "gmail.com googlemail.com yahoo.com yahoo.co.uk ymail.com rocketmail.com outlook.com hotmail.com "
    "hotmail.co.uk live.com msn.com aol.com icloud.com me.com mac.com mail.com email.com gmx.com gmx.net "
    "gmx.de web.de proton.me protonmail.com pm.me tutanota.com tuta.io zohomail.com yandex.com yandex.ru "
    "mail.ru inbox.ru list.ru bk.ru rambler.ru qq.com 163.com 126.com sina.com naver.com daum.net "
    "rediffmail.com libero.it orange.fr laposte.net free.fr t-online.de seznam.cz wp.pl o2.pl "
    "interia.pl ukr.net fastmail.com hushmail.com mailfence.com skiff.com".split()
)
_DISPOSABLE_FALLBACK = frozenset(
    "mailinator.com guerrillamail.com sharklasers.com 10minutemail.com temp-mail.org yopmail.com "
    "trashmail.com getnada.com maildrop.cc dispostable.com throwawaymail.com fakeinbox.com mintemail.com "
    "emailondeck.com tempmail.com mohmal.com".split()
)
FUZZ_WORDS = (
    "jobs careers career hr hiring recruit recruiting talent staffing services service solutions tech it "
    "group global consulting login portal team corp inc llc usa us online pay payroll"
).split()
DNSTWIST_FUZZERS = (
    "addition bitsquatting cyrillic hyphenation insertion omission plural repetition replacement subdomain "
    "transposition vowel-swap dictionary tld-swap various"
).split()  # all but "homoglyph" (15k IDN variants per domain; the skeleton rule covers them)
FUZZ_TLDS = (
    "com net org io co us biz info tech dev app ai pro xyz online site cloud agency group llc inc".split()
)
_ASCII_LOOKALIKE = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("5", "s"), ("$", "s"))


@dataclass(frozen=True)
class DomainFinding:
    """One reason a domain deserves a look; ``target`` is the protected domain it imitates."""

    domain: str
    kind: Kind
    reason: str
    target: str | None = None


@cache
def _extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registered_domain(text: str) -> str | None:
    """Registered domain (unicode) of a domain, URL or e-mail address; None when there is none."""
    host = text.strip().lower().rsplit("@", 1)[-1].rstrip(".")
    if not host:
        return None
    parts = _extractor()(host)
    if not parts.suffix or not parts.domain:
        return None
    try:
        label = parts.domain.encode("ascii").decode("idna") if "xn--" in parts.domain else parts.domain
    except UnicodeError:
        label = parts.domain
    return f"{label}.{parts.suffix}"


@cache
def _latin_map() -> dict[str, str]:
    from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

    out: dict[str, str] = {}
    for char, glyphs in confusables.confusables_data.items():
        latin = [g["c"] for g in glyphs if g["c"].isascii() and g["c"].isalnum()]
        if latin and len(char) == 1:
            out[char] = latin[0].lower()
    return out


def skeleton(label: str) -> str:
    """A form under which homoglyph variants coincide: ``pаypa1`` (Cyrillic а) -> ``paypal``."""
    confusable = _latin_map()
    text = "".join(confusable.get(c, c) for c in label.lower())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for a, b in _ASCII_LOOKALIKE:
        text = text.replace(a, b)
    return text


def _damerau(a: str, b: str) -> int:
    import jellyfish

    return int(jellyfish.damerau_levenshtein_distance(a, b))


def _split(domain: str) -> tuple[str, str]:
    label, _, suffix = domain.partition(".")
    return label, suffix


class DomainIntel:
    """Checks vendor/contact domains against a protected list, IOCs, free-mail and disposable lists."""

    def __init__(self, protected: Iterable[str], disposable: Iterable[str] | None = None) -> None:
        self.protected = sorted({d for d in (registered_domain(p) for p in protected) if d})
        self.disposable = frozenset(disposable) if disposable is not None else load_disposable()
        self._variants: dict[str, tuple[str, str]] = {}
        import dnstwist  # type: ignore[import-untyped]

        for dom in self.protected:
            fuzz = dnstwist.Fuzzer(dom, dictionary=FUZZ_WORDS, tld_dictionary=FUZZ_TLDS)
            fuzz.generate(fuzzers=DNSTWIST_FUZZERS)
            for v in fuzz.domains:
                self._variants.setdefault(v["domain"], (dom, v["fuzzer"]))
        self._skeletons = {dom: (skeleton(_split(dom)[0]), _split(dom)[1]) for dom in self.protected}

    def lookalike_of(self, domain: str) -> tuple[str, str] | None:
        """``(protected domain, technique)`` when ``domain`` imitates one, else None."""
        reg = registered_domain(domain)
        if reg is None or reg in self.protected:
            return None
        ascii_reg = reg.encode("idna").decode("ascii") if not reg.isascii() else reg
        if ascii_reg in self._variants:
            return self._variants[ascii_reg]
        label, suffix = _split(reg)
        skel, flat = skeleton(label), label.replace("-", "")
        for dom in self.protected:
            p_label, p_suffix = _split(dom)
            p_skel = self._skeletons[dom][0]
            if label == p_label:
                return dom, "tld-swap"
            if flat == p_label.replace("-", ""):
                return dom, "hyphenation" if suffix == p_suffix else "hyphenation+tld-swap"
            if skel == p_skel:  # reads the same: a homoglyph, with or without a new TLD
                return dom, "homoglyph" if suffix == p_suffix else "homoglyph+tld-swap"
            if suffix != p_suffix:
                # A new TLD *and* a new label is usually another name; only a long label with a
                # single typo (a doubled or swapped letter) still reads as the protected one.
                if len(p_label) >= 8 and abs(len(label) - len(p_label)) <= 1 and _damerau(skel, p_skel) <= 1:
                    return dom, "typo+tld-swap"
                continue
            limit = 2 if len(p_label) >= 10 else 1 if len(p_label) >= 5 else 0
            if limit and abs(len(label) - len(p_label)) <= limit and _damerau(skel, p_skel) <= limit:
                return dom, "typo"
            if len(p_label) >= 5 and _added_word(label, p_label):
                return dom, "added-word"
        return None

    def check(self, text: str) -> list[DomainFinding]:
        """Every finding for a domain, URL or e-mail address."""
        reg = registered_domain(text)
        if reg is None:
            return []
        out: list[DomainFinding] = []
        if reg in DPRK_FRONT_DOMAINS:
            out.append(DomainFinding(reg, "ioc", DPRK_FRONT_DOMAINS[reg]))
        hit = self.lookalike_of(reg)
        if hit:
            out.append(DomainFinding(reg, "lookalike", f"{hit[1]} of {hit[0]}", hit[0]))
        if reg in FREE_MAIL:
            out.append(DomainFinding(reg, "free-mail", "consumer mailbox provider"))
        if reg in self.disposable:
            out.append(DomainFinding(reg, "disposable", "disposable e-mail provider"))
        return out


def _added_word(label: str, protected: str) -> bool:
    """``acme-careers``, ``careersacme``, ``acme-it-jobs``: the protected name plus extra word(s)."""
    if label == protected or protected not in label:
        return False
    rest = label.replace(protected, " ", 1).strip(" -")
    starts, ends = label.startswith(protected), label.endswith(protected)
    hyphenated = re.search(rf"(^|-){re.escape(protected)}(-|$)", label) is not None
    return bool(rest) and (starts or ends or hyphenated) and re.fullmatch(r"[a-z0-9-]+", rest) is not None


def load_disposable() -> frozenset[str]:
    """MISP's disposable-email warninglist when ``pymispwarninglists`` is installed, else a short list."""
    try:
        import pymispwarninglists
    except ImportError:
        return _DISPOSABLE_FALLBACK
    path = (
        Path(pymispwarninglists.__file__).parent / "data/misp-warninglists/lists/disposable-email/list.json"
    )
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["list"]
    except (OSError, ValueError, KeyError):
        return _DISPOSABLE_FALLBACK
    return frozenset(str(e).lower() for e in entries) | _DISPOSABLE_FALLBACK
