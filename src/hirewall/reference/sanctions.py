"""OFAC sanctions screening against the DPRK-program entries of the SDN list.

**This is an OFAC compliance control, not a hiring-fraud signal**: hits carry
``control = "ofac-sanctions"`` and must be reported apart from the persona/ring score.

Nothing current ships with hirewall (no redistributable current copy exists): load OFAC's
``sdn.csv`` with ``hirewall reference update ofac-sdn --from sdn.csv``. The screen keeps entries
with a DPRK program (``DPRK``, ``DPRK2``..., ``DPRK-NKSPEA``) and those whose remarks carry the
"North Korea Sanctions Regulations" secondary-sanctions note, with their ``a.k.a.`` aliases.

A name match is corroborated or weakened by the listed date of birth and, when it *differs*, by
the listed nationality (a matching nationality never raises a score).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hirewall.exceptions import ReferenceDataError
from hirewall.reference.names import THRESHOLD, name_tokens, token_score

CONTROL = "ofac-sanctions"
_AKA = re.compile(r"\b[af]\.k\.a\.,?\s+'([^']+)'", re.IGNORECASE)
_DOB = re.compile(r"\b(?:alt\. )?DOB ((?:circa )?(?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4})")
_NATIONALITY = re.compile(r"\b(?:nationality|citizen) ([A-Z][A-Za-z ,.]+?)(?:;|$)")
_DPRK = re.compile(r"\bDPRK(?:\d|-NKSPEA)?\b")
_NKSR = "North Korea Sanctions Regulations"
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
COUNTRIES = {
    "korea, north": "KP", "korea, south": "KR", "china": "CN", "russia": "RU", "taiwan": "TW", "turkey": "TR",
    "singapore": "SG", "india": "IN", "united kingdom": "GB", "united arab emirates": "AE", "laos": "LA",
    "vietnam": "VN", "cambodia": "KH", "burma": "MM", "syria": "SY", "iran": "IR", "japan": "JP",
    "hong kong": "HK", "malaysia": "MY", "thailand": "TH", "mongolia": "MN", "ukraine": "UA", "belarus": "BY",
    "georgia": "GE", "switzerland": "CH", "germany": "DE", "united states": "US", "nigeria": "NG",
}  # fmt: skip


@dataclass(frozen=True)
class SdnEntry:
    """One SDN entry: primary name, aliases, and the identity attributes screening uses."""

    ent_num: int
    name: str
    sdn_type: str
    programs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    dobs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    @property
    def person(self) -> bool:
        return self.sdn_type.strip().lower() == "individual"


@dataclass(frozen=True)
class SanctionsHit:
    """A possible match of a screened name against an SDN entry (an OFAC compliance finding)."""

    entry: SdnEntry
    matched_name: str
    name_score: float
    score: float
    evidence: tuple[str, ...]
    control: str = CONTROL


def _display(name: str, person: bool) -> str:
    """``KIM, Sang Man`` -> ``Sang Man KIM`` for individuals."""
    if person and "," in name:
        last, first = (s.strip() for s in name.split(",", 1))
        return f"{first} {last}"
    return name.strip()


def is_dprk(programs: Iterable[str], remarks: str) -> bool:
    """Whether an SDN entry belongs to the DPRK screening set."""
    return any(_DPRK.search(p) for p in programs) or _NKSR in remarks


def parse_remarks(remarks: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(aliases, dates of birth, ISO countries)`` found in an SDN remarks field."""
    aliases = tuple(a.strip() for a in _AKA.findall(remarks))
    dobs = tuple(d.strip() for d in _DOB.findall(remarks))
    countries = tuple(c for n in _NATIONALITY.findall(remarks) if (c := COUNTRIES.get(n.strip().lower())))
    return aliases, dobs, countries


def load_sdn(path: Path, dprk_only: bool = True) -> list[SdnEntry]:
    """Entries of OFAC's headerless ``sdn.csv`` (or of a CSV with an ``ent_num,sdn_name,...`` header)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    rows = [r for r in csv.reader(text.splitlines()) if r and r[0].strip() not in ("", "\x1a")]
    if rows and rows[0][0].strip().lower() == "ent_num":
        header = [h.strip().lower() for h in rows[0]]
        rows = [[d.get("ent_num", ""), d.get("sdn_name", ""), d.get("sdn_type", ""),
                 d.get("programs", "").replace(";", "] ["), *[""] * 7, d.get("remarks", "")]
                for d in (dict(zip(header, r, strict=False)) for r in rows[1:])]  # fmt: skip
    out = []
    for n, r in enumerate(rows, 1):
        if len(r) < 12 or not r[0].strip().isdigit():
            raise ReferenceDataError(f"{path}: row {n} is not an SDN row")
        programs = tuple(p.strip(" []") for p in r[3].split("] [") if p.strip(" []"))
        remarks = "" if r[11].strip() == "-0-" else r[11]
        if dprk_only and not is_dprk(programs, remarks):
            continue
        aliases, dobs, countries = parse_remarks(remarks)
        out.append(
            SdnEntry(int(r[0]), r[1].strip(), r[2].strip() or "entity", programs, aliases, dobs, countries)
        )
    return out


def _year(text: str) -> int | None:
    m = re.search(r"\d{4}", text)
    return int(m.group(0)) if m else None


def dob_evidence(listed: Iterable[str], dob: str) -> tuple[float, str] | None:
    """Score change and reason from comparing listed DOBs with an ISO ``YYYY[-MM[-DD]]`` date."""
    listed = list(listed)
    year = _year(dob)
    if not listed or year is None:
        return None
    parts = [int(p) for p in dob.split("-") if p.isdigit()]
    for item in listed:
        tokens = item.replace("circa ", "").split()
        y = _year(item)
        if y is None:
            continue
        if (
            len(tokens) == 3
            and len(parts) == 3
            and (int(tokens[0]), _MONTHS.get(tokens[1])) == (parts[2], parts[1])
        ):
            if y == year:
                return 0.1, f"date of birth {dob} matches listed {item}"
        if abs(y - year) <= (1 if "circa" in item else 0) and len(tokens) < 3:
            return 0.05, f"birth year {year} matches listed {item}"
    return -0.25, f"date of birth {dob} differs from listed {'; '.join(listed)}"


class SanctionsScreen:
    """Screens names against SDN entries, with a token index so each query compares few names."""

    def __init__(self, entries: Iterable[SdnEntry]) -> None:
        self.entries = list(entries)
        self._names: list[tuple[SdnEntry, str, tuple[str, ...]]] = []
        self._index: dict[str, set[int]] = defaultdict(set)
        for e in self.entries:
            for name in (_display(e.name, e.person), *e.aliases):
                toks = name_tokens(name, e.person)
                k = len(self._names)
                self._names.append((e, name, toks))
                for t in toks:
                    self._index[t[:2]].add(k)
                self._index["|" + "".join(toks)[:4]].add(k)

    def screen(
        self, name: str, person: bool = True, dob: str = "", country: str = "", threshold: float = THRESHOLD
    ) -> list[SanctionsHit]:
        """Hits for one name, best first; ``dob`` is ISO, ``country`` an ISO code from the person's record."""
        toks = name_tokens(name, person)
        if not toks:
            return []
        cands = set().union(
            *(self._index.get(t[:2], set()) for t in toks), self._index.get("|" + "".join(toks)[:4], set())
        )
        best: dict[int, SanctionsHit] = {}
        for k in cands:
            entry, listed, listed_toks = self._names[k]
            if entry.person != person:
                continue
            base = token_score(toks, listed_toks)
            if base < threshold - 0.1:
                continue
            score, evidence = base, [f"name {name!r} ~ listed {listed!r} ({base:.2f})"]
            dob_ev = dob_evidence(entry.dobs, dob) if dob else None
            if dob_ev:
                score += dob_ev[0]
                evidence.append(dob_ev[1])
            if country and entry.countries:
                if country.upper() in entry.countries:
                    evidence.append(f"country {country.upper()} is a listed nationality (no score change)")
                else:
                    score -= 0.2
                    evidence.append(
                        f"country {country.upper()} differs from listed {', '.join(entry.countries)}"
                    )
            score = min(score, 1.0)
            if score >= threshold and (entry.ent_num not in best or score > best[entry.ent_num].score):
                best[entry.ent_num] = SanctionsHit(entry, listed, base, score, tuple(evidence))
        return sorted(best.values(), key=lambda h: -h.score)
