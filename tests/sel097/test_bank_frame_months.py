"""bank_frame parses each distinct month once (issue 15): the same months, and a bad one named at its first row."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import bank_frame
from socialcalc.errors import InvalidInput
from socialcalc.ledsageordning.frame import _ascii_months, _months_of
from socialcalc.months import Month


@pytest.mark.parametrize("dtype", [object, "string"])
def test_a_bad_month_is_named_at_its_first_row(dtype: object) -> None:
    frame = pd.DataFrame({"person": [1, 2, 3, 4], "month": pd.Series(["2024-01", "2024-01", "2024-13", "2024-13"],
                                                                      dtype=dtype),
                          "used_minutes": [0, 0, 0, 0]})
    with pytest.raises(BatchInputError) as caught:
        bank_frame(frame)
    assert (caught.value.column, caught.value.row) == ("month", 2)


def test_text_month_objects_and_periods_give_the_same_bank() -> None:
    texts = ["2024-01", "2024-02", "2024-03", "2024-01", "2024-02"]
    used = [0, 300, 1200, 60, 0]
    persons = ["a", "a", "a", "b", "b"]
    by_text = bank_frame(pd.DataFrame({"person": persons, "month": texts, "used_minutes": used}))
    by_month = bank_frame(pd.DataFrame({"person": persons, "month": [Month.coerce(t, "m") for t in texts],
                                        "used_minutes": used}))
    by_period = bank_frame(pd.DataFrame({"person": persons, "month": pd.PeriodIndex(texts, freq="M"),
                                         "used_minutes": used}))
    assert by_text["closing_minutes"].tolist() == by_month["closing_minutes"].tolist() \
        == by_period["closing_minutes"].tolist() == [900, 1500, 1200, 840, 1740]


# -- the Arrow fast path of text months (issue 15): it reads exactly what Month.parse reads, or declines -------

_CHARS = st.sampled_from([*"0123456789-/ 1٣x", "\u00e6"])
_NEAR = st.one_of(
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 13)),
    st.text(_CHARS, min_size=6, max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NEAR, min_size=1, max_size=6))
def test_the_fast_path_reads_what_month_parse_reads(texts: list[str]) -> None:
    series = pd.Series(texts, dtype="str")
    fast = _ascii_months(series)
    try:
        expected = [Month.parse(t) for t in texts]
    except InvalidInput:
        assert fast is None  # a value Month.parse refuses is left to the value-by-value path (and its error)
        with pytest.raises(BatchInputError):
            _months_of(series, "month")
        return
    if fast is not None:
        assert fast.tolist() == [m.year * 12 + m.month - 1 for m in expected]
    assert _months_of(series, "month").tolist() == [m.year * 12 + m.month - 1 for m in expected]


def test_the_fast_path_declines_missing_values_and_sliced_arrays() -> None:
    assert _ascii_months(pd.Series(["2024-01", None], dtype="str")) is None
    series = pd.Series(["2023-12", "2024-01", "2024-02", "2024-03"], dtype="str")
    assert _ascii_months(series.iloc[1:3].reset_index(drop=True)).tolist() == [24288, 24289]
    assert _ascii_months(pd.Series(["2024-01"], dtype=object)) is None  # object text: the other path
