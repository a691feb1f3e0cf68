"""Date and municipality columns, rows grouped by distinct (date, kommune), and the first failing row.

A kernel resolves its rates **once per distinct combination** of its date columns and municipality, never per
row: :func:`group_rows` gives the distinct combinations and, for every row, the index of its combination
(``None`` when all rows share one, the common case of a caseload computed for one month).

Errors are collected with :class:`Failures` and the one of the **first bad row** is raised (on a tie, the
check the scalar function makes first), so a batch fails where a loop over the scalar function would.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from socialcalc.batch.columns import BatchInputError, BatchRateNotPublished
from socialcalc.errors import InvalidInput, RateNotPublished, SocialcalcError, UnknownRate
from socialcalc.ratebook.book import normalise_kommune

__all__ = [
    "Column",
    "Failures",
    "Groups",
    "Out",
    "as_bool",
    "ceil_int",
    "choice_column",
    "day_column",
    "floor_int",
    "group_rows",
    "kommune_column",
    "length_of",
    "to_date",
    "wrap",
]

Ints: TypeAlias = npt.NDArray[np.int64]
Column: TypeAlias = int | Ints
"""A column given once for all rows (a Python ``int``) or per row (an ``int64`` array)."""

_EPOCH = date(1970, 1, 1)
_NATIONAL = ""


def length_of(values: Any, column: str) -> int:
    """The number of rows of a required array column (a 1-d array).

    >>> length_of(np.zeros(3), "expenses")
    3
    """
    array = np.asarray(values)
    if array.ndim != 1:
        raise BatchInputError(column, 0, f"form {array.shape}", code="batch.one_dimensional")
    return int(array.shape[0])


def _check_length(array: npt.NDArray[Any], column: str, n: int) -> None:
    if array.ndim != 1 or array.shape[0] != n:
        raise BatchInputError(column, 0, f"{array.shape[0] if array.ndim == 1 else array.shape} rækker",
                              code="batch.rows", rows=n)


def _day_of(value: Any, column: str, row: int) -> int:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise BatchInputError(column, row, repr(value), code="batch.date_value")
    return (value - _EPOCH).days


def day_column(values: Any, column: str, n: int) -> Column:
    """Days since 1970-01-01 of a date given once (``datetime.date``) or per row (``datetime64`` / ``date``).

    Validated once for the whole column: NaT, a time of day and anything that is not a date are refused,
    naming the first bad row.

    >>> day_column(date(2024, 1, 1), "on", 3)
    19723
    >>> day_column(np.array(["2024-01-01", "NaT"], dtype="datetime64[D]"), "on", 2)
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: on[1] = NaT: en dato skal angives (NaT fundet)
    """
    if not isinstance(values, np.ndarray) and not isinstance(values, list | tuple) and not hasattr(values, "dtype"):
        return _day_of(values, column, 0)
    array = np.asarray(values)
    _check_length(array, column, n)
    if array.dtype.kind == "M":
        unit, count = np.datetime_data(array.dtype)
        per_day = _TICKS_PER_DAY.get(unit) if count == 1 else None
        if per_day is None:  # weeks, months, years or a multiple unit: by numpy's own conversion
            return _days_by_conversion(array, column)
        # the ticks of the column's unit, read in place: NaT is the smallest int64 (so the column's minimum
        # finds it without a mask), a time of day a day that does not multiply back to the ticks (a product is
        # cheaper than a remainder; one that wraps around is off anyway)
        ticks = array.view(np.int64)
        if ticks.size and ticks.min() == _NAT:
            _refuse_missing(ticks == _NAT, column)
        if per_day == 1:
            return ticks.copy()
        days: Ints = ticks // per_day
        _refuse_time_of_day(days * per_day != ticks, array, column)
        return days
    if array.dtype.kind == "O":
        return np.fromiter((_day_of(v, column, i) for i, v in enumerate(array.tolist())), np.int64, n)
    raise BatchInputError(column, 0, str(array.dtype), code="batch.date_dtype")


_TICKS_PER_DAY: dict[str, int] = {"D": 1, "h": 24, "m": 24 * 60, "s": 86_400, "ms": 86_400_000,
                                  "us": 86_400_000_000, "ns": 86_400_000_000_000}
"""The ticks of a ``datetime64`` unit in one day (the units a day is a whole number of)."""
_NAT = np.iinfo(np.int64).min
"""``NaT`` as the int64 of a ``datetime64``."""


def _days_by_conversion(array: npt.NDArray[Any], column: str) -> npt.NDArray[np.int64]:
    days = array.astype("datetime64[D]")
    _refuse_missing(np.isnat(days), column)
    _refuse_time_of_day(days.astype(array.dtype) != array, array, column)
    return days.astype(np.int64)


def _refuse_missing(nat: npt.NDArray[np.bool_], column: str) -> None:
    if nat.any():
        row = int(np.flatnonzero(nat)[0])
        raise BatchInputError(column, row, "NaT", code="batch.date_missing", missing="NaT")


def _refuse_time_of_day(whole: npt.NDArray[np.bool_], array: npt.NDArray[Any], column: str) -> None:
    if whole.any():
        row = int(np.flatnonzero(whole)[0])
        raise BatchInputError(column, row, str(array[row]), code="batch.date_time")


def to_date(days: int) -> date:
    """A day number of :func:`day_column` back to a ``datetime.date``.

    >>> to_date(19723)
    datetime.date(2024, 1, 1)
    """
    return date.fromordinal(_EPOCH.toordinal() + int(days))


def kommune_column(values: Any, n: int) -> tuple[list[str | None], Column]:
    """The distinct municipalities (normalised, ``None`` for national) and each row's index into them.

    A name the rate book would refuse is refused here, naming the first row that has it.

    >>> kommune_column(None, 2)
    ([None], 0)
    >>> names, codes = kommune_column(np.array(["Lejre", None, "lejre"], dtype=object), 3)
    >>> names, codes.tolist()
    ([None, 'lejre'], [1, 0, 1])
    """
    if values is None or isinstance(values, str):
        try:
            return [normalise_kommune(values)], 0
        except InvalidInput as err:
            raise BatchInputError("kommune", 0, err.value, err._rule_text, code=err.code, **err.params) from None
    array = np.asarray(values, dtype=object)
    _check_length(array, "kommune", n)
    text = np.array([_NATIONAL if v is None else v for v in array.tolist()], dtype=object)
    kinds = np.array([isinstance(v, str) for v in text.tolist()], dtype=bool)
    if not kinds.all():
        row = int(np.flatnonzero(~kinds)[0])
        raise BatchInputError("kommune", row, repr(array[row]), code="batch.kommune_type")
    spelled, codes = np.unique(text.astype(str), return_inverse=True)
    names: list[str | None] = []
    index: dict[str | None, int] = {}
    remap = np.empty(len(spelled), dtype=np.int64)
    for i, name in enumerate(spelled.tolist()):
        try:
            canonical = None if name == _NATIONAL else normalise_kommune(name)
        except InvalidInput as err:
            row = int(np.flatnonzero(codes == i)[0])
            raise BatchInputError("kommune", row, err.value, err._rule_text, code=err.code, **err.params) from None
        remap[i] = index.setdefault(canonical, len(names))
        if remap[i] == len(names):
            names.append(canonical)
    return names, remap[codes.astype(np.int64)]


def choice_column(values: Any, column: str, n: int, choices: Sequence[str | None]) -> Column:
    """The index of each row's value in ``choices`` (given once or per row), refusing any other value.

    >>> choice_column("year", "per", 2, ["month", "year"])
    1
    >>> choice_column(np.array(["month", "week"]), "per", 2, ["month", "year"])
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: per[1] = 'week': skal være en af 'month', 'year'
    """
    allowed = ", ".join(repr(c) for c in choices)
    if values is None or isinstance(values, str):
        if values not in choices:
            raise BatchInputError(column, 0, repr(values), code="batch.choice", allowed=allowed)
        return choices.index(values)
    array = np.asarray(values, dtype=object)
    _check_length(array, column, n)
    codes = np.full(n, -1, dtype=np.int64)
    for i, choice in enumerate(choices):
        hit = np.array([v is None for v in array.tolist()], dtype=bool) if choice is None else array == choice
        codes[hit & (codes < 0)] = i
    if (bad := codes < 0).any():
        row = int(np.flatnonzero(bad)[0])
        raise BatchInputError(column, row, repr(array[row]), code="batch.choice", allowed=allowed)
    return codes


def as_bool(values: Any, column: str, n: int) -> bool | npt.NDArray[np.bool_]:
    """A truth value given once (``bool``) or per row (a ``bool`` array); nothing else is accepted.

    >>> as_bool(np.array([1, 0]), "documented", 2)
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: documented[0] = int64: en kolonne med sandhedsværdier har typen bool
    """
    if isinstance(values, bool):
        return values
    array = np.asarray(values)
    if array.dtype != np.bool_:
        raise BatchInputError(column, 0, str(array.dtype), code="batch.bool_dtype")
    _check_length(array, column, n)
    return array


def ceil_int(value: Decimal) -> int:
    """The smallest integer ≥ ``value`` (exact).

    >>> ceil_int(Decimal("7.2")), ceil_int(Decimal(-7))
    (8, -7)
    """
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def floor_int(value: Decimal) -> int:
    """The largest integer ≤ ``value`` (exact).

    >>> floor_int(Decimal("7.8"))
    7
    """
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class Groups:
    """The distinct combinations of some columns: ``keys[g]`` holds one value per column, ``inverse[row]`` = g.

    ``inverse`` is ``None`` when every row has the same combination (then there is one key).
    """

    keys: list[tuple[int, ...]]
    inverse: Ints | None
    n: int

    def rows(self, group: int) -> npt.NDArray[np.intp] | slice:
        """The rows of ``group`` (a slice of all rows when there is one group)."""
        if self.inverse is None:
            return slice(None)
        return np.flatnonzero(self.inverse == group)

    @functools.cached_property
    def _firsts(self) -> Ints:
        first = np.full(len(self.keys), self.n, dtype=np.int64)
        if self.inverse is not None:
            np.minimum.at(first, self.inverse, np.arange(self.n, dtype=np.int64))
        else:
            first[:] = 0
        return first

    def first_row(self, groups: Sequence[int]) -> int:
        """The first row that belongs to any of ``groups`` (computed for all groups once, when first asked)."""
        if self.inverse is None:
            return 0
        return int(self._firsts[np.asarray(groups)].min())

    def gather(self, per_group: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """A per-group array spread to rows (its only element when there is one group)."""
        return per_group[0] if self.inverse is None else per_group[self.inverse]


def group_rows(columns: Sequence[Column], n: int) -> Groups:
    """The distinct combinations of ``columns`` (each an ``int`` for all rows, or an ``int64`` array).

    O(rows): the combination is packed into one integer and, where its range is small, counted in a table.

    >>> g = group_rows([np.array([5, 7, 5, 5]), 2], 4)
    >>> g.keys, g.inverse.tolist()
    ([(5, 2), (7, 2)], [0, 1, 0, 0])
    >>> group_rows([np.array([5, 5]), 1], 2)
    Groups(keys=[(5, 1)], inverse=None, n=2)
    >>> group_rows([7], 0).keys
    []
    """
    if n == 0:  # no rows: nothing to resolve
        return Groups([], np.zeros(0, dtype=np.int64), 0)
    lows: list[int] = []
    spans: list[int] = []
    varying: list[tuple[int, Ints]] = []
    for i, column in enumerate(columns):
        if isinstance(column, np.ndarray) and n:
            low, high = int(column.min()), int(column.max())
            if low != high:
                varying.append((i, column))
                lows.append(low)
                spans.append(high - low + 1)
    constant = [c if not isinstance(c, np.ndarray) else (int(c[0]) if n else 0) for c in columns]
    if not varying:
        return Groups([tuple(constant)], None, n)
    if int(np.prod(np.array(spans, dtype=object))) < 2**62:
        packed = np.zeros(n, dtype=np.int64)
        for (_, column), low, span in zip(varying, lows, spans, strict=True):
            packed = packed * span + (column - low)
        size = int(packed.max()) + 1
        if size <= max(4 * n, 1 << 20):
            present = np.zeros(size, dtype=bool)
            present[packed] = True
            distinct = np.flatnonzero(present)
            inverse = (np.cumsum(present) - 1)[packed]
        else:
            distinct, inverse = np.unique(packed, return_inverse=True)
        digits = []
        rest = distinct.astype(object)
        for low, span in zip(reversed(lows), reversed(spans), strict=True):
            digits.append([int(r % span) + low for r in rest])
            rest = np.array([r // span for r in rest], dtype=object)
        values = list(zip(*reversed(digits), strict=True))
    else:  # pragma: no cover - astronomically wide day ranges
        stacked = np.stack([c for _, c in varying], axis=1)
        rows, inverse = np.unique(stacked, axis=0, return_inverse=True)
        values = [tuple(int(v) for v in r) for r in rows]
    keys = []
    for combo in values:
        key = list(constant)
        for (i, _), value in zip(varying, combo, strict=True):
            key[i] = value
        keys.append(tuple(key))
    return Groups(keys, inverse.astype(np.int64).reshape(-1), n)


@dataclass
class Failures:
    """Errors found while computing, each with the first row it concerns; :meth:`raise_first` raises one.

    ``order`` ranks checks made on the same row the way the scalar function makes them.
    """

    found: list[tuple[int, int, Callable[[int], SocialcalcError]]] = field(default_factory=list)

    def add(self, rows: npt.NDArray[np.bool_] | int | None, order: int,
            make: Callable[[int], SocialcalcError]) -> None:
        """Record a failing check: ``rows`` is a mask of failing rows or the first failing row."""
        if rows is None:
            return
        if isinstance(rows, np.ndarray):
            if not rows.any():
                return
            rows = int(np.flatnonzero(rows)[0])
        self.found.append((rows, order, make))

    def raise_first(self) -> None:
        """Raise the error of the first failing row, if any."""
        if self.found:
            row, _, make = min(self.found, key=lambda f: (f[0], f[1]))
            raise make(row)


def wrap(err: SocialcalcError, column: str) -> Callable[[int], SocialcalcError]:
    """An error of the scalar rules, re-raised for a batch row: it names the column and the row.

    >>> from socialcalc.errors import InvalidInput
    >>> raise wrap(InvalidInput("hours", "-1", code="input.negative"), "hours")(4)
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: hours[4] = -1: må ikke være negativ
    """
    def make(row: int) -> SocialcalcError:
        if isinstance(err, RateNotPublished):
            return BatchRateNotPublished(err, column, row)
        if isinstance(err, InvalidInput):
            return BatchInputError(column, row, err.value, err._rule_text, code=err.code, **err.params)
        if isinstance(err, UnknownRate):  # an unknown municipality: the one-case code and fields, in both languages
            value = err.fields.get("kommune", err.fields.get("key", ""))
            return BatchInputError(column, row, value, code=err.code, **err.fields)
        return BatchInputError(column, row, "", str(err))

    return make



def constant(value: Any, n: int, dtype: Any) -> npt.NDArray[Any]:
    """A column with one value in every row: a read-only broadcast view, no memory per row.

    >>> constant(7, 3, np.int16)
    array([7, 7, 7], dtype=int16)
    """
    return np.broadcast_to(np.asarray(value, dtype=dtype), (n,))


class Out:
    """A kernel's result columns, filled part by part (all rows at once: the arrays are taken, not copied).

    ``defaults`` gives each column's dtype and the value of rows no part filled; a column that no part fills,
    or that one part fills with one value for all rows, is a :func:`constant` view.
    """

    def __init__(self, n: int, defaults: dict[str, tuple[Any, Any]]) -> None:
        self.n = n
        self.defaults = defaults
        self.columns: dict[str, npt.NDArray[Any]] = {}

    def put(self, name: str, rows: slice | npt.NDArray[np.intp], values: Any) -> None:
        """Set column ``name`` on ``rows`` (a slice means all rows)."""
        dtype, default = self.defaults[name]
        if isinstance(rows, slice):
            array = np.asarray(values, dtype=dtype)
            self.columns[name] = array if array.shape == (self.n,) else constant(array, self.n, dtype)
            return
        if name not in self.columns or not self.columns[name].flags.writeable:
            base = self.columns.get(name)
            self.columns[name] = (np.full(self.n, default, dtype=dtype) if base is None
                                  else np.array(base, dtype=dtype))
        self.columns[name][rows] = values

    def finish(self) -> dict[str, npt.NDArray[Any]]:
        """Every column, the unfilled ones as constants of their default."""
        for name, (dtype, default) in self.defaults.items():
            if name not in self.columns:
                self.columns[name] = constant(default, self.n, dtype)
        return self.columns
