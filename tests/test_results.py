"""Results: frozen, exact JSON round-trip, Danish rendering, the projected flag, JSON Schema export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from socialcalc import load_rates
from socialcalc.explain import Explainer, RateUsed, dato, kr, procent, timer
from socialcalc.result import Result
from socialcalc.schema import json_schemas

BOOK = load_rates()


def _result(project: bool = False) -> Result:
    rate = BOOK.at(date(2026, 1, 1) if project else date(2025, 1, 1),
                   project=Decimal("2.9") if project else False).get("sel097.expense_grant_max")
    ex = Explainer("core.title.example")
    ex.fact("core.example", basis="serviceloven § 97, stk. 7", inputs={"udgifter": Decimal("1500")},
            outputs={"amount": rate.value}, rates=[rate])
    explanation = ex.build()
    return Result(amount=Decimal(rate.value), explanation=explanation, projected=explanation.projected)


def test_danish_formatting() -> None:
    assert kr(Decimal("1041")) == "1.041,00 kr."
    assert kr(Decimal("1234567.5")) == "1.234.567,50 kr."
    assert dato(date(2025, 1, 1)) == "1. januar 2025"
    assert dato(date(2024, 12, 24)) == "24. december 2024"
    assert timer(Decimal("7.5")) == "7,5 timer"
    assert timer(1) == "1 time"
    assert procent(Decimal("0.30")) == "30 %"


def test_explain_renders_steps_rates_and_result_in_danish() -> None:
    text = _result().explain(audience="sagsbehandler")
    assert text.splitlines()[0] == "Eksempel"
    assert "1. Eksemplet giver 1.041,00 kr. (serviceloven § 97, stk. 7)." in text
    assert "Ledsageordning: årligt højeste tilskud til ledsagerens udgifter: 1.041 kr. om året (gældende fra " \
           "1. januar 2025, afledt; kilde: " in text
    assert text.endswith("Resultat: 1.041,00 kr.")
    assert "fremskrevne" not in text and "sel097" not in text
    letter = _result().explain()
    assert letter.endswith("Beløb: 1.041,00 kr.") and "kilde" not in letter


def test_a_projected_result_says_so() -> None:
    result = _result(project=True)
    assert result.projected
    assert "fremskrevne satser" in result.explain(audience="sagsbehandler")
    assert "fremskrevet sats" in result.explain()
    with pytest.raises(ValidationError, match="projected"):
        Result(amount=result.amount, explanation=result.explanation, projected=False)


def test_json_round_trip_is_exact() -> None:
    result = _result()
    text = result.model_dump_json()
    assert '"amount":"1041"' in text  # a string, never a binary float
    assert Result.model_validate_json(text) == result


def test_results_are_frozen_and_refuse_floats() -> None:
    result = _result()
    with pytest.raises(ValidationError):
        result.amount = Decimal(1)  # type: ignore[misc]
    with pytest.raises(ValidationError, match="float"):
        Result(amount=1041.0, explanation=result.explanation)  # type: ignore[arg-type]


def test_rates_used_are_listed_once() -> None:
    rate = BOOK.at(date(2025, 1, 1)).get("sel097.expense_grant_max")
    ex = Explainer("core.title.example")
    ex.fact("a", rates=[rate])
    ex.fact("b", rates=[rate])
    assert ex.build().rates() == [RateUsed.of(rate)]


def test_json_schema_of_every_public_model_can_be_exported() -> None:
    schemas = json_schemas()
    assert {"Result", "Explanation", "Fact", "RateUsed"} <= set(schemas)
    assert schemas["Result"]["properties"]["amount"]["anyOf"][0]["type"] in {"number", "string"}


def test_repr_is_short() -> None:
    assert "explanation='…'" in repr(_result())
