"""Label columns from kernel codes (``socialcalc.batch.tables.categorical``): every fast path labels as a dict."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st


@given(
    st.lists(st.integers(-3, 6), min_size=0, max_size=12),
    st.dictionaries(st.integers(-2, 5), st.sampled_from(["I", "II", "full", "x"]), min_size=1, max_size=4).filter(
        lambda d: len(set(d.values())) == len(d)
    ),
    st.sampled_from(["int8", "int64"]),
)
def test_categorical_labels_every_code_as_a_plain_mapping(codes: list[int], labels: dict[int, str], dtype: str) -> None:
    # the fast paths (one code in every row, np.take) label exactly as a dict lookup would
    from socialcalc.batch.tables import categorical

    out = categorical(np.array(codes, dtype=dtype), labels)
    assert list(out.categories) == list(labels.values())
    assert [None if pd.isna(v) else v for v in out.tolist()] == [labels.get(c) for c in codes]


def test_categorical_of_one_code_in_every_row() -> None:
    from socialcalc.batch.tables import categorical

    assert categorical(np.full(3, 2, dtype=np.int8), {1: "I", 2: "II"}).tolist() == ["II", "II", "II"]
    assert all(pd.isna(v) for v in categorical(np.full(3, 7, dtype=np.int8), {1: "I"}).tolist())
