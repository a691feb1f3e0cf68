"""Tables in and out of the batch adapters: pandas, polars and pyarrow; ISO dates; Arrow-safe result columns.

**In.** An adapter takes a pandas ``DataFrame``, a ``pyarrow.Table`` (or ``RecordBatch``) or a polars
``DataFrame``. polars is read through Arrow (``frame.to_arrow()``) and is never imported unless a polars frame
is given; Arrow integer and boolean columns keep their nulls (pandas' nullable ``Int64``/``boolean``), so a
missing value is named by its row, never turned into a float.

**Dates in** (``decided_on``, ``on``, ``arrival``, ``departure``): ``datetime64`` (naive timestamps at midnight),
``datetime.date`` values or ISO text ``YYYY-MM-DD``. A timestamp with a time of day is refused; a **tz-aware**
timestamp is refused with the conversion to write (the rules count Danish calendar days, and which day a UTC
instant falls on is the caller's decision: ``s.dt.tz_convert("Europe/Copenhagen").dt.tz_localize(None)``).

**Out.** The result has the input's kind: a pandas frame for pandas, a ``pyarrow.Table`` for Arrow, a polars
frame for polars. Every column has an Arrow type, never ``object``: integers, booleans, categoricals for labels
(fixed categories, so every batch has one schema), and exact money as ``int64`` øre or
:data:`MONEY_DECIMAL` (``decimal128(38, 2)``).

>>> import pyarrow as pa
>>> from datetime import date
>>> from socialcalc.batch.frame import merudgift_frame
>>> out = merudgift_frame(pa.table({"expenses": ["1706.99"], "decided_on": ["2024-06-01"]}), money="decimal")
>>> out.schema.field("amount").type, out.column("band").to_pylist()
(Decimal128Type(decimal128(38, 2)), ['1'])
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from socialcalc.batch.columns import BatchInputError
from socialcalc.errors import InvalidInput

__all__ = ["MONEY_DECIMAL_PRECISION", "MONEY_DECIMAL_SCALE", "as_pandas", "categorical", "date_values",
           "decimal_column", "factorize", "table_kind", "to_kind"]

MONEY_DECIMAL_PRECISION: Final = 38
MONEY_DECIMAL_SCALE: Final = 2
"""``money="decimal"`` columns are ``decimal128(38, 2)``: kroner with two decimals, one schema for every batch."""

_TZ_FIX = 's.dt.tz_convert("Europe/Copenhagen").dt.tz_localize(None)'


def _arrow() -> Any:
    try:
        import pyarrow
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("this needs pyarrow: install the batch extra with  pip install 'socialcalc[batch]'") from err
    return pyarrow


def table_kind(frame: Any) -> str:
    """``"pandas"``, ``"arrow"`` or ``"polars"``; anything else is refused (:class:`InvalidInput`).

    >>> table_kind(pd.DataFrame())
    'pandas'
    """
    if isinstance(frame, pd.DataFrame):
        return "pandas"
    module = type(frame).__module__.split(".")[0]
    if module == "polars" and type(frame).__name__ == "DataFrame":
        return "polars"
    if module == "pyarrow" and type(frame).__name__ in ("Table", "RecordBatch"):
        return "arrow"
    raise InvalidInput("frame", type(frame).__name__, code="batch.frame_type")


def _nullable(arrow_type: Any) -> Any:
    pa = _arrow()
    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    return None


def as_pandas(frame: Any) -> tuple[pd.DataFrame, str]:
    """The frame as pandas, and the kind it came as (see :func:`table_kind`)."""
    kind = table_kind(frame)
    if kind == "pandas":
        return frame, kind
    table = frame.to_arrow() if kind == "polars" else frame
    if type(table).__name__ == "RecordBatch":
        table = _arrow().Table.from_batches([table])
    types = {str(f.type) for f in table.schema}
    if any(t.startswith("extension") for t in types):  # pragma: no cover - rare
        raise InvalidInput("frame", "extension type", code="batch.arrow_extension")
    return table.to_pandas(types_mapper=_nullable), kind


def to_kind(out: pd.DataFrame, kind: str) -> Any:
    """The result in the kind of the input: pandas as it is, else an Arrow table (and polars from it)."""
    if kind == "pandas":
        return out
    pa = _arrow()
    table = pa.Table.from_pandas(out, preserve_index=False)
    if kind == "polars":
        import polars  # the caller gave a polars frame, so polars is there

        return polars.from_arrow(table)
    return table


def categorical(codes: npt.NDArray[Any], labels: dict[int, str]) -> pd.Categorical[str]:
    """Kernel codes as a categorical with fixed categories (``labels``' values, in order); other codes missing.

    >>> categorical(np.array([2, 1, 0]), {1: "I", 2: "II"}).tolist()
    ['II', 'I', nan]
    """
    array = np.asarray(codes)
    if array.dtype.kind not in "iu":
        array = array.astype(np.int64)
    keys = list(labels)
    least, most = (int(array.min()), int(array.max())) if array.size else (0, 0)
    low, high = min([*keys, least]), max([*keys, most])
    # the categorical's codes directly in the smallest type that holds them (pandas would convert them to it)
    lookup: npt.NDArray[np.integer[Any]] = np.full(high - low + 1, -1, dtype=np.int8 if len(keys) < 127 else np.int64)
    for position, key in enumerate(keys):
        lookup[key - low] = position
    categories = _categories(tuple(labels.values()))
    positions: npt.NDArray[np.integer[Any]]
    if least == most:  # one code in every row (a batch of one regime, no group chosen): no lookup per row
        positions = np.full(array.shape, lookup[least - low], dtype=lookup.dtype)
    else:  # np.take with the kernels' small codes is about twice as fast as indexing by them
        positions = np.take(lookup, array if low == 0 else array.astype(np.int64) - low)
    # every position is -1 or a category's index by construction: pandas need not check them again
    result: pd.Categorical[str] = pd.Categorical.from_codes(positions, categories=categories, validate=False)
    return result


@functools.lru_cache(maxsize=64)
def _categories(labels: tuple[str, ...]) -> pd.Index:
    """The categories of a label column (an immutable index, built once per set of labels)."""
    return pd.Index(list(labels))


def decimal_column(units: npt.NDArray[np.int64], scale: int = MONEY_DECIMAL_SCALE) -> Any:
    """Whole units of ``10 ** -scale`` (øre) as an exact Arrow ``decimal128(38, scale)`` pandas array.

    >>> decimal_column(np.array([100, 7])).tolist()
    [Decimal('1.00'), Decimal('0.07')]
    """
    pa = _arrow()
    arrow = pa.array(np.asarray(units, dtype=np.int64), pa.int64())
    exact = arrow.cast(pa.decimal128(MONEY_DECIMAL_PRECISION, 0)).view(pa.decimal128(MONEY_DECIMAL_PRECISION, scale))
    return pd.arrays.ArrowExtensionArray(exact)


def _bad_date(column: str, row: int, value: Any) -> BatchInputError:
    return BatchInputError(column, row, repr(value), code="batch.date_text")


def factorize(values: Any, column: str, **options: Any) -> tuple[npt.NDArray[np.intp], Any]:
    """``pd.factorize(values, **options)``, with a value that cannot be hashed (a list, a dict in an object
    column) refused at its first row (``batch.not_one_value``), not pandas' ``TypeError``.

    >>> factorize(pd.Series(["a", ["b"]], dtype=object), "person")
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: person[1] = ['b']: er ikke én værdi (men fx en liste eller en ordbog)
    """
    try:
        codes, uniques = pd.factorize(values, **options)
    except TypeError:
        items = values.tolist() if hasattr(values, "tolist") else list(values)
        row = next((i for i, item in enumerate(items) if not _hashable(item)), 0)
        raise BatchInputError(column, row, repr(items[row]) if items else "", code="batch.not_one_value") from None
    return codes, uniques


def _hashable(item: Any) -> bool:
    try:
        hash(item)
    except TypeError:
        return False
    return True


def date_values(series: pd.Series, column: str) -> Any:
    """A date column as the kernels take it: ``datetime64[D]`` (or ``datetime.date`` values, checked there).

    ISO text is parsed once per distinct value; a tz-aware column is refused with the conversion to write.

    >>> date_values(pd.Series(["2024-06-01", "2024-06-01"]), "on").tolist() == [date(2024, 6, 1)] * 2
    True
    >>> date_values(pd.Series(["2024-06-01", "1/6/2024"]), "on")
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: on[1] = '1/6/2024': en dato er en datetime.date, en datetime64 ved \
midnat eller tekst på formen ÅÅÅÅ-MM-DD
    """
    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        raise BatchInputError(column, 0, str(dtype), code="batch.date_tz", fix=_TZ_FIX)
    if dtype.kind == "M":
        return series.to_numpy()
    if dtype.kind not in "OUT" and not pd.api.types.is_string_dtype(dtype):
        return series.to_numpy()
    values = series.to_numpy(dtype=object)
    codes, uniques = factorize(values, column, use_na_sentinel=True)
    if (codes < 0).any():
        row = int(np.flatnonzero(codes < 0)[0])
        raise BatchInputError(column, row, "NA", code="batch.date_missing", missing="NA")
    days = np.empty(len(uniques), dtype="datetime64[D]")
    for i, value in enumerate(list(uniques)):
        day = _one_date(value)
        if day is None:
            raise _bad_date(column, int(np.flatnonzero(codes == i)[0]), value)
        days[i] = np.datetime64(day, "D")
    return days[codes]


def _one_date(value: Any) -> date | None:
    if isinstance(value, str):
        text = value.strip()
        if len(text) != 10:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if isinstance(value, pd.Timestamp | datetime):
        if value.tzinfo is not None or value != datetime(value.year, value.month, value.day):
            return None
        return date(value.year, value.month, value.day)
    if isinstance(value, date):
        return value
    return None
