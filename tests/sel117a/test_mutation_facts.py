"""Tests that kill the mutants of ``hastig_sygdom/facts.py`` (SEL § 117a stk. 1).

Every fact of a few accounts is pinned in ``golden/facts.json`` (read once by a person): the step id, the legal
basis, the inputs and outputs as stored, the rates used, the reading and the sub-facts (what was spent per
paragraph). The accounts cover no booking, bookings of an amount, of hours and of minutes, with and without a
description, two bookings on one paragraph (the spent sums), the whole budget used (the ordinary rules apply)
and a projected year.

Regenerate after a reviewed change with ``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/sel117a/test_mutation_facts.py``
and read the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialcalc.explain import Fact
from socialcalc.hastig_sygdom import Budget
from socialcalc.hastig_sygdom.facts import facts

GOLDEN = Path(__file__).parent / "golden" / "facts.json"


def _mixed() -> Budget:
    b = Budget.open(date(2024, 3, 10), kommune="lejre")
    b = b.book(97, "10.00", on=date(2024, 3, 10))
    b = b.book(97, "5.50", on=date(2024, 3, 11), description="ledsagelse")
    b = b.book(83, on=date(2024, 3, 12), hours="1.5", hourly_price="250.00", description="personlig hjælp")
    return b.book(97, on=date(2024, 3, 13), minutes=45, hourly_price="250.00")


CASES: dict[str, Callable[[], Budget]] = {
    "empty": lambda: Budget.open(date(2024, 3, 10)),
    "mixed": _mixed,
    "used-up": lambda: Budget.open(date(2023, 10, 1)).book(83, "39750.00", on=date(2023, 10, 1)),
    "projected": lambda: Budget.open(date(2026, 2, 1), project=True).book(112, "100.00", on=date(2026, 2, 1)),
}


def _fact(f: Fact) -> dict[str, Any]:
    return {"step": f.step, "basis": f.basis, "inputs": dict(f.inputs), "outputs": dict(f.outputs),
            "rates": [r.key for r in f.rates], "reading": f.reading, "parts": [_fact(p) for p in f.parts]}


def test_facts_of_every_branch() -> None:
    got = {name: {"title": (e := make().explanation).title, "steps": [_fact(f) for f in e.steps]}
           for name, make in CASES.items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_spent_per_paragraph_adds_up_bookings_of_one_paragraph() -> None:
    spent = _mixed().explanation.steps[-2]
    assert spent.step == "sel117a.forbrug"
    assert [(p.inputs["paragraph"], p.outputs["spent"]) for p in spent.parts] == [
        ("83", "375.00"), ("97", "203.00"), ("112", "0.00"), ("116", "0.00")]


def test_the_last_fact_says_whether_the_ordinary_rules_apply() -> None:
    last = CASES["used-up"]().explanation.steps[-1]
    assert (last.step, dict(last.outputs)) == ("sel117a.almindelige_regler.gaelder", {"ordinary_rules_apply": "true"})
    assert last.basis


def test_bookings_and_what_was_left_must_match() -> None:
    b = CASES["used-up"]()
    with pytest.raises(ValueError, match="zip"):
        facts(decided_on=b.decided_on, total_ore=3975000, projected=False, rates_used=b.rates_used,
              citations=b.citations, bookings=b.bookings, remaining_after=())
    with pytest.raises(ValueError, match="zip"):
        facts(decided_on=b.decided_on, total_ore=3975000, projected=False, rates_used=b.rates_used,
              citations=b.citations, bookings=(), remaining_after=(0,))
