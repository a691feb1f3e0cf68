"""The facts of SEL § 100: one builder per result, called by the one-case path and by ``explain_row``.

A builder takes the case's inputs, the rates of its dates (:class:`Context`, resolved by :func:`resolve`) and the
**codes** the shared decisions returned (:mod:`socialcalc.merudgift.regel`): band case and number of bands met,
group advice, group II's case, one-off case. It computes nothing the decisions decide; it only names them.
Its text lives in ``tekster.da.toml`` / ``tekster.en.toml`` and is rendered on demand.

Citations are read on the **date of the decision** (``hjemmel.sel100.*``): BEK 1248/2017 before 19 June 2020,
BEK 931/2020 from then, BEK 1070/2025 for the kompensationsydelse, the transition rule of L 201 (2024-25) for
an award under the old rules paid after the change.

>>> from datetime import date
>>> from socialcalc.ratebook import default_book
>>> c = resolve(default_book(), date(2024, 6, 1), date(2024, 6, 1), None, False)
>>> (c.old, c.table is not None and c.table.bands.valid_from.year)
(True, 2024)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from socialcalc.errors import InvalidInput, SocialcalcError
from socialcalc.explain import Explainer, Explanation, Fact, fact
from socialcalc.merudgift import regel
from socialcalc.merudgift.ordning import OldAwardTable, check_transition, old_award_table, regime_at
from socialcalc.months import Month
from socialcalc.ratebook import Project, Rate, RateBook

__all__ = ["KOMP_KEYS", "Context", "band_facts", "komp_facts", "merudgift_explanation", "one_off_explanation",
           "resolve", "table_facts"]

KOMP_KEYS = {"minimum": "sel100.komp_minimum", "group1": "sel100.komp_group1",
             "threshold": "sel100.komp_group2_threshold", "supplement": "sel100.komp_group2_supplement"}
"""The kompensationsydelse's rate keys, by role."""

_GROUP = {regel.GROUP_I: "I", regel.GROUP_II: "II"}


@dataclass(frozen=True)
class Context:
    """The rates of one decision date, payment day and kommune (the same for every case that shares them)."""

    decided: date
    paid_on: date
    kommune: str | None
    regime: Rate
    old: bool
    rates_on: date
    deadline: Rate | None = None
    table: OldAwardTable | None = None
    komp: dict[str, Rate] = field(default_factory=dict)
    komp_errors: dict[str, SocialcalcError] = field(default_factory=dict)

    def cite(self, book: RateBook, what: str) -> Rate:
        """The citation ``hjemmel.sel100.<what>`` on the decision date."""
        return book.at(self.decided, self.kommune).get(f"hjemmel.sel100.{what}")

    @functools.cached_property
    def month(self) -> Month:
        """The payment month (read once per context)."""
        return Month.from_date(self.paid_on)

    def check_citations(self, book: RateBook) -> None:
        """Look up every citation :func:`merudgift_explanation` reads (a missing one raises here), so the
        explanation can be built later without failing.

        >>> from socialcalc.ratebook import default_book
        >>> resolve(default_book(), date(2024, 6, 1), date(2024, 6, 1), None, False).check_citations(default_book())
        """
        self.cite(book, "ordning")
        self.cite(book, "ydelse" if self.old else "kompensation")
        table = self.table
        if table is not None and table.reading is not None and table.ended is not None and self.deadline is not None:
            book.at(self.paid_on, self.kommune).get("hjemmel.sel100.overgang")  # as _transition_facts reads it

    def komp_rate(self, role: str) -> Rate:
        """A kompensationsydelse rate of the payment day, or the error strict mode raised for it."""
        if role in self.komp:
            return self.komp[role]
        raise self.komp_errors[role]


def resolve(book: RateBook, decided: date, paid_on: date, kommune: str | None, project: Project,
            *, grouped: bool = False) -> Context:
    """The :class:`Context` of a decision date and payment day, checked in the order of the rule.

    The regime on ``decided`` (``sel100.regime``); under the merudgiftsydelse the transition deadline
    (refused on or after it) and the band table of ``paid_on``; under the kompensationsydelse the four rates of
    ``paid_on`` (a missing one is kept as its error, raised only if a case needs it). ``grouped`` is for a
    caller that checks ``group`` against the regime itself.
    """
    regime = regime_at(book, decided, kommune)
    old = regime.value == "merudgiftsydelse"
    if not old:
        day_rates = book.at(paid_on, kommune, project=project)
        found: dict[str, Rate] = {}
        errors: dict[str, SocialcalcError] = {}
        for role, key in KOMP_KEYS.items():
            try:
                found[role] = day_rates.get(key)
            except SocialcalcError as err:
                errors[role] = err
        return Context(decided, paid_on, kommune, regime, False, paid_on, komp=found, komp_errors=errors)
    deadline = check_transition(book, paid_on, decided)
    ends = book.spec("sel100.bands").ends
    rates_on = ends if ends is not None and paid_on > ends else paid_on
    table = old_award_table(book, paid_on, kommune, project)
    return Context(decided, paid_on, kommune, regime, True, rates_on, deadline, table)


def _edge(band: Any) -> str:
    return "fra" if band.inclusive else "over"


def table_facts(ex: Explainer, book: RateBook, ctx: Context, bands: Rate, basis: Rate) -> None:
    """The band table as Danish prose (one part per band), with the reading of the table, once."""
    ex.add(table_fact(bands, basis))


@functools.lru_cache(maxsize=256)
def table_fact(bands: Rate, basis: Rate) -> Fact:
    """The fact of a band table and its legal basis (SEL § 100 stk. 3): built once per (table, basis) and shared,
    as facts are frozen; the rates are compared by value, so equal rates share one fact.

    >>> from datetime import date
    >>> from socialcalc.ratebook import default_book
    >>> rates = default_book().at(date(2024, 6, 1))
    >>> f = table_fact(rates.get("sel100.bands"), rates.get("hjemmel.sel100.ydelse"))
    >>> f.step, f.inputs, [p.step for p in f.parts][:2]
    ('sel100.tabel.aar', {'year': '2024'}, ['sel100.tabel.bagatel', 'sel100.tabel.standard'])
    """
    table = bands.value
    parts = [fact("sel100.tabel.bagatel", inputs={"lower": table[0].lower})] if table else []
    for band in table:
        if band.pays is None:
            parts.append(fact("sel100.tabel.fuld", inputs={"edge": _edge(band), "lower": band.lower}))
        else:
            parts.append(fact("sel100.tabel.standard",
                              inputs={"edge": _edge(band), "lower": band.lower, "pays": band.pays}))
    return fact("sel100.tabel.aar", basis=basis, inputs={"year": str(bands.valid_from.year)}, rates=[bands],
                reading="sel100.reading.hoejeste_interval", parts=parts)


def band_facts(ex: Explainer, bands: Rate, basis: Rate, monthly: Decimal, documented: bool, *, met: int,
               case: int, band: int, amount: Decimal) -> None:
    """The band decision (:func:`socialcalc.merudgift.regel.band_decision`'s codes) as one fact."""
    table = bands.value
    bound = table[0] if case == regel.UNDER else table[met - 1]
    step = {regel.UNDER: "under", regel.STANDARD: "standard", regel.FULL: "fuld", regel.PROBABLE: "sandsynlig",
            regel.NO_STANDARD: "intet_standard"}[case]
    shown: int | str = "full" if band == regel.BAND_FULL else band
    ex.fact(f"sel100.interval.{step}", basis=basis, inputs={"monthly": monthly, "documented": documented},
            outputs={"band": str(shown), "amount": amount, "edge": _edge(bound), "lower": bound.lower})


def _kr(ore: int) -> Decimal:
    return Decimal(int(ore)).scaleb(-2)


def komp_facts(ex: Explainer, book: RateBook, ctx: Context, monthly: Decimal, listed_monthly: Decimal | None,
               chosen: int, *, advice: int, g2: int, group_i: int, group_ii: int, group: int) -> None:
    """The kompensationsydelse's facts from :func:`socialcalc.merudgift.regel.komp_decision`'s codes."""
    basis = ctx.cite(book, "kompensation")
    minimum = ctx.komp_rate("minimum")
    limit = Decimal(minimum.value)
    if advice == regel.ADVICE_NONE:
        ex.fact("sel100.komp.minimum.under", basis=basis, inputs={"monthly": monthly},
                outputs={"minimum": limit, "amount": Decimal("0.00")}, rates=[minimum])
        return
    ex.fact("sel100.komp.minimum.naaet", basis=basis, inputs={"monthly": monthly}, outputs={"minimum": limit},
            rates=[minimum])
    group1, threshold = ctx.komp_rate("group1"), ctx.komp_rate("threshold")
    ex.fact("sel100.komp.gruppe1", basis=basis, outputs={"amount": _kr(group_i)}, rates=[group1])
    bound = Decimal(threshold.value)
    if listed_monthly is None:
        ex.fact("sel100.komp.gruppe2.ingen", basis=basis, outputs={"threshold": bound}, rates=[threshold])
    elif g2 == regel.G2_OVER:
        supplement = ctx.komp_rate("supplement")
        ex.fact("sel100.komp.gruppe2.over", basis=basis, inputs={"listed": listed_monthly},
                outputs={"threshold": bound, "supplement": Decimal(supplement.value), "amount": _kr(group_ii)},
                rates=[threshold, supplement])
    else:
        step = "lig_graensen" if g2 == regel.G2_AT_EDGE else "ikke_over"
        ex.fact(f"sel100.komp.gruppe2.{step}", basis=basis, inputs={"listed": listed_monthly},
                outputs={"threshold": bound}, rates=[threshold])
    amounts = {"group_i": _kr(group_i), "group_ii": _kr(group_ii)}
    if advice == regel.ADVICE_II:
        ex.fact("sel100.komp.raad.ii", basis=basis, outputs=amounts)
    elif advice == regel.ADVICE_I:
        ex.fact("sel100.komp.raad.i", basis=basis, outputs=amounts)
    elif advice == regel.ADVICE_TIE:
        ex.fact("sel100.komp.raad.lige", basis=basis, outputs=amounts, reading="sel100.reading.gruppe_lige")
    else:
        ex.fact("sel100.komp.raad.kun_i", basis=basis)
    paid = _kr(group_i if group == regel.GROUP_I else group_ii)
    recommended = regel.GROUP_II if advice == regel.ADVICE_II else regel.GROUP_I
    if chosen == regel.NO_GROUP:
        ex.fact("sel100.komp.valg.anbefalet", basis=basis, outputs={"group": _GROUP[group], "amount": paid})
        return
    best = _kr(group_ii if recommended == regel.GROUP_II else group_i)
    if best > paid:
        ex.fact("sel100.komp.valg.valgt_mindre", basis=basis, inputs={"group": _GROUP[chosen]},
                outputs={"amount": paid, "recommended": _GROUP[recommended], "difference": best - paid})
    else:
        ex.fact("sel100.komp.valg.valgt", basis=basis, inputs={"group": _GROUP[chosen]}, outputs={"amount": paid})


def _transition_facts(ex: Explainer, book: RateBook, ctx: Context) -> None:
    table = ctx.table
    if table is None or table.reading is None or table.ended is None or ctx.deadline is None:
        return
    basis = book.at(ctx.paid_on, ctx.kommune).get("hjemmel.sel100.overgang")  # the rule of the payment day
    ex.fact("sel100.overgang.bevilling", basis=basis, inputs={"deadline": ctx.deadline.value, "ended": table.ended},
            rates=[ctx.deadline, table.reading], reading=f"sel100.reading.overgang.{table.reading.value}")
    if table.steps:
        parts = [fact("sel100.overgang.regulering", inputs={"year": str(year), "percent": pct, "grade": grade})
                 for year, pct, grade in table.steps]
        ex.fact("sel100.overgang.reguleret", basis=basis, parts=parts)


def merudgift_explanation(book: RateBook, ctx: Context, *, expenses: Decimal, months: int, documented: bool,
                          listed: Decimal | None, chosen: int, codes: dict[str, int]) -> Explanation:
    """The explanation of the monthly § 100 payment (:func:`socialcalc.merudgift.calculate`).

    ``codes``: ``met``, ``case``, ``band``, ``amount`` (øre) under the merudgiftsydelse; ``advice``, ``g2``,
    ``group_i``, ``group_ii``, ``group`` under the kompensationsydelse.
    """
    ex = Explainer("sel100.title.merudgiftsydelse" if ctx.old else "sel100.title.kompensationsydelse")
    regime = "merudgiftsydelse" if ctx.old else "kompensationsydelse"
    ex.fact(f"sel100.ordning.{regime}", basis=ctx.cite(book, "ordning"),
            inputs={"decided_on": ctx.decided, "month": Month.from_date(ctx.paid_on)}, rates=[ctx.regime])
    monthly = expenses if months == 1 else expenses / months
    basis = ctx.cite(book, "ydelse" if ctx.old else "kompensation")
    if months != 1:
        ex.fact("sel100.pr_maaned", basis=basis, inputs={"yearly": expenses, "months": months},
                outputs={"monthly": monthly})
    if not ctx.old:
        listed_monthly = None if listed is None else (listed if months == 1 else listed / months)
        komp_facts(ex, book, ctx, monthly, listed_monthly, chosen, advice=codes["advice"], g2=codes["g2"],
                   group_i=codes["group_i"], group_ii=codes["group_ii"], group=codes["group"])
        return ex.build()
    assert ctx.table is not None
    _transition_facts(ex, book, ctx)
    bands = ctx.table.bands
    table_facts(ex, book, ctx, bands, basis)
    band_facts(ex, bands, basis, monthly, documented, met=codes["met"], case=codes["case"], band=codes["band"],
               amount=_kr(codes["amount"]))
    if listed is not None:
        ex.fact("sel100.positivliste", basis=basis, inputs={"listed": listed})
    return ex.build()


def one_off_explanation(book: RateBook, *, decided: date, kommune: str | None, expense: Decimal,
                        running: Decimal | None, months: int, documented: bool, codes: dict[str, int],
                        minimum: Rate | None, bands: Rate | None, deadline: Rate | None,
                        new_regime: bool) -> Explanation:
    """The explanation of a one-off expense (:func:`socialcalc.merudgift.one_off`) from its codes.

    ``codes``: ``case``, ``granted``, ``amount`` (øre), and in case 3 ``met``, ``band_case``, ``band``,
    ``monthly`` (øre).
    """
    ex = Explainer("sel100.title.engangs")
    cite = _cite(book, decided, kommune, "engangs")
    case, granted = codes["case"], bool(codes["granted"])
    amount = _kr(codes["amount"])
    if case == regel.RECIPIENT:
        ex.fact("sel100.engangs.modtager", basis=cite, inputs={"expense": expense}, outputs={"amount": amount})
        if new_regime and deadline is not None:
            ex.fact("sel100.engangs.overgang", basis=_cite(book, decided, kommune, "overgang"),
                    inputs={"deadline": deadline.value}, rates=[deadline])
        return ex.build()
    if minimum is None:
        raise InvalidInput("decided_on", decided.isoformat(), code="input.invalid")  # pragma: no cover
    monthly_minimum = Decimal(minimum.value)
    yearly_minimum = monthly_minimum * 12
    if case == regel.NO_RUNNING:
        ex.fact(f"sel100.engangs.ingen_loebende.{'ydet' if granted else 'afslag'}", basis=cite,
                inputs={"expense": expense},
                outputs={"yearly_minimum": yearly_minimum, "minimum": monthly_minimum, "months": 12,
                         "amount": amount}, rates=[minimum])
        return ex.build()
    running_year = (running or Decimal(0)) * (12 // months)
    total = expense + running_year
    values = {"expense": expense, "running_year": running_year}
    if not granted:
        ex.fact("sel100.engangs.under_minimum.afslag", basis=cite, inputs=values,
                outputs={"total": total, "yearly_minimum": yearly_minimum, "amount": amount}, rates=[minimum])
        return ex.build()
    assert bands is not None
    ex.fact("sel100.engangs.under_minimum.ydet", basis=cite, inputs=values,
            outputs={"total": total, "yearly_minimum": yearly_minimum, "months": 12}, rates=[minimum],
            reading="sel100.reading.engangs_aar")
    basis = _cite(book, decided, kommune, "ydelse")
    table_facts(ex, book, Context(decided, decided, kommune, minimum, True, decided), bands, basis)
    band_facts(ex, bands, basis, total / 12, documented, met=codes["met"], case=codes["band_case"],
               band=codes["band"], amount=_kr(codes["monthly"]))
    ex.fact("sel100.engangs.i_alt", basis=cite, inputs={"monthly": _kr(codes["monthly"]), "months": 12},
            outputs={"amount": amount})
    return ex.build()


def _cite(book: RateBook, decided: date, kommune: str | None, what: str) -> Rate:
    return book.at(decided, kommune).get(f"hjemmel.sel100.{what}")
