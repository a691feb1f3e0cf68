"""``calculate``: the monthly § 100 payment under the regime of the decision date.

The **regime follows the decision date** (``sel100.regime`` read on ``decided_on``); the **rates follow the
payment month** (``on``, by default the decision date). An award under the old rules (merudgiftsydelse) that is
paid after the band tables ended (``book.spec("sel100.bands").ends``) is paid at the table in force on that
last day, as the transition rule says, frozen or regulated as the policy ``sel100.transition_reading`` says
(:func:`~socialcalc.merudgift.ordning.old_award_table`; the explanation names the reading); that table is not
published in our sources, so strict mode raises :class:`~socialcalc.errors.RateNotPublished` and
``project=True`` gives a projected amount, flagged. Paid on or after ``sel100.transition_deadline`` it is
refused before any amount is looked up.

**Decisions once.** The band choice, the groups and their advice are :mod:`socialcalc.merudgift.regel`'s, on
integers (:data:`socialcalc.kernel.PY`), the same functions the batch kernel runs on arrays; the facts come from
their codes (:mod:`socialcalc.merudgift.fakta`), so a batch row is explained exactly like one case.

**Rounding.** Inputs are exact. A yearly figure is divided by 12 for the explanation and for full cover, but
compared with every bound and limit exactly (the bound is multiplied by 12). Amounts paid are rounded to øre,
half up (a documented full-cover amount is the monthly expenses to the øre; standard amounts are whole kroner).
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import Any

from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explanation
from socialcalc.kernel import PY
from socialcalc.merudgift import regel
from socialcalc.merudgift.fakta import Context, merudgift_explanation, resolve
from socialcalc.merudgift.model import GroupName, MerudgiftResult
from socialcalc.merudgift.ordning import months_of, to_day
from socialcalc.money import non_negative
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, book_or_default
from socialcalc.result import Later

__all__ = ["calculate", "decide", "forget_contexts"]

_GROUP_CODES: dict[GroupName | None, int] = {None: regel.NO_GROUP, "I": regel.GROUP_I, "II": regel.GROUP_II}
_GROUP_NAMES: dict[int, GroupName] = {regel.GROUP_I: "I", regel.GROUP_II: "II"}


def _group(value: Any) -> GroupName | None:
    if value is None:
        return None
    if value == "I":
        return "I"
    if value == "II":
        return "II"
    raise InvalidInput("group", repr(value), code="input.group")


def _ore(rate: Any) -> int:
    return regel.units(Decimal(rate.value), 100)


def decide(ctx: Context, expenses: Decimal, months: int, documented: bool, listed: Decimal | None,
           chosen: int) -> dict[str, int]:
    """The codes of one case (SEL § 100): :mod:`~socialcalc.merudgift.regel`'s decisions on exact integers.

    Raises what the rule refuses (a group under the minimum, group II without qualifying) and a rate that strict
    mode does not publish, in the rule's order of checks.

    >>> from datetime import date
    >>> from socialcalc.merudgift.fakta import resolve
    >>> from socialcalc.ratebook import default_book
    >>> ctx = resolve(default_book(), date(2024, 6, 1), date(2024, 6, 1), None, False)
    >>> decide(ctx, Decimal(1707), 1, False, None, 0)["band"]
    2
    """
    scale = regel.scale_of(expenses, listed)
    x = regel.units(expenses, scale)
    if ctx.old:
        assert ctx.table is not None
        table = regel.compiled_bands(ctx.table.bands.value, scale=scale, months=months)
        d = regel.band_decision(x, documented, table, PY)
        return {"met": int(d.met), "case": int(d.case), "band": int(d.band), "amount": int(d.amount)}
    lx = None if listed is None else regel.units(listed, scale)
    minimum = _ore(ctx.komp_rate("minimum"))
    rates = regel.KompRates(minimum, 0, 0, 0)
    k = regel.komp_decision(x, lx, chosen, rates, scale=scale, months=months, ops=PY)
    if k.met:
        rates = regel.KompRates(minimum, _ore(ctx.komp_rate("group1")), _ore(ctx.komp_rate("threshold")), 0)
        k = regel.komp_decision(x, lx, chosen, rates, scale=scale, months=months, ops=PY)
        if k.qualifies_ii:
            rates = regel.KompRates(minimum, rates.group1, rates.threshold, _ore(ctx.komp_rate("supplement")))
            k = regel.komp_decision(x, lx, chosen, rates, scale=scale, months=months, ops=PY)
    if k.below_chosen:
        raise InvalidInput("group", _GROUP_NAMES[chosen], code="input.group_below_minimum",
                           monthly=_monthly_ore(x, scale, months), minimum=Decimal(minimum).scaleb(-2))
    if k.not_ii:
        listed_shown = None if lx is None else _monthly_ore(lx, scale, months)
        raise InvalidInput("group", _GROUP_NAMES[chosen], code="input.group_not_qualified",
                           bound=Decimal(rates.threshold).scaleb(-2), listed=listed_shown)
    return {"advice": int(k.advice), "g2": int(k.g2), "group_i": int(k.group_i), "group_ii": int(k.group_ii),
            "group": int(k.group), "recommended": int(k.recommended), "amount": int(k.amount),
            "qualifies_i": int(bool(k.met)), "qualifies_ii": int(bool(k.qualifies_ii))}


def _monthly_ore(units: int, scale: int, months: int) -> Decimal:
    return Decimal(int(PY.div_half_up(units * 100, scale * months))).scaleb(-2)


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
    book = book_or_default(rates)
    ctx = _context(book, decided, paid_on, kommune, project, chosen)
    codes = decide(ctx, amount, months, documented, listed, _GROUP_CODES[chosen])
    # the facts are built when first read (Later): every rate and citation they read is looked up by now
    _check_citations(book, ctx, project)
    explanation = Later(functools.partial(merudgift_explanation, book, ctx, expenses=amount, months=months,
                                          documented=documented, listed=listed, chosen=_GROUP_CODES[chosen],
                                          codes=codes))
    return result_of(ctx, codes, amount, months, documented, explanation)


def _context(book: RateBook, decided: date, paid_on: date, kommune: str | None, project: Project,
             chosen: GroupName | None) -> Context:
    from socialcalc.merudgift.ordning import regime_at

    if chosen is not None and regime_at(book, decided, kommune).value == "merudgiftsydelse":
        raise InvalidInput("group", chosen, code="input.group_regime", decided=decided)
    if isinstance(project, (bool, Decimal)):
        return _resolved(book, decided, paid_on, kommune, type(project).__name__, project)
    return resolve(book, decided, paid_on, kommune, project)  # a mapping of years: not kept


@functools.lru_cache(maxsize=256)
def _resolved(book: RateBook, decided: date, paid_on: date, kommune: str | None, kind: str,
              project: Project) -> Context:
    # the rates of a (book, decision date, payment day, kommune, project) are the same for every case: read once
    # (a book is immutable and compared by identity; ``kind`` keeps True apart from Decimal(1), which hash alike)
    return resolve(book, decided, paid_on, kommune, project)


@functools.lru_cache(maxsize=256)
def _cited(book: RateBook, decided: date, paid_on: date, kommune: str | None, kind: str, project: Project) -> bool:
    _resolved(book, decided, paid_on, kommune, kind, project).check_citations(book)
    return True


def forget_contexts() -> None:
    """Forget the rates and citations kept per (book, decision date, payment day, kommune, project) (SEL § 100).

    Results are the same either way; a test that counts which calls compute (coverage per test, mutation testing)
    calls it first (:func:`socialcalc.testing.clear_caches`).

    >>> forget_contexts()
    """
    _resolved.cache_clear()
    _cited.cache_clear()


def _check_citations(book: RateBook, ctx: Context, project: Project) -> None:
    """Every citation the explanation of ``ctx`` reads exists (checked once per context, like its rates)."""
    if isinstance(project, (bool, Decimal)):
        _cited(book, ctx.decided, ctx.paid_on, ctx.kommune, type(project).__name__, project)
    else:
        ctx.check_citations(book)


def result_of(ctx: Context, codes: dict[str, int], expenses: Decimal, months: int, documented: bool,
              explanation: Explanation | Later) -> MerudgiftResult:
    """The result model of one case from its context, codes and explanation (built, or :class:`Later`) (SEL § 100).

    >>> calculate("608", decided_on=date(2024, 3, 1)).band
    1
    """
    monthly = expenses if months == 1 else expenses / months
    amount = Decimal(codes["amount"]).scaleb(-2)
    month = ctx.month
    # every field, in the model's order (nothing to reorder or fill in)
    if ctx.old:
        assert ctx.table is not None
        band: Any = "full" if codes["band"] == regel.BAND_FULL else codes["band"]
        return MerudgiftResult.built(
            amount=amount, explanation=explanation, regime="merudgiftsydelse", decided_on=ctx.decided, month=month,
            rates_on=ctx.rates_on, monthly_expenses=monthly, documented=documented, band=band,
            table_year=ctx.table.bands.valid_from.year, groups={}, recommended_group=None, group=None)
    groups: dict[GroupName, Decimal] = {}
    if codes["qualifies_i"]:
        groups["I"] = Decimal(codes["group_i"]).scaleb(-2)
    if codes["qualifies_ii"]:
        groups["II"] = Decimal(codes["group_ii"]).scaleb(-2)
    return MerudgiftResult.built(
        amount=amount, explanation=explanation, regime="kompensationsydelse", decided_on=ctx.decided, month=month,
        rates_on=ctx.rates_on, monthly_expenses=monthly, documented=documented, band=None, table_year=None,
        groups=groups, recommended_group=_GROUP_NAMES.get(codes["recommended"]),
        group=_GROUP_NAMES.get(codes["group"]))


def bands_paragraph(book: RateBook) -> str:
    """The legal basis of the band tables, as the rate book declares it (SEL § 100 stk. 3).

    >>> from socialcalc.ratebook import default_book
    >>> bands_paragraph(default_book()).startswith("SEL § 100 stk. 3")
    True
    """
    return book.spec("sel100.bands").paragraph
