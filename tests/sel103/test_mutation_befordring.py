"""Tests that kill the mutants of ``beskyttet_beskaeftigelse/befordring.py`` (SEL § 103; BEK § 2).

Each case pins every figure, its JSON form (amounts to two decimals: ``"1138.00"``, never ``"1138"``) and every
fact (step id, inputs, outputs, rates, legal basis, reading), so that a change of an intermediate rounding, a branch or a
sentence is seen. The sub-øre cases (37,303 km × 2,53 kr.) are the ones the mutation run found missing: without
the øre rounding of the intermediate totals the shares no longer add up to whole øre.
"""
# ruff: noqa: E501

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from socialcalc.beskyttet_beskaeftigelse import Transport, transport
from socialcalc.errors import InvalidInput

ON = date(2025, 3, 1)
_BASIS = ("serviceloven § 105, stk. 2, jf. § 2 i bekendtgørelse om aflønning og befordringsudgifter m.v. i beskyttet "
          "beskæftigelse, særligt tilrettelagte beskæftigelsesforløb og aktivitets- og samværstilbud")
BASE: dict[str, Any] = {"days": 20, "distance_km": 25, "net_earnings": "1500", "per_km": "1.50", "on": ON}

CASES = [
    ({'days': 1, 'distance_km': '37.303', 'net_earnings': '10000', 'per_km': '2.53'},
     {'total': '188.75', 'citizen': '50.60', 'municipality': '138.15', 'citizen_before_cap': '50.60', 'citizen_cap': '3000.00', 'capped': False, 'within_own_distance': False, 'price_form': 'per_km'},
     [
         ('udgift.km', {'days': '1', 'trips': '2', 'distance_km': '37.303', 'per_km': '2.53'}, {'total': '188.75'}, []),
         ('egen_andel.km', {'days': '1', 'trips': '2', 'distance_km': '37.303', 'own_km': '10', 'per_km': '2.53'}, {'citizen_before_cap': '50.60'}, ['sel103.own_transport_km']),
         ('loft.ikke_naaet', {'net_earnings': '10000.00', 'share': '0.30', 'citizen_before_cap': '50.60'}, {'citizen_cap': '3000.00', 'citizen': '50.60'}, ['sel103.transport_cap_share']),
         ('kommunens_andel.rest', {'total': '188.75', 'citizen': '50.60'}, {'municipality': '138.15'}, []),
     ]),
    ({'days': 3, 'distance_km': '4.001', 'net_earnings': '10000', 'per_km': '2.53'},
     {'total': '60.74', 'citizen': '60.74', 'municipality': '0.00', 'citizen_before_cap': '60.74', 'citizen_cap': '3000.00', 'capped': False, 'within_own_distance': True, 'price_form': 'per_km'},
     [
         ('udgift.km', {'days': '3', 'trips': '2', 'distance_km': '4.001', 'per_km': '2.53'}, {'total': '60.74'}, []),
         ('egen_andel.hele_turen', {'distance_km': '4.001', 'own_km': '10'}, {'citizen_before_cap': '60.74'}, ['sel103.own_transport_km']),
         ('loft.ikke_naaet', {'net_earnings': '10000.00', 'share': '0.30', 'citizen_before_cap': '60.74'}, {'citizen_cap': '3000.00', 'citizen': '60.74'}, ['sel103.transport_cap_share']),
         ('kommunens_andel.intet', {'own_km': '10'}, {'municipality': '0.00'}, []),
     ]),
    ({'days': 20, 'distance_km': 25, 'net_earnings': '1500', 'per_km': '1.50'},
     {'total': '1500.00', 'citizen': '450.00', 'municipality': '1050.00', 'citizen_before_cap': '600.00', 'citizen_cap': '450.00', 'capped': True, 'within_own_distance': False, 'price_form': 'per_km'},
     [
         ('udgift.km', {'days': '20', 'trips': '2', 'distance_km': '25', 'per_km': '1.50'}, {'total': '1500.00'}, []),
         ('egen_andel.km', {'days': '20', 'trips': '2', 'distance_km': '25', 'own_km': '10', 'per_km': '1.50'}, {'citizen_before_cap': '600.00'}, ['sel103.own_transport_km']),
         ('loft.naaet', {'net_earnings': '1500.00', 'share': '0.30', 'citizen_before_cap': '600.00'}, {'citizen_cap': '450.00', 'citizen': '450.00'}, ['sel103.transport_cap_share']),
         ('kommunens_andel.rest', {'total': '1500.00', 'citizen': '450.00'}, {'municipality': '1050.00'}, []),
     ]),
    ({'days': 20, 'distance_km': 25, 'net_earnings': 5000, 'daily_total': '64.00', 'daily_within_10km': '40.00'},
     {'total': '1280.00', 'citizen': '800.00', 'municipality': '480.00', 'citizen_before_cap': '800.00', 'citizen_cap': '1500.00', 'capped': False, 'within_own_distance': False, 'price_form': 'zone'},
     [
         ('udgift.zone', {'days': '20', 'distance_km': '25', 'daily_total': '64.00'}, {'total': '1280.00'}, []),
         ('egen_andel.zone', {'days': '20', 'distance_km': '25', 'own_km': '10', 'daily_within_10km': '40.00'}, {'citizen_before_cap': '800.00'}, ['sel103.own_transport_km']),
         ('loft.ikke_naaet', {'net_earnings': '5000.00', 'share': '0.30', 'citizen_before_cap': '800.00'}, {'citizen_cap': '1500.00', 'citizen': '800.00'}, ['sel103.transport_cap_share']),
         ('kommunens_andel.rest', {'total': '1280.00', 'citizen': '800.00'}, {'municipality': '480.00'}, []),
     ]),
    ({'days': 20, 'distance_km': 8, 'net_earnings': 5000, 'daily_total': '64.00', 'daily_within_10km': '40.00'},
     {'total': '1280.00', 'citizen': '1280.00', 'municipality': '0.00', 'citizen_before_cap': '1280.00', 'citizen_cap': '1500.00', 'capped': False, 'within_own_distance': True, 'price_form': 'zone'},
     [
         ('udgift.zone', {'days': '20', 'distance_km': '8', 'daily_total': '64.00'}, {'total': '1280.00'}, []),
         ('egen_andel.hele_turen', {'distance_km': '8', 'own_km': '10'}, {'citizen_before_cap': '1280.00'}, ['sel103.own_transport_km']),
         ('loft.ikke_naaet', {'net_earnings': '5000.00', 'share': '0.30', 'citizen_before_cap': '1280.00'}, {'citizen_cap': '1500.00', 'citizen': '1280.00'}, ['sel103.transport_cap_share']),
         ('kommunens_andel.intet', {'own_km': '10'}, {'municipality': '0.00'}, []),
     ]),
    ({'days': 20, 'distance_km': 8, 'net_earnings': 100, 'daily_total': '64.00', 'daily_within_10km': '40.00'},
     {'total': '1280.00', 'citizen': '30.00', 'municipality': '1250.00', 'citizen_before_cap': '1280.00', 'citizen_cap': '30.00', 'capped': True, 'within_own_distance': True, 'price_form': 'zone'},
     [
         ('udgift.zone', {'days': '20', 'distance_km': '8', 'daily_total': '64.00'}, {'total': '1280.00'}, []),
         ('egen_andel.hele_turen', {'distance_km': '8', 'own_km': '10'}, {'citizen_before_cap': '1280.00'}, ['sel103.own_transport_km']),
         ('loft.naaet', {'net_earnings': '100.00', 'share': '0.30', 'citizen_before_cap': '1280.00'}, {'citizen_cap': '30.00', 'citizen': '30.00'}, ['sel103.transport_cap_share']),
         ('kommunens_andel.rest', {'total': '1280.00', 'citizen': '30.00'}, {'municipality': '1250.00'}, []),
     ]),
]

@pytest.mark.parametrize(("given", "figures", "steps"), CASES)
def test_every_figure_and_step(given: dict[str, Any], figures: dict[str, Any], steps: list[tuple[Any, ...]]) -> None:
    t = transport(on=ON, **given)
    data = json.loads(t.model_dump_json())
    assert {k: data[k] for k in figures} == figures
    assert data["amount"] == figures["municipality"]
    for name in ("per_km", "daily_total", "daily_within_10km"):  # the prices given, as given
        assert data[name] == (None if given.get(name) is None else str(given[name]))
    assert (data["days"], data["distance_km"], data["net_earnings"], data["on"], data["kommune"], data["projected"]) == (
        given["days"], str(given["distance_km"]), str(given["net_earnings"]), "2025-03-01", None, False)
    assert t.amount == t.municipality == Decimal(figures["municipality"])
    assert t.explanation.title == "sel103.title.befordring"
    got = [(f.step.removeprefix("sel103.befordring."), {k: str(v) for k, v in f.inputs.items()},
            {k: str(v) for k, v in f.outputs.items()}, [r.key for r in f.rates]) for f in t.explanation.steps]
    assert got == steps
    assert [f.basis for f in t.explanation.steps] == [_BASIS, "", _BASIS, ""]  # the rule once, and the cap
    readings = [f.reading for f in t.explanation.steps if f.reading]
    assert readings == (["sel103.reading.loft_rundet_ned"] if t.capped else [])
    assert Transport.model_validate_json(t.model_dump_json()) == t


def test_sub_ore_totals_are_rounded_before_the_split() -> None:
    t = transport(days=1, distance_km="37.303", net_earnings="10000", per_km="2.53", on=ON)
    # 2 × 37.303 × 2.53 = 188.75318 → 188.75; 2 × 10 × 2.53 = 50.60
    assert (t.total, t.citizen, t.municipality) == (Decimal("188.75"), Decimal("50.60"), Decimal("138.15"))
    assert t.total.as_tuple().exponent == -2
    near = transport(days=3, distance_km="4.001", net_earnings="10000", per_km="2.53", on=ON)
    # 6 × 4.001 × 2.53 = 60.73518 → 60.74 for the whole trip and for the own share alike
    assert (near.total, near.citizen_before_cap, near.municipality) == (Decimal("60.74"), Decimal("60.74"), 0)
    zone = transport(days=3, distance_km=25, net_earnings="10000", daily_total="12.345", daily_within_10km="7.005", on=ON)
    assert (zone.total, zone.citizen_before_cap) == (Decimal("37.04"), Decimal("21.02"))  # 37.035 → 37.04, 21.015 → 21.02


def test_zone_prices_may_be_equal() -> None:
    t = transport(days=2, distance_km=25, net_earnings="10000", daily_total="40.00", daily_within_10km="40.00", on=ON)
    assert (t.total, t.citizen, t.municipality) == (Decimal("80.00"), Decimal("80.00"), Decimal("0.00"))


def test_the_cap_is_rounded_down_and_only_binds_above_it() -> None:
    t = transport(days=20, distance_km=25, net_earnings="1500.03", per_km="1.50", on=ON)
    assert t.citizen_cap == Decimal("450.00")  # 0.30 × 1500.03 = 450.009 → 450.00 (down)
    at = transport(days=20, distance_km=25, net_earnings="2000", per_km="1.50", on=ON)
    assert (at.citizen_before_cap, at.citizen_cap, at.capped, at.citizen) == (600, 600, False, 600)


@pytest.mark.parametrize("change", [{"citizen": Decimal("451.00")}, {"municipality": Decimal("1049.00")},
                                    {"amount": Decimal("1049.00")}, {"total": Decimal("1501.00")}])
def test_a_result_that_does_not_add_up_is_refused(change: dict[str, Decimal]) -> None:
    data = {**transport(**BASE).model_dump(), **change}
    with pytest.raises(ValidationError, match="citizen \\+ municipality = total"):
        Transport.model_validate(data)


@pytest.mark.parametrize(("change", "field", "value", "code"), [
    ({"per_km": None}, "per_km, daily_total, daily_within_10km", "none", "input.price_form_missing"),
    ({"daily_total": "64.00", "daily_within_10km": "40.00"}, "per_km, daily_total, daily_within_10km", "given",
     "input.price_form_both"),
    ({"per_km": None, "daily_total": "64.00"}, "daily_within_10km", None, "input.price_form_zone"),
    ({"per_km": None, "daily_within_10km": "4"}, "daily_total", None, "input.price_form_zone"),
    ({"per_km": None, "daily_total": "30.00", "daily_within_10km": "40.00"}, "daily_within_10km", Decimal("40.00"),
     "input.price_within_above_total"),
])
def test_bad_input_names_the_field_and_the_rule(change: dict[str, Any], field: str, value: Any, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        transport(**{**BASE, **change})
    assert (caught.value.field, caught.value.value, caught.value.code) == (field, value, code)
    if code == "input.price_within_above_total":
        assert caught.value.fields["total"] == Decimal("30.00")
        assert "(daily_total = 30,00 kr.)" in str(caught.value)


@pytest.mark.parametrize(("days", "shown", "code"), [(1.5, 1.5, "input.float"), (True, True, "input.bool"),
                                                     ("3", "'3'", "input.whole"), (-1, -1, "input.negative")])
def test_bad_days_are_refused(days: Any, shown: Any, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        transport(**{**BASE, "days": days})
    assert (caught.value.field, caught.value.value, caught.value.code) == ("days", shown, code)


@pytest.mark.parametrize("field", ["distance_km", "net_earnings", "per_km", "daily_total", "daily_within_10km"])
def test_negative_amounts_name_their_field(field: str) -> None:
    change: dict[str, Any] = {field: -1}
    if field.startswith("daily"):
        change = {"per_km": None, "daily_total": "64.00", "daily_within_10km": "40.00", field: -1}
    with pytest.raises(InvalidInput) as caught:
        transport(**{**BASE, **change})
    assert caught.value.field == field


def test_rates_and_kommune_are_used() -> None:
    from socialcalc.testing import book_with

    book = book_with({"national/test.toml": '[[rate]]\nkey = "sel103.own_transport_km"\nunit = "km"\nvalue = 5\n'
                      'valid_from = 2025-01-01\nstatus = "derived"\nsource = "test: 5 km"\n'})
    t = transport(**BASE, rates=book)
    assert t.citizen_before_cap == Decimal("300.00")  # 20 × 2 × 5 × 1.50
    assert transport(**BASE, kommune="lejre").kommune == "lejre"


def test_an_own_distance_with_decimals_counts() -> None:
    # an own distance of 7,5 km (a test book): 20 × 2 × 7,5 × 1,50 = 450,00 kr. (cut to 7 km it would be 420,00)
    from socialcalc.testing import book_with

    book = book_with({"national/test.toml": '[[rate]]\nkey = "sel103.own_transport_km"\nunit = "km"\nvalue = 7.5\n'
                      'valid_from = 2025-01-01\nstatus = "derived"\nsource = "test: 7,5 km"\n'})
    t = transport(**{**BASE, "net_earnings": "5000"}, rates=book)
    assert (t.total, t.citizen_before_cap, t.citizen, t.municipality) == (
        Decimal("1500.00"), Decimal("450.00"), Decimal("450.00"), Decimal("1050.00"))
    near = transport(**{**BASE, "net_earnings": "5000", "distance_km": "7.5"}, rates=book)
    assert (near.within_own_distance, near.municipality) == (True, Decimal("0.00"))


@pytest.mark.parametrize(("net", "cap"), [("1000.034", "300.01"), ("1000.033", "300.00"), ("1000.0334", "300.01"),
                                          ("0.034", "0.01")])
def test_net_earnings_with_more_than_two_decimals(net: str, cap: str) -> None:
    # the cap is 30 % of the exact net earnings, rounded down to øre: 1000,034 × 0,3 = 300,0102 → 300,01
    t = transport(**{**BASE, "net_earnings": net})
    assert (t.citizen_cap, t.citizen, t.capped) == (Decimal(cap), Decimal(cap), True)
    assert t.municipality == Decimal("1500.00") - Decimal(cap)
