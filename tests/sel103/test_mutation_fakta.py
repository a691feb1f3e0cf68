"""Tests that kill the mutants of ``beskyttet_beskaeftigelse/fakta.py`` (SEL § 103; BEK §§ 1 and 2).

Every branch of the facts builders (per km or zone tickets; within the own distance or not; capped or not;
each wage basis; a municipal cap, a municipality without one, no municipality; a period's wage with and without
its hourly wage) is pinned fact by fact: the step id, the legal basis, the inputs and outputs as stored, the
keys of the rates used and the reading, in ``golden/fakta.json`` (read once by a person). A renamed input, a
rate left out, a basis cited on the wrong step or a reading dropped changes the file.

Regenerate after a reviewed change with ``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/sel103/test_mutation_fakta.py``
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

import pytest

from socialcalc.beskyttet_beskaeftigelse import hourly_wage, period_wage, transport
from socialcalc.beskyttet_beskaeftigelse.fakta import period_facts, wage_rates
from socialcalc.ratebook import default_book

GOLDEN = Path(__file__).parent / "golden" / "fakta.json"
ON = date(2025, 3, 1)
_ZONE = {"daily_total": "64.00", "daily_within_10km": "40.00"}

CASES: dict[str, Callable[[], Any]] = {
    "km-capped": lambda: transport(days=20, distance_km=25, net_earnings="1500", per_km="1.50", on=ON),
    "km-not-capped": lambda: transport(days=20, distance_km="25.5", net_earnings="5000", per_km="1.50", on=ON,
                                       kommune="lejre"),
    "km-within-capped": lambda: transport(days=20, distance_km=8, net_earnings="1500", per_km="1.50", on=ON),
    "km-within-not-capped": lambda: transport(days=20, distance_km=8, net_earnings="5000", per_km="1.50", on=ON),
    "zone-not-capped": lambda: transport(days=20, distance_km=25, net_earnings="5000", on=ON, **_ZONE),
    "zone-capped": lambda: transport(days=20, distance_km=25, net_earnings="1000", on=ON, **_ZONE),
    "zone-within": lambda: transport(days=20, distance_km=10, net_earnings="5000", on=ON, **_ZONE),
    "wage-cap": lambda: hourly_wage("35", field_lowest_wage="180.00", on=ON, kommune="lejre"),
    "wage-assessed-cap": lambda: hourly_wage("12.345", field_lowest_wage="180", on=ON, kommune="lejre"),
    "wage-assessed-no-cap": lambda: hourly_wage("35", field_lowest_wage="180", on=ON, kommune="lemvig"),
    "wage-no-kommune": lambda: hourly_wage("35", field_lowest_wage="180", on=ON),
    "wage-floor": lambda: hourly_wage("5", field_lowest_wage="180", on=ON, kommune="lejre"),
    "wage-floor-over-cap": lambda: hourly_wage("35", field_lowest_wage="700", on=ON, kommune="lejre"),
    "period": lambda: period_wage("12.25", "9.00"),
    "period-of-wage": lambda: period_wage("100", hourly_wage("35", field_lowest_wage="180", on=ON,
                                                             kommune="lejre")),
}


def _facts(result: Any) -> dict[str, Any]:
    e = result.explanation
    return {"title": e.title, "steps": [
        {"step": f.step, "basis": f.basis, "inputs": dict(f.inputs), "outputs": dict(f.outputs),
         "rates": [r.key for r in f.rates], "reading": f.reading, "parts": len(f.parts)} for f in e.steps]}


def test_facts_of_every_branch() -> None:
    got = {name: _facts(make()) for name, make in CASES.items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(CASES))
def test_every_fact_renders(name: str) -> None:
    result = CASES[name]()
    for audience in ("borger", "sagsbehandler"):
        assert result.explain(audience=audience, locale="da")


def test_the_wage_rates_of_a_day() -> None:
    lejre = wage_rates(default_book().at(ON, "lejre"))
    assert (lejre.share.key, lejre.wage.key, lejre.floor.key) == (
        "sel103.wage_floor_share", "hjemmel.sel103.loen", "hjemmel.sel103.mindsteloen")
    assert lejre.cap is not None and lejre.cap.key == "sel103.hourly_wage_cap"
    assert lejre.standard is not None and lejre.standard.key == "hjemmel.sel103.kvalitetsstandard"
    national = wage_rates(default_book().at(ON))
    assert (national.cap, national.standard) == (None, None)


def test_a_period_without_an_earlier_explanation_is_its_own() -> None:
    e = period_facts(hours=Decimal("7.50"), hourly_rate=Decimal("30"), amount=Decimal("225.00"), earlier=None)
    assert e.title == "sel103.title.periodeloen"
    assert [(f.step, dict(f.inputs), dict(f.outputs)) for f in e.steps] == [
        ("sel103.loen.periode", {"hours": "7.5", "hourly_rate": "30.00"}, {"amount": "225.00"})]


def test_zone_tickets_of_zero_are_stated_as_zero() -> None:
    # free zone tickets: the price inputs of the facts are zero (not left out, not another number)
    t = transport(days=20, distance_km=25, net_earnings="5000", on=ON, daily_total="0", daily_within_10km="0")
    first, own = t.explanation.steps[0], t.explanation.steps[1]
    assert (first.step, own.step) == ("sel103.befordring.udgift.zone", "sel103.befordring.egen_andel.zone")
    assert Decimal(first.inputs["daily_total"]) == 0 and Decimal(own.inputs["daily_within_10km"]) == 0
    assert (t.total, t.citizen, t.municipality) == (Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))
