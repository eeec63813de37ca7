from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from hirewall.exceptions import ConfigError, ReferenceDataError
from hirewall.reference.catalog import status, update
from hirewall.reference.datasets import DATASETS
from hirewall.settings import Settings


def test_status_lists_every_dataset_with_provenance() -> None:
    rows = {r["name"]: r for r in status(Settings())}
    assert set(rows) == {d.name for d in DATASETS}
    for r in rows.values():
        assert r["source"] and r["licence"], r
    for name in (
        "ip-asn",
        "ip-country",
        "hosting-asns",
        "vpn-asns",
        "hosting-ranges",
        "remote-access-tools",
        "ip-kvm",
    ):
        assert rows[name]["state"] in {"shipped", "package"}, rows[name]
        assert int(rows[name]["rows"]) > 0 and rows[name]["version"][:2] == "20", rows[name]
    assert rows["ip-asn"]["licence"] == "PDDL"
    assert "DB-IP" in rows["ip-country"]["licence"]
    for name in ("vpn-ipv4", "tor-exits", "ofac-sdn"):
        assert rows[name]["state"] == "missing"


def test_update_rejects_bad_requests(tmp_path: Path, ref_settings: Settings) -> None:
    good = tmp_path / "vpn.txt"
    good.write_text("1.2.3.0/24\n")
    with pytest.raises(ConfigError, match="unknown reference data set"):
        update("geo-magic", good, ref_settings)
    with pytest.raises(ConfigError, match="reference_dir"):
        update("vpn-ipv4", good, Settings())
    with pytest.raises(ConfigError, match="ships with hirewall"):
        update("hosting-ranges", good, ref_settings)
    v6 = tmp_path / "v6.txt"
    v6.write_text("2001:db8::/32\n")
    with pytest.raises(ReferenceDataError, match="IPv4"):
        update("vpn-ipv4", v6, ref_settings)
    junk = tmp_path / "junk.txt"
    junk.write_text("<html>rate limited</html>\n")
    for name in ("vpn-ipv4", "ip-asn", "remote-access-tools", "ip-kvm", "ofac-sdn", "hosting-asns"):
        with pytest.raises(ReferenceDataError):
            update(name, junk, ref_settings)
    assert not ref_settings.reference_dir or not any(ref_settings.reference_dir.glob("*"))


def test_update_installs_copy_with_metadata(tmp_path: Path, ref_settings: Settings) -> None:
    src = tmp_path / "output_vpn_ipv4.txt"
    src.write_text("1.2.3.0/24\n5.6.0.0/16\n")
    row = update("vpn-ipv4", src, ref_settings)
    assert (row["state"], row["rows"]) == ("user", 2)
    assert ref_settings.reference_dir is not None
    installed = ref_settings.reference_dir / "vpn-ipv4.txt"
    assert installed.read_text() == src.read_text()
    meta = json.loads((ref_settings.reference_dir / "vpn-ipv4.txt.meta.json").read_text())
    assert meta["rows"] == 2 and meta["source_file"] == str(src.resolve()) and len(meta["sha256"]) == 64
    assert {r["name"]: r["state"] for r in status(ref_settings)}["vpn-ipv4"] == "user"


def _as_sdn_csv(subset: Path) -> str:
    """Rebuild OFAC's headerless 12-column sdn.csv layout from the DPRK subset's rows."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    for r in csv.DictReader(subset.read_text(encoding="utf-8").splitlines()):
        programs = "] [".join(r["programs"].split(";"))
        w.writerow(
            [r["ent_num"], r["sdn_name"], r["sdn_type"], programs, r["title"] or "-0- "]
            + ["-0- "] * 6
            + [r["remarks"] or "-0- "]
        )
    return out.getvalue()


def test_update_ofac_sdn(shared: Path, tmp_path: Path, ref_settings: Settings) -> None:
    sdn = tmp_path / "sdn.csv"
    sdn.write_text(
        _as_sdn_csv(shared / "ofac_sdn_dprk_subset_2024-05-03.csv"), encoding="latin-1", errors="replace"
    )
    row = update("ofac-sdn", sdn, ref_settings)
    assert row["state"] == "user" and row["rows"] == 593
    no_dprk = tmp_path / "other.csv"
    no_dprk.write_text('1,"DOE, John",individual,[SDGT],-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n')
    with pytest.raises(ReferenceDataError, match="DPRK"):
        update("ofac-sdn", no_dprk, ref_settings)
