"""Tests that kill the mutants of ``egenbetaling/botilbud108.py``: the § 108 housing payment of one case.

Every branch of the facts (the basis reduced for a pensioner, for dependants, both or neither, floored at 0
with and without a basis; capped by the costs or by the income; a couple at and after a full step; a
kompensationsbeløb none, deducted, equal to the payment and above it; separate lines or none) is pinned fact
by fact in ``golden/sel108_fakta.json`` (step, basis, inputs, outputs, rates, reading) with the result's own
fields; every refusal by code, field and value; the municipality checked; ``project`` passed on.

Regenerate after a reviewed change with
``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/egenbetaling/test_mutation_botilbud108.py`` and read the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from socialcalc.egenbetaling import Couple, sel108
from socialcalc.egenbetaling.botilbud108 import rates108
from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.ratebook import default_book
from tests.codes import raises_code

D = Decimal
GOLDEN = Path(__file__).parent / "golden" / "sel108_fakta.json"
ON = date(2024, 6, 1)
C2023 = Couple(joint_income=D("294355"), social_pension=D("288710"))


def _case(**kwargs: Any) -> Any:
    return sel108(**{"income_basis": 300000, "dwelling_costs": 60000, "on": ON, **kwargs})


CASES: dict[str, Callable[[], Any]] = {
    "example-5": lambda: _case(),
    "example-6-pensioner": lambda: _case(income_basis=200000, single_pensioner=True),
    "dependants": lambda: _case(dependants_set_aside="10000.50"),
    "pensioner-and-dependants": lambda: _case(income_basis=200000, single_pensioner=True,
                                              dependants_set_aside=10000),
    "floored": lambda: _case(income_basis=30000, single_pensioner=True),
    "no-basis": lambda: _case(income_basis=0),
    "no-basis-pensioner": lambda: _case(income_basis=0, single_pensioner=True),
    "one-krone-pensioner": lambda: _case(income_basis=1, single_pensioner=True),
    "basis-with-ore": lambda: _case(income_basis="300000.55"),
    "capped-by-costs": lambda: _case(dwelling_costs="20000.10"),
    "costs-equal-income-based": lambda: _case(dwelling_costs=36600),
    "couple-one-step": lambda: _case(on=date(2023, 6, 1), couple=C2023),
    "couple-mapping-kompensation": lambda: _case(on=date(2023, 6, 1), kompensationsbeloeb=1000,
                                                 couple={"joint_income": 288710, "social_pension": 288710}),
    "kompensation": lambda: _case(kompensationsbeloeb="1000.25"),
    "kompensation-equal": lambda: _case(kompensationsbeloeb=36600),
    "kompensation-above": lambda: _case(kompensationsbeloeb="36600.01"),
    "lines": lambda: _case(electricity=1200, services="500.50", kommune="lejre"),
    "heating-only": lambda: _case(heating=800),
}


def _facts(result: Any) -> dict[str, Any]:
    e = result.explanation
    fields = result.model_dump(mode="json", exclude={"explanation"})
    return {"result": fields, "title": e.title, "steps": [
        {"step": f.step, "basis": f.basis, "inputs": dict(f.inputs), "outputs": dict(f.outputs),
         "rates": [r.key for r in f.rates], "reading": f.reading} for f in e.steps]}


def test_facts_of_every_branch() -> None:
    got = {name: _facts(make()) for name, make in CASES.items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_kompensation_at_and_above_the_payment() -> None:
    # the spec's example 5: 36600 kr. a year
    assert (_case(kompensationsbeloeb="1000.25").amount, _case(kompensationsbeloeb="1000.25").monthly) == (
        D("35599.75"), D("2966.65"))  # 2966.6458…
    equal = _case(kompensationsbeloeb=36600)
    above = _case(kompensationsbeloeb="36600.01")
    assert (equal.amount, equal.kompensation_deducted) == (D("0.00"), D("36600.00"))
    assert (above.amount, above.kompensation_deducted) == (D("0.00"), D("36600.00"))
    assert equal.explanation.steps[-3].step == "sel108.kompensation.fratrukket"
    assert above.explanation.steps[-3].step == "sel108.kompensation.loft"


def test_a_single_resident_looks_up_no_couple_rates() -> None:
    used = rates108(default_book().at(ON), single_pensioner=False, couple=False)
    assert (used.reduction, used.couple) == (None, [])
    pair = rates108(default_book().at(ON), single_pensioner=False, couple=True)
    assert [r.key for r in pair.couple] == ["sel108.couple_discount_share", "sel108.couple_discount_point",
                                            "sel108.couple_discount_step"]


def test_the_municipality_is_checked() -> None:
    with raises_code(UnknownRate, "rate.unknown_kommune", kommune="'atlantis'"):
        _case(kommune="atlantis")


def test_project_is_off_by_default_and_passed_on() -> None:
    with raises_code(RateNotPublished, "rate.not_published", key="sel108.threshold", reason_code="year_missing"):
        _case(on=date(2027, 6, 1))
    r = _case(on=date(2027, 6, 1), project={2027: D("3")})
    assert r.projected is True


@pytest.mark.parametrize(("couple", "code", "shown"), [
    ("yes", "input.couple", "'yes'"),
    (300000, "input.couple", "300000"),
    ({"joint_income": 1}, "input.couple_fields", ["joint_income"]),
    ({"joint_income": 1, "social_pension": 2, "x": 3}, "input.couple_fields", ["joint_income", "social_pension", "x"]),
])
def test_a_couple_that_is_not_a_couple(couple: object, code: str, shown: object) -> None:
    with raises_code(InvalidInput, code, field="couple", value=shown):
        _case(couple=couple)


def test_a_couple_with_a_negative_amount_names_its_field() -> None:
    with raises_code(InvalidInput, "input.negative", field="couple.social_pension"):
        _case(couple={"joint_income": 1, "social_pension": -1})
    with raises_code(InvalidInput, "input.negative", field="couple.joint_income"):
        _case(couple={"joint_income": -1, "social_pension": 1})


@pytest.mark.parametrize(("flag", "shown"), [("yes", "'yes'"), (1, "1"), (None, "None")])
def test_single_pensioner_must_be_a_flag(flag: object, shown: str) -> None:
    with raises_code(InvalidInput, "input.flag", field="single_pensioner", value=shown):
        _case(single_pensioner=flag)


def test_a_single_pensioner_cannot_be_a_couple() -> None:
    with raises_code(InvalidInput, "input.single_in_couple", field="single_pensioner", value=True):
        _case(single_pensioner=True, couple=C2023)


def test_a_negative_kompensation_and_a_datetime_are_refused_by_field() -> None:
    with raises_code(InvalidInput, "input.negative", field="kompensationsbeloeb", value=D("-1")):
        _case(kompensationsbeloeb=-1)
    with raises_code(InvalidInput, "input.datetime", field="on"):
        _case(on=datetime(2024, 6, 1))
