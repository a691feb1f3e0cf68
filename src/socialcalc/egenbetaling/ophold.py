"""Egenbetaling for a stay at a women's crisis centre (SEL § 109) or a shelter (§ 110): a rate per døgn.

The resident pays the national rate per døgn for every døgn of the stay, from the first day (SEL § 163 stk. 2;
BEK 1244/2017 §§ 2, 4). The rate covers electricity and heating, and at a crisis centre any children who come
along: there is no extra per child. **Board and laundry are never part of it**: the institution prices them,
bills them directly, and must let the resident opt out of each meal and of the laundry.

- **Each døgn is charged at the rate in force on the day it begins**, so a stay over New Year uses two rates.
- **Counting døgn** is the policy ``egenbetaling.day_count`` (national default, a municipality may set its
  own): ``nights_min_one`` counts one døgn per night from arrival to departure, and a stay that begins and
  ends on the same day is one døgn; ``calendar_days`` counts every calendar day from the day of arrival to the
  day of departure, both included. The policy in force on the day of arrival applies.
- A person with **no income** pays nothing, whatever the length (BEK 1244/2017 § 5 stk. 3).
- A **reduction or waiver** the municipality decided on application is an input (:class:`Reduction`): kroner
  off the total, or a share of it (a waiver is the share 1); the result shows it.
- **Prepayment** by agreement for at most ``egenbetaling.prepayment_max_days`` døgn (BEK 1244/2017 § 4 stk. 2),
  and its **settlement** (efterregulering) against the døgn actually stayed: a positive ``refund`` is paid
  back, a negative one is collected.

>>> from datetime import date
>>> r = stay(110, date(2024, 3, 3), date(2024, 3, 13))
>>> r.days == 10, r.amount == Decimal("1007.70")
(True, True)
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from socialcalc.coerce import exact
from socialcalc.egenbetaling import decide
from socialcalc.egenbetaling._common import (
    PrepaymentTooLong,
    StayPeriod,
    charge,
    check_date,
    citation,
    paragraph_of,
    period_steps,
    whole_days,
)
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, Explanation, Kroner, kr, procent
from socialcalc.money import ZERO, non_negative, round_ore, to_decimal
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, Rates, book_or_default
from socialcalc.ratebook.model import Rate
from socialcalc.result import Later, Result

__all__ = [
    "PrepaymentResult",
    "Reduction",
    "SettlementResult",
    "StayResult",
    "prepayment",
    "run_total",
    "settlement",
    "stay",
    "stay_result",
]

_DAY_COUNT_DA = {
    "nights_min_one": "der regnes ét døgn pr. overnatning, og et ophold, der begynder og slutter samme dag, "
                      "er ét døgn",
    "calendar_days": "der regnes ét døgn for hver kalenderdag fra ankomstdagen til og med afrejsedagen",
}


class Reduction(BaseModel):
    """A reduction or waiver of the §§ 109/110 payment that the municipality decided on application.

    Exactly one of ``amount`` (kroner off the stay's total; never more than the total) and ``share`` (the
    share of the total let off, from 0 to 1; ``1`` is a waiver, *bortfald*). Build it with
    :meth:`kroner`, :meth:`of_share` or :meth:`waiver` (they raise :class:`~socialcalc.errors.InvalidInput`).

    >>> Reduction.kroner("250").amount == Decimal("250")
    True
    >>> Reduction.waiver().share == Decimal(1)
    True
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    amount: Kroner | None = None
    """Kroner off the total."""
    share: Kroner | None = None
    """The share of the total let off (0–1)."""

    @model_validator(mode="after")
    def _one_form(self) -> Reduction:
        _check_reduction(self)
        return self

    @classmethod
    def kroner(cls, amount: Any) -> Reduction:
        """A reduction of ``amount`` kroner off the total."""
        return cls.model_construct(amount=non_negative(amount, "reduction.amount"), share=None)

    @classmethod
    def of_share(cls, share: Any) -> Reduction:
        """A reduction of ``share`` (0–1) of the total."""
        return _check_reduction(cls.model_construct(amount=None, share=to_decimal(share, "reduction.share")))

    @classmethod
    def waiver(cls) -> Reduction:
        """A waiver (bortfald): the whole payment is let off."""
        return cls.model_construct(amount=None, share=Decimal(1))

    def describe(self) -> str:
        """The decision in Danish."""
        if self.share is not None:
            return "bortfald af egenbetalingen" if self.share == 1 else f"nedsættelse med {procent(self.share)}"
        return f"nedsættelse med {kr(self.amount or ZERO)}"


def _check_reduction(r: Reduction) -> Reduction:
    if (r.amount is None) == (r.share is None):
        raise InvalidInput("reduction", repr(r), code="input.reduction_form")
    if r.amount is not None:
        non_negative(r.amount, "reduction.amount")
    if r.share is not None and not 0 <= to_decimal(r.share, "reduction.share") <= 1:
        raise InvalidInput("reduction.share", r.share, code="input.share")
    return r


def _reduction_of(value: Any) -> Reduction | None:
    if value is None:
        return None
    if isinstance(value, Reduction):
        return _check_reduction(value)
    return Reduction.kroner(to_decimal(value, "reduction"))


class StayResult(Result):
    """The egenbetaling for one stay (``amount``), with its døgn, the runs at each rate and any reduction."""

    paragraph: int
    arrival: date
    departure: date
    day_count: str
    """The døgn-counting policy used (``egenbetaling.day_count``)."""
    days: int
    """The døgn of the stay."""
    has_income: bool
    periods: tuple[StayPeriod, ...]
    """The døgn grouped by the rate in force (empty without income: nothing is charged)."""
    gross: Kroner
    """The payment before any reduction."""
    reduction: Reduction | None = None
    """The municipality's decision, as given."""
    reduction_amount: Kroner
    """The kroner let off by the reduction (never more than ``gross``)."""


class PrepaymentResult(Result):
    """A prepayment for ``days`` døgn from ``start`` (``amount``)."""

    paragraph: int
    start: date
    days: int
    periods: tuple[StayPeriod, ...]


class SettlementResult(Result):
    """The settlement of a prepaid period: ``amount`` is the payment for the døgn actually stayed,
    ``refund = prepaid - amount`` (positive: paid back; negative: collected)."""

    paragraph: int
    start: date
    prepaid_days: int
    actual_days: int
    prepaid: Kroner
    """What was prepaid."""
    periods: tuple[StayPeriod, ...]
    """The døgn actually stayed, by rate."""
    refund: Kroner
    """Paid back if positive; collected if negative."""


def _count(policy: str, arrival: date, departure: date) -> int:
    return int(decide.stay_days(decide.DAY_COUNT_CODES[policy], (departure - arrival).days))


def _covers_step(ex: Explainer, paragraph: int, basis: Rate) -> None:
    ex.fact(f"sel{paragraph}.omfang", basis=basis)


@exact
def stay(
    paragraph: Any,
    arrival: date,
    departure: date,
    *,
    has_income: bool = True,
    reduction: Reduction | Decimal | int | str | None = None,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> StayResult:
    """The egenbetaling for a stay from ``arrival`` to ``departure`` (SEL §§ 109, 110, 163 stk. 2; BEK 1244/2017).

    Every døgn is charged at the rate in force on the day it begins; døgn are counted by the policy
    ``egenbetaling.day_count`` in force on the day of arrival. ``has_income=False`` gives 0 (BEK 1244/2017
    § 5 stk. 3). ``reduction``: a :class:`Reduction`, or a plain amount in kroner off the total. ``project``
    (see :mod:`socialcalc.projection`) lets a year without a published day rate be projected, the same for
    every døgn of the stay; the result then says ``projected=True``.

    >>> r = stay(109, date(2023, 12, 28), date(2024, 1, 3))
    >>> (r.days, [p.days for p in r.periods]) == (6, [4, 2]), r.amount == Decimal("568.12")
    (True, True)
    >>> stay(110, date(2024, 3, 3), date(2024, 3, 13), reduction=Reduction.waiver()).amount
    Decimal('0.00')
    >>> stay(110, date(2024, 3, 13), date(2024, 3, 3))
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: departure = 2024-03-03: fraflytningen ligger før indflytningen (13. marts 2024)
    """
    para = paragraph_of(paragraph)
    arrival = check_date(arrival, "arrival")
    departure = check_date(departure, "departure")
    if departure < arrival:
        raise InvalidInput("departure", departure, code="input.departure_before_arrival", arrival=arrival)
    if not isinstance(has_income, bool):
        raise InvalidInput("has_income", repr(has_income), code="input.flag")
    decision = _reduction_of(reduction)
    project = check_project(project)
    book = book_or_default(rates)
    policy_rate = book.at(arrival, kommune, project=project).get("egenbetaling.day_count")
    policy = str(policy_rate.value)
    days = _count(policy, arrival, departure)

    runs = charge(book, para, kommune, arrival, days, project) if has_income else []
    gross = run_total(runs)
    let_off = _let_off(decision, gross) if decision is not None and has_income else round_ore(ZERO)
    return stay_result(book, para, arrival, departure, has_income=has_income, decision=decision, kommune=kommune,
                       policy_rate=policy_rate, days=days, runs=runs, gross=gross, let_off=let_off)


def run_total(runs: list[tuple[StayPeriod, Rate]]) -> Decimal:
    """The §§ 109/110 payment before any reduction: the sum of the runs' amounts (kroner), 0.00 without runs.

    >>> from socialcalc.ratebook import default_book
    >>> run_total(charge(default_book(), 109, None, date(2023, 12, 28), 6)), run_total([])
    (Decimal('568.12'), Decimal('0.00'))
    """
    return sum((p.amount for p, _ in runs), start=round_ore(ZERO))


def stay_result(
    book: RateBook,
    para: int,
    arrival: date,
    departure: date,
    *,
    has_income: bool,
    decision: Reduction | None,
    kommune: str | None,
    policy_rate: Rate,
    days: int,
    runs: list[tuple[StayPeriod, Rate]],
    gross: Decimal,
    let_off: Decimal,
) -> StayResult:
    """The :class:`StayResult` of a decided stay (SEL §§ 109, 110): its facts, from the døgn, the runs per rate
    (:func:`~socialcalc.egenbetaling._common.charge`), the gross and the kroner let off.

    Called by :func:`stay` and by :func:`socialcalc.egenbetaling.frame.explain_row`, which rebuilds a row of
    ``stays_frame`` with it, so a row is explained by the same code as one case.

    >>> from socialcalc.ratebook import default_book
    >>> book = default_book()
    >>> runs = charge(book, 109, None, date(2023, 12, 28), 6)
    >>> r = stay_result(book, 109, date(2023, 12, 28), date(2024, 1, 3), has_income=True, decision=None,
    ...                 kommune=None, policy_rate=book.at(date(2023, 12, 28)).get("egenbetaling.day_count"),
    ...                 days=6, runs=runs, gross=run_total(runs), let_off=Decimal("0.00"))
    >>> r == stay(109, date(2023, 12, 28), date(2024, 1, 3))
    True
    """
    policy = str(policy_rate.value)
    # every citation the facts read, looked up now (a missing one is refused here); the facts are built when read
    # (in the order the facts cite them, so the first missing one is the one refused, as before)
    names = ("doegn", "ingen_indtaegt", "omfang") if not has_income else (
        "doegn", "doegnsats", *(("nedsaettelse",) if decision is not None else ()), "omfang")
    cites = {name: citation(book, arrival, kommune, para, name) for name in names}
    explanation = Later(functools.partial(
        _stay_facts, para, arrival, departure, has_income=has_income, decision=decision, policy_rate=policy_rate,
        days=days, runs=runs, gross=gross, let_off=let_off, cites=cites))
    if not has_income:
        return StayResult.built(amount=round_ore(ZERO), explanation=explanation, paragraph=para, arrival=arrival,
                                departure=departure, day_count=policy, days=days, has_income=False, periods=(),
                                gross=round_ore(ZERO), reduction=decision, reduction_amount=round_ore(ZERO))
    return StayResult.built(amount=gross - let_off, explanation=explanation, paragraph=para, arrival=arrival,
                            departure=departure, day_count=policy, days=days, has_income=True,
                            periods=tuple(p for p, _ in runs), gross=gross, reduction=decision,
                            reduction_amount=let_off)


def _stay_facts(para: int, arrival: date, departure: date, *, has_income: bool, decision: Reduction | None,
                policy_rate: Rate, days: int, runs: list[tuple[StayPeriod, Rate]], gross: Decimal,
                let_off: Decimal, cites: dict[str, Rate]) -> Explanation:
    """The facts of a decided stay (SEL §§ 109, 110), from its figures and the citations looked up before."""
    policy = str(policy_rate.value)
    ex = Explainer(f"sel{para}.title.stay")
    ex.fact(f"sel{para}.doegn", basis=cites["doegn"], inputs={"arrival": arrival, "departure": departure},
            outputs={"days": days}, rates=[policy_rate], reading=f"sel{para}.reading.day_count.{policy}")
    if not has_income:
        ex.fact(f"sel{para}.ingen_indtaegt", basis=cites["ingen_indtaegt"], inputs={"has_income": False},
                outputs={"amount": ZERO})
        _covers_step(ex, para, cites["omfang"])
        return ex.build()
    period_steps(ex, para, runs, cites["doegnsats"])
    if len(runs) > 1:
        ex.fact(f"sel{para}.i_alt", basis=cites["doegnsats"], inputs={"runs": len(runs)}, outputs={"gross": gross})
    if decision is not None:
        if decision.share is not None and decision.share == 1:
            form = "bortfald"
        elif decision.share is not None:
            form = "andel"
        else:
            form = "kroner_loft" if (decision.amount or ZERO) > gross else "kroner"
        ex.fact(f"sel{para}.nedsaettelse.{form}", basis=cites["nedsaettelse"],
                inputs={"gross": gross, "share": decision.share if decision.share is not None else ZERO,
                        "given": decision.amount if decision.amount is not None else ZERO},
                outputs={"let_off": let_off, "amount": gross - let_off})
    _covers_step(ex, para, cites["omfang"])
    return ex.build()


def _let_off(decision: Reduction, gross: Decimal) -> Decimal:
    off = 0 if decision.amount is None else _ore(decision.amount)
    share = None if decision.share is None else decide.fraction(decision.share)
    return _kroner(decide.let_off(_ore(gross), off, share))


def _ore(kroner: Decimal) -> int:
    return int(round_ore(kroner).scaleb(2))


def _kroner(ore: int) -> Decimal:
    return Decimal(ore).scaleb(-2)


def _prepaid_days(at: Rates, days: Any, field: str) -> int:
    n = whole_days(days, field)
    limit = at.get("egenbetaling.prepayment_max_days")
    if n > int(limit.value):
        raise PrepaymentTooLong(field, n, int(limit.value))
    return n


@exact
def prepayment(
    paragraph: Any,
    start: date,
    days: int,
    *,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> PrepaymentResult:
    """A prepayment for ``days`` døgn from ``start`` (SEL §§ 109, 110; BEK 1244/2017 § 4 stk. 2).

    At most ``egenbetaling.prepayment_max_days`` døgn (else :class:`PrepaymentTooLong`, an
    :class:`~socialcalc.errors.InvalidInput`); each døgn at the rate of the day it begins. ``project`` as for
    :func:`stay`.

    >>> prepayment(110, date(2024, 3, 1), 31).amount == Decimal("3123.87")
    True
    >>> try:
    ...     prepayment(110, date(2024, 3, 1), 32)
    ... except PrepaymentTooLong as err:
    ...     (err.field, err.maximum) == ("days", 31)
    True
    """
    para = paragraph_of(paragraph)
    start = check_date(start, "start")
    project = check_project(project)
    book = book_or_default(rates)
    at = book.at(start, kommune, project=project)
    n = _prepaid_days(at, days, "days")
    limit = at.get("egenbetaling.prepayment_max_days")

    cite = functools.partial(citation, book, start, kommune, para)
    ex = Explainer(f"sel{para}.title.prepayment")
    ex.fact(f"sel{para}.forudbetaling", basis=cite("forudbetaling"), inputs={"start": start, "limit": int(limit.value)},
            outputs={"days": n}, rates=[limit])
    runs = charge(book, para, kommune, start, n, project)
    period_steps(ex, para, runs, cite("doegnsats"))
    total = sum((p.amount for p, _ in runs), start=round_ore(ZERO))
    _covers_step(ex, para, cite("omfang"))
    explanation = ex.build()
    return PrepaymentResult.built(amount=total, explanation=explanation, projected=explanation.projected,
                            paragraph=para, start=start, days=n, periods=tuple(p for p, _ in runs))


@exact
def settlement(
    paragraph: Any,
    start: date,
    prepaid_days: int,
    actual_days: int,
    *,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> SettlementResult:
    """Settle a prepayment of ``prepaid_days`` døgn from ``start`` against the ``actual_days`` stayed (efterregulering).

    SEL §§ 109, 110; BEK 1244/2017 § 4 stk. 2. ``amount`` is the payment for the døgn actually stayed (from
    ``start``, each at its rate); ``refund`` is the prepayment minus that: positive is paid back, negative is
    collected (a stay longer than the prepaid period is no error). ``project`` as for :func:`stay`: the same
    for the prepaid and the actual døgn.

    >>> r = settlement(110, date(2024, 3, 1), 31, 12)
    >>> r.refund == Decimal("1914.63"), r.amount == Decimal("1209.24")
    (True, True)
    >>> settlement(110, date(2024, 3, 1), 5, 7).refund == Decimal("-201.54")
    True
    """
    para = paragraph_of(paragraph)
    start = check_date(start, "start")
    project = check_project(project)
    book = book_or_default(rates)
    at = book.at(start, kommune, project=project)
    prepaid_n = _prepaid_days(at, prepaid_days, "prepaid_days")
    actual_n = whole_days(actual_days, "actual_days")

    prepaid_runs = charge(book, para, kommune, start, prepaid_n, project)
    actual_runs = charge(book, para, kommune, start, actual_n, project)
    prepaid = sum((p.amount for p, _ in prepaid_runs), start=round_ore(ZERO))
    due = sum((p.amount for p, _ in actual_runs), start=round_ore(ZERO))
    refund = prepaid - due

    cite = functools.partial(citation, book, start, kommune, para)
    ex = Explainer(f"sel{para}.title.settlement")
    ex.fact(f"sel{para}.forudbetalt", basis=cite("forudbetaling"), inputs={"start": start, "days": prepaid_n},
            outputs={"prepaid": prepaid}, rates=[r for _, r in prepaid_runs])
    ex.fact(f"sel{para}.faktisk", basis=cite("forudbetaling"), inputs={"start": start}, outputs={"days": actual_n})
    period_steps(ex, para, actual_runs, cite("doegnsats"))
    outcome = "tilbagebetaling" if refund > 0 else "opkraevning" if refund < 0 else "ingen"
    ex.fact(f"sel{para}.efterregulering.{outcome}", basis=cite("forudbetaling"),
            outputs={"due": due, "refund": refund, "collect": -refund if refund < 0 else ZERO})
    _covers_step(ex, para, cite("omfang"))
    explanation = ex.build()
    return SettlementResult.built(amount=due, explanation=explanation, projected=explanation.projected,
                            paragraph=para, start=start, prepaid_days=prepaid_n, actual_days=actual_n,
                            prepaid=prepaid, periods=tuple(p for p, _ in actual_runs), refund=refund)

