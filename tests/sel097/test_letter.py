"""§ 97 as a caseworker pastes it: facts rendered from the catalogs, Danish in both audiences, dated citations,
the municipal standard only with a municipality, and a batch row explained exactly as the one-case statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch.frame import explain_row as dispatch_row
from socialcalc.ledsageordning import Bank, InsufficientHours, eligibility, expense_grant
from socialcalc.ledsageordning.frame import bank_frame, explain_row
from socialcalc.ledsageordning.strategies import banks
from socialcalc.testing.letter import problems

GOLDEN = Path(__file__).parent / "golden"
AUDIENCES = ("borger", "sagsbehandler")
RENDERINGS = [(a, loc, fmt) for a in AUDIENCES for loc in ("da", "en") for fmt in ("text", "markdown", "html")]


def _frame(bank: Bank, until: Any) -> pd.DataFrame:
    rows = []
    used = {u.month: u.minutes for u in bank.usage}
    m = bank.start
    while m <= until:
        rows.append({"person": "p", "month": str(m), "used_minutes": used.get(m, 0),
                     "deduction_minutes": bank._deduction_minutes(m), "start": str(bank.start)})
        m = m + 1
    return pd.DataFrame(rows)


@settings(max_examples=40, deadline=None)
@given(banks(max_months=14), st.integers(0, 3), st.sampled_from(RENDERINGS))
def test_a_batch_row_reads_exactly_as_the_one_case_statement(bank: Bank, extra: int,
                                                            how: tuple[str, str, str]) -> None:
    audience, locale, fmt = how
    until = (bank.last_recorded or bank.start) + extra
    out = bank_frame(_frame(bank, until), kommune=bank.kommune, explain=True)
    for row in range(len(out)):
        month = bank.start + row
        one = bank.statement(month).explain(audience=audience, locale=locale, format=fmt)  # type: ignore[arg-type]
        assert explain_row(out, row, audience=audience, locale=locale, format=fmt) == one  # type: ignore[arg-type]
        assert dispatch_row(out, row, audience=audience, locale=locale, format=fmt) == one  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(banks(max_months=10), st.sampled_from(AUDIENCES))
def test_generated_statements_are_danish(bank: Bank, audience: str) -> None:
    for s in bank.statements((bank.last_recorded or bank.start) + 2):
        assert problems(s.explain(audience=audience)) == []  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.dates(date(1940, 1, 1), date(2010, 12, 31)), st.dates(date(2018, 1, 1), date(2030, 12, 31)),
       st.booleans(), st.booleans(), st.booleans(), st.sampled_from([None, "lejre", "lemvig"]),
       st.sampled_from(AUDIENCES))
def test_generated_eligibility_is_danish(birth: date, granted: date, bpa: bool, target: bool, social: bool,
                                         kommune: str | None, audience: str) -> None:
    e = eligibility(birth, granted, bpa=bpa, target_group=target, social_pedagogical_need=social, kommune=kommune)
    assert problems(e.explain(audience=audience)) == []  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.integers(2018, 2025), st.decimals(Decimal(0), Decimal(5000), places=2), st.sampled_from(AUDIENCES))
def test_generated_grants_are_danish(year: int, expenses: Decimal, audience: str) -> None:
    assert problems(expense_grant(year, expenses).explain(audience=audience)) == []  # type: ignore[arg-type]


def test_the_municipal_standard_is_cited_only_with_a_municipality_that_has_one() -> None:
    kwargs: dict[str, Any] = {"birth": date(1990, 1, 1), "grant_date": date(2024, 10, 1)}
    steps = [f.step for f in eligibility(**kwargs).explanation.steps]
    assert "sel097.betingelser.kvalitetsstandard" not in steps
    assert all("Lejre" not in (f.basis or "") and "Lemvig" not in (f.basis or "")
               for f in eligibility(**kwargs).explanation.steps)
    lejre = eligibility(**kwargs, kommune="lejre").explanation.steps
    assert [f.basis for f in lejre if f.step == "sel097.betingelser.kvalitetsstandard"] == [
        "Lejre Kommunes kvalitetsstandard for ledsageordning efter serviceloven § 97, afsnit 3"]
    lemvig = eligibility(**kwargs, kommune="lemvig").explanation.steps
    assert [f.basis for f in lemvig if f.step == "sel097.betingelser.kvalitetsstandard"] == [
        "Lemvig Kommunes kvalitetsstandarder 2024, ledsageordning"]
    before = eligibility(birth=date(1990, 1, 1), grant_date=date(2024, 8, 1), kommune="lejre")  # adopted 1 Sep 2024
    assert "sel097.betingelser.kvalitetsstandard" not in [f.step for f in before.explanation.steps]


@pytest.mark.parametrize("year", [2018, 2020, 2024, 2025])
def test_citations_are_the_law_and_the_bek_in_every_year(year: int) -> None:
    (step,) = expense_grant(year, "100").explanation.steps
    assert step.basis == "serviceloven § 97, stk. 7, jf. § 9 i bekendtgørelse nr. 235/2012"
    bank = Bank.open(f"{year}-01").statement(f"{year}-01")
    assert bank.explanation.steps[1].basis == "serviceloven § 97, stk. 1"


def test_explain_row_needs_explain_true() -> None:
    out = bank_frame(pd.DataFrame({"person": ["a"], "month": ["2024-01"], "used_minutes": [0]}))
    assert out.attrs["socialcalc"]["rule"] == "sel097"
    with pytest.raises(ValueError, match="explain=True"):
        explain_row(out, 0)


# -- the spec's worked examples as golden texts (read once by a person) ---------------------------------------

def _examples() -> dict[str, str]:
    texts: dict[str, str] = {}
    for kommune in ("lejre", "lemvig"):
        ex1 = Bank.open("2024-01", kommune=kommune, deduction_hours=5)
        ex2 = Bank.open("2024-01", kommune=kommune)
        ex3 = Bank.open("2024-01", kommune=kommune).use("2024-03", 20)
        ex4 = Bank.open("2024-01", kommune=kommune).use("2024-04", 30)
        for audience in AUDIENCES:
            texts[f"eksempel1-{kommune}-{audience}"] = ex1.statement("2024-01").explain(audience=audience)  # type: ignore[arg-type]
            texts[f"eksempel2-{kommune}-{audience}"] = ex2.statement("2024-07").explain(audience=audience)  # type: ignore[arg-type]
            texts[f"eksempel3-{kommune}-{audience}"] = ex3.statement("2024-03").explain(audience=audience)  # type: ignore[arg-type]
            texts[f"eksempel4-{kommune}-{audience}"] = ex4.statement("2024-07").explain(audience=audience)  # type: ignore[arg-type]
    for audience in AUDIENCES:
        for name, grant in (("2024-1200", expense_grant(2024, "1200")), ("2024-700", expense_grant(2024, "700")),
                            ("2025-1500-lejre", expense_grant(2025, "1500", kommune="lejre"))):
            texts[f"eksempel6-{name}-{audience}"] = grant.explain(audience=audience)  # type: ignore[arg-type]
    return texts


@pytest.mark.parametrize(("name", "text"), sorted(_examples().items()))
def test_worked_examples_match_their_golden_texts(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    assert problems(text) == []
    assert path.read_text(encoding="utf-8") == text, f"{path} differs (regenerate after a person has read it)"


def test_example_5_refusal_is_danish_with_its_code() -> None:
    bank = Bank.open("2024-01").use("2024-01", 10)
    with pytest.raises(InsufficientHours) as caught:
        bank.use("2024-02", 25)
    assert caught.value.code == "input.insufficient_hours"
    assert (GOLDEN / "eksempel5.txt").read_text(encoding="utf-8") == str(caught.value)


def test_hours_that_are_no_exact_decimal_read_as_hours_and_minutes() -> None:
    bank = Bank.open("2024-01").use("2024-01", minutes=20)  # 14 h 40 min left: 14,6667 hours is no figure for a letter
    text = bank.statement("2024-01").explain()
    assert "14 timer og 40 minutter" in text and "14,6667" not in text
    english = bank.statement("2024-01").explain(locale="en")
    assert "14 hours and 40 minutes" in english
    assert problems(text) == []
