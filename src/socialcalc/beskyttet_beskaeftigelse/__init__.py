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
optional), ``sel103.own_transport_km``, ``sel103.transport_cap_share``, and the citations ``hjemmel.sel103.*``.
The decisions are written once in :mod:`~socialcalc.beskyttet_beskaeftigelse.beslutning`, the facts built in
:mod:`~socialcalc.beskyttet_beskaeftigelse.fakta`, and worded by ``tekster.da.toml`` / ``tekster.en.toml``.

>>> from datetime import date
>>> from socialcalc.beskyttet_beskaeftigelse import hourly_wage, transport
>>> wage = hourly_wage("35", field_lowest_wage="180.00", on=date(2025, 1, 6), kommune="lejre")
>>> wage.amount == Decimal("30.00")
True
>>> transport(days=20, distance_km=25, net_earnings="1500", per_km="1.50", on=date(2025, 1, 6)).municipality
Decimal('1050.00')
"""

from __future__ import annotations

from decimal import Decimal  # noqa: F401  (used by the doctests)
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOME = {"PriceForm": "befordring", "Transport": "befordring", "transport": "befordring",
         "HourlyWage": "loen", "PeriodWage": "loen", "WageBasis": "loen", "hourly_wage": "loen",
         "period_wage": "loen"}


def __getattr__(name: str) -> Any:
    """The public names, loaded from their module when first asked for (``socialcalc beskaeftigelse --help``
    imports this package for its command and must not load pydantic).

    >>> from socialcalc.beskyttet_beskaeftigelse import transport
    >>> transport.__module__
    'socialcalc.beskyttet_beskaeftigelse.befordring'
    """
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'socialcalc.beskyttet_beskaeftigelse' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"socialcalc.beskyttet_beskaeftigelse.{module}"), name)
    globals()[name] = value
    return value
