"""Hypothesis strategies for SEL § 100 (merudgiftsydelse and kompensationsydelse) inputs.

>>> from hypothesis import given, settings
>>> from socialcalc.merudgift import calculate
>>> @settings(max_examples=5, deadline=None)
... @given(regime1_decision_dates(), expenses())
... def test_band_is_paid(day, amount):
...     assert calculate(amount, decided_on=day, documented=True).regime == "merudgiftsydelse"
>>> test_band_is_paid()
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from socialcalc.ratebook import RateBook, default_book
from socialcalc.testing import amounts, covered_dates

__all__ = [
    "band_table_years",
    "expenses",
    "kompensation_expenses",
    "regime1_decision_dates",
    "regime2_decision_dates",
]


def expenses(max_ore: int = 1_000_000) -> st.SearchStrategy[Decimal]:
    """Monthly extra expenses in kroner with øre (0 to ``max_ore`` øre; default up to 10.000 kr.)."""
    return amounts(0, max_ore)


def band_table_years(book: RateBook | None = None) -> list[int]:
    """The years with a published (not projected) merudgiftsydelse band table."""
    return sorted({r.valid_from.year for r in (book or default_book()).history("sel100.bands")})


def regime1_decision_dates(book: RateBook | None = None) -> st.SearchStrategy[date]:
    """Decision dates under the merudgiftsydelse on which a band table is published (holes left out)."""
    return covered_dates("sel100.bands", book)


def regime2_decision_dates(book: RateBook | None = None) -> st.SearchStrategy[date]:
    """Decision dates under the kompensationsydelse on which its amounts are published."""
    return covered_dates("sel100.komp_group1", book)


def kompensation_expenses(max_ore: int = 1_000_000) -> st.SearchStrategy[tuple[Decimal, Decimal | None]]:
    """Pairs ``(expenses, listed_documented)`` with the listed documented expenses part of the total (or None)."""
    def split(total: Decimal) -> st.SearchStrategy[tuple[Decimal, Decimal | None]]:
        ore = int(total * 100)
        listed: st.SearchStrategy[Decimal | None] = st.one_of(st.none(), amounts(0, ore))
        return listed.map(lambda x: (total, x))

    return expenses(max_ore).flatmap(split)
