"""One immutable settings object, built once and passed in. No module reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from hirewall.exceptions import ConfigError

ENV_PREFIX = "HIREWALL_"


@dataclass(frozen=True)
class Settings:
    """Runtime configuration for a hirewall run.

    Examples:
        >>> s = Settings()
        >>> s.engine
        'duckdb'
        >>> s2 = s.with_(mask_identifiers=False)
        >>> s2.mask_identifiers
        False
    """

    engine: str = "duckdb"
    """Engine for the store and pipeline: ``duckdb`` (default) or ``spark``."""
    threads: int = 0
    """Worker threads for the engine; 0 lets the engine decide."""
    memory_limit: str = ""
    """Engine memory cap such as ``"4GB"``; empty lets the engine decide."""
    org_egress_cidrs: tuple[str, ...] = ()
    """The organization's own VPN and office egress ranges. Shared use of these is never evidence."""
    org_domains: tuple[str, ...] = ()
    """The organization's own web domains, protected against lookalikes."""
    partner_domains: tuple[str, ...] = ()
    """Domains of real staffing and IT-service partners, protected against lookalikes."""
    shared_egress_min_people: int = 25
    """An IP used by at least this many people is learned as shared infrastructure (office, VPN,
    CGNAT); so is an ordinary IP whose /24 block is. A small organization's bar is lower: 5% of
    the people in its sign-in log, at least 5 (:func:`hirewall.egress.learning_bar`)."""
    linkage: bool = True
    """Run Splink probabilistic linkage (same-person and shared-operator links)."""
    retrain_linkage: bool = False
    """Retrain the saved linkage model instead of reusing it."""
    mask_identifiers: bool = True
    """Mask emails, phones, accounts and addresses in reports and exports."""
    reference_dir: Path | None = None
    """Folder holding reference data sets loaded by ``hirewall reference update``."""
    progress: bool = True
    """Show progress bars on the terminal."""
    seed: int = 0
    """Seed for any randomised step (sampling, MinHash)."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """Free-form options for plug-ins; never read by core code."""

    def with_(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied."""
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, prefix: str = ENV_PREFIX) -> Settings:
        """Build settings from ``HIREWALL_*`` variables, with explicit casting errors."""
        env = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {}
        for f in fields(cls):
            key = prefix + f.name.upper()
            if key not in env or f.name == "extra":
                continue
            raw = env[key]
            values[f.name] = _cast(f.name, raw, getattr(cls(), f.name))
        return cls(**values)


def _cast(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        low = raw.strip().lower()
        if low in {"1", "true", "yes", "on"}:
            return True
        if low in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"setting {name!r} has value {raw!r}: not a valid bool")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError as e:
            raise ConfigError(f"setting {name!r} has value {raw!r}: not a valid integer") from e
    if isinstance(default, tuple):
        return tuple(p.strip() for p in raw.split(",") if p.strip())
    if name == "reference_dir":
        return Path(raw) if raw else None
    return raw
