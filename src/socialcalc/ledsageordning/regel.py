"""SEL § 97's decisions, written once, on whole minutes and øre, for one case and for a whole caseload.

Every decision of the hour bank (BEK 235/2012 § 6 stk. 1) and of the expense grant (SEL § 97 stk. 7) is here
and nowhere else. The one-case :class:`~socialcalc.ledsageordning.Bank` and
:func:`~socialcalc.ledsageordning.expense_grant` call these functions with plain Python integers and
:data:`socialcalc.kernel.PY`; the batch kernel (:mod:`socialcalc.ledsageordning.batch`) calls the very same
functions with ``int64`` arrays (one element per person) and ``socialcalc.batch.ops.NP``. Only operators and
the three operations of the ops protocol (``where``, ``minimum``, ``maximum``) are used, so both backends
execute the same lines.

**Why integers.** The bank counts whole minutes (:mod:`socialcalc.ledsageordning.tid`), so lapse, grant, cap
and use are exact; the grant compares øre.

**One month of the bank** (:func:`month_step`), in this order:

1. *lapse*: the hours granted ``saving`` months ago or earlier are gone ("January's hours lapse in July");
2. *grant*: ``max(0, per_month − deduction)``, cut where the balance after the lapse would pass ``cap``
   (the cut is *lost to the cap*);
3. *use*: refused (``short``) when larger than what is available (hours cannot be used in advance); else taken
   in the order of use: :data:`OLDEST_FIRST` from the oldest grant, :data:`CURRENT_MONTH_THEN_NEWEST_SAVED`
   from this month's grant and then the nearest earlier month backwards.

The state is the minutes left of each grant **by age**: ``lots[0]`` was granted one month before, ``lots[a]``
``a + 1`` months before. :func:`month_step` returns the new state (``closing[0]`` is this month's grant).

>>> d = month_step([0, 0, 0, 0, 0, 0], per_month=900, saving=6, cap=5400, deduction=300, need=120,
...                order=OLDEST_FIRST, ops=PY)
>>> d.granted, d.lost, d.closing[0], d.short
(600, 0, 480, False)
>>> grant_decision(120000, 100500, PY)
(100500, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from socialcalc.kernel import PY

__all__ = [
    "CURRENT_MONTH_THEN_NEWEST_SAVED",
    "OLDEST_FIRST",
    "PY",
    "MonthDecision",
    "consume",
    "grant_decision",
    "month_step",
]

OLDEST_FIRST: Final = 0
"""``order_of_use`` code of ``oldest_first``."""
CURRENT_MONTH_THEN_NEWEST_SAVED: Final = 1
"""``order_of_use`` code of ``current_month_then_newest_saved``."""


@dataclass(frozen=True, slots=True)
class MonthDecision:
    """One month of the bank (minutes; ints for one case, arrays for a batch)."""

    lapsed_by_age: tuple[Any, ...]
    """Minutes lapsed of each opening lot (by age, as the opening ``lots``)."""
    lapsed: Any
    granted: Any
    """``max(0, per_month − deduction)``, before the cap."""
    lost: Any
    """The part of the grant the cap kept out."""
    available: Any
    """Minutes that could be used this month (after the lapse and the grant)."""
    short: Any
    """The use is larger than ``available`` (refused: nothing is taken)."""
    used_by_age: tuple[Any, ...]
    """Minutes used of this month's grant (index 0) and of each opening lot (index ``a + 1`` for ``lots[a]``)."""
    closing: tuple[Any, ...]
    """The minutes left by age after the month: ``closing[0]`` this month's grant, ``closing[a + 1]`` of
    ``lots[a]``."""


def month_step(lots: Sequence[Any], *, per_month: Any, saving: Any, cap: Any, deduction: Any, need: Any,
               order: Any, ops: Any) -> MonthDecision:
    """One month of the § 97 hour bank (BEK 235/2012 § 6 stk. 1): lapse, grant under the cap, use in order.

    ``lots``: the opening minutes by age (``lots[a]`` granted ``a + 1`` months before). ``order``:
    :data:`OLDEST_FIRST` or :data:`CURRENT_MONTH_THEN_NEWEST_SAVED` (for a batch, one code or an array of them).
    A use larger than ``available`` sets ``short`` and takes nothing.

    >>> d = month_step([900, 900, 900, 900, 900, 900], per_month=900, saving=6, cap=5400, deduction=0, need=0,
    ...                order=OLDEST_FIRST, ops=PY)
    >>> d.lapsed, d.granted, d.lost, sum(d.closing)
    (900, 900, 0, 5400)
    """
    # (1) lapse: a lot of age a + 1 lapses where a + 1 >= the saving period
    lapsed_by_age = tuple(_lapse(a + 1 >= saving, lot, ops) for a, lot in enumerate(lots))
    kept = [lot - gone for lot, gone in zip(lots, lapsed_by_age, strict=True)]
    lapsed = sum(lapsed_by_age, 0 * need)
    balance = sum(kept, 0 * need)
    # (2) grant, cut at the cap
    granted = ops.maximum(per_month - deduction, 0)
    credited = ops.minimum(granted, ops.maximum(cap - balance, 0))
    available = balance + credited
    # (3) use: never in advance; in the municipality's order
    short = need > available
    take = ops.where(short, 0, need)
    pool = [credited, *kept]  # by age, this month's grant first
    if isinstance(order, int):
        used = consume(pool, take, order, ops)
    else:  # a batch with both policies: both orders, each person's chosen
        old, new = consume(pool, take, OLDEST_FIRST, ops), consume(pool, take, CURRENT_MONTH_THEN_NEWEST_SAVED, ops)
        first = order == OLDEST_FIRST
        used = [ops.where(first, a, b) for a, b in zip(old, new, strict=True)]
    closing = tuple(lot - u for lot, u in zip(pool, used, strict=True))
    return MonthDecision(lapsed_by_age, lapsed, granted, granted - credited, available, short, tuple(used),
                         closing)


def _lapse(gone: Any, lot: Any, ops: Any) -> Any:
    """The lapsed part of ``lot``: all of it where ``gone``. (One saving period for everyone, a plain ``bool``:
    no array is built for it.)"""
    if isinstance(gone, bool):
        return lot if gone else 0
    return ops.where(gone, lot, 0)


def _done(need: Any) -> bool:
    """Nothing left to take (for everyone): the rest of the order would take 0 from each lot."""
    return not need.any() if hasattr(need, "any") else not need


def consume(pool: Sequence[Any], need: Any, order: int, ops: Any) -> list[Any]:
    """Minutes taken from each lot of ``pool`` (by age, youngest first) in the order of use (no more than held).

    >>> consume([900, 900, 300], 1000, OLDEST_FIRST, PY), consume([900, 900, 300], 1000, 1, PY)
    ([0, 700, 300], [900, 100, 0])
    """
    used: list[Any] = [0 * need] * len(pool)
    ages = range(len(pool) - 1, -1, -1) if order == OLDEST_FIRST else range(len(pool))
    for a in ages:
        if _done(need):
            break
        taken = ops.minimum(need, pool[a])
        used[a] = taken
        need = need - taken
    return used


def grant_decision(expenses: Any, maximum: Any, ops: Any) -> tuple[Any, Any]:
    """The yearly expense grant in øre (SEL § 97 stk. 7): ``(min(expenses, maximum), capped)``.

    ``capped`` is whether the maximum limited the grant (expenses **over** the maximum; equal is paid in full).

    >>> grant_decision(70000, 100500, PY)
    (70000, False)
    """
    capped = expenses > maximum
    return ops.where(capped, maximum, expenses), capped
