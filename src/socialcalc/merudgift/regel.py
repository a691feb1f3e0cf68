"""SEL § 100's decisions, written once, on integers, for one case and for a whole caseload.

Every threshold, edge reading, tie-break, rounding point and order of checks of § 100 is here and nowhere else.
The one-case functions (:func:`~socialcalc.merudgift.calculate`, :func:`~socialcalc.merudgift.one_off`) call
these with plain Python integers and :data:`socialcalc.kernel.PY`; the batch kernels
(:mod:`socialcalc.merudgift.batch`) call the very same functions with ``int64`` arrays and
:data:`socialcalc.batch.ops.NP`. Only operators and the ops protocol (``where``, ``select``,
``div_half_up``) are used, so both backends execute the same lines.

**Why integers.** An amount is an integer count of *units* of ``1 / scale`` kroner. The batch path works in øre
(``scale = 100``); the one-case path picks ``scale = 10 ** max(2, decimals of the input)``, so a comparison is
exact whatever the input's precision. A bound is turned into a unit threshold once per table (:func:`compile_bands`):
"fra" (inclusive) is ``units >= ceil(lower × scale × months)``, "over" (exclusive) is
``units >= floor(lower × scale × months) + 1``. A yearly figure is compared with 12 × the monthly bound, never
divided first. An amount paid to the øre (full cover, group II) is the monthly figure rounded half up to øre:
``div_half_up(units × 100, scale × months)``.

**The band reading** (:func:`band_decision`): an amount belongs to the **highest band whose lower bound it
meets**; below the first bound nothing is paid; in a band that pays the expenses themselves, **documented**
expenses are covered in full and merely probable ones get the highest standard amount below it.

**The kompensationsydelse** (:func:`komp_decision`): nothing under the minimum ("mindst": inclusive); group I
pays the standard amount; group II needs documented listed expenses **over** the threshold (exclusive) and pays
them plus the supplement; the recommended group pays more, **group I on a tie**; the amount is that of the
chosen group, else of the recommended one.

**One-off expenses** (:func:`one_off_decision`, BEK 931/2020 § 9): a recipient is paid the expense; a person
with no running expenses is paid it if it is **at least** the yearly minimum; a person with running expenses
under the minimum gets the ydelse for a year if the expense plus the year's running expenses reach the yearly
minimum, measured by :func:`band_decision` on that yearly total.

>>> from decimal import Decimal
>>> from socialcalc.kernel import PY
>>> from socialcalc.ratebook.model import Band
>>> table = compile_bands((Band(Decimal(608), True, Decimal(1138)), Band(Decimal(1707), True, Decimal(2277)),
...                        Band(Decimal(2846), False, None)), scale=100, months=1)
>>> d = band_decision(170700, False, table, PY)
>>> (d.band, d.amount, d.case == STANDARD)
(2, 227700, True)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any, Final, NamedTuple

from socialcalc.money import round_ore
from socialcalc.ratebook.model import Band

__all__ = [
    "ADVICE_I",
    "ADVICE_II",
    "ADVICE_NONE",
    "ADVICE_ONLY_I",
    "ADVICE_TIE",
    "BAND_FULL",
    "FULL",
    "G2_AT_EDGE",
    "G2_NONE",
    "G2_NOT_OVER",
    "G2_OVER",
    "GROUP_I",
    "GROUP_II",
    "NO_GROUP",
    "NO_RUNNING",
    "NO_STANDARD",
    "PROBABLE",
    "RECIPIENT",
    "STANDARD",
    "UNDER",
    "UNDER_MINIMUM",
    "BandDecision",
    "BandTable",
    "KompDecision",
    "KompRates",
    "OneOffDecision",
    "band_decision",
    "compile_bands",
    "compiled_bands",
    "komp_decision",
    "one_off_decision",
    "scale_of",
    "units",
]

# -- codes (small integers, the same in both paths; the facts are built from them) --------------------------------
UNDER: Final = 0
"""Band case: below the first band's lower bound (the bagatelgrænse): nothing."""
STANDARD: Final = 1
"""Band case: a band with a standard amount."""
FULL: Final = 2
"""Band case: documented expenses in a band that pays the expenses: covered in full, to the øre."""
PROBABLE: Final = 3
"""Band case: only probable expenses in such a band: the highest standard amount below it."""
NO_STANDARD: Final = 4
"""Band case: only probable expenses in such a band, and no band below it pays a standard amount: nothing."""
BAND_FULL: Final = 100
"""``band`` of full cover."""

NO_GROUP: Final = 0
GROUP_I: Final = 1
GROUP_II: Final = 2

G2_NONE: Final = 0
"""Group II: no documented listed expenses given."""
G2_NOT_OVER: Final = 1
"""Group II: the listed expenses are under the threshold."""
G2_AT_EDGE: Final = 2
"""Group II: the listed expenses are exactly the threshold ("over" is exclusive: not enough)."""
G2_OVER: Final = 3
"""Group II: the listed expenses are over the threshold (the person qualifies, if the minimum is met)."""

ADVICE_NONE: Final = 0
"""Advice: under the minimum, no group."""
ADVICE_ONLY_I: Final = 1
ADVICE_I: Final = 2
"""Advice: both groups, group I pays more."""
ADVICE_II: Final = 3
ADVICE_TIE: Final = 4
"""Advice: both groups pay the same; group I is recommended (no running documentation)."""

RECIPIENT: Final = 0
"""One-off case 1 (BEK 931/2020 § 9, stk. 1): a current recipient."""
NO_RUNNING: Final = 1
"""One-off case 2 (stk. 2): no running expenses."""
UNDER_MINIMUM: Final = 2
"""One-off case 3 (stk. 3): running expenses under the minimum."""


def scale_of(*values: Decimal | None) -> int:
    """The unit (``10 ** places``) in which every value is a whole number, at least øre (100).

    >>> scale_of(Decimal("12.5"), Decimal("1.001"))
    1000
    >>> scale_of(Decimal(7), None)
    100
    """
    places = 2
    for value in values:
        if value is not None:
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int):
                places = max(places, -exponent)
    scale: int = 10 ** places
    return scale


def units(value: Decimal, scale: int) -> int:
    """``value`` kroner as a whole number of ``1 / scale`` kroner (exact: ``value × scale`` must be whole).

    >>> units(Decimal("1706.99"), 100)
    170699
    """
    return int(value * scale)


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def _threshold(lower: Decimal, inclusive: bool, scale: int) -> int:
    """The smallest unit count that meets a bound: "fra" includes it, "over" does not."""
    exact = lower * scale
    return _ceil(exact) if inclusive else _floor(exact) + 1


@dataclass(frozen=True)
class BandTable:
    """A band table compiled for one unit and period: the thresholds, and what the number of met bands means.

    ``thresholds[i]`` is the smallest unit count that meets band ``i``; index ``m`` of ``pays``/``label``/
    ``full`` describes an amount meeting exactly ``m`` bands (0: none) — ``pays`` in øre.
    """

    thresholds: tuple[int, ...]
    pays: tuple[int, ...]
    label: tuple[int, ...]
    full: tuple[bool, ...]
    scale: int
    months: int


def compile_bands(table: tuple[Band, ...], *, scale: int, months: int) -> BandTable:
    """The decision table of ``table`` for amounts in ``1 / scale`` kroner over ``months`` months (1 or 12).

    >>> t = compile_bands((Band(Decimal(608), True, Decimal(1138)), Band(Decimal(2846), False, None)),
    ...                   scale=100, months=12)
    >>> t.thresholds, t.pays, t.label, t.full
    ((729600, 3415201), (0, 113800, 113800), (0, 1, 1), (False, False, True))
    """
    thresholds = tuple(_threshold(b.lower * months, b.inclusive, scale) for b in table)
    pays, label, full = [0], [0], [False]
    for m, band in enumerate(table):
        if band.pays is not None:
            pays.append(_ore(band.pays))
            label.append(m + 1)
            full.append(False)
        else:
            fixed = [i for i, f in enumerate(table[:m]) if f.pays is not None]
            pays.append(_ore(table[fixed[-1]].pays or Decimal(0)) if fixed else 0)
            label.append(fixed[-1] + 1 if fixed else 0)
            full.append(True)
    return BandTable(thresholds, tuple(pays), tuple(label), tuple(full), scale, months)


compiled_bands = functools.lru_cache(maxsize=256)(compile_bands)
""":func:`compile_bands`, kept for the last 256 (table, scale, months): a table is compiled once, not per case.

A table's bands are frozen and compared by value, so equal tables share one compiled table.

>>> compiled_bands((Band(Decimal(608), True, Decimal(1138)),), scale=100, months=1).pays
(0, 113800)
"""


def _ore(value: Decimal) -> int:
    return int(round_ore(value) * 100)


def _to_ore(ops: Any, x: Any, scale: int, months: int) -> Any:
    """A unit count over ``months`` months as øre a month, rounded half up (the rounding point of full cover)."""
    if scale == 100:
        return x if months == 1 else ops.div_half_up(x, months)
    return ops.div_half_up(x * 100, scale * months)


class BandDecision(NamedTuple):
    """What :func:`band_decision` decided (scalars, or arrays of the batch path): codes and øre."""

    met: Any
    """The number of bands whose lower bound the amount meets (0: none)."""
    band: Any
    """0 (nothing), 1, 2, … (a standard amount) or :data:`BAND_FULL`."""
    amount: Any
    """The monthly amount in øre."""
    case: Any
    """:data:`UNDER`, :data:`STANDARD`, :data:`FULL`, :data:`PROBABLE` or :data:`NO_STANDARD`."""


def band_decision(x: Any, documented: Any, table: BandTable, ops: Any) -> BandDecision:
    """The merudgiftsydelse of ``x`` units (SEL § 100, stk. 3): the highest band whose lower bound it meets.

    >>> from socialcalc.kernel import PY
    >>> t = compile_bands((Band(Decimal(100), True, Decimal(150)), Band(Decimal(200), False, None)),
    ...                   scale=100, months=1)
    >>> [band_decision(x, True, t, PY).band for x in (9999, 10000, 20000, 20001)]
    [0, 1, 1, 100]
    >>> band_decision(30000, False, t, PY).case == PROBABLE
    True
    """
    met = ops.highest_met(x, table.thresholds)
    count = len(table.pays)
    # a lookup by the band met (0 … count − 1; a code past the table pays nothing, as select's default did)
    at = ops.minimum(met, count)
    amount = ops.take((*table.pays, 0), at)
    label = ops.take((*table.label, 0), at)
    fulls = [m for m in range(count) if table.full[m]]
    in_full: Any = False
    for m in fulls:
        in_full = in_full | (met == m)
    covered = in_full & documented
    whole = _to_ore(ops, x, table.scale, table.months)
    case = ops.codes([covered, in_full & (label > 0), in_full, met == 0], [FULL, PROBABLE, NO_STANDARD, UNDER],
                     STANDARD)
    return BandDecision(met, ops.codes([covered], [BAND_FULL], label), ops.where(covered, whole, amount), case)


class KompRates(NamedTuple):
    """The kompensationsydelse's amounts of one payment month, in øre a month."""

    minimum: int
    group1: int
    threshold: int
    supplement: int


class KompDecision(NamedTuple):
    """What :func:`komp_decision` decided: amounts in øre, codes, and the masks of the refused choices."""

    met: Any
    qualifies_ii: Any
    group_i: Any
    group_ii: Any
    recommended: Any
    group: Any
    amount: Any
    advice: Any
    g2: Any
    below_chosen: Any
    """The person chose a group, but is under the minimum (refused: ``input.group_below_minimum``)."""
    not_ii: Any
    """The person chose group II without qualifying for it (refused: ``input.group_not_qualified``)."""


def komp_decision(x: Any, lx: Any, chosen: Any, rates: KompRates, *, scale: int, months: int,
                  ops: Any) -> KompDecision:
    """The kompensationsydelse (SEL § 100, stk. 2) of ``x`` units (``lx``: the listed documented expenses, or
    ``None``) over ``months`` months, ``chosen`` :data:`NO_GROUP`, :data:`GROUP_I` or :data:`GROUP_II`.

    >>> from socialcalc.kernel import PY
    >>> k = komp_decision(250000, 250000, NO_GROUP, KompRates(55500, 110500, 200000, 50000), scale=100,
    ...                   months=1, ops=PY)
    >>> (k.recommended, k.amount, k.advice == ADVICE_II)
    (2, 300000, True)
    """
    step = scale // 100
    met = x >= rates.minimum * step * months
    below = x < rates.minimum * step * months
    bound = rates.threshold * step * months
    if lx is None:
        over: Any = met & False
        g2: Any = met & False
        amount2: Any = 0 * x
    else:
        over = lx > bound
        g2 = ops.codes([over, lx == bound], [G2_OVER, G2_AT_EDGE], G2_NOT_OVER)
        amount2 = _to_ore(ops, lx, scale, months) + rates.supplement
    qualifies_ii = met & over
    amount2 = amount2 * qualifies_ii  # 0 unless it qualifies (a where by arithmetic)
    group_i = met * rates.group1  # the group I amount where met, else 0 (a where by arithmetic)
    better_ii = qualifies_ii & (amount2 > rates.group1)
    tie = qualifies_ii & (amount2 == rates.group1)
    recommended = ops.codes([better_ii, met], [GROUP_II, GROUP_I], NO_GROUP)  # better_ii implies met
    advice = ops.codes([better_ii, tie, qualifies_ii, met], [ADVICE_II, ADVICE_TIE, ADVICE_I, ADVICE_ONLY_I],
                       ADVICE_NONE)
    group = ops.where(chosen != NO_GROUP, chosen, recommended)
    # group II pays amount2 (0 unless it qualifies); otherwise group I's amount (0 unless met)
    amount = ops.where(group == GROUP_II, amount2, group_i)
    below_chosen = below & (chosen != NO_GROUP)
    not_ii = met & (chosen == GROUP_II) & (qualifies_ii == False)  # noqa: E712 (works on arrays and scalars)
    return KompDecision(met, qualifies_ii, group_i, amount2, recommended, group, amount, advice, g2,
                        below_chosen, not_ii)


@dataclass(frozen=True)
class OneOffDecision:
    """What :func:`one_off_decision` decided: the case, whether it is granted, and the amounts in øre."""

    case: Any
    granted: Any
    amount: Any
    """Everything paid, in øre (the expense, or 12 monthly amounts)."""
    running_year: Any
    """The year's running expenses, in units."""
    total: Any
    """The expense plus the year's running expenses, in units."""
    bands: BandDecision | None
    """Case 3's band decision on the yearly total (``None`` when no row is in case 3)."""
    running_over: Any
    """The running expenses reach the minimum (refused: ``input.one_off_running``)."""


def one_off_decision(value: Any, running: Any, recipient: Any, documented: Any, minimum: int,
                     table: BandTable | None, *, scale: int, months: int, ops: Any) -> OneOffDecision:
    """A one-off extra expense (BEK 931/2020 § 9) of ``value`` units; ``running`` units per ``months`` months
    (0: none), ``minimum`` the monthly minimum in øre, ``table`` the band table compiled for 12 months.

    >>> from socialcalc.kernel import PY
    >>> d = one_off_decision(700000, 10000, False, False, 60800,
    ...                      compile_bands((Band(Decimal(608), True, Decimal(1138)),), scale=100, months=12),
    ...                      scale=100, months=1, ops=PY)
    >>> (d.case == UNDER_MINIMUM, d.granted, d.amount)
    (True, True, 1365600)
    """
    step = scale // 100
    yearly_minimum = minimum * step * 12
    case = ops.codes([recipient, running == 0], [RECIPIENT, NO_RUNNING], UNDER_MINIMUM)
    running_year = running * (12 // months)
    total = value + running_year
    running_over = (case == UNDER_MINIMUM) & (running >= minimum * step * months)
    granted_2 = value >= yearly_minimum
    granted_3 = total >= yearly_minimum
    paid_1 = _to_ore(ops, value, scale, 1)
    bands = None if table is None else band_decision(total, documented, table, ops)
    paid_3 = 0 if bands is None else bands.amount * 12
    granted = ops.select([case == RECIPIENT, case == NO_RUNNING], [True, granted_2], granted_3)
    amount = ops.select([case == RECIPIENT, (case == NO_RUNNING) & granted_2, granted_3], [paid_1, paid_1, paid_3],
                        0)
    return OneOffDecision(case, granted, amount, running_year, total, bands, running_over)
