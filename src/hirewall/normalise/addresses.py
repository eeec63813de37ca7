"""Postal addresses. US addresses are standardised to USPS Publication 28 with ``usaddress-scourgify``.

Two keys come out of every address:
- ``address_key``: street line, unit number and ZIP5, so "123 Main St Apt 4" and
  "123 Main Street #4" meet;
- ``building_key``: street line and ZIP5 only, so neighbours in one apartment building share a
  building but not an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scourgify import normalize_address_record
from scourgify.exceptions import AddressNormalizationError

_UNIT_DESIGNATOR = re.compile(
    r"^(?:APT|APARTMENT|UNIT|STE|SUITE|RM|ROOM|FL|FLOOR|BLDG|LOT|SPC|SPACE|TRLR|DEPT|#|NO\.?|NUMBER)\s*#?\s*",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_TRAILING_UNIT = re.compile(
    r"^(?P<street>.*?\S)\s*,?\s+(?P<unit>(?:APT|APARTMENT|UNIT|STE|SUITE|FLAT|RM|ROOM|#)\s*#?\s*[\w-]+)$",
    re.IGNORECASE,
)
_PUNCT = re.compile(r"[^\w# -]")


@dataclass(frozen=True)
class Address:
    """A normalised postal address and its two match keys."""

    line1: str
    unit: str
    city: str
    region: str
    postal_code: str
    country: str

    @property
    def building_key(self) -> str:
        return "|".join((self.country, self.postal_code, self.line1))

    @property
    def address_key(self) -> str:
        return "|".join((self.country, self.postal_code, self.line1, self.unit))


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip().upper()


def unit_number(line2: str) -> str:
    """The unit identifier without its designator.

    >>> unit_number("Apt 4"), unit_number("# 4"), unit_number("Suite 4B"), unit_number("")
    ('4', '4', '4B', '')
    """
    text = _clean(line2)
    while True:
        stripped = _UNIT_DESIGNATOR.sub("", text, count=1).strip()
        if stripped == text:
            return text
        text = stripped


@lru_cache(maxsize=500_000)
def normalise_address(
    line1: str, line2: str = "", city: str = "", region: str = "", postal_code: str = "", country: str = ""
) -> Address:
    """Normalise one address. Raises ValueError when it cannot be understood.

    >>> a = normalise_address("123 Main St Apt 4", "", "Springfield", "IL", "62701")
    >>> b = normalise_address("123 Main Street", "#4", "Springfield", "IL", "62701-1234")
    >>> a.address_key == b.address_key, a.address_key
    (True, 'US|62701|123 MAIN ST|4')
    """
    country = (country or "US").strip().upper()
    if not line1.strip():
        raise ValueError("empty street address")
    if country == "US":
        record = {
            "address_line_1": line1,
            "address_line_2": line2 or None,
            "city": city or None,
            "state": region or None,
            "postal_code": postal_code or None,
        }
        try:
            norm = normalize_address_record(record)
        except AddressNormalizationError as e:
            raise ValueError(f"unparseable US address: {str(e).splitlines()[0][:120]}") from e
        return Address(
            line1=norm["address_line_1"] or "",
            unit=unit_number(norm.get("address_line_2") or ""),
            city=(norm.get("city") or "").upper(),
            region=(norm.get("state") or "").upper(),
            postal_code=(norm.get("postal_code") or "")[:5],
            country=country,
        )
    street, unit = _clean(line1), unit_number(line2)
    m = _TRAILING_UNIT.match(street)
    if m and not unit:  # "6633 JEFFERSON STREET # 18": the unit written on the street line
        street, unit = m.group("street"), unit_number(m.group("unit"))
    return Address(
        line1=street,
        unit=unit,
        city=_clean(city),
        region=_clean(region),
        postal_code=_clean(postal_code).replace(" ", ""),
        country=country,
    )


_US_SUFFIX = re.compile(r",?\s*(US|USA|United States)\s*$", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")
_HAS_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=200_000)
def parse_one_line(text: str) -> Address | None:
    """An address written on one line, as address histories hold them; None if unreadable.

    US addresses ("street, city, ST zip[, US]") go through the USPS standardiser. Others are
    read as "street[ unit], city, [region] postal code, CC" with an ISO country code last: the
    postal code starts at the first part holding a digit, so "Cebu 6000" is region and code,
    while "E1 6AN" and "M5V 2T6" are codes alone.

    >>> parse_one_line("3885 Chestnut Ave Apt 31, Portland, OR 97201, US").address_key
    'US|97201|3885 CHESTNUT AVE|31'
    >>> parse_one_line("1275 Juniper Way Apt. 29, London,  E1 6AN, GB").address_key
    'GB|E16AN|1275 JUNIPER WAY|29'
    >>> parse_one_line("9581 Birch Drive, Warsaw, MZ 00-001, PL").building_key
    'PL|00-001|9581 BIRCH DRIVE'
    >>> parse_one_line("somewhere") is None
    True
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 3 and _COUNTRY_CODE.match(parts[-1]) and parts[-1].upper() != "US":
        return _parse_foreign(parts)
    return _parse_us(_US_SUFFIX.sub("", text.strip()))


def _parse_foreign(parts: list[str]) -> Address | None:
    street, *city, tail, country = parts
    words = tail.split()
    first_code = next((i for i, w in enumerate(words) if _HAS_DIGIT.search(w)), None)
    if not street or first_code is None:
        return None
    region, postal = " ".join(words[:first_code]), " ".join(words[first_code:])
    return normalise_address(street, "", ", ".join(city), region, postal, country)


def _parse_us(text: str) -> Address | None:
    if not text:
        return None
    try:
        norm = normalize_address_record(text)
    except (AddressNormalizationError, ValueError, TypeError):
        return None
    if not norm.get("address_line_1") or not norm.get("postal_code"):
        return None
    return Address(
        line1=norm["address_line_1"],
        unit=unit_number(norm.get("address_line_2") or ""),
        city=(norm.get("city") or "").upper(),
        region=(norm.get("state") or "").upper(),
        postal_code=(norm.get("postal_code") or "")[:5],
        country="US",
    )
