"""Issue 11, items 7 and 8: the § 100 transition reading is data; the § 108 kompensationsbeløb is an input."""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

import pytest

from socialcalc.egenbetaling import Couple, sel108
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.merudgift import calculate
from socialcalc.merudgift.ordning import old_award_table
from socialcalc.ratebook import RateBook, Status, default_book
from socialcalc.testing import book_with

_REGULATED = """\
[[rate]]
key = "sel100.transition_reading"
unit = "policy"
value = "regulated"
valid_from = 2025-09-01
status = "derived"
source = "a test: the reading that keeps the yearly regulation (BEK 931/2020 § 12)"
"""


@functools.cache
def regulated_book() -> RateBook:
    return book_with({"national/reading.toml": _REGULATED})


def test_the_default_reading_is_the_frozen_table() -> None:
    reading = default_book().at(date(2026, 1, 1)).get("sel100.transition_reading")
    assert reading.value == "frozen"
    r = calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 4, 1), project=True)
    text = r.explain(audience="sagsbehandler")
    assert "uden senere regulering" in text and "gælder uændret, indtil bevillingen er genvurderet" in text
    assert r.table_year == 2025


def test_the_regulated_reading_regulates_the_frozen_table_by_the_years_percentage() -> None:
    frozen = calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 4, 1), project=True)
    r = calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 4, 1), project=Decimal("4.5"),
                  rates=regulated_book())
    assert frozen.amount == Decimal("2359.00")
    assert r.table_year == 2026 and r.projected and r.grade is Status.PROJECTED
    assert r.amount == Decimal("2465.00")  # 2359 × 1.045 = 2465.16
    text = r.explain(audience="sagsbehandler")
    assert "også omfatter den årlige regulering" in text and "§ 12 i bekendtgørelse nr. 931 af 19. juni 2020" in text
    assert "2026: 4,5 %" in text


def test_the_regulated_reading_in_2025_is_the_table_itself() -> None:
    r = calculate("2000", decided_on=date(2024, 3, 1), on=date(2025, 11, 1), project=True, rates=regulated_book())
    assert (r.table_year, r.amount) == (2025, Decimal("2359.00"))
    assert "også omfatter den årlige regulering" in r.explain(audience="sagsbehandler")


_TABLE_2025 = """\
[[rate]]
key = "sel100.bands"
unit = "DKK/month"
valid_from = 2025-01-01
status = "derived"
source = "a test: the derived 2025 table (spec rates-2025-2027.md § 3)"
value = [
  { from = 630, pays = 1179 },
  { from = 1768, pays = 2359 },
  { over = 2948, pays = "expenses" },
]
"""


def test_strict_mode_pays_the_frozen_table_but_refuses_the_regulated_one() -> None:
    files = {"national/table-2025.toml": _TABLE_2025}
    frozen = calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 4, 1), rates=book_with(files))
    assert (frozen.amount, frozen.projected, frozen.table_year) == (Decimal("2359.00"), False, 2025)
    regulated = book_with({**files, "national/reading.toml": _REGULATED})
    with pytest.raises(RateNotPublished) as caught:
        old_award_table(regulated, date(2026, 4, 1), None, False)
    assert "fortsat regulering" in str(caught.value) and "project=True" in str(caught.value)
    assert "→" not in str(caught.value) and "regulated" not in str(caught.value)


def test_the_regulated_reading_in_2027_needs_the_2027_percentage() -> None:
    book = regulated_book()
    with pytest.raises(RateNotPublished) as caught:
        calculate("2000", decided_on=date(2024, 3, 1), on=date(2027, 4, 1), project=True, rates=book)
    assert "2027" in str(caught.value)
    for project in (Decimal("3"), {2027: Decimal("3")}):
        r = calculate("2000", decided_on=date(2024, 3, 1), on=date(2027, 4, 1), project=project, rates=book)
        assert (r.table_year, r.amount, r.grade) == (2027, Decimal("2539.00"), Status.PROJECTED)
        # 2359 × 1.045 × 1.03 = 2539.1; the 2026 step is the book's derived 4.5 %
        note = r.explain(audience="sagsbehandler")
        assert "2026: 4,5 % (afledt)" in note and "2027: 3 % (oplyst af brugeren)" in note


def test_the_deadline_still_refuses_whatever_the_reading() -> None:
    with pytest.raises(InvalidInput):
        calculate("2000", decided_on=date(2024, 3, 1), on=date(2027, 9, 1), project=True, rates=regulated_book())


def test_the_batch_path_uses_the_same_reading() -> None:
    pytest.importorskip("numpy")
    from socialcalc.batch import merudgift as batch_merudgift

    out = batch_merudgift([200000], decided_on=date(2024, 3, 1), on=date(2026, 4, 1), project=Decimal("4.5"),
                          rates=regulated_book())
    assert int(out.amount[0]) == 246500 and bool(out.projected[0])


# -- § 108 kompensationsbeløb ------------------------------------------------------------------------------------

def test_sel108_without_kompensationsbeloeb_says_what_was_not_deducted() -> None:
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1))
    assert r.kompensationsbeloeb is None and r.kompensation_deducted == 0
    step = next(s for s in r.explanation.steps if s.step == "sel108.kompensation.ingen")
    assert step.basis == "bekendtgørelse nr. 1387/2006, §§ 6-8"
    assert "ikke oplyst et kompensationsbeløb" in r.explain()
    assert "ikke indarbejdet" not in r.explain() and "ufuldstændig" not in r.explain()


def test_sel108_kompensationsbeloeb_is_deducted_and_capped() -> None:
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1), kompensationsbeloeb="1000")
    assert (r.amount, r.monthly, r.kompensation_deducted) == (Decimal("35600.00"), Decimal("2966.67"),
                                                              Decimal("1000.00"))
    capped = sel108(income_basis=10000, dwelling_costs=60000, on=date(2024, 6, 1), kompensationsbeloeb=5000)
    assert (capped.amount, capped.kompensation_deducted) == (Decimal("0.00"), Decimal("1000.00"))
    assert "kan ikke blive mindre end 0 kr." in capped.explain()


def test_sel108_kompensationsbeloeb_after_the_couples_discount() -> None:
    c = Couple(joint_income=Decimal("300000"), social_pension=Decimal("288710"))
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1), couple=c, kompensationsbeloeb=790)
    assert r.amount == Decimal("28000.30")  # 28790.30 after the 23 % discount, then − 790


@pytest.mark.parametrize("bad", ["-1", 1.5, "12,5", [1]])
def test_sel108_bad_kompensationsbeloeb(bad: object) -> None:
    with pytest.raises(InvalidInput):
        sel108(income_basis=1, dwelling_costs=1, on=date(2024, 6, 1), kompensationsbeloeb=bad)


_STEP_2024 = """\
[[rate]]
key = "sel108.couple_discount_step"
unit = "DKK/year"
value = 5826
valid_from = 2024-01-01
status = "derived"
source = "a test: 5.645 × 1,032 (spec rates-2025-2027.md § 7.3)"
"""


def test_sel108_couple_in_2024_reads_the_years_step() -> None:
    c = Couple(joint_income=Decimal("300000"), social_pension=Decimal("288000"))
    book = default_book()
    if not book.history("sel108.couple_discount_step") or all(
            r.valid_from.year != 2024 for r in book.history("sel108.couple_discount_step")):
        book = book_with({"national/step-2024.toml": _STEP_2024})
    r = sel108(income_basis=300000, dwelling_costs=60000, on=date(2024, 6, 1), couple=c, rates=book)
    # 12 000 over the social pension = 2 full steps of 5 826: 25 % − 2 points = 23 %
    assert r.couple_discount == Decimal("0.23")
    assert r.amount == Decimal("28182.00")  # 36 600 × 0.77
    assert "5.826,00 kr." in r.explain()
