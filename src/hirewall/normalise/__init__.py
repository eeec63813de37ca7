"""Identifier normalisers built on well-kept libraries.

Each normaliser takes a raw string and returns the canonical value, or raises
:class:`ValueError` with a short reason that ends up in the quarantine file.
"""
