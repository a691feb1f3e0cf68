"""SEL § 97 hour banks for a whole caseload: many persons × many months, in whole minutes, equal to the scalar bank.

:func:`bank` is the batch form of :class:`socialcalc.ledsageordning.Bank`: the same fold, month by month, over
every person at once. The state is an array of the minutes left of each grant month (one row per month of the
saving period, one column per person, used as a ring: the slot of a grant month is reused when its hours
lapse). Minutes are ``int32`` (4 bytes a cell) wherever every input fits, else ``int64``; the persons are
folded :data:`CHUNK` at a time, so the input is never copied whole and 10⁷ persons × 12 months stay within a
few GiB. Each month, as in the scalar bank (BEK 235/2012 § 6 stk. 1):

1. the hours granted ``sel097.saving_months`` months before (or earlier) lapse;
2. ``max(0, sel097.hours_per_month − deduction)`` is granted, cut where the balance would pass
   ``sel097.max_hours`` (the cut is *lost to the cap*);
3. the month's use is taken in the municipality's order of use (``sel097.order_of_use``): ``oldest_first``
   from the oldest grant month, ``current_month_then_newest_saved`` from the month's own hours backwards.

The rules are resolved once per (month, kommune), never per person. The fold is an explicit loop over the
months (never a recursion into earlier months, so nothing like OpenFisca's spiral detection can cut it short).
Equal to the scalar bank to the minute (``tests/properties/test_batch_sel097.py``).

>>> r = bank(np.array([[0, 0, 1200], [0, 0, 1200]]), months="2024-01", kommune=np.array(["lejre", "lemvig"]))
>>> r.closing[:, 2].tolist()
[1500, 1500]
>>> r.closing_lots.tolist()  # by age: this month's grant, last month's, the month before's, …
[[900, 600, 0, 0, 0, 0], [0, 600, 900, 0, 0, 0]]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from socialcalc.batch._resolve import kommune_column
from socialcalc.batch.columns import BatchInputError, BatchRateNotPublished
from socialcalc.batch.ops import NP
from socialcalc.errors import InvalidInput, RateNotPublished, SocialcalcError, UnknownRate
from socialcalc.ledsageordning import regel
from socialcalc.ledsageordning.bank import OrderOfUse, _rules
from socialcalc.ledsageordning.regel import CURRENT_MONTH_THEN_NEWEST_SAVED, OLDEST_FIRST
from socialcalc.ledsageordning.tid import month_params, varighed
from socialcalc.months import Month
from socialcalc.ratebook import RateBook, book_or_default

__all__ = ["CURRENT_MONTH_THEN_NEWEST_SAVED", "OLDEST_FIRST", "BankBatch", "InsufficientBatchHours", "bank"]

_ORDER_CODES = {OrderOfUse.OLDEST_FIRST: OLDEST_FIRST,
                OrderOfUse.CURRENT_MONTH_THEN_NEWEST_SAVED: CURRENT_MONTH_THEN_NEWEST_SAVED}

Minutes = npt.NDArray[np.signedinteger[Any]]
"""Whole minutes: ``int32`` where every input fits, else ``int64``."""


class InsufficientBatchHours(BatchInputError):
    """A person's use larger than the minutes available in a month (SEL § 97 stk. 1; BEK 235/2012 § 6 stk. 1).

    ``row`` is the person, ``month`` the month; ``asked_minutes`` and ``available_minutes`` the figures.
    The fold stops at the first month where any person's use is too large, naming the first such person.
    Code ``input.insufficient_hours``, as the one-case :class:`~socialcalc.ledsageordning.InsufficientHours`.
    """

    def __init__(self, row: int, month: Month, asked: int, available: int) -> None:
        self.month = month
        self.asked_minutes = asked
        self.available_minutes = available
        super().__init__("used_minutes", row, asked, code="input.insufficient_hours", month=str(month),
                         **month_params("month", month), available_da=varighed(available),
                         available_en=f"{available} minutes")


@dataclass(frozen=True)
class BankBatch:
    """Every person's bank, month by month (SEL § 97 stk. 1; BEK 235/2012 § 6), in whole minutes.

    ``lapsed``, ``granted``, ``lost_to_cap``, ``used`` and ``closing`` have one row per person and one column
    per month of ``months``; they are the ``*_minutes`` fields of the scalar bank's
    :class:`~socialcalc.ledsageordning.MonthStatement` (``closing`` is the closing balance). ``closing_lots``
    is the state after the last month: the minutes left of each grant month by age (column 0: the last
    month's grant, column *j*: the grant of *j* months before). ``order_of_use`` is each person's policy in
    each month (:data:`OLDEST_FIRST` or :data:`CURRENT_MONTH_THEN_NEWEST_SAVED`). The minutes are ``int32``
    where every input fits in it (else ``int64``); ``used`` is the input as given.

    >>> r = bank(np.zeros((1, 7), dtype=np.int64), months="2024-01")
    >>> r.lapsed[0].tolist(), int(r.closing[0, -1]) == 90 * 60
    ([0, 0, 0, 0, 0, 0, 900], True)
    """

    months: tuple[Month, ...]
    lapsed: Minutes
    granted: Minutes
    lost_to_cap: Minutes
    used: Minutes
    closing: Minutes
    closing_lots: Minutes
    order_of_use: npt.NDArray[np.int8]
    lapsed_lots: Minutes | None = None
    """With ``lots=True``: (person, month, age) minutes lapsed of the lot granted ``age`` months before."""
    used_lots: Minutes | None = None
    """With ``lots=True``: (person, month, age) minutes used of the lot granted ``age`` months before (0: the
    month's own)."""
    month_lots: Minutes | None = None
    """With ``lots=True``: (person, month, age) minutes left at the month's end of the lot of that age."""

    def __len__(self) -> int:
        return int(self.closing.shape[0])


def _month_index(value: Any, field: str, row: int = 0) -> int:
    if isinstance(value, Month):
        return value.year * 12 + value.month - 1
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise BatchInputError(field, row, "NaT", code="batch.month_missing", missing="NaT")
        return int(value.astype("datetime64[M]").astype(np.int64)) + 1970 * 12
    try:
        month = Month.coerce(value, field)
    except InvalidInput as err:
        raise BatchInputError(field, row, err.value, err.rule) from None
    return month.year * 12 + month.month - 1


def month_column(values: Any, field: str, n: int | None = None) -> int | npt.NDArray[np.int64]:
    """Months as month numbers (``year × 12 + month − 1``): one ``Month``/``"YYYY-MM"``, or a column of them.

    A ``datetime64`` column is read by its month; NaT is refused, naming the first bad row.

    >>> month_column("2024-03", "start")
    24290
    >>> month_column(np.array(["2024-01", "2024-02"], dtype="datetime64[M]"), "months").tolist()
    [24288, 24289]
    """
    if isinstance(values, Month | str | np.datetime64):
        return _month_index(values, field)
    array = np.asarray(values)
    if array.ndim != 1 or (n is not None and array.shape[0] != n):
        raise BatchInputError(field, 0, f"{array.shape}", code="batch.month_column",
                              count=n if n is not None else "alle")
    if array.dtype.kind == "M":
        months = array.astype("datetime64[M]")
        if (nat := np.isnat(months)).any():
            row = int(np.flatnonzero(nat)[0])
            raise BatchInputError(field, row, "NaT", code="batch.month_missing", missing="NaT")
        return months.astype(np.int64) + 1970 * 12
    return _distinct_months(array, field)


def _distinct_months(array: npt.NDArray[Any], field: str) -> npt.NDArray[np.int64]:
    """Each distinct month text (or ``Month``) parsed once, in the order it first occurs, so the error names the
    first bad row; a caseload has few distinct months and many rows."""
    if array.dtype.kind in "US":
        distinct, first, inverse = np.unique(array, return_index=True, return_inverse=True)
        order = np.argsort(first)
        parsed = np.empty(len(distinct), np.int64)
        for k in order.tolist():
            parsed[k] = _month_index(distinct[k].item(), field, int(first[k]))
        return parsed[inverse.reshape(-1)]
    seen: dict[Any, int] = {}
    out = np.empty(array.shape[0], np.int64)
    for i, v in enumerate(array.tolist()):
        key = v if isinstance(v, str | Month) else None  # other values are parsed (and refused) on their own
        index = seen.get(key) if key is not None else None
        if index is None:
            index = _month_index(v, field, i)
            if key is not None:
                seen[key] = index
        out[i] = index
    return out


def _to_month(index: int) -> Month:
    return Month(index // 12, index % 12 + 1)


def _minutes(values: Any, field: str, shape: tuple[int, ...]) -> int | Minutes:
    """A whole-minutes input: one ``int`` for everything, or an array of one of the allowed shapes."""
    if isinstance(values, int | np.integer) and not isinstance(values, bool):
        if values < 0:
            raise BatchInputError(field, 0, int(values), code="input.negative")
        return int(values)
    array = np.asarray(values)
    if array.dtype.kind not in "iu":
        raise BatchInputError(field, 0, str(array.dtype), code="batch.minutes_dtype")
    if array.shape != shape and array.shape != shape[:1]:
        raise BatchInputError(field, 0, f"{array.shape}", code="batch.shape",
                              expected=f"{shape} eller {shape[:1]}")
    # int32 and int64 are kept as given (no copy of a caseload); other integer types become int64
    result = array if array.dtype in (np.dtype(np.int32), np.dtype(np.int64)) else array.astype(np.int64)
    if (bad := result < 0).any():
        row, *rest = np.argwhere(bad)[0].tolist()
        where = f" (måned {rest[0]})" if rest else ""
        raise BatchInputError(field, int(row), f"{int(result[bad][0])}{where}", code="input.negative")
    return result


def bank(
    used_minutes: Any,
    *,
    months: Any,
    start: Any = None,
    deduction_minutes: Any = 0,
    kommune: Any = None,
    rates: RateBook | None = None,
    lots: bool = False,
) -> BankBatch:
    """Run every person's § 97 hour bank over ``months`` (SEL § 97 stk. 1; BEK 235/2012 § 6 stk. 1).

    ``used_minutes``: an ``int64`` array, one row per person, one column per month: the escort used (whole
    minutes). ``months``: the first month (``Month`` or ``"YYYY-MM"``; the columns are the months after it) or
    a column of the months, which must follow one another in order without gaps. ``start``: each person's
    first month (``None``: the first of ``months``; one month for all, or a column); it may not be before the
    first of ``months`` (the bank's history would be missing). ``deduction_minutes``: escort received in
    another form, deducted from each month's grant (one ``int``, one per person, or one per person and month).
    ``kommune``: one municipality for all, or a column (its policy: order of use, saving period).
    ``lots=True`` also keeps every month's lots by age (``lapsed_lots``, ``used_lots``, ``month_lots`` of
    :class:`BankBatch`), which explaining a row needs; without it no side array is allocated.

    A use larger than the balance raises :class:`InsufficientBatchHours` naming the person (row) and the month;
    a use before a person's first month, a month out of order, a negative or non-integer input raise
    :class:`~socialcalc.batch.columns.BatchInputError`.

    >>> r = bank(np.array([[600, 1500]]), months="2024-01")
    Traceback (most recent call last):
    ...
    socialcalc.ledsageordning.batch.InsufficientBatchHours: used_minutes[0] = 1500: der er kun 20 timer til rådighed i \
februar 2024, og timer kan ikke bruges forud; intet er registreret
    >>> bank(np.zeros((1, 3), dtype=np.int64), months=np.array(["2024-01", "2024-03", "2024-02"], dtype="M8[M]"))
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: months[1] = 2024-03: månederne skal følge hinanden i rækkefølge \
uden huller (forventede 2024-02)
    """
    used = np.asarray(used_minutes)
    if used.ndim != 2:
        raise BatchInputError("used_minutes", 0, f"{used.shape}", code="batch.usage_shape")
    n, m = used.shape
    used = _minutes(used, "used_minutes", (n, m))  # type: ignore[assignment]
    first = _first_month(months, m)
    starts = first if start is None else month_column(start, "start", n)
    if isinstance(starts, np.ndarray):
        starts = starts - first
        if n and (early := starts < 0).any():
            row = int(np.flatnonzero(early)[0])
            raise BatchInputError("start", row, str(_to_month(int(starts[row]) + first)),
                                  code="batch.before_first_month", first_month=str(_to_month(first)))
    else:
        starts -= first
        if starts < 0:
            raise BatchInputError("start", 0, str(_to_month(starts + first)),
                                  code="batch.before_first_month", first_month=str(_to_month(first)))
    deduction = _minutes(deduction_minutes, "deduction_minutes", (n, m))
    names, kcode = kommune_column(kommune, n)
    book = book_or_default(rates)

    # the rules of every (month, kommune): minutes per month, saving months, cap, order of use
    per = np.zeros((m, len(names)), dtype=np.int64)
    saving = np.ones((m, len(names)), dtype=np.int64)
    cap = np.zeros((m, len(names)), dtype=np.int64)
    order = np.zeros((m, len(names)), dtype=np.int8)
    for t in range(m):
        month = _to_month(first + t)
        failed: tuple[int, SocialcalcError] | None = None  # the first person of the month whose rules fail
        for k, name in enumerate(names):
            try:
                rules = _rules(book, month, name)
            except SocialcalcError as err:
                persons = np.ones(n, bool) if isinstance(kcode, int) else kcode == k
                active = persons & (np.asarray(starts) <= t)
                if active.any():
                    row = int(np.flatnonzero(np.broadcast_to(active, (n,)))[0])
                    if failed is None or row < failed[0]:
                        failed = (row, err)
                continue
            per[t, k], saving[t, k], cap[t, k] = rules.per_month, rules.saving, rules.cap
            order[t, k] = _ORDER_CODES[rules.order]
        if failed is not None:
            _raise(failed[1], failed[0])
    width = int(saving.max()) if m else 1
    if isinstance(starts, int):
        late = used[:, :starts] > 0 if starts > 0 else None
    else:  # booleans only (1 byte a cell): no int64 copy of the whole input
        late = (used > 0) & (np.arange(m)[None, :] < starts[:, None])
    if late is not None and late.any():
        row, t = (int(v) for v in np.argwhere(late)[0])
        raise BatchInputError("used_minutes", row, int(used[row, t]), code="input.use_before_person_start",
                              month=str(_to_month(first + t)), **month_params("month", _to_month(first + t)))
    return _fold(used, first, starts, deduction, kcode, per, saving, cap, order, width, lots)


def _first_month(months: Any, m: int) -> int:
    index = month_column(months, "months", None if isinstance(months, Month | str) else m)
    if isinstance(index, int):
        return index
    if m and (gap := np.diff(index) != 1).any():
        row = int(np.flatnonzero(gap)[0]) + 1
        raise BatchInputError("months", row, str(_to_month(int(index[row]))),
                              code="batch.months_gap", expected=str(_to_month(int(index[row - 1]) + 1)))
    return int(index[0]) if m else 0


def _raise(err: SocialcalcError, row: int) -> None:
    if isinstance(err, RateNotPublished):
        raise BatchRateNotPublished(err, "months", row) from err
    column = "kommune" if isinstance(err, UnknownRate) else "months"
    raise BatchInputError(column, row, "", str(err)) from err


def _pick(table: npt.NDArray[Any], t: int, kcode: int | npt.NDArray[np.int64]) -> Any:
    """This month's rule for every person: one value (a Python ``int``) if there is one municipality, or every
    person's the same; else a column."""
    if isinstance(kcode, int):
        return int(table[t, kcode])
    column = table[t]
    return int(column[0]) if column.min() == column.max() else column[kcode]


CHUNK = 1 << 17
"""Persons folded at a time: each chunk's months are copied into contiguous rows (a small copy, never the whole
input) and its temporaries stay in the cache; the outputs are written in place."""

_INT32_MAX = np.iinfo(np.int32).max


def _dtype(*values: Any) -> type[np.signedinteger[Any]]:
    """``int32`` minutes where every input fits (4 bytes a cell), else ``int64``; a balance never exceeds the
    cap, so only the inputs decide."""
    for v in values:
        top = int(v.max(initial=0)) if isinstance(v, np.ndarray) else int(v)
        if top > _INT32_MAX:
            return np.int64
    return np.int32


def _fold(used: Minutes, first: int, starts: int | Minutes, deduction: int | Minutes, kcode: int | Minutes,
          per: Minutes, saving: Minutes, cap: Minutes, order: npt.NDArray[np.int8], width: int,
          keep_lots: bool = False) -> BankBatch:
    """Every person's bank, month by month, by :func:`socialcalc.ledsageordning.regel.month_step` (the decision
    the one-case bank runs too) on arrays of persons, :data:`CHUNK` persons at a time.

    A shortage stops a chunk's fold at that month; the one raised is the first month with one, and in it the
    first person (the same as folding everyone at once)."""
    n, m = used.shape
    dtype = _dtype(used, deduction, per, cap)
    per, cap = per.astype(dtype), cap.astype(dtype)
    out = {name: np.zeros((m, n), dtype=dtype) for name in ("lapsed", "granted", "lost", "closing")}
    orders = np.zeros((m, n), dtype=np.int8)
    closing_lots = np.zeros((n, width), dtype=dtype)
    side = {name: np.zeros((m, width + 1, n), dtype=dtype) for name in ("lapsed", "used", "month")} \
        if keep_lots else None
    worst: tuple[int, int, int, int] | None = None  # (month, person, asked, available) of the first shortage
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        rows = slice(lo, hi)
        chunk_starts = starts if isinstance(starts, int) else starts[rows]
        chunk_deduction = deduction if isinstance(deduction, int) else deduction[rows].astype(dtype)
        chunk_kcode = kcode if isinstance(kcode, int) else kcode[rows]
        found = _fold_chunk(np.ascontiguousarray(used[rows].T, dtype=dtype), rows, chunk_starts, chunk_deduction,
                            chunk_kcode, per, saving, cap, order, width, dtype, out, orders, closing_lots, side,
                            m if worst is None else worst[0] + 1)
        if found is not None and (worst is None or found[0] < worst[0]):
            worst = found
    if worst is not None:
        t, row, asked, available = worst
        raise InsufficientBatchHours(row, _to_month(first + t), asked, available)
    return BankBatch(months=tuple(_to_month(first + t) for t in range(m)), lapsed=out["lapsed"].T,
                     granted=out["granted"].T, lost_to_cap=out["lost"].T, used=used, closing=out["closing"].T,
                     closing_lots=closing_lots, order_of_use=orders.T,
                     **({} if side is None else {f"{k}_lots": v.transpose(2, 0, 1) for k, v in side.items()}))


def _fold_chunk(by_month: Minutes, rows: slice, starts: int | Minutes, deduction: int | Minutes,
                kcode: int | Minutes, per: Minutes, saving: Minutes, cap: Minutes, order: npt.NDArray[np.int8],
                width: int, dtype: Any, out: dict[str, Minutes], orders: npt.NDArray[np.int8],
                closing_lots: Minutes, side: dict[str, Minutes] | None,
                until: int) -> tuple[int, int, int, int] | None:
    """The fold of one chunk of persons (``by_month``: month × person), written into the outputs at ``rows``;
    returns the first shortage before month ``until`` as (month, person, asked, available), else ``None``."""
    m, k = by_month.shape
    lots = np.zeros((width, k), dtype=dtype)  # minutes left by grant month, ring slot = month % width
    for t in range(min(m, until)):
        active: Any = starts <= t
        if active is False:
            continue
        month_deduction = deduction if isinstance(deduction, int) or deduction.ndim == 1 else deduction[:, t]
        code = _pick(order, t, kcode)
        orders[t, rows] = code
        per_month = _pick(per, t, kcode)
        d = regel.month_step([lots[(t - (a + 1)) % width] for a in range(width)],
                             per_month=np.multiply(active, per_month, dtype=dtype)
                             if isinstance(active, np.ndarray) else per_month,
                             saving=_pick(saving, t, kcode), cap=_pick(cap, t, kcode), deduction=month_deduction,
                             need=by_month[t], order=code, ops=NP)
        if (short := d.short).any():
            row = int(np.flatnonzero(short)[0])
            return t, rows.start + row, int(by_month[t][row]), int(d.available[row])
        if side is not None:  # before the ring is rewritten: a lapsed part may be a view of its slot
            for a in range(width + 1):  # [a]: the lot of age a (a lapsed part may be a plain 0)
                if a:
                    side["lapsed"][t, a, rows] = d.lapsed_by_age[a - 1]
                side["used"][t, a, rows] = d.used_by_age[a]
                side["month"][t, a, rows] = d.closing[a]
        for a in range(width - 1):
            lots[(t - (a + 1)) % width] = d.closing[a + 1]
        lots[t % width] = d.closing[0]  # the oldest lot (age = width) shares the slot and has lapsed
        out["lapsed"][t, rows] = d.lapsed
        out["granted"][t, rows] = d.granted
        out["lost"][t, rows] = d.lost
        np.subtract(d.available, by_month[t], out=out["closing"][t, rows])  # no use was refused (checked above)
    if m:
        closing_lots[rows] = lots[[(m - 1 - a) % width for a in range(width)]].T
    return None
