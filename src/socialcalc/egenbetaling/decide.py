"""The decisions of SEL §§ 107–110 egenbetaling, written once, on integer øre, for one case and for a million.

Every threshold, floor, cap, rounding point and order of checks of the four rules is in this module and
nowhere else. Each function takes integer øre (Python ``int`` for one case, ``int64`` numpy arrays for a
caseload) and an *ops* object ``xp`` with ``where``, ``minimum`` and ``maximum``; arithmetic and comparisons
are the operators, which mean the same on both. :data:`socialcalc.kernel.PY` is the scalar backend;
the batch kernels pass ``socialcalc.batch.ops.NP`` (:mod:`socialcalc.egenbetaling.batch`).
This module never imports numpy.

Why this pattern: the one-case functions (:mod:`~socialcalc.egenbetaling.ophold`,
:mod:`~socialcalc.egenbetaling.botilbud107`, :mod:`~socialcalc.egenbetaling.botilbud108`) convert their
``Decimal`` kroner to øre at the edge, call these functions and build their facts from the øre they return;
the batch kernels call the very same functions on columns. So a reading at an edge (a same-day stay is one
døgn; the payable amount is never below 0; the kompensationsbeløb is deducted after the couples' discount and
never below 0) cannot drift between the two paths. Shares (0,10, 0,25 …) are exact fractions
``numerator / denominator`` (:func:`fraction`); every rounding is half up to whole øre (:func:`div_half_up`),
the rule of :func:`socialcalc.money.round_ore`.

>>> stay_days(NIGHTS_MIN_ONE, 0, PY), stay_days(CALENDAR_DAYS, 0, PY)
(1, 1)
>>> charge(fraction(Decimal("100.77")), 10)
100770
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from socialcalc.kernel import PY

__all__ = [
    "CALENDAR_DAYS",
    "DAY_COUNT_CODES",
    "NIGHTS_MIN_ONE",
    "PY",
    "Sel107Out",
    "Sel108Out",
    "charge",
    "div_half_up",
    "fraction",
    "let_off",
    "sel107",
    "sel108",
    "stay_days",
]

NIGHTS_MIN_ONE: Final = 0
"""Day-count code: one døgn per night of the stay; a stay that begins and ends on the same day is one døgn."""
CALENDAR_DAYS: Final = 1
"""Day-count code: one døgn for every calendar day from the day of arrival to the day of departure."""
DAY_COUNT_CODES: Final = {"nights_min_one": NIGHTS_MIN_ONE, "calendar_days": CALENDAR_DAYS}
"""The values of the policy ``egenbetaling.day_count`` and their codes."""

MONTHS_PER_YEAR: Final = 12

def fraction(value: Decimal | int) -> tuple[int, int]:
    """An exact share or rate as ``(numerator, denominator)``.

    >>> fraction(Decimal("0.10")), fraction(Decimal("97.30"))
    ((1, 10), (973, 10))
    """
    numerator, denominator = Decimal(value).as_integer_ratio()
    return numerator, denominator


def div_half_up(numerator: Any, denominator: Any) -> Any:
    """``numerator / denominator`` rounded half up to an integer (both non-negative; the denominator positive).

    >>> div_half_up(5, 2), div_half_up(7, 3)
    (3, 2)
    """
    return (2 * numerator + denominator) // (2 * denominator)


# -- §§ 109 / 110 -----------------------------------------------------------------------------------------------

def stay_days(policy: Any, nights: Any, xp: Any = PY) -> Any:
    """The døgn of a stay of ``nights`` nights (departure − arrival) under the day-count ``policy`` code.

    :data:`NIGHTS_MIN_ONE`: one døgn per night, at least one; :data:`CALENDAR_DAYS`: nights + 1.

    >>> stay_days(NIGHTS_MIN_ONE, 10), stay_days(CALENDAR_DAYS, 10)
    (10, 11)
    """
    return xp.where(policy == NIGHTS_MIN_ONE, xp.maximum(nights, 1), nights + 1)


def charge(rate: tuple[int, int], days: Any) -> Any:
    """``days`` døgn at the day rate ``rate`` (kroner, as a :func:`fraction`), in øre rounded half up.

    Each run of døgn at one rate is rounded once (BEK 1244/2017 § 2: the rate per døgn × the døgn).

    >>> charge(fraction(Decimal("93.38")), 4)
    37352
    """
    numerator, denominator = rate
    return div_half_up(100 * numerator * days, denominator)


def let_off(gross: Any, off: Any, share: tuple[Any, Any] | None, xp: Any = PY) -> Any:
    """The øre the municipality's reduction lets off ``gross``: a share of it, or kroner off, never more than it.

    ``off``: øre off (``0`` when none); ``share``: ``(numerator, denominator)`` of the share let off, used
    where its numerator is positive (a waiver is ``(1, 1)``).

    >>> let_off(100770, 50000, None), let_off(100770, 0, (1, 2)), let_off(100, 500, None)
    (50000, 50385, 100)
    """
    capped = xp.minimum(off, gross)
    if share is None:
        return capped
    numerator, denominator = share
    return xp.where(numerator > 0, div_half_up(gross * numerator, denominator), capped)


# -- § 107 ------------------------------------------------------------------------------------------------------

class Sel107Out:
    """The øre of a § 107 decision: ``payable``, ``chargeable``, ``amount`` and the codes the facts need."""

    __slots__ = ("amount", "below_zero", "chargeable", "no_income", "payable")

    def __init__(self, payable: Any, chargeable: Any, amount: Any, no_income: Any, below_zero: Any) -> None:
        self.payable, self.chargeable, self.amount = payable, chargeable, amount
        self.no_income, self.below_zero = no_income, below_zero


def sel107(net: Any, fixed: Any, keep: Any, items: Any, housing: Any, keeps_own_dwelling: Any,
           xp: Any = PY) -> Sel107Out:
    """The monthly § 107 payment in øre (SEL § 163 stk. 2; BEK 1387/2006 § 1).

    ``payable = max(0, net − fixed − keep)``; ``chargeable`` = the included items' cost, less the housing part
    when the own dwelling is kept; ``amount = min(chargeable, payable)``, and 0 for a resident with no income.

    >>> r = sel107(1200000, 150000, 250000, 800000, 0, False)
    >>> r.payable, r.amount
    (800000, 800000)
    >>> sel107(1200000, 150000, 400000, 600000, 0, False).amount
    600000
    """
    left = net - fixed - keep
    payable = xp.maximum(left, 0)
    chargeable = xp.where(keeps_own_dwelling, items - housing, items)
    no_income = net == 0
    amount = xp.where(no_income, 0, xp.minimum(chargeable, payable))
    return Sel107Out(payable, chargeable, amount, no_income, left < 0)


# -- § 108 ------------------------------------------------------------------------------------------------------

class Sel108Out:
    """The øre of a § 108 decision and the codes its facts need."""

    __slots__ = ("amount", "capped_by_costs", "deducted", "discount", "excess", "floored", "housing",
                 "income_based", "monthly", "part_high", "part_low", "reduced", "steps")

    def __init__(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self, name, value)

    reduced: Any
    """The income basis after the reductions (never below 0)."""
    floored: Any
    """True where the reductions would have taken the basis below 0."""
    part_low: Any
    """The share of the basis up to the threshold, rounded to øre (shown in the facts)."""
    part_high: Any
    """The share of the basis above the threshold, rounded to øre (shown in the facts)."""
    income_based: Any
    housing: Any
    capped_by_costs: Any
    excess: Any
    steps: Any
    discount: Any
    """The couples' discount in the unit of ``point`` (e.g. 1/10 000), 0 for a single resident."""
    amount: Any
    deducted: Any
    monthly: Any


def sel108(basis: Any, cut: Any, set_aside: Any, costs: Any, threshold: Any, low: tuple[int, int],
           high: tuple[int, int], couple: Any = False, joint_income: Any = 0, social_pension: Any = 0,
           step: Any = 1, discount_share: tuple[int, int] = (0, 1), discount_point: tuple[int, int] = (0, 1),
           kompensation: Any = 0, xp: Any = PY) -> Sel108Out:
    """The yearly § 108 housing payment in øre (SEL § 163 stk. 3; BEK 1387/2006 §§ 5, 7, 9, 10).

    1. ``reduced = max(0, basis − cut − set_aside)`` (``cut``: the single-pensioner reduction or 0);
    2. income-based = ``low`` × the basis up to ``threshold`` + ``high`` × the basis above it, rounded once;
    3. housing = min(costs, income-based);
    4. a couple: discount = max(0, share − point × full steps of ``step`` by which the joint income exceeds the
       social pension); amount = housing × (1 − discount), rounded;
    5. the kompensationsbeløb given is deducted after the discount, never below 0;
    6. monthly = amount ÷ 12, rounded half up.

    >>> r = sel108(30000000, 0, 0, 6000000, 23400000, (1, 10), (1, 5))
    >>> r.income_based, r.amount, r.monthly
    (3660000, 3660000, 305000)
    """
    floored = basis - cut - set_aside < 0
    reduced = xp.maximum(basis - cut - set_aside, 0)
    below, above = xp.minimum(reduced, threshold), xp.maximum(reduced - threshold, 0)
    (ln, ld), (hn, hd) = low, high
    part_low, part_high = div_half_up(below * ln, ld), div_half_up(above * hn, hd)
    income_based = div_half_up(below * ln * hd + above * hn * ld, ld * hd)
    housing = xp.minimum(costs, income_based)
    excess = xp.maximum(joint_income - social_pension, 0)
    steps = xp.where(couple, excess // step, 0)
    # the discount as an exact fraction over the common denominator of share and point
    (sn, sd), (pn, pd) = discount_share, discount_point
    denominator = sd * pd
    discount = xp.where(couple, xp.maximum(sn * pd - pn * sd * steps, 0), 0)
    after_discount = div_half_up(housing * (denominator - discount), denominator)
    deducted = xp.minimum(kompensation, after_discount)
    amount = after_discount - deducted
    return Sel108Out(reduced=reduced, floored=floored, part_low=part_low, part_high=part_high,
                     income_based=income_based, housing=housing, capped_by_costs=costs < income_based,
                     excess=excess, steps=steps, discount=discount, amount=amount, deducted=deducted,
                     monthly=div_half_up(amount, MONTHS_PER_YEAR))
