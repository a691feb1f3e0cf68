"""Tests that kill the mutants of ``merudgift/regel.py``: the band decision of SEL § 100 stk. 3.

Every branch of :func:`band_decision` (below the bagatelgrænse with and without an "over" edge, an empty table,
a band's exact lower bound "fra" and "over", the next band's bound, full cover documented or only probable, a
table with no standard amount, yearly figures) with its band number, its case code and its amount *as written*
(two decimals: ``"150.00"``; rounded half up to øre), on the exact integers the one-case path uses.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

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
