"""Probabilistic identity resolution with Splink 5 on DuckDB (default) or Spark.

Entry points: :func:`hirewall.linkage.resolve.link_people` (batch, two kinds of link and
identity clusters) and :class:`hirewall.linkage.incremental.ApplicantMatcher` (one new
applicant against the store). Imports are lazy so ``import hirewall`` stays light.
"""
