"""Hits and their evidence do not depend on the order rows arrive in.

Analysts compare scans, and reports diff cleanly, only when evidence is listed in the same
order every time, so every evidence query orders by a total key.
"""

import random

import pytest

from .test_fairness import HOLDERS, NAMES, all_hits, world


@pytest.mark.parametrize("seed", range(6))
def test_row_order_changes_no_hit_or_evidence_order(services, seed: int) -> None:
    forward = world(NAMES, HOLDERS)
    rng = random.Random(seed)
    shuffled = {table: rng.sample(rows, len(rows)) for table, rows in forward.items()}
    first = all_hits(forward, services)
    assert len({h[1] for h in first}) >= 20
    assert first == all_hits(shuffled, services)
