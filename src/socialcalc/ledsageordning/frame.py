"""The § 97 frame adapter: a long table of monthly use in, every person's hour bank out (SEL § 97 stk. 1).

:func:`bank_frame` reads a pandas, polars or pyarrow table (see :mod:`socialcalc.batch.frame` for the column
rules), runs :func:`socialcalc.ledsageordning.batch.bank` and returns one result row per input row.
:func:`explain_row` explains one row: the row's person in the row's month, exactly as the one-case
:meth:`socialcalc.ledsageordning.Bank.statement` of that person and month explains it.

>>> import pandas as pd
>>> frame = pd.DataFrame({"person": ["a", "a", "a"], "month": ["2024-01", "2024-02", "2024-03"],
...                       "used_hours": [0.0, 0.0, 20.0]})
>>> out = bank_frame(frame)
>>> out["closing_minutes"].tolist()
[900, 1800, 1500]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from socialcalc.batch.columns import BatchInputError, decimal_to_int, int_column
from socialcalc.batch.frame import INPUT_ROW, Kept, _frame, _input_row, _input_rows, _labelled, _Reader, kept
from socialcalc.batch.tables import decimal_column, factorize
from socialcalc.errors import InvalidInput
from socialcalc.explain import Audience, Format, Locale
from socialcalc.ledsageordning import batch as sel097
from socialcalc.ledsageordning import fakta
from socialcalc.ledsageordning.bank import _in_use_order, _rules
from socialcalc.months import Month
from socialcalc.ratebook import RateBook, book_or_default
from socialcalc.ratebook.book import normalise_kommune

__all__ = ["bank_frame", "explain_row"]

_ORDERS = {sel097.OLDEST_FIRST: "oldest_first",
           sel097.CURRENT_MONTH_THEN_NEWEST_SAVED: "current_month_then_newest_saved"}


def _minutes(read: _Reader, name: str, *, required: bool) -> npt.NDArray[np.int64] | None:
    """``<name>_minutes`` as is, or ``<name>_hours`` (float/Decimal/text) as whole minutes, exactly."""
    minutes, hours = f"{name}_minutes", f"{name}_hours"
    if read.has(minutes) and read.has(hours):
        raise BatchInputError(hours, 0, hours, code="batch.given_twice", first=hours, second=minutes)
    if read.has(minutes):
        return int_column(read.values(minutes), minutes, unit="minutes")
    if not read.has(hours):
        if required:
            raise BatchInputError(hours, 0, "mangler", code="batch.column_missing", name=repr(hours),
                                      alternative=repr(minutes))
        return None
    values = read.values(hours)
    if values.dtype.kind == "f":
        read.floats.append(hours)
    # hours to 1/100 000 h by the float rule, then whole minutes only (0.6 min is refused, as by the scalar bank)
    fine = decimal_to_int(values, hours, places=5)
    whole, rest = np.divmod(fine * 60, 100_000)
    if (bad := rest != 0).any():
        row = int(np.flatnonzero(bad)[0])
        raise BatchInputError(hours, row, values[row], code="batch.whole_minutes", name=minutes)
    return whole.astype(np.int64)


_ZERO, _DASH = ord("0"), ord("-")


def _ascii_months(series: pd.Series[Any], block: int = 0) -> npt.NDArray[np.int64] | None:
    """Month numbers of an Arrow-backed text column whose every value is exactly ``YYYY-MM`` in ASCII digits
    with a month from 01 to 12 and a year from 0001, read straight from the Arrow buffers; ``None`` for
    anything else (missing values, other lengths, other characters), which :func:`_months_of` then parses, or
    refuses, value by value. It accepts exactly what :meth:`socialcalc.months.Month.parse` accepts in that form.

    ``block``: the rows are blocks of ``block`` rows (one per person); where every block's text is the first
    block's, byte for byte, only the first block is read.
    """
    dtype = series.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    import pyarrow as pa

    arrow = pa.array(series.array)
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    if arrow.null_count or not (pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type)):
        return None
    n = len(arrow)
    _, offsets_buffer, data_buffer = arrow.buffers()
    width = np.int32 if pa.types.is_string(arrow.type) else np.int64
    offsets = np.frombuffer(offsets_buffer, dtype=width)[arrow.offset:arrow.offset + n + 1]
    start = int(offsets[0])
    if int(offsets[-1]) - start != 7 * n or not bool((np.diff(offsets) == 7).all()):
        return None
    # each row's 7 bytes read in place, one byte column at a time (strided views, no copy of the text): a
    # dash at 4 and a digit elsewhere (a byte below "0" wraps round to above 9 after the shift)
    text = np.frombuffer(data_buffer, dtype=np.uint8)[start:start + 7 * n].reshape(n, 7)
    if block and n % block == 0 and n > block:
        blocks = text.reshape(n // block, block * 7)
        if bool((blocks == blocks[0]).all()):  # every person the same months, as in a full long frame
            months = _ascii_text(text[:block])
            return None if months is None else np.tile(months, n // block)
    return _ascii_text(text)


def _ascii_text(text: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64] | None:
    """The month numbers of rows of 7 ASCII bytes ``YYYY-MM`` (``None`` if any row is anything else)."""
    if bool((text[:, 4] != _DASH).any()):
        return None
    digits = []
    for column in (0, 1, 2, 3, 5, 6):
        digit = text[:, column] - np.uint8(_ZERO)
        if bool((digit > 9).any()):
            return None
        digits.append(digit)
    month = digits[4] * np.uint8(10) + digits[5]
    if bool((month < 1).any()) or bool((month > 12).any()):
        return None
    # the month number year * 12 + month - 1, in int64
    year: npt.NDArray[np.int64] = digits[0].astype(np.int64)
    for digit in digits[1:4]:
        year = year * 10 + digit
    months: npt.NDArray[np.int64] = year * 12 + month - 1
    if bool((months < 12).any()):  # year 0000
        return None
    return months


def _months_of(values: Any, name: str, block: int = 0) -> npt.NDArray[np.int64]:
    series = pd.Series(values)
    if len(series) and (fast := _ascii_months(series, block)) is not None:
        return fast
    if len(series) and (series.dtype == object or isinstance(series.dtype, pd.StringDtype)):
        # text (or Month) objects: each distinct value parsed once (a caseload has few months and many rows)
        codes, distinct = factorize(series, name, sort=False)
        if not (codes < 0).any():
            try:
                parsed = sel097.month_column(np.asarray(distinct, dtype=object), name, len(distinct))
            except BatchInputError as err:  # the distinct value's position → its first row in the frame
                row = int(np.flatnonzero(codes == err.row)[0])
                raise BatchInputError(err.column, row, err.value, err._rule_text, code=err.code,
                                      **err.params) from None
            return np.asarray(parsed, dtype=np.int64)[codes]
    array = series.dt.to_timestamp().to_numpy() if isinstance(series.dtype, pd.PeriodDtype) else series.to_numpy()
    index = sel097.month_column(array, name, len(series))
    return np.asarray(index, dtype=np.int64)


def bank_frame(
    frame: Any,
    *,
    kommune: Any = None,
    rates: RateBook | None = None,
    hours: bool = False,
    explain: bool = False,
) -> Any:
    """The § 97 hour bank of every person, from a long frame of monthly use (:func:`socialcalc.batch.sel097.bank`).

    One row per person and month: ``person`` (any label), ``month`` (``"YYYY-MM"``, a ``Month``, a period or a
    date in the month), and the use in ``used_hours`` (hours, whole minutes) or ``used_minutes``. A person's
    rows must be in month order (a month out of order, or twice, is refused, naming the row); months without a
    row have no use. Optional columns: ``start`` (the person's first month; default the person's first row),
    ``deduction_hours``/``deduction_minutes`` (from that month on, until the person's next row with another
    value), ``kommune`` (per person; or ``kommune=`` for all).

    Columns out, one row per input row: ``lapsed_minutes``, ``granted_minutes``, ``lost_to_cap_minutes``,
    ``used_minutes``, ``closing_minutes``, ``order_of_use``; with ``hours=True`` also ``closing_hours`` as exact
    ``Decimal`` hours. ``explain=True`` keeps what :func:`explain_row` needs (every month's lots by age, in
    ``result.attrs["socialcalc"]["rows"]``) and adds ``input_row`` (the row's position in ``frame``, through
    which a filtered or sorted copy explains its rows); without it no side array is kept.

    Fastest on the usual long format: each person's rows together, one row for every month from the first to
    the last, in month order, the months as Arrow text (``"YYYY-MM"``; pandas' default ``str``): those rows are
    the kernel's table as they are. Any other layout gives the same result, a little slower.

    >>> import pandas as pd
    >>> from decimal import Decimal
    >>> frame = pd.DataFrame({"person": ["a", "a", "a", "b"], "month": ["2024-01", "2024-02", "2024-03", "2024-03"],
    ...                       "used_hours": [0.0, 0.0, 20.0, 0.0], "kommune": ["lejre", "lejre", "lejre", "lemvig"]})
    >>> bank_frame(frame, hours=True)["closing_hours"].tolist() == [Decimal(15), Decimal(30), Decimal(25), Decimal(15)]
    True
    """
    read = _Reader(frame)
    with read.relabel():
        for name in ("person", "month"):
            if not read.has(name):
                raise BatchInputError(name, 0, "mangler", code="batch.column_missing", name=repr(name))
        if not len(read.frame):
            empty: dict[str, Any] = {f"{name}_minutes": np.zeros(0, dtype=np.int64)
                                     for name in ("lapsed", "granted", "lost_to_cap", "used", "closing")}
            empty["order_of_use"] = _labelled(np.zeros(0, dtype=np.int64), _ORDERS)
            if hours:
                empty["closing_hours"] = decimal_column(np.zeros(0, dtype=np.int64), scale=4)
            return _frame(empty, read, read.attrs("minutes"))
        frame = read.frame
        codes, persons = _persons(frame["person"])
        if (codes < 0).any():
            row = int(np.flatnonzero(codes < 0)[0])
            raise BatchInputError("person", row, "NA", code="batch.person_missing")
        block = _block(codes, len(persons))
        month = _months_of(frame["month"], "month", block)
        _check_order(codes, month)
        used = _minutes(read, "used", required=True)
        assert used is not None
        first = int(month.min()) if len(month) else 0
        width = int(month.max()) - first + 1 if len(month) else 0
        count = len(persons)
        t = month - first
        grid = _full_grid(block, t, count, width)
        if grid:
            # the usual long format (each person's block of every month, in order): the rows are the table (the
            # kernel never writes into its input, and a result column sharing the frame's memory is copied)
            table = np.asarray(used, dtype=np.int64).reshape(count, width)
            first_rows = np.arange(0, count * width, width, dtype=np.int64)
        else:
            table = np.zeros((count, width), dtype=np.int64)
            table[codes, t] = used
            first_rows = _first_rows(codes, count)
        starts = _months_of(frame["start"], "start")[first_rows] if read.has("start") else month[first_rows]
        deduction = _deductions(read, codes, t, count, width)
        kommuner = read.setting("kommune", kommune, labels=True)
        if isinstance(kommuner, np.ndarray):
            _check_constant(kommuner, codes, first_rows, "kommune")
            kommuner = kommuner[first_rows]
        # month numbers → numpy months; none where every person starts in the first month (the kernel's default,
        # and its faster path)
        start_months = None if bool((starts == first).all()) else (starts - 1970 * 12).astype("datetime64[M]")
        try:
            result = sel097.bank(table, months=f"{first // 12:04d}-{first % 12 + 1:02d}", start=start_months,
                                 deduction_minutes=deduction, kommune=kommuner, rates=rates, lots=explain)
        except BatchInputError as err:  # a person (row of the kernel) → the frame's row of that person
            row = _frame_row(err, codes, t, first_rows, first)
            raise BatchInputError(err.column, row, err.value, err._rule_text, code=err.code, **err.params) from err
    out: dict[str, Any] = {}
    gather = _Gather(codes, t, result.closing.shape, grid=grid)
    for name, values in (("lapsed", result.lapsed), ("granted", result.granted), ("lost_to_cap", result.lost_to_cap),
                         ("used", result.used), ("closing", result.closing)):
        out[f"{name}_minutes"] = gather(values)
    out["order_of_use"] = _labelled(gather(result.order_of_use), _ORDERS)
    if hours:
        # hours to 4 decimals, half up: what socialcalc.ledsageordning.tid.hours_of gives (exact for 3-minute steps)
        out["closing_hours"] = decimal_column((np.asarray(out["closing_minutes"], dtype=np.int64) * 1000 + 3) // 6,
                                              scale=4)
    attrs = {**read.attrs("minutes"), "rule": "sel097"}
    if explain:
        out[INPUT_ROW] = _input_rows(len(codes))
        names = kommuner if isinstance(kommuner, np.ndarray) else np.full(count, kommuner, dtype=object)
        attrs["rows"] = _Rows(codes=codes, t=t, first=first, starts=starts - first, kommune=names,
                              deduction=deduction, result=result, rates=rates)
    return _frame(out, read, attrs)


class _Gather:
    """``values[codes, t]`` (person × month) for each of the kernel's outputs, as a one-dimensional take on the
    array's own memory order (the outputs are month-major): the same values, without numpy's slower
    two-dimensional fancy index, and with the flat positions computed once for all outputs of one shape."""

    def __init__(self, codes: npt.NDArray[np.intp], t: npt.NDArray[np.int64], shape: tuple[int, ...], *,
                 grid: bool = False) -> None:
        self.codes, self.t, self.shape = codes, t, shape
        self.grid = grid  # row i is person i // months's month i % months (the long format): a C-order copy
        self._flat: dict[str, npt.NDArray[np.int64]] = {}

    def _positions(self, order: str) -> npt.NDArray[np.int64]:
        flat = self._flat.get(order)
        if flat is None:
            persons, months = self.shape
            flat = self.t * persons + self.codes if order == "F" else self.codes * months + self.t
            self._flat[order] = flat
        return flat

    def __call__(self, values: npt.NDArray[Any]) -> Any:
        if values.shape != self.shape:
            return values[self.codes, self.t]
        if self.grid:
            return values.flatten()  # a C-order copy the result owns
        if values.T.flags.c_contiguous:
            return np.take(values.T.reshape(-1), self._positions("F"))
        if values.flags.c_contiguous:
            return np.take(values.reshape(-1), self._positions("C"))
        return values[self.codes, self.t]


@dataclass(frozen=True, eq=False)
class _Rows(Kept):
    """What :func:`explain_row` needs of a :func:`bank_frame` result (kept with ``explain=True``)."""

    codes: npt.NDArray[np.intp]
    """The person (kernel row) of each frame row."""
    t: npt.NDArray[np.int64]
    """The month of each frame row, counted from ``first``."""
    first: int
    starts: npt.NDArray[np.int64]
    """Each person's first month, counted from ``first``."""
    kommune: npt.NDArray[Any]
    deduction: npt.NDArray[np.int64] | int
    result: sel097.BankBatch
    rates: RateBook | None


def explain_row(out: Any, row: int, *, audience: Audience = "borger", locale: Locale = "da",
                format: Format = "text") -> str:
    """The explanation of row ``row`` (its position) of a :func:`bank_frame` result made with ``explain=True``:
    that person's month, exactly the text of the one-case :meth:`~socialcalc.ledsageordning.Bank.statement` of
    that person and month (SEL § 97 stk. 1; BEK 235/2012 § 6 stk. 1).

    >>> import pandas as pd
    >>> from socialcalc.ledsageordning import Bank
    >>> frame = pd.DataFrame({"person": ["a", "a", "a"], "month": ["2024-01", "2024-02", "2024-03"],
    ...                       "used_hours": [0, 0, 20]})
    >>> out = bank_frame(frame, kommune="lemvig", explain=True)
    >>> bank = Bank.open("2024-01", kommune="lemvig").use("2024-03", 20)
    >>> explain_row(out, 2) == bank.statement("2024-03").explain()
    True
    """
    rows = kept((getattr(out, "attrs", None) or {}).get("socialcalc", {}), "rows", "bank_frame(..., explain=True)")
    if not isinstance(rows, _Rows):
        raise InvalidInput("out", type(out).__name__, code="batch.not_result",
                           functions="bank_frame(..., explain=True)")
    if isinstance(row, bool) or not isinstance(row, int | np.integer) or not 0 <= row < len(out):
        raise InvalidInput("row", row, code="input.invalid", rule=f"rækken findes ikke (0 til {len(out) - 1})")
    r = rows.result
    source = _input_row(out, int(row), len(rows.codes),
                        {"closing_minutes": r.closing[rows.codes, rows.t], "used_minutes": r.used[rows.codes, rows.t]},
                        "bank_frame(..., explain=True)")
    return str(_statement(rows, source).render(audience=audience, locale=locale, format=format))


def _month(index: int) -> Month:
    return Month(index // 12, index % 12 + 1)


def _statement(rows: _Rows, row: int) -> Any:
    """The row's month as facts, by the builder the one-case bank uses (:func:`fakta.month_facts`)."""
    person, t = int(rows.codes[row]), int(rows.t[row])
    r = rows.result
    assert r.lapsed_lots is not None and r.used_lots is not None and r.month_lots is not None
    m = _month(rows.first + t)
    start = _month(rows.first + int(rows.starts[person]))
    kommune = normalise_kommune(rows.kommune[person])
    book = book_or_default(rows.rates)
    rules = _rules(book, m, kommune)
    width = r.month_lots.shape[2]
    lapsed = [(m - a, int(r.lapsed_lots[person, t, a])) for a in range(width - 1, 0, -1)
              if r.lapsed_lots[person, t, a]]
    used = list(_in_use_order(m, [int(v) for v in r.used_lots[person, t]], rules.order))
    closing = [(m - a, int(r.month_lots[person, t, a])) for a in range(width - 1, -1, -1)
               if r.month_lots[person, t, a]]
    opening = int(r.closing[person, t - 1]) if t > int(rows.starts[person]) else 0
    deduction = rows.deduction if isinstance(rows.deduction, int) else int(
        rows.deduction[person] if rows.deduction.ndim == 1 else rows.deduction[person, t])
    return fakta.month_facts(book=book, kommune=kommune, month=m, start=start, rates=rules.rates,
                             saving=rules.saving, per_month=rules.per_month, cap=rules.cap, order=rules.order.value,
                             opening=opening, lapsed=lapsed, deduction=deduction, granted=int(r.granted[person, t]),
                             lost=int(r.lost_to_cap[person, t]), used=used, closing=closing)


def _persons(column: pd.Series[Any]) -> tuple[npt.NDArray[np.intp], Any]:
    """Each row's person as a code (in order of first appearance) and the persons: ``pd.factorize``, or where
    the persons are numbers in sorted blocks (the usual long format) the same codes from where the value
    changes, without hashing."""
    values = column.to_numpy() if column.dtype.kind in "iu" else None
    if values is not None and values.size and bool((values[1:] >= values[:-1]).all()):
        change = np.empty(values.size, dtype=bool)
        change[0] = True
        np.not_equal(values[1:], values[:-1], out=change[1:])
        return np.cumsum(change, dtype=np.intp) - 1, values[change]
    codes, persons = factorize(column, "person", sort=False)
    return codes, persons


def _check_order(codes: npt.NDArray[np.intp], month: npt.NDArray[np.int64]) -> None:
    if codes.size and bool((codes[1:] >= codes[:-1]).all()):  # persons in blocks already: the stable order
        order: npt.NDArray[np.intp] | None = None
        by_person, months = codes, month  # the rows in that order, without taking them again
    else:
        order = np.argsort(codes, kind="stable")
        by_person, months = codes[order], month[order]
    same = by_person[1:] == by_person[:-1]
    back = same & (months[1:] <= months[:-1])
    if back.any():
        at = np.flatnonzero(back)
        if order is None:
            order = np.arange(codes.size)
        rows = order[1:][at]
        row = int(rows.min())
        i = int(at[np.argmin(rows)])
        before = int(months[i])
        raise BatchInputError("month", row, f"{month[row] // 12:04d}-{month[row] % 12 + 1:02d}",
                              code="batch.person_month_order", after=f"{before // 12:04d}-{before % 12 + 1:02d}")


def _block(codes: npt.NDArray[np.intp], count: int) -> int:
    """The rows of each person, if the persons are blocks of equally many rows in order (else 0)."""
    if not count or codes.size % count:
        return 0
    width = codes.size // count
    return width if bool((codes.reshape(count, width) == np.arange(count)[:, None]).all()) else 0


def _full_grid(block: int, t: npt.NDArray[np.int64], count: int, width: int) -> bool:
    """Whether row ``i`` is person ``i // width``'s month ``i % width``: the persons are blocks (:func:`_block`)
    of ``width`` rows, and each block's months are the first to the last in order."""
    if not block or block != width:
        return False
    return bool((t.reshape(count, width) == np.arange(width)).all())


def _first_rows(codes: npt.NDArray[np.intp], count: int) -> npt.NDArray[np.int64]:
    if codes.size and bool((codes[1:] >= codes[:-1]).all()):  # persons in blocks: where each block begins
        return np.flatnonzero(np.diff(codes, prepend=-1)).astype(np.int64)
    first = np.full(count, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    return first


def _check_constant(values: npt.NDArray[Any], codes: npt.NDArray[np.intp], first_rows: npt.NDArray[np.int64],
                    name: str) -> None:
    differs = np.array([a != b for a, b in zip(values.tolist(), values[first_rows[codes]].tolist(), strict=True)])
    if differs.any():
        row = int(np.flatnonzero(differs)[0])
        raise BatchInputError(name, row, repr(values[row]), code="batch.person_constant")


def _deductions(read: _Reader, codes: npt.NDArray[np.intp], t: npt.NDArray[np.int64], count: int,
                width: int) -> npt.NDArray[np.int64] | int:
    minutes = _minutes(read, "deduction", required=False)
    if minutes is None:
        return 0
    table = np.full((count, width), np.nan)
    table[codes, t] = minutes
    return np.asarray(pd.DataFrame(table).ffill(axis=1).fillna(0).to_numpy(), dtype=np.int64)


def _frame_row(err: BatchInputError, codes: npt.NDArray[np.intp], t: npt.NDArray[np.int64],
               first_rows: npt.NDArray[np.int64], first: int) -> int:
    person = err.row
    if isinstance(err, sel097.InsufficientBatchHours):
        month = err.month.year * 12 + err.month.month - 1 - first
        hit = np.flatnonzero((codes == person) & (t == month))
        if hit.size:
            return int(hit[0])
    return int(first_rows[person]) if 0 <= person < len(first_rows) else person
