"""What the wage and transport rules of § 103 share: input reading, the rates of a day, exact decimals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator

from socialcalc import coerce
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, Rates, book_or_default

__all__ = ["Exact", "check_day", "kroner", "ore", "plain", "rates_on"]


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError('et kommatal (float) modtages ikke; angiv en decimaltekst som "12.5"')
    return value


Exact = Annotated[Decimal, BeforeValidator(_no_float)]
"""A Decimal field that is not money (hours, km) and refuses floats like :data:`~socialcalc.explain.Kroner`."""


def check_day(on: Any) -> date:
    """``on`` as a ``datetime.date`` (a ``datetime`` is refused: the rules are by day, never by clock time)."""
    return coerce.day(on, "on")


def rates_on(on: date, kommune: Any, rates: RateBook | None, project: Project = False) -> Rates:
    """The rates of ``on`` in ``kommune`` (one look-up per calculation), ``project`` checked and passed on."""
    return (book_or_default(rates)).at(on, coerce.kommune(kommune), project=check_project(project))


def ore(value: int) -> Decimal:
    """Integer øre as exact kroner with two decimals.

    >>> ore(150000), ore(0)
    (Decimal('1500.00'), Decimal('0.00'))
    """
    return Decimal(value).scaleb(-2)


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (``25.000`` → ``25``; ``100.0`` → ``100``).

    The facts of one case and of a batch row (whole metres) hold the same distance this way.

    >>> plain(Decimal("25.000")), plain(Decimal("100.0")), plain(Decimal("37.303"))
    (Decimal('25'), Decimal('100'), Decimal('37.303'))
    """
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return normal.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else normal


def kroner(value: Decimal) -> Decimal:
    """An amount with (at least) two decimals, as the batch path's øre give it (``1.5`` → ``1.50``; a sub-øre
    amount keeps its digits), so the facts of one case and of a batch row hold the same text.

    >>> kroner(Decimal("1.5")), kroner(Decimal("1500")), kroner(Decimal("12.345"))
    (Decimal('1.50'), Decimal('1500.00'), Decimal('12.345'))
    """
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal("0.01")) if isinstance(exponent, int) and exponent >= -2 else value
