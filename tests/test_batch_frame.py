"""The pandas adapters: DataFrame in, DataFrame out; the float rule said in the result; bad columns named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from socialcalc.batch import BatchInputError, BatchRateNotPublished
from socialcalc.batch.frame import FLOAT_RULE, bank_frame, merudgift_frame, stays_frame, transport_frame
from socialcalc.errors import InvalidInput
from socialcalc.merudgift import calculate


def test_merudgift_frame_keeps_the_index_and_offers_both_money_forms() -> None:
    frame = pd.DataFrame({"expenses": [607.0, 1706.99, 2846.01, 1.005], "documented": [True, False, True, False],
                          "decided_on": pd.to_datetime(["2024-06-01"] * 4)}, index=[10, 20, 30, 40])
    out = merudgift_frame(frame, money="both")
    assert list(out.index) == [10, 20, 30, 40]
    assert out["amount_ore"].dtype == np.int64
    assert out["amount_ore"].tolist() == [0, 113800, 284601, 0]
    assert out["amount"].tolist() == [Decimal("0.00"), Decimal("1138.00"), Decimal("2846.01"), Decimal("0.00")]
    assert out["band"].tolist() == ["0", "1", "full", "0"]
    assert out["regime"].tolist() == ["merudgiftsydelse"] * 4
    assert out["table_year"].tolist() == [2024] * 4
    assert out["group"].isna().all()
    info = out.attrs["socialcalc"]
    assert {k: info[k] for k in ("money", "float_columns", "float_rule")} == {
        "money": "both", "float_columns": ["expenses"], "float_rule": FLOAT_RULE}
    assert info["rule"] == "sel100"
    only_decimal = merudgift_frame(frame, money="decimal")
    assert "amount_ore" not in only_decimal.columns and "amount" in only_decimal.columns
    assert "amount" not in merudgift_frame(frame).columns


def test_float_kroner_follow_the_documented_rule() -> None:
    # 2846.005 is binary 2846.00499…; read as written it is 2846.005 → 2846.01 kr.: over 2846, full cover
    frame = pd.DataFrame({"expenses": [2846.005], "documented": [True]})
    out = merudgift_frame(frame, decided_on=date(2024, 6, 1), money="decimal")
    assert out.loc[0, "amount"] == calculate("2846.01", decided_on=date(2024, 6, 1), documented=True).amount


def test_decimal_and_text_and_ore_columns() -> None:
    day = date(2025, 10, 1)
    text = merudgift_frame(pd.DataFrame({"expenses": ["2500.00"], "listed_documented": [Decimal("2500")]}),
                           decided_on=day)
    ore = merudgift_frame(pd.DataFrame({"expenses_ore": [250000], "listed_documented_ore": [250000]}),
                          decided_on=day)
    assert text["amount_ore"].tolist() == ore["amount_ore"].tolist() == [300000]
    assert text.attrs["socialcalc"]["float_columns"] == []
    assert (text.loc[0, "group"], text.loc[0, "recommended_group"]) == ("II", "II")


def test_kommune_and_group_columns_with_missing_values() -> None:
    frame = pd.DataFrame({"expenses_ore": [250000, 250000], "listed_documented_ore": [250000, 250000],
                          "group": ["I", None], "kommune": ["lejre", np.nan]})
    out = merudgift_frame(frame, decided_on=date(2025, 10, 1))
    assert out["group"].tolist() == ["I", "II"]
    assert out["amount_ore"].tolist() == [110500, 300000]


def test_nan_names_the_column_the_row_and_the_index_label() -> None:
    frame = pd.DataFrame({"expenses": [1.0, 2.0, np.nan]}, index=["a", "b", "c"])
    with pytest.raises(BatchInputError) as caught:
        merudgift_frame(frame, decided_on=date(2024, 6, 1))
    assert (caught.value.column, caught.value.row) == ("expenses", 2)
    assert "indeks 'c'" in str(caught.value)


def test_negative_amounts_and_wrong_dtypes_are_named() -> None:
    with pytest.raises(BatchInputError) as caught:
        merudgift_frame(pd.DataFrame({"expenses_ore": [5, -1]}), decided_on=date(2024, 6, 1))
    assert (caught.value.column, caught.value.row) == ("expenses_ore", 1)
    with pytest.raises(BatchInputError, match="skal indeholde heltal") as caught:
        merudgift_frame(pd.DataFrame({"expenses_ore": [5.5]}), decided_on=date(2024, 6, 1))
    assert caught.value.column == "expenses_ore"
    with pytest.raises(BatchInputError, match="numerisk, Decimal eller tekst"):
        merudgift_frame(pd.DataFrame({"expenses": [True]}), decided_on=date(2024, 6, 1))
    with pytest.raises(BatchInputError, match="ÅÅÅÅ-MM-DD") as caught:
        merudgift_frame(pd.DataFrame({"expenses": [1.0], "decided_on": ["1/6/2024"]}))
    assert caught.value.column == "decided_on"
    with pytest.raises(BatchInputError, match=r"NA (found|fundet)") as caught:
        merudgift_frame(pd.DataFrame({"expenses_ore": pd.array([5, None], dtype="Int64")}),
                        decided_on=date(2024, 6, 1))
    assert caught.value.row == 1


def test_a_setting_given_twice_or_not_at_all_is_refused() -> None:
    frame = pd.DataFrame({"expenses": [1.0], "decided_on": [date(2024, 6, 1)]})
    with pytest.raises(BatchInputError, match="angiv den én gang") as given:
        merudgift_frame(frame, decided_on=date(2024, 6, 1))
    assert given.value.code == "batch.column_and_keyword"
    with pytest.raises(BatchInputError, match="decided_on"):
        merudgift_frame(pd.DataFrame({"expenses": [1.0]}))
    with pytest.raises(BatchInputError, match="ikke begge"):
        merudgift_frame(pd.DataFrame({"expenses": [1.0], "expenses_ore": [100]}), decided_on=date(2024, 6, 1))
    with pytest.raises(InvalidInput, match="money"):
        merudgift_frame(frame.drop(columns="decided_on"), decided_on=date(2024, 6, 1), money="float")  # type: ignore[arg-type]


def test_a_missing_rate_names_the_row_and_label() -> None:
    frame = pd.DataFrame({"expenses": [1.0, 2.0], "decided_on": pd.to_datetime(["2024-06-01", "2025-03-01"])},
                         index=["x", "y"])
    with pytest.raises(BatchRateNotPublished, match="indeks 'y'") as caught:
        merudgift_frame(frame)
    assert caught.value.row == 1
    projected = merudgift_frame(frame, project=True)
    assert projected["projected"].tolist() == [False, True]


def test_transport_frame_km_and_prices() -> None:
    frame = pd.DataFrame({"days": [20, 20], "distance_km": [25.0, 8.0], "net_earnings": [1500.0, 1500.0],
                          "daily_total": ["64.00", "64.00"], "daily_within_10km": ["40.00", "40.00"]})
    out = transport_frame(frame, on=date(2025, 3, 1), money="both")
    assert out["total_ore"].tolist() == [128000, 128000]
    assert out["citizen"].tolist() == [Decimal("450.00"), Decimal("450.00")]
    assert out["within_own_distance"].tolist() == [False, True]
    assert out.attrs["socialcalc"]["float_columns"] == ["distance_km", "net_earnings"]
    with pytest.raises(BatchInputError) as caught:
        transport_frame(frame.assign(distance_km=[1.0, -2.0]), on=date(2025, 3, 1))
    assert (caught.value.column, caught.value.row) == ("distance_km", 1)


def test_stays_frame() -> None:
    frame = pd.DataFrame({"paragraph": [110, 109], "arrival": pd.to_datetime(["2024-03-03", "2023-12-28"]),
                          "departure": pd.to_datetime(["2024-03-13", "2024-01-03"]),
                          "reduction_share": [None, "0.5"]})
    out = stays_frame(frame, money="decimal")
    assert out["amount"].tolist() == [Decimal("1007.70"), Decimal("284.06")]
    assert out["day_count"].tolist() == ["nights_min_one"] * 2
    with pytest.raises(BatchInputError, match="paragraph"):
        stays_frame(frame.drop(columns="paragraph"))


def _usage() -> pd.DataFrame:
    return pd.DataFrame({
        "person": ["a", "a", "a", "b", "b"],
        "month": ["2024-01", "2024-02", "2024-03", "2024-01", "2024-03"],
        "used_hours": [0.0, 0.0, 20.0, 0.5, 20.0],
        "kommune": ["lejre", "lejre", "lejre", "lemvig", "lemvig"],
    }, index=[101, 102, 103, 201, 202])


def test_bank_frame_long_format() -> None:
    out = bank_frame(_usage(), hours=True)
    assert list(out.index) == [101, 102, 103, 201, 202]
    assert out["closing_minutes"].tolist() == [900, 1800, 1500, 870, 1470]
    assert out["closing_hours"].tolist() == [Decimal(15), Decimal(30), Decimal(25), Decimal("14.5"), Decimal("24.5")]
    assert out["order_of_use"].tolist() == ["oldest_first"] * 3 + ["current_month_then_newest_saved"] * 2
    assert out.attrs["socialcalc"]["float_columns"] == ["used_hours"]


def test_bank_frame_months_out_of_order_name_the_row() -> None:
    frame = _usage()
    frame.loc[103, "month"] = "2024-02"  # a second February for person a
    with pytest.raises(BatchInputError, match="personens måneder er ikke i rækkefølge") as caught:
        bank_frame(frame)
    assert (caught.value.column, caught.value.row) == ("month", 2)
    assert "indeks 103" in str(caught.value)


def test_bank_frame_use_over_the_balance_names_the_frame_row() -> None:
    frame = _usage()
    frame.loc[202, "used_hours"] = 45.0  # 44.5 hours available in March
    with pytest.raises(BatchInputError, match="der er kun") as caught:
        bank_frame(frame)
    assert caught.value.row == 4
    assert "indeks 202" in str(caught.value)


def test_bank_frame_hours_must_be_whole_minutes() -> None:
    frame = _usage()
    frame.loc[201, "used_hours"] = 0.01  # 0.6 minutes
    with pytest.raises(BatchInputError, match="ikke et helt antal minutter") as caught:
        bank_frame(frame)
    assert caught.value.code == "batch.whole_minutes"
    assert (caught.value.column, caught.value.row) == ("used_hours", 3)


def test_bank_frame_deduction_and_start() -> None:
    frame = pd.DataFrame({"person": ["a", "a"], "month": pd.PeriodIndex(["2024-02", "2024-03"], freq="M"),
                          "used_minutes": [0, 0], "deduction_hours": ["5", "0"], "start": ["2024-02", "2024-02"]})
    out = bank_frame(frame)
    assert out["granted_minutes"].tolist() == [600, 900]
    with pytest.raises(BatchInputError, match="en person har én værdi") as caught:
        bank_frame(frame.assign(kommune=["lejre", "lemvig"]))
    assert (caught.value.column, caught.value.row) == ("kommune", 1)


def test_empty_frames() -> None:
    assert merudgift_frame(pd.DataFrame({"expenses": pd.Series([], dtype=float)}),
                           decided_on=date(2024, 6, 1)).shape[0] == 0
    assert bank_frame(pd.DataFrame({"person": [], "month": [], "used_minutes": pd.Series([], dtype=int)})).empty


def test_plain_decimal_text_is_read_like_the_row_by_row_path() -> None:
    from socialcalc.batch.columns import decimal_to_int
    from socialcalc.batch.frame import _plain_text

    texts = np.array(["0", "7", "1706.99", "1706.9", "0.05", "007.10", "999999999999999.99"], dtype=object)
    fast = _plain_text(texts, 2)
    assert fast is not None
    assert fast.tolist() == decimal_to_int(texts, "expenses", places=2).tolist()
    for other in (["1.005"], ["1."], [" 1"], ["-1"], ["1e3"], [None], [Decimal("1")]):
        assert _plain_text(np.array(["1.00", *other], dtype=object), 2) is None
    assert _plain_text(np.array(["12.5", "0.125"], dtype=object), 3).tolist() == [12500, 125]
    with pytest.raises(BatchInputError) as caught:
        merudgift_frame(pd.DataFrame({"expenses": ["1.00", "1,5"]}), decided_on=date(2024, 6, 1))
    assert caught.value.row == 1


def test_a_result_frame_and_its_input_never_change_each_other() -> None:
    """The kernels' own arrays become the result's columns uncopied, and an input column echoed in the result
    (``expenses_ore``, ``days``, ``arrival`` …) is the input's own under pandas 3's Copy-on-Write, else a copy
    (issue 15); either way a write into either frame, in place, never reaches the other."""
    import numpy as np
    import pandas as pd

    from socialcalc.batch.frame import bank_frame, merudgift_frame, stays_frame, transport_frame

    f100 = pd.DataFrame({"expenses_ore": np.array([60_800, 300_000], dtype=np.int64)})
    fbank = pd.DataFrame({"person": [1, 1], "month": ["2024-01", "2024-02"],
                          "used_minutes": np.array([0, 60], dtype=np.int64)})
    f103 = pd.DataFrame({"days": [20, 5], "distance_m": [25_000, 3_000], "net_earnings_ore": [150_000, 0],
                         "per_km_ore": [150, 200]})
    fstay = pd.DataFrame({"paragraph": [109, 110],
                          "arrival": np.array(["2024-03-03", "2024-05-01"], dtype="datetime64[s]"),
                          "departure": np.array(["2024-03-13", "2024-05-02"], dtype="datetime64[s]")})
    from datetime import date
    for frame, adapter in ((f100, lambda f: merudgift_frame(f, decided_on=date(2024, 6, 1))), (fbank, bank_frame),
                           (f103, lambda f: transport_frame(f, on=date(2025, 3, 1))), (fstay, stays_frame)):
        out = adapter(frame)
        given, made = frame.copy(), out.copy()
        for name in out.columns:  # every number and date of the result, changed in place
            if out[name].dtype.kind in "iuM":
                out.loc[0, name] = out.loc[1, name]
        pd.testing.assert_frame_equal(frame, given)
        written = out.copy()
        for name in frame.columns:  # and every number and date of the input
            if frame[name].dtype.kind in "iuM":
                frame.loc[1, name] = frame.loc[0, name]
        pd.testing.assert_frame_equal(out, written)
        assert not out.equals(made) or len(out) < 2


_NAMED_TWICE = {  # an adapter, a frame it reads (one row), its keywords, and the column named twice
    "merudgift_frame": ({"expenses": 1800.0}, {"decided_on": "2024-06-01"}, "expenses"),
    "one_off_frame": ({"expense": 7000.0}, {"decided_on": "2024-05-01"}, "expense"),
    "transport_frame": ({"days": 20, "distance_m": 25_000, "net_earnings_ore": 150_000, "per_km_ore": 150},
                        {"on": "2025-03-01"}, "days"),
    "wage_frame": ({"assessed": 35, "field_lowest_wage": 180}, {"on": "2025-01-06"}, "assessed"),
    "stays_frame": ({"paragraph": 109, "arrival": "2024-03-03", "departure": "2024-03-13"}, {}, "arrival"),
    "botilbud107_frame": ({"net_income": 12000, "fixed_expenses": 1500, "included_items_cost": 8000,
                           "board_included": True},
                          {"on": "2025-01-01", "kommune": "lejre"}, "net_income"),
    "botilbud108_frame": ({"income_basis": 300000, "dwelling_costs": 60000}, {"on": "2024-06-01"}, "income_basis"),
    "bank_frame": ({"person": "a", "month": "2024-01", "used_hours": 2}, {}, "used_hours"),
    "hastig_sygdom_frame": ({"account": 1, "paragraph": 112, "date": "2024-03-20", "amount": "100.00"},
                            {"decided_on": "2024-03-10"}, "amount"),
}


@pytest.mark.parametrize("adapter", sorted(_NAMED_TWICE))
def test_a_column_named_twice_is_refused_by_its_name_in_both_languages(adapter: str) -> None:
    """Two columns of one name (or a name that heads several columns) were read as a table and failed with
    pandas' AttributeError; now every adapter refuses them with ``batch.column_not_one``."""
    from datetime import date

    import pandas as pd

    import socialcalc.batch.frame as frames
    from socialcalc.hastig_sygdom.frame import hastig_sygdom_frame

    function = hastig_sygdom_frame if adapter == "hastig_sygdom_frame" else getattr(frames, adapter)
    row, keywords, twice = _NAMED_TWICE[adapter]
    given = {k: date.fromisoformat(v) if k in ("on", "decided_on") else v for k, v in keywords.items()}
    if adapter == "stays_frame":
        row = {**row, "arrival": date(2024, 3, 3), "departure": date(2024, 3, 13)}
    if adapter == "hastig_sygdom_frame":
        row = {**row, "date": date(2024, 3, 20)}
    frame = pd.DataFrame([row])
    assert len(function(frame, **given)) == 1  # the frame as it is is read
    doubled = pd.concat([frame, frame[[twice]]], axis=1)
    headed = frame.copy()
    headed.columns = pd.MultiIndex.from_tuples([(c, "a") for c in frame.columns])
    with pytest.raises(BatchInputError) as caught:
        function(doubled, **given)
    err = caught.value
    assert (err.code, err.column) == ("batch.column_not_one", twice)
    assert f"ikke én kolonne ved navn {twice!r}, men 2;" in str(err) and "not one column" in err.message("en")
    assert "eget navn" in str(err)
    with pytest.raises(BatchInputError) as caught:
        function(headed, **given)
    err = caught.value
    assert err.code == "batch.column_not_one" and err.column in frame.columns  # the first the adapter reads
    assert "kolonnenavne i flere niveauer" in str(err) and "multi-level header" in err.message("en")
