"""SEL § 100 as a caseworker pastes it: Danish text only, citations true on the day, golden worked examples,
and batch rows explained exactly like one case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch.frame import explain_row as frame_explain_row
from socialcalc.merudgift import MerudgiftResult, OneOffResult, calculate, one_off
from socialcalc.merudgift.frame import explain_row, merudgift_frame, one_off_frame
from socialcalc.merudgift.strategies import (
    expenses,
    kompensation_expenses,
    regime1_decision_dates,
    regime2_decision_dates,
)
from socialcalc.testing import book_with
from socialcalc.testing.letter import problems

SETTINGS = settings(max_examples=120, deadline=None)
AUDIENCES = ("borger", "sagsbehandler")
GOLDEN = Path(__file__).parent / "golden"


def _danish(r: MerudgiftResult | OneOffResult) -> None:
    for audience in AUDIENCES:
        text = r.explain(audience=audience)
        assert problems(text) == [], (audience, text)


# -- Danish only ----------------------------------------------------------------------------------------------------

@SETTINGS
@given(regime1_decision_dates(), expenses(), st.booleans(), st.sampled_from(["month", "year"]))
def test_merudgiftsydelse_is_danish_in_both_audiences(day: date, value: Decimal, documented: bool, per: str) -> None:
    _danish(calculate(value, decided_on=day, documented=documented, per=per))


@SETTINGS
@given(regime2_decision_dates(), kompensation_expenses(), st.sampled_from([None, "I"]))
def test_kompensationsydelse_is_danish_in_both_audiences(day: date, pair: tuple[Decimal, Decimal | None],
                                                          group: str | None) -> None:
    total, listed = pair
    try:
        r = calculate(total, listed_documented=listed, decided_on=day, group=group)
    except ValueError:  # group I chosen under the minimum: refused, nothing to render
        return
    _danish(r)


@SETTINGS
@given(regime1_decision_dates(), expenses(), st.sampled_from([None, Decimal(0), Decimal(100), Decimal(500)]),
       st.booleans(), st.booleans())
def test_one_off_is_danish_in_both_audiences(day: date, value: Decimal, running: Decimal | None,
                                             recipient: bool, documented: bool) -> None:
    try:
        r = one_off(value, running=running, decided_on=day, recipient=recipient, documented=documented)
    except ValueError:  # running expenses that reach the minimum: refused
        return
    _danish(r)


PUBLISHED_2025 = {"national/overlay.toml": """
[[rate]]
key = "sel100.bands"
unit = "DKK/month"
valid_from = 2025-01-01
status = "official"
source = "prøve: en offentliggjort tabel for 2025"
value = [{ from = 630, pays = 1179 }, { from = 1768, pays = 2359 }, { over = 2948, pays = "expenses" }]
"""}


def test_an_old_award_paid_after_the_change_is_danish() -> None:
    book = book_with(PUBLISHED_2025)
    _danish(calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 5, 1), rates=book))
    _danish(one_off("500", decided_on=date(2026, 3, 1), recipient=True))
    # a projected table's source is the core's projection text: the letter to the citizen is Danish regardless
    text = calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 5, 1), project=True).explain()
    assert problems(text) == []


def test_borger_says_du_and_the_note_says_borgeren() -> None:
    r = calculate("1707", decided_on=date(2024, 6, 1))
    letter, note = r.explain(), r.explain(audience="sagsbehandler")
    assert "Dine sandsynliggjorte merudgifter" in letter and "Borgeren" not in letter
    assert "Borgerens sandsynliggjorte merudgifter" in note and "Dine " not in note
    assert r.explain(locale="en").startswith("Merudgiftsydelse (extra-expense benefit)")


# -- citations, true on the day ---------------------------------------------------------------------------------------

def _bases(r: MerudgiftResult | OneOffResult) -> set[str]:
    return {f.basis for f in r.explanation.steps if f.basis}


@pytest.mark.parametrize(("day", "bek"), [
    (date(2018, 6, 1), "bekendtgørelse nr. 1248 af 13. november 2017"),
    (date(2020, 6, 18), "bekendtgørelse nr. 1248 af 13. november 2017"),
    (date(2020, 6, 19), "bekendtgørelse nr. 931 af 19. juni 2020"),
    (date(2024, 6, 1), "bekendtgørelse nr. 931 af 19. juni 2020"),
    (date(2025, 8, 31), "bekendtgørelse nr. 931 af 19. juni 2020"),
])
def test_merudgiftsydelse_cites_the_bekendtgoerelse_of_the_decision_date(day: date, bek: str) -> None:
    r = calculate("1707", decided_on=day, project=True)
    assert f"serviceloven § 100, stk. 3, jf. {bek}" in _bases(r)
    for audience in AUDIENCES:
        text = r.explain(audience=audience)
        assert bek in text
        assert "L 201" not in text and "1070" not in text
        if day < date(2020, 6, 19):
            assert "931" not in text


def test_kompensationsydelse_cites_bek_1070() -> None:
    r = calculate("2500", listed_documented="2500", decided_on=date(2025, 10, 1))
    assert "serviceloven § 100, stk. 2, jf. bekendtgørelse nr. 1070 af 27. august 2025" in _bases(r)
    assert "bekendtgørelse nr. 931" not in r.explain()


def test_an_old_award_paid_after_the_change_cites_the_transition_rule() -> None:
    r = calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 5, 1), project=True)
    bases = _bases(r)
    assert any(b.startswith("overgangsreglen i lovforslag L 201 (2024-25)") for b in bases)
    assert "serviceloven § 100, stk. 3, jf. bekendtgørelse nr. 931 af 19. juni 2020" in bases


@pytest.mark.parametrize(("day", "cited"), [
    (date(2019, 5, 1), "serviceloven § 100, jf. bekendtgørelse nr. 1248 af 13. november 2017"),
    (date(2024, 5, 1), "serviceloven § 100, jf. § 9 i bekendtgørelse nr. 931 af 19. juni 2020"),
])
def test_one_off_cites_the_bekendtgoerelse_of_the_decision_date(day: date, cited: str) -> None:
    assert cited in _bases(one_off("7296", decided_on=day, project=True))


# -- golden texts of the worked examples --------------------------------------------------------------------------

def _golden_cases() -> dict[str, MerudgiftResult | OneOffResult]:
    y2024, y2021, y2023, oct25 = date(2024, 6, 1), date(2021, 6, 1), date(2023, 6, 1), date(2025, 10, 1)
    return {
        "2024-0607": calculate("607", decided_on=y2024),
        "2024-1706_99": calculate("1706.99", decided_on=y2024),
        "2024-1707": calculate("1707", decided_on=y2024),
        "2024-2846_01-dokumenteret": calculate("2846.01", documented=True, decided_on=y2024),
        "2024-3000-sandsynliggjort": calculate("3000", decided_on=y2024),
        "2024-7296-aar": calculate("7296", per="year", decided_on=y2024),
        "2021-1592_50": calculate("1592.50", decided_on=y2021),
        "2023-2757_01-dokumenteret": calculate("2757.01", documented=True, decided_on=y2023),
        "2025-0554": calculate("554", decided_on=oct25),
        "2025-2000-positivliste": calculate("2000", listed_documented="2000", decided_on=oct25),
        "2025-2500-positivliste": calculate("2500", listed_documented="2500", decided_on=oct25),
        "2025-2500-valgt-gruppe-1": calculate("2500", listed_documented="2500", group="I", decided_on=oct25),
        "overgang-2026": calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 5, 1), project=True),
        "engangs-modtager": one_off("5000", decided_on=date(2024, 5, 1), recipient=True),
        "engangs-under-minimum": one_off("6096", running="100", decided_on=date(2024, 5, 1)),
    }


@pytest.mark.parametrize("name", sorted(_golden_cases()))
@pytest.mark.parametrize("audience", AUDIENCES)
def test_golden_texts(name: str, audience: str) -> None:
    text = _golden_cases()[name].explain(audience=audience)  # type: ignore[arg-type]
    path = GOLDEN / f"{name}.{audience}.txt"
    if not path.exists():  # written once, then read by a person
        path.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == path.read_text(encoding="utf-8")


# -- batch rows explained exactly like one case ------------------------------------------------------------------

FORMS = [(a, loc, fmt) for a in AUDIENCES for loc in ("da", "en") for fmt in ("text", "markdown", "html")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([date(2018, 3, 1), date(2020, 6, 19), date(2024, 6, 1),
                                           date(2025, 10, 1), date(2026, 2, 1)]),
                          st.integers(0, 400_000), st.booleans(), st.booleans(), st.sampled_from(["month", "year"])),
                min_size=1, max_size=6))
def test_explain_row_equals_the_one_case_explanation(rows: list[tuple[date, int, bool, bool, str]]) -> None:
    frame = pd.DataFrame({
        "decided_on": [r[0] for r in rows],
        "expenses_ore": np.array([r[1] for r in rows]),
        "listed_documented_ore": np.array([r[1] if r[3] else r[1] // 2 for r in rows]),
        "documented": [r[2] for r in rows],
        "per": [r[4] for r in rows],
    })
    out = merudgift_frame(frame, project=True)
    for i, (day, value, documented, _, per) in enumerate(rows):
        listed = Decimal(int(frame["listed_documented_ore"][i])).scaleb(-2)
        one = calculate(Decimal(value).scaleb(-2), decided_on=day, documented=documented, per=per,
                        listed_documented=listed, project=True)
        assert int(out["amount_ore"][i]) == int(one.amount * 100)
        for audience, locale, fmt in FORMS:
            assert explain_row(out, i, audience=audience, locale=locale, format=fmt) == one.explain(
                audience=audience, locale=locale, format=fmt)  # type: ignore[arg-type]
    assert frame_explain_row(out, 0, audience="borger", locale="da", format="text") == explain_row(out, 0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([date(2018, 5, 1), date(2024, 5, 1)]), st.integers(0, 1_500_000),
                          st.sampled_from([0, 10_000, 50_000]), st.booleans(), st.booleans()), min_size=1, max_size=6))
def test_one_off_rows_are_explained_like_one_case(rows: list[tuple[date, int, int, bool, bool]]) -> None:
    frame = pd.DataFrame({"decided_on": [r[0] for r in rows], "expense_ore": np.array([r[1] for r in rows]),
                          "running_ore": np.array([r[2] for r in rows]), "recipient": [r[3] for r in rows],
                          "documented": [r[4] for r in rows]})
    out = one_off_frame(frame)
    for i, (day, value, running, recipient, documented) in enumerate(rows):
        one = one_off(Decimal(value).scaleb(-2), running=Decimal(running).scaleb(-2), decided_on=day,
                      recipient=recipient, documented=documented)
        assert int(out["amount_ore"][i]) == int(one.amount * 100)
        assert out["case"][i] == one.case
        for audience, locale, fmt in FORMS:
            assert explain_row(out, i, audience=audience, locale=locale, format=fmt) == one.explain(
                audience=audience, locale=locale, format=fmt)  # type: ignore[arg-type]
