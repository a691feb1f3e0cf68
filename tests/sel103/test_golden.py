"""The worked examples of § 103 as golden texts, in both audiences (read once by a person; ``tests/sel103/golden``).

Regenerate after a reviewed change of the catalog with ``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/sel103`` and
read the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialcalc.beskyttet_beskaeftigelse import hourly_wage, transport
from socialcalc.testing.letter import problems

GOLDEN = Path(__file__).parent / "golden"
ON = date(2025, 3, 1)

EXAMPLES: dict[str, Callable[[], Any]] = {
    # 1: the field's lowest wage 180.00 kr./hour, assessed 35 kr./hour: Lejre caps at 30, Lemvig has no cap
    "eksempel-1-lejre": lambda: hourly_wage("35", field_lowest_wage="180.00", on=ON, kommune="lejre"),
    "eksempel-1-lemvig": lambda: hourly_wage("35", field_lowest_wage="180.00", on=ON, kommune="lemvig"),
    # 2: 20 days, 25 km each way, 1.50 kr./km, net earnings 1500.00: the person pays 450.00, the municipality 1050.00
    "eksempel-2": lambda: transport(days=20, distance_km=25, net_earnings="1500.00", per_km="1.50", on=ON),
    # 3: the same at 8 km: all within 10 km, the cap binds: the person pays 450.00, the municipality 30.00
    "eksempel-3": lambda: transport(days=20, distance_km=8, net_earnings="1500.00", per_km="1.50", on=ON),
}
RENDERS = [(a, loc) for a in ("borger", "sagsbehandler") for loc in ("da", "en")]


@pytest.mark.parametrize("name", list(EXAMPLES))
@pytest.mark.parametrize(("audience", "locale"), RENDERS)
def test_worked_example_text(name: str, audience: str, locale: str) -> None:
    text = EXAMPLES[name]().explain(audience=audience, locale=locale) + "\n"
    path = GOLDEN / f"{name}.{audience}.{locale}.txt"
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    if locale == "da":
        assert problems(text) == []


def test_worked_example_figures_are_in_the_letters() -> None:
    two = (GOLDEN / "eksempel-2.borger.da.txt").read_text(encoding="utf-8")
    assert "1.500,00 kr." in two and "450,00 kr." in two and "1.050,00 kr." in two
    three = (GOLDEN / "eksempel-3.borger.da.txt").read_text(encoding="utf-8")
    assert "480,00 kr." in three and "450,00 kr." in three and "30,00 kr." in three
    lejre = (GOLDEN / "eksempel-1-lejre.borger.da.txt").read_text(encoding="utf-8")
    assert "9,00 kr." in lejre and "30,00 kr." in lejre and "Lejre Kommunes kvalitetsstandard" in lejre
