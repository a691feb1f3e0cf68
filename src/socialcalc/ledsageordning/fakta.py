"""The facts of SEL § 97: one builder per result, called by the one-case path and by ``explain_row``.

A builder takes what the shared decisions (:mod:`socialcalc.ledsageordning.regel`) returned, as plain integers
(minutes, øre) and grant months, with the rates of the month and the dated citations (``hjemmel.sel097.*``),
and names them as facts. It decides nothing; its text lives in ``tekster.da.toml`` / ``tekster.en.toml`` and is
rendered only when someone asks (``.explain()``).

- :func:`month_facts`: one month of the hour bank (lapse, grant, cap, use in the order of use, closing
  balance by month of grant). :meth:`socialcalc.ledsageordning.Bank.statement` and
  :func:`socialcalc.ledsageordning.frame.explain_row` both call it, so a batch row reads exactly as the
  one-case statement of that person and month.
- :func:`grant_facts`: the yearly expense grant.

>>> from socialcalc.ledsageordning import Bank
>>> Bank.open("2024-01").statement("2024-07").explanation.steps[0].step
'sel097.bank.bortfald.lapsed'
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from socialcalc.explain import Explainer, Explanation, Fact, fact
from socialcalc.ledsageordning.tid import hours_of
from socialcalc.months import Month
from socialcalc.ratebook import Rate, RateBook

__all__ = ["cite", "grant_facts", "month_facts"]

_Lots = Sequence[tuple[Month, int]]


def cite(book: RateBook, month: Month, kommune: str | None, what: str) -> Rate:
    """The citation ``hjemmel.sel097.<what>`` in force on the first day of ``month``.

    >>> from socialcalc.ratebook import default_book
    >>> cite(default_book(), Month(2024, 3), None, "tilskud").value
    'serviceloven § 97, stk. 7, jf. § 9 i bekendtgørelse nr. 235/2012'
    """
    return book.at(month.first_day, kommune).get(f"hjemmel.sel097.{what}")


def _h(minutes: int) -> Decimal:
    return hours_of(minutes)


def _parts(lots: _Lots) -> tuple[Fact, ...]:
    return tuple(fact("sel097.bank.lot", inputs={"granted_in": g}, outputs={"hours": _h(n)}) for g, n in lots)


def month_facts(*, book: RateBook, kommune: str | None, month: Month, start: Month,
                rates: tuple[Rate, Rate, Rate, Rate], saving: int, per_month: int, cap: int, order: str,
                opening: int, lapsed: _Lots, deduction: int, granted: int, lost: int, used: _Lots,
                closing: _Lots) -> Explanation:
    """The facts of one month of the § 97 hour bank (BEK 235/2012 § 6 stk. 1), from the decision's figures.

    ``rates``: the month's ``sel097.hours_per_month``, ``saving_months``, ``max_hours`` and ``order_of_use``.
    Minutes are exact; lots are (month of grant, minutes): ``lapsed`` and ``closing`` oldest first, ``used``
    in the order the hours were taken.
    """
    per_rate, saving_rate, cap_rate, order_rate = rates
    ex = Explainer("sel097.title.timebank")
    opsparing = cite(book, month, kommune, "opsparing")
    lapsed_total = sum(n for _, n in lapsed)
    if lapsed:
        ex.fact("sel097.bank.bortfald.lapsed", basis=opsparing, inputs={"month": month, "saving": saving},
                outputs={"lapsed": _h(lapsed_total)}, rates=(saving_rate,), parts=_parts(lapsed))
    elif month - saving < start:
        ex.fact("sel097.bank.bortfald.none_yet", basis=opsparing,
                inputs={"month": month, "saving": saving, "start": start, "first_lapse": start + saving},
                outputs={"lapsed": _h(0)}, rates=(saving_rate,))
    else:
        ex.fact("sel097.bank.bortfald.none", basis=opsparing,
                inputs={"month": month, "saving": saving, "cutoff": month - saving}, outputs={"lapsed": _h(0)},
                rates=(saving_rate,))
    bevilling = cite(book, month, kommune, "bevilling")
    if deduction:
        ex.fact("sel097.bank.bevilling.fradrag", basis=bevilling,
                inputs={"month": month, "per_month": _h(per_month), "deduction": _h(deduction)},
                outputs={"granted": _h(granted)}, rates=(per_rate,))
    else:
        ex.fact("sel097.bank.bevilling.standard", basis=bevilling, inputs={"month": month},
                outputs={"granted": _h(granted)}, rates=(per_rate,))
    after_lapse = opening - lapsed_total
    credited = granted - lost
    available = after_lapse + credited
    if lost:
        ex.fact("sel097.bank.loft.cut", basis=opsparing, inputs={"cap": _h(cap), "after_lapse": _h(after_lapse)},
                outputs={"credited": _h(credited), "lost": _h(lost)}, rates=(cap_rate,))
    else:
        ex.fact("sel097.bank.loft.ok", basis=opsparing, inputs={"cap": _h(cap)},
                outputs={"available": _h(available)}, rates=(cap_rate,))
    used_total = sum(n for _, n in used)
    if used:
        ex.fact("sel097.bank.forbrug.used", basis=cite(book, month, kommune, "raekkefoelge"),
                inputs={"order": order, "available": _h(available)}, outputs={"used": _h(used_total)},
                rates=(order_rate,), parts=_parts(used))
    else:
        ex.fact("sel097.bank.forbrug.none", basis=None, inputs={"order": order, "available": _h(available)},
                outputs={"used": _h(0)}, rates=(order_rate,))
    closing_total = sum(n for _, n in closing)
    if closing:
        ex.fact("sel097.bank.saldo.lots", basis=None, inputs={"month": month}, outputs={"closing": _h(closing_total)},
                parts=_parts(closing))
    else:
        ex.fact("sel097.bank.saldo.empty", basis=None, inputs={"month": month}, outputs={"closing": _h(0)})
    return ex.build()


def grant_facts(*, book: RateBook, kommune: str | None, year: int, expenses: Decimal, maximum: Decimal,
                amount: Decimal, capped: bool, rate: Rate) -> Explanation:
    """The facts of the yearly expense grant (SEL § 97 stk. 7; BEK 235/2012 § 9), from the decision."""
    ex = Explainer("sel097.title.tilskud")
    ex.fact("sel097.tilskud.capped" if capped else "sel097.tilskud.full",
            basis=cite(book, Month(year, 1), kommune, "tilskud"), inputs={"year": str(year), "expenses": expenses},
            outputs={"maximum": maximum, "amount": amount}, rates=(rate,))
    return ex.build()
