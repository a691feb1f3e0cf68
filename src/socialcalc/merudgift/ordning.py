"""Which § 100 regime a decision falls under, and the transition deadline for awards under the old rules.

The regime is data: ``sel100.regime`` is a standing policy value with a ``valid_from`` (the merudgiftsydelse,
then the kompensationsydelse from the day L 201 took effect), read **on the date of the decision**.
A decision before the first value has no table at all and is refused with a clear error.

An award under the old rules runs on until it is reassessed, at the latest on ``sel100.transition_deadline``.
That is a legal limit, not a rate: it is read with :meth:`RateBook.latest
<socialcalc.ratebook.RateBook.latest>` and checked before any amount is looked up, so a continuation past it is
an :class:`~socialcalc.errors.InvalidInput` whatever the rate tables hold.

>>> from socialcalc.ratebook import default_book
>>> regime_at(default_book(), date(2025, 8, 31)).value
'merudgiftsydelse'
>>> regime_at(default_book(), date(2025, 9, 1)).value
'kompensationsydelse'
"""

from __future__ import annotations

from datetime import date
from typing import Any

from socialcalc import coerce
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.explain import dato
from socialcalc.ratebook import Rate, RateBook

__all__ = ["PER", "check_transition", "months_of", "regime_at", "to_day", "transition_text"]

PER: dict[str, int] = {"month": 1, "year": 12}
"""The periods an amount may be given for, and their length in months."""


def months_of(per: Any) -> int:
    """The number of months in ``per`` (``"month"`` or ``"year"``).

    >>> months_of("year")
    12
    """
    if not isinstance(per, str) or per not in PER:
        raise InvalidInput("per", repr(per), "the expenses are given per 'month' or per 'year'")
    return PER[per]


def to_day(value: Any, field: str) -> date:
    """``value`` if it is a :class:`datetime.date`, else :class:`~socialcalc.errors.InvalidInput` (by
    :func:`socialcalc.coerce.day`: a ``datetime`` is refused)."""
    return coerce.day(value, field)


def regime_at(book: RateBook, decided_on: date, kommune: str | None = None) -> Rate:
    """The value of ``sel100.regime`` on the decision date (SEL § 100; L 201, 2024-25).

    >>> from socialcalc.ratebook import default_book
    >>> regime_at(default_book(), date(2017, 12, 31))
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: decided_on = ...: SEL § 100 is computed for decisions from ... \
(the first band table in the rate book); there is no table for an earlier decision
    """
    try:
        return book.at(decided_on, kommune).get("sel100.regime")
    except RateNotPublished:
        history = book.history("sel100.regime")
        if not history or decided_on >= history[0].valid_from:
            raise
        raise InvalidInput("decided_on", decided_on.isoformat(),
                           f"SEL § 100 is computed for decisions from {history[0].valid_from.isoformat()} "
                           "(the first band table in the rate book); there is no table for an earlier decision"
                           ) from None


def check_transition(book: RateBook, paid_on: date, decided_on: date | None, field: str = "on") -> Rate:
    """The transition deadline, after checking that an award under the old rules is not paid on or after it.

    >>> from socialcalc.ratebook import default_book
    >>> check_transition(default_book(), date(2027, 8, 31), date(2024, 1, 10)).value
    datetime.date(2027, 9, 1)
    >>> check_transition(default_book(), date(2027, 9, 1), date(2024, 1, 10))
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: on = 2027-09-01: a merudgiftsydelse awarded under the old rules \
(decision of ...) runs on only until it is reassessed, at the latest by the transition deadline \
2027-09-01 (...); it cannot be paid from that date: reassess it as a kompensationsydelse
    """
    deadline = book.latest("sel100.transition_deadline")
    limit: date = deadline.value
    if paid_on >= limit:
        paragraph = book.spec("sel100.transition_deadline").paragraph
        award = "" if decided_on is None else f" (decision of {decided_on.isoformat()})"
        raise InvalidInput(field, paid_on.isoformat(),
                           f"a merudgiftsydelse awarded under the old rules{award} runs on only until it is "
                           f"reassessed, at the latest by the transition deadline {limit.isoformat()} "
                           f"({paragraph}); it cannot be paid from that date: reassess it as a kompensationsydelse")
    return deadline


def transition_text(deadline: Rate, ended: date) -> str:
    """The Danish sentence for an award under the old rules paid after its tables ended (L 201 overgangsregel).

    >>> from socialcalc.ratebook import default_book
    >>> print(transition_text(default_book().latest("sel100.transition_deadline"), date(2025, 8, 31)))
    Bevillingen er truffet efter de hidtidige regler og løber videre, til den er genvurderet, senest \
1. september 2027 (overgangsreglen). Merudgiftsydelsens tabeller ophørte 31. august ..., så beløbet beregnes \
efter tabellen i kraft 31. august ... (...-tabellen).
    """
    return (f"Bevillingen er truffet efter de hidtidige regler og løber videre, til den er genvurderet, senest "
            f"{dato(deadline.value)} (overgangsreglen). Merudgiftsydelsens tabeller ophørte {dato(ended)}, så "
            f"beløbet beregnes efter tabellen i kraft {dato(ended)} ({ended.year}-tabellen).")
