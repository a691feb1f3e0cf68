"""``calculate``: the monthly § 100 payment under the regime of the decision date.

The **regime follows the decision date** (``sel100.regime`` read on ``decided_on``); the **rates follow the
payment month** (``on``, by default the decision date). An award under the old rules (merudgiftsydelse) that is
paid after the band tables ended (``book.spec("sel100.bands").ends``) is paid at the table in force on that
last day, as the transition rule says, frozen or regulated as the policy ``sel100.transition_reading`` says
(:func:`~socialcalc.merudgift.ordning.old_award_table`; the explanation names the reading); that table is not
published in our sources, so strict mode raises :class:`~socialcalc.errors.RateNotPublished` and
``project=True`` gives a projected amount, flagged. Paid on or after ``sel100.transition_deadline`` it is
refused before any amount is looked up.

**Rounding.** Inputs are exact. A yearly figure is divided by 12 for the explanation and for full cover, but
compared with every bound and limit exactly (the bound is multiplied by 12). Amounts paid are rounded to øre,
half up (a documented full-cover amount is the monthly expenses to the øre; standard amounts are whole kroner).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, dato, kr, maaned
from socialcalc.merudgift.kompensation import kompensation
from socialcalc.merudgift.model import GroupName, MerudgiftResult
from socialcalc.merudgift.ordning import (
    check_transition,
    months_of,
    old_award_table,
    reading_text,
    regime_at,
    to_day,
    transition_text,
)
from socialcalc.merudgift.ydelse import band_label, choose_band, table_text
from socialcalc.money import non_negative, round_ore
from socialcalc.months import Month
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, default_book

__all__ = ["calculate"]

_GROUPS: tuple[GroupName, ...] = ("I", "II")


def _group(value: Any) -> GroupName | None:
    if value is None:
        return None
    if value == "I":
        return "I"
    if value == "II":
        return "II"
    raise InvalidInput("group", repr(value), code="input.group")


@exact
def calculate(
    expenses: Decimal | int | str,
    *,
    decided_on: date,
    on: date | None = None,
    per: str = "month",
    documented: bool = False,
    listed_documented: Decimal | int | str | None = None,
    group: str | None = None,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> MerudgiftResult:
    """The monthly payment under SEL § 100 for the payment month of ``on`` (default: ``decided_on``).

    ``expenses`` are the probable necessary extra expenses, per ``"month"`` or per ``"year"``; ``documented``
    says whether they are documented (full cover in the merudgiftsydelse's top band). Under the
    kompensationsydelse, ``listed_documented`` are the documented expenses of the listed types (part of
    ``expenses``) and ``group`` the citizen's choice (``"I"``/``"II"``; ``None``: the recommended group).
    ``project`` (see :mod:`socialcalc.projection`) lets the rate book project a yearly amount it does not
    publish for the payment month; the result then says ``projected=True``.

    >>> r = calculate("1707", decided_on=date(2024, 6, 1))
    >>> r.band, r.amount == Decimal("2277.00")
    (2, True)
    >>> r = calculate("3000", documented=True, decided_on=date(2024, 6, 1))
    >>> r.band, r.amount == Decimal("3000.00")
    ('full', True)
    >>> r = calculate("2500", listed_documented="2500", decided_on=date(2025, 10, 1))
    >>> r.regime, r.recommended_group, r.amount == Decimal("3000.00")
    ('kompensationsydelse', 'II', True)
    """
    amount = non_negative(expenses, "expenses")
    months = months_of(per)
    decided = to_day(decided_on, "decided_on")
    paid_on = decided if on is None else to_day(on, "on")
    if not isinstance(documented, bool):
        raise InvalidInput("documented", repr(documented), code="input.flag")
    listed = None if listed_documented is None else non_negative(listed_documented, "listed_documented")
    if listed is not None and listed > amount:
        raise InvalidInput("listed_documented", listed, code="input.listed_over_total", total=amount)
    chosen = _group(group)
    project = check_project(project)
    book = rates or default_book()
    regime_rate = regime_at(book, decided, kommune)
    month = Month.from_date(paid_on)
    monthly = amount if months == 1 else amount / months
    common: dict[str, Any] = {"decided_on": decided, "month": month, "monthly_expenses": monthly,
                              "documented": documented}
    old = regime_rate.value == "merudgiftsydelse"
    if old and chosen is not None:
        raise InvalidInput("group", chosen, code="input.group_regime", decided=decided)
    deadline = check_transition(book, paid_on, decided) if old else None
    ends = book.spec("sel100.bands").ends if old else None
    rates_on = ends if ends is not None and paid_on > ends else paid_on
    ex = Explainer(f"{'Merudgiftsydelse' if old else 'Kompensationsydelse'} (SEL § 100)")
    ex.step("merudgift.ordning", book.spec("sel100.regime").paragraph,
            f"Afgørelsen er truffet {dato(decided)}; efter de regler, der gælder på afgørelsens dato, er ydelsen "
            f"{regime_rate.value}. Beløbet gælder udbetalingsmåneden {maaned(month)}.",
            inputs={"afgørelse": decided, "måned": month}, rates=[regime_rate])
    if months != 1:
        basis = bands_paragraph(book) if old else book.spec("sel100.komp_minimum").paragraph
        ex.step("merudgift.pr_maaned", basis,
                f"Udgifterne er opgjort pr. år: {kr(amount)} ÷ {months} = {kr(round_ore(monthly))} om måneden "
                "(grænserne sammenlignes med årsbeløbet uden afrunding).",
                inputs={"udgifter_pr_år": amount}, output=monthly)
    if not old:
        k = kompensation(amount, listed, months, chosen=chosen, rates=book.at(paid_on, kommune, project=project),
                         ex=ex)
        explanation = ex.build()
        return MerudgiftResult(amount=k.amount, explanation=explanation, projected=explanation.projected,
                               regime="kompensationsydelse", rates_on=rates_on, groups=k.groups,
                               recommended_group=k.recommended, group=k.group, **common)
    table = old_award_table(book, paid_on, kommune, project)
    if deadline is not None and table.reading is not None:
        reading = table.reading
        ex.step("merudgift.overgang", book.spec("sel100.transition_deadline").paragraph,
                f"{transition_text(deadline, rates_on)} {reading_text(table)}", rates=[deadline, reading])
    bands = table.bands
    year = bands.valid_from.year
    kind = " (fremskrevet)" if bands.projected else ""
    choice = choose_band(amount, months, bands.value, documented=documented)
    ex.step("merudgift.interval", bands_paragraph(book),
            f"Efter {year}-tabellen{kind} ({table_text(bands.value)}): {choice.reading} "
            f"Resultat: {band_label(choice.band)}, {kr(choice.amount)} om måneden.",
            inputs={"udgifter_pr_md": monthly, "dokumenteret": "ja" if documented else "nej"},
            rates=[bands], output=choice.amount)
    if listed is not None:
        ex.step("merudgift.positivliste", bands_paragraph(book),
                "Dokumenterede udgifter på positivlisten indgår ikke særskilt i merudgiftsydelsen; de er en del af "
                "de samlede udgifter.", inputs={"dokumenteret_positivliste": listed})
    explanation = ex.build()
    return MerudgiftResult(amount=choice.amount, explanation=explanation, projected=explanation.projected,
                           regime="merudgiftsydelse", rates_on=rates_on, band=choice.band, table_year=year,
                           **common)


def bands_paragraph(book: RateBook) -> str:
    """The legal basis of the band tables, as the rate book declares it (SEL § 100 stk. 3).

    >>> bands_paragraph(default_book()).startswith("SEL § 100 stk. 3")
    True
    """
    return book.spec("sel100.bands").paragraph
