"""Ring tactics (ids from indicators.md) and how each difficulty mixes them.

- easy: 6-9 tactics from at least 4 families, at least 2 cross-persona links, strong (80-100%
  of personas, clear values).
- normal: 3-6 tactics from at least 2 families, at least 1 link, intensity 40-100%.
- hard: 2-3 tactics from at least 2 families, at least 1 link; links join exactly two
  personas, other tactics touch one persona or a third of them, with weak values (photo
  hashes 4-6 bits apart, spoofed KVM strings, a third of sign-ins through a VPN...).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# id -> (family, links personas together, needs post-hire data)
TACTICS: dict[str, tuple[str, bool, bool]] = {
    "I1": ("identity", True, False),
    "I2": ("identity", True, False),
    "W3": ("identity", True, False),
    "I7": ("identity", True, False),
    "I12": ("identity", True, False),
    "I13": ("identity", True, False),
    "L1": ("shipping", False, True),
    "L2": ("shipping", False, True),
    "L3": ("shipping", True, True),
    "L5": ("shipping", False, True),
    "P1": ("payout", False, True),
    "P2": ("payout", True, True),
    "P3": ("payout", False, True),
    "P4": ("payout", False, True),
    "N1": ("network", False, True),
    "N2": ("network", False, True),
    "N3": ("network", True, True),
    "N8": ("network", False, True),
    "N10": ("network", False, True),
    "N4": ("endpoint", False, True),
    "N6": ("endpoint", False, True),
    "N7": ("endpoint", False, True),
}
DIFFICULTIES = ("easy", "normal", "hard")
FACILITATED = frozenset({"L3", "N3", "N6", "P2", "I13", "I12"})
"""Tactics that need a facilitator: a laptop farm, a lent account, a front agency, an insider.
Every ring has at least one: a remote scheme needs someone in the target country."""
FACILITATOR_KIND = {"L3": "address", "N3": "ip", "P2": "account", "I13": "vendor", "I12": "referral"}
"""The facilitator a link tactic's personas share, as ``labels.csv`` names its kind (an insider
who refers is a person row; :func:`hirewall.evaluate.read_labels` calls it ``referral``). A
ring's laptop farm is labelled by its address and its connection."""
FARM_TACTICS = ("L3", "N3")
"""Link tactics served by a laptop farm: shipping to it, signing in from its connection."""
# (min tactics, max tactics, min families, min links)
_MIX = {"easy": (6, 9, 4, 2), "normal": (3, 6, 2, 1), "hard": (2, 3, 2, 1)}
RING_SIZE_WEIGHTS = (30, 22, 15, 10, 7, 5, 4, 3, 2, 1, 1)  # sizes 2..12


@dataclass(frozen=True)
class RingPlan:
    """One ring: its size and, per tactic, the share of personas that use it."""

    ring: int
    size: int
    tactics: dict[str, float]
    weak: bool


def choose_tactics(rng: np.random.Generator, difficulty: str) -> list[str]:
    """A tactic mix meeting the difficulty's family and link minimums."""
    lo, hi, families, links = _MIX[difficulty]
    names = list(TACTICS)
    while True:
        k = int(rng.integers(lo, hi + 1))
        chosen = [names[i] for i in rng.choice(len(names), size=k, replace=False)]
        fams = {TACTICS[t][0] for t in chosen}
        n_links = sum(TACTICS[t][1] for t in chosen)
        if len(fams) >= families and n_links >= links and FACILITATED & set(chosen):
            return sorted(chosen, key=names.index)


def plan_rings(rng: np.random.Generator, n_rings: int, difficulty: str) -> list[RingPlan]:
    """Sizes, tactics and intensities of every ring."""
    if difficulty not in _MIX:
        raise ValueError(f"difficulty must be one of {DIFFICULTIES}, not {difficulty!r}")
    p = np.asarray(RING_SIZE_WEIGHTS, dtype=float)
    sizes = 2 + rng.choice(len(p), size=n_rings, p=p / p.sum())
    plans = []
    for ring, size in enumerate(sizes.tolist()):
        tactics = choose_tactics(rng, difficulty)
        if difficulty == "easy":
            share = {t: float(rng.uniform(0.8, 1.0)) for t in tactics}
        elif difficulty == "normal":
            share = {t: float(rng.uniform(0.4, 1.0)) for t in tactics}
        else:
            share = {t: (2 / size if TACTICS[t][1] else float(rng.uniform(0.0, 0.34))) for t in tactics}
        plans.append(RingPlan(ring=ring, size=size, tactics=share, weak=difficulty == "hard"))
    return plans


def members(rng: np.random.Generator, candidates: np.ndarray, share: float, link: bool) -> np.ndarray:
    """The personas of a ring that use one tactic: at least 2 for a link, at least 1 otherwise."""
    floor = 2 if link else 1
    k = min(len(candidates), max(floor, round(share * len(candidates))))
    if link and k < 2:
        return candidates[:0]
    return np.sort(rng.choice(candidates, size=k, replace=False))
