"""Hypothesis strategies for § 97: moved to :mod:`socialcalc.ledsageordning.strategies` (kept importable).

>>> from socialcalc.testing.ledsageordning import banks
>>> banks.__module__
'socialcalc.ledsageordning.strategies'
"""

from socialcalc.ledsageordning.strategies import *  # noqa: F403
from socialcalc.ledsageordning.strategies import __all__  # noqa: F401
