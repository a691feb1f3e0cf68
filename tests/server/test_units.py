"""The server's small parts in-process: CPR redaction, error codes, the explanation switch, Danish formats."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.server.page import danish_amount, danish_date, danish_month, request_data
from socialcalc.server.problems import error_code, problem_of, redact, status_of
from socialcalc.server.rules import render


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 9999),
       st.sampled_from(["-", "", " "]), st.text(max_size=20), st.text(max_size=20))
def test_every_cpr_shape_is_redacted(day: date, serial: int, sep: str, before: str, after: str) -> None:
    cpr = f"{day:%d%m%y}{sep}{serial:04d}"
    text = redact(f"{before} {cpr} {after}")
    assert cpr not in text
    assert "<skjult>" in text


@pytest.mark.parametrize("text", ["1800.50", "2024-03-01", "1.800,50 kr.", "sel097.expense_grant_max = 1005",
                                  "12345678901", "2277.00", "3112991234.50"])
def test_ordinary_figures_are_kept(text: str) -> None:
    assert redact(text) == text


def test_error_codes_prefer_the_errors_own_code() -> None:
    assert error_code(InvalidInput("expenses", 0.7, code="input.float")) == "input.float"

    class Uncoded(InvalidInput):  # an error from before the library had codes
        def __init__(self) -> None:
            ValueError.__init__(self, "x")

    assert error_code(Uncoded()) == "input.invalid"
    assert status_of(RateNotPublished("k", "2031-01-01", None)) == 409
    assert status_of(UnknownRate("x")) == 422


def test_a_problem_never_carries_a_cpr() -> None:
    body = problem_of(InvalidInput("cpr", "211062-0629", "bad 211062-0629"))
    assert "211062-0629" not in repr(body) and body["status"] == 422 and body["field"] == "cpr"


def test_render_switches_to_audiences_when_the_library_has_them() -> None:
    class Old:
        def explain(self) -> str:
            return "Titel\n1. a < b"

    class New:
        def explain(self, audience: str = "borger", format: str = "text") -> str:
            return f"{audience}/{format}"

    assert render(Old(), "sagsbehandler", "text") == "Titel\n1. a < b"
    assert render(Old(), "borger", "html") == "<p>Titel</p>\n<p>1. a &lt; b</p>"
    assert render(New(), "sagsbehandler", "html") == "sagsbehandler/html"


@pytest.mark.parametrize(("typed", "plain"), [("1.800,50", "1800.50"), ("1800,5", "1800.5"), ("1800.50", "1800.50"),
                                              ("12.345.678", "12345678"), (" 2.277,00 kr. ", "2277.00"),
                                              ("1.5", "1.5"), ("-5", "-5")])
def test_danish_amounts(typed: str, plain: str) -> None:
    assert danish_amount(typed) == plain


def test_danish_dates_and_months() -> None:
    assert danish_date("1.3.2024", "d") == danish_date("01-03-2024", "d") == danish_date("2024-03-01", "d")
    assert danish_month("03.2024", "m") == danish_month("3/2024", "m") == "2024-03"
    with pytest.raises(InvalidInput):
        danish_date("marts", "decided_on")
    with pytest.raises(InvalidInput):
        danish_month("2024", "start")


def test_the_form_becomes_the_request() -> None:
    data: dict[str, Any] = request_data("ledsageordning/bank",
                                        {"start": "01.2024", "usage": "03.2024 20\n04.2024: 7,5"})
    assert data == {"start": "2024-01",
                    "usage": [{"month": "2024-03", "hours": "20"}, {"month": "2024-04", "hours": "7.5"}]}
    booking = request_data("hastig-sygdom/budget", {"decided_on": "10.03.2024",
                                                    "bookings": "§ 112; 18.500,00; 20.03.2024; kørestol"})
    assert booking["bookings"] == [{"paragraph": 112, "amount": "18500.00", "on": "2024-03-20",
                                    "description": "kørestol"}]
    couple = request_data("egenbetaling/botilbud108", {"income_basis": "300.000", "dwelling_costs": "60.000",
                                                       "on": "1.6.2023", "couple_joint_income": "300.000",
                                                       "couple_social_pension": "288.710"})
    assert couple["couple"] == {"joint_income": "300000", "social_pension": "288710"}
    assert request_data("egenbetaling/ophold", {})["has_income"] is False  # an unticked box on a default-on field
