"""Fuzzing every table adapter (and ``explain_row`` of what it returns) with damaged frames: any mix of the
columns it reads, filled with values of the wrong kind, in any dtype, zero to three rows. Each call returns a
result or raises a :class:`~socialcalc.errors.SocialcalcError`: never pandas' or numpy's own error.

Found and fixed by this: an int64 kroner column times 100 wrapped round silently (2**62 kroner paid as 0 øre),
a huge int in an object column (OverflowError), a list or a dict in an object column (TypeError from hashing),
an empty frame with a ``group`` column (TypeError), two columns of one name (AttributeError)."""

from __future__ import annotations

import contextlib
import functools
import warnings
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import socialcalc.batch.frame as frames
from socialcalc.errors import SocialcalcError
from socialcalc.hastig_sygdom.frame import hastig_sygdom_frame

ADAPTERS: dict[str, tuple[list[str], dict[str, Any]]] = {
    "merudgift_frame": (["expenses", "expenses_ore", "documented", "listed_documented", "group", "kommune", "per",
                         "decided_on", "on"], {"decided_on": date(2025, 10, 1)}),
    "one_off_frame": (["expense", "running", "recipient", "documented", "per", "kommune"],
                      {"decided_on": date(2024, 5, 1)}),
    "transport_frame": (["days", "distance_km", "distance_m", "net_earnings", "per_km", "per_km_ore", "daily_total",
                         "daily_within_10km", "on", "kommune"], {"on": date(2025, 3, 1)}),
    "wage_frame": (["assessed", "field_lowest_wage", "on", "kommune"], {"on": date(2025, 1, 6)}),
    "stays_frame": (["paragraph", "arrival", "departure", "has_income", "reduction", "reduction_share", "kommune"],
                    {}),
    "botilbud107_frame": (["net_income", "fixed_expenses", "included_items_cost", "board_included",
                           "keeps_own_dwelling", "on", "kommune"], {"on": date(2025, 1, 1)}),
    "botilbud108_frame": (["income_basis", "dwelling_costs", "single_pensioner", "couple", "on"],
                          {"on": date(2024, 6, 1)}),
    "bank_frame": (["person", "month", "used_hours", "used_minutes", "start", "kommune", "deduction_hours"], {}),
    "hastig_sygdom_frame": (["account", "paragraph", "date", "amount", "description", "decided_on"],
                            {"decided_on": date(2024, 3, 10)}),
}

VALUES: list[Any] = [
    0, 1, -1, 20, 109, 110, 112, 2**62, -(2**62), 1.5, float("nan"), float("inf"), "1800.00", "1,5", "", None, True,
    False, "2024-03-01", "2024-13-01", date(2024, 3, 1), datetime(2024, 3, 1, 12), Decimal("12.5"), Decimal("NaN"),
    b"x", "lejre", "Lemvig", "nope", "I", "II", "month", "year", "2024-01", np.datetime64("2024-03-01"),
    np.datetime64("NaT"), pd.Timedelta(days=1), [1], {"a": 1}, "0.5", Decimal("0.3"), 10**30, "0101901234",
]
DTYPES = [None, "category", "string", "Int64", "float64", "object"]


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, pd.DataFrame, dict[str, Any], bool]:
    name = draw(st.sampled_from(sorted(ADAPTERS)))
    columns, keywords = ADAPTERS[name]
    chosen = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=len(columns), unique=True))
    rows = draw(st.integers(0, 3))
    data = {c: draw(st.lists(st.sampled_from(VALUES), min_size=rows, max_size=rows)) for c in chosen}
    frame = pd.DataFrame(data) if rows else pd.DataFrame({c: pd.Series([], dtype=object) for c in chosen})
    for column in chosen:
        dtype = draw(st.sampled_from(DTYPES))
        if dtype is not None:
            with contextlib.suppress(TypeError, ValueError, OverflowError):  # a cast pandas refuses: as it was
                frame[column] = frame[column].astype(dtype)
    given = {k: v for k, v in keywords.items() if k not in frame.columns}
    return name, frame, given, draw(st.booleans())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_a_damaged_frame_is_answered_or_refused_with_a_socialcalc_error(case: tuple[str, pd.DataFrame,
                                                                                     dict[str, Any], bool]) -> None:
    name, frame, given, explain = case
    adapter = hastig_sygdom_frame if name == "hastig_sygdom_frame" else getattr(frames, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' own warnings about odd dtypes are not the question here
        refused: SocialcalcError | None = None
        try:
            out = adapter(frame, **given)
            if explain and len(out):
                frames.explain_row(out, 0)
        except SocialcalcError as err:
            refused = err
    if refused is not None:
        assert refused.code and refused.message("en")
        assert "0101901234" not in str(refused) and "0101901234" not in refused.message("en")  # never echoed


KERNELS = ["bank", "merudgift", "one_off", "transport", "hourly_wage", "stays", "botilbud107", "botilbud108", "budgets"]
"""The array kernels of :mod:`socialcalc.batch`."""


@st.composite
def kernel_calls(draw: st.DrawFn) -> tuple[str, list[Any], dict[str, Any]]:
    import inspect

    import socialcalc.batch as batch

    name = draw(st.sampled_from(KERNELS))
    rows = draw(st.integers(0, 3))
    args: list[Any] = []
    keywords: dict[str, Any] = {}
    for parameter in inspect.signature(getattr(batch, name)).parameters.values():
        required = parameter.default is inspect.Parameter.empty
        if not required and draw(st.booleans()):
            continue  # left at its default
        form = draw(st.sampled_from(["column", "column", "column", "table", "longer", "one"]))
        if form == "one":
            value: Any = draw(st.sampled_from(VALUES))
        else:
            length = rows + 1 if form == "longer" else rows
            items = draw(st.lists(st.sampled_from(VALUES), min_size=length, max_size=length))
            dtype = draw(st.sampled_from([object, np.int64, np.uint64, np.float64, np.bool_, "M8[D]", "M8[s]", "U10"]))
            try:
                value = np.array(items, dtype=dtype)
            except (TypeError, ValueError, OverflowError):
                value = np.array(items, dtype=object)
            if form == "table":
                value = np.zeros((rows, 2), dtype=np.int64)
        if parameter.kind is parameter.POSITIONAL_OR_KEYWORD and required:
            args.append(value)
        else:
            keywords[parameter.name] = value
    return name, args, keywords


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kernel_calls())
def test_a_damaged_call_of_a_kernel_is_answered_or_refused_with_a_socialcalc_error(
        call: tuple[str, list[Any], dict[str, Any]]) -> None:
    import socialcalc.batch as batch

    name, args, keywords = call
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(SocialcalcError):  # refused as the library refuses: fine; anything else fails
            getattr(batch, name)(*args, **keywords)


def test_a_rate_book_that_is_not_one_is_refused_by_every_path() -> None:
    """``rates=`` of another kind (a path, an array) failed later with an AttributeError or numpy's ValueError."""
    import pytest

    from socialcalc.batch import merudgift
    from socialcalc.errors import InvalidInput
    from socialcalc.merudgift import calculate

    for rates in ("rates/", np.zeros(2), 5):
        for call in (functools.partial(calculate, "1800", decided_on=date(2024, 6, 1), rates=rates),
                     functools.partial(merudgift, np.array([180_000]), decided_on=date(2024, 6, 1), rates=rates)):
            with pytest.raises(InvalidInput) as caught:
                call()
            assert (caught.value.code, caught.value.field) == ("input.type", "rates")
            assert "RateBook" in str(caught.value) and "RateBook" in caught.value.message("en")


def test_the_kernel_calls_the_fuzzer_found_are_refused_by_the_library() -> None:
    """Each was numpy's or Python's own error (ValueError, OverflowError, TypeError, decimal.InvalidOperation)."""
    import pytest

    from socialcalc.batch import BatchInputError, botilbud107, budgets, stays

    one = {"account": np.array([1]), "decided_on": date(2024, 3, 10), "paragraph": np.array([112]),
           "day": np.array(["2024-03-20"], dtype="M8[D]"), "amount_ore": np.array([10_000])}
    refused = {
        "decided_on of another length": ({**one, "decided_on": np.array(["2024-03-10"] * 2, dtype="M8[D]")},
                                         "batch.rows"),
        "a day too far for datetime64": ({**one, "decided_on": np.array([2**70], dtype=object)}, "input.date"),
        "kommune as a number": ({**one, "kommune": 5}, "batch.kommune_type"),
        "an account that is missing": ({**one, "account": np.array([Decimal("NaN")], dtype=object)},
                                       "batch.value_missing"),
    }
    for what, (call, code) in refused.items():
        with pytest.raises(BatchInputError) as caught:
            budgets(**call)
        assert caught.value.code == code, what
    with pytest.raises(BatchInputError):
        stays(np.array([109]), np.array(["2024-03-03"], dtype="M8[D]"), np.array(["2024-03-13"], dtype="M8[D]"),
              reduction_share=object())
    with pytest.raises(BatchInputError) as caught:
        botilbud107(np.array([1_200_000, 1_200_000]), fixed_expenses=np.array([150_000]), on=date(2025, 1, 1),
                    kommune="lejre", included_items_cost=800_000, board_included=True)
    assert caught.value.code == "batch.rows"


def test_a_kommune_that_is_no_column_of_names_is_refused_by_the_117a_kernel() -> None:
    import pytest

    from socialcalc.batch import BatchInputError, budgets
    from socialcalc.errors import InvalidInput

    for kommune in (5, np.array("lejre")):  # a number; a 0-d array (has __len__, but no length)
        with pytest.raises(BatchInputError) as caught:
            budgets(np.array([1]), date(2024, 3, 10), np.array([112]), np.array(["2024-03-20"], dtype="M8[D]"),
                    np.array([100]), kommune=kommune)
        assert (caught.value.code, caught.value.column, caught.value.row, caught.value.value) == \
            ("batch.kommune_type", "kommune", 0, repr(kommune))
    with pytest.raises(InvalidInput) as refused:  # and a rate book that is not one
        budgets(np.array([1]), date(2024, 3, 10), np.array([112]), np.array(["2024-03-20"], dtype="M8[D]"),
                np.array([100]), rates="rates/")
    assert (refused.value.code, refused.value.field) == ("input.type", "rates")
