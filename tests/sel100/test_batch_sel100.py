"""The § 100 batch kernel equals the exact function to the øre, row by row (differential, hypothesis).

Rows are drawn around every band edge of every table (monthly and yearly, both readings of an edge), under
both regimes, with decision and payment dates that include the holes of the rate book, the 2025 change of
regime and the transition deadline; a batch must fail exactly where a loop over the scalar function fails, on
the same first row.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from socialcalc.batch import BatchInputError, BatchRateNotPublished, merudgift
from socialcalc.batch.sel100 import BAND_FULL, GROUP_I, GROUP_II, KOMPENSATIONSYDELSE, MERUDGIFTSYDELSE, NO_BAND
from socialcalc.errors import InvalidInput, RateNotPublished, SocialcalcError
from socialcalc.merudgift import MerudgiftResult, calculate
from socialcalc.ratebook import default_book
from socialcalc.testing.merudgift import regime1_decision_dates, regime2_decision_dates

SETTINGS = settings(max_examples=100, deadline=None)


def _edges() -> list[int]:
    """Øre amounts at and beside every bound, monthly and ×12."""
    book = default_book()
    bounds = {b.lower for r in book.history("sel100.bands") for b in r.value}
    for key in ("sel100.komp_minimum", "sel100.komp_group2_threshold"):
        bounds |= {Decimal(r.value) for r in book.history(key)}
    found = set()
    for bound in bounds:
        for months in (1, 12):
            centre = int(bound * 100 * months)
            found |= {centre - 1, centre, centre + 1}
    return sorted(found)


EDGES = _edges()
# amounts at the edges, anywhere, and yearly figures whose twelfth ends in a half øre (rounded half up)
amount_ore = st.one_of(st.sampled_from(EDGES), st.integers(0, 600_000), st.integers(0, 10**9),
                       st.integers(0, 10**6).map(lambda k: 12 * k + 6))
# mostly days with published rates; sometimes anything (holes in the book, before 2018, after the transition)
good_days = st.one_of(regime1_decision_dates(), regime2_decision_dates(),
                      st.sampled_from([date(2025, 8, 31), date(2025, 9, 1), date(2024, 1, 1), date(2018, 1, 1)]))
any_days = st.dates(date(2017, 10, 1), date(2028, 1, 31))
projected_days = st.one_of(good_days, st.dates(date(2025, 1, 1), date(2025, 8, 31)),
                           st.dates(date(2026, 1, 1), date(2027, 12, 31)))
NEW_RULES = default_book().history("sel100.regime")[-1].valid_from
KOMP_MINIMUM = int(Decimal(default_book().latest("sel100.komp_minimum").value) * 100)
KOMP_THRESHOLD = int(Decimal(default_book().latest("sel100.komp_group2_threshold").value) * 100)


@st.composite
def rows(draw: st.DrawFn, days: st.SearchStrategy[date] = good_days) -> dict[str, Any]:
    """One row; about one in ten may be refused by the scalar function."""
    wild = draw(st.integers(0, 9)) == 0
    expenses = draw(amount_ore)
    listed = draw(st.one_of(st.none(), st.integers(0, expenses), st.sampled_from([e for e in EDGES if e <= expenses]
                                                                                 or [0]),
                            st.integers(0, expenses // 12).map(lambda k: min(expenses, 12 * k + 6))))
    decided = draw(any_days if wild else days)
    later = draw(st.integers(0, 1200) if wild else st.sampled_from([0, 0, 1, 15, 31]))
    per = draw(st.sampled_from(["month", "year"]))
    months = 12 if per == "year" else 1
    choices: list[str | None] = [None, None, None]
    if decided >= NEW_RULES and expenses >= KOMP_MINIMUM * months:
        choices.append("I")
        if listed is not None and listed > KOMP_THRESHOLD * months:
            choices.append("II")
    group = draw(st.sampled_from([None, "I", "II"] if wild else choices))
    return {"expenses": expenses, "listed": listed, "decided_on": decided, "later": later,
            "per": per, "documented": draw(st.booleans()), "group": group,
            "kommune": draw(st.sampled_from([None, "lejre", "lemvig"]))}


def _scalar(row: dict[str, Any], use_on: bool, with_listed: bool, project: bool | Decimal) -> MerudgiftResult:
    listed = row["listed"] if with_listed else None
    return calculate(Decimal(row["expenses"]).scaleb(-2), decided_on=row["decided_on"],
                     on=row["decided_on"] + timedelta(days=row["later"]) if use_on else None, per=row["per"],
                     documented=row["documented"],
                     listed_documented=None if listed is None else Decimal(listed).scaleb(-2), group=row["group"],
                     kommune=row["kommune"], project=project)


def _batch(batch: list[dict[str, Any]], use_on: bool, with_listed: bool, project: bool | Decimal) -> Any:
    decided = np.array([r["decided_on"] for r in batch], dtype="datetime64[D]")
    return merudgift(
        np.array([r["expenses"] for r in batch], dtype=np.int64), decided_on=decided,
        on=decided + np.array([r["later"] for r in batch]) if use_on else None,
        per=np.array([r["per"] for r in batch], dtype=object),
        documented=np.array([r["documented"] for r in batch], dtype=bool),
        listed_documented=np.array([r["listed"] or 0 for r in batch], dtype=np.int64) if with_listed else None,
        group=np.array([r["group"] for r in batch], dtype=object),
        kommune=np.array([r["kommune"] for r in batch], dtype=object), project=project)


def _same(result: Any, i: int, expected: MerudgiftResult) -> None:
    assert int(result.amount[i]) == int(expected.amount * 100)
    assert bool(result.projected[i]) == expected.projected
    if expected.regime == "merudgiftsydelse":
        assert int(result.regime[i]) == MERUDGIFTSYDELSE
        assert int(result.band[i]) == (BAND_FULL if expected.band == "full" else expected.band)
        assert int(result.table_year[i]) == expected.table_year
        assert int(result.group[i]) == int(result.recommended_group[i]) == 0
    else:
        codes = {None: 0, "I": GROUP_I, "II": GROUP_II}
        assert int(result.regime[i]) == KOMPENSATIONSYDELSE
        assert int(result.band[i]) == NO_BAND
        assert int(result.group[i]) == codes[expected.group]
        assert int(result.recommended_group[i]) == codes[expected.recommended_group]
        assert bool(result.qualifies_i[i]) == ("I" in expected.groups)
        assert bool(result.qualifies_ii[i]) == ("II" in expected.groups)
        assert int(result.group_i[i]) == int(expected.groups.get("I", 0) * 100)
        assert int(result.group_ii[i]) == int(expected.groups.get("II", 0) * 100)


def _check(batch: list[dict[str, Any]], use_on: bool, with_listed: bool, project: bool | Decimal) -> None:
    """Batch and scalar agree on every row, or fail on the same first row with the same kind of error."""
    expected: list[MerudgiftResult | SocialcalcError] = []
    for row in batch:
        try:
            expected.append(_scalar(row, use_on, with_listed, project))
        except SocialcalcError as err:
            expected.append(err)
    failing = [i for i, e in enumerate(expected) if isinstance(e, SocialcalcError)]
    if failing:
        with pytest.raises((BatchInputError, BatchRateNotPublished)) as caught:
            _batch(batch, use_on, with_listed, project)
        first = expected[failing[0]]
        assert caught.value.row == failing[0]
        kind = RateNotPublished if isinstance(first, RateNotPublished) else InvalidInput
        assert isinstance(caught.value, kind), (caught.value, first)
        event(f"refused: {type(first).__name__} {getattr(first, 'field', '')}")
        return
    event("every row computed")
    result = _batch(batch, use_on, with_listed, project)
    assert len(result) == len(batch)
    for i, e in enumerate(expected):
        assert isinstance(e, MerudgiftResult)
        _same(result, i, e)


@SETTINGS
@given(st.lists(rows(), min_size=1, max_size=8), st.booleans(), st.booleans())
def test_batch_equals_scalar_strict(batch: list[dict[str, Any]], use_on: bool, with_listed: bool) -> None:
    _check(batch, use_on, with_listed, False)


@SETTINGS
@given(st.lists(rows(projected_days), min_size=1, max_size=8), st.booleans(),
       st.sampled_from([True, Decimal("2.5"), Decimal("0")]))
def test_batch_equals_scalar_projected(batch: list[dict[str, Any]], use_on: bool, project: bool | Decimal) -> None:
    _check(batch, use_on, True, project)


@SETTINGS
@given(st.lists(st.sampled_from(EDGES), min_size=1, max_size=40), st.sampled_from(["month", "year"]),
       st.booleans(), st.sampled_from([date(2018, 3, 1), date(2020, 6, 1), date(2021, 1, 1), date(2023, 12, 31),
                                       date(2024, 7, 1), date(2025, 10, 1), date(2026, 1, 1)]))
def test_band_edges_with_one_date_for_all(edges: list[int], per: str, documented: bool, day: date) -> None:
    """One decision date and ``per`` for all rows (the broadcast path): every edge of every table."""
    project = Decimal("2.5") if day.year >= 2026 else False
    result = merudgift(np.array(edges, dtype=np.int64), decided_on=day, per=per, documented=documented,
                       project=project)
    for i, ore in enumerate(edges):
        expected = calculate(Decimal(ore).scaleb(-2), decided_on=day, per=per, documented=documented,
                             project=project)
        _same(result, i, expected)


@SETTINGS
@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=20), regime2_decision_dates(), st.booleans())
def test_group_ii_yearly_figures_round_half_up(twelfths: list[int], day: date, chosen: bool) -> None:
    """Yearly listed expenses whose twelfth ends in a half øre, over the group II threshold (both groups)."""
    listed = [KOMP_THRESHOLD * 12 + 12 * k + 6 for k in twelfths]
    result = merudgift(np.array(listed, dtype=np.int64), listed_documented=np.array(listed, dtype=np.int64),
                       per="year", decided_on=day, group="II" if chosen else None)
    for i, ore in enumerate(listed):
        amount = Decimal(ore).scaleb(-2)
        _same(result, i, calculate(amount, listed_documented=amount, per="year", decided_on=day,
                                   group="II" if chosen else None))


# -- one-off expenses (BEK 931/2020 § 9): the batch kernel against the one-case function -------------------------

ONE_OFF_DAYS = st.sampled_from([date(2018, 5, 1), date(2020, 6, 19), date(2021, 3, 1), date(2024, 5, 1),
                                date(2025, 10, 1), date(2027, 9, 1)])


@st.composite
def one_off_rows(draw: st.DrawFn) -> dict[str, Any]:
    return {"expense": draw(st.integers(0, 1_500_000)), "running": draw(st.sampled_from([0, 100, 10_000, 60_700,
                                                                                         61_000, 720_000])),
            "per": draw(st.sampled_from(["month", "year"])), "recipient": draw(st.booleans()),
            "documented": draw(st.booleans()), "day": draw(ONE_OFF_DAYS)}


@SETTINGS
@given(st.lists(one_off_rows(), min_size=1, max_size=6))
def test_one_off_batch_equals_scalar(batch: list[dict[str, Any]]) -> None:
    from socialcalc.batch import one_off as batch_one_off
    from socialcalc.merudgift import one_off

    expected: list[Any] = []
    for row in batch:
        try:
            expected.append(one_off(Decimal(row["expense"]).scaleb(-2), running=Decimal(row["running"]).scaleb(-2),
                                    per=row["per"], recipient=row["recipient"], documented=row["documented"],
                                    decided_on=row["day"]))
        except SocialcalcError as err:
            expected.append(err)
    columns = {"running": np.array([r["running"] for r in batch]), "per": np.array([r["per"] for r in batch]),
               "recipient": np.array([r["recipient"] for r in batch]),
               "documented": np.array([r["documented"] for r in batch]),
               "decided_on": np.array([r["day"] for r in batch], dtype="datetime64[D]")}
    failing = [i for i, e in enumerate(expected) if isinstance(e, SocialcalcError)]
    if failing:
        with pytest.raises((BatchInputError, BatchRateNotPublished)) as caught:
            batch_one_off(np.array([r["expense"] for r in batch]), **columns)
        assert caught.value.row == failing[0]
        first = expected[failing[0]]
        assert isinstance(caught.value, RateNotPublished if isinstance(first, RateNotPublished) else InvalidInput)
        event(f"refused: {type(first).__name__}")
        return
    result = batch_one_off(np.array([r["expense"] for r in batch]), **columns)
    for i, e in enumerate(expected):
        assert int(result.amount[i]) == int(e.amount * 100)
        assert int(result.granted[i]) == int(e.granted)
        assert int(result.case[i]) == {"recipient": 0, "no_running": 1, "running_under_minimum": 2}[e.case]
        if e.monthly is not None:
            assert int(result.monthly[i]) == int(e.monthly * 100)
            assert int(result.table_year[i]) == e.table_year
        assert bool(result.projected[i]) == e.projected
