"""Resolution by date and municipality, strictness, projection, overlays and the coverage report."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from socialcalc import InvalidInput, RateNotPublished, UnknownRate, load_rates
from socialcalc.ratebook import Band, Status, coverage, packaged_rates_dir
from socialcalc.ratebook.manifest import write_manifest
from tests.codes import raises_code

BOOK = load_rates()


def test_a_yearly_amount_holds_for_its_year_only() -> None:
    assert BOOK.at(date(2024, 1, 1)).get("sel097.expense_grant_max").value == 1005
    assert BOOK.at(date(2024, 12, 31)).get("sel097.expense_grant_max").value == 1005
    assert BOOK.at(date(2025, 1, 1)).get("sel097.expense_grant_max").value == 1041


def test_a_rate_carries_unit_valid_from_status_and_source() -> None:
    rate = BOOK.at(date(2024, 6, 1)).get("sel110.per_day")
    assert rate.value == Decimal("100.77")
    assert rate.unit == "DKK/day"
    assert rate.valid_from == date(2024, 1, 1)
    assert rate.status is Status.SECONDARY  # Lejre's page quotes the national rate
    assert "Lejre" in rate.source


def test_strict_by_default_names_key_date_and_last_known_value() -> None:
    with pytest.raises(RateNotPublished) as caught:
        BOOK.at(date(2019, 5, 1)).get("sel100.bands")
    err = caught.value
    assert err.key == "sel100.bands"
    assert err.day == date(2019, 5, 1)
    assert err.last_known is not None and "fra 534" in err.last_known
    assert err.code == "rate.not_published"
    assert "sel100.bands" in str(err) and "1. maj 2019" in str(err)


def test_a_hole_between_years_is_never_filled_with_the_old_value() -> None:
    with pytest.raises(RateNotPublished):
        BOOK.at(date(2022, 3, 1)).get("sel110.per_day")


def test_an_ended_key_has_no_value_and_cannot_be_projected() -> None:
    with pytest.raises(RateNotPublished) as caught:
        BOOK.at(date(2025, 9, 1), project=True).get("sel100.bands")
    assert caught.value.reason_code == "ended"
    assert caught.value.fields["ends"] == date(2025, 8, 31)
    assert "reglen ophørte den 31. august 2025" in caught.value.reason
    assert "ended on 2025-08-31" in caught.value.message("en")
    assert caught.value.can_project is False
    assert "project=True" not in str(caught.value)


def test_an_expected_key_says_it_is_expected() -> None:
    with pytest.raises(RateNotPublished) as caught:
        BOOK.at(date(2026, 2, 1)).get("sel117a.budget")
    assert "ventes fra 1. januar 2026" in caught.value.fields["reason"]
    assert (caught.value.reason_code, caught.value.fields["valid_from"]) == ("expected", date(2026, 1, 1))


def test_standing_values_hold_until_superseded() -> None:
    assert BOOK.at(date(2025, 8, 31)).get("sel100.regime").value == "merudgiftsydelse"
    assert BOOK.at(date(2025, 9, 1)).get("sel100.regime").value == "kompensationsydelse"
    assert BOOK.at(date(2030, 1, 1)).get("sel097.hours_per_month").value == 15


def test_municipal_values_come_before_national_ones() -> None:
    assert BOOK.at(date(2024, 6, 1)).get("sel097.order_of_use").value == "oldest_first"
    lemvig = BOOK.at(date(2024, 6, 1), "lemvig").get("sel097.order_of_use")
    assert lemvig.value == "current_month_then_newest_saved" and lemvig.kommune == "lemvig"
    # Lejre's standard took effect on 1 Sep 2024; before that the national default holds
    assert BOOK.at(date(2024, 8, 31), "lejre").get("sel097.order_of_use").kommune is None
    assert BOOK.at(date(2024, 9, 1), "lejre").get("sel097.order_of_use").kommune == "lejre"


def test_a_municipal_only_key_names_the_municipality_that_lacks_it() -> None:
    with pytest.raises(RateNotPublished) as caught:
        BOOK.at(date(2025, 1, 1), "lemvig").get("sel107.raadighedsbeloeb_with_board")
    assert "sel107.raadighedsbeloeb_with_board" in str(caught.value) and "lemvig" in str(caught.value)
    assert BOOK.at(date(2025, 1, 1), "lejre").get("sel107.raadighedsbeloeb_with_board").value == 2500


def test_an_optional_policy_is_none_where_not_set() -> None:
    assert BOOK.at(date(2025, 1, 1), "lemvig").optional("sel103.hourly_wage_cap") is None
    assert BOOK.at(date(2025, 1, 1), "lejre").optional("sel103.hourly_wage_cap").value == 30  # type: ignore[union-attr]
    with pytest.raises(UnknownRate):
        BOOK.at(date(2025, 1, 1)).optional("sel097.max_hours")


def test_projection_is_opt_in_indexed_rounded_and_flagged() -> None:
    rate = BOOK.at(date(2025, 5, 1), project=True).get("sel100.bands")
    assert rate.status is Status.PROJECTED and rate.projected
    # 2024 × 1.036, rounded to whole kroner: 608 → 630, 1138 → 1179, 1707 → 1768, 2277 → 2359, 2846 → 2948
    assert rate.value == (
        Band(Decimal(630), True, Decimal(1179)),
        Band(Decimal(1768), True, Decimal(2359)),
        Band(Decimal(2948), False, None),
    )
    assert rate.valid_to == date(2025, 8, 31)  # never past the key's end
    assert "satsreguleringsprocenten: 2025: 3,6 % (officiel)" in rate.source


def test_projection_needs_a_percentage_for_years_without_one() -> None:
    with pytest.raises(RateNotPublished) as caught:
        BOOK.at(date(2027, 1, 1), project=True).get("sel097.expense_grant_max")
    assert (caught.value.reason_code, caught.value.fields["years"]) == ("no_index", "2027")
    assert "ingen satsreguleringsprocenten for 2027" in caught.value.reason
    assert "project=Decimal('…') (procentsatsen for 2027)" in caught.value.reason
    assert "project=Decimal('…') (the percentage for 2027)" in caught.value.message("en")
    rate = BOOK.at(date(2027, 1, 1), project=Decimal("2.9")).get("sel097.expense_grant_max")
    assert rate.value == 1119  # 1041 × 1.045 × 1.029 = 1119.39 → 1119
    assert "2026: 4,5 % (afledt); 2027: 2,9 % (oplyst af brugeren)" in rate.source


def test_a_key_on_an_unnamed_index_projects_only_with_the_callers_percentage() -> None:
    with pytest.raises(RateNotPublished) as caught:
        BOOK.at(date(2025, 1, 1), project=True).get("sel110.per_day")
    assert caught.value.reason_code == "other_regulation"
    assert "project=True kan ikke fremskrive den" in caught.value.reason
    assert "project=Decimal('…') (procentsatsen for 2025)" in caught.value.reason
    assert "project=True cannot project it" in caught.value.message("en")
    rate = BOOK.at(date(2025, 1, 1), project=Decimal("4")).get("sel110.per_day")
    assert rate.value == Decimal("104.80")  # 100.77 × 1.04 = 104.8008 → 104.80 (øre)


def test_a_published_value_wins_over_projection() -> None:
    assert BOOK.at(date(2024, 1, 1), project=True).get("sel097.expense_grant_max").status is Status.OFFICIAL


@pytest.mark.parametrize("name", ["../x", "lejre/../lemvig", "/etc", "", "a b"])
def test_a_municipality_name_that_is_a_path_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        BOOK.at(date(2024, 1, 1), name)
    assert caught.value.field == "kommune"


def test_an_unknown_municipality_or_key_is_an_error() -> None:
    with raises_code(UnknownRate, "rate.unknown_kommune", known="lejre, lemvig"):
        BOOK.at(date(2024, 1, 1), "aarhus")
    with pytest.raises(UnknownRate, match=r"mente du 'sel097\.expense_grant_max'"):
        BOOK.at(date(2024, 1, 1)).get("sel097.expense_grant")


def test_the_day_must_be_a_date_and_project_not_a_float() -> None:
    with pytest.raises(InvalidInput):
        BOOK.at("2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        BOOK.at(date(2024, 1, 1), project=2.5)  # type: ignore[arg-type]


def test_an_overlay_adds_a_year_without_code(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    (overlay / "national").mkdir(parents=True)
    (overlay / "national" / "2026.toml").write_text(
        '[defaults]\nvalid_from = 2026-01-01\nstatus = "official"\nsource = "sm.dk, Satser 2026"\n\n'
        '[[rate]]\nkey = "sel097.expense_grant_max"\nunit = "DKK/year"\nvalue = 1072\n',
        encoding="utf-8",
    )
    book = load_rates(packaged_rates_dir(), overlays=[overlay])
    assert book.at(date(2026, 6, 1)).get("sel097.expense_grant_max").value == 1072


def test_a_municipality_is_a_data_only_addition(tmp_path: Path) -> None:
    root = tmp_path / "rates"
    shutil.copytree(packaged_rates_dir(), root)
    (root / "kommuner" / "roskilde").mkdir()
    (root / "kommuner" / "roskilde" / "policy.toml").write_text(
        '[[rate]]\nkey = "sel107.raadighedsbeloeb_with_board"\nunit = "DKK/month"\nvalue = 2600\n'
        'valid_from = 2025-01-01\nstatus = "official"\nsource = "Roskilde Kommune, kvalitetsstandard § 107"\n',
        encoding="utf-8",
    )
    write_manifest(root)  # a deliberate addition: the manifest is rewritten (rates check --update-manifest)
    book = load_rates(root)
    assert "roskilde" in book.kommuner
    assert book.at(date(2025, 3, 1), "roskilde").get("sel107.raadighedsbeloeb_with_board").value == 2600


def test_coverage_reports_the_known_holes() -> None:
    report = coverage(BOOK, 2018, 2026)
    assert report["sel100.bands"][2019] == "-"
    assert report["sel100.bands"][2022] == "derived"
    assert report["sel100.bands"][2025] == "-"  # Jan–Aug 2025: left to projection
    assert report["sel100.bands"][2024] == "official"
    assert report["sel100.bands"][2026] == "ended"
    assert report["sel100.minimum"][2022] == "secondary"
    assert report["sel097.expense_grant_max"][2026] == "expected"


def test_history_and_latest() -> None:
    years = [r.valid_from.year for r in BOOK.history("sel097.expense_grant_max")]
    assert years == [2012, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]
    assert BOOK.latest("sel117a.in_force").value == date(2023, 6, 1)
