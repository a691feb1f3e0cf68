"""Months and the named rule for "N months after a date"."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialcalc import InvalidInput, Month, MonthEndRule, months_after


def test_the_public_contract() -> None:
    assert Month(2024, 3) == Month.parse("2024-03")
    assert str(Month(2024, 3)) == "2024-03"
    assert Month(2024, 12) + 1 == Month(2025, 1)
    assert Month(2025, 1) - 1 == Month(2024, 12)
    assert Month(2025, 1) - Month(2024, 1) == 12
    assert Month(2024, 1) < Month(2024, 2)
    assert Month.from_date(date(2024, 2, 29)) == Month(2024, 2)
    assert list(Month.range(Month(2024, 11), Month(2025, 2))) == [Month(2024, 11), Month(2024, 12), Month(2025, 1)]
    assert Month(2024, 2).last_day == date(2024, 2, 29)
    assert Month(2023, 2).last_day == date(2023, 2, 28)


@pytest.mark.parametrize("bad", ["2024-13", "2024-00", "2024-3", "24-03", "2024/03", "", "2024-03-01"])
def test_bad_months_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Month.parse(bad)
    assert caught.value.field == "month"


def test_months_are_immutable_and_hashable() -> None:
    m = Month(2024, 3)
    with pytest.raises(AttributeError):
        m.x = 1  # type: ignore[attr-defined]
    assert len({Month(2024, 3), Month.parse("2024-03")}) == 1


@pytest.mark.parametrize(
    ("day", "n", "clamp", "roll"),
    [
        (date(2024, 8, 31), 6, date(2025, 2, 28), date(2025, 3, 1)),
        (date(2023, 8, 31), 6, date(2024, 2, 29), date(2024, 3, 1)),  # leap year target
        (date(2024, 2, 29), 12, date(2025, 2, 28), date(2025, 3, 1)),  # from a leap day
        (date(2024, 2, 29), 48, date(2028, 2, 29), date(2028, 2, 29)),  # leap day to leap day
        (date(2024, 1, 31), 1, date(2024, 2, 29), date(2024, 3, 1)),
        (date(2024, 3, 31), 1, date(2024, 4, 30), date(2024, 5, 1)),
        (date(2024, 1, 15), 6, date(2024, 7, 15), date(2024, 7, 15)),
        (date(2024, 12, 31), 2, date(2025, 2, 28), date(2025, 3, 1)),
        (date(2024, 5, 31), -3, date(2024, 2, 29), date(2024, 3, 1)),
    ],
)
def test_months_after_at_month_ends_and_leap_days(day: date, n: int, clamp: date, roll: date) -> None:
    assert months_after(day, n) == clamp
    assert months_after(day, n, MonthEndRule.CLAMP) == clamp
    assert months_after(day, n, MonthEndRule.ROLL_FORWARD) == roll


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=12),
       st.integers(min_value=-130_000, max_value=130_000))
def test_month_arithmetic_equals_the_checked_constructor_or_refuses_as_it_does(year: int, month: int,
                                                                               n: int) -> None:
    index = year * 12 + month - 1 + n
    if not 1 <= index // 12 <= 9999:
        with pytest.raises(InvalidInput) as checked:
            Month(index // 12, index % 12 + 1)
        for move in (lambda: Month(year, month) + n, lambda: Month(year, month) - (-n)):
            with pytest.raises(InvalidInput) as caught:
                move()
            assert (caught.value.code, caught.value.field) == (checked.value.code, checked.value.field)
        assert checked.value.code == "input.year"
        return
    expected = Month(index // 12, index % 12 + 1)
    moved = Month(year, month) + n if n >= 0 else Month(year, month) - (-n)
    assert moved == expected and (moved.year, moved.month) == (expected.year, expected.month)
    assert hash(moved) == hash(expected) and str(moved) == str(expected)


def test_the_edges_of_the_calendar_are_refused() -> None:
    assert Month(9999, 11) + 1 == Month(9999, 12) and Month(1, 2) - 1 == Month(1, 1)
    for edge in (lambda: Month(9999, 12) + 1, lambda: Month(1, 1) - 1):
        with pytest.raises(InvalidInput) as caught:
            edge()
        assert caught.value.code == "input.year"
