"""Tests that kill the mutants of ``beskyttet_beskaeftigelse/loen.py`` (SEL § 103; BEK § 1).

They reach what the worked examples do not: a rate book passed by the caller (a floor share other than 5 %,
a municipal cap of 0 kr.), a field wage with more decimals than the assessed rate (the scale of both is
needed), an hourly rate with a third decimal in a period's wage, and the date a municipality without a cap is
asked on (an input of that fact).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from socialcalc.beskyttet_beskaeftigelse import WageBasis, hourly_wage, period_wage
from socialcalc.testing import book_with

ON = date(2025, 3, 1)
_SHARE = ('[[rate]]\nkey = "sel103.wage_floor_share"\nunit = "share"\nvalue = 0.07\nvalid_from = 2025-01-01\n'
          'status = "derived"\nsource = "test: 7 %"\n')
_CAP_ZERO = ('[[rate]]\nkey = "sel103.hourly_wage_cap"\nunit = "DKK/hour"\nvalue = 0\nvalid_from = 2025-01-01\n'
             'status = "derived"\nsource = "test: 0 kr."\n')


def test_the_callers_book_is_used() -> None:
    book = book_with({"national/test.toml": _SHARE})
    w = hourly_wage("5", field_lowest_wage="100", on=ON, rates=book)
    assert (w.floor, w.amount, w.basis) == (Decimal("7.00"), Decimal("7.00"), WageBasis.FLOOR)
    assert w.explanation.steps[1].inputs == {"field_lowest_wage": "100.00", "share": "0.07"}


def test_the_field_wage_decimals_count() -> None:
    # 100,0715 kr. × 7 % = 7,005005 kr. → 7,01 kr. (cut to 100,07 kr. it would be 7,0049 kr. → 7,00 kr.)
    book = book_with({"national/test.toml": _SHARE})
    w = hourly_wage("5", field_lowest_wage="100.0715", on=ON, rates=book)
    assert (w.floor, w.amount, w.basis) == (Decimal("7.01"), Decimal("7.01"), WageBasis.FLOOR)
    assert w.field_lowest_wage == Decimal("100.0715")


def test_a_municipal_cap_of_zero_binds() -> None:
    book = book_with({"kommuner/lejre/test.toml": _CAP_ZERO})
    w = hourly_wage("0.004", field_lowest_wage="0", on=ON, kommune="lejre", rates=book)
    assert (w.floor, w.cap, w.amount, w.basis) == (Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), WageBasis.CAP)


def test_without_a_cap_the_day_is_an_input() -> None:
    w = hourly_wage("35", field_lowest_wage="180", on=ON, kommune="lemvig")
    fact = w.explanation.steps[2]
    assert (fact.step, fact.inputs, fact.outputs) == ("sel103.loen.loft.intet", {"on": "2025-03-01"}, {})


@pytest.mark.parametrize(("hours", "rate", "amount"), [
    ("1", "9.005", "9.01"),    # half up at the third decimal of the rate
    ("1", "9.0049", "9.00"),
    ("3", "9.005", "27.02"),   # 27,015 → 27,02
    ("2.5", "10.001", "25.00"),
    ("0.5", "0.01", "0.01"),   # 0,005 → 0,01
])
def test_period_wage_with_a_fine_rate(hours: str, rate: str, amount: str) -> None:
    p = period_wage(hours, rate)
    assert p.amount == Decimal(amount)
    assert p.hourly_rate == Decimal(rate)
    assert p.model_dump(mode="json")["amount"] == amount
