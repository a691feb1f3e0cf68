"""Tests that kill the mutants of ``merudgift/batch.py``: the SEL § 100 batch kernels against the one-case path.

Deterministic (no hypothesis): fixed rows through every branch of :func:`socialcalc.merudgift.batch.merudgift` and
:func:`~socialcalc.merudgift.batch.one_off` (both regimes, every band case, every group advice and choice, a
yearly figure, a later payment day, several municipalities, a projection of some rates only), each compared row
by row with the exact one-case functions: every code of the result against
:func:`socialcalc.merudgift.beregning.decide` / :func:`~socialcalc.merudgift.engangs.decide_one_off`, the
amount, ``projected`` and the table year against :func:`~socialcalc.merudgift.calculate` /
:func:`~socialcalc.merudgift.one_off`, and the dtype and shape of every column. Every refusal is pinned by
class, column, row, code and parameters, equal to the one-case error where there is one, and the first bad row
wins across groups of rows and across checks.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import numpy as np
import pytest

from socialcalc.batch.columns import BatchInputError, BatchRateNotPublished
from socialcalc.errors import InvalidInput, RateNotPublished, SocialcalcError
from socialcalc.merudgift import calculate
from socialcalc.merudgift import one_off as scalar_one_off
from socialcalc.merudgift.batch import (
    BAND_FULL,
    KOMPENSATIONSYDELSE,
    MAX_ORE,
    MERUDGIFTSYDELSE,
    NO_BAND,
    NO_GROUP,
    MerudgiftBatch,
    OneOffBatch,
    merudgift,
    one_off,
)
from socialcalc.merudgift.beregning import decide
from socialcalc.merudgift.engangs import decide_one_off, one_off_rates
from socialcalc.merudgift.fakta import resolve
from socialcalc.ratebook import RateBook, default_book
from socialcalc.testing import book_with

IN_2024, OCT_2025, MAR_2026 = date(2024, 6, 1), date(2025, 10, 1), date(2026, 3, 1)
_GROUP_CODES = {None: 0, "I": 1, "II": 2}

_RATE = """
[[rate]]
key = "{key}"
unit = "DKK/month"
value = {value}
valid_from = 2026-01-01
status = "derived"
source = "test: {key} published for 2026"
"""


@cache
def _book(*keys: str) -> RateBook:
    """The packaged book with the 2025 kompensationsydelse values of ``keys`` also published for 2026 (the other
    rates of 2026 are then not published: strict mode refuses them, a projection projects only them)."""
    values = {"sel100.komp_minimum": 555, "sel100.komp_group1": 1105, "sel100.komp_group2_threshold": 2000,
              "sel100.komp_group2_supplement": 500}
    return book_with({"national/later.toml": "".join(_RATE.format(key=k, value=values[k]) for k in keys)})


# -- merudgift: every row against the one-case codes ---------------------------------------------------------------

_COLUMNS = {"amount": np.int64, "regime": np.int8, "band": np.int8, "table_year": np.int16, "group": np.int8,
            "recommended_group": np.int8, "group_i": np.int64, "group_ii": np.int64, "qualifies_i": np.bool_,
            "qualifies_ii": np.bool_, "projected": np.bool_, "met": np.int8, "case": np.int8, "advice": np.int8,
            "g2": np.int8}


def _kr(ore: int | None) -> Decimal | None:
    return None if ore is None else Decimal(ore).scaleb(-2)


def _expected(row: dict[str, Any], rates: RateBook | None, project: Any) -> dict[str, int]:
    """Every column of one row, as the one-case path decides it."""
    book = rates or default_book()
    months = 12 if row["per"] == "year" else 1
    paid = row["decided_on"] + timedelta(days=row.get("later", 0))
    ctx = resolve(book, row["decided_on"], paid, row["kommune"], project)
    expenses, listed = _kr(row["expenses"]), _kr(row.get("listed"))
    assert expenses is not None
    codes = decide(ctx, expenses, months, row["documented"], listed, _GROUP_CODES[row["group"]])
    one = calculate(expenses, decided_on=row["decided_on"], on=paid, per=row["per"], documented=row["documented"],
                    listed_documented=listed, group=row["group"], kommune=row["kommune"], rates=rates,
                    project=project)
    assert int(one.amount * 100) == codes["amount"]
    if ctx.old:
        return {"amount": codes["amount"], "regime": MERUDGIFTSYDELSE, "band": codes["band"],
                "table_year": one.table_year, "group": NO_GROUP, "recommended_group": NO_GROUP, "group_i": 0,
                "group_ii": 0, "qualifies_i": 0, "qualifies_ii": 0, "projected": int(one.projected),
                "met": codes["met"], "case": codes["case"], "advice": 0, "g2": 0}
    # under the minimum the one-case path decides group II's case with no threshold (its first pass: no reader
    # of a case under the minimum uses it); the kernel decides it with the day's threshold; compared where met
    return {"amount": codes["amount"], "regime": KOMPENSATIONSYDELSE, "band": NO_BAND, "table_year": 0,
            "group": codes["group"], "recommended_group": codes["recommended"], "group_i": codes["group_i"],
            "group_ii": codes["group_ii"], "qualifies_i": codes["qualifies_i"],
            "qualifies_ii": codes["qualifies_ii"], "projected": int(one.projected), "met": 0, "case": 0,
            "advice": codes["advice"], "g2": codes["g2"] if codes["qualifies_i"] else UNMET}


UNMET = -99
"""``g2`` of a row under the minimum in :func:`_expected`: not compared (see there)."""


def _shape(result: MerudgiftBatch, n: int) -> None:
    assert len(result) == n
    for name, dtype in _COLUMNS.items():
        column = getattr(result, name)
        assert isinstance(column, np.ndarray), name
        assert column.dtype == np.dtype(dtype), (name, column.dtype)
        assert column.shape == (n,), (name, column.shape)


def _table(result: MerudgiftBatch) -> list[dict[str, int]]:
    rows = [{name: int(getattr(result, name)[i]) for name in _COLUMNS} for i in range(len(result))]
    for row in rows:
        if row["regime"] == KOMPENSATIONSYDELSE and not row["qualifies_i"]:
            row["g2"] = UNMET
    return rows


def _run(rows: list[dict[str, Any]], *, listed: bool = True, rates: RateBook | None = None, project: Any = False,
         on: bool = True) -> MerudgiftBatch:
    decided = np.array([r["decided_on"] for r in rows], dtype="datetime64[D]")
    return merudgift(
        np.array([r["expenses"] for r in rows], dtype=np.int64), decided_on=decided,
        on=decided + np.array([r.get("later", 0) for r in rows]) if on else None,
        per=np.array([r["per"] for r in rows], dtype=object),
        documented=np.array([r["documented"] for r in rows], dtype=bool),
        listed_documented=np.array([r.get("listed") or 0 for r in rows], dtype=np.int64) if listed else None,
        group=np.array([r["group"] for r in rows], dtype=object),
        kommune=np.array([r["kommune"] for r in rows], dtype=object), rates=rates, project=project)


def _row(expenses: int, day: date = IN_2024, *, per: str = "month", documented: bool = False,
         listed: int | None = None, group: str | None = None, kommune: str | None = None,
         later: int = 0) -> dict[str, Any]:
    return {"expenses": expenses, "decided_on": day, "per": per, "documented": documented, "listed": listed,
            "group": group, "kommune": kommune, "later": later}


OLD_ROWS = [
    _row(60700), _row(60800), _row(170699), _row(170700, kommune="lejre"), _row(284600), _row(284601),
    _row(284601, documented=True), _row(300000, documented=True, kommune="lemvig"), _row(300000),
    _row(729600, per="year"), _row(729599, per="year"), _row(729606, per="year", documented=True),
    _row(159250, date(2021, 5, 1)), _row(265400, date(2021, 5, 1), documented=True),
    _row(275700, date(2023, 5, 1)), _row(275701, date(2023, 5, 1), documented=True),
    _row(100000, date(2024, 3, 1), later=30), _row(0, date(2018, 3, 1)),
]
KOMP_ROWS = [
    _row(55400, OCT_2025, listed=0), _row(55500, OCT_2025, listed=0), _row(200000, OCT_2025, listed=200000),
    _row(250000, OCT_2025, listed=150000), _row(250000, OCT_2025, listed=250000, kommune="lejre"),
    _row(3000006, OCT_2025, per="year", listed=3000006), _row(3000000, OCT_2025, per="year", listed=0),
    _row(250000, OCT_2025, listed=250000, group="I"), _row(250000, OCT_2025, listed=250000, group="II"),
    _row(55500, OCT_2025, listed=0, group="I", kommune="lemvig"), _row(400000, OCT_2025, listed=400000, later=20),
    _row(666000, OCT_2025, per="year", listed=0, group="I"),
]


def test_every_row_of_both_regimes_equals_the_one_case_codes() -> None:
    rows = OLD_ROWS + KOMP_ROWS
    result = _run(rows)
    _shape(result, len(rows))
    assert _table(result) == [_expected(r, None, False) for r in rows]
    # every band case and every advice occurs
    assert set(result.band.tolist()) == {NO_BAND, 0, 1, 2, BAND_FULL}
    assert set(result.case[: len(OLD_ROWS)].tolist()) == {0, 1, 2, 3}
    assert set(result.advice[len(OLD_ROWS):].tolist()) >= {0, 1, 3}


def test_one_regime_or_one_day_for_all_rows_equals_the_one_case_codes() -> None:
    for rows in (OLD_ROWS, KOMP_ROWS, [_row(170700), _row(60700), _row(300000)],
                 [_row(55500, OCT_2025, listed=0), _row(250000, OCT_2025, listed=250000)]):
        result = _run(rows)
        _shape(result, len(rows))
        assert _table(result) == [_expected(r, None, False) for r in rows]


def test_scalar_arguments_for_all_rows() -> None:
    """One decision day, ``per``, ``documented``, ``group`` and ``kommune`` for every row (no columns)."""
    amounts = [60700, 170700, 300000]
    result = merudgift(np.array(amounts), decided_on=IN_2024, per="month", documented=True, kommune="lejre")
    _shape(result, 3)
    assert _table(result) == [_expected(_row(a, documented=True, kommune="lejre"), None, False) for a in amounts]
    yearly = merudgift(np.array(amounts), decided_on=IN_2024, per="year")
    _shape(yearly, 3)
    assert _table(yearly) == [_expected(_row(a, per="year"), None, False) for a in amounts]
    komp = merudgift(np.array([250000, 300000]), listed_documented=np.array([250000, 300000]), decided_on=OCT_2025,
                     on=date(2025, 11, 3), group="II", kommune="lemvig")
    _shape(komp, 2)
    assert _table(komp) == [_expected(_row(a, OCT_2025, listed=a, group="II", kommune="lemvig", later=33), None,
                                      False) for a in (250000, 300000)]
    chose_i = merudgift(np.array([55500, 250000]), decided_on=OCT_2025, group="I")
    assert _table(chose_i) == [_expected(_row(a, OCT_2025, group="I"), None, False) for a in (55500, 250000)]


def test_without_a_payment_day_the_rates_are_those_of_the_decision() -> None:
    rows = [_row(170700), _row(250000, OCT_2025, listed=250000), _row(100000, date(2023, 2, 1))]
    assert _table(_run(rows, on=False)) == [_expected(r, None, False) for r in rows]


def test_without_listed_expenses_the_codes_are_those_of_none_listed() -> None:
    rows = [_row(250000, OCT_2025), _row(55500, OCT_2025), _row(3000000, OCT_2025, per="year"), _row(170700)]
    result = _run(rows, listed=False)
    _shape(result, len(rows))
    assert _table(result) == [_expected(r, None, False) for r in rows]


def test_a_projection_flags_exactly_the_rows_that_use_a_projected_rate() -> None:
    # all of 2026 projected; the old rules' table of 2025 projected; 2024 published
    rows = [_row(100000, date(2025, 3, 1)), _row(100000), _row(55400, MAR_2026, listed=0),
            _row(250000, MAR_2026, listed=250000), _row(250000, OCT_2025, listed=250000, later=120)]
    for project in (True, Decimal("2.5")):
        result = _run(rows, project=project)
        _shape(result, len(rows))
        assert _table(result) == [_expected(r, None, project) for r in rows]
        assert result.projected.tolist() == [True, False, True, True, True]
    # only the group rates projected: a row under the minimum uses no projected rate
    rows = [_row(55400, MAR_2026, listed=0), _row(60000, MAR_2026, listed=0), _row(250000, MAR_2026, listed=250000)]
    book = _book("sel100.komp_minimum")
    result = _run(rows, rates=book, project=True)
    assert _table(result) == [_expected(r, book, True) for r in rows]
    assert result.projected.tolist() == [False, True, True]
    # only the supplement projected: only a row that qualifies for group II uses it
    rows = [_row(250000, MAR_2026, listed=150000), _row(250000, MAR_2026, listed=250000),
            _row(55400, MAR_2026, listed=0)]
    book = _book("sel100.komp_minimum", "sel100.komp_group1", "sel100.komp_group2_threshold")
    result = _run(rows, rates=book, project=True)
    assert _table(result) == [_expected(r, book, True) for r in rows]
    assert result.projected.tolist() == [False, True, False]
    # every rate published: nothing projected although projection is allowed
    book = _book("sel100.komp_minimum", "sel100.komp_group1", "sel100.komp_group2_threshold",
                 "sel100.komp_group2_supplement")
    result = _run(rows, rates=book, project=True)
    assert _table(result) == [_expected(r, book, True) for r in rows]
    assert result.projected.tolist() == [False, False, False]


def test_no_rows() -> None:
    for day in (IN_2024, np.zeros(0, dtype="M8[D]")):
        result = merudgift(np.zeros(0, dtype=np.int64), decided_on=day, listed_documented=np.zeros(0, np.int64))
        _shape(result, 0)


def test_the_largest_amount_is_accepted() -> None:
    # (the one-case path refuses amounts this large: no comparison) group II pays the listed expenses and the
    # supplement; full cover pays a yearly figure's twelfth, rounded half up
    result = merudgift(np.array([MAX_ORE]), listed_documented=np.array([MAX_ORE]), decided_on=OCT_2025)
    assert (result.amount.tolist(), result.group_ii.tolist()) == ([MAX_ORE + 50000], [MAX_ORE + 50000])
    result = merudgift(np.array([MAX_ORE]), decided_on=IN_2024, documented=True, per="year")
    assert result.amount.tolist() == [(MAX_ORE + 6) // 12]


# -- merudgift: refusals -----------------------------------------------------------------------------------------


def _refused(kind: type[SocialcalcError], call: Any) -> Any:
    with pytest.raises(kind) as caught:
        call()
    return caught.value


def _same_as_scalar(err: Any, scalar: Any, column: str, row: int) -> None:
    """A batch refusal that is the one-case refusal of the row, naming the column and the row."""
    assert (err.column, err.row) == (column, row)
    if isinstance(scalar, RateNotPublished):
        assert isinstance(err, BatchRateNotPublished)
        assert (err.key, err.day, err.last_known, err.reason_code, err.reason_params, err.can_project) == (
            scalar.key, scalar.day, scalar.last_known, scalar.reason_code, scalar.reason_params, scalar.can_project)
        assert str(err) == f"{column}[{row}]: {scalar}"
        return
    assert isinstance(err, BatchInputError)
    assert isinstance(scalar, InvalidInput)
    assert (err.code, err.params, err.rule) == (scalar.code, scalar.params, scalar.rule)
    assert err.field == f"{column}[{row}]"


def _scalar_error(row: dict[str, Any], rates: RateBook | None = None, project: Any = False) -> SocialcalcError:
    try:
        _expected(row, rates, project)
    except SocialcalcError as err:
        return err
    raise AssertionError(f"the one-case path computes {row}")


def test_the_group_below_the_minimum_is_refused_as_one_case() -> None:
    rows = [_row(250000, OCT_2025, listed=0, group="I"), _row(55400, OCT_2025, listed=0, group="I"),
            _row(55400, OCT_2025, listed=0, group="I")]
    err = _refused(BatchInputError, lambda: _run(rows))
    _same_as_scalar(err, _scalar_error(rows[1]), "group", 1)
    assert err.value == "'I'"
    assert err.params == {"monthly": Decimal("554.00"), "minimum": Decimal("555.00")}
    # a yearly figure: its twelfth, rounded half up
    rows = [_row(664806, OCT_2025, per="year", listed=0, group="II")]
    err = _refused(BatchInputError, lambda: _run(rows))
    _same_as_scalar(err, _scalar_error(rows[0]), "group", 0)
    assert (err.value, err.params["monthly"]) == ("'II'", Decimal("554.01"))
    # one group for all rows
    err = _refused(BatchInputError, lambda: merudgift(np.array([60000, 50000]), decided_on=OCT_2025, group="I"))
    assert (err.column, err.row, err.value, err.code) == ("group", 1, "'I'", "input.group_below_minimum")


def test_group_ii_without_qualifying_is_refused_as_one_case() -> None:
    rows = [_row(250000, OCT_2025, listed=250000, group="II"), _row(250000, OCT_2025, listed=150000, group="II")]
    err = _refused(BatchInputError, lambda: _run(rows))
    _same_as_scalar(err, _scalar_error(rows[1]), "group", 1)
    assert (err.value, err.params) == ("'II'", {"bound": Decimal("2000.00"), "listed": Decimal("1500.00")})
    # a yearly figure: its twelfth, rounded half up (1999.995 kr. shown as 2000.00, and it is not over 2000)
    rows = [_row(2400000, OCT_2025, per="year", listed=2399994, group="II")]
    err = _refused(BatchInputError, lambda: _run(rows))
    _same_as_scalar(err, _scalar_error(rows[0]), "group", 0)
    assert err.params == {"bound": Decimal("2000.00"), "listed": Decimal("2000.00")}
    # no listed expenses at all: none shown
    rows = [_row(250000, OCT_2025, group="II")]
    err = _refused(BatchInputError, lambda: _run(rows, listed=False))
    _same_as_scalar(err, _scalar_error(rows[0]), "group", 0)
    assert err.params == {"bound": Decimal("2000.00"), "listed": None}


def test_a_group_under_the_old_rules_is_refused_first() -> None:
    # the row is also paid after the transition deadline: the group is checked first, as in the one-case path
    rows = [_row(100000), _row(100000, date(2024, 3, 1), group="I", later=1280)]
    err = _refused(BatchInputError, lambda: _run(rows, project=True))
    assert (err.column, err.row, err.value, err.code) == ("group", 1, "'I'", "input.group_regime")
    assert isinstance(_scalar_error(rows[1], None, True), InvalidInput)
    err = _refused(BatchInputError, lambda: merudgift(np.array([1, 2]), decided_on=IN_2024, group="II"))
    assert (err.column, err.row, err.value, err.code) == ("group", 0, "'II'", "input.group_regime")


def test_the_first_bad_row_is_refused_whatever_its_group_of_rows() -> None:
    # row 0 (a 2025 table not published) and row 1 (an unknown municipality) are in different groups of rows
    days = np.array(["2024-06-01", "2025-03-01", "2024-06-01"], dtype="M8[D]")
    err = _refused(SocialcalcError, lambda: merudgift(np.array([1, 2, 3]), decided_on=days,
                                                      kommune=np.array(["lejre", "lejre", "atlantis"])))
    assert isinstance(err, BatchRateNotPublished)
    assert (err.column, err.row, err.key) == ("decided_on", 1, "sel100.bands")
    err = _refused(BatchInputError, lambda: merudgift(np.array([1, 2, 3]), decided_on=days,
                                                      kommune=np.array(["lejre", "atlantis", "lejre"])))
    assert not isinstance(err, RateNotPublished)
    assert (err.column, err.row) == ("kommune", 1)
    # an unknown municipality under the new rules, after a good row
    err = _refused(BatchInputError, lambda: merudgift(np.array([1, 2]), decided_on=OCT_2025,
                                                      kommune=np.array([None, "atlantis"], dtype=object)))
    assert (err.column, err.row) == ("kommune", 1)
    # a decision before the first table: the column of the decision
    row = _row(100, date(2017, 6, 1))
    err = _refused(BatchInputError, lambda: _run([_row(100), row]))
    _same_as_scalar(err, _scalar_error(row), "decided_on", 1)


def test_a_missing_rate_names_the_column_of_the_rates_and_the_first_row_using_it() -> None:
    # the old rules: the band table of the payment day (on), or of the decision day
    rows = [_row(100000), _row(100000, later=300)]
    err = _refused(BatchRateNotPublished, lambda: _run(rows))
    _same_as_scalar(err, _scalar_error(rows[1]), "on", 1)
    rows = [_row(100000), _row(100000, date(2025, 2, 1))]
    err = _refused(BatchRateNotPublished, lambda: _run(rows, on=False))
    _same_as_scalar(err, _scalar_error(rows[1]), "decided_on", 1)
    # the transition deadline passed
    rows = [_row(100000), _row(100000, date(2024, 3, 1), later=1280)]
    err = _refused(BatchInputError, lambda: _run(rows, project=True))
    _same_as_scalar(err, _scalar_error(rows[1], None, True), "on", 1)
    # the new rules: the minimum, for every row; the group rates for a row that meets the minimum; the
    # supplement for a row that qualifies for group II
    rows = [_row(100000), _row(10000, MAR_2026, listed=0), _row(10000, MAR_2026, listed=0)]
    err = _refused(BatchRateNotPublished, lambda: _run(rows))
    _same_as_scalar(err, _scalar_error(rows[1]), "on", 1)
    err = _refused(BatchRateNotPublished, lambda: _run(rows, on=False))
    _same_as_scalar(err, _scalar_error(rows[1]), "decided_on", 1)
    book = _book("sel100.komp_minimum")
    rows = [_row(55400, MAR_2026, listed=0), _row(55400, MAR_2026, listed=0), _row(60000, MAR_2026, listed=0)]
    err = _refused(BatchRateNotPublished, lambda: _run(rows, rates=book))
    _same_as_scalar(err, _scalar_error(rows[2], book), "on", 2)
    assert err.key == "sel100.komp_group1"
    book = _book("sel100.komp_minimum", "sel100.komp_group1")
    err = _refused(BatchRateNotPublished, lambda: _run(rows, rates=book, on=False))
    _same_as_scalar(err, _scalar_error(rows[2], book), "decided_on", 2)
    assert err.key == "sel100.komp_group2_threshold"
    book = _book("sel100.komp_minimum", "sel100.komp_group1", "sel100.komp_group2_threshold")
    rows = [_row(250000, MAR_2026, listed=150000), _row(250000, MAR_2026, listed=250000)]
    err = _refused(BatchRateNotPublished, lambda: _run(rows, rates=book))
    _same_as_scalar(err, _scalar_error(rows[1], book), "on", 1)
    assert err.key == "sel100.komp_group2_supplement"
    # rows that need no missing rate are computed
    assert _table(_run(rows[:1], rates=book)) == [_expected(rows[0], book, False)]
    rows = [_row(55400, MAR_2026, listed=0)]
    assert _table(_run(rows, rates=_book("sel100.komp_minimum"))) == [
        _expected(rows[0], _book("sel100.komp_minimum"), False)]


def test_bad_columns_are_refused_naming_the_column_and_row() -> None:
    err = _refused(BatchInputError, lambda: merudgift(np.array([5, 7]), listed_documented=np.array([5, 6, 7]),
                                                      decided_on=OCT_2025))
    assert (err.column, err.row, err.value) == ("listed_documented", 0, "(3,) rows")
    assert err.rule == "alle kolonner skal have 2 rækker"
    err = _refused(BatchInputError, lambda: merudgift(np.array([MAX_ORE + 2, 5]),
                                                      listed_documented=np.array([5, MAX_ORE + 1]),
                                                      decided_on=OCT_2025))
    assert (err.column, err.row, err.value, err.code, err.params) == (
        "expenses", 0, MAX_ORE + 2, "input.too_large", {"maximum": MAX_ORE})
    err = _refused(BatchInputError, lambda: merudgift(np.array([MAX_ORE, MAX_ORE]),
                                                      listed_documented=np.array([5, MAX_ORE + 1]),
                                                      decided_on=OCT_2025))
    assert (err.column, err.row, err.value, err.code) == ("listed_documented", 1, MAX_ORE + 1, "input.too_large")
    err = _refused(BatchInputError, lambda: merudgift(np.array([5, 5, 5]), listed_documented=np.array([5, 6, 7]),
                                                      decided_on=OCT_2025))
    assert (err.column, err.row, err.value, err.code, err.params) == (
        "listed_documented", 1, 6, "input.listed_over_total", {"total": Decimal("0.05")})


@pytest.mark.parametrize("project", [1.5, "ja", None, 2])
def test_a_bad_project_is_refused(project: Any) -> None:
    for kernel in (lambda: merudgift(np.array([1]), decided_on=IN_2024, project=project),
                   lambda: one_off(np.array([1]), decided_on=IN_2024, project=project)):
        err = _refused(InvalidInput, kernel)
        assert not isinstance(err, BatchInputError)
        assert (err.field, err.value, err.code) == ("project", repr(project), "input.type")
        assert err.params == {"expected": "True, False eller en Decimal", "expected_en": "True, False or a Decimal",
                              "kind": type(project).__name__}


# -- one-off expenses: every row against the one-case codes --------------------------------------------------------

_ONE_OFF_COLUMNS = {"amount": np.int64, "case": np.int8, "granted": np.bool_, "monthly": np.int64, "band": np.int8,
                    "met": np.int8, "band_case": np.int8, "table_year": np.int16, "projected": np.bool_}


def _one(expense: int, day: date = date(2024, 5, 1), *, running: int = 0, per: str = "month",
         recipient: bool = False, documented: bool = False, kommune: str | None = None) -> dict[str, Any]:
    return {"expense": expense, "running": running, "per": per, "recipient": recipient, "documented": documented,
            "day": day, "kommune": kommune}


def _one_expected(row: dict[str, Any], rates: RateBook | None = None, project: Any = False) -> dict[str, int]:
    book = rates or default_book()
    months = 12 if row["per"] == "year" else 1
    expense, running = Decimal(row["expense"]).scaleb(-2), Decimal(row["running"]).scaleb(-2)
    rated = one_off_rates(book, row["day"], row["kommune"], project, recipient=row["recipient"], running=running,
                          months=months, per=row["per"], expense=expense)
    codes = decide_one_off(expense, running, months, row["recipient"], row["documented"], rated["minimum"], None)
    one = scalar_one_off(expense, decided_on=row["day"], running=running, per=row["per"],
                         recipient=row["recipient"], documented=row["documented"], kommune=row["kommune"],
                         rates=rates, project=project)
    third = "monthly" in codes or (codes["case"] == 2 and codes["granted"])
    if third:
        bands = book.at(row["day"], row["kommune"], project=project).get("sel100.bands")
        codes = decide_one_off(expense, running, months, row["recipient"], row["documented"], rated["minimum"],
                               bands)
    assert int(one.amount * 100) == codes["amount"]
    return {"amount": codes["amount"], "case": codes["case"], "granted": codes["granted"],
            "monthly": codes["monthly"] if third else 0, "band": codes["band"] if third else 0,
            "met": codes["met"] if third else 0, "band_case": codes["band_case"] if third else 0,
            "table_year": one.table_year if third else 0, "projected": int(one.projected)}


def _one_run(rows: list[dict[str, Any]], *, rates: RateBook | None = None, project: Any = False,
             running: bool = True) -> OneOffBatch:
    return one_off(np.array([r["expense"] for r in rows], dtype=np.int64),
                   running=np.array([r["running"] for r in rows], dtype=np.int64) if running else None,
                   per=np.array([r["per"] for r in rows]), recipient=np.array([r["recipient"] for r in rows]),
                   documented=np.array([r["documented"] for r in rows]),
                   decided_on=np.array([r["day"] for r in rows], dtype="datetime64[D]"),
                   kommune=np.array([r["kommune"] for r in rows], dtype=object), rates=rates, project=project)


def _one_table(result: OneOffBatch) -> list[dict[str, int]]:
    assert len(result) == result.amount.shape[0]
    out = []
    for name, dtype in _ONE_OFF_COLUMNS.items():
        column = getattr(result, name)
        assert column.dtype == np.dtype(dtype), (name, column.dtype)
        assert column.shape == (len(result),), name
    for i in range(len(result)):
        out.append({name: int(getattr(result, name)[i]) for name in _ONE_OFF_COLUMNS})
    return out


ONE_OFF_ROWS = [
    _one(500000, recipient=True), _one(500000, OCT_2025, recipient=True), _one(729600), _one(729599),
    _one(10000, running=10000), _one(609600, running=10000, kommune="lejre"), _one(700000, running=10000),
    _one(610000, running=120006, per="year"), _one(4000000, running=10000, documented=True),
    _one(4000000, running=10000), _one(300000, date(2021, 3, 1), running=5000, kommune="lemvig"),
    _one(800000, date(2023, 6, 1), running=1, documented=True), _one(0, date(2018, 5, 1)),
    _one(900000, date(2020, 6, 19), running=55500, recipient=True),
]


def test_every_one_off_row_equals_the_one_case_codes() -> None:
    assert _one_table(_one_run(ONE_OFF_ROWS)) == [_one_expected(r) for r in ONE_OFF_ROWS]
    for rows in ([r for r in ONE_OFF_ROWS if r["day"] == date(2024, 5, 1) and r["kommune"] is None],
                 [r for r in ONE_OFF_ROWS if r["recipient"]], [_one(10000, running=10000)],
                 [_one(700000, running=10000), _one(729600)]):
        assert _one_table(_one_run(rows)) == [_one_expected(r) for r in rows]


def test_one_off_with_scalar_arguments_and_no_running_expenses() -> None:
    result = one_off(np.array([729600, 100]), decided_on=date(2024, 5, 1))
    assert _one_table(result) == [_one_expected(_one(729600)), _one_expected(_one(100))]
    result = one_off(np.array([700000, 4000000]), running=np.array([120000, 120000]), per="year", documented=True,
                     decided_on=date(2024, 5, 1), kommune="lejre")
    assert _one_table(result) == [_one_expected(_one(e, running=120000, per="year", documented=True,
                                                     kommune="lejre")) for e in (700000, 4000000)]
    result = one_off(np.array([5, 7]), recipient=True, decided_on=OCT_2025)
    assert _one_table(result) == [_one_expected(_one(e, OCT_2025, recipient=True)) for e in (5, 7)]
    assert _one_table(one_off(np.zeros(0, np.int64), decided_on=date(2024, 5, 1))) == []


def test_one_off_projection_flags_the_rows_that_use_a_projected_rate() -> None:
    rows = [_one(700000, date(2025, 3, 1), running=10000), _one(100, date(2025, 3, 1), running=10000),
            _one(900000, date(2025, 3, 1)), _one(5000, date(2025, 3, 1), recipient=True),
            _one(700000, running=10000)]
    result = _one_run(rows, project=True)
    assert _one_table(result) == [_one_expected(r, None, True) for r in rows]
    assert result.projected.tolist() == [True, True, True, False, False]


def test_one_off_refusals_name_the_first_bad_row() -> None:
    # the transition deadline passed for a recipient
    rows = [_one(5, recipient=True), _one(5, date(2027, 9, 1), running=0), _one(5, date(2027, 9, 1), recipient=True)]
    err = _refused(BatchInputError, lambda: _one_run(rows, project=True))
    # row 1 (not a recipient, new rules) comes before row 2
    assert (err.column, err.row, err.code) == ("decided_on", 1, "input.one_off_regime")
    assert err.value == "2027-09-01"
    assert err.params == {"valid_from": date(2025, 9, 1), "paragraph": err.params["paragraph"]}
    assert err.params["paragraph"] == default_book().at(date(2025, 8, 31)).get("hjemmel.sel100.engangs").value
    with pytest.raises(InvalidInput) as scalar:
        scalar_one_off("0.05", decided_on=date(2027, 9, 1))
    assert (err.code, err.params) == (scalar.value.code, scalar.value.params)
    err = _refused(BatchInputError, lambda: _one_run([rows[0], rows[2], rows[1]], project=True))
    with pytest.raises(InvalidInput) as scalar:
        scalar_one_off("0.05", decided_on=date(2027, 9, 1), recipient=True, project=True)
    assert (err.column, err.row, err.code, err.params) == ("decided_on", 1, scalar.value.code, scalar.value.params)
    # a recipient and a non-recipient refused on the same day: the first of them
    rows = [_one(5, OCT_2025, running=0), _one(5, OCT_2025, recipient=True)]
    err = _refused(BatchInputError, lambda: _one_run(rows))
    assert (err.column, err.row, err.code) == ("decided_on", 0, "input.one_off_regime")
    # an unknown municipality; a decision before the rules
    err = _refused(BatchInputError, lambda: _one_run([_one(5), _one(5, kommune="atlantis")]))
    assert (err.column, err.row) == ("kommune", 1)
    err = _refused(BatchInputError, lambda: _one_run([_one(5), _one(5, date(2017, 6, 1))]))
    assert (err.column, err.row, err.code) == ("decided_on", 1, "input.before_first_table")
    # the minimum not published (2025 in strict mode)
    err = _refused(BatchRateNotPublished, lambda: _one_run([_one(5), _one(5, date(2025, 3, 1), recipient=True),
                                                            _one(5, date(2025, 3, 1))]))
    assert (err.column, err.row, err.key) == ("decided_on", 2, "sel100.minimum")
    # the band table not published (2019 has a minimum but no table) for a granted case 3
    rows = [_one(100, date(2019, 6, 1), running=100), _one(900000, date(2019, 6, 1), running=100)]
    assert _one_table(_one_run(rows[:1])) == [_one_expected(rows[0])]
    err = _refused(BatchRateNotPublished, lambda: _one_run(rows))
    assert (err.column, err.row, err.key) == ("decided_on", 1, "sel100.bands")


def test_running_expenses_over_the_minimum_are_refused_as_one_case() -> None:
    for per, running, shown in (("month", 60800, "608.00"), ("year", 729600, "7296.00")):
        rows = [_one(100, running=100, per=per), _one(100, running=running, per=per), _one(100, running=running + 1)]
        err = _refused(BatchInputError, lambda rows=rows: _one_run(rows))
        with pytest.raises(InvalidInput) as scalar:
            scalar_one_off("1.00", running=Decimal(running).scaleb(-2), per=per, decided_on=date(2024, 5, 1))
        assert (err.column, err.row, err.value) == ("running", 1, Decimal(shown))
        assert (err.code, err.params) == (scalar.value.code, scalar.value.params)
        assert err.params == {"running": Decimal(shown), "per": per,
                              "per_da": "måneden" if per == "month" else "året", "minimum": Decimal("608.00")}
    err = _refused(BatchInputError, lambda: one_off(np.array([1]), running=np.array([729600]), per="year",
                                                    decided_on=date(2024, 5, 1)))
    assert (err.row, err.params["per"], err.params["per_da"]) == (0, "year", "året")


def test_one_off_bad_columns() -> None:
    err = _refused(BatchInputError, lambda: one_off(np.array([1, 2]), running=np.array([1, 2, 3]),
                                                    decided_on=date(2024, 5, 1)))
    assert (err.column, err.row, err.value) == ("running", 0, "(3,) rows")
    err = _refused(BatchInputError, lambda: one_off(np.array([1, MAX_ORE + 1]), decided_on=date(2024, 5, 1)))
    assert (err.column, err.row, err.code) == ("expense", 1, "input.too_large")
    err = _refused(BatchInputError, lambda: one_off(np.array([1, 1]), running=np.array([0, MAX_ORE + 1]),
                                                    decided_on=date(2024, 5, 1)))
    assert (err.column, err.row, err.code) == ("running", 1, "input.too_large")


def test_the_result_models_are_frozen() -> None:
    result = merudgift(np.array([1]), decided_on=IN_2024)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.amount = np.array([2])  # type: ignore[misc]


# -- survivors of the first run -----------------------------------------------------------------------------------


def test_the_batch_helpers_are_loaded_again_into_a_fresh_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """:func:`_load` binds the batch package's helpers by name (as in a fresh interpreter, where they are not yet
    bound); a kernel run then works and every name is the helper itself."""
    from socialcalc.batch import _resolve, columns, ops
    from socialcalc.merudgift import batch as kernel

    names = ("Failures", "Out", "as_bool", "choice_column", "day_column", "group_rows", "kommune_column",
             "length_of", "to_date", "wrap")
    for name in (*names, "BatchInputError", "ore_column", "NP"):
        monkeypatch.delitem(kernel.__dict__, name, raising=False)
    kernel._load()
    for name in names:
        assert kernel.__dict__[name] is getattr(_resolve, name), name
    assert kernel.__dict__["BatchInputError"] is columns.BatchInputError
    assert kernel.__dict__["ore_column"] is columns.ore_column
    assert kernel.__dict__["NP"] is ops.NP
    kernel._load()  # loaded: nothing changes
    assert kernel.__dict__["wrap"] is _resolve.wrap
    for name in (*names, "BatchInputError", "ore_column", "NP"):
        monkeypatch.delitem(kernel.__dict__, name, raising=False)
    assert _table(merudgift(np.array([170700]), decided_on=IN_2024)) == [_expected(_row(170700), None, False)]
    for name in (*names, "BatchInputError", "ore_column", "NP"):
        monkeypatch.delitem(kernel.__dict__, name, raising=False)
    assert _one_table(one_off(np.array([729600]), decided_on=date(2024, 5, 1))) == [_one_expected(_one(729600))]


def test_every_bad_column_is_named() -> None:
    cases = [
        (lambda: merudgift(np.zeros((1, 2), np.int64), decided_on=IN_2024), "expenses"),
        (lambda: merudgift(np.array([1, 2]), decided_on=IN_2024, on=np.array(["2024-06-01", "NaT"], "M8[D]")), "on"),
        (lambda: merudgift(np.array([1, 2]), decided_on=IN_2024, documented=np.array([1, 0])), "documented"),
        (lambda: merudgift(np.array([1, 2]), decided_on=OCT_2025, listed_documented=np.array([0.5, 1.0])),
         "listed_documented"),
        (lambda: one_off(np.zeros((1, 2), np.int64), decided_on=IN_2024), "expense"),
        (lambda: one_off(np.array([0.5]), decided_on=IN_2024), "expense"),
        (lambda: one_off(np.array([1]), running=np.array([0.5]), decided_on=IN_2024), "running"),
        (lambda: one_off(np.array([1]), per="week", decided_on=IN_2024), "per"),
        (lambda: one_off(np.array([1, 2]), decided_on=np.array(["2024-05-01", "NaT"], "M8[D]")), "decided_on"),
        (lambda: one_off(np.array([1]), recipient=np.array([1]), decided_on=IN_2024), "recipient"),
        (lambda: one_off(np.array([1]), documented=np.array([1]), decided_on=IN_2024), "documented"),
    ]
    for call, column in cases:
        err = _refused(BatchInputError, call)
        assert err.column == column, (column, err.column)
        assert err.field.startswith(f"{column}["), err.field


def test_the_defaults_are_those_of_the_one_case_functions() -> None:
    assert _table(merudgift(np.array([300000]), decided_on=IN_2024)) == [_expected(_row(300000), None, False)]
    assert merudgift(np.array([300000]), decided_on=IN_2024).band.tolist() == [2]  # not documented: not full
    result = one_off(np.array([4000000]), running=np.array([10000]), decided_on=date(2024, 5, 1))
    assert _one_table(result) == [_one_expected(_one(4000000, running=10000))]
    # not projected by default: the 2025 minimum is not published
    err = _refused(BatchRateNotPublished, lambda: one_off(np.array([5]), decided_on=date(2025, 3, 1)))
    assert (err.column, err.row, err.key) == ("decided_on", 0, "sel100.minimum")


def test_a_failed_group_does_not_hide_an_earlier_row_of_a_later_group() -> None:
    # the groups are taken in order of their dates; the error is still the first row's (row 0: a later date)
    later = _row(100, OCT_2025, listed=0, kommune="atlantis")
    for earlier in (_row(100, date(2017, 6, 1)), _row(100, date(2024, 3, 1), later=1310),
                    _row(100, IN_2024, later=300)):
        err = _refused(BatchInputError, lambda earlier=earlier: _run([later, earlier], project=earlier["later"] > 1000))
        assert (err.column, err.row) == ("kommune", 0)
    atlantis = _one(5, date(2026, 1, 1), kommune="atlantis")
    for earlier in (_one(5, date(2017, 6, 1)), _one(5, OCT_2025), _one(5, date(2025, 3, 1)),
                    _one(5, running=60800), _one(900000, date(2019, 6, 1), running=100)):
        err = _refused(BatchInputError, lambda earlier=earlier: _one_run([atlantis, earlier]))
        assert (err.column, err.row) == ("kommune", 0)


def test_a_group_under_the_old_rules_is_refused_before_its_missing_table() -> None:
    row = _row(100000, IN_2024, group="I", later=300)  # the table of 2025 is not published either
    err = _refused(BatchInputError, lambda: _run([_row(5), row]))
    assert (err.column, err.row, err.code) == ("group", 1, "input.group_regime")
    with pytest.raises(InvalidInput) as scalar:
        calculate("1000", decided_on=IN_2024, on=IN_2024 + timedelta(days=300), group="I")
    assert scalar.value.code == err.code


def test_the_one_off_regime_refusal_with_one_decision_day_for_all() -> None:
    err = _refused(BatchInputError, lambda: one_off(np.array([5, 6]), decided_on=OCT_2025))
    assert (err.column, err.row, err.value, err.code) == ("decided_on", 0, "2025-10-01", "input.one_off_regime")
    assert err.params["paragraph"] == "serviceloven § 100, jf. § 9 i bekendtgørelse nr. 931 af 19. juni 2020"


def test_the_one_off_regime_refusal_cites_the_rule_of_the_day_before_the_new_rules() -> None:
    book = book_with({"national/engangs.toml": """
[[rate]]
key = "hjemmel.sel100.engangs"
unit = "citation"
value = "test: the citation from the day of the new rules"
valid_from = 2025-09-01
status = "derived"
source = "test: a citation that changes with the rules"
"""})
    err = _refused(BatchInputError, lambda: one_off(np.array([5]), decided_on=OCT_2025, rates=book))
    assert err.params["paragraph"] == "serviceloven § 100, jf. § 9 i bekendtgørelse nr. 931 af 19. juni 2020"
    with pytest.raises(InvalidInput) as scalar:
        scalar_one_off("0.05", decided_on=OCT_2025, rates=book)
    assert err.params == scalar.value.params


def test_a_projected_group_i_amount_or_threshold_alone_flags_the_rows_that_meet_the_minimum() -> None:
    rows = [_row(55400, MAR_2026, listed=0), _row(60000, MAR_2026, listed=0)]
    for published in ("sel100.komp_group1", "sel100.komp_group2_threshold"):
        book = _book("sel100.komp_minimum", published, "sel100.komp_group2_supplement")
        result = _run(rows, rates=book, project=True)
        assert _table(result) == [_expected(r, book, True) for r in rows]
        assert result.projected.tolist() == [False, True]
