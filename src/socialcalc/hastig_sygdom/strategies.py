"""Hypothesis strategies for SEL § 117a budget accounts (:mod:`socialcalc.hastig_sygdom`).

Decision dates with a published budget, the paragraphs § 117a covers, bookings dated on or after a decision,
and whole accounts with bookings that fit their budget (sometimes using it all; for §§ 83 and 97 sometimes as
hours or minutes at an hourly price). ``socialcalc.testing.hastig_sygdom`` re-exports them.

>>> from hypothesis import given, settings
>>> @settings(max_examples=50, deadline=None)
... @given(budgets())
... def test_spent_and_remaining_make_the_total(b):
...     assert b.spent + b.remaining == b.total
>>> test_spent_and_remaining_make_the_total()
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from socialcalc.hastig_sygdom import PARAGRAPHS, Booking, Budget, value_of_hours, value_of_minutes
from socialcalc.ratebook import RateBook, default_book
from socialcalc.testing import amounts, covered_dates

__all__ = [
    "booking_amounts", "bookings", "budgets", "danish_descriptions", "decision_dates", "descriptions", "paragraphs",
]

_DANISH = ("kørestol", "fjernelse af dørtrin", "personlig pleje", "ledsagelse til læge", "badebænk", "rampe",
           "hjælp til indkøb", "plejeseng", "trappelift", "forflytning om natten")

_YEAR = 366


def decision_dates(book: RateBook | None = None) -> st.SearchStrategy[date]:
    """Decision dates on or after § 117a took effect whose year has a published budget."""
    book = book or default_book()
    first: date = book.latest("sel117a.in_force").value
    return covered_dates("sel117a.budget", book).filter(lambda d: d >= first)


def paragraphs() -> st.SearchStrategy[int]:
    """The paragraphs § 117a covers: 83, 97, 112 or 116."""
    return st.sampled_from(PARAGRAPHS)


def booking_amounts(max_ore: int = 5_000_000) -> st.SearchStrategy[Decimal]:
    """Positive booking values in kroner with øre, from 0.01 up to ``max_ore`` øre."""
    return amounts(1, max_ore)


def descriptions() -> st.SearchStrategy[str]:
    """Short free-text descriptions (possibly empty)."""
    return st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)


def danish_descriptions() -> st.SearchStrategy[str]:
    """Descriptions a caseworker would write (or none), for tests of the Danish text."""
    return st.sampled_from(("", *_DANISH))


def bookings(decided_on: date, *, max_ore: int = 5_000_000, within_days: int = 3 * _YEAR) -> st.SearchStrategy[Booking]:
    """Valid bookings for an account decided on ``decided_on`` (dated on it or up to ``within_days`` later)."""
    return st.builds(
        Booking,
        paragraph=paragraphs(),
        date=st.dates(decided_on, decided_on + timedelta(days=within_days)),
        amount=booking_amounts(max_ore),
        description=descriptions(),
    )


@st.composite
def budgets(
    draw: st.DrawFn, book: RateBook | None = None, max_bookings: int = 8, *,
    description: st.SearchStrategy[str] | None = None, project: bool = False,
) -> Budget:
    """Accounts opened on a published decision date, with up to ``max_bookings`` bookings that fit.

    ``description`` draws the bookings' descriptions (default :func:`descriptions`); ``project=True`` draws
    decision dates in years with a projected budget too.
    """
    if project:
        decided_on = draw(st.one_of(decision_dates(book), st.dates(date(2026, 1, 1), date(2026, 12, 31))))
    else:
        decided_on = draw(decision_dates(book))
    account = Budget.open(decided_on, rates=book, project=project)
    for _ in range(draw(st.integers(0, max_bookings))):
        left = int(account.remaining * 100)
        if left == 0:
            break
        b = draw(bookings(decided_on))
        text = draw(description) if description is not None else b.description
        if b.paragraph in (83, 97) and draw(st.integers(0, 2)) == 0:  # now and then, time at an hourly price
            price = draw(amounts(1, 60_000))
            if draw(st.booleans()):
                hours = Decimal(draw(st.integers(1, 400))).scaleb(-draw(st.integers(0, 2)))
                if 0 < value_of_hours(hours, price) * 100 <= left:
                    account = account.book(b.paragraph, on=b.date, description=text, hours=hours,
                                           hourly_price=price)
                    continue
            else:
                minutes = draw(st.integers(1, 6000))
                if 0 < value_of_minutes(minutes, price) * 100 <= left:
                    account = account.book(b.paragraph, on=b.date, description=text, minutes=minutes,
                                           hourly_price=price)
                    continue
        use_all = draw(st.integers(0, 4)) == 0  # now and then, use the whole budget
        amount = account.remaining if use_all else draw(booking_amounts(left))
        account = account.book(b.paragraph, amount, on=b.date, description=text)
    return account
