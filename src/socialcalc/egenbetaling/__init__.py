"""Egenbetaling (self-payment) for SEL §§ 107, 108, 109 and 110.

- :func:`stay`, :func:`prepayment`, :func:`settlement`: a rate per døgn at a women's crisis centre (§ 109) or a
  shelter (§ 110), prepayment for a limited number of døgn and its settlement (:mod:`socialcalc.egenbetaling.ophold`).
- :func:`sel108`: the yearly housing payment in a long-term residential offer, from costs and income, with the
  couples' discount (:mod:`socialcalc.egenbetaling.botilbud108`).
- :func:`sel107`: the monthly payment in a temporary residential offer, leaving the municipality's
  rådighedsbeløb (:mod:`socialcalc.egenbetaling.botilbud107`).

Every function reads its rates from the rate book (``rates=None`` is the packaged book), refuses bad input
with an :class:`~socialcalc.errors.InvalidInput` before computing anything, and returns a frozen result that
explains itself in Danish (``result.explain()``).

>>> from datetime import date
>>> from socialcalc.egenbetaling import stay
>>> stay(110, date(2024, 3, 3), date(2024, 3, 13), has_income=False).amount
Decimal('0.00')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from socialcalc.egenbetaling._common import PrepaymentTooLong, StayPeriod
    from socialcalc.egenbetaling.botilbud107 import Sel107Result, sel107
    from socialcalc.egenbetaling.botilbud108 import Couple, Sel108Result, sel108
    from socialcalc.egenbetaling.ophold import (
        PrepaymentResult,
        Reduction,
        SettlementResult,
        StayResult,
        prepayment,
        settlement,
        stay,
    )

_WHERE = {
    "PrepaymentTooLong": "_common", "StayPeriod": "_common",
    "Sel107Result": "botilbud107", "sel107": "botilbud107",
    "Couple": "botilbud108", "Sel108Result": "botilbud108", "sel108": "botilbud108",
    "PrepaymentResult": "ophold", "Reduction": "ophold", "SettlementResult": "ophold", "StayResult": "ophold",
    "prepayment": "ophold", "settlement": "ophold", "stay": "ophold",
}
"""The module of each public name, imported when the name is first asked for: ``socialcalc egenbetaling --help``
loads the command (:mod:`socialcalc.egenbetaling.cli`) without the rules and pydantic."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'socialcalc.egenbetaling' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"socialcalc.egenbetaling.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Couple",
    "PrepaymentResult",
    "PrepaymentTooLong",
    "Reduction",
    "Sel107Result",
    "Sel108Result",
    "SettlementResult",
    "StayPeriod",
    "StayResult",
    "prepayment",
    "sel107",
    "sel108",
    "settlement",
    "stay",
]
