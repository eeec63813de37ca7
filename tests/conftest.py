"""Fixture policy: tests build tiny inputs in tmp_path or in-memory DuckDB stores; none touch
the network. Real reference data is read from ../shared/data (present in CI) and never copied.
"""
