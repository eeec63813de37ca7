import pytest


def test_one_line_history_addresses_meet_their_structured_form() -> None:
    from hirewall.normalise.addresses import normalise_address, parse_one_line

    one = parse_one_line("3885 Chestnut Ave APT 31, Portland, OR 97201, US")
    assert one is not None
    assert (
        one.address_key
        == normalise_address("3885 Chestnut Avenue", "# 31", "Portland", "OR", "97201").address_key
    )
    assert parse_one_line("somewhere nice") is None
    assert parse_one_line("") is None


@pytest.mark.parametrize(
    ("one_line", "structured"),
    [
        ("4931 Elm Terrace, Munich, BY 80331, DE", ("4931 Elm Terrace", "", "Munich", "BY", "80331", "DE")),
        (
            "1275 Juniper Way Apt. 29, London,  E1 6AN, GB",
            ("1275 Juniper Way", "Apt 29", "London", "", "E1 6AN", "GB"),
        ),
        ("7520 Sunset Court, Lviv,  79005, UA", ("7520 Sunset Court", "", "Lviv", "", "79005", "UA")),
        (
            "2095 Mountain View Terrace Unit 15, Cebu City, Cebu 6000, PH",
            ("2095 Mountain View Terrace", "Unit 15", "Cebu City", "Cebu", "6000", "PH"),
        ),
        ("10 King St W, Toronto, ON M5V 2T6, CA", ("10 King St W", "", "Toronto", "ON", "M5V2T6", "CA")),
    ],
)
def test_one_line_addresses_abroad_meet_their_structured_form(one_line, structured) -> None:
    from hirewall.normalise.addresses import normalise_address, parse_one_line

    one = parse_one_line(one_line)
    assert one is not None
    assert one.address_key == normalise_address(*structured).address_key


def test_a_one_line_address_abroad_without_a_postal_code_is_unreadable() -> None:
    from hirewall.normalise.addresses import parse_one_line

    assert parse_one_line("Somewhere Lane, Munich, DE") is None
