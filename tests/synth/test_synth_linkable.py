"""Perfect linking: each ring split by its own tactic links, and its facilitator rate."""

from __future__ import annotations

from collections import defaultdict

from hirewall.synth.linkable import LINK_TACTICS, perfect_linking, ring_parts
from hirewall.synth.tactics import FARM_TACTICS

from .conftest import World

RING = {"a1": "A", "a2": "A", "a3": "A", "a4": "A", "a5": "A", "b1": "B", "b2": "B", "c1": "C", "c2": "C"}
TACTICS = {
    "a1": ("I1",), "a2": ("I1", "N8"), "a3": ("I1",),  # a shared phone
    "a4": ("P2",), "a5": ("P2", "L1"),  # a lent account: a second part nothing joins to the first
    "b1": ("L3",), "b2": ("N3", "N10"),  # one farm: its address for one, its connection for the other
    "c1": ("I12",), "c2": ("I12",),  # referred by one insider
}  # fmt: skip


def test_a_ring_is_split_where_its_own_links_do_not_reach() -> None:
    parts = ring_parts(RING, TACTICS)
    assert parts["A"] == [["a1", "a2", "a3"], ["a4", "a5"]]
    assert parts["B"] == [["b1", "b2"]]  # a farm's address and connection are one facilitator's
    assert parts["C"] == [["c1", "c2"]]


def test_a_persona_with_no_link_tactic_is_a_part_of_its_own() -> None:
    assert ring_parts({"x": "X", "y": "Y", "z": "Y"}, {"x": ("N2",), "y": ("W3",), "z": ("N8",)}) == {
        "X": [["x"]],
        "Y": [["y"], ["z"]],
    }


def test_a_ring_hits_when_its_largest_part_holds_a_labelled_facilitator() -> None:
    kinds = {"A": {"account"}, "B": {"address", "ip"}, "C": {"referral"}}
    found = perfect_linking(RING, TACTICS, kinds)
    # A's account serves only its smaller part; B's farm and C's insider serve the whole ring.
    assert (found.facilitator_hit, found.facilitator_rings) == (2, 3)
    assert found.part["a1"] == found.part["a3"] != found.part["a4"] == found.part["a5"]


def test_equal_largest_parts_count_when_any_holds_the_facilitator() -> None:
    ring = {"p1": "R", "p2": "R", "p3": "R", "p4": "R"}
    tactics = {"p1": ("W3",), "p2": ("W3",), "p3": ("N3",), "p4": ("N3",)}
    assert perfect_linking(ring, tactics, {"R": {"ip"}}).facilitator_hit == 1
    # A facilitator kind the ring's parts do not use, or an unlabelled ring, is no hit.
    assert perfect_linking(ring, tactics, {"R": {"vendor"}}).facilitator_hit == 0
    assert perfect_linking(ring, tactics, {}).facilitator_rings == 0


def test_the_parts_of_a_generated_ring_are_its_personas(by_difficulty: dict[str, World]) -> None:
    for world in by_difficulty.values():
        personas = [r for r in world("labels") if r["entity_kind"] == "person" and r["role"] == "persona"]
        ring = {r["entity_id"]: r["ring_id"] for r in personas}
        tactics = {r["entity_id"]: tuple(r["tactics"].split(";")) for r in personas}
        members = defaultdict(list)
        for rid in sorted(ring):
            members[ring[rid]].append(rid)
        parts = ring_parts(ring, tactics)
        assert {r: sorted(p for part in ps for p in part) for r, ps in parts.items()} == dict(members)
        # Every part of two or more shares a link tactic (a farm counting as one).
        for ps in parts.values():
            for part in ps:
                if len(part) > 1:
                    used = [
                        {"farm" if t in FARM_TACTICS else t for t in tactics[p] if t in LINK_TACTICS}
                        for p in part
                    ]
                    assert all(any(u & v for v in used if v is not u) for u in used)
