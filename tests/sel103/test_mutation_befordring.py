"""Tests that kill the mutants of ``beskyttet_beskaeftigelse/befordring.py`` (SEL § 103; BEK § 2).

Each case pins every figure, its JSON form (amounts to two decimals: ``"1138.00"``, never ``"1138"``) and every
explanation step (text, inputs, output, rates), so that a change of an intermediate rounding, a branch or a
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
BASE: dict[str, Any] = {"days": 20, "distance_km": 25, "net_earnings": "1500", "per_km": "1.50", "on": ON}

CASES = [
    ({'days': 1, 'distance_km': '37.303', 'net_earnings': '10000', 'per_km': '2.53'},
     {'total': '188.75', 'citizen': '50.60', 'municipality': '138.15', 'citizen_before_cap': '50.60', 'citizen_cap': '3000.00', 'capped': False, 'within_own_distance': False, 'price_form': 'per_km'},
     [
         ('udgift', 'Den samlede udgift til den billigste befordring er 1 arbejdsdage × 2 ture × 37,303 km × 2,53 kr. pr. km = 188,75 kr.', {'days': '1', 'distance_km': '37.303', 'per_km': '2.53'}, '188.75', []),
         ('egen_andel', 'Borgeren afholder selv befordringen inden for 10 km fra arbejdsstedet (37,303 km hver vej): 1 arbejdsdage × 2 ture × 10 km × 2,53 kr. pr. km = 50,60 kr.', {}, '50.60', ['sel103.own_transport_km']),
         ('loft', 'Borgerens udgift til befordring kan aldrig overstige 30 % af indtjeningen i beskyttet beskæftigelse efter skat, 10.000,00 kr.: højst 3.000,00 kr. (rundet ned til hele øre). Loftet er ikke nået; borgeren betaler 50,60 kr.', {'net_earnings': '10000'}, '50.60', ['sel103.transport_cap_share']),
         ('kommunens_andel', 'Kommunen betaler resten af udgiften til den billigste befordring: 188,75 kr. − 50,60 kr. = 138,15 kr.', {}, '138.15', []),
     ]),
    ({'days': 3, 'distance_km': '4.001', 'net_earnings': '10000', 'per_km': '2.53'},
     {'total': '60.74', 'citizen': '60.74', 'municipality': '0.00', 'citizen_before_cap': '60.74', 'citizen_cap': '3000.00', 'capped': False, 'within_own_distance': True, 'price_form': 'per_km'},
     [
         ('udgift', 'Den samlede udgift til den billigste befordring er 3 arbejdsdage × 2 ture × 4,001 km × 2,53 kr. pr. km = 60,74 kr.', {'days': '3', 'distance_km': '4.001', 'per_km': '2.53'}, '60.74', []),
         ('egen_andel', 'Hele turen (4,001 km hver vej) ligger inden for 10 km fra arbejdsstedet, så borgeren afholder som udgangspunkt hele udgiften selv: 60,74 kr.', {}, '60.74', ['sel103.own_transport_km']),
         ('loft', 'Borgerens udgift til befordring kan aldrig overstige 30 % af indtjeningen i beskyttet beskæftigelse efter skat, 10.000,00 kr.: højst 3.000,00 kr. (rundet ned til hele øre). Loftet er ikke nået; borgeren betaler 60,74 kr.', {'net_earnings': '10000'}, '60.74', ['sel103.transport_cap_share']),
         ('kommunens_andel', 'Kommunen betaler intet, da hele turen ligger inden for 10 km fra arbejdsstedet, og loftet ikke er nået: 0,00 kr.', {}, '0.00', []),
     ]),
    ({'days': 20, 'distance_km': 25, 'net_earnings': '1500', 'per_km': '1.50'},
     {'total': '1500.00', 'citizen': '450.00', 'municipality': '1050.00', 'citizen_before_cap': '600.00', 'citizen_cap': '450.00', 'capped': True, 'within_own_distance': False, 'price_form': 'per_km'},
     [
         ('udgift', 'Den samlede udgift til den billigste befordring er 20 arbejdsdage × 2 ture × 25 km × 1,50 kr. pr. km = 1.500,00 kr.', {'days': '20', 'distance_km': '25', 'per_km': '1.50'}, '1500.00', []),
         ('egen_andel', 'Borgeren afholder selv befordringen inden for 10 km fra arbejdsstedet (25 km hver vej): 20 arbejdsdage × 2 ture × 10 km × 1,50 kr. pr. km = 600,00 kr.', {}, '600.00', ['sel103.own_transport_km']),
         ('loft', 'Borgerens udgift til befordring kan aldrig overstige 30 % af indtjeningen i beskyttet beskæftigelse efter skat, 1.500,00 kr.: højst 450,00 kr. (rundet ned til hele øre). Borgerens andel, 600,00 kr., er over loftet, så borgeren betaler 450,00 kr., og resten falder på kommunen.', {'net_earnings': '1500'}, '450.00', ['sel103.transport_cap_share']),
         ('kommunens_andel', 'Kommunen betaler resten af udgiften til den billigste befordring: 1.500,00 kr. − 450,00 kr. = 1.050,00 kr.', {}, '1050.00', []),
     ]),
    ({'days': 20, 'distance_km': 25, 'net_earnings': 5000, 'daily_total': '64.00', 'daily_within_10km': '40.00'},
     {'total': '1280.00', 'citizen': '800.00', 'municipality': '480.00', 'citizen_before_cap': '800.00', 'citizen_cap': '1500.00', 'capped': False, 'within_own_distance': False, 'price_form': 'zone'},
     [
         ('udgift', 'Den samlede udgift til den billigste befordring er 20 arbejdsdage × 64,00 kr. (dagspris for hele turen frem og tilbage) = 1.280,00 kr.', {'days': '20', 'distance_km': '25', 'daily_total': '64.00'}, '1280.00', []),
         ('egen_andel', 'Borgeren afholder selv befordringen inden for 10 km fra arbejdsstedet (25 km hver vej): 20 arbejdsdage × 40,00 kr. (dagspris for en tur på 10 km) = 800,00 kr.', {'daily_within_10km': '40.00'}, '800.00', ['sel103.own_transport_km']),
         ('loft', 'Borgerens udgift til befordring kan aldrig overstige 30 % af indtjeningen i beskyttet beskæftigelse efter skat, 5.000,00 kr.: højst 1.500,00 kr. (rundet ned til hele øre). Loftet er ikke nået; borgeren betaler 800,00 kr.', {'net_earnings': '5000'}, '800.00', ['sel103.transport_cap_share']),
         ('kommunens_andel', 'Kommunen betaler resten af udgiften til den billigste befordring: 1.280,00 kr. − 800,00 kr. = 480,00 kr.', {}, '480.00', []),
     ]),
    ({'days': 20, 'distance_km': 8, 'net_earnings': 5000, 'daily_total': '64.00', 'daily_within_10km': '40.00'},
     {'total': '1280.00', 'citizen': '1280.00', 'municipality': '0.00', 'citizen_before_cap': '1280.00', 'citizen_cap': '1500.00', 'capped': False, 'within_own_distance': True, 'price_form': 'zone'},
     [
         ('udgift', 'Den samlede udgift til den billigste befordring er 20 arbejdsdage × 64,00 kr. (dagspris for hele turen frem og tilbage) = 1.280,00 kr.', {'days': '20', 'distance_km': '8', 'daily_total': '64.00'}, '1280.00', []),
         ('egen_andel', 'Hele turen (8 km hver vej) ligger inden for 10 km fra arbejdsstedet, så borgeren afholder som udgangspunkt hele udgiften selv: 1.280,00 kr.', {}, '1280.00', ['sel103.own_transport_km']),
         ('loft', 'Borgerens udgift til befordring kan aldrig overstige 30 % af indtjeningen i beskyttet beskæftigelse efter skat, 5.000,00 kr.: højst 1.500,00 kr. (rundet ned til hele øre). Loftet er ikke nået; borgeren betaler 1.280,00 kr.', {'net_earnings': '5000'}, '1280.00', ['sel103.transport_cap_share']),
         ('kommunens_andel', 'Kommunen betaler intet, da hele turen ligger inden for 10 km fra arbejdsstedet, og loftet ikke er nået: 0,00 kr.', {}, '0.00', []),
     ]),
    ({'days': 20, 'distance_km': 8, 'net_earnings': 100, 'daily_total': '64.00', 'daily_within_10km': '40.00'},
     {'total': '1280.00', 'citizen': '30.00', 'municipality': '1250.00', 'citizen_before_cap': '1280.00', 'citizen_cap': '30.00', 'capped': True, 'within_own_distance': True, 'price_form': 'zone'},
     [
         ('udgift', 'Den samlede udgift til den billigste befordring er 20 arbejdsdage × 64,00 kr. (dagspris for hele turen frem og tilbage) = 1.280,00 kr.', {'days': '20', 'distance_km': '8', 'daily_total': '64.00'}, '1280.00', []),
         ('egen_andel', 'Hele turen (8 km hver vej) ligger inden for 10 km fra arbejdsstedet, så borgeren afholder som udgangspunkt hele udgiften selv: 1.280,00 kr.', {}, '1280.00', ['sel103.own_transport_km']),
         ('loft', 'Borgerens udgift til befordring kan aldrig overstige 30 % af indtjeningen i beskyttet beskæftigelse efter skat, 100,00 kr.: højst 30,00 kr. (rundet ned til hele øre). Borgerens andel, 1.280,00 kr., er over loftet, så borgeren betaler 30,00 kr., og resten falder på kommunen.', {'net_earnings': '100'}, '30.00', ['sel103.transport_cap_share']),
         ('kommunens_andel', 'Kommunen betaler resten af udgiften til den billigste befordring: 1.280,00 kr. − 30,00 kr. = 1.250,00 kr.', {}, '1250.00', []),
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
    assert t.explanation.title == "Befordring i beskyttet beskæftigelse (SEL § 103)"
    got = [(s.rule.rsplit(".", 1)[1], s.text, {k: str(v) for k, v in s.inputs.items()}, str(s.output),
            [r.key for r in s.rates]) for s in t.explanation.steps]
    assert got == steps
    assert all(s.rule.startswith("beskyttet_beskaeftigelse.befordring.") for s in t.explanation.steps)
    assert t.explain().endswith(
        f"Resultat: borgeren betaler {_kr(t.citizen)}, kommunen betaler {_kr(t.municipality)} (i alt {_kr(t.total)}).")
    assert Transport.model_validate_json(t.model_dump_json()) == t


def _kr(amount: Decimal) -> str:
    from socialcalc.explain import kr

    return kr(amount)


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
    with pytest.raises(ValidationError, match="citizen \\+ municipality must equal total, and amount must equal"):
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
