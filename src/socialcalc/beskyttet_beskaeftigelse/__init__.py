"""SEL § 103 beskyttet beskæftigelse (sheltered employment): the hourly wage and the transport split.

Two rules of the BEK om aflønning og befordringsudgifter i beskyttet beskæftigelse (issued under SEL § 105
stk. 2), each in its own module:

- :mod:`~socialcalc.beskyttet_beskaeftigelse.loen` (§ 1): the hourly wage from the municipality's assessed rate,
  never below the legal floor (a share of the field's lowest collective-agreement wage), and at most the
  municipality's cap where it has one; where the floor is above the cap, the floor wins. The wage of a period
  is hours × the hourly wage, in øre.
- :mod:`~socialcalc.beskyttet_beskaeftigelse.befordring` (§ 2): the person pays the transport within the own
  distance of the workplace, the municipality the rest of the cheapest option, and the person's share never
  exceeds the cap share of their net earnings from the job.

The rates are read from the rate book: ``sel103.wage_floor_share``, ``sel103.hourly_wage_cap`` (municipal,
optional), ``sel103.own_transport_km``, ``sel103.transport_cap_share``.

>>> from datetime import date
>>> wage = hourly_wage("35", field_lowest_wage="180.00", on=date(2025, 1, 6), kommune="lejre")
>>> wage.amount == Decimal("30.00")
True
>>> transport(days=20, distance_km=25, net_earnings="1500", per_km="1.50", on=date(2025, 1, 6)).municipality
Decimal('1050.00')
"""

from __future__ import annotations

from decimal import Decimal  # noqa: F401  (used by the doctests)

from socialcalc.beskyttet_beskaeftigelse.befordring import PriceForm, Transport, transport
from socialcalc.beskyttet_beskaeftigelse.loen import HourlyWage, PeriodWage, WageBasis, hourly_wage, period_wage

__all__ = [
    "HourlyWage",
    "PeriodWage",
    "PriceForm",
    "Transport",
    "WageBasis",
    "hourly_wage",
    "period_wage",
    "transport",
]
