"""Shared pieces of the §§ 109/110 day-rate rules: the paragraph, whole døgn, and charging døgn at their rates.

A run of døgn is given by the day the first døgn begins and their number; each døgn is charged at the rate in
force on the day it begins. The rate book is asked once per rate period (for the yearly day rates: once per
calendar year the run touches), never once per day.

>>> from datetime import date
>>> from socialcalc.ratebook import default_book
>>> runs = charge(default_book(), 109, None, date(2023, 12, 28), 6)
>>> [(p.days, p.rate) for p, _ in runs] == [(4, Decimal("93.38")), (2, Decimal("97.30"))]
True
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from socialcalc import coerce
from socialcalc.egenbetaling import decide
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, Kroner
from socialcalc.ratebook import Project, RateBook
from socialcalc.ratebook.model import Rate

__all__ = [
    "DAY_RATE_KEYS",
    "OFFER_DA",
    "PrepaymentTooLong",
    "StayPeriod",
    "charge",
    "check_date",
    "citation",
    "paragraph_of",
    "period_steps",
    "punktum",
    "whole_days",
]

DAY_RATE_KEYS: dict[int, str] = {109: "sel109.per_day", 110: "sel110.per_day"}
"""The rate key of the day rate for each paragraph."""

OFFER_DA: dict[int, str] = {109: "kvindekrisecenter", 110: "forsorgshjem/herberg"}
"""The offer of each paragraph, in Danish."""


class PrepaymentTooLong(InvalidInput):
    """A prepayment for more døgn than BEK 1244/2017 § 4 stk. 2 allows; ``maximum`` is the limit.

    >>> err = PrepaymentTooLong("days", 40, 31)
    >>> err.maximum == 31
    True
    """

    def __init__(self, field: str, value: int, maximum: int) -> None:
        self.maximum = maximum
        super().__init__(field, value, f"en forudbetaling dækker højst {maximum} døgn (BEK 1244/2017 § 4, stk. 2)")


class StayPeriod(BaseModel):
    """A run of døgn charged at one rate: those that begin from ``first_day`` to ``last_day`` (inclusive)."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    first_day: date
    """The day the first døgn of the run begins."""
    last_day: date
    """The day the last døgn of the run begins."""
    days: int
    """The number of døgn."""
    rate: Kroner
    """The rate per døgn in force on those days."""
    amount: Kroner
    """``days × rate``."""


def punktum(text: str) -> str:
    """End a Danish sentence with one full stop (an amount already ends with "kr.").

    >>> punktum("i alt 5,00 kr."), punktum("ingen betaling")
    ('i alt 5,00 kr.', 'ingen betaling.')
    """
    return text if text.endswith(".") else f"{text}."


def paragraph_of(value: Any) -> int:
    """The paragraph as ``109`` or ``110`` (an int, or text such as ``"110"`` or ``"§ 110"``).

    >>> paragraph_of("§ 109")
    109
    >>> paragraph_of(108)
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: paragraph = 108: en takst pr. døgn findes kun for SEL § 109 \
(kvindekrisecenter) og § 110 (forsorgshjem/herberg)
    """
    number: Any = value
    if isinstance(value, str):
        text = value.strip().removeprefix("§").strip()
        number = int(text) if text.isdigit() and len(text) <= 4 else value
    if isinstance(number, bool) or not isinstance(number, int) or number not in DAY_RATE_KEYS:
        shown = repr(value) if isinstance(value, str) else value
        raise InvalidInput("paragraph", shown, code="input.day_rate_paragraph")
    return number


def whole_days(value: Any, field: str) -> int:
    """A number of døgn: a non-negative ``int`` (a float, a bool or a fraction is refused).

    >>> whole_days(7, "days") == 7
    True
    >>> whole_days(-1, "days")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: days = -1: må ikke være negativ
    """
    return coerce.whole(value, field)


def check_date(value: Any, field: str) -> date:
    """A ``datetime.date`` (a ``datetime`` is refused: socialcalc counts whole days); :func:`socialcalc.coerce.day`."""
    return coerce.day(value, field)


def charge(
    book: RateBook, paragraph: int, kommune: str | None, first: date, days: int, project: Project = False
) -> list[tuple[StayPeriod, Rate]]:
    """The døgn that begin on ``first`` and the ``days - 1`` days after it, grouped by the rate in force.

    Each run comes with the :class:`~socialcalc.ratebook.model.Rate` it was charged at. ``project`` is passed
    to the rate book for every day looked up (the same for the whole run).

    Raises :class:`~socialcalc.errors.RateNotPublished` (naming the key and the date) if a døgn begins on a
    day with no published rate.
    """
    key = DAY_RATE_KEYS[paragraph]
    periods: list[tuple[StayPeriod, Rate]] = []
    day, remaining = first, days
    while remaining > 0:
        rate: Rate = book.at(day, kommune, project=project).get(key)
        span = remaining if rate.valid_to is None else min(remaining, (rate.valid_to - day).days + 1)
        value = Decimal(rate.value)
        periods.append((StayPeriod.model_construct(
            first_day=day, last_day=day + timedelta(days=span - 1), days=span, rate=value,
            amount=Decimal(decide.charge(decide.fraction(value), span)).scaleb(-2),
        ), rate))
        day += timedelta(days=span)
        remaining -= span
    return periods



def period_steps(ex: Explainer, paragraph: int, runs: list[tuple[StayPeriod, Rate]], basis: Rate) -> None:
    """Add one fact per run of døgn: how many, which days, the rate (and its year) and the amount."""
    for p, rate in runs:
        step = f"sel{paragraph}.doegnsats.en_dag" if p.days == 1 else f"sel{paragraph}.doegnsats.flere_dage"
        ex.fact(step, basis=basis,
                inputs={"days": p.days, "first_day": p.first_day, "last_day": p.last_day, "rate": p.rate,
                        "year": str(rate.valid_from.year)},
                outputs={"amount": p.amount}, rates=[rate])


def citation(book: RateBook, day: date, kommune: str | None, paragraph: int, what: str) -> Rate:
    """The dated legal citation ``hjemmel.sel<paragraph>.<what>`` in force on ``day`` (from the rate book)."""
    return book.at(day, kommune).get(f"hjemmel.sel{paragraph}.{what}")
