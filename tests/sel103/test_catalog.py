"""Every § 103 fact has a catalog entry in both languages, and every entry is used by some case (issue 13)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from socialcalc.beskyttet_beskaeftigelse import hourly_wage, period_wage, transport

FOLDER = Path(__file__).parents[2] / "src" / "socialcalc" / "beskyttet_beskaeftigelse"
ON = date(2025, 3, 1)


def _ids(table: dict[str, Any], prefix: str = "") -> set[str]:
    found: set[str] = set()
    for name, value in table.items():
        if isinstance(value, dict):
            if {"tekst", "borger", "sagsbehandler"} & set(value):
                found.add(prefix + name)
            found |= _ids({k: v for k, v in value.items() if isinstance(v, dict)}, f"{prefix}{name}.")
    return found


def _catalog(locale: str) -> set[str]:
    return _ids(tomllib.loads((FOLDER / f"tekster.{locale}.toml").read_text(encoding="utf-8")))


def _cases() -> list[Any]:
    wage = hourly_wage("35", field_lowest_wage="180", on=ON, kommune="lejre")
    return [
        wage,
        hourly_wage("35", field_lowest_wage="180", on=ON, kommune="lemvig"),
        hourly_wage("20", field_lowest_wage="180", on=ON, kommune="lejre"),
        hourly_wage("20", field_lowest_wage="180", on=ON),
        hourly_wage("5", field_lowest_wage="180", on=ON),
        hourly_wage("35", field_lowest_wage="700", on=ON, kommune="lejre"),
        period_wage("10", wage),
        transport(days=20, distance_km=25, net_earnings="1500", per_km="1.50", on=ON),
        transport(days=20, distance_km=8, net_earnings="5000", per_km="1.50", on=ON),
        transport(days=20, distance_km=25, net_earnings="5000", daily_total="64", daily_within_10km="40", on=ON),
    ]


def test_both_catalogs_hold_the_same_ids() -> None:
    assert _catalog("da") == _catalog("en")


def test_every_fact_has_an_entry_and_every_entry_is_used() -> None:
    used: set[str] = set()
    for result in _cases():
        used.add(result.explanation.title)
        for fact in result.explanation.steps:
            used.add(fact.step)
            if fact.reading:
                used.add(fact.reading)
    assert used == _catalog("da")
