"""Properties of SEL § 100 (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.errors import InvalidInput
from socialcalc.explain import kr
from socialcalc.merudgift import MerudgiftResult, calculate
from socialcalc.money import round_ore
from socialcalc.ratebook import default_book
from socialcalc.testing import amounts
from socialcalc.testing.merudgift import (
    expenses,
    kompensation_expenses,
    regime1_decision_dates,
    regime2_decision_dates,
)
from tests.codes import raises_code

SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(regime1_decision_dates(), expenses(), expenses(), st.booleans())
def test_payment_never_decreases_as_expenses_rise(day: date, a: Decimal, b: Decimal, documented: bool) -> None:
    low, high = sorted((a, b))
    assert (calculate(low, decided_on=day, documented=documented).amount
            <= calculate(high, decided_on=day, documented=documented).amount)


@SETTINGS
@given(regime1_decision_dates(), amounts(1, 10_000_000))
def test_top_band_pays_exactly_the_documented_expenses(day: date, extra: Decimal) -> None:
    top = default_book().at(day).get("sel100.bands").value[-1]
    value = top.lower + extra
    r = calculate(value, decided_on=day, documented=True)
    assert (r.band, r.amount) == ("full", value)


@SETTINGS
@given(regime1_decision_dates(), amounts(0, 1_000_000), st.booleans())
def test_yearly_input_is_the_monthly_times_twelve(day: date, monthly: Decimal, documented: bool) -> None:
    by_month = calculate(monthly, decided_on=day, documented=documented)
    by_year = calculate(monthly * 12, per="year", decided_on=day, documented=documented)
    assert (by_year.amount, by_year.band) == (by_month.amount, by_month.band)


@SETTINGS
@given(regime2_decision_dates(), kompensation_expenses(), st.sampled_from(["month", "year"]))
def test_recommended_group_is_never_the_smaller(day: date, pair: tuple[Decimal, Decimal | None], per: str) -> None:
    total, listed = pair
    r = calculate(total, listed_documented=listed, per=per, decided_on=day)
    if r.recommended_group is None:
        assert (r.groups, r.amount) == ({}, Decimal("0.00"))
        return
    assert r.groups[r.recommended_group] == max(r.groups.values())
    assert r.amount == r.groups[r.recommended_group]
    if "II" in r.groups and r.groups["II"] == r.groups["I"]:
        assert r.recommended_group == "I"


@SETTINGS
@given(regime2_decision_dates(), kompensation_expenses(), st.sampled_from(["I", "II"]))
def test_a_chosen_group_is_paid_if_the_person_qualifies_else_refused(
    day: date, pair: tuple[Decimal, Decimal | None], group: str
) -> None:
    total, listed = pair
    advice = calculate(total, listed_documented=listed, decided_on=day)
    if group not in advice.groups:
        with pytest.raises(InvalidInput) as err:
            calculate(total, listed_documented=listed, decided_on=day, group=group)
        assert err.value.field == "group"
        return
    chosen = calculate(total, listed_documented=listed, decided_on=day, group=group)
    assert (chosen.amount, chosen.group, chosen.recommended_group) == (
        advice.groups[group], group, advice.recommended_group)


def _check_explains_itself(r: MerudgiftResult) -> None:
    steps = [f.step for f in r.explanation.steps]
    assert steps[0] == f"sel100.ordning.{r.regime}"
    if r.regime == "merudgiftsydelse":
        assert steps.count("sel100.tabel.aar") == 1
        (decision,) = [s for s in steps if s.startswith("sel100.interval.")]
        if r.band == "full":
            assert decision == "sel100.interval.fuld"
        elif r.band == 0:
            assert decision in ("sel100.interval.under", "sel100.interval.intet_standard")
        else:
            assert decision in ("sel100.interval.standard", "sel100.interval.sandsynlig")
    elif r.group is not None:
        assert steps[-1].startswith("sel100.komp.valg.")
    else:
        assert steps[-1] == "sel100.komp.minimum.under"
    for audience in ("borger", "sagsbehandler"):
        text = r.explain(audience=audience)
        if r.amount:
            assert kr(r.amount) in text
    assert r.projected == r.explanation.projected


@SETTINGS
@given(regime1_decision_dates(), expenses(), st.booleans(), st.sampled_from(["month", "year"]))
def test_regime1_results_explain_themselves_and_round_trip(
    day: date, value: Decimal, documented: bool, per: str
) -> None:
    r = calculate(value, decided_on=day, documented=documented, per=per)
    _check_explains_itself(r)
    assert MerudgiftResult.model_validate_json(r.model_dump_json()) == r
    if r.band == "full":
        assert r.amount == round_ore(r.monthly_expenses)


@SETTINGS
@given(regime2_decision_dates(), kompensation_expenses())
def test_regime2_results_explain_themselves_and_round_trip(day: date, pair: tuple[Decimal, Decimal | None]) -> None:
    total, listed = pair
    r = calculate(total, listed_documented=listed, decided_on=day)
    _check_explains_itself(r)
    assert MerudgiftResult.model_validate_json(r.model_dump_json()) == r


@SETTINGS
@given(st.dates(date(2018, 1, 1), date(2025, 8, 31)), st.dates(date(2027, 9, 1), date(2040, 12, 31)), expenses())
def test_an_old_award_is_never_paid_past_the_deadline(decided: date, on: date, value: Decimal) -> None:
    with raises_code(InvalidInput, "input.transition_passed"):
        calculate(value, decided_on=decided, on=on, project=True)
