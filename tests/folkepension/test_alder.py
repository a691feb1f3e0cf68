"""Folkepensionsalder from the table in the rate book; the birth date from a CPR number."""

from __future__ import annotations

from datetime import date

import pytest

from socialcalc import InvalidInput, Month
from socialcalc.folkepension import (
    PensionAge,
    birth_date_from_cpr,
    first_pension_month,
    pension_age,
    reached_on,
)


@pytest.mark.parametrize(
    ("birth", "age", "reached", "first"),
    [
        (date(1960, 5, 15), PensionAge(67), date(2027, 5, 15), Month(2027, 6)),
        (date(1954, 3, 2), PensionAge(65, 6), date(2019, 9, 2), Month(2019, 10)),
        (date(1971, 1, 1), PensionAge(70), date(2041, 1, 1), Month(2041, 2)),
        (date(1970, 12, 31), PensionAge(69), date(2039, 12, 31), Month(2040, 1)),
    ],
)
def test_the_spec_examples(birth: date, age: PensionAge, reached: date, first: Month) -> None:
    assert pension_age(birth) == age
    assert reached_on(birth) == reached
    assert first_pension_month(birth) == first


@pytest.mark.parametrize(
    ("birth", "age"),
    [
        (date(1953, 12, 31), PensionAge(65)),
        (date(1954, 1, 1), PensionAge(65, 6)),
        (date(1954, 6, 30), PensionAge(65, 6)),
        (date(1954, 7, 1), PensionAge(66)),
        (date(1955, 1, 1), PensionAge(66, 6)),
        (date(1955, 7, 1), PensionAge(67)),
        (date(1962, 12, 31), PensionAge(67)),
        (date(1963, 1, 1), PensionAge(68)),
        (date(1967, 1, 1), PensionAge(69)),
    ],
)
def test_every_edge_of_the_table(birth: date, age: PensionAge) -> None:
    assert pension_age(birth) == age


def test_born_on_29_february_reaches_a_whole_year_age_on_28_february() -> None:
    assert reached_on(date(1956, 2, 29)) == date(2023, 2, 28)
    assert first_pension_month(date(1956, 2, 29)) == Month(2023, 3)


def test_a_half_year_age_from_a_month_end_clamps() -> None:
    # born 31 Aug 1954 → 66 (no half year) ; born 31 Dec 1954 → 66 → 31 Dec 2020
    assert reached_on(date(1954, 12, 31)) == date(2020, 12, 31)
    # born 30 Jun 1954 + 65½ → 30 Dec 2019
    assert reached_on(date(1954, 6, 30)) == date(2019, 12, 30)


def test_the_table_before_the_2025_decision_is_kept() -> None:
    assert pension_age(date(1975, 1, 1), on=date(2024, 6, 1)) == PensionAge(69)
    assert pension_age(date(1975, 1, 1)) == PensionAge(70)


def test_birth_date_from_cpr() -> None:
    assert birth_date_from_cpr("211062-0629") == date(1962, 10, 21)
    assert birth_date_from_cpr("0101004000") == date(2000, 1, 1)


@pytest.mark.parametrize("cpr", ["311362-0629", "2110620", "21106206299", "ab1062-0629", "3002001234"])
def test_an_invalid_cpr_is_refused_and_never_echoed(cpr: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        birth_date_from_cpr(cpr)
    message = str(caught.value)
    digits = cpr.replace("-", "")
    assert digits not in message and cpr not in message
    assert digits[:6] not in message
    assert caught.value.value == "<CPR skjult>" and caught.value.code == "input.cpr"
    assert cpr not in repr(caught.value)


def test_a_birth_date_must_be_a_date() -> None:
    with pytest.raises(InvalidInput):
        pension_age("1960-05-15")  # type: ignore[arg-type]
