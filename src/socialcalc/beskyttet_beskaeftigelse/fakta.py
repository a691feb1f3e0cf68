"""The facts of § 103: one builder per result, called by the one-case functions and by the batch rows' explainer.

A fact is a step id (an entry of ``tekster.da.toml`` / ``tekster.en.toml``), its legal basis (a dated citation
from the rate book), its inputs and outputs and the rates it used. No text is written here: the catalog words
it, in either audience and language, when someone asks (``result.explain(...)``).

The builders take the codes the decisions of :mod:`~socialcalc.beskyttet_beskaeftigelse.beslutning` return
(``within``, ``capped``, the wage's ``basis``), so one case and a batch row are explained by the same code.

>>> from datetime import date
>>> from socialcalc.beskyttet_beskaeftigelse import transport
>>> t = transport(days=20, distance_km=25, net_earnings="1500", per_km="1.50", on=date(2025, 3, 1))
>>> [f.step for f in t.explanation.steps]  # doctest: +NORMALIZE_WHITESPACE
['sel103.befordring.udgift.km', 'sel103.befordring.egen_andel.km', 'sel103.befordring.loft.naaet',
 'sel103.befordring.kommunens_andel.rest']
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from socialcalc.beskyttet_beskaeftigelse import beslutning as b
from socialcalc.beskyttet_beskaeftigelse._common import kroner, plain
from socialcalc.explain import Explainer, Explanation
from socialcalc.ratebook import Rate, Rates

__all__ = ["TransportRates", "WageRates", "period_facts", "transport_facts", "transport_rates", "wage_facts",
           "wage_rates"]

_BASIS_STEP = {
    b.ASSESSED: "vurderet",
    b.FLOOR: "mindsteloen",
    b.CAP: "loft",
    b.FLOOR_OVER_CAP: "mindsteloen_over_loft",
}


class TransportRates(NamedTuple):
    """The rates and the citation of the transport rule on one day (BEK § 2)."""

    own: Rate
    """``sel103.own_transport_km``."""
    share: Rate
    """``sel103.transport_cap_share``."""
    basis: Rate
    """``hjemmel.sel103.befordring``."""


def transport_rates(table: Rates) -> TransportRates:
    """The transport rule's rates of ``table``'s day and municipality (one look-up each)."""
    return TransportRates(table.get("sel103.own_transport_km"), table.get("sel103.transport_cap_share"),
                          table.get("hjemmel.sel103.befordring"))


class WageRates(NamedTuple):
    """The rates and citations of the wage rule on one day in one municipality (BEK § 1)."""

    share: Rate
    """``sel103.wage_floor_share``."""
    cap: Rate | None
    """``sel103.hourly_wage_cap`` (municipal, optional)."""
    wage: Rate
    """``hjemmel.sel103.loen``."""
    floor: Rate
    """``hjemmel.sel103.mindsteloen``."""
    standard: Rate | None
    """``hjemmel.sel103.kvalitetsstandard``: the municipality's quality standard (municipal only)."""


def wage_rates(table: Rates) -> WageRates:
    """The wage rule's rates and citations of ``table``'s day and municipality (none municipal without one)."""
    municipal = table.kommune is not None
    return WageRates(
        share=table.get("sel103.wage_floor_share"),
        cap=table.optional("sel103.hourly_wage_cap"),
        wage=table.get("hjemmel.sel103.loen"),
        floor=table.get("hjemmel.sel103.mindsteloen"),
        standard=table.optional("hjemmel.sel103.kvalitetsstandard") if municipal else None,
    )


def transport_facts(
    *,
    days: int,
    distance_km: Decimal,
    net_earnings: Decimal,
    per_km: Decimal | None,
    daily_total: Decimal | None,
    daily_within_10km: Decimal | None,
    rates: TransportRates,
    total: Decimal,
    before: Decimal,
    cap: Decimal,
    citizen: Decimal,
    municipality: Decimal,
    capped: bool,
    within: bool,
) -> Explanation:
    """The facts of a transport split (BEK § 2), from its inputs, figures (kroner) and codes.

    >>> from datetime import date
    >>> from socialcalc.beskyttet_beskaeftigelse import transport
    >>> near = transport(days=20, distance_km=8, net_earnings="5000", per_km="1.50", on=date(2025, 3, 1))
    >>> near.explanation.steps[-1].step
    'sel103.befordring.kommunens_andel.intet'
    """
    own_km = plain(Decimal(rates.own.value))
    share = Decimal(rates.share.value)
    distance = plain(distance_km)
    net_earnings = kroner(net_earnings)
    per_km, daily_total, daily_within_10km = (None if p is None else kroner(p)
                                              for p in (per_km, daily_total, daily_within_10km))
    basis = rates.basis  # cited on the first fact and on the cap: a letter names the rule once per rule, not per line
    ex = Explainer("sel103.title.befordring")
    if per_km is not None:
        ex.fact("sel103.befordring.udgift.km", basis=basis,
                inputs={"days": days, "trips": b.TRIPS_PER_DAY, "distance_km": distance, "per_km": per_km},
                outputs={"total": total})
    else:
        ex.fact("sel103.befordring.udgift.zone", basis=basis,
                inputs={"days": days, "distance_km": distance, "daily_total": daily_total or Decimal(0)},
                outputs={"total": total})
    if within:
        ex.fact("sel103.befordring.egen_andel.hele_turen",
                inputs={"distance_km": distance, "own_km": own_km},
                outputs={"citizen_before_cap": before}, rates=(rates.own,))
    elif per_km is not None:
        ex.fact("sel103.befordring.egen_andel.km",
                inputs={"days": days, "trips": b.TRIPS_PER_DAY, "distance_km": distance, "own_km": own_km,
                        "per_km": per_km},
                outputs={"citizen_before_cap": before}, rates=(rates.own,))
    else:
        ex.fact("sel103.befordring.egen_andel.zone",
                inputs={"days": days, "distance_km": distance, "own_km": own_km,
                        "daily_within_10km": daily_within_10km or Decimal(0)},
                outputs={"citizen_before_cap": before}, rates=(rates.own,))
    ex.fact("sel103.befordring.loft.naaet" if capped else "sel103.befordring.loft.ikke_naaet", basis=basis,
            inputs={"net_earnings": net_earnings, "share": share, "citizen_before_cap": before},
            outputs={"citizen_cap": cap, "citizen": citizen}, rates=(rates.share,),
            reading="sel103.reading.loft_rundet_ned" if capped else None)
    if within and not capped:
        ex.fact("sel103.befordring.kommunens_andel.intet",
                inputs={"own_km": own_km}, outputs={"municipality": municipality})
    else:
        ex.fact("sel103.befordring.kommunens_andel.rest",
                inputs={"total": total, "citizen": citizen}, outputs={"municipality": municipality})
    return ex.build()


def wage_facts(
    *,
    assessed: Decimal,
    field_lowest_wage: Decimal,
    on: date,
    kommune: str | None,
    rates: WageRates,
    floor: Decimal,
    cap: Decimal | None,
    amount: Decimal,
    basis: int,
) -> Explanation:
    """The facts of an hourly wage (BEK § 1), from its inputs, figures (kroner) and basis code.

    >>> from datetime import date
    >>> from socialcalc.beskyttet_beskaeftigelse import hourly_wage
    >>> w = hourly_wage("35", field_lowest_wage="700", on=date(2025, 1, 6), kommune="lejre")
    >>> w.explanation.steps[-1].step, w.explanation.steps[-1].reading
    ('sel103.loen.timeloen.mindsteloen_over_loft', 'sel103.reading.mindsteloen_foer_loft')
    """
    assessed, field_lowest_wage = kroner(assessed), kroner(field_lowest_wage)
    ex = Explainer("sel103.title.timeloen")
    ex.fact("sel103.loen.vurdering", basis=rates.wage, inputs={"assessed": assessed})
    ex.fact("sel103.loen.mindsteloen", basis=rates.floor,
            inputs={"field_lowest_wage": field_lowest_wage, "share": Decimal(rates.share.value)},
            outputs={"floor": floor}, rates=(rates.share,))
    standard = rates.standard or rates.wage
    if cap is not None and rates.cap is not None:
        ex.fact("sel103.loen.loft.kommune", basis=standard, outputs={"cap": cap}, rates=(rates.cap,))
    elif kommune is not None:
        ex.fact("sel103.loen.loft.intet", basis=standard, inputs={"on": on})
    else:
        ex.fact("sel103.loen.loft.ingen_kommune", basis=rates.wage)
    name = _BASIS_STEP[basis]
    if name == "vurderet" and cap is None:
        name = "vurderet_uden_loft"
    inputs: dict[str, Decimal] = {"assessed": assessed, "floor": floor}
    if cap is not None:
        inputs["cap"] = cap
    ex.fact(f"sel103.loen.timeloen.{name}",  # cited only where the law overrides the cap (the others are cited above)
            basis=rates.floor if basis == b.FLOOR_OVER_CAP else None,
            inputs=inputs, outputs={"amount": amount},
            reading="sel103.reading.mindsteloen_foer_loft" if basis == b.FLOOR_OVER_CAP else None)
    return ex.build()


def period_facts(*, hours: Decimal, hourly_rate: Decimal, amount: Decimal,
                 earlier: Explanation | None) -> Explanation:
    """The facts of a period's wage (hours × the hourly wage), after the hourly wage's own facts if given.

    >>> period_facts(hours=Decimal("7.5"), hourly_rate=Decimal("30"), amount=Decimal("225.00"),
    ...              earlier=None).steps[0].outputs
    {'amount': '225.00'}
    """
    ex = Explainer("sel103.title.periodeloen")
    ex.fact("sel103.loen.periode", inputs={"hours": plain(hours), "hourly_rate": kroner(hourly_rate)},
            outputs={"amount": amount})
    own = ex.build()
    if earlier is None:
        return own
    return own.model_copy(update={"steps": (*earlier.steps, *own.steps)})
