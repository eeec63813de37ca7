"""Every number the risk model uses, in one place, with where it came from.

Provenance. These weights are expert-set, not fitted: there is no public labelled data set
of DPRK IT-worker cases. They encode the advisories' own ranking of evidence
(indicators.md §2 and §6): sharing of payout accounts, ship-to addresses, devices and
identity documents across "different" people is one-operator evidence (G1, G10, G11, M3);
VPN egress, odd hours, multi-country sign-ins and jigglers are common among honest staff and
count only as corroboration (§6.2, class C). They were set once from that ranking and
checked on synthetic worlds; the evaluation reports how they perform on worlds whose seeds
were never used to set them.

A contribution is ``weight * strength`` in log-odds, where ``strength`` (0..1) comes from the
indicator (e.g. how many people share the thing).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weight:
    """Log-odds weight of one indicator at full strength."""

    log_odds: float
    corroboration_only: bool = False
    """Counts only when another family has S-class evidence for the same person."""


PRIOR_LOG_ODDS = -5.0
"""About 0.7% before any evidence: roughly one persona per 150 records in a targeted pipeline."""

HIGH_BAND = 0.85
"""Score for the high band; it also needs S-class evidence from two independent families."""
MEDIUM_BAND = 0.5
"""Score for the medium band: worth a human look."""
MIN_FAMILIES_FOR_HIGH = 2

RING_WEIGHT = 3.0
"""Log-odds added to each ring member at full ring strength (the ring's shared links)."""

# Defaults by (link strength, fairness class) for indicators without their own row.
DEFAULTS: dict[tuple[str, str], Weight] = {
    ("strong", "S"): Weight(3.5),
    ("weak", "S"): Weight(1.5),
    ("none", "S"): Weight(2.0),
    ("strong", "C"): Weight(1.0, corroboration_only=True),
    ("weak", "C"): Weight(1.0, corroboration_only=True),
    ("none", "C"): Weight(1.0, corroboration_only=True),
}

WEIGHTS: dict[str, Weight] = {}
"""Per-indicator weights, keyed by indicator id; filled from the catalogue review."""


def weight_for(indicator_id: str, link: str, fairness: str) -> Weight:
    """The weight of an indicator: its own row, else the default for its class."""
    w = WEIGHTS.get(indicator_id)
    if w is not None:
        return w
    w = DEFAULTS[(link, fairness)]
    if fairness == "C" and not w.corroboration_only:
        raise AssertionError("C-class indicators must be corroboration-only")
    return w
