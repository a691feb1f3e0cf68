"""A filtered, sorted or copied adapter result explains each of its rows as the row it was computed as, or refuses
clearly (``InvalidInput``) — never a wrong row in silence (issue 14 [one-rule]), for every rule with an adapter.

§§ 103 and 107–110 rebuild a row from its own columns; §§ 97, 100 and 117 a keep their rows' data in ``attrs`` and
map a row through its ``input_row`` column.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from socialcalc.batch.frame import (
    INPUT_ROW,
    bank_frame,
    explain_row,
    merudgift_frame,
    stays_frame,
    transport_frame,
    wage_frame,
)
from socialcalc.egenbetaling.frame import botilbud107_frame, botilbud108_frame
from socialcalc.errors import InvalidInput
from socialcalc.hastig_sygdom.frame import hastig_sygdom_frame
from socialcalc.ledsageordning import Bank
from socialcalc.merudgift import calculate

RENDERS = [{"audience": a, "locale": loc, "format": f} for a in ("borger", "sagsbehandler") for loc in ("da", "en")
           for f in ("text", "markdown", "html")]


def _results() -> dict[str, Any]:
    day = date(2024, 6, 1)
    return {
        "merudgift": merudgift_frame(pd.DataFrame({"expenses": ["607.00", "1706.99", "3000.00"]}), decided_on=day),
        "bank": bank_frame(pd.DataFrame({"person": ["a", "a", "b"], "month": ["2024-01", "2024-02", "2024-01"],
                                         "used_hours": [0, 5, 12]}), kommune="lemvig", explain=True),
        "hastig": hastig_sygdom_frame(pd.DataFrame({"account": [1, 2, 1], "paragraph": [112, 112, 83],
                                                    "date": [date(2024, 3, 20)] * 3,
                                                    "amount": ["100.00", "900.00", "250.00"]}),
                                      decided_on=date(2024, 3, 10)),
        "transport": transport_frame(pd.DataFrame({"days": [20, 20, 5], "distance_km": ["25", "8", "40"],
                                                   "net_earnings": ["1500", "5000", "900"],
                                                   "per_km": ["1.50", "1.50", "2.00"]}), on=date(2025, 3, 1)),
        "wage": wage_frame(pd.DataFrame({"assessed": ["35", "35", "5"], "field_lowest_wage": ["180", "700", "180"]}),
                           on=date(2025, 1, 6), kommune="lejre"),
        "stays": stays_frame(pd.DataFrame({"arrival": pd.to_datetime(["2024-03-03", "2023-12-28", "2024-05-01"]),
                                           "departure": pd.to_datetime(["2024-03-13", "2024-01-03", "2024-05-01"])}),
                             paragraph=109),
        "sel107": botilbud107_frame(pd.DataFrame({"net_income": [12000, 9000, 0], "fixed_expenses": [1500, 1500, 0],
                                                  "included_items_cost": [8000, 6000, 6000],
                                                  "board_included": [True, False, False]}),
                                    on=date(2025, 1, 1), kommune="lejre"),
        "sel108": botilbud108_frame(pd.DataFrame({"income_basis": [300000, 200000, 100000],
                                                  "dwelling_costs": [60000, 60000, 5000],
                                                  "single_pensioner": [False, True, False]}), on=date(2024, 6, 1)),
    }


@pytest.mark.parametrize("rule", list(_results()))
def test_a_filtered_and_reordered_copy_explains_the_rows_it_holds(rule: str) -> None:
    out = _results()[rule]
    texts = [explain_row(out, i) for i in range(len(out))]
    assert len(set(texts)) == len(texts)  # the rows are told apart: a wrong row would show
    kept = out.iloc[[2, 0]].reset_index(drop=True)
    for i, source in enumerate([2, 0]):
        for render in RENDERS:
            assert explain_row(kept, i, **render) == explain_row(out, source, **render)
    assert explain_row(out.copy(), 1) == texts[1]
    assert explain_row(out.sort_index(ascending=False).reset_index(drop=True), 0) == texts[2]


def test_the_kept_rows_are_the_one_case_results() -> None:
    results = _results()
    kept = results["merudgift"][results["merudgift"]["amount_ore"] > 0].reset_index(drop=True)
    assert explain_row(kept, 0) == calculate("1706.99", decided_on=date(2024, 6, 1)).explain()
    bank = results["bank"].iloc[[2]].reset_index(drop=True)
    assert explain_row(bank, 0) == Bank.open("2024-01", kommune="lemvig").use("2024-01", 12).statement(
        "2024-01").explain()


@pytest.mark.parametrize("rule", ["merudgift", "bank", "hastig"])
def test_without_input_row_or_with_changed_figures_a_row_is_refused(rule: str) -> None:
    out = _results()[rule]
    with pytest.raises(InvalidInput, match=INPUT_ROW):
        explain_row(out.drop(columns=INPUT_ROW), 0)
    forged = out.copy()
    forged[INPUT_ROW] = [1, 0, 2]  # rows that say they are another computed row
    with pytest.raises(InvalidInput) as err:
        explain_row(forged, 0)
    assert err.value.code == "input.frame"
