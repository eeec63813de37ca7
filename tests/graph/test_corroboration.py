from collections import defaultdict

from hirewall.graph.corroboration import corroborate
from hirewall.graph.identity import identity_clusters
from hirewall.graph.links import Ring, build_groups
from hirewall.graph.rings import find_rings
from hirewall.scoring.model import flagged_alone
from tests.factory import fake_indicator, hit

CAT = {
    "shared_resume": fake_indicator("shared_resume", "identity", link="strong"),
    "shared_account": fake_indicator("shared_account", "payout", link="strong"),
    "shared_ip": fake_indicator("shared_ip", "signin", link="weak"),
    "ip_kvm_attached": fake_indicator("ip_kvm_attached", "endpoint"),
    "payout_account_changed_often": fake_indicator("payout_account_changed_often", "payout"),
    "vendor_of_linked": fake_indicator("vendor_of_linked", "vendor", reads_links=True),
    "vpn": fake_indicator("vpn", "signin", fairness="C"),
}


def _by_record(hits):
    held = defaultdict(list)
    for h in hits:
        held[h.record_id].append(h)
    return held


def _stands_out(held):
    return flagged_alone(held, CAT)


def _corroborated(hits, pairs=(), flagged=frozenset()) -> Ring:
    ids = sorted({h.record_id for h in hits})
    identity = identity_clusters(ids, pairs)
    [ring] = find_rings(build_groups(hits, CAT), identity, flagged=flagged)
    [out] = corroborate([ring], _by_record(hits), CAT, identity, _stands_out)
    return out


def _resume_ring(*extra):
    return [hit(r, "shared_resume", group="resume:1") for r in "abc"] + list(extra)


def test_a_member_standing_out_apart_from_the_rings_links_corroborates_the_others() -> None:
    ring = _corroborated(_resume_ring(hit("a", "ip_kvm_attached")))
    assert ring.corroborated_by == (("a",),)
    assert ring.strength == 1.0
    assert ring.member_strength("b") == ring.member_strength("c") == 1.0
    assert ring.member_strength("a") == 2 / 3  # its own evidence is not counted a second time
    assert "1 other member(s) stand out" in (ring.membership_note("b") or "")
    assert ring.membership_note("a") is None


def test_standing_out_through_the_rings_own_link_corroborates_nothing() -> None:
    hits = [hit(r, "shared_account", group="account:9") for r in "abc"]
    assert flagged_alone(hits, CAT) == {"a", "b", "c"}  # the shared account flags them all
    ring = _corroborated(hits)
    assert ring.strength == 2 / 3 and ring.corroborated_by == ()


def test_evidence_of_the_links_family_or_read_from_links_corroborates_nothing() -> None:
    payout = [hit(r, "shared_account", group="account:9") for r in "abc"]
    for extra in ("payout_account_changed_often", "vendor_of_linked"):  # restate the links
        hits = payout + [hit("a", extra, group="x:1" if extra == "vendor_of_linked" else None)]
        hits += [hit("a", "ip_kvm_attached", strength=0.5)]  # not enough on its own
        assert flagged_alone([h for h in hits if h.group != "account:9"], CAT) == {"a"}
        assert _corroborated(hits).corroborated_by == ()


def test_evidence_too_weak_to_stand_out_alone_corroborates_nothing() -> None:
    ring = _corroborated(_resume_ring(hit("a", "vpn"), hit("b", "ip_kvm_attached", strength=0.2)))
    assert ring.corroborated_by == ()
    assert ring.member_strength("c") == 2 / 3


def test_a_human_does_not_corroborate_its_own_other_record() -> None:
    hits = [hit(r, "shared_resume", group="resume:1") for r in ("x1", "y")] + [hit("x1", "ip_kvm_attached")]
    ring = _corroborated(hits, pairs=[("x1", "x2")])
    assert ring.members == ("x1", "x2", "y") and ring.corroborated_by == (("x1", "x2"),)
    assert ring.member_strength("x2") == ring.member_strength("x1") == 2 / 3
    assert ring.membership_note("x2") is None
    assert ring.member_strength("y") == 1.0


def test_a_ring_held_by_one_weak_link_whose_people_all_stand_out_is_not_raised() -> None:
    hits = [hit(r, "shared_ip", group="ip:1") for r in "ab"]
    hits += [hit(r, "ip_kvm_attached") for r in "ab"]  # joined because both stand out
    ring = _corroborated(hits, flagged=frozenset("ab"))
    assert not ring.firm and ring.corroborated_by == () and ring.strength == 1 / 3


def test_in_a_ring_held_by_one_weak_link_one_who_stands_out_corroborates_the_other() -> None:
    from datetime import date

    hits = [hit(r, "shared_ip", group="ip:1") for r in "ab"] + [hit("a", "ip_kvm_attached")]
    identity = {r: r for r in "ab"}
    dates = {r: date(2024, 1, 1) for r in "ab"}  # a pair that arrived together
    [ring] = find_rings(build_groups(hits, CAT), identity, dates=dates)
    [out] = corroborate([ring], _by_record(hits), CAT, identity, _stands_out)
    assert not out.firm and out.corroborated_by == (("a",),)
    assert out.member_strength("b") == 2 / 3
    assert out.member_strength("a") == 1 / 3  # its own evidence is not counted a second time
    # evidence of the link's own family (a second sign-in finding) corroborates nothing
    vpn_only = [h for h in hits if h.indicator != "ip_kvm_attached"] + [hit("a", "vpn")]
    [plain] = corroborate([ring], _by_record(vpn_only), CAT, identity, _stands_out)
    assert plain.corroborated_by == ()


def test_a_member_attached_by_one_weak_link_neither_gives_nor_gets_corroboration() -> None:
    hits = _resume_ring(hit("d", "ip_kvm_attached"), hit("c", "ip_kvm_attached"))
    groups = build_groups(hits, CAT)
    ring = Ring("ring-1", ("a", "b", "c", "d"), 4, (groups["resume:1"],), attached=("d",))
    [out] = corroborate([ring], _by_record(hits), CAT, {}, _stands_out)
    assert out.corroborated_by == (("c",),)  # d stands out too, but was only attached
    assert out.member_strength("d") == 2 / 3  # its weak link into a firm ring, not c's evidence
    assert out.member_strength("a") == 1.0
