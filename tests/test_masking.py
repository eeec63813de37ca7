from hirewall.masking import mask, mask_group, mask_row, stable_id


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
