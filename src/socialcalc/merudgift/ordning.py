"""Which § 100 regime a decision falls under, and the transition deadline for awards under the old rules.

The regime is data: ``sel100.regime`` is a standing policy value with a ``valid_from`` (the merudgiftsydelse,
then the kompensationsydelse from the day L 201 took effect), read **on the date of the decision**.
A decision before the first value has no table at all and is refused with a clear error.

An award under the old rules runs on until it is reassessed, at the latest on ``sel100.transition_deadline``.
That is a legal limit, not a rate: it is read with :meth:`RateBook.latest
<socialcalc.ratebook.RateBook.latest>` and checked before any amount is looked up, so a continuation past it is
an :class:`~socialcalc.errors.InvalidInput` whatever the rate tables hold.

**Which table an old award is paid at** after the band tables ended (31 Aug 2025) is :func:`old_award_table`.
The transition keeps "de hidtidige regler"; whether that includes their yearly regulation (BEK 931/2020
§ 12) is open, so the reading is data: the standing policy ``sel100.transition_reading``:

- ``"frozen"`` (the default reading): the table in force on the last day, unchanged until the
  award is reassessed;
- ``"regulated"``: that table, regulated each 1 January after it by the satsreguleringsprocent (BEK 931/2020
  § 12), rounded to whole kroner. The regulated table is made at run time, so it is a projected rate: it needs
  ``project`` (``True``: the stored percentages; a ``Decimal``: the percentage of exactly one year the book
  lacks; ``{year: percentage}``: for the years the book lacks).

The explanation says which reading was used.

>>> from socialcalc.ratebook import default_book
>>> regime_at(default_book(), date(2025, 8, 31)).value
'merudgiftsydelse'
>>> regime_at(default_book(), date(2025, 9, 1)).value
'kompensationsydelse'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from socialcalc import coerce
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.ratebook import Project, Rate, RateBook, Status
from socialcalc.ratebook.book import danish_value, index_value

__all__ = [
    "PER",
    "READING_KEY",
    "OldAwardTable",
    "check_transition",
    "months_of",
    "old_award_table",
    "regime_at",
    "to_day",
]

READING_KEY = "sel100.transition_reading"
"""The standing policy that says how an old award is paid after the band tables ended."""

_BANDS = "sel100.bands"
PER: dict[str, int] = {"month": 1, "year": 12}
"""The periods an amount may be given for, and their length in months."""


def months_of(per: Any) -> int:
    """The number of months in ``per`` (``"month"`` or ``"year"``).

    >>> months_of("year")
    12
    """
    if not isinstance(per, str) or per not in PER:
        raise InvalidInput("per", repr(per), code="input.per")
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
    socialcalc.errors.InvalidInput: decided_on = ...: SEL § 100 beregnes for afgørelser fra ... \
(satsbogens første beløbstabel); der er ingen tabel for en tidligere afgørelse
    """
    try:
        return book.at(decided_on, kommune).get("sel100.regime")
    except RateNotPublished:
        history = book.history("sel100.regime")
        if not history or decided_on >= history[0].valid_from:
            raise
        raise InvalidInput("decided_on", decided_on.isoformat(), code="input.before_first_table",
                           first=history[0].valid_from) from None


def check_transition(book: RateBook, paid_on: date, decided_on: date | None, field: str = "on") -> Rate:
    """The transition deadline, after checking that an award under the old rules is not paid on or after it.

    >>> from socialcalc.ratebook import default_book
    >>> check_transition(default_book(), date(2027, 8, 31), date(2024, 1, 10)).value
    datetime.date(2027, 9, 1)
    >>> check_transition(default_book(), date(2027, 9, 1), date(2024, 1, 10))
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: on = 2027-09-01: en merudgiftsydelse bevilget efter de hidtidige regler \
(afgørelse af ...) løber kun videre, til den er revurderet, senest til overgangsfristen \
1. september 2027 (...); den kan ikke udbetales fra den dag; revurder den som kompensationsydelse
    """
    deadline = book.latest("sel100.transition_deadline")
    limit: date = deadline.value
    if paid_on >= limit:
        paragraph = book.spec("sel100.transition_deadline").paragraph
        raise InvalidInput(field, paid_on.isoformat(), code="input.transition_passed", decided=decided_on,
                           deadline=limit, paragraph=paragraph)
    return deadline


@dataclass(frozen=True)
class OldAwardTable:
    """The band table an award under the old rules is paid at in one month, and why.

    ``reading`` is the ``sel100.transition_reading`` used (``None`` while the tables were in force) and
    ``ended`` the tables' last day (``None`` likewise); ``steps`` are the regulation steps of the
    ``"regulated"`` reading, ``(year, percentage, grade)`` (empty otherwise).
    """

    bands: Rate
    reading: Rate | None = None
    ended: date | None = None
    steps: tuple[tuple[int, Decimal, str], ...] = ()


def old_award_table(book: RateBook, paid_on: date, kommune: str | None = None,
                    project: Project = False) -> OldAwardTable:
    """The merudgiftsydelse table an award is paid at on ``paid_on`` (SEL § 100 stk. 3; L 201 overgangsregel).

    Up to the tables' end, the table of ``paid_on``; after it, the table in force on the last day, frozen or
    regulated as ``sel100.transition_reading`` says (see the module's text). Check the transition deadline
    first (:func:`check_transition`).

    >>> from socialcalc.ratebook import default_book
    >>> t = old_award_table(default_book(), date(2027, 3, 1), project=True)
    >>> t.reading.value, t.bands.valid_from.year, t.bands.projected
    ('frozen', 2025, True)
    """
    ends = book.spec(_BANDS).ends
    if ends is None or paid_on <= ends:
        return OldAwardTable(book.at(paid_on, kommune, project=project).get(_BANDS))
    reading = book.at(paid_on, kommune).get(READING_KEY)
    base = book.at(ends, kommune, project=project).get(_BANDS)
    if reading.value != "regulated" or paid_on.year == ends.year:
        return OldAwardTable(base, reading, ends)
    return _regulated(book, base, reading, ends, paid_on, project)


def _regulated(book: RateBook, base: Rate, reading: Rate, ends: date, paid_on: date,
               project: Project) -> OldAwardTable:
    years = range(ends.year + 1, paid_on.year + 1)
    from socialcalc.explain import dato  # babel's month names, read when a transition table is built

    why = (f"overgangsreglen læst som fortsat regulering regulerer tabellen fra {dato(ends)} "
           "årligt med satsreguleringsprocenten "
           "(bekendtgørelse nr. 931 af 19. juni 2020, § 12)")
    if project is False:
        raise RateNotPublished(_BANDS, paid_on, danish_value(base.value),
                               f"{why}; den regulerede tabel dannes ved beregningen, så angiv project=True (eller "
                               "procentsatserne) for at beregne den som fremskrevet", can_project=False)
    missing = [y for y in years if book.percent(y) is None]
    if isinstance(project, Decimal) and len(missing) > 1:
        raise InvalidInput("project", project, code="input.project_one_percent_bands", reason=why,
                           years_da=" og ".join(map(str, missing)), years_en=" and ".join(map(str, missing)))
    factor, steps, shown = Decimal(1), [], []
    for year in years:
        stored = book.percent(year)
        if stored is not None:
            pct, status = stored.percent, stored.status.value
        elif isinstance(project, Mapping) and year in project:
            pct, status = project[year], "given"
        elif isinstance(project, Decimal):
            pct, status = project, "given"
        else:
            raise RateNotPublished(_BANDS, paid_on, danish_value(base.value),
                                   f"{why}, og satsreguleringsprocenten for {year} er ikke i satsbogen; angiv "
                                   f"project={{{year}: Decimal('…')}}", can_project=False)
        factor *= 1 + pct / 100
        steps.append((year, pct, status))
        shown.append(f"{year}: {str(pct).replace('.', ',')} %")
    rounding = book.spec(_BANDS).rounding
    value = index_value(base.value, factor, rounding)
    source = (f"merudgiftsydelsens tabel i kraft {dato(ends)} ({base.source}), "
              f"reguleret med satsreguleringsprocenten {', '.join(shown)} og afrundet til hele kroner "
              "(overgangsreglen læst som »reguleret«)")
    rate = Rate(_BANDS, value, base.unit, date(paid_on.year, 1, 1), date(paid_on.year, 12, 31), Status.PROJECTED,
                source, base.kommune, "reguleret ved beregningen", base.origin)
    return OldAwardTable(rate, reading, ends, tuple(steps))
