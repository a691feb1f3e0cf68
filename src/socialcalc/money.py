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
socialcalc.errors.InvalidInput: expenses = 0.7: a float is not accepted (binary floating point is inexact); \
pass a Decimal, an int or a decimal string such as "1234.50"
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

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
_PLAIN_DECIMAL = re.compile(r"^[+-]?\d+(\.\d+)?$")


class Rounding(StrEnum):
    """A named rounding rule (its value is the name used in rate files and explanations)."""

    ORE_HALF_UP = "ore_half_up"
    """To øre, half up."""
    KRONE_HALF_UP = "krone_half_up"
    """To whole kroner, half up."""
    NONE = "none"
    """No rounding (exact)."""


def to_decimal(value: Any, field: str) -> Decimal:
    """Return ``value`` as an exact ``Decimal``, refusing anything inexact or ambiguous.

    Accepts ``Decimal``, ``int`` and a plain decimal string (``"1234.50"``; no decimal comma, no thousands
    separator). Refuses ``float``, ``bool``, NaN and infinities with :class:`~socialcalc.errors.InvalidInput`
    naming ``field``.

    >>> to_decimal("1234.50", "amount")
    Decimal('1234.50')
    >>> to_decimal(7, "days")
    Decimal('7')
    >>> to_decimal("600,50", "amount")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: amount = '600,50': not a plain decimal number; write it as "600.50"
    """
    if isinstance(value, bool):
        raise InvalidInput(field, value, "a truth value is not an amount")
    if isinstance(value, float):
        raise InvalidInput(
            field,
            value,
            "a float is not accepted (binary floating point is inexact); "
            'pass a Decimal, an int or a decimal string such as "1234.50"',
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(field, value, "must be a finite number")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN_DECIMAL.match(text):
            raise InvalidInput(field, repr(value), f'not a plain decimal number; write it as "{_hint(text)}"')
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern already guarantees a valid literal
            raise InvalidInput(field, repr(value), "not a decimal number") from None
    kind = type(value).__name__
    raise InvalidInput(field, repr(value), f"expected a Decimal, an int or a decimal string, not {kind}")


def _hint(text: str) -> str:
    return text.replace(".", "").replace(",", ".") if "," in text else "1234.50"


def non_negative(value: Any, field: str) -> Decimal:
    """:func:`to_decimal`, and refuse a negative value.

    >>> non_negative(Decimal("-1"), "expenses")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: expenses = -1: must not be negative
    """
    d = to_decimal(value, field)
    if d < 0:
        raise InvalidInput(field, d, "must not be negative")
    return d


def round_ore(value: Decimal) -> Decimal:
    """Round to øre, half up: ``Decimal("2.345")`` → ``Decimal("2.35")``.

    >>> round_ore(Decimal("1234"))
    Decimal('1234.00')
    """
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def round_kroner(value: Decimal) -> Decimal:
    """Round to whole kroner, half up: ``Decimal("629.50")`` → ``Decimal("630")``.

    >>> round_kroner(Decimal("629.49"))
    Decimal('629')
    """
    return value.quantize(_KRONE, rounding=ROUND_HALF_UP)


def round_up_to(value: Decimal, multiple: Decimal) -> Decimal:
    """Round up to the next multiple of ``multiple`` (a value already on a multiple stays).

    >>> round_up_to(Decimal("1201"), Decimal(100))
    Decimal('1300')
    >>> round_up_to(Decimal("1200"), Decimal(100))
    Decimal('1200')
    """
    if multiple <= 0:
        raise InvalidInput("multiple", multiple, "must be positive")
    return (value / multiple).to_integral_value(rounding=ROUND_CEILING) * multiple


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
