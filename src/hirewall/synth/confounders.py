"""Benign confounders: the legitimate patterns that look like fraud signals.

Each benign record gets at most one primary group. The rates are fractions of benign records
and were chosen so every group is present in a world of a few thousand people.
"""

from __future__ import annotations

import numpy as np

from hirewall.synth import pools
from hirewall.synth.frame import AddressBook
from hirewall.synth.population import ROLE_BENIGN, Population

CONFOUNDERS = (
    "none",
    "couple_roommates",
    "family_landline",
    "reapplicant",
    "common_name",
    "apartment_building",
    "staffing_agency",
    "corporate_vpn",
    "traveller",
    "vpn_datacenter_user",
    "it_remote_support",
    "platform_payout",
    "bank_change_once",
)
G = {name: i for i, name in enumerate(CONFOUNDERS)}
STAFFING_VENDOR = 0  # vendor index of the real staffing agency


class _Picker:
    """Hands out free benign rows without reuse."""

    def __init__(self, rng: np.random.Generator, pop: Population) -> None:
        self.rng = rng
        self.pop = pop

    def take(self, k: int, hired_only: bool = False) -> np.ndarray:
        free = (self.pop.role == ROLE_BENIGN) & (self.pop.group == 0)
        if hired_only:
            free &= self.pop.is_hired()
        rows = np.flatnonzero(free)
        k = min(k, len(rows))
        return np.sort(self.rng.choice(rows, size=k, replace=False)) if k else rows[:0]

    def groups(self, n_groups: int, lo: int, hi: int, hired_only: bool = False) -> list[np.ndarray]:
        sizes = self.rng.integers(lo, hi + 1, n_groups)
        rows = self.take(int(sizes.sum()), hired_only)
        return [g for g in np.split(rows, np.cumsum(sizes)[:-1]) if len(g) >= lo]


def _count(pop: Population, rate: float) -> int:
    return max(2, round(int((pop.role == ROLE_BENIGN).sum()) * rate))


def apply_confounders(rng: np.random.Generator, pop: Population, book: AddressBook) -> None:
    """Give benign records their confounder groups and the data that goes with them."""
    pick = _Picker(rng, pop)
    for rows in pick.groups(_count(pop, 0.03) // 4, 2, 3, hired_only=True):
        pop.home[rows] = pop.home[rows[0]]
        if rng.random() < 0.5:
            pop.family[rows] = pop.family[rows[0]]
        pop.group[rows] = G["couple_roommates"]
    for rows in pick.groups(_count(pop, 0.02) // 3, 2, 4):
        pop.copy_rows(rows, np.repeat(rows[0], len(rows)), ("home", "phone", "phone_country", "family"))
        pop.group[rows] = G["family_landline"]
    _reapplicants(rng, pick, pop)
    given = {name: i for i, (name, _) in enumerate(pools.GIVEN_NAMES)}
    family = {name: i for i, (name, _) in enumerate(pools.FAMILY_NAMES)}
    for rows in pick.groups(_count(pop, 0.012) // 3, 2, 5):
        g, f = pools.COMMON_FULL_NAMES[rng.integers(0, len(pools.COMMON_FULL_NAMES))]
        pop.given[rows], pop.family[rows] = given[g], family[f]
        pop.group[rows] = G["common_name"]
    buildings = pick.groups(_count(pop, 0.04) // 8, 3, 14)
    if buildings:
        flats = book.add_units(
            rng, np.array([pop.home[b[0]] for b in buildings]), np.array([len(b) for b in buildings])
        )
        for rows, units in zip(buildings, flats, strict=True):
            pop.home[rows], pop.group[rows] = units, G["apartment_building"]
    rows = pick.take(_count(pop, 0.03), hired_only=True)
    pop.status[rows], pop.vendor[rows], pop.group[rows] = 4, STAFFING_VENDOR, G["staffing_agency"]
    for name, rate in (("corporate_vpn", 0.08), ("traveller", 0.03), ("vpn_datacenter_user", 0.03)):
        pop.group[pick.take(_count(pop, rate), hired_only=True)] = G[name]
    it_rows = np.flatnonzero((pop.role == ROLE_BENIGN) & (pop.group == 0) & pop.it_staff & pop.is_hired())
    pop.group[it_rows] = G["it_remote_support"]
    rows = pick.take(_count(pop, 0.03), hired_only=True)
    pop.status[rows], pop.group[rows] = 4, G["platform_payout"]
    pop.group[pick.take(_count(pop, 0.04), hired_only=True)] = G["bank_change_once"]
    pop.it_staff[(pop.group != G["it_remote_support"]) & (pop.role == ROLE_BENIGN)] = False
    _background(rng, pop)


def _reapplicants(rng: np.random.Generator, pick: _Picker, pop: Population) -> None:
    """One person, two records: same name, birth date, national id and (nearly) photo."""
    for pair in pick.groups(_count(pop, 0.01) // 2, 2, 2):
        first, second = int(pair[0]), int(pair[1])
        pop.copy_rows(
            np.array([second]), np.array([first]), ("given", "family", "dob", "nid", "photo", "has_photo")
        )
        pop.resume[second] = pop.resume[first]
        pop.resume[second, 8] += 1
        pop.photo[second] ^= np.uint64(1) << np.uint64(int(rng.integers(0, 64)))
        if rng.random() < 0.7:
            pop.copy_rows(np.array([second]), np.array([first]), ("phone", "phone_country"))
        if rng.random() < 0.5:
            pop.copy_rows(
                np.array([second]), np.array([first]), ("email_domain", "email_digits", "email_style")
            )
            pop.email_src[second] = first
        if rng.random() < 0.6:
            pop.home[second] = pop.home[first]
        pop.status[first] = rng.choice([1, 2, 5])
        if pop.status[first] == 5 and np.isnat(pop.hired[first]):
            pop.hired[first] = pop.applied[first] + np.timedelta64(30, "D")
            pop.terminated[first] = pop.hired[first] + np.timedelta64(120, "D")
        if pop.status[first] != 5:
            pop.hired[first] = pop.terminated[first] = np.datetime64("NaT")
        gap = np.timedelta64(int(rng.integers(200, 600)), "D")
        pop.applied[second] = max(pop.applied[second], pop.applied[first] + gap)
        if pop.is_hired()[second]:
            pop.hired[second] = pop.applied[second] + np.timedelta64(int(rng.integers(14, 60)), "D")
            pop.terminated[second] = (
                np.datetime64("NaT") if pop.status[second] != 5 else pop.terminated[second]
            )
        pop.person[second] = pop.person[first]
        pop.group[pair] = G["reapplicant"]


def _background(rng: np.random.Generator, pop: Population) -> None:
    """Ordinary noise: benign referrals, movers, people who use a jiggler or a personal device."""
    benign_hired = np.flatnonzero((pop.role == ROLE_BENIGN) & pop.is_hired())
    if len(benign_hired) > 10:
        referred = rng.choice(benign_hired, size=len(benign_hired) // 12, replace=False)
        pop.referred_by[referred] = rng.choice(benign_hired, size=len(referred))
        pop.referred_by[pop.referred_by == np.arange(pop.n)] = -1
    benign = pop.role == ROLE_BENIGN
    # A family landline stays with its home: nobody who shares one moves out and keeps it.
    settled = pop.group != G["family_landline"]
    pop.flag("mover")[:] = benign & settled & pop.is_hired() & (rng.random(pop.n) < 0.03)
    pop.flag("jiggler")[:] = benign & pop.is_hired() & (rng.random(pop.n) < 0.01)
    pop.flag("byod")[:] = benign & pop.is_hired() & (rng.random(pop.n) < 0.02)
