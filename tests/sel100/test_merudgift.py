"""SEL § 100: merudgiftsydelse bands, kompensationsydelse, the date rules, one-off expenses and the CLI."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from socialcalc.cli import main
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.merudgift import (
    MerudgiftResult,
    OneOffResult,
    calculate,
    change_effective_month,
    first_payment_month,
    last_payment_month,
    may_demand_refixing,
    one_off,
)
from socialcalc.months import Month
from socialcalc.ratebook import load_rates
from socialcalc.testing import book_with
from tests.codes import raises_code

D = Decimal
IN_2024 = date(2024, 6, 1)
IN_2021 = date(2021, 6, 1)
IN_2023 = date(2023, 6, 1)
OCT_2025 = date(2025, 10, 15)


# -- the spec's worked examples ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("expenses", "documented", "amount", "band"), [
    ("607", False, "0.00", 0),
    ("608", False, "1138.00", 1),
    ("1706.99", False, "1138.00", 1),
    ("1707", False, "2277.00", 2),
    ("2846", False, "2277.00", 2),
    ("2846.01", True, "2846.01", "full"),
    ("3000", True, "3000.00", "full"),
    ("3000", False, "2277.00", 2),
])
def test_worked_examples_2024(expenses: str, documented: bool, amount: str, band: object) -> None:
    r = calculate(expenses, decided_on=IN_2024, documented=documented)
    assert (r.amount, r.band, r.regime, r.table_year) == (D(amount), band, "merudgiftsydelse", 2024)
    assert r.projected is False


def test_worked_example_yearly_input_2024() -> None:
    r = calculate("7296", per="year", decided_on=IN_2024)
    assert (r.amount, r.band, r.monthly_expenses) == (D("1138.00"), 1, D(608))
    assert "7.296,00 kr. svarer til 608,00 kr. om måneden" in r.explain()
    assert "7.296,00 kr. divideret med 12 er 608,00 kr. om måneden" in r.explain(audience="sagsbehandler")


@pytest.mark.parametrize(("expenses", "documented", "amount", "band"), [
    ("1592.50", False, "1061.00", 1),
    ("1593", False, "2123.00", 2),
    ("2654", True, "2654.00", "full"),
])
def test_worked_examples_2021(expenses: str, documented: bool, amount: str, band: object) -> None:
    r = calculate(expenses, decided_on=IN_2021, documented=documented)
    assert (r.amount, r.band, r.table_year) == (D(amount), band, 2021)


@pytest.mark.parametrize(("expenses", "amount", "band"), [("2757", "2206.00", 2), ("2757.01", "2757.01", "full")])
def test_worked_examples_2023(expenses: str, amount: str, band: object) -> None:
    r = calculate(expenses, decided_on=IN_2023, documented=True)
    assert (r.amount, r.band, r.table_year) == (D(amount), band, 2023)


def test_regime2_worked_example_under_minimum() -> None:
    r = calculate("554", decided_on=OCT_2025)
    assert (r.regime, r.amount, r.groups, r.recommended_group, r.group, r.band) == (
        "kompensationsydelse", D("0.00"), {}, None, None, None)
    assert "under mindstegrænsen på 555,00 kr. om måneden" in r.explain()


def test_regime2_worked_example_group_1() -> None:
    r = calculate("555", decided_on=OCT_2025)
    assert (r.amount, r.groups, r.recommended_group, r.group) == (D("1105.00"), {"I": D("1105.00")}, "I", "I")


def test_regime2_worked_example_2000_is_not_over() -> None:
    r = calculate("2000", listed_documented="2000", decided_on=OCT_2025)
    assert (r.amount, r.groups, r.recommended_group) == (D("1105.00"), {"I": D("1105.00")}, "I")
    assert "præcis 2.000,00 kr. om måneden. Gruppe II kræver mere end 2.000,00 kr. om måneden" in r.explain()


def test_regime2_worked_example_group_2_is_better() -> None:
    r = calculate("2500", listed_documented="2500", decided_on=OCT_2025)
    assert r.groups == {"I": D("1105.00"), "II": D("3000.00")}
    assert (r.recommended_group, r.group, r.amount) == ("II", "II", D("3000.00"))
    assert "Gruppe II giver mest, 3.000,00 kr. mod 1.105,00 kr. i gruppe I, og anbefales" in r.explain()


# -- each year's table at every edge (one øre below, at, one øre above each lower bound) ------------------------
# The tables as published (spec rates.md), written here by hand: (lower bound, inclusive "fra", pays; None = full).

TABLES: dict[int, list[tuple[str, bool, str | None]]] = {
    2018: [("534", True, "1000"), ("1501", True, "2000"), ("2501", True, None)],
    2020: [("556", True, "1040"), ("1562", True, "2081"), ("2602", True, None)],
    2021: [("567", True, "1061"), ("1593", True, "2123"), ("2654", True, None)],
    2023: [("589", True, "1103"), ("1655", True, "2206"), ("2757", False, None)],
    2024: [("608", True, "1138"), ("1707", True, "2277"), ("2846", False, None)],
}


def _edge_cases() -> list[tuple[int, str, str, object]]:
    cases: list[tuple[int, str, str, object]] = []
    for year, table in TABLES.items():
        for i, (lower, inclusive, pays) in enumerate(table):
            below = ("0.00", 0) if i == 0 else (f"{table[i - 1][2]}.00", i)

            def own(value: Decimal, pays: str | None = pays, band: int = i + 1) -> tuple[str, object]:
                return (str(value), "full") if pays is None else (f"{pays}.00", band)

            bound = D(lower)
            for value, (amount, band) in [
                (bound - D("0.01"), below),
                (bound, own(bound) if inclusive else below),
                (bound + D("0.01"), own(bound + D("0.01"))),
            ]:
                cases.append((year, f"{value:.2f}", amount, band))
    return cases


@pytest.mark.parametrize(("year", "expenses", "amount", "band"), _edge_cases())
def test_every_table_at_every_edge(year: int, expenses: str, amount: str, band: object) -> None:
    r = calculate(expenses, decided_on=date(year, 7, 1), documented=True)
    assert (r.amount, r.band, r.table_year) == (D(amount), band, year)


@pytest.mark.parametrize("year", sorted(TABLES))
def test_every_table_above_the_top_not_documented_pays_the_highest_standard_amount(year: int) -> None:
    top = D(TABLES[year][-1][0]) + D("0.01")
    r = calculate(top, decided_on=date(year, 7, 1), documented=False)
    assert (r.amount, r.band) == (D(f"{TABLES[year][1][2]}.00"), 2)
    assert "Fuld dækning kræver, at udgifterne er dokumenterede" in r.explain()
    assert "men er kun sandsynliggjorte" in r.explain(audience="sagsbehandler")


def test_yearly_input_is_compared_exactly() -> None:
    # 20483.99 / 12 = 1706.9991666…: just under "fra 1.707"; 20484 / 12 = 1707 exactly
    assert calculate("20483.99", per="year", decided_on=IN_2024).band == 1
    assert calculate("20484", per="year", decided_on=IN_2024).band == 2
    # over 2846 a month is over 34152 a year; 34152.05 a year is paid to the øre, half up: 2846.004… → 2846.00
    assert calculate("34152", per="year", decided_on=IN_2024, documented=True).band == 2
    r = calculate("34152.05", per="year", decided_on=IN_2024, documented=True)
    assert (r.band, r.amount) == ("full", D("2846.00"))


def test_full_cover_keeps_every_ore_and_rounds_half_up() -> None:
    assert calculate("2846.005", decided_on=IN_2024, documented=True).amount == D("2846.01")
    assert calculate("4321.99", decided_on=IN_2024, documented=True).amount == D("4321.99")


# -- explanations name the band or group, the table's year and the reading at an edge ---------------------------

def test_explanation_at_an_inclusive_edge() -> None:
    text = calculate("1707", decided_on=IN_2024).explain()
    assert ("Satserne for 2024 er: under 608 kr. ydes intet; fra 608 kr. ydes 1.138 kr. om måneden; fra 1.707 kr. "
            "ydes 2.277 kr. om måneden; over 2.846 kr. dækkes dokumenterede udgifter fuldt ud.") in text
    assert "Det er interval 2, som giver et standardbeløb på 2.277,00 kr. om måneden" in text
    # the reading at the edge, once
    assert text.count("Står et beløb i to intervaller, hører det derfor til det højeste") == 1
    note = calculate("1707", decided_on=IN_2024).explain(audience="sagsbehandler")
    assert "når grænsen fra 1.707 kr. i interval 2" in note
    assert note.count("den for borgeren gunstigste læsning") == 1


def test_explanation_at_an_exclusive_edge() -> None:
    text = calculate("2846", decided_on=IN_2024, documented=True).explain()
    assert "over 2.846 kr. dækkes dokumenterede udgifter fuldt ud" in text
    assert "Det er interval 2, som giver et standardbeløb på 2.277,00 kr. om måneden" in text


def test_explanation_between_published_bounds() -> None:
    text = calculate("1592.50", decided_on=IN_2021).explain()
    assert "Satserne for 2021 er" in text and "fra 1.593 kr. ydes 2.123 kr. om måneden" in text
    assert "Det er interval 1, som giver et standardbeløb på 1.061,00 kr. om måneden" in text


def test_explanation_under_the_minimum() -> None:
    text = calculate("607", decided_on=IN_2024).explain()
    assert "Det når ikke bagatelgrænsen, fra 608 kr., så du kan ikke få merudgiftsydelse" in text


# -- the regime: follows the decision date, and is data ---------------------------------------------------------

def test_regime_follows_the_decision_date_and_rates_follow_the_payment_month() -> None:
    r = calculate("608", decided_on=date(2023, 12, 20), on=date(2024, 1, 1))
    assert (r.regime, r.table_year, r.amount, r.month) == ("merudgiftsydelse", 2024, D("1138.00"), Month(2024, 1))
    assert calculate("608", decided_on=date(2023, 12, 20)).amount == D("1103.00")
    assert calculate("1000", decided_on=date(2025, 9, 1)).regime == "kompensationsydelse"
    with pytest.raises(RateNotPublished):  # the last day of the old regime: the 2025 table is not published
        calculate("1000", decided_on=date(2025, 8, 31))
    assert calculate("1000", decided_on=date(2025, 8, 31), project=True).regime == "merudgiftsydelse"


def test_the_regime_change_is_data(tmp_path: Path) -> None:
    book = book_with({"national/overlay.toml": """
[[rate]]
key = "sel100.regime"
unit = "policy"
value = "merudgiftsydelse"
valid_from = 2026-01-01
status = "derived"
source = "test: a hypothetical return to the old rules"

[[rate]]
key = "sel100.bands"
unit = "DKK/month"
valid_from = 2025-01-01
status = "official"
source = "test: a published 2025 table"
value = [{ from = 600, pays = 1200 }, { from = 1800, pays = 2400 }, { over = 3000, pays = "expenses" }]
"""})
    import socialcalc.ratebook as rb
    packaged = load_rates(rb.packaged_rates_dir())
    assert calculate("1000", decided_on=date(2026, 2, 1), rates=packaged, project=Decimal(2)).regime == (
        "kompensationsydelse")
    r = calculate("1800", decided_on=date(2026, 2, 1), rates=book)
    assert (r.regime, r.table_year, r.rates_on, r.amount, r.projected) == (
        "merudgiftsydelse", 2025, date(2025, 8, 31), D("2400.00"), False)


# -- an award under the old rules paid after the change ----------------------------------------------------------

def test_old_award_after_the_change_is_strict_about_the_unpublished_2025_table() -> None:
    with pytest.raises(RateNotPublished) as err:
        calculate("3000", decided_on=date(2024, 3, 1), on=date(2025, 10, 1))
    assert (err.value.key, err.value.day) == ("sel100.bands", date(2025, 8, 31))


def test_old_award_after_the_change_projects_the_table_in_force_on_31_august() -> None:
    # 2024 × 1.036 rounded to kroner: 608 → 630, 1138 → 1179, 1707 → 1768, 2277 → 2359, 2846 → 2948
    r = calculate("630", decided_on=date(2024, 3, 1), on=date(2026, 5, 1), project=True)
    assert (r.amount, r.band, r.table_year, r.rates_on, r.projected) == (
        D("1179.00"), 1, 2025, date(2025, 8, 31), True)
    assert calculate("629.99", decided_on=date(2024, 3, 1), on=date(2026, 5, 1), project=True).amount == D("0.00")
    text = r.explain()
    assert "Beløbet beregnes efter tabellen, der gjaldt 31. august 2025" in text
    assert "senest 1. september 2027" in text
    assert "Satserne for 2025 er" in text
    assert "Beløbet bygger på en fremskrevet sats" in text


def test_old_award_on_the_last_day_before_the_deadline() -> None:
    r = calculate("608", decided_on=date(2020, 1, 10), on=date(2027, 8, 31), project=True)
    assert (r.amount, r.month) == (D("0.00"), Month(2027, 8))  # 608 is under the projected 2025 minimum 630


@pytest.mark.parametrize("on", [date(2027, 9, 1), date(2027, 9, 30), date(2030, 1, 1)])
@pytest.mark.parametrize("project", [False, True, Decimal(3)])
def test_old_award_continued_past_the_transition_deadline(on: date, project: bool | Decimal) -> None:
    with pytest.raises(InvalidInput) as err:
        calculate("3000", decided_on=date(2024, 3, 1), on=on, project=project)
    assert err.value.field == "on"
    assert err.value.code == "input.transition_passed"
    assert (err.value.fields["deadline"], err.value.fields["decided"]) == (date(2027, 9, 1), date(2024, 3, 1))
    assert "overgangsfristen 1. september 2027" in str(err.value)
    assert "transition deadline 2027-09-01" in err.value.message("en")


def test_the_deadline_is_checked_before_any_amount_is_looked_up(tmp_path: Path) -> None:
    # a rate book whose band tables were removed still refuses with the deadline, not with a missing rate
    import shutil

    import socialcalc.ratebook as rb
    root = tmp_path / "rates"
    shutil.copytree(rb.packaged_rates_dir(), root)
    for path in (root / "national").glob("20*.toml"):
        path.unlink()
    (root / "MANIFEST.toml").unlink()
    rb.manifest.write_manifest(root)  # removed on purpose
    book = load_rates(root)
    with raises_code(InvalidInput, "input.transition_passed", deadline=date(2027, 9, 1)):
        calculate("3000", decided_on=date(2024, 3, 1), on=date(2027, 9, 1), rates=book)
    with pytest.raises(RateNotPublished):
        calculate("3000", decided_on=date(2024, 3, 1), on=date(2027, 8, 1), rates=book)


def test_new_regime_runs_on_after_the_deadline() -> None:
    r = calculate("3000", decided_on=OCT_2025, on=date(2027, 10, 1), project=Decimal(3))
    assert r.regime == "kompensationsydelse"
    assert r.projected


# -- holes and projection -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", [2019, 2025])
def test_holes_are_refused_in_strict_mode(year: int) -> None:
    with pytest.raises(RateNotPublished) as err:
        calculate("1000", decided_on=date(year, 5, 1))
    assert err.value.key == "sel100.bands"


def test_2019_projected_from_2018() -> None:
    # 2018 × 1.02 rounded to kroner: 534 → 545, 1000 → 1020
    r = calculate("545", decided_on=date(2019, 5, 1), project=True)
    assert (r.amount, r.band, r.table_year, r.projected) == (D("1020.00"), 1, 2019, True)


def test_regime2_in_2027_needs_a_percentage() -> None:
    with pytest.raises(RateNotPublished):
        calculate("1000", decided_on=date(2027, 3, 1))
    with pytest.raises(RateNotPublished, match="2027"):
        calculate("1000", decided_on=date(2027, 3, 1), project=True)
    r = calculate("1000", decided_on=date(2027, 3, 1), project=Decimal("2.5"))
    assert (r.amount, r.projected) == (D("1184.00"), True)  # 1105 × 1.045 × 1.025 = 1183.59 → 1184


# -- regime 2: choosing -------------------------------------------------------------------------------------------

def test_choosing_the_smaller_group_pays_it_and_says_what_is_lost() -> None:
    r = calculate("2500", listed_documented="2500", group="I", decided_on=OCT_2025)
    assert (r.amount, r.group, r.recommended_group) == (D("1105.00"), "I", "II")
    assert "gruppe II ville give 1.895,00 kr. mere om måneden" in r.explain()


def test_group_2_pays_the_listed_expenses_to_the_ore() -> None:
    r = calculate("3000", listed_documented="2000.01", decided_on=OCT_2025, group="II")
    assert (r.amount, r.groups["II"]) == (D("2500.01"), D("2500.01"))


def test_group_2_with_yearly_figures() -> None:
    assert "II" not in calculate("24000", listed_documented="24000", per="year", decided_on=OCT_2025).groups
    r = calculate("30000", listed_documented="24000.12", per="year", decided_on=OCT_2025)
    assert r.groups["II"] == D("2500.01")  # 24000.12 / 12 = 2000.01


def test_a_tie_recommends_group_1_and_says_so(tmp_path: Path) -> None:
    book = book_with({"national/overlay.toml": """
[[rate]]
key = "sel100.komp_group1"
unit = "DKK/month"
value = 3000
valid_from = 2025-09-01
status = "derived"
source = "test: a group I amount equal to group II's for 2500 kr. listed expenses"
"""})
    r = calculate("2500", listed_documented="2500", decided_on=OCT_2025, rates=book)
    assert r.groups == {"I": D("3000.00"), "II": D("3000.00")}
    assert (r.recommended_group, r.amount) == ("I", D("3000.00"))
    assert "Når grupperne giver det samme, anbefales gruppe I" in r.explain()


# -- bad input ------------------------------------------------------------------------------------------------------

def test_negative_amount() -> None:
    with pytest.raises(InvalidInput) as err:
        calculate("-1", decided_on=IN_2024)
    assert err.value.field == "expenses"


@pytest.mark.parametrize("kwargs", [{"expenses": 608.0}, {"expenses": "608", "listed_documented": 600.0}])
def test_float_amount(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidInput, match="float"):
        calculate(decided_on=OCT_2025, **kwargs)  # type: ignore[arg-type]


def test_negative_listed_documented() -> None:
    with pytest.raises(InvalidInput) as err:
        calculate("600", listed_documented="-5", decided_on=OCT_2025)
    assert err.value.field == "listed_documented"


@pytest.mark.parametrize("decided_on", [date(2017, 12, 31), date(2010, 1, 1)])
def test_decision_before_2018_has_no_table(decided_on: date) -> None:
    with pytest.raises(InvalidInput) as err:
        calculate("1000", decided_on=decided_on)
    assert err.value.field == "decided_on"
    assert err.value.code == "input.before_first_table"
    assert err.value.fields["first"] == date(2018, 1, 1)
    assert "fra 1. januar 2018" in str(err.value)


def test_listed_documented_larger_than_total() -> None:
    with pytest.raises(InvalidInput) as err:
        calculate("2000", listed_documented="2000.01", decided_on=OCT_2025)
    assert err.value.field == "listed_documented"
    assert err.value.code == "input.listed_over_total"
    assert err.value.fields["total"] == D("2000")
    assert "de samlede udgifter på 2.000,00 kr." in str(err.value)


@pytest.mark.parametrize("listed", [None, "2000", "1500"])
def test_choosing_group_2_without_qualifying(listed: str | None) -> None:
    with pytest.raises(InvalidInput) as err:
        calculate("2500", listed_documented=listed, group="II", decided_on=OCT_2025)
    assert err.value.field == "group"
    assert err.value.code == "input.group_not_qualified"
    assert (err.value.fields["listed"] is None) == (listed is None)
    assert "ikke omfattet af gruppe II" in str(err.value)


def test_choosing_a_group_under_the_minimum() -> None:
    with raises_code(InvalidInput, "input.group_below_minimum", field="group", value="I"):
        calculate("554", group="I", decided_on=OCT_2025)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"group": "III", "decided_on": OCT_2025}, "group"),
    ({"group": "I", "decided_on": IN_2024}, "group"),  # no groups under the merudgiftsydelse
    ({"per": "week", "decided_on": IN_2024}, "per"),
    ({"documented": "yes", "decided_on": IN_2024}, "documented"),
    ({"decided_on": "2024-06-01"}, "decided_on"),
    ({"decided_on": IN_2024, "on": "2024-07"}, "on"),
])
def test_other_bad_input(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        calculate("1000", **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


# -- the date rules -----------------------------------------------------------------------------------------------

def test_first_payment_month_is_the_month_after_the_grant() -> None:
    assert first_payment_month(date(2024, 3, 14)) == Month(2024, 4)
    assert first_payment_month(date(2024, 3, 1)) == Month(2024, 4)
    assert first_payment_month(date(2024, 12, 31)) == Month(2025, 1)


@pytest.mark.parametrize(("birth", "last"), [
    (date(1960, 5, 15), Month(2027, 6)),   # 67 on 15 May 2027; folkepension from June: June is kept
    (date(1970, 12, 31), Month(2040, 1)),  # 69 on 31 Dec 2039; folkepension from January 2040
    (date(1954, 3, 2), Month(2019, 10)),   # 65½ on 2 September 2019
    (date(1971, 1, 1), Month(2041, 2)),    # 70 on 1 January 2041
])
def test_last_payment_month_is_the_month_of_becoming_folkepensionist(birth: date, last: Month) -> None:
    assert last_payment_month(birth) == last


def test_deferred_folkepension_continues() -> None:
    assert last_payment_month(date(1960, 5, 15), deferred=True) is None
    with pytest.raises(InvalidInput):
        last_payment_month(date(1960, 5, 15), deferred="no")  # type: ignore[arg-type]


def test_change_effective_month() -> None:
    assert change_effective_month(date(2024, 5, 31), rise=True) == Month(2024, 5)
    assert change_effective_month(date(2024, 5, 1), rise=False) == Month(2024, 6)
    assert change_effective_month(date(2024, 12, 10), rise=False) == Month(2025, 1)
    with pytest.raises(InvalidInput):
        change_effective_month(date(2024, 5, 1), rise=1)  # type: ignore[arg-type]


@pytest.mark.parametrize(("last", "on", "allowed"), [
    (date(2024, 1, 15), date(2025, 1, 14), False),
    (date(2024, 1, 15), date(2025, 1, 15), True),
    (date(2024, 2, 29), date(2025, 2, 27), False),
    (date(2024, 2, 29), date(2025, 2, 28), True),   # CLAMP: 29 Feb + 12 months = 28 Feb
    (date(2023, 8, 31), date(2024, 8, 30), False),
    (date(2023, 8, 31), date(2024, 8, 31), True),
    (date(2024, 6, 1), date(2024, 6, 1), False),
])
def test_may_demand_refixing_after_one_year(last: date, on: date, allowed: bool) -> None:
    assert may_demand_refixing(last, on) is allowed


def test_refixing_demand_before_the_last_fixing() -> None:
    with pytest.raises(InvalidInput) as err:
        may_demand_refixing(date(2024, 6, 1), date(2024, 5, 31))
    assert err.value.field == "on"


# -- one-off expenses (BEK 931/2020 § 9) -----------------------------------------------------------------------------

def test_one_off_for_a_recipient_is_paid_whatever_its_size() -> None:
    for value in ("1", "250000"):
        r = one_off(value, decided_on=IN_2024, recipient=True)
        assert (r.case, r.granted, r.amount, r.monthly, r.months) == ("recipient", True, D(value), None, 0)
    assert "uden ændring af dit månedlige beløb" in r.explain()
    assert "uden regulering af det månedlige beløb" in r.explain(audience="sagsbehandler")


def test_one_off_for_a_recipient_under_the_old_rules_stops_at_the_deadline() -> None:
    assert one_off("500", decided_on=date(2027, 8, 31), recipient=True).granted
    with pytest.raises(InvalidInput, match="2027-09-01"):
        one_off("500", decided_on=date(2027, 9, 1), recipient=True)


@pytest.mark.parametrize(("year", "value", "granted"), [
    (2024, "7296", True), (2024, "7295.99", False), (2022, "6888", True), (2022, "6887.99", False),
])
def test_one_off_without_running_expenses_needs_the_yearly_minimum(year: int, value: str, granted: bool) -> None:
    r = one_off(value, decided_on=date(year, 5, 1))
    assert (r.case, r.granted, r.amount) == ("no_running", granted, D(value) if granted else D("0.00"))
    assert one_off(value, running="0", decided_on=date(year, 5, 1)).case == "no_running"


def test_one_off_with_running_expenses_under_the_minimum_grants_a_year() -> None:
    r = one_off("6096", running="100", decided_on=IN_2024)  # 6096 + 12 × 100 = 7296 = 12 × 608
    assert (r.case, r.granted, r.monthly, r.months, r.band, r.table_year, r.amount) == (
        "running_under_minimum", True, D("1138.00"), 12, 1, 2024, D("13656.00"))
    assert "udbetalt i 12 månedlige rater" in r.explain()
    r = one_off("6095.99", running="100", decided_on=IN_2024)
    assert (r.granted, r.amount, r.monthly) == (False, D("0.00"), None)
    r = one_off("6096", running="1200", per="year", decided_on=IN_2024)
    assert (r.granted, r.monthly) == (True, D("1138.00"))


def test_one_off_with_a_large_documented_total_is_covered_in_full_for_the_year() -> None:
    r = one_off("40000", running="600", decided_on=IN_2024, documented=True)  # (40000 + 7200) / 12 = 3933.33…
    assert (r.band, r.monthly, r.amount) == ("full", D("3933.33"), D("47199.96"))


def test_one_off_bad_input() -> None:
    with pytest.raises(InvalidInput) as err:
        one_off("100", running="608", decided_on=IN_2024)
    assert err.value.field == "running"
    with pytest.raises(InvalidInput) as err:
        one_off("8000", decided_on=OCT_2025)
    assert err.value.field == "decided_on"
    with pytest.raises(InvalidInput):
        one_off(100.0, decided_on=IN_2024)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        one_off("-1", decided_on=IN_2024)
    with pytest.raises(RateNotPublished):  # the 2019 band table is a hole
        one_off("6000", running="100", decided_on=date(2019, 5, 1))


def test_one_off_round_trip() -> None:
    r = one_off("6096", running="100", decided_on=IN_2024)
    assert OneOffResult.model_validate_json(r.model_dump_json()) == r


# -- results -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("r", [
    calculate("3000", documented=True, decided_on=IN_2024),
    calculate("2500", listed_documented="2500", decided_on=OCT_2025),
    calculate("554", decided_on=OCT_2025),
    calculate("7296", per="year", decided_on=IN_2024, kommune="lemvig"),
    calculate("3000", decided_on=date(2024, 3, 1), on=date(2025, 12, 1), project=True),
])
def test_json_round_trip(r: MerudgiftResult) -> None:
    assert MerudgiftResult.model_validate_json(r.model_dump_json()) == r


def test_result_models_are_in_the_schema() -> None:
    from socialcalc.schema import json_schemas
    schemas = json_schemas()
    assert {"MerudgiftResult", "OneOffResult"} <= set(schemas)


# -- the CLI --------------------------------------------------------------------------------------------------------

def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merudgift", "1707", "--decided-on", "2024-06-01"]) == 0
    out = capsys.readouterr().out
    assert "interval 2" in out
    assert out.rstrip().endswith("Beløb: 2.277,00 kr.")


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merudgift", "30000", "--decided-on", "2025-10-15", "--per", "year",
                 "--listed-documented", "30000", "--group", "I", "--kommune", "lejre", "--json"]) == 0
    r = MerudgiftResult.model_validate_json(capsys.readouterr().out)
    assert r == calculate("30000", decided_on=OCT_2025, per="year", listed_documented="30000", group="I",
                          kommune="lejre")
    assert (r.amount, r.groups["II"], r.recommended_group) == (D("1105.00"), D("3000.00"), "II")


def test_cli_documented_and_project(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merudgift", "3000", "--decided-on", "2024-01-10", "--on", "2025-11-01", "--documented",
                 "--project", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["amount"], data["band"], data["projected"], data["rates_on"]) == ("3000.00", "full", True,
                                                                                 "2025-08-31")


@pytest.mark.parametrize(("argv", "message"), [
    (["3000", "--decided-on", "2024-03-01", "--on", "2027-09-01"], "overgangsfristen 1. september 2027"),
    (["2500", "--decided-on", "2025-10-15", "--group", "II"], "ikke omfattet af gruppe II"),
    (["1000", "--decided-on", "2017-06-01"], "ingen tabel"),
    (["3000", "--decided-on", "2024-03-01", "--on", "2025-10-01"], "satsen sel100.bands har ingen værdi den 31. "
                                                                  "august 2025"),
])
def test_cli_refuses_bad_input(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merudgift", *argv]) == (3 if "satsen" in message else 2)
    assert message in capsys.readouterr().err


def test_cli_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["608,50", "--decided-on", "2024-06-01"], ["608"], ["608", "--decided-on", "2024-06-01",
                                                                     "--group", "III"]):
        with pytest.raises(SystemExit) as exit_:
            main(["merudgift", *argv])
        assert exit_.value.code == 2
    capsys.readouterr()
