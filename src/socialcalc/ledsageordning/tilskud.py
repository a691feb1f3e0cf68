"""The yearly grant towards the escort's expenses (SEL § 97 stk. 7; BEK 235/2012 § 9).

The person pays their own and the escort's transport and activity costs, but may apply once a year for a grant
towards the escort's costs: the probable (*sandsynliggjorte*) expenses of the year, at most the year's maximum
(``sel097.expense_grant_max``), paid once a year as one amount.

>>> expense_grant(2024, "700").amount == Decimal("700.00")
True
>>> expense_grant(2025, "1500", kommune="lejre").amount == Decimal("1041.00")
True
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from socialcalc import coerce
from socialcalc.coerce import exact
from socialcalc.explain import Kroner
from socialcalc.ledsageordning import fakta, regel
from socialcalc.money import non_negative, round_ore
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, book_or_default
from socialcalc.result import Result

__all__ = ["ExpenseGrant", "expense_grant"]

class ExpenseGrant(Result):
    """The year's grant towards the escort's expenses: ``amount = min(expenses, maximum)``, in kroner."""

    year: int
    expenses: Kroner
    """The probable (sandsynliggjorte) expenses of the year for the escort."""
    maximum: Kroner
    """The year's maximum grant (``sel097.expense_grant_max``)."""
    capped: bool
    """Whether the maximum limited the grant."""


@exact
def expense_grant(year: int, expenses: Decimal | int | str, *, kommune: str | None = None,
                  rates: RateBook | None = None, project: Project = False) -> ExpenseGrant:
    """The yearly grant towards the escort's expenses (SEL § 97 stk. 7; BEK 235/2012 § 9).

    ``expenses``: the year's probable expenses for the escort (kroner, not negative). A year whose maximum is
    not published raises :class:`~socialcalc.errors.RateNotPublished`; ``project`` (``True``, a Decimal
    satsreguleringsprocent or ``{year: percentage}``; see :mod:`socialcalc.projection`) projects it, and the
    result says ``projected=True``.

    >>> expense_grant(2024, "1200").amount == Decimal("1005.00")
    True
    >>> r = expense_grant(2027, "5000", project=Decimal("2.5"))
    >>> r.projected, r.amount == Decimal("1115.00")
    (True, True)
    """
    year = coerce.year(year, "year")
    spent = non_negative(expenses, "expenses")
    project = check_project(project)
    book = book_or_default(rates)
    rate = book.at(date(year, 1, 1), kommune, project=project).get("sel097.expense_grant_max")
    maximum = Decimal(rate.value)
    # the decision of regel.grant_decision, on integer units exact for the input (øre or finer)
    exponent = spent.as_tuple().exponent
    scale = 10 ** max(2, -exponent if isinstance(exponent, int) else 0)
    units, capped = regel.grant_decision(int(spent * scale), int(maximum * scale), regel.PY)
    amount = round_ore(Decimal(units) / scale)
    explanation = fakta.grant_facts(book=book, kommune=kommune, year=year, expenses=spent,
                                    maximum=round_ore(maximum), amount=amount, capped=bool(capped), rate=rate)
    return ExpenseGrant.built(amount=amount, explanation=explanation, projected=explanation.projected, year=year,
                        expenses=spent, maximum=round_ore(maximum), capped=capped)
