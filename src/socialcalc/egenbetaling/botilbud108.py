"""Egenbetaling in a long-term residential offer (SEL § 108): the yearly housing payment from costs and income.

The municipality fixes the payment from the dwelling's costs (BEK 1387/2006 § 6) and the resident's income
(§ 7), and the resident never pays more than the dwelling's costs (§ 5 stk. 1). All amounts are **kroner per
year**; the result also shows the payment per month.

1. The income basis is reduced, for a **truly single pensioner**, by ``sel108.single_pensioner_reduction``,
   and by the amount **set aside for dependants** outside the offer (§ 9; an input). Never below 0.
2. Income-based payment = ``sel108.share_low`` × the basis up to ``sel108.threshold`` + ``sel108.share_high``
   × the basis above it (sm.dk, "Betaling for botilbud (lovens § 163, stk. 3)").
3. Housing payment = min(the dwelling's yearly costs, the income-based payment), to øre.
4. **Married or cohabiting pensioners** (a :class:`Couple`; ``income_basis`` and ``dwelling_costs`` are then
   their joint basis and the costs of their joint area): a discount of ``sel108.couple_discount_share`` on the
   housing payment, less ``sel108.couple_discount_point`` for each full ``sel108.couple_discount_step`` kroner
   by which their joint income exceeds the social pension (never below 0) (§ 10).
5. ``monthly`` = the yearly payment ÷ 12, rounded half up to øre (twelve months may differ from the yearly
   amount by a few øre).

Electricity and heating by consumption and the services the resident chose (board, laundry, cleaning) are
separate lines at the offer's prices: inputs shown in the result, never part of the housing payment.

**The kompensationsbeløb is an input.** The "kompensationsbeløb" rows of the ministry's table adjust a
compensation amount defined in BEK 1387/2006 §§ 6–8, which socialcalc has not read, so it never computes it.
The municipality gives the kompensationsbeløb it has fixed (``kompensationsbeloeb``, kroner per year): it is
deducted from the yearly payment, after any couples' discount (socialcalc's reading of the order), never below
0. Without it nothing is deducted, and the explanation records that no kompensationsbeløb was given, so a
payment that is too high for want of it is never silent.

>>> from datetime import date
>>> r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1))
>>> r.amount == Decimal("36600.00"), r.monthly == Decimal("3050.00")
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from socialcalc.coerce import exact
from socialcalc.egenbetaling import decide
from socialcalc.egenbetaling._common import check_date, punktum
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, Kroner, kr, procent, tal
from socialcalc.money import ZERO, non_negative, round_ore
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, default_book
from socialcalc.result import Result

__all__ = ["Couple", "Sel108Result", "sel108"]

_MONTHS_PER_YEAR = 12
_PARA = "SEL § 163 stk. 3; BEK 1387/2006"


class Couple(BaseModel):
    """Married or cohabiting pensioners in the same offer (BEK 1387/2006 § 10); amounts in kroner per year.

    >>> Couple(joint_income=Decimal("300000"), social_pension=Decimal("280000")).joint_income
    Decimal('300000')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    joint_income: Kroner
    """The couple's joint income, compared with the social pension."""
    social_pension: Kroner
    """The social pension the joint income is compared with (an input: its amount is not in the rate book)."""


def _couple_of(value: Any) -> Couple | None:
    if value is None:
        return None
    if isinstance(value, Couple):
        fields = {"joint_income": value.joint_income, "social_pension": value.social_pension}
    elif isinstance(value, Mapping):
        fields = dict(value)
        if set(fields) != {"joint_income", "social_pension"}:
            raise InvalidInput("couple", sorted(fields), code="input.couple_fields")
    else:
        raise InvalidInput("couple", repr(value), code="input.couple")
    return Couple.model_construct(
        joint_income=non_negative(fields["joint_income"], "couple.joint_income"),
        social_pension=non_negative(fields["social_pension"], "couple.social_pension"),
    )


class Sel108Result(Result):
    """The § 108 housing payment: ``amount`` per year and ``monthly``, with every step of the way."""

    on: date
    income_basis: Kroner
    """The income basis as given (per year)."""
    single_pensioner_reduction: Kroner
    """Taken off the basis for a truly single pensioner (0 otherwise)."""
    dependants_set_aside: Kroner
    """Taken off the basis for dependants outside the offer."""
    reduced_basis: Kroner
    """The basis the payment is computed from."""
    income_based: Kroner
    """The income-based payment per year."""
    dwelling_costs: Kroner
    """The dwelling's costs per year (the ceiling)."""
    couple: Couple | None = None
    couple_discount: Kroner | None = None
    """The couples' discount as a share (``None`` for a single resident)."""
    monthly: Kroner
    """``amount`` ÷ 12, to øre."""
    electricity: Kroner
    """A separate line (per year), not part of the housing payment."""
    heating: Kroner
    """A separate line (per year), not part of the housing payment."""
    services: Kroner
    """Chosen services (board, laundry, cleaning; per year), a separate line, not part of the housing payment."""
    kompensationsbeloeb: Kroner | None = None
    """The kompensationsbeløb given (BEK 1387/2006 §§ 6–8, per year); ``None``: none was given, none deducted."""
    kompensation_deducted: Kroner = Decimal("0.00")
    """The kroner actually deducted for it (never more than the payment)."""

    def explain(self) -> str:  # type: ignore[override]  # legacy text, until this rule renders facts
        """The explanation, ending with the yearly and monthly payment."""
        lines = self.electricity + self.heating + self.services
        extra = f"; hertil særskilt el, varme og valgte ydelser: {kr(lines)} om året" if lines else ""
        return punktum(f"{self.explanation.render()}\nResultat: {kr(self.amount)} om året "
                       f"({kr(self.monthly)} pr. måned){extra}")


@exact
def sel108(
    *,
    income_basis: Any,
    dwelling_costs: Any,
    on: date,
    single_pensioner: bool = False,
    dependants_set_aside: Any = 0,
    couple: Couple | Mapping[str, Any] | None = None,
    electricity: Any = 0,
    heating: Any = 0,
    services: Any = 0,
    kompensationsbeloeb: Any = None,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> Sel108Result:
    """The yearly housing payment in a long-term residential offer (SEL §§ 108, 163 stk. 3; BEK 1387/2006).

    Amounts are kroner per year. ``couple``: a :class:`Couple` or a dict with ``joint_income`` and
    ``social_pension``. ``on`` picks the year's table: a year without the needed figure raises
    :class:`~socialcalc.errors.RateNotPublished` unless ``project`` (see :mod:`socialcalc.projection`) lets the
    rate book project it with the index the key declares (the thresholds follow 2 % ± the tilpasningsprocent,
    the couples' step the satsreguleringsprocent: BEK 1387/2006 § 17); the result then says ``projected=True``.
    ``kompensationsbeloeb``: the kompensationsbeløb the municipality has fixed under BEK 1387/2006 §§ 6–8
    (kroner per year), deducted from the payment; ``None`` deducts nothing, and the explanation says so.

    >>> r = sel108(income_basis=200000, dwelling_costs=60000, on=date(2024, 6, 1), single_pensioner=True)
    >>> r.reduced_basis == Decimal("149200"), r.amount == Decimal("14920.00")
    (True, True)
    >>> c = Couple(joint_income=Decimal("300000"), social_pension=Decimal("288710"))
    >>> r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1), couple=c)
    >>> r.couple_discount == Decimal("0.23"), r.amount == Decimal("28790.30")
    (True, True)
    >>> sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1), kompensationsbeloeb=1000).amount
    Decimal('35600.00')
    """
    basis = non_negative(income_basis, "income_basis")
    costs = non_negative(dwelling_costs, "dwelling_costs")
    on = check_date(on, "on")
    if not isinstance(single_pensioner, bool):
        raise InvalidInput("single_pensioner", repr(single_pensioner), code="input.flag")
    set_aside = non_negative(dependants_set_aside, "dependants_set_aside")
    pair = _couple_of(couple)
    if pair is not None and single_pensioner:
        raise InvalidInput("single_pensioner", True, code="input.single_in_couple")
    lines = {name: non_negative(v, name) for name, v in
             (("electricity", electricity), ("heating", heating), ("services", services))}
    kompensation = None if kompensationsbeloeb is None else non_negative(kompensationsbeloeb, "kompensationsbeloeb")
    project = check_project(project)

    at = (rates or default_book()).at(on, kommune, project=project)
    threshold, low, high = at.get("sel108.threshold"), at.get("sel108.share_low"), at.get("sel108.share_high")
    reduction_rate = at.get("sel108.single_pensioner_reduction") if single_pensioner else None
    couple_rates = ([at.get("sel108.couple_discount_share"), at.get("sel108.couple_discount_point"),
                     at.get("sel108.couple_discount_step")] if pair is not None else [])

    ex = Explainer("Betaling for længerevarende botilbud (SEL § 108)")
    pension_cut = Decimal(reduction_rate.value) if reduction_rate is not None else ZERO
    t, s_low, s_high = Decimal(threshold.value), Decimal(low.value), Decimal(high.value)
    couple_values = [Decimal(r.value) for r in couple_rates]
    out = decide.sel108(
        _ore(basis), _ore(pension_cut), _ore(set_aside), _ore(costs), _ore(t), decide.fraction(s_low),
        decide.fraction(s_high), couple=pair is not None,
        joint_income=_ore(pair.joint_income) if pair else 0, social_pension=_ore(pair.social_pension) if pair else 0,
        step=_ore(couple_values[2]) if pair else 1,
        discount_share=decide.fraction(couple_values[0]) if pair else (0, 1),
        discount_point=decide.fraction(couple_values[1]) if pair else (0, 1),
        kompensation=_ore(kompensation) if kompensation is not None else 0)
    reduced = _whole(out.reduced)
    _basis_steps(ex, basis, reduction_rate, set_aside, reduced)

    part_low, part_high = _kroner(out.part_low), _kroner(out.part_high)
    income_based = _kroner(out.income_based)
    below, above = min(reduced, t), max(ZERO, reduced - t)
    ex.step("sel108.indkomst", f"{_PARA} § 7",
            f"Indkomstbestemt betaling: {procent(s_low)} af {kr(below)} (op til "
            f"{threshold.valid_from.year}-grænsen på {kr(t)}) = {kr(part_low)} og {procent(s_high)} af "
            f"{kr(above)} over grænsen = {kr(part_high)}; i alt {kr(income_based)} "
            "om året.", inputs={"indkomstgrundlag": reduced}, rates=[threshold, low, high], output=income_based)
    housing = _kroner(out.housing)
    capped = "boligens omkostninger" if out.capped_by_costs else "den indkomstbestemte betaling"
    ex.step("sel108.loft", f"{_PARA} § 5 stk. 1",
            f"Betalingen er det mindste af boligens omkostninger ({kr(costs)} om året) og den indkomstbestemte "
            f"betaling; her {capped}: {kr(housing)} om året.",
            inputs={"boligens_omkostninger": costs}, output=housing)

    discount = None
    after_discount = housing
    if pair is not None:
        share, point, step = couple_values
        excess, steps = _kroner(out.excess), int(out.steps)
        points = f"{tal((point * 100).normalize())} procentpoint"
        discount = Decimal(out.discount) / (share.as_integer_ratio()[1] * point.as_integer_ratio()[1])
        after_discount = _kroner(out.amount + out.deducted)
        ex.step("sel108.par", f"{_PARA} § 10",
                f"Gifte/samlevende pensionister: den fælles indkomst ({kr(pair.joint_income)}) overstiger den "
                f"sociale pension ({kr(pair.social_pension)}) med {kr(excess)}, dvs. {tal(steps)} fulde trin à "
                f"{kr(step)} ({couple_rates[2].valid_from.year}). Nedslaget er {procent(share)} − {tal(steps)} × "
                f"{points} = {procent(discount)}: {kr(housing)} − {procent(discount)} = {kr(after_discount)} om året.",
                inputs={"fælles_indkomst": pair.joint_income, "social_pension": pair.social_pension},
                rates=couple_rates, output=after_discount)

    amount, deducted = _kroner(out.amount), _kroner(out.deducted)
    _kompensation_step(ex, after_discount, kompensation, deducted, amount)
    monthly = _kroner(out.monthly)
    ex.step("sel108.maaned", _PARA,
            f"Pr. måned: {kr(amount)} ÷ {_MONTHS_PER_YEAR} = {kr(monthly)} (afrundet til øre).", output=monthly)
    shown = (f" (el {kr(lines['electricity'])}, varme {kr(lines['heating'])}, serviceydelser "
             f"{kr(lines['services'])} om året)" if any(lines.values()) else "")
    ex.step("sel108.saerskilt", _PARA,
            "El og varme efter forbrug og de serviceydelser, du har valgt (kost, vask, rengøring), betales "
            f"særskilt til tilbuddets priser{shown} og indgår ikke i boligbetalingen.", inputs=lines)
    explanation = ex.build()
    return Sel108Result(
        amount=amount, explanation=explanation, projected=explanation.projected, on=on, income_basis=basis,
        single_pensioner_reduction=pension_cut, dependants_set_aside=set_aside, reduced_basis=reduced,
        income_based=income_based, dwelling_costs=costs, couple=pair, couple_discount=discount, monthly=monthly,
        electricity=lines["electricity"], heating=lines["heating"], services=lines["services"],
        kompensationsbeloeb=kompensation, kompensation_deducted=deducted,
    )


def _kompensation_step(ex: Explainer, payment: Decimal, given: Decimal | None, deducted: Decimal,
                       after: Decimal) -> None:
    """Say how the kompensationsbeløb given (BEK 1387/2006 §§ 6–8) was deducted from the yearly payment."""
    if given is None:
        ex.step("sel108.kompensation", "BEK 1387/2006 §§ 6–8",
                "Der er ikke oplyst et kompensationsbeløb efter BEK 1387/2006 §§ 6–8, så betalingen er ikke "
                "nedsat med et kompensationsbeløb.", output=payment)
        return
    capped = " (begrænset til betalingen)" if given > payment else ""
    ex.step("sel108.kompensation", "BEK 1387/2006 §§ 6–8",
            f"Betalingen nedsættes med det kompensationsbeløb, kommunen har fastsat, {kr(given)} om året{capped}: "
            f"{kr(payment)} − {kr(deducted)} = {kr(after)} om året.",
            inputs={"kompensationsbeløb": given}, output=after)


def _ore(kroner: Decimal) -> int:
    return int(round_ore(kroner).scaleb(2))


def _kroner(ore: int) -> Decimal:
    return Decimal(int(ore)).scaleb(-2)


def _whole(ore: int) -> Decimal:
    """Øre as kroner, without ".00" for whole kroner (the basis is shown as given)."""
    value = Decimal(int(ore)).scaleb(-2)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _basis_steps(ex: Explainer, basis: Decimal, reduction_rate: Any, set_aside: Decimal, reduced: Decimal) -> None:
    parts = [f"Indkomstgrundlaget er {kr(basis)} om året"]
    if reduction_rate is None and not set_aside:
        ex.step("sel108.grundlag", f"{_PARA} §§ 7, 9", f"{parts[0]}; det nedsættes ikke.",
                inputs={"indkomstgrundlag": basis}, output=reduced)
        return
    if reduction_rate is not None:
        parts.append(f"nedsat med {kr(Decimal(reduction_rate.value))} for en reelt enlig pensionist "
                     f"({reduction_rate.valid_from.year})")
    if set_aside:
        parts.append(f"nedsat med {kr(set_aside)}, der afsættes til forsørgelse af ægtefælle eller børn uden for "
                     "tilbuddet (§ 9)")
    floor = " (ikke under 0)" if reduced == 0 and basis > 0 else ""
    ex.step("sel108.grundlag", f"{_PARA} §§ 7, 9", ", ".join(parts) + f": {kr(reduced)}{floor}.",
            inputs={"indkomstgrundlag": basis, "afsat_til_forsørgelse": set_aside},
            rates=[reduction_rate] if reduction_rate is not None else [], output=reduced)
