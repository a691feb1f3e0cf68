"""The ``project=`` argument every rule function takes, checked the same way everywhere, before any work.

``project`` says how a rule may fill a yearly rate that the book does not publish for the case's date
(:data:`~socialcalc.ratebook.Project`):

- ``False`` (the default): strict; an unpublished rate raises :class:`~socialcalc.errors.RateNotPublished`;
- ``True``: project with the indices stored in the rate book;
- a ``Decimal`` percentage: for exactly one missing year;
- a mapping ``{year: Decimal percentage}``: one percentage per missing year.

What a projection then means (which index, which years, the grade of the result) is the rate book's business
(:meth:`socialcalc.ratebook.RateBook.at`): a rule checks the argument here, with the book's own check
(:func:`socialcalc.ratebook.book.checked_project`), before any work, and passes it on, the same value for
every date of the case.

>>> from decimal import Decimal
>>> check_project(Decimal("3.3"))
Decimal('3.3')
>>> dict(check_project({2026: Decimal("3.3"), 2027: Decimal("3.0")}))
{2026: Decimal('3.3'), 2027: Decimal('3.0')}
>>> check_project(3.3)
Traceback (most recent call last):
...
socialcalc.errors.InvalidInput: project = 3.3: et kommatal (float) modtages ikke; angiv procentsatsen som en \
Decimal, fx Decimal('3.3')
"""

from __future__ import annotations

from typing import Any

from socialcalc.errors import InvalidInput
from socialcalc.ratebook import Project
from socialcalc.ratebook.book import checked_project

__all__ = ["check_project"]


def check_project(value: Any) -> Project:
    """``value`` if it is a valid ``project`` argument, else :class:`~socialcalc.errors.InvalidInput`.

    A mapping is returned as a read-only copy (the caller's object is not kept).

    >>> from decimal import Decimal
    >>> check_project(True)
    True
    >>> check_project({"2026": Decimal("3.3")})
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: project = '2026': nøglerne i project er årstal, fx 2027
    """
    if isinstance(value, float):
        raise InvalidInput("project", value, code="input.project_float")
    return checked_project(value)
