"""§ 103 beskyttet beskæftigelse: who pays the transport to and from the workplace (BEK § 2).

The person pays the daily transport **within** ``sel103.own_transport_km`` of the workplace; the municipality pays
the necessary transport beyond that, up to the cheapest option. The person's cost can never exceed
``sel103.transport_cap_share`` of their earnings from the sheltered employment after tax: what is above that
falls to the municipality too, also when the whole trip is within the distance.

The trip is priced in one of two forms (exactly one must be given):

- **per km** (``per_km``): the cheapest option's price per km. Total = days × 2 × distance × price; the person's
  share before the cap = days × 2 × min(distance, own distance) × price (the first km of each way).
- **zone tickets** (``daily_total`` and ``daily_within_10km``): the price per working day of the whole trip (there
  and back) and of a trip of the own distance. Total = days × ``daily_total``; the person's share before the cap
  = days × ``daily_within_10km``, or the whole total when the trip is within the own distance.

The decisions (thresholds, roundings, the order of the checks) are written once, on integers, in
:mod:`~socialcalc.beskyttet_beskaeftigelse.beslutning`; this function reads its inputs, converts them to integers
at a scale that loses nothing, runs the decision on Python ints and builds the facts
(:func:`~socialcalc.beskyttet_beskaeftigelse.fakta.transport_facts`). The batch kernel runs the same decision on
arrays. Rounding: the total and the person's share before the cap half up to øre; the cap **down** to øre; the
municipality's share is the total minus the person's share, so the two add up to the total exactly.

``amount`` of the result is the municipality's share: the amount the decision grants the person.

>>> from datetime import date
>>> t = transport(days=20, distance_km=25, net_earnings="1500", per_km="1.50", on=date(2025, 3, 1))
>>> t.total, t.citizen, t.municipality, t.capped
(Decimal('1500.00'), Decimal('450.00'), Decimal('1050.00'), True)
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import model_validator

from socialcalc import coerce
from socialcalc.beskyttet_beskaeftigelse import beslutning as b
from socialcalc.beskyttet_beskaeftigelse._common import Exact, check_day, ore, rates_on
from socialcalc.beskyttet_beskaeftigelse.fakta import transport_facts, transport_rates
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import Kroner
from socialcalc.kernel import PY
from socialcalc.ratebook import Project, RateBook
from socialcalc.result import Later, Result

__all__ = ["PriceForm", "Transport", "transport"]


class PriceForm(StrEnum):
    """How the trip was priced."""

    PER_KM = "per_km"
    """A price per km of the cheapest option."""
    ZONE = "zone"
    """Daily prices of the whole trip and of a trip of the own distance (zone tickets)."""


class Transport(Result):
    """The split of a period's transport cost between the person and the municipality (SEL § 103; BEK § 2).

    ``amount`` is the municipality's share (``municipality``): what the decision grants. ``citizen`` +
    ``municipality`` = ``total`` to the øre.

    >>> from datetime import date
    >>> t = transport(days=20, distance_km=8, net_earnings="1500", per_km="1.50", on=date(2025, 3, 1))
    >>> (t.total, t.citizen, t.municipality == t.amount == Decimal("30.00"))
    (Decimal('480.00'), Decimal('450.00'), True)
    >>> Transport.model_validate_json(t.model_dump_json()) == t
    True
    """

    total: Kroner
    """The whole cost of the period's transport by the cheapest option."""
    citizen: Kroner
    """What the person pays."""
    municipality: Kroner
    """What the municipality pays (= ``amount``)."""
    capped: bool
    """Whether the cap on the person's share (a share of net earnings) lowered it."""
    citizen_before_cap: Kroner
    """The person's share before the cap: the cost of the trip within the own distance of the workplace."""
    citizen_cap: Kroner
    """The cap: the cap share × ``net_earnings``, rounded down to øre."""
    within_own_distance: bool
    """Whether the whole trip (one way) is within the own distance, so that the person's share is all of it."""
    price_form: PriceForm
    days: int
    distance_km: Exact
    net_earnings: Kroner
    per_km: Kroner | None = None
    daily_total: Kroner | None = None
    daily_within_10km: Kroner | None = None
    on: date
    kommune: str | None = None

    @model_validator(mode="after")
    def _adds_up(self) -> Transport:
        if self.citizen + self.municipality != self.total or self.amount != self.municipality:
            raise ValueError("borgerens og kommunens andel skal give den samlede udgift (citizen + municipality "
                             "= total), og amount skal være kommunens andel (municipality)")
        return self


def _optional(value: Any, field: str) -> Decimal | None:
    return None if value is None else coerce.non_negative(value, field)


@exact
def transport(
    *,
    days: Any,
    distance_km: Any,
    net_earnings: Any,
    on: date,
    per_km: Any = None,
    daily_total: Any = None,
    daily_within_10km: Any = None,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> Transport:
    """Split a period's transport cost between the person and the municipality (SEL § 103; BEK § 2).

    ``days``: working days in the period (``int``). ``distance_km``: one-way distance by the cheapest option.
    ``net_earnings``: the person's earnings from the sheltered employment after tax, for the same period.
    Give either ``per_km`` or both ``daily_total`` and ``daily_within_10km`` (see the module's text). Every
    amount is a non-negative ``Decimal``, ``int`` or decimal string; a float is refused. ``project`` (see
    :mod:`socialcalc.projection`) is passed to the rate book: the § 103 rates are standing, so every year from
    their start computes strictly.

    Worked examples 2 and 3 of § 103 (25 km and 8 km each way):

    >>> from datetime import date
    >>> far = transport(days=20, distance_km=25, net_earnings="1500.00", per_km="1.50", on=date(2025, 3, 1))
    >>> far.citizen_before_cap == Decimal("600.00"), far.citizen == Decimal("450.00"), far.municipality
    (True, True, Decimal('1050.00'))
    >>> near = transport(days=20, distance_km=8, net_earnings="1500.00", per_km="1.50", on=date(2025, 3, 1))
    >>> near.total, near.citizen, near.municipality == Decimal("30.00"), near.within_own_distance
    (Decimal('480.00'), Decimal('450.00'), True, True)

    Zone tickets (a day ticket within the own distance 40.00, for the whole trip 64.00):

    >>> z = transport(days=20, distance_km=25, net_earnings=5000, daily_total="64.00",
    ...               daily_within_10km="40.00", on=date(2025, 3, 1))
    >>> z.total, z.citizen, z.municipality, z.capped
    (Decimal('1280.00'), Decimal('800.00'), Decimal('480.00'), False)
    >>> transport(days=20, distance_km=25, net_earnings=5000, per_km="1.50", daily_total="64.00",
    ...           daily_within_10km="40.00", on=date(2025, 3, 1))
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: per_km, daily_total, daily_within_10km = given: angiv enten per_km eller \
daily_total og daily_within_10km (zonebilletter), ikke begge
    """
    n_days = coerce.whole(days, "days")
    distance = coerce.non_negative(distance_km, "distance_km")
    net = coerce.non_negative(net_earnings, "net_earnings")
    price_km = _optional(per_km, "per_km")
    whole = _optional(daily_total, "daily_total")
    near = _optional(daily_within_10km, "daily_within_10km")
    form, code = b.price_form(price_km is not None, whole is not None, near is not None)
    if code is not None:
        field, value = b.price_form_field(code, whole is not None)
        raise InvalidInput(field, value, code=code)
    if whole is not None and near is not None and b.within_above_total(near, whole):
        raise InvalidInput("daily_within_10km", near, code=b.WITHIN_ABOVE_TOTAL, total=whole)
    day = check_day(on)
    table = rates_on(day, kommune, rates, project)
    used = transport_rates(table)
    own_km = Decimal(used.own.value)
    share_num, share_den = b.share_ratio(Decimal(used.share.value))

    # to integers at a scale that loses nothing: distance and own distance in 10^-k km, prices in 10^-p øre
    k = b.scale_of(distance, own_km)
    prices = [p for p in (price_km, whole, near) if p is not None]
    p = max(b.scale_of(*prices) - 2, 0)
    n = max(b.scale_of(net) - 2, 0)
    split = b.transport_split(
        PY, days=n_days, distance=b.units(distance, k), own=b.units(own_km, k), net=b.units(net, n + 2),
        share_num=share_num, share_den=share_den,
        per_km=None if price_km is None else b.units(price_km, p + 2),
        daily_total=None if whole is None else b.units(whole, p + 2),
        daily_within=None if near is None else b.units(near, p + 2),
        km_unit=10**k, price_unit=10**p, net_unit=10**n)
    total, before, cap = ore(split.total), ore(split.before), ore(split.cap)
    citizen, municipality = ore(split.citizen), ore(split.municipality)
    capped, within = bool(split.capped), bool(split.within)
    # the facts are built when first read (Later): every rate and citation they read is in ``used`` already
    explanation = Later(functools.partial(
        transport_facts, days=n_days, distance_km=distance, net_earnings=net, per_km=price_km, daily_total=whole,
        daily_within_10km=near, rates=used, total=total, before=before, cap=cap, citizen=citizen,
        municipality=municipality, capped=capped, within=within))
    return Transport.built(amount=municipality, explanation=explanation, total=total, citizen=citizen,
                           municipality=municipality, capped=capped, citizen_before_cap=before, citizen_cap=cap,
                           within_own_distance=within, price_form=PriceForm(form), days=n_days,
                           distance_km=distance, net_earnings=net, per_km=price_km, daily_total=whole,
                           daily_within_10km=near, on=day, kommune=table.kommune)
