"""Every endpoint over real HTTP (httpx against ``socialcalc serve`` on loopback): figures and Danish text equal
the library's, bad input and a rate not published are problem details, and no CPR number ever comes back."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from socialcalc.beskyttet_beskaeftigelse import hourly_wage, transport
from socialcalc.egenbetaling import sel107, sel108, stay
from socialcalc.hastig_sygdom import Budget
from socialcalc.ledsageordning import Bank, InsufficientHours, expense_grant
from socialcalc.merudgift import calculate
from socialcalc.server.problems import error_code, redact
from tests.server.conftest import Served

CPR = "211062-0629"
CPR_DIGITS = "2110620629"


def _bank() -> Any:
    return Bank.open("2024-01", kommune="lemvig").use("2024-03", "20").statement("2024-03")


def _budget() -> Budget:
    return Budget.open(date(2024, 3, 10)).book(112, "18500.00", on=date(2024, 3, 20), description="kørestol")


# path → (request body, the same case through the library)
CASES: dict[str, tuple[dict[str, Any], Callable[[], Any]]] = {
    "merudgift": ({"expenses": "1800.50", "decided_on": "2024-03-01"},
                  lambda: calculate("1800.50", decided_on=date(2024, 3, 1))),
    "ledsageordning/bank": (
        {"start": "2024-01", "kommune": "lemvig", "usage": [{"month": "2024-03", "hours": "20"}]}, _bank),
    "ledsageordning/tilskud": ({"year": 2024, "expenses": "1200"}, lambda: expense_grant(2024, "1200")),
    "beskaeftigelse/loen": (
        {"assessed": "35", "field_lowest_wage": "180.00", "on": "2025-01-06", "kommune": "lejre"},
        lambda: hourly_wage("35", field_lowest_wage="180.00", on=date(2025, 1, 6), kommune="lejre")),
    "beskaeftigelse/befordring": (
        {"days": 20, "distance_km": "25", "net_earnings": "1500.00", "per_km": "1.50", "on": "2025-03-01"},
        lambda: transport(days=20, distance_km="25", net_earnings="1500.00", per_km="1.50", on=date(2025, 3, 1))),
    "egenbetaling/ophold": ({"paragraph": 109, "arrival": "2023-12-28", "departure": "2024-01-03"},
                            lambda: stay(109, date(2023, 12, 28), date(2024, 1, 3))),
    "egenbetaling/botilbud107": (
        {"net_income": "12000", "fixed_expenses": "1500", "included_items_cost": "6000", "board_included": False,
         "on": "2025-01-01", "kommune": "lejre"},
        lambda: sel107(net_income="12000", fixed_expenses="1500", included_items_cost="6000", board_included=False,
                       on=date(2025, 1, 1), kommune="lejre")),
    "egenbetaling/botilbud108": (
        {"income_basis": "300000", "dwelling_costs": "60000", "on": "2023-06-01",
         "couple": {"joint_income": "300000", "social_pension": "288710"}},
        lambda: sel108(income_basis="300000", dwelling_costs="60000", on=date(2023, 6, 1),
                       couple={"joint_income": "300000", "social_pension": "288710"})),
    "hastig-sygdom/budget": (
        {"decided_on": "2024-03-10",
         "bookings": [{"paragraph": 112, "amount": "18500.00", "on": "2024-03-20", "description": "kørestol"}]},
        _budget),
    "folkepension": ({"birth": "1960-05-15"}, lambda: None),
}


def test_every_contract_endpoint_has_a_case(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    posted = {p.removeprefix("/v1/") for p, ops in paths.items() if "post" in ops}
    assert posted == set(CASES)
    assert {"/v1/rates/{day}", "/v1/coverage", "/healthz"} <= set(paths)


def test_the_openapi_document_validates(client: httpx.Client) -> None:
    doc = client.get("/openapi.json").json()
    validate(doc)
    merudgift = doc["paths"]["/v1/merudgift"]["post"]
    body = merudgift["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    props = doc["components"]["schemas"][body]["properties"]
    assert {"expenses", "decided_on", "on", "per", "kommune", "project"} <= set(props)
    assert props["expenses"]["type"] == "string"  # amounts are strings
    assert {"409", "413", "422"} <= set(merudgift["responses"])


@pytest.mark.parametrize("path", sorted(CASES))
def test_every_rule_answers_like_the_library(client: httpx.Client, path: str) -> None:
    body, library = CASES[path]
    response = client.post(f"/v1/{path}", json=body, params={"explain": "borger"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    answer = response.json()
    expected = library()
    if path == "folkepension":
        assert answer["result"] == {"years": 67, "months": 0, "reached_on": "2027-05-15",
                                    "first_pension_month": "2027-06"}
        assert "1. juni 2027" in answer["explanation"]["text"]
        return
    if path == "ledsageordning/bank":
        assert answer["result"]["statement"] == json.loads(expected.model_dump_json())
        assert answer["result"]["balance"] == "25"
    else:
        assert answer["result"] == json.loads(expected.model_dump_json())
    assert answer["explanation"] == {"audience": "borger", "format": "text", "text": redact(expected.explain())}


def test_without_explain_there_is_no_explanation(client: httpx.Client) -> None:
    answer = client.post("/v1/merudgift", json=CASES["merudgift"][0]).json()
    assert answer["explanation"] is None
    assert answer["result"]["amount"] == "2277.00" and answer["result"]["projected"] is False


def test_html_explanation_is_escaped(client: httpx.Client) -> None:
    body = CASES["merudgift"][0]
    answer = client.post("/v1/merudgift", json=body, params={"explain": "sagsbehandler", "format": "html"}).json()
    text = answer["explanation"]["text"]
    assert text.startswith("<p>Merudgiftsydelse efter serviceloven § 100</p>")
    assert "Resultat: 2.277,00 kr." in text
    stripped = re.sub(r"</?(p|ol|ul|li)>", "", text)
    assert "<" not in stripped and ">" not in stripped.replace("&gt;", "")


def _problem(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail", "code", "field", "value"} <= set(body)
    assert body["status"] == status and body["type"].endswith(body["code"])
    if code is not None:
        assert body["code"] == code
    return body


@pytest.mark.parametrize(("body", "field", "code"), [
    ({"expenses": 1800.5, "decided_on": "2024-03-01"}, "expenses", "input.string_type"),  # a JSON number
    ({"expenses": "-1", "decided_on": "2024-03-01"}, "expenses", "input.negative"),  # the library refuses it
    ({"expenses": "1.800,50", "decided_on": "2024-03-01"}, "expenses", "input.not_decimal"),  # the API is not Danish
    ({"expenses": "1800", "decided_on": 20240301}, "decided_on", "input.value_error"),  # not a timestamp
    ({"expenses": "1800", "decided_on": "2024-02-30"}, "decided_on", None),
    ({"decided_on": "2024-03-01"}, "expenses", "input.missing"),
    ({"expenses": "1800", "decided_on": "2024-03-01", "expense": "1"}, "expense", "input.extra_forbidden"),
    ({"expenses": "1800", "decided_on": "2024-03-01", "documented": "yes"}, "documented", "input.bool_type"),
    ({"expenses": "1800", "decided_on": "2024-03-01", "kommune": "aarhus"}, None, "rate.unknown_kommune"),
    ({"expenses": "1800", "decided_on": "2024-03-01", "project": "abc"}, "project", "input.not_decimal"),
])
def test_bad_input_is_422(client: httpx.Client, body: dict[str, Any], field: str | None, code: str | None) -> None:
    problem = _problem(client.post("/v1/merudgift", json=body), 422, code)
    if field is not None:
        assert problem["field"] == field
    assert problem["title"] == "Ugyldige oplysninger"


def test_bad_json_and_bad_query_are_422(client: httpx.Client) -> None:
    _problem(client.post("/v1/merudgift", content=b"{not json", headers={"content-type": "application/json"}), 422)
    _problem(client.post("/v1/merudgift", json=CASES["merudgift"][0], params={"explain": "jurist"}), 422)
    _problem(client.post("/v1/ledsageordning/tilskud", json={"year": "2024", "expenses": "1"}), 422, "input.int_type")


def test_a_rule_specific_refusal_keeps_its_code(client: httpx.Client) -> None:
    body = {"start": "2024-01", "usage": [{"month": "2024-02", "hours": "31"}]}
    with pytest.raises(InsufficientHours) as refused:
        Bank.open("2024-01").use("2024-02", "31")
    problem = _problem(client.post("/v1/ledsageordning/bank", json=body), 422, error_code(refused.value))
    assert problem["field"] == "hours" and problem["detail"] == str(refused.value)  # the library's Danish message
    budget = {"decided_on": "2024-03-10", "bookings": [{"paragraph": 112, "amount": "99999.00", "on": "2024-03-20"}]}
    _problem(client.post("/v1/hastig-sygdom/budget", json=budget), 422, "input.budget_exceeded")


def test_a_rate_not_published_is_409_and_project_answers(client: httpx.Client) -> None:
    problem = _problem(client.post("/v1/ledsageordning/tilskud", json={"year": 2031, "expenses": "5000"}), 409,
                       "rate.not_published")
    assert problem["key"] == "sel097.expense_grant_max" and problem["day"] == "2031-01-01"
    assert problem["title"] == "Satsen er ikke offentliggjort"
    # one percentage covers exactly one missing year (2027: the book holds 2026's derived 4,5 %) ...
    projected = client.post("/v1/ledsageordning/tilskud", json={"year": 2027, "expenses": "5000", "project": "2.5"})
    assert projected.status_code == 200 and projected.json()["result"]["projected"] is True
    # ... a case that needs several missing years is refused (2028-2031), and a percentage per year answers
    _problem(client.post("/v1/ledsageordning/tilskud", json={"year": 2031, "expenses": "5000", "project": "2.5"}),
             422)
    per_year = {str(y): "2.5" for y in range(2027, 2032)}
    projected = client.post("/v1/ledsageordning/tilskud", json={"year": 2031, "expenses": "5000", "project": per_year})
    assert projected.status_code == 200 and projected.json()["result"]["projected"] is True
    _problem(client.post("/v1/ledsageordning/tilskud", json={"year": 2026, "expenses": "1", "project": {"x": "1"}}),
             422)
    lemvig = {**CASES["egenbetaling/botilbud107"][0], "kommune": "lemvig"}
    _problem(client.post("/v1/egenbetaling/botilbud107", json=lemvig), 409, "rate.not_published")


def test_over_the_body_limit_is_413(client: httpx.Client) -> None:
    big = {"expenses": "1800", "decided_on": "2024-03-01", "kommune": "x" * 70_000}
    _problem(client.post("/v1/merudgift", json=big), 413, "request.too_large")

    def chunks() -> Any:  # no Content-Length: counted while it arrives
        for _ in range(20):
            yield b" " * 4096
    _problem(client.post("/v1/merudgift", content=chunks(), headers={"content-type": "application/json"}), 413)
    assert client.get("/healthz").status_code == 200  # and the service goes on


def test_unknown_paths_and_methods_are_problems(client: httpx.Client) -> None:
    _problem(client.get("/v1/nothing"), 404, "request.not_found")
    _problem(client.get("/v1/merudgift"), 405, "request.method")


def test_rates_on_a_day(client: httpx.Client) -> None:
    body = client.get("/v1/rates/2024-06-01", params={"kommune": "lejre"}).json()
    grant = next(r for r in body["rates"] if r["key"] == "sel097.expense_grant_max")
    assert grant["value"] == "1005" and grant["unit"] == "DKK/year" and grant["status"] == "official"
    assert grant["source"]
    later = client.get("/v1/rates/2031-01-01").json()
    assert any(m["key"] == "sel097.expense_grant_max" for m in later["missing"])
    _problem(client.get("/v1/rates/2024-13-01"), 422)
    _problem(client.get("/v1/rates/2024-06-01", params={"kommune": "aarhus"}), 422, "rate.unknown_kommune")


def test_coverage(client: httpx.Client) -> None:
    body = client.get("/v1/coverage", params={"kommune": "lemvig"}).json()
    assert body["sel097.expense_grant_max"]["2024"] == "official"
    _problem(client.get("/v1/coverage", params={"kommune": "aarhus"}), 422)


def test_healthz(client: httpx.Client) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["kommuner"] == ["lejre", "lemvig"]


def test_no_cors_unless_configured(client: httpx.Client) -> None:
    response = client.options("/v1/merudgift", headers={"Origin": "https://sag.example",
                                                         "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in response.headers
    response = client.post("/v1/merudgift", json=CASES["merudgift"][0], headers={"Origin": "https://sag.example"})
    assert "access-control-allow-origin" not in response.headers


def test_a_cpr_number_is_never_echoed_nor_logged(client: httpx.Client, server: Served) -> None:
    seen: list[str] = []

    def send(method: str, url: str, **kw: Any) -> httpx.Response:
        r = client.request(method, url, **kw)
        seen.append(r.text)
        return r

    assert send("POST", "/v1/folkepension", json={"cpr": CPR}).json()["result"]["reached_on"] == "2029-10-21"
    _problem(send("POST", "/v1/folkepension", json={"cpr": "311362-5629"}), 422)
    _problem(send("POST", "/v1/folkepension", json={"cpr": CPR, "birth": "1962-10-21"}), 422)
    _problem(send("POST", "/v1/merudgift", json={"expenses": CPR, "decided_on": "2024-03-01"}), 422)
    send("POST", "/v1/merudgift", json={"expenses": CPR_DIGITS, "decided_on": "2024-03-01"})  # an amount, redacted
    _problem(send("POST", "/v1/merudgift", json={"expenses": "1", "decided_on": "2024-03-01", "kommune": CPR}), 422)
    _problem(send("POST", "/v1/merudgift", json={"expenses": "1", "decided_on": CPR}), 422)
    _problem(send("POST", "/v1/merudgift", json={"expenses": "1", "decided_on": "2024-03-01", CPR: "1"}), 422)
    booking = {"decided_on": "2024-03-10",
               "bookings": [{"paragraph": 112, "amount": "100.00", "on": "2024-03-20", "description": f"cpr {CPR}"}]}
    assert send("POST", "/v1/hastig-sygdom/budget", json=booking, params={"explain": "borger"}).status_code == 200
    _problem(send("GET", f"/v1/rates/{CPR_DIGITS}"), 422)
    send("GET", f"/v1/rates/2024-01-01?kommune={CPR}")
    send("GET", f"/{CPR}")
    send("POST", "/", data={"regel": "hastig-sygdom/budget", "decided_on": "10.03.2024",
                            "bookings": f"112; 100,00; 20.03.2024; {CPR}"})
    for text in [*seen, server.log_text()]:
        # the last four digits alone, not inside another number (the log holds process ids, ports and times)
        assert CPR not in text and CPR_DIGITS not in text and not re.search(r"(?<!\d)0629(?!\d)", text)
    assert "<skjult>" in seen[-1]


def test_the_page_works_without_javascript(client: httpx.Client) -> None:
    home = client.get("/")
    assert home.status_code == 200 and 'lang="da"' in home.text and "Vælg en regel" in home.text
    form = client.get("/", params={"regel": "merudgift"}).text
    assert 'for="f-expenses"' in form and 'id="f-expenses"' in form
    done = client.post("/", data={"regel": "merudgift", "expenses": "1.800,50", "decided_on": "01.03.2024"})
    assert done.status_code == 200
    assert "2.277,00 kr. om måneden" in done.text and "Merudgiftsydelse efter serviceloven § 100" in done.text
    bad = client.post("/", data={"regel": "merudgift", "expenses": "-5", "decided_on": "01.03.2024"})
    assert bad.status_code == 422 and 'aria-invalid="true"' in bad.text and 'role="alert"' in bad.text
    for asset in ("/static/style.css", "/static/kopier.js"):
        assert client.get(asset).status_code == 200
    assert "http" not in client.get("/static/style.css").text  # nothing from a CDN


def test_the_web_framework_is_not_imported_by_the_library_or_other_commands() -> None:
    code = ("import sys, socialcalc, socialcalc.merudgift; from socialcalc.cli import build_parser, main; "
            "build_parser(); main(['folkepension', '1960-05-15']); "
            "bad = [m for m in ('fastapi', 'starlette', 'uvicorn', 'jinja2') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_serve_binds_loopback_by_default() -> None:
    from socialcalc.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 8000, 1)
