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
deducted from the yearly payment, after any couples' discount (the order chosen; see docs/egenbetaling.md), never below
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
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from socialcalc.coerce import exact
from socialcalc.egenbetaling import decide
from socialcalc.egenbetaling._common import check_date
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, Kroner
from socialcalc.money import ZERO, non_negative, round_ore
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, Rates, book_or_default
from socialcalc.ratebook.model import Rate
from socialcalc.result import Result

__all__ = ["Couple", "Rates108", "Sel108Result", "decide108", "rates108", "sel108", "sel108_result"]

_MONTHS_PER_YEAR = 12
_PARA = "SEL § 163 stk. 3; BEK 1387/2006"


class Couple(BaseModel):
    """Married or cohabiting pensioners in the same offer (BEK 1387/2006 § 10); amounts in kroner per year.

    >>> Couple(joint_income=Decimal("300000"), social_pension=Decimal("280000")).joint_income
    Decimal('300000')
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

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

    at = (book_or_default(rates)).at(on, kommune, project=project)
    used = rates108(at, single_pensioner=single_pensioner, couple=pair is not None)
    out = decide108(used, basis=basis, set_aside=set_aside, costs=costs, couple=pair, kompensation=kompensation)
    return sel108_result(at, used, out, on=on, basis=basis, costs=costs, set_aside=set_aside, couple=pair,
                         lines=lines, kompensation=kompensation)


class Rates108(NamedTuple):
    """The § 108 rates a case uses on its day (BEK 1387/2006 §§ 5, 7, 9, 10)."""

    threshold: Rate
    low: Rate
    high: Rate
    reduction: Rate | None
    """``sel108.single_pensioner_reduction`` for a truly single pensioner, else ``None``."""
    couple: list[Rate]
    """``sel108.couple_discount_share``, ``_point`` and ``_step`` for a couple, else empty."""


def rates108(at: Rates, *, single_pensioner: bool, couple: bool) -> Rates108:
    """The SEL § 108 rates of :class:`Rates108` from the table ``at`` (only those the case needs are looked up).

    >>> from socialcalc.ratebook import default_book
    >>> used = rates108(default_book().at(date(2024, 6, 1)), single_pensioner=True, couple=False)
    >>> used.reduction is not None, used.couple
    (True, [])
    """
    return Rates108(
        at.get("sel108.threshold"), at.get("sel108.share_low"), at.get("sel108.share_high"),
        at.get("sel108.single_pensioner_reduction") if single_pensioner else None,
        [at.get("sel108.couple_discount_share"), at.get("sel108.couple_discount_point"),
         at.get("sel108.couple_discount_step")] if couple else [])


def decide108(used: Rates108, *, basis: Decimal, set_aside: Decimal, costs: Decimal, couple: Couple | None,
              kompensation: Decimal | None) -> decide.Sel108Out:
    """The § 108 decision on one case's kroner (:func:`socialcalc.egenbetaling.decide.sel108`, in øre).

    >>> from socialcalc.ratebook import default_book
    >>> used = rates108(default_book().at(date(2024, 6, 1)), single_pensioner=False, couple=False)
    >>> decide108(used, basis=Decimal(300000), set_aside=ZERO, costs=Decimal(60000), couple=None,
    ...           kompensation=None).amount
    3660000
    """
    cut = Decimal(used.reduction.value) if used.reduction is not None else ZERO
    couple_values = [Decimal(r.value) for r in used.couple]
    return decide.sel108(
        _ore(basis), _ore(cut), _ore(set_aside), _ore(costs), _ore(Decimal(used.threshold.value)),
        decide.fraction(Decimal(used.low.value)), decide.fraction(Decimal(used.high.value)),
        couple=couple is not None,
        joint_income=_ore(couple.joint_income) if couple else 0,
        social_pension=_ore(couple.social_pension) if couple else 0,
        step=_ore(couple_values[2]) if couple else 1,
        discount_share=decide.fraction(couple_values[0]) if couple else (0, 1),
        discount_point=decide.fraction(couple_values[1]) if couple else (0, 1),
        kompensation=_ore(kompensation) if kompensation is not None else 0)


def sel108_result(
    at: Rates,
    used: Rates108,
    out: decide.Sel108Out,
    *,
    on: date,
    basis: Decimal,
    costs: Decimal,
    set_aside: Decimal,
    couple: Couple | None,
    lines: dict[str, Decimal],
    kompensation: Decimal | None,
) -> Sel108Result:
    """The :class:`Sel108Result` of a decided case (SEL § 108): its facts, from the decision's øre and codes.

    ``lines``: the separate lines ``electricity``, ``heating``, ``services`` (kroner per year). Called by
    :func:`sel108` and by :func:`socialcalc.egenbetaling.frame.explain_row` (a row of ``botilbud108_frame``),
    so a row is explained by the same code as one case.

    >>> from socialcalc.ratebook import default_book
    >>> at = default_book().at(date(2024, 6, 1))
    >>> used = rates108(at, single_pensioner=False, couple=False)
    >>> kw = {"basis": Decimal(300000), "set_aside": ZERO, "costs": Decimal(60000), "couple": None,
    ...       "kompensation": None}
    >>> lines = {"electricity": ZERO, "heating": ZERO, "services": ZERO}
    >>> sel108_result(at, used, decide108(used, **kw), on=date(2024, 6, 1), lines=lines, **kw).monthly
    Decimal('3050.00')
    """
    pair = couple
    threshold, low, high, reduction_rate, couple_rates = used
    ex = Explainer("sel108.title.betaling")
    pension_cut = Decimal(reduction_rate.value) if reduction_rate is not None else ZERO
    t, s_low, s_high = Decimal(threshold.value), Decimal(low.value), Decimal(high.value)
    couple_values = [Decimal(r.value) for r in couple_rates]
    reduced = _whole(out.reduced)
    form = {(False, False): "ingen", (True, False): "pensionist", (False, True): "forsoergelse",
            (True, True): "begge"}[(reduction_rate is not None, bool(set_aside))]
    ex.fact(f"sel108.grundlag.{form}", basis=at.get("hjemmel.sel108.grundlag"),
            inputs={"basis": basis, "cut": pension_cut, "set_aside": set_aside,
                    "year": str(reduction_rate.valid_from.year) if reduction_rate is not None else ""},
            outputs={"reduced": reduced}, rates=[reduction_rate] if reduction_rate is not None else [],
            reading="sel108.reading.ikke_under_nul" if out.floored and basis > 0 else None)

    part_low, part_high = _kroner(out.part_low), _kroner(out.part_high)
    income_based = _kroner(out.income_based)
    below, above = min(reduced, t), max(ZERO, reduced - t)
    ex.fact("sel108.indkomst", basis=at.get("hjemmel.sel108.indkomst"),
            inputs={"low": s_low, "high": s_high, "below": below, "above": above, "threshold": t,
                    "year": str(threshold.valid_from.year)},
            outputs={"part_low": part_low, "part_high": part_high, "income_based": income_based},
            rates=[threshold, low, high])
    housing = _kroner(out.housing)
    ex.fact("sel108.loft.omkostninger" if out.capped_by_costs else "sel108.loft.indkomst",
            basis=at.get("hjemmel.sel108.loft"), inputs={"costs": costs}, outputs={"housing": housing})

    discount = None
    after_discount = housing
    if pair is not None:
        share, point, step = couple_values
        discount = Decimal(out.discount) / (share.as_integer_ratio()[1] * point.as_integer_ratio()[1])
        after_discount = _kroner(out.amount + out.deducted)
        ex.fact("sel108.par", basis=at.get("hjemmel.sel108.par"),
                inputs={"joint": pair.joint_income, "pension": pair.social_pension, "step": step,
                        "share": share, "points": (point * 100).normalize(),
                        "year": str(couple_rates[2].valid_from.year)},
                outputs={"excess": _kroner(out.excess), "steps": int(out.steps), "discount": discount,
                         "after": after_discount}, rates=couple_rates)

    amount, deducted = _kroner(out.amount), _kroner(out.deducted)
    cite = at.get("hjemmel.sel108.kompensation")
    if kompensation is None:
        ex.fact("sel108.kompensation.ingen", basis=cite, outputs={"after": after_discount})
    else:
        ex.fact("sel108.kompensation.loft" if kompensation > after_discount else "sel108.kompensation.fratrukket",
                basis=cite, inputs={"given": kompensation}, outputs={"deducted": deducted, "after": amount})
    monthly = _kroner(out.monthly)
    ex.fact("sel108.maaned", basis=at.get("hjemmel.sel108.betaling"), inputs={"amount": amount},
            outputs={"monthly": monthly})
    ex.fact("sel108.saerskilt.med" if any(lines.values()) else "sel108.saerskilt.ingen",
            basis=at.get("hjemmel.sel108.betaling"), inputs=lines)
    explanation = ex.build()
    return Sel108Result.built(
        amount=amount, explanation=explanation, projected=explanation.projected, on=on, income_basis=basis,
        single_pensioner_reduction=pension_cut, dependants_set_aside=set_aside, reduced_basis=reduced,
        income_based=income_based, dwelling_costs=costs, couple=pair, couple_discount=discount, monthly=monthly,
        electricity=lines["electricity"], heating=lines["heating"], services=lines["services"],
        kompensationsbeloeb=kompensation, kompensation_deducted=deducted,
    )


def _ore(kroner: Decimal) -> int:
    return int(round_ore(kroner).scaleb(2))


def _kroner(ore: int) -> Decimal:
    return Decimal(int(ore)).scaleb(-2)


def _whole(ore: int) -> Decimal:
    """Øre as kroner, without ".00" for whole kroner (the basis is shown as given)."""
    value = Decimal(int(ore)).scaleb(-2)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value
