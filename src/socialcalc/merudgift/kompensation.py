"""Kompensationsydelse: SEL § 100 stk. 2 as amended by L 201 (2024-25), the regime for new decisions.

- Nothing unless the probable compensable expenses are **at least** ``sel100.komp_minimum`` a month.
- **Group I** pays the standard amount ``sel100.komp_group1``.
- **Group II** is open to a person who documents expenses of the listed types (positivlisten) of **over**
  ``sel100.komp_group2_threshold`` a month; it pays those expenses plus ``sel100.komp_group2_supplement``.
- The citizen chooses. The library computes every group the person qualifies for and recommends the one that
  pays more; on a tie it recommends group I (a standard amount, with no running documentation) and says so.

Yearly figures are compared with the monthly limits exactly (``yearly >= 12 × limit``); group II's
documented expenses are paid to the øre (the monthly figure rounded half up).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, kr
from socialcalc.merudgift.model import GroupName
from socialcalc.money import ZERO, round_ore
from socialcalc.ratebook import Rates

__all__ = ["Kompensation", "kompensation"]


@dataclass(frozen=True)
class Kompensation:
    """The outcome of the kompensationsydelse: the qualifying groups, the advice, and the amount paid."""

    groups: dict[GroupName, Decimal]
    recommended: GroupName | None
    group: GroupName | None
    amount: Decimal


def _over(value: Decimal, limit: Decimal, months: int) -> bool:
    return value > limit * months


@exact
def kompensation(
    expenses: Decimal,
    listed: Decimal | None,
    months: int,
    *,
    chosen: GroupName | None,
    rates: Rates,
    ex: Explainer,
) -> Kompensation:
    """The kompensationsydelse for ``expenses`` (and ``listed`` documented expenses) over ``months`` months.

    ``rates`` are the payment month's; the steps are added to ``ex``. Choosing a group the person does not
    qualify for is :class:`~socialcalc.errors.InvalidInput`.

    >>> from datetime import date
    >>> from socialcalc.ratebook import default_book
    >>> october = default_book().at(date(2025, 10, 1))
    >>> k = kompensation(Decimal(2500), Decimal(2500), 1, chosen=None, rates=october, ex=Explainer("x"))
    >>> k.recommended, k.amount == Decimal("3000.00"), sorted(k.groups)
    ('II', True, ['I', 'II'])
    """
    book = rates.book
    paragraph = book.spec("sel100.komp_group1").paragraph
    monthly = expenses if months == 1 else expenses / months
    minimum = rates.get("sel100.komp_minimum")
    limit = Decimal(minimum.value)
    # each figure is formatted once (babel's formatting is the cost of an explanation)
    s_monthly, s_limit = kr(round_ore(monthly)), kr(limit)
    if expenses < limit * months:
        ex.step("kompensationsydelse.minimum", paragraph,
                f"De sandsynliggjorte merudgifter er {s_monthly} om måneden, under mindstegrænsen "
                f"{s_limit} om måneden: der ydes ingen kompensationsydelse.",
                inputs={"udgifter_pr_md": monthly}, rates=[minimum], output=round_ore(ZERO))
        if chosen is not None:
            raise InvalidInput("group", chosen, code="input.group_below_minimum", monthly=round_ore(monthly),
                               minimum=limit)
        return Kompensation({}, None, None, round_ore(ZERO))
    ex.step("kompensationsydelse.minimum", paragraph,
            f"De sandsynliggjorte merudgifter er {s_monthly} om måneden og når mindstegrænsen "
            f"{s_limit} om måneden (mindst).",
            inputs={"udgifter_pr_md": monthly}, rates=[minimum])
    group1 = rates.get("sel100.komp_group1")
    amount1 = round_ore(Decimal(group1.value))
    groups: dict[GroupName, Decimal] = {"I": amount1}
    s_amount1 = kr(amount1)
    ex.step("kompensationsydelse.gruppe_1", paragraph,
            f"Gruppe I: standardbeløbet {s_amount1} om måneden.", rates=[group1], output=amount1)
    threshold = rates.get("sel100.komp_group2_threshold")
    bound = Decimal(threshold.value)
    s_bound = kr(bound)
    listed_monthly = None if listed is None else (listed if months == 1 else listed / months)
    if listed is None or listed_monthly is None:
        ex.step("kompensationsydelse.gruppe_2", paragraph,
                f"Gruppe II forudsætter dokumenterede udgifter på positivlisten på over {s_bound} om måneden; "
                "der er ikke oplyst nogen, så kun gruppe I er mulig.", rates=[threshold])
    else:
        if _over(listed, bound, months):
            supplement = rates.get("sel100.komp_group2_supplement")
            amount2 = round_ore(listed_monthly) + round_ore(Decimal(supplement.value))
            groups["II"] = amount2
            ex.step("kompensationsydelse.gruppe_2", paragraph,
                    f"Gruppe II: de dokumenterede udgifter på positivlisten, {kr(round_ore(listed_monthly))} om "
                    f"måneden, er over grænsen {s_bound}; gruppe II giver udgifterne plus standardbeløbet "
                    f"{kr(Decimal(supplement.value))} = {kr(amount2)} om måneden.",
                    inputs={"dokumenteret_positivliste_pr_md": listed_monthly}, rates=[threshold, supplement],
                    output=amount2)
        else:
            edge = " (\"over\" er eksklusive: præcis grænsen er ikke nok)" if listed == bound * months else ""
            ex.step("kompensationsydelse.gruppe_2", paragraph,
                    f"De dokumenterede udgifter på positivlisten, {kr(round_ore(listed_monthly))} om måneden, er "
                    f"ikke over grænsen {s_bound}{edge}: kun gruppe I er mulig.",
                    inputs={"dokumenteret_positivliste_pr_md": listed_monthly}, rates=[threshold])
    if "II" in groups and groups["II"] > amount1:
        recommended: GroupName = "II"
        advice = f"Gruppe II giver mest ({kr(groups['II'])} mod {s_amount1} i gruppe I) og anbefales."
    elif "II" in groups and groups["II"] == amount1:
        recommended = "I"
        advice = (f"Gruppe I og II giver det samme ({s_amount1}); ved lige beløb anbefales gruppe I, "
                  "som ikke kræver løbende dokumentation af udgifterne.")
    elif "II" in groups:
        recommended = "I"
        advice = f"Gruppe I giver mest ({s_amount1} mod {kr(groups['II'])} i gruppe II) og anbefales."
    else:
        recommended = "I"
        advice = "Borgeren kan kun få gruppe I, som derfor anbefales."
    if chosen is not None and chosen not in groups:
        raise InvalidInput("group", chosen, code="input.group_not_qualified", bound=bound,
                           listed=None if listed_monthly is None else round_ore(listed_monthly))
    paid: GroupName = chosen or recommended
    if chosen is None:
        choice = (f"Der er ikke valgt gruppe; beløbet er den anbefalede gruppes (gruppe {paid}): "
                  f"{kr(groups[paid])} om måneden.")
    else:
        choice = f"Borgeren har valgt gruppe {chosen}: {kr(groups[chosen])} om måneden."
        if groups[recommended] > groups[chosen]:
            choice += f" Bemærk: gruppe {recommended} ville give {kr(groups[recommended] - groups[chosen])} mere."
    ex.step("kompensationsydelse.valg", paragraph, f"{advice} {choice}",
            inputs={"valgt_gruppe": chosen or "-"}, output=groups[paid])
    return Kompensation(groups, recommended, paid, groups[paid])
