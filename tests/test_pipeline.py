"""End to end: synth -> scan -> outputs -> evaluate, and bad input on a broken copy."""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest

from hirewall.evaluate import evaluate, read_jsonl
from hirewall.pipeline import scan
from hirewall.scoring.weights import PRIOR_LOG_ODDS
from hirewall.settings import Settings

SETTINGS = Settings().with_(progress=False, linkage=False)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_scan_writes_every_output_and_scores_decompose(world: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = scan(world, out, SETTINGS)
    for name in ("persons.jsonl", "rings.jsonl", "facilitators.jsonl", "quarantine.jsonl", "summary.json"):
        assert (out / name).exists(), name
    assert (out / "report.html").stat().st_size > 10_000
    persons = read_jsonl(out / "persons.jsonl")
    assert len(persons) == len(_rows(world / "people.csv"))
    for p in persons:
        assert 0.0 <= p["score"] <= 1.0 and p["band"] in {"low", "medium", "high"}
        total = PRIOR_LOG_ODDS + sum(c["log_odds"] for c in p["indicators"])
        assert math.isclose(p["score"], 1 / (1 + math.exp(-total)), abs_tol=1e-5)
        for c in p["indicators"]:
            if c["indicator"] != "ring_membership":
                assert c["sources"] and c["fairness"] in {"S", "C"} and c["summaries"]
    rings = read_jsonl(out / "rings.jsonl")
    assert rings and all(len(r["members"]) >= 2 and r["links"] for r in rings)
    facs = read_jsonl(out / "facilitators.jsonl")
    assert facs and all(f["why"] for f in facs)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["tables"]["people"]["kept"] == len(persons)
    assert sum(summary["bands"].values()) == len(persons) == len(result.persons)
    # Identifiers are masked by default.
    assert "@" not in json.dumps(facs) or "***@" in json.dumps(facs)
    metrics = evaluate(out, world / "labels.csv")
    assert metrics["flagged"]["recall"] > 0.5 and metrics["flagged"]["precision"] > 0.5
    assert set(metrics) >= {"roc_auc", "average_precision", "precision_at_k", "ring_ari", "fpr_by_group"}
    # Recall by tactic counts each persona once per tactic it used, against its band.
    band = {p["record_id"]: p["band"] for p in persons}
    used = [
        (r["entity_id"], t)
        for r in _rows(world / "labels.csv")
        if r["tactics"]
        for t in r["tactics"].split(";")
    ]
    by_tactic = metrics["recall_by_tactic"]
    assert set(by_tactic) == {t for _, t in used}
    assert sum(v["n"] for v in by_tactic.values()) == len(used)
    assert sum(v["flagged"] for v in by_tactic.values()) == sum(band[r] != "low" for r, _ in used)


def test_broken_copy_quarantines_exactly_the_bad_rows(world: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(world, data)
    people = data / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    bad = dict.fromkeys(header, "")
    bad_rows = [
        {**bad, "given_name": "No", "family_name": "Id"},  # missing record_id
        {**bad, "record_id": "BAD-2", "birth_date": "31/31/1990"},  # bad optional date: kept
    ]
    with people.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, quoting=csv.QUOTE_ALL)
        for row in bad_rows:
            writer.writerow(row)
        fh.write('"too","few","fields"\n')
    out = tmp_path / "out"
    scan(data, out, SETTINGS)
    summary = json.loads((out / "summary.json").read_text())["tables"]["people"]
    good = len(_rows(world / "people.csv"))
    assert summary["read"] == good + 3
    assert summary["kept"] == good + 1 and summary["quarantined"] == 2
    records = read_jsonl(out / "quarantine.jsonl")
    assert {(r["column"], r["action"]) for r in records} == {
        ("record_id", "row_rejected"),
        ("*", "row_rejected"),
        ("birth_date", "value_dropped"),
    }
    assert all(r["file"] == "people.csv" and r["line"] > len(lines) for r in records)


def test_scanning_the_same_store_twice_changes_nothing(world: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    first = scan(world, tmp_path / "a", SETTINGS, store=store)
    second = scan(world, tmp_path / "b", SETTINGS, store=store)
    assert [(p.record_id, p.score) for p in first.persons] == [(p.record_id, p.score) for p in second.persons]
    assert {t: s.kept for t, s in first.ingest.tables.items()} == {
        t: s.kept for t, s in second.ingest.tables.items()
    }


def test_exports_of_a_real_scan_validate(world: Path, tmp_path: Path) -> None:
    """The demo path: a synthetic organization scanned end to end, exported, read back."""
    import stix2
    from followthemoney import model

    from hirewall.export import export

    out = tmp_path / "out"
    result = scan(world, out, SETTINGS)
    [stix_path] = export(out, "stix")
    bundle = stix2.parse(stix_path.read_text(encoding="utf-8"), allow_custom=True)
    groups = [o for o in bundle.objects if o.type == "identity" and o.identity_class == "group"]
    assert sorted(g.name for g in groups) == sorted(r.ring_id for r in result.rings)
    [ftm_path] = export(out, "ftm")
    entities = [
        model.get_proxy(json.loads(line)) for line in ftm_path.read_text(encoding="utf-8").splitlines()
    ]
    ids = {e.id for e in entities}
    assert entities and len(ids) == len(entities)
    for e in entities:
        for prop, value in e.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (e.schema.name, prop.name)
    assert {e.schema.name for e in entities} >= {"Person", "Address", "BankAccount", "Membership"}


def _referral_bursts(data: Path) -> None:
    """people.csv: 120 staff (every fifth referred by someone hired years before), a burst of
    five referrals in one wave ("big0".."big4"), one of three ("few0".."few2"), and two people
    "few1" referred the next year ("later0", "later1")."""
    header = ["record_id", "given_name", "family_name", "applied_at", "referred_by"]
    rows = [  # staff hired a month apart; every fifth referred by someone hired years before
        {
            "record_id": f"s{i:03d}",
            "given_name": f"S{i}",
            "family_name": "Roe",
            "applied_at": f"{2010 + i // 12}-{i % 12 + 1:02d}-03",
        }
        | {"referred_by": f"s{i - 40:03d}" if i >= 40 and i % 5 == 0 else ""}
        for i in range(120)
    ]
    for prefix, n, start in (("big", 5, "2024-02"), ("few", 3, "2024-09")):
        for i in range(n):
            referrer = f"{prefix}{i - 1}" if i else ""
            rows.append(
                {
                    "record_id": f"{prefix}{i}",
                    "given_name": f"G{prefix}{i}",
                    "family_name": "Doe",
                    "applied_at": f"{start}-{10 + 3 * i}",
                    "referred_by": referrer,
                }
            )
    for i, day in enumerate(("2025-09-02", "2025-10-20")):
        rows.append(
            {"record_id": f"later{i}", "given_name": f"L{i}", "family_name": "Poe", "applied_at": day}
            | {"referred_by": "few1"}
        )
    with (data / "people.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, header)
        w.writeheader()
        w.writerows(rows)


def test_a_referral_burst_is_a_ring_and_only_a_larger_than_chance_one_is_flagged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _referral_bursts(data)
    persons = {
        p["record_id"]: p for p in read_jsonl(scan(data, tmp_path / "out", SETTINGS).out / "persons.jsonl")
    }
    burst = "referral_burst_in_one_wave"
    big = [persons[f"big{i}"] for i in range(5)]
    assert {p["band"] for p in big} == {"medium"}
    assert len({p["ring_id"] for p in big}) == 1 and big[0]["ring_id"]
    few = [persons[f"few{i}"] for i in range(3)]
    assert all(any(c["indicator"] == burst for c in p["indicators"]) for p in few)
    assert {p["band"] for p in few} == {"low"}  # a burst of just the chance threshold needs more
    # a ring held only by referrals grows no referral chains: that would count them twice
    later = [persons[f"later{i}"] for i in range(2)]
    assert {p["ring_id"] for p in later} == {None} and {p["band"] for p in later} == {"low"}
    assert not any(
        any(c["indicator"] == burst for c in persons[f"s{i:03d}"]["indicators"]) for i in range(120)
    )


def _device(rid: str, kind: str, name: str) -> dict[str, str]:
    return {"device_id": f"dev-{rid}", "record_id": rid, "observed_at": "2024-10-20T09:00:00"} | {
        "kind": kind,
        "name": name,
    }


@pytest.mark.parametrize(
    ("endpoint", "payouts"),
    [
        ([_device("few0", "usb_device", "PiKVM Composite Gadget")], []),  # stands out alone
        (  # two families of evidence, neither enough alone: two remote-access tools, a payee
            [_device("few0", "process", "AnyDesk.exe"), _device("few0", "process", "remoting_host.exe")],
            [{"record_id": "few0", "account_fingerprint": "acct-1", "holder_name": "Max Hart"}],
        ),
    ],
    ids=["ip-kvm", "two-families"],
)
def test_a_member_standing_out_on_its_own_evidence_corroborates_its_burst(
    tmp_path: Path, endpoint: list[dict[str, str]], payouts: list[dict[str, str]]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _referral_bursts(data)
    _write(data / "endpoint.csv", endpoint)
    if payouts:
        _write(data / "payouts.csv", payouts)
    out = scan(data, tmp_path / "out", SETTINGS).out
    persons = {p["record_id"]: p for p in read_jsonl(out / "persons.jsonl")}
    few = [persons[f"few{i}"] for i in range(3)]
    assert few[0]["band"] != "low"
    assert {p["band"] for p in few[1:]} == {"medium"}  # the same burst stayed low without few0's evidence
    [ring] = [r for r in read_jsonl(out / "rings.jsonl") if r["ring_id"] == few[0]["ring_id"]]
    assert ring["corroborated_by"] == ["few0"] and ring["strength"] == 1.0
    membership = {
        p["record_id"]: c for p in few for c in p["indicators"] if c["indicator"] == "ring_membership"
    }
    assert membership["few0"]["strength"] == round(2 / 3, 4)  # not corroborated by its own evidence
    assert membership["few1"]["strength"] == membership["few2"]["strength"] == 1.0
    assert "1 other member(s) stand out on evidence of their own" in membership["few1"]["note"]
    assert {p["band"] for r, p in persons.items() if r.startswith("s")} == {"low"}


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def _staff() -> list[dict[str, str]]:
    """Forty long-standing staff, hired in 2016, who refer nobody."""
    return [
        {"record_id": f"s{i:02d}", "given_name": f"S{i}", "family_name": "Roe", "applied_at": "2016-01-02"}
        | {"referred_by": ""}
        for i in range(40)
    ]


def _share_one_ip(data: Path, signed_in_at: dict[str, str]) -> None:
    """signins.csv: each record signs in once, all from one residential egress IP."""
    rows = [{"record_id": r, "signed_in_at": t, "ip": "73.12.34.56"} for r, t in signed_in_at.items()]
    _write(data / "signins.csv", rows)


def test_a_person_using_a_vendors_contact_phone_joins_the_ring_of_its_placements(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    staff = [
        {"record_id": f"s{i:02d}", "given_name": f"S{i}", "family_name": "Roe"}
        | {
            "phone": f"+1 312 555 {1000 + i}",
            "vendor_id": "",
            "applied_at": f"{2015 + i // 12}-{i % 12 + 1:02d}-03",
        }
        for i in range(40)
    ]
    team = [  # two placements of the vendor share a phone; a third person uses the vendor's line
        {"record_id": "p1", "given_name": "Ann", "family_name": "Lee", "phone": "+1 415 555 0101"}
        | {"vendor_id": "V1", "applied_at": "2024-03-01"},
        {"record_id": "p2", "given_name": "Bo", "family_name": "Kim", "phone": "+1 415 555 0101"}
        | {"vendor_id": "V1", "applied_at": "2024-03-20"},
        {"record_id": "x", "given_name": "Cy", "family_name": "Ho", "phone": "+1 646 555 0199"}
        | {"vendor_id": "", "applied_at": "2024-04-02"},
    ]
    _write(data / "people.csv", staff + team)
    vendor = {"vendor_id": "V1", "name": "Acme IT LLC", "contact_name": "Cy Ho"} | {
        "contact_phone": "+1 646 555 0199"
    }
    _write(data / "vendors.csv", [vendor])
    out = scan(data, tmp_path / "out", SETTINGS).out
    persons = {p["record_id"]: p for p in read_jsonl(out / "persons.jsonl")}
    assert persons["x"]["ring_id"] and persons["x"]["ring_id"] == persons["p1"]["ring_id"]
    ring = next(r for r in read_jsonl(out / "rings.jsonl") if r["ring_id"] == persons["x"]["ring_id"])
    facilitators = {f["facilitator_id"]: f for f in read_jsonl(out / "facilitators.jsonl")}
    assert [facilitators[f]["kind"] for f in ring["facilitators"]][0] == "vendor"
    assert not any(persons[s["record_id"]]["ring_id"] for s in staff)


@pytest.mark.parametrize("a_referred_b", [False, True])
def test_a_ring_held_by_one_weak_link_is_not_extended_by_referrals(
    tmp_path: Path, a_referred_b: bool
) -> None:
    """A lead of two people sharing an IP is not extended to the friend one of them referred a
    year later; when one also referred the other in the same wave, that referral ties them
    (two kinds of link), and still nobody else."""
    data = tmp_path / "data"
    data.mkdir()
    staff = [
        {"record_id": f"s{i:02d}", "given_name": f"S{i}", "family_name": "Roe", "referred_by": ""}
        | {"applied_at": f"{2015 + i // 12}-{i % 12 + 1:02d}-03"}
        for i in range(40)
    ]
    pair = [  # share one café IP once each, arrived a month apart; a referred a friend later on
        {
            "record_id": "a",
            "given_name": "Ann",
            "family_name": "Lee",
            "referred_by": "",
            "applied_at": "2023-05-01",
        },
        {
            "record_id": "b",
            "given_name": "Bo",
            "family_name": "Kim",
            "referred_by": "a" if a_referred_b else "",
            "applied_at": "2023-06-01",
        },
        {
            "record_id": "f",
            "given_name": "Fay",
            "family_name": "Ho",
            "referred_by": "a",
            "applied_at": "2024-09-01",
        },
    ]
    _write(data / "people.csv", staff + pair)
    _share_one_ip(data, {"a": "2023-07-01T10:00:00Z", "b": "2023-07-20T11:00:00Z"})
    out = scan(data, tmp_path / "out", SETTINGS).out
    persons = {p["record_id"]: p for p in read_jsonl(out / "persons.jsonl")}
    assert persons["a"]["ring_id"] and persons["a"]["ring_id"] == persons["b"]["ring_id"]
    assert persons["f"]["ring_id"] is None
    tied = {
        p["record_id"]
        for p in persons.values()
        for c in p["indicators"]
        if c["indicator"] == "referred_by_linked_person"
    }
    assert tied == ({"a", "b"} if a_referred_b else set())
    flagged = {r for r, p in persons.items() if p["band"] != "low"}
    assert flagged == ({"a", "b"} if a_referred_b else set())


def test_a_loner_sharing_an_ip_with_one_ring_member_joins_at_a_corroborated_weak_links_strength(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    staff = _staff()
    team = [  # a and b are paid into one account; c shares only b's egress IP, same wave
        {"record_id": r, "given_name": g, "family_name": "Poe", "applied_at": d}
        for r, g, d in (("a", "Al", "2024-01-10"), ("b", "Bea", "2024-02-01"), ("c", "Cy", "2024-02-20"))
    ]
    _write(data / "people.csv", staff + team)
    _write(
        data / "payouts.csv",
        [
            {
                "record_id": r,
                "account_fingerprint": "acct-1",
                "holder_name": n,
                "effective_from": "2024-03-01",
            }
            for r, n in (("a", "Al Poe"), ("b", "Bea Poe"))
        ],
    )
    _share_one_ip(data, {"b": "2024-03-01T10:00:00Z", "c": "2024-03-02T11:00:00Z"})
    out = scan(data, tmp_path / "out", SETTINGS).out
    persons = {p["record_id"]: p for p in read_jsonl(out / "persons.jsonl")}
    ring_id = persons["a"]["ring_id"]
    assert ring_id and persons["b"]["ring_id"] == ring_id == persons["c"]["ring_id"]

    def membership(rid: str) -> dict[str, Any]:
        [c] = [c for c in persons[rid]["indicators"] if c["indicator"] == "ring_membership"]
        return c

    assert membership("a")["strength"] == pytest.approx(2 / 3, abs=1e-4)
    # never more than the ring's own strength: here the account ring's 2/3
    assert membership("c")["strength"] == pytest.approx(2 / 3, abs=1e-4)
    assert membership("c")["note"].startswith(f"attached to {ring_id}: shares ip with just one member")
    assert membership("c")["note"].endswith("corroborated by the ring's own links")
    [ring] = read_jsonl(out / "rings.jsonl")
    assert ring["strength"] == pytest.approx(2 / 3, abs=1e-4)
    assert {link["kind"] for link in ring["links"]} == {"account", "ip"}


def test_a_same_wave_referral_between_two_people_with_evidence_from_two_families_is_a_ring(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    staff = [
        s
        | {
            "address_line1": f"{100 + i} Main St",
            "city": "Springfield",
            "region": "IL",
            "postal_code": "62701",
        }
        for i, s in enumerate(_staff())
    ]
    pair = [  # b referred by a in a's wave; each has a device shipped elsewhere and a Wise payout
        {"record_id": r, "given_name": g, "family_name": "Poe", "applied_at": d}
        | {"address_line1": f"{n} Oak Ave", "city": "Springfield", "region": "IL", "postal_code": "62704"}
        | {"referred_by": ref}
        for r, g, d, n, ref in (("a", "Al", "2024-01-10", 5, ""), ("b", "Bea", "2024-02-01", 9, "a"))
    ]
    _write(data / "people.csv", staff + pair)
    _write(
        data / "shipments.csv",
        [
            {"shipment_id": f"sh-{r}", "record_id": r, "ship_line1": line, "ship_city": "Chicago"}
            | {
                "ship_region": "IL",
                "ship_postal_code": "60601",
                "ship_country": "US",
                "shipped_at": "2024-03-01",
            }
            for r, line in (("a", "1 Lake St"), ("b", "7 River Rd"))
        ],
    )
    _write(
        data / "payouts.csv",
        [
            {"record_id": r, "account_fingerprint": f"acct-{r}", "holder_name": n, "method": "wise"}
            | {"effective_from": "2024-03-01"}
            for r, n in (("a", "Al Poe"), ("b", "Bea Poe"))
        ],
    )
    out = scan(data, tmp_path / "out", SETTINGS).out
    persons = {p["record_id"]: p for p in read_jsonl(out / "persons.jsonl")}
    assert persons["a"]["ring_id"] and persons["a"]["ring_id"] == persons["b"]["ring_id"]
    assert {persons[r]["band"] for r in "ab"} == {"medium"}
    [referral] = [c for c in persons["b"]["indicators"] if c["indicator"] == "referred_by_linked_person"]
    assert "both carry evidence of their own from two families" in referral["summaries"][0]
    assert {p["band"] for r, p in persons.items() if r.startswith("s")} == {"low"}


def test_a_small_organizations_corporate_vpn_is_shared_infrastructure_not_a_ring(tmp_path: Path) -> None:
    """200 people: each corporate VPN address serves about ten of them, below the 25 people
    that make an address shared infrastructure in a large organization."""
    from hirewall.synth import generate_world

    world = tmp_path / "world"
    generate_world(world, people=200, seed=98201, difficulty="normal")
    scan(world, tmp_path / "out", SETTINGS)
    vpn = evaluate(tmp_path / "out", world / "labels.csv")["fpr_by_group"]["corporate_vpn"]
    assert vpn["n"] >= 10
    assert vpn["flagged"] == 0
    egress = json.loads((tmp_path / "out" / "summary.json").read_text())["coverage"]["org_egress"]
    assert egress["learned_ips"] >= 1 and 5 <= egress["learning_bar"] < 25
