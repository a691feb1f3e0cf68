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
from decimal import Decimal
from typing import Any, Literal, Self, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from socialcalc.batch.columns import (
    BatchInputError,
    BatchRateNotPublished,
    decimal_to_int,
    ore_column,
)
from socialcalc.batch.tables import as_pandas, categorical, date_values, decimal_column, factorize, to_kind
from socialcalc.errors import InvalidInput
from socialcalc.ratebook import RateBook, default_book

__all__ = [
    "FLOAT_RULE",
    "INPUT_ROW",
    "Money",
    "band_labels",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
    "bank_frame",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
    "explain_row",
    "merudgift_frame",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
    "stays_frame",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
    "transport_frame",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
    "wage_frame",  # noqa: F822  (in its rule's folder; resolved by __getattr__ below)
]

Money: TypeAlias = Literal["ore", "decimal", "both"]

FLOAT_RULE = ("float columns are read as their shortest decimal representation (1.005 is 1.005) and rounded half "
              "up to whole øre (metres for km); hours must be whole minutes")
"""The rule at the float edge, as it is written into ``result.attrs["socialcalc"]["float_rule"]``."""

_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3
"""pandas 3 copies a column that two frames share when either is written (Copy-on-Write, always on): an input
column handed back as a result column (:meth:`_Reader.echo`) is then the input's own, not a copy."""

KEPT_NOTE = "in memory only"
"""What a :class:`Kept` value is written as in JSON (Arrow and Parquet metadata): ``{"kept": KEPT_NOTE}``."""


class Kept(dict[str, str]):
    """What an adapter keeps in its result's ``attrs`` for ``explain_row`` (the kernel's rows, the rate book given
    as ``rates=``), by reference.

    pandas deep-copies ``attrs`` (this is returned as it is) and keeps them through ``concat`` only where every
    part has equal ones (this equals only itself: a concat of two results keeps none). Arrow and Parquet write
    ``attrs`` as JSON: this is written as :data:`KEPT_NOTE`, so the rest of the attrs are kept, without a warning,
    and ``explain_row`` of a result read back refuses it (``batch.not_kept``) instead of explaining it with
    something else.

    >>> import copy
    >>> kept = Kept(); dict(kept), copy.deepcopy(kept) is kept, kept == Kept()
    ({'kept': 'in memory only'}, True, False)
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        kept = super().__new__(cls)
        dict.__setitem__(kept, "kept", KEPT_NOTE)  # the JSON of it (a subclass's __init__ never calls dict's)
        return kept

    def __deepcopy__(self, memo: dict[int, Any]) -> Kept:
        return self

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    __hash__ = object.__hash__  # type: ignore[assignment]


class KeptBook(Kept):
    """The rate book a frame was computed with (``rates=``), kept in its ``attrs`` (see :class:`Kept`)."""

    def __init__(self, book: RateBook | None) -> None:
        self.book = book


def kept(meta: Any, name: str, functions: str) -> Any:
    """``attrs["socialcalc"][name]`` of a result, or ``None`` if the adapter kept none there; refused
    (``batch.not_kept``) if it was kept but is not here any more (the result was read back from Arrow or Parquet).

    >>> kept({"rates": {"kept": KEPT_NOTE}}, "rates", "transport_frame")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: out = rates: tabellen er læst tilbage (fra Arrow eller Parquet) uden det, \
transport_frame gemmer i hukommelsen til explain_row; forklar rækken i resultatet, som transport_frame gav det
    """
    value = meta.get(name) if isinstance(meta, dict) else None
    if isinstance(value, dict) and not isinstance(value, Kept) and value.get("kept") == KEPT_NOTE:
        raise InvalidInput("out", name, code="batch.not_kept", functions=functions)
    return value


def kept_book(meta: Any, functions: str) -> RateBook:
    """The rate book a result was computed with: the one given as ``rates=``, else the packaged book; refused as
    :func:`kept` refuses it.

    >>> kept_book({}, "stays_frame") is default_book()
    True
    """
    holder = kept(meta, "rates", functions)
    return (holder.book if isinstance(holder, KeptBook) else None) or default_book()


class _Reader:
    """Reads the columns of one frame: converts each once, remembers float columns, relabels errors."""

    def __init__(self, frame: Any) -> None:
        self.frame, self.kind = as_pandas(frame)
        self.floats: list[str] = []
        columns = self.frame.columns
        self._ambiguous = isinstance(columns, pd.MultiIndex) or bool(columns.has_duplicates)

    def has(self, name: str) -> bool:
        """Whether the frame has the column ``name``: refused if it has more than one by that name (two columns
        named alike, or a level of a multi-level header), which no adapter could read as one column."""
        if name not in self.frame.columns:
            return False
        if self._ambiguous and isinstance(found := self.frame[name], pd.DataFrame):
            levels = isinstance(self.frame.columns, pd.MultiIndex)
            raise BatchInputError(name, 0, name, code="batch.column_not_one", name=repr(name), levels=levels,
                                  count=None if levels else found.shape[1])
        return True

    def values(self, name: str) -> npt.NDArray[Any]:
        series = self.frame[name]
        extension = isinstance(series.dtype, pd.api.extensions.ExtensionDtype) and series.dtype.kind in "iufb"
        if extension and (missing := series.isna().to_numpy()).any():
            row = int(np.flatnonzero(missing)[0])
            raise BatchInputError(name, row, "NA", code="batch.value_missing", missing="NA")
        return np.asarray(series.to_numpy())

    def echo(self, name: str, dtype: str) -> pd.Series | None:
        """The column ``name`` as it is, to hand back as a result column, if its dtype is ``dtype`` and pandas
        keeps the two frames apart (Copy-on-Write); ``None`` otherwise (the adapter then builds the column)."""
        if not _COPY_ON_WRITE or not self.has(name):
            return None
        series: pd.Series = self.frame[name]
        return series if series.dtype == np.dtype(dtype) else None

    def optional_objects(self, name: str) -> npt.NDArray[Any]:
        """A column of labels (kommune, group) with missing values as ``None``."""
        series = self.frame[name]
        return np.asarray(series.astype(object).where(series.notna(), None).to_numpy(), dtype=object)

    def amount(self, name: str, *, places: int = 2, required: bool = True) -> npt.NDArray[np.int64] | None:
        """``<name>_ore`` as is, or ``<name>`` (kroner) converted by the float rule."""
        integer = f"{name}_ore" if places == 2 else f"{name}_m"
        if self.has(integer) and self.has(name):
            raise BatchInputError(name, 0, name, code="batch.given_twice", first=name, second=integer)
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
            raise BatchInputError(name, 0, "mangler", code="batch.column_missing", name=repr(name),
                                  alternative=repr(integer))
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
                raise BatchInputError(name, 0, name, code="batch.column_and_keyword", name=name)
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
        raise InvalidInput("money", repr(money), code="input.explain",
                           choices="'ore' (heltal i øre), 'decimal' (eksakte kroner) eller 'both'")
    result: Money = money
    return result


def _put_money(out: dict[str, Any], name: str, values: npt.NDArray[np.int64], money: Money, *,
               copy: bool = True) -> None:
    # copy=False: the kernel's own array becomes the column (copied by _frame if it is shared); only for an
    # adapter that does not keep the kernel's result for explain_row (a write to the column would change it)
    if money in ("ore", "both"):
        out[f"{name}_ore"] = np.array(values, dtype=np.int64) if copy else np.asarray(values, dtype=np.int64)
    if money in ("decimal", "both"):
        out[name] = decimal_column(values)


def _labelled(codes: npt.NDArray[Any], labels: dict[int, str]) -> pd.Categorical[str]:
    return categorical(codes, labels)


def _frame(columns: dict[str, Any], read: _Reader, attrs: dict[str, Any]) -> Any:
    # the kernels' arrays become the frame's columns as they are (pandas would copy them into one block per
    # dtype: half the adapter's time); an array that is not the kernel's own (a view, one that may share memory
    # with the caller's input, or with a column before it: a kernel may give one array for two outputs) is
    # copied, so no later change on either side reaches the other
    seen = [a for a in (read.frame[c].to_numpy() for c, t in read.frame.dtypes.items()
                        if isinstance(t, np.dtype) and t.kind in "iufbmM") if isinstance(a, np.ndarray)]
    owned = {}
    for name, value in columns.items():
        owned[name] = _own(value, seen)
        if isinstance(owned[name], np.ndarray):
            seen.append(owned[name])
    out = pd.DataFrame(owned, index=read.frame.index, copy=False)
    out.attrs["socialcalc"] = attrs
    return to_kind(out, read.kind)


def _own(value: Any, inputs: list[npt.NDArray[Any]]) -> Any:
    if not isinstance(value, np.ndarray):
        return value
    if not value.flags.owndata or any(np.may_share_memory(value, a) for a in inputs):
        return value.copy()
    return value


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



INPUT_ROW = "input_row"
"""The column (``int64``) in which an adapter that keeps its rows' data in ``attrs`` (§ 97 ``bank_frame`` with
``explain=True``, § 100, § 117 a) writes each row's position in the frame it was given: ``explain_row`` of a
filtered, sorted or copied result maps its row through it to the row it was computed as."""


def _kommune_categorical(kommune: Any, n: int) -> Any:
    """The ``kommune`` column of an adapter's output: each row's municipality as the rate book names it (missing
    for national rules), categorical, built from the distinct names (never a Python loop over the rows).

    >>> _kommune_categorical(np.array(["Lejre", None, "lejre "], dtype=object), 3).tolist()
    ['lejre', nan, 'lejre']
    >>> _kommune_categorical("lemvig", 2).tolist()
    ['lemvig', 'lemvig']
    """
    from socialcalc.batch._resolve import kommune_column

    if kommune is None or isinstance(kommune, str):
        names, _ = kommune_column(kommune, n)
        (name,) = names
        return _from_codes(np.full(n, -1 if name is None else 0, dtype=np.int8), [] if name is None else [name])
    codes, distinct = factorize(pd.Series(np.asarray(kommune, dtype=object)), "kommune", sort=False)
    if not len(distinct):
        return _from_codes(np.full(n, -1, dtype=np.int8), [])
    names, index = kommune_column(np.asarray(distinct, dtype=object), len(distinct))
    categories = sorted(name for name in names if name is not None)
    position = {name: k for k, name in enumerate(categories)}
    remap = np.array([-1 if name is None else position[name] for name in names], dtype=np.int64)
    # a missing value (factorize's -1) is national; every other row is its distinct name's category
    row_codes = np.where(codes < 0, -1, remap[np.asarray(index)[np.maximum(codes, 0)]])
    return _from_codes(row_codes, categories)


def _from_codes(codes: npt.NDArray[np.integer[Any]], categories: list[str]) -> Any:
    return pd.Categorical.from_codes(codes, categories=pd.Index(categories))


def _input_rows(n: int) -> npt.NDArray[np.int64]:
    return np.arange(n, dtype=np.int64)


def _input_row(out: Any, row: int, n: int, figures: dict[str, npt.NDArray[Any]], functions: str) -> int:
    """The position in the adapter's input of row ``row`` (a position) of ``out``, via :data:`INPUT_ROW`.

    ``n``: the rows the kept data has; ``figures``: output columns and the kept kernel values (integers) they
    must equal at the mapped row. A frame without the column, a row out of range or a row whose figures are not
    the computed row's (a frame changed or put together from others) is refused with an
    :class:`~socialcalc.errors.InvalidInput`: a row is explained as the row it was computed as, or not at all.

    >>> out = pd.DataFrame({"amount_ore": [5, 7], INPUT_ROW: [0, 1]})
    >>> _input_row(out.iloc[[1]].reset_index(drop=True), 0, 2, {"amount_ore": np.array([5, 7])}, "x")
    1
    """
    if isinstance(row, bool) or not isinstance(row, int | np.integer) or not 0 <= int(row) < len(out):
        raise InvalidInput("row", row, code="input.row", rule=f"rammen har rækkerne 0 til {len(out) - 1}")
    columns = getattr(out, "columns", ())
    if INPUT_ROW not in columns:
        raise InvalidInput("out", INPUT_ROW, code="input.frame",
                           rule=f"kolonnen {INPUT_ROW!r} mangler (den skrives af {functions})")
    value = out[INPUT_ROW].iloc[int(row)] if isinstance(out, pd.DataFrame) else out[INPUT_ROW][int(row)]
    source = int(value.item() if isinstance(value, np.generic) else value)
    if not 0 <= source < n:
        raise InvalidInput("out", source, code="input.frame",
                           rule=f"{INPUT_ROW} {source} findes ikke i den beregnede ramme (0 til {n - 1})")
    for name, kept in figures.items():
        kroner = name.endswith("_ore") and name not in columns and name[:-4] in columns  # money="decimal"
        column = name[:-4] if kroner else name
        if column in columns:
            found = out[column].iloc[int(row)] if isinstance(out, pd.DataFrame) else out[column][int(row)]
            if isinstance(found, np.generic):
                found = found.item()
            if kroner:
                found = int(Decimal(found).scaleb(2))
            if int(found) != int(kept[source]):
                raise InvalidInput("out", row, code="input.frame",
                                   rule=f"række {row} er ikke den beregnede række {source} ({name} er {found} i "
                                        f"rammen, {int(kept[source])} ved beregningen)")
    return source
