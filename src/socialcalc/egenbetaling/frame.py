"""Frame adapters of SEL §§ 107–110 egenbetaling: a pandas, polars or pyarrow table in, the same kind out.

:func:`stays_frame` (§§ 109/110) runs :func:`socialcalc.egenbetaling.batch.stays` on every row, with the column
conventions of :mod:`socialcalc.batch.frame` (amounts in and out, the float rule, errors naming the column).
Also importable as ``socialcalc.batch.frame.stays_frame``.
"""

from __future__ import annotations

import weakref
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import Money, _check_money, _frame, _labelled, _put_money, _Reader
from socialcalc.egenbetaling import batch
from socialcalc.egenbetaling.botilbud107 import sel107
from socialcalc.egenbetaling.botilbud108 import Couple, sel108
from socialcalc.egenbetaling.ophold import Reduction, stay
from socialcalc.ratebook import RateBook
from socialcalc.result import Result

__all__ = ["botilbud107_frame", "botilbud108_frame", "explain_row", "stays_frame"]

_DAY_COUNTS = {batch.NIGHTS_MIN_ONE: "nights_min_one", batch.CALENDAR_DAYS: "calendar_days"}


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

    Columns out: ``days``, ``day_count``, ``gross``, ``reduction``, ``amount`` (see ``money``).

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
    out: dict[str, Any] = {"days": result.days, "day_count": _labelled(result.day_count, _DAY_COUNTS)}
    for name in ("gross", "reduction", "amount"):
        _put_money(out, name, getattr(result, name), money)
    rule = "egenbetaling.stays"
    return _remember(_frame(out, read, _attrs(read, money, rule)), rule, case, rates, result.amount)


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

    Columns out: ``raadighedsbeloeb``, ``payable``, ``chargeable``, ``amount`` (see ``money``).

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
    out: dict[str, Any] = {}
    for name in ("raadighedsbeloeb", "payable", "chargeable", "amount"):
        _put_money(out, name, getattr(result, name), money)
    rule = "egenbetaling.botilbud107"
    return _remember(_frame(out, read, _attrs(read, money, rule)), rule, case, rates, result.amount)


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
    ``monthly`` (see ``money``).

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
    out: dict[str, Any] = {}
    for name in ("reduced_basis", "income_based", "housing", "kompensation_deducted", "amount", "monthly"):
        _put_money(out, name, getattr(result, name), money)
    rule = "egenbetaling.botilbud108"
    return _remember(_frame(out, read, _attrs(read, money, rule)), rule, case, rates, result.amount)


def _optional(read: _Reader, name: str) -> Any:
    found = read.amount(name, required=False)
    return 0 if found is None else found


def _attrs(read: _Reader, money: Money, rule: str) -> dict[str, Any]:
    """The frame's ``attrs["socialcalc"]``, naming the rule (for :func:`socialcalc.batch.frame.explain_row`)."""
    attrs = read.attrs(money)
    attrs["rule"] = "egenbetaling"
    attrs["adapter"] = rule
    return attrs


_CASES: dict[int, tuple[str, dict[str, Any], RateBook | None, Any]] = {}
"""The inputs of each frame an adapter returned, while it lives (by ``id``; dropped when it is collected).

Kept beside the frame, not in its ``attrs``: attrs are copied by pandas and written to Parquet metadata as
JSON, and a caseload's input columns belong in neither."""


def _remember(out: Any, rule: str, case: dict[str, Any], rates: RateBook | None, amount: Any) -> Any:
    key = id(out)
    _CASES[key] = (rule, case, rates, np.asarray(amount))
    weakref.finalize(out, _CASES.pop, key, None)
    return out


def _at(value: Any, row: int) -> Any:
    """The value of ``row`` in a column given once or per row, as a plain Python value."""
    if isinstance(value, np.ndarray | list | tuple):
        value = value[row]
    if isinstance(value, np.datetime64):
        return date.fromisoformat(str(value.astype("datetime64[D]")))
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def _kroner(ore: Any) -> Decimal | None:
    return None if ore is None else Decimal(int(ore)).scaleb(-2)


def case_result(out: Any, row: int) -> Result:
    """The one-case result of ``row`` of a frame an adapter of this module returned (its position).

    The row's inputs are read back from ``out.attrs["socialcalc"]["case"]`` and given to the one-case
    function, which executes the same decisions (:mod:`socialcalc.egenbetaling.decide`); its amount is checked
    against the batch's, so an explained row is exactly the row computed.
    """
    if id(out) not in _CASES:
        raise BatchInputError("out", row, type(out).__name__, "forklaringen kræver den tabel, en af "
                                                              "egenbetalingens adaptere returnerede")
    rule, case, book, amounts = _CASES[id(out)]
    get = {name: _at(value, row) for name, value in case.items() if value is not None}
    if rule == "egenbetaling.stays":
        reduction: Reduction | None = None
        share = get.get("reduction_share")
        if share is not None and Decimal(share) > 0:
            reduction = Reduction.of_share(share)
        elif get.get("reduction"):
            reduction = Reduction.kroner(_kroner(get["reduction"]))
        result: Result = stay(get["paragraph"], get["arrival"], get["departure"], has_income=get["has_income"],
                              reduction=reduction, kommune=get.get("kommune"), rates=book)
    elif rule == "egenbetaling.botilbud107":
        result = sel107(net_income=_kroner(get["net_income"]), fixed_expenses=_kroner(get["fixed_expenses"]),
                        included_items_cost=_kroner(get["included_items_cost"]),
                        board_included=get["board_included"], on=get["on"], kommune=get.get("kommune"),
                        keeps_own_dwelling=get["keeps_own_dwelling"],
                        housing_part_cost=_kroner(get.get("housing_part_cost")), rates=book)
    elif rule == "egenbetaling.botilbud108":
        pair = (Couple(joint_income=_kroner(get["joint_income"]), social_pension=_kroner(get["social_pension"]))
                if get["couple"] else None)
        result = sel108(income_basis=_kroner(get["income_basis"]), dwelling_costs=_kroner(get["dwelling_costs"]),
                        on=get["on"], single_pensioner=get["single_pensioner"],
                        dependants_set_aside=_kroner(get["dependants_set_aside"]), couple=pair,
                        kompensationsbeloeb=_kroner(get.get("kompensationsbeloeb")), kommune=get.get("kommune"),
                        rates=book)
    else:
        raise BatchInputError("out", row, repr(rule), "rammen kommer ikke fra en af egenbetalingens adaptere")
    expected = int(amounts[row])
    if int(result.amount.scaleb(2)) != expected:  # pragma: no cover - the differential tests keep this true
        raise AssertionError(f"række {row}: batch {expected} øre, enkeltsag {result.amount}")
    return result


def explain_row(out: Any, row: int, **render: Any) -> str:
    """The explanation of ``row`` of a frame from :func:`stays_frame`, :func:`botilbud107_frame` or
    :func:`botilbud108_frame`: exactly the one-case ``.explain(**render)`` (SEL §§ 107–110).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"arrival": pd.to_datetime(["2024-03-03"]), "departure": pd.to_datetime(["2024-03-13"])})
    >>> out = stays_frame(frame, paragraph=110)
    >>> explain_row(out, 0) == stay(110, date(2024, 3, 3), date(2024, 3, 13)).explain()
    True
    """
    text: str = case_result(out, row).explain(**render)
    return text
