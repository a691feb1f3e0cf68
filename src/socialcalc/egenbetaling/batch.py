"""SEL §§ 109/110 stays for a whole caseload: the egenbetaling of every stay, on integer øre.

:func:`stays` is the batch form of :func:`socialcalc.egenbetaling.stay`: døgn counted by the policy
``egenbetaling.day_count`` in force on the day of arrival, **each døgn charged at the rate in force on the day it
begins** (a stay over New Year uses two rates), nothing for a person with no income (BEK 1244/2017 § 5 stk. 3),
and the municipality's reduction. Equal to the scalar function to the øre
(``tests/properties/test_batch_sel109_110.py``).

How it is computed: for each (paragraph, kommune), the rate periods that the stays touch are read once (one
look-up per period, never per day or per row); each stay's døgn are then intersected with every period at once,
and each run is charged ``round_ore(rate × døgn)`` as the scalar function charges it. A døgn on a day without a
published rate raises :class:`~socialcalc.batch.columns.BatchRateNotPublished` naming the first such row.

>>> from datetime import date
>>> r = stays(np.array([110, 109]), np.array(["2024-03-03", "2023-12-28"], dtype="M8[D]"),
...           np.array(["2024-03-13", "2024-01-03"], dtype="M8[D]"))
>>> r.days.tolist(), r.amount.tolist() == [100770, 56812]
([10, 6], True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from socialcalc.batch._resolve import (
    Failures,
    as_bool,
    day_column,
    group_rows,
    kommune_column,
    length_of,
    to_date,
    wrap,
)
from socialcalc.batch.columns import BatchInputError, Ore, ore_column
from socialcalc.batch.ops import NP
from socialcalc.egenbetaling import decide
from socialcalc.egenbetaling._common import DAY_RATE_KEYS
from socialcalc.errors import InvalidInput, SocialcalcError, UnknownRate
from socialcalc.ratebook import RateBook, book_or_default

__all__ = ["CALENDAR_DAYS", "NIGHTS_MIN_ONE", "Sel107Batch", "Sel108Batch", "StayBatch", "botilbud107",
           "botilbud108", "stays"]

NIGHTS_MIN_ONE: Final = decide.NIGHTS_MIN_ONE
"""``day_count`` code of ``nights_min_one`` (one døgn per night; a same-day stay is one døgn)."""
CALENDAR_DAYS: Final = decide.CALENDAR_DAYS
"""``day_count`` code of ``calendar_days`` (every calendar day, arrival and departure included)."""
_POLICIES = decide.DAY_COUNT_CODES

_MAX_SHARE_DENOMINATOR = 10**9

_PARAGRAPHS = tuple(sorted(DAY_RATE_KEYS))
"""The paragraphs with a day rate (§§ 109, 110): consecutive, so a paragraph's index in them is ``p - 109``."""
assert tuple(range(_PARAGRAPHS[0], _PARAGRAPHS[0] + len(_PARAGRAPHS))) == _PARAGRAPHS


@dataclass(frozen=True)
class StayBatch:
    """The egenbetaling of every stay (SEL §§ 109, 110, 163 stk. 2; BEK 1244/2017), in ``int64`` øre.

    The fields of :class:`socialcalc.egenbetaling.StayResult`: ``days`` (døgn), ``gross`` (before the
    reduction), ``reduction`` (the kroner let off, ``reduction_amount`` there) and ``amount`` (what is paid);
    ``day_count`` is the counting policy used (:data:`NIGHTS_MIN_ONE` or :data:`CALENDAR_DAYS`).

    >>> from datetime import date
    >>> r = stays(110, date(2024, 3, 3), np.array(["2024-03-13"], dtype="M8[D]"), reduction=np.array([50000]))
    >>> r.gross.tolist(), r.reduction.tolist(), r.amount.tolist()
    ([100770], [50000], [50770])
    """

    days: npt.NDArray[np.int64]
    gross: Ore
    reduction: Ore
    amount: Ore
    day_count: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.amount.shape[0])


def _paragraphs(values: Any, n: int) -> int | npt.NDArray[np.int64]:
    if isinstance(values, int | np.integer) and not isinstance(values, bool):
        if int(values) not in DAY_RATE_KEYS:
            raise BatchInputError("paragraph", 0, int(values), "en takst pr. døgn findes kun for SEL § 109 "
                                                               "(kvindekrisecenter) og § 110 (forsorgshjem/herberg)")
        return int(values)
    array = np.asarray(values)
    if array.dtype.kind not in "iu" or array.shape != (n,):
        raise BatchInputError("paragraph", 0, f"{array.dtype} {array.shape}", f"en heltalskolonne med {n} rækker "
                                                                              "(109 eller 110)")
    if (bad := (array < _PARAGRAPHS[0]) | (array > _PARAGRAPHS[-1])).any():
        row = int(np.flatnonzero(bad)[0])
        raise BatchInputError("paragraph", row, int(array[row]), "en takst pr. døgn findes kun for SEL § 109 "
                                                                 "(kvindekrisecenter) og § 110 (forsorgshjem/herberg)")
    return np.asarray(array, dtype=np.int64)


def _shares(values: Any, n: int) -> tuple[Any, Any] | None:
    """A share column (``Decimal``/decimal text, 0–1) as exact numerator and denominator columns."""
    if values is None:
        return None
    array = np.asarray(values, dtype=object)
    # one value for every row (a 0-d array's own; any other single object is refused below), or one per row
    items = [array.item()] * n if array.ndim == 0 else array.tolist()
    if len(items) != n:
        raise BatchInputError("reduction_share", 0, f"{len(items)} rækker", f"hver kolonne skal have {n} rækker")
    numerators = np.empty(n, dtype=np.int64)
    denominators = np.empty(n, dtype=np.int64)
    for i, item in enumerate(items):
        if isinstance(item, float | bool) or not isinstance(item, Decimal | str | int):
            raise BatchInputError("reduction_share", i, repr(item),
                                  "en andel er en Decimal eller decimaltekst (0 til 1), aldrig en float")
        try:
            share = Decimal(item.strip()) if isinstance(item, str) else Decimal(item)
        except ArithmeticError:
            raise BatchInputError("reduction_share", i, repr(item), "ikke et decimaltal") from None
        if not share.is_finite() or not 0 <= share <= 1:
            raise BatchInputError("reduction_share", i, str(share), "en andel er fra 0 til 1 (1 er bortfald)")
        p, q = share.as_integer_ratio()
        if q > _MAX_SHARE_DENOMINATOR:
            raise BatchInputError("reduction_share", i, str(share), "højst 9 decimaler i batchberegningen")
        numerators[i], denominators[i] = p, q
    return numerators, denominators


def stays(
    paragraph: Any,
    arrival: Any,
    departure: Any,
    *,
    has_income: Any = True,
    reduction: Any = None,
    reduction_share: Any = None,
    kommune: Any = None,
    rates: RateBook | None = None,
) -> StayBatch:
    """The egenbetaling of every stay from ``arrival`` to ``departure`` (SEL §§ 109, 110; BEK 1244/2017).

    ``paragraph`` is 109 or 110 (once, or an integer column); ``arrival``/``departure`` a ``datetime.date`` or a
    ``datetime64`` column; ``has_income`` a ``bool`` or ``bool`` column. The municipality's reduction is either
    ``reduction`` (øre off the total, never more than it: an ``int`` or an øre column) or ``reduction_share``
    (the share let off, 0–1, as ``Decimal`` or decimal text; 1 is a waiver); a row may not have both.

    >>> from datetime import date
    >>> stays(110, np.array(["2024-03-03", "2024-03-13"], dtype="M8[D]"), date(2024, 3, 10))
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: departure[1] = 2024-03-10: fraflytningen ligger før indflytningen \
(2024-03-13)
    """
    n = length_of(arrival, "arrival") if not _scalar(arrival) else (
        length_of(departure, "departure") if not _scalar(departure) else _length(paragraph, has_income, kommune))
    para = _paragraphs(paragraph, n)
    first = day_column(arrival, "arrival", n)
    last = day_column(departure, "departure", n)
    if (backwards := np.broadcast_to(np.asarray(last) < first, (n,))).any():
        row = int(np.flatnonzero(backwards)[0])
        day, came = (to_date(int(np.broadcast_to(c, (n,))[row])) for c in (last, first))
        raise BatchInputError("departure", row, day.isoformat(), f"fraflytningen ligger før indflytningen ({came})")
    income = as_bool(has_income, "has_income", n)
    off = None
    if reduction is not None:
        off = np.broadcast_to(ore_column(np.asarray(reduction), "reduction"), (n,))
    shares = _shares(reduction_share, n)
    if off is not None and shares is not None and (both := (off > 0) & (shares[0] > 0)).any():
        row = int(np.flatnonzero(both)[0])
        raise BatchInputError("reduction", row, int(off[row]), code="batch.given_twice",
                              first="reduction (kroner)", second="reduction_share (andel) for en række")
    names, kcode = kommune_column(kommune, n)
    book = book_or_default(rates)
    failures = Failures()

    # the counting policy of each stay's (arrival, kommune): read once per period of the policy, never per row
    policy, unknown = _policies(book, first, kcode, names, n, failures)
    nights = np.broadcast_to(np.asarray(last) - first, (n,))
    days: npt.NDArray[np.int64] = np.asarray(decide.stay_days(policy, nights, NP), dtype=np.int64)

    # the døgn of each stay begin on first … first + days - 1; charged by the rate periods they touch
    begin = np.broadcast_to(first, (n,))
    end = begin + days - 1
    charged = np.broadcast_to(income, (n,)) & (days > 0)
    if unknown is not None:
        charged = charged & ~unknown
    gross = _charged_in_one_period(book, para, kcode, names, begin, end, days, charged)
    if gross is None:
        gross = _charged_by_period(book, para, kcode, names, begin, end, charged, n, failures)
    failures.raise_first()

    let_off = np.asarray(decide.let_off(gross, np.zeros(n, dtype=np.int64) if off is None else off, shares, NP))
    day_count = np.full(n, policy, dtype=np.int8) if isinstance(policy, int) else policy.astype(np.int8)
    return StayBatch(days=days, gross=gross, reduction=let_off, amount=gross - let_off, day_count=day_count)


def _policies(book: RateBook, first: Any, kcode: Any, names: list[str | None], n: int, failures: Failures
              ) -> tuple[int | npt.NDArray[np.int8], npt.NDArray[np.bool_] | None]:
    """Each stay's day-count policy code (one ``int`` where it is the same for all), and the stays whose
    policy the book does not give (``None``: none); each such period's first stay is a failure, with the
    error the scalar function raises for that stay's day of arrival."""
    arrival = np.broadcast_to(first, (n,))
    if not n:
        return NIGHTS_MIN_ONE, None
    lo, hi = int(arrival.min()), int(arrival.max())
    codes: list[tuple[npt.NDArray[np.bool_], int]] = []
    unknown: npt.NDArray[np.bool_] | None = None
    for k, name in enumerate(names):
        for start, stop, value, error in _periods(book, "egenbetaling.day_count", name, lo, hi, convert=str):
            inside = np.asarray((arrival >= start) & (arrival <= stop))
            if not isinstance(kcode, int):
                inside = inside & (kcode == k)
            if error is None:
                codes.append((inside, _POLICIES[str(value)]))
            elif inside.any():
                row = int(np.flatnonzero(inside)[0])
                err = _error_on(book, "egenbetaling.day_count", name, int(arrival[row])) or error
                failures.add(row, 0, wrap(err, "kommune" if isinstance(err, UnknownRate) else "arrival"))
                unknown = inside if unknown is None else unknown | inside
    if len({code for _, code in codes}) == 1 and unknown is None:
        return codes[0][1], None
    policy = np.zeros(n, dtype=np.int8)
    for rows, code in codes:
        policy[rows] = code
    return policy, unknown


def _error_on(book: RateBook, key: str, kommune: str | None, day: int) -> SocialcalcError | None:
    try:
        book.at(to_date(day), kommune).get(key)
    except SocialcalcError as err:
        return err
    return None


def _charged_in_one_period(book: RateBook, para: Any, kcode: Any, names: list[str | None], begin: Any, end: Any,
                           days: Any, charged: Any) -> Ore | None:
    """The gross øre of every stay whose døgn all fall in one rate period: ``charge(rate, days)``, as the scalar
    function charges a single run; the rates read once per (paragraph, kommune, period). ``None`` (the general
    path decides, with its errors) where a period has no rate or a charged stay has døgn in two periods."""
    if not charged.any():
        return np.zeros(begin.shape[0], dtype=np.int64)
    lo, hi = int(begin[charged].min()), int(end[charged].max())
    tables: dict[tuple[int, int], list[tuple[int, int, tuple[int, int]]]] = {}
    bounds: set[int] = set()
    for k, name in enumerate(names):
        for p in _PARAGRAPHS:
            periods = []
            for start, stop, value, error in _periods(book, DAY_RATE_KEYS[p], name, lo, hi):
                if error is not None:
                    return None
                periods.append((start, stop, decide.fraction(value)))
                bounds.add(start)
            tables[(p, k)] = periods
    cuts = np.array(sorted(bounds - {lo}), dtype=np.int64)
    # each døgn's period: the number of cuts at or before it (the same for the first and last døgn, or the
    # stay is left to the general path)
    at_begin = _periods_before(cuts, begin)
    if bool((charged & (at_begin != _periods_before(cuts, end))).any()):
        return None
    edges = [lo, *cuts.tolist()]
    first, width = _PARAGRAPHS[0], len(_PARAGRAPHS)
    numerators = np.zeros((len(names), width, len(edges)), dtype=np.int64)
    denominators = np.ones((len(names), width, len(edges)), dtype=np.int64)
    for (p, k), periods in tables.items():
        for i, edge in enumerate(edges):
            rate = next(f for start, stop, f in periods if start <= edge <= stop)
            numerators[k, p - first, i], denominators[k, p - first, i] = rate
    flat = np.asarray(para) - first  # the rate of each stay: its (kommune, paragraph, period) in the tables
    if not isinstance(kcode, int) or kcode:
        flat = flat + np.asarray(kcode) * width
    if len(edges) > 1:
        flat = flat * len(edges) + at_begin
    if not bool((100 % denominators == 0).all()):
        return None  # a rate with a part of an øre (the loader refuses one): each run rounded, by the general path
    # every rate in whole øre: rate × døgn is exact, so charge(rate, døgn) is the product, nothing to round
    per_day = numerators * (100 // denominators)
    gross: Ore = np.take(per_day.reshape(-1), flat) * np.asarray(days, dtype=np.int64)
    paid: Ore = gross * charged  # nothing for a stay not charged
    return paid


def _periods_before(cuts: npt.NDArray[np.int64], days: Any) -> Any:
    """The number of ``cuts`` at or before each day (``searchsorted(..., side="right")``; by comparisons for the
    few cuts a caseload's rate periods have)."""
    if cuts.size > 8:
        return np.searchsorted(cuts, days, side="right")
    count = np.zeros(np.shape(days), dtype=np.int8)
    for cut in cuts.tolist():
        count += days >= cut
    return count


def _charged_by_period(book: RateBook, para: Any, kcode: Any, names: list[str | None], begin: Any, end: Any,
                       charged: Any, n: int, failures: Failures) -> Ore:
    """The gross øre of every stay, each run of its døgn in one rate period charged once (the general path)."""
    gross = np.zeros(n, dtype=np.int64)
    by_rate = group_rows([para, kcode], n)
    for g, (p, k) in enumerate(by_rate.keys):
        rows = by_rate.rows(g)
        mask = charged[rows]
        if not mask.any():
            continue
        lo, hi = int(begin[rows][mask].min()), int(end[rows][mask].max())
        for start, stop, value, error in _periods(book, DAY_RATE_KEYS[p], names[k], lo, hi):
            overlap = np.clip(np.minimum(end[rows], stop) - np.maximum(begin[rows], start) + 1, 0, None) * mask
            if error is not None:
                hit = np.flatnonzero(overlap > 0)
                if hit.size:
                    row = int(hit[0]) if isinstance(rows, slice) else int(rows[hit[0]])
                    failures.add(row, 1, wrap(error, "arrival"))
                continue
            assert value is not None
            gross[rows] += decide.charge(decide.fraction(value), overlap)
    return gross


def _scalar(value: Any) -> bool:
    return not isinstance(value, np.ndarray | list | tuple) and not hasattr(value, "dtype")


def _length(*columns: Any) -> int:
    for column in columns:
        if not _scalar(column) and not isinstance(column, str | bool):
            return length_of(column, "paragraph")
    raise InvalidInput("arrival", "én dato", "angiv mindst én kolonne (f.eks. arrival), så antallet af rækker kendes")


def _periods(book: RateBook, key: str, kommune: str | None, lo: int, hi: int,
             convert: Callable[[Any], Any] = Decimal) -> list[tuple[int, int, Any, SocialcalcError | None]]:
    """The periods of ``key`` from day ``lo`` to ``hi``: (first day, last day, ``convert(value)`` or None, error).

    A period ends where its value ends, or where a value of the national or the municipality's table begins
    (a municipality's policy from a later day replaces the national one from that day)."""
    found: list[tuple[int, int, Any, SocialcalcError | None]] = []
    day = lo
    starts = sorted({r.valid_from for r in book.history(key) + (book.history(key, kommune) if kommune else [])})
    while day <= hi:
        today = to_date(day)
        later = [s for s in starts if s > today]
        stop = hi if not later else min(hi, day + (later[0] - today).days - 1)
        try:
            rate = book.at(today, kommune).get(key)
        except SocialcalcError as err:
            found.append((day, stop, None, err))
        else:
            if rate.valid_to is not None:
                stop = min(stop, day + (rate.valid_to - today).days)
            found.append((day, stop, convert(rate.value), None))
        day = stop + 1
    return found


# -- § 107 and § 108 --------------------------------------------------------------------------------------------

def _rows(*columns: Any) -> int:
    for column in columns:
        if not _scalar(column):
            return length_of(column, "income")
    raise InvalidInput("income", "et enkelt tal", "angiv mindst én kolonne, så antallet af rækker kendes")


def _ore_of(values: Any, column: str, n: int) -> Ore:
    array = np.asarray(values)
    if array.ndim == 0:
        array = np.broadcast_to(array, (n,))
    elif array.shape != (n,):
        raise BatchInputError(column, 0, f"form {array.shape}", code="batch.rows", rows=n)
    return ore_column(array, column)


def _group_rates(book: RateBook, on: Any, kcode: Any, names: list[str | None], n: int,
                 keys: dict[str, tuple[bool, Any]], failures: Failures
                 ) -> tuple[dict[str, npt.NDArray[np.int64]], dict[str, tuple[Any, Any]], npt.NDArray[np.bool_]]:
    """The rates ``keys`` (name: (as øre?, mask of rows that need it)) per distinct (day, kommune), spread to rows.

    Øre rates come back as one column each; shares as (numerator, denominator) columns. Rows whose rates are
    missing are marked in the third value (and recorded in ``failures``).
    """
    groups = group_rows([on, kcode], n)
    ore_values = {k: np.zeros(len(groups.keys), dtype=np.int64) for k, (as_ore, _) in keys.items() if as_ore}
    numerators = {k: np.zeros(len(groups.keys), dtype=np.int64) for k, (as_ore, _) in keys.items() if not as_ore}
    denominators = {k: np.ones(len(groups.keys), dtype=np.int64) for k in numerators}
    missing = np.zeros(len(groups.keys), dtype=bool)
    for g, (d, k) in enumerate(groups.keys):
        rows = groups.rows(g)
        for key, (as_ore, needed) in keys.items():
            need = np.broadcast_to(needed, (n,))[rows]
            if not np.asarray(need).any():
                continue
            try:
                value = Decimal(book.at(to_date(d), names[k]).get(key).value)
            except SocialcalcError as err:
                missing[g] = True
                hit = np.flatnonzero(np.asarray(need))
                row = int(hit[0]) if isinstance(rows, slice) else int(rows[hit[0]])
                failures.add(row, 0, wrap(err, "kommune" if isinstance(err, UnknownRate) else "on"))
                continue
            if as_ore:
                ore_values[key][g] = int((value * 100).to_integral_value())
            else:
                numerators[key][g], denominators[key][g] = decide.fraction(value)
    columns = {k: np.broadcast_to(groups.gather(v), (n,)) for k, v in ore_values.items()}
    shares = {k: (np.broadcast_to(groups.gather(numerators[k]), (n,)),
                  np.broadcast_to(groups.gather(denominators[k]), (n,))) for k in numerators}
    return columns, shares, np.broadcast_to(groups.gather(missing), (n,))


@dataclass(frozen=True)
class Sel107Batch:
    """The § 107 payment of every resident per month (SEL § 163 stk. 2; BEK 1387/2006 § 1), in ``int64`` øre.

    The fields of :class:`socialcalc.egenbetaling.Sel107Result`: ``raadighedsbeloeb``, ``payable``,
    ``chargeable`` (``chargeable_cost`` there) and ``amount``.
    """

    raadighedsbeloeb: Ore
    payable: Ore
    chargeable: Ore
    amount: Ore

    def __len__(self) -> int:
        return int(self.amount.shape[0])


def botilbud107(
    net_income: Any,
    fixed_expenses: Any,
    included_items_cost: Any,
    *,
    board_included: Any,
    on: Any,
    kommune: Any,
    keeps_own_dwelling: Any = False,
    housing_part_cost: Any = None,
    rates: RateBook | None = None,
) -> Sel107Batch:
    """The monthly § 107 payment of every row (:func:`socialcalc.egenbetaling.sel107` on columns; SEL § 107).

    Amounts are øre columns (``int64``) or one ``int`` for all rows; ``board_included`` and
    ``keeps_own_dwelling`` a ``bool`` or a ``bool`` column; ``on`` a ``datetime.date`` or a ``datetime64``
    column; ``kommune`` a name or a column of names. The decision is :func:`socialcalc.egenbetaling.decide.sel107`.

    >>> from datetime import date
    >>> r = botilbud107(np.array([1200000, 1200000]), 150000, np.array([800000, 600000]),
    ...                 board_included=np.array([True, False]), on=date(2025, 1, 1), kommune="lejre")
    >>> r.amount.tolist(), r.payable.tolist()
    ([800000, 600000], [800000, 650000])
    """
    n = _rows(net_income, fixed_expenses, included_items_cost, board_included, keeps_own_dwelling,
              housing_part_cost, on, kommune)
    net = _ore_of(net_income, "net_income", n)
    fixed = _ore_of(fixed_expenses, "fixed_expenses", n)
    items = _ore_of(included_items_cost, "included_items_cost", n)
    board = np.broadcast_to(as_bool(board_included, "board_included", n), (n,))
    keeps = np.broadcast_to(as_bool(keeps_own_dwelling, "keeps_own_dwelling", n), (n,))
    if housing_part_cost is None:
        if keeps.any():
            row = int(np.flatnonzero(keeps)[0])
            raise BatchInputError("housing_part_cost", row, "mangler", "den, der beholder sin egen bolig, skal have "
                                                                        "boligdelens udgift oplyst")
        housing = np.zeros(n, dtype=np.int64)
    else:
        housing = _ore_of(housing_part_cost, "housing_part_cost", n)
    if (over := housing > items).any():
        row = int(np.flatnonzero(over)[0])
        raise BatchInputError("housing_part_cost", row, int(housing[row]), "boligdelen kan ikke være større end "
                                                                          "udgiften til tilbuddets ydelser")
    day = day_column(on, "on", n)
    names, kcode = kommune_column(kommune, n)
    failures = Failures()
    book = book_or_default(rates)
    found, _, _ = _group_rates(book, day, kcode, names, n, {
        "sel107.raadighedsbeloeb_with_board": (True, board),
        "sel107.raadighedsbeloeb_without_board": (True, ~board)}, failures)
    failures.raise_first()
    keep = np.where(board, found["sel107.raadighedsbeloeb_with_board"],
                    found["sel107.raadighedsbeloeb_without_board"])
    out = decide.sel107(net, fixed, keep, items, housing, keeps, NP)
    return Sel107Batch(raadighedsbeloeb=np.asarray(keep, dtype=np.int64),
                       payable=np.asarray(out.payable, dtype=np.int64),
                       chargeable=np.asarray(out.chargeable, dtype=np.int64),
                       amount=np.asarray(out.amount, dtype=np.int64))


@dataclass(frozen=True)
class Sel108Batch:
    """The § 108 housing payment of every resident per year (SEL § 163 stk. 3; BEK 1387/2006), in ``int64`` øre.

    The fields of :class:`socialcalc.egenbetaling.Sel108Result`: ``reduced_basis``, ``income_based``,
    ``housing`` (before any couples' discount), ``kompensation_deducted``, ``amount`` and ``monthly``.
    """

    reduced_basis: Ore
    income_based: Ore
    housing: Ore
    kompensation_deducted: Ore
    amount: Ore
    monthly: Ore

    def __len__(self) -> int:
        return int(self.amount.shape[0])


def botilbud108(
    income_basis: Any,
    dwelling_costs: Any,
    *,
    on: Any,
    single_pensioner: Any = False,
    dependants_set_aside: Any = 0,
    couple: Any = False,
    joint_income: Any = 0,
    social_pension: Any = 0,
    kompensationsbeloeb: Any = 0,
    kommune: Any = None,
    rates: RateBook | None = None,
) -> Sel108Batch:
    """The yearly § 108 housing payment of every row (:func:`socialcalc.egenbetaling.sel108` on columns; SEL § 108).

    Amounts are øre per year (``int64`` columns or one ``int``); ``single_pensioner`` and ``couple`` a ``bool``
    or a ``bool`` column (a row may not be both); ``joint_income`` and ``social_pension`` are read where
    ``couple``; ``kompensationsbeloeb`` is deducted (0: none given). The decision is
    :func:`socialcalc.egenbetaling.decide.sel108`.

    >>> from datetime import date
    >>> r = botilbud108(np.array([30000000, 20000000]), 6000000, on=date(2024, 6, 1),
    ...                 single_pensioner=np.array([False, True]))
    >>> r.amount.tolist(), r.monthly.tolist()
    ([3660000, 1492000], [305000, 124333])
    """
    n = _rows(income_basis, dwelling_costs, single_pensioner, dependants_set_aside, couple, joint_income,
              social_pension, kompensationsbeloeb, on, kommune)
    basis = _ore_of(income_basis, "income_basis", n)
    costs = _ore_of(dwelling_costs, "dwelling_costs", n)
    set_aside = _ore_of(dependants_set_aside, "dependants_set_aside", n)
    single = np.broadcast_to(as_bool(single_pensioner, "single_pensioner", n), (n,))
    pair = np.broadcast_to(as_bool(couple, "couple", n), (n,))
    if (both := single & pair).any():
        row = int(np.flatnonzero(both)[0])
        raise BatchInputError("single_pensioner", row, True, "en reelt enlig pensionist kan ikke også være del af "
                                                             "et par")
    joint = _ore_of(joint_income, "joint_income", n)
    pension = _ore_of(social_pension, "social_pension", n)
    kompensation = _ore_of(kompensationsbeloeb, "kompensationsbeloeb", n)
    day = day_column(on, "on", n)
    names, kcode = kommune_column(kommune, n)
    failures = Failures()
    book = book_or_default(rates)
    every = np.ones(n, dtype=bool)
    found, shares, _ = _group_rates(book, day, kcode, names, n, {
        "sel108.threshold": (True, every), "sel108.share_low": (False, every), "sel108.share_high": (False, every),
        "sel108.single_pensioner_reduction": (True, single), "sel108.couple_discount_share": (False, pair),
        "sel108.couple_discount_point": (False, pair), "sel108.couple_discount_step": (True, pair)}, failures)
    failures.raise_first()
    cut = np.where(single, found["sel108.single_pensioner_reduction"], 0)
    step = np.where(pair, found["sel108.couple_discount_step"], 1)
    out = decide.sel108(basis, cut, set_aside, costs, found["sel108.threshold"], shares["sel108.share_low"],
                        shares["sel108.share_high"], couple=pair, joint_income=joint, social_pension=pension,
                        step=step, discount_share=shares["sel108.couple_discount_share"],
                        discount_point=shares["sel108.couple_discount_point"], kompensation=kompensation, xp=NP)
    return Sel108Batch(*(np.asarray(v, dtype=np.int64) for v in (
        out.reduced, out.income_based, out.housing, out.deducted, out.amount, out.monthly)))
