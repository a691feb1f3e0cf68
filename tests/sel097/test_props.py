"""Properties of the § 97 hour bank over random usage histories."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from socialcalc import RateBook
from socialcalc.explain import timer
from socialcalc.ledsageordning import Bank, InsufficientHours, MonthStatement, OrderOfUse
from socialcalc.ledsageordning.tid import hours_of, varighed
from socialcalc.months import Month
from socialcalc.testing import book_with
from socialcalc.testing.ledsageordning import banks, durations, usage_histories
from socialcalc.testing.letter import problems

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAVING, CAP = 6, 90 * 60  # the packaged book's standing values, in months and minutes
START = Month(2024, 1)


@pytest.fixture(scope="module")
def tight_book() -> RateBook:
    """A rate book where the cap binds: 40 hours at most, saved for 4 months."""
    return book_with({"national/tight.toml": "".join(
        f'[[rate]]\nkey = "sel097.{key}"\nunit = "{unit}"\nvalue = {value}\nvalid_from = 2012-01-01\n'
        f'status = "derived"\nsource = "test: a cap that binds"\n\n'
        for key, unit, value in (("max_hours", "hours", 40), ("saving_months", "months", 4)))})


def _until(bank: Bank, extra: int) -> Month:
    return (bank.last_recorded or bank.start) + extra


def _conserves(statements: list[MonthStatement]) -> None:
    granted = sum(s.granted_minutes for s in statements)
    gone = sum(s.used_minutes + s.lapsed_minutes + s.lost_to_cap_minutes for s in statements)
    assert granted == gone + statements[-1].closing_minutes
    for before, after in itertools.pairwise(statements):
        assert after.opening_minutes == before.closing_minutes


@SETTINGS
@given(banks(), st.integers(0, 8))
def test_conservation(bank: Bank, extra: int) -> None:
    statements = bank.statements(_until(bank, extra))
    _conserves(statements)
    assert bank.balance_minutes(statements[-1].month) == statements[-1].closing_minutes


@SETTINGS
@given(st.data(), st.integers(0, 8))
def test_conservation_and_cap_when_the_cap_binds(tight_book: RateBook, data: st.DataObject, extra: int) -> None:
    bank = data.draw(banks(rates=tight_book, deductions=False))
    statements = bank.statements(_until(bank, extra))
    _conserves(statements)
    assert all(s.closing_minutes <= 40 * 60 for s in statements)
    for s in statements:  # the grant is cut exactly where the balance after lapse would pass the cap
        after_lapse = s.opening_minutes - s.lapsed_minutes
        assert s.lost_to_cap_minutes == max(0, after_lapse + s.granted_minutes - 40 * 60)


@SETTINGS
@given(banks(), st.integers(0, 8))
def test_balance_never_exceeds_the_cap(bank: Bank, extra: int) -> None:
    for s in bank.statements(_until(bank, extra)):
        assert s.closing_minutes <= CAP
        assert s.opening_minutes - s.lapsed_minutes + s.granted_minutes - s.lost_to_cap_minutes <= CAP


@SETTINGS
@given(banks(), st.integers(0, 8))
def test_no_hour_used_after_it_lapsed_or_before_it_was_granted(bank: Bank, extra: int) -> None:
    for s in bank.statements(_until(bank, extra)):
        for lot in (*s.used_from, *s.closing_by_grant):
            assert lot.granted_in <= s.month
            assert s.month - lot.granted_in < SAVING
        for lot in s.lapsed_from:
            assert s.month - lot.granted_in >= SAVING
        assert all(lot.minutes > 0 for lot in (*s.used_from, *s.lapsed_from, *s.closing_by_grant))


@SETTINGS
@given(banks(), st.integers(0, 3), st.integers(1, 600))
def test_a_refused_use_changes_nothing(bank: Bank, later: int, over: int) -> None:
    month = _until(bank, later)
    available = bank.balance_minutes(month)
    before = bank.model_dump_json()
    with pytest.raises(InsufficientHours) as caught:
        bank.use(month, minutes=available + over)
    assert caught.value.available_minutes == available
    assert bank.model_dump_json() == before
    assert bank.balance_minutes(month) == available
    if available:
        assert bank.use(month, minutes=available).balance_minutes(month) == 0


@SETTINGS
@given(usage_histories(START, max_months=SAVING, max_minutes=30 * 60))
def test_both_orders_give_the_same_totals_when_nothing_lapses(history: list[tuple[Month, int]]) -> None:
    oldest, newest = Bank.open(START), Bank.open(START, kommune="lemvig")
    for month, minutes in history:
        try:
            oldest = oldest.use(month, minutes=minutes)
        except InsufficientHours:
            with pytest.raises(InsufficientHours):
                newest.use(month, minutes=minutes)
            continue
        newest = newest.use(month, minutes=minutes)
    until = START + (SAVING - 1)
    a, b = oldest.statements(until), newest.statements(until)
    assert a[0].order_of_use is OrderOfUse.OLDEST_FIRST
    assert b[0].order_of_use is OrderOfUse.CURRENT_MONTH_THEN_NEWEST_SAVED
    for x, y in zip(a, b, strict=True):
        assert x.lapsed_minutes == y.lapsed_minutes == 0
        assert (x.granted_minutes, x.lost_to_cap_minutes, x.used_minutes, x.closing_minutes) == \
            (y.granted_minutes, y.lost_to_cap_minutes, y.used_minutes, y.closing_minutes)


@SETTINGS
@given(st.data(), st.integers(1, 30))
def test_orders_agree_over_long_histories_in_which_nothing_lapses(data: st.DataObject, months: int) -> None:
    """Empty the bank at least every 6th month, so no hour can lapse under either order; then they agree."""
    oldest, newest = Bank.open(START), Bank.open(START, kommune="lemvig")
    emptied = START - 1
    for m in Month.range(START, START + months):
        available = oldest.balance_minutes(m)
        minutes = available if m - emptied >= SAVING else data.draw(st.integers(0, available))
        if minutes == available:
            emptied = m
        oldest, newest = oldest.use(m, minutes=minutes), newest.use(m, minutes=minutes)
    a, b = oldest.statements(START + months), newest.statements(START + months)
    assert all(s.lapsed_minutes == 0 for s in (*a, *b))
    assert [(s.used_minutes, s.lost_to_cap_minutes, s.closing_minutes) for s in a] == \
        [(s.used_minutes, s.lost_to_cap_minutes, s.closing_minutes) for s in b]


@SETTINGS
@given(banks(), st.integers(0, 4))
def test_every_statement_explains_itself(bank: Bank, extra: int) -> None:
    for s in bank.statements(_until(bank, extra)):
        steps = s.explanation.steps
        assert [step.step.split(".")[2] for step in steps] == ["bortfald", "bevilling", "loft", "forbrug", "saldo"]
        assert {r.key for r in s.explanation.rates()} == {"sel097.saving_months", "sel097.hours_per_month",
                                                          "sel097.max_hours", "sel097.order_of_use"}
        assert [steps[i].outputs[name] for i, name in ((0, "lapsed"), (1, "granted"), (3, "used"), (4, "closing"))] \
            == [str(s.lapsed), str(s.granted), str(s.used), str(s.closing_balance)]
        text = s.explain(audience="sagsbehandler")
        assert problems(text) == [] and problems(s.explain()) == []
        if s.lapsed_minutes:
            assert "bortfalder" in text and steps[0].step == "sel097.bank.bortfald.lapsed"
        if s.used_minutes:
            assert steps[3].inputs["order"] == s.order_of_use.value
        if s.lost_to_cap_minutes:
            assert "går tabt på grund af loftet" in text and steps[2].outputs["lost"] == str(s.lost_to_cap)
        assert MonthStatement.model_validate_json(s.model_dump_json()) == s


@SETTINGS
@given(banks())
def test_the_bank_round_trips_through_json(bank: Bank) -> None:
    restored = Bank.from_json(bank.model_dump_json())
    assert restored == bank
    until = _until(bank, 2)
    assert restored.statements(until) == bank.statements(until)


def _reference(bank: Bank, until: Month, order: OrderOfUse) -> list[int]:
    """Closing balances by an independent, naive model: a list of [month, minutes] lots."""
    usage = {u.month: u.minutes for u in bank.usage}
    lots: list[list[object]] = []
    closing = []
    for m in Month.range(bank.start, until + 1):
        lots = [lot for lot in lots if m - lot[0] < SAVING]  # type: ignore[operator]
        balance = sum(int(lot[1]) for lot in lots)  # type: ignore[call-overload]
        grant = max(0, 15 * 60 - bank._deduction_minutes(m))
        lots.append([m, min(grant, CAP - balance)])
        need = usage.get(m, 0)
        for lot in (lots if order is OrderOfUse.OLDEST_FIRST else lots[::-1]):
            take = min(need, int(lot[1]))  # type: ignore[call-overload]
            lot[1] = int(lot[1]) - take  # type: ignore[call-overload]
            need -= take
        assert need == 0
        closing.append(sum(int(lot[1]) for lot in lots))  # type: ignore[call-overload]
    return closing


@SETTINGS
@given(banks(start=st.integers(0, 11).map(lambda n: START + n)), st.integers(0, 6))
def test_the_fold_agrees_with_a_naive_model(bank: Bank, extra: int) -> None:
    until = _until(bank, extra)
    statements = bank.statements(until)
    assert [s.closing_minutes for s in statements] == _reference(bank, until, statements[0].order_of_use)


@SETTINGS
@given(durations(30 * 60), durations(30 * 60))
def test_minutes_add_up_and_hours_with_two_decimals_are_exact(a: int, b: int) -> None:
    assume(a + b <= 30 * 60)
    month = START + 1
    twice = Bank.open(START).use(month, minutes=a).use(month, minutes=b)
    assert twice == Bank.open(START).use(month, minutes=a + b)
    assert twice.balance_minutes(month) == 30 * 60 - a - b
    if a % 3 == 0:  # a whole number of hundredths of an hour: exact as Decimal hours too
        assert hours_of(a) * 60 == a
        assert Bank.open(START).use(month, hours_of(a)) == Bank.open(START).use(month, minutes=a)


@SETTINGS
@given(st.integers(0, 10**6))
def test_danish_durations_match_the_core_formatting(minutes: int) -> None:
    if minutes % 3 == 0:
        assert varighed(minutes) == timer(hours_of(minutes))
    else:
        whole, rest = divmod(minutes, 60)
        assert varighed(minutes).endswith(f"{rest} min.")
        assert varighed(minutes).startswith(timer(whole) if whole else f"{rest} ")
