from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hirewall.reference.kvm import KvmCatalog, normalise_vid_pid
from hirewall.reference.loaders import load_kvm
from hirewall.settings import Settings


@pytest.fixture(scope="module")
def kvm() -> KvmCatalog:
    return load_kvm(Settings())


@pytest.mark.parametrize(
    ("name", "vid_pid", "product"),
    [
        ("PiKVM Composite Device", "1d6b:0104", "PiKVM"),
        ("PiKVM", "", "PiKVM"),
        (r"USB\VID_1D6B&PID_0104\CAFEBABE", "", "PiKVM"),
        ("tinypilot Multifunction USB Device", "", "TinyPilot"),
        ("Multifunction USB Device", "VID_1D6B&PID_0104", "TinyPilot"),
        ("JetKVM USB Emulation Device", "", "JetKVM"),
        ("Logitech (x64) Logitech USB Input Device", "046D:C52B", "JetKVM"),
        # the generic gadget id alone, or a weak string alone, is not enough
        ("Multifunction Composite Gadget", "1D6B:0104", None),
        ("Multifunction USB Device", "", None),
        ("Logitech USB Receiver", "046D:C52B", None),
        ("Apple Internal Keyboard / Trackpad", "05AC:0342", None),
        ("YubiKey OTP+FIDO+CCID", "1050:0407", None),
    ],
)
def test_match_usb(kvm: KvmCatalog, name: str, vid_pid: str, product: str | None) -> None:
    assert kvm.match_usb(name, vid_pid) == product


def test_weak_evidence_is_reported_but_not_matched(kvm: KvmCatalog) -> None:
    ev = kvm.usb_evidence("Multifunction Composite Gadget", "0x1d6b:0x0104")
    assert ev.strength == "weak" and ev.product is not None and "PiKVM" in ev.product
    assert any("1D6B:0104" in r for r in ev.reasons)


@pytest.mark.parametrize(
    ("name", "product"),
    [
        ("PiKVM V4 Plus", "PiKVM"),
        ("  pikvm  ", "PiKVM"),
        ("TinyPilot", "TinyPilot"),
        (r"DISPLAY\LNX7771\5&1a2b3c&0&UID4352", "PiKVM"),
        ("TSB9876", "TinyPilot"),
        ("DELL U2720Q", None),
        ("LNX0000", None),
        ("PiKVM-lookalike monitor", None),
    ],
)
def test_match_display(kvm: KvmCatalog, name: str, product: str | None) -> None:
    assert kvm.match_display(name) == product


def test_vid_pid_formats() -> None:
    for text in ("1d6b:0104", "VID_1D6B&PID_0104", "0x1D6B:0x0104", "1d6b 0104"):
        assert normalise_vid_pid(text) == "1D6B:0104"
    assert normalise_vid_pid("Apple keyboard") is None


def test_covers_the_researched_defaults(shared: Path, kvm: KvmCatalog) -> None:
    rows = list(csv.DictReader((shared / "ip_kvm_indicators.csv").read_text(encoding="utf-8").splitlines()))
    for r in rows:
        if r["indicator_type"] in ("usb_manufacturer", "usb_serial"):
            assert kvm.match_usb(r["value"]) == r["device"], r
        elif r["indicator_type"] == "usb_product":
            assert kvm.match_usb(r["value"], "1D6B:0104") == r["device"], r
        elif r["indicator_type"] == "edid_monitor_name":
            for name in r["value"].split(";"):
                assert kvm.match_display(name) == r["device"], name
        elif r["indicator_type"] == "hostname":
            assert kvm.match_hostname(f"{r['value']}.local") == r["device"]
