from hirewall.graph.corroboration import corroborate
from hirewall.graph.identity import identity_clusters
from hirewall.graph.rings import Ring, build_groups, find_rings
from hirewall.scoring.model import flagged_alone
from tests.factory import fake_indicator, hit

CAT = {
    "shared_resume": fake_indicator("shared_resume", "identity", link="strong"),
    "shared_account": fake_indicator("shared_account", "payout", link="strong"),
    "ip_kvm_attached": fake_indicator("ip_kvm_attached", "endpoint"),
    "vpn": fake_indicator("vpn", "signin", fairness="C"),
}


def _corroborated(hits) -> Ring:
    ids = sorted({h.record_id for h in hits})
    [ring] = find_rings(build_groups(hits, CAT), identity_clusters(ids, []))
    [out] = corroborate([ring], hits, lambda held: flagged_alone(held, CAT))
    return out


def _resume_ring(*extra):
    return [hit(r, "shared_resume", group="resume:1") for r in "abc"] + list(extra)


def test_a_member_standing_out_apart_from_the_rings_links_corroborates_the_others() -> None:
    ring = _corroborated(_resume_ring(hit("a", "ip_kvm_attached")))
    assert ring.corroborated_by == ("a",)
    assert ring.strength == 1.0
    assert ring.member_strength("b") == ring.member_strength("c") == 1.0
    assert ring.member_strength("a") == 2 / 3  # its own evidence is not counted a second time
    assert "1 other member(s) stand out" in (ring.membership_note("b") or "")
    assert ring.membership_note("a") is None


def test_standing_out_through_the_rings_own_link_corroborates_nothing() -> None:
    hits = _resume_ring(*[hit(r, "shared_account", group="account:9") for r in "ab"])
    ring = _corroborated(hits)
    assert flagged_alone(hits, CAT) >= {"a", "b"}  # the shared account and résumé flag them
    assert ring.corroborated_by == ()
    assert ring.member_strength("c") == 1.0  # two strong kinds: full strength on their own


def test_evidence_too_weak_to_stand_out_alone_corroborates_nothing() -> None:
    ring = _corroborated(_resume_ring(hit("a", "vpn"), hit("b", "ip_kvm_attached", strength=0.2)))
    assert ring.corroborated_by == ()
    assert ring.member_strength("c") == 2 / 3


def test_a_member_attached_by_one_weak_link_neither_gives_nor_gets_corroboration() -> None:
    hits = _resume_ring(hit("d", "ip_kvm_attached"), hit("c", "ip_kvm_attached"))
    groups = build_groups(hits, CAT)
    ring = Ring("ring-1", ("a", "b", "c", "d"), 4, (groups["resume:1"],), attached=("d",))
    [out] = corroborate([ring], hits, lambda held: flagged_alone(held, CAT))
    assert out.corroborated_by == ("c",)  # d stands out too, but was only attached
    assert out.member_strength("d") == 1 / 3
    assert out.member_strength("a") == 1.0
