"""Tests that kill the mutants of ``egenbetaling/batch.py``: the §§ 107–110 batch kernels.

Deterministic (no hypothesis). Every refusal of :func:`stays`, :func:`botilbud107` and :func:`botilbud108` is
pinned, whole (class, column, row, value, code, parameters and the Danish message), in
``golden/batch_refusals.json``; the number of rows is read from whichever column is an array (each in turn);
the defaults of the keyword columns are those of the one-case functions; every output column is ``int64``.

Regenerate after a reviewed change with
``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/egenbetaling/test_mutation_batch.py`` and read the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from socialcalc.egenbetaling.batch import Sel107Batch, Sel108Batch, botilbud107, botilbud108, stays
from socialcalc.errors import SocialcalcError

GOLDEN = Path(__file__).parent / "golden" / "batch_refusals.json"
ON = date(2025, 1, 1)
M8 = "datetime64[D]"


def _case(call: Callable[[], Any]) -> dict[str, Any]:
    try:
        call()
    except SocialcalcError as err:
        return {"class": type(err).__name__, "column": getattr(err, "column", None),
                "field": getattr(err, "field", None), "row": getattr(err, "row", None),
                "value": repr(getattr(err, "value", None)), "code": err.code,
                "params": {k: repr(v) for k, v in sorted(getattr(err, "params", {}).items())},
                "key": getattr(err, "key", None), "da": err.message("da"), "str": str(err)}
    raise AssertionError("not refused")


TWO = np.array([1_200_000, 1_200_000])


def _refusals() -> dict[str, Callable[[], Any]]:
    d2 = np.array(["2024-03-03", "2024-03-13"], M8)
    return {
        "stay_paragraph_scalar": lambda: stays(108, d2, date(2024, 3, 20)),
        "stay_paragraph_float": lambda: stays(np.array([109.0, 110.0]), d2, date(2024, 3, 20)),
        "stay_paragraph_rows": lambda: stays(np.array([109]), d2, date(2024, 3, 20)),
        "stay_paragraph_row": lambda: stays(np.array([109, 111]), d2, date(2024, 3, 20)),
        "stay_backwards": lambda: stays(110, d2, date(2024, 3, 10)),
        "stay_backwards_first_row": lambda: stays(110, date(2024, 3, 10), np.array(["2024-03-09", "2024-03-01"], M8)),
        "stay_no_column": lambda: stays(110, date(2024, 3, 3), date(2024, 3, 4)),
        "stay_arrival_bad": lambda: stays(110, np.array(["2024-03-03", "NaT"], M8), date(2024, 3, 20)),
        "stay_departure_bad": lambda: stays(110, d2, "soon"),
        "stay_income_bad": lambda: stays(110, d2, date(2024, 3, 20), has_income=np.array([1, 2])),
        "stay_reduction_negative": lambda: stays(110, d2, date(2024, 3, 20), reduction=np.array([0, -1])),
        "stay_both_reductions": lambda: stays(110, d2, date(2024, 3, 20), reduction=np.array([0, 100]),
                                              reduction_share=np.array(["0", "0.5"], dtype=object)),
        "stay_share_rows": lambda: stays(110, d2, date(2024, 3, 20), reduction_share=["0.5"]),
        "stay_share_float": lambda: stays(110, d2, date(2024, 3, 20), reduction_share=[0.5, "0.5"]),
        "stay_share_bool": lambda: stays(110, d2, date(2024, 3, 20), reduction_share=["0.5", True]),
        "stay_share_text": lambda: stays(110, d2, date(2024, 3, 20), reduction_share=["0.5", "half"]),
        "stay_share_above_one": lambda: stays(110, d2, date(2024, 3, 20), reduction_share=["0.5", "1.5"]),
        "stay_share_nan": lambda: stays(110, d2, date(2024, 3, 20), reduction_share=["NaN", "0"]),
        "stay_share_too_fine": lambda: stays(110, d2, date(2024, 3, 20), reduction_share=["0.5", "0.0000000001"]),
        "stay_kommune_unknown": lambda: stays(110, d2, date(2024, 3, 20), kommune="atlantis"),
        "stay_not_published": lambda: stays(110, np.array(["2024-03-03", "2031-03-13"], M8), date(2031, 3, 20)),
        "107_housing_missing": lambda: botilbud107(TWO, 150000, 800000, board_included=True, on=ON,
                                                   kommune="lejre", keeps_own_dwelling=np.array([False, True])),
        "107_housing_over_items": lambda: botilbud107(TWO, 150000, 800000, board_included=True, on=ON,
                                                      kommune="lejre", keeps_own_dwelling=True,
                                                      housing_part_cost=np.array([1, 800001])),
        "107_net_float": lambda: botilbud107(np.array([1.5, 2.0]), 0, 0, board_included=True, on=ON,
                                             kommune="lejre"),
        "107_fixed_negative": lambda: botilbud107(TWO, np.array([0, -1]), 0, board_included=True, on=ON,
                                                  kommune="lejre"),
        "107_items_negative": lambda: botilbud107(TWO, 0, np.array([0, -1]), board_included=True, on=ON,
                                                  kommune="lejre"),
        "107_board_bad": lambda: botilbud107(TWO, 0, 0, board_included=np.array([1, 0]), on=ON, kommune="lejre"),
        "107_keeps_bad": lambda: botilbud107(TWO, 0, 0, board_included=True, keeps_own_dwelling="no", on=ON,
                                             kommune="lejre"),
        "107_housing_negative": lambda: botilbud107(TWO, 0, 10, board_included=True, on=ON, kommune="lejre",
                                                    keeps_own_dwelling=True, housing_part_cost=np.array([1, -1])),
        "107_on_bad": lambda: botilbud107(TWO, 0, 0, board_included=True, on="soon", kommune="lejre"),
        "107_kommune_unknown": lambda: botilbud107(TWO, 0, 0, board_included=True, on=ON,
                                                   kommune=np.array(["lejre", "atlantis"], dtype=object)),
        "107_not_published": lambda: botilbud107(TWO, 0, 0, board_included=np.array([True, False]),
                                                 on=np.array(["2025-01-01", "1990-01-01"], M8), kommune="lejre"),
        "107_all_scalars": lambda: botilbud107(1, 0, 0, board_included=True, on=ON, kommune="lejre"),
        "108_both": lambda: botilbud108(TWO, 6000000, on=ON, single_pensioner=np.array([False, True]),
                                        couple=True),
        "108_basis_float": lambda: botilbud108(np.array([1.0, 2.0]), 0, on=ON),
        "108_costs_negative": lambda: botilbud108(TWO, np.array([0, -1]), on=ON),
        "108_set_aside_negative": lambda: botilbud108(TWO, 0, on=ON, dependants_set_aside=np.array([0, -1])),
        "108_single_bad": lambda: botilbud108(TWO, 0, on=ON, single_pensioner="yes"),
        "108_couple_bad": lambda: botilbud108(TWO, 0, on=ON, couple=np.array([2, 0])),
        "108_joint_negative": lambda: botilbud108(TWO, 0, on=ON, couple=True, joint_income=np.array([0, -1])),
        "108_pension_negative": lambda: botilbud108(TWO, 0, on=ON, couple=True, social_pension=np.array([0, -1])),
        "108_kompensation_negative": lambda: botilbud108(TWO, 0, on=ON, kompensationsbeloeb=np.array([0, -1])),
        "108_on_bad": lambda: botilbud108(TWO, 0, on="soon"),
        "108_kommune_unknown": lambda: botilbud108(TWO, 0, on=ON, kommune=np.array([None, "atlantis"], dtype=object)),
        "108_not_published": lambda: botilbud108(TWO, 0, on=np.array(["2025-01-01", "2031-01-01"], M8)),
        "108_all_scalars": lambda: botilbud108(1, 0, on=ON),
    }


def test_every_refusal_is_pinned() -> None:
    got = {name: _case(call) for name, call in _refusals().items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert got.keys() == expected.keys()
    for name in got:
        assert got[name] == expected[name], name


def _ints(batch: Any, names: tuple[str, ...], n: int) -> None:
    for name in names:
        column = getattr(batch, name)
        assert isinstance(column, np.ndarray) and column.dtype == np.int64 and column.shape == (n,), name


SEL107 = ("raadighedsbeloeb", "payable", "chargeable", "amount")
SEL108 = ("reduced_basis", "income_based", "housing", "kompensation_deducted", "amount", "monthly")


@pytest.mark.parametrize("array", ["net_income", "fixed_expenses", "included_items_cost", "board_included",
                                   "keeps_own_dwelling", "housing_part_cost", "on", "kommune"])
def test_107_rows_from_any_array_column(array: str) -> None:
    values: dict[str, Any] = {"net_income": 1_200_000, "fixed_expenses": 150_000, "included_items_cost": 800_000,
                              "board_included": True, "keeps_own_dwelling": False, "housing_part_cost": 0,
                              "on": ON, "kommune": "lejre"}
    one = botilbud107(**{**values, "net_income": np.array([values["net_income"]])})  # type: ignore[arg-type]
    values[array] = np.array([values[array]] * 3, dtype=M8 if array == "on" else
                             (object if array == "kommune" else None))
    out = botilbud107(**values)  # type: ignore[arg-type]
    assert isinstance(out, Sel107Batch) and len(out) == 3
    _ints(out, SEL107, 3)
    for name in SEL107:
        assert getattr(out, name).tolist() == [int(getattr(one, name)[0])] * 3, name


@pytest.mark.parametrize("array", ["income_basis", "dwelling_costs", "single_pensioner", "dependants_set_aside",
                                   "couple", "joint_income", "social_pension", "kompensationsbeloeb", "on",
                                   "kommune"])
def test_108_rows_from_any_array_column(array: str) -> None:
    values: dict[str, Any] = {"income_basis": 30_000_000, "dwelling_costs": 6_000_000, "single_pensioner": False,
                              "dependants_set_aside": 100_000, "couple": True, "joint_income": 40_000_000,
                              "social_pension": 10_000_000, "kompensationsbeloeb": 1000, "on": ON,
                              "kommune": "lejre"}
    one = botilbud108(**{**values, "income_basis": np.array([values["income_basis"]])})
    values[array] = np.array([values[array]] * 3, dtype=M8 if array == "on" else
                             (object if array == "kommune" else None))
    out = botilbud108(**values)
    assert isinstance(out, Sel108Batch) and len(out) == 3
    _ints(out, SEL108, 3)
    for name in SEL108:
        assert getattr(out, name).tolist() == [int(getattr(one, name)[0])] * 3, name


def test_108_defaults_are_those_of_a_single_resident_without_extras() -> None:
    basis = np.array([30_000_000, 20_000_000, 60_000_000])
    plain = botilbud108(basis, 6_000_000, on=date(2024, 6, 1))
    given = botilbud108(basis, 6_000_000, on=date(2024, 6, 1), single_pensioner=False, dependants_set_aside=0,
                        couple=False, joint_income=0, social_pension=0, kompensationsbeloeb=0)
    for name in SEL108:
        assert getattr(plain, name).tolist() == getattr(given, name).tolist(), name
    # a couple with the default joint income and pension (0) is the couple with them given as 0
    pair = botilbud108(basis, 6_000_000, on=date(2024, 6, 1), couple=True)
    pair0 = botilbud108(basis, 6_000_000, on=date(2024, 6, 1), couple=True, joint_income=0, social_pension=0)
    for name in SEL108:
        assert getattr(pair, name).tolist() == getattr(pair0, name).tolist(), name
    _ints(pair, SEL108, 3)


def test_107_defaults() -> None:
    plain = botilbud107(TWO, 150_000, 800_000, board_included=np.array([True, False]), on=ON, kommune="lejre")
    given = botilbud107(TWO, 150_000, 800_000, board_included=np.array([True, False]), on=ON, kommune="lejre",
                        keeps_own_dwelling=False, housing_part_cost=0)
    for name in SEL107:
        assert getattr(plain, name).tolist() == getattr(given, name).tolist(), name
    _ints(plain, SEL107, 2)
    assert plain.raadighedsbeloeb[0] != plain.raadighedsbeloeb[1]


# -- stays across rate periods (the survivors in ``_periods``) ---------------------------------------------------

def _stay_rows(rows: list[tuple[date, date]], paragraph: int = 109, kommune: str | None = None) -> Any:
    arrival = np.array([a.isoformat() for a, _ in rows], M8)
    departure = np.array([d.isoformat() for _, d in rows], M8)
    return stays(paragraph, arrival, departure, kommune=kommune)


@pytest.mark.parametrize("kommune", [None, "lejre"])
def test_a_stay_from_a_year_without_a_rate_into_one_with_is_refused_on_its_own_row(kommune: str | None) -> None:
    # sel109.per_day has no value for 2019-2020 and one from 1 January 2021: the days without a rate end on
    # 31 December 2020, so only the stay with a day in 2020 is refused (not the one that begins on 1 January)
    from socialcalc.egenbetaling import stay

    fine, unpublished = (date(2021, 1, 1), date(2021, 1, 5)), (date(2020, 12, 30), date(2021, 1, 3))
    with pytest.raises(SocialcalcError) as caught:
        _stay_rows([fine, unpublished, fine], kommune=kommune)
    assert getattr(caught.value, "row", None) == 1
    with pytest.raises(SocialcalcError) as one:
        stay(109, *unpublished, kommune=kommune)
    assert caught.value.code == one.value.code
    # the 2021 rows alone: the batch equals the one-case stays, day by day of the new period
    out = _stay_rows([fine, (date(2021, 1, 1), date(2021, 1, 2))], kommune=kommune)
    assert out.amount.tolist() == [int(stay(109, *r, kommune=kommune).amount * 100)
                                   for r in (fine, (date(2021, 1, 1), date(2021, 1, 2)))]


def test_a_stay_across_two_published_years_is_charged_by_each_year_s_rate() -> None:
    from socialcalc.egenbetaling import stay

    rows = [(date(2023, 12, 28), date(2024, 1, 4)), (date(2023, 12, 31), date(2024, 1, 1)),
            (date(2024, 1, 1), date(2024, 1, 2)), (date(2023, 12, 30), date(2023, 12, 31))]
    for paragraph in (109, 110):
        out = _stay_rows(rows, paragraph)
        assert out.amount.tolist() == [int(stay(paragraph, *r).amount * 100) for r in rows]


def test_a_reduction_in_kroner_on_one_row_and_a_share_on_another_are_not_given_twice() -> None:
    # the two reduction columns may both be given: a row is refused only where both are above 0
    from decimal import Decimal

    from socialcalc.egenbetaling import Reduction, stay

    arrival = np.array(["2024-03-03", "2024-03-03", "2024-03-03"], M8)
    departure = np.array(["2024-03-13", "2024-03-13", "2024-03-13"], M8)
    out = stays(109, arrival, departure, reduction=np.array([10_000, 0, 0]),
                reduction_share=np.array(["0", "0.5", "0"], dtype=object))
    one = [stay(109, date(2024, 3, 3), date(2024, 3, 13), reduction=r)
           for r in (Reduction.kroner("100"), Reduction.of_share(Decimal("0.5")), None)]
    assert out.amount.tolist() == [int(r.amount * 100) for r in one]
    assert out.reduction.tolist()[2] == 0
    with pytest.raises(SocialcalcError) as caught:
        stays(109, arrival, departure, reduction=np.array([0, 0, 1]),
              reduction_share=np.array(["0", "0.5", "0.1"], dtype=object))
    assert (caught.value.code, getattr(caught.value, "row", None)) == ("batch.given_twice", 2)


def test_share_and_ore_columns_pinned() -> None:
    """``_shares`` and ``_ore_of`` after the fuzzing fixes (one odd object; a column of another length): every
    refusal with its column, row, value and rule; one value spread over the rows."""
    from decimal import Decimal

    from socialcalc.batch.columns import BatchInputError
    from socialcalc.egenbetaling.batch import _ore_of, _shares

    assert _shares(None, 2) is None
    numerators, denominators = _shares(Decimal("0.25"), 3)
    assert numerators.tolist() == [1] * 3 and denominators.tolist() == [4] * 3
    assert numerators.dtype == np.int64 and denominators.dtype == np.int64
    numerators, denominators = _shares(np.array(["0.5", Decimal("1"), 0], dtype=object), 3)
    assert (numerators.tolist(), denominators.tolist()) == ([1, 1, 0], [2, 1, 1])
    numerators, _ = _shares(np.array(Decimal("0.5"), dtype=object), 2)  # a 0-d array: one value for all rows
    assert numerators.tolist() == [1, 1]
    kind = "en andel er en Decimal eller decimaltekst (0 til 1), aldrig en float"
    refusals = {
        "object": (lambda: _shares(object(), 2), 0, kind),
        "length": (lambda: _shares(np.array(["0.5", "0.5"], dtype=object), 3), 0, "hver kolonne skal have 3 rækker"),
        "float": (lambda: _shares(np.array([Decimal("0.5"), 0.5], dtype=object), 2), 1, kind),
    }
    for what, (call, row, rule) in refusals.items():
        with pytest.raises(BatchInputError) as caught:
            call()
        assert (caught.value.column, caught.value.row, caught.value.rule) == ("reduction_share", row, rule), what
    with pytest.raises(BatchInputError) as caught:
        _shares(np.array(["0.5", "0.5"], dtype=object), 3)
    assert caught.value.value == "2 rækker"

    spread = _ore_of(150_000, "net_income", 3)
    assert spread.tolist() == [150_000] * 3 and spread.dtype == np.int64
    full = np.array([1, 2], dtype=np.int64)
    assert _ore_of(full, "net_income", 2).tolist() == [1, 2] and _ore_of(full, "net_income", 2).dtype == np.int64
    with pytest.raises(BatchInputError) as caught:
        _ore_of(full, "net_income", 3)
    assert (caught.value.code, caught.value.column, caught.value.row, caught.value.value, caught.value.params) == \
        ("batch.rows", "net_income", 0, "form (2,)", {"rows": 3})
    with pytest.raises(BatchInputError) as caught:
        _ore_of(np.array([1, -1]), "net_income", 2)
    assert (caught.value.code, caught.value.row) == ("input.negative", 1)
