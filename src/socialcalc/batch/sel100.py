"""SEL § 100 batch kernels: moved to :mod:`socialcalc.merudgift.batch` (this path keeps working).

>>> from socialcalc.batch.sel100 import merudgift, one_off
>>> merudgift.__module__
'socialcalc.merudgift.batch'
"""

from __future__ import annotations

from socialcalc.merudgift.batch import *  # noqa: F403
from socialcalc.merudgift.batch import __all__ as __all__
