"""One way to read untrusted input: dates, months, years, amounts, whole numbers, flags and municipality names.

Every public rule function reads its arguments through these functions, so each bad value gets one behaviour
and one error code everywhere (see *Errors* in the docs):

- **dates**: a ``datetime.date``. A ``datetime`` is **refused** (``input.datetime``): the rules count whole
  days, and truncating a clock time silently would hide which day the caller meant (and in which time zone).
  Anything else is ``input.date``.
- **months**: a :class:`~socialcalc.months.Month`, a ``date`` (its month) or ``"YYYY-MM"``; a ``datetime`` is
  refused like above.
- **amounts** (kroner, hours, kilometres, shares, percentages): ``Decimal``, ``int`` or a plain decimal string.
  A ``float`` (``input.float``), a truth value (``input.bool``), NaN and infinities (``input.not_finite``) and
  anything beyond :data:`MAX_ABS` (``input.too_large``) are refused; ``-0`` becomes ``0``.
  More than :data:`MAX_PLACES` decimals is ``input.too_precise``; a text that is CPR-shaped (ten digits) is
  ``input.cpr_shaped``: a CPR number typed into an amount field.
- **whole numbers** (days, minutes): an ``int`` (not a ``bool``), at most :data:`MAX_ABS`.
- **free text** (a booking's description): a ``str``; a CPR-shaped run in it is replaced by ``<CPR skjult>``.
- **municipalities**: a plain lowercase name (``" Lejre "`` → ``"lejre"``), never a path.

All arithmetic of the library runs in its own decimal context, :data:`CONTEXT` (the decorator :func:`exact`),
so a caller's ``getcontext().prec = 7`` changes nothing.

>>> amount("1234.50", "expenses")
Decimal('1234.50')
>>> amount(Decimal("-0.00"), "expenses")
Decimal('0.00')
>>> day(date(2024, 1, 1), "on")
datetime.date(2024, 1, 1)
>>> from datetime import datetime
>>> day(datetime(2024, 1, 1, 12, 0), "on")
Traceback (most recent call last):
...
socialcalc.errors.InvalidInput: on = datetime.datetime(2024, 1, 1, 12, 0): et tidspunkt (datetime) modtages \
ikke: reglerne regner i hele dage; angiv en dato (datetime.date), fx ved .date()
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from datetime import date
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    getcontext,
    setcontext,
)
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from socialcalc.errors import CPR_PATTERN, InvalidInput, redact

if TYPE_CHECKING:
    from socialcalc.months import Month

__all__ = [
    "CONTEXT",
    "KOMMUNE_NAME",
    "MAX_ABS",
    "MAX_PLACES",
    "amount",
    "day",
    "exact",
    "flag",
    "kommune",
    "month",
    "non_negative",
    "optional_day",
    "text",
    "whole",
    "year",
]

CONTEXT = Context(
    prec=28, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999, capitals=1, clamp=0,
    flags=[], traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The library's decimal context: Python's default one, fixed, whatever the caller set in theirs."""

MAX_ABS = Decimal(10) ** 9 - 1
"""The largest number (in absolute value) any input may have: 999.999.999 (kroner, hours, km …).

Far above any amount of one case; small enough that every rule's arithmetic stays exact in :data:`CONTEXT`, and
that no amount can be CPR-shaped (ten digits).
"""

MAX_PLACES = 8
"""The most decimals an input may have (an øre has two; a kilometre price or a share may have a few more)."""

KOMMUNE_NAME = re.compile(r"^[a-zæøå][a-zæøå0-9_-]{0,39}$")
"""A municipality's name: lowercase letters, digits, ``-`` and ``_``."""

_PLAIN_DECIMAL = re.compile(r"^[+-]?\d{1,40}(\.\d{1,40})?$")

P = ParamSpec("P")
R = TypeVar("R")


class _Entered(Context):
    """The type of the copy of :data:`CONTEXT` that :func:`exact` enters, so a nested call sees it is inside."""

    __slots__ = ()


_SETTINGS = (CONTEXT.prec, CONTEXT.rounding, CONTEXT.Emin, CONTEXT.Emax, CONTEXT.capitals, CONTEXT.clamp)
_TRAPS = tuple(signal for signal, on in CONTEXT.traps.items() if on)


def exact(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` in the library's decimal context :data:`CONTEXT` (the caller's is left as it was).

    A call from inside another ``exact`` function runs in the context that one entered (entering costs about a
    microsecond, and a month of the § 97 bank makes several such calls); under any other context (a caller's
    ``localcontext()``, or a wider one the library sets up itself) it enters a fresh copy of :data:`CONTEXT`.

    >>> from decimal import localcontext
    >>> @exact
    ... def third(x: Decimal) -> Decimal:
    ...     return x / 3
    >>> with localcontext() as ctx:
    ...     ctx.prec = 3
    ...     third(Decimal(1))
    Decimal('0.3333333333333333333333333333')
    """

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        outer = getcontext()
        inside = type(outer) is _Entered
        if not inside:
            setcontext(_Entered(*_SETTINGS, [], list(_TRAPS)))  # positional (keywords parse slower)
        try:
            return function(*args, **kwargs)
        except (InvalidOperation, DivisionByZero, Overflow) as err:  # pragma: no cover - bounded inputs
            raise InvalidInput("amount", "?", code="input.too_large", maximum=MAX_ABS) from err
        finally:
            if not inside:
                setcontext(outer)

    return run


def _kind(value: Any) -> str:
    return type(value).__name__


def amount(value: Any, field: str) -> Decimal:
    """``value`` as an exact, finite, bounded ``Decimal`` (``-0`` as ``0``).

    >>> amount(7, "days")
    Decimal('7')
    >>> amount("600,50", "amount")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: amount = '600,50': er ikke et decimaltal skrevet med punktum; \
skriv det som "600.50"
    >>> amount(Decimal("1E+28"), "amount")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: amount = 1E+28: er uden for det tilladte område (højst 999.999.999 i \
talværdi)
    """
    if isinstance(value, bool):
        raise InvalidInput(field, value, code="input.bool")
    if isinstance(value, float):
        raise InvalidInput(field, value, code="input.float")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        if abs(value) > MAX_ABS:
            raise InvalidInput(field, _short(value), code="input.too_large", maximum=MAX_ABS)
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if CPR_PATTERN.fullmatch(text):
            raise InvalidInput(field, repr(value), code="input.cpr_shaped")
        if not _PLAIN_DECIMAL.match(text):
            raise InvalidInput(field, repr(_short(value)), code="input.not_decimal", hint=_hint(text))
        number = Decimal(text)
    else:
        raise InvalidInput(field, repr(_short(value)), code="input.type",
                           expected="en Decimal, et heltal eller en decimaltekst",
                           expected_en="a Decimal, an int or a decimal string", kind=_kind(value))
    if not number.is_finite():
        raise InvalidInput(field, value, code="input.not_finite")
    if abs(number) > MAX_ABS:
        raise InvalidInput(field, _short(number), code="input.too_large", maximum=MAX_ABS)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        raise InvalidInput(field, _short(number), code="input.too_precise", places=MAX_PLACES)
    if number.is_zero() and number.is_signed():
        number = number.copy_abs()
    return number


def _short(value: Any) -> Any:
    text = str(value)
    return value if len(text) <= 40 else f"{text[:20]}…({len(text)} tegn)"


def _hint(text: str) -> str:
    if "," in text and len(text) <= 40:
        candidate = text.replace(".", "").replace(",", ".")
        if _PLAIN_DECIMAL.match(candidate):
            return candidate
    return "1234.50"


def non_negative(value: Any, field: str) -> Decimal:
    """:func:`amount`, refusing a negative value (``input.negative``).

    >>> non_negative("-1", "expenses")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: expenses = -1: må ikke være negativ
    """
    number = amount(value, field)
    if number < 0:
        raise InvalidInput(field, number, code="input.negative")
    return number


def whole(value: Any, field: str, *, minimum: int | None = 0) -> int:
    """``value`` as an ``int`` (not a ``bool``, not a ``float``), at least ``minimum`` (``None``: any).

    >>> whole(3, "days")
    3
    >>> whole(True, "days")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: days = True: en sandhedsværdi (True/False) er ikke et tal
    """
    if isinstance(value, bool):
        raise InvalidInput(field, value, code="input.bool")
    if isinstance(value, float):
        raise InvalidInput(field, value, code="input.float")
    if not isinstance(value, int):
        raise InvalidInput(field, repr(_short(value)), code="input.whole", kind=_kind(value))
    if abs(value) > MAX_ABS:
        raise InvalidInput(field, _short(value), code="input.too_large", maximum=MAX_ABS)
    if minimum is not None and value < minimum:
        raise InvalidInput(field, value, code="input.negative") if minimum == 0 else InvalidInput(
            field, value, f"skal være mindst {minimum}")
    return value


def text(value: Any, field: str) -> str:
    """A free text (a description): a ``str``, with any CPR-shaped run replaced (it would be echoed in results).

    >>> text("kørestol til 211062-0629", "description")
    'kørestol til <CPR skjult>'
    """
    if not isinstance(value, str):
        raise InvalidInput(field, repr(_short(value)), code="input.type", expected="en tekst", expected_en="a text",
                           kind=_kind(value))
    return str(redact(value))


def flag(value: Any, field: str) -> bool:
    """``True`` or ``False``; anything else (``1``, ``"ja"``) is ``input.flag``.

    >>> flag(True, "alone")
    True
    """
    if not isinstance(value, bool):
        raise InvalidInput(field, repr(_short(value)), code="input.flag")
    return value


def day(value: Any, field: str) -> date:
    """``value`` as a ``datetime.date``; a ``datetime`` is refused (``input.datetime``), see the module.

    >>> day("2024-01-01", "on")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: on = '2024-01-01': forventede en dato (datetime.date), ikke str
    """
    if isinstance(value, dt.datetime):
        raise InvalidInput(field, repr(value), code="input.datetime")
    if not isinstance(value, date):
        raise InvalidInput(field, repr(_short(value)), code="input.date", kind=_kind(value))
    return value


def optional_day(value: Any, field: str) -> date | None:
    """:func:`day`, or ``None``."""
    return None if value is None else day(value, field)


def year(value: Any, field: str = "year") -> int:
    """A year, a whole number from 1 to 9999 (``input.year``).

    >>> year(2025)
    2025
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9999:
        raise InvalidInput(field, repr(_short(value)), code="input.year")
    return value


def month(value: Any, field: str = "month") -> Month:
    """A :class:`~socialcalc.months.Month` from a Month, a ``date`` or ``"YYYY-MM"``.

    >>> month("2024-05")
    Month(2024, 5)
    """
    from socialcalc.months import Month

    return Month.coerce(value, field)


def kommune(value: Any, field: str = "kommune") -> str | None:
    """A municipality's canonical name (``" Lejre "`` → ``"lejre"``), or ``None``; never a path.

    >>> kommune(" Lejre ")
    'lejre'
    >>> kommune("../x")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: kommune = '../x': en kommune angives ved sit navn med små bogstaver, \
fx 'lejre'
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(field, repr(_short(value)), code="input.kommune")
    name = value.strip().lower()
    if not KOMMUNE_NAME.match(name):
        raise InvalidInput(field, repr(_short(value)), code="input.kommune")
    return name
