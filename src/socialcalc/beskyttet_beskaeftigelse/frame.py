"""SEL § 103 transport and hourly wage for a table of cases, and the explanation of any of their rows.

:func:`transport_frame` reads a pandas, polars or pyarrow table (the rules of :mod:`socialcalc.batch.frame`:
float kroner by the float rule, ``<name>_ore`` as is), runs :func:`socialcalc.beskyttet_beskaeftigelse.batch.
transport` and returns a table of the same kind. Besides the figures and codes it keeps the inputs each row was
computed from as integer columns (``days``, ``distance_m``, ``net_earnings_ore``, the price in øre, ``on``,
``kommune``), so that :func:`explain_row` explains a row on its own, exactly as the one-case function's
``.explain()`` would, in any audience, language and format. :func:`wage_frame` does the same for the hourly
wage (:func:`socialcalc.beskyttet_beskaeftigelse.batch.hourly_wage`, BEK § 1): a filtered or copied result, or
one read back from Parquet, still explains its own rows.

>>> import pandas as pd
>>> from datetime import date
>>> frame = pd.DataFrame({"days": [20, 20], "distance_km": [25.0, 8.0], "net_earnings": [1500.0, 1500.0],
...                       "per_km": [1.5, 1.5]})
>>> out = transport_frame(frame, on=date(2025, 3, 1), money="decimal")
>>> out["municipality"].tolist() == [Decimal("1050.00"), Decimal("30.00")]
True
>>> print(explain_row(out, 1).splitlines()[-2])
Kommunen betaler resten, 30,00 kr.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from socialcalc.batch.columns import BatchInputError, int_column
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
from socialcalc.beskyttet_beskaeftigelse import batch
from socialcalc.beskyttet_beskaeftigelse import beslutning as b
from socialcalc.beskyttet_beskaeftigelse._common import ore
from socialcalc.beskyttet_beskaeftigelse.befordring import PriceForm, Transport
from socialcalc.beskyttet_beskaeftigelse.fakta import transport_facts, transport_rates, wage_facts, wage_rates
from socialcalc.beskyttet_beskaeftigelse.loen import HourlyWage, WageBasis
from socialcalc.errors import InvalidInput
from socialcalc.kernel import PY
from socialcalc.ratebook import RateBook

__all__ = ["transport_frame", "transport_of_row", "wage_frame", "wage_of_row"]
"""Re-exported by :mod:`socialcalc.batch.frame` (``explain_row`` is not: there it is the dispatcher that calls this
module's :func:`explain_row`)."""

RULE = "sel103"
"""``out.attrs["socialcalc"]["rule"]`` of a frame this module made: :func:`socialcalc.batch.frame.explain_row`
dispatches on it."""
_FIGURES = ("total", "citizen", "municipality", "citizen_before_cap", "citizen_cap")
_PRICES = ("per_km", "daily_total", "daily_within_10km")
_WAGE_FIGURES = ("amount", "floor", "cap")
_BASES = {b.ASSESSED: WageBasis.ASSESSED, b.FLOOR: WageBasis.FLOOR, b.CAP: WageBasis.CAP,
          b.FLOOR_OVER_CAP: WageBasis.FLOOR_OVER_CAP}
_BASIS_LABELS = {code: basis.value for code, basis in _BASES.items()}
_BASIS_CODES = {label: code for code, label in _BASIS_LABELS.items()}


def transport_frame(
    frame: Any,
    *,
    on: Any = None,
    kommune: Any = None,
    money: Money = "ore",
    rates: RateBook | None = None,
) -> Any:
    """SEL § 103 transport for every row of ``frame`` (:func:`socialcalc.beskyttet_beskaeftigelse.batch.transport`).

    Columns read: ``days`` (int), ``distance_km`` (km; or ``distance_m``, whole metres), ``net_earnings`` (or
    ``_ore``), and the price in one form: ``per_km`` (or ``_ore``), or ``daily_total`` and ``daily_within_10km``
    (or ``_ore``); ``on`` and ``kommune`` as columns or keywords.

    Columns out: ``total``, ``citizen``, ``municipality``, ``citizen_before_cap``, ``citizen_cap`` (see
    ``money``), ``capped``, ``within_own_distance``; and the inputs of each row for :func:`explain_row`:
    ``days``, ``distance_m``, ``net_earnings_ore``, ``per_km_ore`` or ``daily_total_ore`` and
    ``daily_within_10km_ore``, ``on``, ``kommune``.

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = transport_frame(pd.DataFrame({"days": [20], "distance_km": ["25"], "net_earnings": ["1500"],
    ...                                     "per_km": ["1.50"]}), on=date(2025, 3, 1))
    >>> int(out.loc[0, "municipality_ore"]), int(out.loc[0, "distance_m"]), bool(out.loc[0, "capped"])
    (105000, 25000, True)
    """
    money = _check_money(money)
    read = _Reader(frame)
    n = len(read.frame)
    with read.relabel():
        if not read.has("days"):
            raise BatchInputError("days", 0, "mangler", code="batch.column_missing", name="'days' (arbejdsdage)")
        distance = read.amount("distance_km", places=3) if not read.has("distance_m") else \
            int_column(read.values("distance_m"), "distance_m", unit="metres")
        day = read.date_setting("on", on)
        if day is None:
            raise BatchInputError("on", 0, "mangler", code="batch.column_or_keyword", name="on")
        days = read.values("days")
        net = read.amount("net_earnings")
        prices = {name: read.amount(name, required=False) for name in _PRICES}
        kommuner = read.setting("kommune", kommune, labels=True)
        result = batch.transport(days, distance, net, on=day, kommune=kommuner, rates=rates, **prices)
    out: dict[str, Any] = {}
    for name in _FIGURES:
        _put_money(out, name, getattr(result, name), money, copy=False)
    out["capped"] = result.capped
    out["within_own_distance"] = result.within_own_distance
    # the inputs of each row, as the kernel read them (explain_row explains a row from these alone)
    # (an input column already in int64 is handed back as it is: pandas keeps the two frames apart)
    given = {"days": days, "distance_m": distance, "net_earnings_ore": net,
             **{f"{name}_ore": values for name, values in prices.items() if values is not None}}
    for name, values in given.items():
        same = read.echo(name, "int64")
        out[name] = np.asarray(values, dtype=np.int64) if same is None else same
    out["on"] = _days_column(day, n)
    out["kommune"] = _kommune_categorical(kommuner, n)
    attrs = {**read.attrs(money), "rule": RULE, "frame": "transport"}
    if rates is not None:  # by reference (written to Arrow and Parquet as a note: see Kept)
        attrs["rates"] = KeptBook(rates)
    return _frame(out, read, attrs)


def wage_frame(
    frame: Any,
    *,
    on: Any = None,
    kommune: Any = None,
    money: Money = "ore",
    rates: RateBook | None = None,
) -> Any:
    """SEL § 103 hourly wage for every row of ``frame`` (:func:`socialcalc.beskyttet_beskaeftigelse.batch.
    hourly_wage`; BEK § 1: ``max(floor, min(assessed, cap))``).

    Columns read: ``assessed`` and ``field_lowest_wage`` (kroner per hour by the float rule, or ``<name>_ore``);
    ``on`` and ``kommune`` as columns or keywords.

    Columns out: ``amount``, ``floor``, ``cap`` (kroner per hour, see ``money``; ``cap`` is 0 where ``has_cap``
    is false), ``has_cap`` (bool), ``basis`` (categorical: ``assessed``, ``floor``, ``cap``,
    ``floor_over_cap``, the values of :class:`~socialcalc.beskyttet_beskaeftigelse.WageBasis`); and the inputs
    of each row for :func:`explain_row`: ``assessed_ore``, ``field_lowest_wage_ore`` (int64 øre), ``on``
    (datetime64[D]), ``kommune`` (categorical).

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = wage_frame(pd.DataFrame({"assessed": ["35", "35"], "field_lowest_wage": ["180.00", "700"]}),
    ...                  on=date(2025, 1, 6), kommune="lejre", money="decimal")
    >>> out["amount"].tolist() == [Decimal("30.00"), Decimal("35.00")], out["basis"].tolist()
    (True, ['cap', 'floor_over_cap'])
    >>> from socialcalc.beskyttet_beskaeftigelse import hourly_wage
    >>> one = hourly_wage("35", field_lowest_wage="180.00", on=date(2025, 1, 6), kommune="lejre")
    >>> explain_row(out, 0, audience="sagsbehandler") == one.explain(audience="sagsbehandler")
    True
    """
    money = _check_money(money)
    read = _Reader(frame)
    n = len(read.frame)
    with read.relabel():
        assessed = read.amount("assessed")
        lowest = read.amount("field_lowest_wage")
        day = read.date_setting("on", on)
        if day is None:
            raise BatchInputError("on", 0, "mangler", code="batch.column_or_keyword", name="on")
        kommuner = read.setting("kommune", kommune, labels=True)
        result = batch.hourly_wage(assessed, lowest, on=day, kommune=kommuner, rates=rates)
    out: dict[str, Any] = {}
    for name in _WAGE_FIGURES:
        _put_money(out, name, getattr(result, name), money, copy=False)
    out["has_cap"] = np.asarray(result.has_cap, dtype=np.bool_)
    out["basis"] = _labelled(result.basis, _BASIS_LABELS)
    # the inputs of each row, as the kernel read them (explain_row explains a row from these alone)
    out["assessed_ore"] = np.asarray(assessed, dtype=np.int64)
    out["field_lowest_wage_ore"] = np.asarray(lowest, dtype=np.int64)
    out["on"] = _days_column(day, n)
    out["kommune"] = _kommune_categorical(kommuner, n)
    attrs = {**read.attrs(money), "rule": RULE, "frame": "wage"}
    if rates is not None:  # by reference (written to Arrow and Parquet as a note: see Kept)
        attrs["rates"] = KeptBook(rates)
    return _frame(out, read, attrs)


def _days_column(day: Any, n: int) -> Any:
    if isinstance(day, date):
        return np.full(n, np.datetime64(day, "D"))
    return np.asarray(day).astype("datetime64[D]")


def _value(out: pd.DataFrame, name: str, row: int) -> Any:
    value = out[name].iloc[row]
    return value.item() if isinstance(value, np.generic) else value


def _money(out: pd.DataFrame, name: str, row: int) -> Decimal:
    if f"{name}_ore" in out.columns:
        return ore(int(_value(out, f"{name}_ore", row)))
    return Decimal(_value(out, name, row)).quantize(Decimal("0.01"))


def transport_of_row(out: Any, row: int) -> Transport:
    """The one-case result of row ``row`` (its position) of a :func:`transport_frame` output, from the row alone.

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = transport_frame(pd.DataFrame({"days": [20], "distance_m": [8000], "net_earnings_ore": [150000],
    ...                                     "per_km_ore": [150]}), on=date(2025, 3, 1))
    >>> transport_of_row(out, 0).municipality
    Decimal('30.00')
    """
    out, book = _opened(out, "transport")
    day, kommune = _day_and_kommune(out, row)
    table = book.at(day, kommune)
    used = transport_rates(table)
    days = int(_value(out, "days", row))
    distance = Decimal(int(_value(out, "distance_m", row))).scaleb(-3)
    net = ore(int(_value(out, "net_earnings_ore", row)))
    price = {name: ore(int(_value(out, f"{name}_ore", row))) if f"{name}_ore" in out.columns else None
             for name in _PRICES}
    figures = {name: _money(out, name, row) for name in _FIGURES}
    capped, within = bool(_value(out, "capped", row)), bool(_value(out, "within_own_distance", row))
    explanation = transport_facts(
        days=days, distance_km=distance, net_earnings=net, per_km=price["per_km"],
        daily_total=price["daily_total"], daily_within_10km=price["daily_within_10km"], rates=used,
        total=figures["total"], before=figures["citizen_before_cap"], cap=figures["citizen_cap"],
        citizen=figures["citizen"], municipality=figures["municipality"], capped=capped, within=within)
    return Transport.built(amount=figures["municipality"], explanation=explanation, projected=explanation.projected,
                     total=figures["total"], citizen=figures["citizen"], municipality=figures["municipality"],
                     capped=capped, citizen_before_cap=figures["citizen_before_cap"],
                     citizen_cap=figures["citizen_cap"], within_own_distance=within,
                     price_form=PriceForm.PER_KM if price["per_km"] is not None else PriceForm.ZONE,
                     days=days, distance_km=distance, net_earnings=net, on=day, kommune=table.kommune, **price)


def _opened(out: Any, kind: str | None) -> tuple[pd.DataFrame, RateBook]:
    """``out`` as a pandas frame and the rate book it was computed with (the default book if none is kept)."""
    attrs = out.attrs.get("socialcalc", {}) if hasattr(out, "attrs") else {}
    book = kept_book(attrs, "transport_frame eller wage_frame")
    if not isinstance(out, pd.DataFrame):
        out = pd.DataFrame(out.to_pandas()) if hasattr(out, "to_pandas") else pd.DataFrame(out)
    if kind is not None:
        needed = _NEEDED[kind]
        if missing := [name for name in needed if name not in out.columns]:
            raise InvalidInput("out", missing[0], code="input.frame",
                               rule=f"kolonnen {missing[0]!r} mangler (den skrives af {kind}_frame)")
    return out, book


_NEEDED = {"transport": ("days", "distance_m", "net_earnings_ore", "on", "kommune", "capped",
                         "within_own_distance"),
           "wage": ("assessed_ore", "field_lowest_wage_ore", "on", "kommune", "has_cap", "basis")}


def _day_and_kommune(out: pd.DataFrame, row: int) -> tuple[date, str | None]:
    day = pd.Timestamp(_value(out, "on", row)).date()
    kommune = _value(out, "kommune", row)
    kommune = None if kommune is None or (isinstance(kommune, float) and kommune != kommune) else str(kommune)
    return day, kommune


def wage_of_row(out: Any, row: int) -> HourlyWage:
    """The one-case result of row ``row`` (its position) of a :func:`wage_frame` output, from the row alone
    (SEL § 103; BEK § 1).

    The wage's figures and basis code are the row's; the decision is run again on the row's inputs
    (:func:`socialcalc.beskyttet_beskaeftigelse.beslutning.hourly_wage`) and a row whose figures differ from it
    (a frame changed after it was computed) is refused with an :class:`~socialcalc.errors.InvalidInput`.

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = wage_frame(pd.DataFrame({"assessed_ore": [3500], "field_lowest_wage_ore": [18000]}),
    ...                  on=date(2025, 1, 6), kommune="lemvig")
    >>> wage_of_row(out, 0).amount, wage_of_row(out, 0).basis.value
    (Decimal('35.00'), 'assessed')
    """
    out, book = _opened(out, "wage")
    day, kommune = _day_and_kommune(out, row)
    table = book.at(day, kommune)
    used = wage_rates(table)
    assessed, lowest = int(_value(out, "assessed_ore", row)), int(_value(out, "field_lowest_wage_ore", row))
    figures = {name: _money(out, name, row) for name in _WAGE_FIGURES}
    has_cap = bool(_value(out, "has_cap", row))
    label = str(_value(out, "basis", row))
    share_num, share_den = b.share_ratio(Decimal(used.share.value))
    cap_ore = None if used.cap is None else b.ore_of_rate(Decimal(used.cap.value))
    decided = b.hourly_wage(PY, assessed=assessed, lowest=lowest, share_num=share_num, share_den=share_den,
                            cap=cap_ore or 0, has_cap=cap_ore is not None)
    rebuilt = {"amount": ore(decided.amount), "floor": ore(decided.floor), "cap": ore(cap_ore or 0)}
    if rebuilt != figures or has_cap != (cap_ore is not None) or _BASIS_CODES.get(label) != decided.basis:
        raise InvalidInput("out", row, code="input.frame",
                           rule=f"række {row} er ændret, efter den blev beregnet ({figures['amount']} kr. i "
                                f"rammen, {rebuilt['amount']} kr. ud fra rækkens oplysninger)")
    cap = None if cap_ore is None else rebuilt["cap"]
    explanation = wage_facts(assessed=ore(assessed), field_lowest_wage=ore(lowest), on=day, kommune=table.kommune,
                             rates=used, floor=rebuilt["floor"], cap=cap, amount=rebuilt["amount"],
                             basis=int(decided.basis))
    return HourlyWage.built(amount=rebuilt["amount"], explanation=explanation, projected=explanation.projected,
                      assessed=ore(assessed), field_lowest_wage=ore(lowest), floor=rebuilt["floor"], cap=cap,
                      basis=_BASES[int(decided.basis)], on=day, kommune=table.kommune)


def explain_row(out: Any, row: int, **render: Any) -> str:
    """The explanation of row ``row`` (its position) of a :func:`transport_frame` or :func:`wage_frame` output
    (SEL § 103): the text the one-case :func:`~socialcalc.beskyttet_beskaeftigelse.transport` or
    :func:`~socialcalc.beskyttet_beskaeftigelse.hourly_wage` gives for it (``audience``, ``locale``,
    ``format`` as for ``.explain()``). Which one is read from ``out.attrs["socialcalc"]["frame"]`` (without
attrs, as after a Parquet round trip, from the columns); the default rate book is used where none is kept.

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = transport_frame(pd.DataFrame({"days": [20], "distance_m": [25000], "net_earnings_ore": [150000],
    ...                                     "per_km_ore": [150]}), on=date(2025, 3, 1))
    >>> "1.050,00 kr." in explain_row(out, 0, audience="sagsbehandler")
    True
    """
    attrs = out.attrs.get("socialcalc", {}) if hasattr(out, "attrs") else {}
    kind = attrs.get("frame") if isinstance(attrs, dict) else None
    if kind is None:  # no attrs (a Parquet round trip): the columns tell
        kind = "wage" if "assessed_ore" in getattr(out, "columns", ()) else "transport"
    if kind == "wage":
        text: str = wage_of_row(out, row).explain(**render)
    elif kind == "transport":
        text = transport_of_row(out, row).explain(**render)
    else:
        raise InvalidInput("out", kind, code="batch.not_result", functions="transport_frame eller wage_frame")
    return text
