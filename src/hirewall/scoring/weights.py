"""Every number of the person score (prior, weights, ring weight, bands), in one place, with
where it came from. Ring-finding and facilitator constants sit next to their code in ``graph/``.

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
    corroborates: bool = True
    """Whether it is that S-class evidence: False for a signal about a group rather than the
    person, which counts itself but vouches for no other signal. (A corroboration-only
    indicator never vouches either: it is no S-class evidence on its own.)"""


PRIOR_LOG_ODDS = -5.0
"""About 0.7% before any evidence: roughly one persona per 150 records in a targeted pipeline."""

HIGH_BAND = 0.85
"""Score for the high band; it also needs S-class evidence from two independent families."""
MEDIUM_BAND = 0.15
"""Score for the medium band: worth a human look (about 25 times the prior odds). Set on
tuning worlds (seeds 101-104): there it catches personas whose only evidence is one strong
shared link plus their ring, or remote-access tools plus an egress IP shared with one other
person, while the highest-scoring benign person without a shared link (a VPN user who
travels) stayed at 0.12. The seeds reported in evaluations were never used to set it."""
MIN_FAMILIES_FOR_HIGH = 2

RING_WEIGHT = 3.5
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

WEIGHTS: dict[str, Weight] = {
    # identity and application (I1, I2, I7, I9, I12, I13, W3)
    "phone_shared_across_people": Weight(2.5),
    "email_shared_across_people": Weight(3.0),
    "national_id_shared_across_people": Weight(2.5),
    "national_id_reused_by_different_name": Weight(3.5),
    "national_id_owner_used_by_others": Weight(0.7, corroboration_only=True),
    "resume_near_duplicate": Weight(3.0),
    "photo_reused_across_people": Weight(3.0),
    "timeline_impossible": Weight(1.0),
    "referred_by_linked_person": Weight(1.5),
    "referral_burst_in_one_wave": Weight(1.5, corroborates=False),
    "placed_by_vendor_of_linked_people": Weight(1.0, corroboration_only=True),
    "email_freemail_name_digits": Weight(0.3, corroboration_only=True),
    "ship_to_differs_from_home": Weight(1.0),
    "address_changed_before_shipping": Weight(1.0),
    "ship_to_shared_across_people": Weight(4.0),
    "first_signin_far_from_ship_to": Weight(1.0, corroboration_only=True),
    "payout_account_changed_often": Weight(1.5),
    "payout_account_shared_across_people": Weight(4.0),
    "payout_account_joint_at_home": Weight(0.3, corroboration_only=True),
    "payout_holder_name_differs": Weight(1.5),
    "payout_via_platform_or_crypto": Weight(0.7),
    "signin_impossible_travel": Weight(1.0, corroboration_only=True),
    "signin_many_countries": Weight(0.8, corroboration_only=True),
    "signin_via_vpn_hosting_tor": Weight(1.0, corroboration_only=True),
    "egress_ip_shared_across_people": Weight(1.0),
    "egress_ip_shared_by_several_people": Weight(3.0),
    "working_hours_fit_utc8_9": Weight(1.0, corroboration_only=True),
    "first_signins_from_unmanaged_device": Weight(1.0),
    "remote_access_tools": Weight(2.5),
    "ip_kvm_attached": Weight(4.0),
    "mouse_jiggler": Weight(0.5, corroboration_only=True),
    "device_shared_across_people": Weight(3.5),
    "vendor_places_linked_personas": Weight(1.0),
    "placed_by_lookalike_vendor": Weight(4.0),
    "vendor_contact_reused_by_person": Weight(2.5),
    "vendor_contact_freemail": Weight(0.5, corroboration_only=True),
}
"""Per-indicator weights, keyed by indicator id (see the module docstring for provenance)."""


def weight_for(indicator_id: str, link: str, fairness: str) -> Weight:
    """The weight of an indicator: its own row, else the default for its class."""
    w = WEIGHTS.get(indicator_id)
    if w is not None:
        return w
    w = DEFAULTS[(link, fairness)]
    if fairness == "C" and not w.corroboration_only:
        raise AssertionError("C-class indicators must be corroboration-only")
    return w
