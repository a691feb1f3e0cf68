"""A batch refusal carries the one-case error's code and fields, and its English message is English."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from socialcalc.batch import BatchInputError, merudgift
from socialcalc.batch.columns import BatchRateNotPublished
from socialcalc.errors import UnknownRate
from socialcalc.merudgift import calculate


def test_an_unknown_municipality_in_a_batch_row_has_the_one_case_code_value_and_english() -> None:
    with pytest.raises(UnknownRate) as one:
        calculate("1000", decided_on=date(2024, 6, 1), kommune="atlantis")
    with pytest.raises(BatchInputError) as caught:
        merudgift(np.array([100_000, 100_000]), decided_on=date(2024, 6, 1),
                  kommune=np.array(["lejre", "atlantis"], dtype=object))
    err = caught.value
    assert (err.code, err.column, err.row) == (one.value.code, "kommune", 1) == ("rate.unknown_kommune", "kommune", 1)
    assert "atlantis" in str(err.value)
    assert err.message("en").startswith("kommune[1] = 'atlantis': ")
    assert "no rate table for this municipality" in err.message("en")
    assert "satsbogen har ingen satstabel" in str(err)


def test_a_rate_not_published_in_a_batch_row_is_english_in_english() -> None:
    with pytest.raises(BatchRateNotPublished) as caught:
        merudgift(np.array([100_000]), decided_on=date(2027, 6, 1))
    err = caught.value
    assert err.message("en").startswith("decided_on[0]: rate ") and "has no value on" in err.message("en")
    assert str(err).startswith("decided_on[0]: satsen ") and str(err) == err.message("da")
    assert err.to_dict("en")["message"] == err.message("en")
