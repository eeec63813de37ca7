"""The résumé links are decided on exact similarity, whatever the MinHash estimate says."""

import random

import pytest

from hirewall.indicators._resumes import THRESHOLD, resume_clusters, shingles

from .factory import person, store
from .test_identity import WORDS


def short_resume(rng: random.Random, n: int = 45) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n))


@pytest.mark.parametrize("seed", range(8))
def test_pairs_are_linked_exactly_when_their_jaccard_reaches_the_threshold(seed: int) -> None:
    rng = random.Random(seed)
    base = short_resume(rng)
    people, expected = [person("src", "Ann", "Lee", resume_text=base)], set()
    for i, edits in enumerate((1, 2, 3, 4, 5, 6)):
        words = base.split()
        for j in rng.sample(range(len(words)), edits):
            words[j] = f"edit{i}x{j}"
        text = " ".join(words)
        rid = f"c{edits}"
        people.append(person(rid, "Bo", f"Ray{i}", resume_text=text))
        a, b = set(shingles(base)), set(shingles(text))
        if len(a & b) / len(a | b) >= THRESHOLD:
            expected.add(rid)
    linked = {r for c in resume_clusters(store(people=people), min_chars=50) for r, _ in c.records}
    # Clones may also link to each other; each clone close enough to the source must be in.
    assert expected <= linked
    for rid in {p["record_id"] for p in people} - {"src"} - expected:
        text = next(p["resume_text"] for p in people if p["record_id"] == rid)
        others = [set(shingles(p["resume_text"])) for p in people if p["record_id"] != rid]
        mine = set(shingles(text))
        if rid in linked:
            assert max(len(mine & o) / len(mine | o) for o in others) >= THRESHOLD
