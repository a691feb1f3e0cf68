"""The stays kernel's fast paths (issue 15) give exactly what the exact function gives, stay by stay.

- the day-count policy is read once per period of the policy, not per day of arrival, including a
  municipality whose own policy begins in the middle of the stays' arrivals (the national one before it);
- a caseload whose every stay lies in one rate period is charged in one pass; one stay over New Year sends the
  whole caseload to the general path, with the same amounts.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch import stays
from socialcalc.egenbetaling import batch as kernel
from socialcalc.egenbetaling import stay
from socialcalc.testing import book_with

_MIDYEAR = """\
[[rate]]
key = "egenbetaling.day_count"
unit = "policy"
value = "calendar_days"
valid_from = 2024-07-01
status = "official"
source = "testkommunens politik fra 1. juli 2024: hver kalenderdag tælles"
"""


@functools.cache
def _midyear_book():  # type: ignore[no-untyped-def]
    return book_with({"kommuner/midtaar/policy.toml": _MIDYEAR})


_stay = st.tuples(st.sampled_from([109, 110]), st.dates(date(2024, 1, 1), date(2024, 11, 30)), st.integers(0, 30),
                  st.sampled_from([None, "lejre", "midtaar"]))


def _check(rows: list[tuple[int, date, int, str | None]]) -> None:
    book = _midyear_book()
    para = np.array([r[0] for r in rows])
    arrival = np.array([r[1] for r in rows], dtype="M8[D]")
    departure = np.array([r[1] + timedelta(days=r[2]) for r in rows], dtype="M8[D]")
    kommune = np.array([r[3] for r in rows], dtype=object)
    batch = stays(para, arrival, departure, kommune=kommune, rates=book)
    for i, (p, a, d, k) in enumerate(rows):
        one = stay(p, a, a + timedelta(days=d), kommune=k, rates=book)
        assert (int(batch.days[i]), int(batch.amount[i])) == (one.days, int(one.amount * 100)), (i, rows[i])


@settings(max_examples=60, deadline=None)
@given(st.lists(_stay, min_size=1, max_size=12))
def test_stays_in_one_period_and_a_policy_from_midyear_equal_the_exact_function(
        rows: list[tuple[int, date, int, str | None]]) -> None:
    _check(rows)


@settings(max_examples=30, deadline=None)
@given(st.lists(_stay, min_size=1, max_size=8))
def test_one_stay_over_new_year_gives_the_same_amounts(rows: list[tuple[int, date, int, str | None]]) -> None:
    _check([*rows, (110, date(2023, 12, 28), 9, None)])


def test_the_one_period_path_is_taken_and_declined() -> None:
    from socialcalc.ratebook import default_book

    book = default_book()
    begin = np.array([19800, 19810])  # days since 1970 in 2024
    end = begin + 3
    days = np.array([4, 4])
    charged = np.array([True, True])
    one = kernel._charged_in_one_period(book, np.array([109, 110]), 0, [None], begin, end, days, charged)
    epoch = date(1970, 1, 1)
    assert one is not None and one.tolist() == [
        int(stay(p, epoch + timedelta(days=int(b)), epoch + timedelta(days=int(b) + 4)).amount * 100)
        for p, b in zip((109, 110), begin, strict=True)]
    new_year = np.array([19722])  # 2023-12-30: four døgn over New Year
    assert kernel._charged_in_one_period(book, 109, 0, [None], new_year, new_year + 3, np.array([4]),
                                         np.array([True])) is None


def test_the_policy_is_one_code_where_it_is_the_same_for_every_stay() -> None:
    from socialcalc.batch._resolve import Failures
    from socialcalc.ratebook import default_book

    policy, unknown = kernel._policies(default_book(), np.array([19800, 19900]), 0, [None], 2, Failures())
    assert policy == kernel.NIGHTS_MIN_ONE and unknown is None
    policy, unknown = kernel._policies(_midyear_book(), np.array([19800, 19950]), 0, ["midtaar"], 2, Failures())
    assert isinstance(policy, np.ndarray) and policy.tolist() == [kernel.NIGHTS_MIN_ONE, kernel.CALENDAR_DAYS]


# -- against the surviving mutants of the fast paths (tools/mutation.py) ----------------------------------------

_EPOCH = date(1970, 1, 1)


def _day(d: date) -> int:
    return (d - _EPOCH).days


def test_a_one_doegn_stay_beginning_on_new_years_day_is_charged_at_the_new_rate() -> None:
    # stays in 2023 and one of a single døgn on 1 January 2024: each in one period, so the fast path charges all
    arrivals = [date(2023, 6, 1), date(2024, 1, 1)]
    batch = stays(np.array([109, 109]), np.array(arrivals, dtype="M8[D]"),
                  np.array([date(2023, 6, 5), date(2024, 1, 1)], dtype="M8[D]"))
    assert batch.gross.tolist() == [int(stay(109, date(2023, 6, 1), date(2023, 6, 5)).amount * 100),
                                    int(stay(109, date(2024, 1, 1), date(2024, 1, 1)).amount * 100)]
    from socialcalc.ratebook import default_book

    begin = np.array([_day(a) for a in arrivals])
    one = kernel._charged_in_one_period(default_book(), np.array([109, 109]), 0, [None], begin,
                                        np.array([_day(date(2023, 6, 4)), _day(date(2024, 1, 1))]),
                                        np.array([4, 1]), np.array([True, True]))
    assert one is not None and one.dtype == np.int64 and one.tolist() == batch.gross.tolist()


def test_a_stay_not_charged_may_cross_a_period_on_the_fast_path() -> None:
    from socialcalc.ratebook import default_book

    begin = np.array([_day(date(2023, 6, 1)), _day(date(2023, 12, 28))])
    end = np.array([_day(date(2023, 6, 4)), _day(date(2024, 1, 3))])
    one = kernel._charged_in_one_period(default_book(), np.array([110, 110]), 0, [None], begin, end,
                                        np.array([4, 7]), np.array([True, False]))
    assert one is not None and one.tolist() == [int(stay(110, date(2023, 6, 1), date(2023, 6, 5)).amount * 100), 0]
    assert kernel._charged_in_one_period(default_book(), 110, 0, [None], begin, end, np.array([4, 7]),
                                         np.array([False, False])).tolist() == [0, 0]


def test_every_result_column_of_the_fast_path_is_int64() -> None:
    batch = stays(np.array([109, 110]), np.array(["2024-03-03", "2024-05-01"], dtype="M8[D]"),
                  np.array(["2024-03-13", "2024-05-02"], dtype="M8[D]"))
    assert {str(a.dtype) for a in (batch.days, batch.gross, batch.reduction, batch.amount)} == {"int64"}
    assert batch.day_count.dtype == np.int8


def test_no_stays_give_no_rows() -> None:
    empty = np.array([], dtype="M8[D]")
    batch = stays(np.array([], dtype=np.int64), empty, empty)
    assert len(batch) == 0 and batch.day_count.tolist() == []


def test_a_policy_missing_on_the_day_names_that_stays_day_and_column() -> None:
    from socialcalc.batch import BatchRateNotPublished

    # no day-count policy before 2018: the first such stay (row 0) is named with its own day of arrival,
    # though an earlier arrival (row 1) opens the period
    arrival = np.array(["2017-06-01", "2017-03-01"], dtype="M8[D]")
    departure = np.array(["2017-06-02", "2017-03-02"], dtype="M8[D]")
    with pytest.raises(BatchRateNotPublished) as caught:
        stays(np.array([110, 110]), arrival, departure)
    assert (caught.value.column, caught.value.row) == ("arrival", 0)
    assert "egenbetaling.day_count" in str(caught.value)
    assert "juni 2017" in str(caught.value) and "marts" not in str(caught.value)


def test_an_unknown_municipality_is_refused_in_the_kommune_column() -> None:
    from socialcalc.batch import BatchInputError as Refused

    with pytest.raises(Refused) as caught:
        stays(np.array([110, 110]), np.array(["2024-03-01", "2024-03-02"], dtype="M8[D]"),
              np.array(["2024-03-05", "2024-03-05"], dtype="M8[D]"), kommune=np.array([None, "atlantis"], object))
    assert (caught.value.column, caught.value.row) == ("kommune", 1)


def test_two_municipalities_with_other_policies_give_each_its_own() -> None:
    rows = [(110, date(2024, 8, 1), 3, "midtaar"), (110, date(2024, 8, 1), 3, None),
            (109, date(2024, 3, 1), 3, "midtaar")]
    _check(rows)
    book = _midyear_book()
    batch = stays(np.array([110, 110]), np.array(["2024-08-01", "2024-08-01"], dtype="M8[D]"),
                  np.array(["2024-08-04", "2024-08-04"], dtype="M8[D]"),
                  kommune=np.array(["midtaar", None], dtype=object), rates=book)
    assert batch.days.tolist() == [4, 3] and batch.day_count.tolist() == [kernel.CALENDAR_DAYS,
                                                                           kernel.NIGHTS_MIN_ONE]

