"""Egenbetaling (SEL §§ 107–110): the spec's worked examples, the readings chosen, every bad input, the CLI."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from socialcalc.cli import main
from socialcalc.egenbetaling import (
    Couple,
    PrepaymentResult,
    PrepaymentTooLong,
    Reduction,
    Sel107Result,
    Sel108Result,
    SettlementResult,
    StayResult,
    prepayment,
    sel107,
    sel108,
    settlement,
    stay,
)
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.ratebook import Status
from socialcalc.schema import public_models
from tests.codes import raises_code
from tests.egenbetaling.books import CALENDAR_KOMMUNE, calendar_book

D = Decimal


# -- the spec's worked examples --------------------------------------------------------------------------------

def test_example_1_shelter_stay_in_2024() -> None:
    r = stay(110, date(2024, 3, 3), date(2024, 3, 13))
    assert r.days == 10
    assert r.amount == D("1007.70")
    assert [(p.days, p.rate) for p in r.periods] == [(10, D("100.77"))]


def test_example_2_crisis_centre_over_new_year_uses_two_rates() -> None:
    r = stay(109, date(2023, 12, 28), date(2024, 1, 3))
    assert r.days == 6
    assert [(p.first_day, p.last_day, p.days, p.rate, p.amount) for p in r.periods] == [
        (date(2023, 12, 28), date(2023, 12, 31), 4, D("93.38"), D("373.52")),
        (date(2024, 1, 1), date(2024, 1, 2), 2, D("97.30"), D("194.60")),
    ]
    assert r.amount == D("568.12")
    assert "satsen for 2023" in r.explain()
    assert "satsen for 2024" in r.explain()


@pytest.mark.parametrize("departure", [date(2024, 3, 3), date(2024, 3, 4), date(2024, 12, 31)])
def test_example_3_no_income_pays_nothing_whatever_the_length(departure: date) -> None:
    r = stay(110, date(2024, 3, 3), departure, has_income=False)
    assert r.amount == D("0.00")
    assert r.periods == ()
    assert "ingen indtægt" in r.explain()


def test_example_3_no_income_needs_no_published_rate() -> None:
    # 2022 has no published day rate, but a person without income pays nothing in any case
    assert stay(110, date(2022, 5, 1), date(2022, 5, 20), has_income=False).amount == D("0.00")


def test_example_4_prepayment_and_settlement() -> None:
    assert prepayment(110, date(2024, 3, 1), 31).amount == D("3123.87")
    r = settlement(110, date(2024, 3, 1), 31, 12)
    assert r.prepaid == D("3123.87")
    assert r.amount == D("1209.24")
    assert r.refund == D("1914.63")
    assert "du får 1.914,63 kr. tilbage" in r.explain()


def test_example_5_single_non_pensioner() -> None:
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1))
    assert r.income_based == D("36600.00")
    assert r.amount == D("36600.00")
    assert r.monthly == D("3050.00")


def test_example_6_truly_single_pensioner() -> None:
    r = sel108(income_basis=200000, dwelling_costs=60000, on=date(2024, 6, 1), single_pensioner=True)
    assert r.single_pensioner_reduction == D("50800")
    assert r.reduced_basis == D("149200")
    assert r.amount == D("14920.00")


def test_example_7_sel107_lejre_with_and_without_board() -> None:
    with_board = sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000, board_included=True,
                        on=date(2025, 1, 1), kommune="lejre")
    assert with_board.raadighedsbeloeb == D("2500")
    assert with_board.payable == D("8000.00")
    assert with_board.amount == D("8000.00")
    without = sel107(net_income=12000, fixed_expenses=1500, included_items_cost=6000, board_included=False,
                     on=date(2025, 1, 1), kommune="lejre")
    assert without.raadighedsbeloeb == D("4000")
    assert without.payable == D("6500.00")
    assert without.amount == D("6000.00")


# -- §§ 109/110: counting døgn, reductions, settlement ---------------------------------------------------------

def test_a_same_day_stay_is_one_doegn() -> None:
    r = stay(110, date(2024, 3, 3), date(2024, 3, 3))
    assert r.days == 1
    assert r.amount == D("100.77")


def test_the_doegn_count_is_a_municipal_policy() -> None:
    book = calendar_book()
    r = stay(110, date(2024, 3, 3), date(2024, 3, 13), kommune=CALENDAR_KOMMUNE, rates=book)
    assert r.day_count == "calendar_days"
    assert r.days == 11
    assert r.amount == D("1108.47")
    national = stay(110, date(2024, 3, 3), date(2024, 3, 13), rates=book)
    assert (national.day_count, national.days) == ("nights_min_one", 10)


def test_a_stay_in_a_year_without_a_rate_is_refused_naming_the_key() -> None:
    with pytest.raises(RateNotPublished) as caught:
        stay(110, date(2021, 12, 30), date(2022, 1, 2))
    assert caught.value.key == "sel110.per_day"
    assert caught.value.day == date(2022, 1, 1)


def test_a_kroner_reduction_is_shown_and_capped_at_the_payment() -> None:
    r = stay(110, date(2024, 3, 3), date(2024, 3, 13), reduction="200")
    assert r.reduction == Reduction(amount=D("200"))
    assert (r.gross, r.reduction_amount, r.amount) == (D("1007.70"), D("200.00"), D("807.70"))
    assert "nedsat betalingen med 200,00 kr." in r.explain()
    capped = stay(110, date(2024, 3, 3), date(2024, 3, 13), reduction=Reduction.kroner(5000))
    assert (capped.reduction_amount, capped.amount) == (D("1007.70"), D("0.00"))
    assert "kan ikke være større end betalingen" in capped.explain()


def test_a_share_reduction_and_a_waiver() -> None:
    half = stay(110, date(2024, 3, 3), date(2024, 3, 13), reduction=Reduction.of_share("0.5"))
    assert (half.reduction_amount, half.amount) == (D("503.85"), D("503.85"))
    waived = stay(110, date(2024, 3, 3), date(2024, 3, 13), reduction=Reduction.waiver())
    assert waived.amount == D("0.00")
    assert "bortfald" in waived.explain()


def test_board_and_laundry_are_never_part_of_it() -> None:
    text = stay(109, date(2024, 3, 3), date(2024, 3, 5)).explain()
    assert "Kost og vask er ikke en del af den" in text
    assert "børn, der bor med dig" in text


def test_a_prepayment_over_new_year_uses_both_rates() -> None:
    r = prepayment(109, date(2023, 12, 30), 4)
    assert [p.days for p in r.periods] == [2, 2]
    assert r.amount == D("381.36")  # 2 × 93.38 + 2 × 97.30


def test_a_stay_longer_than_the_prepaid_period_collects_the_difference() -> None:
    r = settlement(110, date(2024, 3, 1), 5, 7)
    assert r.refund == D("-201.54")
    assert "du skal betale 201,54 kr. mere" in r.explain()
    exact = settlement(110, date(2024, 3, 1), 5, 5)
    assert exact.refund == D("0.00")


def test_the_paragraph_may_be_given_as_text() -> None:
    assert stay("§ 110", date(2024, 3, 3), date(2024, 3, 4)).paragraph == 110


# -- § 108 ------------------------------------------------------------------------------------------------------

def test_the_payment_never_exceeds_the_dwelling_costs() -> None:
    r = sel108(income_basis=600000, dwelling_costs=50000, on=date(2024, 6, 1))
    assert r.income_based == D("96600.00")
    assert r.amount == D("50000.00")


def test_dependants_set_aside_reduce_the_basis_never_below_zero() -> None:
    r = sel108(income_basis=250000, dwelling_costs=60000, on=date(2024, 6, 1), dependants_set_aside=30000)
    assert r.reduced_basis == D("220000")
    assert r.amount == D("22000.00")
    zero = sel108(income_basis=40000, dwelling_costs=60000, on=date(2024, 6, 1), single_pensioner=True)
    assert (zero.reduced_basis, zero.amount) == (D("0"), D("0.00"))


@pytest.mark.parametrize(("joint_income", "discount", "amount"), [
    ("250000", "0.25", "28042.50"),   # below the social pension: the full discount
    ("299999", "0.24", "28416.40"),   # 11289 over: one full step of 5645 (two would be 11290)
    ("300000", "0.23", "28790.30"),   # exactly two steps
    ("500000", "0", "37390.00"),      # far above: never below 0
])
def test_the_couples_discount_falls_one_point_per_full_step(joint_income: str, discount: str, amount: str) -> None:
    couple = Couple(joint_income=D(joint_income), social_pension=D("288710"))
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1), couple=couple)
    assert r.couple_discount == D(discount)
    assert r.amount == D(amount)


def test_the_couples_step_of_2021_and_a_dict_couple() -> None:
    r = sel108(income_basis=216900, dwelling_costs=60000, on=date(2021, 6, 1),
               couple={"joint_income": 226000, "social_pension": 215136})
    assert r.couple_discount == D("0.23")  # 10864 over = 2 × 5432
    assert r.amount == D("16701.30")  # 21690 × 0.77


def test_a_couple_in_2024_uses_the_derived_step_and_says_so() -> None:
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1),
               couple=Couple(joint_income=D(300000), social_pension=D(280000)))
    assert r.couple_discount == D("0.22")  # 20000 over = 3 full steps of 5826 (derived)
    assert r.grade is Status.DERIVED
    assert "5.826 kr. om året (gældende fra 1. januar 2024, afledt" in r.explain("sagsbehandler")


def test_a_couple_in_2027_raises_rate_not_published_in_strict_mode() -> None:
    with pytest.raises(RateNotPublished) as caught:
        sel108(income_basis=300000, dwelling_costs=60000, on=date(2027, 6, 1),
               couple=Couple(joint_income=D(300000), social_pension=D(280000)))
    assert caught.value.key.startswith("sel108.")


def test_a_year_without_a_table_is_refused() -> None:
    with pytest.raises(RateNotPublished) as caught:
        sel108(income_basis=300000, dwelling_costs=60000, on=date(2027, 6, 1))
    assert caught.value.key == "sel108.threshold"


def test_separate_lines_are_shown_but_not_added() -> None:
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1), electricity="1200",
               heating="3600.50", services=12000)
    assert r.amount == D("36600.00")
    assert (r.electricity, r.heating, r.services) == (D("1200"), D("3600.50"), D("12000"))
    assert "el 1.200,00 kr., varme 3.600,50 kr. og serviceydelser 12.000,00 kr. om året" in r.explain()


def test_the_monthly_amount_is_rounded_to_ore() -> None:
    r = sel108(income_basis=100001, dwelling_costs=60000, on=date(2024, 6, 1))
    assert r.amount == D("10000.10")
    assert r.monthly == D("833.34")  # 833.341666… rounded half up to øre


def test_the_kompensationsbeloeb_adjustment_is_said_to_be_left_out() -> None:
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1))
    assert "kompensationsbeløb" in r.explain()


# -- § 107 ------------------------------------------------------------------------------------------------------

def test_sel107_own_dwelling_kept_excludes_the_housing_part() -> None:
    r = sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000, board_included=True,
               on=date(2025, 1, 1), kommune="lejre", keeps_own_dwelling=True, housing_part_cost=3000)
    assert r.chargeable_cost == D("5000.00")
    assert r.amount == D("5000.00")
    assert "boligdelen" in r.explain()


def test_sel107_no_income_pays_nothing() -> None:
    r = sel107(net_income=0, fixed_expenses=0, included_items_cost=8000, board_included=True,
               on=date(2025, 1, 1), kommune="lejre")
    assert r.amount == D("0.00")
    assert "ingen indtægt" in r.explain()


def test_sel107_income_below_the_raadighedsbeloeb_pays_nothing() -> None:
    r = sel107(net_income=5000, fixed_expenses=1500, included_items_cost=8000, board_included=False,
               on=date(2025, 1, 1), kommune="lejre")
    assert (r.payable, r.amount) == (D("0.00"), D("0.00"))


@pytest.mark.parametrize(("kommune", "on", "board", "key"), [
    ("lemvig", date(2025, 1, 1), False, "sel107.raadighedsbeloeb_without_board"),
    ("lemvig", date(2025, 1, 1), True, "sel107.raadighedsbeloeb_with_board"),
    ("lejre", date(2024, 11, 24), True, "sel107.raadighedsbeloeb_with_board"),
    (None, date(2025, 1, 1), True, "sel107.raadighedsbeloeb_with_board"),
])
def test_sel107_without_a_raadighedsbeloeb_names_the_missing_key(
    kommune: str | None, on: date, board: bool, key: str
) -> None:
    with pytest.raises(RateNotPublished) as caught:
        sel107(net_income=12000, fixed_expenses=1500, included_items_cost=6000, board_included=board, on=on,
               kommune=kommune)
    assert caught.value.key == key
    assert key in str(caught.value)


# -- bad input ----------------------------------------------------------------------------------------------------

def test_departure_before_arrival() -> None:
    with pytest.raises(InvalidInput) as caught:
        stay(110, date(2024, 3, 13), date(2024, 3, 12))
    assert caught.value.field == "departure"


@pytest.mark.parametrize("paragraph", [107, 108, 111, "110a", True, None, 110.0])
def test_only_paragraphs_109_and_110_have_a_day_rate(paragraph: object) -> None:
    for call in (lambda: stay(paragraph, date(2024, 3, 3), date(2024, 3, 4)),
                 lambda: prepayment(paragraph, date(2024, 3, 3), 3),
                 lambda: settlement(paragraph, date(2024, 3, 3), 3, 2)):
        with pytest.raises(InvalidInput) as caught:
            call()
        assert caught.value.field == "paragraph"


def test_a_prepayment_of_more_than_31_days() -> None:
    with pytest.raises(PrepaymentTooLong) as caught:
        prepayment(110, date(2024, 3, 1), 32)
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.maximum == 31
    with pytest.raises(PrepaymentTooLong):
        settlement(110, date(2024, 3, 1), 32, 10)


@pytest.mark.parametrize("call", [
    lambda: prepayment(110, date(2024, 3, 1), -1),
    lambda: settlement(110, date(2024, 3, 1), -1, 3),
    lambda: settlement(110, date(2024, 3, 1), 3, -1),
])
def test_negative_day_counts(call: object) -> None:
    with raises_code(InvalidInput, "input.negative"):
        call()  # type: ignore[operator]


@pytest.mark.parametrize("field", ["income_basis", "dwelling_costs", "dependants_set_aside", "electricity",
                                   "heating", "services"])
def test_sel108_negative_amounts(field: str) -> None:
    kwargs: dict[str, object] = {"income_basis": 300000, "dwelling_costs": 60000, "on": date(2024, 6, 1)}
    kwargs[field] = -1
    with pytest.raises(InvalidInput) as caught:
        sel108(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_sel108_negative_couple_income() -> None:
    with pytest.raises(InvalidInput) as caught:
        sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1),
               couple={"joint_income": -5, "social_pension": 280000})
    assert caught.value.field == "couple.joint_income"


@pytest.mark.parametrize("field", ["net_income", "fixed_expenses", "included_items_cost", "housing_part_cost"])
def test_sel107_negative_amounts(field: str) -> None:
    kwargs: dict[str, object] = {"net_income": 12000, "fixed_expenses": 1500, "included_items_cost": 8000,
                                 "board_included": True, "on": date(2025, 1, 1), "kommune": "lejre"}
    kwargs[field] = -1
    with pytest.raises(InvalidInput) as caught:
        sel107(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


@pytest.mark.parametrize("call", [
    lambda: prepayment(110, date(2024, 3, 1), 3.0),
    lambda: settlement(110, date(2024, 3, 1), 3, 2.0),
    lambda: stay(110, date(2024, 3, 1), date(2024, 3, 4), reduction=10.5),
    lambda: sel108(income_basis=300000.0, dwelling_costs=60000, on=date(2024, 6, 1)),
    lambda: sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1),
                   couple={"joint_income": 1.5, "social_pension": 0}),
    lambda: sel107(net_income=12000.0, fixed_expenses=1500, included_items_cost=8000, board_included=True,
                   on=date(2025, 1, 1), kommune="lejre"),
])
def test_floats_are_refused(call: object) -> None:
    with pytest.raises(InvalidInput, match="float"):
        call()  # type: ignore[operator]


def test_a_float_in_a_model_is_refused() -> None:
    with pytest.raises(ValueError, match="float"):
        Couple(joint_income=300000.0, social_pension=D(0))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="float"):
        Reduction(amount=10.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("call", [
    lambda: Reduction.of_share("1.5"),
    lambda: Reduction.kroner("-1"),
    lambda: stay(110, date(2024, 3, 1), date(2024, 3, 4),
                 reduction=Reduction.model_construct(amount=D(1), share=D("0.5"))),
])
def test_bad_reductions(call: object) -> None:
    with pytest.raises(InvalidInput):
        call()  # type: ignore[operator]


def test_other_bad_inputs() -> None:
    with pytest.raises(InvalidInput, match=r"datetime\.date"):
        stay(110, datetime(2024, 3, 1, 12), date(2024, 3, 4))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as caught:
        sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1), single_pensioner=True,
               couple={"joint_income": 300000, "social_pension": 280000})
    assert caught.value.field == "single_pensioner"
    with pytest.raises(InvalidInput) as caught:
        sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1), couple={"joint_income": 1})
    assert caught.value.field == "couple"
    with pytest.raises(InvalidInput) as caught:
        sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000, board_included=True,
               on=date(2025, 1, 1), kommune="lejre", keeps_own_dwelling=True)
    assert caught.value.field == "housing_part_cost"
    with pytest.raises(InvalidInput) as caught:
        sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000, board_included=True,
               on=date(2025, 1, 1), kommune="lejre", keeps_own_dwelling=True, housing_part_cost=9000)
    assert caught.value.field == "housing_part_cost"
    with pytest.raises(InvalidInput) as caught:
        stay(110, date(2024, 3, 1), date(2024, 3, 4), has_income="no")  # type: ignore[arg-type]
    assert caught.value.field == "has_income"


# -- results: JSON, schema ----------------------------------------------------------------------------------------

def test_the_models_are_public_and_round_trip() -> None:
    models = public_models()
    for name in ("StayResult", "PrepaymentResult", "SettlementResult", "Sel108Result", "Sel107Result",
                 "Reduction", "Couple", "StayPeriod"):
        assert name in models
    results = [
        (StayResult, stay(109, date(2023, 12, 28), date(2024, 1, 3), reduction=Reduction.of_share("0.25"))),
        (PrepaymentResult, prepayment(110, date(2024, 3, 1), 31)),
        (SettlementResult, settlement(110, date(2024, 3, 1), 31, 12)),
        (Sel108Result, sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1),
                              couple=Couple(joint_income=D(300000), social_pension=D(288710)))),
        (Sel107Result, sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000,
                              board_included=True, on=date(2025, 1, 1), kommune="lejre", keeps_own_dwelling=True,
                              housing_part_cost=3000)),
    ]
    for model, result in results:
        assert model.model_validate_json(result.model_dump_json()) == result
        assert result.projected is False


# -- CLI ----------------------------------------------------------------------------------------------------------

def test_cli_ophold(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["egenbetaling", "ophold", "110", "2024-03-03", "2024-03-13"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Egenbetaling for ophold på forsorgshjem eller herberg efter serviceloven § 110")
    assert out.strip().endswith("Beløb: 1.007,70 kr.")


def test_cli_ophold_json_with_a_waiver(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["egenbetaling", "ophold", "109", "2023-12-28", "2024-01-03", "--reduction", "68.12", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["gross"], data["amount"], data["days"]) == ("568.12", "500.00", 6)
    assert main(["egenbetaling", "ophold", "109", "2023-12-28", "2024-01-03", "--waiver", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["amount"] == "0.00"
    assert main(["egenbetaling", "ophold", "110", "2024-03-03", "2024-03-13", "--no-income", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["amount"] == "0.00"


def test_cli_forudbetaling_and_efterregulering(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["egenbetaling", "forudbetaling", "110", "2024-03-01", "31", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["amount"] == "3123.87"
    assert main(["egenbetaling", "efterregulering", "110", "2024-03-01", "31", "12", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["refund"], data["amount"]) == ("1914.63", "1209.24")
    assert main(["egenbetaling", "efterregulering", "110", "2024-03-01", "31", "12"]) == 0
    assert "du får 1.914,63 kr. tilbage" in capsys.readouterr().out


def test_cli_botilbud108(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["egenbetaling", "botilbud108", "--income-basis", "200000", "--dwelling-costs", "60000",
                 "--on", "2024-06-01", "--single-pensioner", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["amount"], data["monthly"]) == ("14920.00", "1243.33")
    assert main(["egenbetaling", "botilbud108", "--income-basis", "300000", "--dwelling-costs", "60000",
                 "--on", "2023-06-01", "--joint-income", "300000", "--social-pension", "288710"]) == 0
    assert "Beløb: 28.790,30 kr." in capsys.readouterr().out


def test_cli_botilbud107(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["egenbetaling", "botilbud107", "--net-income", "12000", "--fixed-expenses", "1500",
                 "--included-items-cost", "6000", "--no-board", "--on", "2025-01-01", "--kommune", "lejre"]) == 0
    assert capsys.readouterr().out.strip().endswith("Beløb: 6.000,00 kr.")


@pytest.mark.parametrize(("argv", "status"), [
    (["egenbetaling", "forudbetaling", "110", "2024-03-01", "32"], 2),
    (["egenbetaling", "ophold", "108", "2024-03-01", "2024-03-04"], 2),
    (["egenbetaling", "ophold", "110", "2024-03-04", "2024-03-01"], 2),
    (["egenbetaling", "efterregulering", "110", "2024-03-01", "3", "-1"], 2),
    (["egenbetaling", "botilbud108", "--income-basis", "300000", "--dwelling-costs", "60000", "--on",
      "2027-06-01", "--joint-income", "300000", "--social-pension", "280000"], 3),  # 3: a rate not published
    (["egenbetaling", "botilbud108", "--income-basis", "300000", "--dwelling-costs", "60000", "--on",
      "2023-06-01", "--joint-income", "300000"], 2),
    (["egenbetaling", "botilbud107", "--net-income", "12000", "--fixed-expenses", "1500",
      "--included-items-cost", "6000", "--board-included", "--on", "2025-01-01", "--kommune", "lemvig"], 3),
])
def test_cli_bad_input_exits_2(argv: list[str], status: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == status
    assert capsys.readouterr().err.startswith("socialcalc: fejl: ")


def test_cli_a_decimal_comma_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["egenbetaling", "botilbud108", "--income-basis", "300000,50", "--dwelling-costs", "60000",
              "--on", "2024-06-01"])
    assert caught.value.code == 2
