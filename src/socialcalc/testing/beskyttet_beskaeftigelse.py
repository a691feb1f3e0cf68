"""Hypothesis strategies for § 103, kept at their old import path: they live in
:mod:`socialcalc.beskyttet_beskaeftigelse.strategies`.

>>> from socialcalc.testing import beskyttet_beskaeftigelse as old
>>> from socialcalc.beskyttet_beskaeftigelse import strategies
>>> old.transport_args is strategies.transport_args
True
"""

from __future__ import annotations

from socialcalc.beskyttet_beskaeftigelse.strategies import *  # noqa: F403
from socialcalc.beskyttet_beskaeftigelse.strategies import __all__ as __all__
