"""SEL § 117a: the one-off budget for a rapidly progressing disease (socialcalc.hastig_sygdom): the spec's worked
examples, the checks, the account's JSON, the command line."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from socialcalc.cli import main
from socialcalc.errors import InvalidInput, RateNotPublished, SocialcalcError, UnknownRate
from socialcalc.hastig_sygdom import (
    PARAGRAPHS,
    Booking,
    Budget,
    BudgetExceeded,
    SecondAccount,
    value_of_hours,
    value_of_minutes,
)
from socialcalc.ratebook import default_book
from socialcalc.schema import json_schemas
from tests.codes import raises_code

D = Decimal


def example_1() -> Budget:
    """Spec example 1 up to the refused booking: decision 10 March 2024, § 112 18500.00 and § 116 9000.00."""
    b = Budget.open(date(2024, 3, 10))
    b = b.book(112, D("18500.00"), on=date(2024, 3, 20), description="kørestol")
    return b.book(116, D("9000.00"), on=date(2024, 4, 2), description="fjernelse af dørtrin")


# -- the spec's worked examples ---------------------------------------------------------------------------------

def test_example_1_budget_bookings_and_refusal() -> None:
    opened = Budget.open(date(2024, 3, 10))
    assert opened.total == D("41022.00")
    assert opened.remaining == D("41022.00")
    assert opened.projected is False
    b = example_1()
    assert b.total == D("41022.00")
    assert b.spent == D("27500.00")
    assert b.remaining == D("13522.00")
    assert b.spent_by_paragraph == {83: D("0.00"), 97: D("0.00"), 112: D("18500.00"), 116: D("9000.00")}
    assert b.ordinary_rules_apply is False
    escort = value_of_hours(60, D("250.00"))
    assert escort == D("15000.00")
    with pytest.raises(BudgetExceeded) as caught:
        b.book(97, escort, on=date(2024, 5, 1), description="60 timers ledsagelse")
    err = caught.value
    assert err.remaining == D("13522.00")
    assert err.amount == D("15000.00")
    assert err.paragraph == 97
    assert "13.522,00 kr. tilbage" in str(err)
    assert isinstance(err, InvalidInput)
    assert isinstance(err, SocialcalcError)
    assert isinstance(err, ValueError)
    assert b.remaining == D("13522.00")
    assert len(b.bookings) == 2


def test_example_2_the_whole_budget_used() -> None:
    b = Budget.open(date(2023, 10, 1))
    assert b.total == D("39750.00")
    b = b.book(83, D("39750.00"), on=date(2023, 10, 1), description="personlig hjælp")
    assert b.remaining == D("0.00")
    assert b.ordinary_rules_apply is True
    assert b.spent_by_paragraph[83] == D("39750.00")
    with pytest.raises(BudgetExceeded) as caught:
        b.book(112, D("0.01"), on=date(2023, 11, 1))
    assert caught.value.remaining == D("0.00")


# -- the budget --------------------------------------------------------------------------------------------------

def test_the_rule_starts_on_1_june_2023() -> None:
    assert Budget.open(date(2023, 6, 1)).total == D("39750.00")
    with pytest.raises(InvalidInput) as caught:
        Budget.open(date(2023, 5, 31))
    assert caught.value.field == "decided_on"
    assert caught.value.code == "input.before_117a"
    assert caught.value.fields["in_force"] == date(2023, 6, 1)
    assert "1. juni 2023" in str(caught.value)


def test_the_budget_of_the_decision_year_is_fixed_for_the_course() -> None:
    b = Budget.open(date(2023, 12, 31)).book(116, "100.00", on=date(2024, 6, 1))
    assert b.total == D("39750.00")
    assert b.remaining == D("39650.00")


def test_an_unpublished_year_is_refused_in_strict_mode_and_projected_on_request() -> None:
    with pytest.raises(RateNotPublished):
        Budget.open(date(2026, 2, 1))
    projected = Budget.open(date(2026, 2, 1), project=True)
    assert projected.projected is True
    assert projected.total == D("44411.00")  # 42499 (2025, derived) * 1.045 = 44411.46, rounded to whole kroner
    given = Budget.open(date(2027, 2, 1), project=D("2.5"))
    assert given.projected is True
    assert given.total == D("45522.00")  # 42499 * 1.045 * 1.025 = 45521.74
    assert "fremskrevet" in given.explain(audience="sagsbehandler")
    assert "et foreløbigt beløb for 2027" in given.explain()
    with pytest.raises(ValueError, match="projected"):
        Budget.model_validate_json(projected.model_dump_json().replace('"projected": true', '"projected": false')
                                   .replace('"projected":true', '"projected":false'))


def test_a_municipality_is_recorded_and_an_unknown_one_refused() -> None:
    assert Budget.open(date(2024, 3, 10), kommune=" Lemvig ").kommune == "lemvig"
    assert Budget.open(date(2024, 3, 10), kommune="lejre").total == D("41022.00")
    with pytest.raises(UnknownRate):
        Budget.open(date(2024, 3, 10), kommune="aarhus")


def test_spent_by_paragraph_always_has_the_four_paragraphs() -> None:
    assert PARAGRAPHS == (83, 97, 112, 116)
    opened = Budget.open(date(2024, 1, 1))
    assert opened.spent_by_paragraph == dict.fromkeys(PARAGRAPHS, D("0.00"))
    b = opened.book(97, "10.00", on=date(2024, 1, 1)).book(97, "5.50", on=date(2024, 1, 2))
    assert b.spent_by_paragraph == {83: D("0.00"), 97: D("15.50"), 112: D("0.00"), 116: D("0.00")}


def test_booking_exactly_the_remaining_amount_is_allowed_one_øre_more_is_not() -> None:
    b = example_1()
    with pytest.raises(BudgetExceeded):
        b.book(97, D("13522.01"), on=date(2024, 5, 1))
    full = b.book(97, D("13522.00"), on=date(2024, 5, 1))
    assert full.remaining == D("0.00")
    assert full.ordinary_rules_apply


def test_book_returns_a_new_account_and_leaves_the_old_one() -> None:
    opened = Budget.open(date(2024, 3, 10))
    after = opened.book(112, "1000.00", on=date(2024, 3, 10))
    assert opened.bookings == ()
    assert opened.remaining == D("41022.00")
    assert after.bookings == (Booking(paragraph=112, date=date(2024, 3, 10), amount=D("1000.00"), description=""),)
    with pytest.raises(ValidationError):
        after.total = D("1")  # type: ignore[misc]


# -- once per disease course ---------------------------------------------------------------------------------------

def test_a_second_account_for_the_same_course_is_refused() -> None:
    first = Budget.open(date(2024, 3, 10))
    with pytest.raises(SecondAccount) as caught:
        Budget.open(date(2024, 9, 1), existing=[first])
    assert caught.value.existing == (date(2024, 3, 10),)
    assert isinstance(caught.value, InvalidInput)
    stored = Budget.model_validate_json(first.model_dump_json())
    with pytest.raises(SecondAccount):
        Budget.open(date(2024, 9, 1), existing=(stored,))
    with pytest.raises(InvalidInput, match="existing"):
        Budget.open(date(2024, 9, 1), existing=["not an account"])  # type: ignore[list-item]


def test_earlier_help_for_the_same_disease_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Budget.open(date(2024, 3, 10), earlier_help_for_same_disease=True)
    assert caught.value.field == "earlier_help_for_same_disease"
    with pytest.raises(InvalidInput):
        Budget.open(date(2024, 3, 10), earlier_help_for_same_disease="yes")  # type: ignore[arg-type]


# -- bad input ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("paragraph", [113, 84, 0, -83, 117])
def test_a_paragraph_outside_83_97_112_116_is_refused(paragraph: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        Budget.open(date(2024, 3, 10)).book(paragraph, "100.00", on=date(2024, 3, 10))
    assert caught.value.field == "paragraph"
    assert caught.value.value == paragraph


def test_consumer_goods_under_113_are_named_in_the_refusal() -> None:
    with raises_code(InvalidInput, "input.paragraph_117a", value=113, why=True) as caught:
        Budget.open(date(2024, 3, 10)).book(113, "100.00", on=date(2024, 3, 10))
    assert "forbrugsgoder efter § 113" in str(caught.value)
    with raises_code(InvalidInput, "input.paragraph_117a", value=114, why=False) as caught:
        Budget.open(date(2024, 3, 10)).book(114, "100.00", on=date(2024, 3, 10))
    assert "§ 113" not in str(caught.value)


@pytest.mark.parametrize("paragraph", ["83", True, D("83"), 83.0, None])
def test_a_paragraph_that_is_not_an_int_is_refused(paragraph: object) -> None:
    with pytest.raises(InvalidInput, match="paragraph"):
        Budget.open(date(2024, 3, 10)).book(paragraph, "100.00", on=date(2024, 3, 10))  # type: ignore[arg-type]


def test_a_booking_dated_before_the_decision_is_refused() -> None:
    b = Budget.open(date(2024, 3, 10))
    with pytest.raises(InvalidInput) as caught:
        b.book(112, "100.00", on=date(2024, 3, 9))
    assert caught.value.field == "on"
    assert b.book(112, "100.00", on=date(2024, 3, 10)).remaining == D("40922.00")


@pytest.mark.parametrize("amount", [D("0"), 0, "0.00", D("-1.00"), -5, "-0.01"])
def test_a_zero_or_negative_amount_is_refused(amount: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        Budget.open(date(2024, 3, 10)).book(112, amount, on=date(2024, 3, 10))  # type: ignore[arg-type]
    assert caught.value.field == "amount"
    assert not isinstance(caught.value, BudgetExceeded)


def test_a_decision_before_the_rule_existed_is_refused() -> None:
    for day in (date(2023, 5, 31), date(2020, 1, 1)):
        with raises_code(InvalidInput, "input.before_117a", field="decided_on"):
            Budget.open(day)


def test_floats_are_refused() -> None:
    b = Budget.open(date(2024, 3, 10))
    with pytest.raises(InvalidInput, match="float"):
        b.book(112, 100.0, on=date(2024, 3, 10))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="float"):
        value_of_hours(1.5, "250.00")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="float"):
        value_of_hours(2, 250.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Budget.open(date(2025, 3, 1), project=3.6)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="float"):
        Booking(paragraph=112, date=date(2024, 3, 10), amount=100.0)


def test_an_amount_below_øre_or_in_a_danish_notation_is_refused() -> None:
    b = Budget.open(date(2024, 3, 10))
    with raises_code(InvalidInput, "input.ore", field="amount", value=D("100.005")):
        b.book(112, "100.005", on=date(2024, 3, 10))
    with raises_code(InvalidInput, "input.not_decimal", hint="18500.00"):
        b.book(112, "18.500,00", on=date(2024, 3, 10))
    assert b.book(112, "100.500", on=date(2024, 3, 10)).bookings[0].amount == D("100.50")


def test_dates_that_are_not_dates_are_refused() -> None:
    with pytest.raises(InvalidInput, match="decided_on"):
        Budget.open("2024-03-10")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="decided_on"):
        Budget.open(datetime(2024, 3, 10, 12, 0))
    with pytest.raises(InvalidInput, match="on"):
        Budget.open(date(2024, 3, 10)).book(112, "1.00", on="2024-03-11")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="description"):
        Budget.open(date(2024, 3, 10)).book(112, "1.00", on=date(2024, 3, 11), description=7)  # type: ignore[arg-type]


# -- valuing hours -----------------------------------------------------------------------------------------------

def test_value_of_hours_and_minutes_are_exact_and_rounded_half_up() -> None:
    assert value_of_hours(D("60"), D("250.00")) == D("15000.00")
    assert value_of_hours("7.5", "312.40") == D("2343.00")
    assert value_of_hours(D("0.333"), D("100.00")) == D("33.30")
    assert value_of_hours(D("0.0005"), D("10.00")) == D("0.01")  # 0.005 → 0.01, half up
    assert value_of_hours(D("0.0004"), D("10.00")) == D("0.00")  # 0.004 → 0.00
    assert value_of_hours(D("1.2345"), D("100.00")) == D("123.45")
    assert value_of_minutes(1, "0.29") == D("0.00")  # 0.00483… → 0.00
    assert value_of_hours(0, "250.00") == D("0.00")
    assert value_of_minutes(45, "250.00") == D("187.50")
    assert value_of_minutes(20, "100.00") == D("33.33")
    assert value_of_minutes(1, "0.30") == D("0.01")  # 0.005 → 0.01, half up
    assert value_of_minutes(3600, "250.00") == value_of_hours(60, "250.00")


def test_value_of_hours_refuses_negative_and_non_numbers() -> None:
    with pytest.raises(InvalidInput, match="hours"):
        value_of_hours(-1, "250.00")
    with pytest.raises(InvalidInput, match="hourly_price"):
        value_of_hours(1, "-250.00")
    with pytest.raises(InvalidInput, match="minutes"):
        value_of_minutes(D("1.5"), "250.00")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="minutes"):
        value_of_minutes(-1, "250.00")
    with pytest.raises(InvalidInput, match="minutes"):
        value_of_minutes(True, "250.00")
    with pytest.raises(InvalidInput, match="hourly_price"):
        value_of_minutes(5, "-1")


# -- explanation ---------------------------------------------------------------------------------------------------

def test_the_account_explains_itself_in_danish() -> None:
    text = example_1().explain(audience="sagsbehandler")
    lines = text.splitlines()
    assert lines[0] == "Hjælp ved hastigt fremadskridende sygdom: budget"
    assert "truffet 10. marts 2024" in lines[1]
    assert "41.022,00 kr., beløbet for afgørelsens år, 2024" in lines[1]
    assert "fast for hele sygdomsforløbet" in lines[1]
    assert lines[2] == ("2. Bevilling 1 den 20. marts 2024: hjælpemidler (kørestol) til en værdi af "
                        "18.500,00 kr.; tilbage herefter 22.522,00 kr. (serviceloven § 117 a, stk. 1, jf. § 112).")
    assert "tilbage herefter 13.522,00 kr." in lines[3]
    assert "§ 112: 18.500,00 kr.; § 116: 9.000,00 kr." in lines[4]
    assert "tilbage 13.522,00 kr." in lines[4]
    assert "gives først, når hele budgettet er brugt" in lines[5]
    assert "41.022 kr." in text
    assert "sel117a.budget" not in text
    assert example_1().explanation.projected is False
    letter = example_1().explain()
    assert "Dit budget for hele sygdomsforløbet er 41.022,00 kr., som er beløbet for 2024." in letter
    assert "herefter var der 13.522,00 kr. tilbage af budgettet" in letter


def test_hours_and_minutes_are_booked_with_their_time_in_the_text() -> None:
    b = Budget.open(date(2024, 3, 10)).book(97, hours=60, hourly_price="250.00", on=date(2024, 5, 1))
    assert b.spent == D("15000.00")
    assert b.bookings[0].hours == D("60") and b.bookings[0].hourly_price == D("250.00")
    assert "60 timer ledsagelse til 250,00 kr. i timen, i alt 15.000,00 kr." in b.explain()
    one = Budget.open(date(2024, 3, 10)).book(83, hours=1, hourly_price="300.00", on=date(2024, 5, 1))
    assert "1 time personlig og praktisk hjælp" in one.explain()
    m = Budget.open(date(2024, 3, 10)).book(83, minutes=45, hourly_price="250.00", on=date(2024, 5, 1),
                                            description="bad")
    assert m.spent == D("187.50")
    assert "45 minutter personlig og praktisk hjælp (bad) til 250,00 kr. i timen" in m.explain()
    assert "1 minut " in Budget.open(date(2024, 3, 10)).book(97, minutes=1, hourly_price="60.00",
                                                             on=date(2024, 5, 1)).explain()
    assert Budget.model_validate_json(m.model_dump_json()) == m
    with raises_code(InvalidInput, "input.time_paragraph"):
        Budget.open(date(2024, 3, 10)).book(112, hours=2, hourly_price="250.00", on=date(2024, 5, 1))
    with raises_code(InvalidInput, "input.time_or_amount"):
        Budget.open(date(2024, 3, 10)).book(97, "100.00", hours=2, hourly_price="250.00", on=date(2024, 5, 1))
    with raises_code(InvalidInput, "input.time_or_amount"):
        Budget.open(date(2024, 3, 10)).book(97, hours=2, on=date(2024, 5, 1))
    with raises_code(InvalidInput, "input.time_or_amount"):
        Budget.open(date(2024, 3, 10)).book(97, on=date(2024, 5, 1))
    with pytest.raises(BudgetExceeded):
        Budget.open(date(2024, 3, 10)).book(97, hours=1000, hourly_price="250.00", on=date(2024, 5, 1))


def test_an_empty_account_says_so() -> None:
    assert "endnu ikke fået bevilget" in Budget.open(date(2024, 3, 10)).explain()
    assert "endnu ikke bevilget" in Budget.open(date(2024, 3, 10)).explain(audience="sagsbehandler")


def test_the_citations_are_dated_data() -> None:
    b = Budget.open(date(2024, 3, 10))
    assert b.citations["hjemmel.sel117a.hjaelpemidler"] == "serviceloven § 117 a, stk. 1, jf. § 112"
    assert set(b.citations) == {"hjemmel.sel117a.budget", "hjemmel.sel117a.personlig_hjaelp",
                                "hjemmel.sel117a.ledsagelse", "hjemmel.sel117a.hjaelpemidler",
                                "hjemmel.sel117a.boligindretning", "hjemmel.sel117a.almindelige_regler"}
    assert "(serviceloven § 117 a, stk. 1)." in b.explain()
    before = default_book().at(date(2023, 5, 31))
    with pytest.raises(RateNotPublished):  # no citation before the rule existed
        before.get("hjemmel.sel117a.budget")


def test_english_on_request() -> None:
    text = example_1().explain(locale="en")
    assert text.splitlines()[0] == "Help for a rapidly progressing disease: budget"
    assert "13.522,00" not in text or "13,522.00" in text


# -- JSON ----------------------------------------------------------------------------------------------------------

def test_json_round_trip_is_exact_and_carries_the_derived_figures() -> None:
    b = example_1()
    text = b.model_dump_json()
    assert Budget.model_validate_json(text) == b
    data = json.loads(text)
    assert data["total"] == "41022.00"
    assert data["remaining"] == "13522.00"
    assert data["spent"] == "27500.00"
    assert data["spent_by_paragraph"] == {"83": "0.00", "97": "0.00", "112": "18500.00", "116": "9000.00"}
    assert data["ordinary_rules_apply"] is False
    assert data["bookings"][0] == {"paragraph": 112, "date": "2024-03-20", "amount": "18500.00",
                                   "description": "kørestol"}
    assert Budget.model_validate(b.model_dump()) == b
    without_derived = {k: v for k, v in data.items() if k not in ("spent", "remaining", "spent_by_paragraph",
                                                                  "ordinary_rules_apply")}
    assert Budget.model_validate(without_derived) == b


@pytest.mark.parametrize(("path", "value", "message"), [
    (("remaining",), "20000.00", "gemte remaining"),
    (("spent",), "1.00", "gemte spent"),
    (("ordinary_rules_apply",), True, "gemte ordinary_rules_apply"),
    (("spent_by_paragraph", "83"), "1.00", "gemte spent_by_paragraph"),
    (("total",), "1000.00", "budgetsatsens"),
    (("bookings", 0, "date"), "2024-01-01", "før afgørelsen"),
    (("bookings", 0, "amount"), "0.00", "positiv"),
    (("bookings", 0, "paragraph"), 113, "paragraph"),
    (("bookings", 0, "amount"), "40000.00", "overstiger budgettet"),
    (("bookings", 0, "hours"), "2", "§ 83 og § 97"),
    (("surprise",), 1, "Extra inputs"),
])
def test_a_tampered_account_is_refused_when_read_back(path: tuple[object, ...], value: object, message: str) -> None:
    data = json.loads(example_1().model_dump_json())
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    with pytest.raises(ValidationError, match=message):
        Budget.model_validate_json(json.dumps(data))


def test_the_schema_is_exported() -> None:
    schemas = json_schemas()
    assert "Budget" in schemas
    assert "Booking" in schemas
    props = schemas["Budget"]["properties"]
    assert props["remaining"]["readOnly"] is True
    assert schemas["Booking"]["properties"]["paragraph"]["enum"] == [83, 97, 112, 116]


# -- command line --------------------------------------------------------------------------------------------------

def test_cli_budget(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hastig-sygdom", "budget", "2024-03-10", "--kommune", "lemvig"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-2] == ("Du har i alt brugt 0,00 kr. af budgettet på 41.022,00 kr., og der er "
                                    "41.022,00 kr. tilbage (serviceloven § 117 a, stk. 1).")
    assert main(["hastig-sygdom", "budget", "2024-03-10", "--audience", "sagsbehandler"]) == 0
    out = capsys.readouterr().out
    assert "Anvendte satser:" in out and "41.022 kr. (gældende fra 1. januar 2024, officiel" in out


def test_cli_budget_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hastig-sygdom", "budget", "2023-10-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == "39750.00"
    assert data["remaining"] == "39750.00"
    assert data["projected"] is False


def test_cli_budget_strict_and_projected(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hastig-sygdom", "budget", "2026-03-10"]) == 3
    assert "satsen sel117a.budget har ingen værdi den 10. marts 2026" in capsys.readouterr().err
    assert main(["hastig-sygdom", "budget", "2026-03-10", "--project", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["projected"] is True
    assert data["total"] == "44411.00"
    assert main(["hastig-sygdom", "budget", "2027-03-10", "--project", "2.5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == "45522.00"


def test_cli_budget_before_the_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hastig-sygdom", "budget", "2023-05-31"]) == 2
    assert "trådte i kraft den 1. juni 2023" in capsys.readouterr().err


CSV_EXAMPLE_1 = """paragraph,date,amount,description
112,2024-03-20,18500.00,kørestol
§ 116,2024-04-02,9000.00,fjernelse af dørtrin
97,2024-05-01,15000.00,60 timers ledsagelse à 250 kr.
"""


def test_cli_replay_refused_booking_exits_2_with_the_remaining_amount(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bookings.csv"
    f.write_text(CSV_EXAMPLE_1, encoding="utf-8")
    assert main(["hastig-sygdom", "replay", "2024-03-10", "--bookings", str(f)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("socialcalc: fejl: linje 4: amount = 15000.00")
    assert "13.522,00 kr. tilbage" in captured.err


def test_cli_replay_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bookings.csv"
    f.write_text("\n".join(CSV_EXAMPLE_1.splitlines()[:3]) + "\n", encoding="utf-8")
    assert main(["hastig-sygdom", "replay", "2024-03-10", "--bookings", str(f), "--json"]) == 0
    account = Budget.model_validate_json(capsys.readouterr().out)
    assert account == example_1()


def test_cli_replay_json_list_and_stored_bookings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bookings.json"
    f.write_text('[{"paragraph": 83, "date": "2023-10-01", "amount": 39750.00, "description": "hjælp"}]')
    assert main(["hastig-sygdom", "replay", "2023-10-01", "--bookings", str(f)]) == 0
    out = capsys.readouterr().out
    assert "Hele budgettet er brugt." in out.splitlines()[-1]
    g = tmp_path / "stored.json"
    g.write_text(json.dumps(json.loads(example_1().model_dump_json())["bookings"]))
    assert main(["hastig-sygdom", "replay", "2024-03-10", "--bookings", str(g), "--json"]) == 0
    assert Budget.model_validate_json(capsys.readouterr().out) == example_1()


@pytest.mark.parametrize(("content", "expected"), [
    ("paragraph,date,amount\n113,2024-03-20,100.00\n", "linje 2: paragraph = 113"),
    ("paragraph,date,amount\n112,2024-03-01,100.00\n", "linje 2: on = 2024-03-01"),
    ("paragraph,date,amount\n112,2024-03-20,-100.00\n", "linje 2: amount = -100.00"),
    ("paragraph,date,amount\n112,2024-03-20,\n", "linje 2: amount"),
    ("paragraph,date,amount\n112,2024-03-20,\"100,00\"\n", 'skriv det som "100.00"'),
    ("paragraph,date,amount\nx,2024-03-20,100.00\n", "paragraph"),
    ("paragraph,date,amount\n112,20.03.2024,100.00\n", "er ikke en dato"),
    ("paragraph,date,amount\n112,2024-03-20,100.00,extra\n", "flere felter"),
    ("paragraf,dato,beløb\n112,2024-03-20,100.00\n", "overskriftslinje"),
    ('[{"paragraph": 112, "date": "2024-03-20", "amount": "1.00", "value": 1}]', "ukendt nøgle"),
    ('[112]', "en bevilling er et objekt"),
    ('{"paragraph": 112}', "skal indeholde en liste"),
    ('[{"paragraph": 112,', "er ikke gyldig JSON"),
    ('[{"paragraph": 112, "date": "2024-03-20", "amount": true}]', "sandhedsværdi"),
])
def test_cli_replay_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
                                      expected: str) -> None:
    f = tmp_path / "bookings.txt"
    f.write_text(content, encoding="utf-8")
    assert main(["hastig-sygdom", "replay", "2024-03-10", "--bookings", str(f)]) == 2
    assert expected in capsys.readouterr().err


def test_cli_replay_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hastig-sygdom", "replay", "2024-03-10", "--bookings", str(tmp_path / "none.csv")]) == 2
    assert "findes ikke eller kan ikke læses" in capsys.readouterr().err
