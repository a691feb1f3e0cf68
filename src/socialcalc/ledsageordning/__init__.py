"""SEL § 97 ledsageordning: the escort-hour bank, the yearly expense grant, and who can have the scheme.

- :class:`Bank`: 15 hours a month (less a deduction), saved for 6 months, at most 90 hours at one's disposal,
  used in the municipality's order of use; an immutable value with monthly :class:`MonthStatement` s.
- :func:`expense_grant`: the yearly grant towards the escort's expenses, ``min(expenses, the year's maximum)``.
- :func:`eligibility`: the age at the grant and the exclusions, with every reason in Danish.

>>> from decimal import Decimal
>>> from socialcalc.ledsageordning import Bank
>>> Bank.open("2024-01").use("2024-04", 30).balance("2024-07") == Decimal(75)
True
>>> Bank.open("2024-01", kommune="lemvig").use("2024-04", 30).balance("2024-07") == Decimal(60)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOME = {
    **dict.fromkeys(("Bank", "DeductionChange", "InsufficientHours", "Lot", "MonthStatement", "OrderOfUse", "Usage"),
                    "bank"),
    **dict.fromkeys(("Eligibility", "Reason", "eligibility"), "betingelser"),
    **dict.fromkeys(("ExpenseGrant", "expense_grant"), "tilskud"),
}


def __getattr__(name: str) -> Any:
    """The public names, imported on first use (so the rule's CLI plug and the registry load fast)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'socialcalc.ledsageordning' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"socialcalc.ledsageordning.{home}"), name)
    globals()[name] = value
    return value

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
