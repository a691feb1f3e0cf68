"""Tests that kill the mutants of ``beskyttet_beskaeftigelse/batch.py``: the SEL § 103 batch kernels.

Deterministic (no hypothesis). Every row of fixed batches (per-km and zone prices, prices for all and per row,
within and beyond the own distance, capped and not, several days and municipalities, an assessed wage under the
floor, over the cap, a floor over the cap, a municipality without a cap) is compared with the one-case
functions, with the dtype and shape of every column. Every refusal is pinned, whole (class, column, row, value,
code, parameters and the Danish message), in ``golden/batch_refusals.json``, and the order of the checks (the
first bad column, the first bad row) by the cases themselves.

Regenerate after a reviewed change with ``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/sel103/test_mutation_batch.py``
and read the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from socialcalc.beskyttet_beskaeftigelse import hourly_wage as scalar_wage
from socialcalc.beskyttet_beskaeftigelse import transport as scalar_transport
from socialcalc.beskyttet_beskaeftigelse.batch import MAX_PRODUCT, TransportBatch, WageBatch, hourly_wage, transport
from socialcalc.errors import SocialcalcError

GOLDEN = Path(__file__).parent / "golden" / "batch_refusals.json"
ON = date(2025, 3, 1)
I64 = np.int64


def _kr(ore: int) -> Decimal:
    return Decimal(ore).scaleb(-2)


def _check_transport(t: TransportBatch, n: int) -> None:
    assert isinstance(t, TransportBatch) and len(t) == n
    for name, dtype in (("total", np.int64), ("citizen", np.int64), ("municipality", np.int64),
                        ("citizen_before_cap", np.int64), ("citizen_cap", np.int64), ("capped", np.bool_),
                        ("within_own_distance", np.bool_)):
        column = getattr(t, name)
        assert isinstance(column, np.ndarray) and column.dtype == np.dtype(dtype) and column.shape == (n,), name


def _same_as_one_case(t: TransportBatch, row: int, **kwargs: Any) -> None:
    one = scalar_transport(**kwargs)
    got = (t.total[row], t.citizen[row], t.municipality[row], t.citizen_before_cap[row], t.citizen_cap[row],
           bool(t.capped[row]), bool(t.within_own_distance[row]))
    want = (one.total * 100, one.citizen * 100, one.municipality * 100, one.citizen_before_cap * 100,
            one.citizen_cap * 100, one.capped, one.within_own_distance)
    assert tuple(int(x) if not isinstance(x, bool) else x for x in got) == tuple(
        int(x) if not isinstance(x, bool) else x for x in want), (row, kwargs)


def test_per_km_rows_equal_the_one_case_split() -> None:
    days = np.array([20, 20, 5, 0, 22, 20])
    dist = np.array([25_000, 8_000, 37_303, 40_000, 10_000, 60_000])
    net = np.array([150_000, 150_000, 9_999, 200_000, 0, 1_000_000])
    price = np.array([150, 253, 253, 199, 150, 100])
    kommune = np.array(["lejre", None, "lemvig", "lejre", None, "lemvig"], dtype=object)
    on = np.array([ON, ON, date(2024, 6, 1), ON, date(2024, 6, 1), ON], dtype="datetime64[D]")
    t = transport(days, dist, net, per_km=price, on=on, kommune=kommune)
    _check_transport(t, 6)
    for i in range(6):
        _same_as_one_case(t, i, days=int(days[i]), distance_km=Decimal(int(dist[i])) / 1000,
                          per_km=_kr(int(price[i])), net_earnings=_kr(int(net[i])),
                          on=on[i].astype(object), kommune=kommune[i])
    assert t.capped.any() and not t.capped.all() and t.within_own_distance.any()
    # one price for all rows, one day, one municipality
    t = transport(days, dist, net, per_km=253, on=ON, kommune="lejre")
    _check_transport(t, 6)
    for i in range(6):
        _same_as_one_case(t, i, days=int(days[i]), distance_km=Decimal(int(dist[i])) / 1000,
                          per_km=Decimal("2.53"), net_earnings=_kr(int(net[i])), on=ON, kommune="lejre")
    t = transport(days, dist, net, per_km=np.int64(253), on=ON)
    _check_transport(t, 6)


def test_zone_rows_equal_the_one_case_split() -> None:
    days = np.array([20, 20, 3])
    dist = np.array([25_000, 8_000, 12_000])
    net = np.array([500_000, 500_000, 10_000])
    whole, near = np.array([6400, 6400, 5000]), np.array([4000, 4000, 5000])
    t = transport(days, dist, net, daily_total=whole, daily_within_10km=near, on=ON)
    _check_transport(t, 3)
    for i in range(3):
        _same_as_one_case(t, i, days=int(days[i]), distance_km=Decimal(int(dist[i])) / 1000,
                          daily_total=_kr(int(whole[i])), daily_within_10km=_kr(int(near[i])),
                          net_earnings=_kr(int(net[i])), on=ON)
    t = transport(days, dist, net, daily_total=6400, daily_within_10km=4000, on=ON)
    _check_transport(t, 3)
    assert t.within_own_distance.tolist() == [False, True, False]


def test_no_rows() -> None:
    e = np.array([], dtype=I64)
    _check_transport(transport(e, e, e, per_km=150, on=ON), 0)
    _check_transport(transport(e, e, e, per_km=e, on=ON), 0)
    w = hourly_wage(e, e, on=ON)
    _check_wage(w, 0)


def _check_wage(w: WageBatch, n: int) -> None:
    assert isinstance(w, WageBatch) and len(w) == n
    for name, dtype in (("amount", np.int64), ("floor", np.int64), ("cap", np.int64), ("has_cap", np.bool_),
                        ("basis", np.int8)):
        column = getattr(w, name)
        assert isinstance(column, np.ndarray) and column.dtype == np.dtype(dtype) and column.shape == (n,), name


def test_wage_rows_equal_the_one_case_wage() -> None:
    assessed = np.array([3500, 3500, 3500, 500, 2000, 900])
    lowest = np.array([18000, 18000, 70000, 18000, 18000, 18000])
    kommune = np.array(["lejre", "lemvig", "lejre", None, "lejre", "lemvig"], dtype=object)
    on = np.array([date(2025, 1, 6), date(2025, 1, 6), date(2025, 1, 6), date(2024, 5, 1), date(2024, 5, 1),
                   date(2025, 1, 6)], dtype="datetime64[D]")
    w = hourly_wage(assessed, lowest, on=on, kommune=kommune)
    _check_wage(w, 6)
    for i in range(6):
        one = scalar_wage(_kr(int(assessed[i])), field_lowest_wage=_kr(int(lowest[i])), on=on[i].astype(object),
                          kommune=kommune[i])
        assert int(w.amount[i]) == int(one.amount * 100), i
        assert int(w.floor[i]) == int(one.floor * 100), i
        assert bool(w.has_cap[i]) is (one.cap is not None), i
        assert int(w.cap[i]) == (int(one.cap * 100) if one.cap is not None else 0), i
    assert len(set(w.basis.tolist())) == 4  # assessed, floor, cap and the floor over the cap all met


def _case(call: Callable[[], Any]) -> dict[str, Any]:
    try:
        call()
    except SocialcalcError as err:
        return {"class": type(err).__name__, "column": getattr(err, "column", None),
                "row": getattr(err, "row", None), "value": repr(getattr(err, "value", None)),
                "code": err.code, "params": {k: repr(v) for k, v in sorted(getattr(err, "params", {}).items())},
                "key": getattr(err, "key", None),
                "rule": str(getattr(err, "rule", "")), "da": err.message("da"), "str": str(err)}
    raise AssertionError("not refused")


A = np.array([20, 20])
D = np.array([25_000, 8_000])
N = np.array([150_000, 150_000])


def _refusals() -> dict[str, Callable[[], Any]]:
    return {
        "days_2d": lambda: transport(np.array([[20]]), D, N, per_km=150, on=ON),
        "days_float": lambda: transport(np.array([20.0, 1.0]), D, N, per_km=150, on=ON),
        "distance_negative": lambda: transport(A, np.array([1, -1]), N, per_km=150, on=ON),
        "distance_rows": lambda: transport(A, np.array([1, 2, 3]), N, per_km=150, on=ON),
        "net_rows": lambda: transport(A, D, np.array([1]), per_km=150, on=ON),
        "net_float": lambda: transport(A, D, np.array([1.5, 2.0]), per_km=150, on=ON),
        "per_km_negative_int": lambda: transport(A, D, N, per_km=-1, on=ON),
        "per_km_negative_np_int": lambda: transport(A, D, N, per_km=np.int64(-3), on=ON),
        "per_km_rows": lambda: transport(A, D, N, per_km=np.array([150, 150, 150]), on=ON),
        "per_km_column_negative": lambda: transport(A, D, N, per_km=np.array([150, -2]), on=ON),
        "per_km_bool": lambda: transport(A, D, N, per_km=True, on=ON),
        "no_price": lambda: transport(A, D, N, on=ON),
        "both_prices": lambda: transport(A, D, N, per_km=150, daily_total=6400, daily_within_10km=4000, on=ON),
        "zone_total_only": lambda: transport(A, D, N, daily_total=6400, on=ON),
        "zone_near_only": lambda: transport(A, D, N, daily_within_10km=4000, on=ON),
        "zone_near_above_total": lambda: transport(A, D, N, daily_total=np.array([6400, 3000]),
                                                   daily_within_10km=np.array([4000, 4000]), on=ON),
        "zone_near_above_total_scalar": lambda: transport(A, D, N, daily_total=3000, daily_within_10km=4000,
                                                          on=ON),
        "zone_total_rows": lambda: transport(A, D, N, daily_total=np.array([1]), daily_within_10km=4000, on=ON),
        "on_bad": lambda: transport(A, D, N, per_km=150, on="not a day"),
        "on_nat": lambda: transport(A, D, N, per_km=150, on=np.array(["2025-03-01", "NaT"], "datetime64[D]")),
        "kommune_unknown": lambda: transport(A, D, N, per_km=150, on=ON, kommune="atlantis"),
        "kommune_unknown_row": lambda: transport(A, D, N, per_km=150, on=ON,
                                                 kommune=np.array(["lejre", "atlantis"], dtype=object)),
        "not_published": lambda: transport(A, D, N, per_km=150,
                                           on=np.array(["2025-03-01", "1990-01-01"], "datetime64[D]")),
        "not_published_2nd_group": lambda: transport(np.array([20, 20, 20]), np.array([1, 2, 3]),
                                                     np.array([1, 2, 3]), per_km=150,
                                                     on=np.array(["1990-01-01", "2025-03-01", "1991-01-01"],
                                                                 "datetime64[D]")),
        "product_too_large": lambda: transport(np.array([20, 2**40]), np.array([1, 2**20]), N,
                                               per_km=np.array([1, 2**10]), on=ON),
        "product_too_large_zone": lambda: transport(np.array([1, 2**62]), D, N, daily_total=4,
                                                    daily_within_10km=1, on=ON),
        "wage_2d": lambda: hourly_wage(np.array([[3500]]), np.array([18000]), on=ON),
        "wage_assessed_float": lambda: hourly_wage(np.array([35.0]), np.array([18000]), on=ON),
        "wage_lowest_float": lambda: hourly_wage(np.array([3500]), np.array([180.0]), on=ON),
        "wage_lowest_rows": lambda: hourly_wage(np.array([3500]), np.array([18000, 1]), on=ON),
        "wage_on_bad": lambda: hourly_wage(np.array([3500]), np.array([18000]), on="soon"),
        "wage_kommune_unknown": lambda: hourly_wage(np.array([3500, 1]), np.array([18000, 1]), on=ON,
                                                    kommune=np.array([None, "atlantis"], dtype=object)),
        "wage_not_published": lambda: hourly_wage(np.array([3500, 1]), np.array([18000, 1]),
                                                  on=np.array(["2025-03-01", "1990-01-01"], "datetime64[D]")),
    }


def test_every_refusal_is_pinned() -> None:
    got = {name: _case(call) for name, call in _refusals().items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert got.keys() == expected.keys()
    for name in got:
        assert got[name] == expected[name], name


def test_the_refusals_a_reader_checks() -> None:
    got = {name: _case(call) for name, call in _refusals().items()}
    assert got["distance_negative"]["column"] == "distance_m" and got["distance_negative"]["row"] == 1
    assert got["per_km_column_negative"]["row"] == 1
    assert got["zone_near_above_total"]["row"] == 1 and got["zone_near_above_total"]["column"] == "daily_within_10km"
    assert got["not_published"]["row"] == 1 and got["not_published_2nd_group"]["row"] == 0
    assert got["kommune_unknown_row"]["row"] == 1 and got["wage_kommune_unknown"]["row"] == 1
    assert got["product_too_large"]["row"] == 1 and got["product_too_large"]["column"] == "days"
    assert got["wage_lowest_rows"]["column"] == "field_lowest_wage"


def test_a_product_just_below_the_limit_is_computed() -> None:
    # the guard is for trips × metres × øre ≥ 2**62 only; below it, the row is computed exactly
    assert MAX_PRODUCT == 2**62
    days, dist, price = np.array([1]), np.array([2**30]), np.array([2**30])  # 2 trips × 2**60: 2**61
    t = transport(days, dist, np.array([0]), per_km=price, on=ON)
    _check_transport(t, 1)
    assert int(t.total[0]) > 0
    with pytest.raises(SocialcalcError):
        transport(np.array([2]), dist, np.array([0]), per_km=price, on=ON)  # 4 trips × 2**60 = 2**62


def test_full_columns_are_kept_and_one_value_is_spread_pinned() -> None:
    """The kernel's figure columns: a full-length column is the array itself (not a view the adapter would copy
    again), one value is spread read-only over the rows, and the dtypes are int64 øre and bool (issue 15)."""
    from socialcalc.beskyttet_beskaeftigelse.batch import _bools, _ints

    column = np.array([1, 2, 3], dtype=np.int64)
    kept = _ints(column, 3)
    assert kept is column and kept.flags.owndata
    spread = _ints(5, 3)
    assert spread.tolist() == [5, 5, 5] and spread.dtype == np.int64 and not spread.flags.writeable
    assert _ints(np.array([True, False]), 2).dtype == np.int64
    assert _ints(np.array([7]), 3).tolist() == [7, 7, 7]
    flags = np.array([True, False])
    assert _bools(flags, 2) is flags
    assert _bools(np.array([1, 0]), 2).dtype == np.bool_ and _bools(np.array([1, 0]), 2).tolist() == [True, False]
    one = _bools(1, 2)
    assert one.tolist() == [True, True] and one.dtype == np.bool_ and not one.flags.writeable
