"""SEL § 100: merudgiftsydelse (band tables, the old rules) and kompensationsydelse (the new rules).

Adults with a permanent, substantial disability get their necessary extra expenses covered. The law changed
regime in the middle of the period socialcalc covers, and the change is data: ``sel100.regime`` in the rate
book, read on the **date of the decision**. The rates follow the **payment month**.

- :func:`calculate`: the monthly payment (band, or group I/II with the advice which pays more).
- :func:`one_off`: a one-off expense (merudgiftsbekendtgørelsen § 9).
- :func:`first_payment_month`, :func:`last_payment_month`, :func:`change_effective_month`,
  :func:`may_demand_refixing`: the date rules.

The names load on first use, so the command line's help and usage errors (``socialcalc.merudgift.cli``) never
load the rule.

>>> from datetime import date
>>> from decimal import Decimal
>>> from socialcalc.merudgift import calculate
>>> r = calculate("7296", per="year", decided_on=date(2024, 1, 15))
>>> (r.regime, r.band, r.table_year == 2024)
('merudgiftsydelse', 1, True)
>>> r.amount == Decimal("1138.00")
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from socialcalc.merudgift.beregning import calculate
    from socialcalc.merudgift.datoer import (
        change_effective_month,
        first_payment_month,
        last_payment_month,
        may_demand_refixing,
    )
    from socialcalc.merudgift.engangs import one_off
    from socialcalc.merudgift.model import MerudgiftResult, OneOffResult

__all__ = [
    "MerudgiftResult",
    "OneOffResult",
    "calculate",
    "change_effective_month",
    "first_payment_month",
    "last_payment_month",
    "may_demand_refixing",
    "one_off",
]

_WHERE = {
    "MerudgiftResult": "model", "OneOffResult": "model", "calculate": "beregning", "one_off": "engangs",
    "change_effective_month": "datoer", "first_payment_month": "datoer", "last_payment_month": "datoer",
    "may_demand_refixing": "datoer",
}


def __getattr__(name: str) -> Any:
    """The rule's public names (SEL § 100), imported from their module when first asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'socialcalc.merudgift' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"socialcalc.merudgift.{module}"), name)
    globals()[name] = value
    return value
