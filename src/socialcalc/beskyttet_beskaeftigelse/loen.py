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

>>> from datetime import date
>>> from decimal import Decimal
>>> w = hourly_wage("35", field_lowest_wage="180.00", on=date(2025, 1, 6), kommune="lejre")
>>> w.amount == Decimal("30.00"), w.floor, w.basis.value
(True, Decimal('9.00'), 'cap')
>>> period_wage("100", w).amount
Decimal('3000.00')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from socialcalc.beskyttet_beskaeftigelse._common import BEK, Exact, check_day, kommune_text, rates_on
from socialcalc.coerce import exact
from socialcalc.explain import Explainer, Explanation, Kroner, dato, kr, procent, timer
from socialcalc.money import non_negative, round_ore
from socialcalc.ratebook import Project, RateBook
from socialcalc.result import Result

__all__ = ["HourlyWage", "PeriodWage", "WageBasis", "hourly_wage", "period_wage"]

_PARAGRAPH_WAGE = "SEL § 103, § 105 stk. 2"
_PARAGRAPH_FLOOR = f"{BEK} § 1"
_PARAGRAPH_CAP = "SEL § 103; kommunens kvalitetsstandard"


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

    def explain(self) -> str:  # type: ignore[override]  # legacy text, until this rule renders facts
        """The explanation as Danish text, ending with the hourly wage."""
        return f"{self.explanation.render()}\nResultat: {kr(self.amount)} i timen"


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

    Worked example 1 of the spec (the field's lowest wage 180.00 kr./hour, assessed 35 kr./hour):

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
    assessed_d = non_negative(assessed, "assessed")
    lowest = non_negative(field_lowest_wage, "field_lowest_wage")
    day = check_day(on)
    table = rates_on(day, kommune, rates, project)
    share_rate = table.get("sel103.wage_floor_share")
    cap_rate = table.optional("sel103.hourly_wage_cap")

    share = Decimal(share_rate.value)
    floor = round_ore(share * lowest)
    cap = None if cap_rate is None else round_ore(Decimal(cap_rate.value))
    where = kommune_text(table.kommune)

    if cap is not None and floor > cap:
        amount, basis = floor, WageBasis.FLOOR_OVER_CAP
    elif assessed_d < floor:
        amount, basis = floor, WageBasis.FLOOR
    elif cap is not None and assessed_d > cap:
        amount, basis = cap, WageBasis.CAP
    else:
        amount, basis = round_ore(assessed_d), WageBasis.ASSESSED

    # each figure is formatted once (babel is the cost of an explanation)
    s_assessed, s_floor, s_cap = kr(assessed_d), kr(floor), None if cap is None else kr(cap)
    ex = Explainer("Timeløn i beskyttet beskæftigelse (SEL § 103)")
    ex.step("beskyttet_beskaeftigelse.vurdering", _PARAGRAPH_WAGE,
            f"Kommunen har ud fra en individuel vurdering af arbejdsindsatsen fastsat timelønnen til "
            f"{s_assessed} i timen.", inputs={"assessed": assessed_d}, output=assessed_d)
    ex.step("beskyttet_beskaeftigelse.mindsteloen", _PARAGRAPH_FLOOR,
            f"Arbejdsdusøren skal mindst udgøre {procent(share)} af fagets laveste overenskomstmæssige timeløn, "
            f"{kr(lowest)}: {s_floor} i timen (afrundet til hele øre, halvt op).",
            inputs={"field_lowest_wage": lowest}, rates=[share_rate], output=floor)
    if cap_rate is None or cap is None:
        why = (f"{where} har ikke fastsat en højeste timeløn gældende {dato(day)}" if table.kommune
               else "Der er ikke angivet en kommune, så ingen kommunal højeste timeløn er anvendt")
        ex.step("beskyttet_beskaeftigelse.loft", _PARAGRAPH_CAP,
                f"{why}; timelønnen begrænses ikke opad.")
    else:
        ex.step("beskyttet_beskaeftigelse.loft", _PARAGRAPH_CAP,
                f"{where}s kvalitetsstandard fastsætter som udgangspunkt en timeløn på højst {s_cap} i timen.",
                rates=[cap_rate], output=cap)

    if basis is WageBasis.FLOOR_OVER_CAP:
        text = (f"Mindstebeløbet efter bekendtgørelsen, {s_floor}, er højere end kommunens loft på {s_cap} "
                f"i timen. Bekendtgørelsen går forud for kommunens retningslinje, så timelønnen er mindstebeløbet, "
                f"{s_floor} i timen.")
    elif basis is WageBasis.FLOOR:
        text = f"Den vurderede timeløn, {s_assessed}, er under mindstebeløbet; timelønnen hæves til {s_floor} i timen."
    elif basis is WageBasis.CAP:
        text = f"Den vurderede timeløn, {s_assessed}, er over kommunens loft; timelønnen nedsættes til {s_cap} i timen."
    else:
        limits = f"mellem mindstebeløbet {s_floor} og loftet {s_cap}" if cap is not None else (
            f"ikke under mindstebeløbet {s_floor}")
        text = f"Den vurderede timeløn ligger {limits} og anvendes: {kr(amount)} i timen (afrundet til hele øre)."
    ex.step("beskyttet_beskaeftigelse.timeloen", f"{_PARAGRAPH_WAGE}; {_PARAGRAPH_FLOOR}", text,
            output=amount)
    explanation = ex.build()
    return HourlyWage(amount=amount, explanation=explanation, projected=explanation.projected,
                      assessed=assessed_d, field_lowest_wage=lowest, floor=floor, cap=cap, basis=basis,
                      on=day, kommune=table.kommune)


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
    hours_d = non_negative(hours, "hours")
    source = hourly_rate if isinstance(hourly_rate, HourlyWage) else None
    rate = source.amount if source is not None else non_negative(hourly_rate, "hourly_rate")
    amount = round_ore(hours_d * rate)
    ex = Explainer("Løn for perioden i beskyttet beskæftigelse (SEL § 103)")
    ex.step("beskyttet_beskaeftigelse.periodeloen", _PARAGRAPH_WAGE,
            f"Lønnen for perioden er {timer(hours_d)} × {kr(rate)} i timen = {kr(amount)} "
            f"(afrundet til hele øre, halvt op).",
            inputs={"hours": hours_d, "hourly_rate": rate}, output=amount)
    own = ex.build()
    earlier = source.explanation.steps if source is not None else ()
    explanation = Explanation.model_construct(title=own.title, steps=(*earlier, *own.steps))
    return PeriodWage(amount=amount, explanation=explanation, projected=explanation.projected,
                      hours=hours_d, hourly_rate=rate, hourly_wage=source)
