"""Tests that kill the mutants of ``beskyttet_beskaeftigelse/beslutning.py`` (SEL § 103; BEK §§ 1 and 2).

The decisions are called directly on Python ints (``PY``), with the scale arguments (``unit``, ``price_unit``,
``net_unit``, ``hours_unit``, ``rate_unit``) other than 1 and with their defaults, so that a scale multiplied
where it should divide (or a default changed) is seen; and at the edges the docstrings name (the floor equal to
the cap, an assessed rate just below the floor, a cap of a third decimal that rounds up).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialcalc.beskyttet_beskaeftigelse import beslutning as b
from socialcalc.kernel import PY


def test_scale_of_counts_decimals_only() -> None:
    assert b.scale_of() == 0
    assert b.scale_of(Decimal("10")) == 0
    assert b.scale_of(Decimal("1E+2"), Decimal("7")) == 0
    assert b.scale_of(Decimal("37.303"), Decimal("2.5")) == 3
    # a value without a digit exponent (an infinity) adds no decimals and does not break the count
    assert b.scale_of(Decimal("Infinity"), Decimal("1.5")) == 1


@pytest.mark.parametrize(("kroner", "ore"), [("30", 3000), ("29.995", 3000), ("29.994", 2999), ("29.99", 2999),
                                              ("12.3455", 1235), ("0.005", 1)])
def test_ore_of_rate_rounds_half_up_to_ore(kroner: str, ore: int) -> None:
    assert b.ore_of_rate(Decimal(kroner)) == ore


def test_share_ratio() -> None:
    assert b.share_ratio(Decimal("0.30")) == (3, 10)
    assert b.share_ratio(Decimal("0.05")) == (1, 20)


@pytest.mark.parametrize(("given", "expected"), [
    ((True, True, False), ("", b.PRICE_FORM_BOTH)),
    ((True, False, True), ("", b.PRICE_FORM_BOTH)),
    ((False, False, False), ("", b.PRICE_FORM_MISSING)),
    ((False, True, False), ("", b.PRICE_FORM_ZONE)),
    ((False, False, True), ("", b.PRICE_FORM_ZONE)),
    ((True, False, False), ("per_km", None)),
    ((False, True, True), ("zone", None)),
])
def test_price_form(given: tuple[bool, bool, bool], expected: tuple[str, str | None]) -> None:
    assert b.price_form(*given) == expected


def test_price_form_field() -> None:
    assert b.price_form_field(b.PRICE_FORM_ZONE, True) == ("daily_within_10km", None)
    assert b.price_form_field(b.PRICE_FORM_ZONE, False) == ("daily_total", None)
    assert b.price_form_field(b.PRICE_FORM_BOTH, True) == ("per_km, daily_total, daily_within_10km", "given")
    assert b.price_form_field(b.PRICE_FORM_MISSING, False) == ("per_km, daily_total, daily_within_10km", "none")


def test_within_above_total_edge() -> None:
    assert b.within_above_total(4001, 4000) is True
    assert b.within_above_total(4000, 4000) is False


def test_transport_split_defaults_are_metres_and_ore() -> None:
    t = b.transport_split(PY, days=20, distance=25_000, own=10_000, net=150_000, share_num=3, share_den=10,
                          per_km=150)
    assert tuple(t) == (150000, 60000, 45000, 45000, 105000, True, False)


def test_transport_split_price_and_net_units() -> None:
    # 1,505 kr. per km (price_unit 10: tenths of øre) and net earnings in hundredths of øre
    t = b.transport_split(PY, days=20, distance=25_000, own=10_000, net=15_000_000, share_num=3, share_den=10,
                          per_km=1505, price_unit=10, net_unit=100)
    assert tuple(t) == (150500, 60200, 45000, 45000, 105500, True, False)


def test_transport_split_cap_rounds_down_and_binds_only_above() -> None:
    # cap = floor(1500,01 kr. × 0,3) = 450,00 kr. (450,003 rounded down); the share 450,00 kr. is at the cap
    t = b.transport_split(PY, days=15, distance=25_000, own=10_000, net=150_001, share_num=3, share_den=10,
                          per_km=150)
    assert tuple(t) == (112500, 45000, 45000, 45000, 67500, False, False)


def test_transport_split_zone() -> None:
    t = b.transport_split(PY, days=20, distance=25_000, own=10_000, net=150_000, share_num=3, share_den=10,
                          daily_total=4000, daily_within=2400)
    assert tuple(t) == (80000, 48000, 45000, 45000, 35000, True, False)
    near = b.transport_split(PY, days=20, distance=10_000, own=10_000, net=1_000_000, share_num=3, share_den=10,
                             daily_total=4000, daily_within=2400)
    assert tuple(near) == (80000, 80000, 300000, 80000, 0, False, True)


def test_hourly_wage_floor_equal_to_cap_is_not_over() -> None:
    # floor 5 % of 600,00 kr. = 30,00 kr. = the cap: the floor is not above the cap, the assessed rate is
    w = b.hourly_wage(PY, assessed=3500, lowest=60000, share_num=1, share_den=20, cap=3000, has_cap=True)
    assert w == b.Wage(floor=3000, amount=3000, basis=b.CAP)
    # 600,01 kr.: the floor 30,0005 kr. rounds to 30,00 kr., still not above the cap
    edge = b.hourly_wage(PY, assessed=3500, lowest=60001, share_num=1, share_den=20, cap=3000, has_cap=True)
    assert edge == b.Wage(floor=3000, amount=3000, basis=b.CAP)
    over = b.hourly_wage(PY, assessed=3500, lowest=60010, share_num=1, share_den=20, cap=3000, has_cap=True)
    assert over == b.Wage(floor=3001, amount=3001, basis=b.FLOOR_OVER_CAP)


def test_hourly_wage_share_numerator() -> None:
    w = b.hourly_wage(PY, assessed=100, lowest=18000, share_num=3, share_den=20, cap=0, has_cap=False)
    assert w == b.Wage(floor=2700, amount=2700, basis=b.FLOOR)


def test_hourly_wage_fine_unit() -> None:
    # in hundredths of øre: 8,9999 kr. is below the floor 9,00 kr. (compared exactly, before rounding)
    below = b.hourly_wage(PY, assessed=89_999, lowest=1_800_000, share_num=1, share_den=20, cap=0, has_cap=False,
                          unit=100)
    assert below == b.Wage(floor=900, amount=900, basis=b.FLOOR)
    at = b.hourly_wage(PY, assessed=90_000, lowest=1_800_000, share_num=1, share_den=20, cap=0, has_cap=False,
                       unit=100)
    assert at == b.Wage(floor=900, amount=900, basis=b.ASSESSED)
    up = b.hourly_wage(PY, assessed=123_450, lowest=1_800_000, share_num=1, share_den=20, cap=1300, has_cap=True,
                       unit=100)
    assert up == b.Wage(floor=900, amount=1235, basis=b.ASSESSED)
    above = b.hourly_wage(PY, assessed=130_001, lowest=1_800_000, share_num=1, share_den=20, cap=1300,
                          has_cap=True, unit=100)
    assert above == b.Wage(floor=900, amount=1300, basis=b.CAP)


def test_period_wage_units() -> None:
    assert b.period_wage(PY, hours=3, rate=900) == 2700
    assert b.period_wage(PY, hours=1225, rate=900, hours_unit=100) == 11025
    # 12,25 hours × 9,005 kr. = 110,31125 kr. → 110,31 kr.
    assert b.period_wage(PY, hours=1225, rate=9005, hours_unit=100, rate_unit=10) == 11031
    assert b.period_wage(PY, hours=1, rate=5, rate_unit=10) == 1
