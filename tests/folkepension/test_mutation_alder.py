"""Tests that kill the mutants of ``folkepension/alder.py`` (lov om social pension § 1 a).

They pin what the worked examples leave open: a caller's rate book and ``on`` reach every function (not only
:func:`pension_age`), the fields of the input errors (``birth``, ``on``, ``cpr``) with the CPR number hidden and
the same code on every path, a table whose first row has a start date, and the Danish text of an age.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from socialcalc import InvalidInput, Month
from socialcalc.folkepension import (
    PensionAge,
    birth_date_from_cpr,
    first_pension_month,
    pension_age,
    reached_on,
)
from socialcalc.folkepension.alder import row_for, table_rate
from socialcalc.ratebook.model import AgeRow
from socialcalc.testing import book_with

BOOK = book_with({"national/test.toml": '[[rate]]\nkey = "folkepension.age_table"\nunit = "years"\n'
                  'valid_from = 2026-01-01\nstatus = "derived"\nsource = "test: 60 år og 3 mdr. for alle"\n'
                  'value = [{ years = 60, months = 3 }]\n'})


def test_the_callers_book_reaches_every_function() -> None:
    born = date(1960, 5, 31)
    assert pension_age(born, rates=BOOK) == PensionAge(60, 3)
    assert reached_on(born, rates=BOOK) == date(2020, 8, 31)
    assert first_pension_month(born, rates=BOOK) == Month(2020, 9)
    assert table_rate(BOOK, None).valid_from == date(2026, 1, 1)
    # on a day before the test table, the book's earlier table holds
    assert pension_age(born, rates=BOOK, on=date(2025, 6, 1)) == PensionAge(67)


def test_on_reaches_every_function() -> None:
    born = date(1975, 1, 1)
    assert reached_on(born, on=date(2024, 6, 1)) == date(2044, 1, 1)
    assert first_pension_month(born, on=date(2024, 6, 1)) == Month(2044, 2)
    assert (reached_on(born), first_pension_month(born)) == (date(2045, 1, 1), Month(2045, 2))


@pytest.mark.parametrize(("call", "field"), [
    (lambda: pension_age("1960-05-15"), "birth"),
    (lambda: reached_on("1960-05-15"), "birth"),
    (lambda: pension_age(date(1960, 5, 15), on="2024-06-01"), "on"),
])
def test_bad_dates_name_their_field(call: Any, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (caught.value.field, caught.value.code) == (field, "input.date")


@pytest.mark.parametrize("cpr", [2110620629, "ab1062-0629", "2110620", "311362-0629"])
def test_every_refused_cpr_has_the_same_field_value_and_code(cpr: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        birth_date_from_cpr(cpr)
    assert (caught.value.field, caught.value.value, caught.value.code) == ("cpr", "<CPR skjult>", "input.cpr")


def test_a_table_whose_first_row_has_a_start_date() -> None:
    table = (AgeRow(date(1950, 1, 1), 65, 0), AgeRow(date(1960, 1, 1), 67, 0))
    assert row_for(table, date(1940, 1, 1)) == table[0]  # born before the first row: the first row
    assert row_for(table, date(1955, 1, 1)) == table[0]
    assert row_for(table, date(1960, 1, 1)) == table[1]


@pytest.mark.parametrize(("age", "text"), [
    (PensionAge(65, 6), "65½ år"), (PensionAge(67), "67 år"), (PensionAge(66, 3), "66 år og 3 mdr."),
    (PensionAge(66, 7), "66 år og 7 mdr."),
])
def test_the_text_of_an_age(age: PensionAge, text: str) -> None:
    assert str(age) == text
