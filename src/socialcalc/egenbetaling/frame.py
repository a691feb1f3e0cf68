"""Frame adapters of SEL §§ 107–110 egenbetaling: a pandas, polars or pyarrow table in, the same kind out.

:func:`stays_frame` (§§ 109/110), :func:`botilbud107_frame` (§ 107) and :func:`botilbud108_frame` (§ 108) run the
batch kernels of :mod:`socialcalc.egenbetaling.batch` on every row, with the column conventions of
:mod:`socialcalc.batch.frame` (amounts in and out, the float rule, errors naming the column). Also importable as
``socialcalc.batch.frame.stays_frame`` etc.

**Each row carries its own inputs.** Besides the figures, an adapter writes the inputs of each row as the kernel
read them (amounts as ``int64`` øre ``<name>_ore``, dates as ``datetime64[D]``, ``kommune`` categorical, flags
``bool``), and keeps the rate book in ``attrs`` by reference. :func:`explain_row` rebuilds a row from those
columns alone: it runs the row's decision again (:mod:`socialcalc.egenbetaling.decide`, the code both paths
share), refuses a row whose figures differ from it (a frame changed after it was computed) with an
:class:`~socialcalc.errors.InvalidInput`, and builds the facts with the one-case functions' own builders
(:func:`~socialcalc.egenbetaling.ophold.stay_result`, :func:`~socialcalc.egenbetaling.botilbud107.sel107_result`,
:func:`~socialcalc.egenbetaling.botilbud108.sel108_result`). So a filtered or copied result
(``out[mask].reset_index(drop=True)``, ``out.copy()``, a Parquet round trip) explains its own rows, and there is
no state outside the frame.

>>> import pandas as pd
>>> from socialcalc.egenbetaling import stay
>>> frame = pd.DataFrame({"arrival": pd.to_datetime(["2024-03-03", "2023-12-28"]),
...                       "departure": pd.to_datetime(["2024-03-13", "2024-01-03"])})
>>> out = stays_frame(frame, paragraph=109)
>>> kept = out[out["days"] < 10].reset_index(drop=True)
>>> explain_row(kept, 0) == stay(109, date(2023, 12, 28), date(2024, 1, 3)).explain()
True
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import (
    KeptBook,
    Money,
    _check_money,
    _frame,
    _kommune_categorical,
    _labelled,
    _put_money,
    _Reader,
    kept_book,
)
from socialcalc.batch.tables import factorize
from socialcalc.egenbetaling import batch, decide
from socialcalc.egenbetaling._common import charge
from socialcalc.egenbetaling.botilbud107 import decide107, rate107, sel107_result
from socialcalc.egenbetaling.botilbud108 import Couple, decide108, rates108, sel108_result
from socialcalc.egenbetaling.ophold import Reduction, _let_off, run_total, stay_result
from socialcalc.errors import InvalidInput
from socialcalc.money import ZERO, non_negative, round_ore
from socialcalc.ratebook import RateBook
from socialcalc.ratebook.book import normalise_kommune
from socialcalc.result import Result

__all__ = ["botilbud107_frame", "botilbud108_frame", "explain_row", "stays_frame"]

_DAY_COUNTS = {batch.NIGHTS_MIN_ONE: "nights_min_one", batch.CALENDAR_DAYS: "calendar_days"}
_STAYS, _SEL107, _SEL108 = "egenbetaling.stays", "egenbetaling.botilbud107", "egenbetaling.botilbud108"


def stays_frame(
    frame: Any,
    *,
    paragraph: Any = None,
    has_income: Any = None,
    kommune: Any = None,
    money: Money = "ore",
    rates: RateBook | None = None,
) -> Any:
    """SEL §§ 109/110 stays for every row of ``frame`` (:func:`socialcalc.egenbetaling.batch.stays`).

    Columns read: ``arrival``, ``departure`` (``datetime64`` or ``datetime.date``); ``paragraph`` (109/110),
    ``has_income`` (bool), ``kommune`` as columns or keywords; optionally ``reduction`` (kroner off, or
    ``reduction_ore``) or ``reduction_share`` (``Decimal`` or decimal text, 0–1).

    Columns out: ``days``, ``day_count``, ``gross``, ``reduction`` (the kroner let off), ``amount`` (see
    ``money``); and the inputs of each row for :func:`explain_row`: ``paragraph`` (int), ``arrival``,
    ``departure`` (``datetime64[D]``), ``has_income`` (bool), ``reduction_given_ore`` (the kroner off asked
    for, int64 øre, 0 where none), ``reduction_share`` (decimal text, ``"0"`` where none), ``kommune``
    (categorical).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"arrival": pd.to_datetime(["2023-12-28"]), "departure": pd.to_datetime(["2024-01-03"])})
    >>> out = stays_frame(frame, paragraph=109, money="decimal")
    >>> int(out.loc[0, "days"]), out.loc[0, "amount"]
    (6, Decimal('568.12'))
    """
    money = _check_money(money)
    read = _Reader(frame)
    with read.relabel():
        for name in ("arrival", "departure"):
            if not read.has(name):
                raise BatchInputError(name, 0, "mangler", f"tabellen skal have en kolonne {name}")
        para = read.setting("paragraph", paragraph)
        if para is None:
            raise BatchInputError("paragraph", 0, "mangler", "angiv en kolonne paragraph eller paragraph=")
        shares = read.optional_objects("reduction_share") if read.has("reduction_share") else None
        if shares is not None:
            shares = np.array([Decimal(0) if s is None else s for s in shares.tolist()], dtype=object)
        case = {"paragraph": para, "arrival": read.date_setting("arrival", None),
                "departure": read.date_setting("departure", None),
                "has_income": read.setting("has_income", has_income, True),
                "reduction": read.amount("reduction", required=False), "reduction_share": shares,
                "kommune": read.setting("kommune", kommune, labels=True)}
        result = batch.stays(case["paragraph"], case["arrival"], case["departure"], has_income=case["has_income"],
                             reduction=case["reduction"], reduction_share=shares, kommune=case["kommune"],
                             rates=rates)
    n = len(read.frame)
    out: dict[str, Any] = {"days": result.days, "day_count": _labelled(result.day_count, _DAY_COUNTS)}
    for name in ("gross", "reduction", "amount"):
        _put_money(out, name, getattr(result, name), money, copy=False)
    # an input column already in the result's dtype is handed back as it is (pandas keeps the frames apart)
    same = read.echo("paragraph", "int64")
    out["paragraph"] = _ints(case["paragraph"], n) if same is None else same
    for name in ("arrival", "departure"):
        same = read.echo(name, "datetime64[s]")
        out[name] = _days(case[name], n) if same is None else same
    out["has_income"] = _flags(case["has_income"], n)
    out["reduction_given_ore"] = _ints(0 if case["reduction"] is None else case["reduction"], n)
    out["reduction_share"] = _share_text(shares, n)
    out["kommune"] = _kommune_categorical(case["kommune"], n)
    return _frame(out, read, _attrs(read, money, _STAYS, rates))


def botilbud107_frame(
    frame: Any,
    *,
    on: Any = None,
    kommune: Any = None,
    board_included: Any = None,
    keeps_own_dwelling: Any = None,
    money: Money = "ore",
    rates: RateBook | None = None,
) -> Any:
    """SEL § 107 monthly payments for every row of ``frame`` (:func:`socialcalc.egenbetaling.batch.botilbud107`).

    Columns read (kroner per month, or ``<name>_ore``): ``net_income``, ``fixed_expenses``,
    ``included_items_cost``, optionally ``housing_part_cost``; ``board_included``, ``keeps_own_dwelling``
    (bool), ``on`` and ``kommune`` as columns or keywords.

    Columns out: ``raadighedsbeloeb``, ``payable``, ``chargeable``, ``amount`` (see ``money``); and the inputs
    of each row for :func:`explain_row`: ``net_income_ore``, ``fixed_expenses_ore``, ``included_items_cost_ore``,
    ``housing_part_cost_ore`` (where it was given) as int64 øre, ``board_included``, ``keeps_own_dwelling``
    (bool), ``on`` (``datetime64[D]``), ``kommune`` (categorical).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"net_income": [12000, 12000], "fixed_expenses": [1500, 1500],
    ...                       "included_items_cost": [8000, 6000], "board_included": [True, False]})
    >>> out = botilbud107_frame(frame, on=date(2025, 1, 1), kommune="lejre", money="decimal")
    >>> out["amount"].tolist() == [Decimal("8000.00"), Decimal("6000.00")]
    True
    """
    money = _check_money(money)
    read = _Reader(frame)
    with read.relabel():
        on_value = read.date_setting("on", on)
        if on_value is None:
            raise BatchInputError("on", 0, "mangler", code="batch.column_or_keyword", name="on")
        board = read.setting("board_included", board_included)
        if board is None:
            raise BatchInputError("board_included", 0, "mangler", code="batch.column_or_keyword", name="board_included")
        case = {"net_income": read.amount("net_income"), "fixed_expenses": read.amount("fixed_expenses"),
                "included_items_cost": read.amount("included_items_cost"),
                "housing_part_cost": read.amount("housing_part_cost", required=False),
                "board_included": board, "keeps_own_dwelling": read.setting("keeps_own_dwelling",
                                                                            keeps_own_dwelling, False),
                "on": on_value, "kommune": read.setting("kommune", kommune, labels=True)}
        result = batch.botilbud107(case["net_income"], case["fixed_expenses"], case["included_items_cost"],
                                   board_included=case["board_included"], on=case["on"], kommune=case["kommune"],
                                   keeps_own_dwelling=case["keeps_own_dwelling"],
                                   housing_part_cost=case["housing_part_cost"], rates=rates)
    n = len(read.frame)
    out: dict[str, Any] = {}
    for name in ("raadighedsbeloeb", "payable", "chargeable", "amount"):
        _put_money(out, name, getattr(result, name), money, copy=False)
    for name in ("net_income", "fixed_expenses", "included_items_cost", "housing_part_cost"):
        if case[name] is not None:
            out[f"{name}_ore"] = _ints(case[name], n)
    out["board_included"] = _flags(case["board_included"], n)
    out["keeps_own_dwelling"] = _flags(case["keeps_own_dwelling"], n)
    out["on"] = _days(case["on"], n)
    out["kommune"] = _kommune_categorical(case["kommune"], n)
    return _frame(out, read, _attrs(read, money, _SEL107, rates))


def botilbud108_frame(
    frame: Any,
    *,
    on: Any = None,
    kommune: Any = None,
    single_pensioner: Any = None,
    couple: Any = None,
    money: Money = "ore",
    rates: RateBook | None = None,
) -> Any:
    """SEL § 108 yearly housing payments for every row of ``frame`` (:func:`socialcalc.egenbetaling.batch.botilbud108`).

    Columns read (kroner per year, or ``<name>_ore``): ``income_basis``, ``dwelling_costs``, optionally
    ``dependants_set_aside``, ``joint_income`` and ``social_pension`` (read where ``couple``),
    ``kompensationsbeloeb``; ``single_pensioner`` and ``couple`` (bool), ``on`` and ``kommune`` as columns or
    keywords.

    Columns out: ``reduced_basis``, ``income_based``, ``housing``, ``kompensation_deducted``, ``amount`` and
    ``monthly`` (see ``money``); and the inputs of each row for :func:`explain_row`: ``income_basis_ore``,
    ``dwelling_costs_ore``, ``dependants_set_aside_ore``, ``joint_income_ore``, ``social_pension_ore`` (0 where
    not given), ``kompensationsbeloeb_ore`` (only where it was given: without it nothing is deducted, and the
    explanation says so) as int64 øre, ``single_pensioner``, ``couple`` (bool), ``on`` (``datetime64[D]``),
    ``kommune`` (categorical).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"income_basis": [300000, 200000], "dwelling_costs": [60000, 60000],
    ...                       "single_pensioner": [False, True]})
    >>> out = botilbud108_frame(frame, on=date(2024, 6, 1), money="decimal")
    >>> out["amount"].tolist() == [Decimal("36600.00"), Decimal("14920.00")]
    True
    """
    money = _check_money(money)
    read = _Reader(frame)
    with read.relabel():
        on_value = read.date_setting("on", on)
        if on_value is None:
            raise BatchInputError("on", 0, "mangler", code="batch.column_or_keyword", name="on")
        case = {"income_basis": read.amount("income_basis"), "dwelling_costs": read.amount("dwelling_costs"),
                "dependants_set_aside": _optional(read, "dependants_set_aside"),
                "joint_income": _optional(read, "joint_income"),
                "social_pension": _optional(read, "social_pension"),
                "kompensationsbeloeb": read.amount("kompensationsbeloeb", required=False),
                "single_pensioner": read.setting("single_pensioner", single_pensioner, False),
                "couple": read.setting("couple", couple, False),
                "on": on_value, "kommune": read.setting("kommune", kommune, labels=True)}
        result = batch.botilbud108(
            case["income_basis"], case["dwelling_costs"], on=case["on"], single_pensioner=case["single_pensioner"],
            dependants_set_aside=case["dependants_set_aside"], couple=case["couple"],
            joint_income=case["joint_income"], social_pension=case["social_pension"],
            kompensationsbeloeb=0 if case["kompensationsbeloeb"] is None else case["kompensationsbeloeb"],
            kommune=case["kommune"], rates=rates)
    n = len(read.frame)
    out: dict[str, Any] = {}
    for name in ("reduced_basis", "income_based", "housing", "kompensation_deducted", "amount", "monthly"):
        _put_money(out, name, getattr(result, name), money, copy=False)
    for name in ("income_basis", "dwelling_costs", "dependants_set_aside", "joint_income", "social_pension",
                 "kompensationsbeloeb"):
        if case[name] is not None:
            out[f"{name}_ore"] = _ints(case[name], n)
    out["single_pensioner"] = _flags(case["single_pensioner"], n)
    out["couple"] = _flags(case["couple"], n)
    out["on"] = _days(case["on"], n)
    out["kommune"] = _kommune_categorical(case["kommune"], n)
    return _frame(out, read, _attrs(read, money, _SEL108, rates))


def _optional(read: _Reader, name: str) -> Any:
    found = read.amount(name, required=False)
    return 0 if found is None else found




def _attrs(read: _Reader, money: Money, adapter: str, rates: RateBook | None) -> dict[str, Any]:
    """The frame's ``attrs["socialcalc"]``: the rule (for :func:`socialcalc.batch.frame.explain_row`), the
    adapter, and a rate book given as ``rates=`` by reference (without one the attrs are plain JSON, so Arrow and
    Parquet keep them)."""
    attrs = {**read.attrs(money), "rule": "egenbetaling", "adapter": adapter}
    if rates is not None:
        attrs["rates"] = KeptBook(rates)
    return attrs


def _ints(values: Any, n: int) -> Any:
    array = np.asarray(values, dtype=np.int64)
    if array.ndim == 0:  # one value for every row (zeros straight from the allocator)
        return np.full(n, array) if array else np.zeros(n, dtype=np.int64)
    return np.array(np.broadcast_to(array, (n,)))


def _flags(values: Any, n: int) -> Any:
    return np.array(np.broadcast_to(np.asarray(values, dtype=np.bool_), (n,)))


def _days(day: Any, n: int) -> Any:
    # in seconds, the unit pandas keeps a day in (a column in days would be converted again); one copy
    if isinstance(day, date):
        return np.full(n, np.datetime64(day, "D"), dtype="datetime64[s]")
    return np.array(np.broadcast_to(np.asarray(day), (n,)), dtype="datetime64[s]")


def _share_text(shares: Any, n: int) -> Any:
    """The reduction shares as exact decimal text (``"0"`` where none): a categorical of the distinct texts
    (each distinct share converted once; Arrow-safe)."""
    if shares is None:
        return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=pd.Index(["0"]), validate=False)
    codes, distinct = factorize(pd.Series(shares, dtype=object), "reduction_share", sort=False)
    texts = [str(Decimal(v.strip()) if isinstance(v, str) else Decimal(v)) for v in distinct.tolist()]
    labels, index = np.unique(np.array(texts, dtype=object), return_inverse=True)
    return pd.Categorical.from_codes(index.reshape(-1)[codes], categories=pd.Index(labels.tolist()))


# -- explain_row: a row rebuilt from its own columns ------------------------------------------------------------

_NEEDED = {
    _STAYS: ("paragraph", "arrival", "departure", "has_income", "reduction_given_ore", "reduction_share",
             "kommune", "days", "day_count"),
    _SEL107: ("net_income_ore", "fixed_expenses_ore", "included_items_cost_ore", "board_included",
              "keeps_own_dwelling", "on", "kommune"),
    _SEL108: ("income_basis_ore", "dwelling_costs_ore", "dependants_set_aside_ore", "joint_income_ore",
              "social_pension_ore", "single_pensioner", "couple", "on", "kommune"),
}


class _Row:
    """One row of an adapter's output, read as plain Python values."""

    def __init__(self, out: pd.DataFrame, row: int, adapter: str) -> None:
        self.out, self.row, self.adapter = out, row, adapter

    def value(self, name: str) -> Any:
        value = self.out[name].iloc[self.row]
        return value.item() if isinstance(value, np.generic) else value

    def whole(self, name: str) -> int:
        return int(self.value(name))

    def flag(self, name: str) -> bool:
        return bool(self.value(name))

    def kroner(self, name: str) -> Decimal:
        return Decimal(self.whole(f"{name}_ore")).scaleb(-2)

    def optional_kroner(self, name: str) -> Decimal | None:
        return self.kroner(name) if f"{name}_ore" in self.out.columns else None

    def day(self, name: str) -> date:
        return pd.Timestamp(self.value(name)).date()

    def kommune(self) -> str | None:
        value = self.value("kommune")
        return None if value is None or (isinstance(value, float) and value != value) else str(value)

    def figure(self, name: str) -> int | None:
        """A figure of the row in øre (from ``<name>_ore`` or the decimal ``<name>``), ``None`` if absent."""
        if f"{name}_ore" in self.out.columns:
            return self.whole(f"{name}_ore")
        if name in self.out.columns:
            return int(Decimal(self.value(name)).scaleb(2))
        return None

    def check(self, rebuilt: dict[str, Any]) -> None:
        """Refuse a row whose figures are not those its inputs give (the frame was changed after it was made)."""
        for name, value in rebuilt.items():
            found = self.figure(name) if name not in ("days",) else self.whole(name)
            if found is not None and found != int(value):
                raise InvalidInput("out", self.row, code="input.frame",
                                   rule=f"række {self.row} er ændret, efter den blev beregnet ({name} er {found} i "
                                        f"rammen, {int(value)} ud fra rækkens oplysninger)")


def _opened(out: Any) -> tuple[pd.DataFrame, str, RateBook]:
    """``out`` as pandas, which adapter made it, and the rate book it was computed with."""
    attrs = getattr(out, "attrs", None) or {}
    meta = attrs.get("socialcalc", {}) if isinstance(attrs, dict) else {}
    meta = meta if isinstance(meta, dict) else {}
    book = kept_book(meta, "stays_frame, botilbud107_frame eller botilbud108_frame")
    if not isinstance(out, pd.DataFrame):
        out = pd.DataFrame(out.to_pandas()) if hasattr(out, "to_pandas") else pd.DataFrame(out)
    adapter = meta.get("adapter")
    if adapter is None:  # no attrs (e.g. read back from Parquet): the columns tell
        adapter = next((a for a in (_STAYS, _SEL107, _SEL108) if all(c in out.columns for c in _NEEDED[a])), None)
    if adapter not in _NEEDED:
        raise InvalidInput("out", type(out).__name__, code="batch.not_result",
                           functions="stays_frame, botilbud107_frame eller botilbud108_frame")
    if missing := [name for name in _NEEDED[adapter] if name not in out.columns]:
        raise InvalidInput("out", missing[0], code="input.frame",
                           rule=f"kolonnen {missing[0]!r} mangler (den skrives af {adapter.split('.')[1]}_frame)")
    return out, adapter, book


def _stay_row(r: _Row, book: RateBook) -> Result:
    para, arrival, departure = r.whole("paragraph"), r.day("arrival"), r.day("departure")
    has_income, kommune = r.flag("has_income"), r.kommune()
    share, given = Decimal(str(r.value("reduction_share"))), r.whole("reduction_given_ore")
    decision: Reduction | None = None
    if share > 0:
        decision = Reduction.of_share(share)
    elif given > 0:
        decision = Reduction.kroner(Decimal(given).scaleb(-2))
    policy_rate = book.at(arrival, kommune).get("egenbetaling.day_count")
    policy = decide.DAY_COUNT_CODES[str(policy_rate.value)]
    days = int(decide.stay_days(policy, (departure - arrival).days))
    column = "day_count"
    if _DAY_COUNTS[policy] != str(r.value(column)):
        raise InvalidInput("out", r.row, code="input.frame",
                           rule=f"række {r.row} er ændret, efter den blev beregnet ({column} er "
                                f"{r.value(column)!r} i rammen, {_DAY_COUNTS[policy]!r} ud fra rækkens oplysninger)")
    runs = charge(book, para, kommune, arrival, days) if has_income else []
    gross = run_total(runs)
    let_off = _let_off(decision, gross) if decision is not None and has_income else round_ore(ZERO)
    r.check({"days": days, "gross": _ore(gross), "reduction": _ore(let_off), "amount": _ore(gross - let_off)})
    return stay_result(book, para, arrival, departure, has_income=has_income, decision=decision, kommune=kommune,
                       policy_rate=policy_rate, days=days, runs=runs, gross=gross, let_off=let_off)


def _sel107_row(r: _Row, book: RateBook) -> Result:
    on, name = r.day("on"), normalise_kommune(r.kommune())
    board, keeps = r.flag("board_included"), r.flag("keeps_own_dwelling")
    net, fixed, items = r.kroner("net_income"), r.kroner("fixed_expenses"), r.kroner("included_items_cost")
    housing = r.optional_kroner("housing_part_cost")
    at = book.at(on, name)
    rate = rate107(at, board)
    out = decide107(net, fixed, Decimal(rate.value), items, housing, keeps)
    r.check({"raadighedsbeloeb": _ore(Decimal(rate.value)), "payable": out.payable, "chargeable": out.chargeable,
             "amount": out.amount})
    return sel107_result(at, rate, out, on=on, kommune=name, net=net, fixed=fixed, items=items,
                         board_included=board, keeps_own_dwelling=keeps, housing=housing)


def _sel108_row(r: _Row, book: RateBook) -> Result:
    on = r.day("on")
    single, couple = r.flag("single_pensioner"), r.flag("couple")
    basis, costs = r.kroner("income_basis"), r.kroner("dwelling_costs")
    set_aside = r.kroner("dependants_set_aside")
    pair = (Couple.model_construct(joint_income=r.kroner("joint_income"), social_pension=r.kroner("social_pension"))
            if couple else None)
    kompensation = r.optional_kroner("kompensationsbeloeb")
    at = book.at(on, r.kommune())
    used = rates108(at, single_pensioner=single, couple=couple)
    out = decide108(used, basis=basis, set_aside=set_aside, costs=costs, couple=pair, kompensation=kompensation)
    r.check({"reduced_basis": out.reduced, "income_based": out.income_based, "housing": out.housing,
             "kompensation_deducted": out.deducted, "amount": out.amount, "monthly": out.monthly})
    lines = {name: non_negative(0, name) for name in ("electricity", "heating", "services")}
    return sel108_result(at, used, out, on=on, basis=basis, costs=costs, set_aside=set_aside, couple=pair,
                         lines=lines, kompensation=kompensation)


def _ore(kroner: Decimal) -> int:
    return int(kroner.scaleb(2))


_REBUILD = {_STAYS: _stay_row, _SEL107: _sel107_row, _SEL108: _sel108_row}


def case_result(out: Any, row: int) -> Result:
    """The one-case result of ``row`` (its position) of a frame :func:`stays_frame`, :func:`botilbud107_frame`
    or :func:`botilbud108_frame` returned (SEL §§ 107–110), from that row's columns alone.

    The row's decision is run again on its inputs (:mod:`socialcalc.egenbetaling.decide`); a row whose figures
    differ from it is refused (:class:`~socialcalc.errors.InvalidInput`, code ``input.frame``), so an explained
    row is exactly the row computed. The facts come from the one-case functions' builders.

    >>> import pandas as pd
    >>> out = botilbud108_frame(pd.DataFrame({"income_basis": [300000], "dwelling_costs": [60000]}),
    ...                         on=date(2024, 6, 1))
    >>> case_result(out.copy(), 0).amount
    Decimal('36600.00')
    """
    frame, adapter, book = _opened(out)
    if not 0 <= int(row) < len(frame):
        raise InvalidInput("row", row, code="input.row", rule=f"rammen har rækkerne 0 til {len(frame) - 1}")
    return _REBUILD[adapter](_Row(frame, int(row), adapter), book)


def explain_row(out: Any, row: int, **render: Any) -> str:
    """The explanation of ``row`` (its position) of a frame from :func:`stays_frame`, :func:`botilbud107_frame`
    or :func:`botilbud108_frame`: exactly the one-case ``.explain(**render)`` (SEL §§ 107–110), also for a
    filtered or copied frame.

    >>> import pandas as pd
    >>> from socialcalc.egenbetaling import stay
    >>> frame = pd.DataFrame({"arrival": pd.to_datetime(["2024-03-03"]), "departure": pd.to_datetime(["2024-03-13"])})
    >>> out = stays_frame(frame, paragraph=110)
    >>> explain_row(out, 0) == stay(110, date(2024, 3, 3), date(2024, 3, 13)).explain()
    True
    """
    text: str = case_result(out, row).explain(**render)
    return text
