"""Escort time, exactly: the hour bank of SEL § 97 counts whole **minutes** (``int``).

A use may be given in hours (``Decimal``, ``int`` or a decimal string) or in whole minutes. Hours convert to
minutes exactly when they are a whole number of minutes (``7.5`` h = 450 min, ``0.15`` h = 9 min); anything
finer (``0.03`` h = 1.8 min) is refused, because the bank cannot hold it exactly. Integers never round, so the
bank's arithmetic (lapse, grant, cap, use) is exact.

Hours are shown as ``Decimal`` by :func:`hours_of`: exact whenever the minutes are a multiple of 3, which is
the case for every number of hours with at most two decimals (0.15 h = 9 min). 20 minutes is a third of an
hour, which no decimal holds: it is shown rounded half up to four decimals (``0.3333``), which still names the
minute, and the exact figure is the ``*_minutes`` field beside it.

>>> minutes_of("7.5", "hours")
450
>>> hours_of(450)
Decimal('7.5')
>>> hours_of(20)
Decimal('0.3333')
>>> varighed(440)
'7 timer og 20 min.'
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.dates import format_date

from socialcalc import coerce
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import timer
from socialcalc.money import non_negative
from socialcalc.months import Month

__all__ = ["MINUTES_PER_HOUR", "hours_of", "maaned", "minutes_of", "month_params", "read_duration", "varighed"]

MINUTES_PER_HOUR = 60
"""A unit conversion, not a rate."""

_SHOWN = Decimal("0.0001")


@exact
def minutes_of(hours: Any, field: str) -> int:
    """Hours (``Decimal``/``int``/decimal string, not negative) as whole minutes, exactly; refuse a fraction.

    >>> minutes_of(Decimal("0.25"), "hours")
    15
    >>> minutes_of("0.03", "hours")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: hours = 0.03: er 1,8 minutter, ikke et helt antal minutter; timebanken efter \
§ 97 tæller hele minutter; angiv minutes=… i stedet
    """
    d = non_negative(hours, field)
    exact = d * MINUTES_PER_HOUR
    if exact != exact.to_integral_value():
        raise InvalidInput(field, d, code="input.whole_minutes", minutes=exact.normalize())
    return int(exact)


def _whole_minutes(minutes: Any, field: str) -> int:
    return coerce.whole(minutes, field)


@exact
def read_duration(hours: Any, minutes: Any, field: str = "hours") -> int:
    """Exactly one of ``hours`` and ``minutes`` (``int``) given, as whole minutes.

    >>> read_duration(None, 90)
    90
    >>> read_duration(2, None)
    120
    >>> read_duration(None, None)
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: hours = None: angiv tiden enten som timer eller som minutes=…
    """
    if (hours is None) == (minutes is None):
        shown = None if hours is None else f"{hours!r} and minutes={minutes!r}"
        raise InvalidInput(field, shown, code="input.duration")
    if minutes is not None:
        return _whole_minutes(minutes, "minutes")
    return minutes_of(hours, field)


@exact
def hours_of(minutes: int) -> Decimal:
    """Whole minutes as hours: exact for multiples of 3 minutes, else rounded half up to 4 decimals.

    >>> hours_of(450), hours_of(9), hours_of(1)
    (Decimal('7.5'), Decimal('0.15'), Decimal('0.0167'))
    """
    if minutes % 3 == 0:
        return Decimal(minutes // 3) / (MINUTES_PER_HOUR // 3)
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(_SHOWN, rounding=ROUND_HALF_UP)


def _hours_text(hours: Decimal) -> str:
    """``timer(hours)`` without babel's cost for the common case (under four digits: no thousands separator)."""
    if hours.adjusted() >= 3:
        return timer(hours)
    text = format(hours.normalize(), "f").replace(".", ",")
    return f"{text} {'time' if hours == 1 else 'timer'}"


def varighed(minutes: int) -> str:
    """A duration in Danish: ``15 timer``, ``7,5 timer``, ``20 min.``, ``7 timer og 20 min.``.

    >>> varighed(900), varighed(450), varighed(20), varighed(60)
    ('15 timer', '7,5 timer', '20 min.', '1 time')
    """
    if minutes % 3 == 0:
        return _hours_text(hours_of(minutes))
    whole, rest = divmod(minutes, MINUTES_PER_HOUR)
    return f"{_hours_text(Decimal(whole))} og {rest} min." if whole else f"{rest} min."


_MONTH_NAMES = tuple(str(format_date(date.min.replace(month=n), format="LLLL", locale="da_DK")) for n in range(1, 13))


def maaned(month: Month) -> str:
    """A month in Danish: ``marts 2024``.

    >>> maaned(Month(2024, 3))
    'marts 2024'
    """
    return f"{_MONTH_NAMES[month.month - 1]} {month.year}"


_MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")


def month_params(name: str, month: Month) -> dict[str, str]:
    """A month as the parameters ``<name>_da`` and ``<name>_en`` of an error message (``marts 2024``).

    >>> month_params("start", Month(2024, 3))
    {'start_da': 'marts 2024', 'start_en': 'March 2024'}
    """
    return {f"{name}_da": maaned(month), f"{name}_en": f"{_MONTH_NAMES_EN[month.month - 1]} {month.year}"}
