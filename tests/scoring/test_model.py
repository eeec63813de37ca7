from hirewall.scoring.model import band_for, score_person
from hirewall.scoring.weights import HIGH_BAND, MEDIUM_BAND
from tests.factory import fake_indicator, hit

CAT = {
    "strong_ship": fake_indicator("strong_ship", "shipping", link="strong"),
    "strong_ship2": fake_indicator("strong_ship2", "shipping", link="strong"),
    "strong_pay": fake_indicator("strong_pay", "payout", link="strong"),
    "vpn": fake_indicator("vpn", "signin", fairness="C"),
    "hours": fake_indicator("hours", "signin", fairness="C"),
}


def test_no_hits_scores_the_prior_and_is_low() -> None:
    p = score_person("a", [], CAT)
    assert p.band == "low" and p.score < 0.01 and p.contributions == ()


def test_c_class_alone_never_raises_a_band() -> None:
    p = score_person("a", [hit("a", "vpn"), hit("a", "hours")], CAT)
    assert p.band == "low"
    assert all(not c.counted for c in p.contributions)
    assert "held back" in p.contributions[0].note


def test_c_class_counts_once_corroborated_by_another_family() -> None:
    alone = score_person("a", [hit("a", "strong_ship")], CAT)
    both = score_person("a", [hit("a", "strong_ship"), hit("a", "vpn")], CAT)
    assert both.score > alone.score
    assert next(c for c in both.contributions if c.indicator == "vpn").counted


def test_a_referral_burst_counts_but_corroborates_no_c_class_signal() -> None:
    """A burst of referrals says a group arrived together, not that this person is a persona:
    it counts for them, but their VPN egress stays held back (a traveller referred in a hiring
    wave stays low) until evidence of their own, such as a shared ship-to, corroborates it."""
    cat = {**CAT, "referral_burst_in_one_wave": fake_indicator("referral_burst_in_one_wave", link="strong")}
    burst = hit("a", "referral_burst_in_one_wave", 0.6)
    p = score_person("a", [burst, hit("a", "vpn")], cat, ring_strength=2 / 3, ring_id="r")
    by_id = {c.indicator: c for c in p.contributions}
    assert by_id["referral_burst_in_one_wave"].counted
    assert not by_id["vpn"].counted and "held back" in by_id["vpn"].note
    assert p.band == "low"
    assert score_person("a", [burst], cat, ring_strength=2 / 3, ring_id="r").score == p.score
    shipped = score_person("a", [burst, hit("a", "vpn"), hit("a", "strong_ship")], cat)
    vpn = next(c for c in shipped.contributions if c.indicator == "vpn")
    assert vpn.counted and vpn.note == "corroborated by shipping"


def test_the_owner_of_a_stolen_id_is_reported_but_is_no_evidence_against_them() -> None:
    """Being the presumed victim of an id that others use is listed for a check, but it counts
    only beside evidence of another family, vouches for none of their signals and is no family
    toward the high band."""
    owner_id = "national_id_owner_used_by_others"
    cat = {**CAT, owner_id: fake_indicator(owner_id, link="strong")}
    alone = score_person("a", [hit("a", owner_id), hit("a", "vpn"), hit("a", "hours")], cat)
    by_id = {c.indicator: c for c in alone.contributions}
    assert not by_id[owner_id].counted and "held back" in by_id[owner_id].note
    assert not by_id["vpn"].counted and not by_id["hours"].counted
    assert alone.band == "low" and alone.score == score_person("a", [], cat).score
    shipped = score_person("a", [hit("a", owner_id), hit("a", "strong_ship"), hit("a", "vpn")], cat)
    by_id = {c.indicator: c for c in shipped.contributions}
    assert by_id[owner_id].counted and by_id[owner_id].log_odds > 0
    assert by_id["vpn"].note == "corroborated by shipping"  # not by identity
    hits = [hit("a", owner_id), hit("a", "strong_ship"), hit("a", "strong_ship2")]
    two = score_person("a", hits, cat, ring_strength=1.0, ring_id="r")
    assert two.score >= HIGH_BAND and two.band == "medium"  # one family of evidence against them


def test_high_band_needs_two_independent_families() -> None:
    one_family = score_person(
        "a", [hit("a", "strong_ship"), hit("a", "strong_ship2")], CAT, ring_strength=1.0, ring_id="r"
    )
    assert one_family.score >= HIGH_BAND and one_family.band == "medium"
    two = score_person(
        "a", [hit("a", "strong_ship"), hit("a", "strong_pay")], CAT, ring_strength=1.0, ring_id="r"
    )
    assert two.band == "high"


def test_score_decomposes_into_contributions() -> None:
    import math

    from hirewall.scoring.weights import PRIOR_LOG_ODDS

    p = score_person("a", [hit("a", "strong_ship", 0.5), hit("a", "strong_pay")], CAT, 0.5, "r")
    total = PRIOR_LOG_ODDS + sum(c.log_odds for c in p.contributions)
    assert math.isclose(p.score, 1 / (1 + math.exp(-total)), rel_tol=1e-5)
    assert {c.indicator for c in p.contributions} == {"strong_ship", "strong_pay", "ring_membership"}


def test_bands() -> None:
    assert band_for(0.99, 1) == "medium"
    assert band_for(0.99, 2) == "high"
    assert band_for(MEDIUM_BAND, 0) == "medium"
    assert band_for(MEDIUM_BAND - 0.01, 3) == "low"


def test_flagged_alone_needs_evidence_that_reaches_the_medium_band_without_a_ring() -> None:
    from hirewall.indicators import catalogue
    from hirewall.indicators.base import Hit
    from hirewall.scoring.model import flagged_alone

    cat = catalogue()
    hits = [
        Hit("strong", "ship_to_shared_across_people", 1.0, "farm", ()),
        Hit("strong", "payout_account_shared_across_people", 1.0, "account", ()),
        Hit("weak", "mouse_jiggler", 1.0, "jiggler", ()),
        Hit("weak", "signin_via_vpn_hosting_tor", 1.0, "vpn", ()),
    ]
    assert flagged_alone(hits, cat) == {"strong"}


def test_evidenced_alone_needs_s_class_evidence_from_two_families_other_than_referrals() -> None:
    from hirewall.indicators import catalogue
    from hirewall.indicators.base import Hit
    from hirewall.scoring.model import evidenced_alone, flagged_alone

    cat = catalogue()
    hits = [
        Hit("two", "ship_to_differs_from_home", 1.0, "elsewhere", ()),
        Hit("two", "payout_via_platform_or_crypto", 1.0, "platform", ()),
        Hit("one", "ship_to_differs_from_home", 1.0, "elsewhere", ()),
        Hit("one", "referral_burst_in_one_wave", 1.0, "burst", ()),
        Hit("c", "ship_to_differs_from_home", 1.0, "elsewhere", ()),
        Hit("c", "mouse_jiggler", 1.0, "jiggler", ()),
    ]
    assert evidenced_alone(hits, cat) == {"two"}
    assert flagged_alone(hits, cat) == set()


def test_a_ring_note_replaces_the_default_membership_explanation() -> None:
    plain = score_person("a", [], CAT, 1 / 3, "r")
    noted = score_person("a", [], CAT, 1 / 3, "r", "attached to r by one weak link")
    assert plain.score == noted.score
    [c] = noted.contributions
    assert c.indicator == "ring_membership" and c.note == "attached to r by one weak link"
    assert plain.contributions[0].note.startswith("member of r")
