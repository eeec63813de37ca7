"""The input contract as typed objects, loaded from ``schema/contract.yaml`` (schemas as data).

Each table lists its columns with a type; normalising types add derived ``*_key`` columns,
and each address group adds ``<group>_address_key`` and ``<group>_building_key``. The store
schema is the contract columns plus these derived columns plus the provenance columns
``_source_file`` and ``_source_line``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from hirewall.exceptions import ConfigError

COLUMN_TYPES = frozenset(
    {"id", "text", "enum", "date", "timestamp", "bool", "email", "phone", "url", "domain", "ip", "hex64"}
)
ADDRESS_PARTS = ("line1", "line2", "city", "region", "postal_code", "country")
KEYED_TYPES = frozenset({"email", "url"})
PROVENANCE_COLUMNS = ("_source_file", "_source_line")


@dataclass(frozen=True)
class Column:
    """One column of a contract table."""

    name: str
    type: str
    required: bool = False
    values: tuple[str, ...] = ()
    address: str | None = None
    part: str | None = None
    description: str = ""

    @property
    def sql_type(self) -> str:
        """The store's SQL type for this column."""
        return {"date": "DATE", "timestamp": "TIMESTAMP", "bool": "BOOLEAN"}.get(self.type, "VARCHAR")


@dataclass(frozen=True)
class Table:
    """One contract table: its columns, key and the derived columns ingest adds."""

    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def address_groups(self) -> dict[str, dict[str, str]]:
        """Address group name -> {part: column name}."""
        groups: dict[str, dict[str, str]] = {}
        for c in self.columns:
            if c.address and c.part:
                groups.setdefault(c.address, {})[c.part] = c.name
        return groups

    @property
    def derived_columns(self) -> tuple[str, ...]:
        """Columns the ingest step adds to this table in the store."""
        out = [f"{c.name}_key" for c in self.columns if c.type in KEYED_TYPES]
        for group in self.address_groups:
            out += [f"{group}_address_key", f"{group}_building_key"]
        return tuple(out)

    @property
    def store_columns(self) -> tuple[tuple[str, str], ...]:
        """(name, SQL type) of every column of this table in the store."""
        cols = [(c.name, c.sql_type) for c in self.columns]
        cols += [(d, "VARCHAR") for d in self.derived_columns]
        cols += [("_source_file", "VARCHAR"), ("_source_line", "BIGINT")]
        return tuple(cols)


@dataclass(frozen=True)
class Contract:
    """All tables of the input contract."""

    version: int
    tables: dict[str, Table]

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError as e:
            raise ConfigError(f"unknown table {name!r}; the contract has {sorted(self.tables)}") from e


def parse_contract(doc: dict[str, Any]) -> Contract:
    """Build a :class:`Contract` from its YAML document, checking it as it goes."""
    tables: dict[str, Table] = {}
    for tname, tdoc in doc["tables"].items():
        cols = []
        for cname, cdoc in tdoc["columns"].items():
            ctype = cdoc["type"]
            if ctype not in COLUMN_TYPES:
                raise ConfigError(f"contract: {tname}.{cname} has unknown type {ctype!r}")
            if cdoc.get("part") and cdoc["part"] not in ADDRESS_PARTS:
                raise ConfigError(f"contract: {tname}.{cname} has unknown address part {cdoc['part']!r}")
            cols.append(
                Column(
                    name=cname,
                    type=ctype,
                    required=bool(cdoc.get("required", False)),
                    values=tuple(cdoc.get("values", ())),
                    address=cdoc.get("address"),
                    part=cdoc.get("part"),
                    description=cdoc.get("description", ""),
                )
            )
        table = Table(tname, tdoc.get("description", ""), tuple(tdoc["key"]), tuple(cols))
        missing = [k for k in table.key if k not in table.column_names]
        if missing:
            raise ConfigError(f"contract: key of {tname} names unknown columns {missing}")
        tables[tname] = table
    return Contract(int(doc["version"]), tables)


@cache
def load_contract() -> Contract:
    """The contract shipped with the package."""
    text = files("hirewall.schema").joinpath("contract.yaml").read_text(encoding="utf-8")
    return parse_contract(yaml.safe_load(text))
