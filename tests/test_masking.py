import hashlib
import hmac
import stat
from pathlib import Path

import pytest

from hirewall.masking import id_key, machine_key, mask, mask_group, mask_row, stable_id


def test_masks_keep_shape_but_hide_the_value() -> None:
    assert mask("jane.doe@gmail.com") == "j***@gmail.com"
    assert mask("+14155550123").endswith("0123") and "415" not in mask("+14155550123")
    assert "123" not in mask("US|62701|123 MAIN ST|4")
    assert mask_group("account:abcdef123456") == "account:ab********56"
    assert mask_group("vendor:v12") == "vendor:v12"
    assert mask_group("resume:R1000117") == "resume:R1000117"
    assert mask_group("photo:c15977002e6a3d1f") == "photo:c1********1f"


def test_mask_row_only_touches_sensitive_columns() -> None:
    row = mask_row({"record_id": "p1", "email": "a@b.com", "method": "wise"})
    assert row == {"record_id": "p1", "email": "a***@b.com", "method": "wise"}


def test_stable_id_is_stable_and_opaque() -> None:
    assert stable_id("address:x", "fac-") == stable_id("address:x", "fac-")
    assert "address" not in stable_id("address:x")


def test_lists_and_generic_identifier_names_are_masked() -> None:
    row = mask_row(
        {"record_id": "p1", "device_ids": ["LAPTOP-0042", "LAPTOP-0043"], "value": "+14155550123", "n": 3}
    )
    assert row["device_ids"] == ["LA*******42", "LA*******43"]
    assert row["value"] == "+*******0123"
    assert row["n"] == 3 and row["record_id"] == "p1"
    assert mask_row({"devices": ["LAPTOP-0042"], "contact_key": "+14155550123"}) == {
        "devices": ["LA*******42"],
        "contact_key": "+*******0123",
    }


def test_stable_id_is_keyed_so_guessing_values_does_not_find_them() -> None:
    value = "ip:73.12.34.46"
    unkeyed = "grp-" + hashlib.sha256(value.encode()).hexdigest()[:12]
    one, other = stable_id(value, "grp-", b"k1"), stable_id(value, "grp-", b"k2")
    assert one == stable_id(value, "grp-", b"k1") != other
    assert unkeyed not in {one, other, stable_id(value, "grp-")}
    assert one == "grp-" + hmac.new(b"k1", value.encode(), hashlib.sha256).hexdigest()[:12]


def test_the_id_key_comes_from_the_environment_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIREWALL_ID_KEY", "test-secret")
    assert id_key() == b"test-secret"
    assert stable_id("ip:1.2.3.4", "grp-") == stable_id("ip:1.2.3.4", "grp-", b"test-secret")


def test_the_machine_key_is_made_once_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "config" / "hirewall" / "id-key"
    machine_key.cache_clear()
    first = machine_key(path)
    assert len(first) == 64 and stat.S_IMODE(path.stat().st_mode) == 0o600
    machine_key.cache_clear()
    assert machine_key(path) == first
    assert [p.name for p in path.parent.iterdir()] == ["id-key"]  # no temporary file left


def test_an_unusable_key_file_is_a_config_error(tmp_path: Path) -> None:
    from hirewall.exceptions import ConfigError

    empty = tmp_path / "id-key"
    empty.write_text("")
    machine_key.cache_clear()
    with pytest.raises(ConfigError, match="empty"):
        machine_key(empty)
