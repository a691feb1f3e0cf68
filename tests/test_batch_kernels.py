"""The batch kernels: the spec's worked examples through the batch path, and every bad input the issue names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from socialcalc.batch import (
    BatchInputError,
    BatchRateNotPublished,
    InsufficientBatchHours,
    bank,
    merudgift,
    stays,
    transport,
)
from socialcalc.batch.sel100 import BAND_FULL, GROUP_I, GROUP_II, KOMPENSATIONSYDELSE, MAX_ORE
from socialcalc.errors import RateNotPublished
from socialcalc.months import Month
from tests.codes import raises_code


def ore(*kroner: str) -> np.ndarray:
    return np.array([int(Decimal(k) * 100) for k in kroner], dtype=np.int64)


# -- worked examples ------------------------------------------------------------------------------------------


def test_sel100_worked_examples_2024() -> None:
    r = merudgift(ore("607", "608", "1706.99", "1707", "2846", "2846.01", "3000", "3000"), decided_on=date(2024, 6, 1),
                  documented=np.array([False] * 5 + [True, True, False]))
    assert r.amount.tolist() == ore("0", "1138", "1138", "2277", "2277", "2846.01", "3000", "2277").tolist()
    assert r.band.tolist() == [0, 1, 1, 2, 2, BAND_FULL, BAND_FULL, 2]
    yearly = merudgift(ore("7296"), per="year", decided_on=date(2024, 1, 15))
    assert yearly.amount.tolist() == ore("1138").tolist()


def test_sel100_worked_examples_2021_2023() -> None:
    r = merudgift(ore("1592.50", "1593", "2654"), decided_on=date(2021, 5, 1),
                  documented=np.array([False, False, True]))
    assert r.amount.tolist() == ore("1061", "2123", "2654").tolist()
    r = merudgift(ore("2757", "2757.01"), decided_on=date(2023, 5, 1), documented=np.array([False, True]))
    assert r.amount.tolist() == ore("2206", "2757.01").tolist()


def test_sel100_kompensationsydelse_examples() -> None:
    r = merudgift(ore("554", "555", "2000", "2500"), listed_documented=ore("0", "0", "2000", "2500"),
                  decided_on=date(2025, 10, 1))
    assert r.amount.tolist() == ore("0", "1105", "1105", "3000").tolist()
    assert r.regime.tolist() == [KOMPENSATIONSYDELSE] * 4
    assert r.recommended_group.tolist() == [0, GROUP_I, GROUP_I, GROUP_II]
    assert r.qualifies_ii.tolist() == [False, False, False, True]


def test_sel100_projection_is_flagged_per_row() -> None:
    day = np.array(["2024-06-01", "2025-03-01"], dtype="datetime64[D]")
    r = merudgift(ore("1000", "1000"), decided_on=day, project=True)
    assert r.projected.tolist() == [False, True]
    assert r.table_year.tolist() == [2024, 2025]


def test_sel100_rates_are_resolved_once_per_distinct_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from socialcalc.ratebook import RateBook

    calls: list[date] = []
    original = RateBook.at

    def counting(self: RateBook, day: date, *args: object, **kwargs: object) -> object:
        calls.append(day)
        return original(self, day, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RateBook, "at", counting)
    days = np.array(["2024-03-01", "2024-04-01"] * 5000, dtype="datetime64[D]")
    merudgift(np.full(10_000, 100_000), decided_on=days)
    assert len(calls) <= 4  # the regime and the rates, for each of the two dates (not per row)


def test_sel103_worked_examples() -> None:
    t = transport(np.array([20, 20]), np.array([25_000, 8_000]), ore("1500", "1500"), per_km=150,
                  on=date(2025, 3, 1))
    assert t.total.tolist() == ore("1500", "480").tolist()
    assert t.citizen_before_cap.tolist() == ore("600", "480").tolist()
    assert t.citizen.tolist() == ore("450", "450").tolist()
    assert t.municipality.tolist() == ore("1050", "30").tolist()
    assert t.capped.tolist() == [True, True]


def test_sel097_worked_examples() -> None:
    months = 7
    quiet = bank(np.zeros((1, months), dtype=np.int64), months="2024-01")
    assert quiet.closing[0, 5] == 90 * 60 and quiet.lapsed[0, 6] == 15 * 60 and quiet.closing[0, 6] == 90 * 60
    used = np.zeros((2, 3), dtype=np.int64)
    used[:, 2] = 20 * 60
    r = bank(used, months="2024-01", kommune=np.array(["lejre", "lemvig"]))
    assert r.closing[:, 2].tolist() == [25 * 60, 25 * 60]
    assert r.closing_lots.tolist() == [[900, 600, 0, 0, 0, 0], [0, 600, 900, 0, 0, 0]]
    used = np.zeros((2, 7), dtype=np.int64)
    used[:, 3] = 30 * 60
    r = bank(used, months="2024-01", kommune=np.array(["lejre", "lemvig"]))
    assert r.closing[:, 6].tolist() == [75 * 60, 60 * 60]
    assert r.lapsed[:, 6].tolist() == [0, 15 * 60]
    deducted = bank(np.zeros((1, 1), dtype=np.int64), months="2024-01", deduction_minutes=5 * 60)
    assert deducted.granted.tolist() == [[10 * 60]]


def test_sel109_110_worked_examples() -> None:
    r = stays(np.array([110, 109, 110]), np.array(["2024-03-03", "2023-12-28", "2024-03-03"], dtype="M8[D]"),
              np.array(["2024-03-13", "2024-01-03", "2024-04-30"], dtype="M8[D]"),
              has_income=np.array([True, True, False]))
    assert r.days.tolist() == [10, 6, 58]
    assert r.amount.tolist() == ore("1007.70", "568.12", "0").tolist()


# -- bad input ------------------------------------------------------------------------------------------------


def test_a_negative_amount_names_the_column_and_first_row() -> None:
    with pytest.raises(BatchInputError) as caught:
        merudgift(np.array([100, -5, -6]), decided_on=date(2024, 6, 1))
    assert (caught.value.column, caught.value.row) == ("expenses", 1)


def test_the_wrong_dtype_is_refused_naming_the_column() -> None:
    with pytest.raises(BatchInputError, match="skal indeholde heltal") as caught:
        merudgift(np.array([1.5, 2.5]), decided_on=date(2024, 6, 1))
    assert caught.value.column == "expenses"
    with pytest.raises(BatchInputError, match="kolonne med dage skal indeholde heltal"):
        transport(np.array([20.0]), np.array([1000]), np.array([0]), per_km=1, on=date(2025, 3, 1))
    with pytest.raises(BatchInputError, match="typen bool"):
        merudgift(np.array([100]), decided_on=date(2024, 6, 1), documented=np.array([1]))
    with pytest.raises(BatchInputError, match="datetime64") as caught:
        merudgift(np.array([100]), decided_on=np.array(["2024-06-01"]))
    assert caught.value.column == "decided_on"


def test_nat_and_bad_choices_name_the_first_row() -> None:
    with pytest.raises(BatchInputError) as caught:
        merudgift(np.array([1, 2, 3]), decided_on=np.array(["2024-01-01", "NaT", "NaT"], dtype="M8[D]"))
    assert (caught.value.column, caught.value.row) == ("decided_on", 1)
    with pytest.raises(BatchInputError) as caught:
        merudgift(np.array([1, 2]), decided_on=date(2024, 6, 1), per=np.array(["month", "week"]))
    assert (caught.value.column, caught.value.row) == ("per", 1)
    with pytest.raises(BatchInputError) as caught:
        merudgift(np.array([1, 2]), decided_on=date(2025, 10, 1), group=np.array([None, "III"], dtype=object))
    assert (caught.value.column, caught.value.row) == ("group", 1)


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(BatchInputError, match="samme antal rækker"):
        merudgift(np.array([1, 2]), decided_on=np.array(["2024-01-01"], dtype="M8[D]"))


def test_rows_the_scalar_function_refuses_are_named() -> None:
    days = np.array(["2024-06-01", "2024-06-01", "2017-06-01"], dtype="M8[D]")
    with raises_code(BatchInputError, "input.before_first_table", first=date(2018, 1, 1)) as caught:
        merudgift(np.array([1, 2, 3]), decided_on=days)
    assert (caught.value.column, caught.value.row) == ("decided_on", 2)
    with raises_code(BatchInputError, "input.group_regime", decided=None) as caught:
        merudgift(np.array([1, 2]), decided_on=date(2024, 6, 1), group=np.array([None, "I"], dtype=object))
    assert caught.value.row == 1
    with raises_code(BatchInputError, "input.transition_passed", deadline=date(2027, 9, 1)) as caught:
        merudgift(np.array([1, 2]), decided_on=date(2024, 6, 1),
                  on=np.array(["2024-07-01", "2027-09-01"], dtype="M8[D]"), project=True)
    assert (caught.value.column, caught.value.row) == ("on", 1)
    with pytest.raises(BatchInputError, match="ingen satstabel") as caught:
        merudgift(np.array([1, 2]), decided_on=date(2024, 6, 1), kommune=np.array(["lejre", "atlantis"]))
    assert (caught.value.column, caught.value.row) == ("kommune", 1)
    with raises_code(BatchInputError, "input.listed_over_total") as caught:
        merudgift(np.array([5, 5]), listed_documented=np.array([5, 6]), decided_on=date(2025, 10, 1))
    assert caught.value.row == 1
    with raises_code(BatchInputError, "input.too_large", maximum=MAX_ORE):
        merudgift(np.array([MAX_ORE + 1]), decided_on=date(2024, 6, 1))


def test_a_missing_rate_is_a_rate_error_naming_the_row() -> None:
    days = np.array(["2024-06-01", "2025-03-01"], dtype="M8[D]")
    with pytest.raises(RateNotPublished) as caught:
        merudgift(np.array([1, 2]), decided_on=days)
    assert isinstance(caught.value, BatchRateNotPublished)
    assert (caught.value.column, caught.value.row, caught.value.key) == ("decided_on", 1, "sel100.bands")
    assert caught.value.can_project and "project=True" in str(caught.value)


def test_transport_price_forms() -> None:
    args = (np.array([20]), np.array([25_000]), np.array([150_000]))
    with pytest.raises(BatchInputError, match="ikke begge") as caught:
        transport(*args, per_km=150, daily_total=100, daily_within_10km=50, on=date(2025, 3, 1))
    assert caught.value.code == "input.price_form_both"
    with pytest.raises(BatchInputError, match="enten per_km") as caught:
        transport(*args, on=date(2025, 3, 1))
    assert caught.value.code == "input.price_form_missing"
    with pytest.raises(BatchInputError, match="højere end prisen for hele turen") as caught:
        transport(*args, daily_total=np.array([100]), daily_within_10km=np.array([101]), on=date(2025, 3, 1))
    assert (caught.value.column, caught.value.code) == ("daily_within_10km", "input.price_within_above_total")
    with pytest.raises(BatchRateNotPublished):
        transport(*args, per_km=150, on=date(2011, 2, 3))


def test_bank_use_over_the_balance_names_the_person_and_the_month() -> None:
    used = np.zeros((3, 3), dtype=np.int64)
    used[0, 0] = 10 * 60
    used[1, 1] = 25 * 60  # 30 hours available in February: fine
    used[2, 1] = 30 * 60 + 1
    with pytest.raises(InsufficientBatchHours) as caught:
        bank(used, months="2024-01")
    err = caught.value
    assert (err.column, err.row, err.month, err.available_minutes) == ("used_minutes", 2, Month(2024, 2), 1800)
    assert "februar 2024" in str(err)
    used[0, 1] = 21 * 60  # person 0 has only 20 hours in February: the first bad row of the first bad month
    with pytest.raises(InsufficientBatchHours) as caught:
        bank(used, months="2024-01")
    assert caught.value.row == 0


def test_bank_months_out_of_order_are_refused() -> None:
    months = np.array(["2024-01", "2024-02", "2024-02"], dtype="datetime64[M]")
    with pytest.raises(BatchInputError, match="uden huller") as caught:
        bank(np.zeros((1, 3), dtype=np.int64), months=months)
    assert (caught.value.column, caught.value.row) == ("months", 2)


def test_bank_use_before_the_first_month_and_a_start_before_the_months() -> None:
    used = np.zeros((2, 3), dtype=np.int64)
    used[1, 0] = 60
    with pytest.raises(BatchInputError, match="ligger før personens første måned") as caught:
        bank(used, months="2024-01", start=np.array(["2024-01", "2024-02"], dtype="M8[M]"))
    assert caught.value.row == 1
    with pytest.raises(BatchInputError, match="timebankens historik mangler") as caught:
        bank(np.zeros((1, 3), dtype=np.int64), months="2024-01", start="2023-12")
    assert caught.value.code == "batch.before_first_month"
    with pytest.raises(BatchInputError, match="timebankens historik mangler"):
        bank(np.zeros((1, 3), dtype=np.int64), months="2024-01", start="2023-12")
    with pytest.raises(BatchInputError, match="må ikke være negativ") as caught:
        bank(np.array([[0, -1]]), months="2024-01")
    assert caught.value.row == 0
    with pytest.raises(BatchInputError, match="minutter er hele tal"):
        bank(np.array([[0.5]]), months="2024-01")


def test_stays_bad_input() -> None:
    arrival = np.array(["2024-03-03", "2024-03-03"], dtype="M8[D]")
    with pytest.raises(BatchInputError, match="kun for SEL § 109") as caught:
        stays(np.array([110, 108]), arrival, arrival)
    assert (caught.value.column, caught.value.row) == ("paragraph", 1)
    with pytest.raises(BatchInputError, match="ikke begge"):
        stays(110, arrival, arrival, reduction=np.array([0, 100]), reduction_share=["0", "0.5"])
    with pytest.raises(BatchInputError, match="fra 0 til 1") as caught:
        stays(110, arrival, arrival, reduction_share=["0.5", "1.5"])
    assert caught.value.row == 1
    with pytest.raises(BatchInputError, match="aldrig en float"):
        stays(110, arrival, arrival, reduction_share=np.array([0.5, 0.5]))


def test_no_rows_is_no_error() -> None:
    none = np.zeros(0, dtype=np.int64)
    assert len(merudgift(none, decided_on=np.zeros(0, dtype="M8[D]"))) == 0
    assert len(merudgift(none, decided_on=date(2017, 1, 1))) == 0  # nothing to resolve, nothing refused
    assert len(transport(none, none, none, per_km=150, on=date(2025, 3, 1))) == 0
    assert bank(np.zeros((0, 12), dtype=np.int64), months="2024-01").closing.shape == (0, 12)
    assert len(stays(110, np.zeros(0, dtype="M8[D]"), np.zeros(0, dtype="M8[D]"))) == 0


def test_a_product_too_large_for_int64_is_refused() -> None:
    with pytest.raises(BatchInputError, match="for stort") as caught:
        transport(np.array([1, 10**6]), np.array([1, 10**9]), np.array([0, 0]), per_km=10**6, on=date(2025, 3, 1))
    assert (caught.value.row, caught.value.value) == (1, 10**6)


def test_no_rule_module_imports_numpy() -> None:
    """The batch imports the rules, never the reverse: every rule (and the CLI) loads without numpy."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import socialcalc

    src = str(Path(socialcalc.__file__).resolve().parent.parent)  # this checkout, not another installed copy
    env = {**os.environ, "PYTHONPATH": src}
    modules = ["socialcalc.merudgift", "socialcalc.ledsageordning", "socialcalc.egenbetaling",
               "socialcalc.beskyttet_beskaeftigelse", "socialcalc.hastig_sygdom", "socialcalc.folkepension",
               "socialcalc.cli"]
    code = f"import sys; import {', '.join(modules)}; print('numpy' in sys.modules, 'pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split() == ["False", "False"]
