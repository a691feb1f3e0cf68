"""What the wage and transport rules of § 103 share: the legal basis, input checks, exact decimals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator

from socialcalc import coerce
from socialcalc.ratebook import RateBook, Rates, default_book

__all__ = ["BEK", "Exact", "check_day", "kommune_text", "rates_on"]

BEK = "BEK om aflønning og befordringsudgifter i beskyttet beskæftigelse"
"""The bekendtgørelse issued under SEL § 105 stk. 2 that sets the wage floor (§ 1) and the transport rule (§ 2)."""


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError('a float is not accepted; use a decimal string such as "12.5"')
    return value


Exact = Annotated[Decimal, BeforeValidator(_no_float)]
"""A Decimal field that is not money (hours, km) and refuses floats like :data:`~socialcalc.explain.Kroner`."""


def check_day(on: Any) -> date:
    """``on`` as a ``datetime.date`` (a ``datetime`` is refused: the rules are by day, never by clock time)."""
    return coerce.day(on, "on")


def rates_on(on: date, kommune: str | None, rates: RateBook | None) -> Rates:
    """The rates of ``on`` in ``kommune`` (one look-up per calculation)."""
    return (rates or default_book()).at(on, kommune)


def kommune_text(kommune: str | None) -> str:
    """``"Lejre Kommune"``, or a phrase for no municipality.

    >>> kommune_text("lejre")
    'Lejre Kommune'
    """
    return f"{kommune.capitalize()} Kommune" if kommune else "ingen kommune angivet"
