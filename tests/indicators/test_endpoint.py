import pytest

from hirewall.indicators import endpoint as ep

from .conftest import US_HOME
from .factory import context, fired, person, run, store


def obs(
    rid: str, name: str, at: str = "2024-03-05T10:00:00", kind: str = "process", detail: str = "", dev=None
):
    return {
        "device_id": dev or f"dev-{rid}",
        "record_id": rid,
        "observed_at": at,
        "kind": kind,
        "name": name,
        "detail": detail,
    }


def shipped(rid: str, day: str = "2024-03-01") -> dict:
    return {
        "record_id": rid,
        "device_id": f"dev-{rid}",
        "ship_line1": "1 Main St",
        "ship_postal_code": "62701",
        "ship_city": "Springfield",
        "ship_region": "IL",
        "ship_country": "US",
        "shipped_at": day,
    }


@pytest.mark.parametrize(
    ("title", "observations", "expected"),
    [
        (
            "Engineer",
            [
                obs("a", "AnyDesk.exe", "2024-09-01T00:00:00"),
                obs("a", "remoting_host.exe", "2024-09-02T00:00:00"),
            ],
            "fires",
        ),
        ("Engineer", [obs("a", "AnyDesk.exe", "2024-03-05T10:00:00")], "fires"),
        ("Engineer", [obs("a", "AnyDesk.exe", "2024-09-01T00:00:00")], "silent"),
        (
            "Engineer",
            [obs("a", "remoting_host.exe", "2024-09-01T00:00:00", detail="remoting_start_host --pin=123")],
            "fires",
        ),
        ("IT Support Specialist", [obs("a", "TeamViewer.exe", "2024-03-05T10:00:00")], "silent"),
        ("Helpdesk Analyst", [obs("a", "TeamViewer.exe"), obs("a", "AnyDesk.exe")], "weak"),
        ("Engineer", [obs("a", "chrome.exe")], "silent"),
    ],
    ids=[
        "two-tools",
        "one-tool-at-provisioning",
        "one-tool-later",
        "unattended-crd",
        "it-staff-teamviewer",
        "it-staff-two-tools",
        "no-tool",
    ],
)
def test_remote_access_tools(title, observations, expected, services) -> None:
    engine = store(
        people=[person("a", "Ann", "Lee", job_title=title)], shipments=[shipped("a")], endpoint=observations
    )
    hits = run(ep.remote_access_tools, context(engine, services))
    if expected == "silent":
        assert not hits
    else:
        assert len(hits) == 1
        assert (hits[0].strength <= 0.3) is (expected == "weak")
    assert not fired(ep.remote_access_tools, context(engine))


def test_fleet_wide_tool_is_the_organizations_own(services) -> None:
    rids = [f"p{i}" for i in range(10)]
    engine = store(
        people=[person(r, "P", r) for r in rids],
        shipments=[shipped(r) for r in rids],
        endpoint=[obs(r, "AnyDesk.exe" if i < 4 else "chrome.exe") for i, r in enumerate(rids)],
    )
    assert not fired(ep.remote_access_tools, context(engine, services))


def test_ip_kvm_and_jigglers(services) -> None:
    rows = [
        obs("a", "PiKVM Composite Gadget", kind="usb_device", detail="1d6b:0104"),
        obs("b", "TinyPilot", kind="display"),
        obs("c", "Mouse Jiggler.exe"),
        obs("d", "Caffeine.app", kind="program"),
        obs("e", "caffeinate"),
        obs("e", "Dell Keyboard", kind="usb_device"),
    ]
    engine = store(people=[person(r, "P", r.upper()) for r in "abcde"], endpoint=rows)
    ctx = context(engine, services)
    assert fired(ep.ip_kvm_attached, ctx) == {"a", "b"}
    assert fired(ep.mouse_jiggler, ctx) == {"c", "d"}
    assert not fired(ep.ip_kvm_attached, context(engine))


def sig(rid: str, day: int, dev: str) -> dict:
    return {"record_id": rid, "signed_in_at": f"2024-03-{day:02d}T10:00:00", "ip": US_HOME, "device_id": dev}


HOME = {"street": "12 Elm St", "zip": "62701"}


@pytest.mark.parametrize(
    ("people", "signins", "expected"),
    [
        (
            [person("a", "Ann", "Lee"), person("b", "Bob", "Kim")],
            [sig("a", 1, "D"), sig("a", 20, "D"), sig("b", 5, "D")],
            {"a", "b"},
        ),
        (
            [person("a", "Ann", "Lee"), person("b", "Bob", "Kim")],
            [sig("a", 1, "D"), sig("a", 10, "D"), sig("b", 15, "D"), sig("b", 25, "D")],
            set(),
        ),
        (
            [person("a", "Ann", "Lee", **HOME), person("b", "Bo", "Lee", **HOME)],
            [sig("a", 1, "D"), sig("a", 20, "D"), sig("b", 5, "D")],
            set(),
        ),
    ],
    ids=["concurrent-use", "reassigned-laptop", "family-computer"],
)
def test_device_shared_across_people(people, signins, expected) -> None:
    hits = run(ep.device_shared_across_people, context(store(people=people, signins=signins)))
    assert {h.record_id for h in hits} == expected
    assert all(h.group == "device:D" for h in hits)
