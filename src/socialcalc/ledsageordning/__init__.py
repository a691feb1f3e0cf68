"""SEL § 97 ledsageordning: the escort-hour bank, the yearly expense grant, and who can have the scheme.

- :class:`Bank`: 15 hours a month (less a deduction), saved for 6 months, at most 90 hours at one's disposal,
  used in the municipality's order of use; an immutable value with monthly :class:`MonthStatement` s.
- :func:`expense_grant`: the yearly grant towards the escort's expenses, ``min(expenses, the year's maximum)``.
- :func:`eligibility`: the age at the grant and the exclusions, with every reason in Danish.

>>> from decimal import Decimal
>>> Bank.open("2024-01").use("2024-04", 30).balance("2024-07") == Decimal(75)
True
>>> Bank.open("2024-01", kommune="lemvig").use("2024-04", 30).balance("2024-07") == Decimal(60)
True
"""

from __future__ import annotations

from socialcalc.ledsageordning.bank import (
    Bank,
    DeductionChange,
    InsufficientHours,
    Lot,
    MonthStatement,
    OrderOfUse,
    Usage,
)
from socialcalc.ledsageordning.betingelser import Eligibility, Reason, eligibility
from socialcalc.ledsageordning.tilskud import ExpenseGrant, expense_grant

__all__ = [
    "Bank",
    "DeductionChange",
    "Eligibility",
    "ExpenseGrant",
    "InsufficientHours",
    "Lot",
    "MonthStatement",
    "OrderOfUse",
    "Reason",
    "Usage",
    "eligibility",
    "expense_grant",
]
