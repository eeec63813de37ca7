"""Phone numbers to E.164 with Google's ``phonenumbers``."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers


@lru_cache(maxsize=200_000)
def normalise_phone(raw: str, region: str = "US") -> str:
    """Return the number in E.164, reading national numbers in ``region``.

    >>> normalise_phone("(415) 555-0123")
    '+14155550123'
    >>> normalise_phone("+44 20 7946 0958")
    '+442079460958'
    """
    try:
        number = phonenumbers.parse(raw, region or "US")
    except phonenumbers.NumberParseException as e:
        raise ValueError(f"unparseable phone number: {e}") from e
    if not phonenumbers.is_possible_number(number):
        raise ValueError("impossible phone number for its region")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
