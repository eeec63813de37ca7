"""The base population: every record drawn the same way, before any role is given.

Personas are later picked at random from these rows, so their names, places and ages follow
exactly the benign distribution: nothing about origin separates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from hirewall.synth import pools
from hirewall.synth.frame import CITIES, N_US_CITIES, AddressBook, weighted

STATUSES = ("applicant", "rejected", "withdrawn", "employee", "contractor", "former")
HIRED = np.array([False, False, False, True, True, True])
ROLE_BENIGN, ROLE_PERSONA, ROLE_FACILITATOR = 0, 1, 2
DAY0 = np.datetime64("2022-01-01")
NAT = np.datetime64("NaT", "D")


# Vocabulary size per résumé component (0: years of experience, never edited as a choice).
RESUME_SIZES = (35, 35, 35, 16, 16, 12, 12, 12, 0, 10, 12, 35)


@dataclass
class Population:
    """Per-record arrays. Index = row = position in people.csv."""

    n: int
    given: np.ndarray
    family: np.ndarray
    dob: np.ndarray
    home: np.ndarray
    status: np.ndarray
    applied: np.ndarray
    hired: np.ndarray
    terminated: np.ndarray
    phone: np.ndarray  # national significant number (digits as int)
    phone_country: np.ndarray
    email_domain: np.ndarray
    email_digits: np.ndarray  # -1: none
    email_style: np.ndarray
    photo: np.ndarray
    has_photo: np.ndarray
    nid: np.ndarray  # 64-bit id of the national id; hashed when written
    title: np.ndarray
    resume: np.ndarray  # (n, 12) résumé component indices, see RESUME_SIZES
    vendor: np.ndarray
    referred_by: np.ndarray
    role: np.ndarray
    ring: np.ndarray
    group: np.ndarray
    person: np.ndarray
    it_staff: np.ndarray
    email_src: np.ndarray  # row whose name the email is built from
    farm: np.ndarray  # laptop farm serving the record (-1 none)
    lender: np.ndarray  # lent payout account (-1 none)
    flags: dict[str, np.ndarray] = field(default_factory=dict)

    def is_hired(self) -> np.ndarray:
        return np.asarray(HIRED[self.status])

    def flag(self, name: str) -> np.ndarray:
        """Boolean per-record flag (created on first use)."""
        if name not in self.flags:
            self.flags[name] = np.zeros(self.n, dtype=bool)
        return self.flags[name]

    def copy_rows(self, dst: np.ndarray, src: np.ndarray, names: tuple[str, ...]) -> None:
        """Copy the named attributes of rows ``src`` into rows ``dst``."""
        for name in names:
            arr = getattr(self, name)
            arr[dst] = arr[src]


def phone_numbers(rng: np.random.Generator, city: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A national number and its country for people living in ``city``."""
    n = len(city)
    country = np.array([c[5] for c in CITIES])[city]
    out = np.zeros(n, dtype=np.int64)
    us = city < N_US_CITIES
    codes = [c[6] for c in CITIES[:N_US_CITIES]]
    area = np.array(
        [
            codes[c][k % len(codes[c])]
            for c, k in zip(city[us], rng.integers(0, 3, int(us.sum())), strict=True)
        ]
    )
    exchange = rng.integers(201, 999, int(us.sum()))
    exchange[exchange == 555] = 556
    out[us] = area * 10_000_000 + exchange * 10_000 + rng.integers(0, 10_000, int(us.sum()))
    for code in np.unique(country[~us]):
        rows = np.flatnonzero(country == code)
        _, prefix, digits, _ = pools.PHONE_PLANS[str(code)]
        out[rows] = int(prefix) * 10**digits + rng.integers(10 ** (digits - 1), 10**digits, len(rows))
    return out, country


def base_population(rng: np.random.Generator, n: int, book: AddressBook) -> Population:
    """n records of ordinary people with applications, hires and contact details."""
    city = np.where(
        rng.random(n) < 0.82,
        rng.integers(0, N_US_CITIES, n),
        rng.integers(N_US_CITIES, len(CITIES), n),
    )
    home = book.add(rng, city)
    status = weighted(rng, [22, 12, 6, 40, 14, 6], n)
    applied = DAY0 + rng.integers(0, 1370, n).astype("timedelta64[D]")
    hired = np.where(HIRED[status], applied + rng.integers(14, 75, n).astype("timedelta64[D]"), NAT)
    terminated = np.where(status == 5, hired + rng.integers(60, 500, n).astype("timedelta64[D]"), NAT)
    phone, phone_country = phone_numbers(rng, city)
    title = rng.integers(0, len(pools.JOB_TITLES), n)
    it_staff = rng.random(n) < 0.03
    resume = np.column_stack(
        [
            rng.integers(0, len(pools.SKILLS), (n, 3)),
            rng.integers(0, len(pools.COMPANIES), (n, 2)),
            rng.integers(0, len(pools.VERBS), n),
            rng.integers(0, len(pools.OBJECTS), n),
            rng.integers(0, len(pools.OBJECTS), n),
            rng.integers(2, 16, n),
            rng.integers(0, len(pools.SUMMARIES), n),
            rng.integers(0, len(pools.VERBS), n),
            rng.integers(0, len(pools.SKILLS), n),
        ]
    )
    return Population(
        n=n,
        given=weighted(rng, [w for _, w in pools.GIVEN_NAMES], n),
        family=weighted(rng, [w for _, w in pools.FAMILY_NAMES], n),
        dob=np.datetime64("1962-01-01") + rng.integers(0, 40 * 365, n).astype("timedelta64[D]"),
        home=home,
        status=status,
        applied=applied,
        hired=hired,
        terminated=terminated,
        phone=phone,
        phone_country=phone_country,
        email_domain=rng.integers(0, len(pools.FREEMAIL), n),
        email_digits=np.where(rng.random(n) < 0.55, rng.integers(1, 9999, n), -1),
        email_style=rng.integers(0, 4, n),
        photo=rng.integers(0, 2**63, n, dtype=np.int64).astype(np.uint64) * np.uint64(2)
        + rng.integers(0, 2, n).astype(np.uint64),
        has_photo=rng.random(n) < 0.85,
        nid=rng.integers(1, 2**62, n, dtype=np.int64),
        title=title,
        resume=resume,
        vendor=np.full(n, -1, dtype=np.int64),
        referred_by=np.full(n, -1, dtype=np.int64),
        role=np.zeros(n, dtype=np.int8),
        ring=np.full(n, -1, dtype=np.int64),
        group=np.zeros(n, dtype=np.int8),
        person=rng.permutation(n).astype(np.int64),
        it_staff=it_staff,
        email_src=np.arange(n),
        farm=np.full(n, -1, dtype=np.int64),
        lender=np.full(n, -1, dtype=np.int64),
    )
