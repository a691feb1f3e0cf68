"""The date rules of § 100 (Lemvig's quality standard; BEK 931/2020): when payment starts, stops and changes.

- **First payment month**: the ydelse is paid monthly in advance, on the 1st, from the month after the grant.
- **Last payment month**: it stops at the end of the month in which the person becomes folkepensionist.
  *Reading*: a person becomes folkepensionist on the first day folkepension is paid, the first day of the month
  after folkepensionsalderen is reached (see :func:`socialcalc.folkepension.first_pension_month`); that month's
  § 100 payment was made in advance on its 1st and is kept, so **the last payment month is the first pension
  month**. A person who defers (opsætter) folkepension is still covered: there is no last month by age.
- **Refixing lock**: the person cannot demand a new fixing earlier than ``sel100.refixing_lock_months`` after
  the last one, counted by :attr:`~socialcalc.months.MonthEndRule.CLAMP` (fixed on 29 February, free again on
  28 February the year after).
- **Changes**: a rise applies back to the month it happened in; a fall takes effect at the end of its month,
  so the new amount applies from the next month.

>>> first_payment_month(date(2024, 3, 14)) == Month(2024, 4)
True
>>> last_payment_month(date(1960, 5, 15))
Month(2027, 6)
"""

from __future__ import annotations

from datetime import date

from socialcalc import coerce
from socialcalc.errors import InvalidInput
from socialcalc.folkepension import first_pension_month
from socialcalc.months import Month, MonthEndRule, months_after
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, book_or_default

__all__ = ["change_effective_month", "first_payment_month", "last_payment_month", "may_demand_refixing"]


def _day(value: object, field: str) -> date:
    return coerce.day(value, field)


def first_payment_month(granted_on: date) -> Month:
    """The first month paid (SEL § 100; paid in advance from the month after the grant).

    >>> first_payment_month(date(2024, 12, 31)) == Month(2025, 1)
    True
    """
    return Month.from_date(_day(granted_on, "granted_on")) + 1


def last_payment_month(
    birth: date,
    *,
    deferred: bool = False,
    rates: RateBook | None = None,
    on: date | None = None,
    project: Project = False,
) -> Month | None:
    """The last month paid: the month the person becomes folkepensionist (SEL § 100 stk. 1).

    That is the first month of folkepension (the month after folkepensionsalderen is reached); its payment,
    made in advance, is kept. ``deferred=True`` (folkepension opsat) gives ``None``: the ydelse continues.
    ``on`` chooses the folkepensionsalder table in force on that day (default: the latest). ``project`` (see
    :mod:`socialcalc.projection`) is checked and passed on; the table is standing and never projected.

    >>> last_payment_month(date(1970, 12, 31))
    Month(2040, 1)
    >>> last_payment_month(date(1970, 12, 31), deferred=True) is None
    True
    """
    birth = _day(birth, "birth")
    coerce.flag(deferred, "deferred")
    project = check_project(project)
    if deferred:
        return None
    return first_pension_month(birth, rates=rates, on=on, project=project)


def change_effective_month(changed_on: date, *, rise: bool) -> Month:
    """The first month paid at the new amount after the expenses changed (BEK 931/2020).

    A rise applies back to the month it happened in; a fall from the month after.

    >>> change_effective_month(date(2024, 5, 20), rise=True) == Month(2024, 5)
    True
    >>> change_effective_month(date(2024, 5, 20), rise=False) == Month(2024, 6)
    True
    """
    month = Month.from_date(_day(changed_on, "changed_on"))
    coerce.flag(rise, "rise")
    return month if rise else month + 1


def may_demand_refixing(
    last_fixed_on: date, on: date, *, rates: RateBook | None = None, project: Project = False
) -> bool:
    """Whether on ``on`` the person may demand a new fixing (BEK 931/2020: not before a year has passed).

    The lock is ``sel100.refixing_lock_months`` (in force on ``on``), counted from ``last_fixed_on`` by
    :attr:`~socialcalc.months.MonthEndRule.CLAMP`; the demand is allowed from that day on. ``project`` (see
    :mod:`socialcalc.projection`) is passed to the rate book; the lock is standing and never projected.

    >>> may_demand_refixing(date(2024, 2, 29), date(2025, 2, 27))
    False
    >>> may_demand_refixing(date(2024, 2, 29), date(2025, 2, 28))
    True
    """
    last = _day(last_fixed_on, "last_fixed_on")
    day = _day(on, "on")
    if day < last:
        raise InvalidInput("on", day.isoformat(), code="input.before_last_fixing", last=last)
    lock = (book_or_default(rates)).at(day, project=check_project(project)).get("sel100.refixing_lock_months")
    return day >= months_after(last, int(lock.value), MonthEndRule.CLAMP)
