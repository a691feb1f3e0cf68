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

Rounding: the total and the person's share before the cap are money, rounded to øre, half up; the cap (the
share of net earnings) is rounded **down** to øre, so that the person never pays a fraction of an øre above it;
the municipality's share is the total minus the person's share, so the two add up to the total exactly.

``amount`` of the result is the municipality's share: the amount the decision grants the person.

>>> from datetime import date
>>> t = transport(days=20, distance_km=25, net_earnings="1500", per_km="1.50", on=date(2025, 3, 1))
>>> t.total, t.citizen, t.municipality, t.capped
(Decimal('1500.00'), Decimal('450.00'), Decimal('1050.00'), True)
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Any

from pydantic import model_validator

from socialcalc import coerce
from socialcalc.beskyttet_beskaeftigelse._common import BEK, Exact, check_day, rates_on
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explainer, Kroner, kr, procent, tal
from socialcalc.money import ORE, non_negative, round_ore
from socialcalc.ratebook import Project, RateBook
from socialcalc.result import Result

__all__ = ["PriceForm", "Transport", "transport"]

_PARAGRAPH = f"{BEK} § 2"
_TRIPS_PER_DAY = 2
"""To the workplace and back."""


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
            raise ValueError("citizen + municipality must equal total, and amount must equal municipality")
        return self

    def explain(self) -> str:  # type: ignore[override]  # legacy text, until this rule renders facts
        """The explanation as Danish text, ending with both shares."""
        return (f"{self.explanation.render()}\nResultat: borgeren betaler {kr(self.citizen)}, kommunen betaler "
                f"{kr(self.municipality)} (i alt {kr(self.total)}).")


def _days(days: Any) -> int:
    return coerce.whole(days, "days")


def _optional(value: Any, field: str) -> Decimal | None:
    return None if value is None else non_negative(value, field)


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

    Worked examples 2 and 3 of the spec (25 km and 8 km each way):

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
    n_days = _days(days)
    distance = non_negative(distance_km, "distance_km")
    net = non_negative(net_earnings, "net_earnings")
    price_km = _optional(per_km, "per_km")
    whole = _optional(daily_total, "daily_total")
    near = _optional(daily_within_10km, "daily_within_10km")
    form = _form(price_km, whole, near)
    if whole is not None and near is not None and near > whole:
        raise InvalidInput("daily_within_10km", near, code="input.price_within_above_total", total=whole)
    day = check_day(on)
    table = rates_on(day, kommune, rates, project)
    km_rate = table.get("sel103.own_transport_km")
    share_rate = table.get("sel103.transport_cap_share")
    own_km = Decimal(km_rate.value)
    share = Decimal(share_rate.value)
    within = distance <= own_km
    trips = n_days * _TRIPS_PER_DAY
    s_price = s_whole = s_near = ""  # the prices as Danish text, formatted once
    if price_km is not None:
        total = round_ore(trips * distance * price_km)
        before = round_ore(trips * min(distance, own_km) * price_km)
        s_price = kr(price_km)
    else:
        assert whole is not None  # _form: the zone form has both prices
        assert near is not None
        total = round_ore(n_days * whole)
        before = total if within else round_ore(n_days * near)
        s_whole, s_near = kr(whole), kr(near)
    cap = (share * net).quantize(ORE, rounding=ROUND_DOWN)
    capped = before > cap
    citizen = cap if capped else before
    municipality = total - citizen

    # each figure is formatted once (babel is the cost of an explanation)
    s_days, s_dist, s_own = tal(n_days), tal(distance), tal(own_km)
    s_total, s_before, s_cap, s_mun = kr(total), kr(before), kr(cap), kr(municipality)
    ex = Explainer("Befordring i beskyttet beskæftigelse (SEL § 103)")
    if price_km is not None:
        ex.step("beskyttet_beskaeftigelse.befordring.udgift", _PARAGRAPH,
                f"Den samlede udgift til den billigste befordring er {s_days} arbejdsdage × {_TRIPS_PER_DAY} "
                f"ture × {s_dist} km × {s_price} pr. km = {s_total}",
                inputs={"days": n_days, "distance_km": distance, "per_km": price_km}, output=total)
        own_text = f"{s_days} arbejdsdage × {_TRIPS_PER_DAY} ture × {s_own} km × {s_price} pr. km = {s_before}"
        own_inputs: dict[str, object] = {}
    else:
        ex.step("beskyttet_beskaeftigelse.befordring.udgift", _PARAGRAPH,
                f"Den samlede udgift til den billigste befordring er {s_days} arbejdsdage × {s_whole} "
                f"(dagspris for hele turen frem og tilbage) = {s_total}",
                inputs={"days": n_days, "distance_km": distance, "daily_total": whole}, output=total)
        own_text = "" if within else (
            f"{s_days} arbejdsdage × {s_near} (dagspris for en tur på {s_own} km) = {s_before}")
        own_inputs = {"daily_within_10km": near}
    if within:
        ex.step("beskyttet_beskaeftigelse.befordring.egen_andel", _PARAGRAPH,
                f"Hele turen ({s_dist} km hver vej) ligger inden for {s_own} km fra arbejdsstedet, "
                f"så borgeren afholder som udgangspunkt hele udgiften selv: {s_before}",
                rates=[km_rate], output=before)
    else:
        ex.step("beskyttet_beskaeftigelse.befordring.egen_andel", _PARAGRAPH,
                f"Borgeren afholder selv befordringen inden for {s_own} km fra arbejdsstedet "
                f"({s_dist} km hver vej): {own_text}",
                inputs=own_inputs, rates=[km_rate], output=before)
    outcome = (f"Borgerens andel, {s_before}, er over loftet, så borgeren betaler {s_cap}, og resten falder "
               f"på kommunen." if capped else f"Loftet er ikke nået; borgeren betaler {s_before}")
    ex.step("beskyttet_beskaeftigelse.befordring.loft", _PARAGRAPH,
            f"Borgerens udgift til befordring kan aldrig overstige {procent(share)} af indtjeningen i beskyttet "
            f"beskæftigelse efter skat, {kr(net)}: højst {s_cap} (rundet ned til hele øre). {outcome}",
            inputs={"net_earnings": net}, rates=[share_rate], output=citizen)
    if within and not capped:
        paid = (f"Kommunen betaler intet, da hele turen ligger inden for {s_own} km fra arbejdsstedet, og "
                f"loftet ikke er nået: {s_mun}")
    else:
        s_citizen = s_cap if capped else s_before
        paid = (f"Kommunen betaler resten af udgiften til den billigste befordring: {s_total} − {s_citizen} "
                f"= {s_mun}")
    ex.step("beskyttet_beskaeftigelse.befordring.kommunens_andel", _PARAGRAPH, paid, output=municipality)
    explanation = ex.build()
    return Transport(amount=municipality, explanation=explanation, projected=explanation.projected,
                     total=total, citizen=citizen, municipality=municipality, capped=capped,
                     citizen_before_cap=before, citizen_cap=cap, within_own_distance=within, price_form=form,
                     days=n_days, distance_km=distance, net_earnings=net, per_km=price_km, daily_total=whole,
                     daily_within_10km=near, on=day, kommune=table.kommune)


def _form(per_km: Decimal | None, whole: Decimal | None, near: Decimal | None) -> PriceForm:
    zone_given = whole is not None or near is not None
    if per_km is not None and zone_given:
        raise InvalidInput("per_km, daily_total, daily_within_10km", "given", code="input.price_form_both")
    if per_km is not None:
        return PriceForm.PER_KM
    if not zone_given:
        raise InvalidInput("per_km, daily_total, daily_within_10km", "none", code="input.price_form_missing")
    if whole is None or near is None:
        missing = "daily_total" if whole is None else "daily_within_10km"
        raise InvalidInput(missing, None, code="input.price_form_zone")
    return PriceForm.ZONE
