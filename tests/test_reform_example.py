"""The page "Hvad koster en ændring?" (docs/reform.md): the script runs and gives the page's figures."""

from __future__ import annotations

import runpy
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "reform_cost.py"


def test_the_reform_page_figures() -> None:
    example = runpy.run_path(str(EXAMPLE))
    out, table = example["cost"](example["caseload"]())
    assert table["per_year_kr"].tolist() == [269_653_120, 297_362_620, 283_682_200]
    assert table["extra_per_year_kr"].tolist() == [0, 27_709_500, 14_029_080]
    assert table["gain"].tolist() == [0, 15_925, 1_058] == table["changed"].tolist()
    assert table["loss"].tolist() == [0, 0, 0]
    assert len(out) == 3 * 20_000
    a = out[out["scenario"] == "forslag A: gruppe I 1.250 kr."]
    assert set(a.loc[a["difference_ore"] != 0, "difference_ore"]) == {14_500}
