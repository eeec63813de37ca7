"""DuckDB-dialect SQL to Spark SQL: sqlglot's transpiler plus the rewrites it lacks.

sqlglot translates most of DuckDB's dialect, but two constructs our queries use have no
direct Spark spelling and would otherwise fail, or give different answers:

- ``strip_accents(x)`` (DuckDB only) becomes ``translate(x, accented, plain)``, a table of
  every Basic Multilingual Plane character that Unicode decomposes into a base character and
  combining marks (mapped to the base) plus every combining mark (deleted): the same result
  as DuckDB's for text in that plane (:func:`strip_accents`).
- ``list(x ORDER BY k)`` becomes ``transform(array_sort(collect_list(struct(k, x))), e -> e.x)``:
  Spark's ``collect_list`` keeps no order and drops NULLs, so the value travels in a struct
  behind its sort keys (each preceded by a NULL flag, so NULLs sort last as in DuckDB).
"""

from __future__ import annotations

import unicodedata
from functools import cache

import sqlglot
from sqlglot import exp


def strip_accents(text: str) -> str:
    """DuckDB's ``strip_accents`` in Python: decompose, drop the combining marks, recompose
    ("José Müller" -> "Jose Muller")."""
    kept = (c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", "".join(kept))


@cache
def accent_table() -> tuple[str, str]:
    """``(from, to)`` for Spark's ``translate``: accented characters, then combining marks;
    ``to`` holds the plain letter of each accented one and stops there, so marks are deleted."""
    accented: list[str] = []
    plain: list[str] = []
    marks: list[str] = []
    for code in range(0x80, 0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if unicodedata.category(char).startswith("M"):
            marks.append(char)
        elif len(base := strip_accents(char)) == 1 and base != char:
            accented.append(char)
            plain.append(base)
    return "".join(accented + marks), "".join(plain)


def _strip_accents(node: exp.Expr) -> exp.Expr:
    if not (isinstance(node, exp.Anonymous) and node.name.lower() == "strip_accents"):
        return node
    [text] = node.expressions
    accented, plain = accent_table()
    return exp.func("translate", text, exp.Literal.string(accented), exp.Literal.string(plain))


def _ordered_list(node: exp.Expr) -> exp.Expr:
    """``list([DISTINCT] x ORDER BY k...) [FILTER (...)]`` as a sorted Spark array."""
    agg = node.this if isinstance(node, exp.Filter) else node
    if not (isinstance(agg, exp.ArrayAgg) and isinstance(agg.this, exp.Order)):
        return node
    if isinstance(node, exp.ArrayAgg) and isinstance(node.parent, exp.Filter):
        return node  # rewritten with its FILTER clause
    order = agg.this
    distinct = isinstance(order.this, exp.Distinct)
    value = order.this.expressions[0] if distinct else order.this
    fields: list[exp.Expr] = []
    for i, key in enumerate(order.expressions):
        if key.args.get("desc"):
            raise ValueError("list(... ORDER BY ... DESC) has no Spark rewrite")
        is_null: exp.Expr = exp.Is(this=key.this.copy(), expression=exp.Null())
        if key.args.get("nulls_first"):
            is_null = exp.Not(this=is_null)
        fields += [exp.alias_(is_null, f"_n{i}"), exp.alias_(key.this.copy(), f"_k{i}")]
    fields.append(exp.alias_(value.copy(), "_v"))
    packed: exp.Expr = exp.Struct(expressions=fields)
    collected: exp.Expr = exp.ArrayAgg(this=exp.Distinct(expressions=[packed]) if distinct else packed)
    if isinstance(node, exp.Filter):
        collected = exp.Filter(this=collected, expression=node.expression.copy())
    item = exp.to_identifier("_e")
    value_of = exp.Dot(this=exp.column(item), expression=exp.to_identifier("_v"))
    pick = exp.Lambda(this=value_of, expressions=[item])
    return exp.Transform(this=exp.ArraySort(this=collected), expression=pick)


def to_spark_sql(sql: str) -> str:
    """Transpile DuckDB SQL to Spark SQL, with the rewrites above."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    tree = tree.transform(_strip_accents).transform(_ordered_list)
    return tree.sql(dialect="spark")
