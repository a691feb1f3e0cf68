"""Tests that kill the mutants of ``egenbetaling/botilbud107.py``: the § 107 payment of one case.

Every branch of the facts (no income; a payment ability below 0, at 0 and above; the own dwelling kept or not;
board included or not; a municipality with its kvalitetsstandard cited, and one without it, where the national
citation is used) is pinned fact by fact in ``golden/sel107_fakta.json`` (step, basis, inputs, outputs, rates,
reading) with the result's own fields; every refusal by code, field, value and parameters.

Regenerate after a reviewed change with
``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/egenbetaling/test_mutation_botilbud107.py`` and read the diff.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from socialcalc.egenbetaling import sel107
from socialcalc.errors import InvalidInput
from socialcalc.ratebook import RateBook
from socialcalc.testing import book_with
from tests.codes import raises_code

D = Decimal
GOLDEN = Path(__file__).parent / "golden" / "sel107_fakta.json"
ON = date(2025, 1, 1)
_NO_STANDARD = """\
[[rate]]
key = "sel107.raadighedsbeloeb_with_board"
unit = "DKK/month"
value = 3000
valid_from = 2024-01-01
status = "official"
source = "testkommune uden kvalitetsstandard: 3000 kr. med kost"
"""


@functools.cache
def _book() -> RateBook:
    return book_with({"kommuner/udenstandard/policy.toml": _NO_STANDARD})


def _case(**kwargs: Any) -> Any:
    args: dict[str, Any] = {"net_income": 12000, "fixed_expenses": 1500, "included_items_cost": 8000,
                            "board_included": True, "on": ON, "kommune": "lejre"}
    return sel107(**{**args, **kwargs})


CASES: dict[str, Callable[[], Any]] = {
    "example-7-board": lambda: _case(),
    "example-7-no-board": lambda: _case(included_items_cost=6000, board_included=False),
    "no-income": lambda: _case(net_income=0),
    "below-zero": lambda: _case(net_income="3999.99"),
    "at-zero": lambda: _case(net_income=4000),
    "own-dwelling": lambda: _case(keeps_own_dwelling=True, housing_part_cost="2500.50"),
    "own-dwelling-no-income": lambda: _case(net_income=0, keeps_own_dwelling=True, housing_part_cost=2500),
    "housing-given-not-kept": lambda: _case(housing_part_cost=2500),
    "no-standard": lambda: _case(kommune="udenstandard", rates=_book()),
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


def test_a_housing_part_given_but_not_kept_is_charged() -> None:
    r = _case(housing_part_cost=2500)
    assert (r.chargeable_cost, r.amount, r.housing_part_cost) == (D("8000.00"), D("8000.00"), D("2500"))


def test_a_housing_part_equal_to_the_items_is_allowed() -> None:
    r = _case(keeps_own_dwelling=True, housing_part_cost=8000)
    assert (r.chargeable_cost, r.amount) == (D("0.00"), D("0.00"))
    with raises_code(InvalidInput, "input.housing_part_too_high", field="housing_part_cost", value=D("8000.01"),
                     items=D("8000")):
        _case(keeps_own_dwelling=True, housing_part_cost="8000.01")


def test_the_own_dwelling_needs_its_housing_part() -> None:
    with raises_code(InvalidInput, "input.housing_part_missing", field="housing_part_cost", value=None):
        _case(keeps_own_dwelling=True)


@pytest.mark.parametrize(("field", "flag", "shown"), [("board_included", "yes", "'yes'"),
                                                      ("keeps_own_dwelling", 1, "1"),
                                                      ("board_included", None, "None")])
def test_a_flag_that_is_not_a_bool(field: str, flag: object, shown: str) -> None:
    with raises_code(InvalidInput, "input.flag", field=field, value=shown):
        _case(**{field: flag})


def test_a_datetime_is_refused_as_on() -> None:
    with raises_code(InvalidInput, "input.datetime", field="on"):
        _case(on=datetime(2025, 1, 1))
