"""SQL fragments and small helpers shared by the indicator families.

Sharing indicators all follow one rule: a thing (phone, account, address...) is *shared* when
at least two different *people* use it. Records that are one human (same normalised given and
family name and the same birth date: a re-applicant or a duplicate) count once. A thing shared
by more than :data:`MAX_SHARED_PEOPLE` people is a hub or a placeholder (an office, a default
value) and says nothing about one operator.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from hirewall.engine.base import Engine, quote_ident
from hirewall.indicators.base import Context, Hit

MAX_SHARED_PEOPLE = 40
"""Above this many people a shared thing is a hub or placeholder (the ring finder's cap too)."""
MAX_EVIDENCE = 10
"""Evidence rows kept per hit."""
LOCAL_PLACE_SHARE = 0.8
"""A place (a sign-in IP, a ship-to address) shared by :data:`LOCAL_PLACE_MIN_PEOPLE` or more
people of whom at least this share live in one postal area (:func:`postal_area_sql`) is a
local place: a branch office, a co-working space. A laptop farm serves personas whose homes
on file are all over the country, because their identities are."""
LOCAL_PLACE_MIN_PEOPLE = 3
"""Two people of one area sharing a place say little about it: on the hard tuning worlds, two
personas with homes in the laptop farm's own city lost their farm link when pairs counted."""


def postal_area_sql(key: str) -> str:
    """SQL for the postal area of an address or building key (``country|postal|street``):
    the country and the first three characters of the postal code (a US ZIP3, a UK outward
    code's start), or NULL when the key has no postal code that long."""
    part = f"split_part({key}, '|', 2)"
    return f"CASE WHEN length({part}) >= 3 THEN split_part({key}, '|', 1) || '|' || left({part}, 3) END"


def is_local_place(persons: int, local_people: int) -> bool:
    """Whether a place shared by ``persons`` people, ``local_people`` of whom live in one postal
    area, is a local place (:data:`LOCAL_PLACE_SHARE`, :data:`LOCAL_PLACE_MIN_PEOPLE`)."""
    return persons >= LOCAL_PLACE_MIN_PEOPLE and local_people >= LOCAL_PLACE_SHARE * persons


def local_place_sql(persons: str, local_people: str) -> str:
    """:func:`is_local_place` as SQL over two SQL expressions (``local_people`` may be NULL)."""
    return (
        f"({persons} >= {int(LOCAL_PLACE_MIN_PEOPLE)}"
        f" AND coalesce({local_people}, 0) >= {float(LOCAL_PLACE_SHARE)} * {persons})"
    )


def most_in_one_cte(name: str, source: str, place: str, within: str, column: str, where: str = "TRUE") -> str:
    """CTE ``name(place, column)``: for each place (``place`` column) of ``source``, whose rows
    carry ``person_key`` and a ``within`` column, the most people who share one ``within``
    value (a postal area, a home); rows failing ``where`` or without ``within`` do not count."""
    return f"""{name} AS (
  SELECT {place}, max(n) AS {column} FROM (
    SELECT {place}, {within}, count(DISTINCT person_key) AS n FROM {source}
    WHERE {within} IS NOT NULL AND ({where}) GROUP BY {place}, {within}
  ) AS per_{within} GROUP BY {place}
)"""  # noqa: S608 (composed only of our own SQL constants and column names)


def local_areas_cte(name: str, source: str, place: str, where: str = "TRUE") -> str:
    """CTE ``name(place, local_people)``: for each place (``place`` column) of ``source``, whose
    rows carry ``person_key`` and ``area`` (:func:`postal_area_sql`), the most people who live
    in one postal area; rows failing ``where`` do not count. Compare with
    :data:`LOCAL_PLACE_SHARE` of the place's people."""
    return most_in_one_cte(name, source, place, "area", "local_people", where)


FREEMAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "outlook.com", "hotmail.com",
        "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me",
        "protonmail.com", "pm.me", "gmx.com", "gmx.net", "mail.com", "yandex.ru", "yandex.com",
        "zoho.com", "qq.com", "163.com", "126.com", "tutanota.com", "mail.ru", "inbox.ru",
        "hotmail.co.uk", "yahoo.co.uk", "rediffmail.com", "naver.com",
    }
)  # fmt: skip

NAME_KEY_SQL = (
    "nullif(trim(regexp_replace(lower(strip_accents(coalesce(given_name, '') || ' ' || "
    "coalesce(family_name, ''))), '[^a-z0-9]+', ' ', 'g')), '')"
)
"""Normalised full name (given then family), or NULL when no name is held."""

PEOPLE_CTE = f"""
pk AS (
  SELECT record_id, {NAME_KEY_SQL} AS name_key, home_address_key, home_building_key, vendor_id,
         referred_by, job_title,
         CASE WHEN {NAME_KEY_SQL} IS NULL THEN 'r:' || record_id
              ELSE 'n:' || {NAME_KEY_SQL} || '|' || coalesce(CAST(birth_date AS VARCHAR), '?') END
           AS person_key
  FROM people
)"""  # noqa: S608 (composed only of our own SQL constants)
"""CTE ``pk``: one row per record with its ``person_key`` (same key = same human)."""

STRONG_KEYS_CTE = """
lkeys AS (
  SELECT record_id, 'phone:' || phone AS k FROM people WHERE phone IS NOT NULL
  UNION ALL SELECT record_id, 'email:' || email_key FROM people WHERE email_key IS NOT NULL
  UNION ALL SELECT record_id, 'nid:' || national_id_hash FROM people WHERE national_id_hash IS NOT NULL
  UNION ALL SELECT record_id, 'account:' || account_fingerprint FROM payouts
  UNION ALL SELECT s.record_id, 'address:' || s.ship_address_key
    FROM shipments s JOIN people p USING (record_id)
    WHERE s.ship_address_key IS NOT NULL
      AND (p.home_building_key IS NULL OR p.home_building_key <> s.ship_building_key)
),
lk AS (
  SELECT DISTINCT l.record_id, l.k, pk.person_key, pk.vendor_id,
         coalesce(pk.home_address_key, 'p:' || pk.person_key) AS home, {area} AS area
  FROM lkeys l JOIN pk USING (record_id)
),
{lareas},
lgroups AS (
  SELECT lk.k FROM lk LEFT JOIN lareas ON lk.k = lareas.k GROUP BY lk.k, lareas.local_people
  HAVING count(DISTINCT person_key) BETWEEN 2 AND {max_people} AND count(DISTINCT home) >= 2
     AND NOT {local_place}
),
linked AS (SELECT DISTINCT lk.record_id, lk.k FROM lk JOIN lgroups USING (k))"""
"""CTEs ``lk`` and ``linked``: records sharing a contact, id, account or ship-to with someone
who does not live with them (a ship-to of three or more people who mostly live in one postal
area is a local place, not a link: :data:`LOCAL_PLACE_SHARE`). Needs ``pk`` first. Fill it with
:func:`strong_keys_cte`."""


def strong_keys_cte() -> str:
    """The ``lk``/``lareas``/``lgroups``/``linked`` CTEs with the hub cap and the local-place
    share filled in."""
    return STRONG_KEYS_CTE.format(
        max_people=int(MAX_SHARED_PEOPLE),
        area=postal_area_sql("pk.home_building_key"),
        lareas=local_areas_cte("lareas", "lk", "k", where="k LIKE 'address:%'"),
        local_place=local_place_sql("count(DISTINCT person_key)", "lareas.local_people"),
    )


def evidence(rows: Iterable[Mapping[str, Any]], limit: int = MAX_EVIDENCE) -> tuple[dict[str, Any], ...]:
    """The first ``limit`` evidence rows as plain dicts."""
    out: list[dict[str, Any]] = []
    for row in rows:
        if len(out) >= limit:
            break
        out.append(dict(row))
    return tuple(out)


def share_strength(people: int, base: float = 0.6, step: float = 0.15) -> float:
    """Strength of a shared thing: ``base`` for two people, growing with each extra person."""
    return round(min(1.0, base + step * max(0, people - 2)), 3)


@contextmanager
def registered(engine: Engine, name: str, columns: Mapping[str, Sequence[Any] | pa.Array]) -> Iterator[str]:
    """Expose Python-computed columns to SQL as a temporary view for the ``with`` block."""
    quote_ident(name)
    data = {k: v if isinstance(v, pa.Array) else pa.array(list(v)) for k, v in columns.items()}
    engine.register_arrow(name, pa.table(data))
    try:
        yield name
    finally:
        engine.unregister(name)


def group_hits(
    rows: Sequence[Mapping[str, Any]],
    *,
    indicator_id: str,
    group_col: str,
    group_prefix: str,
    strength: Any,
    summary: Any,
    evidence_cols: Mapping[str, str],
) -> Iterator[Hit]:
    """One hit per (record, group) from rows sorted by group; evidence is the group's rows.

    ``strength`` and ``summary`` are called with the group's rows and the current row;
    ``evidence_cols`` maps evidence names to row columns.
    """
    by_group: dict[Any, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_group.setdefault(row[group_col], []).append(row)
    for key, members in by_group.items():
        ev = evidence({out: m[col] for out, col in evidence_cols.items()} for m in members)
        seen: set[str] = set()
        for row in members:
            rid = str(row["record_id"])
            if rid in seen:
                continue
            seen.add(rid)
            yield Hit(
                record_id=rid,
                indicator=indicator_id,
                strength=float(strength(members, row)),
                summary=str(summary(members, row)),
                evidence=ev,
                group=f"{group_prefix}:{key}",
            )


SHARED_SQL = """
WITH {people_cte},
src AS ({source}),
v AS (
  SELECT DISTINCT src.record_id, src.val, pk.person_key, pk.name_key,
         coalesce(pk.home_address_key, 'p:' || pk.person_key) AS home
  FROM src JOIN pk USING (record_id) WHERE src.val IS NOT NULL
),
g AS (
  SELECT val, count(DISTINCT person_key) AS persons, count(DISTINCT home) AS homes,
         count(DISTINCT name_key) AS names
  FROM v GROUP BY val HAVING count(DISTINCT person_key) BETWEEN 2 AND ?
),
s AS (SELECT v.*, g.persons, g.homes, g.names FROM v JOIN g USING (val)),
{household}
SELECT s.record_id, s.val, s.person_key, s.persons, s.homes, s.names, h.household
FROM s JOIN h USING (val) ORDER BY s.val, s.record_id
"""


def shared_rows(ctx: Context, source_sql: str) -> list[dict[str, Any]]:
    """Records whose value (``source_sql`` yields ``record_id, val``) is shared by 2+ people.

    Each row carries ``persons`` (distinct people), ``homes`` (distinct home addresses; a
    person without one counts as their own home), ``names`` (distinct names) and
    ``household`` (the most people of it who live at one home).
    ``source_sql`` must be a constant of ours, never user text.
    """
    household = most_in_one_cte("h", "s", "val", "home", "household")
    sql = SHARED_SQL.format(people_cte=PEOPLE_CTE, source=source_sql, household=household)
    return ctx.engine.records(sql, [MAX_SHARED_PEOPLE])
