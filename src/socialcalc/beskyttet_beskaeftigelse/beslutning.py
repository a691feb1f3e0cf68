"""The decisions of § 103, written once on integers: one case and a whole caseload run the same code.

Every threshold, rounding point and order of checks of the wage (BEK om aflønning og befordringsudgifter m.v. i
beskyttet beskæftigelse § 1) and the transport split (§ 2) is written here, once, as arithmetic on integers over
the small ops protocol of :mod:`socialcalc.kernel`: :data:`socialcalc.kernel.PY` runs it on Python ints (one
case: :func:`~socialcalc.beskyttet_beskaeftigelse.transport`, :func:`~socialcalc.beskyttet_beskaeftigelse.
hourly_wage`), ``socialcalc.batch.ops.NP`` on ``int64`` arrays (a caseload: :mod:`socialcalc.beskyttet_beskaeftigelse.
batch`). The one-case functions convert their exact ``Decimal`` inputs to integers at their edge
(:func:`units`): at a scale fine enough that nothing is lost, so the decision is exact for any input; the batch
path uses øre and whole metres. The scale is an argument (``km_unit``, ``price_unit``, ``net_unit``, ``unit``),
so the same expression rounds both.

The decisions return the figures **and the codes the facts need** (``within``, ``capped``, the wage's
``basis``), so the explanation of a batch row is built from the same codes as that of one case.

Why integers over a protocol, not decision tables: the rule is a handful of comparisons and two roundings; one
expression read by both backends is shorter than a table and leaves nothing for the kernel to re-express.

>>> from socialcalc.kernel import PY
>>> t = transport_split(PY, days=20, distance=25_000, own=10_000, net=150_000, share_num=3, share_den=10,
...                     per_km=150)
>>> t.total, t.before, t.cap, t.citizen, t.municipality, t.capped, t.within
(150000, 60000, 45000, 45000, 105000, True, False)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final, NamedTuple

from socialcalc.kernel import PY, Ops

__all__ = [
    "ASSESSED",
    "CAP",
    "FLOOR",
    "FLOOR_OVER_CAP",
    "PRICE_FORM_BOTH",
    "PRICE_FORM_MISSING",
    "PRICE_FORM_ZONE",
    "TRIPS_PER_DAY",
    "WITHIN_ABOVE_TOTAL",
    "TransportSplit",
    "Wage",
    "hourly_wage",
    "ore_of_rate",
    "period_wage",
    "price_form",
    "price_form_field",
    "scale_of",
    "share_ratio",
    "transport_split",
    "units",
    "within_above_total",
]

TRIPS_PER_DAY: Final = 2
"""To the workplace and back (BEK § 2: the daily transport to and from the workplace)."""

ASSESSED: Final = 0
"""The wage's basis: the assessed rate, between the floor and the cap."""
FLOOR: Final = 1
"""The wage's basis: the assessed rate was below the floor (BEK § 1) and is raised to it."""
CAP: Final = 2
"""The wage's basis: the assessed rate was above the municipality's cap and is lowered to it."""
FLOOR_OVER_CAP: Final = 3
"""The wage's basis: the floor is above the municipality's cap; the floor (law) wins over the cap (policy)."""

PRICE_FORM_BOTH: Final = "input.price_form_both"
PRICE_FORM_MISSING: Final = "input.price_form_missing"
PRICE_FORM_ZONE: Final = "input.price_form_zone"
WITHIN_ABOVE_TOTAL: Final = "input.price_within_above_total"
_PRICE_FIELDS: Final = "per_km, daily_total, daily_within_10km"


def scale_of(*values: Decimal) -> int:
    """The number of decimals needed to write every value as an integer (at least 0).

    >>> scale_of(Decimal("37.303"), Decimal("10"), Decimal("2.5"))
    3
    """
    places = 0
    for value in values:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            places = max(places, -exponent)
    return places


def units(value: Decimal, places: int) -> int:
    """``value`` × 10^``places`` as an exact integer (``places`` from :func:`scale_of`, so nothing is lost).

    >>> units(Decimal("37.303"), 3), units(Decimal("1.5"), 2)
    (37303, 150)
    """
    return int(value.scaleb(places))


def ore_of_rate(value: Decimal) -> int:
    """A rate in kroner (the municipal cap) as whole øre, rounded half up: the rounding of the cap, for both paths.

    >>> ore_of_rate(Decimal("30")), ore_of_rate(Decimal("29.995"))
    (3000, 3000)
    """
    extra = max(scale_of(value) - 2, 0)
    result: int = PY.div_half_up(units(value, extra + 2), 10**extra)
    return result


def share_ratio(share: Decimal) -> tuple[int, int]:
    """A share (``0.30``) as an exact fraction of integers ``(3, 10)``.

    >>> share_ratio(Decimal("0.05"))
    (1, 20)
    """
    numerator, denominator = share.as_integer_ratio()
    return numerator, denominator


def price_form(per_km_given: bool, total_given: bool, within_given: bool) -> tuple[str, str | None]:
    """The price form of the trip, checked in one order for both paths: ``("per_km" | "zone", None)``, or
    ``("", error code)`` naming what is wrong (BEK § 2: the cheapest option, priced per km or by zone tickets).

    The order of the checks: both forms given, then neither, then a zone price missing.

    >>> price_form(True, False, False), price_form(False, True, False)
    (('per_km', None), ('', 'input.price_form_zone'))
    """
    zone = total_given or within_given
    if per_km_given and zone:
        return "", PRICE_FORM_BOTH
    if per_km_given:
        return "per_km", None
    if not zone:
        return "", PRICE_FORM_MISSING
    if not (total_given and within_given):
        return "", PRICE_FORM_ZONE
    return "zone", None


def price_form_field(code: str, total_given: bool) -> tuple[str, str | None]:
    """The field and value an error of :func:`price_form` names (the same for one case and a batch).

    >>> price_form_field("input.price_form_zone", True)
    ('daily_within_10km', None)
    """
    if code == PRICE_FORM_ZONE:
        return ("daily_within_10km" if total_given else "daily_total"), None
    return _PRICE_FIELDS, "given" if code == PRICE_FORM_BOTH else "none"


def within_above_total(daily_within: Any, daily_total: Any) -> Any:
    """Whether the price of a trip within the own distance is above the whole trip's (refused: it cannot be).

    Equal prices are accepted (a trip within the own distance).

    >>> within_above_total(4001, 4000), within_above_total(4000, 4000)
    (True, False)
    """
    return daily_within > daily_total


class TransportSplit(NamedTuple):
    """The figures and codes of the transport split (ints for one case, ``int64``/``bool`` arrays for many)."""

    total: Any
    """The whole cost by the cheapest option, in øre (rounded half up)."""
    before: Any
    """The person's share before the cap: the trip within the own distance, in øre (rounded half up)."""
    cap: Any
    """The cap: the cap share of the net earnings, in øre, rounded **down**."""
    citizen: Any
    """What the person pays, in øre."""
    municipality: Any
    """What the municipality pays (total − citizen, so the two add up exactly), in øre."""
    capped: Any
    """Code: the cap lowered the person's share (``before > cap``; at the cap it does not bind)."""
    within: Any
    """Code: the whole trip (one way) is within the own distance (``distance <= own``: the edge is within)."""


def _cap(o: Ops, net: Any, numerator: Any, denominator: Any) -> Any:
    # floor(net × numerator / denominator) without the product (it could overflow int64 for large earnings)
    whole = o.floor_div(net, denominator)
    return whole * numerator + o.floor_div((net - whole * denominator) * numerator, denominator)


def transport_split(
    o: Ops,
    *,
    days: Any,
    distance: Any,
    own: Any,
    net: Any,
    share_num: Any,
    share_den: Any,
    per_km: Any = None,
    daily_total: Any = None,
    daily_within: Any = None,
    km_unit: int = 1000,
    price_unit: int = 1,
    net_unit: int = 1,
) -> TransportSplit:
    """Split the transport cost between the person and the municipality (BEK § 2), on integers.

    ``distance`` and ``own`` (the own distance, ``sel103.own_transport_km``) are in 1/``km_unit`` km (metres
    by default); ``per_km`` in 1/``price_unit`` øre per km, or ``daily_total`` and ``daily_within`` (zone
    tickets) in 1/``price_unit`` øre per working day; ``net`` (earnings after tax) in 1/``net_unit`` øre; the
    cap share is ``share_num / share_den``. Every figure returned is in øre.

    The decisions: the person pays the first ``own`` of each way (per km), or the ticket within the own distance
    (zone; the whole ticket when the whole trip is within it); the total and the person's share round half up
    to øre; the cap rounds down to øre (the person never pays a fraction of an øre above the share); the cap
    binds only above it; the municipality pays the rest.

    >>> from socialcalc.kernel import PY
    >>> near = transport_split(PY, days=20, distance=8_000, own=10_000, net=150_000, share_num=3, share_den=10,
    ...                        per_km=150)
    >>> near.total, near.citizen, near.municipality, near.within
    (48000, 45000, 3000, True)
    """
    trips = days * TRIPS_PER_DAY
    within = distance <= own
    if per_km is not None:
        total = o.div_half_up(trips * distance * per_km, km_unit * price_unit)
        before = o.div_half_up(trips * o.minimum(distance, own) * per_km, km_unit * price_unit)
    else:
        total = o.div_half_up(days * daily_total, price_unit)
        before = o.where(within, total, o.div_half_up(days * daily_within, price_unit))
    cap = _cap(o, net, share_num, share_den * net_unit)
    capped = before > cap
    citizen = o.where(capped, cap, before)
    return TransportSplit(total=total, before=before, cap=cap, citizen=citizen, municipality=total - citizen,
                          capped=capped, within=within)


class Wage(NamedTuple):
    """The hourly wage's figures (øre) and its basis code (:data:`ASSESSED`, :data:`FLOOR`, :data:`CAP`,
    :data:`FLOOR_OVER_CAP`)."""

    floor: Any
    amount: Any
    basis: Any


def hourly_wage(o: Ops, *, assessed: Any, lowest: Any, share_num: Any, share_den: Any, cap: Any, has_cap: Any,
                unit: int = 1) -> Wage:
    """The hourly wage from the assessed rate, the floor and the municipal cap (BEK § 1), on integers.

    ``assessed`` and ``lowest`` (the field's lowest collective-agreement wage) are in 1/``unit`` øre per hour;
    ``cap`` in øre (used only where ``has_cap``). The floor is ``share × lowest`` rounded half up to øre.

    The order of the checks: the floor above the cap (the floor wins: the bekendtgørelse is law, the cap is
    policy), then the assessed rate below the floor (raised), then above the cap (lowered); otherwise the
    assessed rate, rounded half up to øre. The assessed rate is compared exactly (before rounding).

    >>> from socialcalc.kernel import PY
    >>> hourly_wage(PY, assessed=3500, lowest=18000, share_num=1, share_den=20, cap=3000, has_cap=True)
    Wage(floor=900, amount=3000, basis=2)
    >>> hourly_wage(PY, assessed=3500, lowest=70000, share_num=1, share_den=20, cap=3000, has_cap=True).basis
    3
    """
    floor = o.div_half_up(lowest * share_num, share_den * unit)
    over = has_cap & (floor > cap)
    below = assessed < floor * unit
    above = has_cap & (assessed > cap * unit)
    rounded = o.div_half_up(assessed, unit)
    amount = o.where(over | below, floor, o.where(above, cap, rounded))
    basis = o.where(over, FLOOR_OVER_CAP, o.where(below, FLOOR, o.where(above, CAP, ASSESSED)))
    return Wage(floor=floor, amount=amount, basis=basis)


def period_wage(o: Ops, *, hours: Any, rate: Any, hours_unit: int = 1, rate_unit: int = 1) -> Any:
    """The wage of a period in øre: hours × the hourly wage, rounded half up to øre (BEK § 1).

    ``hours`` in 1/``hours_unit`` hours, ``rate`` in 1/``rate_unit`` øre per hour.

    >>> from socialcalc.kernel import PY
    >>> period_wage(PY, hours=1225, rate=900, hours_unit=100)
    11025
    """
    return o.div_half_up(hours * rate, hours_unit * rate_unit)
