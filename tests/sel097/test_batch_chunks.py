"""The § 97 kernel folds persons a chunk at a time: the result (and the shortage it reports) is that of one fold
over everyone, and minutes are int32 where the inputs fit (issue 15: 10⁷ persons × 12 months in a few GiB)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialcalc.ledsageordning import batch
from socialcalc.ledsageordning.batch import InsufficientBatchHours, bank

FIELDS = ("lapsed", "granted", "lost_to_cap", "closing", "closing_lots", "order_of_use")


def _use(seed: int, n: int, m: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.integers(0, 2, (n, m)) * rng.integers(0, 700, (n, m))).astype(np.int64)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 23), m=st.integers(1, 14), chunk=st.integers(1, 7),
       lots=st.booleans())
def test_chunks_equal_one_fold(seed: int, n: int, m: int, chunk: int, lots: bool,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    used = _use(seed, n, m)
    kommune = np.array([("lejre", "lemvig", None)[i % 3] for i in range(n)], dtype=object)
    whole = bank(used, months="2024-01", kommune=kommune, lots=lots)
    with monkeypatch.context() as patch:
        patch.setattr(batch, "CHUNK", chunk)
        parts = bank(used, months="2024-01", kommune=kommune, lots=lots)
    for name in FIELDS + (("lapsed_lots", "used_lots", "month_lots") if lots else ()):
        assert np.array_equal(getattr(parts, name), getattr(whole, name)), name


def test_the_first_shortage_is_the_earliest_month_whatever_the_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    used = np.zeros((6, 4), dtype=np.int64)
    used[1, 3] = 99_999  # chunk 0: short in the fourth month
    used[4, 1] = 99_999  # chunk 2: short in the second month (the one a fold over everyone meets first)
    used[5, 1] = 99_999
    monkeypatch.setattr(batch, "CHUNK", 2)
    with pytest.raises(InsufficientBatchHours) as caught:
        bank(used, months="2024-01")
    assert (caught.value.row, str(caught.value.month)) == (4, "2024-02")


def test_minutes_are_int32_where_the_inputs_fit_and_int64_where_not() -> None:
    small = bank(np.zeros((2, 3), dtype=np.int64), months="2024-01")
    assert small.closing.dtype == np.int32 and small.closing_lots.dtype == np.int32
    deduction = np.array([2**31, 0], dtype=np.int64)  # a deduction beyond int32 (all of the grant)
    large = bank(np.zeros((2, 3), dtype=np.int64), months="2024-01", deduction_minutes=deduction)
    assert large.closing.dtype == np.int64
    assert large.granted[0].tolist() == [0, 0, 0] and large.granted[1].tolist() == [900, 900, 900]


def test_the_input_is_returned_as_given_not_copied() -> None:
    used = np.zeros((3, 2), dtype=np.int32)
    assert bank(used, months="2024-01").used is used
