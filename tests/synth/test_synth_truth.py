"""Ground truth is consistent with the data, and the data carries what the labels claim."""

from __future__ import annotations

import ipaddress
import random
from collections import Counter, defaultdict
from itertools import combinations

from hirewall.normalise.addresses import normalise_address
from hirewall.normalise.emails import email_key, normalise_email
from hirewall.normalise.phones import normalise_phone
from hirewall.synth.confounders import CONFOUNDERS
from hirewall.synth.tactics import TACTICS

from .conftest import Rows, World


def _people_labels(world: World) -> dict[str, dict[str, str]]:
    return {r["entity_id"]: r for r in world("labels") if r["entity_kind"] == "person"}


def test_every_person_label_matches_one_people_row(normal: World) -> None:
    ids = [r["record_id"] for r in normal("people")]
    labels = [r["entity_id"] for r in normal("labels") if r["entity_kind"] == "person"]
    assert len(set(ids)) == len(ids)
    assert sorted(ids) == sorted(labels)


def test_roles_rings_and_groups_are_well_formed(normal: World) -> None:
    ring_sizes: Counter[str] = Counter()
    for r in _people_labels(normal).values():
        assert r["role"] in ("benign", "persona", "facilitator")
        if r["role"] == "benign":
            assert r["ring_id"] == "" and r["confounder_group"] in CONFOUNDERS
        else:
            assert r["ring_id"].startswith("ring-") and r["confounder_group"] == ""
        if r["role"] == "persona":
            ring_sizes[r["ring_id"]] += 1
            # Every persona shares something with its ring (a link tactic) and names its tactics.
            used = r["tactics"].split(";")
            assert set(used) <= set(TACTICS) and any(TACTICS[t][1] for t in used)
        else:
            assert r["tactics"] == ""
    assert len(ring_sizes) >= 3 and all(2 <= s <= 12 for s in ring_sizes.values())
    assert max(ring_sizes.values()) > 2


def test_every_confounder_group_is_present_at_10k(big: World) -> None:
    groups = Counter(r["confounder_group"] for r in _people_labels(big).values() if r["role"] == "benign")
    assert set(groups) == set(CONFOUNDERS)
    assert groups["corporate_vpn"] >= 300  # one egress shared by hundreds


def test_reapplicants_share_person_id_and_identity(big: World) -> None:
    labels = _people_labels(big)
    people = {r["record_id"]: r for r in big("people")}
    by_person: defaultdict[str, list[str]] = defaultdict(list)
    for rid, lab in labels.items():
        by_person[lab["person_id"]].append(rid)
    shared = [rids for rids in by_person.values() if len(rids) > 1]
    assert shared
    for rids in shared:
        assert len(rids) == 2
        assert {labels[r]["confounder_group"] for r in rids} == {"reapplicant"}
        a, b = (people[r] for r in rids)
        assert (a["given_name"], a["family_name"]) == (b["given_name"], b["family_name"])
        assert a["national_id_hash"] == b["national_id_hash"]
    assert all(
        len(by_person[labels[r]["person_id"]]) == 2
        for r in labels
        if labels[r]["confounder_group"] == "reapplicant"
    )


def test_facilitator_entities_appear_in_the_data(normal: World) -> None:
    labels = [r for r in normal("labels") if r["entity_kind"] != "person"]
    assert {r["entity_kind"] for r in labels} == {"address", "ip", "account", "vendor"}
    assert all(r["role"] == "facilitator" and r["ring_id"] for r in labels)
    accounts = {r["account_fingerprint"] for r in normal("payouts")}
    signin_ips = {r["ip"] for r in normal("signins")}
    vendors = {r["vendor_id"] for r in normal("vendors")}
    ship_keys = set()
    for s in normal("shipments"):
        ship_keys.add(
            normalise_address(
                s["ship_line1"],
                s["ship_line2"],
                s["ship_city"],
                s["ship_region"],
                s["ship_postal_code"],
                s["ship_country"],
            ).address_key
        )
    for r in labels:
        if r["entity_kind"] == "account":
            assert r["entity_id"] in accounts
        elif r["entity_kind"] == "vendor":
            assert r["entity_id"] in vendors
        elif r["entity_kind"] == "ip":
            assert ipaddress.ip_address(r["entity_id"]).version == 4
        else:
            assert r["entity_id"].startswith("US|")
    assert any(r["entity_id"] in ship_keys for r in labels if r["entity_kind"] == "address")
    assert any(r["entity_id"] in signin_ips for r in labels if r["entity_kind"] == "ip")


def _links(world: World) -> dict[str, set[frozenset[str]]]:
    """Pairs of records joined by a shared artefact, by artefact kind."""
    people = world("people")
    keys: dict[str, defaultdict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for p in people:
        keys["email"][email_key(normalise_email(p["email"]))].add(p["record_id"])
        keys["phone"][normalise_phone(p["phone"], p["country"])].add(p["record_id"])
        if p["national_id_hash"]:
            keys["nid"][p["national_id_hash"]].add(p["record_id"])
        if p["vendor_id"]:
            keys["vendor"][p["vendor_id"]].add(p["record_id"])
        if p["referred_by"]:
            keys["referral"][p["referred_by"]].update({p["record_id"], p["referred_by"]})
    for s in world("shipments"):
        k = normalise_address(
            s["ship_line1"],
            s["ship_line2"],
            s["ship_city"],
            s["ship_region"],
            s["ship_postal_code"],
            s["ship_country"],
        ).address_key
        keys["ship"][k].add(s["record_id"])
    for s in world("signins"):
        keys["ip"][s["ip"]].add(s["record_id"])
    for s in world("payouts"):
        keys["account"][s["account_fingerprint"]].add(s["record_id"])
    out: dict[str, set[frozenset[str]]] = defaultdict(set)
    for kind, groups in keys.items():
        for rids in groups.values():
            if 1 < len(rids) < 40:
                out[kind].update(frozenset(p) for p in combinations(sorted(rids), 2))
    photos = [(p["record_id"], int(p["photo_phash"], 16)) for p in people if p["photo_phash"]]
    personas = {r for r, lab in _people_labels(world).items() if lab["role"] != "benign"}
    for (a, x), (b, y) in combinations([t for t in photos if t[0] in personas], 2):
        if (x ^ y).bit_count() <= 6:
            out["photo"].add(frozenset((a, b)))
    return out


def _rings(world: World) -> dict[str, set[str]]:
    rings: defaultdict[str, set[str]] = defaultdict(set)
    for rid, lab in _people_labels(world).items():
        if lab["ring_id"]:
            rings[lab["ring_id"]].add(rid)
    return rings


def test_hard_rings_stay_findable(by_difficulty: dict[str, World]) -> None:
    """Every hard ring keeps at least one cross-persona link (directly or via its facilitator)."""
    world = by_difficulty["hard"]
    links = _links(world)
    every = set().union(*links.values())
    resumes = {p["record_id"]: set(p["resume_text"].split()) for p in world("people")}
    for ring, members in _rings(world).items():
        pairs = {frozenset(p) for p in combinations(sorted(members), 2)}
        near_cv = any(
            len(resumes[a] & resumes[b]) / len(resumes[a] | resumes[b]) > 0.5 for a, b in map(tuple, pairs)
        )
        assert pairs & every or near_cv, ring


def _signal_density(world: World) -> float:
    labels = _people_labels(world)
    personas = {r for r, lab in labels.items() if lab["role"] == "persona"}
    links = _links(world)
    linked = sum(1 for kind in links.values() for pair in kind if pair <= personas)
    kvm = sum(
        1
        for e in world("endpoint")
        if e["record_id"] in personas
        and e["kind"] in ("usb_device", "display")
        and ("1D6B" in e["detail"] or "x64" in e["detail"])
    )
    rmm = sum(
        1
        for e in world("endpoint")
        if e["record_id"] in personas
        and e["kind"] == "process"
        and e["name"]
        in (
            "AnyDesk.exe",
            "TeamViewer.exe",
            "remoting_host.exe",
            "rustdesk.exe",
            "ScreenConnect.ClientService.exe",
            "SRService.exe",
        )
    )
    unmanaged = sum(
        1 for s in world("signins") if s["record_id"] in personas and s["device_managed"] == "false"
    )
    return (linked + kvm + rmm + unmanaged) / len(personas)


def test_difficulty_changes_signal_density(by_difficulty: dict[str, World]) -> None:
    easy, normal, hard = (_signal_density(by_difficulty[d]) for d in ("easy", "normal", "hard"))
    assert easy > normal > hard


def _tvd(a: Counter[str], b: Counter[str]) -> float:
    na, nb = sum(a.values()), sum(b.values())
    return 0.5 * sum(abs(a[k] / na - b[k] / nb) for k in set(a) | set(b))


def test_names_carry_no_role_signal(big: World) -> None:
    """Persona family names are as close to the benign distribution as random benign samples are."""
    labels = _people_labels(big)
    people: Rows = big("people")
    benign = [p["family_name"] for p in people if labels[p["record_id"]]["role"] == "benign"]
    persona = Counter(p["family_name"] for p in people if labels[p["record_id"]]["role"] == "persona")
    reference = Counter(benign)
    k = sum(persona.values())
    rng = random.Random(0)
    null = sorted(_tvd(Counter(rng.sample(benign, k)), reference) for _ in range(300))
    assert _tvd(persona, reference) <= null[int(0.99 * len(null))]
    given_b = Counter(p["given_name"] for p in people if labels[p["record_id"]]["role"] == "benign")
    given_p = Counter(p["given_name"] for p in people if labels[p["record_id"]]["role"] == "persona")
    benign_given = [g for g, c in given_b.items() for _ in range(c)]
    null_g = sorted(
        _tvd(Counter(rng.sample(benign_given, sum(given_p.values()))), given_b) for _ in range(300)
    )
    assert _tvd(given_p, given_b) <= null_g[int(0.99 * len(null_g))]


def test_common_names_collide_with_different_birth_dates(big: World) -> None:
    labels = _people_labels(big)
    names: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for p in big("people"):
        if labels[p["record_id"]]["confounder_group"] == "common_name":
            names[(p["given_name"], p["family_name"])].add(p["birth_date"])
    assert any(len(d) >= 2 for d in names.values())
