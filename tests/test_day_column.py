"""``day_column`` reads a ``datetime64`` column as whole days in place (issue 15): against numpy's own conversion
for every unit a day is a whole number of, with NaT and a time of day refused at the first bad row."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialcalc.batch._resolve import _TICKS_PER_DAY, day_column
from socialcalc.batch.columns import BatchInputError

_NAT = np.iinfo(np.int64).min
_TICKS = st.one_of(st.integers(-(2**63) + 1, 2**63 - 1), st.integers(-10**6, 10**6), st.just(_NAT))


def _expected(ticks: list[int], unit: str) -> tuple[str, int] | list[int]:
    """numpy's answer: the first NaT or time of day (and its row), else the days."""
    per_day = _TICKS_PER_DAY[unit]
    for row, tick in enumerate(ticks):
        if tick == _NAT:
            return ("batch.date_missing", row)
    for row, tick in enumerate(ticks):
        if tick % per_day:
            return ("batch.date_time", row)
    return [tick // per_day for tick in ticks]


@given(st.sampled_from(sorted(_TICKS_PER_DAY)), st.lists(_TICKS, max_size=6),
       st.lists(st.integers(-10**5, 10**5), max_size=4))
def test_days_of_any_unit_equal_whole_days_or_the_first_bad_row(unit: str, ticks: list[int],
                                                                 days: list[int]) -> None:
    # whole days (multiplied up where they fit) mixed with any ticks at all, NaT and the extremes included
    per_day = _TICKS_PER_DAY[unit]
    ticks = [*(d * per_day for d in days if abs(d * per_day) < 2**62), *ticks]
    column = np.array(ticks, dtype=np.int64).view(f"datetime64[{unit}]")
    expected = _expected(ticks, unit)
    if isinstance(expected, tuple):
        with pytest.raises(BatchInputError) as caught:
            day_column(column, "on", len(ticks))
        assert (caught.value.code, caught.value.row) == expected
    else:
        assert day_column(column, "on", len(ticks)).tolist() == expected


def test_the_conversion_agrees_with_numpy_on_real_dates() -> None:
    days = np.arange(-800_000, 800_000, 997).astype("datetime64[D]")
    for unit in ("h", "m", "s", "ms", "us", "ns"):
        in_range = days[np.abs(days.astype(np.int64)) < 100_000] if unit == "ns" else days
        assert day_column(in_range.astype(f"datetime64[{unit}]"), "on", len(in_range)).tolist() == \
            in_range.astype(np.int64).tolist()


def test_an_empty_column_has_no_days() -> None:
    assert day_column(np.array([], dtype="datetime64[s]"), "on", 0).tolist() == []
