"""Hypothesis strategies for the § 97 hour bank (:mod:`socialcalc.ledsageordning`).

- :func:`durations`: a time as whole minutes, often on quarter hours.
- :func:`usage_histories`: month → minutes, in month order, from a first month (not necessarily covered by the
  bank: for testing refusals).
- :func:`banks`: a :class:`~socialcalc.ledsageordning.Bank` with a random, *feasible* usage history (every use
  within what was available), and optionally a changed deduction.

>>> from hypothesis import given, settings
>>> @settings(max_examples=10, deadline=None)
... @given(banks(max_months=8))
... def test_balance_is_never_negative(bank):
...     until = bank.last_recorded or bank.start
...     assert bank.balance_minutes(until) >= 0
>>> test_balance_is_never_negative()
"""

from __future__ import annotations

from hypothesis import strategies as st

from socialcalc.ledsageordning import Bank
from socialcalc.ledsageordning.tid import MINUTES_PER_HOUR
from socialcalc.months import Month
from socialcalc.ratebook import RateBook

__all__ = ["banks", "durations", "usage_histories"]

_QUARTER = MINUTES_PER_HOUR // 4
_FIRST = Month(2024, 1)


def durations(max_minutes: int = 40 * MINUTES_PER_HOUR) -> st.SearchStrategy[int]:
    """Whole minutes from 0 to ``max_minutes``; about half of them on whole quarter hours."""
    return st.one_of(st.integers(0, max_minutes // _QUARTER).map(lambda q: q * _QUARTER),
                     st.integers(0, max_minutes))


def usage_histories(start: Month = _FIRST, *, max_months: int = 24,
                    max_minutes: int = 40 * MINUTES_PER_HOUR) -> st.SearchStrategy[list[tuple[Month, int]]]:
    """Month → minutes used, months increasing from ``start`` (with gaps); may ask for more than a bank holds."""
    offsets = st.lists(st.integers(0, max_months - 1), unique=True, max_size=max_months).map(sorted)
    return offsets.flatmap(lambda offs: st.tuples(*(durations(max_minutes) for _ in offs)).map(
        lambda mins: [(start + o, n) for o, n in zip(offs, mins, strict=True)]))


@st.composite
def banks(
    draw: st.DrawFn,
    *,
    start: st.SearchStrategy[Month] | None = None,
    kommune: st.SearchStrategy[str | None] | None = None,
    max_months: int = 24,
    deductions: bool = True,
    rates: RateBook | None = None,
) -> Bank:
    """A bank with a random feasible history: each recorded use is a share of what was available that month.

    ``start`` defaults to a month of 2024–2025, ``kommune`` to one of national, Lejre and Lemvig.
    """
    first = draw(start if start is not None else st.integers(0, 23).map(lambda n: _FIRST + n))
    name = draw(kommune if kommune is not None else st.sampled_from([None, "lejre", "lemvig"]))
    deduction = draw(st.sampled_from([0, 0, 0, _QUARTER * 20, MINUTES_PER_HOUR * 20]) if deductions else st.just(0))
    bank = Bank.open(first, kommune=name, rates=rates).set_deduction(first, minutes=deduction)
    m = first
    for _ in range(draw(st.integers(0, max_months))):
        if deductions and draw(st.integers(0, 9)) == 0:
            bank = bank.set_deduction(m, minutes=draw(st.sampled_from([0, _QUARTER * 20, MINUTES_PER_HOUR * 3])))
        available = bank.balance_minutes(m)
        if available:
            share = draw(st.one_of(st.just(available), st.integers(0, available),
                                   st.integers(0, available // _QUARTER).map(lambda q: q * _QUARTER)))
            bank = bank.use(m, minutes=share)
        m = m + draw(st.integers(1, 4))
    return bank
