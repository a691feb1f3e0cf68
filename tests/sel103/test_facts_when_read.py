"""§ 103's facts (transport, hourly and period wage) are built when first read (``socialcalc.result.Later``)."""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal

import pytest

from socialcalc.beskyttet_beskaeftigelse import hourly_wage, period_wage, transport
from socialcalc.beskyttet_beskaeftigelse.befordring import Transport
from socialcalc.beskyttet_beskaeftigelse.loen import HourlyWage, PeriodWage
from socialcalc.explain import Explanation
from socialcalc.result import Result

ON = date(2025, 3, 1)


def _pending(result: Result) -> bool:
    return type(vars(result)["explanation"]).__name__ == "Later"


def _transport() -> Transport:
    return transport(days=20, distance_km=25, net_earnings="1500.00", per_km="1.50", on=ON)


def _wage() -> HourlyWage:
    return hourly_wage("35", field_lowest_wage="700", on=date(2025, 1, 6), kommune="lejre")


@pytest.mark.parametrize("make", [_transport, _wage, lambda: period_wage("7.5", _wage()),
                                  lambda: period_wage("7.5", "30")])
def test_the_amount_is_there_before_the_facts_and_they_round_trip(make: object) -> None:
    r = make()  # type: ignore[operator]
    assert isinstance(r.amount, Decimal) and _pending(r)
    assert isinstance(r.explanation, Explanation) and not _pending(r)
    fresh = make()  # type: ignore[operator]
    assert type(fresh).model_validate_json(fresh.model_dump_json()) == r
    assert pickle.loads(pickle.dumps(make())) == r  # type: ignore[operator]
    assert make().explain(audience="sagsbehandler") == r.explain(audience="sagsbehandler")  # type: ignore[operator]


def test_a_period_wage_opens_with_the_hourly_wages_facts_built_when_read() -> None:
    hourly = _wage()
    period = period_wage("7.5", hourly)
    assert _pending(period) and _pending(hourly)
    steps = period.explanation.steps
    assert steps[: len(hourly.explanation.steps)] == hourly.explanation.steps
    assert isinstance(period, PeriodWage) and period.hourly_wage == _wage()


def test_the_split_is_there_at_once() -> None:
    r = _transport()
    assert (r.total, r.citizen, r.municipality, r.capped) == (
        Decimal("1500.00"), Decimal("450.00"), Decimal("1050.00"), True) and _pending(r)
    assert r.grade.value == "official" and not r.projected
