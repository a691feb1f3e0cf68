"""The § 117a table adapter: a frame of bookings in, one result row per booking out, each row explainable.

:func:`hastig_sygdom_frame` reads a pandas, polars or pyarrow table of bookings (one row per booking; the
``account`` column says whose), runs the kernel :func:`socialcalc.hastig_sygdom.batch.budgets` and returns the
same kind of table. :func:`explain_row` gives, for one row of a pandas result, exactly the text that the
one-case :meth:`socialcalc.hastig_sygdom.Budget.explain` gives for that account after that row's booking (a
refused row: the account as it stood), through the same facts builder.

>>> import pandas as pd
>>> from datetime import date
>>> frame = pd.DataFrame({"account": ["a", "a", "a"], "paragraph": [112, 116, 97],
...                       "date": [date(2024, 3, 20), date(2024, 4, 2), date(2024, 5, 1)],
...                       "amount": ["18500.00", "9000.00", "15000.00"]})
>>> out = hastig_sygdom_frame(frame, decided_on=date(2024, 3, 10))
>>> out["fits"].tolist(), out["remaining_ore"].tolist()
([True, True, False], [2252200, 1352200, 1352200])
>>> print(explain_row(out, 1).splitlines()[3])
Den 2. april 2024 fik du bevilget mindre boligindretning til en værdi af 9.000,00 kr.; herefter var der \
13.522,00 kr. tilbage af budgettet (serviceloven § 117 a, stk. 1, jf. § 116).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

import numpy as np
import pandas as pd

from socialcalc import coerce
from socialcalc.batch.columns import BatchInputError
from socialcalc.batch.frame import Kept, kept
from socialcalc.errors import InvalidInput
from socialcalc.hastig_sygdom.batch import BudgetBatch, account_codes, budgets
from socialcalc.ratebook import Project, RateBook

__all__ = ["explain_row", "hastig_sygdom_frame"]

RULE = "sel117a"
_EPOCH = date(1970, 1, 1).toordinal()


@dataclass(frozen=True, eq=False)
class _Rows(Kept):
    """The bookings as the kernel read them and its result: what :func:`explain_row` needs, kept in ``attrs`` by
    reference (not copied with the frame, never compared by ``pd.concat``, which failed on a plain dict of arrays;
    written to Arrow and Parquet as a note: :class:`~socialcalc.batch.frame.Kept`)."""

    data: dict[str, Any]


def hastig_sygdom_frame(
    frame: Any,
    *,
    decided_on: Any = None,
    kommune: Any = None,
    money: Any = "ore",
    rates: RateBook | None = None,
    project: Project = False,
) -> Any:
    """SEL § 117a for every booking of ``frame`` (:func:`socialcalc.hastig_sygdom.batch.budgets`).

    Columns read: ``account`` (whose budget), ``paragraph`` (83, 97, 112 or 116), ``date`` (the booking's
    day), ``amount`` (kroner) or ``amount_ore``; optionally ``description``, ``decided_on`` and ``kommune``
    (or one value for every row as a keyword; ``decided_on`` is required one way or the other). Rows are booked
    in their order within each account.

    Columns out: ``fits`` (booked; ``False``: over the remaining budget, refused), ``remaining`` and ``total``
    (see ``money``), ``position`` (the row's place among its account's bookings), ``ordinary_rules_apply``,
    ``projected``, ``input_row`` (the row's position in ``frame``: :func:`explain_row` of a filtered or sorted
    copy maps its rows through it).

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = hastig_sygdom_frame(pd.DataFrame({"account": [7], "paragraph": [83], "date": [date(2023, 10, 1)],
    ...                                         "amount_ore": [3975000]}), decided_on=date(2023, 10, 1))
    >>> out["ordinary_rules_apply"].tolist()
    [True]
    """
    from socialcalc.batch.frame import INPUT_ROW, _check_money, _frame, _input_rows, _put_money, _Reader

    money = _check_money(money)
    read = _Reader(frame)
    with read.relabel({"amount": "amount_ore" if read.has("amount_ore") else "amount"}):
        for name in ("account", "paragraph", "date"):
            if not read.has(name):
                raise BatchInputError(name, 0, "mangler", code="batch.column_missing", name=repr(name))
        decided = read.date_setting("decided_on", decided_on)
        if decided is None:
            raise BatchInputError("decided_on", 0, "mangler", code="batch.column_or_keyword", name="decided_on")
        amount = read.amount("amount")
        account = read.values("account")
        paragraph = read.values("paragraph")
        day = read.date_setting("date", None)
        names = read.setting("kommune", kommune, labels=True)
        result = budgets(account, decided, paragraph, day, amount,
                         kommune=list(names) if isinstance(names, np.ndarray) else names, rates=rates,
                         project=project)
    descriptions = (read.optional_objects("description") if read.has("description")
                    else np.full(len(result.fits), None, dtype=object))
    out: dict[str, Any] = {"fits": result.fits}
    _put_money(out, "remaining", result.remaining_ore, money)
    _put_money(out, "total", result.total_ore, money)
    out["position"] = result.position
    out["ordinary_rules_apply"] = result.ordinary_rules_apply
    out["projected"] = result.projected
    out[INPUT_ROW] = _input_rows(len(result.fits))
    attrs = read.attrs(money)
    attrs["rule"] = RULE
    attrs[RULE] = _Rows({
        "batch": result,
        "account": account_codes(np.asarray(account)),
        "decided_on": np.asarray(decided, dtype="datetime64[D]").astype(np.int64).reshape(-1)
        if np.ndim(decided) else np.full(len(result.fits), np.datetime64(decided, "D").astype(np.int64)),
        "paragraph": np.asarray(paragraph, dtype=np.int64).reshape(-1),
        "date": np.asarray(day, dtype="datetime64[D]").astype(np.int64).reshape(-1),
        "amount_ore": np.asarray(amount, dtype=np.int64),
        "description": ["" if d is None else coerce.text(str(d), "description") for d in descriptions],
    })
    return _frame(out, read, attrs)


def _day(days: int) -> date:
    return date.fromordinal(_EPOCH + int(days))


def explain_row(out: Any, row: int, *, audience: str = "borger", locale: str = "da", format: str = "text") -> str:
    """The explanation of ``row`` of a :func:`hastig_sygdom_frame` result: the one-case account's text.

    The account as it stands after the row's booking (after the bookings before it, if the row was refused),
    rendered for ``audience`` in ``locale`` and ``format`` like :meth:`socialcalc.hastig_sygdom.Budget.explain`.

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = hastig_sygdom_frame(pd.DataFrame({"account": [1], "paragraph": [112], "date": [date(2024, 3, 20)],
    ...                                         "amount": ["100.00"]}), decided_on=date(2024, 3, 10))
    >>> explain_row(out, 0, audience="sagsbehandler").splitlines()[0]
    'Hjælp ved hastigt fremadskridende sygdom: budget'
    """
    from socialcalc.batch.frame import _input_row
    from socialcalc.explain import Audience, Format, Locale
    from socialcalc.hastig_sygdom.budget import Booking, Paragraph
    from socialcalc.hastig_sygdom.facts import facts

    meta = (getattr(out, "attrs", None) or {}).get("socialcalc", {})
    rows = kept(meta, RULE, "hastig_sygdom_frame")
    if not isinstance(rows, _Rows) or not isinstance(rows.data.get("batch"), BudgetBatch):
        raise InvalidInput("out", type(out).__name__, code="batch.not_result", functions="hastig_sygdom_frame")
    data = rows.data
    batch: BudgetBatch = data["batch"]
    if isinstance(row, bool) or not isinstance(row, int | np.integer) or not 0 <= int(row) < len(out):
        raise BatchInputError("row", int(row), int(row), f"tabellen har {len(out)} rækker")
    position = _input_row(out, int(row), len(batch.fits), {"remaining_ore": np.asarray(batch.remaining_ore),
                                                         "total_ore": np.asarray(batch.total_ore)},
                          "hastig_sygdom_frame")
    mine = np.flatnonzero((data["account"] == data["account"][position])
                          & (batch.position <= batch.position[position]) & batch.fits)
    mine = mine[np.argsort(batch.position[mine], kind="stable")]
    rates = batch.rates[int(batch.rate_index[position])]
    bookings = [Booking.model_construct(paragraph=cast(Paragraph, int(data["paragraph"][r])),
                                        date=_day(data["date"][r]),
                                        amount=Decimal(int(data["amount_ore"][r])).scaleb(-2).quantize(
                                            Decimal("0.01")),
                                        description=data["description"][r], hours=None, minutes=None,
                                        hourly_price=None)
                for r in mine]
    explanation = facts(decided_on=_day(data["decided_on"][position]), total_ore=int(batch.total_ore[position]),
                        projected=bool(batch.projected[position]), rates_used=rates.rates_used,
                        citations=rates.citations, bookings=bookings,
                        remaining_after=[int(batch.remaining_ore[r]) for r in mine])
    text: str = explanation.render(audience=cast(Audience, audience), locale=cast(Locale, locale),
                                   format=cast(Format, format))
    return text


_ = pd
