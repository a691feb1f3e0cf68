"""Hypothesis strategies for the egenbetaling rules (SEL §§ 107–110), for other systems' property tests.

Every strategy draws inputs the packaged rate book can price (no døgn in a year without a published day rate,
no § 108 date without a table, § 107 only where the municipality has a rådighedsbeløb), so a test that calls
the rule with them never meets :class:`~socialcalc.errors.RateNotPublished`.

>>> from hypothesis import given, settings
>>> from socialcalc.egenbetaling import stay
>>> @settings(max_examples=20)
... @given(stays())
... def test_stay_is_never_negative(case):
...     assert stay(*case).amount >= 0
>>> test_stay_is_never_negative()
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from socialcalc.egenbetaling import Couple
from socialcalc.egenbetaling._common import DAY_RATE_KEYS
from socialcalc.ratebook import RateBook, default_book
from socialcalc.testing import amounts, covered_dates

__all__ = ["couples", "paragraphs", "prepaid_periods", "sel107_kwargs", "sel108_kwargs", "stays"]


def paragraphs() -> st.SearchStrategy[int]:
    """109 or 110."""
    return st.sampled_from(sorted(DAY_RATE_KEYS))


def _covered_years(key: str, book: RateBook) -> frozenset[int]:
    years: set[int] = set()
    for rate in book.history(key):
        end = rate.valid_to or date(rate.valid_from.year, 12, 31)
        years.update(range(rate.valid_from.year, end.year + 1))
    return frozenset(years)


def _run(paragraph: int | None, book: RateBook | None, length: st.SearchStrategy[int]) -> st.SearchStrategy[Any]:
    book = book or default_book()

    def for_paragraph(para: int) -> st.SearchStrategy[tuple[int, date, int]]:
        key = DAY_RATE_KEYS[para]
        years = _covered_years(key, book)
        return st.tuples(st.just(para), covered_dates(key, book), length).filter(
            lambda case: all(y in years for y in range(case[1].year, (case[1] + timedelta(days=case[2])).year + 1)))

    return (st.just(paragraph) if paragraph is not None else paragraphs()).flatmap(for_paragraph)


def stays(paragraph: int | None = None, *, max_days: int = 60,
          book: RateBook | None = None) -> st.SearchStrategy[tuple[int, date, date]]:
    """``(paragraph, arrival, departure)`` with a published day rate on every day from arrival to departure."""
    return _run(paragraph, book, st.integers(0, max_days)).map(
        lambda c: (c[0], c[1], c[1] + timedelta(days=c[2])))


def prepaid_periods(paragraph: int | None = None, *, max_days: int | None = None,
                    book: RateBook | None = None) -> st.SearchStrategy[tuple[int, date, int]]:
    """``(paragraph, start, days)`` for :func:`~socialcalc.egenbetaling.prepayment`.

    ``days`` is at most ``max_days`` (default: the latest ``egenbetaling.prepayment_max_days``).
    """
    book = book or default_book()
    limit = max_days if max_days is not None else int(book.latest("egenbetaling.prepayment_max_days").value)
    return _run(paragraph, book, st.integers(0, limit))


def couples(max_ore: int = 60_000_000) -> st.SearchStrategy[Couple]:
    """A :class:`~socialcalc.egenbetaling.Couple` (joint income and social pension per year)."""
    return st.builds(Couple, joint_income=amounts(0, max_ore), social_pension=amounts(0, max_ore))


def sel108_kwargs(book: RateBook | None = None, *, couple: bool | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for :func:`~socialcalc.egenbetaling.sel108` on a date with a published table.

    ``couple``: ``True`` always a couple (only dates whose couples' step is published), ``False`` never,
    ``None`` either.
    """
    book = book or default_book()
    with_step = _covered_years("sel108.couple_discount_step", book)
    on = covered_dates("sel108.threshold", book)

    def build(day: date, want: bool) -> st.SearchStrategy[dict[str, Any]]:
        pair = want and day.year in with_step
        single = st.just(False) if pair else st.booleans()
        return st.fixed_dictionaries({
            "income_basis": amounts(0, 80_000_000),
            "dwelling_costs": amounts(0, 20_000_000),
            "on": st.just(day),
            "single_pensioner": single,
            "dependants_set_aside": st.one_of(st.just(Decimal(0)), amounts(0, 10_000_000)),
            "couple": couples() if pair else st.none(),
        })

    wanted = st.just(couple) if couple is not None else st.booleans()
    days = on.filter(lambda d: d.year in with_step) if couple else on
    return st.tuples(days, wanted).flatmap(lambda t: build(*t))


def sel107_kwargs(kommune: str = "lejre", book: RateBook | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for :func:`~socialcalc.egenbetaling.sel107` in a municipality with a rådighedsbeløb."""
    book = book or default_book()
    with_board = covered_dates("sel107.raadighedsbeloeb_with_board", book, kommune)
    without = covered_dates("sel107.raadighedsbeloeb_without_board", book, kommune)

    def build(board: bool, day: date, keeps: bool) -> st.SearchStrategy[dict[str, Any]]:
        items = amounts(0, 3_000_000)
        return items.flatmap(lambda cost: st.fixed_dictionaries({
            "net_income": amounts(0, 5_000_000),
            "fixed_expenses": amounts(0, 2_000_000),
            "included_items_cost": st.just(cost),
            "board_included": st.just(board),
            "on": st.just(day),
            "kommune": st.just(kommune),
            "keeps_own_dwelling": st.just(keeps),
            "housing_part_cost": (amounts(0, int(cost * 100)) if keeps
                                  else st.one_of(st.none(), amounts(0, int(cost * 100)))),
        }))

    return st.booleans().flatmap(lambda board: st.tuples(
        st.just(board), with_board if board else without, st.booleans())).flatmap(lambda t: build(*t))
