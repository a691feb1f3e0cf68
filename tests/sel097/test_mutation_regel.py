"""Tests that kill the mutants of ``ledsageordning/regel.py``: the § 97 decisions on whole minutes and øre.

Every field of :class:`~socialcalc.ledsageordning.regel.MonthDecision` pinned for one case (``PY``) and for a
batch (``NP``, one ``int64`` element per person) whose persons have different saving periods and orders of use,
each person checked against the one-case decision; a refused use (nothing taken), a use larger than the pool
given to :func:`consume` directly, and the edges of the expense grant (at, one below, one above the maximum).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from socialcalc.batch.ops import NP
from socialcalc.ledsageordning.regel import (
    CURRENT_MONTH_THEN_NEWEST_SAVED,
    OLDEST_FIRST,
    PY,
    MonthDecision,
    consume,
    grant_decision,
    month_step,
)


def _fields(d: MonthDecision) -> tuple[Any, ...]:
    return (d.lapsed_by_age, d.lapsed, d.granted, d.lost, d.available, d.short, d.used_by_age, d.closing)


def test_codes() -> None:
    assert (OLDEST_FIRST, CURRENT_MONTH_THEN_NEWEST_SAVED) == (0, 1)


def test_one_case_lapse_cap_and_use_every_field() -> None:
    # lots by age 1..4; saving 3: the lots of age 3 and 4 lapse (at the saving period, and above it)
    d = month_step([600, 500, 400, 300], per_month=900, saving=3, cap=1500, deduction=100, need=250,
                   order=OLDEST_FIRST, ops=PY)
    assert _fields(d) == ((0, 0, 400, 300), 700, 800, 400, 1500, False, (0, 0, 250, 0, 0),
                          (400, 600, 250, 0, 0))
    newest = month_step([600, 500, 400, 300], per_month=900, saving=3, cap=1500, deduction=100, need=450,
                        order=CURRENT_MONTH_THEN_NEWEST_SAVED, ops=PY)
    assert _fields(newest) == ((0, 0, 400, 300), 700, 800, 400, 1500, False, (400, 50, 0, 0, 0),
                               (0, 550, 500, 0, 0))


def test_a_use_larger_than_available_takes_nothing() -> None:
    for need, short in ((1501, True), (1500, False)):
        d = month_step([600, 500], per_month=900, saving=6, cap=1500, deduction=0, need=need,
                       order=OLDEST_FIRST, ops=PY)
        assert (d.available, d.short) == (1500, short)
        if short:
            assert d.used_by_age == (0, 0, 0)
            assert d.closing == (400, 600, 500)
        else:
            assert d.used_by_age == (400, 600, 500)
            assert d.closing == (0, 0, 0)


def test_consume_never_takes_more_than_held() -> None:
    assert consume([900, 900, 300], 2200, OLDEST_FIRST, PY) == [900, 900, 300]
    assert consume([900, 900, 300], 2200, CURRENT_MONTH_THEN_NEWEST_SAVED, PY) == [900, 900, 300]
    assert consume([900, 900, 300], 0, OLDEST_FIRST, PY) == [0, 0, 0]


def _batch_case() -> dict[str, Any]:
    lots = [np.array([600, 600, 100, 0], np.int64), np.array([500, 500, 200, 900], np.int64),
            np.array([400, 400, 300, 900], np.int64)]
    return {"lots": lots, "per_month": np.array([900, 900, 900, 900], np.int64),
            "saving": np.array([2, 3, 6, 3], np.int64), "cap": np.array([1500, 5400, 5400, 900], np.int64),
            "deduction": np.array([0, 100, 0, 0], np.int64), "need": np.array([1000, 1000, 0, 900], np.int64),
            "order": np.array([OLDEST_FIRST, CURRENT_MONTH_THEN_NEWEST_SAVED, OLDEST_FIRST,
                               CURRENT_MONTH_THEN_NEWEST_SAVED], np.int8)}


def _one(case: dict[str, Any], i: int) -> MonthDecision:
    return month_step([int(lot[i]) for lot in case["lots"]], per_month=int(case["per_month"][i]),
                      saving=int(case["saving"][i]), cap=int(case["cap"][i]), deduction=int(case["deduction"][i]),
                      need=int(case["need"][i]), order=int(case["order"][i]), ops=PY)


def test_a_batch_reads_as_each_person_alone() -> None:
    case = _batch_case()
    d = month_step(case["lots"], per_month=case["per_month"], saving=case["saving"], cap=case["cap"],
                   deduction=case["deduction"], need=case["need"], order=case["order"], ops=NP)
    for i in range(4):
        alone = _one(case, i)
        got = (tuple(int(x[i]) for x in d.lapsed_by_age), int(d.lapsed[i]), int(d.granted[i]), int(d.lost[i]),
               int(d.available[i]), bool(d.short[i]), tuple(int(x[i]) for x in d.used_by_age),
               tuple(int(x[i]) for x in d.closing))
        assert got == _fields(alone), i
    # the figures as written, person by person
    assert [x.tolist() for x in d.lapsed_by_age] == [[0, 0, 0, 0], [500, 0, 0, 0], [400, 400, 0, 900]]
    assert d.lapsed.tolist() == [900, 400, 0, 900]
    assert d.granted.tolist() == [900, 800, 900, 900]
    assert d.lost.tolist() == [0, 0, 0, 900]
    assert d.available.tolist() == [1500, 1900, 1500, 900]
    assert [x.tolist() for x in d.used_by_age] == [[400, 800, 0, 0], [600, 200, 0, 0], [0, 0, 0, 900],
                                                   [0, 0, 0, 0]]
    assert [x.tolist() for x in d.closing] == [[500, 0, 900, 0], [0, 400, 100, 0], [0, 500, 200, 0],
                                               [0, 0, 300, 0]]


def test_a_batch_with_one_order_and_one_saving_period() -> None:
    case = _batch_case()
    for order in (OLDEST_FIRST, CURRENT_MONTH_THEN_NEWEST_SAVED):
        d = month_step(case["lots"], per_month=case["per_month"], saving=3, cap=case["cap"],
                       deduction=case["deduction"], need=case["need"], order=order, ops=NP)
        for i in range(4):
            alone = month_step([int(lot[i]) for lot in case["lots"]], per_month=int(case["per_month"][i]),
                               saving=3, cap=int(case["cap"][i]), deduction=int(case["deduction"][i]),
                               need=int(case["need"][i]), order=order, ops=PY)
            assert [int(x[i]) for x in d.used_by_age] == list(alone.used_by_age), (order, i)
            assert [int(x[i]) for x in d.closing] == list(alone.closing), (order, i)


def test_a_batch_refused_use_takes_nothing() -> None:
    need = np.array([1501, 1500], np.int64)
    d = month_step([np.array([600, 600], np.int64)], per_month=900, saving=6, cap=1500, deduction=0, need=need,
                   order=np.array([OLDEST_FIRST, CURRENT_MONTH_THEN_NEWEST_SAVED], np.int8), ops=NP)
    assert d.short.tolist() == [True, False]
    assert [x.tolist() for x in d.used_by_age] == [[0, 900], [0, 600]]
    assert [x.tolist() for x in d.closing] == [[900, 0], [600, 0]]


def test_a_batch_with_no_lots_is_still_one_figure_per_person() -> None:
    d = month_step([], per_month=900, saving=6, cap=5400, deduction=0, need=np.array([0, 100], np.int64),
                   order=OLDEST_FIRST, ops=NP)
    assert d.lapsed.tolist() == [0, 0]
    assert d.available.tolist() == [900, 900]
    assert [x.tolist() for x in d.closing] == [[900, 800]]


def test_grant_decision_edges() -> None:
    assert grant_decision(100500, 100500, PY) == (100500, False)
    assert grant_decision(100499, 100500, PY) == (100499, False)
    assert grant_decision(100501, 100500, PY) == (100500, True)
    amount, capped = grant_decision(np.array([100499, 100500, 100501]), 100500, NP)
    assert (amount.tolist(), capped.tolist()) == ([100499, 100500, 100500], [False, False, True])
