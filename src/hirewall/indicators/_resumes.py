"""Near-duplicate résumés: MinHash signatures (datasketch) and LSH banding done in SQL.

Word 2-shingles of each distinct résumé text, with the person's own name words removed (a
cloned résumé carries a new name, so the names in two clones must not tell them apart), get a
MinHash signature. A name word that is also an ordinary word (Will, Go) is left out of that
person's text wherever it stands, so such a name does touch the comparison, though only
through that word. The signature is cut into bands, and texts that share a band bucket are
candidates (the LSH step, a set-based join, never all pairs). Candidates whose estimated
similarity is near :data:`THRESHOLD` or above have their exact Jaccard similarity computed
from the texts, and are kept when it reaches the threshold, so MinHash noise neither adds nor
drops a pair. With 24 bands of 5 rows a pair at similarity 0.68 becomes a candidate with
probability 0.98, a pair at 0.3 with probability 0.06 (and is then dropped).

The threshold was set on tuning worlds (seeds 101-107): clones with two edits in a short
résumé scored 0.66-0.71 and unrelated résumés built from one template reached 0.67.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from datasketch import MinHash

from hirewall.engine.base import Engine
from hirewall.graph.unionfind import UnionFind
from hirewall.indicators._common import PEOPLE_CTE, registered

THRESHOLD = 0.68
BANDS = 24
ROWS = 5
VERIFY_MARGIN = 0.12
"""Candidates whose estimate is this close below the threshold are checked exactly too."""
CHUNK = 200_000
"""Candidate pairs estimated at a time (about 400 MB of signature rows at 120 hashes)."""
NUM_PERM = BANDS * ROWS
SHINGLE = 2
MIN_WORDS = 30
"""Shorter résumés are too generic to compare."""
PAGE = 20_000
_WORD = re.compile(r"[a-z0-9]+")

TEXT_ID = (
    "md5(p.resume_text || '|' || lower(coalesce(p.given_name, '') || ' ' || coalesce(p.family_name, '')))"
)
"""One text per résumé and owner name, because the owner's name words are left out of it."""

TEXTS_SQL = f"""
WITH {PEOPLE_CTE}
SELECT {TEXT_ID} AS text_id, min(p.resume_text) AS text,
       min(coalesce(p.given_name, '') || ' ' || coalesce(p.family_name, '')) AS name
FROM people p
WHERE p.resume_text IS NOT NULL AND length(p.resume_text) >= ?
GROUP BY {TEXT_ID}
ORDER BY text_id
LIMIT ? OFFSET ?
"""  # noqa: S608 (composed only of our own SQL constants)

TEXTS_BY_ID_SQL = f"""
WITH {PEOPLE_CTE}
SELECT {TEXT_ID} AS text_id, min(p.resume_text) AS text,
       min(coalesce(p.given_name, '') || ' ' || coalesce(p.family_name, '')) AS name
FROM people p
WHERE p.resume_text IS NOT NULL AND list_contains(?, {TEXT_ID})
GROUP BY {TEXT_ID}
"""  # noqa: S608 (composed only of our own SQL constants)

CANDIDATES_SQL = """
SELECT DISTINCT a.i AS a, b.i AS b
FROM __hw_resume_bands a JOIN __hw_resume_bands b
  ON a.band = b.band AND a.bucket = b.bucket AND a.i < b.i
"""

MEMBERS_SQL = f"""
WITH {PEOPLE_CTE}
SELECT {TEXT_ID} AS text_id, p.record_id, pk.person_key
FROM people p JOIN pk USING (record_id)
WHERE p.resume_text IS NOT NULL AND length(p.resume_text) >= ?
ORDER BY p.record_id
"""  # noqa: S608 (composed only of our own SQL constants)


@dataclass(frozen=True)
class ResumeCluster:
    """Records whose résumés are near-duplicates of each other."""

    key: str
    records: tuple[tuple[str, str], ...]
    """(record_id, person_key) of each member."""
    similarity: float
    """Highest similarity between two texts of the cluster (1.0 for identical texts)."""

    @property
    def people(self) -> int:
        return len({p for _, p in self.records})


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    return list(_WORD.findall("".join(c for c in folded if not unicodedata.combining(c))))


def shingles(text: str, name: str = "") -> list[bytes]:
    """Word 2-shingles of a text after case and accent folding, without the owner's name words."""
    own = set(_words(name))
    words = [w for w in _words(text) if w not in own]
    if len(words) < MIN_WORDS:
        return []
    return list({" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)})


def _signatures(engine: Engine, min_chars: int, seed: int) -> tuple[list[str], np.ndarray]:
    ids: list[str] = []
    sigs: list[np.ndarray] = []
    offset = 0
    while True:
        rows = engine.query(TEXTS_SQL, [min_chars, PAGE, offset])
        if not rows:
            break
        offset += len(rows)
        batch = [(str(tid), shingles(str(text), str(name))) for tid, text, name in rows]
        batch = [(tid, sh) for tid, sh in batch if sh]
        if batch:
            hashes = MinHash.bulk([sh for _, sh in batch], num_perm=NUM_PERM, seed=seed)
            ids.extend(tid for tid, _ in batch)
            sigs.extend(np.asarray(m.hashvalues, dtype=np.uint64) for m in hashes)
    matrix = np.vstack(sigs) if sigs else np.zeros((0, NUM_PERM), dtype=np.uint64)
    return ids, matrix


def _near_pairs(engine: Engine, ids: list[str], sigs: np.ndarray) -> list[tuple[str, str]]:
    """LSH candidates whose estimated similarity is within the verify margin of the threshold.

    Candidates come back from SQL as integer index pairs and are estimated in chunks, so a
    corpus of shared templates (millions of candidates) stays within a few hundred MB.
    """
    n = len(ids)
    bands = sigs.reshape(n, BANDS, ROWS)
    # One 64-bit bucket id per (text, band): a polynomial hash of the band's rows.
    mult = np.array([pow(1_000_003, i, 2**64) for i in range(ROWS)], dtype=np.uint64)
    buckets = (bands * mult).sum(axis=2, dtype=np.uint64).astype(np.int64)
    columns = {
        "i": pa.array(np.repeat(np.arange(n, dtype=np.int64), BANDS)),
        "band": pa.array(np.tile(np.arange(BANDS, dtype=np.int32), n)),
        "bucket": pa.array(buckets.reshape(-1)),
    }
    with registered(engine, "__hw_resume_bands", columns):
        found = engine.arrow(CANDIDATES_SQL)
    if found.num_rows == 0:
        return []
    ia = found.column("a").to_numpy()
    ib = found.column("b").to_numpy()
    near: list[tuple[str, str]] = []
    for start in range(0, len(ia), CHUNK):
        a, b = ia[start : start + CHUNK], ib[start : start + CHUNK]
        estimate = (sigs[a] == sigs[b]).mean(axis=1)
        keep = np.flatnonzero(estimate >= THRESHOLD - VERIFY_MARGIN)
        near.extend((ids[int(a[k])], ids[int(b[k])]) for k in keep)
    return near


def _exact(engine: Engine, pairs: list[tuple[str, str]]) -> Iterator[tuple[tuple[str, str], float]]:
    """Exact Jaccard similarity of candidate pairs, from their texts."""
    wanted = sorted({t for pair in pairs for t in pair})
    sets: dict[str, set[bytes]] = {}
    for start in range(0, len(wanted), PAGE):
        for tid, text, name in engine.query(TEXTS_BY_ID_SQL, [wanted[start : start + PAGE]]):
            sets[str(tid)] = set(shingles(str(text), str(name)))
    for a, b in pairs:
        sa, sb = sets.get(a, set()), sets.get(b, set())
        if sa and sb:
            yield (a, b), len(sa & sb) / len(sa | sb)


def resume_clusters(engine: Engine, seed: int = 0, min_chars: int = 200) -> Iterator[ResumeCluster]:
    """Clusters of near-duplicate résumés that span at least two people."""
    ids, sigs = _signatures(engine, min_chars, seed)
    if len(ids) < 1:
        return
    index = {tid: i for i, tid in enumerate(ids)}
    uf = UnionFind()
    best: dict[str, float] = {}
    near = _near_pairs(engine, ids, sigs) if len(ids) > 1 else []
    for (a, b), sim in _exact(engine, near):
        if sim >= THRESHOLD:
            uf.union(a, b)
            best[a] = max(best.get(a, 0.0), sim)
            best[b] = max(best.get(b, 0.0), sim)
    members: dict[str, list[tuple[str, str, str]]] = {}
    for text_id, record_id, person_key in engine.query(MEMBERS_SQL, [min_chars]):
        tid = str(text_id)
        if tid not in index:
            continue
        root = uf.find(tid) if tid in best else tid
        members.setdefault(root, []).append((str(record_id), str(person_key), tid))
    for group in members.values():
        records = tuple(sorted((r, p) for r, p, _ in group))
        texts = {t for _, _, t in group}
        sim = max(best.get(t, 1.0) for t in texts)
        cluster = ResumeCluster(key=records[0][0], records=records, similarity=round(sim, 3))
        if cluster.people >= 2:
            yield cluster
