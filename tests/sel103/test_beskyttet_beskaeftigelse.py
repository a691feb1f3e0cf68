"""§ 103 beskyttet beskæftigelse: the spec's worked examples, the readings at the edges, every bad input, the CLI."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from socialcalc.beskyttet_beskaeftigelse import (
    HourlyWage,
    PeriodWage,
    PriceForm,
    Transport,
    WageBasis,
    hourly_wage,
    period_wage,
    transport,
)
from socialcalc.cli import main
from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.schema import public_models
from tests.codes import raises_code

ON = date(2025, 3, 1)
D = Decimal


# -- wage: worked example 1 ------------------------------------------------------------------------------------------


def test_example_1_lejre_caps_at_30() -> None:
    w = hourly_wage("35", field_lowest_wage="180.00", on=ON, kommune="lejre")
    assert (w.amount, w.floor, w.cap, w.basis) == (D("30.00"), D("9.00"), D("30.00"), WageBasis.CAP)
    assert w.kommune == "lejre"
    assert w.projected is False
    assert "Lejre Kommunes kvalitetsstandard" in w.explain()
    assert "højst 30,00 kr. i timen" in w.explain()
    assert "Kommunens kvalitetsstandard fastsætter som udgangspunkt en timeløn på højst 30,00 kr." in w.explain(
        audience="sagsbehandler")


def test_example_1_lemvig_has_no_cap() -> None:
    w = hourly_wage("35", field_lowest_wage="180.00", on=ON, kommune="lemvig")
    assert (w.amount, w.floor, w.cap, w.basis) == (D("35.00"), D("9.00"), None, WageBasis.ASSESSED)
    assert "Kommunen har ikke fastsat en højeste timeløn (Lemvig Kommunes kvalitetsstandarder 2024" in w.explain()
    assert "Lemvig Kommunes kvalitetsstandarder 2024" in w.explain()


def test_no_kommune_means_no_cap() -> None:
    w = hourly_wage(35, field_lowest_wage=180, on=ON)
    assert (w.amount, w.cap, w.kommune) == (D("35.00"), None, None)
    assert "Der er ikke angivet en kommune" in w.explain(audience="sagsbehandler")
    # no municipality, no municipal wording in the reasoning (a rate's source may still name the standards)
    assert "kvalitetsstandard" not in w.explain(audience="sagsbehandler").split("Anvendte satser:")[0]


def test_lejre_cap_holds_from_25_november_2024() -> None:
    before = hourly_wage("35", field_lowest_wage="180", on=date(2024, 11, 24), kommune="lejre")
    after = hourly_wage("35", field_lowest_wage="180", on=date(2024, 11, 25), kommune="lejre")
    assert (before.amount, before.cap) == (D("35.00"), None)
    assert (after.amount, after.cap) == (D("30.00"), D("30.00"))


def test_assessed_below_floor_is_raised_to_floor() -> None:
    w = hourly_wage("5", field_lowest_wage="180", on=ON, kommune="lejre")
    assert (w.amount, w.basis) == (D("9.00"), WageBasis.FLOOR)
    assert "er under mindstebeløbet. Timelønnen hæves til 9,00 kr." in w.explain(audience="sagsbehandler")


def test_floor_above_cap_wins_and_says_why() -> None:
    w = hourly_wage("35", field_lowest_wage="700", on=ON, kommune="lejre")
    assert (w.amount, w.floor, w.cap, w.basis) == (D("35.00"), D("35.00"), D("30.00"), WageBasis.FLOOR_OVER_CAP)
    assert "går forud for kommunens retningslinje" in w.explain(audience="sagsbehandler")
    assert w.explanation.steps[-1].reading == "sel103.reading.mindsteloen_foer_loft"
    low = hourly_wage("1", field_lowest_wage="700.20", on=ON, kommune="lejre")
    assert (low.amount, low.basis) == (D("35.01"), WageBasis.FLOOR_OVER_CAP)


def test_floor_is_rounded_to_ore_half_up() -> None:
    assert hourly_wage("0", field_lowest_wage="180.10", on=ON).floor == D("9.01")  # 9.005 → 9.01
    assert hourly_wage("0", field_lowest_wage="180.09", on=ON).floor == D("9.00")  # 9.0045 → 9.00


def test_assessed_within_limits_is_kept_and_rounded_to_ore() -> None:
    w = hourly_wage("12.345", field_lowest_wage="180", on=ON, kommune="lejre")
    assert (w.amount, w.basis) == (D("12.35"), WageBasis.ASSESSED)


def test_wage_before_the_rule_in_our_book_is_not_published() -> None:
    with pytest.raises(RateNotPublished, match=r"sel103\.wage_floor_share"):
        hourly_wage("35", field_lowest_wage="180", on=date(2011, 2, 3))


def test_unknown_kommune() -> None:
    with pytest.raises(UnknownRate, match="aarhus"):
        hourly_wage("35", field_lowest_wage="180", on=ON, kommune="aarhus")


def test_wage_round_trips_through_json() -> None:
    w = hourly_wage("35", field_lowest_wage="180.00", on=ON, kommune="lejre")
    assert HourlyWage.model_validate_json(w.model_dump_json()) == w
    assert json.loads(w.model_dump_json())["cap"] == "30.00"


# -- wage of a period ------------------------------------------------------------------------------------------------


def test_period_wage_from_an_hourly_wage() -> None:
    w = hourly_wage("35", field_lowest_wage="180.00", on=ON, kommune="lejre")
    p = period_wage("100", w)
    assert (p.amount, p.hours, p.hourly_rate, p.hourly_wage) == (D("3000.00"), D("100"), D("30.00"), w)
    # the period's explanation opens with the hourly wage's steps
    assert p.explanation.steps[: len(w.explanation.steps)] == w.explanation.steps
    assert "100 timer × 30,00 kr. = 3.000,00 kr." in p.explain(audience="sagsbehandler")
    assert "Din løn for perioden er 100 timer til 30,00 kr. i timen, i alt 3.000,00 kr." in p.explain()
    assert PeriodWage.model_validate_json(p.model_dump_json()) == p


def test_period_wage_rounds_to_ore_half_up() -> None:
    assert period_wage("7.5", "9.01").amount == D("67.58")  # 67.575
    assert period_wage(0, "30").amount == D("0.00")


@pytest.mark.parametrize(("hours", "rate", "field"), [
    (-1, "30", "hours"),
    ("7.5", "-0.01", "hourly_rate"),
    (7.5, "30", "hours"),
    ("7.5", 30.0, "hourly_rate"),
])
def test_period_wage_bad_input(hours: Any, rate: Any, field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        period_wage(hours, rate)
    assert err.value.field == field


# -- wage: bad input -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"assessed": "-1"}, "assessed"),
    ({"field_lowest_wage": "-180"}, "field_lowest_wage"),
    ({"assessed": 35.0}, "assessed"),
    ({"field_lowest_wage": 180.0}, "field_lowest_wage"),
    ({"assessed": "35,00"}, "assessed"),
    ({"on": "2025-03-01"}, "on"),
    ({"on": datetime(2025, 3, 1, 12, 0)}, "on"),
])
def test_wage_bad_input(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"assessed": "35", "field_lowest_wage": "180", "on": ON, "kommune": "lejre", **kwargs}
    assessed = args.pop("assessed")
    with pytest.raises(InvalidInput) as err:
        hourly_wage(assessed, **args)
    assert err.value.field == field


# -- transport: worked examples 2 and 3 ------------------------------------------------------------------------------


def test_example_2_twenty_five_km() -> None:
    t = transport(days=20, distance_km=25, net_earnings="1500.00", per_km="1.50", on=ON)
    assert (t.total, t.citizen_before_cap, t.citizen_cap) == (D("1500.00"), D("600.00"), D("450.00"))
    assert (t.citizen, t.municipality, t.amount, t.capped) == (D("450.00"), D("1050.00"), D("1050.00"), True)
    assert (t.within_own_distance, t.price_form) == (False, PriceForm.PER_KM)
    text = t.explain(audience="sagsbehandler")
    assert "20 arbejdsdage × 2 ture × 10 km × 1,50 kr. pr. km = 600,00 kr." in text
    assert ("30 % af indtjeningen i beskyttet beskæftigelse efter skat, 1.500,00 kr., det vil sige højst 450,00 kr."
            in text)
    assert "1.500,00 kr. − 450,00 kr. = 1.050,00 kr." in text
    letter = t.explain()
    assert "det vil sige højst 450,00 kr., så du betaler 450,00 kr." in letter
    assert "Kommunen betaler resten, 1.050,00 kr." in letter


def test_example_3_eight_km_cap_binds() -> None:
    t = transport(days=20, distance_km=8, net_earnings="1500.00", per_km="1.50", on=ON)
    assert (t.total, t.citizen_before_cap, t.citizen, t.municipality) == (
        D("480.00"), D("480.00"), D("450.00"), D("30.00"))
    assert (t.capped, t.within_own_distance) == (True, True)
    assert "Hele turen, 8 km hver vej, ligger inden for 10 km" in t.explain(audience="sagsbehandler")


def test_eight_km_without_the_cap_the_municipality_pays_nothing() -> None:
    t = transport(days=20, distance_km=8, net_earnings="5000", per_km="1.50", on=ON, kommune="lemvig")
    assert (t.citizen, t.municipality, t.capped) == (D("480.00"), D("0.00"), False)
    assert "Kommunen betaler intet" in t.explain(audience="sagsbehandler")
    assert "Kommunen betaler derfor ikke noget til din befordring." in t.explain()


def test_exactly_ten_km_is_within() -> None:
    t = transport(days=1, distance_km=10, net_earnings="1000", per_km="2", on=ON)
    assert (t.total, t.citizen, t.municipality, t.within_own_distance) == (D("40.00"), D("40.00"), D("0.00"), True)


def test_share_equal_to_cap_is_not_capped() -> None:
    t = transport(days=20, distance_km=25, net_earnings="2000", per_km="1.50", on=ON)
    assert (t.citizen_cap, t.citizen, t.capped) == (D("600.00"), D("600.00"), False)


def test_cap_is_rounded_down_to_ore() -> None:
    t = transport(days=20, distance_km=25, net_earnings="100.05", per_km="1.50", on=ON)  # 30.015
    assert (t.citizen_cap, t.citizen, t.municipality) == (D("30.01"), D("30.01"), D("1469.99"))


def test_no_earnings_means_the_municipality_pays_all() -> None:
    t = transport(days=20, distance_km=8, net_earnings=0, per_km="1.50", on=ON)
    assert (t.citizen, t.municipality, t.capped) == (D("0.00"), D("480.00"), True)


def test_total_is_rounded_to_ore_and_shares_add_up() -> None:
    t = transport(days=3, distance_km="12.3", net_earnings="10000", per_km="0.37", on=ON)
    # 3 × 2 × 12.3 × 0.37 = 27.306 → 27.31; 3 × 2 × 10 × 0.37 = 22.20
    assert (t.total, t.citizen, t.municipality) == (D("27.31"), D("22.20"), D("5.11"))


def test_zone_tickets_beyond_ten_km() -> None:
    t = transport(days=20, distance_km=25, net_earnings=5000, daily_total="64.00", daily_within_10km="40.00",
                  on=ON, kommune="lejre")
    assert (t.total, t.citizen, t.municipality, t.capped) == (D("1280.00"), D("800.00"), D("480.00"), False)
    assert t.price_form is PriceForm.ZONE
    assert "20 arbejdsdage × 40,00 kr., dagsprisen for en tur på 10 km, = 800,00 kr." in t.explain(
        audience="sagsbehandler")


def test_zone_tickets_within_ten_km_the_whole_price_is_the_citizens() -> None:
    t = transport(days=20, distance_km=8, net_earnings=5000, daily_total="24.00", daily_within_10km="20.00", on=ON)
    assert (t.total, t.citizen, t.municipality) == (D("480.00"), D("480.00"), D("0.00"))


def test_zone_tickets_cap_binds() -> None:
    t = transport(days=20, distance_km=25, net_earnings="1500", daily_total="75", daily_within_10km="30", on=ON)
    assert (t.total, t.citizen_before_cap, t.citizen, t.municipality, t.capped) == (
        D("1500.00"), D("600.00"), D("450.00"), D("1050.00"), True)


def test_zero_days() -> None:
    t = transport(days=0, distance_km=25, net_earnings=0, per_km="1.50", on=ON)
    assert (t.total, t.citizen, t.municipality, t.capped) == (D("0.00"), D("0.00"), D("0.00"), False)


def test_transport_round_trips_through_json() -> None:
    t = transport(days=20, distance_km="25.5", net_earnings="1500.00", per_km="1.50", on=ON, kommune="lejre")
    assert Transport.model_validate_json(t.model_dump_json()) == t
    data = json.loads(t.model_dump_json())
    assert (data["amount"], data["citizen"], data["capped"], data["kommune"]) == ("1080.00", "450.00", True, "lejre")


def test_transport_model_refuses_shares_that_do_not_add_up() -> None:
    t = transport(days=20, distance_km=25, net_earnings="1500.00", per_km="1.50", on=ON)
    data = json.loads(t.model_dump_json())
    data["municipality"] = "1049.99"
    with pytest.raises(ValueError, match="citizen \\+ municipality"):
        Transport.model_validate(data)


def test_transport_before_the_rule_in_our_book_is_not_published() -> None:
    with pytest.raises(RateNotPublished, match=r"sel103\.own_transport_km"):
        transport(days=20, distance_km=25, net_earnings=1500, per_km="1.50", on=date(2011, 2, 3))


# -- transport: bad input --------------------------------------------------------------------------------------------

GOOD: dict[str, Any] = {"days": 20, "distance_km": 25, "net_earnings": "1500", "on": ON, "per_km": "1.50"}
ZONE: dict[str, Any] = {"days": 20, "distance_km": 25, "net_earnings": "1500", "on": ON,
                        "daily_total": "64", "daily_within_10km": "40"}


@pytest.mark.parametrize(("base", "change", "field"), [
    (GOOD, {"days": -1}, "days"),
    (GOOD, {"distance_km": "-0.1"}, "distance_km"),
    (GOOD, {"per_km": "-1.50"}, "per_km"),
    (GOOD, {"net_earnings": "-1"}, "net_earnings"),
    (ZONE, {"daily_total": "-64"}, "daily_total"),
    (ZONE, {"daily_within_10km": "-40"}, "daily_within_10km"),
    # a float anywhere
    (GOOD, {"days": 20.0}, "days"),
    (GOOD, {"distance_km": 25.0}, "distance_km"),
    (GOOD, {"net_earnings": 1500.0}, "net_earnings"),
    (GOOD, {"per_km": 1.5}, "per_km"),
    (ZONE, {"daily_total": 64.0}, "daily_total"),
    (ZONE, {"daily_within_10km": 40.0}, "daily_within_10km"),
    # days is a whole number, an int
    (GOOD, {"days": D("20")}, "days"),
    (GOOD, {"days": "20"}, "days"),
    (GOOD, {"days": True}, "days"),
    # the day
    (GOOD, {"on": "2025-03-01"}, "on"),
    # a 10 km price above the whole trip's price
    (ZONE, {"daily_within_10km": "64.01"}, "daily_within_10km"),
    # one of the zone prices alone
    ({**ZONE, "daily_within_10km": None}, {}, "daily_within_10km"),
    ({**ZONE, "daily_total": None}, {}, "daily_total"),
])
def test_transport_bad_input(base: dict[str, Any], change: dict[str, Any], field: str) -> None:
    kwargs = {k: v for k, v in {**base, **change}.items() if v is not None}
    with pytest.raises(InvalidInput) as err:
        transport(**kwargs)
    assert field in err.value.field


def test_float_days_message_names_the_float() -> None:
    with raises_code(InvalidInput, "input.float", field="days", value=20.0):
        transport(**{**GOOD, "days": 20.0})


def test_both_price_forms_are_refused() -> None:
    with raises_code(InvalidInput, "input.price_form_both", value="given"):
        transport(**GOOD, daily_total="64", daily_within_10km="40")
    with raises_code(InvalidInput, "input.price_form_both", value="given"):
        transport(**GOOD, daily_total="64")


def test_neither_price_form_is_refused() -> None:
    kwargs = {k: v for k, v in GOOD.items() if k != "per_km"}
    with raises_code(InvalidInput, "input.price_form_missing", value="none"):
        transport(**kwargs)


def test_ten_km_price_above_whole_trip_names_both() -> None:
    with raises_code(InvalidInput, "input.price_within_above_total", field="daily_within_10km",
                     value=Decimal("64.01"), total=Decimal("64")) as caught:
        transport(**{**ZONE, "daily_within_10km": "64.01"})
    assert "daily_within_10km = 64.01: " in str(caught.value) and "(daily_total = 64,00 kr.)" in str(caught.value)


def test_bad_input_is_refused_before_any_rate_is_read() -> None:
    # a date the book has no § 103 rates for: the input error still comes first
    with pytest.raises(InvalidInput):
        transport(**{**GOOD, "days": -1, "on": date(2020, 1, 1)})
    with pytest.raises(InvalidInput):
        hourly_wage("-1", field_lowest_wage="180", on=date(2020, 1, 1))


# -- schema ----------------------------------------------------------------------------------------------------------


def test_models_are_public() -> None:
    models = public_models()
    assert {"HourlyWage", "PeriodWage", "Transport"} <= set(models)
    assert models["Transport"] is Transport


# -- CLI -------------------------------------------------------------------------------------------------------------


def test_cli_loen_text(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["beskaeftigelse", "loen", "35", "--field-lowest-wage", "180.00", "--on", "2025-03-01",
                 "--kommune", "lejre"])
    out = capsys.readouterr().out
    assert code == 0
    assert "så du får 30,00 kr. i timen" in out
    assert out.strip().endswith("Beløb: 30,00 kr.")


def test_cli_loen_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["beskaeftigelse", "loen", "35", "--field-lowest-wage", "180.00", "--on", "2025-03-01",
                 "--kommune", "lemvig", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (data["amount"], data["floor"], data["cap"], data["basis"]) == ("35.00", "9.00", None, "assessed")


def test_cli_loen_hours(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["beskaeftigelse", "loen", "35", "--field-lowest-wage", "180.00", "--on", "2025-03-01",
                 "--kommune", "lejre", "--hours", "12.5", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (data["amount"], data["hours"], data["hourly_rate"]) == ("375.00", "12.5", "30.00")
    assert data["hourly_wage"]["basis"] == "cap"


def test_cli_befordring_per_km(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["beskaeftigelse", "befordring", "--days", "20", "--distance-km", "25", "--net-earnings", "1500",
                 "--on", "2025-03-01", "--per-km", "1.50", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (data["total"], data["citizen"], data["municipality"], data["capped"]) == (
        "1500.00", "450.00", "1050.00", True)


def test_cli_befordring_zone_text(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["beskaeftigelse", "befordring", "--days", "20", "--distance-km", "25", "--net-earnings", "5000",
                 "--on", "2025-03-01", "--daily-total", "64", "--daily-within-10km", "40", "--kommune", "lejre"])
    out = capsys.readouterr().out
    assert code == 0
    assert "så du selv betaler 800,00 kr." not in out  # the trip is beyond 10 km
    assert "Det er 800,00 kr.: 20 arbejdsdage til 40,00 kr. om dagen for en tur på 10 km" in out
    assert "Kommunen betaler resten, 480,00 kr." in out


@pytest.mark.parametrize("extra", [
    ["--per-km", "1.50", "--daily-total", "64", "--daily-within-10km", "40"],
    [],
    ["--daily-total", "40", "--daily-within-10km", "64"],
    ["--per-km", "1.50", "--days", "-2"],
])
def test_cli_befordring_bad_input_exits_2(extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["beskaeftigelse", "befordring", "--days", "20", "--distance-km", "25", "--net-earnings", "1500",
                 "--on", "2025-03-01", *extra])
    assert code == 2
    assert capsys.readouterr().err.startswith("socialcalc: fejl: ")


def test_cli_decimal_comma_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["beskaeftigelse", "befordring", "--days", "20", "--distance-km", "25", "--net-earnings", "1500",
              "--on", "2025-03-01", "--per-km", "1,50"])
    assert exit_.value.code == 2
    assert '"1.50"' in capsys.readouterr().err
