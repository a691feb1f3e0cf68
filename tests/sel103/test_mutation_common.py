"""Tests that kill the mutants of ``beskyttet_beskaeftigelse/_common.py`` (SEL § 103: what wage and transport share).

A float for an exact field (hours, km) is refused with its Danish message, as a result read back from JSON
would be; the ``project`` argument is checked by the rule itself (a float names its own code, not the rate
book's general one), for the wage and for the transport.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from socialcalc.beskyttet_beskaeftigelse import PeriodWage, Transport, hourly_wage, period_wage, transport
from socialcalc.errors import InvalidInput
from tests.codes import raises_code

ON = date(2025, 1, 6)
FLOAT_TEXT = 'et kommatal (float) modtages ikke; angiv en decimaltekst som "12.5"'


def test_hours_as_a_float_are_refused_with_the_danish_text() -> None:
    data = period_wage("7.5", "30").model_dump(mode="json")
    assert PeriodWage.model_validate(data).hours == Decimal("7.5")
    data["hours"] = 7.5
    with pytest.raises(ValidationError) as caught:
        PeriodWage.model_validate(data)
    (error,) = caught.value.errors()
    assert error["loc"] == ("hours",)
    assert error["msg"] == f"Value error, {FLOAT_TEXT}"


def test_a_distance_as_a_float_is_refused_with_the_danish_text() -> None:
    data = transport(days=20, distance_km="25", net_earnings="4000", on=ON, per_km="2.50").model_dump(mode="json")
    data["distance_km"] = 25.0
    with pytest.raises(ValidationError) as caught:
        Transport.model_validate(data)
    (error,) = caught.value.errors()
    assert error["loc"] == ("distance_km",)
    assert error["msg"] == f"Value error, {FLOAT_TEXT}"


def test_the_wage_checks_project_itself() -> None:
    with raises_code(InvalidInput, "input.project_float", field="project"):
        hourly_wage("35", field_lowest_wage="180", on=ON, kommune="lejre", project=1.5)  # type: ignore[arg-type]


def test_the_transport_checks_project_itself() -> None:
    with raises_code(InvalidInput, "input.project_float", field="project"):
        transport(days=20, distance_km="25", net_earnings="4000", on=ON, per_km="2.50",
                  project=0.03)  # type: ignore[arg-type]
