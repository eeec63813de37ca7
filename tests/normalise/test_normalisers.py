import pytest

from hirewall.normalise.addresses import normalise_address, unit_number
from hirewall.normalise.emails import email_key, normalise_email
from hirewall.normalise.phones import normalise_phone
from hirewall.normalise.web import normalise_url, registrable_domain


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("John.Doe+jobs@Gmail.com", "johndoe@gmail.com"),
        ("johndoe@googlemail.com", "johndoe@gmail.com"),
        ("john.doe+x@outlook.com", "john.doe@outlook.com"),  # Outlook keeps dots, drops plus-tags
        ("john.doe+x@example.com", "john.doe+x@example.com"),  # unknown providers keep both
    ],
)
def test_email_keys_meet_where_the_provider_ignores_dots_or_tags(raw: str, key: str) -> None:
    assert email_key(normalise_email(raw)) == key


@pytest.mark.parametrize("raw", ["not-an-email", "a@", "@b.com", "a b@c.com"])
def test_invalid_emails_raise(raw: str) -> None:
    with pytest.raises(ValueError, match="invalid email"):
        normalise_email(raw)


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("(415) 555-0123", "US", "+14155550123"),
        ("415.555.0123", "US", "+14155550123"),
        ("+1 415 555 0123", "GB", "+14155550123"),
        ("020 7946 0958", "GB", "+442079460958"),
    ],
)
def test_phones_become_e164(raw: str, region: str, e164: str) -> None:
    assert normalise_phone(raw, region) == e164


@pytest.mark.parametrize("raw", ["12", "call me", "+1 23"])
def test_bad_phones_raise(raw: str) -> None:
    with pytest.raises(ValueError):
        normalise_phone(raw)


def test_unit_spellings_meet_and_building_is_shared() -> None:
    a = normalise_address("123 Main St Apt 4", "", "Springfield", "IL", "62701")
    b = normalise_address("123 Main Street", "#4", "Springfield", "IL", "62701-1234")
    c = normalise_address("123 MAIN STREET", "Unit 4", "springfield", "il", "62701")
    d = normalise_address("123 Main St", "Apt 5", "Springfield", "IL", "62701")
    assert a.address_key == b.address_key == c.address_key
    assert d.address_key != a.address_key
    assert d.building_key == a.building_key


def test_unit_number_strips_designators() -> None:
    assert [unit_number(u) for u in ("Apt 4", "# 4", "Suite 4B", "UNIT #12", "")] == [
        "4",
        "4",
        "4B",
        "12",
        "",
    ]


def test_non_us_addresses_are_cleaned_not_parsed() -> None:
    a = normalise_address("10 Downing Street", "", "London", "", "SW1A 2AA", "gb")
    assert a.address_key == "GB|SW1A2AA|10 DOWNING STREET|"


def test_unparseable_us_address_raises() -> None:
    with pytest.raises(ValueError):
        normalise_address("PO Box 12, Austin TX 78701")


def test_urls_and_domains() -> None:
    assert normalise_url("http://www.LinkedIn.com/in/Jane-Doe/?trk=x")[1] == "linkedin.com/in/jane-doe"
    assert normalise_url("https://github.com/OctoCat/repo")[1] == "github.com/octocat"
    assert registrable_domain("mail.example.co.uk") == "example.co.uk"
    with pytest.raises(ValueError):
        normalise_url("nonsense")
