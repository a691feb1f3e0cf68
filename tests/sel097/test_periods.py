"""The § 97 bank looks its four rates up once per period they hold for, and every month still gets its own rates.

The memo keeps one lookup for all the months whose first day lies in the period its rates hold for (their
``valid_from`` … ``valid_to``, cut where the next value of a table starts and, for a national value a
municipality may override, outside the municipality's own values). The oracle here is a fresh lookup of the
month (``_rules``), over a book whose rates change mid-history: a national value from 2025, a municipal
override with an end, Lejre's order of use from September 2024 and Lemvig's from January 2024 over the
national default before them.
"""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.explain import RateUsed
from socialcalc.ledsageordning import Bank
from socialcalc.ledsageordning.bank import _rules
from socialcalc.months import Month
from socialcalc.ratebook import RateBook, default_book
from socialcalc.testing import book_with

FIRST, LAST = Month(2023, 6), Month(2026, 12)
MONTHS = list(Month.range(FIRST, LAST + 1))


@cache
def _book() -> RateBook:
    return book_with({
        "national/periods.toml": '''
[[rate]]
key = "sel097.hours_per_month"
unit = "hours/month"
value = 20
valid_from = 2025-01-01
status = "derived"
source = "a test: more hours from 2025"
''',
        "kommuner/lejre/periods.toml": '''
[[rate]]
key = "sel097.saving_months"
unit = "months"
value = 3
valid_from = 2024-03-01
valid_to = 2024-10-31
status = "derived"
source = "a test: a shorter saving period for eight months"
''',
    })


def _fresh(book: RateBook, m: Month, kommune: str | None) -> tuple[object, ...]:
    return _rules(book, m, kommune).rates


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([None, "lejre", "lemvig"]), st.booleans(), st.permutations(MONTHS))
def test_each_month_gets_the_rates_of_its_own_first_day(kommune: str | None, overlay: bool,
                                                         order: list[Month]) -> None:
    book = _book() if overlay else default_book()
    bank = Bank.open(FIRST, kommune=kommune, rates=book if overlay else None)
    for m in order:  # any order: the periods are looked up backwards as well as forwards
        assert bank._rules_at(m).rates == _fresh(book, m, kommune), m


def test_the_rates_change_inside_one_history() -> None:
    book = _book()
    for kommune in (None, "lejre", "lemvig"):
        bank = Bank.open(FIRST, kommune=kommune, rates=book)
        for m in MONTHS:
            bank = bank.use(m, minutes=bank.balance_minutes(m) // 2)
        statements = bank.statements(LAST)
        for st_ in statements:
            shown = {r.key: r for step in st_.explanation.steps for r in step.rates}
            fresh = _fresh(book, st_.month, kommune)
            assert [shown[r.key] for r in fresh] == [RateUsed.of(r) for r in fresh], (kommune, st_.month)
        assert statements == Bank.from_json(bank.model_dump_json(), rates=book).statements(LAST)
        lejre = kommune == "lejre"
        assert {st_.month: st_.granted_minutes for st_ in statements}[Month(2025, 1)] == 1200
        assert bank._rules_at(Month(2024, 3)).saving == (3 if lejre else 6)
        assert bank._rules_at(Month(2024, 11)).saving == 6


def test_one_lookup_serves_a_long_history() -> None:
    bank = Bank.open(Month(2024, 1))
    for m in Month.range(Month(2024, 1), Month(2034, 1)):
        bank = bank.use(m, minutes=600)
    assert len(bank._private("_memo").rules) == 1  # national standing values: one period, open-ended
    lemvig = Bank.open(FIRST, kommune="lemvig").use(LAST, 1)
    assert len(lemvig._private("_memo").rules) == 2  # the national order of use, then Lemvig's own
