"""Table adapters of SEL § 100: :func:`merudgift_frame`, :func:`one_off_frame`, and :func:`explain_row`.

A pandas, polars or pyarrow table in, the same kind out (see :mod:`socialcalc.batch.frame` for the column
rules). The result remembers its rows' inputs and the kernel's codes (under ``attrs["socialcalc"]``, shared,
never copied), so :func:`explain_row` gives for one row **exactly** the text the one-case function's
``.explain()`` gives: the same facts builder (:mod:`socialcalc.merudgift.fakta`) on the same codes.

>>> import pandas as pd
>>> from datetime import date
>>> out = merudgift_frame(pd.DataFrame({"expenses": ["1707.00"]}), decided_on=date(2024, 6, 1))
>>> out["band"].tolist()
['2']
>>> explain_row(out, 0).splitlines()[0]
'Merudgiftsydelse efter serviceloven § 100'
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from socialcalc.batch._resolve import as_bool, choice_column, day_column, kommune_column, to_date
from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import (
    INPUT_ROW,
    Kept,
    Money,
    _check_money,
    _frame,
    _input_row,
    _input_rows,
    _labelled,
    _put_money,
    _Reader,
    kept,
)
from socialcalc.errors import InvalidInput
from socialcalc.merudgift import batch as kernel
from socialcalc.merudgift import regel
from socialcalc.merudgift.engangs import one_off_rates, one_off_result
from socialcalc.merudgift.fakta import merudgift_explanation, resolve
from socialcalc.merudgift.model import OneOffResult
from socialcalc.ratebook import RateBook, book_or_default, default_book

__all__ = ["RULE", "band_labels", "explain_row", "merudgift_frame", "one_off_frame"]

RULE = "sel100"
"""The rule name an adapter writes to ``attrs["socialcalc"]["rule"]`` (dispatch of ``explain_row``)."""

_REGIMES = {kernel.MERUDGIFTSYDELSE: "merudgiftsydelse", kernel.KOMPENSATIONSYDELSE: "kompensationsydelse"}
_GROUPS = {kernel.GROUP_I: "I", kernel.GROUP_II: "II"}
_CASES = {regel.RECIPIENT: "recipient", regel.NO_RUNNING: "no_running",
          regel.UNDER_MINIMUM: "running_under_minimum"}


@dataclass(frozen=True, eq=False)
class _Rows(Kept):
    """The inputs of a frame's rows as the kernel read them, and its result: what ``explain_row`` needs."""

    kind: str
    n: int
    amounts: dict[str, Any]
    settings: dict[str, Any]
    result: Any
    rates: RateBook | None
    project: Any


def band_labels(book: RateBook | None = None) -> dict[int, str]:
    """The ``band`` categories of :func:`merudgift_frame`: ``"0"`` (under the bagatelgrænse), ``"1"``, … up to the
    most bands any table of the book has, and ``"full"`` (full cover), in that order (SEL § 100, stk. 2–3).

    >>> list(band_labels().values())[:3], list(band_labels().values())[-1]
    (['0', '1', '2'], 'full')
    """
    book = book or default_book()
    most = max((len(rate.value) for rate in book.history("sel100.bands")), default=0)
    return {**{b: str(b) for b in range(most + 1)}, kernel.BAND_FULL: "full"}


def merudgift_frame(
    frame: Any,
    *,
    decided_on: Any = None,
    on: Any = None,
    per: Any = None,
    documented: Any = None,
    group: Any = None,
    kommune: Any = None,
    money: Money = "ore",
    rates: RateBook | None = None,
    project: bool | Decimal = False,
) -> Any:
    """SEL § 100 for every row of ``frame`` (:func:`socialcalc.merudgift.batch.merudgift`).

    Columns read: ``expenses`` (kroner) or ``expenses_ore``; optionally ``listed_documented`` (or ``_ore``),
    ``decided_on``, ``on`` (``datetime64`` or ``datetime.date``), ``per``, ``documented`` (bool), ``group``
    (``"I"``/``"II"``/missing), ``kommune``. A keyword argument gives one value for every row instead of a
    column (``decided_on`` is required one way or the other).

    Columns out: ``amount`` (see ``money``), ``regime``, ``band`` (0, 1, 2 … or ``"full"``; missing under the
    kompensationsydelse), ``table_year`` (nullable), ``group`` and ``recommended_group`` (``"I"``, ``"II"`` or
    missing), ``group_i``/``group_ii`` (amounts, see ``money``), ``projected``, ``input_row`` (the row's
    position in ``frame``: :func:`explain_row` of a filtered or sorted copy maps its rows through it).

    >>> import pandas as pd
    >>> from datetime import date
    >>> frame = pd.DataFrame({"expenses": ["2500.00"], "listed_documented": ["2500.00"]})
    >>> out = merudgift_frame(frame, decided_on=date(2025, 10, 1))
    >>> out.loc[0, ["regime", "group", "recommended_group"]].tolist(), int(out.loc[0, "amount_ore"]) == 300000
    (['kompensationsydelse', 'II', 'II'], True)
    >>> merudgift_frame(pd.DataFrame({"expenses": [1.0, float("nan")]}), decided_on=date(2024, 6, 1))  # noqa: float-ok
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: expenses[1] = nan: er ikke et tal (NaN eller uendelig) (indeks 1)
    """
    money = _check_money(money)
    read = _Reader(frame)
    with read.relabel({"expenses": "expenses_ore" if read.has("expenses_ore") else "expenses",
                       "listed_documented": "listed_documented_ore" if read.has("listed_documented_ore")
                       else "listed_documented"}):
        expenses = read.amount("expenses")
        listed = read.amount("listed_documented", required=False)
        decided = read.date_setting("decided_on", decided_on)
        if decided is None:
            raise BatchInputError("decided_on", 0, "mangler", code="batch.column_or_keyword", name="decided_on")
        settings = {"decided_on": decided, "on": read.date_setting("on", on), "per": read.setting("per", per, "month"),
                    "documented": read.setting("documented", documented, False),
                    "group": read.setting("group", group, labels=True),
                    "kommune": read.setting("kommune", kommune, labels=True)}
        result = kernel.merudgift(expenses, listed_documented=listed, rates=rates, project=project, **settings)
    out: dict[str, Any] = {}
    _put_money(out, "amount", result.amount, money)
    out["regime"] = _labelled(result.regime, _REGIMES)
    out["band"] = _labelled(result.band, band_labels(rates))
    year = np.asarray(result.table_year, dtype=np.int16)
    out["table_year"] = pd.arrays.IntegerArray(year.copy(), year == 0)
    out["group"] = _labelled(result.group, _GROUPS)
    out["recommended_group"] = _labelled(result.recommended_group, _GROUPS)
    _put_money(out, "group_i", result.group_i, money)
    _put_money(out, "group_ii", result.group_ii, money)
    out["projected"] = np.array(result.projected)
    out[INPUT_ROW] = _input_rows(len(result))
    rows = _Rows("merudgift", len(result), {"expenses": expenses, "listed": listed}, settings, result, rates, project)
    return _frame(out, read, _attrs(read, money, rows))


def one_off_frame(
    frame: Any,
    *,
    decided_on: Any = None,
    per: Any = None,
    recipient: Any = None,
    documented: Any = None,
    kommune: Any = None,
    money: Money = "ore",
    rates: RateBook | None = None,
    project: bool | Decimal = False,
) -> Any:
    """One-off extra expenses for every row of ``frame`` (BEK 931/2020 § 9; :func:`socialcalc.merudgift.batch.one_off`).

    Columns read: ``expense`` (kroner) or ``expense_ore``; optionally ``running`` (or ``running_ore``),
    ``decided_on``, ``per``, ``recipient``, ``documented`` (bool), ``kommune``; a keyword gives one value for
    every row. Columns out: ``amount`` and ``monthly`` (see ``money``), ``case`` (``recipient``,
    ``no_running``, ``running_under_minimum``), ``granted``, ``band`` (in case 3 granted, else missing),
    ``table_year`` (nullable), ``projected``, ``input_row`` (as for :func:`merudgift_frame`).

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = one_off_frame(pd.DataFrame({"expense": ["7000.00"], "running": ["100.00"]}),
    ...                     decided_on=date(2024, 5, 1))
    >>> out.loc[0, ["case", "band"]].tolist(), int(out.loc[0, "amount_ore"])
    (['running_under_minimum', '1'], 1365600)
    """
    money = _check_money(money)
    read = _Reader(frame)
    with read.relabel({"expense": "expense_ore" if read.has("expense_ore") else "expense",
                       "running": "running_ore" if read.has("running_ore") else "running"}):
        expense = read.amount("expense")
        running = read.amount("running", required=False)
        decided = read.date_setting("decided_on", decided_on)
        if decided is None:
            raise BatchInputError("decided_on", 0, "mangler", code="batch.column_or_keyword", name="decided_on")
        settings = {"decided_on": decided, "per": read.setting("per", per, "month"),
                    "recipient": read.setting("recipient", recipient, False),
                    "documented": read.setting("documented", documented, False),
                    "kommune": read.setting("kommune", kommune, labels=True)}
        result = kernel.one_off(expense, running=running, rates=rates, project=project, **settings)
    out: dict[str, Any] = {}
    _put_money(out, "amount", result.amount, money)
    _put_money(out, "monthly", result.monthly, money)
    out["case"] = _labelled(result.case, _CASES)
    out["granted"] = np.array(result.granted)
    shown = np.where(np.asarray(result.table_year) == 0, -1, result.band)
    out["band"] = _labelled(shown, band_labels(rates))
    year = np.asarray(result.table_year, dtype=np.int16)
    out["table_year"] = pd.arrays.IntegerArray(year.copy(), year == 0)
    out["projected"] = np.array(result.projected)
    out[INPUT_ROW] = _input_rows(len(result))
    rows = _Rows("one_off", len(result), {"expense": expense, "running": running}, settings, result, rates, project)
    return _frame(out, read, _attrs(read, money, rows))


def _attrs(read: _Reader, money: Money, rows: _Rows) -> dict[str, Any]:
    """The result's ``attrs``: a pandas result keeps its rows for :func:`explain_row` (an Arrow or polars result
    has no attrs to keep them in; a pandas one written to Parquet keeps them as a note, see
    :class:`~socialcalc.batch.frame.Kept`)."""
    attrs = {**read.attrs(money), "rule": RULE}
    if read.kind == "pandas":
        attrs["rows"] = rows
    return attrs


def _at(values: Any, row: int) -> Any:
    return values[row] if isinstance(values, np.ndarray) and values.ndim == 1 else values


def _kr(values: Any, row: int) -> Decimal:
    return Decimal(int(values[row])).scaleb(-2)


def explain_row(out: Any, row: int, *, audience: str = "borger", locale: str = "da", format: str = "text") -> str:
    """The explanation of row ``row`` (its position) of a § 100 frame: the text the one-case ``.explain()``
    gives for that row's case (SEL § 100; BEK 931/2020 § 9 for :func:`one_off_frame`).

    >>> import pandas as pd
    >>> from datetime import date
    >>> from socialcalc.merudgift import calculate
    >>> out = merudgift_frame(pd.DataFrame({"expenses": ["607.00", "3000.00"]}), decided_on=date(2024, 6, 1))
    >>> explain_row(out, 1) == calculate("3000.00", decided_on=date(2024, 6, 1)).explain()
    True

    A filtered copy explains its own rows (through ``input_row``); a frame without that column is refused:

    >>> kept = out[out["amount_ore"] > 0].reset_index(drop=True)
    >>> explain_row(kept, 0) == calculate("3000.00", decided_on=date(2024, 6, 1)).explain()
    True
    """
    rows = _rows_of(out)
    source = _input_row(out, row, rows.n, {"amount_ore": np.asarray(rows.result.amount)},
                        "merudgift_frame eller one_off_frame")
    result = _row_result(rows, source)
    return str(result.explain(audience=audience, locale=locale, format=format))


def _rows_of(out: Any) -> _Rows:
    attrs = getattr(out, "attrs", None) or {}
    rows = kept(attrs.get("socialcalc", {}), "rows", "merudgift_frame eller one_off_frame")
    if not isinstance(rows, _Rows):
        raise InvalidInput("out", type(out).__name__, code="batch.not_result",
                           functions="merudgift_frame eller one_off_frame")
    return rows


def _row_result(rows: _Rows, row: int) -> Any:
    """The one-case result model of ``row``, built from the kernel's codes by the one-case builders."""
    book = book_or_default(rows.rates)
    s, n = rows.settings, rows.n
    names, kcode = kommune_column(s["kommune"], n)
    kommune = names[_at(kcode, row)]
    decided = to_date(_at(day_column(s["decided_on"], "decided_on", n), row))
    months = (1, 12)[_at(choice_column(s["per"], "per", n, ("month", "year")), row)]
    documented = bool(_at(as_bool(s["documented"], "documented", n), row))
    r = rows.result
    if rows.kind == "one_off":
        return _one_off_row(rows, row, book, decided, kommune, months, documented)
    from socialcalc.merudgift.beregning import result_of

    paid = decided if s["on"] is None else to_date(_at(day_column(s["on"], "on", n), row))
    chosen = 0 if s["group"] is None else int(_at(choice_column(s["group"], "group", n, (None, "I", "II")), row))
    ctx = resolve(book, decided, paid, kommune, rows.project)
    listed = None if rows.amounts["listed"] is None else _kr(rows.amounts["listed"], row)
    expenses = _kr(rows.amounts["expenses"], row)
    codes = {name: int(getattr(r, name)[row]) for name in ("met", "case", "band", "amount", "advice", "g2",
                                                           "group_i", "group_ii", "group")}
    codes.update(recommended=int(r.recommended_group[row]), qualifies_i=int(r.qualifies_i[row]),
                 qualifies_ii=int(r.qualifies_ii[row]))
    explanation = merudgift_explanation(book, ctx, expenses=expenses, months=months, documented=documented,
                                        listed=listed, chosen=chosen, codes=codes)
    return result_of(ctx, codes, expenses, months, documented, explanation)


def _one_off_row(rows: _Rows, row: int, book: RateBook, decided: Any, kommune: str | None, months: int,
                 documented: bool) -> OneOffResult:
    s, n, r = rows.settings, rows.n, rows.result
    recipient = bool(_at(as_bool(s["recipient"], "recipient", n), row))
    expense = _kr(rows.amounts["expense"], row)
    running = Decimal(0) if rows.amounts["running"] is None else _kr(rows.amounts["running"], row)
    per = "month" if months == 1 else "year"
    rated = one_off_rates(book, decided, kommune, rows.project, recipient=recipient, running=running,
                          months=months, per=per, expense=expense)
    codes = {"case": int(r.case[row]), "granted": int(r.granted[row]), "amount": int(r.amount[row])}
    if int(r.table_year[row]):
        rated["bands"] = book.at(decided, kommune, project=rows.project).get("sel100.bands")
        codes.update(met=int(r.met[row]), band_case=int(r.band_case[row]), band=int(r.band[row]),
                     monthly=int(r.monthly[row]))
    return one_off_result(book, codes, decided=decided, kommune=kommune, expense=expense, running=running,
                          months=months, documented=documented, **rated)
