"""Adapters that read vendor exports (Okta, Entra ID, osquery) onto the input contract.

Each adapter is a declarative spec (``src/hirewall/mappings/<format>.yaml``) read by a small
generic engine: :mod:`.fields` picks and converts values from nested JSON, :mod:`.jsondoc`
reads JSON arrays, ``{"value": [...]}`` documents and JSON Lines, :mod:`.events` turns
identity-provider events into ``signins`` rows, :mod:`.osquery` turns osquery result logs into
``endpoint`` rows, and :mod:`.run` stores them with the same quarantine and idempotent upsert
as the CSV loader.
"""

from hirewall.ingest.adapters.specs import FORMATS, load_spec, resolve_mapping, shipped_mapping

__all__ = ["FORMATS", "load_spec", "resolve_mapping", "shipped_mapping"]
