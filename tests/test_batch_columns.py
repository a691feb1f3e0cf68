"""The batch edge: column validation once per column, and the float → øre rule."""

from __future__ import annotations

import importlib
import sys
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialcalc.batch import BatchInputError, kroner_to_ore, ore_column, ore_to_decimal
from socialcalc.money import round_ore


def test_nan_names_the_column_and_the_first_bad_row() -> None:
    with pytest.raises(BatchInputError) as caught:
        kroner_to_ore(np.array([1.0, 2.0, np.nan, np.nan]), "expenses")
    assert caught.value.column == "expenses"
    assert caught.value.row == 2
    assert "expenses[2]" in str(caught.value)


def test_a_negative_amount_names_the_first_bad_row() -> None:
    with pytest.raises(BatchInputError) as caught:
        ore_column(np.array([5, 0, -3, -4]), "expenses_ore")
    assert caught.value.row == 2
    assert kroner_to_ore(np.array([-1.5]), "delta", allow_negative=True).tolist() == [-150]


def test_the_wrong_dtype_is_refused() -> None:
    with pytest.raises(BatchInputError, match="skal indeholde heltal"):
        ore_column(np.array([1.5]), "expenses_ore")
    with pytest.raises(BatchInputError, match="numerisk, Decimal eller tekst"):
        kroner_to_ore(np.array([True, False]), "expenses")
    with pytest.raises(BatchInputError) as caught:
        kroner_to_ore(np.array(["1.00", "1,50"], dtype=object), "expenses")
    assert caught.value.row == 1


def test_floats_are_read_as_their_shortest_decimal_and_rounded_half_up() -> None:
    # 1.005 is binary 1.00499999…; read as written it is 1.005 → 1.01 kr.
    assert kroner_to_ore(np.array([1.005, 0.125, 2.675, 1e-9, 1234567.89]), "x").tolist() == [
        101, 13, 268, 0, 123456789,
    ]


def test_integers_are_whole_kroner_and_decimals_exact() -> None:
    assert kroner_to_ore(np.array([3, 0]), "x").tolist() == [300, 0]
    assert kroner_to_ore(np.array([Decimal("0.005"), Decimal("12.34")], dtype=object), "x").tolist() == [1, 1234]


@given(st.integers(0, 10**13))
def test_float_conversion_agrees_with_the_exact_path(ore: int) -> None:
    exact = Decimal(ore).scaleb(-2)
    as_float = float(str(exact))
    assert kroner_to_ore(np.array([as_float]), "x").tolist() == [ore]
    assert ore_to_decimal(np.array([ore])) == [round_ore(exact)]


@given(st.decimals(min_value=0, max_value=10**9, places=3))
def test_three_decimal_floats_round_like_round_ore(value: Decimal) -> None:
    as_float = float(str(value))
    expected = int(round_ore(Decimal(repr(as_float))) * 100)
    assert kroner_to_ore(np.array([as_float]), "x").tolist() == [expected]


def test_without_the_batch_extra_the_error_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    for name in [m for m in sys.modules if m.startswith("socialcalc.batch")]:
        monkeypatch.delitem(sys.modules, name)
    with pytest.raises(ImportError, match=r"pip install 'socialcalc\[batch\]'"):
        importlib.import_module("socialcalc.batch")


def test_import_socialcalc_does_not_import_numpy() -> None:
    import os
    import subprocess
    from pathlib import Path

    import socialcalc

    env = {**os.environ, "PYTHONPATH": str(Path(socialcalc.__file__).resolve().parent.parent)}  # this checkout
    code = "import sys, socialcalc, socialcalc.ratebook; print('numpy' in sys.modules, 'pydantic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split() == ["False", "False"]


@given(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=1, max_size=5), st.sampled_from([2, 3]))
def test_a_whole_kroner_column_is_never_wrapped_round(values: list[int], places: int) -> None:
    """int64 kroner times 100 (or km times 1000) beyond int64 wrapped round silently: 2**62 kroner became 0 øre
    (found by fuzzing the adapters). Now each value is its exact units or the column is refused."""
    from socialcalc.batch.columns import BatchInputError, decimal_to_int

    column = np.array(values, dtype=np.int64)
    exact = [v * 10**places for v in values]
    fits = all(abs(u) <= np.iinfo(np.int64).max for u in exact)
    for typed in (column, column.astype(object)):  # numbers, and Python ints in an object column
        if fits:
            assert decimal_to_int(typed, "x", places=places, allow_negative=True).tolist() == exact
        else:
            with pytest.raises(BatchInputError) as caught:
                decimal_to_int(typed, "x", places=places, allow_negative=True)
            assert caught.value.code == "batch.too_large"
            assert caught.value.row == next(i for i, u in enumerate(exact) if abs(u) > np.iinfo(np.int64).max)


def test_a_huge_kroner_amount_is_refused_not_paid_as_nothing() -> None:
    from datetime import date

    import pandas as pd

    from socialcalc.batch.columns import BatchInputError
    from socialcalc.batch.frame import merudgift_frame, one_off_frame

    for frame in (pd.DataFrame({"expenses": np.array([0, 2**62], dtype=np.int64)}),
                  pd.DataFrame({"expenses": [0.0, 1e300]}), pd.DataFrame({"expenses": [0, 2**62]}, dtype=object)):
        with pytest.raises(BatchInputError) as caught:
            merudgift_frame(frame, decided_on=date(2024, 6, 1), documented=True)
        assert (caught.value.code, caught.value.column, caught.value.row) == ("batch.too_large", "expenses", 1)
    with pytest.raises(BatchInputError):  # was numpy's OverflowError
        one_off_frame(pd.DataFrame({"expense": [4611686018427387904, "1800.00"]}, dtype=object),
                      decided_on=date(2024, 5, 1))
