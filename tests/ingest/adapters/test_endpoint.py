"""osquery scheduled-query results onto the endpoint table."""

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from hirewall.contract import Contract
from hirewall.engine.duckdb import DuckDBEngine
from hirewall.exceptions import ConfigError
from hirewall.ingest.adapters import load_spec
from hirewall.ingest.adapters.fields import get_path, parse_field
from hirewall.ingest.adapters.run import ingest_events
from hirewall.ingest.adapters.transforms import edid_name, edid_pnp, osquery_time
from hirewall.reference.kvm import KvmCatalog, read_indicators
from tests.ingest.adapters.conftest import SAMPLES

T = datetime.fromisoformat
LOG = "osquery_results.log"
FARM, ANN, BO = "DESKTOP-7Q2M4RK", "LAPTOP-ANN-0412", "bos-mbp.local"
ROWS = {
    (
        ANN,
        "ann.lee@example.com",
        T("2024-05-06T12:40:00"),
        "process",
        "chrome.exe",
        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    ),
    (
        FARM,
        None,
        T("2024-05-06T12:53:20"),
        "process",
        "AnyDesk.exe",
        "C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe",
    ),
    (FARM, None, T("2024-05-06T13:53:20"), "program", "AnyDesk", "C:\\Program Files (x86)\\AnyDesk"),
    (
        FARM,
        None,
        T("2024-05-06T13:53:20"),
        "program",
        "Google Chrome",
        "C:\\Program Files\\Google\\Chrome\\Application",
    ),
    (FARM, None, T("2024-05-06T13:53:20"), "program", "Move Mouse", None),
    (BO, None, T("2024-05-06T14:53:20"), "program", "Slack.app", "/Applications/Slack.app"),
    (BO, None, T("2024-05-06T14:53:20"), "program", "RustDesk.app", "/Applications/RustDesk.app"),
    (FARM, None, T("2024-05-06T15:53:20"), "usb_device", "PiKVM PiKVM Composite Device", "1D6B:0104"),
    (FARM, None, T("2024-05-06T15:53:20"), "usb_device", "Logitech USB Receiver", "046D:C52B"),
    (BO, None, T("2024-05-06T15:53:20"), "display", "Color LCD", "610:A050"),
    (BO, None, T("2024-05-06T15:53:20"), "display", "PiKVM V3", "31D8:7771"),
    (FARM, None, T("2024-05-06T16:53:20"), "display", "PiKVM V3", "LNX7771"),
    (FARM, None, T("2024-05-06T16:53:20"), "display", "DELL U2419H", "DELA0C4"),
    (
        ANN,
        "ann.lee@example.com",
        T("2024-05-07T09:00:00"),
        "program",
        "Zoom",
        "C:\\Users\\ann\\AppData\\Roaming\\Zoom\\bin",
    ),
    (
        ANN,
        "ann.lee@example.com",
        T("2024-05-07T10:01:00"),
        "usb_device",
        "Apple Inc. Magic Keyboard",
        "05AC:029C",
    ),
}
COLS = "device_id, record_id, observed_at, kind, name, detail"


def test_snapshot_differential_and_batch_rows_are_read(engine: DuckDBEngine, contract: Contract) -> None:
    res = ingest_events(engine, SAMPLES / LOG, load_spec("osquery", contract), contract)
    s = res.tables["endpoint"]
    # 15 kept; 5 rejected; skipped: a 'removed' process, a 'removed' Zoom, the os_version query.
    assert (s.read, s.kept, s.quarantined, s.skipped) == (23, 15, 5, 3)
    assert set(engine.query(f"SELECT {COLS} FROM endpoint")) == ROWS
    assert {(q.line, q.column) for q in res.quarantine} == {
        (4, "name"),  # process with an empty name
        (7, "name"),  # USB hub without vendor/model strings
        (9, "name"),  # registry EDID that is not an EDID block
        (11, "observed_at"),  # unixTime "soon", calendarTime "yesterday"
        (13, "*"),  # line cut off by a killed logger
    }
    assert all(q.action == "row_rejected" for q in res.quarantine)
    assert "row.data" in next(q.reason for q in res.quarantine if q.line == 9)


def test_reingesting_osquery_results_changes_nothing(engine: DuckDBEngine, contract: Contract) -> None:
    spec = load_spec("osquery", contract)
    ingest_events(engine, SAMPLES / LOG, spec, contract)
    before = engine.records("SELECT * FROM endpoint ORDER BY ALL")
    ingest_events(engine, SAMPLES / LOG, spec, contract)
    assert engine.records("SELECT * FROM endpoint ORDER BY ALL") == before


def test_host_table_in_a_user_mapping_assigns_devices_to_people(
    tmp_path: Path, engine: DuckDBEngine, contract: Contract
) -> None:
    (tmp_path / "hosts.csv").write_text("host,record_id\nDESKTOP-7Q2M4RK,E1004\nbos-mbp.local,E1002\n")
    mine = tmp_path / "osquery.yaml"
    mine.write_text("lookups:\n  hosts: hosts.csv\n")
    data = tmp_path / "logs"
    data.mkdir()
    shutil.copy(SAMPLES / LOG, data / LOG)
    ingest_events(engine, data, load_spec("osquery", contract, mine), contract)
    owners = dict(engine.query("SELECT DISTINCT device_id, record_id FROM endpoint"))
    assert owners == {FARM: "E1004", BO: "E1002", ANN: "ann.lee@example.com"}


def test_kinds_come_from_the_query_rules_in_yaml(
    tmp_path: Path, engine: DuckDBEngine, contract: Contract
) -> None:
    mine = tmp_path / "osquery.yaml"
    mine.write_text(
        "queries:\n  - match: ['*os_version*']\n    kind: program\n    columns: {name: row.name}\n"
    )
    ingest_events(engine, SAMPLES / LOG, load_spec("osquery", contract, mine), contract)
    assert engine.scalar("SELECT count(*) FROM endpoint WHERE name = 'Microsoft Windows 11 Pro'") == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("queries:\n  - match: ['*x*']\n")
    with pytest.raises(ConfigError, match="kind"):
        load_spec("osquery", contract, bad)


def test_stored_usb_and_display_rows_are_what_the_ip_kvm_catalogue_matches(
    engine: DuckDBEngine, contract: Contract
) -> None:
    from importlib.resources import files

    text = files("hirewall.reference").joinpath("data", "ip_kvm.csv").read_text(encoding="utf-8")
    kvm = KvmCatalog(read_indicators(text, "ip_kvm.csv"))
    ingest_events(engine, SAMPLES / LOG, load_spec("osquery", contract), contract)
    hits = set()
    for kind, name, detail in engine.query("SELECT kind, name, coalesce(detail, '') FROM endpoint"):
        product = kvm.match_usb(name, detail) if kind == "usb_device" else None
        product = product or (kvm.match_display(name) if kind == "display" else None)
        if product:
            hits.add((kind, name))
    assert hits == {("usb_device", "PiKVM PiKVM Composite Device"), ("display", "PiKVM V3")}


def _edid(mfg: str, product: int, name: str | None) -> str:
    b = bytearray(128)
    b[0:8] = b"\x00\xff\xff\xff\xff\xff\xff\x00"
    word = sum((ord(c) - 64) << s for c, s in zip(mfg, (10, 5, 0), strict=True))
    b[8:12] = bytes([word >> 8, word & 0xFF, product & 0xFF, product >> 8])
    if name:
        b[90:108] = b"\x00\x00\x00\xfc\x00" + (name.encode() + b"\n").ljust(13, b" ")
    return b.hex()


def test_edid_parsing() -> None:
    assert edid_name(_edid("LNX", 0x7770, "PiKVM")) == "PiKVM"
    assert edid_pnp(_edid("DEL", 0xA0C4, None)) == "DELA0C4"
    assert edid_name(_edid("GSM", 0x5B09, None)) == "GSM5B09"  # no name descriptor: the PnP id
    with pytest.raises(ValueError, match="EDID"):
        edid_name("00ff" * 10)


def test_osquery_times() -> None:
    assert osquery_time("1714999200") == "2024-05-06T12:40:00"
    assert osquery_time("Mon May  6 12:40:00 2024 UTC") == "2024-05-06T12:40:00"
    with pytest.raises(ValueError):
        osquery_time("yesterday")


def test_paths_and_field_specs() -> None:
    event = {"a": {"b": [{"type": "X", "v": 1}, {"type": "Y", "v": 2}]}, "c.d": "flat"}
    assert get_path(event, "a.b[1].v") == 2
    assert get_path(event, "a.b[type=Y].v") == 2
    assert get_path(event, "a.b[type=Z].v") is None
    assert get_path(event, "c.d") == "flat"
    field = parse_field(
        "result", {"from": ["a.nope", "a.b[0].type"], "map": {"x": "success"}, "otherwise": None}, "t"
    )
    assert field.pick(event, {}) == ("success", "X")
    assert (
        parse_field("r", {"from": "a.b[0].type", "map": {"q": "z"}, "otherwise": None}, "t").pick(event, {})[
            0
        ]
        is None
    )
    with pytest.raises(ConfigError, match="unknown keys"):
        parse_field("x", {"form": "a"}, "t")
    with pytest.raises(ConfigError, match="parse"):
        parse_field("x", {"from": "a", "parse": "magic"}, "t")
