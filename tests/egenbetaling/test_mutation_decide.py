"""Tests that kill the mutants of ``egenbetaling/decide.py``: the integer decisions of SEL §§ 107–110.

The edges of every comparison (at, one øre below, one above): the § 107 payment ability at exactly 0, the
§ 108 basis reduced to exactly 0, the dwelling's costs equal to the income-based payment, a joint income equal
to the social pension; the rounding points (half up at exactly ½ øre, the income-based payment rounded once);
shares whose numerator is not 1 (so that a ``*`` for a ``/`` is seen); the defaults of ``sel108``; a
reduction in kroner beside a share column of 0 (the batch path).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np

from socialcalc.batch import stays
from socialcalc.egenbetaling import Couple, decide, sel107, sel108

D = Decimal
LOW, HIGH = (1, 10), (1, 5)  # 10 % and 20 % (sm.dk, 2024)
THRESHOLD = 23400000  # 234000 kr. (2024)


# -- let_off (§§ 109/110) ---------------------------------------------------------------------------------------

def test_a_share_of_0_lets_the_kroner_off() -> None:
    # a row of a batch with a reduction in kroner has the share 0 in the share column
    assert decide.let_off(100770, 50000, (0, 1)) == 50000
    assert decide.let_off(100770, 200000, (0, 1)) == 100770


def test_a_share_rounds_half_up_and_is_multiplied() -> None:
    assert decide.let_off(100770, 0, (3, 4)) == 75578  # 75577.5 øre, half up
    assert decide.let_off(100770, 0, (1, 1)) == 100770
    assert decide.let_off(100771, 0, (1, 2)) == 50386  # 50385.5


def test_the_batch_lets_the_kroner_off_where_the_share_is_0() -> None:
    r = stays(110, date(2024, 3, 3), np.array(["2024-03-13", "2024-03-13"], dtype="M8[D]"),
              reduction=np.array([25000, 0]), reduction_share=["0", "0.75"])
    assert r.gross.tolist() == [100770, 100770]
    assert r.reduction.tolist() == [25000, 75578]
    assert r.amount.tolist() == [75770, 25192]


# -- § 107 ------------------------------------------------------------------------------------------------------

def test_sel107_payment_ability_at_exactly_0_is_not_below_0() -> None:
    at = decide.sel107(400000, 150000, 250000, 800000, 0, False)
    assert (at.payable, at.amount, at.below_zero, at.no_income) == (0, 0, False, False)
    below = decide.sel107(399999, 150000, 250000, 800000, 0, False)
    assert (below.payable, below.amount, below.below_zero) == (0, 0, True)
    above = decide.sel107(400001, 150000, 250000, 800000, 0, False)
    assert (above.payable, above.amount, above.below_zero) == (1, 1, False)


def test_sel107_the_fact_of_a_payment_ability_of_exactly_0() -> None:
    # Lejre, board included: 4000 − 1500 − 2500 = 0 is "positiv", 3999.99 is below 0
    at = sel107(net_income=4000, fixed_expenses=1500, included_items_cost=8000, board_included=True,
                on=date(2025, 1, 1), kommune="lejre")
    assert at.amount == D("0.00") and at.payable == D("0.00")
    assert [f.step for f in at.explanation.steps][1] == "sel107.betalingsevne.positiv"
    below = sel107(net_income=D("3999.99"), fixed_expenses=1500, included_items_cost=8000, board_included=True,
                   on=date(2025, 1, 1), kommune="lejre")
    assert [f.step for f in below.explanation.steps][1] == "sel107.betalingsevne.under_nul"


# -- § 108 ------------------------------------------------------------------------------------------------------

def test_sel108_defaults_are_a_single_resident_without_kompensation() -> None:
    r = decide.sel108(30000000, 0, 0, 6000000, THRESHOLD, LOW, HIGH)
    assert (r.excess, r.steps, r.discount, r.deducted) == (0, 0, 0, 0)
    assert (r.income_based, r.housing, r.amount, r.monthly) == (3660000, 3660000, 3660000, 305000)


def test_sel108_a_joint_income_without_couple_gives_no_steps() -> None:
    r = decide.sel108(30000000, 0, 0, 6000000, THRESHOLD, LOW, HIGH, joint_income=1000, step=10)
    assert (r.excess, r.steps, r.discount, r.amount) == (1000, 0, 0, 3660000)


def test_sel108_a_couple_counts_steps_of_one_ore_by_default() -> None:
    r = decide.sel108(30000000, 0, 0, 6000000, THRESHOLD, LOW, HIGH, couple=True, joint_income=7,
                      discount_share=(1, 4), discount_point=(1, 100))
    # 25 % − 7 × 1 % = 18 %: 72 / 400
    assert (r.excess, r.steps, r.discount) == (7, 7, 72)
    assert r.amount == 3001200


def test_sel108_joint_income_at_and_below_the_social_pension_has_no_excess() -> None:
    for joint in (600000, 500000):
        r = decide.sel108(30000000, 0, 0, 6000000, THRESHOLD, LOW, HIGH, couple=True, joint_income=joint,
                          social_pension=600000, step=564500, discount_share=(1, 4), discount_point=(1, 100))
        assert (r.excess, r.steps, r.discount) == (0, 0, 100)  # 25 % of 400
        assert r.amount == 2745000
    one_more = decide.sel108(30000000, 0, 0, 6000000, THRESHOLD, LOW, HIGH, couple=True, joint_income=600001,
                             social_pension=600000, step=564500, discount_share=(1, 4), discount_point=(1, 100))
    assert (one_more.excess, one_more.steps, one_more.discount) == (1, 0, 100)


def test_sel108_a_basis_reduced_to_exactly_0_is_not_floored() -> None:
    at = decide.sel108(100000, 60000, 40000, 6000000, THRESHOLD, LOW, HIGH)
    assert (at.reduced, at.floored, at.amount) == (0, False, 0)
    below = decide.sel108(99999, 60000, 40000, 6000000, THRESHOLD, LOW, HIGH)
    assert (below.reduced, below.floored) == (0, True)
    above = decide.sel108(100001, 60000, 40000, 6000000, THRESHOLD, LOW, HIGH)
    assert (above.reduced, above.floored) == (1, False)


def test_sel108_floored_by_the_set_aside_alone_and_by_the_cut_alone() -> None:
    by_set_aside = decide.sel108(100000, 0, 150000, 6000000, THRESHOLD, LOW, HIGH)
    assert (by_set_aside.reduced, by_set_aside.floored) == (0, True)
    by_cut = decide.sel108(100000, 150000, 0, 6000000, THRESHOLD, LOW, HIGH)
    assert (by_cut.reduced, by_cut.floored) == (0, True)


def test_sel108_the_fact_of_a_basis_floored() -> None:
    r = sel108(income_basis=30000, dwelling_costs=60000, on=date(2024, 6, 1), single_pensioner=True)
    assert r.amount == D("0.00")
    assert "sel108.reading.ikke_under_nul" in [f.reading for f in r.explanation.steps]


def test_sel108_below_the_threshold_nothing_is_above_it() -> None:
    # 10000003 øre × 10 % = 1000000.3 øre; one øre "above" the threshold would add 0.2 and round up
    r = decide.sel108(10000003, 0, 0, 6000000, THRESHOLD, LOW, HIGH)
    assert (r.part_low, r.part_high, r.income_based) == (1000000, 0, 1000000)
    half = decide.sel108(10000005, 0, 0, 6000000, THRESHOLD, LOW, HIGH)
    assert half.income_based == 1000001  # 1000000.5, half up


def test_sel108_the_income_based_payment_is_rounded_once() -> None:
    # 15 øre × 10 % = 1.5 → 2 shown, 3 øre × 20 % = 0.6 → 1 shown, but 2.1 → 2 paid
    r = decide.sel108(18, 0, 0, 6000000, 15, LOW, HIGH)
    assert (r.part_low, r.part_high, r.income_based) == (2, 1, 2)


def test_sel108_shares_whose_numerator_is_not_1() -> None:
    r = decide.sel108(30000000, 0, 0, 9000000, THRESHOLD, (3, 20), (7, 20))
    assert (r.part_low, r.part_high, r.income_based) == (3510000, 2310000, 5820000)
    assert r.amount == 5820000


def test_sel108_the_costs_cap_at_one_ore_below_at_and_above() -> None:
    # income-based 3660000 øre (the spec's example 5)
    below = decide.sel108(30000000, 0, 0, 3659999, THRESHOLD, LOW, HIGH)
    assert (below.housing, below.capped_by_costs) == (3659999, True)
    at = decide.sel108(30000000, 0, 0, 3660000, THRESHOLD, LOW, HIGH)
    assert (at.housing, at.capped_by_costs) == (3660000, False)
    above = decide.sel108(30000000, 0, 0, 3660001, THRESHOLD, LOW, HIGH)
    assert (above.housing, above.capped_by_costs) == (3660000, False)


def test_sel108_the_kompensation_is_deducted_never_below_0() -> None:
    r = decide.sel108(30000000, 0, 0, 6000000, THRESHOLD, LOW, HIGH, kompensation=100000)
    assert (r.deducted, r.amount, r.monthly) == (100000, 3560000, 296667)  # 296666.67
    over = decide.sel108(30000000, 0, 0, 6000000, THRESHOLD, LOW, HIGH, kompensation=4000000)
    assert (over.deducted, over.amount, over.monthly) == (3660000, 0, 0)


def test_sel108_a_full_step_of_5645_kr_at_and_one_ore_below() -> None:
    # 2023: income-based 37390 kr.; 25 % off at the social pension, 24 % after one full step (5645 kr.)
    def paid(joint: str) -> tuple[Decimal, Decimal]:
        r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1),
                   couple=Couple(joint_income=D(joint), social_pension=D("288710")))
        return r.couple_discount, r.amount

    assert paid("288709.99") == (D("0.25"), D("28042.50"))
    assert paid("288710") == (D("0.25"), D("28042.50"))
    assert paid("294354.99") == (D("0.25"), D("28042.50"))
    assert paid("294355") == (D("0.24"), D("28416.40"))
