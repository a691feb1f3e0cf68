"""One-off expenses under the merudgiftsydelse (enkeltstående merudgifter, BEK 931/2020 § 9).

Three cases, by the person's running expenses:

1. ``"recipient"`` (stk. 1): a person who already receives merudgiftsydelse gets the one-off expense paid as a
   single payment, whatever its size, without any change to the monthly amount.
2. ``"no_running"`` (stk. 2): a person with no running extra expenses gets it paid as a single payment if it is
   **at least** the yearly minimum (``sel100.minimum`` × 12).
3. ``"running_under_minimum"`` (stk. 3): a person whose running expenses are under the minimum is entitled to
   the merudgiftsydelse **for one year** if the one-off expense plus the year's running expenses reach the
   yearly minimum. *Reading*: that year's total is the yearly expense figure of the ordinary calculation (band
   table of the decision date, full cover only if documented), paid in 12 monthly amounts, as § 9 stk. 3 says
   the cover of both is paid in monthly rates (§ 7).

A person whose running expenses reach the minimum is entitled to the monthly ydelse itself: that is
:func:`~socialcalc.merudgift.calculate`, and a one-off expense is then case 1. New awards after the change to
the kompensationsydelse are not covered (the regime is read on the decision date); case 1 runs on for an award
under the old rules until the transition deadline.

The decisions (the three cases, "at least" the yearly minimum, the year's band) are
:func:`socialcalc.merudgift.regel.one_off_decision`'s, the same function the batch kernel
(:func:`socialcalc.merudgift.batch.one_off`) runs on arrays.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.kernel import PY
from socialcalc.merudgift import regel
from socialcalc.merudgift.fakta import one_off_explanation
from socialcalc.merudgift.model import OneOffResult
from socialcalc.merudgift.ordning import check_transition, months_of, regime_at, to_day
from socialcalc.money import non_negative
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, Rate, RateBook, book_or_default

__all__ = ["decide_one_off", "one_off", "one_off_result"]


def decide_one_off(expense: Decimal, running: Decimal, months: int, recipient: bool, documented: bool,
                   minimum: Rate | None, bands: Rate | None) -> dict[str, int]:
    """The codes of one one-off case (BEK 931/2020 § 9), by :func:`~socialcalc.merudgift.regel.one_off_decision`.

    >>> decide_one_off(Decimal(5000), Decimal(0), 1, True, False, None, None)["amount"]
    500000
    """
    scale = regel.scale_of(expense, running)
    low = 0 if minimum is None else regel.units(Decimal(minimum.value), 100)
    table = None if bands is None else regel.compiled_bands(bands.value, scale=scale, months=12)
    d = regel.one_off_decision(regel.units(expense, scale), regel.units(running, scale), recipient, documented,
                               low, table, scale=scale, months=months, ops=PY)
    codes = {"case": int(d.case), "granted": int(bool(d.granted)), "amount": int(d.amount),
             "running_over": int(bool(d.running_over))}
    if d.bands is not None:
        codes.update(met=int(d.bands.met), band_case=int(d.bands.case), band=int(d.bands.band),
                     monthly=int(d.bands.amount))
    return codes


@exact
def one_off(
    expense: Decimal | int | str,
    *,
    decided_on: date,
    running: Decimal | int | str | None = None,
    per: str = "month",
    recipient: bool = False,
    documented: bool = False,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> OneOffResult:
    """A one-off extra expense (BEK 931/2020 § 9), decided on ``decided_on``.

    ``recipient``: the person already receives merudgiftsydelse (case 1). Otherwise ``running`` are the
    person's running expenses (per ``per``: ``"month"`` or ``"year"``; ``None`` or 0: none, case 2; under the
    minimum: case 3). ``documented`` matters only in case 3's top band. ``project`` (see
    :mod:`socialcalc.projection`) lets an unpublished minimum or band table be projected; the result then says
    ``projected=True``.

    >>> r = one_off("7296", decided_on=date(2024, 5, 1))
    >>> r.case, r.granted, r.amount == Decimal("7296.00")
    ('no_running', True, True)
    >>> r = one_off("7000", running="100", decided_on=date(2024, 5, 1))
    >>> r.case, r.months, r.monthly == Decimal("1138.00"), r.amount == Decimal("13656.00")
    ('running_under_minimum', 12, True, True)
    """
    value = non_negative(expense, "expense")
    months = months_of(per)
    decided = to_day(decided_on, "decided_on")
    for name, flag in (("recipient", recipient), ("documented", documented)):
        if not isinstance(flag, bool):
            raise InvalidInput(name, repr(flag), code="input.flag")
    run = Decimal(0) if running is None else non_negative(running, "running")
    project = check_project(project)
    book = book_or_default(rates)
    rated = one_off_rates(book, decided, kommune, project, recipient=recipient, running=run, months=months,
                          per=per, expense=value)
    codes = decide_one_off(value, run, months, recipient, documented, rated["minimum"], None)
    if codes["case"] == regel.UNDER_MINIMUM and codes["granted"]:
        rated["bands"] = book.at(decided, kommune, project=project).get("sel100.bands")
        codes = decide_one_off(value, run, months, recipient, documented, rated["minimum"], rated["bands"])
    return one_off_result(book, codes, decided=decided, kommune=kommune, expense=value, running=run,
                          months=months, documented=documented, **rated)


def one_off_rates(book: RateBook, decided: date, kommune: str | None, project: Project, *, recipient: bool,
                  running: Decimal, months: int, per: str, expense: Decimal) -> dict[str, Any]:
    """The rates a one-off case needs, checked in the rule's order (BEK 931/2020 § 9).

    A recipient: the transition deadline (refused on or after it). Otherwise the regime must be the
    merudgiftsydelse, and the monthly minimum of the decision date; running expenses that reach it are refused.

    >>> from socialcalc.ratebook import default_book
    >>> one_off_rates(default_book(), date(2024, 5, 1), None, False, recipient=False, running=Decimal(0),
    ...               months=1, per="month", expense=Decimal(1))["minimum"].value
    608
    """
    if recipient:
        deadline = check_transition(book, decided, None, "decided_on")
        return {"minimum": None, "bands": None, "deadline": deadline, "new_regime": decided >= deadline.valid_from}
    regime = regime_at(book, decided, kommune)
    if regime.value != "merudgiftsydelse":
        paragraph = book.at(regime.valid_from - _DAY, kommune).get("hjemmel.sel100.engangs").value
        raise InvalidInput("decided_on", decided.isoformat(), code="input.one_off_regime",
                           valid_from=regime.valid_from, paragraph=paragraph)
    minimum = book.at(decided, kommune, project=project).get("sel100.minimum")
    if running != 0 and running >= Decimal(minimum.value) * months:
        raise InvalidInput("running", running, code="input.one_off_running", running=running, per=per,
                           per_da="måneden" if per == "month" else "året", minimum=Decimal(minimum.value))
    return {"minimum": minimum, "bands": None, "deadline": None, "new_regime": False}


def one_off_result(book: RateBook, codes: dict[str, int], *, decided: date, kommune: str | None, expense: Decimal,
                   running: Decimal, months: int, documented: bool, minimum: Rate | None, bands: Rate | None,
                   deadline: Rate | None, new_regime: bool) -> OneOffResult:
    """The result model of one one-off case from its codes (BEK 931/2020 § 9).

    >>> one_off("5000", decided_on=date(2024, 5, 1), recipient=True).case
    'recipient'
    """
    explanation = one_off_explanation(book, decided=decided, kommune=kommune, expense=expense,
                                      running=running, months=months, documented=documented, codes=codes,
                                      minimum=minimum, bands=bands, deadline=deadline, new_regime=new_regime)
    case = {regel.RECIPIENT: "recipient", regel.NO_RUNNING: "no_running",
            regel.UNDER_MINIMUM: "running_under_minimum"}[codes["case"]]
    granted = bool(codes["granted"])
    extra: dict[str, Any] = {}
    if case == "running_under_minimum" and granted and bands is not None:
        band: Any = "full" if codes["band"] == regel.BAND_FULL else codes["band"]
        extra = {"monthly": Decimal(codes["monthly"]).scaleb(-2), "months": 12, "band": band,
                 "table_year": bands.valid_from.year}
    return OneOffResult.built(amount=Decimal(codes["amount"]).scaleb(-2), explanation=explanation, case=case,
                              decided_on=decided, granted=granted, **extra)


_DAY = date(2000, 1, 2) - date(2000, 1, 1)
