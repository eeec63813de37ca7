"""hirewall: find DPRK remote IT-worker personas, rings and facilitators in an organization's own data.

The public API is small: :func:`hirewall.pipeline.scan` runs the whole job, and
:class:`hirewall.settings.Settings` configures it. Nothing runs at import time.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
