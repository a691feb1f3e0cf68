"""§ 117a explanations a caseworker pastes into a letter: Danish only (generated accounts, both audiences), and
the spec's worked examples as golden texts (tests/sel117a/golden/, read by a person)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

from socialcalc.hastig_sygdom import Budget, BudgetExceeded, value_of_hours
from socialcalc.hastig_sygdom.strategies import budgets, danish_descriptions
from socialcalc.testing.letter import problems

GOLDEN = Path(__file__).parent / "golden"
D = Decimal


def example_1() -> Budget:
    """Spec example 1: decision 10 March 2024, § 112 18500.00 and § 116 9000.00 (the § 97 booking is refused)."""
    b = Budget.open(date(2024, 3, 10))
    b = b.book(112, D("18500.00"), on=date(2024, 3, 20), description="kørestol")
    b = b.book(116, D("9000.00"), on=date(2024, 4, 2), description="fjernelse af dørtrin")
    with pytest.raises(BudgetExceeded):
        b.book(97, value_of_hours(60, D("250.00")), on=date(2024, 5, 1))
    return b


def example_2() -> Budget:
    """Spec example 2: decision 1 October 2023, § 83 help 39750.00: nothing left, the ordinary rules apply."""
    return Budget.open(date(2023, 10, 1)).book(83, D("39750.00"), on=date(2023, 10, 1))


EXAMPLES = {"example_1": example_1, "example_2": example_2}


@settings(max_examples=120, deadline=None)
@given(budgets(description=danish_descriptions(), project=True))
def test_generated_accounts_read_as_danish_in_both_audiences(account: Budget) -> None:
    for audience in ("borger", "sagsbehandler"):
        text = account.explain(audience=audience)
        assert problems(text) == [], (audience, text)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("audience", ["borger", "sagsbehandler"])
def test_the_worked_examples_are_the_golden_texts(name: str, audience: str) -> None:
    text = EXAMPLES[name]().explain(audience=audience)
    assert text == (GOLDEN / f"{name}.{audience}.txt").read_text(encoding="utf-8").rstrip("\n")
    assert problems(text) == []


def test_the_golden_texts_keep_the_spec_figures() -> None:
    one = (GOLDEN / "example_1.borger.txt").read_text(encoding="utf-8")
    assert "41.022,00 kr." in one and "13.522,00 kr. tilbage" in one
    two = (GOLDEN / "example_2.borger.txt").read_text(encoding="utf-8")
    assert "39.750,00 kr." in two and "Hele budgettet er brugt." in two
