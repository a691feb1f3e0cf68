"""The ``project=`` argument every rule function takes, checked the same way everywhere, before any work.

``project`` says how a rule may fill a yearly rate that the book does not publish for the case's date
(:data:`~socialcalc.ratebook.Project`):

- ``False`` (the default): strict; an unpublished rate raises :class:`~socialcalc.errors.RateNotPublished`;
- ``True``: project with the indices stored in the rate book;
- a ``Decimal`` percentage: for exactly one missing year;
- a mapping ``{year: Decimal percentage}``: one percentage per missing year.

What a projection then means (which index, which years, the grade of the result) is the rate book's business
(:meth:`socialcalc.ratebook.RateBook.at`): a rule only checks the argument's type here and passes it on,
the same value for every date of the case.

>>> from decimal import Decimal
>>> check_project(Decimal("4.5"))
Decimal('4.5')
>>> check_project({2026: Decimal("4.5"), 2027: Decimal("3.0")})
{2026: Decimal('4.5'), 2027: Decimal('3.0')}
>>> check_project(4.5)
Traceback (most recent call last):
...
socialcalc.errors.InvalidInput: project = 4.5: a float is not accepted; give the percentage as a Decimal, \
e.g. Decimal('4.5')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from socialcalc import coerce
from socialcalc.errors import InvalidInput
from socialcalc.ratebook import Project

__all__ = ["check_project"]

_WHAT = "project is False (strict), True (the stored indices), a Decimal percentage, or {year: Decimal}"
_LOWEST = Decimal(-100)


def _percentage(value: Any, field: str) -> Decimal:
    if isinstance(value, float):
        raise InvalidInput(field, value, "a float is not accepted; give the percentage as a Decimal, e.g. "
                                         "Decimal('4.5')")
    if not isinstance(value, Decimal):
        raise InvalidInput(field, repr(value), f"a percentage is a Decimal, e.g. Decimal('4.5') ({_WHAT})")
    number: Decimal = coerce.amount(value, field)  # NaN, infinities and absurd sizes refused with their codes
    if number < _LOWEST:
        raise InvalidInput(field, number, "a percentage below -100 would make amounts negative")
    return number


def check_project(value: Any, field: str = "project") -> Project:
    """``value`` if it is a valid ``project`` argument, else :class:`~socialcalc.errors.InvalidInput`.

    A mapping is returned as a new ``dict`` (the caller's object is not kept).

    >>> check_project(True)
    True
    >>> check_project({"2026": Decimal("4.5")})
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: project = '2026': a year is a whole number such as 2026 \
(project is False (strict), True (the stored indices), a Decimal percentage, or {year: Decimal})
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, Mapping):
        checked: dict[int, Decimal] = {}
        for year, pct in value.items():
            if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
                raise InvalidInput(field, repr(year), f"a year is a whole number such as 2026 ({_WHAT})")
            checked[year] = _percentage(pct, f"{field}[{year}]")
        return checked
    if isinstance(value, Decimal | float):
        return _percentage(value, field)
    raise InvalidInput(field, repr(value), _WHAT)
