"""Tests that kill the mutants of ``ledsageordning/batch.py``: the SEL § 97 hour-bank kernel against the scalar bank.

Deterministic (no hypothesis): fixed persons with both orders of use, saving periods of 6 and 3 months in one
batch (a ring wider than some persons' period), a binding cap, deductions (one for all, one per person, one per
person and month, larger than the grant), persons who start later, uses of all of the balance, and every
month's lots (``lots=True``); each person compared month by month and lot by lot with
:class:`~socialcalc.ledsageordning.Bank`, and the dtype and shape of every array. Every refusal is pinned by
class, column, row, code and parameters, and the first bad person or month wins (also across chunks).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

import numpy as np
import pytest

from socialcalc.batch.columns import BatchInputError, BatchRateNotPublished
from socialcalc.errors import RateError, RateNotPublished, UnknownRate
from socialcalc.ledsageordning import Bank, InsufficientHours
from socialcalc.ledsageordning import batch as kernel
from socialcalc.ledsageordning.batch import (
    CURRENT_MONTH_THEN_NEWEST_SAVED,
    OLDEST_FIRST,
    BankBatch,
    InsufficientBatchHours,
    bank,
    month_column,
)
from socialcalc.ledsageordning.tid import month_params, varighed
from socialcalc.months import Month
from socialcalc.ratebook import RateBook, default_book
from socialcalc.testing import book_with

FIRST = Month(2024, 1)
_ORDERS = {"oldest_first": OLDEST_FIRST, "current_month_then_newest_saved": CURRENT_MONTH_THEN_NEWEST_SAVED}

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
_LATER = """\
[[rate]]
key = "sel097.max_hours"
unit = "hours"
value = 60
valid_from = 2012-01-01
status = "official"
source = "test overlay: a cap that binds for a 6-month saving period"

[[rate]]
key = "sel097.hours_per_month"
unit = "hours/month"
value = 20
valid_from = 2024-03-01
status = "official"
source = "test overlay: more hours from March 2024"
"""


@functools.cache
def _book() -> RateBook:
    """The packaged book with ``kortby`` (3 months' saving, newest hours first), a 60-hour cap (it binds for 6
    months' saving, not for 3) and 20 hours a month from March 2024 (so the rules change within a batch)."""
    return book_with({"kommuner/kortby/policy.toml": _KORTBY, "national/later.toml": _LATER})


ALL = -1
"""A wished use of the whole balance."""


def _person(start: int, kommune: str | None, wished: dict[int, int], deduction: dict[int, int] | None = None,
            ) -> dict[str, Any]:
    """A person whose use of each month is the wished minutes, cut to what the scalar bank has available (so no
    use is refused; :data:`ALL`: all of it); months are counted from :data:`FIRST`, over :data:`M` months."""
    p = {"start": start, "kommune": kommune, "used": {}, "deduction": deduction or {start: 0}}
    deduction_of = _deductions(p, M)
    b = Bank.open(FIRST + start, kommune=kommune, rates=_book()).set_deduction(FIRST + start,
                                                                             minutes=deduction_of[start])
    for t in range(start, M):
        if t > start and deduction_of[t] != deduction_of[t - 1]:
            b = b.set_deduction(FIRST + t, minutes=deduction_of[t])
        if t in wished:
            available = b.balance_minutes(FIRST + t)
            need = available if wished[t] == ALL else min(wished[t], available)
            if need:
                b = b.use(FIRST + t, minutes=need)
                p["used"][t] = need
    return p


def _scalar(p: dict[str, Any], m: int, book: RateBook) -> Bank:
    deduction = _deductions(p, m)
    b = Bank.open(FIRST + p["start"], kommune=p["kommune"], rates=book).set_deduction(
        FIRST + p["start"], minutes=deduction[p["start"]])
    for t in range(p["start"] + 1, m):
        if deduction[t] != deduction[t - 1]:
            b = b.set_deduction(FIRST + t, minutes=deduction[t])
    for t in range(p["start"], m):
        if p["used"].get(t):
            b = b.use(FIRST + t, minutes=p["used"][t])
    return b


def _deductions(p: dict[str, Any], m: int) -> list[int]:
    out, current = [], 0
    for t in range(m):
        current = p["deduction"].get(t, current)
        out.append(current)
    return out


def _used(persons: list[dict[str, Any]], m: int) -> np.ndarray:
    return np.array([[p["used"].get(t, 0) for t in range(m)] for p in persons], dtype=np.int64)


def _check(result: BankBatch, persons: list[dict[str, Any]], m: int, book: RateBook, *, lots: bool) -> None:
    """Every person's every month, and every lot, equal to the scalar bank; dtypes and shapes."""
    n = len(persons)
    assert len(result) == n
    assert result.months == tuple(FIRST + t for t in range(m))
    for name in ("lapsed", "granted", "lost_to_cap", "used", "closing", "order_of_use"):
        assert getattr(result, name).shape == (n, m), name
    assert result.order_of_use.dtype == np.int8
    for name in ("lapsed", "granted", "lost_to_cap", "closing", "closing_lots"):
        assert getattr(result, name).dtype == np.int32, name
    width = result.closing_lots.shape[1]
    assert result.closing_lots.shape == (n, width)
    if lots:
        for name in ("lapsed_lots", "used_lots", "month_lots"):
            assert getattr(result, name).shape == (n, m, width + 1), name
            assert getattr(result, name).dtype == np.int32, name
    else:
        assert (result.lapsed_lots, result.used_lots, result.month_lots) == (None, None, None)
    for i, p in enumerate(persons):
        b = _scalar(p, m, book)
        start = p["start"]
        for name in ("lapsed", "granted", "lost_to_cap", "closing"):  # (the order of use is the policy's)
            assert getattr(result, name)[i, :start].tolist() == [0] * start, (name, i)
        if lots:
            for name in ("lapsed_lots", "used_lots", "month_lots"):
                assert not getattr(result, name)[i, :start].any(), (name, i)
        for t, st in enumerate(b.statements(FIRST + m - 1), start):
            got = tuple(int(getattr(result, name)[i, t]) for name in ("lapsed", "granted", "lost_to_cap", "used",
                                                                     "closing", "order_of_use"))
            assert got == (st.lapsed_minutes, st.granted_minutes, st.lost_to_cap_minutes, st.used_minutes,
                           st.closing_minutes, _ORDERS[st.order_of_use.value]), (i, t)
            if lots:
                month = FIRST + t
                for name, parts in (("lapsed_lots", st.lapsed_from), ("used_lots", st.used_from),
                                    ("month_lots", st.closing_by_grant)):
                    expected = [0] * (width + 1)
                    for lot in parts:
                        expected[month - lot.granted_in] += lot.minutes
                    assert getattr(result, name)[i, t].tolist() == expected, (name, i, t)
        last = FIRST + m - 1
        by_age = [0] * width
        for lot in b.statement(last).closing_by_grant:
            by_age[last - lot.granted_in] = lot.minutes
        assert result.closing_lots[i].tolist() == by_age, i


M = 11
PERSONS = [
    # Lejre/national: oldest first, 6 months; a use of the whole balance; a later start
    _person(0, None, {2: 1800, 7: 600, 9: ALL}),
    _person(0, "lejre", {0: ALL, 1: 300, 4: 2000}, {0: 300, 3: 1000, 6: 0}),
    # Lemvig: this month's hours, then the newest saved
    _person(2, "lemvig", {3: 1000, 5: 100, 8: ALL}),
    _person(0, "lemvig", {1: 500, 2: 1000, 6: 700}),
    # kortby: 3 months, newest first
    _person(0, "kortby", {1: 200, 4: 1300, 8: ALL}),
    _person(1, "kortby", {}, {1: 1200}),
    _person(3, None, {3: 900, 4: 1000}, {3: 2000, 5: 60}),
    _person(0, "lemvig", {}),
]


@pytest.mark.parametrize("lots", [False, True])
def test_every_person_equals_the_scalar_bank(lots: bool) -> None:
    book = _book()
    used = _used(PERSONS, M)
    deduction = np.array([_deductions(p, M) for p in PERSONS], dtype=np.int64)
    result = bank(used, months=FIRST, start=np.array([str(FIRST + p["start"]) for p in PERSONS]),
                  deduction_minutes=deduction, kommune=np.array([p["kommune"] for p in PERSONS], dtype=object),
                  rates=book, lots=lots)
    _check(result, PERSONS, M, book, lots=lots)
    assert result.closing_lots.shape[1] == 6  # the widest saving period of the batch
    assert int(result.lost_to_cap.sum()) > 0 and int(result.lapsed.sum()) > 0
    assert result.used is used


@pytest.mark.parametrize("lots", [False, True])
def test_in_chunks_every_person_equals_the_scalar_bank(lots: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernel, "CHUNK", 3)
    test_every_person_equals_the_scalar_bank(lots)


def test_one_value_for_all_persons() -> None:
    """One start, one deduction, one municipality for every person (no columns)."""
    book = _book()
    for kommune in (None, "kortby", "lemvig"):
        persons = [_person(2, kommune, {2: 300, 5: 900}, {2: 120}), _person(2, kommune, {3: 1500, 6: ALL},
                                                                             {2: 120})]
        result = bank(_used(persons, 9), months="2024-01", start="2024-03", deduction_minutes=120, kommune=kommune,
                      rates=book, lots=True)
        _check(result, persons, 9, book, lots=True)
    # a deduction per person (one for all months)
    persons = [_person(0, "lejre", {1: 600}, {0: 300}), _person(0, "lejre", {1: 1200}, {0: 0})]
    result = bank(_used(persons, 4), months="2024-01", deduction_minutes=np.array([300, 0]), kommune="lejre",
                  rates=book)
    _check(result, persons, 4, book, lots=False)
    # the start a Month, the months a list of texts, the rules of one municipality for all
    persons = [_person(1, None, {1: 900, 2: ALL})]
    result = bank(_used(persons, 3), months=["2024-01", "2024-02", "2024-03"], start=Month(2024, 2), rates=book)
    _check(result, persons, 3, book, lots=False)


def test_months_as_a_datetime_column_and_as_month_objects() -> None:
    persons = [_person(0, None, {1: 600}), _person(0, "kortby", {2: 1800})]
    used, book = _used(persons, 4), _book()
    for months in (np.array(["2024-01", "2024-02", "2024-03", "2024-04"], dtype="datetime64[M]"),
                   np.array(["2024-01-05", "2024-02-29", "2024-03-01", "2024-04-30"], dtype="datetime64[D]"),
                   np.array([FIRST, FIRST + 1, FIRST + 2, FIRST + 3], dtype=object),
                   np.array(["2024-01", "2024-02", "2024-03", "2024-04"]), np.datetime64("2024-01")):
        result = bank(used, months=months, kommune=np.array([None, "kortby"], dtype=object), rates=book)
        _check(result, persons, 4, book, lots=False)


def test_minutes_beyond_int32_are_int64() -> None:
    big = 2**31
    for used, deduction in ((np.zeros((1, 2), np.int64), big), (np.zeros((1, 2), np.int64), np.array([big])),
                            (np.array([[0, 0]], np.int64), np.array([[0, big]]))):
        result = bank(used, months="2024-01", deduction_minutes=deduction, lots=True)
        for name in ("lapsed", "granted", "lost_to_cap", "closing", "closing_lots", "lapsed_lots", "used_lots",
                     "month_lots"):
            assert getattr(result, name).dtype == np.int64, name
    edge = bank(np.zeros((1, 2), np.int64), months="2024-01", deduction_minutes=2**31 - 1)
    assert edge.closing.dtype == np.int32
    assert edge.granted.tolist() == [[0, 0]]
    # a use beyond int32 is refused as a shortage (never wrapped round)
    with pytest.raises(InsufficientBatchHours) as caught:
        bank(np.array([[0, 2**32 + 900]], np.int64), months="2024-01")
    assert (caught.value.row, caught.value.asked_minutes, caught.value.available_minutes) == (0, 2**32 + 900, 1800)


def test_input_dtypes_kept_or_widened() -> None:
    for dtype in (np.int32, np.int64):
        used = np.array([[60, 0]], dtype=dtype)
        assert bank(used, months="2024-01").used is used
    small = np.array([[60, 0]], dtype=np.int16)
    result = bank(small, months="2024-01", deduction_minutes=np.array([[0, 30]], dtype=np.uint8))
    assert result.used.dtype == np.int64 and result.used.tolist() == [[60, 0]]
    assert result.granted.tolist() == [[900, 870]]
    assert np.int64(5) == kernel._minutes(np.int64(5), "x", (1, 1))


def test_no_persons_or_no_months() -> None:
    result = bank(np.zeros((0, 3), np.int64), months="2024-01", start=np.zeros(0, dtype="datetime64[M]"))
    assert (result.closing.shape, result.closing_lots.shape, len(result)) == ((0, 3), (0, 6), 0)
    result = bank(np.zeros((2, 0), np.int64), months=np.zeros(0, dtype="datetime64[M]"), lots=True)
    assert result.months == ()
    assert (result.closing.shape, result.closing_lots.tolist()) == ((2, 0), [[0], [0]])
    assert result.month_lots is not None and result.month_lots.shape == (2, 0, 2)


# -- refusals -----------------------------------------------------------------------------------------------------


def _refused(kind: type[Exception], call: Any) -> Any:
    with pytest.raises(kind) as caught:
        call()
    return caught.value


def test_a_shortage_names_the_first_month_then_the_first_person() -> None:
    used = np.zeros((4, 4), dtype=np.int64)
    used[0, 3] = 5000
    used[2, 1] = 1801
    used[3, 1] = 9000
    err = _refused(InsufficientBatchHours, lambda: bank(used, months="2024-01"))
    with pytest.raises(InsufficientHours) as scalar:
        Bank.open("2024-01").use("2024-02", minutes=1801)
    assert (err.column, err.row, err.value, err.month, err.asked_minutes, err.available_minutes) == (
        "used_minutes", 2, 1801, Month(2024, 2), 1801, 1800)
    assert err.code == scalar.value.code == "input.insufficient_hours"
    assert err.params == {"month": "2024-02", **month_params("month", Month(2024, 2)),
                          "available_da": varighed(1800), "available_en": "1800 minutes"}
    assert str(err).startswith("used_minutes[2] = 1801: der er kun 30 timer til rådighed i februar 2024")
    assert isinstance(err, BatchInputError)


def test_a_shortage_in_a_later_chunk_and_an_earlier_month(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernel, "CHUNK", 2)
    used = np.zeros((7, 5), dtype=np.int64)
    used[0, 4] = 9999  # chunk 0, month 4
    used[3, 2] = 9999  # chunk 1, month 2
    used[5, 1] = 9999  # chunk 2, month 1: the first month with a shortage
    used[6, 3] = 9999
    err = _refused(InsufficientBatchHours, lambda: bank(used, months="2024-01"))
    assert (err.row, err.month, err.available_minutes) == (5, Month(2024, 2), 1800)
    used[5, 1] = 0
    used[2, 2] = 9999  # chunk 1 again: two in one month, the first person
    err = _refused(InsufficientBatchHours, lambda: bank(used, months="2024-01"))
    assert (err.row, err.month) == (2, Month(2024, 3))
    used[4, 2] = 9999  # chunk 2, same month as chunk 1's: chunk 1's person comes first
    err = _refused(InsufficientBatchHours, lambda: bank(used, months="2024-01"))
    assert (err.row, err.month) == (2, Month(2024, 3))


def test_a_use_before_the_person_starts() -> None:
    used = np.array([[0, 0, 0], [0, 60, 0]], dtype=np.int64)
    for start in ("2024-03", np.array(["2024-01", "2024-03"], dtype="datetime64[M]")):
        err = _refused(BatchInputError, lambda start=start: bank(used, months="2024-01", start=start))
        assert (err.column, err.row, err.value, err.code) == ("used_minutes", 1, 60, "input.use_before_person_start")
        assert err.params == {"month": "2024-02", **month_params("month", Month(2024, 2))}
    # a use in the start month itself is fine
    ok = bank(used, months="2024-01", start="2024-02")
    assert ok.used[1, 1] == 60 and ok.granted[:, 0].tolist() == [0, 0]


def test_a_start_before_the_first_month() -> None:
    used = np.zeros((2, 3), dtype=np.int64)
    err = _refused(BatchInputError, lambda: bank(used, months="2024-02", start="2024-01"))
    assert (err.column, err.row, err.value, err.code) == ("start", 0, "2024-01", "batch.before_first_month")
    assert err.params == {"first_month": "2024-02"}
    err = _refused(BatchInputError, lambda: bank(used, months="2024-02",
                                                 start=np.array(["2024-02", "2023-12"], dtype="datetime64[M]")))
    assert (err.column, err.row, err.value, err.params) == ("start", 1, "2023-12", {"first_month": "2024-02"})
    # the first month itself, a column of it, is fine
    assert len(bank(used, months="2024-02", start=np.array(["2024-02", "2024-02"], dtype="datetime64[M]"))) == 2
    assert len(bank(used, months="2024-02", start="2024-02")) == 2


def test_bad_minutes_inputs() -> None:
    err = _refused(BatchInputError, lambda: bank(np.zeros(3, np.int64), months="2024-01"))
    assert (err.column, err.row, err.value, err.code) == ("used_minutes", 0, "(3,)", "batch.usage_shape")
    err = _refused(BatchInputError, lambda: bank(np.zeros((1, 2), np.float64), months="2024-01"))
    assert (err.column, err.row, err.value, err.code) == ("used_minutes", 0, "float64", "batch.minutes_dtype")
    err = _refused(BatchInputError, lambda: bank(np.array([[0, 5], [3, -2]]), months="2024-01"))
    assert (err.column, err.row, err.value, err.code) == ("used_minutes", 1, "-2 (måned 1)", "input.negative")
    err = _refused(BatchInputError, lambda: bank(np.zeros((2, 2), np.int64), months="2024-01",
                                                 deduction_minutes=np.array([0, -7])))
    assert (err.column, err.row, err.value, err.code) == ("deduction_minutes", 1, "-7", "input.negative")
    err = _refused(BatchInputError, lambda: bank(np.zeros((2, 2), np.int64), months="2024-01",
                                                 deduction_minutes=-1))
    assert (err.column, err.row, err.value, err.code) == ("deduction_minutes", 0, -1, "input.negative")
    err = _refused(BatchInputError, lambda: bank(np.zeros((2, 2), np.int64), months="2024-01",
                                                 deduction_minutes=np.zeros((2, 3), np.int64)))
    assert (err.column, err.row, err.value, err.code) == ("deduction_minutes", 0, "(2, 3)", "batch.shape")
    assert err.params == {"expected": "(2, 2) eller (2,)"}
    err = _refused(BatchInputError, lambda: bank(np.zeros((2, 2), np.int64), months="2024-01",
                                                 deduction_minutes=True))
    assert (err.column, err.code) == ("deduction_minutes", "batch.minutes_dtype")
    err = _refused(BatchInputError, lambda: bank(np.zeros((2, 2), np.int64), months="2024-01",
                                                 deduction_minutes=np.array([1.0, 2.0])))
    assert (err.column, err.value, err.code) == ("deduction_minutes", "float64", "batch.minutes_dtype")
    assert bank(np.zeros((1, 1), np.int64), months="2024-01", deduction_minutes=np.int16(0)).granted.tolist() == [[900]]


def test_bad_month_columns() -> None:
    used = np.zeros((2, 3), dtype=np.int64)
    err = _refused(BatchInputError, lambda: bank(used, months=np.array(["2024-01", "2024-03", "2024-02"],
                                                                       dtype="datetime64[M]")))
    assert (err.column, err.row, err.value, err.code) == ("months", 1, "2024-03", "batch.months_gap")
    assert err.params == {"expected": "2024-02"}
    err = _refused(BatchInputError, lambda: bank(used, months=["2024-01", "2024-02", "2024-04"]))
    assert (err.column, err.row, err.value, err.params) == ("months", 2, "2024-04", {"expected": "2024-03"})
    err = _refused(BatchInputError, lambda: bank(used, months=["2024-01", "2024-02"]))
    assert (err.column, err.row, err.value, err.code) == ("months", 0, "(2,)", "batch.month_column")
    assert err.params == {"count": 3}
    err = _refused(BatchInputError, lambda: bank(used, months="2024-01", start=np.array(["2024-01"] * 3)))
    assert (err.column, err.value, err.params) == ("start", "(3,)", {"count": 2})
    err = _refused(BatchInputError, lambda: month_column(np.zeros((1, 1), dtype="datetime64[M]"), "m"))
    assert (err.column, err.value, err.params) == ("m", "(1, 1)", {"count": "alle"})
    err = _refused(BatchInputError, lambda: bank(used, months=np.array(["2024-01", "NaT", "NaT"],
                                                                       dtype="datetime64[M]")))
    assert (err.column, err.row, err.value, err.code) == ("months", 1, "NaT", "batch.month_missing")
    assert err.params == {"missing": "NaT"}
    err = _refused(BatchInputError, lambda: bank(used, months=np.datetime64("NaT", "M")))
    assert (err.column, err.row, err.value, err.code, err.params) == ("months", 0, "NaT", "batch.month_missing",
                                                                     {"missing": "NaT"})
    # a bad text: the first bad row, also when an earlier row repeats a good text
    err = _refused(BatchInputError, lambda: bank(used, months="2024-01",
                                                 start=np.array(["2024-01", "2024-13"])))
    assert (err.column, err.row, err.value) == ("start", 1, "'2024-13'")
    err = _refused(BatchInputError, lambda: month_column(np.array(["2024-02", "2024-02", "x", "2024-1x", "x"]), "s"))
    assert (err.column, err.row, err.value) == ("s", 2, "'x'")
    err = _refused(BatchInputError, lambda: month_column(np.array(["2024-02", "2024-1x", "x", "x"]), "s"))
    assert (err.column, err.row, err.value) == ("s", 1, "'2024-1x'")
    err = _refused(BatchInputError, lambda: month_column(np.array([FIRST, "2024-02", 7, FIRST], dtype=object), "s"))
    assert (err.column, err.row) == ("s", 2)
    err = _refused(BatchInputError, lambda: month_column("2024-1x", "s"))
    assert (err.column, err.row, err.value) == ("s", 0, "'2024-1x'")


def test_month_columns() -> None:
    assert month_column(Month(2024, 3), "m") == month_column("2024-03", "m") == 2024 * 12 + 2
    assert month_column(np.datetime64("2024-03-31"), "m") == 2024 * 12 + 2
    texts = np.array(["2024-03", "2024-01", "2024-03", "2023-12"])
    assert month_column(texts, "m").tolist() == [24290, 24288, 24290, 24287]
    assert month_column(texts, "m", 4).dtype == np.int64
    objects = np.array(["2024-03", FIRST, "2024-03", FIRST, Month(2023, 12)], dtype=object)
    assert month_column(objects, "m").tolist() == [24290, 24288, 24290, 24288, 24287]


def test_missing_rules_are_refused_only_for_persons_who_have_started() -> None:
    used = np.zeros((2, 4), dtype=np.int64)
    # Nov 2011 and Dec 2011 have no § 97 rates; persons who start in 2012 are not refused
    result = bank(used, months="2011-11", start="2012-01")
    assert result.granted[:, 2:].tolist() == [[900, 900]] * 2 and result.granted[:, :2].tolist() == [[0, 0]] * 2
    err = _refused(BatchRateNotPublished, lambda: bank(used, months="2011-11",
                                                       start=np.array(["2012-01", "2011-12"], dtype="datetime64[M]")))
    with pytest.raises(RateNotPublished) as scalar:
        Bank.open("2011-12")
    assert (err.column, err.row, err.key, err.day) == ("months", 1, scalar.value.key, scalar.value.day)
    assert str(err) == f"months[1]: {scalar.value}"
    # two municipalities without rules in the same month: the first person (not the first municipality's)
    for kommune in (["lejre", None], [None, "lejre"]):
        err = _refused(BatchRateNotPublished, lambda kommune=kommune: bank(
            used, months="2011-11", kommune=np.array(kommune, dtype=object)))
        assert (err.column, err.row) == ("months", 0)
    err = _refused(BatchRateNotPublished, lambda: bank(used, months="2011-11",
                                                       start=np.array(["2012-01", "2011-11"], dtype="datetime64[M]"),
                                                       kommune=np.array([None, "lemvig"], dtype=object)))
    assert (err.column, err.row) == ("months", 1)
    # an unknown municipality: the first of its persons
    err = _refused(BatchInputError, lambda: bank(np.zeros((3, 2), np.int64), months="2024-01",
                                                 kommune=np.array(["lejre", "atlantis", "atlantis"], dtype=object)))
    assert (err.column, err.row, err.value) == ("kommune", 1, "")
    with pytest.raises(UnknownRate) as scalar_unknown:
        Bank.open("2024-01", kommune="atlantis")
    assert err.rule == str(scalar_unknown.value)


def test_a_rule_the_kernel_cannot_read_names_the_months() -> None:
    # a checked rate book cannot hold an unknown order of use, so the book is built by hand (as in
    # test_mutation_bank.py) with Lemvig's policy replaced
    book = default_book()
    entries = [dataclasses.replace(s.entry, value="newest_first")
               if (s.entry.key, s.entry.kommune) == ("sel097.order_of_use", "lemvig") else s.entry
               for spans in book._spans.values() for s in spans]
    hand = RateBook(book._keys, entries, [x for xs in book._expected.values() for x in xs], book._percents,
                    book.kommuner, indices=book._indices)
    err = _refused(BatchInputError, lambda: bank(np.zeros((3, 2), np.int64), months="2024-01", rates=hand,
                                                 kommune=np.array(["lejre", "lemvig", "lemvig"], dtype=object)))
    assert not isinstance(err, RateNotPublished)
    with pytest.raises(RateError) as scalar:
        Bank.open("2024-01", kommune="lemvig", rates=hand)
    assert (err.column, err.row, err.value, err.rule) == ("months", 1, "", str(scalar.value))


def test_the_result_is_frozen() -> None:
    result = bank(np.zeros((1, 1), np.int64), months="2024-01")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.months = ()  # type: ignore[misc]
