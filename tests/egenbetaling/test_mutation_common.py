"""Tests that kill the mutants of ``egenbetaling/_common.py``: what the §§ 109/110 day-rate rules share.

Every refusal by class, code, field and value (the paragraph shown as given: text quoted, a number as it is;
a prepayment over the limit of BEK 1244/2017 § 4 stk. 2 at 31 and 32 døgn; a døgn count or a date under its
own field name); the runs of døgn (one døgn is "en_dag", two are "flere_dage"; each run's legal basis and
rate); the rate book asked once per rate period, never per day (a loop that does not end is seen as too many
look-ups); ``project`` passed on for every døgn and off by default.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from socialcalc.egenbetaling import PrepaymentTooLong, prepayment, settlement, stay
from socialcalc.egenbetaling._common import charge, paragraph_of, punktum, whole_days
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.ratebook import RateBook, Rates, default_book
from tests.codes import raises_code

D = Decimal
PARAGRAPH_RULE = "en takst pr. døgn findes kun for SEL § 109 (kvindekrisecenter) og § 110 (forsorgshjem/herberg)"
DAY_RATE_BASIS = "serviceloven § 163, stk. 2, jf. bekendtgørelse nr. 1244/2017, § 2"


class CountingBook:
    """The packaged book, counting its look-ups, and refusing more than ``limit`` of them."""

    def __init__(self, limit: int) -> None:
        self.book, self.limit, self.calls = default_book(), limit, 0

    def at(self, day: date, kommune: str | None = None, **kwargs: Any) -> Rates:
        self.calls += 1
        assert self.calls <= self.limit, "the rate book is asked once per rate period, not once per day"
        return self.book.at(day, kommune, **kwargs)


def _book(book: CountingBook) -> RateBook:
    return book  # type: ignore[return-value]


# -- refusals ---------------------------------------------------------------------------------------------------

def test_a_prepayment_of_31_days_is_the_limit_and_32_is_refused() -> None:
    assert prepayment(110, date(2024, 3, 1), 31).amount == D("3123.87")
    with raises_code(PrepaymentTooLong, "input.invalid", field="days", value=32) as caught:
        prepayment(110, date(2024, 3, 1), 32)
    assert str(caught.value) == "days = 32: en forudbetaling dækker højst 31 døgn (BEK 1244/2017 § 4, stk. 2)"
    assert caught.value.maximum == 31
    with raises_code(PrepaymentTooLong, "input.invalid", field="prepaid_days", value=32):
        settlement(110, date(2024, 3, 1), 32, 3)


@pytest.mark.parametrize(("paragraph", "shown"), [("00110", "'00110'"), ("§ 108", "'§ 108'"), (108, 108),
                                                 ("§ 11O", "'§ 11O'")])
def test_a_paragraph_without_a_day_rate_is_shown_as_given(paragraph: object, shown: object) -> None:
    with raises_code(InvalidInput, "input.day_rate_paragraph", field="paragraph", value=shown) as caught:
        paragraph_of(paragraph)
    assert str(caught.value) == f"paragraph = {shown}: {PARAGRAPH_RULE}"


def test_a_paragraph_of_four_digits_is_read() -> None:
    assert paragraph_of(" § 0110 ") == 110
    assert paragraph_of("0109") == 109


def test_day_counts_are_refused_under_their_own_field() -> None:
    with raises_code(InvalidInput, "input.negative", field="days", value=-1):
        prepayment(110, date(2024, 3, 1), -1)
    with raises_code(InvalidInput, "input.negative", field="actual_days", value=-1):
        settlement(110, date(2024, 3, 1), 3, -1)
    with raises_code(InvalidInput, "input.float", field="nights", value=1.5):
        whole_days(1.5, "nights")


def test_a_datetime_is_refused_under_its_own_field() -> None:
    with raises_code(InvalidInput, "input.datetime", field="arrival"):
        stay(110, datetime(2024, 3, 1), date(2024, 3, 3))  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.datetime", field="start"):
        prepayment(110, datetime(2024, 3, 1), 3)  # type: ignore[arg-type]


def test_punktum_ends_a_sentence_with_one_full_stop() -> None:
    assert punktum("i alt 5,00 kr.") == "i alt 5,00 kr."
    assert punktum("ingen betaling") == "ingen betaling."
    assert punktum("slut.") == "slut."
    assert punktum("") == "."


# -- charging døgn ----------------------------------------------------------------------------------------------

def test_the_book_is_asked_once_per_rate_period() -> None:
    book = CountingBook(limit=2)
    runs = charge(_book(book), 109, None, date(2023, 12, 28), 6)
    assert [(p.first_day, p.last_day, p.days, p.rate, p.amount) for p, _ in runs] == [
        (date(2023, 12, 28), date(2023, 12, 31), 4, D("93.38"), D("373.52")),
        (date(2024, 1, 1), date(2024, 1, 2), 2, D("97.30"), D("194.60"))]
    assert book.calls == 2
    one = CountingBook(limit=1)
    assert [p.days for p, _ in charge(_book(one), 110, None, date(2024, 3, 1), 31)] == [31]
    last_day = CountingBook(limit=1)
    assert [p.days for p, _ in charge(_book(last_day), 110, None, date(2024, 12, 31), 1)] == [1]


def test_no_dogn_ask_nothing() -> None:
    # 2030 has no published day rate: no døgn, no look-up
    assert charge(default_book(), 110, None, date(2030, 3, 3), 0) == []


def test_charge_does_not_project_by_default() -> None:
    # not asked to project: the year is missing ("year_missing"), not "project=True cannot project it"
    with raises_code(RateNotPublished, "rate.not_published", key="sel110.per_day", reason_code="year_missing",
                     year=2030):
        charge(default_book(), 110, None, date(2030, 3, 3), 3)
    with raises_code(RateNotPublished, "rate.not_published", reason_code="other_regulation"):
        charge(default_book(), 110, None, date(2030, 3, 3), 3, True)


def test_a_projected_stay_projects_every_dogn() -> None:
    project = {2025: D("2"), 2026: D("3")}
    r = stay(110, date(2025, 12, 28), date(2026, 1, 3), project=project)
    # 100.77 × 1.02 = 102.79; × 1.03 = 105.87
    assert [(p.days, p.rate, p.amount) for p in r.periods] == [(4, D("102.79"), D("411.16")),
                                                              (2, D("105.87"), D("211.74"))]
    assert (r.amount, r.projected) == (D("622.90"), True)


def test_runs_of_one_and_of_two_dogn_with_basis_and_rate() -> None:
    one = stay(109, date(2023, 12, 31), date(2024, 1, 2))
    two = stay(109, date(2023, 12, 30), date(2024, 1, 3))
    for r, step, amounts in ((one, "sel109.doegnsats.en_dag", ["93.38", "97.30"]),
                             (two, "sel109.doegnsats.flere_dage", ["186.76", "194.60"])):
        runs = [f for f in r.explanation.steps if f.step.startswith("sel109.doegnsats.")]
        assert [f.step for f in runs] == [step, step]
        assert [f.basis for f in runs] == [DAY_RATE_BASIS, DAY_RATE_BASIS]
        assert [f.outputs for f in runs] == [{"amount": a} for a in amounts]
        assert [[(u.key, str(u.value)) for u in f.rates] for f in runs] == [[("sel109.per_day", "93.38")],
                                                                           [("sel109.per_day", "97.30")]]
    assert runs[0].inputs == {"days": "2", "first_day": "2023-12-30", "last_day": "2023-12-31", "rate": "93.38",
                              "year": "2023"}
