"""Tests that kill the mutants of ``egenbetaling/ophold.py``: stays, prepayments and settlements (§§ 109, 110).

Every branch of the facts (one døgn and several, one rate and two, no income, each day-count policy; a
reduction in kroner below, at and above the total, a share, a waiver, a plain amount; a prepayment; a
settlement that refunds, collects or is even; a projected stay) is pinned fact by fact in
``golden/ophold_fakta.json`` (step, basis, inputs, outputs, rates, reading) with the result's own fields;
every refused reduction by code, field and value; the decision's Danish description.

Regenerate after a reviewed change with
``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/egenbetaling/test_mutation_ophold.py`` and read the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from socialcalc.egenbetaling import Reduction, prepayment, settlement, stay
from socialcalc.egenbetaling.ophold import run_total
from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.testing import book_with
from tests.codes import raises_code
from tests.egenbetaling.books import CALENDAR_KOMMUNE, calendar_book
from tests.egenbetaling.golden_facts import check_golden

D = Decimal
GOLDEN = Path(__file__).parent / "golden" / "ophold_fakta.json"
MARCH = (date(2024, 3, 3), date(2024, 3, 13))  # the spec's example 1: 10 døgn × 100.77 = 1007.70

CASES: dict[str, Callable[[], Any]] = {
    "example-1": lambda: stay(110, *MARCH),
    "example-2-new-year": lambda: stay(109, date(2023, 12, 28), date(2024, 1, 3)),
    "example-3-no-income": lambda: stay(110, *MARCH, has_income=False),
    "no-income-with-reduction": lambda: stay(110, *MARCH, has_income=False, reduction=Reduction.kroner(100)),
    "same-day": lambda: stay(110, date(2024, 3, 3), date(2024, 3, 3)),
    "calendar-days": lambda: stay(110, *MARCH, kommune=CALENDAR_KOMMUNE, rates=calendar_book()),
    "kroner": lambda: stay(110, *MARCH, reduction=Reduction.kroner("250.50")),
    "kroner-equal": lambda: stay(110, *MARCH, reduction=Reduction.kroner("1007.70")),
    "kroner-above": lambda: stay(110, *MARCH, reduction=Reduction.kroner("1007.71")),
    "plain-amount": lambda: stay(110, *MARCH, reduction="100"),
    "share": lambda: stay(110, *MARCH, reduction=Reduction.of_share("0.75")),
    "share-0": lambda: stay(110, *MARCH, reduction=Reduction.of_share("0")),
    "waiver": lambda: stay(110, *MARCH, reduction=Reduction.waiver()),
    "projected": lambda: stay(110, date(2025, 12, 28), date(2026, 1, 3), project={2025: D("2"), 2026: D("3")}),
    "prepayment-example-4": lambda: prepayment(110, date(2024, 3, 1), 31),
    "prepayment-new-year": lambda: prepayment(109, date(2023, 12, 30), 4),
    "prepayment-none": lambda: prepayment(110, date(2024, 3, 1), 0),
    "settlement-example-4": lambda: settlement(110, date(2024, 3, 1), 31, 12),
    "settlement-collect": lambda: settlement(110, date(2024, 3, 1), 5, 7),
    "settlement-even": lambda: settlement(110, date(2024, 3, 1), 5, 5),
    "settlement-new-year": lambda: settlement(109, date(2023, 12, 30), 4, 1, kommune="lejre"),
}


def test_facts_of_every_branch() -> None:
    check_golden(GOLDEN, CASES)


def test_the_reductions_of_example_1() -> None:
    assert stay(110, *MARCH, reduction=Reduction.kroner("250.50")).amount == D("757.20")
    assert stay(110, *MARCH, reduction=Reduction.kroner("1007.71")).reduction_amount == D("1007.70")
    assert stay(110, *MARCH, reduction=Reduction.of_share("0.75")).reduction_amount == D("755.78")  # 755.775
    assert stay(110, *MARCH, reduction=Reduction.waiver()).amount == D("0.00")


@pytest.mark.parametrize(("reduction", "text"), [
    (Reduction.kroner("250.5"), "nedsættelse med 250,50 kr."),
    (Reduction.of_share("0.25"), "nedsættelse med 25 %"),
    (Reduction.of_share("1"), "bortfald af egenbetalingen"),
    (Reduction.waiver(), "bortfald af egenbetalingen"),
])
def test_a_reduction_describes_itself(reduction: Reduction, text: str) -> None:
    assert reduction.describe() == text


def _refused(**fields: Any) -> str:
    """The message of the error a directly built :class:`Reduction` is refused with (pydantic wraps it)."""
    with pytest.raises(ValidationError) as caught:
        Reduction(**fields)
    (error,) = caught.value.errors()
    return str(error["msg"])


def test_a_reduction_has_exactly_one_form() -> None:
    both = _refused(amount=D(1), share=D("0.5"))
    assert both.startswith("Value error, reduction = Reduction(amount=Decimal('1'), share=Decimal('0.5')): ")
    assert _refused().startswith("Value error, reduction = Reduction(amount=None, share=None): ")
    with raises_code(InvalidInput, "input.reduction_form", field="reduction"):
        stay(110, *MARCH, reduction=Reduction.model_construct(amount=D(1), share=D("0.5")))


@pytest.mark.parametrize("share", ["1.01", "-0.01"])
def test_a_share_outside_0_to_1(share: str) -> None:
    with raises_code(InvalidInput, "input.share", field="reduction.share", value=D(share)):
        Reduction.of_share(share)
    assert _refused(share=D(share)) == f"Value error, reduction.share = {share}: en andel er fra 0 til 1 (1 er fuld " \
                                       "eftergivelse)"


def test_a_reduction_in_kroner_refused_by_field() -> None:
    with raises_code(InvalidInput, "input.negative", field="reduction.amount", value=D("-1")):
        Reduction.kroner(-1)
    assert _refused(amount=D(-1)) == "Value error, reduction.amount = -1: må ikke være negativ"
    with raises_code(InvalidInput, "input.negative", field="reduction.amount"):
        stay(110, *MARCH, reduction=-1)
    with raises_code(InvalidInput, "input.float", field="reduction"):
        stay(110, *MARCH, reduction=1.5)
    with raises_code(InvalidInput, "input.float", field="reduction.share"):
        Reduction.of_share(0.5)


def test_a_stay_refused_by_field_code_and_value() -> None:
    with raises_code(InvalidInput, "input.departure_before_arrival", field="departure", value=date(2024, 3, 12),
                     arrival=date(2024, 3, 13)):
        stay(110, date(2024, 3, 13), date(2024, 3, 12))
    with raises_code(InvalidInput, "input.datetime", field="departure"):
        stay(110, date(2024, 3, 13), datetime(2024, 3, 14))  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.flag", field="has_income", value="'yes'"):
        stay(110, *MARCH, has_income="yes")  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.datetime", field="start"):
        settlement(110, datetime(2024, 3, 1), 3, 2)  # type: ignore[arg-type]


def test_project_is_off_by_default() -> None:
    for call in (lambda: stay(110, date(2027, 3, 3), date(2027, 3, 5)), lambda: prepayment(110, date(2027, 3, 3), 3),
                 lambda: settlement(110, date(2027, 3, 3), 3, 2)):
        with raises_code(RateNotPublished, "rate.not_published", key="sel110.per_day", reason_code="year_missing"):
            call()


def test_project_is_passed_on_by_prepayment_and_settlement() -> None:
    project = {2025: D("2")}
    p = prepayment(110, date(2025, 3, 1), 3, project=project)
    assert (p.amount, p.projected) == (D("308.37"), True)  # 3 × 102.79
    s = settlement(110, date(2025, 3, 1), 3, 1, project=project)
    assert (s.prepaid, s.amount, s.refund, s.projected) == (D("308.37"), D("102.79"), D("205.58"), True)


def test_nothing_stayed_is_0_00_kroner() -> None:
    s = settlement(110, date(2024, 3, 1), 0, 0)
    assert s.model_dump(mode="json")["amount"] == "0.00"
    assert (str(s.prepaid), str(s.refund)) == ("0.00", "0.00")
    assert str(run_total([])) == "0.00"


_TINY = ('[[rate]]\nkey = "sel110.per_day"\nunit = "DKK/day"\nvalue = 0.5\nvalid_from = 2030-01-01\n'
         'status = "derived"\nsource = "test: 0,50 kr."\n')


def test_a_refund_under_one_krone_is_a_refund() -> None:
    s = settlement(110, date(2030, 3, 1), 2, 1, rates=book_with({"national/test.toml": _TINY}))
    assert s.refund == D("0.50")
    assert s.explanation.steps[-2].step == "sel110.efterregulering.tilbagebetaling"


@pytest.mark.parametrize("call", [
    lambda: prepayment(109, date(2024, 3, 1), 40, kommune="nowhere"),
    lambda: settlement(109, date(2024, 3, 1), prepaid_days=40, actual_days=1, kommune="nowhere"),
])
def test_an_unknown_municipality_is_refused_before_the_prepayment_limit(call: Callable[[], object]) -> None:
    # 40 døgn is over the 31 a prepayment may cover: the municipality is the first thing refused
    with raises_code(UnknownRate, "rate.unknown_kommune", kommune="'nowhere'"):
        call()


def test_a_prepayment_and_a_settlement_read_the_rate_book_they_are_given() -> None:
    book = book_with({"national/dearer.toml": """
[[rate]]
key = "sel109.per_day"
unit = "DKK/day"
value = 100.00
valid_from = 2024-01-01
status = "derived"
source = "a test: another day rate for 2024"
"""})
    assert prepayment(109, date(2024, 3, 1), 10, rates=book).amount == Decimal("1000.00")
    assert prepayment(109, date(2024, 3, 1), 10).amount == Decimal("973.00")
    assert settlement(109, date(2024, 3, 1), prepaid_days=10, actual_days=5, rates=book).amount == Decimal("500.00")


def test_a_share_that_is_not_a_decimal_is_refused_by_its_field() -> None:
    # only a Reduction made without validation can hold one; stay checks it again
    odd = Reduction.model_construct(amount=None, share="halvdelen")
    with raises_code(InvalidInput, "input.not_decimal", field="reduction.share"):
        stay(110, date(2024, 3, 3), date(2024, 3, 13), reduction=odd)
