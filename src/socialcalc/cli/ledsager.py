"""The ``socialcalc ledsager`` command: moved to :mod:`socialcalc.ledsageordning.cli` (kept importable).

>>> from socialcalc.cli.ledsager import register
>>> register.__module__
'socialcalc.ledsageordning.cli'
"""

from socialcalc.ledsageordning.cli import *  # noqa: F403
from socialcalc.ledsageordning.cli import __all__, register  # noqa: F401
