"""Fuzzing every table adapter (and ``explain_row`` of what it returns) with damaged frames: any mix of the
columns it reads, filled with values of the wrong kind, in any dtype, zero to three rows. Each call returns a
result or raises a :class:`~socialcalc.errors.SocialcalcError`: never pandas' or numpy's own error.

Found and fixed by this: an int64 kroner column times 100 wrapped round silently (2**62 kroner paid as 0 øre),
a huge int in an object column (OverflowError), a list or a dict in an object column (TypeError from hashing),
an empty frame with a ``group`` column (TypeError), two columns of one name (AttributeError)."""

from __future__ import annotations

import contextlib
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
