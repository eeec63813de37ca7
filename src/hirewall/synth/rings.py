"""Fraud rings: operator teams controlling personas, and the facilitators that serve them.

Personas are ordinary rows of the base population given a ring; their own tactics then
overwrite a few attributes. Facilitators (laptop farms, account lenders, front agencies,
insiders) can serve several rings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from hirewall.synth import pools
from hirewall.synth.frame import N_US_CITIES, AddressBook
from hirewall.synth.ipspace import IpSpace
from hirewall.synth.population import (
    DAY0,
    HIRED,
    RESUME_SIZES,
    ROLE_BENIGN,
    ROLE_FACILITATOR,
    ROLE_PERSONA,
    Population,
)
from hirewall.synth.tactics import TACTICS, RingPlan, members


@dataclass
class Facilitators:
    """Facilitator resources and the rings each one serves."""

    farm_addr: list[int] = field(default_factory=list)
    farm_ip: list[int] = field(default_factory=list)
    farm_rings: list[list[int]] = field(default_factory=list)
    lender_name: list[tuple[int, int]] = field(default_factory=list)
    lender_rings: list[list[int]] = field(default_factory=list)
    front_firm: list[int] = field(default_factory=list)
    front_rings: list[list[int]] = field(default_factory=list)

    def pick(self, rng: np.random.Generator, kind: str, ring: int, make: object) -> int:
        """Reuse an existing facilitator of ``kind`` now and then, else make a new one."""
        served: list[list[int]] = getattr(self, f"{kind}_rings")
        if served and rng.random() < 0.3:
            i = int(rng.integers(0, len(served)))
        else:
            assert callable(make)
            make()
            served.append([])
            i = len(served) - 1
        served[i].append(ring)
        return i


def _flip(rng: np.random.Generator, value: np.uint64, bits: int) -> np.uint64:
    for b in rng.choice(64, size=bits, replace=False).tolist():
        value ^= np.uint64(1) << np.uint64(b)
    return value


def build_rings(
    rng: np.random.Generator, pop: Population, book: AddressBook, ips: IpSpace, plans: list[RingPlan]
) -> Facilitators:
    """Turn rows into personas, apply identity tactics and set up facilitators."""
    fac = Facilitators()
    free = rng.permutation(pop.n)
    cursor = 0
    pop.role[free[: sum(p.size for p in plans)]] = ROLE_PERSONA
    for plan in plans:
        rows = np.sort(free[cursor : cursor + plan.size])
        cursor += plan.size
        pop.role[rows], pop.ring[rows] = ROLE_PERSONA, plan.ring
        start = DAY0 + np.timedelta64(int(rng.integers(0, 1250)), "D")
        pop.applied[rows] = start + rng.integers(0, 120, len(rows)).astype("timedelta64[D]")
        hire = rng.random(len(rows)) < 0.85
        needs_hire = any(TACTICS[t][2] for t in plan.tactics)
        if needs_hire and hire.sum() < 2:
            hire[:2] = True
        pop.status[rows] = np.where(hire, rng.choice([3, 3, 4], len(rows)), rng.choice([0, 1], len(rows)))
        pop.hired[rows] = np.where(
            hire,
            pop.applied[rows] + rng.integers(14, 45, len(rows)).astype("timedelta64[D]"),
            np.datetime64("NaT"),
        )
        pop.terminated[rows] = np.datetime64("NaT")
        hired_rows = rows[HIRED[pop.status[rows]]]
        chosen = {}
        for tactic, share in plan.tactics.items():
            _, link, post = TACTICS[tactic]
            chosen[tactic] = members(rng, hired_rows if post else rows, share, link)
        _cover(rng, chosen, rows, hired_rows)
        for tactic, who in chosen.items():
            if len(who):
                _apply(rng, pop, book, ips, fac, plan, tactic, who)
                pop.flag(tactic)[who] = True
        pop.flag("weak")[rows] = plan.weak
    return fac


PRE_HIRE_LINKS = ("I1", "I2", "W3")


def _cover(
    rng: np.random.Generator, chosen: dict[str, np.ndarray], rows: np.ndarray, hired_rows: np.ndarray
) -> None:
    """Every persona shares something with the ring: operators reuse their kit (one laptop
    farm, a few accounts, a résumé template) across the personas they run. A persona that no
    link tactic reached joins one it can use, or a pre-hire link (contact, résumé, photo)."""
    linked = set()
    for tactic, who in chosen.items():
        if TACTICS[tactic][1]:
            linked.update(who.tolist())
    hired = set(hired_rows.tolist())
    for r in rows.tolist():
        if r in linked:
            continue
        usable = [
            t for t, who in chosen.items() if TACTICS[t][1] and len(who) and (r in hired or not TACTICS[t][2])
        ]
        if usable:
            t = usable[int(rng.integers(0, len(usable)))]
            chosen[t] = np.sort(np.append(chosen[t], r))
        else:
            t = PRE_HIRE_LINKS[int(rng.integers(0, len(PRE_HIRE_LINKS)))]
            partner = int(rng.choice(rows[rows != r]))
            chosen[t] = np.unique(np.concatenate([chosen.get(t, rows[:0]), [partner, r]]))
        linked.update(chosen[t].tolist())


def _apply(
    rng: np.random.Generator,
    pop: Population,
    book: AddressBook,
    ips: IpSpace,
    fac: Facilitators,
    plan: RingPlan,
    tactic: str,
    who: np.ndarray,
) -> None:
    src = int(who[0])
    if tactic == "I1":
        pop.email_digits[src] = rng.integers(10, 9999)
        pop.email_style[src], pop.email_domain[src] = 0, rng.integers(0, 4)
        share_email = not plan.weak or rng.random() < 0.5
        if share_email:
            pop.email_src[who] = src
            pop.copy_rows(who, np.repeat(src, len(who)), ("email_domain", "email_digits", "email_style"))
        if not share_email or rng.random() < 0.7:
            pop.phone[who], pop.phone_country[who] = pop.phone[src], pop.phone_country[src]
    elif tactic == "I2":
        edits = 2 if plan.weak else 1
        sizes = np.array(RESUME_SIZES)
        editable = np.flatnonzero(sizes)
        for r in who[1:]:
            pop.resume[r] = pop.resume[src]
            pop.title[r] = pop.title[src]
            cols = rng.choice(editable, size=edits, replace=False)
            pop.resume[r, cols] = (pop.resume[r, cols] + 1 + rng.integers(0, 3, edits)) % sizes[cols]
    elif tactic == "W3":
        lo, hi = (4, 6) if plan.weak else (0, 2)
        pop.has_photo[who] = True
        for r in who[1:]:
            pop.photo[r] = _flip(rng, pop.photo[src], int(rng.integers(lo, hi + 1)))
    elif tactic == "I7":
        owner = src
        if rng.random() < 0.5:  # the id of a real person on file, reused under another name
            owner = _random_row(
                rng, pop, lambda r: pop.role[r] == ROLE_BENIGN and pop.family[r] != pop.family[src]
            )
        pop.nid[owner] = pop.nid[owner] - pop.nid[owner] % 100 + 50  # an id that is always written
        pop.nid[who] = pop.nid[owner]
    elif tactic == "I12":
        insider = rng.random() < 0.4
        if insider:
            boss = _random_row(rng, pop, lambda r: pop.role[r] == ROLE_BENIGN and bool(HIRED[pop.status[r]]))
            pop.role[boss], pop.ring[boss], pop.status[boss] = ROLE_FACILITATOR, plan.ring, 3
            pop.referred_by[who] = boss
        else:
            pop.referred_by[who[1:]] = who[:-1]
    elif tactic == "I13":
        i = fac.pick(
            rng,
            "front",
            plan.ring,
            lambda: fac.front_firm.append(int(rng.integers(0, len(pools.LEGIT_FIRMS)))),
        )
        pop.vendor[who] = 1 + len(pools.LEGIT_FIRMS) + i
        # Hired personas placed by the front are its contractors; applicants stay applicants.
        pop.status[who[HIRED[pop.status[who]]]] = 4
    elif tactic in ("L3", "N3", "N6"):
        i = (
            pop.farm[src]
            if pop.farm[src] >= 0
            else fac.pick(rng, "farm", plan.ring, lambda: _new_farm(rng, book, ips, fac))
        )
        if plan.ring not in fac.farm_rings[i]:
            fac.farm_rings[i].append(plan.ring)
        pop.farm[who] = i
    elif tactic == "P2":
        i = fac.pick(
            rng,
            "lender",
            plan.ring,
            lambda: fac.lender_name.append(
                (int(rng.integers(0, len(pools.GIVEN_NAMES))), int(rng.integers(0, len(pools.FAMILY_NAMES))))
            ),
        )
        pop.lender[who] = i


def _random_row(rng: np.random.Generator, pop: Population, ok: Callable[[int], bool]) -> int:
    """A random row meeting ``ok`` (rejection sampling; such rows are the vast majority)."""
    while True:
        row = int(rng.integers(0, pop.n))
        if ok(row):
            return row


def _new_farm(rng: np.random.Generator, book: AddressBook, ips: IpSpace, fac: Facilitators) -> None:
    city = np.array([rng.integers(0, N_US_CITIES)])
    fac.farm_addr.append(int(book.add(rng, city, unit_rate=0.2)[0]))
    fac.farm_ip.append(int(ips.residential(rng, np.array(["US"]))[0]))
