"""The sweep's pooled figures and its verdict against the detection targets."""

from __future__ import annotations

from typing import Any

from benchmarks.sweep import misses, pooled, row, verdict


def world(seed: int, difficulty: str = "normal", **over: Any) -> dict[str, Any]:
    """A condensed world that meets every target unless ``over`` says otherwise."""
    base: dict[str, Any] = {
        "seed": seed,
        "difficulty": difficulty,
        "personas": 100,
        "precision": 1.0,
        "recall": 0.99,
        "tp": 99,
        "fp": 0,
        "fn": 1,
        "ring_ari": 0.95,
        "facilitator_hit": 20,
        "facilitator_rings": 20,
        "facilitator_rate": 1.0,
        "facilitator_hit_any_part": 20,
        "worst_group": "none",
        "worst_group_flagged": 0,
        "worst_group_n": 6000,
        "worst_group_fpr": 0.0,
        "groups": {"none": {"flagged": 0, "n": 6000}, "traveller": {"flagged": 0, "n": 300}},
    }
    return {**base, **over}


def test_a_world_misses_the_targets_of_its_difficulty() -> None:
    assert misses(world(1)) == []
    assert misses(world(2, ring_ari=0.85)) == ["ring_ari 0.850 < 0.9"]
    assert misses(world(3, "hard", ring_ari=0.85, recall=0.85)) == []  # hard has no ARI target
    assert misses(world(4, "hard", recall=0.79)) == ["recall 0.790 < 0.8"]
    one_in_199 = world(5, worst_group="common_name", worst_group_flagged=1, worst_group_n=199)
    one_in_199["worst_group_fpr"] = round(1 / 199, 6)
    assert misses(one_in_199) == ["FPR common_name 1/199 = 0.503% > 0.5%"]
    assert misses(world(6, facilitator_hit=17, facilitator_rate=0.85)) == ["facilitator 17/20 < 0.9"]


def test_a_miss_says_what_perfect_linking_reaches_on_that_world() -> None:
    r = world(7, ring_ari=0.85, linked_ring_ari=0.88, facilitator_hit=17, facilitator_rate=0.85)
    r["linked_facilitator_hit"] = 18
    assert misses(r) == [
        "ring_ari 0.850 < 0.9 (perfect linking 0.880)",
        "facilitator 17/20 < 0.9 (perfect linking 18/20)",
    ]
    pool = pooled([r, world(8, linked_ring_ari=1.0, linked_facilitator_hit=20)])
    assert pool["linked_facilitator_hit"] == 38
    assert verdict(pool).startswith(
        "worlds meeting every target: 1/2; facilitator with perfect linking 38/40 (missed: 7: "
    )
    # Scans evaluated before perfect linking existed carry no such figure.
    assert pooled([r, world(9)])["linked_facilitator_hit"] is None


def test_pooled_figures_sum_counts_before_dividing() -> None:
    a = world(1, tp=90, fp=10, fn=0, ring_ari=0.8, facilitator_hit=10, facilitator_rate=0.5)
    a["groups"] = {"none": {"flagged": 3, "n": 6000}, "traveller": {"flagged": 1, "n": 100}}
    b = world(2, tp=10, fp=0, fn=10, ring_ari=1.0)
    pool = pooled([a, b])
    assert (pool["tp"], pool["fp"], pool["fn"]) == (100, 10, 10)
    assert pool["precision"] == round(100 / 110, 4) and pool["recall"] == round(100 / 110, 4)
    assert (pool["ring_ari_mean"], pool["ring_ari_min"]) == (0.9, 0.8)
    assert (pool["facilitator_hit"], pool["facilitator_rings"], pool["facilitator_rate"]) == (30, 40, 0.75)
    assert pool["groups"]["traveller"] == {"flagged": 1, "n": 400}
    assert (pool["worst_group"], pool["worst_group_fpr"]) == ("traveller", 0.0025)
    assert pool["worlds_meeting_targets"] == 1
    assert pool["misses"] == {"1": ["ring_ari 0.800 < 0.9", "facilitator 10/20 < 0.9"]}
    assert verdict(pool) == (
        "worlds meeting every target: 1/2 (missed: 1: ring_ari 0.800 < 0.9, facilitator 10/20 < 0.9)"
    )
    table_row = row({"difficulty": "normal", **pool})
    assert table_row.startswith(
        "| normal | all 2 | 200 | 0.909 | 0.909 | 0.900 (min 0.800) | 30/40 = 0.75 (40) |"
    )
