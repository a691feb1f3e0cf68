"""Hypothesis strategies for SEL § 100: moved to :mod:`socialcalc.merudgift.strategies` (re-exported here)."""

from __future__ import annotations

from socialcalc.merudgift.strategies import *  # noqa: F403
from socialcalc.merudgift.strategies import __all__ as __all__
