"""Egenbetaling in a temporary residential offer (SEL § 107): a monthly payment that leaves a rådighedsbeløb.

The resident pays from their income for the items the offer includes (rent-equivalent, electricity, water and
heating, board, laundry) (SEL § 163 stk. 2; BEK 1387/2006 § 1). The payment must leave the resident the
municipality's **rådighedsbeløb** (municipal policy: ``sel107.raadighedsbeloeb_with_board`` when board is
included, ``sel107.raadighedsbeloeb_without_board`` when it is not). All amounts are **kroner per month**::

    payment = min(cost of the included items, max(0, net income − necessary fixed expenses − rådighedsbeløb))

- A resident who **keeps their own dwelling** pays nothing for the housing part (SEL § 163 stk. 2) but still
  pays for board etc.: give the housing part's cost as ``housing_part_cost`` (part of
  ``included_items_cost``); it is then left out of the cost the payment is capped at.
- A resident with **no income** pays nothing for the stay.
- A municipality without a rådighedsbeløb in its table cannot compute the payment: a
  :class:`~socialcalc.errors.RateNotPublished` names the missing key.

>>> from datetime import date
>>> r = sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000, board_included=True,
...            on=date(2025, 1, 1), kommune="lejre")
>>> r.amount == Decimal("8000.00")
True
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from socialcalc.coerce import exact
from socialcalc.egenbetaling import decide
from socialcalc.egenbetaling._common import check_date
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, Kroner
from socialcalc.money import ZERO, non_negative, round_ore
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, Rates, book_or_default
from socialcalc.ratebook.book import normalise_kommune
from socialcalc.ratebook.model import Rate
from socialcalc.result import Result

__all__ = ["Sel107Result", "decide107", "rate107", "sel107", "sel107_result"]



class Sel107Result(Result):
    """The § 107 payment per month (``amount``), with the rådighedsbeløb it leaves and the cost it is capped at."""

    on: date
    kommune: str | None
    net_income: Kroner
    fixed_expenses: Kroner
    board_included: bool
    raadighedsbeloeb: Kroner
    """The municipality's rådighedsbeløb per month."""
    payable: Kroner
    """``max(0, net_income - fixed_expenses - raadighedsbeloeb)``."""
    included_items_cost: Kroner
    keeps_own_dwelling: bool
    housing_part_cost: Kroner | None = None
    """The housing part of ``included_items_cost`` (as given)."""
    chargeable_cost: Kroner
    """The cost the payment is capped at (without the housing part if the own dwelling is kept)."""


@exact
def sel107(
    *,
    net_income: Any,
    fixed_expenses: Any,
    included_items_cost: Any,
    board_included: bool,
    on: date,
    kommune: str | None,
    keeps_own_dwelling: bool = False,
    housing_part_cost: Any = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> Sel107Result:
    """The monthly payment in a temporary residential offer (SEL §§ 107, 163 stk. 2; BEK 1387/2006 § 1).

    ``keeps_own_dwelling=True`` needs ``housing_part_cost`` (the part of ``included_items_cost`` that is the
    housing part), which is then not charged. Amounts are kroner per month. ``project`` (see
    :mod:`socialcalc.projection`) is passed to the rate book; the rådighedsbeløb is a standing municipal policy,
    so today it changes nothing, but a yearly rate added to the rule would follow it.

    >>> r = sel107(net_income=12000, fixed_expenses=1500, included_items_cost=6000, board_included=False,
    ...            on=date(2025, 1, 1), kommune="lejre")
    >>> r.payable == Decimal("6500.00"), r.amount == Decimal("6000.00")
    (True, True)
    >>> sel107(net_income=12000, fixed_expenses=1500, included_items_cost=6000, board_included=False,
    ...        on=date(2025, 1, 1), kommune="lemvig")
    Traceback (most recent call last):
    ...
    socialcalc.errors.RateNotPublished: satsen sel107.raadighedsbeloeb_without_board har ingen værdi den \
1. januar 2025 (Midlertidigt botilbud: rådighedsbeløb pr. måned, når kost ikke er inkluderet fastsættes af \
kommunen, og kommunen 'lemvig' har ingen i sin satstabel); ingen tidligere værdi kendes
    """
    net = non_negative(net_income, "net_income")
    fixed = non_negative(fixed_expenses, "fixed_expenses")
    items = non_negative(included_items_cost, "included_items_cost")
    for field, flag in (("board_included", board_included), ("keeps_own_dwelling", keeps_own_dwelling)):
        if not isinstance(flag, bool):
            raise InvalidInput(field, repr(flag), code="input.flag")
    on = check_date(on, "on")
    housing = None if housing_part_cost is None else non_negative(housing_part_cost, "housing_part_cost")
    if keeps_own_dwelling and housing is None:
        raise InvalidInput("housing_part_cost", None, code="input.housing_part_missing")
    if housing is not None and housing > items:
        raise InvalidInput("housing_part_cost", housing, code="input.housing_part_too_high", items=items)
    project = check_project(project)
    name = normalise_kommune(kommune)
    at = (book_or_default(rates)).at(on, name, project=project)
    rate = rate107(at, board_included)
    out = decide107(net, fixed, Decimal(rate.value), items, housing, keeps_own_dwelling)
    return sel107_result(at, rate, out, on=on, kommune=name, net=net, fixed=fixed, items=items,
                         board_included=board_included, keeps_own_dwelling=keeps_own_dwelling, housing=housing)


def rate107(at: Rates, board_included: bool) -> Rate:
    """The rådighedsbeløb in force (SEL § 107): with or without board, from the municipality's table ``at``.

    >>> from socialcalc.ratebook import default_book
    >>> rate107(default_book().at(date(2025, 1, 1), "lejre"), True).key
    'sel107.raadighedsbeloeb_with_board'
    """
    return at.get("sel107.raadighedsbeloeb_with_board" if board_included else "sel107.raadighedsbeloeb_without_board")


def decide107(net: Decimal, fixed: Decimal, keep: Decimal, items: Decimal, housing: Decimal | None,
              keeps_own_dwelling: bool) -> decide.Sel107Out:
    """The § 107 decision on one case's kroner (:func:`socialcalc.egenbetaling.decide.sel107`, in øre).

    >>> decide107(Decimal(12000), Decimal(1500), Decimal(2500), Decimal(8000), None, False).amount
    800000
    """
    return decide.sel107(_ore(net), _ore(fixed), _ore(keep), _ore(items), _ore(housing or ZERO),
                         keeps_own_dwelling and housing is not None)


def sel107_result(
    at: Rates,
    rate: Rate,
    out: decide.Sel107Out,
    *,
    on: date,
    kommune: str | None,
    net: Decimal,
    fixed: Decimal,
    items: Decimal,
    board_included: bool,
    keeps_own_dwelling: bool,
    housing: Decimal | None,
) -> Sel107Result:
    """The :class:`Sel107Result` of a decided case (SEL § 107): its facts, from the decision's øre and codes.

    Called by :func:`sel107` and by :func:`socialcalc.egenbetaling.frame.explain_row` (a row of
    ``botilbud107_frame``), so a row is explained by the same code as one case.

    >>> from socialcalc.ratebook import default_book
    >>> at = default_book().at(date(2025, 1, 1), "lejre")
    >>> rate = rate107(at, True)
    >>> out = decide107(Decimal(12000), Decimal(1500), Decimal(rate.value), Decimal(8000), None, False)
    >>> r = sel107_result(at, rate, out, on=date(2025, 1, 1), kommune="lejre", net=Decimal(12000),
    ...                   fixed=Decimal(1500), items=Decimal(8000), board_included=True, keeps_own_dwelling=False,
    ...                   housing=None)
    >>> r.amount
    Decimal('8000.00')
    """
    keep = Decimal(rate.value)
    ex = Explainer("sel107.title.betaling")
    standard = at.optional("hjemmel.sel107.kvalitetsstandard")
    ex.fact("sel107.raadighedsbeloeb.med_kost" if board_included else "sel107.raadighedsbeloeb.uden_kost",
            basis=standard if standard is not None else at.get("hjemmel.sel107.raadighedsbeloeb"),
            inputs={"board_included": board_included}, outputs={"keep": keep}, rates=[rate])
    payable, chargeable = _kroner(out.payable), _kroner(out.chargeable)
    amount = _kroner(out.amount)
    basis = at.get("hjemmel.sel107.betaling")
    if out.no_income:
        ex.fact("sel107.ingen_indtaegt", basis=basis, inputs={"net": net}, outputs={"amount": amount})
    else:
        ex.fact("sel107.betalingsevne.under_nul" if out.below_zero else "sel107.betalingsevne.positiv", basis=basis,
                inputs={"net": net, "fixed": fixed, "keep": keep}, outputs={"payable": payable})
        if keeps_own_dwelling:
            ex.fact("sel107.egen_bolig", basis=at.get("hjemmel.sel107.egen_bolig"),
                    inputs={"housing": housing or ZERO, "items": items}, outputs={"chargeable": chargeable})
        ex.fact("sel107.betaling", basis=basis, inputs={"chargeable": chargeable, "payable": payable},
                outputs={"amount": amount})
    explanation = ex.build()
    return Sel107Result.built(
        amount=amount, explanation=explanation, projected=explanation.projected, on=on, kommune=kommune,
        net_income=net, fixed_expenses=fixed, board_included=board_included, raadighedsbeloeb=keep,
        payable=payable, included_items_cost=items, keeps_own_dwelling=keeps_own_dwelling,
        housing_part_cost=housing, chargeable_cost=chargeable,
    )


def _ore(kroner: Decimal) -> int:
    return int(round_ore(kroner).scaleb(2))


def _kroner(ore: int) -> Decimal:
    return Decimal(ore).scaleb(-2)
