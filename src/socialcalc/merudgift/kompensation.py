"""Kompensationsydelse: SEL § 100 stk. 2 as amended by L 201 (2024-25), the regime for new decisions.

- Nothing unless the probable compensable expenses are **at least** ``sel100.komp_minimum`` a month.
- **Group I** pays the standard amount ``sel100.komp_group1``.
- **Group II** is open to a person who documents expenses of the listed types (positivlisten) of **over**
  ``sel100.komp_group2_threshold`` a month; it pays those expenses plus ``sel100.komp_group2_supplement``.
- The citizen chooses. The library computes every group the person qualifies for and recommends the one that
  pays more; on a tie it recommends group I (a standard amount, with no running documentation) and says so.

Yearly figures are compared with the monthly limits exactly (``yearly >= 12 × limit``); group II's
documented expenses are paid to the øre (the monthly figure rounded half up).

The decision itself is :func:`socialcalc.merudgift.regel.komp_decision` (the batch kernel runs the same
function); :func:`kompensation` is its one-case form with named groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socialcalc.coerce import exact
from socialcalc.merudgift import regel
from socialcalc.merudgift.model import GroupName
from socialcalc.ratebook import Rates

__all__ = ["Kompensation", "kompensation"]

_NAMES: dict[int, GroupName] = {regel.GROUP_I: "I", regel.GROUP_II: "II"}
_CODES: dict[GroupName | None, int] = {None: regel.NO_GROUP, "I": regel.GROUP_I, "II": regel.GROUP_II}


@dataclass(frozen=True)
class Kompensation:
    """The outcome of the kompensationsydelse: the qualifying groups, the advice, and the amount paid."""

    groups: dict[GroupName, Decimal]
    recommended: GroupName | None
    group: GroupName | None
    amount: Decimal


@exact
def kompensation(expenses: Decimal, listed: Decimal | None, months: int, *, chosen: GroupName | None,
                 rates: Rates) -> Kompensation:
    """The kompensationsydelse (SEL § 100, stk. 2) for ``expenses`` (and ``listed``) over ``months`` months,
    with ``rates`` of the payment month. A refused choice is not checked here (see
    :func:`socialcalc.merudgift.calculate`).

    >>> from datetime import date
    >>> from socialcalc.ratebook import default_book
    >>> k = kompensation(Decimal(2500), Decimal(2500), 1, chosen=None, rates=default_book().at(date(2025, 10, 1)))
    >>> k.recommended, k.amount == Decimal("3000.00"), sorted(k.groups)
    ('II', True, ['I', 'II'])
    """
    from socialcalc.kernel import PY

    def ore(key: str) -> int:
        return regel.units(Decimal(rates.get(key).value), 100)

    scale = regel.scale_of(expenses, listed)
    k = regel.komp_decision(regel.units(expenses, scale), None if listed is None else regel.units(listed, scale),
                            _CODES[chosen], regel.KompRates(ore("sel100.komp_minimum"), ore("sel100.komp_group1"),
                                                            ore("sel100.komp_group2_threshold"),
                                                            ore("sel100.komp_group2_supplement")),
                            scale=scale, months=months, ops=PY)
    groups: dict[GroupName, Decimal] = {}
    if k.met:
        groups["I"] = Decimal(int(k.group_i)).scaleb(-2)
    if k.qualifies_ii:
        groups["II"] = Decimal(int(k.group_ii)).scaleb(-2)
    return Kompensation(groups, _NAMES.get(int(k.recommended)), _NAMES.get(int(k.group)),
                        Decimal(int(k.amount)).scaleb(-2))
