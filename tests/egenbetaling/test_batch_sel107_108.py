"""§§ 107 and 108 on the batch path equal the one-case functions to the øre (differential, hypothesis), and a
row of every egenbetaling frame explains itself exactly as the one-case result does (``explain_row``)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch import BatchInputError
from socialcalc.egenbetaling import sel107, sel108, stay
from socialcalc.egenbetaling.batch import botilbud107, botilbud108
from socialcalc.egenbetaling.frame import botilbud107_frame, botilbud108_frame, explain_row, stays_frame
from socialcalc.egenbetaling.strategies import sel107_kwargs, sel108_kwargs

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


@SETTINGS
@given(st.lists(sel107_kwargs(), min_size=1, max_size=4), st.sampled_from([{}, {"locale": "da"}]))
def test_explain_row_107_equals_one_case(cases: list[dict[str, Any]], render: dict[str, Any]) -> None:
    frame = pd.DataFrame({
        "net_income": [c["net_income"] for c in cases], "fixed_expenses": [c["fixed_expenses"] for c in cases],
        "included_items_cost": [c["included_items_cost"] for c in cases],
        "housing_part_cost_ore": [_ore(c["housing_part_cost"]) for c in cases],
        "board_included": [c["board_included"] for c in cases],
        "keeps_own_dwelling": [c["keeps_own_dwelling"] for c in cases],
        "on": pd.to_datetime([c["on"] for c in cases]), "kommune": [c["kommune"] for c in cases]})
    out = botilbud107_frame(frame)
    for i, case in enumerate(cases):
        case = {**case, "housing_part_cost": Decimal(_ore(case["housing_part_cost"])).scaleb(-2)}
        assert explain_row(out, i) == sel107(**case).explain()


@SETTINGS
@given(st.lists(sel108_kwargs(), min_size=1, max_size=4))
def test_explain_row_108_equals_one_case(cases: list[dict[str, Any]]) -> None:
    couples = [c["couple"] for c in cases]
    frame = pd.DataFrame({
        "income_basis": [c["income_basis"] for c in cases], "dwelling_costs": [c["dwelling_costs"] for c in cases],
        "dependants_set_aside": [c["dependants_set_aside"] for c in cases],
        "single_pensioner": [c["single_pensioner"] for c in cases], "couple": [p is not None for p in couples],
        "joint_income": [p.joint_income if p else Decimal(0) for p in couples],
        "social_pension": [p.social_pension if p else Decimal(0) for p in couples],
        "on": pd.to_datetime([c["on"] for c in cases])})
    out = botilbud108_frame(frame)
    for i, case in enumerate(cases):
        assert explain_row(out, i) == sel108(**case).explain()


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from([109, 110]), st.dates(date(2023, 1, 1), date(2024, 11, 20)),
                          st.integers(0, 40), st.booleans()), min_size=1, max_size=5))
def test_explain_row_stays_equals_one_case(rows: list[tuple[int, date, int, bool]]) -> None:
    frame = pd.DataFrame({"paragraph": [r[0] for r in rows], "arrival": pd.to_datetime([r[1] for r in rows]),
                          "departure": pd.to_datetime([r[1] + timedelta(days=r[2]) for r in rows]),
                          "has_income": [r[3] for r in rows]})
    out = stays_frame(frame)
    for i, (para, arrival, length, income) in enumerate(rows):
        assert explain_row(out, i) == stay(para, arrival, arrival + timedelta(days=length),
                                           has_income=income).explain()
