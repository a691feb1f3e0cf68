"""Hypothesis strategies for SEL § 117a budget accounts: kept here for old imports.

The strategies live beside the rule, in :mod:`socialcalc.hastig_sygdom.strategies`; this module re-exports them.

>>> from socialcalc.testing.hastig_sygdom import budgets
>>> budgets.__module__
'socialcalc.hastig_sygdom.strategies'
"""

from __future__ import annotations

from socialcalc.hastig_sygdom.strategies import (
    booking_amounts,
    bookings,
    budgets,
    decision_dates,
    descriptions,
    paragraphs,
)

__all__ = ["booking_amounts", "bookings", "budgets", "decision_dates", "descriptions", "paragraphs"]
