"""Tests that kill the mutants of ``hastig_sygdom/budget.py`` (SEL § 117a stk. 1).

Every refusal of :meth:`Budget.open`, :meth:`Budget.book`, :func:`value_of_hours` and :func:`value_of_minutes`
is pinned by its class, field, value, code and parameters (what a case system shows and logs), and the few
figures and records the worked examples leave open: a booking keeps the account's municipality and projected
flag, zero minutes are worth nothing, an hour count written with a positive exponent, an account read back
without a budget rate, and the errors of a second account and of a booking over the budget.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from pydantic import ValidationError

from socialcalc.errors import InvalidInput
from socialcalc.hastig_sygdom import Budget, BudgetExceeded, SecondAccount, value_of_hours, value_of_minutes

DAY = date(2024, 3, 10)


def _open(**kw: Any) -> Callable[[], Any]:
    return lambda: Budget.open(DAY, **kw)


def _book(*args: Any, **kw: Any) -> Callable[[], Any]:
    return lambda: Budget.open(DAY).book(*args, **{"on": DAY, **kw})


ERRORS: list[tuple[Callable[[], Any], str, Any, str, dict[str, Any]]] = [
    (lambda: Budget.open("2024-03-10"), "decided_on", "'2024-03-10'", "input.date", {"kind": "str"}),  # type: ignore[arg-type]
    (_open(earlier_help_for_same_disease="yes"), "earlier_help_for_same_disease", "'yes'", "input.flag", {}),
    (_open(earlier_help_for_same_disease=True), "earlier_help_for_same_disease", True, "input.earlier_help", {}),
    (_open(existing=["not an account"]), "existing", "str", "input.existing_accounts", {}),
    (lambda: Budget.open(date(2023, 5, 31)), "decided_on", date(2023, 5, 31), "input.before_117a",
     {"in_force": date(2023, 6, 1)}),
    (_book("83", "100.00"), "paragraph", "'83'", "input.paragraph_whole", {}),
    (_book(True, "100.00"), "paragraph", "True", "input.paragraph_whole", {}),
    (_book(113, "100.00"), "paragraph", 113, "input.paragraph_117a", {"why": True}),
    (_book(112, "abc"), "amount", "'abc'", "input.not_decimal", {"hint": "1234.50"}),
    (_book(112, "0"), "amount", D("0"), "input.booking_not_positive", {}),
    (_book(112, "1.005"), "amount", D("1.005"), "input.ore", {}),
    (_book(112), "amount", None, "input.time_or_amount", {}),
    (_book(97, "100.00", hours=1, hourly_price="250.00"), "amount", "100.00", "input.time_or_amount", {}),
    (_book(97, "100.00", hourly_price="250.00"), "amount", "100.00", "input.time_or_amount", {}),
    (_book(97, hours=1, minutes=60, hourly_price="250.00"), "amount", None, "input.time_or_amount", {}),
    (_book(97, hours=1), "amount", None, "input.time_or_amount", {}),
    (_book(112, hours=1, hourly_price="250.00"), "paragraph", 112, "input.time_paragraph", {}),
    (_book(97, hours=1, hourly_price="abc"), "hourly_price", "'abc'", "input.not_decimal", {"hint": "1234.50"}),
    (_book(97, hours=1, hourly_price="250.005"), "hourly_price", D("250.005"), "input.ore", {}),
    (_book(97, hours="abc", hourly_price="250.00"), "hours", "'abc'", "input.not_decimal", {"hint": "1234.50"}),
    (_book(97, minutes=1.5, hourly_price="250.00"), "minutes", 1.5, "input.float", {}),
    (_book(112, "1.00", on="2024-03-10"), "on", "'2024-03-10'", "input.date", {"kind": "str"}),
    (_book(112, "1.00", on=date(2024, 3, 9)), "on", date(2024, 3, 9), "input.booking_before_decision",
     {"decided": DAY}),
    (_book(112, "1.00", description=5), "description", "5", "input.type",
     {"expected": "en tekst", "expected_en": "a text", "kind": "int"}),
    (lambda: value_of_hours(-1, "250.00"), "hours", -1, "input.negative", {}),
    (lambda: value_of_hours(1, "-1"), "hourly_price", D("-1"), "input.negative", {}),
    (lambda: value_of_minutes(1.5, "250.00"), "minutes", "1.5", "input.whole", {"kind": "float"}),  # type: ignore[arg-type]
    (lambda: value_of_minutes(-1, "250.00"), "minutes", -1, "input.negative", {}),
    (lambda: value_of_minutes(1, "-1"), "hourly_price", D("-1"), "input.negative", {}),
]


@pytest.mark.parametrize(("call", "field", "value", "code", "params"), ERRORS)
def test_every_refusal_names_field_value_and_code(call: Callable[[], Any], field: str, value: Any, code: str,
                                                  params: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    err = caught.value
    assert type(err) is InvalidInput
    assert (err.field, err.value, err.code) == (field, value, code)
    assert {k: v for k, v in err.params.items() if k != "source"} == params


def test_a_decision_before_117a_names_the_source_of_the_date() -> None:
    with pytest.raises(InvalidInput) as caught:
        Budget.open(date(2023, 5, 31))
    assert caught.value.params["source"]


def test_a_second_account_names_every_earlier_decision() -> None:
    first, second = Budget.open(DAY), Budget.open(date(2024, 4, 1))
    with pytest.raises(SecondAccount) as caught:
        Budget.open(date(2024, 9, 1), existing=[first, second])
    err = caught.value
    assert (err.field, err.value, err.code) == ("existing", "2024-03-10, 2024-04-01", "input.second_account")
    assert err.params == {"when": "10. marts 2024, 1. april 2024"}
    assert err.existing == (DAY, date(2024, 4, 1))
    assert "10. marts 2024, 1. april 2024" in str(err)


def test_a_booking_over_the_budget_carries_its_figures() -> None:
    b = Budget.open(DAY).book(112, "41000.00", on=DAY)
    with pytest.raises(BudgetExceeded) as caught:
        b.book(116, "22.01", on=DAY)
    err = caught.value
    assert (err.field, err.value, err.code) == ("amount", D("22.01"), "input.budget_exceeded")
    assert (err.paragraph, err.amount, err.remaining, err.total) == (116, D("22.01"), D("22.00"), D("41022.00"))
    assert err.params == {"paragraph": 116, "remaining": D("22.00"), "total": D("41022.00"), "spent": D("41000.00")}


def test_a_booking_keeps_the_municipality_and_the_projected_flag() -> None:
    lejre = Budget.open(DAY, kommune="lejre").book(112, "1.00", on=DAY)
    assert (lejre.kommune, lejre.projected) == ("lejre", False)
    projected = Budget.open(date(2026, 2, 1), project=True).book(112, "1.00", on=date(2026, 2, 1))
    assert (projected.kommune, projected.projected, projected.total) == (None, True, D("44411.00"))


def test_zero_time_is_worth_nothing() -> None:
    assert value_of_minutes(0, "250.00") == D("0.00")
    assert value_of_hours(0, "250.00") == D("0.00")


def test_hours_with_a_positive_exponent() -> None:
    assert value_of_hours(D("1E+1"), "250.00") == D("2500.00")
    assert value_of_hours(D("1E+1"), D("2.5E+2")) == D("2500.00")
    assert value_of_minutes(90, D("2.5E+2")) == D("375.00")


def test_an_account_without_a_budget_rate_reads_back() -> None:
    data = Budget.open(DAY).model_dump(mode="json")
    data["rates_used"] = [r for r in data["rates_used"] if r["key"] != "sel117a.budget"]
    assert Budget.model_validate(data).total == D("41022.00")


def test_a_projected_rate_without_the_flag_is_refused_in_danish() -> None:
    data = Budget.open(date(2026, 2, 1), project=True).model_dump(mode="json")
    data["projected"] = False
    with pytest.raises(ValidationError, match="fremskrevet sats skal have projected=True"):
        Budget.model_validate(data)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("spent", "abc", "spent = 'abc': er ikke et decimaltal"),
    ("spent", {"a": 1}, "spent = {'a': 1}: forventede en Decimal"),
    ("spent_by_paragraph", {"83": "abc", "97": "0", "112": "0", "116": "0"}, "spent_by_paragraph = 'abc': er ikke"),
    ("remaining", "41021.00", "den gemte remaining (41021.00) er ikke det, bevillingerne giver (41022.00)"),
])
def test_a_stored_figure_read_back_is_checked_and_named(key: str, value: Any, message: str) -> None:
    data = Budget.open(DAY).model_dump(mode="json")
    with pytest.raises(ValidationError) as caught:
        Budget.model_validate({**data, key: value})
    assert message in str(caught.value)


def test_the_projected_message_in_full() -> None:
    data = Budget.open(date(2026, 2, 1), project=True).model_dump(mode="json")
    with pytest.raises(ValidationError) as caught:
        Budget.model_validate({**data, "projected": False})
    expected = "Value error, et budget åbnet med en fremskrevet sats skal have projected=True"
    assert caught.value.errors()[0]["msg"] == expected
