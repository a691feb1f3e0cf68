"""Folkepensionsalder: the age by birth date, the day it is reached, the first pension month.

Several rules end or start at folkepensionsalderen: § 97's entitlement, the end of § 100, § 103's target group.
The age depends on the birth date (lov om social pension § 1 a, LBK 527/2022, and the 2025 decision raising it
to 70 for persons born on or after 1 January 1971). The table is data: ``folkepension.age_table`` in the rate
book, versioned like every rate, so a later law is a data change.

**The day the age is reached** is the birth date plus the age in years and months, by the named rule
:attr:`~socialcalc.months.MonthEndRule.CLAMP`: a person born on 29 February reaches a whole-year age on
28 February in a year that is not a leap year. **Folkepension is paid from the first day of the following
month**, so that month is the first pension month.

A CPR number gives the birth date (:func:`birth_date_from_cpr`, by python-stdnum's ``stdnum.dk.cpr``); the
number is never kept, logged or put in a message.

>>> pension_age(date(1960, 5, 15))
PensionAge(years=67, months=0)
>>> reached_on(date(1960, 5, 15))
datetime.date(2027, 5, 15)
>>> first_pension_month(date(1960, 5, 15))
Month(2027, 6)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from socialcalc import coerce
from socialcalc.errors import InvalidInput
from socialcalc.months import Month, MonthEndRule, months_after
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, Rate, RateBook, book_or_default
from socialcalc.ratebook.model import AgeRow

__all__ = [
    "TABLE", "PensionAge", "birth_date_from_cpr", "first_pension_month", "pension_age", "reached_on", "row_for",
    "table_rate",
]

TABLE = "folkepension.age_table"
"""The rate key of the folkepensionsalder table."""


@dataclass(frozen=True)
class PensionAge:
    """An age in whole years and months (65½ is ``PensionAge(65, 6)``; lov om social pension § 1 a).

    >>> str(PensionAge(65, 6)), PensionAge(65, 6).total_months
    ('65½ år', 786)
    """

    years: int
    months: int = 0

    def __str__(self) -> str:
        return f"{self.years}½ år" if self.months == 6 else (
            f"{self.years} år og {self.months} mdr." if self.months else f"{self.years} år")

    @property
    def total_months(self) -> int:
        """The age in months."""
        return self.years * 12 + self.months


def _birth(birth: date) -> date:
    return coerce.day(birth, "birth")


def table_rate(rates: RateBook | None, on: date | None, project: Project = False) -> Rate:
    """The ``folkepension.age_table`` rate in force on ``on`` (default: the latest in the book).

    >>> table_rate(None, date(2024, 6, 1)).valid_from
    datetime.date(2022, 1, 1)
    """
    book = book_or_default(rates)
    project = check_project(project)
    if on is not None:
        on = coerce.day(on, "on")
    return (book.at(on, project=project).get(TABLE) if on else book.latest(TABLE))


def row_for(table: tuple[AgeRow, ...], birth: date) -> AgeRow:
    """The row of ``table`` for a person born on ``birth``: the last row whose ``born_from`` is on or before it.

    >>> row_for(table_rate(None, None).value, date(1955, 7, 1)).years
    67
    """
    row = table[0]
    for candidate in table:
        if candidate.born_from is None or candidate.born_from <= birth:
            row = candidate
    return row


def _table(rates: RateBook | None, on: date | None, project: Project = False) -> tuple[AgeRow, ...]:
    table: tuple[AgeRow, ...] = table_rate(rates, on, project).value
    return table


def pension_age(
    birth: date, *, rates: RateBook | None = None, on: date | None = None, project: Project = False
) -> PensionAge:
    """The folkepensionsalder of a person born on ``birth`` (lov om social pension § 1 a).

    ``on`` chooses the table in force on that day (default: the latest table in the book). ``project`` (see
    :mod:`socialcalc.projection`) is checked and passed to the rate book; the table is a standing value, so
    it never needs projecting.

    >>> pension_age(date(1954, 3, 2))
    PensionAge(years=65, months=6)
    >>> str(pension_age(date(1971, 1, 1)))
    '70 år'
    """
    birth = _birth(birth)
    row = row_for(_table(rates, on, project), birth)
    return PensionAge(row.years, row.months)


def reached_on(
    birth: date, *, rates: RateBook | None = None, on: date | None = None, project: Project = False
) -> date:
    """The day a person born on ``birth`` reaches folkepensionsalderen (29 February → 28 February).

    ``on`` and ``project`` as for :func:`pension_age`.

    >>> reached_on(date(1954, 3, 2))
    datetime.date(2019, 9, 2)
    >>> reached_on(date(1956, 2, 29))
    datetime.date(2023, 2, 28)
    """
    age = pension_age(birth, rates=rates, on=on, project=project)
    return months_after(_birth(birth), age.total_months, MonthEndRule.CLAMP)


def first_pension_month(
    birth: date, *, rates: RateBook | None = None, on: date | None = None, project: Project = False
) -> Month:
    """The first month of folkepension: the month after the age is reached.

    ``on`` and ``project`` as for :func:`pension_age`.

    >>> first_pension_month(date(1970, 12, 31))
    Month(2040, 1)
    """
    return Month.from_date(reached_on(birth, rates=rates, on=on, project=project)) + 1


def birth_date_from_cpr(cpr: str) -> date:
    """The birth date in a CPR number (``DDMMYY-SSSS``; the 7th digit gives the century).

    Uses python-stdnum's ``stdnum.dk.cpr``. The check digit is not verified (CPR numbers without a valid
    modulus-11 check digit have been issued since 2007), and unlike ``stdnum.dk.cpr.validate`` this function
    does not compare the date with today: socialcalc reads no clock. The number is never kept, and never
    appears in an error message.

    >>> birth_date_from_cpr("211062-0629")
    datetime.date(1962, 10, 21)
    >>> birth_date_from_cpr("311362-5629")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: cpr = <CPR skjult>: er ikke et gyldigt CPR-nummer (10 cifre, DDMMÅÅ-SSSS, med \
en rigtig fødselsdato)
    """
    from stdnum.dk import cpr as stdnum_cpr
    from stdnum.exceptions import ValidationError

    if not isinstance(cpr, str):
        raise InvalidInput("cpr", "<CPR skjult>", code="input.cpr")
    number = stdnum_cpr.compact(cpr)
    if not number.isdigit() or len(number) != 10:
        raise InvalidInput("cpr", "<CPR skjult>", code="input.cpr")
    try:
        born: date = stdnum_cpr.get_birth_date(number)
    except ValidationError:
        raise InvalidInput("cpr", "<CPR skjult>", code="input.cpr") from None
    return born
