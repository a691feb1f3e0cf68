"""The backends agree on the code ops ([speed]: the numpy backend keeps codes in one byte, by arithmetic)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from socialcalc.batch.ops import NP
from socialcalc.kernel import PY

code = st.integers(-128, 127)


@given(st.lists(st.tuples(st.lists(st.booleans(), min_size=6, max_size=6), code), max_size=5), code)
def test_codes_is_select_row_by_row(pairs: list[tuple[list[bool], int]], default: int) -> None:
    conds = [np.array(c) for c, _ in pairs]
    choices = [choice for _, choice in pairs]
    if not conds:
        conds_rows: list[list[bool]] = [[] for _ in range(6)]
        out = NP.codes([], [], np.full(6, default))
    else:
        conds_rows = [[bool(c[row]) for c in conds] for row in range(6)]
        out = NP.codes(conds, choices, default)
    assert out.dtype == np.int8
    assert out.tolist() == [PY.codes(conds_rows[row], choices, default) for row in range(6)]
    assert out.tolist() == [PY.select(conds_rows[row], choices, default) for row in range(6)]


def test_codes_with_a_default_column_and_extreme_codes() -> None:
    # 127 − (−128) wraps round in one byte; the sum brings it back
    out = NP.codes([np.array([True, False, False]), np.array([True, True, False])], [127, -128],
                   np.array([5, 6, -128]))
    assert out.tolist() == [127, -128, -128]


@given(st.lists(st.integers(-10**6, 10**6), max_size=6), st.lists(st.integers(-10**6, 10**6), min_size=1,
                                                                   max_size=20))
def test_highest_met_in_any_order(thresholds: list[int], xs: list[int]) -> None:
    out = NP.highest_met(np.array(xs, dtype=np.int64), tuple(thresholds))
    assert out.tolist() == [PY.highest_met(x, tuple(thresholds)) for x in xs]
    ordered = tuple(sorted(thresholds))
    assert NP.highest_met(np.array(xs, dtype=np.int64), ordered).tolist() == [
        PY.highest_met(x, ordered) for x in xs]
