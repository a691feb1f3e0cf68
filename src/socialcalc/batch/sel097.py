"""SEL § 97 hour banks for a whole caseload: moved to :mod:`socialcalc.ledsageordning.batch` (kept importable).

>>> from socialcalc.batch.sel097 import bank
>>> bank.__module__
'socialcalc.ledsageordning.batch'
"""

from socialcalc.ledsageordning.batch import *  # noqa: F403
from socialcalc.ledsageordning.batch import __all__, month_column

__all__ = [*__all__, "month_column"]
