"""The § 103 kernels at their old import path; they live in :mod:`socialcalc.beskyttet_beskaeftigelse.batch`.

>>> from socialcalc.batch import sel103
>>> sel103.transport is __import__("socialcalc.beskyttet_beskaeftigelse.batch", fromlist=["x"]).transport
True
"""

from __future__ import annotations

from socialcalc.beskyttet_beskaeftigelse.batch import *  # noqa: F403
from socialcalc.beskyttet_beskaeftigelse.batch import __all__ as __all__
