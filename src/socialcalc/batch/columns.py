"""Column validation and the one conversion from kroner to øre at the batch edge.

Every kernel validates a column once, as a whole: its dtype, NaN, negative values. The first bad row is
named, so an analyst can find it in a frame of a million rows.

**Rounding rule at the float edge** (:func:`kroner_to_ore`): a float kroner value is read as its shortest
decimal representation (what Python prints: ``1.005`` is read as 1.005, not as the binary
1.00499999999999989…) and rounded to whole øre, **half up** (away from zero), the same rule as
:func:`socialcalc.money.round_ore`. Integer columns are whole kroner; ``Decimal`` and string columns are
converted exactly (slower: one Python call per row).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from socialcalc.errors import InvalidInput, Locale, RateNotPublished, SocialcalcError

__all__ = [
    "BatchInputError",
    "BatchRateNotPublished",
    "Ore",
    "decimal_to_int",
    "int_column",
    "kroner_to_ore",
    "ore_column",
    "ore_to_decimal",
]

Ore = npt.NDArray[np.int64]
"""An ``int64`` array of amounts in øre."""

_UNITS_DA = {"days": "dage", "minutes": "minutter", "metres": "meter", "rows": "rækker", "øre": "øre",
             "paragraph": "paragrafnumre"}
"""The Danish name of a column's unit in a message (an unknown unit is shown as written)."""


class BatchInputError(InvalidInput):
    """A bad batch column: ``.column`` names it and ``.row`` is the first bad row (0-based position).

    The message is the catalog's (:data:`socialcalc.errors.CATALOG`, codes ``batch.*``): Danish by default,
    English by ``message("en")``; the field is ``column[row]``.

    >>> err = BatchInputError("expenses", 3, "nan", code="batch.not_number")
    >>> str(err), err.column, err.row
    ('expenses[3] = nan: er ikke et tal (NaN eller uendelig)', 'expenses', 3)
    >>> err.message("en")
    'expenses[3] = nan: not a number (NaN or infinite)'
    """

    def __init__(self, column: str, row: int, value: Any, rule: str = "", *, code: str | None = None,
                 **params: Any) -> None:
        self.column = column
        self.row = row
        super().__init__(f"{column}[{row}]", value, rule, code=code, **params)


class BatchRateNotPublished(RateNotPublished):
    """A rate that has no value for some rows' date (strict mode): ``.column`` and ``.row`` name the first row.

    It is a :class:`~socialcalc.errors.RateNotPublished` (``.key``, ``.day``, ``.last_known``), so code that
    catches that to retry with a projection works for the batch too.
    """

    def __init__(self, err: RateNotPublished, column: str, row: int) -> None:
        self.key, self.day, self.last_known, self.reason = err.key, err.day, err.last_known, err.reason
        self.reason_code, self.reason_params = err.reason_code, err.reason_params
        self.can_project = err.can_project
        self.column = column
        self.row = row
        self._scalar = err
        SocialcalcError.__init__(self, f"{column}[{row}]: {err}")

    def message(self, locale: Locale = "da") -> str:
        """The one-case message in ``locale`` after ``column[row]:`` (``str(err)`` is the Danish one)."""
        return f"{self.column}[{self.row}]: {self._scalar.message(locale)}"


def _first(mask: npt.NDArray[np.bool_]) -> int:
    return int(np.flatnonzero(mask)[0])


def int_column(values: Any, column: str, *, unit: str, allow_negative: bool = False) -> npt.NDArray[np.int64]:
    """Validate a whole-number column (days, minutes, metres …) once; return it as ``int64``.

    >>> int_column(np.array([20, 21]), "days", unit="days")
    array([20, 21])
    >>> int_column(np.array([20.0]), "days", unit="days")
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: days[0] = float64: en kolonne med dage skal indeholde heltal (int64)
    """
    array = np.asarray(values)
    if array.dtype.kind not in "iu" or array.ndim != 1:
        raise BatchInputError(column, 0, str(array.dtype) if array.ndim == 1 else f"shape {array.shape}",
                              code="batch.int_column", unit=unit, unit_da=_UNITS_DA.get(unit, unit))
    if array.dtype == np.uint64 and array.size and (big := array > np.iinfo(np.int64).max).any():
        row = _first(big)
        raise BatchInputError(column, row, int(array[row]), code="batch.too_large")
    result = array.astype(np.int64, copy=False)
    if not allow_negative and result.size and (bad := result < 0).any():
        row = _first(bad)
        raise BatchInputError(column, row, int(result[row]), code="input.negative")
    return result


def ore_column(values: Any, column: str, *, allow_negative: bool = False) -> Ore:
    """Validate an integer øre column once; return it as ``int64``.

    >>> ore_column(np.array([100, 250]), "expenses_ore")
    array([100, 250])
    >>> ore_column(np.array([100, -1]), "expenses_ore")
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: expenses_ore[1] = -1: må ikke være negativ
    """
    array = np.asarray(values)
    if array.dtype.kind not in "iu":
        raise BatchInputError(column, 0, str(array.dtype), code="batch.ore_column")
    return int_column(array, column, unit="øre", allow_negative=allow_negative)


def kroner_to_ore(values: Any, column: str, *, allow_negative: bool = False) -> Ore:
    """Convert a kroner column (float, int, Decimal or str) to ``int64`` øre by the documented rule.

    Floats are read as their shortest decimal representation and rounded half up; NaN, infinities and (unless
    ``allow_negative``) negative values are refused, naming the first bad row.

    >>> kroner_to_ore(np.array([1.005, 2.5, 0.1 + 0.2]), "expenses")
    array([101, 250,  30])
    >>> kroner_to_ore(np.array([1.0, np.nan]), "expenses")
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: expenses[1] = nan: er ikke et tal (NaN eller uendelig)
    """
    return decimal_to_int(values, column, places=2, allow_negative=allow_negative)


def decimal_to_int(values: Any, column: str, *, places: int, allow_negative: bool = False) -> npt.NDArray[np.int64]:
    """A decimal column in whole units of ``10 ** -places`` (øre: 2, metres from km: 3), by the same rule as
    :func:`kroner_to_ore`: floats read as their shortest decimal representation, rounded half up.

    >>> decimal_to_int(np.array([12.5, 0.0005]), "distance_km", places=3)
    array([12500,     1])
    """
    scale = 10**places
    array = np.asarray(values)
    kind = array.dtype.kind
    result: npt.NDArray[np.int64]
    # the most a value may be for its units to fit in int64 (a product beyond it would wrap round silently)
    most = np.iinfo(np.int64).max // scale
    if kind in "iu":
        if array.size and (array.max() > most or (kind == "i" and array.min() < -most)):
            row = _first((array > most) | (array < -most) if kind == "i" else array > most)
            raise BatchInputError(column, row, array[row].item(), code="batch.too_large")
        result = array.astype(np.int64) * scale
    elif kind == "f":
        finite = np.isfinite(array)
        if not finite.all():
            row = _first(~finite)
            raise BatchInputError(column, row, array[row].item(), code="batch.not_number")
        if array.size and (big := np.abs(array) >= most).any():  # float64 rounds near the limit: refused there
            row = _first(big)
            raise BatchInputError(column, row, array[row].item(), code="batch.too_large")
        scaled = array.astype(np.float64) * scale
        result = np.floor(np.abs(scaled) + 0.5).astype(np.int64) * np.sign(scaled).astype(np.int64)
        # values within a hair of a half unit: decide exactly from the shortest decimal representation
        near_half = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6 + np.abs(scaled) * 1e-12
        for i in np.flatnonzero(near_half).tolist():
            result[i] = _exact(Decimal(repr(array[i].item())), scale)
    elif kind in "OU":
        result = np.empty(array.shape, dtype=np.int64)
        for i, item in enumerate(array.tolist()):
            number = _decimal(item, column, i)
            if abs(number) > most:  # checked before the units are formed (the product may not be exact)
                raise BatchInputError(column, i, repr(item), code="batch.too_large")
            result[i] = _exact(number, scale)
    else:
        raise BatchInputError(column, 0, str(array.dtype), code="batch.kroner_dtype")
    if not allow_negative and result.size and (bad := result < 0).any():
        row = _first(bad)
        raise BatchInputError(column, row, array[row], code="input.negative")
    return result


def _decimal(item: Any, column: str, row: int) -> Decimal:
    if isinstance(item, Decimal) and item.is_finite():
        return item
    if isinstance(item, int) and not isinstance(item, bool):
        return Decimal(item)
    if isinstance(item, float):
        if not math.isfinite(item):
            raise BatchInputError(column, row, item, code="batch.not_number")
        return Decimal(repr(item))
    if isinstance(item, str):
        try:
            d = Decimal(item.strip())
        except ArithmeticError:
            d = Decimal("NaN")
        if d.is_finite():
            return d
    raise BatchInputError(column, row, repr(item), code="batch.not_kroner")


def _exact(value: Decimal, scale: int) -> int:
    return int((value * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ore_to_decimal(values: Sequence[int] | Ore) -> list[Decimal]:
    """Øre back to exact ``Decimal`` kroner (two decimals), e.g. to compare with the scalar path.

    >>> ore_to_decimal(np.array([100, 7]))
    [Decimal('1.00'), Decimal('0.07')]
    """
    return [Decimal(int(v)).scaleb(-2) for v in np.asarray(values).tolist()]
