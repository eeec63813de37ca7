"""hirewall's exceptions. Every error the package raises on purpose derives from one root.

    HirewallError
     ├── ConfigError            bad settings, mapping or contract file
     ├── InputFileError         a whole input file cannot be read (encoding, format, columns)
     ├── EngineError            the SQL engine failed; carries the SQL
     ├── IndicatorError         one indicator failed; carries its id
     ├── ReferenceDataError     a reference data set is missing or malformed
     └── ApplicantError         an applicant given to the screening API is malformed

Row-level problems are not exceptions: they become quarantine records
(:class:`hirewall.ingest.quarantine.QuarantineRecord`) and the good rows carry on.
"""

from __future__ import annotations

from pathlib import Path


class HirewallError(Exception):
    """Root of every error hirewall raises on purpose."""


class ConfigError(HirewallError):
    """A settings, mapping or contract file is invalid."""


class InputFileError(HirewallError):
    """A whole input file cannot be read. The message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class EngineError(HirewallError):
    """The SQL engine failed. The failing SQL is attached for debugging."""

    def __init__(self, message: str, sql: str = "") -> None:
        self.sql = sql
        super().__init__(f"{message}\n--- SQL ---\n{sql}" if sql else message)


class IndicatorError(HirewallError):
    """One indicator failed to evaluate."""

    def __init__(self, indicator_id: str, message: str) -> None:
        self.indicator_id = indicator_id
        super().__init__(f"indicator {indicator_id}: {message}")


class ReferenceDataError(HirewallError):
    """A reference data set is missing or malformed."""


class ApplicantError(HirewallError):
    """An applicant given to the screening API is malformed. Names the fields, never their values."""

    def __init__(self, problem: str, fields: tuple[str, ...] = ()) -> None:
        self.fields = fields
        super().__init__(f"applicant: {problem}")
