"""The result models of SEL § 100: :class:`MerudgiftResult` (the monthly ydelse) and :class:`OneOffResult`."""

from __future__ import annotations

from datetime import date
from typing import Literal, TypeAlias

from pydantic import Field

from socialcalc.explain import Kroner
from socialcalc.months import Month
from socialcalc.result import Result

__all__ = ["BandName", "GroupName", "MerudgiftResult", "OneOffCase", "OneOffResult", "RegimeName"]

RegimeName: TypeAlias = Literal["merudgiftsydelse", "kompensationsydelse"]
"""The two regimes of § 100, as the rate key ``sel100.regime`` names them."""
GroupName: TypeAlias = Literal["I", "II"]
"""The kompensationsydelse's groups."""
BandName: TypeAlias = int | Literal["full"]
"""A merudgiftsydelse band: ``0`` (under the bagatelgrænse), ``1``, ``2`` … (a standard amount), ``"full"``."""
OneOffCase: TypeAlias = Literal["recipient", "no_running", "running_under_minimum"]
"""The three cases of one-off expenses (BEK 931/2020 § 9 stk. 1, 2 and 3)."""


class MerudgiftResult(Result):
    """The monthly § 100 payment for one payment month, with its explanation (SEL § 100).

    ``amount`` is the monthly amount to the øre. Under the merudgiftsydelse ``band`` is the band paid and
    ``table_year`` the year of the band table used; under the kompensationsydelse ``groups`` holds the amount of
    each group the person qualifies for, ``recommended_group`` the one that pays more (I on a tie) and ``group``
    the one whose amount is ``amount`` (the chosen group, else the recommended one).

    >>> from socialcalc.merudgift import calculate
    >>> r = calculate("608", decided_on=date(2024, 3, 1))
    >>> (r.regime, r.band, r.table_year == 2024, r.month == Month(2024, 3))
    ('merudgiftsydelse', 1, True, True)
    >>> MerudgiftResult.model_validate_json(r.model_dump_json()) == r
    True
    """

    regime: RegimeName
    decided_on: date
    """The date of the decision (it chooses the regime)."""
    month: Month
    """The payment month (its rates are used)."""
    rates_on: date
    """The day whose rates were used: a day of the payment month, or the last day of the merudgiftsydelse's
    tables for an award under the old rules paid after they ended."""
    monthly_expenses: Kroner
    """The probable expenses per month, exactly (a yearly figure divided by 12, unrounded)."""
    documented: bool = False
    band: BandName | None = None
    table_year: int | None = None
    groups: dict[GroupName, Kroner] = Field(default_factory=dict)
    recommended_group: GroupName | None = None
    group: GroupName | None = None


class OneOffResult(Result):
    """A one-off expense under the merudgiftsydelse (BEK 931/2020 § 9), with its explanation.

    ``amount`` is everything the rule pays: the one-off expense itself (cases ``"recipient"`` and
    ``"no_running"``), or under ``"running_under_minimum"`` the merudgiftsydelse for one year, paid as
    ``months`` monthly amounts of ``monthly``. ``granted`` is ``False`` (and ``amount`` 0) where the condition
    of the case is not met.

    >>> from decimal import Decimal
    >>> from socialcalc.merudgift import one_off
    >>> r = one_off("5000", decided_on=date(2024, 5, 1), recipient=True)
    >>> (r.case, r.granted, r.amount == Decimal("5000.00"))
    ('recipient', True, True)
    """

    case: OneOffCase
    decided_on: date
    granted: bool
    monthly: Kroner | None = None
    months: int = 0
    band: BandName | None = None
    table_year: int | None = None
