"""Properties of § 103 beskyttet beskæftigelse: the transport split and the hourly wage."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.beskyttet_beskaeftigelse import (
    HourlyWage,
    PeriodWage,
    Transport,
    WageBasis,
    hourly_wage,
    period_wage,
    transport,
)
from socialcalc.beskyttet_beskaeftigelse.strategies import (
    distances_km,
    hourly_rates,
    hourly_wage_args,
    transport_args,
)
from socialcalc.explain import kr
from socialcalc.ratebook import default_book

SETTINGS = settings(max_examples=150, deadline=None)
ORE = Decimal("0.01")


def _national(kwargs: dict[str, Any]) -> tuple[Decimal, Decimal]:
    rates = default_book().at(kwargs["on"], kwargs["kommune"])
    return Decimal(rates.value("sel103.own_transport_km")), Decimal(rates.value("sel103.transport_cap_share"))


def _first_km_cost(kwargs: dict[str, Any], own_km: Decimal) -> Decimal:
    """The cost of the trip within the own distance each way, in øre (an oracle written apart from the code)."""
    days, distance = kwargs["days"], kwargs["distance_km"]
    if "per_km" in kwargs:
        exact = days * 2 * min(distance, own_km) * kwargs["per_km"]
    elif distance <= own_km:
        exact = days * kwargs["daily_total"]
    else:
        exact = days * kwargs["daily_within_10km"]
    return exact.quantize(ORE, rounding=ROUND_HALF_UP)


@SETTINGS
@given(transport_args())
def test_shares_add_up_to_the_total_to_the_ore(kwargs: dict[str, Any]) -> None:
    t = transport(**kwargs)
    assert t.citizen + t.municipality == t.total
    assert t.amount == t.municipality
    for value in (t.total, t.citizen, t.municipality):
        assert value == value.quantize(ORE)
        assert value >= 0


@SETTINGS
@given(transport_args())
def test_citizen_never_pays_more_than_the_cap_share_nor_the_first_km(kwargs: dict[str, Any]) -> None:
    t = transport(**kwargs)
    own_km, share = _national(kwargs)
    first_km = _first_km_cost(kwargs, own_km)
    assert t.citizen <= share * kwargs["net_earnings"]  # exact, not rounded
    assert t.citizen <= first_km
    assert t.citizen == min(first_km, (share * kwargs["net_earnings"]).quantize(ORE, rounding="ROUND_DOWN"))
    assert t.capped == (first_km > t.citizen)


@SETTINGS
@given(transport_args())
def test_municipality_pays_nothing_within_the_own_distance_unless_capped(kwargs: dict[str, Any]) -> None:
    t = transport(**kwargs)
    own_km, _ = _national(kwargs)
    if kwargs["distance_km"] <= own_km and not t.capped:
        assert t.municipality == 0
        assert t.citizen == t.total
    if t.within_own_distance and t.municipality > 0:
        assert t.capped


@SETTINGS
@given(transport_args(), distances_km(), distances_km())
def test_more_distance_never_lowers_the_municipality_share(kwargs: dict[str, Any], a: Decimal, b: Decimal) -> None:
    near, far = sorted((a, b))
    t_near = transport(**{**kwargs, "distance_km": near})
    t_far = transport(**{**kwargs, "distance_km": far})
    assert t_far.municipality >= t_near.municipality
    assert t_far.total >= t_near.total


@SETTINGS
@given(transport_args(), st.integers(0, 200_000))
def test_more_earnings_never_raise_the_municipality_share(kwargs: dict[str, Any], extra_ore: int) -> None:
    base = transport(**kwargs)
    richer = transport(**{**kwargs, "net_earnings": kwargs["net_earnings"] + Decimal(extra_ore).scaleb(-2)})
    assert richer.municipality <= base.municipality
    assert richer.citizen >= base.citizen


@SETTINGS
@given(transport_args())
def test_transport_round_trips_through_json(kwargs: dict[str, Any]) -> None:
    t = transport(**kwargs)
    assert Transport.model_validate_json(t.model_dump_json()) == t


@SETTINGS
@given(transport_args())
def test_transport_explains_itself(kwargs: dict[str, Any]) -> None:
    t = transport(**kwargs)
    note = t.explain(audience="sagsbehandler")
    assert kr(t.citizen_cap) in note
    assert kr(t.citizen_before_cap) in note
    assert f"{kr(t.total)} − {kr(t.citizen)} = {kr(t.municipality)}" in note or t.municipality == 0
    assert ("er over loftet" in note) == t.capped
    letter = t.explain()
    assert f"du betaler {kr(t.citizen)}" in letter
    used = {r.key for r in t.explanation.rates()}
    assert used == {"sel103.own_transport_km", "sel103.transport_cap_share"}
    assert all(not f.basis or "§ 2 i bekendtgørelse" in f.basis for f in t.explanation.steps)
    assert t.explanation.steps[0].basis


@SETTINGS
@given(hourly_wage_args())
def test_hourly_wage_is_the_assessed_rate_within_floor_and_cap(kwargs: dict[str, Any]) -> None:
    w = hourly_wage(**kwargs)
    assert w.floor <= w.amount
    expected = w.assessed if w.cap is None else min(w.assessed, w.cap)
    assert w.amount == max(w.floor, expected).quantize(ORE, rounding=ROUND_HALF_UP)
    if w.cap is not None and w.floor <= w.cap:
        assert w.amount <= w.cap
    assert (w.basis is WageBasis.FLOOR_OVER_CAP) == (w.cap is not None and w.floor > w.cap)


@SETTINGS
@given(hourly_wage_args(), hourly_rates())
def test_a_higher_assessment_never_lowers_the_wage(kwargs: dict[str, Any], other: Decimal) -> None:
    low, high = sorted((kwargs["assessed"], other))
    assert hourly_wage(**{**kwargs, "assessed": high}).amount >= hourly_wage(**{**kwargs, "assessed": low}).amount


@SETTINGS
@given(hourly_wage_args(), st.integers(0, 20_000))
def test_wage_and_period_wage_round_trip_and_explain_themselves(kwargs: dict[str, Any], quarter_hours: int) -> None:
    w = hourly_wage(**kwargs)
    assert HourlyWage.model_validate_json(w.model_dump_json()) == w
    note = w.explain(audience="sagsbehandler")
    assert f"{kr(w.amount)}" in w.explain()
    assert kr(w.floor) in note
    if w.cap is not None:
        assert kr(w.cap) in note
    assert ("går forud for kommunens retningslinje" in note) == (w.basis is WageBasis.FLOOR_OVER_CAP)
    hours = Decimal(quarter_hours) / 4
    p = period_wage(hours, w)
    assert p.amount == (hours * w.amount).quantize(ORE, rounding=ROUND_HALF_UP)
    assert PeriodWage.model_validate_json(p.model_dump_json()) == p
