from datetime import datetime, timedelta

import pytest

from hirewall.indicators import signin as si
from hirewall.settings import Settings

from .conftest import CN_IP, CORP_VPN, DE_IP, JP_IP, US_HOME, US_OTHER, VPN_IP
from .factory import context, fired, person, run, store


def s(rid: str, at: str, ip: str, **kw) -> dict:
    return {"record_id": rid, "signed_in_at": at, "ip": ip, "result": "success", **kw}


@pytest.mark.parametrize(
    ("signins", "fires"),
    [
        ([s("a", "2024-03-01T10:00:00", US_HOME), s("a", "2024-03-01T11:00:00", CN_IP)], True),
        ([s("a", "2024-03-01T10:00:00", US_HOME), s("a", "2024-03-02T10:00:00", DE_IP)], False),
        (
            [
                s("a", "2024-03-01T10:00:00", US_HOME),
                s("a", "2024-03-01T10:30:00", CORP_VPN),
                s("a", "2024-03-01T11:00:00", US_OTHER),
            ],
            False,
        ),
        (
            [s("a", "2024-03-01T10:00:00", US_HOME), s("a", "2024-03-01T11:00:00", CN_IP, result="failure")],
            False,
        ),
    ],
    ids=["us-then-cn-in-1h", "us-then-de-next-day", "corporate-vpn", "failed-sign-in"],
)
def test_impossible_travel(signins, fires, services) -> None:
    engine = store(people=[person("a", "Ann", "Lee")], signins=signins)
    assert bool(fired(si.signin_impossible_travel, context(engine, services))) is fires
    assert not fired(si.signin_impossible_travel, context(engine))


def test_many_countries_in_a_week(services) -> None:
    rows = [
        s("a", "2024-03-04T10:00:00", US_HOME),
        s("a", "2024-03-05T10:00:00", DE_IP),
        s("a", "2024-03-06T10:00:00", JP_IP),
        s("b", "2024-03-04T10:00:00", US_HOME),
        s("b", "2024-03-20T10:00:00", DE_IP),
        s("b", "2024-04-20T10:00:00", JP_IP),
    ]
    ctx = context(
        store(people=[person("a", "Ann", "Lee"), person("b", "Bob", "Kim")], signins=rows), services
    )
    assert fired(si.signin_many_countries, ctx) == {"a"}


def test_vpn_egress_but_not_corporate_vpn(services) -> None:
    rows = [
        s("a", "2024-03-04T10:00:00", VPN_IP),
        s("a", "2024-03-05T10:00:00", US_HOME),
        s("b", "2024-03-04T10:00:00", CORP_VPN),
    ]
    ctx = context(
        store(people=[person("a", "Ann", "Lee"), person("b", "Bob", "Kim")], signins=rows), services
    )
    hits = run(si.signin_via_vpn_hosting_tor, ctx)
    assert [(h.record_id, h.strength) for h in hits] == [("a", 0.65)]


def days(rid: str, ip: str, n: int | str = 2) -> list[dict]:
    """Sign-ins at 10:00 UTC on ``n`` days, or ``"HH:MM>HH:MM"``: one session from a
    US afternoon past midnight UTC (two dates, less than a day)."""
    if isinstance(n, str):
        start, end = n.split(">")
        return [s(rid, f"2024-03-01T{start}:00", ip), s(rid, f"2024-03-02T{end}:00", ip)]
    return [s(rid, f"2024-03-0{d + 1}T10:00:00", ip) for d in range(n)]


FARM_IP = "198.51.100.77"
HOME = {"street": "12 Elm St", "zip": "62701"}


def test_shared_residential_ip_of_three_people_is_strong(services) -> None:
    people = [person(r, "P", r.upper()) for r in "abc"]
    ctx = context(store(people=people, signins=[x for r in "abc" for x in days(r, FARM_IP)]), services)
    assert fired(si.egress_ip_shared_by_several_people, ctx) == set("abc")
    assert not fired(si.egress_ip_shared_across_people, ctx)
    assert {h.group for h in run(si.egress_ip_shared_by_several_people, ctx)} == {f"ip:{FARM_IP}"}


@pytest.mark.parametrize(
    ("zips", "strong"),
    [(("62701", "10001", "94110"), True), (("62701", "62702", "62703"), False), (("62701", "62702"), True)],
    ids=["homes-across-the-country", "homes-in-one-area", "a-pair-in-one-area"],
)
def test_an_ip_shared_by_people_who_mostly_live_in_one_area_is_a_local_place_not_a_farm(
    zips, strong, services
) -> None:
    people = [
        person(r, "P", r.upper(), street=f"{i} Oak St", zip=z)
        for i, (r, z) in enumerate(zip("abc"[: len(zips)], zips, strict=True))
    ]
    who = {p["record_id"] for p in people}
    ctx = context(store(people=people, signins=[x for r in sorted(who) for x in days(r, FARM_IP)]), services)
    # a branch office or co-working space on a home-style line: still a weak shared link
    assert fired(si.egress_ip_shared_by_several_people, ctx) == (who if strong else set())
    assert fired(si.egress_ip_shared_across_people, ctx) == (set() if strong else who)


@pytest.mark.parametrize(
    ("people", "ip", "n_days", "weak", "strong"),
    [
        ([person("a", "Ann", "Lee", **HOME), person("b", "Bo", "Lee", **HOME)], FARM_IP, 2, set(), set()),
        ([person("a", "Ann", "Lee"), person("b", "Bob", "Kim")], FARM_IP, 1, {"a", "b"}, set()),
        ([person("a", "Ann", "Lee"), person("b", "Bob", "Kim")], FARM_IP, 2, set(), {"a", "b"}),
        ([person("a", "Ann", "Lee"), person("b", "Bob", "Kim")], FARM_IP, "17:00>00:40", {"a", "b"}, set()),
        ([person(r, "P", r.upper()) for r in "abc"], CORP_VPN, 2, set(), set()),
        ([person(r, "P", r.upper()) for r in "abc"], VPN_IP, 2, set("abc"), set()),
        (  # three homes: personas of whom some list the laptop farm as their home
            [
                person("a", "Ann", "Lee", **HOME),
                person("b", "Bo", "Lee", **HOME),
                person("c", "Cy", "Ng"),
                person("d", "Di", "Ro"),
            ],
            FARM_IP,
            1,
            set(),
            set("abcd"),
        ),
        (  # two homes: a household and one visitor, however regular
            [person("a", "Ann", "Lee", **HOME), person("b", "Bo", "Lee", **HOME), person("c", "Cy", "Ng")],
            FARM_IP,
            2,
            set("abc"),
            set(),
        ),
    ],
    ids=[
        "couple-at-home",
        "two-people-one-day",
        "two-regular-people",
        "two-people-one-session-across-midnight-utc",
        "corporate-vpn",
        "commercial-vpn-exit",
        "a-household-and-two-people-elsewhere",
        "a-household-and-one-person-elsewhere",
    ],
)
def test_shared_ip_benign_or_weak(people, ip, n_days, weak, strong, services) -> None:
    rows = [x for p in people for x in days(p["record_id"], ip, n_days)]
    ctx = context(store(people=people, signins=rows), services)
    assert fired(si.egress_ip_shared_across_people, ctx) == weak
    assert fired(si.egress_ip_shared_by_several_people, ctx) == strong


def test_ip_used_by_many_people_is_learned_shared_infrastructure(services) -> None:
    people = [person(f"p{i}", "P", f"N{i}") for i in range(6)]
    rows = [x for p in people for x in days(p["record_id"], FARM_IP)]
    engine = store(people=people, signins=rows)
    assert fired(si.egress_ip_shared_by_several_people, context(engine, services))
    ctx = context(engine, services, Settings(progress=False, shared_egress_min_people=5))
    assert not fired(si.egress_ip_shared_by_several_people, ctx)


def hours_rows(rid: str, utc_hour: int, n: int = 12) -> list[dict]:
    start = datetime(2024, 3, 4, utc_hour)
    return [s(rid, (start + timedelta(days=d)).isoformat(), US_HOME) for d in range(n)]


@pytest.mark.parametrize(
    ("row", "utc_hour", "n", "fires"),
    [
        ({"region": "NY"}, 1, 12, True),
        ({"region": "NY"}, 14, 12, False),
        ({"timezone": "Asia/Seoul"}, 1, 12, False),
        ({"region": "NY"}, 1, 5, False),
        ({"region": "CA", "timezone": "America/Los_Angeles"}, 4, 12, True),
    ],
    ids=["ny-at-asian-hours", "ny-at-ny-hours", "claims-seoul", "too-few", "explicit-zone"],
)
def test_working_hours(row, utc_hour, n, fires) -> None:
    ctx = context(store(people=[person("a", "Ann", "Lee", **row)], signins=hours_rows("a", utc_hour, n)))
    assert bool(fired(si.working_hours_fit_utc8_9, ctx)) is fires


@pytest.mark.parametrize(
    ("utc_hour", "offset", "local"),
    [(1, -3.5, 21), (0, -0.5, 23), (4, -9.5, 18), (3, 5.5, 8), (23, 5.75, 4), (12, -5.0, 7), (20, 9.0, 5)],
)
def test_local_hour_floors_half_hour_offsets(utc_hour, offset, local) -> None:
    assert si._local_hour(utc_hour, offset) == local


def test_work_share_counts_the_local_hour_for_a_negative_half_hour_offset() -> None:
    # 04:00 UTC is 18:30 the day before at UTC-9:30 (Pacific/Marquesas): inside 08-19 office hours.
    # Truncating -5.5 toward zero made it hour 19, outside them.
    assert si._work_share([4], [3], -9.5) == 1.0
    assert si._work_share([4, 5], [1, 1], -9.5) == 0.5  # 19:30 is after office hours


def managed(rid: str, flags: list[bool]) -> list[dict]:
    return [
        s(rid, f"2024-03-0{i + 1}T10:00:00", US_HOME, device_id=f"d-{rid}-{i}", device_managed=f)
        for i, f in enumerate(flags)
    ]


def test_unmanaged_first_signins() -> None:
    rows = managed("a", [False, False, True, True, True]) + managed("b", [False, True, True, True, True])
    rows += [x for i in range(4) for x in managed(f"c{i}", [True] * 5)]
    people = [person(r, "P", r.upper()) for r in ("a", "b", "c0", "c1", "c2", "c3")]
    assert fired(si.first_signins_from_unmanaged_device, context(store(people=people, signins=rows))) == {"a"}


def test_unmanaged_not_reported_in_byod_org() -> None:
    rows = [x for r in "abc" for x in managed(r, [False] * 5)]
    people = [person(r, "P", r.upper()) for r in "abc"]
    assert not fired(si.first_signins_from_unmanaged_device, context(store(people=people, signins=rows)))
