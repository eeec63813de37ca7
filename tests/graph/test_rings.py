from tests.factory import fake_indicator, hit

from hirewall.graph.facilitators import rank_facilitators
from hirewall.graph.identity import identity_clusters
from hirewall.graph.rings import build_groups, find_rings

CAT = {
    "shared_account": fake_indicator("shared_account", "payout", link="strong"),
    "shared_ip": fake_indicator("shared_ip", "signin", link="weak"),
    "shared_vendor": fake_indicator("shared_vendor", "vendor", link="weak"),
    "lonely": fake_indicator("lonely"),
}


def _rings(hits, pairs=()):
    ids = sorted({h.record_id for h in hits} | {x for p in pairs for x in p})
    identity = identity_clusters(ids, pairs)
    groups = build_groups(hits, CAT)
    return find_rings(groups, identity), groups


def test_strong_group_joins_its_members() -> None:
    rings, _ = _rings(
        [hit("a", "shared_account", group="account:1"), hit("b", "shared_account", group="account:1")]
    )
    assert [r.members for r in rings] == [("a", "b")]


def test_weak_group_alone_does_not_join() -> None:
    rings, _ = _rings([hit("a", "shared_ip", group="ip:1"), hit("b", "shared_ip", group="ip:1")])
    assert rings == []


def test_two_weak_kinds_corroborate() -> None:
    hits = [
        hit("a", "shared_ip", group="ip:1"),
        hit("b", "shared_ip", group="ip:1"),
        hit("a", "shared_vendor", group="vendor:v"),
        hit("b", "shared_vendor", group="vendor:v"),
    ]
    rings, _ = _rings(hits)
    assert [r.members for r in rings] == [("a", "b")]


def test_same_person_records_are_not_a_ring() -> None:
    hits = [hit("a1", "shared_account", group="account:1"), hit("a2", "shared_account", group="account:1")]
    rings, _ = _rings(hits, pairs=[("a1", "a2")])
    assert rings == []


def test_hub_groups_join_nobody() -> None:
    hits = [hit(f"p{i}", "shared_account", group="account:hub") for i in range(60)]
    rings, _ = _rings(hits)
    assert rings == []


def test_facilitators_rank_shared_things_of_rings() -> None:
    hits = [hit(x, "shared_account", group="account:1") for x in "abc"] + [
        hit("a", "shared_ip", group="ip:9"),
        hit("b", "shared_ip", group="ip:9"),
    ]
    rings, groups = _rings(hits)
    facs = rank_facilitators(rings, groups, {rings[0].ring_id: 0.9})
    assert facs[0].key == "account:1"
    assert "3 record(s)" in facs[0].why
    assert {f.key for f in facs} == {"account:1", "ip:9"}
