"""Frame adapters of SEL §§ 107–110 egenbetaling: a pandas, polars or pyarrow table in, the same kind out.

:func:`stays_frame` (§§ 109/110) runs :func:`socialcalc.egenbetaling.batch.stays` on every row, with the column
conventions of :mod:`socialcalc.batch.frame` (amounts in and out, the float rule, errors naming the column).
Also importable as ``socialcalc.batch.frame.stays_frame``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import Money, _check_money, _frame, _labelled, _put_money, _Reader
from socialcalc.egenbetaling import batch
from socialcalc.ratebook import RateBook

__all__ = ["stays_frame"]

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
                raise BatchInputError(name, 0, "missing", f"the frame needs a column {name!r}")
        para = read.setting("paragraph", paragraph)
        if para is None:
            raise BatchInputError("paragraph", 0, "missing", "give a paragraph column or paragraph=")
        shares = read.optional_objects("reduction_share") if read.has("reduction_share") else None
        if shares is not None:
            shares = np.array([Decimal(0) if s is None else s for s in shares.tolist()], dtype=object)
        result = batch.stays(
            para, read.date_setting("arrival", None), read.date_setting("departure", None),
            has_income=read.setting("has_income", has_income, True),
            reduction=read.amount("reduction", required=False), reduction_share=shares,
            kommune=read.setting("kommune", kommune, labels=True), rates=rates)
    out: dict[str, Any] = {"days": result.days, "day_count": _labelled(result.day_count, _DAY_COUNTS)}
    for name in ("gross", "reduction", "amount"):
        _put_money(out, name, getattr(result, name), money)
    return _frame(out, read, read.attrs(money))
