"""Tests that kill the mutants of ``merudgift/beregning.py``: ``calculate`` of SEL § 100, one case.

Every refused input with its code, field, value and parameters as the rule states them (a monthly figure shown
to the øre, rounded half up, from a yearly figure at a finer precision than øre; the minimum and the threshold in
kroner); the unit of a case set by its most precise figure (the listed expenses too); the municipality checked
first; the band table's legal basis.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from socialcalc.errors import InvalidInput, UnknownRate
from socialcalc.merudgift import calculate
from socialcalc.merudgift.beregning import bands_paragraph
from socialcalc.ratebook import default_book
from tests.codes import raises_code

D = Decimal
IN_2024 = date(2024, 6, 1)
OCT_2025 = date(2025, 10, 15)


@pytest.mark.parametrize(("group", "shown"), [("III", "'III'"), (2, "2"), ("i", "'i'")])
def test_a_group_that_is_not_a_group(group: object, shown: str) -> None:
    with raises_code(InvalidInput, "input.group", field="group", value=shown):
        calculate("1000", decided_on=OCT_2025, group=group)  # type: ignore[arg-type]


@pytest.mark.parametrize(("flag", "shown"), [("yes", "'yes'"), (1, "1"), (None, "None")])
def test_documented_must_be_a_flag(flag: object, shown: str) -> None:
    with raises_code(InvalidInput, "input.flag", field="documented", value=shown):
        calculate("608", decided_on=IN_2024, documented=flag)  # type: ignore[arg-type]


def test_listed_over_the_total_names_both() -> None:
    with raises_code(InvalidInput, "input.listed_over_total", field="listed_documented", value=D("1000.01"),
                     total=D(1000)):
        calculate("1000", listed_documented="1000.01", decided_on=OCT_2025)


def test_a_group_under_the_merudgiftsydelse_names_the_decision_date() -> None:
    with raises_code(InvalidInput, "input.group_regime", field="group", value="I", decided=IN_2024):
        calculate("1000", decided_on=IN_2024, group="I")


@pytest.mark.parametrize(("yearly", "monthly"), [
    ("6000.006", "500.00"),  # 500.0005 a month: to the øre, down
    ("6000.06", "500.01"),   # 500.005 a month: half up
    ("6659.99", "555.00"),   # 554.9991…: shown as 555.00, still under the minimum (compared exactly)
])
def test_a_group_under_the_minimum_shows_the_monthly_figure_to_the_ore(yearly: str, monthly: str) -> None:
    with raises_code(InvalidInput, "input.group_below_minimum", field="group", value="I", monthly=D(monthly),
                     minimum=D("555.00")) as err:
        calculate(yearly, per="year", group="I", decided_on=OCT_2025)
    assert str(err.value.params["minimum"]) == "555.00" and str(err.value.params["monthly"]) == monthly


@pytest.mark.parametrize(("listed", "per", "shown"), [
    ("1999.995", "month", "2000.00"),
    ("24000", "year", "2000.00"),
    ("23999.994", "year", "2000.00"),  # 1999.9995: shown as 2000.00, still not over
    ("1500", "month", "1500.00"),
    (None, "month", None),
])
def test_group_ii_not_qualified_shows_the_threshold_and_the_listed_figure(listed: str | None, per: str,
                                                                          shown: str | None) -> None:
    total = "2500" if per == "month" else "30000"
    with raises_code(InvalidInput, "input.group_not_qualified", field="group", value="II", bound=D("2000.00"),
                     listed=None if shown is None else D(shown)) as err:
        calculate(total, listed_documented=listed, per=per, group="II", decided_on=OCT_2025)
    assert str(err.value.params["bound"]) == "2000.00"


def test_the_listed_figure_sets_the_unit_of_the_case() -> None:
    # 2000.005 is over 2000 (exactly, in units of 0.001 kr.); paid to the øre half up: 2000.01 + 500
    r = calculate("2500", listed_documented="2000.005", decided_on=OCT_2025)
    assert (r.groups, r.recommended_group, r.group, r.amount) == (
        {"I": D("1105.00"), "II": D("2500.01")}, "II", "II", D("2500.01"))
    edge = calculate("2500", listed_documented="2000.000", decided_on=OCT_2025)
    assert (edge.groups, edge.recommended_group) == ({"I": D("1105.00")}, "I")


@pytest.mark.parametrize(("expenses", "documented", "step"), [
    ("3000", False, "sel100.interval.sandsynlig"), ("3000", True, "sel100.interval.fuld")])
def test_documented_is_stated_in_the_band_fact(expenses: str, documented: bool, step: str) -> None:
    last = calculate(expenses, documented=documented, decided_on=IN_2024).explanation.steps[-1]
    assert (last.step, last.inputs["documented"]) == (step, "true" if documented else "false")


@pytest.mark.parametrize(("decided", "group"), [(OCT_2025, None), (OCT_2025, "I"), (IN_2024, None), (IN_2024, "I")])
def test_an_unknown_municipality_is_refused_before_the_group(decided: date, group: str | None) -> None:
    # no § 100 rate is municipal, but the municipality is still checked, first (before a group under the old rules)
    with raises_code(UnknownRate, "rate.unknown_kommune", kommune="'nowhere'"):
        calculate("1000", decided_on=decided, kommune="nowhere", group=group)
    assert calculate("1000", decided_on=decided, kommune="Lejre", group=group if decided == OCT_2025 else None)


def test_the_band_tables_legal_basis() -> None:
    assert bands_paragraph(default_book()) == "SEL § 100 stk. 3; BEK 931/2020"


@pytest.mark.parametrize(("decided", "kwargs"), [
    (IN_2024, {"expenses": "3000"}), (OCT_2025, {"expenses": "2500", "listed_documented": "2500"})])
def test_the_documented_flag_is_recorded_in_both_regimes(decided: date, kwargs: dict[str, str]) -> None:
    assert calculate(**kwargs, decided_on=decided, documented=True).documented is True  # type: ignore[arg-type]
    assert calculate(**kwargs, decided_on=decided).documented is False  # type: ignore[arg-type]


def test_a_projection_given_by_year_is_read_like_the_same_percentage() -> None:
    # a mapping of years is not kept between cases (only True, False or one Decimal are)
    day, on = date(2027, 10, 1), date(2027, 11, 1)
    by_year = calculate("2500", listed_documented="2500", decided_on=day, on=on, project={2027: D("3.0")})
    assert by_year == calculate("2500", listed_documented="2500", decided_on=day, on=on, project=D("3.0"))
    assert by_year.projected and by_year.decided_on == day and by_year.rates_on == on
