from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from world import World, load_world

from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import ConfigError
from hirewall.linkage.model import TrainingOptions, model_path_for
from hirewall.linkage.resolve import LinkageOptions, LinkageResult, link_people
from hirewall.settings import Settings

OPTS = LinkageOptions(training=TrainingOptions(u_max_pairs=2e5))


@pytest.fixture()
def result(store: DuckDBEngine, tmp_path: Path) -> LinkageResult:
    return link_people(store, Settings(), model_path_for(tmp_path / "store.duckdb"), options=OPTS)


def _pairs(ids: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = {}
    for rid, g in ids.items():
        groups.setdefault(g, []).append(rid)
    return {frozenset(p) for g in groups.values() for p in itertools.combinations(sorted(g), 2)}


def test_clusters_recover_duplicates_without_merging_people(world: World, result: LinkageResult) -> None:
    truth = _pairs({r: str(p) for r, p in world.person_of.items()})
    clusters = dict(
        zip(result.clusters["record_id"].to_pylist(), result.clusters["identity_id"].to_pylist(), strict=True)
    )
    assert set(clusters) == set(world.person_of)
    found = _pairs(clusters)
    precision = len(found & truth) / len(found)
    recall = len(found & truth) / len(truth)
    assert precision >= 0.98, precision
    assert recall >= 0.9, recall


def test_ring_mates_are_shared_operator_links_not_same_person(world: World, result: LinkageResult) -> None:
    same = {
        frozenset(p)
        for p in zip(
            result.same_person["record_id_l"].to_pylist(),
            result.same_person["record_id_r"].to_pylist(),
            strict=True,
        )
    }
    shared = {
        frozenset((a, b)): s
        for a, b, s in zip(
            *(result.shared_operator[c].to_pylist() for c in ("record_id_l", "record_id_r", "shared")),
            strict=True,
        )
    }
    ring_pairs = [
        frozenset((a, b))
        for a, b in itertools.combinations(sorted(world.person_of), 2)
        if world.person_of[a] != world.person_of[b]
        and world.ring_of.get(world.person_of[a], -1) == world.ring_of.get(world.person_of[b], -2)
    ]
    assert ring_pairs
    assert not same & set(ring_pairs)
    assert all(p in shared for p in ring_pairs), "every ring pair shares a building"
    assert all("home_address" in shared[p] for p in ring_pairs)
    phone_ring = [p for p in ring_pairs if world.ring_of[world.person_of[min(p)]] % 2 == 0]
    assert any("phone" in shared[p] for p in phone_ring)


def test_explanations_sum_to_match_weight(result: LinkageResult) -> None:
    for table in (result.same_person, result.shared_operator):
        assert table.num_rows > 0
        for row in table.slice(0, 50).to_pylist():
            steps = row["explanation"]
            assert steps[0]["comparison"] == "prior"
            assert {s["comparison"] for s in steps} >= {"given_name", "family_name", "birth_date", "phone"}
            assert sum(s["match_weight"] for s in steps) == pytest.approx(row["match_weight"], abs=1e-6)


def test_same_person_links_have_name_or_dob_evidence(result: LinkageResult) -> None:
    for row in result.same_person.to_pylist():
        identity = [
            s["match_weight"]
            for s in row["explanation"]
            if s["comparison"] in ("given_name", "family_name", "birth_date")
        ]
        assert max(identity) > 0
        assert row["match_probability"] >= 0.99


def test_near_photo_hash_level(result: LinkageResult) -> None:
    levels = {
        s["level"]
        for row in result.same_person.to_pylist()
        for s in row["explanation"]
        if s["comparison"] == "photo_phash"
    }
    assert "Hamming distance <= 8 bits" in levels


def test_model_is_saved_reused_and_retrained(world: World, tmp_path: Path) -> None:
    path = model_path_for(tmp_path / "s.duckdb")
    engine = load_world(world)
    first = link_people(engine, Settings(), path, options=OPTS)
    assert first.trained and path.exists()
    stamp = path.stat().st_mtime_ns
    second = link_people(engine, Settings(), path, options=OPTS)
    assert not second.trained and path.stat().st_mtime_ns == stamp
    assert second.clusters.equals(first.clusters)
    third = link_people(engine, Settings(), path, retrain=True, options=OPTS)
    assert third.trained and path.stat().st_mtime_ns != stamp


def test_empty_store_gives_empty_result(tmp_path: Path) -> None:
    from hirewall.store import create_schema

    engine = DuckDBEngine()
    create_schema(engine)
    res = link_people(engine, Settings(), tmp_path / "m.json")
    assert res.same_person.num_rows == res.shared_operator.num_rows == res.clusters.num_rows == 0
    assert not (tmp_path / "m.json").exists()


@pytest.mark.parametrize("text", ["{not json", "{}", '{"comparisons": [{}]}'])
def test_a_scan_with_an_unreadable_model_is_a_config_error_naming_it(
    world: World, tmp_path: Path, text: str
) -> None:
    path = model_path_for(tmp_path / "s.duckdb")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="unreadable") as err:
        link_people(load_world(world), Settings(), path, options=OPTS)
    assert str(path) in str(err.value) and "--retrain-linkage" in str(err.value)
