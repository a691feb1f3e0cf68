"""Table adapters: a pandas, polars or pyarrow table in, the same kind out, for every batch kernel.

Each adapter reads named columns, converts them once per column, runs the kernel and returns a table with one
result row per input row (a pandas result keeps the input's **index**). Inputs and outputs of each kind, ISO
dates and tz-aware timestamps: :mod:`socialcalc.batch.tables`.

**Amount columns in.** A kroner column (``expenses``, ``net_earnings`` …) may be float (what ``read_csv``
gives), int (whole kroner), ``Decimal`` or decimal text; ``<name>_ore`` gives the same amount as integer øre
and is used as it is. **The float rule** (:func:`~socialcalc.batch.columns.kroner_to_ore`): a float is read as
its shortest decimal representation (``1.005`` is 1.005, not the binary 1.00499999…) and rounded to øre half up,
the rule of :func:`socialcalc.money.round_ore`. Distances in km (``distance_km``) are converted to whole metres
by the same rule; hours (``used_hours``, ``deduction_hours``) must be whole minutes (as the scalar bank
requires). The result says which columns were floats, and by which rule they were read: the keys
``float_columns`` and ``float_rule`` of ``result.attrs`` under ``"socialcalc"``.

**Amount columns out** (``money=``): ``"ore"`` (the default, fast: ``<name>_ore`` columns of ``int64`` øre),
``"decimal"`` (``<name>`` columns of exact kroner as an Arrow ``decimal128(38, 2)``: one schema for every
batch, and ``Decimal`` values in Python) or ``"both"``. Never a float.

**Every column is Arrow-safe** (no ``object`` columns): labels (``regime``, ``band``, ``group``,
``order_of_use``, ``day_count``) are categoricals with fixed categories, so a result writes to Parquet and
reads back in polars, and the partitions of a dataset share one schema.

**Bad input** raises :class:`~socialcalc.batch.columns.BatchInputError` naming the frame's column and the first
bad row (its position, and its index label in the message).

>>> import pandas as pd
>>> from datetime import date
>>> from socialcalc.batch.frame import merudgift_frame
>>> frame = pd.DataFrame({"expenses": [607.0, 1706.99, 3000.0]}, index=["a", "b", "c"])
>>> out = merudgift_frame(frame, decided_on=date(2024, 6, 1), documented=True, money="both")
>>> out["amount_ore"].tolist() == [0, 113800, 300000], out["band"].tolist()
(True, ['0', '1', 'full'])
>>> out.loc["c", "amount"]
Decimal('3000.00')
>>> out.attrs["socialcalc"].get("float_columns")
['expenses']
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from socialcalc.batch import sel097
from socialcalc.batch.columns import (
    BatchInputError,
    BatchRateNotPublished,
    decimal_to_int,
    int_column,
    ore_column,
)
from socialcalc.batch.tables import as_pandas, categorical, date_values, decimal_column, to_kind
from socialcalc.errors import InvalidInput
from socialcalc.ratebook import RateBook

__all__ = [
    "FLOAT_RULE",
    "Money",
    "band_labels",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
    "bank_frame",
    "explain_row",
    "merudgift_frame",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
    "stays_frame",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
    "transport_frame",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
]

Money: TypeAlias = Literal["ore", "decimal", "both"]

FLOAT_RULE = ("float columns are read as their shortest decimal representation (1.005 is 1.005) and rounded half "
              "up to whole øre (metres for km); hours must be whole minutes")
"""The rule at the float edge, as it is written into ``result.attrs["socialcalc"]["float_rule"]``."""

_ORDERS = {sel097.OLDEST_FIRST: "oldest_first",
           sel097.CURRENT_MONTH_THEN_NEWEST_SAVED: "current_month_then_newest_saved"}


class _Reader:
    """Reads the columns of one frame: converts each once, remembers float columns, relabels errors."""

    def __init__(self, frame: Any) -> None:
        self.frame, self.kind = as_pandas(frame)
        self.floats: list[str] = []

    def has(self, name: str) -> bool:
        return name in self.frame.columns

    def values(self, name: str) -> npt.NDArray[Any]:
        series = self.frame[name]
        extension = isinstance(series.dtype, pd.api.extensions.ExtensionDtype) and series.dtype.kind in "iufb"
        if extension and (missing := series.isna().to_numpy()).any():
            row = int(np.flatnonzero(missing)[0])
            raise BatchInputError(name, row, "NA", "a value is required (NA found)")
        return np.asarray(series.to_numpy())

    def optional_objects(self, name: str) -> npt.NDArray[Any]:
        """A column of labels (kommune, group) with missing values as ``None``."""
        series = self.frame[name]
        return np.asarray(series.astype(object).where(series.notna(), None).to_numpy(), dtype=object)

    def amount(self, name: str, *, places: int = 2, required: bool = True) -> npt.NDArray[np.int64] | None:
        """``<name>_ore`` as is, or ``<name>`` (kroner) converted by the float rule."""
        integer = f"{name}_ore" if places == 2 else f"{name}_m"
        if self.has(integer) and self.has(name):
            raise BatchInputError(name, 0, "given twice", f"give either {name} or {integer}, not both")
        if self.has(integer):
            return ore_column(self.values(integer), integer)
        if self.has(name):
            values = self.values(name)
            if values.dtype.kind == "f":
                self.floats.append(name)
            if values.dtype.kind in "OUT" and (fast := _plain_text(values, places)) is not None:
                return fast
            return decimal_to_int(values, name, places=places)
        if required:
            raise BatchInputError(name, 0, "missing", f"the frame needs a column {name!r} or {integer!r}")
        return None

    def date_setting(self, name: str, given: Any) -> Any:
        """A date column (``datetime64``, ``datetime.date`` or ISO text), or the keyword value for every row."""
        if self.has(name) and given is None:
            return date_values(self.frame[name], name)
        return self.setting(name, given)

    def setting(self, name: str, given: Any, default: Any = None, *, labels: bool = False) -> Any:
        """A column of the frame, or the keyword value for every row (not both)."""
        if self.has(name):
            if given is not None:
                raise BatchInputError(name, 0, "given twice", f"{name} is a column of the frame and a keyword "
                                                              "argument: give it once")
            return self.optional_objects(name) if labels else self.values(name)
        return default if given is None else given

    def attrs(self, money: str) -> dict[str, Any]:
        return {"money": money, "float_columns": list(self.floats), "float_rule": FLOAT_RULE}

    @contextmanager
    def relabel(self, names: dict[str, str] | None = None) -> Iterator[None]:
        """Errors name the frame's column, the row's position and its index label."""
        try:
            yield
        except BatchRateNotPublished as err:
            err.args = (f"{err.args[0]} (indeks {self._label(err.row)!r})",)
            raise
        except BatchInputError as err:
            # the frame's column name and the row's index label; the error's code and fields are kept
            column = (names or {}).get(err.column, err.column)
            named = BatchInputError(column, err.row, err.value, err._rule_text, code=err.code, **err.params)
            named.args = (f"{named.args[0]} (indeks {self._label(err.row)!r})",)
            raise named from err

    def _label(self, row: int) -> Any:
        index = self.frame.index
        label = index[row] if 0 <= row < len(index) else None
        return label.item() if isinstance(label, np.generic) else label


def _plain_text(values: npt.NDArray[Any], places: int) -> npt.NDArray[np.int64] | None:
    """Plain decimal text (``"1706.99"``, ``"555"``; at most ``places`` decimals) to whole units, in Arrow.

    ``None`` unless every row is such text: then :func:`~socialcalc.batch.columns.decimal_to_int` reads the
    column row by row, with its rounding and its errors (the result is the same for the rows read here).
    """
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is in the batch extra
        return None
    if not all(type(v) is str for v in values.tolist()):
        return None
    found = pc.extract_regex(pa.array(values.tolist(), pa.string()),
                             rf"^(?P<whole>\d{{1,15}})(?:\.(?P<part>\d{{1,{places}}}))?$")
    if found.null_count:
        return None
    whole = pc.cast(found.field("whole"), pa.int64()).to_numpy()
    part = pc.utf8_rpad(found.field("part"), width=places, padding="0")
    return np.asarray(whole * 10**places + pc.cast(part, pa.int64()).to_numpy(), dtype=np.int64)


def _check_money(money: Any) -> Money:
    if money not in ("ore", "decimal", "both"):
        raise InvalidInput("money", repr(money), "money is 'ore' (int64 øre), 'decimal' (exact Decimal kroner) or "
                                                 "'both'")
    result: Money = money
    return result


def _put_money(out: dict[str, Any], name: str, values: npt.NDArray[np.int64], money: Money) -> None:
    if money in ("ore", "both"):
        out[f"{name}_ore"] = np.array(values, dtype=np.int64)
    if money in ("decimal", "both"):
        out[name] = decimal_column(values)


def _labelled(codes: npt.NDArray[Any], labels: dict[int, str]) -> pd.Categorical[str]:
    return categorical(codes, labels)


def _frame(columns: dict[str, Any], read: _Reader, attrs: dict[str, Any]) -> Any:
    out = pd.DataFrame(columns, index=read.frame.index)
    out.attrs["socialcalc"] = attrs
    return to_kind(out, read.kind)


def _minutes(read: _Reader, name: str, *, required: bool) -> npt.NDArray[np.int64] | None:
    """``<name>_minutes`` as is, or ``<name>_hours`` (float/Decimal/text) as whole minutes, exactly."""
    minutes, hours = f"{name}_minutes", f"{name}_hours"
    if read.has(minutes) and read.has(hours):
        raise BatchInputError(hours, 0, "given twice", f"give either {hours} or {minutes}, not both")
    if read.has(minutes):
        return int_column(read.values(minutes), minutes, unit="minutes")
    if not read.has(hours):
        if required:
            raise BatchInputError(hours, 0, "missing", f"the frame needs a column {hours!r} or {minutes!r}")
        return None
    values = read.values(hours)
    if values.dtype.kind == "f":
        read.floats.append(hours)
    # hours to 1/100 000 h by the float rule, then whole minutes only (0.6 min is refused, as by the scalar bank)
    fine = decimal_to_int(values, hours, places=5)
    whole, rest = np.divmod(fine * 60, 100_000)
    if (bad := rest != 0).any():
        row = int(np.flatnonzero(bad)[0])
        raise BatchInputError(hours, row, values[row], "is not a whole number of minutes; the § 97 hour bank counts "
                                                       f"whole minutes (give {minutes} instead)")
    return whole.astype(np.int64)


def _months_of(values: Any, name: str) -> npt.NDArray[np.int64]:
    series = pd.Series(values)
    array = series.dt.to_timestamp().to_numpy() if isinstance(series.dtype, pd.PeriodDtype) else series.to_numpy()
    index = sel097.month_column(array, name, len(series))
    return np.asarray(index, dtype=np.int64)


def bank_frame(
    frame: Any,
    *,
    kommune: Any = None,
    rates: RateBook | None = None,
    hours: bool = False,
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
    ``Decimal`` hours.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"person": ["a", "a", "a", "b"], "month": ["2024-01", "2024-02", "2024-03", "2024-03"],
    ...                       "used_hours": [0.0, 0.0, 20.0, 0.0], "kommune": ["lejre", "lejre", "lejre", "lemvig"]})
    >>> bank_frame(frame, hours=True)["closing_hours"].tolist() == [Decimal(15), Decimal(30), Decimal(25), Decimal(15)]
    True
    """
    read = _Reader(frame)
    with read.relabel():
        for name in ("person", "month"):
            if not read.has(name):
                raise BatchInputError(name, 0, "missing", f"the frame needs a column {name!r}")
        if not len(read.frame):
            empty: dict[str, Any] = {f"{name}_minutes": np.zeros(0, dtype=np.int64)
                                     for name in ("lapsed", "granted", "lost_to_cap", "used", "closing")}
            empty["order_of_use"] = _labelled(np.zeros(0, dtype=np.int64), _ORDERS)
            if hours:
                empty["closing_hours"] = decimal_column(np.zeros(0, dtype=np.int64), scale=4)
            return _frame(empty, read, read.attrs("minutes"))
        frame = read.frame
        codes, persons = pd.factorize(frame["person"], sort=False)
        if (codes < 0).any():
            row = int(np.flatnonzero(codes < 0)[0])
            raise BatchInputError("person", row, "NA", "every row names its person")
        month = _months_of(frame["month"], "month")
        _check_order(codes, month)
        used = _minutes(read, "used", required=True)
        assert used is not None
        first = int(month.min()) if len(month) else 0
        width = int(month.max()) - first + 1 if len(month) else 0
        count = len(persons)
        table = np.zeros((count, width), dtype=np.int64)
        t = month - first
        table[codes, t] = used
        first_rows = _first_rows(codes, count)
        starts = _months_of(frame["start"], "start")[first_rows] if read.has("start") else month[first_rows]
        deduction = _deductions(read, codes, t, count, width)
        kommuner = read.setting("kommune", kommune, labels=True)
        if isinstance(kommuner, np.ndarray):
            _check_constant(kommuner, codes, first_rows, "kommune")
            kommuner = kommuner[first_rows]
        start_months = np.array([f"{m // 12:04d}-{m % 12 + 1:02d}" for m in starts.tolist()], dtype="datetime64[M]")
        try:
            result = sel097.bank(table, months=f"{first // 12:04d}-{first % 12 + 1:02d}", start=start_months,
                                 deduction_minutes=deduction, kommune=kommuner, rates=rates)
        except BatchInputError as err:  # a person (row of the kernel) → the frame's row of that person
            row = _frame_row(err, codes, t, first_rows, first)
            raise BatchInputError(err.column, row, err.value, err.rule) from err
    out: dict[str, Any] = {}
    for name, values in (("lapsed", result.lapsed), ("granted", result.granted), ("lost_to_cap", result.lost_to_cap),
                         ("used", result.used), ("closing", result.closing)):
        out[f"{name}_minutes"] = values[codes, t]
    out["order_of_use"] = _labelled(result.order_of_use[codes, t], _ORDERS)
    if hours:
        # hours to 4 decimals, half up: what socialcalc.ledsageordning.tid.hours_of gives (exact for 3-minute steps)
        out["closing_hours"] = decimal_column((np.asarray(out["closing_minutes"], dtype=np.int64) * 1000 + 3) // 6,
                                              scale=4)
    return _frame(out, read, read.attrs("minutes"))


def _check_order(codes: npt.NDArray[np.intp], month: npt.NDArray[np.int64]) -> None:
    order = np.argsort(codes, kind="stable")
    same = codes[order][1:] == codes[order][:-1]
    back = same & (month[order][1:] <= month[order][:-1])
    if back.any():
        at = np.flatnonzero(back)
        rows = order[1:][at]
        row = int(rows.min())
        i = int(at[np.argmin(rows)])
        before = int(month[order][i])
        raise BatchInputError("month", row, f"{month[row] // 12:04d}-{month[row] % 12 + 1:02d}",
                              f"months out of order for this person (after {before // 12:04d}-"
                              f"{before % 12 + 1:02d}): a person's rows are in month order, one per month")


def _first_rows(codes: npt.NDArray[np.intp], count: int) -> npt.NDArray[np.int64]:
    first = np.full(count, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    return first


def _check_constant(values: npt.NDArray[Any], codes: npt.NDArray[np.intp], first_rows: npt.NDArray[np.int64],
                    name: str) -> None:
    differs = np.array([a != b for a, b in zip(values.tolist(), values[first_rows[codes]].tolist(), strict=True)])
    if differs.any():
        row = int(np.flatnonzero(differs)[0])
        raise BatchInputError(name, row, repr(values[row]), "a person has one value (it differs from the "
                                                            "person's first row)")


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


def _plug_frames() -> dict[str, str]:
    """Each rule's frame adapters (the ``__all__`` of the module its ``plug.toml`` names as ``frame``)."""
    import importlib

    from socialcalc.registry import plugs

    found: dict[str, str] = {}
    for p in plugs():
        if p.frame:
            module = importlib.import_module(p.frame)
            found.update({name: p.frame for name in module.__all__ if name != "explain_row"})
    return found


def __getattr__(name: str) -> Any:
    """The rules' frame adapters that live in their rule's folder, found by :mod:`socialcalc.registry`.

    Resolved when first asked for (a rule's adapter imports the shared helpers of this module, so they cannot
    be imported while it loads): ``from socialcalc.batch.frame import merudgift_frame`` works for every rule.
    """
    if name.startswith("__"):
        raise AttributeError(name)
    module = _plug_frames().get(name)
    if module is None:
        raise AttributeError(f"module 'socialcalc.batch.frame' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def explain_row(out: Any, row: int, *, audience: str = "borger", locale: str = "da", format: str = "text") -> str:
    """The explanation of row ``row`` (a position) of a frame an adapter returned: exactly the text the one-case
    function's ``.explain()`` gives for that row's case, in the same audience, locale and format.

    The adapter writes the rule into ``out.attrs["socialcalc"]["rule"]``; the rule's frame module (its
    ``plug.toml``) rebuilds the row's facts from the codes the kernel returned and renders them from the rule's
    catalog (:mod:`socialcalc.explain`).
    """
    import importlib

    from socialcalc.registry import plug

    meta = getattr(out, "attrs", {}).get("socialcalc", {})
    rule = meta.get("rule") if isinstance(meta, dict) else None
    try:
        p = plug(str(rule))
    except KeyError:
        raise InvalidInput("out", rule, code="input.frame",
                           rule="rammen er ikke returneret af en af socialcalc's batch-funktioner") from None
    if not p.frame:
        raise InvalidInput("out", rule, code="input.frame", rule="reglen har ingen batch-funktion med forklaring")
    module = importlib.import_module(p.frame)
    if not 0 <= int(row) < len(out):
        raise InvalidInput("row", row, code="input.row", rule=f"rammen har rækkerne 0 til {len(out) - 1}")
    text: str = module.explain_row(out, int(row), audience=audience, locale=locale, format=format)
    return text

