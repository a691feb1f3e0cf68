"""SEL § 117a: the one-off budget for a person with a rapidly progressing disease.

A person with a rapidly progressing disease (hastigt fremadskridende sygdom) may choose help under **§ 83**
(personal and practical help), **§ 97** (escort), **§ 112** (aids) and **§ 116** (minor housing adaptations),
whether or not those paragraphs' usual conditions are met, up to a total value: the budget
(``sel117a.budget``, 2023 level, regulated yearly). The help is given once per disease course, and the whole
budget must be used before help under the ordinary rules.

:class:`Budget` is the account a municipality keeps of what it granted against that budget. It is opened for
a decision date (and a municipality), with the budget of the year of the decision, fixed for the whole course
(the reading ``sel117a.reading.fast_for_forloebet``, rendered in every explanation). Each grant is booked with
:meth:`Budget.book`, which returns a **new** account (the account is immutable); a booking over the remaining
budget raises :class:`BudgetExceeded`, which states the remaining amount, and changes nothing. For § 83 and
§ 97 the value of the help is its time at an hourly price: ``book(97, hours=60, hourly_price="250.00", …)``,
:func:`value_of_hours` and :func:`value_of_minutes`.

The library keeps no registry of accounts. "Once per disease course" is checked from what the case system
knows: pass the accounts it already holds for the course as ``existing=`` (or
``earlier_help_for_same_disease=True`` if the person has had help under serviceloven for the same disease),
and :meth:`Budget.open` refuses.

**One rule, one place.** The rule's decisions (the paragraphs covered, a positive value, a booking on or after
the decision, a booking fits when it is at most the remaining budget, the ordinary rules once nothing is left,
the value of time rounded once to øre half up) are written once, on integer øre, over the tiny ops protocol of
:mod:`socialcalc.kernel`, in :mod:`.decisions`. The one-case :class:`Budget` calls them with the pure-Python
backend; the batch kernel (:mod:`.batch`, numpy) calls the very same functions on arrays, booking the k-th
booking of every account at once. One facts builder (:mod:`.facts`) serves both, so a batch row is explained
exactly like the account (:func:`socialcalc.batch.frame.explain_row`). The texts are in ``tekster.da.toml`` and
``tekster.en.toml``; the legal citations are dated data (``hjemmel.sel117a.*``).

>>> from datetime import date
>>> from socialcalc.hastig_sygdom import Budget
>>> b = Budget.open(date(2024, 3, 10))
>>> b = b.book(112, "18500.00", on=date(2024, 3, 20), description="kørestol")
>>> b = b.book(116, "9000.00", on=date(2024, 4, 2), description="fjernelse af dørtrin")
>>> b.remaining
Decimal('13522.00')
>>> b.book(97, hours=60, hourly_price="250.00", on=date(2024, 5, 1))
Traceback (most recent call last):
...
socialcalc.hastig_sygdom.BudgetExceeded: amount = 15000.00: en § 97-bevilling over det resterende budget efter \
SEL § 117 a afvises: 13.522,00 kr. tilbage (budget ...)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from socialcalc.hastig_sygdom.budget import (
        PARAGRAPHS,
        Booking,
        Budget,
        BudgetExceeded,
        Paragraph,
        SecondAccount,
        value_of_hours,
        value_of_minutes,
    )

__all__ = [
    "PARAGRAPHS",
    "Booking",
    "Budget",
    "BudgetExceeded",
    "Paragraph",
    "SecondAccount",
    "value_of_hours",
    "value_of_minutes",
]


def __getattr__(name: str) -> Any:
    """The rule's public names, loaded from :mod:`.budget` when first used (so the CLI's ``--help`` and the
    registry load no rule code and no pydantic)."""
    if name in __all__:
        from socialcalc.hastig_sygdom import budget

        return getattr(budget, name)
    raise AttributeError(f"module 'socialcalc.hastig_sygdom' has no attribute {name!r}")
