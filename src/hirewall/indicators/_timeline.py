"""Impossible timelines: dates out of order, and experience claimed before a technology existed.

Release years are first public (or 1.0) releases, rounded to the year, compiled from the
projects' own announcements. One year of slack is allowed for rounding ("10 years" of a
technology released 11 years before the application is fine).

Claims are matched in the résumé as written, ignoring case, so the technology word keeps its
case: a word in ``ACRONYM_ALIASES`` written all in capitals is an acronym, not the technology.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from hirewall.engine.base import Engine

TECH_RELEASE_YEAR: dict[str, tuple[str, int]] = {
    # alias (as matched, case-folded) -> (technology, first public release year)
    "kubernetes": ("Kubernetes", 2014), "k8s": ("Kubernetes", 2014),
    "docker": ("Docker", 2013),
    "react": ("React", 2013), "reactjs": ("React", 2013), "react.js": ("React", 2013),
    "typescript": ("TypeScript", 2012),
    "go": ("Go", 2009), "golang": ("Go", 2009),
    "rust": ("Rust", 2015),
    "swift": ("Swift", 2014), "swiftui": ("SwiftUI", 2019),
    "kotlin": ("Kotlin", 2011),
    "vue": ("Vue.js", 2014), "vue.js": ("Vue.js", 2014), "vuejs": ("Vue.js", 2014),
    "node.js": ("Node.js", 2009), "nodejs": ("Node.js", 2009),
    "terraform": ("Terraform", 2014),
    "flutter": ("Flutter", 2017),
    "graphql": ("GraphQL", 2015),
    "next.js": ("Next.js", 2016), "nextjs": ("Next.js", 2016),
    "svelte": ("Svelte", 2016),
    "tensorflow": ("TensorFlow", 2015),
    "pytorch": ("PyTorch", 2016),
    "solidity": ("Solidity", 2015),
    "deno": ("Deno", 2018),
    "tailwind": ("Tailwind CSS", 2017), "tailwindcss": ("Tailwind CSS", 2017),
    "elixir": ("Elixir", 2012),
    "langchain": ("LangChain", 2022),
}  # fmt: skip
SLACK_YEARS = 1
ACRONYM_ALIASES = frozenset({"swift"})
"""Aliases that, written all in capitals, name something else: SWIFT is the banks' payment network
(finance staff may have decades of it), not Apple's language. "GO", "RUST" or "DENO" in capitals
are still the technology (or a shouted résumé), so they are not listed."""

_TECH = (
    r"(kubernetes|k8s|docker|react\.js|reactjs|react|typescript|golang|go|rust|swiftui|swift|kotlin|"
    r"vue\.js|vuejs|vue|node\.js|nodejs|terraform|flutter|graphql|next\.js|nextjs|svelte|tensorflow|"
    r"pytorch|solidity|deno|tailwindcss|tailwind|elixir|langchain)"
    r"(?:[^a-zA-Z0-9.\-]|-(?:based|powered|driven)(?:[^a-zA-Z0-9]|$)|\.(?:[^a-zA-Z]|$)|$)"
)
"""A technology word, then what may follow it: punctuation ("Go," "Go." "Go)"), a space or the end
of the text, but not a letter, digit or hyphen. A hyphenated compound is another word ("go-to-market"
is no Go, "react-native" is React Native, not React), except "-based", "-powered" and "-driven"
("Kubernetes-based" is Kubernetes). RE2 has no look-arounds, so the character after the word is
part of the match.
"""
FOLDED_TO_ASCII = frozenset({"\u017f", "\u212a"})
"""Characters that RE2 (DuckDB) case-folds to ASCII letters under ``(?i)`` and Java (Spark) does
not: the long s (ſ) and the Kelvin sign (K). A claim holding one is left out, so that both
engines find the same claims."""
# YEARS_RE and SINCE_RE are matched in the résumé as written, ignoring case (``(?i)``), so that
# ``_technology`` sees the technology word's own case.
YEARS_RE = (
    r"(?i)(\d{1,2})\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+(?:professional|hands-on|commercial|production))?"
    r"(?:\s+(?:experience|exp))?\s+(?:in|with|of|using)\s+" + _TECH
)
SINCE_RE = (
    r"(?i)\b(kubernetes|k8s|docker|react|typescript|golang|rust|swift|kotlin|terraform|flutter|graphql|"
    r"svelte|tensorflow|pytorch|solidity|elixir|langchain)\s+(?:since|from)\s+((?:19|20)\d{2})\b"
)

DATES_SQL = """
SELECT record_id, applied_at, hired_at, terminated_at, birth_date
FROM people
WHERE hired_at < applied_at
   OR terminated_at < hired_at
   OR terminated_at < applied_at
   OR (birth_date IS NOT NULL AND coalesce(applied_at, hired_at) IS NOT NULL
       AND birth_date > coalesce(applied_at, hired_at) - INTERVAL 16 YEAR)
ORDER BY record_id
"""

CLAIMS_SQL = """
WITH m AS (
  SELECT record_id, coalesce(applied_at, hired_at) AS as_of,
         unnest(regexp_extract_all(resume_text, ?, 0)) AS claim
  FROM people
  WHERE resume_text IS NOT NULL AND regexp_matches(resume_text, ?)
)
SELECT record_id, as_of, claim, regexp_extract(claim, ?, 1) AS g1, regexp_extract(claim, ?, 2) AS g2
FROM m
ORDER BY record_id, claim
"""


def date_problems(row: dict[str, Any]) -> list[str]:
    """Reasons a person's own dates cannot all be true."""
    out = []
    applied, hired, terminated, born = (
        row["applied_at"],
        row["hired_at"],
        row["terminated_at"],
        row["birth_date"],
    )
    if applied and hired and hired < applied:
        out.append("hired before applying")
    if terminated and hired and terminated < hired:
        out.append("terminated before being hired")
    elif terminated and applied and terminated < applied:
        out.append("terminated before applying")
    ref = applied or hired
    if born and ref:
        age = ref.year - born.year - ((ref.month, ref.day) < (born.month, born.day))
        if age < 16:
            out.append(f"aged {age} when applying")
    return out


def _technology(word: str) -> tuple[str, int] | None:
    """(technology, release year) of a matched technology word, or None for an all-caps acronym.

    Claims holding a character of :data:`FOLDED_TO_ASCII` are left out before this, so the word
    is ASCII.
    """
    alias = word.casefold()
    if alias in ACRONYM_ALIASES and word.isupper():
        return None
    return TECH_RELEASE_YEAR[alias]


def impossible_claims(engine: Engine, today: date) -> Iterator[dict[str, Any]]:
    """Résumé claims of more years with a technology than it has existed."""
    for record_id, as_of, claim, years, word in engine.query(CLAIMS_SQL, [YEARS_RE] * 4):
        if FOLDED_TO_ASCII & set(claim) or (known := _technology(word)) is None:
            continue
        tech, released = known
        year = (as_of or today).year
        claimed = int(years)
        possible = year - released
        if claimed > possible + SLACK_YEARS:
            yield {
                "record_id": record_id,
                "claim": claim.strip(),
                "technology": tech,
                "released": released,
                "claimed_years": claimed,
                "possible_years": possible,
            }
    for record_id, as_of, claim, word, year_text in engine.query(CLAIMS_SQL, [SINCE_RE] * 4):
        if FOLDED_TO_ASCII & set(claim) or (known := _technology(word)) is None:
            continue
        tech, released = known
        since = int(year_text)
        if since < released - SLACK_YEARS and since <= (as_of or today).year:
            yield {
                "record_id": record_id,
                "claim": claim.strip(),
                "technology": tech,
                "released": released,
                "since_year": since,
            }
