"""bank_frame's fast path for the usual long format (issue 15): each person a block of every month in order.

The table is the rows themselves, the months of the first block are read once when every block has the same
text, and the outputs are copied in C order. Everything must be exactly what the general path gives (person
labels in another order, months as objects), and every refusal the same."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import bank_frame
from socialcalc.ledsageordning.frame import _ascii_months, _block, _full_grid

_OUT = ["lapsed_minutes", "granted_minutes", "lost_to_cap_minutes", "used_minutes", "closing_minutes"]


def _grid(persons: int, months: list[str], used: np.ndarray, **extra: object) -> pd.DataFrame:
    return pd.DataFrame({"person": np.repeat(np.arange(persons), len(months)),
                         "month": pd.Series(np.tile(months, persons), dtype="str"),
                         "used_minutes": used.reshape(-1), **extra})


def _general(frame: pd.DataFrame) -> pd.DataFrame:
    # the same rows, but persons as text labels (hashed, not in sorted blocks) and months as Python objects:
    # none of the fast paths applies
    other = frame.copy()
    other["person"] = ["p" + str(p) for p in frame["person"]]
    other["month"] = pd.Series(list(frame["month"]), dtype=object)
    return other


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    for name in [*_OUT, "order_of_use"]:
        assert a[name].tolist() == b[name].tolist(), name


@settings(max_examples=40, deadline=None)
@given(persons=st.integers(1, 5), width=st.integers(1, 14), seed=st.integers(0, 2**32 - 1),
       kommune=st.sampled_from([None, "lejre", "lemvig"]))
def test_a_full_long_frame_gives_what_the_general_path_gives(persons: int, width: int, seed: int,
                                                             kommune: str | None) -> None:
    months = [f"{2024 + t // 12}-{t % 12 + 1:02d}" for t in range(width)]
    rng = np.random.default_rng(seed)
    used = rng.integers(0, 4, (persons, width)) * 60  # well inside the balance: every row is computed
    frame = _grid(persons, months, used)
    fast = bank_frame(frame, kommune=kommune)
    _same(fast, bank_frame(_general(frame), kommune=kommune))
    assert fast["used_minutes"].tolist() == used.reshape(-1).tolist()


def test_the_fast_path_is_taken_and_declined_where_it_should_be() -> None:
    codes = np.repeat(np.arange(3), 4)
    t = np.tile(np.arange(4), 3)
    assert _block(codes, 3) == 4 and _full_grid(_block(codes, 3), t, 3, 4)
    assert not _full_grid(4, np.tile([0, 1, 3, 2], 3), 3, 4)  # months out of place
    assert _block(np.array([0, 0, 1, 1, 1, 2]), 3) == 0  # blocks of unequal size
    assert _block(np.array([0, 1, 0, 1]), 2) == 0  # persons not in blocks
    months = pd.Series(["2024-01", "2024-02"] * 3, dtype="str")
    assert _ascii_months(months, 2).tolist() == [2024 * 12, 2024 * 12 + 1] * 3


def test_a_block_with_other_months_is_read_row_by_row() -> None:
    months = pd.Series(["2024-01", "2024-02", "2024-01", "2024-03"], dtype="str")
    assert _ascii_months(months, 2).tolist() == [24288, 24289, 24288, 24290]
    frame = pd.DataFrame({"person": [0, 0, 1, 1], "month": months, "used_minutes": [0, 60, 0, 120]})
    _same(bank_frame(frame), bank_frame(_general(frame)))


@pytest.mark.parametrize("bad", ["2024-13", "2024-00", "0000-01", "2024/01", "2024-1x"])
def test_a_bad_month_in_every_block_is_refused_at_its_first_row(bad: str) -> None:
    frame = _grid(3, ["2024-01", bad], np.zeros((3, 2), dtype=np.int64))
    with pytest.raises(BatchInputError) as fast:
        bank_frame(frame)
    with pytest.raises(BatchInputError) as general:
        bank_frame(_general(frame))
    assert (fast.value.column, fast.value.row, fast.value.code) == ("month", 1, general.value.code)


def test_a_use_over_the_balance_names_the_same_row() -> None:
    used = np.array([[0, 0, 0], [0, 3000, 0]])
    frame = _grid(2, ["2024-01", "2024-02", "2024-03"], used)
    with pytest.raises(BatchInputError) as fast:
        bank_frame(frame)
    with pytest.raises(BatchInputError) as general:
        bank_frame(_general(frame))
    assert fast.value.row == general.value.row == 4


def test_the_result_shares_no_memory_with_the_frame() -> None:
    used = np.array([[0, 60, 120], [30, 0, 0]])
    frame = _grid(2, ["2024-01", "2024-02", "2024-03"], used)
    out = bank_frame(frame)
    for name in _OUT:
        assert not np.shares_memory(out[name].to_numpy(), frame["used_minutes"].to_numpy()), name
    before = out["used_minutes"].tolist()
    frame.loc[0, "used_minutes"] = 600
    assert out["used_minutes"].tolist() == before


def test_a_start_after_the_first_month_is_kept_on_the_fast_path() -> None:
    used = np.array([[0, 0, 60], [0, 60, 0]])
    start = np.repeat(["2024-02", "2024-01"], 3)
    frame = _grid(2, ["2024-01", "2024-02", "2024-03"], used, start=start)
    fast = bank_frame(frame)
    _same(fast, bank_frame(_general(frame)))
    assert fast["granted_minutes"].tolist()[:3] == [0, 900, 900]
