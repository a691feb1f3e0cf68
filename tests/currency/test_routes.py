"""Issue 11, item 5: every rule computes a case dated in 2025, 2026 and 2027 by a documented route.

The routes (docs: each rule's page, "2026 og 2027"):

- **strict**: the book holds the figure (standing values, and published yearly figures);
- **projected**: ``project=True`` (the book's stored indices) or ``project=Decimal(...)`` (the caller's
  percentage for the one missing year); the result says ``projected=True``;
- **overlay**: the municipality (here a test) layers the year's figures over the packaged book
  (``socialcalc.testing.book_with`` / ``--rates DIR``); strict again, ``projected=False``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from socialcalc.beskyttet_beskaeftigelse import hourly_wage, transport
from socialcalc.egenbetaling import prepayment, sel107, sel108, settlement, stay
from socialcalc.errors import RateNotPublished
from socialcalc.folkepension import pension_age
from socialcalc.hastig_sygdom import Budget
from socialcalc.ledsageordning import Bank, expense_grant
from socialcalc.merudgift import calculate
from socialcalc.ratebook import Status
from tests.currency.books import DAY_RATES, FIGURES_2027, SEL108, overlay_book

YEARS = (2025, 2026, 2027)
P26 = Decimal("4.5")  # the derived 2026 satsreguleringsprocent (spec rates-2025-2027.md § 1.3)


# -- § 97 ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
def test_sel097_bank_is_strict_every_year(year: int) -> None:
    bank = Bank.open(f"{year}-01").use(f"{year}-03", 20)
    assert bank.balance(f"{year}-03") == Decimal(25)
    assert not bank.statement(f"{year}-03").explanation.projected


def test_sel097_grant_2025_strict() -> None:
    r = expense_grant(2025, "5000")
    assert (r.amount, r.projected, r.grade) == (Decimal("1041.00"), False, Status.DERIVED)


def test_sel097_grant_2026_projected_with_the_stored_percentage() -> None:
    for project in (True, P26, {2026: P26}):
        r = expense_grant(2026, "5000", project=project)
        assert (r.amount, r.projected, r.grade) == (Decimal("1088.00"), True, Status.PROJECTED)  # spec § 4
    with pytest.raises(RateNotPublished):
        expense_grant(2026, "5000")


def test_sel097_grant_2027_by_overlay_or_a_percentage_for_2027() -> None:
    r = expense_grant(2027, "5000", rates=overlay_book())
    assert (r.amount, r.projected, r.grade) == (Decimal(FIGURES_2027["sel097.expense_grant_max"][1]), False,
                                                Status.DERIVED)
    p = expense_grant(2027, "5000", project=Decimal("3.0"))  # the one year the book lacks
    assert (p.amount, p.projected, p.grade) == (Decimal("1120.00"), True, Status.PROJECTED)  # 1041×1.045×1.03


# -- § 100 -----------------------------------------------------------------------------------------------------

def test_sel100_old_regime_in_2025_is_projected() -> None:
    r = calculate("2000", decided_on=date(2025, 3, 1), project=True)
    assert r.regime == "merudgiftsydelse" and r.table_year == 2025
    assert (r.amount, r.projected, r.grade) == (Decimal("2359.00"), True, Status.PROJECTED)  # 2277 × 1.036
    with pytest.raises(RateNotPublished):
        calculate("2000", decided_on=date(2025, 3, 1))


@pytest.mark.parametrize("paid", [date(2025, 10, 1), date(2026, 6, 1), date(2027, 8, 1)])
def test_sel100_old_awards_paid_later_use_the_frozen_table(paid: date) -> None:
    r = calculate("2000", decided_on=date(2024, 3, 1), on=paid, project=True)
    assert r.regime == "merudgiftsydelse" and r.table_year == 2025 and r.rates_on == date(2025, 8, 31)
    assert (r.amount, r.projected, r.grade) == (Decimal("2359.00"), True, Status.PROJECTED)
    assert "gælder uændret, indtil bevillingen er genvurderet" in r.explain(audience="sagsbehandler")


def test_sel100_new_regime_2025_strict() -> None:
    r = calculate("2500", listed_documented="2500", decided_on=date(2025, 10, 1))
    assert (r.amount, r.projected, r.recommended_group, r.grade) == (Decimal("3000.00"), False, "II",
                                                                     Status.OFFICIAL)


def test_sel100_new_regime_2026_projected() -> None:
    r = calculate("700", decided_on=date(2026, 2, 1), project=True)
    assert (r.amount, r.projected, r.grade) == (Decimal("1155.00"), True, Status.PROJECTED)  # 1105 × 1.045


def test_sel100_new_regime_2027_by_overlay() -> None:
    r = calculate("700", decided_on=date(2027, 2, 1), rates=overlay_book())
    assert (r.amount, r.projected, r.grade) == (Decimal(FIGURES_2027["sel100.komp_group1"][1]), False,
                                                Status.DERIVED)


# -- § 103 -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
def test_sel103_wage_and_transport_are_strict_every_year(year: int) -> None:
    wage = hourly_wage("35", field_lowest_wage="180.00", on=date(year, 6, 1), kommune="lejre")
    assert (wage.amount, wage.projected, wage.grade) == (Decimal("30.00"), False, Status.OFFICIAL)
    t = transport(days=20, distance_km=25, net_earnings="1500.00", per_km="1.50", on=date(year, 6, 1))
    assert (t.municipality, t.projected, t.grade) == (Decimal("1050.00"), False, Status.OFFICIAL)


# -- § 107 -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
def test_sel107_is_strict_every_year(year: int) -> None:
    r = sel107(net_income=12000, fixed_expenses=1500, included_items_cost=8000, board_included=True,
               on=date(year, 6, 1), kommune="lejre")
    assert (r.amount, r.projected, r.grade) == (Decimal("8000.00"), False, Status.OFFICIAL)


# -- § 108 -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", [2025, 2026])
def test_sel108_2025_2026_strict_from_the_derived_figures(year: int) -> None:
    threshold = Decimal(SEL108[year][0])
    r = sel108(income_basis=300000, dwelling_costs=90000, on=date(year, 6, 1))
    expected = Decimal("0.10") * threshold + Decimal("0.20") * (300000 - threshold)
    assert (r.amount, r.projected, r.grade) == (expected.quantize(Decimal("0.01")), False, Status.DERIVED)


def test_sel108_2027_projected_with_percentages_for_both_indices() -> None:
    r = sel108(income_basis=300000, dwelling_costs=90000, on=date(2027, 6, 1), project={2027: Decimal("3.0")})
    assert r.projected and r.grade is Status.PROJECTED
    assert r.income_based == Decimal("0.10") * 262400 + Decimal("0.20") * (300000 - 262400)  # 254800 × 1.03


@pytest.mark.parametrize("year", YEARS)
def test_sel108_by_overlay(year: int) -> None:
    threshold = Decimal(SEL108[year][0] if year in SEL108 else FIGURES_2027["sel108.threshold"][1])
    r = sel108(income_basis=300000, dwelling_costs=90000, on=date(year, 6, 1), rates=overlay_book())
    expected = Decimal("0.10") * threshold + Decimal("0.20") * (300000 - threshold)
    assert (r.amount, r.projected) == (expected.quantize(Decimal("0.01")), False)


# -- §§ 109/110 ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("paragraph", [109, 110])
def test_sel109_110_stay_prepayment_settlement_by_overlay(year: int, paragraph: int) -> None:
    book = overlay_book()
    rate = Decimal(DAY_RATES[year][0 if paragraph == 109 else 1])
    s = stay(paragraph, date(year, 3, 3), date(year, 3, 13), rates=book)
    assert (s.amount, s.projected, s.grade) == (10 * rate, False, Status.DERIVED)
    p = prepayment(paragraph, date(year, 3, 1), 31, rates=book)
    assert (p.amount, p.projected) == (31 * rate, False)
    r = settlement(paragraph, date(year, 3, 1), 31, 12, rates=book)
    assert (r.refund, r.projected) == (19 * rate, False)


@pytest.mark.parametrize("year", YEARS)
def test_sel110_projected_with_a_percentage_per_missing_year(year: int) -> None:
    project = {y: Decimal("4.0") for y in range(2025, year + 1)}
    s = stay(110, date(year, 3, 3), date(year, 3, 13), project=project)
    assert s.projected and s.grade is Status.PROJECTED
    assert s.periods[0].rate == (Decimal("100.77") * Decimal("1.04") ** (year - 2024)).quantize(Decimal("0.01"))
    p = prepayment(110, date(year, 3, 1), 31, project=project)
    r = settlement(110, date(year, 3, 1), 31, 12, project=project)
    assert p.projected and r.projected and r.refund == 19 * s.periods[0].rate


def test_sel109_stay_over_new_year_2026_2027_uses_both_rates() -> None:
    s = stay(109, date(2026, 12, 30), date(2027, 1, 2), rates=overlay_book())
    assert [p.rate for p in s.periods] == [Decimal("104.00"), Decimal("108.00")]
    assert s.amount == 2 * Decimal("104.00") + Decimal("108.00")


@pytest.mark.parametrize("call", [
    lambda: stay(110, date(2026, 3, 3), date(2026, 3, 13)),
    lambda: prepayment(110, date(2026, 3, 1), 31),
    lambda: settlement(110, date(2026, 3, 1), 31, 12),
])
def test_sel109_110_strict_refuses_an_unpublished_year(call: object) -> None:
    with pytest.raises(RateNotPublished):
        call()  # type: ignore[operator]


# -- § 117a ----------------------------------------------------------------------------------------------------

def test_sel117a_2025_strict_derived() -> None:
    b = Budget.open(date(2025, 2, 1))
    assert (b.total, b.projected) == (Decimal("42499.00"), False)  # 41022 × 1.036 (spec § 5), derived
    assert [r.status for r in b.rates_used][-1] == "derived"


def test_sel117a_2026_projected_with_the_stored_percentage() -> None:
    b = Budget.open(date(2026, 2, 1), project=True)
    assert (b.total, b.projected) == (Decimal("44411.00"), True)  # 42499 × 1.045 (derived 2026 percentage)


def test_sel117a_2027_by_overlay_or_a_percentage_for_2027() -> None:
    b = Budget.open(date(2027, 2, 1), rates=overlay_book())
    assert (b.total, b.projected) == (Decimal(FIGURES_2027["sel117a.budget"][1]), False)
    p = Budget.open(date(2027, 2, 1), project={2027: Decimal("3.0")})
    assert (p.total, p.projected) == (Decimal("45744.00"), True)  # 42499 × 1.045 × 1.03 = 45744.3


# -- folkepension -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
def test_folkepension_is_strict_every_year(year: int) -> None:
    assert str(pension_age(date(1971, 1, 1), on=date(year, 6, 1))) == "70 år"
