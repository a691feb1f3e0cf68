"""Properties of the SEL § 117a budget account (socialcalc.hastig_sygdom)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.explain import kr
from socialcalc.hastig_sygdom import PARAGRAPHS, Booking, Budget, BudgetExceeded
from socialcalc.hastig_sygdom.strategies import booking_amounts, bookings, budgets, decision_dates

SETTINGS = settings(max_examples=150, deadline=None)


@st.composite
def attempts(draw: st.DrawFn) -> tuple[date, list[Booking]]:
    """A decision date and bookings to try on its account, some of which may not fit."""
    decided_on = draw(decision_dates())
    return decided_on, draw(st.lists(bookings(decided_on, max_ore=2_500_000), max_size=10))


def replay(account: Budget, items: list[Booking]) -> Budget:
    for b in items:
        account = account.book(b.paragraph, b.amount, on=b.date, description=b.description)
    return account


@SETTINGS
@given(attempts())
def test_spent_plus_remaining_is_the_total_always(case: tuple[date, list[Booking]]) -> None:
    decided_on, items = case
    account = Budget.open(decided_on)
    for b in items:
        if b.amount > account.remaining:
            with pytest.raises(BudgetExceeded) as refused:
                account.book(b.paragraph, b.amount, on=b.date, description=b.description)
            assert refused.value.remaining == account.remaining
        else:
            account = account.book(b.paragraph, b.amount, on=b.date, description=b.description)
        assert account.spent + account.remaining == account.total
        assert sum(account.spent_by_paragraph.values()) == account.spent
        assert set(account.spent_by_paragraph) == set(PARAGRAPHS)
        assert account.remaining >= 0
        assert account.ordinary_rules_apply is (account.remaining == 0)


@SETTINGS
@given(budgets(), st.data())
def test_a_refused_booking_changes_nothing(account: Budget, data: st.DataObject) -> None:
    before = account.model_dump_json()
    over = account.remaining + data.draw(booking_amounts(1_000_000))
    on = data.draw(st.dates(account.decided_on, date(account.decided_on.year + 3, 12, 31)))
    paragraph = data.draw(st.sampled_from(PARAGRAPHS))
    with pytest.raises(BudgetExceeded) as refused:
        account.book(paragraph, over, on=on)
    assert refused.value.remaining == account.remaining
    assert refused.value.amount == over
    assert account.model_dump_json() == before
    assert Budget.model_validate_json(before) == account


@SETTINGS
@given(budgets(), st.randoms(use_true_random=False))
def test_the_order_of_bookings_does_not_change_the_outcome(account: Budget, rnd: random.Random) -> None:
    shuffled = list(account.bookings)
    rnd.shuffle(shuffled)
    again = replay(Budget.open(account.decided_on), shuffled)
    assert again.remaining == account.remaining
    assert again.spent_by_paragraph == account.spent_by_paragraph
    assert again.ordinary_rules_apply is account.ordinary_rules_apply


@SETTINGS
@given(budgets())
def test_json_round_trip_is_exact(account: Budget) -> None:
    text = account.model_dump_json()
    back = Budget.model_validate_json(text)
    assert back == account
    assert back.model_dump_json() == text
    assert back.remaining == account.remaining
    assert back.spent_by_paragraph == account.spent_by_paragraph


@SETTINGS
@given(budgets())
def test_the_account_explains_itself(account: Budget) -> None:
    text = account.explain(audience="sagsbehandler")
    lines = text.splitlines()
    assert kr(account.total) in lines[1]
    booking_lines = [line for line in lines if "Bevilling " in line]
    assert len(booking_lines) == len(account.bookings)
    for line, b in zip(booking_lines, account.bookings, strict=True):
        assert f"jf. § {b.paragraph})" in line
        assert kr(b.amount) in line
    steps = [f.step for f in account.explanation.steps]
    assert steps[-1] == ("sel117a.almindelige_regler.gaelder" if account.ordinary_rules_apply
                         else "sel117a.almindelige_regler.endnu_ikke")
    assert f"Brugt i alt {kr(account.spent)} af {kr(account.total)}" in text
    assert f"tilbage {kr(account.remaining)} (serviceloven § 117 a, stk. 1)." in text
    assert account.explanation.projected is account.projected is False
    assert account.explain() == Budget.model_validate_json(account.model_dump_json()).explain()


@SETTINGS
@given(decision_dates(), st.integers(0, 2000), st.integers(0, 100_000))
def test_a_booking_of_exactly_the_remaining_amount_uses_the_budget(decided_on: date, days: int, ore: int) -> None:
    account = Budget.open(decided_on)
    part = min(Decimal(ore).scaleb(-2), account.total)
    on = date.fromordinal(decided_on.toordinal() + days)
    if part > 0:
        account = account.book(112, part, on=on)
    full = account.book(83, account.remaining, on=on) if account.remaining else account
    assert full.remaining == 0
    assert full.ordinary_rules_apply
    assert full.spent == full.total
