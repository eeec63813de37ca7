from hirewall.egress import learn_org_egress, learning_bar
from hirewall.settings import Settings
from tests.indicators.conftest import FakeIpIntel
from tests.indicators.factory import store

OFFICE_POOL = [f"12.153.224.{i}" for i in (10, 11, 12, 13)]
VPN_POOL = [f"159.65.7.{i}" for i in (20, 21, 22, 23)]
FARM_IP = "73.41.9.200"


def signin(rid: str, ip: str, day: int) -> dict[str, str]:
    return {"record_id": rid, "signed_in_at": f"2024-03-{day:02d}T10:00:00", "ip": ip, "result": "success"}


def small_org() -> list[dict[str, str]]:
    """200 people in the sign-in log: 12 who use an office pool of four addresses, 12 who use
    a commercial VPN's pool, 6 on one home connection and the rest on homes of their own."""
    rows = []
    for i in range(12):
        rows += [signin(f"office{i}", OFFICE_POOL[(i + d) % 4], d + 1) for d in range(3)]
        rows += [signin(f"vpn{i}", VPN_POOL[(i + d) % 4], d + 1) for d in range(3)]
    rows += [signin(f"farm{i}", FARM_IP, d + 1) for i in range(6) for d in range(3)]
    rows += [signin(f"home{i}", f"98.{200 + i // 250}.{i % 250}.9", 1) for i in range(170)]
    return rows


def test_the_bar_is_a_share_of_a_small_organization_and_the_setting_for_a_large_one() -> None:
    assert [learning_bar(Settings(), n) for n in (50, 200, 400, 500, 10_000)] == [5, 10, 20, 25, 25]
    assert learning_bar(Settings(shared_egress_min_people=5), 10_000) == 5


def test_a_small_organizations_office_pool_is_learned_by_its_block_but_not_a_farm_or_a_vpn() -> None:
    engine = store(signins=small_org())
    kinds = FakeIpIntel({ip: ("US", "hosting") for ip in VPN_POOL})
    # each office address serves 9 of the 200 people (bar 10), the block serves 12
    learned = learn_org_egress(engine, Settings(), kinds)
    assert learned.learned == frozenset(OFFICE_POOL)
    assert learned.summary() == {"told_ranges": 0, "learned_ips": 4, "learning_bar": 10}
    assert not learned.is_org_egress(FARM_IP)
    # without the IP reference no address's kind is known, so no block is learned
    assert learn_org_egress(engine, Settings()).learned == frozenset()


def test_an_address_used_by_enough_people_is_learned_whatever_its_kind() -> None:
    rows = [signin(f"p{i}", VPN_POOL[0], 1) for i in range(10)]
    rows += [signin(f"q{i}", f"98.201.{i}.9", 1) for i in range(40)]
    engine = store(signins=rows)
    kinds = FakeIpIntel({VPN_POOL[0]: ("US", "vpn")})
    # 50 people: the bar is 5, and ten people share the VPN exit
    assert learn_org_egress(engine, Settings(), kinds).learned == {VPN_POOL[0]}
    told = learn_org_egress(engine, Settings(org_egress_cidrs=("98.201.0.0/16",)), kinds)
    assert told.is_org_egress("98.201.3.9") and not told.is_org_egress("98.202.3.9")
