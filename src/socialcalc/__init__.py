"""socialcalc: Danish adult social-service benefits and fees under serviceloven (SEL).

Exact ``Decimal`` money, calendar months, a strict, sourced, versioned rate book, and results that explain
themselves in Danish. The rules live in their own modules (``socialcalc.ledsageordning``,
``socialcalc.merudgift``, …); this package exposes the foundation they share.

>>> from datetime import date
>>> import socialcalc
>>> socialcalc.load_rates().at(date(2024, 1, 1)).get("sel097.expense_grant_max").unit
'DKK/year'
>>> socialcalc.Month(2024, 12) + 1
Month(2025, 1)
"""

from __future__ import annotations

from socialcalc.errors import (
    InvalidInput,
    RateError,
    RateFileError,
    RateNotPublished,
    SocialcalcError,
    UnknownRate,
)
from socialcalc.months import Month, MonthEndRule, months_after
from socialcalc.ratebook import RateBook, Rates, check_rates, load_rates

__version__ = "0.1.0"

__all__ = [
    "InvalidInput",
    "Month",
    "MonthEndRule",
    "RateBook",
    "RateError",
    "RateFileError",
    "RateNotPublished",
    "Rates",
    "SocialcalcError",
    "UnknownRate",
    "__version__",
    "check_rates",
    "load_rates",
    "months_after",
]
