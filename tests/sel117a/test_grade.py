"""Issue 11: a § 117a account says how sure its budget is, like every result (``grade``), through JSON too."""

from __future__ import annotations

import json
from datetime import date

import pytest

from socialcalc.hastig_sygdom import Budget
from socialcalc.ratebook import Status


@pytest.mark.parametrize(("decided_on", "project", "grade"), [
    (date(2024, 6, 1), False, Status.OFFICIAL),
    (date(2025, 6, 1), False, Status.DERIVED),
    (date(2026, 6, 1), True, Status.PROJECTED),
])
def test_the_account_carries_the_weakest_grade(decided_on: date, project: bool, grade: Status) -> None:
    account = Budget.open(decided_on, project=project)
    assert account.grade is grade
    assert account.projected is (grade is Status.PROJECTED)
    stored = account.model_dump_json()
    assert json.loads(stored)["grade"] == grade.value
    assert Budget.model_validate_json(stored) == account


def test_a_stored_grade_that_the_rates_do_not_give_is_refused() -> None:
    data = json.loads(Budget.open(date(2025, 6, 1)).model_dump_json())
    data["grade"] = "official"
    with pytest.raises(ValueError, match="grade"):
        Budget.model_validate_json(json.dumps(data))
