"""``socialcalc beskaeftigelse`` at its old import path; it lives in :mod:`socialcalc.beskyttet_beskaeftigelse.cli`.

>>> from socialcalc.cli import beskaeftigelse
>>> callable(beskaeftigelse.register)
True
"""

from __future__ import annotations

from socialcalc.beskyttet_beskaeftigelse.cli import register

__all__ = ["register"]
