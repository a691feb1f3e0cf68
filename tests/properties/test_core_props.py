"""Properties of the foundation: month arithmetic, rounding, JSON round-trip, no float in a calculation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc import InvalidInput, Month, load_rates, months_after
from socialcalc.explain import Explainer
from socialcalc.money import round_kroner, round_ore, to_decimal
from socialcalc.result import Result
from socialcalc.testing import amounts, covered_dates, months

BOOK = load_rates()


@given(months(), st.integers(-400, 400), st.integers(-400, 400))
def test_month_addition_is_associative_and_invertible(m: Month, a: int, b: int) -> None:
    assert (m + a) + b == m + (a + b)
    assert (m + a) - a == m
    assert (m + a) - m == a


@given(months())
def test_month_parse_round_trip_and_bounds(m: Month) -> None:
    assert Month.parse(str(m)) == m
    assert Month.from_date(m.first_day) == m == Month.from_date(m.last_day)
    assert (m + 1).first_day.toordinal() - m.last_day.toordinal() == 1


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.integers(0, 600))
def test_months_after_lands_in_the_right_month_never_past_its_end(day: date, n: int) -> None:
    result = months_after(day, n)
    assert Month.from_date(result) == Month.from_date(day) + n
    assert result.day == min(day.day, (Month.from_date(day) + n).last_day.day)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_no_float_is_accepted_as_an_amount(x: float) -> None:
    with pytest.raises(InvalidInput):
        to_decimal(x, "amount")


@given(amounts(), st.integers(0, 99))
def test_rounding_to_ore_is_idempotent_and_close(a: Decimal, extra: int) -> None:
    x = a + Decimal(extra).scaleb(-4)
    assert round_ore(round_ore(x)) == round_ore(x)
    assert abs(round_ore(x) - x) <= Decimal("0.005")
    assert abs(round_kroner(x) - x) <= Decimal("0.5")


@settings(max_examples=50)
@given(covered_dates("sel097.expense_grant_max"), amounts())
def test_results_round_trip_through_json_exactly(day: date, amount: Decimal) -> None:
    rate = BOOK.at(day).get("sel097.expense_grant_max")
    ex = Explainer("core.title.example")
    ex.fact("core.example", basis="serviceloven § 97", inputs={"x": amount}, rates=[rate], outputs={"amount": amount})
    result = Result(amount=amount, explanation=ex.build())
    assert Result.model_validate_json(result.model_dump_json()) == result
    back = Result.model_validate_json(result.model_dump_json())
    assert back.explain(audience="sagsbehandler") == result.explain(audience="sagsbehandler")
