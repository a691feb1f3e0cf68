"""§ 117a in the batch path: the kernel and the frame adapter against the one-case Budget (differential), and
``explain_row`` equal to the one-case explanation in every audience, locale and format."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch.columns import BatchInputError
from socialcalc.hastig_sygdom import Budget, BudgetExceeded
from socialcalc.hastig_sygdom.batch import budgets
from socialcalc.hastig_sygdom.frame import explain_row, hastig_sygdom_frame
from socialcalc.hastig_sygdom.strategies import booking_amounts, danish_descriptions, decision_dates, paragraphs

SETTINGS = settings(max_examples=60, deadline=None)
FORMS = [(a, loc, f) for a in ("borger", "sagsbehandler") for loc in ("da", "en") for f in ("text", "markdown",
                                                                                               "html")]


@st.composite
def caseloads(draw: st.DrawFn) -> pd.DataFrame:
    """A few accounts, each with a decision date and bookings (some over the remaining budget), interleaved."""
    rows = []
    for account in range(draw(st.integers(1, 4))):
        decided = draw(decision_dates())
        for _ in range(draw(st.integers(0, 6))):
            rows.append({"account": f"k{account}", "decided_on": decided, "paragraph": draw(paragraphs()),
                         "date": draw(st.dates(decided, date(decided.year + 2, 12, 31))),
                         "amount": str(draw(booking_amounts(2_500_000))),
                         "description": draw(danish_descriptions())})
    order = draw(st.permutations(range(len(rows))))
    frame = pd.DataFrame([rows[i] for i in order], columns=["account", "decided_on", "paragraph", "date", "amount",
                                                            "description"])
    return frame


def code_of(err: BaseException) -> str:
    """The code of a batch error (the frame adapter relabels the kernel's error; its cause keeps the code)."""
    cause = err.__cause__
    return str(getattr(cause, "code", None) or getattr(err, "code", ""))


def one_case(frame: pd.DataFrame, upto: int) -> tuple[Budget, bool]:
    """The one-case account of row ``upto``'s account after that row, and whether the row was booked."""
    account = frame.iloc[upto]["account"]
    b = Budget.open(frame.iloc[upto]["decided_on"])
    booked = False
    for i in range(upto + 1):
        r = frame.iloc[i]
        if r["account"] != account:
            continue
        try:
            b = b.book(int(r["paragraph"]), r["amount"], on=r["date"], description=r["description"])
            booked = True
        except BudgetExceeded:
            booked = False
    return b, booked


def test_the_spec_example_1_in_a_frame() -> None:
    frame = pd.DataFrame({"account": ["a", "a", "a"], "paragraph": [112, 116, 97],
                          "date": [date(2024, 3, 20), date(2024, 4, 2), date(2024, 5, 1)],
                          "amount": ["18500.00", "9000.00", "15000.00"]})
    out = hastig_sygdom_frame(frame, decided_on=date(2024, 3, 10), money="both")
    assert out["fits"].tolist() == [True, True, False]
    assert out["remaining"].tolist() == [Decimal("22522.00"), Decimal("13522.00"), Decimal("13522.00")]
    assert out["total_ore"].tolist() == [4102200] * 3
    assert out["ordinary_rules_apply"].tolist() == [False] * 3


def test_the_spec_example_2_in_the_kernel() -> None:
    out = budgets(np.array([1]), [date(2023, 10, 1)], np.array([83]), [date(2023, 10, 1)], np.array([3975000]))
    assert out.remaining_ore.tolist() == [0]
    assert out.ordinary_rules_apply.tolist() == [True]


@SETTINGS
@given(caseloads())
def test_the_frame_equals_the_one_case_budget(frame: pd.DataFrame) -> None:
    out = hastig_sygdom_frame(frame)
    for i in range(len(frame)):
        account, booked = one_case(frame, i)
        assert bool(out["fits"].iloc[i]) is booked
        assert int(out["remaining_ore"].iloc[i]) == int(account.remaining * 100)
        assert int(out["total_ore"].iloc[i]) == int(account.total * 100)
        assert bool(out["ordinary_rules_apply"].iloc[i]) is account.ordinary_rules_apply


@SETTINGS
@given(caseloads(), st.data())
def test_explain_row_equals_the_one_case_explanation(frame: pd.DataFrame, data: st.DataObject) -> None:
    if frame.empty:
        return
    out = hastig_sygdom_frame(frame)
    i = data.draw(st.integers(0, len(frame) - 1))
    account, _ = one_case(frame, i)
    for audience, locale, form in FORMS:
        assert explain_row(out, i, audience=audience, locale=locale, format=form) == account.explain(
            audience=audience, locale=locale, format=form)


def test_explain_row_through_the_batch_frame_dispatch() -> None:
    from socialcalc.batch import frame as batch_frame

    out = batch_frame.hastig_sygdom_frame(pd.DataFrame({"account": [1], "paragraph": [116],
                                                        "date": [date(2024, 3, 20)], "amount": ["9000.00"]}),
                                          decided_on=date(2024, 3, 10))
    expected = Budget.open(date(2024, 3, 10)).book(116, "9000.00", on=date(2024, 3, 20))
    for audience, locale, form in FORMS:
        assert batch_frame.explain_row(out, 0, audience=audience, locale=locale, format=form) == expected.explain(
            audience=audience, locale=locale, format=form)


@pytest.mark.parametrize(("column", "value", "code"), [
    ("paragraph", 113, "input.paragraph_117a"),
    ("amount", "0.00", "input.booking_not_positive"),
    ("date", date(2024, 3, 1), "input.booking_before_decision"),
])
def test_bad_rows_are_refused_like_the_one_case_path(column: str, value: object, code: str) -> None:
    row = {"account": 1, "paragraph": 112, "date": date(2024, 3, 20), "amount": "100.00"}
    row[column] = value
    with pytest.raises(BatchInputError) as caught:
        hastig_sygdom_frame(pd.DataFrame([row]), decided_on=date(2024, 3, 10))
    assert code_of(caught.value) == code


def test_a_decision_before_the_rule_and_two_decisions_for_one_account_are_refused() -> None:
    frame = pd.DataFrame({"account": [1], "paragraph": [112], "date": [date(2023, 6, 1)], "amount": ["1.00"]})
    with pytest.raises(BatchInputError) as caught:
        hastig_sygdom_frame(frame, decided_on=date(2023, 5, 1))
    assert code_of(caught.value) == "input.before_117a"
    two = pd.DataFrame({"account": [1, 1], "decided_on": [date(2024, 1, 1), date(2024, 2, 1)],
                        "paragraph": [112, 112], "date": [date(2024, 3, 1)] * 2, "amount": ["1.00"] * 2})
    with pytest.raises(BatchInputError) as caught:
        hastig_sygdom_frame(two)
    assert code_of(caught.value) == "input.second_account"


def test_account_ids_of_mixed_kinds_are_grouped_by_equality_and_a_list_is_refused() -> None:
    """numpy cannot sort ``1`` and ``"a"`` together (its ``TypeError`` reached the caller): such ids are grouped
    by equality, with the same bookings as ids of one kind; an id that is not one value is refused at its row."""
    rows = {"paragraph": [112, 112, 116], "date": [date(2024, 3, 20), date(2024, 3, 21), date(2024, 4, 2)],
            "amount": ["18500.00", "9000.00", "9000.00"]}
    mixed = hastig_sygdom_frame(pd.DataFrame({"account": [1, "a", 1], **rows}), decided_on=date(2024, 3, 10))
    plain = hastig_sygdom_frame(pd.DataFrame({"account": [0, 9, 0], **rows}), decided_on=date(2024, 3, 10))
    for column in ("fits", "remaining_ore", "total_ore", "position"):
        assert mixed[column].tolist() == plain[column].tolist()
    assert [explain_row(mixed, i) for i in range(3)] == [explain_row(plain, i) for i in range(3)]
    with pytest.raises(BatchInputError) as caught:
        hastig_sygdom_frame(pd.DataFrame({"account": [1, "a", [2]], **rows}), decided_on=date(2024, 3, 10))
    assert (caught.value.code, caught.value.column, caught.value.row) == ("batch.not_one_value", "account", 2)
