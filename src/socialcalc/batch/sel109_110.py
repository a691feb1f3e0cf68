"""The §§ 109/110 stays kernel now lives in :mod:`socialcalc.egenbetaling.batch` (this path keeps working).

>>> from socialcalc.batch.sel109_110 import stays
>>> stays.__module__
'socialcalc.egenbetaling.batch'
"""

from __future__ import annotations

from socialcalc.egenbetaling.batch import CALENDAR_DAYS, NIGHTS_MIN_ONE, StayBatch, stays

__all__ = ["CALENDAR_DAYS", "NIGHTS_MIN_ONE", "StayBatch", "stays"]
