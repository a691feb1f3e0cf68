"""Calendar months, and the rule for "N months after a date".

Many rules in serviceloven run by calendar month: § 97 grants hours per month and lets them lapse six months
later, § 100 pays monthly from the month after the grant. :class:`Month` is an immutable value for that: it
parses ``"2024-03"``, compares, adds whole months and iterates.

"N months after a date" is ambiguous at month ends (what is 31 August + 6 months?). socialcalc names its rule:
:attr:`MonthEndRule.CLAMP` (the default, and python-dateutil's ``relativedelta``) keeps the day of the month
and, where the target month is shorter, takes its last day: 31 Aug 2024 + 6 months = 28 Feb 2025, and
29 Feb 2024 + 12 months = 28 Feb 2025. :attr:`MonthEndRule.ROLL_FORWARD` instead takes the first day of the
following month (1 Mar 2025) for a caller whose practice is that.

>>> Month(2024, 12) + 1
Month(2025, 1)
>>> str(Month.parse("2024-03"))
'2024-03'
>>> months_after(date(2024, 8, 31), 6)
datetime.date(2025, 2, 28)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum
from functools import total_ordering
from typing import Any

from socialcalc import coerce
from socialcalc.errors import InvalidInput

__all__ = ["Month", "MonthEndRule", "months_after"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


_FIRST_INDEX = 1 * 12  # January of year 1
_LAST_INDEX = 9999 * 12 + 11  # December 9999


@total_ordering
class Month:
    """A calendar month, such as March 2024.

    >>> m = Month(2024, 3)
    >>> m.first_day, m.last_day
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))
    >>> Month(2025, 1) - Month(2024, 3)
    10
    >>> list(Month.range(Month(2024, 11), Month(2025, 2)))
    [Month(2024, 11), Month(2024, 12), Month(2025, 1)]
    """

    __slots__ = ("_index",)
    _index: int

    def __init__(self, year: int, month: int) -> None:
        if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
            raise InvalidInput("year", repr(year), code="input.year")
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise InvalidInput("month", repr(month), code="input.month")
        object.__setattr__(self, "_index", year * 12 + (month - 1))

    @classmethod
    def _from_index(cls, index: int) -> Month:
        if _FIRST_INDEX <= index <= _LAST_INDEX:  # year 1 to 9999: nothing to check (month arithmetic is hot)
            month = object.__new__(cls)
            object.__setattr__(month, "_index", index)
            return month
        return cls(index // 12, index % 12 + 1)  # refused, as the constructor refuses the year

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``"YYYY-MM"``; anything else is :class:`~socialcalc.errors.InvalidInput`.

        >>> Month.parse("2024-13")
        Traceback (most recent call last):
        ...
        socialcalc.errors.InvalidInput: month = '2024-13': en måned skrives ÅÅÅÅ-MM med MM fra 01 til 12
        """
        m = _MONTH.match(text.strip()) if isinstance(text, str) else None
        if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
            raise InvalidInput("month", repr(text), code="input.month")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def from_date(cls, day: date) -> Month:
        """The month that ``day`` falls in (a ``datetime`` is refused, as everywhere: ``input.datetime``).

        >>> Month.from_date(date(2024, 2, 29))
        Month(2024, 2)
        """
        day = coerce.day(day, "day")
        return cls._from_index(day.year * 12 + day.month - 1)

    @classmethod
    def coerce(cls, value: Month | date | str, field: str = "month") -> Month:
        """A :class:`Month` from a Month, a date or a ``"YYYY-MM"`` string (a ``datetime`` is refused).

        >>> Month.coerce("2024-05")
        Month(2024, 5)
        """
        if isinstance(value, Month):
            return value
        if isinstance(value, date):
            return cls.from_date(coerce.day(value, field))
        if isinstance(value, str) and len(value) <= 40:
            try:
                return cls.parse(value)
            except InvalidInput:
                raise InvalidInput(field, repr(value), code="input.month") from None
        raise InvalidInput(field, repr(coerce._short(value)), code="input.month")

    @staticmethod
    def range(start: Month, stop: Month) -> Iterator[Month]:
        """The months from ``start`` up to, not including, ``stop``."""
        for i in range(start._index, stop._index):
            yield Month._from_index(i)

    @property
    def year(self) -> int:
        """The year."""
        return self._index // 12

    @property
    def month(self) -> int:
        """The month number, 1–12."""
        return self._index % 12 + 1

    @property
    def first_day(self) -> date:
        """The first day of the month."""
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        """The last day of the month."""
        if self.month == 12:
            return date(self.year, 12, 31)
        return (self + 1).first_day - timedelta(days=1)

    def __add__(self, months: int) -> Month:
        if isinstance(months, bool) or not isinstance(months, int):
            return NotImplemented
        return Month._from_index(self._index + months)

    def __sub__(self, other: Any) -> Any:
        if isinstance(other, Month):
            return self._index - other._index
        if isinstance(other, int) and not isinstance(other, bool):
            return Month._from_index(self._index - other)
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Month) and other._index == self._index

    def __lt__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return self._index < other._index

    def __hash__(self) -> int:
        return hash(("Month", self._index))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Month is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Month, (self.year, self.month))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Pydantic support: a Month is validated from a Month or ``"YYYY-MM"`` and serialised as that text."""
        from pydantic_core import core_schema

        def validate(value: Any) -> Month:
            return cls.coerce(value)

        return core_schema.no_info_plain_validator_function(
            validate,
            json_schema_input_schema=core_schema.str_schema(pattern=r"^\d{4}-\d{2}$"),
            serialization=core_schema.to_string_ser_schema(),
        )


class MonthEndRule(StrEnum):
    """How "N months after a date" treats a day that the target month does not have."""

    CLAMP = "clamp"
    """Take the target month's last day (31 Aug + 6 months = 28/29 Feb). python-dateutil's rule; the default."""
    ROLL_FORWARD = "roll_forward"
    """Take the first day of the month after the target month (31 Aug + 6 months = 1 Mar)."""


def months_after(day: date, months: int, rule: MonthEndRule = MonthEndRule.CLAMP) -> date:
    """The date ``months`` calendar months after ``day``, by the named :class:`MonthEndRule`.

    >>> months_after(date(2024, 2, 29), 12)
    datetime.date(2025, 2, 28)
    >>> months_after(date(2024, 8, 31), 6, MonthEndRule.ROLL_FORWARD)
    datetime.date(2025, 3, 1)
    >>> months_after(date(2024, 1, 15), 6)
    datetime.date(2024, 7, 15)
    """
    day = coerce.day(day, "day")
    months = coerce.whole(months, "months", minimum=None)
    if not isinstance(rule, MonthEndRule):
        try:
            rule = MonthEndRule(rule)
        except (ValueError, TypeError):
            raise InvalidInput("rule", repr(coerce._short(rule)), code="input.explain",
                               choices="'clamp' eller 'roll_forward'") from None
    from dateutil.relativedelta import relativedelta  # here: the only use (a command line rarely needs it)

    try:
        clamped: date = day + relativedelta(months=months)
        if rule is MonthEndRule.ROLL_FORWARD and clamped.day != day.day:
            return Month.from_date(clamped).last_day + timedelta(days=1)
    except (ValueError, OverflowError, InvalidInput):
        raise InvalidInput("months", months, code="input.date_range") from None
    return clamped
