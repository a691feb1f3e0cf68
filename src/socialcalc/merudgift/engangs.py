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
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, dato, kr
from socialcalc.merudgift.model import OneOffResult
from socialcalc.merudgift.ordning import PER, check_transition, months_of, regime_at, to_day
from socialcalc.merudgift.ydelse import band_label, choose_band, table_text
from socialcalc.money import ZERO, non_negative, round_ore
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, default_book

__all__ = ["one_off"]


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
    run = None if running is None else non_negative(running, "running")
    project = check_project(project)
    book = rates or default_book()
    paragraph = f"{book.spec('sel100.minimum').paragraph} § 9"
    ex = Explainer("Enkeltstående merudgift (SEL § 100)")
    if recipient:
        deadline = check_transition(book, decided, None, "decided_on")
        paid = round_ore(value)
        ex.step("merudgift.engangs.modtager", paragraph,
                f"Borgeren får allerede merudgiftsydelse: den enkeltstående merudgift på {kr(paid)} dækkes ved "
                "en enkeltstående udbetaling, uanset størrelsen og uden regulering af det månedlige beløb "
                f"(en bevilling efter de hidtidige regler løber senest til {dato(deadline.value)}).",
                inputs={"enkeltudgift": value}, rates=[deadline], output=paid)
        return _result(ex, "recipient", decided, paid, granted=True)
    regime = regime_at(book, decided, kommune)
    if regime.value != "merudgiftsydelse":
        raise InvalidInput("decided_on", decided.isoformat(), code="input.one_off_regime",
                           valid_from=regime.valid_from, paragraph=paragraph)
    day_rates = book.at(decided, kommune, project=project)
    minimum = day_rates.get("sel100.minimum")
    year = PER["year"]
    yearly_minimum = Decimal(minimum.value) * year
    if run is None or run == 0:
        granted = value >= yearly_minimum
        paid = round_ore(value) if granted else round_ore(ZERO)
        verdict = "dækkes ved en enkeltstående udbetaling" if granted else "dækkes ikke"
        ex.step("merudgift.engangs.ingen_loebende", paragraph,
                f"Borgeren har ingen løbende merudgifter. Den enkeltstående merudgift på {kr(value)} skal mindst "
                f"svare til det årlige minimumsbeløb {kr(yearly_minimum)} ({kr(Decimal(minimum.value))} × {year}): "
                f"den {verdict}.",
                inputs={"enkeltudgift": value}, rates=[minimum], output=paid)
        return _result(ex, "no_running", decided, paid, granted=granted)
    if run >= Decimal(minimum.value) * months:
        raise InvalidInput("running", run, code="input.one_off_running", running=run, per=per,
                           per_da="måneden" if per == "month" else "året", minimum=Decimal(minimum.value))
    running_year = run * (year // months)
    total = value + running_year
    granted = total >= yearly_minimum
    text = (f"De løbende merudgifter ({kr(running_year)} om året) er under minimumsbeløbet. Den enkeltstående "
            f"merudgift på {kr(value)} og årets løbende merudgifter udgør tilsammen {kr(total)}; det årlige "
            f"minimumsbeløb er {kr(yearly_minimum)}")
    if not granted:
        ex.step("merudgift.engangs.under_minimum", paragraph, f"{text}: det er ikke nået, og der ydes intet.",
                inputs={"enkeltudgift": value, "løbende_pr_år": running_year}, rates=[minimum],
                output=round_ore(ZERO))
        return _result(ex, "running_under_minimum", decided, round_ore(ZERO), granted=False)
    bands = day_rates.get("sel100.bands")
    choice = choose_band(total, year, bands.value, documented=documented)
    paid = choice.amount * year
    kind = " (fremskrevet)" if bands.projected else ""
    ex.step("merudgift.engangs.under_minimum", paragraph,
            f"{text}: det er nået, så borgeren har ret til merudgiftsydelse i et år, udmålt efter årets samlede "
            f"udgifter og udbetalt i {year} månedlige rater. Efter {bands.valid_from.year}-tabellen{kind} "
            f"({table_text(bands.value)}): {choice.reading} Resultat: {band_label(choice.band)}, "
            f"{kr(choice.amount)} om måneden, i alt {kr(paid)}.",
            inputs={"enkeltudgift": value, "løbende_pr_år": running_year,
                    "dokumenteret": "ja" if documented else "nej"},
            rates=[minimum, bands], output=paid)
    return _result(ex, "running_under_minimum", decided, paid, granted=True, monthly=choice.amount, months=year,
                   band=choice.band, table_year=bands.valid_from.year)


def _result(ex: Explainer, case: str, decided: date, amount: Decimal, *, granted: bool,
            monthly: Decimal | None = None, months: int = 0, band: int | str | None = None,
            table_year: int | None = None) -> OneOffResult:
    explanation = ex.build()
    return OneOffResult.model_validate({
        "amount": amount, "explanation": explanation, "projected": explanation.projected, "case": case,
        "decided_on": decided, "granted": granted, "monthly": monthly, "months": months, "band": band,
        "table_year": table_year})
