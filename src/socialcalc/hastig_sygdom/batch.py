"""The § 117a batch kernel: many budget accounts and their bookings at once, on ``int64`` øre with numpy.

Each row is one booking; ``account`` says whose. Rows are booked in their order within each account, by the
decisions of :mod:`socialcalc.hastig_sygdom.decisions` on numpy arrays (the ``NP`` backend): the k-th booking of
every account is booked at once, so the loop runs as many times as the longest account has bookings. A booking
that does not fit the remaining budget is **refused** (``fits`` is ``False``) and changes nothing, exactly as
:meth:`socialcalc.hastig_sygdom.Budget.book` refuses it (there it raises); later bookings of the account are
still tried, as a caseworker would try the next grant.

Rates are resolved once per distinct (decision day, kommune). Needs numpy (the ``batch`` extra); the kernel is
also ``socialcalc.batch.budgets``.

>>> import numpy as np
>>> from datetime import date
>>> out = budgets(np.array([0, 0, 0]), [date(2024, 3, 10)] * 3, np.array([112, 116, 97]),
...               [date(2024, 3, 20), date(2024, 4, 2), date(2024, 5, 1)], np.array([1850000, 900000, 1500000]))
>>> out.fits.tolist(), out.remaining_ore.tolist()
([True, True, False], [2252200, 1352200, 1352200])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from socialcalc.errors import RateNotPublished
from socialcalc.explain import RateUsed
from socialcalc.hastig_sygdom import decisions
from socialcalc.hastig_sygdom.budget import _BUDGET, _IN_FORCE, CITATIONS, to_ore
from socialcalc.money import round_ore
from socialcalc.ratebook import Project, RateBook, book_or_default

__all__ = ["AccountRates", "BudgetBatch", "budgets"]

_EPOCH = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class AccountRates:
    """The rates of one (decision day, kommune): what :func:`socialcalc.hastig_sygdom.facts.facts` needs."""

    total_ore: int
    projected: bool
    kommune: str | None
    rates_used: tuple[RateUsed, ...]
    citations: dict[str, str]


@dataclass(frozen=True)
class BudgetBatch:
    """The kernel's result, one entry per booking row."""

    fits: npt.NDArray[np.bool_]
    """Whether the booking was booked (``False``: over the remaining budget, refused, nothing changed)."""
    remaining_ore: npt.NDArray[np.int64]
    """What was left of the account's budget after the row."""
    total_ore: npt.NDArray[np.int64]
    """The account's budget."""
    position: npt.NDArray[np.int64]
    """The row's position among its account's bookings (0 for the first)."""
    ordinary_rules_apply: npt.NDArray[np.bool_]
    """Whether the whole budget was used after the row."""
    projected: npt.NDArray[np.bool_]
    """Whether the account's budget is projected."""
    rates: tuple[AccountRates, ...]
    """The rates of each distinct (decision day, kommune), indexed by ``rate_index``."""
    rate_index: npt.NDArray[np.int64]
    """For each row, its entry in ``rates``."""


def _days(values: Any, column: str, n: int) -> npt.NDArray[np.int64]:
    from socialcalc.batch.columns import BatchInputError

    try:
        days = np.asarray(values, dtype="datetime64[D]")
    except (TypeError, ValueError, OverflowError):
        raise BatchInputError(column, 0, "?", code="input.date") from None
    if days.ndim == 0:
        days = np.broadcast_to(days, (n,))
    elif days.shape != (n,):
        raise BatchInputError(column, 0, f"form {days.shape}", code="batch.rows", rows=n)
    if np.isnat(days).any():
        raise BatchInputError(column, int(np.flatnonzero(np.isnat(days))[0]), "NaT", code="input.date")
    return days.astype(np.int64)


def _first(mask: npt.NDArray[np.bool_]) -> int:
    return int(np.flatnonzero(mask)[0])


def account_codes(ids: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """Each row's account as a code: rows with equal ids share one. Ids of one kind are sorted (``np.unique``);
    ids of mixed kinds (``1`` and ``"a"``) cannot be, and are grouped by equality instead; an id that is not one
    value (a list) is refused at its row.

    >>> account_codes(np.array([7, 3, 7])).tolist(), account_codes(np.array([1, "a", 1], dtype=object)).tolist()
    ([1, 0, 1], [0, 1, 0])
    """
    from socialcalc.batch.columns import BatchInputError

    if ids.dtype.kind in "fO":  # a missing id (None, NaN) is no account: refused, never grouped
        missing = [v is None or (isinstance(v, float) and v != v) or (isinstance(v, Decimal) and v.is_nan())
                   for v in ids.tolist()]
        if any(missing):
            raise BatchInputError("account", missing.index(True), "NA", code="batch.value_missing", missing="NA")
    try:
        return np.asarray(np.unique(ids, return_inverse=True)[1], dtype=np.int64)
    except (TypeError, ArithmeticError):  # kinds that do not sort together (1 and "a"; a Decimal and a str)
        seen: dict[Any, int] = {}
        codes = np.empty(len(ids), dtype=np.int64)
        for row, value in enumerate(ids.tolist()):
            try:
                codes[row] = seen.setdefault(value, len(seen))
            except TypeError:
                raise BatchInputError("account", row, repr(value), code="batch.not_one_value") from None
        return codes


def budgets(
    account: Any,
    decided_on: Any,
    paragraph: Any,
    day: Any,
    amount_ore: Any,
    *,
    kommune: str | Sequence[str | None] | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> BudgetBatch:
    """Book every row's booking on its account's § 117a budget (SEL § 117a stk. 1; §§ 83, 97, 112, 116).

    ``account``: any integer or text id per row; ``decided_on``: the account's decision day per row (one day
    per account); ``paragraph``: 83, 97, 112 or 116; ``day``: the booking's day (on or after the decision);
    ``amount_ore``: its value, positive ``int64`` øre. ``kommune`` is one name for every row or one per row.

    >>> import numpy as np
    >>> from datetime import date
    >>> budgets(np.array([1]), [date(2023, 10, 1)], np.array([83]), [date(2023, 10, 1)],
    ...         np.array([3975000])).ordinary_rules_apply.tolist()
    [True]
    """
    # imported here: socialcalc.batch imports this module to re-export its kernel
    from socialcalc.batch._resolve import kommune_column
    from socialcalc.batch.columns import BatchInputError, BatchRateNotPublished, int_column, ore_column
    from socialcalc.batch.ops import NP

    ids = np.asarray(account)
    if ids.ndim != 1:  # one id per row: a table of ids is not read row by row in some order
        raise BatchInputError("account", 0, f"shape {ids.shape}", code="batch.shape", expected="(n,)")
    accounts = account_codes(ids)
    count = int(accounts.max()) + 1 if accounts.size else 0  # the number of accounts
    n = len(accounts)
    # a whole paragraph number: 83.7 or "83" is refused, never read as § 83
    # (no rows at all, as from an empty frame, may come as any dtype)
    values = np.asarray(paragraph)
    para = (np.empty(0, np.int64) if values.shape == (0,) else int_column(values, "paragraph", unit="paragraph"))
    amount = ore_column(amount_ore, "amount_ore")
    decided = _days(decided_on, "decided_on", n)
    booked = _days(day, "date", n)
    if not (len(para) == len(amount) == n):
        raise BatchInputError("paragraph", 0, len(para), code="batch.rows", rows=n)
    # the checks, in the order Budget.book makes them
    if (bad := ~decisions.covered(NP, para)).any():
        row = _first(bad)
        raise BatchInputError("paragraph", row, int(para[row]), code="input.paragraph_117a",
                              why=bool(para[row] == 113))
    if (bad := ~decisions.positive(amount)).any():
        row = _first(bad)
        raise BatchInputError("amount_ore", row, int(amount[row]), code="input.booking_not_positive")
    if (bad := ~decisions.dated_ok(booked, decided)).any():
        row = _first(bad)
        raise BatchInputError("date", row, str(booked[row].astype("datetime64[D]")),
                              code="input.booking_before_decision",
                              decided=str(decided[row].astype("datetime64[D]")))
    first_day = np.zeros(count, dtype=np.int64)
    first_day[accounts[::-1]] = decided[::-1]
    if (bad := first_day[accounts] != decided).any():
        from socialcalc.explain import dato

        row = _first(bad)
        raise BatchInputError("decided_on", row, str(decided[row].astype("datetime64[D]")),
                              code="input.second_account",
                              when=dato(date.fromordinal(_EPOCH + int(first_day[accounts[row]]))))
    # one name for every row or one per row, each checked as the rate book would (the shared column reader)
    if not (kommune is None or isinstance(kommune, str)):
        try:
            count = len(kommune)
        except TypeError:  # a number, or a 0-d array: no column of names
            raise BatchInputError("kommune", 0, repr(kommune), code="batch.kommune_type") from None
        if count != n:
            raise BatchInputError("kommune", 0, count, code="batch.rows", rows=n)
    distinct, kcodes = kommune_column(kommune, n)
    names: list[str | None] = [distinct[int(c)] for c in np.broadcast_to(kcodes, (n,)).tolist()]

    book = book_or_default(rates)
    in_force = book.latest(_IN_FORCE)
    if (bad := ~decisions.dated_ok(decided, np.int64(in_force.value.toordinal() - _EPOCH))).any():
        row = _first(bad)
        raise BatchInputError("decided_on", row, str(decided[row].astype("datetime64[D]")),
                              code="input.before_117a", in_force=in_force.value, source=in_force.source)
    found: dict[tuple[int, str | None], int] = {}
    table: list[AccountRates] = []
    index = np.empty(n, dtype=np.int64)
    for row in range(n):
        key = (int(decided[row]), names[row])
        if key not in found:
            when = date.fromordinal(_EPOCH + key[0])
            try:
                on_day = book.at(when, key[1], project=project)
                budget = on_day.get(_BUDGET)
                citations = {k: str(on_day.get(k).value) for k in CITATIONS.values()}
            except RateNotPublished as err:
                raise BatchRateNotPublished(err, "decided_on", row) from err
            found[key] = len(table)
            table.append(AccountRates(to_ore(round_ore(Decimal(budget.value))), budget.projected, on_day.kommune,
                                      (RateUsed.of(in_force), RateUsed.of(budget)), citations))
        index[row] = found[key]
    totals = np.array([r.total_ore for r in table], dtype=np.int64)[index]
    projected = np.array([r.projected for r in table], dtype=np.bool_)[index]
    account_total = np.zeros(count, dtype=np.int64)
    account_total[accounts] = totals

    # the k-th booking of every account at once
    order = np.argsort(accounts, kind="stable")
    counts = np.bincount(accounts, minlength=count)
    starts = np.cumsum(counts) - counts
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n) - np.repeat(starts, counts)
    fits = np.zeros(n, dtype=np.bool_)
    after = np.zeros(n, dtype=np.int64)
    remaining = account_total.copy()
    for k in range(int(counts.max()) if n else 0):
        has = counts > k
        rows = order[starts[has] + k]
        who = accounts[rows]
        ok, left = decisions.book(NP, remaining[who], amount[rows])
        remaining[who] = left
        fits[rows] = ok
        after[rows] = left
    return BudgetBatch(fits=fits, remaining_ore=after, total_ore=totals, position=position,
                       ordinary_rules_apply=np.asarray(decisions.ordinary_rules_apply(after), dtype=np.bool_),
                       projected=projected, rates=tuple(table), rate_index=index)
