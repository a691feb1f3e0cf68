"""SEL §§ 107–110 explanations are letter Danish (no English, code, ISO dates or decimal points), in both
audiences, for generated cases; the spec's worked examples read as the golden texts in ``golden/``; a row of
every egenbetaling frame explains itself exactly as the one-case result, in every audience, locale and format."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch.frame import explain_row
from socialcalc.egenbetaling import Reduction, prepayment, sel107, sel108, settlement, stay
from socialcalc.egenbetaling.frame import botilbud107_frame, botilbud108_frame, stays_frame
from socialcalc.egenbetaling.strategies import prepaid_periods, sel107_kwargs, sel108_kwargs, stays
from socialcalc.result import Result
from socialcalc.testing.letter import problems
from tests.egenbetaling.books import CALENDAR_KOMMUNE, calendar_book

SETTINGS = settings(max_examples=60, deadline=None)
AUDIENCES = ("borger", "sagsbehandler")
GOLDEN = Path(__file__).parent / "golden"
RENDERINGS = [(a, loc, f) for a in AUDIENCES for loc in ("da", "en") for f in ("text", "markdown", "html")]


def _danish(result: Result) -> None:
    for audience in AUDIENCES:
        text = result.explain(audience)
        assert problems(text) == [], (audience, text)


reductions = st.one_of(st.none(), st.integers(0, 200_000).map(lambda o: Reduction.kroner(Decimal(o).scaleb(-2))),
                       st.sampled_from(["0.25", "0.5", "1"]).map(Reduction.of_share))


@SETTINGS
@given(stays(), st.booleans(), reductions)
def test_stays_are_letter_danish(case: tuple[int, date, date], income: bool, reduction: Reduction | None) -> None:
    _danish(stay(*case, has_income=income, reduction=reduction))


@SETTINGS
@given(st.dates(date(2023, 1, 1), date(2024, 12, 25)), st.integers(0, 5))
def test_a_calendar_day_municipality_says_so_in_danish(arrival: date, nights: int) -> None:
    r = stay(110, arrival, arrival + timedelta(days=nights), kommune=CALENDAR_KOMMUNE, rates=calendar_book())
    assert problems(r.explain()) == []  # (the case-file note names the test overlay's file: not a letter)
    assert "kalenderdag" in r.explain() and "kalenderdag" in r.explain("sagsbehandler")


@SETTINGS
@given(prepaid_periods(), st.data())
def test_prepayments_and_settlements_are_letter_danish(case: tuple[int, date, int], data: st.DataObject) -> None:
    para, start, days = case
    _danish(prepayment(para, start, days))
    _danish(settlement(para, start, days, data.draw(st.integers(0, days + 5))))


@SETTINGS
@given(sel107_kwargs())
def test_sel107_is_letter_danish(kwargs: dict[str, Any]) -> None:
    _danish(sel107(**kwargs))


@SETTINGS
@given(sel108_kwargs(), st.one_of(st.none(), st.integers(0, 5_000_000).map(lambda o: Decimal(o).scaleb(-2))))
def test_sel108_is_letter_danish(kwargs: dict[str, Any], kompensation: Decimal | None) -> None:
    _danish(sel108(**kwargs, kompensationsbeloeb=kompensation))


def test_the_110_example_has_no_code_or_english() -> None:
    r = stay(110, date(2024, 3, 3), date(2024, 3, 13))
    for audience in AUDIENCES:
        text = r.explain(audience)
        for word in ("nights_min_one", "day_count", "per_day", "per night", "same-day", "as in force", "reading"):
            assert word not in text
    assert "1 døgn" in stay(110, date(2024, 3, 3), date(2024, 3, 3)).explain()


def test_citations_are_dated_data_and_lejre_wording_only_for_lejre() -> None:
    r = stay(110, date(2024, 3, 3), date(2024, 3, 13))
    assert {s.basis for s in r.explanation.steps} >= {
        "serviceloven § 163, stk. 2, jf. bekendtgørelse nr. 1244/2017, § 2", "bekendtgørelse nr. 1244/2017, §§ 2 og 4"}
    kw = {"net_income": 12000, "fixed_expenses": 1500, "included_items_cost": 8000, "board_included": True,
          "on": date(2025, 1, 1)}
    assert "Lejre Kommunes kvalitetsstandard" in sel107(**kw, kommune="lejre").explanation.steps[0].basis


EXAMPLES: dict[str, Any] = {
    "eksempel1_sel110": lambda: stay(110, date(2024, 3, 3), date(2024, 3, 13)),
    "eksempel2_sel109_nytaar": lambda: stay(109, date(2023, 12, 28), date(2024, 1, 3)),
    "eksempel3_sel110_ingen_indtaegt": lambda: stay(110, date(2024, 3, 3), date(2024, 3, 13), has_income=False),
    "eksempel4_sel110_forudbetaling": lambda: prepayment(110, date(2024, 3, 1), 31),
    "eksempel4_sel110_efterregulering": lambda: settlement(110, date(2024, 3, 1), 31, 12),
    "eksempel5_sel108": lambda: sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1)),
    "eksempel6_sel108_pensionist": lambda: sel108(income_basis=200000, dwelling_costs=60000, on=date(2024, 6, 1),
                                                  single_pensioner=True),
    "eksempel7_sel107_med_kost": lambda: sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000,
                                                board_included=True, on=date(2025, 1, 1), kommune="lejre"),
    "eksempel7_sel107_uden_kost": lambda: sel107(net_income=12000, fixed_expenses=1500, included_items_cost=6000,
                                                 board_included=False, on=date(2025, 1, 1), kommune="lejre"),
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("audience", AUDIENCES)
def test_golden_texts(name: str, audience: str) -> None:
    text = EXAMPLES[name]().explain(audience) + "\n"
    path = GOLDEN / f"{name}.{audience}.txt"
    assert path.read_text(encoding="utf-8") == text, f"regenerate {path} and read it"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([109, 110]), st.dates(date(2023, 1, 1), date(2024, 11, 20)),
                          st.integers(0, 40), st.booleans()), min_size=1, max_size=3),
       st.sampled_from(RENDERINGS))
def test_explain_row_of_a_stay_equals_the_one_case_text(rows: list[tuple[int, date, int, bool]],
                                                         render: tuple[str, str, str]) -> None:
    audience, locale, format = render
    frame = pd.DataFrame({"paragraph": [r[0] for r in rows], "arrival": pd.to_datetime([r[1] for r in rows]),
                          "departure": pd.to_datetime([r[1] + timedelta(days=r[2]) for r in rows]),
                          "has_income": [r[3] for r in rows]})
    out = stays_frame(frame)
    for i, (para, arrival, length, income) in enumerate(rows):
        one = stay(para, arrival, arrival + timedelta(days=length), has_income=income)
        assert explain_row(out, i, audience=audience, locale=locale, format=format) == one.explain(
            audience, locale, format)


@settings(max_examples=25, deadline=None)
@given(sel107_kwargs(), sel108_kwargs(), st.sampled_from(RENDERINGS))
def test_explain_row_of_107_and_108_equals_the_one_case_text(k107: dict[str, Any], k108: dict[str, Any],
                                                             render: tuple[str, str, str]) -> None:
    audience, locale, format = render
    if k107["housing_part_cost"] is None or k107["housing_part_cost"] > k107["included_items_cost"]:
        k107 = {**k107, "keeps_own_dwelling": False, "housing_part_cost": Decimal("0.00")}
    frame = pd.DataFrame({name: [k107[name]] for name in k107})
    frame["on"] = pd.to_datetime(frame["on"])
    out = botilbud107_frame(frame)
    assert explain_row(out, 0, audience=audience, locale=locale, format=format) == sel107(**k107).explain(
        audience, locale, format)
    pair = k108["couple"]
    frame = pd.DataFrame({"income_basis": [k108["income_basis"]], "dwelling_costs": [k108["dwelling_costs"]],
                          "dependants_set_aside": [k108["dependants_set_aside"]],
                          "single_pensioner": [k108["single_pensioner"]], "couple": [pair is not None],
                          "joint_income": [pair.joint_income if pair else Decimal(0)],
                          "social_pension": [pair.social_pension if pair else Decimal(0)],
                          "on": pd.to_datetime([k108["on"]])})
    out = botilbud108_frame(frame)
    assert explain_row(out, 0, audience=audience, locale=locale, format=format) == sel108(**k108).explain(
        audience, locale, format)
