"""Small geographic tables compiled for the sign-in indicators.

Country centroids are approximate geographic centres (degrees, about one degree accurate),
compiled from public atlas values; they serve only to bound travel speed between countries.
Time zones map US states and single-zone countries to an IANA zone for people whose record
has no ``timezone``.
"""

from __future__ import annotations

COUNTRY_CENTROIDS: dict[str, tuple[float, float]] = {
    "US": (39.8, -98.6), "CA": (56.1, -106.3), "MX": (23.6, -102.6), "GT": (15.8, -90.2),
    "CR": (9.7, -84.0), "PA": (8.5, -80.8), "CU": (21.5, -77.8), "DO": (18.7, -70.2),
    "JM": (18.1, -77.3), "PR": (18.2, -66.5), "CO": (4.6, -74.3), "VE": (6.4, -66.6),
    "EC": (-1.8, -78.2), "PE": (-9.2, -75.0), "BR": (-14.2, -51.9), "BO": (-16.3, -63.6),
    "PY": (-23.4, -58.4), "UY": (-32.5, -55.8), "AR": (-38.4, -63.6), "CL": (-35.7, -71.5),
    "GB": (54.0, -2.0), "IE": (53.4, -8.2), "FR": (46.2, 2.2), "ES": (40.5, -3.7),
    "PT": (39.4, -8.2), "DE": (51.2, 10.5), "NL": (52.1, 5.3), "BE": (50.5, 4.5),
    "LU": (49.8, 6.1), "CH": (46.8, 8.2), "AT": (47.5, 14.6), "IT": (41.9, 12.6),
    "DK": (56.3, 9.5), "NO": (60.5, 8.5), "SE": (60.1, 18.6), "FI": (61.9, 25.7),
    "IS": (64.96, -19.0), "PL": (51.9, 19.1), "CZ": (49.8, 15.5), "SK": (48.7, 19.7),
    "HU": (47.2, 19.5), "RO": (45.9, 24.97), "BG": (42.7, 25.5), "GR": (39.1, 21.8),
    "HR": (45.1, 15.2), "SI": (46.2, 14.99), "RS": (44.0, 21.0), "BA": (43.9, 17.7),
    "AL": (41.2, 20.2), "MK": (41.6, 21.7), "MD": (47.4, 28.4), "UA": (48.4, 31.2),
    "BY": (53.7, 27.95), "LT": (55.2, 23.9), "LV": (56.9, 24.6), "EE": (58.6, 25.0),
    "RU": (61.5, 105.3), "TR": (38.96, 35.2), "CY": (35.1, 33.4), "GE": (42.3, 43.4),
    "AM": (40.1, 45.0), "AZ": (40.1, 47.6), "KZ": (48.0, 66.9), "UZ": (41.4, 64.6),
    "KG": (41.2, 74.8), "TJ": (38.9, 71.3), "TM": (38.97, 59.6), "MN": (46.9, 103.8),
    "CN": (35.9, 104.2), "HK": (22.3, 114.2), "MO": (22.2, 113.5), "TW": (23.7, 121.0),
    "KP": (40.3, 127.5), "KR": (35.9, 127.8), "JP": (36.2, 138.3), "VN": (14.1, 108.3),
    "LA": (19.9, 102.5), "KH": (12.6, 104.99), "TH": (15.9, 100.99), "MM": (21.9, 95.96),
    "MY": (4.2, 101.98), "SG": (1.35, 103.8), "ID": (-0.8, 113.9), "PH": (12.9, 121.8),
    "BN": (4.5, 114.7), "TL": (-8.9, 125.7), "IN": (20.6, 78.96), "PK": (30.4, 69.3),
    "BD": (23.7, 90.4), "LK": (7.9, 80.8), "NP": (28.4, 84.1), "AF": (33.9, 67.7),
    "IR": (32.4, 53.7), "IQ": (33.2, 43.7), "SY": (34.8, 39.0), "LB": (33.9, 35.9),
    "IL": (31.0, 34.9), "JO": (30.6, 36.2), "SA": (23.9, 45.1), "AE": (23.4, 53.8),
    "QA": (25.4, 51.2), "KW": (29.3, 47.5), "BH": (26.0, 50.6), "OM": (21.5, 55.9),
    "YE": (15.6, 48.5), "EG": (26.8, 30.8), "LY": (26.3, 17.2), "TN": (33.9, 9.5),
    "DZ": (28.0, 1.7), "MA": (31.8, -7.1), "NG": (9.1, 8.7), "GH": (7.9, -1.0),
    "CI": (7.5, -5.5), "SN": (14.5, -14.5), "GN": (9.9, -9.7), "ML": (17.6, -4.0),
    "CM": (7.4, 12.4), "GQ": (1.7, 10.3), "GA": (-0.8, 11.6), "CD": (-4.0, 21.8),
    "AO": (-11.2, 17.9), "ET": (9.1, 40.5), "KE": (-0.02, 37.9), "UG": (1.4, 32.3),
    "TZ": (-6.4, 34.9), "RW": (-1.9, 29.9), "ZM": (-13.1, 27.8), "ZW": (-19.0, 29.2),
    "MZ": (-18.7, 35.5), "MG": (-18.8, 46.9), "ZA": (-30.6, 22.9), "NA": (-22.96, 18.5),
    "BW": (-22.3, 24.7), "SD": (12.9, 30.2), "AU": (-25.3, 133.8), "NZ": (-40.9, 174.9),
    "PG": (-6.3, 143.96), "FJ": (-17.7, 178.1),
}  # fmt: skip

US_STATE_TZ: dict[str, str] = {
    **dict.fromkeys(
        "CT DE DC FL GA IN KY ME MD MA MI NH NJ NY NC OH PA RI SC VT VA WV".split(), "America/New_York"
    ),
    **dict.fromkeys("AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI".split(), "America/Chicago"),
    **dict.fromkeys("CO ID MT NM UT WY".split(), "America/Denver"),
    "AZ": "America/Phoenix",
    **dict.fromkeys("CA NV OR WA".split(), "America/Los_Angeles"),
    "AK": "America/Anchorage",
    "HI": "Pacific/Honolulu",
    "PR": "America/Puerto_Rico",
}
"""State -> the zone most of its people live in (split states take their main zone)."""

COUNTRY_TZ: dict[str, str] = {
    "GB": "Europe/London", "IE": "Europe/Dublin", "FR": "Europe/Paris", "DE": "Europe/Berlin",
    "NL": "Europe/Amsterdam", "BE": "Europe/Brussels", "CH": "Europe/Zurich", "AT": "Europe/Vienna",
    "IT": "Europe/Rome", "ES": "Europe/Madrid", "PT": "Europe/Lisbon", "PL": "Europe/Warsaw",
    "CZ": "Europe/Prague", "SE": "Europe/Stockholm", "NO": "Europe/Oslo", "DK": "Europe/Copenhagen",
    "FI": "Europe/Helsinki", "RO": "Europe/Bucharest", "BG": "Europe/Sofia", "GR": "Europe/Athens",
    "UA": "Europe/Kyiv", "HU": "Europe/Budapest", "RS": "Europe/Belgrade", "HR": "Europe/Zagreb",
    "LT": "Europe/Vilnius", "LV": "Europe/Riga", "EE": "Europe/Tallinn", "TR": "Europe/Istanbul",
    "IL": "Asia/Jerusalem", "AE": "Asia/Dubai", "IN": "Asia/Kolkata", "PK": "Asia/Karachi",
    "BD": "Asia/Dhaka", "LK": "Asia/Colombo", "NP": "Asia/Kathmandu", "PH": "Asia/Manila",
    "SG": "Asia/Singapore", "MY": "Asia/Kuala_Lumpur", "TH": "Asia/Bangkok", "VN": "Asia/Ho_Chi_Minh",
    "JP": "Asia/Tokyo", "KR": "Asia/Seoul", "CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong",
    "TW": "Asia/Taipei", "NZ": "Pacific/Auckland", "ZA": "Africa/Johannesburg", "NG": "Africa/Lagos",
    "KE": "Africa/Nairobi", "EG": "Africa/Cairo", "MA": "Africa/Casablanca", "CO": "America/Bogota",
    "PE": "America/Lima", "AR": "America/Argentina/Buenos_Aires", "CL": "America/Santiago",
    "UY": "America/Montevideo", "CR": "America/Costa_Rica", "GT": "America/Guatemala",
    "PR": "America/Puerto_Rico",
}  # fmt: skip
"""Single-zone countries -> their zone."""


def claimed_zone(timezone: str | None, country: str | None, region: str | None) -> str | None:
    """The IANA zone a person claims: their own, else from their US state or country."""
    if timezone:
        return timezone
    c = (country or "US").upper()
    if c == "US":
        return US_STATE_TZ.get((region or "").strip().upper())
    return COUNTRY_TZ.get(c)
