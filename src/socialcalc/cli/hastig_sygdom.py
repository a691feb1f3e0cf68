"""``socialcalc hastig-sygdom``: kept here for old imports; the command lives in :mod:`socialcalc.hastig_sygdom.cli`.

>>> from socialcalc.cli.hastig_sygdom import register
>>> register.__module__
'socialcalc.hastig_sygdom.cli'
"""

from __future__ import annotations

from socialcalc.hastig_sygdom.cli import read_bookings, register

__all__ = ["read_bookings", "register"]
