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
