"""The facts of a § 117a budget account: one builder for the one-case account and for a batch row.

:func:`facts` takes plain figures (the decision, the budget and its rates, the bookings and what was left after
each, in øre) and returns the :class:`~socialcalc.explain.Explanation`; :func:`budget_facts` feeds it from a
:class:`~socialcalc.hastig_sygdom.Budget`, and :func:`socialcalc.hastig_sygdom.frame.explain_row` from the
columns the batch kernel returned. The words are in ``tekster.da.toml`` and ``tekster.en.toml``; nothing here
writes a sentence.

>>> from datetime import date
>>> from socialcalc.hastig_sygdom import Budget
>>> [f.step for f in Budget.open(date(2024, 3, 10)).explanation.steps]
['sel117a.budget.offentliggjort', 'sel117a.ingen_bevillinger', 'sel117a.forbrug', \
'sel117a.almindelige_regler.endnu_ikke']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from socialcalc.explain import Explanation, Fact, RateUsed, fact
from socialcalc.hastig_sygdom import decisions

if TYPE_CHECKING:
    from socialcalc.hastig_sygdom.budget import Booking, Budget

__all__ = ["budget_facts", "facts"]

TITLE = "sel117a.title.budget"
READING = "sel117a.reading.fast_for_forloebet"


def _kr(ore: int) -> Decimal:
    return Decimal(int(ore)).scaleb(-2).quantize(Decimal("0.01"))


def _booking_step(b: Booking) -> str:
    kind = "timer" if b.hours is not None else "minutter" if b.minutes is not None else "beloeb"
    return f"sel117a.bevilling.{kind}{'_beskrevet' if b.description else ''}"


def facts(
    *,
    decided_on: date,
    total_ore: int,
    projected: bool,
    rates_used: Sequence[RateUsed],
    citations: Mapping[str, str],
    bookings: Sequence[Booking],
    remaining_after: Sequence[int],
) -> Explanation:
    """The explanation of an account: the budget, each booking, what was spent per paragraph, what applies now.

    ``rates_used`` are the rates the account was opened with (``sel117a.in_force``, ``sel117a.budget``);
    ``citations`` the texts of the ``hjemmel.sel117a.*`` rates by key; ``remaining_after[i]`` the øre left after booking
    ``i`` (from :func:`socialcalc.hastig_sygdom.decisions.book`). SEL § 117a stk. 1.

    >>> from datetime import date
    >>> from socialcalc.hastig_sygdom import Budget
    >>> b = Budget.open(date(2023, 10, 1))
    >>> facts(decided_on=b.decided_on, total_ore=3975000, projected=False, rates_used=b.rates_used,
    ...       citations=b.citations, bookings=(), remaining_after=()) == b.explanation
    True
    """
    from socialcalc.hastig_sygdom.budget import CITATIONS, PARAGRAPHS

    def cite(what: str) -> str | None:
        return citations.get(CITATIONS[what])

    by_key = {r.key: r for r in rates_used}
    in_force = by_key.get("sel117a.in_force")
    steps: list[Fact] = []
    inputs: dict[str, Any] = {"decided_on": decided_on, "year": decided_on.year}
    if in_force is not None:
        inputs["in_force"] = date.fromisoformat(in_force.value)
    opening = fact("sel117a.budget.fremskrevet" if projected else "sel117a.budget.offentliggjort",
                   basis=cite("budget"), inputs=inputs, outputs={"total": _kr(total_ore)}, reading=READING)
    steps.append(opening.model_copy(update={"rates": tuple(rates_used)}))  # the records kept on the account
    spent = dict.fromkeys(PARAGRAPHS, 0)
    for n, (b, left) in enumerate(zip(bookings, remaining_after, strict=True), 1):
        spent[b.paragraph] += int(b.amount.scaleb(2))
        booking_inputs: dict[str, Any] = {"n": n, "date": b.date, "paragraph": b.paragraph, "amount": b.amount}
        if b.description:
            booking_inputs["description"] = b.description
        if b.hours is not None:
            booking_inputs["hours"] = b.hours
        if b.minutes is not None:
            booking_inputs["minutes"] = b.minutes
        if b.hourly_price is not None:
            booking_inputs["hourly_price"] = b.hourly_price
        steps.append(fact(_booking_step(b), basis=cite(str(b.paragraph)), inputs=booking_inputs,
                          outputs={"remaining": _kr(left)}))
    if not bookings:
        steps.append(fact("sel117a.ingen_bevillinger"))
    remaining = remaining_after[-1] if remaining_after else total_ore
    parts = tuple(fact("sel117a.forbrug_paragraf", inputs={"paragraph": p}, outputs={"spent": _kr(v)})
                  for p, v in spent.items())
    steps.append(fact("sel117a.forbrug", basis=cite("budget"), inputs={"total": _kr(total_ore)},
                      outputs={"spent": _kr(total_ore - remaining), "remaining": _kr(remaining)}, parts=parts))
    ordinary = bool(decisions.ordinary_rules_apply(remaining))
    steps.append(fact("sel117a.almindelige_regler.gaelder" if ordinary else "sel117a.almindelige_regler.endnu_ikke",
                      basis=cite("almindelige_regler"), inputs={"remaining": _kr(remaining)},
                      outputs={"ordinary_rules_apply": ordinary}))
    return Explanation(title=TITLE, steps=tuple(steps))


def budget_facts(account: Budget) -> Explanation:
    """The explanation of a one-case :class:`~socialcalc.hastig_sygdom.Budget` (SEL § 117a stk. 1).

    >>> from datetime import date
    >>> from socialcalc.hastig_sygdom import Budget
    >>> len(budget_facts(Budget.open(date(2024, 3, 10))).steps)
    4
    """
    from socialcalc.hastig_sygdom.budget import to_ore

    return facts(decided_on=account.decided_on, total_ore=to_ore(account.total), projected=account.projected,
                 rates_used=account.rates_used, citations=account.citations,
                 bookings=account.bookings, remaining_after=account.remaining_after())
