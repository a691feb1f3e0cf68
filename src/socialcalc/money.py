"""Money and hours as exact :class:`~decimal.Decimal`, with named rounding rules.

Money is kroner as a ``Decimal``; øre are its two decimals. A ``float`` never enters a calculation: binary
floating point cannot hold most øre amounts exactly, so :func:`to_decimal` refuses it with an error naming the field.
Convert at the edge with ``Decimal(str(x))`` if you must, and own the rounding you chose.

Rounding rules are named, so that a result can say which one it used:

- :attr:`Rounding.ORE_HALF_UP`: to øre, half up (half an øre rounds up). The default for money.
- :attr:`Rounding.KRONE_HALF_UP`: to whole kroner, half up (BEK 931/2020 § 12 for § 100's yearly amounts).
- :func:`round_up_to`: up to a multiple (the old § 100 "rounded up to the nearest 100 kr.").

>>> from decimal import Decimal
>>> round_ore(Decimal("10.005"))
Decimal('10.01')
>>> round_kroner(Decimal("629.5"))
Decimal('630')
>>> to_decimal(0.7, "expenses")
Traceback (most recent call last):
...
socialcalc.errors.InvalidInput: expenses = 0.7: et kommatal (float) modtages ikke, fordi binære kommatal ikke \
er eksakte; angiv en Decimal, et heltal eller en decimaltekst som "1234.50"
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from typing import Any

from socialcalc import coerce
from socialcalc.coerce import CONTEXT
from socialcalc.errors import InvalidInput

__all__ = [
    "ORE",
    "ZERO",
    "Rounding",
    "apply_rounding",
    "non_negative",
    "round_kroner",
    "round_ore",
    "round_up_to",
    "to_decimal",
]

ZERO = Decimal(0)
ORE = Decimal(1).scaleb(-2)  # one øre
_KRONE = Decimal(1)


class Rounding(StrEnum):
    """A named rounding rule (its value is the name used in rate files and explanations)."""

    ORE_HALF_UP = "ore_half_up"
    """To øre, half up."""
    KRONE_HALF_UP = "krone_half_up"
    """To whole kroner, half up."""
    NONE = "none"
    """No rounding (exact)."""


def to_decimal(value: Any, field: str) -> Decimal:
    """Return ``value`` as an exact ``Decimal``, refusing anything inexact, ambiguous or out of range.

    Accepts ``Decimal``, ``int`` and a plain decimal string (``"1234.50"``; no decimal comma, no thousands
    separator). Refuses ``float``, ``bool``, NaN, infinities and numbers beyond
    :data:`~socialcalc.coerce.MAX_ABS` with :class:`~socialcalc.errors.InvalidInput` naming ``field``;
    ``-0`` becomes ``0``. The same as :func:`socialcalc.coerce.amount`.

    >>> to_decimal("1234.50", "amount")
    Decimal('1234.50')
    >>> to_decimal(7, "days")
    Decimal('7')
    >>> to_decimal("600,50", "amount")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: amount = '600,50': er ikke et decimaltal skrevet med punktum; \
skriv det som "600.50"
    """
    return coerce.amount(value, field)


def non_negative(value: Any, field: str) -> Decimal:
    """:func:`to_decimal`, and refuse a negative value.

    >>> non_negative(Decimal("-1"), "expenses")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: expenses = -1: må ikke være negativ
    """
    return coerce.non_negative(value, field)


def _unsigned_zero(value: Decimal) -> Decimal:
    return value.copy_abs() if value.is_zero() else value


def round_ore(value: Decimal) -> Decimal:
    """Round to øre, half up: ``Decimal("2.345")`` → ``Decimal("2.35")``.

    >>> round_ore(Decimal("1234"))
    Decimal('1234.00')
    >>> round_ore(Decimal("-0.001"))
    Decimal('0.00')
    """
    return _unsigned_zero(value.quantize(ORE, rounding=ROUND_HALF_UP, context=CONTEXT))


def round_kroner(value: Decimal) -> Decimal:
    """Round to whole kroner, half up: ``Decimal("629.50")`` → ``Decimal("630")``.

    >>> round_kroner(Decimal("629.49"))
    Decimal('629')
    """
    return _unsigned_zero(value.quantize(_KRONE, rounding=ROUND_HALF_UP, context=CONTEXT))


def round_up_to(value: Decimal, multiple: Decimal) -> Decimal:
    """Round up to the next multiple of ``multiple`` (a value already on a multiple stays).

    >>> round_up_to(Decimal("1201"), Decimal(100))
    Decimal('1300')
    >>> round_up_to(Decimal("1200"), Decimal(100))
    Decimal('1200')
    """
    if multiple <= 0:
        raise InvalidInput("multiple", multiple, "must be positive")
    with localcontext(CONTEXT):
        return _unsigned_zero((value / multiple).to_integral_value(rounding=ROUND_CEILING) * multiple)


def apply_rounding(value: Decimal, rule: Rounding | str) -> Decimal:
    """Apply the named rounding ``rule`` (a :class:`Rounding` or its name).

    >>> apply_rounding(Decimal("100.776"), "ore_half_up")
    Decimal('100.78')
    """
    rule = Rounding(rule)
    if rule is Rounding.ORE_HALF_UP:
        return round_ore(value)
    if rule is Rounding.KRONE_HALF_UP:
        return round_kroner(value)
    return value
