"""Vendors: a real staffing agency, real IT firms, and front agencies that imitate them."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from hirewall.synth import pools
from hirewall.synth.frame import N_US_CITIES, STRING, AddressBook, join, num, take, where
from hirewall.synth.population import Population
from hirewall.synth.render import phones, slug
from hirewall.synth.rings import Facilitators


def lookalike(rng: np.random.Generator, name: str, domain: str) -> str:
    """A lookalike of a real firm's domain: hyphen, letter swap, doubled letter or new TLD."""
    stem, _, tld = domain.partition(".")
    move = int(rng.integers(0, 4))
    if move == 0:
        first = name.split()[0].lower()
        cut = len(first) if stem.startswith(first) and len(first) < len(stem) else len(stem) // 2
        stem = f"{stem[:cut]}-{stem[cut:]}"
    elif move == 1:
        stem = stem.replace("i", "l", 1) if "i" in stem else stem.replace("o", "0", 1)
    elif move == 2:
        at = int(rng.integers(1, len(stem) - 1))
        stem = stem[:at] + stem[at] + stem[at:]
    tld = str(rng.choice(["net", "co", "org", "us"])) if move == 3 or rng.random() < 0.5 else tld
    return f"{stem}.{tld}"


def vendors_table(
    rng: np.random.Generator, pop: Population, book: AddressBook, fac: Facilitators
) -> pa.Table:
    firms = [pools.STAFFING_AGENCY, *pools.LEGIT_FIRMS]
    names = [f[0] for f in firms]
    domains = [f[1] for f in firms]
    for firm in fac.front_firm:
        name, domain = pools.LEGIT_FIRMS[firm]
        names.append(f"{name.split()[0]} {rng.choice(['Tech', 'Technology', 'IT Solutions', 'Soft'])} LLC")
        domains.append(lookalike(rng, name, domain))
    n = len(names)
    front = np.arange(n) >= len(firms)
    # Contact names come from the name pool (via random rows). A real firm's contact phone is
    # the firm's own line, never a person's on file; a front's contact is one of the personas
    # of the first ring it serves, so its details lead back to the operator.
    contact = rng.choice(np.flatnonzero(pop.phone_country == "US"), n)
    for i, rings in enumerate(fac.front_rings):
        personas = np.flatnonzero(pop.ring == rings[0]) if rings else np.zeros(0, dtype=np.int64)
        if len(personas):
            contact[len(firms) + i] = int(rng.choice(personas))
    office = join("+1 212-555-01", num(np.arange(n) % 100, 2))
    given = take([g for g, _ in pools.GIVEN_NAMES], pop.given[contact])
    family = take([f for f, _ in pools.FAMILY_NAMES], pop.family[contact])
    gs = take([slug(g) for g, _ in pools.GIVEN_NAMES], pop.given[contact])
    fs = take([slug(f) for f, _ in pools.FAMILY_NAMES], pop.family[contact])
    work = join(gs, ".", fs, "@", pa.array(domains, STRING))
    free = join(
        gs, fs, num(rng.integers(10, 9999, n)), "@", take(pools.OPERATOR_FREEMAIL, rng.integers(0, 4, n))
    )
    addr_ids = book.add(rng, rng.integers(0, N_US_CITIES, n), unit_rate=0.0)
    addr = book.render(rng, addr_ids)
    suite = join("Suite ", num(rng.integers(1, 20, n) * 100))
    return pa.table(
        {
            "vendor_id": join("V", num(np.arange(n) + 1, 3)),
            "name": pa.array(names, STRING),
            "domain": pa.array(domains, STRING),
            "contact_name": join(given, " ", family),
            "contact_email": where(front, free, work),
            # Vendors are US firms: a foreign contact number has to be written internationally.
            "contact_phone": where(front, phones(rng, pop, contact, np.array(["US"] * n)), office),
            "address_line1": addr["line1"],
            "address_line2": where(front, "", suite),
            "city": addr["city"],
            "region": addr["region"],
            "postal_code": addr["postal_code"],
            "country": addr["country"],
        }
    )
