"""Danish formatting for § 100's explanations, memoised (SEL § 100).

babel formats a number in about 40 µs, and one explanation names a dozen amounts, bounds and dates, most of
them from the rate book (the same few values again and again). These wrappers memoise
:func:`socialcalc.explain.kr`, :func:`~socialcalc.explain.tal` and :func:`~socialcalc.explain.dato` in a
bounded LRU cache: a pure function's memo, so the text is exactly the same, only faster.

>>> from decimal import Decimal
>>> kr(Decimal("1234")), tal(Decimal("1234")), maaned(Month(1999, 10))
('1.234,00 kr.', '1.234', 'oktober 1999')
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from babel.dates import format_date

from socialcalc import explain
from socialcalc.months import Month

__all__ = ["dato", "kr", "maaned", "tal"]

_SIZE = 4096


@functools.lru_cache(maxsize=_SIZE)
def kr(amount: Decimal) -> str:
    """:func:`socialcalc.explain.kr`, memoised."""
    return explain.kr(amount)


@functools.lru_cache(maxsize=_SIZE)
def tal(value: Decimal) -> str:
    """:func:`socialcalc.explain.tal`, memoised."""
    return explain.tal(value)


@functools.lru_cache(maxsize=_SIZE)
def dato(day: date) -> str:
    """:func:`socialcalc.explain.dato`, memoised."""
    return explain.dato(day)


@functools.lru_cache(maxsize=_SIZE)
def maaned(month: Month) -> str:
    """A month in Danish: ``oktober 2025``."""
    return str(format_date(month.first_day, format="MMMM y", locale="da_DK"))
