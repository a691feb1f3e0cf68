"""SEL § 97 ledsageordning: the spec's worked examples (under both orders of use), bad input, CLI."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from socialcalc import InvalidInput, RateBook, RateFileError, RateNotPublished, SocialcalcError, UnknownRate, load_rates
from socialcalc.cli import main
from socialcalc.ledsageordning import (
    Bank,
    ExpenseGrant,
    InsufficientHours,
    MonthStatement,
    OrderOfUse,
    eligibility,
    expense_grant,
)
from socialcalc.months import Month
from socialcalc.ratebook import default_book, packaged_rates_dir
from socialcalc.ratebook.manifest import write_manifest
from socialcalc.testing import book_with as overlay_book
from tests.codes import raises_code

M = Month.parse
OLDEST, NEWEST = OrderOfUse.OLDEST_FIRST, OrderOfUse.CURRENT_MONTH_THEN_NEWEST_SAVED
# Lejre states oldest_first (from 1 Sep 2024; before that the national default, also oldest_first);
# Lemvig states current_month_then_newest_saved from 1 Jan 2024.
BOTH = pytest.mark.parametrize(("kommune", "order"), [("lejre", OLDEST), ("lemvig", NEWEST)])


def hours(mapping: dict[str, int | str]) -> dict[Month, Decimal]:
    return {M(k): Decimal(v) for k, v in mapping.items()}


# -- a custom rate book -----------------------------------------------------------------------------------------

def copy_rates(tmp_path: Path) -> Path:
    target = tmp_path / "rates"
    shutil.copytree(packaged_rates_dir(), target)
    return target


def book_with(tmp_path: Path, **values: tuple[str, str]) -> RateBook:
    """The packaged book with national ``sel097.<key>`` constants changed from ``old`` to ``new``."""
    records = []
    for key, (old, new) in values.items():
        rate = default_book().latest(f"sel097.{key}")
        assert rate.text() == old, f"sel097.{key} is {rate.text()}, not {old}"
        records.append(f'[[rate]]\nkey = "{rate.key}"\nunit = "{rate.unit}"\nvalue = {new}\n'
                       f'valid_from = {rate.valid_from}\nstatus = "derived"\nsource = "test overlay"\n')
    return overlay_book({"national/test.toml": "\n".join(records)})


# -- worked examples ----------------------------------------------------------------------------------------------

@BOTH
def test_example_1_deduction_of_5_hours_leaves_10(kommune: str, order: OrderOfUse) -> None:
    bank = Bank.open("2024-01", kommune=kommune, deduction_hours=5)
    st = bank.statement("2024-01")
    assert (st.deduction, st.granted, st.lost_to_cap, st.closing_balance) == (5, 10, 0, 10)
    assert st.explanation.steps[1].step == "sel097.bank.bevilling.fradrag"
    assert "15 timer ledsagelse fratrukket 5 timer, som du allerede får i anden form. Det giver 10 timer" in \
        st.explain()
    assert bank.balance("2024-06") == Decimal(60)


@BOTH
def test_example_2_january_lapses_in_july(kommune: str, order: OrderOfUse) -> None:
    bank = Bank.open("2024-01", kommune=kommune)
    june, july = bank.statement("2024-06"), bank.statement("2024-07")
    assert june.closing_balance == Decimal(90)
    assert june.lapsed == 0
    assert (july.lapsed, july.granted, july.lost_to_cap, july.closing_balance) == (15, 15, 0, 90)
    assert [(lot.granted_in, lot.hours) for lot in july.lapsed_from] == [(M("2024-01"), 15)]
    assert list(july.closing_by_month()) == [M("2024-02") + n for n in range(6)]
    assert july.order_of_use is order


@BOTH
def test_example_3_twenty_hours_in_march(kommune: str, order: OrderOfUse) -> None:
    st = Bank.open("2024-01", kommune=kommune).use("2024-03", 20).statement("2024-03")
    assert st.order_of_use is order
    assert st.used == 20
    assert st.closing_balance == 25
    if order is OLDEST:
        assert st.used_by_month() == hours({"2024-01": 15, "2024-02": 5})
        assert st.closing_by_month() == hours({"2024-02": 10, "2024-03": 15})
    else:
        assert st.used_by_month() == hours({"2024-03": 15, "2024-02": 5})
        assert st.closing_by_month() == hours({"2024-01": 15, "2024-02": 10})


@BOTH
def test_example_4_thirty_hours_in_april(kommune: str, order: OrderOfUse) -> None:
    bank = Bank.open("2024-01", kommune=kommune).use("2024-04", 30)
    statements = bank.statements("2024-07")
    july = statements[-1]
    if order is OLDEST:
        assert july.closing_balance == 75
        assert sum(s.lapsed for s in statements) == 0
        assert statements[3].used_by_month() == hours({"2024-01": 15, "2024-02": 15})
    else:
        assert july.closing_balance == 60
        assert july.lapsed == 15
        assert july.lapsed_from[0].granted_in == M("2024-01")
        assert statements[3].used_by_month() == hours({"2024-04": 15, "2024-03": 15})
    assert bank.balance("2024-07") == july.closing_balance


@BOTH
def test_example_5_more_than_available_is_refused(kommune: str, order: OrderOfUse) -> None:
    bank = Bank.open("2024-01", kommune=kommune).use("2024-01", 10)
    before = bank.model_dump_json()
    with pytest.raises(InsufficientHours) as caught:
        bank.use("2024-02", 25)
    err = caught.value
    assert err.available == Decimal(20)
    assert err.available_minutes == 1200
    assert err.month == M("2024-02")
    assert isinstance(err, InvalidInput)
    assert isinstance(err, SocialcalcError)
    assert err.code == "input.insufficient_hours"
    assert "der er kun 20 timer til rådighed i februar 2024" in str(err)
    assert "intet er registreret" in str(err)
    assert "only 20 hours are available in February 2024" in err.message("en")
    assert bank.model_dump_json() == before
    assert bank.balance("2024-02") == 20
    assert bank.use("2024-02", 20).balance("2024-02") == 0


@pytest.mark.parametrize(("year", "expenses", "kommune", "expected", "capped"), [
    (2024, "1200", None, "1005.00", True),
    (2024, "700", None, "700.00", False),
    (2025, "1500", "lejre", "1041.00", True),
    (2025, "1041", "lemvig", "1041.00", False),
])
def test_example_6_expense_grant(year: int, expenses: str, kommune: str | None, expected: str, capped: bool) -> None:
    r = expense_grant(year, expenses, kommune=kommune)
    assert r.amount == Decimal(expected)
    assert r.capped is capped
    assert not r.projected
    assert r.explanation.rates()[0].key == "sel097.expense_grant_max"
    assert ExpenseGrant.model_validate_json(r.model_dump_json()) == r


def test_expense_grant_projection_is_opt_in() -> None:
    with pytest.raises(RateNotPublished, match=r"sel097\.expense_grant_max"):
        expense_grant(2026, "1500")
    r = expense_grant(2027, "1500", project=Decimal("2.5"))  # 2026 from the book's derived 4.5 %, 2027 given
    assert r.projected
    assert r.amount == Decimal("1115.00")  # 1041 × 1.045 × 1.025 = 1115.04
    assert "fremskrevet" in r.explain()


@pytest.mark.parametrize("bad", [-1, "-0.01", 1.5, True, "1.200,00", None])
def test_expense_grant_refuses_bad_expenses(bad: object) -> None:
    with pytest.raises(InvalidInput, match="expenses"):
        expense_grant(2024, bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2024", 2024.0, True, 0])
def test_expense_grant_refuses_bad_year(bad: object) -> None:
    with pytest.raises(InvalidInput, match="year"):
        expense_grant(bad, "100")  # type: ignore[arg-type]


# -- the policy from the municipality's own table -----------------------------------------------------------------

def test_lejre_own_policy_applies_from_september_2024() -> None:
    aug = Bank.open("2024-08", kommune="lejre").statement("2024-08")
    sep = Bank.open("2024-09", kommune="lejre").statement("2024-09")
    order_rate = {r.key: r for r in aug.explanation.rates()}["sel097.order_of_use"]
    assert order_rate.kommune is None  # the national default
    order_rate = {r.key: r for r in sep.explanation.rates()}["sel097.order_of_use"]
    assert order_rate.kommune == "lejre"
    assert order_rate.value == "oldest_first"


# -- exactness, minutes, deductions -------------------------------------------------------------------------------

def test_minutes_are_exact() -> None:
    bank = Bank.open("2024-01").use("2024-01", minutes=20).use("2024-01", minutes=25)
    st = bank.statement("2024-01")
    assert st.used_minutes == 45
    assert st.used == Decimal("0.75")
    assert st.closing_minutes == 855
    assert st.closing_balance == Decimal("14.25")
    bank = Bank.open("2024-01").use("2024-01", minutes=20)
    assert bank.balance_minutes("2024-01") == 880
    assert bank.balance("2024-01") == Decimal("14.6667")  # 14 h 40 min, shown to 4 decimals
    # a minute count that is not a multiple of 3 reads as hours and minutes (the field keeps 4 decimals)
    assert "14 timer og 40 minutter" in bank.statement("2024-01").explain()
    assert bank.statement("2024-01").closing_minutes == 880


def test_hours_and_minutes_agree() -> None:
    a = Bank.open("2024-01").use("2024-02", Decimal("7.25"))
    b = Bank.open("2024-01").use("2024-02", minutes=435)
    assert a == b


def test_deduction_over_the_grant_grants_nothing() -> None:
    bank = Bank.open("2024-01", deduction_hours=20)
    st = bank.statement("2024-01")
    assert (st.granted, st.closing_balance) == (0, 0)
    with pytest.raises(InsufficientHours) as caught:
        bank.use("2024-01", minutes=1)
    assert caught.value.available == 0


def test_deduction_changes_from_a_month() -> None:
    bank = Bank.open("2024-01").set_deduction("2024-03", 5).set_deduction("2024-05", 0)
    assert [bank.statement(f"2024-0{n}").granted for n in range(1, 7)] == [15, 15, 10, 10, 15, 15]
    assert bank.deduction_in("2024-04") == 5
    assert bank.deduction_in("2024-02") == 0
    assert bank.balance("2024-06") == 80
    again = bank.set_deduction("2024-05", 2)  # the same month replaces the latest change
    assert len(again.deductions) == len(bank.deductions)
    assert again.statement("2024-05").granted == 13


def test_deduction_change_that_uncovers_a_recorded_use_is_refused() -> None:
    bank = Bank.open("2024-01").use("2024-02", 30)
    with pytest.raises(InsufficientHours, match="ville efterlade forbruget i februar 2024 udækket") as caught:
        bank.set_deduction("2024-01", 1)
    assert caught.value.available == 28
    enough = Bank.open("2024-01").use("2024-02", 20).set_deduction("2024-02", 10)
    assert enough.balance("2024-02") == 0  # January's 15 and February's 15 − 10 = 5: exactly enough


# -- the cap and a municipal saving period, with a custom rate book ------------------------------------------------

def test_lower_cap_is_reported_as_lost(tmp_path: Path) -> None:
    book = book_with(tmp_path, max_hours=("90", "40"))
    bank = Bank.open("2024-01", rates=book)
    rows = [(s.granted, s.lost_to_cap, s.closing_balance) for s in bank.statements("2024-05")]
    assert rows == [(15, 0, 15), (15, 0, 30), (15, 5, 40), (15, 15, 40), (15, 15, 40)]
    march = bank.statement("2024-03")
    assert march.credited == 10
    note = march.explain(audience="sagsbehandler")
    assert "Borgeren kan højst have 40 timer til rådighed i en måned" in note
    assert "5 timer går tabt på grund af loftet" in note
    used = bank.use("2024-04", 12)
    st = used.statement("2024-05")  # the use in April made room: 28 after April, 15 more in May fit up to 40
    assert (st.lost_to_cap, st.closing_balance) == (3, 40)


def test_shorter_municipal_saving_period(tmp_path: Path) -> None:
    root = copy_rates(tmp_path)
    policy = root / "kommuner" / "lemvig" / "policy.toml"
    policy.write_text(policy.read_text(encoding="utf-8") + (
        '\n[[rate]]\nkey = "sel097.saving_months"\nunit = "months"\nvalue = 3\nvalid_from = 2024-01-01\n'
        'source = "a test municipality with a 3-month saving period"\n'), encoding="utf-8")
    write_manifest(root)  # a deliberate edit
    book = load_rates(root)
    bank = Bank.open("2024-01", kommune="lemvig", rates=book)
    april = bank.statement("2024-04")
    assert (april.lapsed, april.closing_balance) == (15, 45)
    assert bank.balance("2024-12") == 45
    national = Bank.open("2024-01", rates=book)
    assert national.balance("2024-12") == 90


def test_cap_and_short_saving_together_conserve_hours(tmp_path: Path) -> None:
    book = book_with(tmp_path, max_hours=("90", "20"), saving_months=("6", "2"))
    bank = Bank.open("2024-01", rates=book).use("2024-03", 7).use("2024-05", minutes=61)
    statements = bank.statements("2024-09")
    granted = sum(s.granted_minutes for s in statements)
    rest = sum(s.used_minutes + s.lapsed_minutes + s.lost_to_cap_minutes for s in statements)
    assert granted == rest + statements[-1].closing_minutes
    assert max(s.closing_minutes for s in statements) <= 20 * 60
    assert sum(s.lost_to_cap_minutes for s in statements) > 0


# -- bad input ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "kwargs"), [
    ((-1,), {}), (("-0.5",), {}), ((None,), {"minutes": -5}),
])
def test_negative_hours_are_refused(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    bank = Bank.open("2024-01")
    with raises_code(InvalidInput, "input.negative"):
        bank.use("2024-01", *args, **kwargs)  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.negative"):
        bank.set_deduction("2024-01", *args, **kwargs)  # type: ignore[arg-type]


def test_negative_deduction_is_refused() -> None:
    with raises_code(InvalidInput, "input.negative", field="deduction_hours", value=-5):
        Bank.open("2024-01", deduction_hours=-5)


@pytest.mark.parametrize(("args", "kwargs"), [((1.5,), {}), ((None,), {"minutes": 30.0})])
def test_float_hours_are_refused(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    with raises_code(InvalidInput, "input.float"):
        Bank.open("2024-01").use("2024-01", *args, **kwargs)  # type: ignore[arg-type]


def test_float_deduction_is_refused() -> None:
    with raises_code(InvalidInput, "input.float"):
        Bank.open("2024-01", deduction_hours=2.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    (("0.01",), {}, "ikke et helt antal minutter"),
    ((), {}, "enten som timer eller som minutes"),
    ((1,), {"minutes": 60}, "enten som timer eller som minutes"),
    ((True,), {}, "sandhedsværdi"),
    ((None,), {"minutes": True}, "sandhedsværdi"),
])
def test_unreadable_durations_are_refused(args: tuple[object, ...], kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Bank.open("2024-01").use("2024-01", *args, **kwargs)  # type: ignore[arg-type]


def test_use_before_the_first_month_is_refused() -> None:
    bank = Bank.open("2024-03")
    with pytest.raises(InvalidInput, match=r"month = 2024-02: ligger før timebankens første måned, marts 2024"):
        bank.use("2024-02", 1)
    for call in (bank.balance, bank.statement, bank.statements, bank.deduction_in):
        with pytest.raises(InvalidInput, match="ligger før timebankens første måned"):
            call("2024-02")
    with pytest.raises(InvalidInput, match="ligger før timebankens første måned"):
        bank.set_deduction("2024-01", 1)


def test_use_earlier_than_one_recorded_is_refused() -> None:
    bank = Bank.open("2024-01").use("2024-04", 5)
    with pytest.raises(InvalidInput, match=r"month = 2024-03: ligger før april 2024, hvor der allerede"):
        bank.use("2024-03", 1)
    assert bank.use("2024-04", 5).statement("2024-04").used == 10  # the same month adds up


def test_deduction_change_out_of_order_is_refused() -> None:
    bank = Bank.open("2024-01").set_deduction("2024-05", 5)
    with pytest.raises(InvalidInput, match="ligger før den seneste ændring af fradraget"):
        bank.set_deduction("2024-04", 1)


def test_bad_month_and_kommune() -> None:
    with pytest.raises(InvalidInput, match="start"):
        Bank.open("2024-13")
    with pytest.raises(UnknownRate, match="aarhus"):
        Bank.open("2024-01", kommune="aarhus")
    with pytest.raises(RateNotPublished, match="sel097"):
        Bank.open("2011-12")  # the bank's rates start in 2012
    with pytest.raises(InvalidInput, match="rates"):
        Bank.open("2024-01", rates="rates/")  # type: ignore[arg-type]


def test_unknown_order_of_use_in_a_rate_file_names_the_line(tmp_path: Path) -> None:
    root = copy_rates(tmp_path)
    policy = root / "kommuner" / "lemvig" / "policy.toml"
    lines = policy.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text == 'value = "current_month_then_newest_saved"')
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        'value = "current_month_then_newest_saved"', 'value = "newest_first"'), encoding="utf-8")
    write_manifest(root)  # a deliberate edit: only the bad value is a fault
    with pytest.raises(RateFileError) as caught:
        load_rates(root)
    (fault,) = caught.value.faults
    assert fault.file.endswith("kommuner/lemvig/policy.toml")
    assert fault.line == line
    assert "'newest_first' is not a known sel097.order_of_use policy" in fault.problem
    assert "oldest_first" in fault.fix
    assert "current_month_then_newest_saved" in fault.fix
    assert f"policy.toml:{line}:" in str(caught.value)


# -- storage ------------------------------------------------------------------------------------------------------

def test_bank_and_statements_round_trip_through_json(tmp_path: Path) -> None:
    bank = Bank.open("2024-01", kommune="lemvig", deduction_hours=2).use("2024-03", 20).set_deduction("2024-04", 0)
    text = bank.model_dump_json()
    assert Bank.model_validate_json(text) == bank
    assert Bank.from_json(text) == bank
    for st in bank.statements("2024-08"):
        assert MonthStatement.model_validate_json(st.model_dump_json()) == st
    book = book_with(tmp_path, max_hours=("90", "40"))
    custom = Bank.open("2024-01", rates=book)
    assert Bank.from_json(custom.model_dump_json(), rates=book) == custom
    assert Bank.from_json(custom.model_dump_json(), rates=book).balance("2024-06") == 40


def test_stored_bank_is_checked() -> None:
    data = json.loads(Bank.open("2024-01").use("2024-02", 10).use("2024-03", 10).model_dump_json())
    data["usage"].reverse()
    with pytest.raises(ValidationError, match="stigende månedsorden"):
        Bank.model_validate_json(json.dumps(data))
    data = json.loads(Bank.open("2024-01").use("2024-02", 30).model_dump_json())
    data["usage"][0]["minutes"] = 31 * 60
    with pytest.raises(InsufficientHours):
        Bank.from_json(json.dumps(data))


def test_tampered_statement_does_not_validate() -> None:
    data = json.loads(Bank.open("2024-01").statement("2024-02").model_dump_json())
    data["closing_minutes"] += 1
    with pytest.raises(ValidationError, match="går ikke op"):
        MonthStatement.model_validate_json(json.dumps(data))


# -- eligibility --------------------------------------------------------------------------------------------------

def test_eligibility_age_18_at_the_grant() -> None:
    assert [r.code for r in eligibility(date(2006, 6, 1), date(2024, 5, 31)).refusals] == ["min_age"]
    assert eligibility(date(2006, 6, 1), date(2024, 6, 1)).eligible


def test_eligibility_born_29_february_is_18_on_28_february() -> None:
    assert eligibility(date(2004, 2, 29), date(2022, 2, 28)).eligible
    assert not eligibility(date(2004, 2, 29), date(2022, 2, 27)).eligible


def test_eligibility_under_folkepensionsalderen_at_the_grant() -> None:
    e = eligibility(date(1960, 5, 15), date(2027, 5, 14))
    assert e.eligible
    assert e.age_limit == "67 år"
    assert e.age_limit_reached_on == date(2027, 5, 15)
    late = eligibility(date(1960, 5, 15), date(2027, 5, 15))
    assert [r.code for r in late.refusals] == ["age_limit"]
    assert "ikke under grænsen" in late.explain(audience="sagsbehandler")


def test_eligibility_limit_is_never_under_67() -> None:
    # born 1 Mar 1955: folkepensionsalder 66½ (reached 1 Sep 2021), but § 97's limit is 67 (1 Mar 2022)
    e = eligibility(date(1955, 3, 1), date(2022, 1, 15))
    assert e.eligible
    assert e.age_limit == "67 år"
    assert e.age_limit_reached_on == date(2022, 3, 1)
    note = e.explain(audience="sagsbehandler")
    assert "66½ år" in note
    assert "grænsen er aldrig under 67 år" in note
    assert not eligibility(date(1955, 3, 1), date(2022, 3, 1)).eligible


def test_eligibility_limit_above_67() -> None:
    e = eligibility(date(1965, 1, 1), date(2032, 6, 1))  # 67½ at the grant; folkepensionsalder 68
    assert e.eligible
    assert e.age_limit == "68 år"
    assert e.age_limit_reached_on == date(2033, 1, 1)


def test_eligibility_kept_after_the_limit_when_granted_before() -> None:
    e = eligibility(date(1958, 3, 10), date(2024, 1, 15), on=date(2026, 1, 1))
    assert e.eligible
    assert e.kept_after_age_limit
    assert [r.code for r in e.reasons][:3] == ["min_age", "age_limit", "kept_after_age_limit"]
    new = eligibility(date(1958, 3, 10), date(2025, 6, 1), on=date(2026, 1, 1))
    assert not new.eligible
    assert not new.kept_after_age_limit


def test_eligibility_before_the_first_pension_table_says_which_table() -> None:
    e = eligibility(date(1954, 3, 2), date(2020, 1, 1))  # 65½ → limit 67 (2 Mar 2021)
    assert e.eligible
    assert e.age_limit == "67 år"
    assert e.explanation.steps[1].reading == "sel097.reading.oldest_age_table"
    assert "den ældste tabel (gældende fra 1. januar 2022) er brugt" in e.explain(audience="sagsbehandler")


@pytest.mark.parametrize(("fact", "code", "text"), [
    ("bpa", "bpa", "BPA"),
    ("sel98_contact_person", "sel98", "døvblinde"),
    ("mental_illness_or_social_causes", "mental_illness_or_social_causes", "sindslidelse"),
    ("social_pedagogical_need", "social_pedagogical", "socialpædagogisk"),
])
def test_eligibility_exclusions(fact: str, code: str, text: str) -> None:
    e = eligibility(date(1990, 1, 1), date(2024, 1, 1), **{fact: True})  # type: ignore[arg-type]
    assert not e.eligible
    assert [r.code for r in e.refusals] == [code]
    assert text in e.explain()
    assert "ikke opfyldt" in e.explain(audience="sagsbehandler")


def test_eligibility_reads_through_a_municipality() -> None:
    assert eligibility(date(1990, 1, 1), date(2024, 1, 1), kommune="lejre").eligible
    with pytest.raises(UnknownRate, match="aarhus"):
        eligibility(date(1990, 1, 1), date(2024, 1, 1), kommune="aarhus")


def test_eligibility_lists_every_reason() -> None:
    e = eligibility(date(2010, 1, 1), date(2024, 1, 1), bpa=True, target_group=False)
    assert [r.code for r in e.refusals] == ["min_age", "target_group", "bpa"]
    assert len(e.explanation.steps) == len(e.reasons) + 1 == 8  # and the verdict


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"birth": date(2025, 1, 1), "grant_date": date(2024, 1, 1)}, "grant_date"),
    ({"birth": date(1990, 1, 1), "grant_date": date(2024, 1, 1), "on": date(2023, 1, 1)}, "on"),
    ({"birth": "1990-01-01", "grant_date": date(2024, 1, 1)}, "birth"),
    ({"birth": date(1990, 1, 1), "grant_date": date(2024, 1, 1), "bpa": "yes"}, "bpa"),
])
def test_eligibility_bad_input(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        eligibility(**kwargs)  # type: ignore[arg-type]


# -- CLI ----------------------------------------------------------------------------------------------------------

def test_cli_simulate_csv_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usage = tmp_path / "usage.csv"
    usage.write_text("month,hours\n# example 4\n2024-04,30\n", encoding="utf-8")
    code = main(["ledsager", "simulate", "--start", "2024-01", "--usage", str(usage), "--until", "2024-07",
                 "--kommune", "lemvig"])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert "Lemvig Kommune" in lines[0]
    assert "månedens egne timer bruges først og derefter de senest opsparede timer" in lines[1]
    july = next(line for line in lines if line.startswith("2024-07"))
    assert july.split()[:6] == ["2024-07", "15", "15", "0", "0", "60"]
    april = next(line for line in lines if line.startswith("2024-04"))
    assert april.split()[:6] == ["2024-04", "0", "15", "0", "30", "30"]


def test_cli_simulate_json_usage_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usage = tmp_path / "usage.json"
    usage.write_text('{"2024-03": "20"}', encoding="utf-8")
    code = main(["ledsager", "simulate", "--start", "2024-01", "--usage", str(usage), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [row["month"] for row in data["hours"]] == ["2024-01", "2024-02", "2024-03"]
    assert data["hours"][-1]["closing_by_grant"] == {"2024-02": "10", "2024-03": "15"}
    assert Bank.model_validate(data["bank"]).balance("2024-03") == 25
    assert MonthStatement.model_validate(data["statements"][-1]).used_minutes == 1200


def test_cli_simulate_explain_and_deduction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usage = tmp_path / "usage.csv"
    usage.write_text("month,minutes\n2024-01,90\n", encoding="utf-8")
    code = main(["ledsager", "simulate", "--start", "2024-01", "--usage", str(usage), "--deduction", "5",
                 "--explain"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Fradrag: 5 timer pr. måned" in out
    assert "brugt 1,5 time af 10 timer til rådighed" in out  # babel's Danish plural: 1,5 time
    assert "har du 8,5 timer tilbage" in out


def test_cli_simulate_refused_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usage = tmp_path / "usage.csv"
    usage.write_text("2024-01,10\n2024-02,25\n", encoding="utf-8")
    code = main(["ledsager", "simulate", "--start", "2024-01", "--usage", str(usage)])
    assert code == 2
    assert "der er kun 20 timer til rådighed" in capsys.readouterr().err


@pytest.mark.parametrize(("content", "message"), [
    ("2024-01,1.5,x\n", "usage.txt:1"),
    ("2024-01,-1\n", "må ikke være negativ"),
    ("month,hours\n2024-13,1\n", "usage.txt:2: month"),
    ("month,days\n", "overskriften er month,hours eller month,minutes"),
    ('{"2024-01": 1.5', "er ikke gyldig JSON"),
    ('["2024-01"]', "forventede et JSON-objekt med måned og timer"),
    ('{"2024-01": true}', "sandhedsværdi"),
    ("2023-12,1\n", "ligger før timebankens første måned"),
])
def test_cli_simulate_bad_usage_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
                                     message: str) -> None:
    usage = tmp_path / "usage.txt"
    usage.write_text(content, encoding="utf-8")
    assert main(["ledsager", "simulate", "--start", "2024-01", "--usage", str(usage)]) == 2
    assert message in capsys.readouterr().err


def test_cli_simulate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledsager", "simulate", "--start", "2024-01", "--usage", str(tmp_path / "none.csv")]) == 2
    assert "filen findes ikke eller kan ikke læses" in capsys.readouterr().err


def test_cli_tilskud(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledsager", "tilskud", "2025", "1500", "--kommune", "lejre"]) == 0
    assert "Beløb: 1.041,00 kr." in capsys.readouterr().out
    assert main(["ledsager", "tilskud", "2024", "700", "--json"]) == 0
    assert ExpenseGrant.model_validate_json(capsys.readouterr().out).amount == Decimal("700.00")
    assert main(["ledsager", "tilskud", "2026", "1500"]) == 3
    assert "project" in capsys.readouterr().err
    assert main(["ledsager", "tilskud", "2026", "1500", "--project", "2.5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["projected"] is True


def test_cli_tilskud_refuses_a_decimal_comma(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["ledsager", "tilskud", "2024", "1.200,50"])
    assert caught.value.code == 2
    assert "1200.50" in capsys.readouterr().err
