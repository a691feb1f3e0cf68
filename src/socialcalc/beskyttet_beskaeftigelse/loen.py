"""§ 103 beskyttet beskæftigelse: the hourly wage (floor and municipal cap) and the wage of a period.

The municipality assesses an hourly rate from the person's effort (SEL § 105 stk. 2: løn efter indsats); the
library takes that assessed rate as input. Two limits then apply:

- **the floor** (law: BEK om aflønning og befordringsudgifter i beskyttet beskæftigelse § 1): an arbejdsdusør
  of at least ``sel103.wage_floor_share`` of the lowest collective-agreement wage of the field. The field's wage
  is an input (it differs by field). The floor is rounded to øre, half up.
- **the cap** (municipal policy, ``sel103.hourly_wage_cap``, optional): Lejre pays "som udgangspunkt" at most a
  fixed hourly wage; a municipality without a cap in the rate book (Lemvig) caps nothing.

The hourly wage is ``max(floor, min(assessed, cap))``: where the floor is above the cap, the floor wins, because
the bekendtgørelse is law and the cap is policy; the result says so (:attr:`WageBasis.FLOOR_OVER_CAP`).

The wage of a period is hours worked × the hourly wage, rounded to øre, half up (:func:`period_wage`).

The decisions are written once, on integers, in :mod:`~socialcalc.beskyttet_beskaeftigelse.beslutning` (the
batch kernel runs the same code on arrays); the facts come from
:mod:`~socialcalc.beskyttet_beskaeftigelse.fakta`.

>>> from datetime import date
>>> from decimal import Decimal
>>> w = hourly_wage("35", field_lowest_wage="180.00", on=date(2025, 1, 6), kommune="lejre")
>>> w.amount == Decimal("30.00"), w.floor, w.basis.value
(True, Decimal('9.00'), 'cap')
>>> period_wage("100", w).amount
Decimal('3000.00')
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from socialcalc import coerce
from socialcalc.beskyttet_beskaeftigelse import beslutning as b
from socialcalc.beskyttet_beskaeftigelse._common import Exact, check_day, ore, rates_on
from socialcalc.beskyttet_beskaeftigelse.fakta import period_facts, wage_facts, wage_rates
from socialcalc.coerce import exact
from socialcalc.explain import Kroner
from socialcalc.kernel import PY
from socialcalc.ratebook import Project, RateBook
from socialcalc.result import Later, Result

__all__ = ["HourlyWage", "PeriodWage", "WageBasis", "hourly_wage", "period_wage"]


class WageBasis(StrEnum):
    """What decided the hourly wage (SEL § 103; BEK § 1)."""

    ASSESSED = "assessed"
    """The assessed rate, between the floor and the cap."""
    FLOOR = "floor"
    """The assessed rate was below the floor: raised to the floor."""
    CAP = "cap"
    """The assessed rate was above the municipality's cap: lowered to the cap."""
    FLOOR_OVER_CAP = "floor_over_cap"
    """The floor is above the municipality's cap: the floor (law) wins over the cap (policy)."""


class HourlyWage(Result):
    """The hourly wage in beskyttet beskæftigelse (SEL § 103; BEK § 1). ``amount`` is kroner per hour.

    >>> from datetime import date
    >>> w = hourly_wage("35", field_lowest_wage="180", on=date(2025, 1, 6), kommune="lemvig")
    >>> w.amount, w.cap, w.basis.value
    (Decimal('35.00'), None, 'assessed')
    >>> HourlyWage.model_validate_json(w.model_dump_json()) == w
    True
    """

    assessed: Kroner
    """The hourly rate the municipality assessed (input)."""
    field_lowest_wage: Kroner
    """The lowest collective-agreement hourly wage of the field (input)."""
    floor: Kroner
    """The legal floor: the floor share × ``field_lowest_wage``, rounded to øre, half up."""
    cap: Kroner | None
    """The municipality's cap on the day, or ``None`` where it has none (or no municipality was given)."""
    basis: WageBasis
    """What decided ``amount``."""
    on: date
    kommune: str | None = None


class PeriodWage(Result):
    """The wage of a period: hours worked × the hourly wage, in øre (SEL § 103; BEK § 1).

    ``hourly_wage`` is the :class:`HourlyWage` it was computed from, when it was given one.

    >>> period_wage("7.5", "30").amount
    Decimal('225.00')
    """

    hours: Exact
    hourly_rate: Kroner
    hourly_wage: HourlyWage | None = None


@exact
def hourly_wage(
    assessed: Any,
    *,
    field_lowest_wage: Any,
    on: date,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> HourlyWage:
    """The hourly wage from the assessed rate, the legal floor and the municipal cap (SEL § 103; BEK § 1).

    ``assessed`` and ``field_lowest_wage`` are kroner per hour (``Decimal``, ``int`` or a decimal string; never a
    float, never negative). The result's ``amount`` is ``max(floor, min(assessed, cap))`` rounded to øre, half
    up; without a cap it is ``max(floor, assessed)``. ``project`` (see :mod:`socialcalc.projection`) is passed to
    the rate book: the § 103 rates are standing, so every year from their start computes strictly.

    Worked example 1 of § 103 (the field's lowest wage 180.00 kr./hour, assessed 35 kr./hour):

    >>> from datetime import date
    >>> lejre = hourly_wage("35", field_lowest_wage="180.00", on=date(2025, 1, 6), kommune="lejre")
    >>> lejre.amount == Decimal("30.00"), lejre.floor == Decimal("9.00"), lejre.cap == Decimal("30.00")
    (True, True, True)
    >>> hourly_wage("35", field_lowest_wage="180.00", on=date(2025, 1, 6), kommune="lemvig").amount
    Decimal('35.00')

    Where the floor is above the cap, the floor wins:

    >>> high = hourly_wage("35", field_lowest_wage="700", on=date(2025, 1, 6), kommune="lejre")
    >>> high.amount, high.basis.value
    (Decimal('35.00'), 'floor_over_cap')
    """
    assessed_d = coerce.non_negative(assessed, "assessed")
    lowest = coerce.non_negative(field_lowest_wage, "field_lowest_wage")
    day = check_day(on)
    table = rates_on(day, kommune, rates, project)
    used = wage_rates(table)
    share_num, share_den = b.share_ratio(Decimal(used.share.value))
    cap_ore = None if used.cap is None else b.ore_of_rate(Decimal(used.cap.value))

    # to integers at a scale that loses nothing: 10^-u øre per hour
    u = max(b.scale_of(assessed_d, lowest) - 2, 0)
    decided = b.hourly_wage(PY, assessed=b.units(assessed_d, u + 2), lowest=b.units(lowest, u + 2),
                            share_num=share_num, share_den=share_den, cap=cap_ore or 0,
                            has_cap=cap_ore is not None, unit=10**u)
    floor, amount = ore(decided.floor), ore(decided.amount)
    cap = None if cap_ore is None else ore(cap_ore)
    # the facts are built when first read (Later): every rate and citation they read is in ``used`` already
    explanation = Later(functools.partial(
        wage_facts, assessed=assessed_d, field_lowest_wage=lowest, on=day, kommune=table.kommune, rates=used,
        floor=floor, cap=cap, amount=amount, basis=decided.basis))
    return HourlyWage.built(amount=amount, explanation=explanation, assessed=assessed_d, field_lowest_wage=lowest,
                            floor=floor, cap=cap, basis=_BASES[decided.basis], on=day, kommune=table.kommune)


@exact
def period_wage(hours: Any, hourly_rate: HourlyWage | Any) -> PeriodWage:
    """The wage of a period: ``hours`` worked × ``hourly_rate``, rounded to øre, half up (SEL § 103; BEK § 1).

    ``hourly_rate`` is an :class:`HourlyWage` (its explanation then opens this one) or kroner per hour.
    ``hours`` is a non-negative ``Decimal``, ``int`` or decimal string.

    >>> period_wage("12.25", "9.00").amount == Decimal("110.25")
    True
    >>> period_wage(-1, "9")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: hours = -1: må ikke være negativ
    """
    hours_d = coerce.non_negative(hours, "hours")
    source = hourly_rate if isinstance(hourly_rate, HourlyWage) else None
    rate = source.amount if source is not None else coerce.non_negative(hourly_rate, "hourly_rate")
    h, r = b.scale_of(hours_d), max(b.scale_of(rate) - 2, 0)
    amount = ore(b.period_wage(PY, hours=b.units(hours_d, h), rate=b.units(rate, r + 2), hours_unit=10**h,
                               rate_unit=10**r))
    # built when first read, the hourly wage's facts too (they open this explanation)
    explanation = Later(lambda: period_facts(hours=hours_d, hourly_rate=rate, amount=amount,
                                             earlier=None if source is None else source.explanation))
    return PeriodWage.built(amount=amount, explanation=explanation, hours=hours_d, hourly_rate=rate,
                            hourly_wage=source)


_BASES = {b.ASSESSED: WageBasis.ASSESSED, b.FLOOR: WageBasis.FLOOR, b.CAP: WageBasis.CAP,
          b.FLOOR_OVER_CAP: WageBasis.FLOOR_OVER_CAP}
