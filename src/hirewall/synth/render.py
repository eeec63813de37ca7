"""Spell records out as raw, un-normalised but valid contract values."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hirewall.synth import pools
from hirewall.synth.confounders import STAFFING_VENDOR, G
from hirewall.synth.frame import CITIES, STRING, AddressBook, arrow, hex64, join, num, take, where
from hirewall.synth.population import Population

PLUS_OK = {"gmail.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me"}


def slug(name: str) -> str:
    """ASCII, lower case, letters only: 'José' -> 'jose', "O'Brien" -> 'obrien'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower())


def full_names(pop: Population, rows: np.ndarray) -> pa.Array:
    """'Given Family' for the given rows."""
    return join(
        take([g for g, _ in pools.GIVEN_NAMES], pop.given[rows]),
        " ",
        take([f for f, _ in pools.FAMILY_NAMES], pop.family[rows]),
    )


def holder_names(rng: np.random.Generator, pop: Population, rows: np.ndarray) -> pa.Array:
    """Account-holder spellings of a person's own name ('SMITH, MICHAEL', 'Michael Smith')."""
    given = take([g for g, _ in pools.GIVEN_NAMES], pop.given[rows])
    family = take([f for f, _ in pools.FAMILY_NAMES], pop.family[rows])
    style = rng.random(len(rows))
    plain = join(given, " ", family)
    out = where(style < 0.25, pc.utf8_upper(plain), plain)
    return where(style > 0.85, pc.utf8_upper(join(family, ", ", given)), out)


def _unique_mailboxes(local: pa.Array, domain: pa.Array, src: np.ndarray) -> pa.Array:
    """A mailbox belongs to one person: when two owners would get the same address, later
    owners get a number appended, as a provider would make them do. Records that share an
    owner (``email_src``) keep sharing the address."""
    # Dots are dropped from the key because Gmail ignores them: j.smith and jsmith are one mailbox.
    undotted = pc.replace_substring(local, ".", "")
    key = np.asarray(join(undotted, "@", domain).to_numpy(zero_copy_only=False), dtype=object)
    _, inv = np.unique(key, return_inverse=True)
    order = np.lexsort((src, inv))
    k, o = inv[order], src[order]
    new_key = np.r_[True, k[1:] != k[:-1]]
    new_owner = new_key | np.r_[True, o[1:] != o[:-1]]
    owner_rank = np.cumsum(new_owner) - np.maximum.accumulate(np.where(new_key, np.cumsum(new_owner), 0))
    rank = np.empty_like(owner_rank)
    rank[order] = owner_rank
    return where(rank > 0, join(local, num(rank + 1)), local)


def emails(rng: np.random.Generator, pop: Population) -> pa.Array:
    src = pop.email_src
    g = take([slug(x) for x, _ in pools.GIVEN_NAMES], pop.given[src])
    f = take([slug(x) for x, _ in pools.FAMILY_NAMES], pop.family[src])
    initial = pc.utf8_slice_codeunits(g, 0, 1)
    style = pop.email_style
    local = where(
        style == 0,
        join(g, ".", f),
        where(style == 1, join(g, f), where(style == 2, join(initial, f), join(f, ".", g))),
    )
    local = where(pop.email_digits >= 0, join(local, num(np.maximum(pop.email_digits, 0))), local)
    domain_list = list(pools.FREEMAIL)
    domain = take(domain_list, pop.email_domain)
    local = _unique_mailboxes(local, domain, src)
    n = pop.n
    plus_ok = np.isin(np.asarray(domain_list)[pop.email_domain], list(PLUS_OK))
    tag = plus_ok & (rng.random(n) < 0.05)
    local = where(tag, join(local, "+", take(["jobs", "work", "cv", "apply"], rng.integers(0, 4, n))), local)
    caps = rng.random(n)
    address = join(local, "@", domain)
    address = where(caps < 0.04, pc.utf8_upper(address), address)
    return where((caps > 0.96), pc.utf8_capitalize(address), address)


def phones(
    rng: np.random.Generator, pop: Population, rows: np.ndarray | None = None, home: np.ndarray | None = None
) -> pa.Array:
    """Phone numbers in the varied national and international formats people type.

    A number from another country than ``home`` (the record's address country) is always
    written internationally, as it would have to be.
    """
    rows = np.arange(pop.n) if rows is None else rows
    number, country = pop.phone[rows], pop.phone_country[rows]
    n = len(rows)
    nanp_home = np.isin(home, ("US", "CA")) if home is not None else np.ones(n, dtype=bool)
    out = pa.array([""] * n, STRING)
    nanp = (country == "US") | (country == "CA")
    a, e, line = num(number // 10_000_000), num((number // 10_000) % 1000, 3), num(number % 10_000, 4)
    styles = [
        join("(", a, ") ", e, "-", line),
        join(a, "-", e, "-", line),
        join(a, ".", e, ".", line),
        join("+1 ", a, " ", e, " ", line),
        join(a, e, line),
        join("1-", a, "-", e, "-", line),
    ]
    pick = np.where(nanp_home, rng.integers(0, len(styles), n), 3)
    for i, s in enumerate(styles):
        out = where(nanp & (pick == i), s, out)
    nsn = num(number)
    for code in np.unique(country[~nanp]):
        cc, _, _, trunk = pools.PHONE_PLANS[str(code)]
        mask = country == code
        intl = join("+", cc, " ", nsn)
        national = join(trunk, nsn)
        abroad = (home != code) if home is not None else np.zeros(n, dtype=bool)
        out = where(mask, where((rng.random(n) < 0.5) | abroad, intl, national), out)
    return out


def national_ids(pop: Population) -> pa.Array:
    """A 64-hex salted-hash look-alike of each record's national id (same id, same hash)."""
    x = pop.nid.astype(np.uint64)
    words = []
    for salt in (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0x2545F4914F6CDD1D):
        z = x ^ np.uint64(salt)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        words.append(hex64(z ^ (z >> np.uint64(31))))
    return where(pop.nid % 100 < 8, "", join(*words))


def resumes(pop: Population) -> pa.Array:
    r = pop.resume
    title = take(
        list(pools.JOB_TITLES) + list(pools.IT_TITLES),
        np.where(pop.it_staff, len(pools.JOB_TITLES) + pop.title % 3, pop.title),
    )
    skill = [take(pools.SKILLS, r[:, c]) for c in (0, 1, 2, 11)]
    body = join(
        full_names(pop, np.arange(pop.n)),
        "\n",
        title,
        "\n",
        take(pools.SUMMARIES, r[:, 9]),
        "\nSkills: ",
        skill[0],
        ", ",
        skill[1],
        ", ",
        skill[2],
        ", ",
        skill[3],
        "\nExperience: ",
        num(r[:, 8]),
        " years.",
        "\n- ",
        take(pools.VERBS, r[:, 5]),
        " ",
        take(pools.OBJECTS, r[:, 6]),
        " at ",
        take(pools.COMPANIES, r[:, 3]),
        " using ",
        skill[0],
        ".",
        "\n- ",
        take(pools.VERBS, r[:, 10]),
        " ",
        take(pools.OBJECTS, r[:, 7]),
        " at ",
        take(pools.COMPANIES, r[:, 4]),
        " with ",
        skill[1],
        " and ",
        skill[3],
        ".",
    )
    agency = pop.group == G["staffing_agency"]
    name = pools.STAFFING_AGENCY[0]
    return where(
        agency, join(f"{name} | Candidate profile\n", body, f"\n-- Presented by {name}. Confidential."), body
    )


def _dates(d: np.ndarray) -> pa.Array:
    return arrow(np.where(np.isnat(d), "", np.asarray(d, dtype="datetime64[D]").astype(str)))


def people_table(rng: np.random.Generator, pop: Population, book: AddressBook, rid: pa.Array) -> pa.Table:
    n = pop.n
    addr = book.render(rng, pop.home)
    city = book.column("city")[pop.home]
    slugs = join(
        take([slug(g) for g, _ in pools.GIVEN_NAMES], pop.given),
        "-",
        take([slug(f) for f, _ in pools.FAMILY_NAMES], pop.family),
    )
    linkedin = join(
        take(
            ["https://www.linkedin.com/in/", "linkedin.com/in/", "https://linkedin.com/in/"],
            rng.integers(0, 3, n),
        ),
        slugs,
        "-",
        hex64(pop.photo ^ np.uint64(0xABCDEF)).cast(STRING),
    )
    github = join("https://github.com/", pc.replace_substring(slugs, "-", ""), num(rng.integers(1, 999, n)))
    dob = pa.array(np.asarray(pop.dob, dtype="datetime64[D]"))
    us_dob = pc.strftime(pc.cast(dob, pa.timestamp("s")), format="%m/%d/%Y")
    hired = np.isin(pop.status, (3, 4, 5))
    return pa.table(
        {
            "record_id": rid,
            "source_system": take(
                ["Greenhouse", "Workday", "Fieldglass"], np.where(pop.vendor >= 0, 2, np.where(hired, 1, 0))
            ),
            "status": take(
                ["applicant", "rejected", "withdrawn", "employee", "contractor", "former"], pop.status
            ),
            "given_name": take([g for g, _ in pools.GIVEN_NAMES], pop.given),
            "family_name": take([f for f, _ in pools.FAMILY_NAMES], pop.family),
            "birth_date": where(rng.random(n) < 0.15, us_dob, _dates(pop.dob)),
            "email": emails(rng, pop),
            "phone": phones(rng, pop, home=addr["country"].to_numpy(zero_copy_only=False)),
            "address_line1": addr["line1"],
            "address_line2": addr["line2"],
            "city": addr["city"],
            "region": addr["region"],
            "postal_code": addr["postal_code"],
            "country": addr["country"],
            "timezone": where(rng.random(n) < 0.7, take([c[3] for c in CITIES], city), ""),
            "national_id_hash": national_ids(pop),
            "linkedin_url": where(rng.random(n) < 0.55, linkedin, ""),
            "github_url": where(rng.random(n) < 0.3, github, ""),
            "photo_phash": where(pop.has_photo, hex64(pop.photo), ""),
            "resume_text": resumes(pop),
            "vendor_id": where(pop.vendor >= 0, join("V", num(np.maximum(pop.vendor, 0) + 1, 3)), ""),
            "referred_by": where(
                pop.referred_by >= 0, rid.take(pa.array(np.maximum(pop.referred_by, 0))), ""
            ),
            "applied_at": _dates(pop.applied),
            "hired_at": _dates(pop.hired),
            "terminated_at": _dates(pop.terminated),
            "job_title": take(
                list(pools.JOB_TITLES) + list(pools.IT_TITLES),
                np.where(pop.it_staff, len(pools.JOB_TITLES) + pop.title % 3, pop.title),
            ),
        }
    )


__all__ = ["STAFFING_VENDOR", "people_table", "phones", "holder_names", "full_names"]
