"""[currency] The graded rate book: grades, projection by each key's index, overlays, drafts, coverage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc import load_rates
from socialcalc.errors import InvalidInput, RateFileError, RateNotPublished
from socialcalc.ledsageordning import expense_grant
from socialcalc.merudgift import calculate
from socialcalc.ratebook import Band, Regulation, Status, check_rates, coverage, default_book
from socialcalc.result import Result

BOOK = load_rates()


def _cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "socialcalc", *argv], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def _overlay(root: Path, name: str, text: str) -> Path:
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return root


# -- 1. data, graded ----------------------------------------------------------------------------------------------

def _status(key: str, year: int, month: int = 6) -> Status:
    return BOOK.at(date(year, month, 1)).get(key).status


@pytest.mark.parametrize(("key", "year", "grade"), [
    ("sel100.bands", 2018, Status.SECONDARY),      # rcfm.dk
    ("sel100.minimum", 2019, Status.SECONDARY),    # Svendborg
    ("sel100.bands", 2020, Status.SECONDARY),      # Vordingborg
    ("sel110.per_day", 2020, Status.SECONDARY),    # Saxenhøj
    ("sel110.per_day", 2019, Status.SECONDARY),    # Center Bøgely
    ("sel097.expense_grant_max", 2020, Status.SECONDARY),  # Roskilde, LEV
    ("sel109.per_day", 2024, Status.SECONDARY),    # Lejre
    ("sel110.per_day", 2024, Status.SECONDARY),
    ("sel100.minimum", 2022, Status.SECONDARY),    # Lemvig, 6.888 kr. årligt
    ("sel100.bands", 2022, Status.DERIVED),
    ("sel097.expense_grant_max", 2018, Status.DERIVED),
    ("sel097.expense_grant_max", 2019, Status.DERIVED),
    ("sel097.expense_grant_max", 2025, Status.DERIVED),
    ("sel117a.budget", 2025, Status.DERIVED),
    ("sel108.couple_discount_step", 2024, Status.DERIVED),
    ("sel108.threshold", 2022, Status.DERIVED),
    ("sel108.threshold", 2026, Status.DERIVED),
    ("sel100.bands", 2024, Status.OFFICIAL),
    ("sel117a.budget", 2024, Status.OFFICIAL),
])
def test_figures_carry_their_true_grade(key: str, year: int, grade: Status) -> None:
    assert _status(key, year) is grade


def test_the_new_figures() -> None:
    at = BOOK.at
    assert at(date(2018, 1, 1)).value("sel097.expense_grant_max") == 883
    assert at(date(2019, 1, 1)).value("sel097.expense_grant_max") == 901
    assert at(date(2022, 5, 1)).value("sel100.bands") == (
        Band(D(574), True, D(1074)), Band(D(1612), True, D(2148)), Band(D(2685), False, None))
    assert at(date(2025, 5, 1)).value("sel117a.budget") == 42499
    rows = {y: [at(date(y, 6, 1)).value(k) for k in ("sel108.threshold", "sel108.single_pensioner_reduction",
                                                     "sel108.kompensation_threshold", "sel108.couple_discount_step")]
            for y in (2022, 2024, 2025, 2026)}
    assert rows == {2022: [219500, 47700, 201100, 5497], 2024: [234000, 50800, 214300, 5826],
                    2025: [243100, 52800, 222700, 6036], 2026: [254800, 55300, 233400, 6308]}
    komp = at(date(2025, 10, 1)).get("sel100.komp_group1")
    assert komp.status is Status.OFFICIAL and "BEK nr. 1070 af 27. august 2025" in komp.source


def test_the_indices_are_graded_data() -> None:
    sats = BOOK.percents()
    assert (sats[2018].percent, sats[2018].status) == (D("2.0"), Status.OFFICIAL)
    assert {y: sats[y].status for y in (2019, 2020, 2021, 2024, 2026)} == dict.fromkeys(
        (2019, 2020, 2021, 2024, 2026), Status.DERIVED)
    assert sats[2026].percent == D("4.5") and "4,8" in sats[2026].source
    assert 2027 not in sats
    tilp = BOOK.percents(Regulation.TILPASNING)
    assert tilp[2020].status is Status.SECONDARY
    assert {y: (tilp[y].percent, tilp[y].status) for y in range(2021, 2027)} == {
        2021: (D("2.3"), Status.OFFICIAL), 2022: (D("1.2"), Status.OFFICIAL), 2023: (D("3.0"), Status.OFFICIAL),
        2024: (D("3.5"), Status.OFFICIAL), 2025: (D("3.9"), Status.OFFICIAL), 2026: (D("4.8"), Status.OFFICIAL)}


def test_each_key_declares_its_index() -> None:
    for key in ("sel100.bands", "sel097.expense_grant_max", "sel117a.budget", "sel108.couple_discount_step"):
        assert BOOK.spec(key).regulation is Regulation.SATSREGULERING
    for key in ("sel108.threshold", "sel108.single_pensioner_reduction"):
        assert (BOOK.spec(key).regulation, BOOK.spec(key).rounding) == (Regulation.TILPASNING, "hundred_half_up")
    for key in ("sel109.per_day", "sel110.per_day"):
        assert BOOK.spec(key).regulation is Regulation.OTHER


def test_dates_of_entry_into_force() -> None:
    wage = BOOK.at(date(2011, 2, 4)).get("sel103.wage_floor_share")
    assert wage.valid_from == date(2011, 2, 4)
    import tomllib  # the reason for the date is a maintainer's note in the file (never rendered)
    from pathlib import Path

    records = tomllib.loads((Path(__file__).parents[2] / "rates" / "national" / "constants.toml").read_text(
        encoding="utf-8"))["rate"]
    note = next(r["note"] for r in records if r["key"] == "sel103.wage_floor_share")
    assert "LBK nr. 81/2011" in note and "not the BEK's date" in note  # the earliest date our sources support
    with pytest.raises(RateNotPublished):
        BOOK.at(date(2011, 2, 3)).get("sel103.own_transport_km")
    assert BOOK.at(date(2023, 6, 1)).value("sel103.transport_cap_share") == D("0.30")  # a 2023 appeal computes
    table = BOOK.at(date(2025, 5, 22)).get("folkepension.age_table")
    assert table.valid_from == date(2025, 5, 22) and table.value[-1].years == 70
    assert BOOK.at(date(2025, 5, 21)).value("folkepension.age_table")[-1].years == 69


def test_strict_mode_uses_secondary_and_derived_and_refuses_expected() -> None:
    assert expense_grant(2020, "5000").amount == D("919.00")
    assert expense_grant(2025, "5000").amount == D("1041.00")
    with pytest.raises(RateNotPublished, match=r"ventes fra 1\. januar 2026"):
        expense_grant(2026, "5000")


# -- 2. every result says how sure it is -------------------------------------------------------------------------

def test_grade_is_the_weakest_grade_used_and_survives_json() -> None:
    official = expense_grant(2024, "500")
    secondary = expense_grant(2020, "500")
    derived = expense_grant(2025, "500")
    projected = expense_grant(2026, "500", project=True)
    assert [r.grade for r in (official, secondary, derived, projected)] == [
        Status.OFFICIAL, Status.SECONDARY, Status.DERIVED, Status.PROJECTED]
    assert Status.OFFICIAL < Status.SECONDARY < Status.DERIVED < Status.PROJECTED
    assert [r.grade > Status.OFFICIAL for r in (official, secondary)] == [False, True]  # one comparison
    for r in (official, secondary, derived, projected):
        assert type(r).model_validate_json(r.model_dump_json()) == r
        assert json.loads(r.model_dump_json())["grade"] == r.grade.value
    assert "sekundær kilde" in secondary.explain(audience="sagsbehandler")
    assert "afledt" in derived.explain(audience="sagsbehandler")
    assert "fremskrevet" in projected.explain()


def test_a_result_cannot_claim_a_better_grade_than_its_rates() -> None:
    r = expense_grant(2025, "500")
    data = json.loads(r.model_dump_json())
    data["grade"] = "official"
    with pytest.raises(ValueError, match="grade"):
        type(r).model_validate(data)
    assert Result.model_fields["grade"].default is Status.OFFICIAL


def test_a_mixed_case_takes_the_weakest_rate() -> None:
    r = calculate("1000", decided_on=date(2022, 5, 1))  # 2022: minimum secondary, bands derived
    assert r.grade is Status.DERIVED


# -- 3. projection, never silent ------------------------------------------------------------------------------------

def test_project_true_uses_the_books_indices_and_names_every_step() -> None:
    rate = BOOK.at(date(2026, 3, 1), project=True).get("sel097.expense_grant_max")
    assert (rate.value, rate.status) == (1088, Status.PROJECTED)  # 1041 × 1.045 = 1087.85
    assert "satsreguleringsprocenten: 2026: 4,5 % (afledt)" in rate.source
    assert "(2025, afledt;" in rate.source
    komp = BOOK.at(date(2026, 3, 1), project=True)
    assert [komp.value(k) for k in ("sel100.komp_minimum", "sel100.komp_group1", "sel100.komp_group2_threshold",
                                    "sel100.komp_group2_supplement")] == [580, 1155, 2090, 523]
    assert BOOK.at(date(2025, 5, 1), project=True).value("sel100.bands")[0] == Band(D(630), True, D(1179))


def test_the_tilpasning_index_rounds_to_100() -> None:
    rate = BOOK.at(date(2027, 1, 1), project=D("3")).get("sel108.threshold")
    assert rate.value == 262400  # 254800 × 1.03 = 262444 → 262400
    assert "2 pct. ± tilpasningsprocenten: 2027: 3 % (oplyst af brugeren)" in rate.source


def test_one_decimal_for_two_missing_years_is_refused_naming_both() -> None:
    with pytest.raises(InvalidInput) as caught:
        BOOK.at(date(2028, 1, 1), project=D("2.9")).get("sel097.expense_grant_max")
    assert "2027 og 2028" in str(caught.value)
    assert "2027 and 2028" in caught.value.message("en")
    assert "project={2027: Decimal('…'), 2028: Decimal('…')}" in str(caught.value)


def test_a_mapping_gives_each_missing_year() -> None:
    rate = BOOK.at(date(2028, 1, 1), project={2027: D("2.9"), 2028: D("3.1")}).get("sel097.expense_grant_max")
    assert rate.value == 1154  # 1041 × 1.045 × 1.029 × 1.031 = 1154.09 (one factor, rounded once)
    assert "2027: 2,9 % (oplyst af brugeren); 2028: 3,1 % (oplyst af brugeren)" in rate.source
    shadowed = BOOK.at(date(2027, 1, 1), project={2026: D("9"), 2027: D("2.9")}).get("sel117a.budget")
    assert shadowed.value == 45699  # the book's 4,5 % for 2026 wins, and the source says the 9 % was not used
    assert "brugerens 9 % for 2026 er ikke brugt" in shadowed.source
    with pytest.raises(RateNotPublished, match="ingen procentsats for 2028"):
        BOOK.at(date(2028, 1, 1), project={2027: D("2.9")}).get("sel097.expense_grant_max")


def test_project_true_without_the_index_says_how_to_give_it() -> None:
    with pytest.raises(RateNotPublished) as caught:
        BOOK.at(date(2027, 1, 1), project=True).get("sel117a.budget")
    assert caught.value.reason_code == "no_index"
    assert "ingen satsreguleringsprocenten for 2027" in str(caught.value)
    assert "project=Decimal('…') (procentsatsen for 2027) eller project={2027: Decimal('…')}" in str(caught.value)
    assert "project=Decimal('…') (the percentage for 2027) or project={2027: Decimal('…')}" in \
        caught.value.message("en")


def test_an_unnamed_index_needs_the_callers_percentage() -> None:
    with pytest.raises(RateNotPublished) as caught:
        BOOK.at(date(2026, 1, 1), project=True).get("sel109.per_day")
    assert "project={2025: Decimal('…'), 2026: Decimal('…')}" in str(caught.value)
    with pytest.raises(RateNotPublished, match="kun en procentsats, du angiver, fremskriver den"):
        BOOK.at(date(2026, 1, 1)).get("sel109.per_day")
    rate = BOOK.at(date(2026, 1, 1), project={2025: D("4"), 2026: D("4")}).get("sel109.per_day")
    assert rate.value == D("105.24")  # 97.30 × 1.04² = 105.23968 → 105.24


@pytest.mark.parametrize("bad", [D("NaN"), D("sNaN"), D("Infinity"), D("-Infinity"), D("-100.01"), 2.5, "2.5",
                                 {2026: D("NaN")}, {2026: 2.5}, {True: D(1)}, {"2026": D(1)}, {99999: D(1)}])
def test_bad_percentages_are_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        BOOK.at(date(2027, 1, 1), project=bad)  # type: ignore[arg-type]


def test_minus_100_is_the_floor() -> None:
    assert BOOK.at(date(2027, 1, 1), project=D("-100")).value("sel117a.budget") == 0


def test_projection_past_a_rules_end_stays_refused() -> None:
    with pytest.raises(RateNotPublished, match=r"ophørte den 31\. august 2025"):
        BOOK.at(date(2025, 9, 1), project=True).get("sel100.bands")
    with pytest.raises(RateNotPublished, match="ophørte"):
        BOOK.at(date(2026, 1, 1), project={2026: D("1")}).get("sel100.minimum")


def test_the_project_mapping_is_copied_and_frozen() -> None:
    given = {2027: D("2.9")}
    rates = BOOK.at(date(2027, 1, 1), project=given)
    given[2027] = D("50")
    assert rates.value("sel117a.budget") == 45699  # 42499 × 1.045 × 1.029 = 45699.3
    with pytest.raises(TypeError):
        rates.project[2027] = D("1")  # type: ignore[index]


# -- 4. a municipality's own tables ------------------------------------------------------------------------------

DRAFT_2027 = '''[[rate]]
key = "sel117a.budget"
unit = "DKK"
value = 45700
valid_from = 2027-01-01
status = "official"
source = "sm.dk, Satser 2027 (test)"
'''


def test_an_overlay_figure_shows_its_origin(tmp_path: Path) -> None:
    root = _overlay(tmp_path / "mine", "national/2027.toml", DRAFT_2027)
    book = load_rates(overlays=[root])
    rate = book.at(date(2027, 3, 1)).get("sel117a.budget")
    assert rate.value == 45700 and rate.origin is not None and "2027.toml:1" in rate.origin
    grant = expense_grant(2024, "100", rates=book)
    assert "fra kommunens egne satser" not in grant.explain()


def test_an_overlay_contradicting_an_official_figure_names_both_files(tmp_path: Path) -> None:
    text = ('[[rate]]\nkey = "sel097.expense_grant_max"\nunit = "DKK/year"\nvalue = 1010\n'
            'valid_from = 2024-01-01\nstatus = "official"\nsource = "x"\n')
    root = _overlay(tmp_path / "mine", "national/2024.toml", text)
    with pytest.raises(RateFileError) as caught:
        load_rates(overlays=[root])
    message = str(caught.value)
    assert "mine/national/2024.toml:1:1" in message and "rates/national/2024.toml:" in message
    assert "supersedes" in message
    ok = _overlay(tmp_path / "ok", "national/2024.toml",
                  text + 'supersedes = "sm.dk rettede 2024-tabellen 3. marts 2024 (test)"\n')
    assert load_rates(overlays=[ok]).at(date(2024, 5, 1)).value("sel097.expense_grant_max") == 1010


def test_an_overlay_may_replace_a_secondary_or_derived_figure(tmp_path: Path) -> None:
    text = ('[[rate]]\nkey = "sel110.per_day"\nunit = "DKK/day"\nvalue = 100.77\nvalid_from = 2024-01-01\n'
            'status = "official"\nsource = "sm.dk, Satser 2024 (test)"\n')
    book = load_rates(overlays=[_overlay(tmp_path / "o", "national/2024.toml", text)])
    assert book.at(date(2024, 5, 1)).get("sel110.per_day").status is Status.OFFICIAL


def test_an_overlay_contradicting_an_official_index_is_an_error(tmp_path: Path) -> None:
    root = _overlay(tmp_path / "o", "satsregulering.toml",
                    '[year.2025]\npercent = 3.7\nstatus = "official"\nsource = "x"\n')
    with pytest.raises(RateFileError, match=r"satsregulering 2025 = 3\.7 contradicts the official 3\.6"):
        load_rates(overlays=[root])


def test_a_missing_or_faulty_overlay_loads_nothing_and_lists_every_fault(tmp_path: Path) -> None:
    with pytest.raises(RateFileError, match=r"nowhere:1:1: not a directory"):
        load_rates(overlays=[tmp_path / "nowhere"])
    text = ('[[rate]]\nkey = "sel117a.budget"\nunit = "DKK"\nvalue = 1.5e4\nvalid_from = 2027-01-01\n'
            'status = "projected"\nsource = "x"\n')
    root = _overlay(tmp_path / "bad", "national/2027.toml", text)
    _overlay(root, "national/2028.toml", "[[rate]\n")
    with pytest.raises(RateFileError) as caught:
        load_rates(overlays=[root])
    faults = [str(f) for f in caught.value.faults]
    assert any("2027.toml:4:" in f and "float literal" in f for f in faults)
    assert any("2027.toml:6:" in f and "made at run time" in f for f in faults)
    assert any("2028.toml:1:" in f and "not valid TOML" in f for f in faults)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_overlay_file_is_a_fault(tmp_path: Path) -> None:
    root = _overlay(tmp_path / "o", "national/2027.toml", DRAFT_2027)
    (root / "national" / "2027.toml").chmod(0)
    with pytest.raises(RateFileError, match="cannot read"):
        load_rates(overlays=[root])


def test_socialcalc_rates_names_overlays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _overlay(tmp_path / "mine", "national/2027.toml", DRAFT_2027)
    monkeypatch.setenv("SOCIALCALC_RATES", os.pathsep.join(["", str(root)]))
    assert default_book().at(date(2027, 3, 1)).value("sel117a.budget") == 45700
    assert load_rates().at(date(2027, 3, 1)).value("sel117a.budget") == 45700
    monkeypatch.delenv("SOCIALCALC_RATES")
    with pytest.raises(RateNotPublished):
        default_book().at(date(2027, 3, 1)).get("sel117a.budget")
    monkeypatch.setenv("SOCIALCALC_RATES", str(tmp_path / "missing"))
    with pytest.raises(RateFileError, match="not a directory"):
        load_rates()


def test_draft_writes_next_year_as_expected_and_check_validates_it(tmp_path: Path) -> None:
    refused = _cli("rates", "draft", "2025", "--out", str(tmp_path / "x"))
    assert refused.returncode == 2 and "har allerede satser for 2025" in refused.stderr
    done = _cli("rates", "draft", "2027", "--out", str(tmp_path / "d"), "--percent", "2.9")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "d" / "national" / "2027.toml").read_text(encoding="utf-8")
    assert 'key = "sel117a.budget"\nunit = "DKK"\nvalue = 45699\nvalid_from = 2027-01-01\nstatus = "expected"' in text
    assert 'key = "sel110.per_day"' in text  # no index: left for a person to fill in
    book = load_rates(overlays=[tmp_path / "d"])
    with pytest.raises(RateNotPublished, match="et udkast til beløbet afventer bekræftelse"):
        book.at(date(2027, 3, 1)).get("sel117a.budget")
    assert book.expected("sel117a.budget")[-1].value == 45699
    checked = _cli("rates", "check", "--overlay", str(tmp_path / "d"))
    assert checked.returncode == 0 and "drift from the index cannot be checked" in checked.stdout


def test_check_reports_a_drafted_figure_that_drifts_from_the_index(tmp_path: Path) -> None:
    assert _cli("rates", "draft", "2026", "--out", str(tmp_path / "d")).returncode == 0
    path = tmp_path / "d" / "national" / "2026.toml"
    text = path.read_text(encoding="utf-8")
    assert "value = 1155\n" in text  # komp_group1: 1105 × 1.045
    path.write_text(text.replace("value = 1155\n", "value = 1200\n"), encoding="utf-8")
    report = check_rates(overlays=[tmp_path / "d"])
    assert not report.errors
    assert any("drafted sel100.komp_group1 2026: 1200 differs by 45.28 kr." in str(w) for w in report.warnings)


# -- 5. coverage through next year ------------------------------------------------------------------------------

def test_coverage_runs_through_the_year_after_the_latest_date() -> None:
    report = coverage(BOOK)
    assert max(report["sel117a.budget"]) == 2027
    assert report["sel117a.budget"][2027] == "-" and report["sel110.per_day"][2020] == "secondary"
    assert max(coverage(BOOK, last_year=2029)["sel117a.budget"]) == 2029
    shown = _cli("rates", "coverage", "--until", "2028")
    assert shown.returncode == 0 and " 27 28" in shown.stdout.splitlines()[0]
    assert _cli("rates", "coverage", "--until", "20x8").returncode == 2


# -- 7. the shared default book is immutable ---------------------------------------------------------------------

def test_the_default_book_cannot_be_altered() -> None:
    book = default_book()
    with pytest.raises(AttributeError):
        book.kommuner = frozenset({"x"})  # type: ignore[misc]
    with pytest.raises(AttributeError):
        book._keys = {}
    with pytest.raises(TypeError):
        book._keys["x"] = book.spec("sel097.max_hours")  # type: ignore[index]
    with pytest.raises(TypeError):
        book.percents.__self__._percents[2030] = None  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        book.kommuner.add("x")  # type: ignore[attr-defined]
    rate = book.at(date(2024, 1, 1)).get("sel097.expense_grant_max")
    with pytest.raises(TypeError):
        rate.memo["text"] = "1"
    with pytest.raises(TypeError):
        rate.memo.clear()
    with pytest.raises(AttributeError):
        rate.value = 1  # type: ignore[misc]
    book.percents()[2030] = None  # type: ignore[assignment]  # a copy
    assert 2030 not in book.percents()
    assert sorted(default_book().kommuner) == ["lejre", "lemvig"]


def _case(n: int) -> tuple[object, ...]:
    year = 2018 + n % 10
    kommune = [None, "lejre", "lemvig"][n % 3]
    book = default_book()
    try:
        grant = expense_grant(year, str(300 + n), kommune=kommune, project=True).model_dump_json()
    except RateNotPublished as err:
        grant = str(err)
    rates = book.at(date(year, 1 + n % 12, 1), kommune, project={2027: D("2.9")})
    values = []
    for key in ("sel097.order_of_use", "sel097.expense_grant_max", "sel110.per_day", "sel108.threshold"):
        try:
            values.append(rates.get(key).text())
        except (RateNotPublished, InvalidInput) as err:
            values.append(type(err).__name__)
    return (grant, *values)


def test_eight_threads_on_mixed_municipalities_and_years_equal_a_serial_run() -> None:
    cases = range(400)
    serial = [_case(n) for n in cases]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(_case, cases))
    assert threaded == serial


# -- 5. every rule in 2026 and 2027, by the route the book allows ------------------------------------------------

TEST_2025_2027 = "\n".join(
    f'[[rate]]\nkey = "{key}"\nunit = "{unit}"\nvalue = {value}\nvalid_from = {year}-01-01\nstatus = "derived"\n'
    f'source = "a test overlay: {key} {year}"\n'
    for year, key, unit, value in [
        (2025, "sel109.per_day", "DKK/day", "101.00"), (2026, "sel109.per_day", "DKK/day", "104.00"),
        (2027, "sel109.per_day", "DKK/day", "107.00"), (2025, "sel110.per_day", "DKK/day", "104.50"),
        (2026, "sel110.per_day", "DKK/day", "108.00"), (2027, "sel110.per_day", "DKK/day", "111.00"),
        (2027, "sel108.threshold", "DKK/year", 262400), (2027, "sel108.single_pensioner_reduction", "DKK/year", 57000),
        (2027, "sel108.kompensation_threshold", "DKK/year", 240400),
        (2027, "sel108.couple_discount_step", "DKK/year", 6490),
    ])


def test_every_rule_computes_a_2026_and_a_2027_case(tmp_path: Path) -> None:
    from socialcalc.beskyttet_beskaeftigelse import hourly_wage, transport
    from socialcalc.egenbetaling import sel108, stay
    from socialcalc.folkepension import pension_age
    from socialcalc.hastig_sygdom import Budget

    book = load_rates(overlays=[_overlay(tmp_path / "o", "national/test.toml", TEST_2025_2027)])
    graded = {
        "§ 97 2026": expense_grant(2026, "5000", project=True).grade,
        "§ 97 2027": expense_grant(2027, "5000", project=D("2.9")).grade,
        "§ 100 2026": calculate("1000", decided_on=date(2026, 3, 1), project=True).grade,
        "§ 100 2027": calculate("1000", decided_on=date(2027, 3, 1), project={2027: D("2.9")}).grade,
        "§ 103 wage 2026": hourly_wage("35", field_lowest_wage="180", on=date(2026, 3, 1)).grade,
        "§ 103 transport 2027": transport(days=20, distance_km=25, net_earnings=1500, per_km="1.50",
                                          on=date(2027, 3, 1)).grade,
        "§ 108 2026": sel108(income_basis=300000, dwelling_costs=60000, on=date(2026, 6, 1)).grade,
        "§ 108 2027": sel108(income_basis=300000, dwelling_costs=60000, on=date(2027, 6, 1), rates=book).grade,
        "§ 110 2026": stay(110, date(2026, 3, 3), date(2026, 3, 13), rates=book).grade,
        "§ 109 2027": stay(109, date(2027, 3, 3), date(2027, 3, 13), rates=book).grade,
    }
    assert graded == {
        "§ 97 2026": Status.PROJECTED, "§ 97 2027": Status.PROJECTED,
        "§ 100 2026": Status.PROJECTED, "§ 100 2027": Status.PROJECTED,
        "§ 103 wage 2026": Status.OFFICIAL, "§ 103 transport 2027": Status.OFFICIAL,
        "§ 108 2026": Status.DERIVED, "§ 108 2027": Status.DERIVED,
        "§ 110 2026": Status.DERIVED, "§ 109 2027": Status.DERIVED,
    }
    # the § 117a budget is an account, not a Result: it says projected
    assert Budget.open(date(2026, 2, 1), project=True).projected
    assert Budget.open(date(2027, 2, 1), project=D("2.9")).projected
    assert pension_age(date(1975, 5, 1), on=date(2027, 1, 1)).years == 70
    assert "fra kommunens egne satser:" in stay(109, date(2027, 3, 3), date(2027, 3, 13), rates=book).explain(
        "sagsbehandler")


@pytest.mark.parametrize("bad", ["abc", "nan", "inf", "-101"])
def test_rates_show_refuses_a_bad_percentage(bad: str) -> None:
    done = _cli("rates", "show", "2027", "--project", bad)
    assert done.returncode == 2 and "procentsats" in done.stderr and "Traceback" not in done.stderr


def test_rates_show_lists_a_key_that_needs_more_years_instead_of_failing() -> None:
    done = _cli("rates", "show", "2027", "--project", "2.9")
    assert done.returncode == 0 and "(2025, 2026 og 2027)" in done.stdout


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=-100, max_value=50, places=2, allow_nan=False, allow_infinity=False))
def test_one_decimal_and_a_one_year_mapping_project_alike(pct: D) -> None:
    by_decimal = BOOK.at(date(2027, 5, 1), project=pct).get("sel117a.budget")
    by_mapping = BOOK.at(date(2027, 5, 1), project={2027: pct}).get("sel117a.budget")
    assert by_decimal.value == by_mapping.value >= 0
    assert by_decimal.status is Status.PROJECTED


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.decimals(max_value=D("-100.001"), allow_nan=False, allow_infinity=False),
                 st.sampled_from([D("NaN"), D("sNaN"), D("Infinity"), D("-Infinity")])))
def test_a_percentage_below_minus_100_or_not_finite_is_always_refused(pct: D) -> None:
    with pytest.raises(InvalidInput):
        BOOK.at(date(2027, 5, 1), project=pct)
    with pytest.raises(InvalidInput):
        BOOK.at(date(2027, 5, 1), project={2027: pct})
