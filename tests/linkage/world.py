"""A tiny, seeded world of people for linkage tests: duplicates and rings with known truth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from hirewall.engine.duckdb import DuckDBEngine
from hirewall.store import create_schema

GIVEN = [
    "alex",
    "maria",
    "james",
    "li",
    "olga",
    "samir",
    "emma",
    "diego",
    "hana",
    "noah",
    "ivan",
    "sara",
    "peter",
    "amina",
    "tom",
    "yuki",
    "lucas",
    "nora",
    "omar",
    "julia",
    "kofi",
    "anna",
    "mateo",
    "zoe",
    "ben",
    "fatima",
    "leo",
    "mia",
    "raj",
    "ella",
    "hugo",
    "ines",
    "karl",
    "lena",
    "max",
    "nina",
]
FAMILY = [
    "smith",
    "garcia",
    "kim",
    "novak",
    "haddad",
    "brown",
    "silva",
    "tanaka",
    "muller",
    "okafor",
    "rossi",
    "dubois",
    "jensen",
    "kowalski",
    "ahmed",
    "nguyen",
    "lopez",
    "fischer",
    "murphy",
    "costa",
    "ivanova",
    "patel",
    "schmidt",
    "moreau",
    "larsen",
    "romano",
    "walsh",
    "berg",
    "cruz",
    "sato",
]
CITIES = ["Springfield", "Riverton", "Lakewood", "Fairview", "Georgetown", "Salem", "Madison", "Clinton"]
STREETS = ["MAIN ST", "OAK AVE", "PINE RD", "ELM ST", "LAKE DR", "HILL RD", "PARK AVE", "RIVER RD"]


@dataclass
class World:
    rows: list[dict[str, Any]] = field(default_factory=list)
    person_of: dict[str, int] = field(default_factory=dict)
    """record_id -> true person number."""
    ring_of: dict[int, int] = field(default_factory=dict)
    """person number -> ring number, for ring members."""


def _typo(s: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(s))
    return s[:i] + s[i + 1 :] if rng.random() < 0.5 else s[:i] + s[i] + s[i:]


def _person(rng: random.Random, p: int) -> dict[str, Any]:
    zip5 = f"{rng.randrange(10000, 99999)}"
    street = f"{rng.randrange(1, 999)} {rng.choice(STREETS)}"
    unit = str(rng.randrange(1, 30))
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    return {
        "given_name": given.title(),
        "family_name": family.title(),
        "birth_date": date(1960, 1, 1) + timedelta(days=rng.randrange(0, 15000)),
        "email": f"{given}.{family}{p}@mail{p % 7}.example",
        "phone": f"+1555{p:07d}",
        "address_line1": street,
        "address_line2": f"APT {unit}",
        "postal_code": zip5,
        "city": CITIES[int(zip5) % len(CITIES)],
        "country": "US",
        "home_address_key": f"US|{zip5}|{street}|{unit}",
        "home_building_key": f"US|{zip5}|{street}",
        "national_id_hash": f"nid{p:06d}",
        "linkedin_url_key": f"linkedin.com/in/{given}-{family}-{p}" if rng.random() < 0.5 else None,
        "github_url_key": None,
        "photo_phash": f"{rng.getrandbits(64):016x}",
    }


def _duplicate(base: dict[str, Any], rng: random.Random, p: int, k: int) -> dict[str, Any]:
    row = dict(base)
    if rng.random() < 0.3:
        row["given_name"] = _typo(row["given_name"], rng)
    if rng.random() < 0.2:
        row["family_name"] = _typo(row["family_name"], rng)
    if rng.random() < 0.4:
        row["email"] = f"{base['given_name'].lower()}{k}{p}@other.example"
    if rng.random() < 0.3:
        row["phone"] = None
    if rng.random() < 0.3:
        row["photo_phash"] = f"{int(base['photo_phash'], 16) ^ (1 << rng.randrange(64)):016x}"
    if rng.random() < 0.2:
        row["birth_date"] = None
    return row


def make_world(n_people: int = 240, n_rings: int = 6, seed: int = 7) -> World:
    """People with 1-3 records each, plus rings of 4 different people sharing phone/address."""
    rng = random.Random(seed)
    world = World()
    bases = [_person(rng, p) for p in range(n_people)]
    for r in range(n_rings):
        members = list(range(r * 4, r * 4 + 4))
        lead = bases[members[0]]
        for m in members:
            world.ring_of[m] = r
            b = bases[m]
            if r % 2 == 0:
                b["phone"] = lead["phone"]
            b["home_building_key"] = lead["home_building_key"]
            b["address_line1"], b["postal_code"] = lead["address_line1"], lead["postal_code"]
            b["city"] = lead["city"]
            unit = "1" if r % 3 == 0 else str(m + 2)
            b["home_address_key"] = f"{lead['home_building_key']}|{unit}"
    for p, base in enumerate(bases):
        copies = 1 + (p % 3 == 0) + (p % 7 == 0)
        for k in range(copies):
            row = dict(base) if k == 0 else _duplicate(base, rng, p, k)
            rid = f"R{p:04d}-{k}"
            row["record_id"] = rid
            row["email_key"] = row["email"].lower() if row["email"] else None
            world.rows.append(row)
            world.person_of[rid] = p
    return world


def load_world(world: World) -> DuckDBEngine:
    """An in-memory store holding the world's people."""
    engine = DuckDBEngine()
    create_schema(engine)
    cols = sorted({c for row in world.rows for c in row})
    sql = f"INSERT INTO people ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    engine.con.executemany(sql, [[row.get(c) for c in cols] for row in world.rows])
    return engine
