"""SEL § 100 for a whole caseload: the monthly payment of every row, on integer øre, equal to the exact function.

:func:`merudgift` is the batch form of :func:`socialcalc.merudgift.calculate`, :func:`one_off` that of
:func:`socialcalc.merudgift.one_off`: the **same decisions** — they call :mod:`socialcalc.merudgift.regel`
with numpy arrays (:data:`socialcalc.batch.ops.NP`), the functions the one-case path calls with integers — the
same errors, the same amount to the øre (the differential property tests in ``tests/sel100/``). They return the
codes the facts need (``met``, ``case``, ``advice``, ``g2``), so a row is explained exactly like one case
(:func:`socialcalc.merudgift.frame.explain_row`).

- The **regime** follows the decision date (``sel100.regime`` on ``decided_on``); the **rates** follow the
  payment day ``on`` (default: the decision date). Under the merudgiftsydelse a payment after the band tables
  ended uses the table of their last day (strict mode refuses it, as the scalar function does).
- **Rates are resolved once per distinct (decision date, payment day, kommune)**, and the amounts computed once
  per distinct table, never per row.
- **Exactness.** Every comparison is on integers: a yearly figure is compared with 12 × the monthly bound (in
  øre, the bound's exact ceiling or floor), never divided first; a yearly figure paid in full (full cover, or
  group II's documented expenses) is divided by 12 and rounded half up to øre, ``(øre + 6) // 12``.
- Amounts up to :data:`MAX_ORE` øre per row are accepted (far above any real expense; it keeps 12 × the amount
  inside ``int64``).

Codes of the result (small integer arrays; :mod:`socialcalc.batch.frame` turns them into labels):

- ``regime``: :data:`MERUDGIFTSYDELSE` (1) or :data:`KOMPENSATIONSYDELSE` (2).
- ``band``: 0 under the bagatelgrænse, 1, 2, … the band paid, :data:`BAND_FULL` for full cover,
  :data:`NO_BAND` (-1) under the kompensationsydelse.
- ``group`` and ``recommended_group``: :data:`GROUP_I` (1), :data:`GROUP_II` (2), :data:`NO_GROUP` (0) where the
  person qualifies for none (or under the merudgiftsydelse).

>>> from datetime import date
>>> r = merudgift(np.array([60700, 60800, 170700, 300000]), decided_on=date(2024, 6, 1),
...               documented=np.array([False, False, False, True]))
>>> r.amount.tolist() == [0, 113800, 227700, 300000], r.band.tolist()
(True, [0, 1, 2, 100])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:  # at run time :func:`_load` imports these (socialcalc.batch imports this module: no cycle)
    from socialcalc.batch._resolve import (
        Failures,
        Out,
        as_bool,
        choice_column,
        day_column,
        group_rows,
        kommune_column,
        length_of,
        to_date,
        wrap,
    )
    from socialcalc.batch.columns import BatchInputError, Ore, ore_column
    from socialcalc.batch.ops import NP
from socialcalc.errors import InvalidInput, SocialcalcError, UnknownRate
from socialcalc.merudgift import regel
from socialcalc.merudgift.ordning import check_transition, old_award_table, regime_at
from socialcalc.money import round_ore
from socialcalc.ratebook import Rate, RateBook, book_or_default

__all__ = [
    "BAND_FULL",
    "GROUP_I",
    "GROUP_II",
    "KOMPENSATIONSYDELSE",
    "MAX_ORE",
    "MERUDGIFTSYDELSE",
    "NO_BAND",
    "NO_GROUP",
    "MerudgiftBatch",
    "OneOffBatch",
    "merudgift",
    "one_off",
]

def _load() -> None:
    """Import the batch package's helpers (once; :mod:`socialcalc.batch` imports this module through the
    registry, so they cannot be imported while this module loads)."""
    if "wrap" in globals():
        return
    from socialcalc.batch import _resolve, columns, ops

    names = ("Failures", "Out", "as_bool", "choice_column", "day_column", "group_rows", "kommune_column",
             "length_of", "to_date", "wrap")
    globals().update({name: getattr(_resolve, name) for name in names})
    globals().update(BatchInputError=columns.BatchInputError, ore_column=columns.ore_column, NP=ops.NP)


MERUDGIFTSYDELSE: Final = 1
"""``regime`` code of the merudgiftsydelse (the band tables)."""
KOMPENSATIONSYDELSE: Final = 2
"""``regime`` code of the kompensationsydelse (groups I and II)."""
NO_BAND: Final = -1
"""``band`` of a row under the kompensationsydelse."""
BAND_FULL: Final = regel.BAND_FULL
"""``band`` of full cover (documented expenses in the top band)."""
NO_GROUP: Final = regel.NO_GROUP
GROUP_I: Final = regel.GROUP_I
GROUP_II: Final = regel.GROUP_II
MAX_ORE: Final = 10**15
"""The largest amount per row the kernel accepts, in øre (10 000 000 000 000 kr.)."""

_MONTHS = (1, 12)  # per "month", per "year"
_GROUPS: tuple[str | None, ...] = (None, "I", "II")

# the order in which the scalar function checks a row (a batch raises the first bad row's first failed check)
_REGIME, _OLD_GROUP, _TRANSITION, _RATES, _NO_GROUP, _GROUP1, _THRESHOLD, _SUPPLEMENT, _NOT_II = range(9)


@dataclass(frozen=True)
class MerudgiftBatch:
    """The § 100 payment of every row (SEL § 100): amounts in ``int64`` øre, codes as small integers.

    Columns are read-only; a column with the same value in every row (e.g. ``regime`` when all decisions fall
    under one regime) is a broadcast view that takes no memory per row (``np.array(column)`` copies it).

    ``amount`` is what :func:`socialcalc.merudgift.calculate` gives as ``amount``, in øre; ``group_i`` and
    ``group_ii`` the amount of each group where the person qualifies for it (0 where not: see
    ``qualifies_i`` / ``qualifies_ii``); ``projected`` is ``True`` where a projected rate was used.

    >>> from datetime import date
    >>> r = merudgift(np.array([250000]), listed_documented=np.array([250000]), decided_on=date(2025, 10, 1))
    >>> r.regime.tolist(), r.recommended_group.tolist(), r.amount.tolist() == [300000]
    ([2], [2], True)
    >>> len(r)
    1
    """

    amount: Ore
    regime: npt.NDArray[np.int8]
    band: npt.NDArray[np.int8]
    table_year: npt.NDArray[np.int16]
    group: npt.NDArray[np.int8]
    recommended_group: npt.NDArray[np.int8]
    group_i: Ore
    group_ii: Ore
    qualifies_i: npt.NDArray[np.bool_]
    qualifies_ii: npt.NDArray[np.bool_]
    projected: npt.NDArray[np.bool_]
    met: npt.NDArray[np.int8]
    """The number of bands met (:func:`socialcalc.merudgift.regel.band_decision`), 0 under the kompensationsydelse."""
    case: npt.NDArray[np.int8]
    """The band case (``regel.UNDER`` … ``regel.NO_STANDARD``)."""
    advice: npt.NDArray[np.int8]
    """The group advice (``regel.ADVICE_NONE`` … ``regel.ADVICE_TIE``)."""
    g2: npt.NDArray[np.int8]
    """Group II's case (``regel.G2_NONE`` … ``regel.G2_OVER``)."""

    def __len__(self) -> int:
        return int(self.amount.shape[0])


@dataclass(frozen=True)
class _Komp:
    """The kompensationsydelse's rates of one payment day (``None``: not published; the error is kept)."""

    minimum: Rate | None
    group1: Rate | None
    threshold: Rate | None
    supplement: Rate | None
    errors: dict[str, SocialcalcError] = field(compare=False, hash=False, default_factory=dict)


def _ore(value: Any) -> int:
    return int(round_ore(Decimal(value)) * 100)


def _months(codes: int | npt.NDArray[np.int64]) -> tuple[int, npt.NDArray[np.int64] | None]:
    """The comparison basis: months of every row if ``per`` is one value, else 12 (and a factor per row)."""
    if isinstance(codes, int):
        return _MONTHS[codes], None
    return 12, np.where(codes == 0, 12, 1).astype(np.int64)


def merudgift(
    expenses: Any,
    *,
    decided_on: Any,
    on: Any = None,
    per: Any = "month",
    documented: Any = False,
    listed_documented: Any = None,
    group: Any = None,
    kommune: Any = None,
    rates: RateBook | None = None,
    project: bool | Decimal = False,
) -> MerudgiftBatch:
    """The monthly SEL § 100 payment of every row, as :func:`socialcalc.merudgift.calculate` gives it.

    ``expenses`` (and ``listed_documented``) are ``int64`` øre arrays; every other argument is given once for
    all rows or as a column: ``decided_on`` / ``on`` a ``datetime.date`` or a ``datetime64`` array; ``per``
    ``"month"``/``"year"``; ``documented`` a ``bool`` or ``bool`` array; ``group`` ``None``/``"I"``/``"II"``;
    ``kommune`` a name or ``None``. A bad column raises :class:`~socialcalc.batch.columns.BatchInputError`
    naming it and its first bad row; a row the scalar function refuses raises the same error, naming the row.

    >>> from datetime import date
    >>> r = merudgift(np.array([729600, 729599]), per="year", decided_on=date(2024, 1, 15))
    >>> r.band.tolist(), r.table_year.tolist()
    ([1, 0], [2024, 2024])
    >>> merudgift(np.array([100000]), decided_on=date(2024, 1, 15), group="I")
    Traceback (most recent call last):
    ...
    socialcalc.batch.columns.BatchInputError: group[0] = 'I': grupper findes kun i kompensationsydelsen; \
afgørelsen hører under merudgiftsydelsen
    """
    _load()
    n = length_of(expenses, "expenses")
    amount = _bounded(ore_column(expenses, "expenses"), "expenses", n)
    per_code = choice_column(per, "per", n, ("month", "year"))
    decided = day_column(decided_on, "decided_on", n)
    paid = decided if on is None else day_column(on, "on", n)
    doc = as_bool(documented, "documented", n)
    listed = None
    if listed_documented is not None:
        listed = _bounded(ore_column(listed_documented, "listed_documented"), "listed_documented", n)
        if (over := listed > amount).any():
            row = int(np.flatnonzero(over)[0])
            raise BatchInputError("listed_documented", row, int(listed[row]), code="input.listed_over_total",
                                  total=Decimal(int(amount[row])).scaleb(-2))
    chosen = 0 if group is None else choice_column(group, "group", n, _GROUPS)
    if isinstance(project, float) or not isinstance(project, bool | Decimal):
        raise InvalidInput("project", repr(project), code="input.type", expected="True, False eller en Decimal",
                           expected_en="True, False or a Decimal", kind=type(project).__name__)
    book = book_or_default(rates)
    names, kcode = kommune_column(kommune, n)
    months, factor = _months(per_code)
    x = amount if factor is None else amount * factor
    lx = None if listed is None else (listed if factor is None else listed * factor)
    rates_column = "decided_on" if on is None else "on"

    groups = group_rows([decided, paid, kcode], n)
    failures = Failures()
    tables: dict[Rate | _Komp, int] = {}
    table_of = np.full(len(groups.keys), -1, dtype=np.int64)
    old_of = np.zeros(len(groups.keys), dtype=bool)
    for g, (d, p, k) in enumerate(groups.keys):
        table: Rate | _Komp
        decided_day, paid_day, name = to_date(d), to_date(p), names[k]
        try:
            regime = regime_at(book, decided_day, name)
        except SocialcalcError as err:
            failures.add(groups.first_row([g]), _REGIME, wrap(err, "kommune" if isinstance(err, UnknownRate)
                                                                  else "decided_on"))
            continue
        old_of[g] = regime.value == "merudgiftsydelse"
        if old_of[g]:
            try:
                check_transition(book, paid_day, decided_day)
            except SocialcalcError as err:
                failures.add(groups.first_row([g]), _TRANSITION, wrap(err, rates_column))
                continue
            try:
                table = old_award_table(book, paid_day, name, project).bands
            except SocialcalcError as err:
                failures.add(groups.first_row([g]), _RATES, wrap(err, rates_column))
                continue
        else:
            day_rates = book.at(paid_day, name, project=project)
            found: dict[str, Rate | None] = {}
            errors: dict[str, SocialcalcError] = {}
            for key in ("minimum", "group1", "threshold", "supplement"):
                try:
                    found[key] = day_rates.get(_KOMP_KEYS[key])
                except SocialcalcError as err:
                    found[key], errors[key] = None, err
            table = _Komp(found["minimum"], found["group1"], found["threshold"], found["supplement"], errors)
        table_of[g] = tables.setdefault(table, len(tables))

    if isinstance(chosen, int):
        chosen_any: bool | npt.NDArray[np.bool_] = chosen != 0
    else:
        chosen_any = chosen != 0
    old_rows = groups.gather(old_of)
    if (bad := np.logical_and(old_rows, chosen_any)).any():
        failures.add(np.broadcast_to(bad, (n,)), _OLD_GROUP, lambda row: BatchInputError(
            "group", row, repr(_GROUPS[_at(chosen, row)]), code="input.group_regime"))

    out = Out(n, _DEFAULTS)
    row_table = groups.gather(table_of)
    for table, t in tables.items():
        rows = _rows(row_table, t, n)
        if isinstance(table, _Komp):
            _komp(table, rows, x, lx, months, chosen, out, failures, rates_column)
        else:
            _bands(table, rows, x, months, doc, out)
    failures.raise_first()
    return MerudgiftBatch(**out.finish())


_KOMP_KEYS = {"minimum": "sel100.komp_minimum", "group1": "sel100.komp_group1",
              "threshold": "sel100.komp_group2_threshold", "supplement": "sel100.komp_group2_supplement"}


def _bounded(values: Ore, column: str, n: int) -> Ore:
    if values.shape != (n,):
        raise BatchInputError(column, 0, f"{values.shape} rows", f"alle kolonner skal have {n} rækker")
    if n and (high := values > MAX_ORE).any():
        row = int(np.flatnonzero(high)[0])
        raise BatchInputError(column, row, int(values[row]), code="input.too_large", maximum=MAX_ORE)
    return values


def _at(values: int | npt.NDArray[np.int64], row: int) -> int:
    return values if isinstance(values, int) else int(values[row])


def _rows(row_table: Any, t: int, n: int) -> slice | npt.NDArray[np.intp]:
    if isinstance(row_table, np.ndarray) and row_table.ndim == 1:
        return np.flatnonzero(row_table == t)
    return slice(None)


def _take(values: Any, rows: slice | npt.NDArray[np.intp]) -> Any:
    return values[rows] if isinstance(values, np.ndarray) and values.ndim == 1 else values


def _global_first(mask: npt.NDArray[np.bool_], rows: slice | npt.NDArray[np.intp]) -> int | None:
    hits = np.flatnonzero(mask)
    if not hits.size:
        return None
    return int(hits[0]) if isinstance(rows, slice) else int(rows[hits[0]])


_DEFAULTS: dict[str, tuple[Any, Any]] = {
    "amount": (np.int64, 0), "regime": (np.int8, 0), "band": (np.int8, NO_BAND), "table_year": (np.int16, 0),
    "group": (np.int8, NO_GROUP), "recommended_group": (np.int8, NO_GROUP), "group_i": (np.int64, 0),
    "group_ii": (np.int64, 0), "qualifies_i": (np.bool_, False), "qualifies_ii": (np.bool_, False),
    "projected": (np.bool_, False), "met": (np.int8, 0), "case": (np.int8, 0), "advice": (np.int8, 0),
    "g2": (np.int8, 0),
}


def _bands(bands: Rate, rows: slice | npt.NDArray[np.intp], x: Ore, months: int, doc: Any, out: Out) -> None:
    """The merudgiftsydelse of ``rows`` under one band table (:func:`socialcalc.merudgift.regel.band_decision`)."""
    table = regel.compile_bands(bands.value, scale=100, months=months)
    d = regel.band_decision(x[rows], _take(doc, rows), table, NP)
    out.put("amount", rows, d.amount)
    out.put("band", rows, d.band)
    out.put("met", rows, d.met)
    out.put("case", rows, d.case)
    out.put("regime", rows, MERUDGIFTSYDELSE)
    out.put("table_year", rows, bands.valid_from.year)
    out.put("projected", rows, bands.projected)


def _monthly(values: Ore, row: int, months: int) -> Decimal:
    return Decimal(int(NP.div_half_up(values[row : row + 1], months)[0]) if months != 1
                   else int(values[row])).scaleb(-2)


def _komp(table: _Komp, rows: slice | npt.NDArray[np.intp], x: Ore, lx: Ore | None, months: int, chosen: Any,
          out: Out, failures: Failures, column: str) -> None:
    """The kompensationsydelse of ``rows`` under one day's rates (:func:`socialcalc.merudgift.regel.komp_decision`)."""
    xs = x[rows]
    count = xs.shape[0]
    picked = _take(chosen, rows) if isinstance(chosen, np.ndarray) else np.full(count, chosen, np.int8)
    out.put("regime", rows, KOMPENSATIONSYDELSE)
    if table.minimum is None:
        failures.add(_global_first(np.ones(count, bool), rows), _RATES, wrap(table.errors["minimum"], column))
        return
    lxs = None if lx is None else lx[rows]
    minimum = _ore(table.minimum.value)
    group1 = 0 if table.group1 is None else _ore(table.group1.value)
    threshold = 0 if table.threshold is None else _ore(table.threshold.value)
    supplement = 0 if table.supplement is None else _ore(table.supplement.value)
    k = regel.komp_decision(xs, lxs, picked, regel.KompRates(minimum, group1, threshold, supplement), scale=100,
                            months=months, ops=NP)
    failures.add(_global_first(k.below_chosen, rows), _NO_GROUP, lambda row: BatchInputError(
        "group", row, repr(_GROUPS[_at(chosen, row)]), code="input.group_below_minimum",
        monthly=_monthly(x, row, months), minimum=Decimal(minimum).scaleb(-2)))
    projected = np.full(count, table.minimum.projected)
    if table.group1 is None or table.threshold is None:
        key = "group1" if table.group1 is None else "threshold"
        failures.add(_global_first(k.met, rows), _GROUP1 if key == "group1" else _THRESHOLD,
                     wrap(table.errors[key], column))
        return
    if table.supplement is None and (first := _global_first(k.qualifies_ii, rows)) is not None:
        failures.add(first, _SUPPLEMENT, wrap(table.errors["supplement"], column))
        return
    if table.supplement is not None:
        projected |= k.qualifies_ii & table.supplement.projected
    projected |= k.met & (table.group1.projected or table.threshold.projected)
    failures.add(_global_first(k.not_ii, rows), _NOT_II, lambda row: BatchInputError(
        "group", row, "'II'", code="input.group_not_qualified", bound=Decimal(threshold).scaleb(-2),
        listed=None if lx is None else _monthly(lx, row, months)))
    out.put("amount", rows, k.amount)
    out.put("group", rows, k.group)
    out.put("recommended_group", rows, k.recommended)
    out.put("group_i", rows, k.group_i)
    out.put("group_ii", rows, k.group_ii)
    out.put("qualifies_i", rows, k.met)
    out.put("qualifies_ii", rows, k.qualifies_ii)
    out.put("projected", rows, projected)
    out.put("advice", rows, k.advice)
    out.put("g2", rows, k.g2)


# -- one-off expenses (BEK 931/2020 § 9) ---------------------------------------------------------------------------

_O_TRANSITION, _O_REGIME, _O_MINIMUM, _O_RUNNING, _O_BANDS = range(5)


@dataclass(frozen=True)
class OneOffBatch:
    """The one-off expense of every row (BEK 931/2020 § 9), as :func:`socialcalc.merudgift.one_off` gives it.

    ``amount`` and ``monthly`` in øre; ``case`` ``regel.RECIPIENT`` / ``NO_RUNNING`` / ``UNDER_MINIMUM``;
    in case 3 granted, ``band``, ``met``, ``band_case`` and ``table_year`` of the year's band decision.

    >>> from datetime import date
    >>> r = one_off(np.array([729600, 700000]), running=np.array([0, 10000]), decided_on=date(2024, 5, 1))
    >>> r.amount.tolist(), r.case.tolist(), r.monthly.tolist()
    ([729600, 1365600], [1, 2], [0, 113800])
    """

    amount: Ore
    case: npt.NDArray[np.int8]
    granted: npt.NDArray[np.bool_]
    monthly: Ore
    band: npt.NDArray[np.int8]
    met: npt.NDArray[np.int8]
    band_case: npt.NDArray[np.int8]
    table_year: npt.NDArray[np.int16]
    projected: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.amount.shape[0])


_ONE_OFF: dict[str, tuple[Any, Any]] = {
    "amount": (np.int64, 0), "case": (np.int8, 0), "granted": (np.bool_, False), "monthly": (np.int64, 0),
    "band": (np.int8, 0), "met": (np.int8, 0), "band_case": (np.int8, 0), "table_year": (np.int16, 0),
    "projected": (np.bool_, False),
}


def one_off(
    expense: Any,
    *,
    decided_on: Any,
    running: Any = None,
    per: Any = "month",
    recipient: Any = False,
    documented: Any = False,
    kommune: Any = None,
    rates: RateBook | None = None,
    project: bool | Decimal = False,
) -> OneOffBatch:
    """One-off extra expenses of every row (BEK 931/2020 § 9), as :func:`socialcalc.merudgift.one_off` gives them.

    ``expense`` and ``running`` are ``int64`` øre arrays (``running`` ``None``: none); the other arguments one
    value for all rows or a column. A row the scalar function refuses raises the same error, naming the row.

    >>> from datetime import date
    >>> one_off(np.array([500000]), recipient=True, decided_on=date(2024, 5, 1)).amount.tolist()
    [500000]
    """
    _load()
    n = length_of(expense, "expense")
    value = _bounded(ore_column(expense, "expense"), "expense", n)
    run = (np.zeros(n, dtype=np.int64) if running is None
           else _bounded(ore_column(running, "running"), "running", n))
    per_code = choice_column(per, "per", n, ("month", "year"))
    decided = day_column(decided_on, "decided_on", n)
    rec = np.broadcast_to(np.asarray(as_bool(recipient, "recipient", n)), (n,))
    doc = np.broadcast_to(np.asarray(as_bool(documented, "documented", n)), (n,))
    if isinstance(project, float) or not isinstance(project, bool | Decimal):
        raise InvalidInput("project", repr(project), code="input.type", expected="True, False eller en Decimal",
                           expected_en="True, False or a Decimal", kind=type(project).__name__)
    book = book_or_default(rates)
    names, kcode = kommune_column(kommune, n)
    months, factor = _months(per_code)
    r = run if factor is None else run * factor
    groups = group_rows([decided, kcode], n)
    failures = Failures()
    out = Out(n, _ONE_OFF)
    for g, (d, k) in enumerate(groups.keys):
        rows = groups.rows(g)
        index = np.arange(n)[rows]
        day, name = to_date(d), names[k]
        grec = rec[rows]
        if grec.any():
            try:
                check_transition(book, day, None, "decided_on")
            except SocialcalcError as err:
                failures.add(int(index[np.flatnonzero(grec)[0]]), _O_TRANSITION, wrap(err, "decided_on"))
        minimum = 0
        table = None
        if not grec.all():
            first = int(index[np.flatnonzero(~grec)[0]])
            try:
                regime = regime_at(book, day, name)
            except SocialcalcError as err:
                failures.add(first, _O_REGIME, wrap(err, "kommune" if isinstance(err, UnknownRate) else "decided_on"))
                continue
            if regime.value != "merudgiftsydelse":
                paragraph = book.at(regime.valid_from - _DAY, name).get("hjemmel.sel100.engangs").value
                failures.add(first, _O_REGIME, _regime_error(decided, regime.valid_from, paragraph))
                continue
            day_rates = book.at(day, name, project=project)
            try:
                low = day_rates.get("sel100.minimum")
            except SocialcalcError as err:
                failures.add(first, _O_MINIMUM, wrap(err, "decided_on"))
                continue
            minimum = _ore(low.value)
        dec = regel.one_off_decision(value[rows], r[rows], grec, doc[rows], minimum, None, scale=100, months=months,
                                     ops=NP)
        if dec.running_over.any():
            row = int(index[np.flatnonzero(dec.running_over)[0]])
            failures.add(row, _O_RUNNING, _running_error(run, per_code, minimum))
            continue
        third = (dec.case == regel.UNDER_MINIMUM) & dec.granted
        bands = None
        if third.any():
            try:
                bands = book.at(day, name, project=project).get("sel100.bands")
            except SocialcalcError as err:
                failures.add(int(index[np.flatnonzero(third)[0]]), _O_BANDS, wrap(err, "decided_on"))
                continue
            table = regel.compile_bands(bands.value, scale=100, months=12)
            dec = regel.one_off_decision(value[rows], r[rows], grec, doc[rows], minimum, table, scale=100,
                                         months=months, ops=NP)
        out.put("amount", rows, dec.amount)
        out.put("case", rows, dec.case)
        out.put("granted", rows, dec.granted)
        projected = np.where(grec, False, low.projected) if not grec.all() else np.zeros(len(index), bool)
        if dec.bands is not None and bands is not None:
            out.put("monthly", rows, np.where(third, dec.bands.amount, 0))
            out.put("band", rows, np.where(third, dec.bands.band, 0))
            out.put("met", rows, np.where(third, dec.bands.met, 0))
            out.put("band_case", rows, np.where(third, dec.bands.case, 0))
            out.put("table_year", rows, np.where(third, bands.valid_from.year, 0))
            projected = projected | (third & bands.projected)
        out.put("projected", rows, projected)
    failures.raise_first()
    return OneOffBatch(**out.finish())


_PER = ("month", "year")


def _regime_error(decided: Any, valid_from: date, paragraph: str) -> Any:
    def make(row: int) -> SocialcalcError:
        day = to_date(int(decided if isinstance(decided, int) else decided[row]))
        return BatchInputError("decided_on", row, day.isoformat(), code="input.one_off_regime",
                               valid_from=valid_from, paragraph=paragraph)

    return make


def _running_error(run: Ore, per_code: Any, minimum: int) -> Any:
    def make(row: int) -> SocialcalcError:
        running = Decimal(int(run[row])).scaleb(-2)
        per = _at(per_code, row)
        return BatchInputError("running", row, running, code="input.one_off_running", running=running,
                               per=_PER[per], per_da="måneden" if per == 0 else "året",
                               minimum=Decimal(minimum).scaleb(-2))

    return make
_DAY = date(2000, 1, 2) - date(2000, 1, 1)
