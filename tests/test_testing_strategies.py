"""socialcalc.testing: covered_dates reaches the book's latest year; one naming scheme across rules."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from socialcalc import testing
from socialcalc.errors import UnknownRate
from socialcalc.ratebook import default_book
from socialcalc.testing import book_with, covered_dates, latest_year


def test_the_latest_year_is_the_books() -> None:
    book = default_book()
    published = [r.valid_from.year for k in book.keys() for r in book.history(k)]
    assert latest_year() == max(published) >= 2025


@pytest.mark.parametrize("key", ["sel103.transport_cap_share", "sel097.max_hours"])
def test_standing_rates_reach_the_latest_year(key: str) -> None:
    seen: set[int] = set()

    @settings(max_examples=300, database=None)
    @given(covered_dates(key))
    def draw(day: date) -> None:
        seen.add(day.year)
        assert default_book().at(day).get(key).projected is False

    draw()
    assert latest_year() in seen


def test_a_later_year_in_the_book_extends_the_standing_rates() -> None:
    book = book_with({"national/later.toml": """[[rate]]
key = "sel097.expense_grant_max"
unit = "DKK/year"
value = 1100
valid_from = 2031-01-01
status = "derived"
source = "a test: a later year"
"""})
    assert latest_year(book) == 2031
    assert find(covered_dates("sel103.transport_cap_share", book), lambda d: d.year == 2031).year == 2031


def test_a_key_without_values_is_refused() -> None:
    with pytest.raises(UnknownRate):
        covered_dates("sel999.nothing")


@pytest.mark.parametrize("name", sorted(testing._NAMES))
def test_every_consistent_name_is_a_strategy_factory(name: str) -> None:
    factory = getattr(testing, name)
    assert callable(factory)
    if name.endswith("_dates"):
        assert isinstance(find(factory(), lambda _: True), date)
    assert isinstance(factory(), st.SearchStrategy)


def test_old_names_are_kept() -> None:
    from socialcalc.testing import merudgift

    assert testing.sel100_regime1_dates is merudgift.regime1_decision_dates
    with pytest.raises(AttributeError):
        testing.no_such_strategy  # noqa: B018
