"""Properties of egenbetaling (SEL §§ 107–110)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from socialcalc.egenbetaling import (
    Couple,
    PrepaymentResult,
    Reduction,
    Sel107Result,
    Sel108Result,
    SettlementResult,
    StayResult,
    prepayment,
    sel107,
    sel108,
    settlement,
    stay,
)
from socialcalc.explain import kr
from socialcalc.ratebook import default_book
from socialcalc.testing import amounts
from socialcalc.testing.egenbetaling import paragraphs, prepaid_periods, sel107_kwargs, sel108_kwargs, stays
from tests.egenbetaling.books import CALENDAR_KOMMUNE, calendar_book

FEW = settings(max_examples=150, deadline=None)
KEYS = {109: "sel109.per_day", 110: "sel110.per_day"}


def _doegn_by_hand(paragraph: int, first: date, days: int, kommune: str | None = None,
                   book: Any = None) -> Decimal:
    """Every døgn looked up on its own day: the slow, obvious sum."""
    book = book or default_book()
    return sum((Decimal(book.at(first + timedelta(days=n), kommune).get(KEYS[paragraph]).value)
                for n in range(days)), start=Decimal(0))


@FEW
@given(stays())
def test_a_stay_is_the_sum_of_its_doegn_at_their_rates(case: tuple[int, date, date]) -> None:
    paragraph, arrival, departure = case
    r = stay(paragraph, arrival, departure)
    assert r.days == max(1, (departure - arrival).days)
    assert r.amount == _doegn_by_hand(paragraph, arrival, r.days)
    assert sum(p.days for p in r.periods) == r.days


@FEW
@given(stays())
def test_under_calendar_days_a_stay_is_the_sum_of_its_calendar_days(case: tuple[int, date, date]) -> None:
    paragraph, arrival, departure = case
    book = calendar_book()
    r = stay(paragraph, arrival, departure, kommune=CALENDAR_KOMMUNE, rates=book)
    assert r.days == (departure - arrival).days + 1
    assert r.amount == _doegn_by_hand(paragraph, arrival, r.days, CALENDAR_KOMMUNE, book)


@FEW
@given(stays(max_days=90), st.data())
def test_splitting_a_stay_never_changes_the_total(case: tuple[int, date, date], data: st.DataObject) -> None:
    # nights_min_one: [a, b) + [b, c) = [a, c) for b strictly between a and c
    paragraph, a, c = case
    assume((c - a).days >= 2)
    b = a + timedelta(days=data.draw(st.integers(1, (c - a).days - 1)))
    assert stay(paragraph, a, b).amount + stay(paragraph, b, c).amount == stay(paragraph, a, c).amount


@FEW
@given(stays(max_days=90), st.data())
def test_splitting_a_stay_under_calendar_days(case: tuple[int, date, date], data: st.DataObject) -> None:
    # calendar_days: [a, b] + [b + 1, c] = [a, c] for a <= b < c
    paragraph, a, c = case
    assume(c > a)
    b = a + timedelta(days=data.draw(st.integers(0, (c - a).days - 1)))
    book, k = calendar_book(), CALENDAR_KOMMUNE
    parts = (stay(paragraph, a, b, kommune=k, rates=book).amount
             + stay(paragraph, b + timedelta(days=1), c, kommune=k, rates=book).amount)
    assert parts == stay(paragraph, a, c, kommune=k, rates=book).amount


@FEW
@given(paragraphs(), st.dates(date(2018, 1, 1), date(2030, 12, 31)), st.integers(0, 400))
def test_no_income_pays_nothing(paragraph: int, arrival: date, length: int) -> None:
    # any dates, even where no day rate is published
    r = stay(paragraph, arrival, arrival + timedelta(days=length), has_income=False)
    assert r.amount == 0


@FEW
@given(prepaid_periods(), st.integers(0, 31))
def test_a_settlement_refunds_the_doegn_not_stayed(case: tuple[int, date, int], actual: int) -> None:
    paragraph, start, prepaid = case
    assume(actual <= prepaid)
    r = settlement(paragraph, start, prepaid, actual)
    assert r.prepaid == prepayment(paragraph, start, prepaid).amount
    assert r.refund == _doegn_by_hand(paragraph, start + timedelta(days=actual), prepaid - actual)
    assert r.refund + r.amount == r.prepaid


@FEW
@given(sel108_kwargs())
def test_sel108_never_exceeds_the_dwelling_costs(kwargs: dict[str, Any]) -> None:
    r = sel108(**kwargs)
    assert 0 <= r.amount <= kwargs["dwelling_costs"]
    assert r.monthly == (r.amount / 12).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


@FEW
@given(sel108_kwargs(), amounts(0, 10_000_000))
def test_sel108_never_falls_when_income_rises(kwargs: dict[str, Any], rise: Decimal) -> None:
    lower = sel108(**kwargs)
    higher = dict(kwargs, income_basis=kwargs["income_basis"] + rise)
    couple = kwargs["couple"]
    if couple is not None:  # a couple's income rises jointly: the discount can only shrink
        higher["couple"] = Couple(joint_income=couple.joint_income + rise, social_pension=couple.social_pension)
    assert sel108(**higher).amount >= lower.amount


@FEW
@given(sel107_kwargs())
def test_sel107_always_leaves_the_raadighedsbeloeb(kwargs: dict[str, Any]) -> None:
    r = sel107(**kwargs)
    left = kwargs["net_income"] - kwargs["fixed_expenses"]
    assert 0 <= r.amount <= r.chargeable_cost
    if left >= r.raadighedsbeloeb:
        assert left - r.amount >= r.raadighedsbeloeb
    else:
        assert r.amount == 0
    if kwargs["net_income"] == 0:
        assert r.amount == 0


@FEW
@given(stays(), st.one_of(st.none(), amounts(0, 200_000).map(Reduction.kroner),
                          st.integers(0, 100).map(lambda n: Reduction.of_share(Decimal(n) / 100))))
def test_stay_results_round_trip_and_explain_themselves(case: tuple[int, date, date],
                                                        reduction: Reduction | None) -> None:
    r = stay(*case, reduction=reduction)
    assert StayResult.model_validate_json(r.model_dump_json()) == r
    assert 0 <= r.amount <= r.gross
    text = r.explain()
    assert text.splitlines()[-1].endswith(kr(r.amount))
    assert {rate.key for rate in r.explanation.rates()} >= {"egenbetaling.day_count", KEYS[r.paragraph]}


@FEW
@given(stays(max_days=40), st.data())
def test_prepayment_and_settlement_results_round_trip(case: tuple[int, date, date], data: st.DataObject) -> None:
    paragraph, start, end = case
    covered = (end - start).days  # every døgn of the run has a published rate
    days = data.draw(st.integers(0, min(31, covered)))
    actual = data.draw(st.integers(0, covered))
    p = prepayment(paragraph, start, days)
    assert PrepaymentResult.model_validate_json(p.model_dump_json()) == p
    s = settlement(paragraph, start, days, actual)
    assert SettlementResult.model_validate_json(s.model_dump_json()) == s
    assert s.refund == p.amount - _doegn_by_hand(paragraph, start, actual)
    if s.refund:
        assert kr(abs(s.refund)) in s.explain()


@FEW
@given(sel108_kwargs())
def test_sel108_results_round_trip_and_explain_themselves(kwargs: dict[str, Any]) -> None:
    r = sel108(**kwargs)
    assert Sel108Result.model_validate_json(r.model_dump_json()) == r
    assert f"{kr(r.monthly)} om måneden" in r.explain() and r.explain().endswith(f"Beløb: {kr(r.amount)}")
    assert "sel108.threshold" in {rate.key for rate in r.explanation.rates()}


@FEW
@given(sel107_kwargs())
def test_sel107_results_round_trip_and_explain_themselves(kwargs: dict[str, Any]) -> None:
    r = sel107(**kwargs)
    assert Sel107Result.model_validate_json(r.model_dump_json()) == r
    assert r.explain().endswith(f"Beløb: {kr(r.amount)}")
    assert [rate.kommune for rate in r.explanation.rates()] == ["lejre"]
