"""Folkepensionsalder as an explained result: the age, the day it is reached and the first pension month.

:func:`folkepensionsalder` returns a :class:`Folkepensionsalder` with the facts of the three steps (the age from
the table in force, the day it is reached, the first month of folkepension), rendered on demand by
:meth:`Folkepensionsalder.explain` for the citizen ("du") or the caseworker, in Danish or English.

>>> r = folkepensionsalder(date(1960, 5, 15))
>>> r.years, r.reached_on, r.first_pension_month
(67, datetime.date(2027, 5, 15), Month(2027, 6))
>>> print(r.explain())
Folkepensionsalder
Du er født 15. maj 1960, og din folkepensionsalder er 67 år (lov om social pension § 1 a).
Du når folkepensionsalderen 15. maj 2027 (lov om social pension § 1 a).
Folkepension udbetales fra den første dag i måneden efter, at folkepensionsalderen er nået, for dig fra \
1. juni 2027. Du kan vælge at udskyde din folkepension.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from socialcalc.explain import Audience, Explainer, Explanation, Format, Locale
from socialcalc.folkepension.alder import TABLE, row_for, table_rate
from socialcalc.months import Month, MonthEndRule, months_after
from socialcalc.ratebook import Project, RateBook, book_or_default

__all__ = ["Folkepensionsalder", "folkepensionsalder"]

_CITATION = "hjemmel.folkepension.alder"


class Folkepensionsalder(BaseModel):
    """Folkepensionsalderen of a birth date, the day it is reached and the first pension month, with its facts.

    >>> r = folkepensionsalder(date(1954, 3, 2))
    >>> Folkepensionsalder.model_validate_json(r.model_dump_json()) == r
    True
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    birth: date
    """The birth date."""
    years: int
    """The age: whole years."""
    months: int = 0
    """The age: months beyond the whole years (6 for 65½)."""
    reached_on: date
    """The day the age is reached."""
    first_pension_month: Month
    """The first month of folkepension: the month after the age is reached."""
    explanation: Explanation
    """The facts of the three steps."""

    def explain(self, audience: Audience = "borger", locale: Locale = "da", format: Format = "text") -> str:
        """The explanation for ``audience`` (``"borger"`` or ``"sagsbehandler"``) in ``locale`` and ``format``.

        >>> print(folkepensionsalder(date(1971, 1, 1)).explain().splitlines()[1])
        Du er født 1. januar 1971, og din folkepensionsalder er 70 år (lov om social pension § 1 a).
        """
        text: str = self.explanation.render(audience=audience, locale=locale, format=format)
        return text


def folkepensionsalder(
    birth: date, *, rates: RateBook | None = None, on: date | None = None, project: Project = False
) -> Folkepensionsalder:
    """Folkepensionsalderen of a person born on ``birth``, explained (lov om social pension § 1 a).

    ``on`` chooses the table in force on that day (default: the latest table in the book); ``project`` as for
    :func:`~socialcalc.folkepension.pension_age`. The day the age is reached is the birth date plus the age in
    years and months (29 February gives 28 February in a year that is not a leap year); folkepension is paid
    from the first day of the following month.

    >>> folkepensionsalder(date(1970, 12, 31)).first_pension_month
    Month(2040, 1)
    """
    from socialcalc import coerce

    birth = coerce.day(birth, "birth")
    book = book_or_default(rates)
    rate = table_rate(book, on, project)
    row = row_for(rate.value, birth)
    reached = months_after(birth, row.years * 12 + row.months, MonthEndRule.CLAMP)
    first = Month.from_date(reached) + 1
    citation = (book.at(on).get(_CITATION) if on is not None else book.latest(_CITATION))

    ex = Explainer("folkepension.title.alder")
    step = ("folkepension.alder.hel" if row.months == 0 else
            "folkepension.alder.halv" if row.months == 6 else "folkepension.alder.maaneder")
    ex.fact(step, basis=citation, inputs={"birth": birth}, outputs={"years": row.years, "months": row.months},
            rates=(rate,))
    reading = None
    if reached.day != birth.day:
        reading = ("folkepension.reading.skuddag" if (birth.month, birth.day) == (2, 29) and row.months == 0
                   else "folkepension.reading.maanedens_sidste_dag")
    ex.fact("folkepension.naas", basis=citation, inputs={"birth": birth}, outputs={"reached_on": reached},
            reading=reading)
    ex.fact("folkepension.udbetaling", inputs={"reached_on": reached},
            outputs={"first_day": first.first_day, "first_month": first})
    return Folkepensionsalder(birth=birth, years=row.years, months=row.months, reached_on=reached,
                              first_pension_month=first, explanation=ex.build())


_ = TABLE
