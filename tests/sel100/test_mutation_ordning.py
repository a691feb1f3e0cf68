"""Tests that kill the mutants of ``merudgift/ordning.py``: the regime of SEL § 100 and the transition of L 201.

The regime read for the municipality (an unknown one refused), a decision before the first table with its value
and first day; the deadline's error with its paragraph; the table an old award is paid at after the tables ended,
strict by default; the regulated reading (BEK 931/2020 § 12): its rate (dates, grade, source, where), its steps,
each refusal with its key, day, last known value, reason and whether projecting helps, and ``project`` as one
percentage for exactly one missing year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.merudgift.ordning import check_transition, months_of, old_award_table, regime_at
from socialcalc.ratebook import Status, default_book
from socialcalc.testing import book_with
from tests.codes import raises_code

D = Decimal
_READING = """
[[rate]]
key = "sel100.transition_reading"
unit = "policy"
value = "regulated"
valid_from = 2025-09-02
status = "derived"
source = "test: the regulated reading"
"""
_TABLE_2025 = """
[[rate]]
key = "sel100.bands"
unit = "DKK/month"
valid_from = 2025-01-01
status = "official"
source = "test: a published 2025 table"
value = [{ from = 600, pays = 1200 }, { from = 1800, pays = 2400 }, { over = 3000, pays = "expenses" }]
"""
REGULATED = book_with({"national/reading.toml": _READING})
PUBLISHED = book_with({"national/reading.toml": _READING, "national/table.toml": _TABLE_2025})
WHY = ("overgangsreglen læst som fortsat regulering regulerer tabellen fra 31. august 2025 årligt med "
       "satsreguleringsprocenten (bekendtgørelse nr. 931 af 19. juni 2020, § 12)")


@pytest.mark.parametrize(("per", "shown"), [("week", "'week'"), (12, "12"), (None, "None")])
def test_a_period_that_is_not_month_or_year(per: object, shown: str) -> None:
    with raises_code(InvalidInput, "input.per", field="per", value=shown):
        months_of(per)


def test_the_regime_is_read_for_the_municipality() -> None:
    with raises_code(UnknownRate, "rate.unknown_kommune", kommune="'nowhere'"):
        regime_at(default_book(), date(2024, 6, 1), "nowhere")
    assert regime_at(default_book(), date(2024, 6, 1), "lejre").value == "merudgiftsydelse"


def test_a_decision_before_the_first_table() -> None:
    with raises_code(InvalidInput, "input.before_first_table", field="decided_on", value="2017-12-31",
                     first=date(2018, 1, 1)):
        regime_at(default_book(), date(2017, 12, 31))
    assert regime_at(default_book(), date(2018, 1, 1)).value == "merudgiftsydelse"


def test_the_deadline_error_names_its_paragraph() -> None:
    paragraph = default_book().spec("sel100.transition_deadline").paragraph
    assert paragraph
    with raises_code(InvalidInput, "input.transition_passed", field="on", value="2027-09-01",
                     decided=date(2024, 1, 10), deadline=date(2027, 9, 1), paragraph=paragraph):
        check_transition(default_book(), date(2027, 9, 1), date(2024, 1, 10))


def test_an_old_award_table_is_strict_by_default() -> None:
    with pytest.raises(RateNotPublished):
        old_award_table(default_book(), date(2027, 3, 1))
    with raises_code(UnknownRate, "rate.unknown_kommune"):
        old_award_table(default_book(), date(2024, 6, 1), "nowhere", project=True)
    assert old_award_table(default_book(), date(2024, 6, 1), "lejre").bands.valid_from == date(2024, 1, 1)


def test_the_regulated_table_is_a_projected_rate_of_its_year() -> None:
    t = old_award_table(REGULATED, date(2027, 3, 1), None, {2027: D("2.5")})
    r = t.bands
    assert (r.key, r.valid_from, r.valid_to, r.status, r.kommune, r.where, r.origin, r.unit) == (
        "sel100.bands", date(2027, 1, 1), date(2027, 12, 31), Status.PROJECTED, None, "reguleret ved beregningen",
        None, "DKK/month")
    assert r.source.endswith("reguleret med satsreguleringsprocenten 2026: 4,5 %, 2027: 2,5 % og afrundet til hele "
                             "kroner (overgangsreglen læst som »reguleret«)")
    assert r.source.startswith("merudgiftsydelsens tabel i kraft 31. august 2025 (")
    assert [(b.lower, b.inclusive, b.pays) for b in r.value] == [
        (D(675), True, D(1263)), (D(1894), True, D(2527)), (D(3158), False, None)]
    assert (t.steps, t.ended, t.reading is not None and t.reading.value) == (
        ((2026, D("4.5"), "derived"), (2027, D("2.5"), "given")), date(2025, 8, 31), "regulated")
    one = old_award_table(REGULATED, date(2027, 3, 1), None, D("2.5"))
    assert one.bands.value == r.value and one.steps == t.steps


def test_the_regulated_table_in_strict_mode_says_how_to_project_it() -> None:
    with pytest.raises(RateNotPublished) as err:
        old_award_table(PUBLISHED, date(2026, 3, 1), None, False)
    e = err.value
    assert (e.key, e.day, e.can_project) == ("sel100.bands", date(2026, 3, 1), False)
    assert e.last_known == "fra 600 kr.: 1.200 kr.; fra 1.800 kr.: 2.400 kr.; over 3.000 kr.: udgifterne"
    assert e.reason == (f"{WHY}; den regulerede tabel dannes ved beregningen, så angiv project=True (eller "
                        "procentsatserne) for at beregne den som fremskrevet")


def test_a_missing_percentage_is_asked_for_by_year() -> None:
    with pytest.raises(RateNotPublished) as err:
        old_award_table(REGULATED, date(2027, 3, 1), None, True)
    e = err.value
    assert (e.key, e.day, e.can_project) == ("sel100.bands", date(2027, 3, 1), False)
    assert e.last_known == "fra 630 kr.: 1.179 kr.; fra 1.768 kr.: 2.359 kr.; over 2.948 kr.: udgifterne"
    assert e.reason == (f"{WHY}, og satsreguleringsprocenten for 2027 er ikke i satsbogen; angiv "
                        "project={2027: Decimal('…')}")


def test_one_percentage_for_two_missing_years_is_refused() -> None:
    with raises_code(InvalidInput, "input.project_one_percent_bands", field="project", value=D(2), reason=WHY,
                     years_da="2027 og 2028", years_en="2027 and 2028"):
        old_award_table(REGULATED, date(2028, 3, 1), None, D(2))
    both = old_award_table(REGULATED, date(2028, 3, 1), None, {2027: D(2), 2028: D(2)})
    assert [s[0] for s in both.steps] == [2026, 2027, 2028]


def test_the_regulated_table_keeps_the_origin_of_the_table_it_regulates() -> None:
    base = PUBLISHED.at(date(2025, 8, 31)).get("sel100.bands")
    assert base.origin  # an overlay's table: its origin is the overlay
    t = old_award_table(PUBLISHED, date(2026, 3, 1), None, True)
    assert (t.bands.origin, t.bands.kommune, t.bands.valid_from) == (base.origin, None, date(2026, 1, 1))
