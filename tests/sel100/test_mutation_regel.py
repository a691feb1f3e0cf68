"""Tests that kill the mutants of ``merudgift/regel.py``: the band decision of SEL § 100 stk. 3.

Every branch of :func:`band_decision` (below the bagatelgrænse with and without an "over" edge, an empty table,
a band's exact lower bound "fra" and "over", the next band's bound, full cover documented or only probable, a
table with no standard amount, yearly figures) with its band number, its case code and its amount *as written*
(two decimals: ``"150.00"``; rounded half up to øre), on the exact integers the one-case path uses.

The edges are exact at any precision and over a year (a bound × scale × months, never divided, never a float):
a case one unit below each edge, at a precision (10⁻²⁰ kr.) where a float would round, pins that.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from socialcalc.batch.ops import NP
from socialcalc.kernel import PY
from socialcalc.merudgift import regel
from socialcalc.ratebook.model import Band

D = Decimal
TABLES = {
    "T": (Band(D(100), True, D(150)), Band(D(200), False, D(300)), Band(D(400), True, None)),
    "O": (Band(D(100), False, D(150)), Band(D(200), True, None)),
    "F": (Band(D(100), True, None),),
    "P": (Band(D(100), True, D("150.005")),),
    "E": (),
}

CASES = [
    ("T", "99.99", 1, True, 0, "0.00"),
    ("O", "100", 1, True, 0, "0.00"),
    ("E", "5", 1, True, 0, "0.00"),
    ("T", "100", 1, True, 1, "150.00"),
    ("T", "200", 1, True, 1, "150.00"),
    ("T", "250", 1, False, 2, "300.00"),
    ("T", "400", 1, True, 'full', "400.00"),
    ("T", "450.555", 1, True, 'full', "450.56"),
    ("T", "450.545", 1, True, 'full', "450.55"),
    ("T", "450", 1, False, 2, "300.00"),
    ("F", "150", 1, False, 0, "0.00"),
    ("P", "120", 1, True, 1, "150.01"),
    ("T", "2400", 12, True, 1, "150.00"),
    ("T", "1200", 12, True, 1, "150.00"),
    ("O", "1200", 12, True, 0, "0.00"),
    ("T", "1000", 12, True, 0, "0.00"),
    ("T", "5000.06", 12, True, 'full', "416.67"),
    ("T", "4800", 12, False, 2, "300.00"),
    ("O", "200", 1, False, 1, "150.00"),
    ("T", "500", 2, True, 2, "300.00"),
    ("T", "1000.02", 2, True, 'full', "500.01"),
    ("T", "5000.065", 12, True, 'full', "416.67"),
]


@pytest.mark.parametrize(("table", "expenses", "months", "documented", "band", "amount"), CASES)
def test_band_decision(table: str, expenses: str, months: int, documented: bool, band: object,
                       amount: str) -> None:
    value = D(expenses)
    scale = regel.scale_of(value)
    compiled = regel.compile_bands(TABLES[table], scale=scale, months=months)
    d = regel.band_decision(regel.units(value, scale), documented, compiled, PY)
    assert ("full" if d.band == regel.BAND_FULL else d.band) == band
    assert str(D(int(d.amount)).scaleb(-2)) == amount
    if band == "full":
        assert d.case == regel.FULL
    elif band == 0:
        assert d.case in (regel.UNDER, regel.NO_STANDARD)
    elif documented or d.met == 0 or not compiled.full[d.met]:
        assert d.case == regel.STANDARD
    else:
        assert d.case == regel.PROBABLE


def test_thresholds_fra_and_over() -> None:
    fra, over = Band(D(608), True, D(1138)), Band(D(608), False, D(1138))
    for band, months, meets, misses in [(fra, 12, "7296", "7295.99"), (over, 12, "7296.01", "7296"),
                                        (fra, 1, "608", "607.99"), (over, 1, "608.01", "608"),
                                        (fra, 2, "1216", "1215.99"), (over, 2, "1216.01", "1216")]:
        for value, met in ((meets, 1), (misses, 0)):
            scale = regel.scale_of(D(value))
            t = regel.compile_bands((band,), scale=scale, months=months)
            assert regel.band_decision(regel.units(D(value), scale), False, t, PY).met == met, (band, value)


def test_komp_decision_edges() -> None:
    rates = regel.KompRates(55500, 110500, 200000, 50000)
    at = regel.komp_decision(200000, 200000, regel.NO_GROUP, rates, scale=100, months=1, ops=PY)
    assert (at.g2, at.qualifies_ii, at.advice, at.amount) == (regel.G2_AT_EDGE, False, regel.ADVICE_ONLY_I, 110500)
    tie = regel.komp_decision(200000, 60500, regel.NO_GROUP, regel.KompRates(55500, 110500, 60000, 50000),
                              scale=100, months=1, ops=PY)
    assert (tie.advice, tie.recommended, tie.amount) == (regel.ADVICE_TIE, regel.GROUP_I, 110500)
    under = regel.komp_decision(55499, None, regel.GROUP_I, rates, scale=100, months=1, ops=PY)
    assert (under.met, under.below_chosen, under.amount, under.advice) == (False, True, 0, regel.ADVICE_NONE)
    yearly = regel.komp_decision(666000, 2400006, regel.GROUP_II, rates, scale=100, months=12, ops=PY)
    assert (yearly.amount, yearly.not_ii) == (200001 + 50000, False)


def test_scale_is_at_least_ore() -> None:
    assert (regel.scale_of(), regel.scale_of(D(7), None), regel.scale_of(D("7.5")), regel.scale_of(D("7.125"))) == (
        100, 100, 100, 1000)


def test_compiled_thresholds_round_up_for_fra_and_down_plus_one_for_over() -> None:
    # 100.004 × 100 = 10000.4: "fra" needs 10001 units; 200.006 × 100 = 20000.6: "over" needs 20000 + 1
    t = regel.compile_bands((Band(D("100.004"), True, D(150)), Band(D("200.006"), False, None)), scale=100,
                            months=1)
    assert (t.thresholds, t.pays, t.label, t.full, t.scale, t.months) == (
        (10001, 20001), (0, 15000, 15000), (0, 1, 1), (False, False, True), 100, 1)
    assert [regel.band_decision(x, True, t, PY).band for x in (10000, 10001, 20000, 20001)] == [
        0, 1, 1, regel.BAND_FULL]


def test_a_standard_amount_of_zero_below_an_open_band() -> None:
    t = regel.compile_bands((Band(D(100), True, D(0)), Band(D(200), True, None)), scale=100, months=1)
    assert (t.pays, t.label, t.full) == ((0, 0, 0), (0, 1, 1), (False, False, True))
    d = regel.band_decision(30000, False, t, PY)
    assert (d.met, d.band, d.amount, d.case) == (2, 1, 0, regel.PROBABLE)


RATES = regel.KompRates(55500, 110500, 200000, 50000)


def _komp(x: int, lx: int | None, chosen: int = regel.NO_GROUP, *, scale: int = 100,
          months: int = 1) -> regel.KompDecision:
    return regel.komp_decision(x, lx, chosen, RATES, scale=scale, months=months, ops=PY)


def test_komp_minimum_is_inclusive_monthly_yearly_and_at_any_scale() -> None:
    for x, scale, months in ((55500, 100, 1), (666000, 100, 12), (555000, 1000, 1), (55500 * 10**18, 10**20, 1)):
        at, below = _komp(x, None, regel.GROUP_I, scale=scale, months=months), _komp(
            x - 1, None, regel.GROUP_I, scale=scale, months=months)
        assert (at.met, at.below_chosen, at.group_i, at.amount) == (True, False, 110500, 110500), (x, scale)
        assert (below.met, below.below_chosen, below.group_i, below.amount, below.recommended) == (
            False, True, 0, 0, regel.NO_GROUP), (x, scale)
    assert _komp(55499, None).below_chosen is False  # no group chosen: nothing refused


def test_komp_group_ii_threshold_is_exclusive_at_any_scale() -> None:
    edge = _komp(2500000, 2000000, scale=1000)
    assert (edge.g2, edge.qualifies_ii, edge.group_ii, edge.advice) == (regel.G2_AT_EDGE, False, 0, regel.ADVICE_ONLY_I)
    over = _komp(2500000, 2000001, scale=1000)  # 2000.001 kr. + 500 kr.: 2500.00 (half up to øre)
    assert (over.g2, over.qualifies_ii, over.group_ii, over.advice, over.amount) == (
        regel.G2_OVER, True, 250000, regel.ADVICE_II, 250000)
    under = _komp(250000, 199999)
    assert (under.g2, under.qualifies_ii, under.group_ii, under.amount) == (regel.G2_NOT_OVER, False, 0, 110500)
    none = _komp(250000, None)
    assert (none.g2, none.qualifies_ii, none.group_ii, none.amount) == (regel.G2_NONE, False, 0, 110500)
    nothing = _komp(0, None)
    assert (nothing.g2, nothing.group_i, nothing.group_ii, nothing.amount) == (regel.G2_NONE, 0, 0, 0)


def test_komp_without_listed_expenses_on_arrays_keeps_integers() -> None:
    k = regel.komp_decision(np.array([0, 60000, 250000], np.int64), None, np.full(3, regel.NO_GROUP, np.int8),
                            RATES, scale=100, months=1, ops=NP)
    assert k.group_ii.dtype == np.int64 and k.amount.dtype == np.int64
    assert (k.group_ii.tolist(), k.group_i.tolist(), k.g2.tolist()) == ([0, 0, 0], [0, 110500, 110500], [0, 0, 0])


MIN = 60800


def _one_off(value: int, running: int, recipient: bool = False, table: regel.BandTable | None = None, *,
             scale: int = 100, months: int = 1, minimum: int = MIN) -> regel.OneOffDecision:
    return regel.one_off_decision(value, running, recipient, False, minimum, table, scale=scale, months=months,
                                  ops=PY)


def test_one_off_recipient_is_paid_to_the_ore_half_up() -> None:
    d = _one_off(5000005, 0, True, scale=1000)  # 5000.005 kr.
    assert (d.case, d.granted, d.amount, d.running_over) == (regel.RECIPIENT, True, 500001, False)
    big = _one_off(100, MIN, True)  # a recipient's running expenses are never refused
    assert (big.case, big.amount, big.running_over) == (regel.RECIPIENT, 100, False)


def test_one_off_running_expenses_reaching_the_minimum_are_flagged() -> None:
    for at, scale, months in ((MIN, 100, 1), (12 * MIN, 100, 12), (10 * MIN, 1000, 1)):
        assert _one_off(100, at, scale=scale, months=months).running_over is True, (at, scale, months)
        assert _one_off(100, at - 1, scale=scale, months=months).running_over is False, (at, scale, months)


def test_one_off_without_running_needs_the_yearly_minimum_at_any_scale() -> None:
    for yearly, scale, minimum in ((12 * MIN, 100, MIN), (120 * MIN, 1000, MIN), (55500 * 12 * 10**18, 10**20, 55500)):
        at, below = _one_off(yearly, 0, scale=scale, minimum=minimum), _one_off(yearly - 1, 0, scale=scale,
                                                                               minimum=minimum)
        assert (at.case, at.granted, at.amount) == (regel.NO_RUNNING, True, 12 * minimum), scale
        assert (below.case, below.granted, below.amount) == (regel.NO_RUNNING, False, 0), scale


def test_one_off_under_the_minimum_keeps_its_exact_totals() -> None:
    table = regel.compile_bands((Band(D(608), True, D(1138)),), scale=100, months=12)
    d = _one_off(700000, 10000, table=table)
    assert (d.case, d.granted, d.amount, d.running_year, d.total, d.running_over) == (
        regel.UNDER_MINIMUM, True, 1365600, 120000, 820000, False)
    assert d.bands is not None and (d.bands.met, d.bands.amount) == (1, 113800)
    assert _one_off(700000, 10000).amount == 0  # no table yet (the one-case path's first pass): nothing paid
    running = 10**21 + 1
    huge = _one_off(1, running, scale=10**20)
    assert (huge.running_year, huge.total) == (12 * running, 12 * running + 1)
