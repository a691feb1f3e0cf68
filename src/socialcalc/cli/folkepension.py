"""``socialcalc folkepension``: kept here for old imports; the command lives in :mod:`socialcalc.folkepension.cli`.

>>> from socialcalc.cli.folkepension import register
>>> register.__module__
'socialcalc.folkepension.cli'
"""

from __future__ import annotations

from socialcalc.folkepension.cli import register

__all__ = ["register"]
