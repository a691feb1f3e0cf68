"""The budget analysis of docs/budget-analysis.md runs, and gives the figures the page shows."""

from __future__ import annotations

import runpy
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from socialcalc.batch import BatchRateNotPublished, merudgift

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "budget_analysis.py"


def test_the_budget_page_figures() -> None:
    example = runpy.run_path(str(EXAMPLE))
    table = example["budget"](example["caseload"]())
    wide = table.pivot(index="paragraph", columns="year", values="kroner")
    assert wide.loc["§ 100 (awards of 2024)", 2024] == 115_251_204
    assert wide.loc["§ 100 (new decisions)", 2027] == 47_118_462
    assert wide.loc["§§ 109/110 egenbetaling", 2024] == -1_322_737
    assert table.groupby("year")["kroner"].sum().tolist() == [173_891_486, 180_758_240, 207_203_162, 207_936_091]
    projected = {(p, y) for p, y in table[table["projected"]][["paragraph", "year"]].itertuples(index=False)}
    assert ("§ 100 (awards of 2024)", 2024) not in projected
    assert {("§ 100 (new decisions)", 2026), ("§ 97 ledsageordning", 2027)} <= projected


def test_2027_needs_a_projection_percentage() -> None:
    with pytest.raises(BatchRateNotPublished) as caught:
        merudgift(np.array([100_000]), decided_on=date(2027, 3, 1), project=True)
    assert caught.value.code == "rate.not_published"
    assert "satsreguleringsprocenten for 2027" in caught.value.reason
