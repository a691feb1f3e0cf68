"""§§ 107 and 108 on the batch path equal the one-case functions to the øre (differential, hypothesis), and a
row of every egenbetaling frame explains itself exactly as the one-case result does (``explain_row``), in every
audience, locale and format, also in a filtered or copied frame and after a Parquet round trip."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch import BatchInputError
from socialcalc.batch.frame import explain_row as dispatch_row
from socialcalc.egenbetaling import Reduction, sel107, sel108, stay
from socialcalc.egenbetaling.batch import botilbud107, botilbud108
from socialcalc.egenbetaling.frame import botilbud107_frame, botilbud108_frame, explain_row, stays_frame
from socialcalc.egenbetaling.strategies import sel107_kwargs, sel108_kwargs
from socialcalc.errors import InvalidInput

SETTINGS = settings(max_examples=60, deadline=None)


def _ore(value: Decimal | None) -> int:
    return 0 if value is None else int((value * 100).to_integral_value())


def _column(cases: list[dict[str, Any]], name: str) -> Any:
    return np.array([_ore(c[name]) for c in cases], dtype=np.int64)


@SETTINGS
@given(st.lists(sel107_kwargs(), min_size=1, max_size=8))
def test_sel107_batch_equals_one_case(cases: list[dict[str, Any]]) -> None:
    cases = [c for c in cases if c["housing_part_cost"] is None or c["housing_part_cost"] <= c["included_items_cost"]]
    if not cases:
        return
    got = botilbud107(
        _column(cases, "net_income"), _column(cases, "fixed_expenses"), _column(cases, "included_items_cost"),
        board_included=np.array([c["board_included"] for c in cases]),
        on=np.array([c["on"] for c in cases], dtype="M8[D]"), kommune=np.array([c["kommune"] for c in cases],
                                                                               dtype=object),
        keeps_own_dwelling=np.array([c["keeps_own_dwelling"] for c in cases]),
        housing_part_cost=_column(cases, "housing_part_cost"))
    for i, case in enumerate(cases):
        one = sel107(**case)
        assert got.amount[i] == _ore(one.amount)
        assert got.payable[i] == _ore(one.payable)
        assert got.chargeable[i] == _ore(one.chargeable_cost)
        assert got.raadighedsbeloeb[i] == _ore(one.raadighedsbeloeb)


@SETTINGS
@given(st.lists(sel108_kwargs(), min_size=1, max_size=8), st.lists(st.integers(0, 400_000), min_size=8,
                                                                    max_size=8))
def test_sel108_batch_equals_one_case(cases: list[dict[str, Any]], kompensation: list[int]) -> None:
    couples = [c["couple"] for c in cases]
    got = botilbud108(
        _column(cases, "income_basis"), _column(cases, "dwelling_costs"),
        on=np.array([c["on"] for c in cases], dtype="M8[D]"),
        single_pensioner=np.array([c["single_pensioner"] for c in cases]),
        dependants_set_aside=_column(cases, "dependants_set_aside"),
        couple=np.array([p is not None for p in couples]),
        joint_income=np.array([_ore(p.joint_income) if p else 0 for p in couples], dtype=np.int64),
        social_pension=np.array([_ore(p.social_pension) if p else 0 for p in couples], dtype=np.int64),
        kompensationsbeloeb=np.array(kompensation[:len(cases)], dtype=np.int64))
    for i, case in enumerate(cases):
        one = sel108(**case, kompensationsbeloeb=Decimal(kompensation[i]).scaleb(-2))
        assert got.amount[i] == _ore(one.amount)
        assert got.monthly[i] == _ore(one.monthly)
        assert got.reduced_basis[i] == _ore(one.reduced_basis)
        assert got.income_based[i] == _ore(one.income_based)
        assert got.kompensation_deducted[i] == _ore(one.kompensation_deducted)


def test_spec_examples_5_to_7_on_the_batch_path() -> None:
    out = botilbud108(np.array([30000000, 20000000]), 6000000, on=date(2024, 6, 1),
                      single_pensioner=np.array([False, True]))
    assert out.amount.tolist() == [3660000, 1492000]
    assert out.monthly.tolist()[0] == 305000
    r = botilbud107(1200000, 150000, np.array([800000, 600000]), board_included=np.array([True, False]),
                    on=date(2025, 1, 1), kommune="lejre")
    assert r.amount.tolist() == [800000, 600000]


def test_batch_refuses_what_the_one_case_refuses() -> None:
    with pytest.raises(BatchInputError, match="housing_part_cost"):
        botilbud107(np.array([100]), 0, np.array([100]), board_included=True, on=date(2025, 1, 1),
                    kommune="lejre", keeps_own_dwelling=True)
    with pytest.raises(BatchInputError, match="single_pensioner"):
        botilbud108(np.array([100]), 100, on=date(2024, 1, 1), single_pensioner=True, couple=True)


RENDERS = [{"audience": a, "locale": loc, "format": f} for a in ("borger", "sagsbehandler") for loc in ("da", "en")
           for f in ("text", "markdown", "html")]
EXPLAIN = settings(max_examples=30, deadline=None)


def _same_text(out: Any, row: int, one: Any) -> None:
    """``explain_row`` of ``row`` equals ``one.explain()`` in every audience, locale and format (and dispatch)."""
    for render in RENDERS:
        assert explain_row(out, row, **render) == one.explain(**render)
    assert dispatch_row(out, row) == one.explain()


def _frame107(cases: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame({
        "net_income": [c["net_income"] for c in cases], "fixed_expenses": [c["fixed_expenses"] for c in cases],
        "included_items_cost": [c["included_items_cost"] for c in cases],
        "housing_part_cost_ore": [_ore(c["housing_part_cost"]) for c in cases],
        "board_included": [c["board_included"] for c in cases],
        "keeps_own_dwelling": [c["keeps_own_dwelling"] for c in cases],
        "on": pd.to_datetime([c["on"] for c in cases]), "kommune": [c["kommune"] for c in cases]})


@EXPLAIN
@given(st.lists(sel107_kwargs(), min_size=1, max_size=4), st.sampled_from(["ore", "decimal", "both"]))
def test_explain_row_107_equals_one_case(cases: list[dict[str, Any]], money: Any) -> None:
    out = botilbud107_frame(_frame107(cases), money=money)
    for i, case in enumerate(cases):
        case = {**case, "housing_part_cost": Decimal(_ore(case["housing_part_cost"])).scaleb(-2)}
        _same_text(out, i, sel107(**case))


def _frame108(cases: list[dict[str, Any]], kompensation: list[int] | None) -> pd.DataFrame:
    couples = [c["couple"] for c in cases]
    columns: dict[str, Any] = {
        "income_basis": [c["income_basis"] for c in cases], "dwelling_costs": [c["dwelling_costs"] for c in cases],
        "dependants_set_aside": [c["dependants_set_aside"] for c in cases],
        "single_pensioner": [c["single_pensioner"] for c in cases], "couple": [p is not None for p in couples],
        "joint_income": [p.joint_income if p else Decimal(0) for p in couples],
        "social_pension": [p.social_pension if p else Decimal(0) for p in couples],
        "on": pd.to_datetime([c["on"] for c in cases])}
    if kompensation is not None:
        columns["kompensationsbeloeb_ore"] = kompensation[:len(cases)]
    return pd.DataFrame(columns)


@EXPLAIN
@given(st.lists(sel108_kwargs(), min_size=1, max_size=4),
       st.one_of(st.none(), st.lists(st.integers(0, 400_000), min_size=4, max_size=4)))
def test_explain_row_108_equals_one_case(cases: list[dict[str, Any]], kompensation: list[int] | None) -> None:
    out = botilbud108_frame(_frame108(cases, kompensation))
    for i, case in enumerate(cases):
        given_ = None if kompensation is None else Decimal(kompensation[i]).scaleb(-2)
        _same_text(out, i, sel108(**case, kompensationsbeloeb=given_))


@EXPLAIN
@given(st.lists(st.tuples(st.sampled_from([109, 110]), st.dates(date(2023, 1, 1), date(2024, 11, 20)),
                          st.integers(0, 40), st.booleans()), min_size=1, max_size=5))
def test_explain_row_stays_equals_one_case(rows: list[tuple[int, date, int, bool]]) -> None:
    frame = pd.DataFrame({"paragraph": [r[0] for r in rows], "arrival": pd.to_datetime([r[1] for r in rows]),
                          "departure": pd.to_datetime([r[1] + timedelta(days=r[2]) for r in rows]),
                          "has_income": [r[3] for r in rows]})
    out = stays_frame(frame)
    for i, (para, arrival, length, income) in enumerate(rows):
        _same_text(out, i, stay(para, arrival, arrival + timedelta(days=length), has_income=income))


# -- a filtered or copied frame explains its own rows ------------------------------------------------------------

def _filtered(out: pd.DataFrame, keep: list[int]) -> pd.DataFrame:
    mask = np.zeros(len(out), dtype=bool)
    mask[keep] = True
    return out[mask].reset_index(drop=True)


def test_a_filtered_107_frame_explains_its_own_rows() -> None:
    day = date(2025, 1, 1)
    frame = pd.DataFrame({"net_income": [12000, 12000, 0], "fixed_expenses": [1500, 1500, 0],
                          "included_items_cost": [8000, 6000, 6000], "board_included": [True, False, False],
                          "keeps_own_dwelling": [False, True, False], "housing_part_cost": [0, 2000, 0]})
    out = botilbud107_frame(frame, on=day, kommune="lejre")
    kept = _filtered(out, [1, 2])
    expected = [sel107(net_income=12000, fixed_expenses=1500, included_items_cost=6000, board_included=False, on=day,
                       kommune="lejre", keeps_own_dwelling=True, housing_part_cost=2000),
                sel107(net_income=0, fixed_expenses=0, included_items_cost=6000, board_included=False, on=day,
                       kommune="lejre", housing_part_cost=0)]
    for i, one in enumerate(expected):
        _same_text(kept, i, one)
        assert int(kept.loc[i, "amount_ore"]) == _ore(one.amount)
    _same_text(out.copy(), 1, expected[0])


def test_a_filtered_108_frame_explains_its_own_rows() -> None:
    day = date(2023, 6, 1)
    frame = pd.DataFrame({"income_basis": [300000, 200000, 300000], "dwelling_costs": [60000, 60000, 60000],
                          "single_pensioner": [False, True, False], "couple": [False, False, True],
                          "joint_income": [0, 0, 300000], "social_pension": [0, 0, 288710],
                          "kompensationsbeloeb": [0, 500, 1000]})
    out = botilbud108_frame(frame, on=day)
    kept = _filtered(out, [2, 1])
    assert kept["amount_ore"].tolist() == [out.loc[1, "amount_ore"], out.loc[2, "amount_ore"]]
    pair = {"joint_income": Decimal(300000), "social_pension": Decimal(288710)}
    expected = [sel108(income_basis=200000, dwelling_costs=60000, on=day, single_pensioner=True,
                       kompensationsbeloeb=500),
                sel108(income_basis=300000, dwelling_costs=60000, on=day, couple=pair, kompensationsbeloeb=1000)]
    for i, one in enumerate(expected):
        _same_text(kept, i, one)
    _same_text(out.copy(), 2, expected[1])


def test_a_filtered_stays_frame_explains_its_own_rows() -> None:
    frame = pd.DataFrame({"paragraph": [110, 109, 109], "arrival": pd.to_datetime(["2024-03-03", "2023-12-28",
                                                                                   "2024-05-01"]),
                          "departure": pd.to_datetime(["2024-03-13", "2024-01-03", "2024-05-02"]),
                          "reduction_share": ["0", "0.25", "1"]})
    out = stays_frame(frame, money="decimal")
    kept = out[out["paragraph"] == 109].reset_index(drop=True)
    expected = [stay(109, date(2023, 12, 28), date(2024, 1, 3), reduction=Reduction.of_share("0.25")),
                stay(109, date(2024, 5, 1), date(2024, 5, 2), reduction=Reduction.waiver())]
    for i, one in enumerate(expected):
        _same_text(kept, i, one)
        assert kept.loc[i, "amount"] == one.amount
    assert "97,30" in explain_row(kept, 0)  # the run at the 2024 rate (over New Year)
    _same_text(out.copy(), 1, expected[0])


def test_a_parquet_round_trip_explains_its_rows() -> None:
    pytest.importorskip("pyarrow")
    day = date(2024, 6, 1)
    made = [
        (stays_frame(pd.DataFrame({"arrival": pd.to_datetime(["2023-12-28"]),
                                   "departure": pd.to_datetime(["2024-01-03"])}), paragraph=109, money="both"),
         stay(109, date(2023, 12, 28), date(2024, 1, 3))),
        (botilbud107_frame(pd.DataFrame({"net_income": [12000], "fixed_expenses": [1500],
                                         "included_items_cost": [8000]}), on=date(2025, 1, 1), kommune="lejre",
                           board_included=True),
         sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000, board_included=True,
                on=date(2025, 1, 1), kommune="lejre")),
        (botilbud108_frame(pd.DataFrame({"income_basis": [300000], "dwelling_costs": [60000]}), on=day),
         sel108(income_basis=300000, dwelling_costs=60000, on=day)),
    ]
    for out, one in made:
        buffer = io.BytesIO()
        out.to_parquet(buffer)
        back = pd.read_parquet(io.BytesIO(buffer.getvalue()))
        assert back.attrs["socialcalc"]["rule"] == "egenbetaling"  # plain JSON attrs: Parquet keeps them
        assert explain_row(back, 0) == dispatch_row(back, 0) == one.explain()
        bare = back.copy()
        bare.attrs = {}
        assert explain_row(bare, 0) == one.explain()  # without attrs the columns tell the adapter


def test_a_changed_row_is_refused_not_explained() -> None:
    out = botilbud108_frame(pd.DataFrame({"income_basis": [300000], "dwelling_costs": [60000]}),
                            on=date(2024, 6, 1))
    with pytest.raises(InvalidInput) as err:
        explain_row(out.assign(amount_ore=[1]), 0)
    assert err.value.code == "input.frame"
    with pytest.raises(InvalidInput) as changed_input:
        explain_row(out.assign(income_basis_ore=[20000000]), 0)
    assert changed_input.value.code == "input.frame"
    stays = stays_frame(pd.DataFrame({"arrival": pd.to_datetime(["2024-03-03"]),
                                      "departure": pd.to_datetime(["2024-03-13"])}), paragraph=110)
    with pytest.raises(InvalidInput):
        explain_row(stays.assign(departure=pd.to_datetime(["2024-03-20"])), 0)
    with pytest.raises(InvalidInput, match="arrival"):
        explain_row(stays.drop(columns="arrival"), 0)
    with pytest.raises(InvalidInput):
        explain_row(pd.DataFrame({"x": [1]}), 0)
    with pytest.raises(InvalidInput):
        explain_row(stays, 5)


def test_the_registry_is_gone() -> None:
    import socialcalc.egenbetaling.frame as module

    assert not hasattr(module, "_CASES") and not hasattr(module, "weakref")
