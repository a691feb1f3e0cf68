"""The § 97 bank carries its state forward: what a bank works out once (its memo) never changes what it says.

Every answer of a bank built step by step (``use`` after ``use``, deduction changes between, several uses in one
month) equals the answer replayed from the first month, and a bank's memo is not part of its value: equality,
hashing, JSON, pickling and copies are those of the fields alone.
"""

from __future__ import annotations

import contextlib
import copy
import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialcalc.ledsageordning import Bank, InsufficientHours
from socialcalc.months import Month

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
START = Month(2024, 1)

# one operation: (months to move on, kind, share of what is available or a deduction in quarter hours)
operations = st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["use", "use", "use", "deduct"]),
                                st.integers(0, 100)), max_size=30)


def _replayed(bank: Bank, until: Month) -> list[tuple[object, ...]]:
    """Every month's figures from the first month, computed from the stored fields alone."""
    fresh = Bank.model_validate_json(bank.model_dump_json())
    return [(s.month, s.opening_minutes, s.lapsed_from, s.granted_minutes, s.lost_to_cap_minutes, s.used_from,
             s.closing_by_grant) for s in fresh.statements(until)]


def _carried(bank: Bank, until: Month) -> list[tuple[object, ...]]:
    out = []
    for m in Month.range(bank.start, until + 1):
        s = bank.statement(m)
        assert bank.balance_minutes(m) == s.closing_minutes
        out.append((s.month, s.opening_minutes, s.lapsed_from, s.granted_minutes, s.lost_to_cap_minutes,
                    s.used_from, s.closing_by_grant))
    return out


@SETTINGS
@given(st.sampled_from([None, "lejre", "lemvig"]), operations, st.integers(0, 8))
def test_a_bank_built_step_by_step_equals_its_replay(kommune: str | None, ops: list[tuple[int, str, int]],
                                                     extra: int) -> None:
    bank = Bank.open(START, kommune=kommune)
    m = START
    for step, kind, share in ops:
        m = m + step
        if kind == "deduct":
            with contextlib.suppress(InsufficientHours):
                bank = bank.set_deduction(max(m, bank.deductions[-1].from_month), minutes=share * 15)
        else:
            bank = bank.use(m, minutes=bank.balance_minutes(m) * share // 100)
        assert _carried(bank, m) == _replayed(bank, m)
    until = (bank.last_recorded or bank.start) + extra
    assert _carried(bank, until) == _replayed(bank, until)
    assert Bank.from_json(bank.model_dump_json()) == bank


def test_several_uses_in_one_month_add_up_in_the_order_of_use() -> None:
    for kommune in (None, "lemvig"):
        once = Bank.open(START, kommune=kommune).use("2024-03", minutes=1234)
        twice = Bank.open(START, kommune=kommune).use("2024-03", minutes=600).use("2024-03", minutes=634)
        assert twice == once
        assert twice.statement("2024-04") == once.statement("2024-04")
        assert twice.use("2024-05", 10).statements("2024-09") == once.use("2024-05", 10).statements("2024-09")


def test_the_memo_is_not_part_of_the_value() -> None:
    bank = Bank.open(START, kommune="lejre").use("2024-02", 7).use("2024-05", minutes=61)
    stored = Bank.model_validate_json(bank.model_dump_json())  # nothing worked out yet
    assert stored == bank
    assert hash(stored) == hash(bank)
    assert stored.model_dump_json() == bank.model_dump_json()
    for other in (pickle.loads(pickle.dumps(bank)), copy.deepcopy(bank), copy.copy(bank), bank.model_copy()):
        assert other == bank
        assert other.statements("2024-08") == bank.statements("2024-08")
    assert len(pickle.dumps(bank)) < 4000  # the memo (rate book, cached rates) is never pickled


def test_a_copy_with_other_fields_does_not_use_the_memo() -> None:
    bank = Bank.open(START).use("2024-01", 15).use("2024-02", 15)
    assert bank.balance("2024-02") == 0
    emptied = bank.model_copy(update={"usage": ()})
    assert emptied.balance("2024-02") == 30
    assert emptied.use("2024-02", 30).balance("2024-02") == 0
    again = bank.model_copy(update={"usage": bank.usage[:1]})
    assert again.balance("2024-02") == 15


def test_reads_before_the_carried_month_and_a_deduction_reaching_back() -> None:
    bank = Bank.open(START).use("2024-01", 5).use("2024-06", 20)
    assert bank.balance("2024-01") == 10
    assert bank.balance("2024-03") == 40
    back = bank.set_deduction("2024-03", 15)  # March to June grant nothing: 10 + 15 left, 20 used in June
    assert back.balance("2024-06") == 5
    assert back.use("2024-07", 5).balance("2024-07") == 0
    with pytest.raises(InsufficientHours):
        Bank.open(START).use("2024-01", 5).use("2024-02", 25).set_deduction("2024-02", 15)


def test_a_damaged_stored_history_is_still_refused() -> None:
    text = Bank.open(START).use("2024-02", 30).model_dump_json().replace('"minutes":1800', '"minutes":1801')
    with pytest.raises(InsufficientHours):
        Bank.from_json(text)
    stored = Bank.model_validate_json(text)
    assert stored.balance("2024-01") == 15  # months before the bad use still read as before
    with pytest.raises(InsufficientHours):
        stored.balance("2024-02")
    with pytest.raises(InsufficientHours):
        stored.use("2024-03", 1)
