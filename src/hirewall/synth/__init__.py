"""Synthetic organizations with ground truth: benign staff, confounders, fraud rings and facilitators."""

from __future__ import annotations

from hirewall.synth.world import generate_world

__all__ = ["generate_world"]
