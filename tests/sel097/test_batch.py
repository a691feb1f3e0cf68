"""The § 97 bank kernel equals the scalar bank to the minute, person by person and month by month.

Both orders of use (Lejre/national ``oldest_first``, Lemvig ``current_month_then_newest_saved``), persons who
start in different months, deductions that change, and a second rate book in which the cap binds and one
municipality saves for only 3 months (so the banks of one batch have different saving periods).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from socialcalc.batch import InsufficientBatchHours, bank
from socialcalc.batch.sel097 import CURRENT_MONTH_THEN_NEWEST_SAVED, OLDEST_FIRST
from socialcalc.ledsageordning import Bank, InsufficientHours
from socialcalc.months import Month
from socialcalc.ratebook import RateBook, default_book
from socialcalc.testing import book_with

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIRST = Month(2024, 1)

_TIGHT = """\
[[rate]]
key = "sel097.max_hours"
unit = "hours"
value = 40
valid_from = 2012-01-01
status = "official"
source = "test overlay: a cap that binds"
"""
_KORTBY = """\
[[rate]]
key = "sel097.saving_months"
unit = "months"
value = 3
valid_from = 2012-01-01
status = "official"
source = "test overlay: a municipality that saves for 3 months"

[[rate]]
key = "sel097.order_of_use"
unit = "policy"
value = "current_month_then_newest_saved"
valid_from = 2012-01-01
status = "official"
source = "test overlay"
"""


@functools.cache
def tight_book() -> RateBook:
    """The packaged book with a 40-hour cap, and ``kortby``: 3 months' saving, newest hours first."""
    return book_with({"national/tight.toml": _TIGHT, "kommuner/kortby/policy.toml": _KORTBY})


@st.composite
def caseloads(draw: st.DrawFn, tight: bool) -> dict[str, Any]:
    """Persons with a start, a kommune, deductions, and use drawn from what the scalar bank has available."""
    book = tight_book() if tight else default_book()
    n, m = draw(st.integers(1, 5)), draw(st.integers(1, 14))
    places = [None, "lejre", "lemvig", *(["kortby"] if tight else [])]
    persons = []
    for _ in range(n):
        start = draw(st.integers(0, min(3, m - 1)))
        kommune = draw(st.sampled_from(places))
        base = draw(st.sampled_from([0, 0, 300, 900, 1000]))
        deduction = [base] * m
        if draw(st.booleans()):
            change = draw(st.integers(start, m - 1))
            deduction[change:] = [draw(st.sampled_from([0, 120, 600]))] * (m - change)
        scalar = Bank.open(FIRST + start, kommune=kommune, rates=book).set_deduction(FIRST + start,
                                                                                    minutes=deduction[start])
        for t in range(start + 1, m):
            if deduction[t] != deduction[t - 1]:
                scalar = scalar.set_deduction(FIRST + t, minutes=deduction[t])
        used = [0] * m
        for t in range(start, m):
            available = scalar.balance_minutes(FIRST + t)
            over = draw(st.integers(0, 99)) == 57  # rare (hypothesis favours the ends of a range)
            need = available + draw(st.integers(1, 60)) if over else draw(st.one_of(
                st.just(0), st.just(available), st.integers(0, available)))
            used[t] = need
            if over:
                break
            if need:
                scalar = scalar.use(FIRST + t, minutes=need)
        persons.append({"start": start, "kommune": kommune, "deduction": deduction, "used": used})
    return {"book": book, "months": m, "persons": persons}


def _expected(case: dict[str, Any], person: dict[str, Any]) -> tuple[Bank | None, tuple[int, int] | None]:
    """The scalar bank after all uses, or the (month, person-independent) failure."""
    book = case["book"]
    start = person["start"]
    scalar = Bank.open(FIRST + start, kommune=person["kommune"], rates=book).set_deduction(
        FIRST + start, minutes=person["deduction"][start])
    for t in range(start + 1, case["months"]):
        if person["deduction"][t] != person["deduction"][t - 1]:
            scalar = scalar.set_deduction(FIRST + t, minutes=person["deduction"][t])
    for t in range(start, case["months"]):
        if person["used"][t]:
            try:
                scalar = scalar.use(FIRST + t, minutes=person["used"][t])
            except InsufficientHours as err:
                return None, (t, err.available_minutes)
    return scalar, None


def _run(case: dict[str, Any]) -> Any:
    persons = case["persons"]
    return bank(np.array([p["used"] for p in persons], dtype=np.int64), months=str(FIRST),
                start=np.array([str(FIRST + p["start"]) for p in persons], dtype="datetime64[M]"),
                deduction_minutes=np.array([p["deduction"] for p in persons], dtype=np.int64),
                kommune=np.array([p["kommune"] for p in persons], dtype=object), rates=case["book"])


def _check(case: dict[str, Any]) -> None:
    outcomes = [_expected(case, p) for p in case["persons"]]
    failures = [(fail[0], i, fail[1]) for i, (_, fail) in enumerate(outcomes) if fail is not None]
    if failures:
        event("a use is larger than the balance")
        month, row, available = min(failures)
        with pytest.raises(InsufficientBatchHours) as caught:
            _run(case)
        err = caught.value
        assert (err.row, err.month, err.available_minutes) == (row, FIRST + month, available)
        return
    event("every bank computed")
    result = _run(case)
    orders = {"oldest_first": OLDEST_FIRST, "current_month_then_newest_saved": CURRENT_MONTH_THEN_NEWEST_SAVED}
    for i, (scalar, _) in enumerate(outcomes):
        assert scalar is not None
        start = case["persons"][i]["start"]
        assert result.closing[i, :start].tolist() == [0] * start
        for t, statement in enumerate(scalar.statements(FIRST + case["months"] - 1), start):
            got = (result.lapsed[i, t], result.granted[i, t], result.lost_to_cap[i, t], result.used[i, t],
                   result.closing[i, t], result.order_of_use[i, t])
            assert tuple(int(v) for v in got) == (
                statement.lapsed_minutes, statement.granted_minutes, statement.lost_to_cap_minutes,
                statement.used_minutes, statement.closing_minutes, orders[statement.order_of_use.value])
        last = FIRST + case["months"] - 1
        lots = {lot.granted_in: lot.minutes for lot in scalar.statement(last).closing_by_grant}
        assert {last - age: int(v) for age, v in enumerate(result.closing_lots[i]) if v} == lots


@SETTINGS
@given(caseloads(tight=False))
def test_batch_bank_equals_scalar_bank(case: dict[str, Any]) -> None:
    _check(case)


@SETTINGS
@given(caseloads(tight=True))
def test_batch_bank_equals_scalar_bank_with_a_binding_cap_and_mixed_saving_periods(case: dict[str, Any]) -> None:
    _check(case)


def test_the_tight_book_really_binds_and_mixes() -> None:
    """The second book does what its tests rely on: the cap binds, and kortby saves 3 months, newest first."""
    result = bank(np.zeros((2, 8), dtype=np.int64), months="2024-01", kommune=np.array([None, "kortby"]),
                  rates=tight_book())
    assert int(result.lost_to_cap[0].sum()) > 0
    assert result.lapsed[1].tolist()[:4] == [0, 0, 0, 900]
    assert set(result.order_of_use[1].tolist()) == {CURRENT_MONTH_THEN_NEWEST_SAVED}
