"""Arrow-safe outputs and every kind of table in: pandas, polars, pyarrow; ISO dates; timestamps."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from socialcalc.batch import BatchInputError
from socialcalc.batch.frame import bank_frame, merudgift_frame, stays_frame, transport_frame

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pl = pytest.importorskip("polars")


def _cases() -> pd.DataFrame:
    return pd.DataFrame({
        "expenses": ["600.00", "1706.99", "2846.01", "2500.00", "900.00", "3100.00"],
        "listed_documented": ["0", "0", "0", "2500.00", "100.00", "0"],
        "documented": [False, False, True, False, False, False],
        "decided_on": ["2024-06-01", "2024-06-01", "2024-06-01", "2025-10-01", "2025-10-01", "2025-10-01"],
    })


def _outputs() -> dict[str, pd.DataFrame]:
    frame = _cases()
    shelter = pd.DataFrame({"paragraph": [110, 109], "arrival": ["2024-03-03", "2023-12-28"],
                            "departure": ["2024-03-13", "2024-01-03"], "reduction_share": [None, "0.5"]})
    work = pd.DataFrame({"days": [20, 20], "distance_km": ["25.0", "8.0"], "net_earnings": ["1500", "1500"],
                         "per_km": ["1.50", "1.50"]})
    usage = pd.DataFrame({"person": ["a", "a", "b"], "month": ["2024-01", "2024-02", "2024-02"],
                          "used_minutes": [0, 1, 600]})
    return {
        f"merudgift_{money}": merudgift_frame(frame, money=money) for money in ("ore", "decimal", "both")
    } | {
        "transport": transport_frame(work, on=date(2025, 3, 1), money="both"),
        "stays": stays_frame(shelter, money="both"),
        "bank": bank_frame(usage, hours=True),
        "bank_empty": bank_frame(pd.DataFrame({"person": [], "month": [], "used_minutes": pd.Series([], dtype=int)}),
                                 hours=True),
        "merudgift_empty": merudgift_frame(frame.iloc[:0], money="both"),
    }


def _plain(values: list[Any]) -> list[Any]:
    return [None if v is None or (isinstance(v, float) and v != v) or v is pd.NA else v for v in values]


@pytest.mark.parametrize("name", list(_outputs()))
def test_every_frame_output_round_trips_through_parquet_and_polars(name: str, tmp_path: Path) -> None:
    out = _outputs()[name]
    assert not [c for c in out.columns if out[c].dtype == object], "no object columns"
    path = tmp_path / f"{name}.parquet"
    pq.write_table(pa.Table.from_pandas(out, preserve_index=False), path)
    back = pl.read_parquet(path)
    assert back.columns == list(out.columns)
    assert back.to_dict(as_series=False) == {c: _plain(out[c].tolist()) for c in out.columns}


def test_decimal_money_has_one_schema_for_every_batch() -> None:
    frame = _cases()
    schemas = {str(pa.Table.from_pandas(merudgift_frame(part, money="decimal"), preserve_index=False).schema)
               for part in (frame.iloc[:1], frame.iloc[3:], frame.iloc[:0], frame.assign(expenses="3000.01"))}
    assert len(schemas) == 1
    amount = pa.Table.from_pandas(merudgift_frame(frame, money="decimal")).schema.field("amount").type
    assert amount == pa.decimal128(38, 2)
    assert merudgift_frame(frame, money="decimal")["amount"].tolist()[1] == Decimal("1138.00")


def test_labels_are_categoricals_with_fixed_categories() -> None:
    out = merudgift_frame(_cases())
    assert list(out["regime"].cat.categories) == ["merudgiftsydelse", "kompensationsydelse"]
    assert list(out["group"].cat.categories) == ["I", "II"]
    assert out["band"].cat.categories[-1] == "full" and out["band"].cat.categories[0] == "0"
    assert out["band"].tolist()[:3] == ["0", "1", "full"] and pd.isna(out["band"].iloc[3])
    assert out["table_year"].tolist()[:3] == [2024, 2024, 2024] and pd.isna(out["table_year"].iloc[3])
    assert list(bank_frame(pd.DataFrame({"person": ["a"], "month": ["2024-01"], "used_minutes": [0]}))
                ["order_of_use"].cat.categories) == ["oldest_first", "current_month_then_newest_saved"]


def test_bank_hours_equal_the_scalar_reading() -> None:
    from socialcalc.ledsageordning.tid import hours_of

    usage = pd.DataFrame({"person": ["a", "a", "a"], "month": ["2024-01", "2024-02", "2024-03"],
                          "used_minutes": [1, 2, 3]})
    out = bank_frame(usage, hours=True)
    assert out["closing_hours"].tolist() == [hours_of(m) for m in out["closing_minutes"].tolist()]


def test_polars_in_polars_out_equal_to_pandas() -> None:
    frame = _cases()
    expected = merudgift_frame(frame, money="both")
    out = merudgift_frame(pl.from_pandas(frame), money="both")
    assert isinstance(out, pl.DataFrame)
    assert out.to_dict(as_series=False) == {c: _plain(expected[c].tolist()) for c in expected.columns}


def test_arrow_in_arrow_out_with_typed_columns() -> None:
    table = pa.table({"expenses_ore": pa.array([170700, 60000], pa.int64()),
                      "decided_on": pa.array([date(2024, 6, 1)] * 2, pa.date32()),
                      "documented": pa.array([False, True])})
    out = merudgift_frame(table)
    assert isinstance(out, pa.Table)
    assert out.column("amount_ore").to_pylist() == [227700, 0]
    batch = merudgift_frame(table.to_batches()[0])
    assert batch.column("amount_ore").to_pylist() == [227700, 0]


def test_an_arrow_null_is_named_by_its_row() -> None:
    table = pa.table({"expenses_ore": pa.array([1, 2, None], pa.int64())})
    with pytest.raises(BatchInputError, match=r"NA (found|fundet)") as caught:
        merudgift_frame(table, decided_on=date(2024, 6, 1))
    assert (caught.value.column, caught.value.row) == ("expenses_ore", 2)
    frame = pl.DataFrame({"expenses": ["1", "2"], "decided_on": ["2024-06-01", None]})
    with pytest.raises(BatchInputError, match=r"NA (found|fundet)") as caught:
        merudgift_frame(frame)
    assert (caught.value.column, caught.value.row) == ("decided_on", 1)


def test_iso_dates_and_naive_timestamps() -> None:
    base = merudgift_frame(_cases())["amount_ore"].tolist()
    timestamps = _cases().assign(decided_on=pd.to_datetime(_cases()["decided_on"]))
    assert merudgift_frame(timestamps)["amount_ore"].tolist() == base
    as_dates = _cases().assign(decided_on=[date.fromisoformat(d) for d in _cases()["decided_on"]])
    assert merudgift_frame(as_dates)["amount_ore"].tolist() == base
    arrow_ts = pa.Table.from_pandas(timestamps)
    assert merudgift_frame(arrow_ts).column("amount_ore").to_pylist() == base


def test_bad_dates_are_named() -> None:
    frame = _cases()
    frame.loc[4, "decided_on"] = "2025-13-01"
    with pytest.raises(BatchInputError, match="ÅÅÅÅ-MM-DD") as caught:
        merudgift_frame(frame)
    assert (caught.value.column, caught.value.row) == ("decided_on", 4)
    stamps = pd.to_datetime(["2024-06-01"] * 5 + ["2024-06-01 12:00"], format="ISO8601")
    with pytest.raises(BatchInputError, match="intet klokkeslæt") as caught:
        merudgift_frame(frame.assign(decided_on=stamps))
    assert caught.value.row == 5
    with pytest.raises(BatchInputError) as caught:
        merudgift_frame(frame.assign(decided_on=[date(2024, 6, 1)] * 2 + [datetime(2024, 6, 1, 8)] * 4))
    assert caught.value.row == 2


def test_tz_aware_timestamps_are_refused_with_the_conversion() -> None:
    aware = pd.to_datetime(_cases()["decided_on"]).dt.tz_localize("Europe/Copenhagen")
    with pytest.raises(BatchInputError, match="tz_localize\\(None\\)") as caught:
        merudgift_frame(_cases().assign(decided_on=aware))
    assert caught.value.column == "decided_on"
    naive = aware.dt.tz_convert("Europe/Copenhagen").dt.tz_localize(None)
    assert merudgift_frame(_cases().assign(decided_on=naive))["amount_ore"].tolist() == \
        merudgift_frame(_cases())["amount_ore"].tolist()


def test_other_tables_are_refused() -> None:
    from socialcalc.errors import InvalidInput

    with pytest.raises(InvalidInput, match="en pyarrow Table eller en polars"):
        merudgift_frame({"expenses": [1]}, decided_on=date(2024, 6, 1))


def test_polars_is_never_imported_unless_given() -> None:
    code = ("import sys, datetime, pandas as pd\n"
            "from socialcalc.batch.frame import merudgift_frame\n"
            "merudgift_frame(pd.DataFrame({'expenses': [1.0]}), decided_on=datetime.date(2024, 6, 1),"
            " money='decimal')\n"
            "print('polars' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_stays_and_transport_take_arrow_dates() -> None:
    table = pa.table({"paragraph": [109], "arrival": pa.array([date(2023, 12, 28)], pa.date32()),
                      "departure": pa.array([datetime(2024, 1, 3)], pa.timestamp("ns"))})
    assert stays_frame(table, money="decimal").column("amount").to_pylist() == [Decimal("568.12")]


def test_import_socialcalc_and_the_cli_stay_light() -> None:
    code = ("import sys, socialcalc, socialcalc.cli\n"
            "socialcalc.cli.build_parser()\n"
            "print(sorted(m for m in ('numpy', 'pandas', 'pyarrow', 'polars', 'yaml', 'tqdm', 'dask')"
            " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_list_in_an_object_column_is_refused_at_its_row_not_by_hashing() -> None:
    from datetime import date

    from socialcalc.batch.columns import BatchInputError
    from socialcalc.batch.frame import bank_frame, stays_frame

    with pytest.raises(BatchInputError) as caught:
        stays_frame(pd.DataFrame({"paragraph": [109, 109], "arrival": [date(2024, 3, 3), date(2024, 3, 4)],
                                  "departure": [date(2024, 3, 13), [1]]}))
    assert (caught.value.code, caught.value.column, caught.value.row) == ("batch.not_one_value", "departure", 1)
    assert "ikke én værdi" in str(caught.value) and "not one value" in caught.value.message("en")
    with pytest.raises(BatchInputError) as caught:
        bank_frame(pd.DataFrame({"person": ["a", {"b": 1}], "month": ["2024-01", "2024-01"], "used_hours": [1, 1]}))
    assert (caught.value.code, caught.value.column, caught.value.row) == ("batch.not_one_value", "person", 1)
