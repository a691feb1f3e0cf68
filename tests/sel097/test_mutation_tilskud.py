"""Tests that kill the mutants of ``ledsageordning/tilskud.py``: the yearly expense grant (SEL § 97 stk. 7).

Every figure, its JSON form (amounts to two decimals), the step of the explanation and every input error.
"""
# ruff: noqa: E501

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.ledsageordning import ExpenseGrant, expense_grant
from socialcalc.testing import book_with

TEXT = ("Borgerens sandsynliggjorte udgifter til ledsageren i {year} er {spent}, og årets højeste tilskud er "
        "{maximum}; {rule} {amount}, der udbetales én gang årligt (serviceloven § 97, stk. 7, jf. § 9 i "
        "bekendtgørelse nr. 235/2012).")
CAPPED, FULL = "tilskuddet begrænses derfor til", "udgifterne dækkes derfor fuldt med"


@pytest.mark.parametrize(("year", "expenses", "options", "figures", "texts"), [
    (2024, "1200", {}, ("1005.00", False, "1200", "1005.00", True), ("1.200,00 kr.", "1.005,00 kr.", CAPPED, "1.005,00 kr.")),
    (2024, "700", {}, ("700.00", False, "700", "1005.00", False), ("700,00 kr.", "1.005,00 kr.", FULL, "700,00 kr.")),
    (2024, "1005", {}, ("1005.00", False, "1005", "1005.00", False), ("1.005,00 kr.", "1.005,00 kr.", FULL, "1.005,00 kr.")),
    (2024, "1004.995", {}, ("1005.00", False, "1004.995", "1005.00", False), ("1.005,00 kr.", "1.005,00 kr.", FULL, "1.005,00 kr.")),
    (2024, "1005.001", {}, ("1005.00", False, "1005.001", "1005.00", True), ("1.005,00 kr.", "1.005,00 kr.", CAPPED, "1.005,00 kr.")),
    (2025, "1500", {"kommune": "lejre"}, ("1041.00", False, "1500", "1041.00", True), ("1.500,00 kr.", "1.041,00 kr.", CAPPED, "1.041,00 kr.")),
    (2027, "5000", {"project": Decimal("2.5")}, ("1115.00", True, "5000", "1115.00", True), ("5.000,00 kr.", "1.115,00 kr.", CAPPED, "1.115,00 kr.")),
])
def test_every_figure_and_the_step(year: int, expenses: str, options: dict[str, Any], figures: tuple[Any, ...],
                                   texts: tuple[str, ...]) -> None:
    r = expense_grant(year, expenses, **options)
    data = json.loads(r.model_dump_json())
    assert (data["amount"], data["projected"], data["expenses"], data["maximum"], data["capped"]) == figures
    assert data["year"] == year
    assert r.explanation.title == "sel097.title.tilskud"
    (step,) = r.explanation.steps
    capped = figures[4]
    assert (step.step, step.basis) == ("sel097.tilskud.capped" if capped else "sel097.tilskud.full",
                                       "serviceloven § 97, stk. 7, jf. § 9 i bekendtgørelse nr. 235/2012")
    spent, maximum, rule, amount = texts
    note = r.explain(audience="sagsbehandler").splitlines()[1]
    assert note == "1. " + TEXT.format(year=year, spent=spent, maximum=maximum, rule=rule, amount=amount)
    assert step.inputs == {"year": str(year), "expenses": expenses}
    assert step.outputs == {"maximum": figures[3], "amount": figures[0]}
    assert [rate.key for rate in step.rates] == ["sel097.expense_grant_max"]
    assert ExpenseGrant.model_validate_json(r.model_dump_json()) == r


def test_the_book_given_and_the_municipality_are_used() -> None:
    book = book_with({"national/test.toml": '[[rate]]\nkey = "sel097.expense_grant_max"\nunit = "DKK/year"\nvalue = 1100\n'
                      'valid_from = 2027-01-01\nstatus = "derived"\nsource = "test: 1100"\n'})
    assert expense_grant(2027, "1500", rates=book).amount == Decimal("1100.00")
    with pytest.raises(RateNotPublished):
        expense_grant(2027, "1500")
    with pytest.raises(UnknownRate):
        expense_grant(2024, "1500", kommune="nowhere")


@pytest.mark.parametrize(("year", "shown"), [(True, "True"), (2024.0, "2024.0"), ("2024", "'2024'"), (0, "0"),
                                             (10000, "10000")])
def test_a_bad_year_is_refused(year: Any, shown: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        expense_grant(year, "1")
    assert (caught.value.field, caught.value.value, caught.value.code) == ("year", shown, "input.year")


def test_bad_expenses_name_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        expense_grant(2024, "-1")
    assert caught.value.field == "expenses"


def test_the_maximum_is_that_of_the_first_of_january() -> None:
    book = book_with({"national/test.toml": '[[rate]]\nkey = "sel097.expense_grant_max"\nunit = "DKK/year"\nvalue = 1100\n'
                      'valid_from = 2027-01-02\nstatus = "derived"\nsource = "test: from 2 January"\n'})
    with pytest.raises(RateNotPublished):
        expense_grant(2027, "5000", rates=book)


def test_projection_is_opt_in() -> None:
    with pytest.raises(RateNotPublished) as strict:
        expense_grant(2027, "5000")
    with pytest.raises(RateNotPublished) as projecting:
        expense_grant(2027, "5000", project=True)
    assert str(strict.value) != str(projecting.value)  # only the strict lookup says projection is possible


@pytest.mark.parametrize("year", [1, 9999])
def test_the_first_and_last_years_are_years(year: int) -> None:
    with pytest.raises(RateNotPublished):  # a year, but no maximum published: not an InvalidInput
        expense_grant(year, "1")
