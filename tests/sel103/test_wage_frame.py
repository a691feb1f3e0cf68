"""``wage_frame`` (SEL § 103 hourly wage, BEK § 1) equals the one-case ``hourly_wage`` row by row, and a row of it
is explained exactly as the one-case ``.explain()`` — also in a filtered copy and after a Parquet round trip."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import explain_row as dispatch_row
from socialcalc.batch.frame import wage_frame
from socialcalc.beskyttet_beskaeftigelse import hourly_wage
from socialcalc.beskyttet_beskaeftigelse.frame import explain_row, transport_frame, wage_of_row
from socialcalc.beskyttet_beskaeftigelse.strategies import hourly_wage_args
from socialcalc.errors import InvalidInput

RENDERS = [{"audience": a, "locale": loc, "format": f} for a in ("borger", "sagsbehandler") for loc in ("da", "en")
           for f in ("text", "markdown", "html")]
DAY = date(2025, 1, 6)


def _frame(cases: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame({
        "assessed": [str(c["assessed"]) for c in cases],
        "field_lowest_wage": [c["field_lowest_wage"] for c in cases],
        "on": pd.to_datetime([c["on"] for c in cases]),
        "kommune": [c["kommune"] for c in cases],
    })


@settings(max_examples=60, deadline=None)
@given(st.lists(hourly_wage_args(), min_size=1, max_size=5))
def test_wage_frame_equals_the_one_case_function_and_explains_every_row(cases: list[dict[str, Any]]) -> None:
    out = wage_frame(_frame(cases), money="both")
    assert out.attrs["socialcalc"]["frame"] == "wage"
    for i, case in enumerate(cases):
        one = hourly_wage(**case)
        assert out.loc[i, "amount"] == one.amount
        assert int(out.loc[i, "amount_ore"]) == int(one.amount.scaleb(2))
        assert out.loc[i, "floor"] == one.floor
        assert out.loc[i, "cap"] == (one.cap if one.cap is not None else Decimal("0.00"))
        assert bool(out.loc[i, "has_cap"]) == (one.cap is not None)
        assert out.loc[i, "basis"] == one.basis.value
        assert wage_of_row(out, i) == one
        for render in RENDERS:
            assert explain_row(out, i, **render) == one.explain(**render)
        assert dispatch_row(out, i) == one.explain()


def test_a_filtered_copy_explains_its_own_rows() -> None:
    frame = pd.DataFrame({"assessed": ["35", "35", "5"], "field_lowest_wage": ["180", "700", "180"]})
    out = wage_frame(frame, on=DAY, kommune="lejre")
    kept = out[out["basis"] != "cap"].reset_index(drop=True)
    assert kept["basis"].tolist() == ["floor_over_cap", "floor"]
    for i, (assessed, lowest) in enumerate([("35", "700"), ("5", "180")]):
        one = hourly_wage(assessed, field_lowest_wage=lowest, on=DAY, kommune="lejre")
        for render in RENDERS:
            assert explain_row(kept, i, **render) == one.explain(**render)
        assert dispatch_row(kept, i) == one.explain()
    assert explain_row(out.copy(), 2) == hourly_wage("5", field_lowest_wage="180", on=DAY,
                                                     kommune="lejre").explain()


def test_a_parquet_round_trip_explains_its_rows() -> None:
    pytest.importorskip("pyarrow")
    out = wage_frame(pd.DataFrame({"assessed": ["35"], "field_lowest_wage": ["700"]}), on=DAY, kommune="lejre")
    buffer = io.BytesIO()
    out.to_parquet(buffer)
    back = pd.read_parquet(io.BytesIO(buffer.getvalue()))
    assert dispatch_row(back, 0) == hourly_wage("35", field_lowest_wage="700", on=DAY, kommune="lejre").explain()
    back.attrs = {}
    assert explain_row(back, 0) == hourly_wage("35", field_lowest_wage="700", on=DAY, kommune="lejre").explain()


def test_a_changed_row_is_refused_not_explained() -> None:
    out = wage_frame(pd.DataFrame({"assessed_ore": [3500], "field_lowest_wage_ore": [18000]}), on=DAY,
                     kommune="lejre")
    changed = out.assign(amount_ore=[3100])
    with pytest.raises(InvalidInput) as err:
        explain_row(changed, 0)
    assert err.value.code == "input.frame"
    with pytest.raises(InvalidInput, match="assessed_ore"):
        explain_row(out.drop(columns="assessed_ore"), 0)


def test_transport_and_wage_frames_are_told_apart() -> None:
    transport = transport_frame(pd.DataFrame({"days": [20], "distance_m": [8000], "net_earnings_ore": [150000],
                                              "per_km_ore": [150]}), on=date(2025, 3, 1))
    assert "Kommunen" in explain_row(transport, 0)
    bad = transport.copy()
    bad.attrs["socialcalc"] = {**bad.attrs["socialcalc"], "frame": "nothing"}
    with pytest.raises(InvalidInput):
        explain_row(bad, 0)


def test_bad_input_raises_the_librarys_errors() -> None:
    good = pd.DataFrame({"assessed": ["35"], "field_lowest_wage": ["180"]})
    with pytest.raises(BatchInputError) as missing:
        wage_frame(good.drop(columns="field_lowest_wage"), on=DAY)
    assert missing.value.code == "batch.column_missing"
    with pytest.raises(BatchInputError) as no_day:
        wage_frame(good)
    assert no_day.value.code == "batch.column_or_keyword"
    with pytest.raises(BatchInputError) as negative:
        wage_frame(pd.DataFrame({"assessed_ore": [3500, -1], "field_lowest_wage_ore": [18000, 18000]}), on=DAY)
    assert (negative.value.column, negative.value.row) == ("assessed_ore", 1)
    with pytest.raises(BatchInputError) as nan:
        wage_frame(pd.DataFrame({"assessed": [35.0, np.nan], "field_lowest_wage": [180.0, 180.0]}), on=DAY)
    assert (nan.value.column, nan.value.row) == ("assessed", 1)
    with pytest.raises(BatchInputError):
        wage_frame(pd.DataFrame({"assessed_ore": [35.5], "field_lowest_wage_ore": [18000]}), on=DAY)
    with pytest.raises(BatchInputError) as twice:
        wage_frame(good.assign(assessed_ore=[3500]), on=DAY)
    assert twice.value.code == "batch.given_twice"
    with pytest.raises(InvalidInput):
        wage_frame(good, on=DAY, money="float")  # type: ignore[arg-type]


def test_float_kroner_follow_the_float_rule() -> None:
    # 30.005 is binary 30.00499…; read as written and rounded half up it is 30.01 kr.
    out = wage_frame(pd.DataFrame({"assessed": [30.005], "field_lowest_wage": [180.0]}), on=DAY, kommune="lemvig",
                     money="decimal")
    assert out.attrs["socialcalc"]["float_columns"] == ["assessed", "field_lowest_wage"]
    assert out.loc[0, "amount"] == hourly_wage("30.01", field_lowest_wage="180", on=DAY, kommune="lemvig").amount
    assert int(out.loc[0, "assessed_ore"]) == 3001
