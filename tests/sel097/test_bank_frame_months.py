"""bank_frame parses each distinct month once (issue 15): the same months, and a bad one named at its first row."""

from __future__ import annotations

import pandas as pd
import pytest

from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import bank_frame
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
