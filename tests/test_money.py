"""Exact money: floats refused, named rounding rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialcalc import InvalidInput
from socialcalc.money import Rounding, apply_rounding, non_negative, round_kroner, round_ore, round_up_to, to_decimal
from tests.codes import raises_code


@pytest.mark.parametrize("bad", [0.1, 1.0, float("nan"), True, None, [1], "1,5", "1e3", "", "12 kr"])
def test_inexact_or_ambiguous_values_are_refused_with_the_field_named(bad: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        to_decimal(bad, "expenses")
    assert caught.value.field == "expenses"
    assert "expenses" in str(caught.value)


def test_a_float_error_says_why_and_what_to_do() -> None:
    with raises_code(InvalidInput, "input.float", field="hours") as caught:
        to_decimal(2.5, "hours")
    assert "Decimal" in caught.value.remedy and "float" in caught.value.message("en")


def test_exact_values_are_accepted_unchanged() -> None:
    assert to_decimal(Decimal("1234.50"), "x") == Decimal("1234.50")
    assert to_decimal(7, "x") == Decimal(7)
    assert to_decimal(" 12.05 ", "x") == Decimal("12.05")
    assert to_decimal("-3", "x") == Decimal(-3)


def test_non_finite_decimals_are_refused() -> None:
    with pytest.raises(InvalidInput):
        to_decimal(Decimal("NaN"), "x")
    with pytest.raises(InvalidInput):
        to_decimal(Decimal("Infinity"), "x")


def test_negative_is_refused_where_asked() -> None:
    with raises_code(InvalidInput, "input.negative", field="amount"):
        non_negative("-0.01", "amount")
    assert non_negative(0, "amount") == 0


def test_rounding_rules() -> None:
    assert round_ore(Decimal("2.345")) == Decimal("2.35")
    assert round_ore(Decimal("2.344")) == Decimal("2.34")
    assert round_ore(Decimal("-2.345")) == Decimal("-2.35")  # half up is away from zero
    assert round_kroner(Decimal("629.5")) == Decimal(630)
    assert round_kroner(Decimal("629.49")) == Decimal(629)
    assert round_up_to(Decimal("1201"), Decimal(100)) == Decimal(1300)
    assert round_up_to(Decimal("1200"), Decimal(100)) == Decimal(1200)
    assert apply_rounding(Decimal("1.005"), Rounding.ORE_HALF_UP) == Decimal("1.01")
    assert apply_rounding(Decimal("1.005"), "none") == Decimal("1.005")
    with pytest.raises(InvalidInput):
        round_up_to(Decimal(1), Decimal(0))


def test_an_amount_far_beyond_float_precision_stays_exact() -> None:
    big = to_decimal("987654321.12345678", "x")  # 17 significant digits: more than a float holds
    assert round_ore(big * 3) == Decimal("2962962963.37")
