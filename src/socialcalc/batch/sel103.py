"""SEL § 103 transport for a whole caseload: who pays the trip to sheltered employment, on integer øre.

:func:`transport` is the batch form of :func:`socialcalc.beskyttet_beskaeftigelse.transport` (BEK om aflønning
og befordringsudgifter i beskyttet beskæftigelse § 2): the person pays the trip within
``sel103.own_transport_km`` of the workplace, the municipality the rest of the cheapest option, and the person's
share never exceeds ``sel103.transport_cap_share`` of the net earnings. Equal to the scalar function to the øre
(``tests/properties/test_batch_sel103.py``).

Units: amounts in ``int64`` øre; the one-way distance in whole **metres** (``distance_m``), so that every
product is an integer. Rounding as in the scalar function: the total and the person's share before the cap half
up to øre (``(x + m // 2) // m`` for x in øre × metres, m = 1000 metres per km), the cap **down** to øre; the
municipality's share is the total minus the person's, so they add up exactly. The rates are resolved once per
distinct (day, kommune).

>>> from datetime import date
>>> t = transport(np.array([20, 20]), np.array([25_000, 8_000]), np.array([150_000, 150_000]), per_km=150,
...               on=date(2025, 3, 1))
>>> t.total.tolist(), t.citizen.tolist(), t.municipality.tolist(), t.capped.tolist()
([150000, 48000], [45000, 45000], [105000, 3000], [True, True])
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from socialcalc.batch._resolve import Failures, day_column, group_rows, kommune_column, length_of, to_date, wrap
from socialcalc.batch.columns import BatchInputError, Ore, int_column, ore_column
from socialcalc.errors import SocialcalcError, UnknownRate
from socialcalc.ratebook import RateBook, default_book

__all__ = ["MAX_PRODUCT", "TransportBatch", "transport"]

MAX_PRODUCT: Final = 2**62
"""Trips × metres × øre per km must stay below this in every row (``int64``); larger rows are refused."""
_TRIPS_PER_DAY = 2
_M_PER_KM = 1000


@dataclass(frozen=True)
class TransportBatch:
    """The split of every row's transport cost (SEL § 103; BEK § 2), in ``int64`` øre.

    The fields are those of :class:`socialcalc.beskyttet_beskaeftigelse.Transport`: ``citizen`` +
    ``municipality`` = ``total`` in every row; ``municipality`` is the amount granted.

    >>> from datetime import date
    >>> t = transport(np.array([20]), np.array([25_000]), np.array([500_000]), daily_total=6400,
    ...               daily_within_10km=4000, on=date(2025, 3, 1))
    >>> t.total.tolist(), t.citizen.tolist(), t.municipality.tolist(), t.within_own_distance.tolist()
    ([128000], [80000], [48000], [False])
    """

    total: Ore
    citizen: Ore
    municipality: Ore
    citizen_before_cap: Ore
    citizen_cap: Ore
    capped: npt.NDArray[np.bool_]
    within_own_distance: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.total.shape[0])


def _price(values: Any, column: str, n: int) -> int | Ore | None:
    if values is None:
        return None
    if isinstance(values, int | np.integer) and not isinstance(values, bool):
        if values < 0:
            raise BatchInputError(column, 0, int(values), "must not be negative")
        return int(values)
    array = ore_column(values, column)
    if array.shape != (n,):
        raise BatchInputError(column, 0, f"{array.shape} rows", f"every column must have {n} rows")
    return array


def _share(value: Decimal) -> tuple[int, int]:
    numerator, denominator = value.as_integer_ratio()
    return numerator, denominator


def transport(
    days: Any,
    distance_m: Any,
    net_earnings: Any,
    *,
    on: Any,
    per_km: Any = None,
    daily_total: Any = None,
    daily_within_10km: Any = None,
    kommune: Any = None,
    rates: RateBook | None = None,
) -> TransportBatch:
    """Split every row's transport cost between the person and the municipality (SEL § 103; BEK § 2).

    ``days`` (working days) and ``distance_m`` (one way, whole metres) are ``int64`` arrays; ``net_earnings``
    ``int64`` øre. Give the price in one form for all rows: ``per_km`` (øre per km), or ``daily_total`` and
    ``daily_within_10km`` (øre per working day); each is one ``int`` for all rows or an øre column. ``on`` is a
    ``datetime.date`` or a ``datetime64`` column, ``kommune`` a name, ``None`` or a column.

    >>> from datetime import date
    >>> transport(np.array([20]), np.array([-1]), np.array([0]), per_km=150, on=date(2025, 3, 1))
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: distance_m[0] = -1: må ikke være negativ
    """
    n = length_of(days, "days")
    n_days = int_column(days, "days", unit="days")
    distance = int_column(distance_m, "distance_m", unit="metres")
    net = ore_column(net_earnings, "net_earnings")
    for column, array in (("distance_m", distance), ("net_earnings", net)):
        if array.shape != (n,):
            raise BatchInputError(column, 0, f"{array.shape} rows", f"every column must have {n} rows")
    price_km = _price(per_km, "per_km", n)
    whole = _price(daily_total, "daily_total", n)
    near = _price(daily_within_10km, "daily_within_10km", n)
    zone = whole is not None or near is not None
    if price_km is not None and zone:
        raise BatchInputError("per_km, daily_total, daily_within_10km", 0, "given",
                              "give either per_km or daily_total and daily_within_10km (zone tickets), not both")
    if price_km is None and not zone:
        raise BatchInputError("per_km, daily_total, daily_within_10km", 0, "none",
                              "give the price of the trip: either per_km or daily_total and daily_within_10km")
    if zone and (whole is None or near is None):
        raise BatchInputError("daily_total" if whole is None else "daily_within_10km", 0, None,
                              "zone tickets need both daily_total and daily_within_10km")
    if whole is not None and near is not None and (over := np.broadcast_to(np.asarray(near) > whole, (n,))).any():
        row = int(np.flatnonzero(over)[0])
        raise BatchInputError("daily_within_10km", row, int(np.broadcast_to(near, (n,))[row]),
                              "the price of the trip within the own distance is above the whole trip's price")
    day = day_column(on, "on", n)
    names, kcode = kommune_column(kommune, n)
    book = rates or default_book()

    groups = group_rows([day, kcode], n)
    failures = Failures()
    own_of = np.zeros(len(groups.keys), dtype=np.int64)
    num_of = np.zeros(len(groups.keys), dtype=np.int64)
    den_of = np.ones(len(groups.keys), dtype=np.int64)
    for g, (d, k) in enumerate(groups.keys):
        try:
            table = book.at(to_date(d), names[k])
            own_km = Decimal(table.get("sel103.own_transport_km").value)
            share = Decimal(table.get("sel103.transport_cap_share").value)
        except SocialcalcError as err:
            failures.add(groups.first_row([g]), 0, wrap(err, "kommune" if isinstance(err, UnknownRate) else "on"))
            continue
        own_m = own_km * _M_PER_KM
        if own_m != own_m.to_integral_value():  # pragma: no cover - the law says 10 km
            raise BatchInputError("on", groups.first_row([g]), str(own_km),
                                  "the own distance is not a whole number of metres; use the scalar function")
        own_of[g] = int(own_m)
        num_of[g], den_of[g] = _share(share)
    failures.raise_first()

    own = groups.gather(own_of)
    trips = n_days * _TRIPS_PER_DAY
    within = distance <= own
    if price_km is not None:
        _check_product(trips, distance, price_km, n_days)
        total = (trips * distance * price_km + _M_PER_KM // 2) // _M_PER_KM
        before = (trips * np.minimum(distance, own) * price_km + _M_PER_KM // 2) // _M_PER_KM
    else:
        assert whole is not None and near is not None  # the zone form has both prices (checked above)
        _check_product(n_days, np.ones(n, np.int64), whole, n_days)
        total = n_days * whole
        before = np.where(within, total, n_days * near)
    numerator, denominator = groups.gather(num_of), groups.gather(den_of)
    cap = (net // denominator) * numerator + (net % denominator) * numerator // denominator
    capped = before > cap
    citizen = np.where(capped, cap, before)
    return TransportBatch(total=total, citizen=citizen, municipality=total - citizen, citizen_before_cap=before,
                          citizen_cap=cap, capped=capped, within_own_distance=within)


def _check_product(a: Any, b: Any, c: Any, days: npt.NDArray[np.int64]) -> None:
    n = days.shape[0]
    if not n or int(np.max(a)) * int(np.max(b)) * int(np.max(c)) < MAX_PRODUCT:  # the common case: no row can
        return
    product = np.asarray(a, dtype=np.float64) * np.asarray(b, dtype=np.float64) * np.asarray(c, dtype=np.float64)
    if (big := np.broadcast_to(product >= MAX_PRODUCT, (n,))).any():
        row = int(np.flatnonzero(big)[0])
        raise BatchInputError("days", row, int(days[row]),
                              "days × distance × price is too large for the int64 batch path")
