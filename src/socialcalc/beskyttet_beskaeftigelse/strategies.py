"""Hypothesis strategies for § 103 beskyttet beskæftigelse (wage and transport inputs).

Each strategy draws *valid* keyword arguments for :func:`socialcalc.beskyttet_beskaeftigelse.hourly_wage` or
:func:`socialcalc.beskyttet_beskaeftigelse.transport`: exact decimals (never floats), dates on which the § 103
rates are published, and the rate book's municipalities (or none).

>>> from hypothesis import given, settings
>>> from socialcalc.beskyttet_beskaeftigelse import transport
>>> @settings(max_examples=20, deadline=None)
... @given(transport_args())
... def test_shares_add_up(kwargs):
...     t = transport(**kwargs)
...     assert t.citizen + t.municipality == t.total
>>> test_shares_add_up()
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from socialcalc.ratebook import RateBook
from socialcalc.testing import amounts, covered_dates, kommuner

__all__ = [
    "distances_km",
    "hourly_rates",
    "hourly_wage_args",
    "sel103_dates",
    "transport_args",
    "work_days",
    "zone_prices",
]


def sel103_dates(book: RateBook | None = None) -> st.SearchStrategy[date]:
    """Days on which the national § 103 rates hold."""
    return covered_dates("sel103.transport_cap_share", book)


def work_days(max_days: int = 260) -> st.SearchStrategy[int]:
    """Working days in a period (an ``int``, from 0)."""
    return st.integers(0, max_days)


def distances_km(max_tenths: int = 3_000) -> st.SearchStrategy[Decimal]:
    """One-way distances in km with one decimal (0.0 to ``max_tenths`` / 10 km)."""
    return st.integers(0, max_tenths).map(lambda n: Decimal(n).scaleb(-1))


def hourly_rates(max_ore: int = 100_000) -> st.SearchStrategy[Decimal]:
    """Hourly wages in kroner, to the øre (0.00 to ``max_ore`` / 100)."""
    return amounts(0, max_ore)


def zone_prices(max_ore: int = 50_000) -> st.SearchStrategy[tuple[Decimal, Decimal]]:
    """``(daily_total, daily_within_10km)``, the price within the own distance never above the whole trip's."""
    return st.tuples(amounts(0, max_ore), amounts(0, max_ore)).map(lambda p: (max(p), min(p)))


def hourly_wage_args(book: RateBook | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``hourly_wage``: assessed rate, the field's lowest wage, day and municipality."""
    return st.fixed_dictionaries({
        "assessed": hourly_rates(),
        "field_lowest_wage": hourly_rates(),
        "on": sel103_dates(book),
        "kommune": kommuner(book),
    })


def transport_args(form: str | None = None, book: RateBook | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``transport``; ``form`` is ``"per_km"``, ``"zone"`` or ``None`` (either)."""
    base = {
        "days": work_days(),
        "distance_km": distances_km(),
        "net_earnings": amounts(0, 2_000_000),
        "on": sel103_dates(book),
        "kommune": kommuner(book),
    }
    per_km = st.fixed_dictionaries({**base, "per_km": amounts(0, 1_200)})
    zone = st.fixed_dictionaries(base).flatmap(
        lambda kw: zone_prices().map(lambda p: {**kw, "daily_total": p[0], "daily_within_10km": p[1]}))
    if form == "per_km":
        return per_km
    if form == "zone":
        return zone
    if form is not None:
        raise ValueError(f"form = {form!r}: angiv 'per_km', 'zone' eller None")
    return st.one_of(per_km, zone)
