"""Tests that kill the mutants of ``hastig_sygdom/batch.py``: the SEL § 117a batch kernel against the one-case Budget.

Deterministic (no hypothesis): accounts with integer and text ids, interleaved bookings, a booking refused for
want of budget and later ones still tried, a budget used to the øre, several decision years and municipalities
and a projected year; every row compared with :class:`~socialcalc.hastig_sygdom.Budget` (booked or refused,
what is left, the total, ``ordinary_rules_apply``, ``projected``, the position), every ``AccountRates`` with
the account the one-case path opens, the dtype and shape of every column. Every refusal is pinned by class,
column, row, code and parameters, in the order of checks of ``Budget.book``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from socialcalc.batch.columns import BatchInputError, BatchRateNotPublished
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.explain import dato
from socialcalc.hastig_sygdom import Budget, BudgetExceeded
from socialcalc.hastig_sygdom.batch import AccountRates, BudgetBatch, budgets
from socialcalc.ratebook import default_book

# (account, decided_on, paragraph, day, øre, kommune)
ROWS: list[tuple[Any, date, int, date, int, str | None]] = [
    (7, date(2024, 3, 10), 112, date(2024, 3, 20), 1850000, "lemvig"),
    (3, date(2023, 10, 1), 83, date(2023, 10, 1), 3975000, None),
    (7, date(2024, 3, 10), 116, date(2024, 4, 2), 900000, "lemvig"),
    (5, date(2024, 3, 10), 97, date(2024, 3, 10), 100, None),
    (7, date(2024, 3, 10), 97, date(2024, 5, 1), 1500000, "lemvig"),  # over what is left: refused
    (3, date(2023, 10, 1), 83, date(2023, 11, 1), 1, None),  # nothing left: refused
    (7, date(2024, 3, 10), 83, date(2024, 6, 1), 1352200, "lemvig"),  # all that is left: booked
    (9, date(2025, 2, 1), 112, date(2025, 2, 3), 4249900, "lejre"),
    (5, date(2024, 3, 10), 116, date(2024, 12, 31), 4102100, None),
    (5, date(2024, 3, 10), 116, date(2025, 1, 2), 1, None),
    (11, date(2023, 6, 1), 97, date(2023, 6, 1), 3975001, None),  # more than the whole budget: refused
    (11, date(2023, 6, 1), 97, date(2023, 6, 2), 3974999, None),
]


def _columns(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    return {"account": np.array([r[0] for r in rows]), "decided_on": [r[1] for r in rows],
            "paragraph": np.array([r[2] for r in rows]), "day": [r[3] for r in rows],
            "amount_ore": np.array([r[4] for r in rows], dtype=np.int64), "kommune": [r[5] for r in rows]}


def _one_case(rows: list[tuple[Any, ...]], project: Any = False) -> list[dict[str, Any]]:
    """Each row as the one-case Budget books it: the account after the row, whether it was booked, its place."""
    accounts: dict[Any, Budget] = {}
    seen: dict[Any, int] = {}
    out = []
    for account, decided, paragraph, day, ore, kommune in rows:
        b = accounts.get(account) or Budget.open(decided, kommune=kommune, project=project)
        try:
            b = b.book(paragraph, Decimal(ore).scaleb(-2), on=day)
            fits = True
        except BudgetExceeded:
            fits = False
        accounts[account] = b
        out.append({"fits": fits, "remaining_ore": int(b.remaining * 100), "total_ore": int(b.total * 100),
                    "ordinary_rules_apply": b.ordinary_rules_apply, "projected": b.projected,
                    "position": seen.get(account, 0), "budget": b})
        seen[account] = seen.get(account, 0) + 1
    return out


def _check(result: BudgetBatch, rows: list[tuple[Any, ...]], project: Any = False) -> None:
    n = len(rows)
    for name, dtype in (("fits", np.bool_), ("remaining_ore", np.int64), ("total_ore", np.int64),
                        ("position", np.int64), ("ordinary_rules_apply", np.bool_), ("projected", np.bool_),
                        ("rate_index", np.int64)):
        column = getattr(result, name)
        assert isinstance(column, np.ndarray) and column.dtype == np.dtype(dtype), name
        assert column.shape == (n,), name
    expected = _one_case(rows, project)
    for i, e in enumerate(expected):
        got = {name: getattr(result, name)[i].item() for name in ("fits", "remaining_ore", "total_ore",
                                                                 "ordinary_rules_apply", "projected", "position")}
        assert got == {k: v for k, v in e.items() if k != "budget"}, i
        rates = result.rates[int(result.rate_index[i])]
        b = e["budget"]
        assert isinstance(rates, AccountRates)
        assert rates == AccountRates(int(b.total * 100), b.projected, b.kommune, b.rates_used, b.citations), i
    # one entry per distinct (decision day, kommune), in the order first met
    keys = list(dict.fromkeys((r[1], r[5]) for r in rows))
    assert len(result.rates) == len(keys)
    assert [keys.index((r[1], r[5])) for r in rows] == result.rate_index.tolist()


def test_every_row_equals_the_one_case_budget() -> None:
    result = budgets(**_columns(ROWS))
    _check(result, ROWS)
    assert result.fits.tolist().count(False) == 4
    assert result.ordinary_rules_apply.tolist()[6] is True


def test_text_ids_one_kommune_for_all_and_one_day_for_all() -> None:
    rows = [("b", date(2024, 3, 10), 112, date(2024, 3, 20), 4000000, "lejre"),
            ("a", date(2024, 3, 10), 116, date(2024, 3, 21), 200000, "lejre"),
            ("b", date(2024, 3, 10), 97, date(2024, 3, 22), 200000, "lejre"),
            ("b", date(2024, 3, 10), 97, date(2024, 3, 23), 102200, "lejre")]
    columns = _columns(rows)
    result = budgets(columns["account"], date(2024, 3, 10), columns["paragraph"], columns["day"],
                     columns["amount_ore"], kommune="lejre")
    _check(result, rows)
    assert result.remaining_ore.tolist() == [102200, 3902200, 102200, 0]
    # the national rates for all: one entry
    result = budgets(columns["account"], np.array([date(2024, 3, 10)] * 4, dtype="datetime64[D]"),
                     columns["paragraph"], np.array(columns["day"], dtype="datetime64[D]"), columns["amount_ore"])
    _check(result, [(*r[:5], None) for r in rows])


def test_a_projected_budget() -> None:
    rows = [(1, date(2026, 2, 1), 112, date(2026, 2, 1), 100000, None),
            (2, date(2024, 3, 10), 112, date(2026, 2, 1), 100000, None)]
    for project in (True, Decimal("2.5")):
        result = budgets(**_columns(rows), project=project)
        _check(result, rows, project)
        assert result.projected.tolist() == [True, False]
        assert result.rates[0].projected is True and result.rates[1].projected is False


def test_no_rows() -> None:
    result = budgets(np.array([], dtype=np.int64), np.array([], dtype="datetime64[D]"), np.array([], np.int64),
                     np.array([], dtype="datetime64[D]"), np.array([], np.int64))
    assert (result.fits.shape, result.rates, result.rate_index.shape) == ((0,), (), (0,))
    assert result.ordinary_rules_apply.dtype == np.bool_


# -- refusals, in the order Budget.book checks ---------------------------------------------------------------------


def _refused(kind: type[Exception], rows: list[tuple[Any, ...]], **extra: Any) -> Any:
    columns = _columns(rows)
    columns.update(extra)
    with pytest.raises(kind) as caught:
        budgets(**columns)
    return caught.value


GOOD = (1, date(2024, 3, 10), 112, date(2024, 3, 20), 100, None)


def test_a_paragraph_outside_117a() -> None:
    for paragraph, why in ((113, True), (100, False), (0, False)):
        bad = (2, *GOOD[1:2], paragraph, *GOOD[3:])
        err = _refused(BatchInputError, [GOOD, bad, (3, *GOOD[1:2], 99, *GOOD[3:])])
        with pytest.raises(InvalidInput) as scalar:
            Budget.open(GOOD[1]).book(paragraph, "1.00", on=GOOD[3])
        assert (err.column, err.row, err.value, err.code) == ("paragraph", 1, paragraph, "input.paragraph_117a")
        assert err.params == {"why": why} and err.code == scalar.value.code
        assert err.rule == scalar.value.rule


def test_an_amount_not_positive() -> None:
    err = _refused(BatchInputError, [GOOD, (*GOOD[:4], 0, None), (*GOOD[:4], 0, None)])
    assert (err.column, err.row, err.value, err.code) == ("amount_ore", 1, 0, "input.booking_not_positive")
    err = _refused(BatchInputError, [GOOD, (*GOOD[:4], -5, None)])  # refused as a column, before the rules
    assert (err.column, err.row, err.code) == ("amount_ore", 1, "input.negative")
    # the paragraph is checked first, on any row
    err = _refused(BatchInputError, [(*GOOD[:4], 0, None), (1, GOOD[1], 113, GOOD[3], 5, None)])
    assert (err.column, err.row) == ("paragraph", 1)


def test_a_booking_before_the_decision() -> None:
    early = (*GOOD[:3], date(2024, 3, 9), 100, None)
    err = _refused(BatchInputError, [GOOD, early, early])
    with pytest.raises(InvalidInput) as scalar:
        Budget.open(GOOD[1]).book(112, "1.00", on=date(2024, 3, 9))
    assert (err.column, err.row, err.value, err.code) == ("date", 1, "2024-03-09", "input.booking_before_decision")
    assert err.params == {"decided": "2024-03-10"} and err.code == scalar.value.code
    # on the decision day itself: booked
    assert budgets(**_columns([(*GOOD[:3], GOOD[1], 100, None)])).fits.tolist() == [True]
    # the amount is checked first
    err = _refused(BatchInputError, [early, (*GOOD[:4], 0, None)])
    assert (err.column, err.row) == ("amount_ore", 1)


def test_two_decisions_for_one_account() -> None:
    rows = [GOOD, (2, date(2024, 5, 1), 112, date(2024, 5, 2), 100, None),
            (1, date(2024, 2, 1), 112, date(2024, 3, 20), 100, None), (1, date(2024, 4, 1), 112, date(2024, 4, 2), 1,
                                                                       None)]
    err = _refused(BatchInputError, rows)
    assert (err.column, err.row, err.value, err.code) == ("decided_on", 2, "2024-02-01", "input.second_account")
    assert err.params == {"when": dato(date(2024, 3, 10))}
    # the first decision of the account is the one kept, whichever is earlier
    err = _refused(BatchInputError, [rows[2], rows[0]])
    assert (err.row, err.value, err.params) == (1, "2024-03-10", {"when": dato(date(2024, 2, 1))})


def test_a_decision_before_117a_took_effect() -> None:
    in_force = default_book().latest("sel117a.in_force")
    rows = [GOOD, (2, date(2023, 5, 31), 112, date(2023, 6, 1), 100, None),
            (3, date(2023, 1, 1), 112, date(2023, 6, 1), 100, None)]
    err = _refused(BatchInputError, rows)
    with pytest.raises(InvalidInput) as scalar:
        Budget.open(date(2023, 5, 31))
    assert (err.column, err.row, err.value, err.code) == ("decided_on", 1, "2023-05-31", "input.before_117a")
    assert err.params == {"in_force": in_force.value, "source": in_force.source} == scalar.value.params
    # the day itself
    assert budgets(**_columns([(2, date(2023, 6, 1), 112, date(2023, 6, 1), 100, None)])).fits.tolist() == [True]


def test_a_budget_not_published() -> None:
    rows = [GOOD, (2, date(2026, 2, 1), 112, date(2026, 2, 1), 100, None),
            (3, date(2026, 3, 1), 112, date(2026, 3, 1), 100, None)]
    err = _refused(BatchRateNotPublished, rows)
    with pytest.raises(RateNotPublished) as scalar:
        Budget.open(date(2026, 2, 1))
    assert (err.column, err.row, err.key, err.day) == ("decided_on", 1, scalar.value.key, scalar.value.day)
    assert str(err) == f"decided_on[1]: {scalar.value}"
    assert isinstance(err.__cause__, RateNotPublished)


def test_bad_columns() -> None:
    err = _refused(BatchInputError, [GOOD, GOOD], paragraph=np.array([112, 112, 112]))
    assert (err.column, err.row, err.value, err.code, err.params) == ("paragraph", 0, 3, "batch.rows", {"rows": 2})
    err = _refused(BatchInputError, [GOOD, GOOD], amount_ore=np.array([1]))
    assert (err.column, err.row, err.value, err.code) == ("paragraph", 0, 2, "batch.rows")
    err = _refused(BatchInputError, [GOOD, GOOD], kommune=["lejre"])
    assert (err.column, err.row, err.value, err.code, err.params) == ("kommune", 0, 1, "batch.rows", {"rows": 2})
    err = _refused(BatchInputError, [GOOD, GOOD], day=[GOOD[3], None])
    assert (err.column, err.row, err.value, err.code) == ("date", 1, "NaT", "input.date")
    err = _refused(BatchInputError, [GOOD, GOOD], decided_on=np.array(["2024-03-10", "NaT"], dtype="datetime64[D]"))
    assert (err.column, err.row, err.value, err.code) == ("decided_on", 1, "NaT", "input.date")
    err = _refused(BatchInputError, [GOOD, GOOD], day=["2024-03-20", "not a day"])
    assert (err.column, err.row, err.value, err.code) == ("date", 0, "?", "input.date")
    err = _refused(BatchInputError, [GOOD, GOOD], decided_on=[object(), object()])
    assert (err.column, err.row, err.value, err.code) == ("decided_on", 0, "?", "input.date")
    err = _refused(BatchInputError, [GOOD, GOOD], amount_ore=np.array([1.5, 2.0]))
    assert err.column == "amount_ore"


def test_a_paragraph_that_is_not_a_whole_number_is_refused() -> None:
    # 83.7 was read as § 83 and "83" as 83 before: a silent wrong paragraph
    for bad in (np.array([112, 83.7]), np.array(["112", "83"]), np.array([112.0, 83.0])):
        err = _refused(BatchInputError, [GOOD, GOOD], paragraph=bad)
        assert (err.column, err.row, err.value, err.code) == ("paragraph", 0, str(bad.dtype), "batch.int_column")
        assert err.params["unit_da"] == "paragrafnumre"
        assert "paragrafnumre skal indeholde heltal" in err.message("da")
    # a list of whole numbers is read as int64
    columns = _columns([GOOD, GOOD])
    columns["paragraph"] = [112, 116]
    assert budgets(**columns).fits.tolist() == [True, True]


def test_a_table_of_ids_is_refused() -> None:
    columns = _columns([GOOD, GOOD])
    columns["account"] = np.array([[1, 2]])
    with pytest.raises(BatchInputError) as caught:
        budgets(**columns)
    err = caught.value
    assert (err.column, err.row, err.value, err.code, err.params) == (
        "account", 0, "shape (1, 2)", "batch.shape", {"expected": "(n,)"})


def test_no_rows_keep_every_dtype() -> None:
    result = budgets(np.array([], dtype=np.int64), np.array([], dtype="datetime64[D]"), np.array([], np.int64),
                     np.array([], dtype="datetime64[D]"), np.array([], np.int64))
    _check(result, [])


def test_account_codes_pinned() -> None:
    """Rows of equal ids share a code: sorted for ids of one kind, in order of first appearance for mixed kinds;
    a missing id (None, NaN, a Decimal NaN of either kind) and an id that is not one value are refused at their
    row (found by fuzzing the kernels: numpy's sort raised TypeError or decimal.InvalidOperation)."""
    from socialcalc.hastig_sygdom.batch import account_codes

    def codes(ids: list[Any], dtype: Any = object) -> list[int]:
        result = account_codes(np.array(ids, dtype=dtype))
        assert result.dtype == np.int64 and result.shape == (len(ids),)
        return [int(c) for c in result.tolist()]

    assert codes([7, 3, 7, 5], np.int64) == [2, 0, 2, 1]
    assert codes(["b", "a", "b"]) == [1, 0, 1]
    assert codes([1, "a", 1, "b", "a"]) == [0, 1, 0, 2, 1]
    assert codes([Decimal("2"), "a", Decimal("2")]) == [0, 1, 0]
    assert codes([2.0, 1.0, 2.0], np.float64) == [1, 0, 1]
    assert codes([], np.int64) == []
    for ids, row in (([1, None], 1), ([1.0, float("nan")], 1), ([Decimal("NaN"), 1], 0), ([2, Decimal("sNaN")], 1)):
        with pytest.raises(BatchInputError) as caught:
            account_codes(np.array(ids, dtype=np.float64 if all(isinstance(v, float) for v in ids) else object))
        assert (caught.value.code, caught.value.column, caught.value.row, caught.value.value) == \
            ("batch.value_missing", "account", row, "NA")
        assert caught.value.params == {"missing": "NA"}
    ids = np.empty(3, dtype=object)
    ids[:] = [1, "a", [2]]
    with pytest.raises(BatchInputError) as caught:
        account_codes(ids)
    assert (caught.value.code, caught.value.column, caught.value.row, caught.value.value) == \
        ("batch.not_one_value", "account", 2, "[2]")


def test_booking_days_pinned() -> None:
    """A day for every row (a date or a ``datetime64``), one day broadcast to all rows, or refused: another
    length (``batch.rows``), NaT at its row, and what is no day at all (``input.date``)."""
    from socialcalc.hastig_sygdom.batch import _days

    assert _days(np.array(["2024-03-20", "2024-03-21"], dtype="M8[D]"), "date", 2).tolist() == [19802, 19803]
    assert _days(date(2024, 3, 20), "date", 3).tolist() == [19802] * 3
    assert _days(np.array(["2024-03-20"], dtype="M8[s]"), "date", 1).dtype == np.int64
    with pytest.raises(BatchInputError) as caught:
        _days(np.array(["2024-03-20"] * 2, dtype="M8[D]"), "date", 3)
    assert (caught.value.code, caught.value.column, caught.value.row, caught.value.value, caught.value.params) == \
        ("batch.rows", "date", 0, "form (2,)", {"rows": 3})
    with pytest.raises(BatchInputError) as caught:
        _days(np.array(["2024-03-20", "NaT"], dtype="M8[D]"), "date", 2)
    assert (caught.value.code, caught.value.row, caught.value.value) == ("input.date", 1, "NaT")
    for nonsense in (np.array([2**70], dtype=object), "nej", object()):
        with pytest.raises(BatchInputError) as caught:
            _days(nonsense, "date", 1)
        assert (caught.value.code, caught.value.column, caught.value.row, caught.value.value) == \
            ("input.date", "date", 0, "?")
