"""Tests that kill the mutants of ``merudgift/engangs.py``: one-off expenses (BEK 931/2020 § 9).

Each case with every field of its result (case, granted, amount, monthly, months, band, table year, projected); the
running expenses' edge (at the minimum refused, one øre below not, monthly and yearly, none at all); a recipient
after the change to the kompensationsydelse; every refused input with its code, field, value and parameters, in
the rule's order of checks.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.merudgift import one_off
from socialcalc.merudgift.engangs import decide_one_off, one_off_rates
from socialcalc.ratebook import default_book
from socialcalc.testing import book_with
from tests.codes import raises_code

D = Decimal
MAY_2024, OCT_2025 = date(2024, 5, 1), date(2025, 10, 1)


def _fields(r: object) -> tuple[object, ...]:
    return tuple(getattr(r, n) for n in ("case", "granted", "amount", "monthly", "months", "band", "table_year",
                                         "projected"))


@pytest.mark.parametrize(("kwargs", "fields"), [
    ({"expense": "5000.005", "recipient": True}, ("recipient", True, D("5000.01"), None, 0, None, None, False)),
    ({"expense": "7296"}, ("no_running", True, D("7296.00"), None, 0, None, None, False)),
    ({"expense": "7295.999"}, ("no_running", False, D("0.00"), None, 0, None, None, False)),
    ({"expense": "6096", "running": "100"},
     ("running_under_minimum", True, D("13656.00"), D("1138.00"), 12, 1, 2024, False)),
    ({"expense": "6095.999", "running": "100"},
     ("running_under_minimum", False, D("0.00"), None, 0, None, None, False)),
    ({"expense": "6096", "running": "1200", "per": "year"},
     ("running_under_minimum", True, D("13656.00"), D("1138.00"), 12, 1, 2024, False)),
    ({"expense": "40000", "running": "607.99", "documented": True},
     ("running_under_minimum", True, D("47295.84"), D("3941.32"), 12, "full", 2024, False)),
    ({"expense": "6095.99", "running": "100.001"},  # 6095.99 + 12 × 100.001 = 7296.002: the unit of running counts
     ("running_under_minimum", True, D("13656.00"), D("1138.00"), 12, 1, 2024, False)),
    ({"expense": "40000", "running": "607.99"},
     ("running_under_minimum", True, D("27324.00"), D("2277.00"), 12, 2, 2024, False)),
])
def test_every_field_of_each_case(kwargs: dict[str, object], fields: tuple[object, ...]) -> None:
    rest = {k: v for k, v in kwargs.items() if k != "expense"}
    r = one_off(kwargs["expense"], decided_on=MAY_2024, **rest)  # type: ignore[arg-type]
    assert _fields(r) == fields
    assert str(r.amount) == str(fields[2])


def test_a_projected_table_is_flagged() -> None:
    r = one_off("7000", running="100", decided_on=date(2025, 5, 1), project=True)
    assert (r.case, r.granted, r.table_year, r.projected) == ("running_under_minimum", True, 2025, True)
    with pytest.raises(RateNotPublished):
        one_off("7000", running="100", decided_on=date(2025, 5, 1))


@pytest.mark.parametrize(("running", "per", "case"), [
    ("608", "month", None), ("607.99", "month", "running_under_minimum"), ("7296", "year", None),
    ("7295.99", "year", "running_under_minimum"), ("0", "month", "no_running")])
def test_running_expenses_at_the_minimum_are_refused(running: str, per: str, case: str | None) -> None:
    if case is None:
        with raises_code(InvalidInput, "input.one_off_running", field="running", value=D(running), running=D(running),
                         per=per, per_da="måneden" if per == "month" else "året", minimum=D(608)):
            one_off("100", running=running, per=per, decided_on=MAY_2024)
    else:
        assert one_off("100", running=running, per=per, decided_on=MAY_2024).case == case


def test_a_new_one_off_after_the_change_is_refused_with_the_old_paragraph() -> None:
    old = "serviceloven § 100, jf. § 9 i bekendtgørelse nr. 931 af 19. juni 2020"  # the rule of the day before
    with raises_code(InvalidInput, "input.one_off_regime", field="decided_on", value="2025-10-01",
                     valid_from=date(2025, 9, 1), paragraph=old):
        one_off("8000", decided_on=OCT_2025)


def test_a_recipient_after_the_change_is_paid_until_the_deadline() -> None:
    rated = one_off_rates(default_book(), OCT_2025, None, False, recipient=True, running=D(0), months=1, per="month",
                          expense=D(1))
    assert (rated["minimum"], rated["bands"], rated["new_regime"]) == (None, None, True)
    assert rated["deadline"].value == date(2027, 9, 1)
    old = one_off_rates(default_book(), MAY_2024, None, False, recipient=True, running=D(0), months=1, per="month",
                        expense=D(1))
    assert old["new_regime"] is False
    r = one_off("5000", decided_on=OCT_2025, recipient=True)
    assert (r.case, r.granted, r.amount) == ("recipient", True, D("5000.00"))
    assert [f.step for f in r.explanation.steps] == ["sel100.engangs.modtager", "sel100.engangs.overgang"]
    assert [f.step for f in one_off("5000", decided_on=MAY_2024, recipient=True).explanation.steps] == [
        "sel100.engangs.modtager"]


@pytest.mark.parametrize("name", ["recipient", "documented"])
@pytest.mark.parametrize(("flag", "shown"), [("yes", "'yes'"), (1, "1"), (None, "None")])
def test_flags_must_be_flags(name: str, flag: object, shown: str) -> None:
    with raises_code(InvalidInput, "input.flag", field=name, value=shown):
        one_off("100", decided_on=MAY_2024, **{name: flag})  # type: ignore[arg-type]


def test_the_recipient_flag_is_checked_first() -> None:
    with raises_code(InvalidInput, "input.flag", field="recipient"):
        one_off("100", decided_on=MAY_2024, recipient="x", documented="y")  # type: ignore[arg-type]


def test_the_codes_of_one_case() -> None:
    book = default_book().at(MAY_2024)
    minimum, bands = book.get("sel100.minimum"), book.get("sel100.bands")
    assert decide_one_off(D("5000.005"), D(0), 1, True, False, None, None) == {
        "case": 0, "granted": 1, "amount": 500001, "running_over": 0}
    assert decide_one_off(D(6096), D(100), 1, False, False, minimum, bands) == {
        "case": 2, "granted": 1, "amount": 1365600, "running_over": 0, "met": 1, "band_case": 1, "band": 1,
        "monthly": 113800}
    assert decide_one_off(D(7296), D(0), 1, False, False, minimum, None) == {
        "case": 1, "granted": 1, "amount": 729600, "running_over": 0}
    assert decide_one_off(D(6096), D("1200.005"), 12, False, False, minimum, bands)["band"] == 1
    assert decide_one_off(D(100), D(608), 1, False, False, minimum, None) == {
        "case": 2, "granted": 1, "amount": 0, "running_over": 1}


@pytest.mark.parametrize(("kwargs", "code", "field", "value"), [
    ({"expense": "-1"}, "input.negative", "expense", D(-1)),
    ({"expense": "1", "running": "-1"}, "input.negative", "running", D(-1)),
    ({"expense": "1", "decided_on": "2024-05-01"}, "input.date", "decided_on", None),
])
def test_bad_amounts_and_days_name_their_field(kwargs: dict[str, object], code: str, field: str,
                                               value: object) -> None:
    args = {"decided_on": MAY_2024, **kwargs}
    expense = args.pop("expense")
    with raises_code(InvalidInput, code, field=field) as err:
        one_off(expense, **args)  # type: ignore[arg-type]
    if value is not None:
        assert err.value.value == value


def test_a_recipient_past_the_deadline_is_refused_on_the_decision_date() -> None:
    with raises_code(InvalidInput, "input.transition_passed", field="decided_on", value="2027-09-01", decided=None,
                     deadline=date(2027, 9, 1)):
        one_off("500", decided_on=date(2027, 9, 1), recipient=True)


def test_a_recipient_decided_on_the_day_of_the_change_is_under_the_new_rules() -> None:
    r = one_off("500", decided_on=date(2025, 9, 1), recipient=True)
    assert [f.step for f in r.explanation.steps] == ["sel100.engangs.modtager", "sel100.engangs.overgang"]
    before = one_off("500", decided_on=date(2025, 8, 31), recipient=True)
    assert [f.step for f in before.explanation.steps] == ["sel100.engangs.modtager"]


@pytest.mark.parametrize(("kwargs", "decided"), [
    ({"recipient": True}, MAY_2024), ({}, MAY_2024), ({}, OCT_2025), ({"running": "100"}, MAY_2024),
    ({"running": "608"}, MAY_2024)])
def test_an_unknown_municipality_is_refused_first(kwargs: dict[str, object], decided: date) -> None:
    with raises_code(UnknownRate, "rate.unknown_kommune", kommune="'nowhere'"):
        one_off("7000", decided_on=decided, kommune="nowhere", **kwargs)  # type: ignore[arg-type]


def test_the_regime_refusal_cites_the_rule_of_the_day_before_the_change() -> None:
    book = book_with({"national/cite.toml": """
[[rate]]
key = "hjemmel.sel100.engangs"
unit = "citation"
value = "test: a rule from the day of the change"
valid_from = 2025-09-01
status = "derived"
source = "test"
"""})
    with raises_code(InvalidInput, "input.one_off_regime",
                     paragraph="serviceloven § 100, jf. § 9 i bekendtgørelse nr. 931 af 19. juni 2020"):
        one_off("8000", decided_on=OCT_2025, rates=book)


def test_the_facts_of_a_granted_year_state_the_running_expenses_and_documentation() -> None:
    r = one_off("40000", running="1200.12", per="year", documented=True, decided_on=MAY_2024)
    first, band = r.explanation.steps[0], r.explanation.steps[2]
    assert (first.step, dict(first.inputs)) == (
        "sel100.engangs.under_minimum.ydet", {"expense": "40000", "running_year": "1200.12"})
    assert first.outputs["total"] == "41200.12"
    assert (band.step, band.inputs["documented"]) == ("sel100.interval.fuld", "true")
    plain = one_off("40000", running="100", decided_on=MAY_2024).explanation.steps
    assert (dict(plain[0].inputs), plain[2].inputs["documented"]) == (
        {"expense": "40000", "running_year": "1200"}, "false")
