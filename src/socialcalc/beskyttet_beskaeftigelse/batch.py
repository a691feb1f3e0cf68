"""SEL § 103 for a whole caseload, on integer øre: the transport split and the hourly wage.

:func:`transport` is the batch form of :func:`socialcalc.beskyttet_beskaeftigelse.transport` (BEK om aflønning
og befordringsudgifter m.v. i beskyttet beskæftigelse § 2), :func:`hourly_wage` of
:func:`socialcalc.beskyttet_beskaeftigelse.hourly_wage` (§ 1). Neither re-expresses the rule: both run the
decisions of :mod:`~socialcalc.beskyttet_beskaeftigelse.beslutning` (written once, on integers) with the numpy
backend ``socialcalc.batch.ops.NP``, the one-case functions with the Python backend. What is here is only the
batch's own work: reading columns, resolving the rates once per distinct (day, kommune), and the ``int64`` guard.

Units: amounts in ``int64`` øre; the one-way distance in whole **metres** (``distance_m``). The results carry
the codes the explanation of a row needs (``capped``, ``within_own_distance``; the wage's ``basis``), so
:func:`socialcalc.batch.frame.explain_row` explains a row exactly as the one-case ``.explain()``.

>>> from datetime import date
>>> t = transport(np.array([20, 20]), np.array([25_000, 8_000]), np.array([150_000, 150_000]), per_km=150,
...               on=date(2025, 3, 1))
>>> t.total.tolist(), t.citizen.tolist(), t.municipality.tolist(), t.capped.tolist()
([150000, 48000], [45000, 45000], [105000, 3000], [True, True])
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from socialcalc.beskyttet_beskaeftigelse import beslutning as b
from socialcalc.errors import SocialcalcError, UnknownRate
from socialcalc.ratebook import RateBook, book_or_default

if TYPE_CHECKING:
    from socialcalc.batch.columns import Ore

# The batch package's helpers are imported where they are used: socialcalc.batch imports this module (its
# plug.toml names it), so importing them here would make this module's first import circular.

__all__ = ["MAX_PRODUCT", "TransportBatch", "WageBatch", "hourly_wage", "transport"]

MAX_PRODUCT: Final = 2**62
"""Trips × metres × øre per km must stay below this in every row (``int64``); larger rows are refused."""
_M_PER_KM: Final = 1000


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


def _rows(n: int) -> str:
    return f"alle kolonner skal have {n} rækker"


def _price(values: Any, column: str, n: int) -> int | Ore | None:
    from socialcalc.batch.columns import BatchInputError, ore_column

    if values is None:
        return None
    if isinstance(values, int | np.integer) and not isinstance(values, bool):
        if values < 0:
            raise BatchInputError(column, 0, int(values), code="input.negative")
        return int(values)
    array = ore_column(values, column)
    if array.shape != (n,):
        raise BatchInputError(column, 0, f"{array.shape} rækker", _rows(n))
    return array


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
    from socialcalc.batch._resolve import Failures, day_column, group_rows, kommune_column, length_of, to_date, wrap
    from socialcalc.batch.columns import BatchInputError, int_column, ore_column
    from socialcalc.batch.ops import NP

    n = length_of(days, "days")
    n_days = int_column(days, "days", unit="days")
    distance = int_column(distance_m, "distance_m", unit="metres")
    net = ore_column(net_earnings, "net_earnings")
    for column, array in (("distance_m", distance), ("net_earnings", net)):
        if array.shape != (n,):
            raise BatchInputError(column, 0, f"{array.shape} rækker", _rows(n))
    price_km = _price(per_km, "per_km", n)
    whole = _price(daily_total, "daily_total", n)
    near = _price(daily_within_10km, "daily_within_10km", n)
    _form, code = b.price_form(price_km is not None, whole is not None, near is not None)
    if code is not None:
        field, value = b.price_form_field(code, whole is not None)
        raise BatchInputError(field, 0, value, code=code)
    if whole is not None and near is not None and (
            over := np.broadcast_to(b.within_above_total(np.asarray(near), np.asarray(whole)), (n,))).any():
        row = int(np.flatnonzero(over)[0])
        above = int(np.broadcast_to(near, (n,))[row])
        raise BatchInputError("daily_within_10km", row, above, code=b.WITHIN_ABOVE_TOTAL,
                              total=Decimal(int(np.broadcast_to(whole, (n,))[row])).scaleb(-2))
    day = day_column(on, "on", n)
    names, kcode = kommune_column(kommune, n)
    book = book_or_default(rates)

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
        if b.scale_of(own_km) > 3:  # pragma: no cover - the law says 10 km
            raise BatchInputError("on", groups.first_row([g]), str(own_km),
                                  "egen afstand er ikke et helt antal meter; brug funktionen for én sag")
        own_of[g] = b.units(own_km, 3)
        num_of[g], den_of[g] = b.share_ratio(share)
    failures.raise_first()

    if price_km is not None:
        _check_product(n_days * b.TRIPS_PER_DAY, distance, price_km, n_days)
    else:
        assert whole is not None  # the zone form has both prices (checked above)
        _check_product(n_days, np.ones(n, np.int64), whole, n_days)
    split = b.transport_split(
        NP, days=n_days, distance=distance, own=groups.gather(own_of), net=net,
        share_num=groups.gather(num_of), share_den=groups.gather(den_of), per_km=price_km, daily_total=whole,
        daily_within=near, km_unit=_M_PER_KM)
    return TransportBatch(total=_ints(split.total, n), citizen=_ints(split.citizen, n),
                          municipality=_ints(split.municipality, n), citizen_before_cap=_ints(split.before, n),
                          citizen_cap=_ints(split.cap, n), capped=_bools(split.capped, n),
                          within_own_distance=_bools(split.within, n))


def _ints(values: Any, n: int) -> Ore:
    # a column of every row is kept as it is (a view of it would be copied again by the frame adapters)
    array = np.asarray(values, dtype=np.int64)
    return array if array.shape == (n,) else np.broadcast_to(array, (n,))


def _bools(values: Any, n: int) -> npt.NDArray[np.bool_]:
    array = np.asarray(values, dtype=np.bool_)
    return array if array.shape == (n,) else np.broadcast_to(array, (n,))


def _check_product(a: Any, b_: Any, c: Any, days: npt.NDArray[np.int64]) -> None:
    from socialcalc.batch.columns import BatchInputError

    n = days.shape[0]
    if not n or int(np.max(a)) * int(np.max(b_)) * int(np.max(c)) < MAX_PRODUCT:  # the common case: no row can
        return
    product = np.asarray(a, dtype=np.float64) * np.asarray(b_, dtype=np.float64) * np.asarray(c, dtype=np.float64)
    if (big := np.broadcast_to(product >= MAX_PRODUCT, (n,))).any():
        row = int(np.flatnonzero(big)[0])
        raise BatchInputError("days", row, int(days[row]),
                              "dage × afstand × pris er for stort til batchberegningen (int64); brug funktionen "
                              "for én sag")


@dataclass(frozen=True)
class WageBatch:
    """The hourly wage of every row (SEL § 103; BEK § 1), in ``int64`` øre per hour.

    ``basis`` is the code of what decided the wage (:data:`~socialcalc.beskyttet_beskaeftigelse.beslutning.
    ASSESSED`, ``FLOOR``, ``CAP``, ``FLOOR_OVER_CAP``); ``cap`` is 0 where ``has_cap`` is false.

    >>> from datetime import date
    >>> w = hourly_wage(np.array([3500, 3500]), np.array([18000, 18000]), on=date(2025, 1, 6),
    ...                 kommune=np.array(["lejre", "lemvig"], dtype=object))
    >>> w.amount.tolist(), w.floor.tolist(), w.basis.tolist(), w.has_cap.tolist()
    ([3000, 3500], [900, 900], [2, 0], [True, False])
    """

    amount: Ore
    floor: Ore
    cap: Ore
    has_cap: npt.NDArray[np.bool_]
    basis: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.amount.shape[0])


def hourly_wage(
    assessed: Any,
    field_lowest_wage: Any,
    *,
    on: Any,
    kommune: Any = None,
    rates: RateBook | None = None,
) -> WageBatch:
    """The hourly wage of every row from the assessed rate, the floor and the municipal cap (BEK § 1).

    ``assessed`` and ``field_lowest_wage`` are ``int64`` øre per hour; ``on`` a ``datetime.date`` or a
    ``datetime64`` column; ``kommune`` a name, ``None`` or a column.

    >>> from datetime import date
    >>> hourly_wage(np.array([3500]), np.array([70000]), on=date(2025, 1, 6), kommune="lejre").basis.tolist()
    [3]
    """
    from socialcalc.batch._resolve import Failures, day_column, group_rows, kommune_column, length_of, to_date, wrap
    from socialcalc.batch.columns import BatchInputError, ore_column
    from socialcalc.batch.ops import NP

    n = length_of(assessed, "assessed")
    rate = ore_column(assessed, "assessed")
    lowest = ore_column(field_lowest_wage, "field_lowest_wage")
    if lowest.shape != (n,):
        raise BatchInputError("field_lowest_wage", 0, f"{lowest.shape} rækker", _rows(n))
    day = day_column(on, "on", n)
    names, kcode = kommune_column(kommune, n)
    book = book_or_default(rates)
    groups = group_rows([day, kcode], n)
    failures = Failures()
    size = len(groups.keys)
    num_of, den_of = np.zeros(size, dtype=np.int64), np.ones(size, dtype=np.int64)
    cap_of, has_of = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.bool_)
    for g, (d, k) in enumerate(groups.keys):
        try:
            table = book.at(to_date(d), names[k])
            share = Decimal(table.get("sel103.wage_floor_share").value)
            cap = table.optional("sel103.hourly_wage_cap")
        except SocialcalcError as err:
            failures.add(groups.first_row([g]), 0, wrap(err, "kommune" if isinstance(err, UnknownRate) else "on"))
            continue
        num_of[g], den_of[g] = b.share_ratio(share)
        if cap is not None:
            cap_of[g], has_of[g] = b.ore_of_rate(Decimal(cap.value)), True
    failures.raise_first()
    caps, has = groups.gather(cap_of), groups.gather(has_of)
    decided = b.hourly_wage(NP, assessed=rate, lowest=lowest, share_num=groups.gather(num_of),
                            share_den=groups.gather(den_of), cap=caps, has_cap=has)
    return WageBatch(amount=_ints(decided.amount, n), floor=_ints(decided.floor, n), cap=_ints(caps, n),
                     has_cap=_bools(has, n),
                     basis=np.asarray(np.broadcast_to(decided.basis, (n,)), dtype=np.int8))
