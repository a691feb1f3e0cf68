"""The §§ 109/110 stays kernel equals the exact function to the øre, stay by stay (differential, hypothesis).

Stays over New Year (two rates), into years without a published rate, without income, with a reduction in
kroner or a share, and in a municipality that counts calendar days instead of nights. And a row of
``stays_frame`` (or of a filtered copy) explains itself exactly as the one-case ``stay(...).explain()``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from socialcalc.batch import BatchInputError, BatchRateNotPublished, stays
from socialcalc.batch.frame import explain_row as dispatch_row
from socialcalc.batch.sel109_110 import CALENDAR_DAYS, NIGHTS_MIN_ONE
from socialcalc.egenbetaling import Reduction, StayResult, stay
from socialcalc.egenbetaling.frame import explain_row, stays_frame
from socialcalc.errors import SocialcalcError
from tests.egenbetaling.books import CALENDAR_KOMMUNE, calendar_book

SETTINGS = settings(max_examples=100, deadline=None)

arrivals = st.one_of(st.dates(date(2023, 11, 1), date(2024, 12, 31)),
                     st.sampled_from([date(2023, 12, 31), date(2024, 12, 31), date(2023, 12, 28)]),
                     st.dates(date(2017, 6, 1), date(2026, 3, 1)))


@st.composite
def rows(draw: st.DrawFn) -> dict[str, Any]:
    arrival = draw(arrivals)
    return {"paragraph": draw(st.sampled_from([109, 110])), "arrival": arrival,
            "departure": arrival + timedelta(days=draw(st.one_of(st.integers(0, 3), st.integers(0, 120)))),
            "income": draw(st.sampled_from([True, True, True, False])),
            "kommune": draw(st.sampled_from([None, "lejre", CALENDAR_KOMMUNE]))}


@SETTINGS
@given(st.lists(rows(), min_size=1, max_size=10), st.sampled_from(["none", "kroner", "share"]),
       st.lists(st.integers(0, 50_000), min_size=10, max_size=10),
       st.lists(st.sampled_from(["0", "0.25", "0.333", "0.5", "1", "0.125"]), min_size=10, max_size=10))
def test_batch_equals_scalar(batch: list[dict[str, Any]], form: str, kroner: list[int], shares: list[str]) -> None:
    book = calendar_book()
    decisions: list[Reduction | None] = []
    for i in range(len(batch)):
        if form == "kroner":
            decisions.append(Reduction.kroner(Decimal(kroner[i]).scaleb(-2)))
        elif form == "share":
            decisions.append(Reduction.of_share(shares[i]))
        else:
            decisions.append(None)
    expected: list[StayResult | SocialcalcError] = []
    for row, decision in zip(batch, decisions, strict=False):
        try:
            expected.append(stay(row["paragraph"], row["arrival"], row["departure"], has_income=row["income"],
                                 reduction=decision, kommune=row["kommune"], rates=book))
        except SocialcalcError as err:
            expected.append(err)

    def run() -> Any:
        n = len(batch)
        return stays(np.array([r["paragraph"] for r in batch]),
                     np.array([r["arrival"] for r in batch], dtype="datetime64[D]"),
                     np.array([r["departure"] for r in batch], dtype="datetime64[D]"),
                     has_income=np.array([r["income"] for r in batch]),
                     reduction=np.array(kroner[:n], dtype=np.int64) if form == "kroner" else None,
                     reduction_share=np.array(shares[:n], dtype=object) if form == "share" else None,
                     kommune=np.array([r["kommune"] for r in batch], dtype=object), rates=book)

    failing = [i for i, e in enumerate(expected) if isinstance(e, SocialcalcError)]
    if failing:
        event("some stay is refused")
        with pytest.raises((BatchInputError, BatchRateNotPublished)) as caught:
            run()
        assert caught.value.row == failing[0]
        return
    event("every stay computed")
    result = run()
    for i, e in enumerate(expected):
        assert isinstance(e, StayResult)
        assert int(result.days[i]) == e.days
        assert [int(result.gross[i]), int(result.reduction[i]), int(result.amount[i])] == [
            int(e.gross * 100), int(e.reduction_amount * 100), int(e.amount * 100)]
        assert int(result.day_count[i]) == (CALENDAR_DAYS if e.day_count == "calendar_days" else NIGHTS_MIN_ONE)


RENDERS = [{"audience": a, "locale": loc, "format": f} for a in ("borger", "sagsbehandler") for loc in ("da", "en")
           for f in ("text", "markdown", "html")]


@settings(max_examples=40, deadline=None)
@given(st.lists(rows(), min_size=1, max_size=6), st.sampled_from(["none", "kroner", "share"]),
       st.lists(st.integers(0, 50_000), min_size=6, max_size=6),
       st.lists(st.sampled_from(["0", "0.25", "0.333", "0.5", "1", "0.125"]), min_size=6, max_size=6),
       st.sampled_from(["ore", "decimal"]), st.data())
def test_stays_frame_rows_explain_as_the_one_case_stay(batch: list[dict[str, Any]], form: str, kroner: list[int],
                                                       shares: list[str], money: Any, data: st.DataObject) -> None:
    """Every row of ``stays_frame`` (and of a filtered copy of it) explains itself as ``stay(...).explain()``."""
    book = calendar_book()
    decisions = [Reduction.kroner(Decimal(k).scaleb(-2)) if form == "kroner" and k > 0 else
                 Reduction.of_share(s) if form == "share" and Decimal(s) > 0 else None
                 for k, s in zip(kroner, shares, strict=False)]
    computed: list[tuple[dict[str, Any], int, StayResult]] = []
    for i, row in enumerate(batch):
        try:
            one = stay(row["paragraph"], row["arrival"], row["departure"], has_income=row["income"],
                       reduction=decisions[i], kommune=row["kommune"], rates=book)
        except SocialcalcError:
            continue
        computed.append((row, i, one))
    if not computed:
        return
    frame = pd.DataFrame({
        "paragraph": [r["paragraph"] for r, _, _ in computed],
        "arrival": pd.to_datetime([r["arrival"] for r, _, _ in computed]),
        "departure": pd.to_datetime([r["departure"] for r, _, _ in computed]),
        "has_income": [r["income"] for r, _, _ in computed], "kommune": [r["kommune"] for r, _, _ in computed]})
    if form == "kroner":
        frame["reduction_ore"] = [kroner[i] for _, i, _ in computed]
    elif form == "share":
        frame["reduction_share"] = [shares[i] for _, i, _ in computed]
    out = stays_frame(frame, money=money, rates=book)
    keep = data.draw(st.lists(st.booleans(), min_size=len(computed), max_size=len(computed)), label="keep")
    kept = out[np.array(keep, dtype=bool)].reset_index(drop=True)
    ones = [one for (_, _, one), k in zip(computed, keep, strict=True) if k]
    for frame_, expected in ((out, [one for _, _, one in computed]), (kept, ones)):
        for j, one in enumerate(expected):
            for render in RENDERS:
                assert explain_row(frame_, j, **render) == one.explain(**render)
            assert dispatch_row(frame_, j) == one.explain()
