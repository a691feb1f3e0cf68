"""The § 103 kernels (transport, hourly wage) equal the exact functions to the øre, row by row (differential)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from socialcalc.batch import BatchInputError, BatchRateNotPublished, transport
from socialcalc.beskyttet_beskaeftigelse import Transport, hourly_wage
from socialcalc.beskyttet_beskaeftigelse import batch as kernels
from socialcalc.beskyttet_beskaeftigelse import transport as scalar_transport
from socialcalc.beskyttet_beskaeftigelse.beslutning import ASSESSED, CAP, FLOOR, FLOOR_OVER_CAP
from socialcalc.beskyttet_beskaeftigelse.strategies import sel103_dates
from socialcalc.errors import SocialcalcError
from socialcalc.ratebook import default_book

SETTINGS = settings(max_examples=100, deadline=None)
OWN_M = int(Decimal(default_book().latest("sel103.own_transport_km").value) * 1000)

# distances around the own distance, to the metre; net earnings whose cap share ends in a fraction of an øre
distances = st.one_of(st.sampled_from([OWN_M - 1, OWN_M, OWN_M + 1, 0]), st.integers(0, 200_000))
prices = st.integers(0, 100_000)
days_on = st.one_of(sel103_dates(), sel103_dates(), st.dates(date(2023, 6, 1), date(2024, 2, 1)))


@st.composite
def rows(draw: st.DrawFn) -> dict[str, Any]:
    whole = draw(prices)
    return {"days": draw(st.integers(0, 260)), "distance_m": draw(distances), "net": draw(st.integers(0, 3_000_000)),
            "per_km": draw(st.integers(0, 1_000)), "whole": whole, "near": draw(st.integers(0, whole)),
            "on": draw(days_on), "kommune": draw(st.sampled_from([None, "lejre", "lemvig"]))}


def _scalar(row: dict[str, Any], zone: bool) -> Transport:
    prices: dict[str, Any] = ({"daily_total": Decimal(row["whole"]).scaleb(-2),
                               "daily_within_10km": Decimal(row["near"]).scaleb(-2)} if zone
                              else {"per_km": Decimal(row["per_km"]).scaleb(-2)})
    return scalar_transport(days=row["days"], distance_km=Decimal(row["distance_m"]).scaleb(-3),
                            net_earnings=Decimal(row["net"]).scaleb(-2), on=row["on"], kommune=row["kommune"],
                            **prices)


def _column(batch: list[dict[str, Any]], key: str, dtype: Any = np.int64) -> Any:
    return np.array([r[key] for r in batch], dtype=dtype)


@SETTINGS
@given(st.lists(rows(), min_size=1, max_size=10), st.booleans())
def test_batch_equals_scalar(batch: list[dict[str, Any]], zone: bool) -> None:
    expected: list[Transport | SocialcalcError] = []
    for row in batch:
        try:
            expected.append(_scalar(row, zone))
        except SocialcalcError as err:
            expected.append(err)
    prices = ({"daily_total": _column(batch, "whole"), "daily_within_10km": _column(batch, "near")} if zone
              else {"per_km": _column(batch, "per_km")})
    args = (_column(batch, "days"), _column(batch, "distance_m"), _column(batch, "net"))
    kwargs = {"on": _column(batch, "on", "datetime64[D]"), "kommune": _column(batch, "kommune", object), **prices}
    failing = [i for i, e in enumerate(expected) if isinstance(e, SocialcalcError)]
    if failing:
        event("some row is refused")
        with pytest.raises((BatchInputError, BatchRateNotPublished)) as caught:
            transport(*args, **kwargs)
        assert caught.value.row == failing[0]
        return
    event("every row computed")
    result = transport(*args, **kwargs)
    for i, e in enumerate(expected):
        assert isinstance(e, Transport)
        got = [int(getattr(result, name)[i]) for name in ("total", "citizen", "municipality", "citizen_before_cap",
                                                          "citizen_cap")]
        assert got == [int(v * 100) for v in (e.total, e.citizen, e.municipality, e.citizen_before_cap,
                                              e.citizen_cap)]
        assert (bool(result.capped[i]), bool(result.within_own_distance[i])) == (e.capped, e.within_own_distance)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 30), distances, st.integers(0, 500_000)), min_size=1, max_size=30),
       st.integers(0, 1_000), sel103_dates())
def test_one_price_and_day_for_all(rows_: list[tuple[int, int, int]], per_km: int, day: date) -> None:
    """The broadcast path: one price per km and one day for every row."""
    days, distance, net = (np.array(c, dtype=np.int64) for c in zip(*rows_, strict=True))
    result = transport(days, distance, net, per_km=per_km, on=day)
    for i, (d, m, e) in enumerate(rows_):
        s = scalar_transport(days=d, distance_km=Decimal(m).scaleb(-3), net_earnings=Decimal(e).scaleb(-2),
                             per_km=Decimal(per_km).scaleb(-2), on=day)
        assert (int(result.citizen[i]), int(result.municipality[i])) == (int(s.citizen * 100),
                                                                        int(s.municipality * 100))


_BASIS = {ASSESSED: "assessed", FLOOR: "floor", CAP: "cap", FLOOR_OVER_CAP: "floor_over_cap"}


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 100_000), sel103_dates(),
                          st.sampled_from([None, "lejre", "lemvig"])), min_size=1, max_size=10))
def test_wage_batch_equals_scalar(rows_: list[tuple[int, int, date, str | None]]) -> None:
    """Around the cap (30 kr.) and the floor (5 % of the field's wage), every basis, both municipalities."""
    assessed = np.array([r[0] for r in rows_], dtype=np.int64)
    lowest = np.array([r[1] for r in rows_], dtype=np.int64)
    result = kernels.hourly_wage(assessed, lowest, on=np.array([r[2] for r in rows_], dtype="datetime64[D]"),
                                 kommune=np.array([r[3] for r in rows_], dtype=object))
    for i, (a, low, day, kommune) in enumerate(rows_):
        w = hourly_wage(Decimal(a).scaleb(-2), field_lowest_wage=Decimal(low).scaleb(-2), on=day, kommune=kommune)
        assert int(result.amount[i]) == int(w.amount * 100)
        assert int(result.floor[i]) == int(w.floor * 100)
        assert bool(result.has_cap[i]) == (w.cap is not None)
        assert _BASIS[int(result.basis[i])] == w.basis.value


def test_wage_batch_edges() -> None:
    # exactly at the cap and at the floor: the assessed rate is kept (the limits bind only beyond them)
    result = kernels.hourly_wage(np.array([3000, 900, 899, 3001]), np.array([18000] * 4), on=date(2025, 3, 1),
                                 kommune="lejre")
    assert result.amount.tolist() == [3000, 900, 900, 3000]
    assert [_BASIS[int(b)] for b in result.basis] == ["assessed", "assessed", "floor", "cap"]
