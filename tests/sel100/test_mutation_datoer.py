"""Tests that kill the mutants of ``merudgift/datoer.py``: the date rules of SEL § 100 (BEK 931/2020).

Every refused input with its code, field and value (a ``datetime`` is not a date; flags are flags); the rate book
and the day passed on (a lock of another length, a folkepension table of another day); ``project`` checked.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from socialcalc.errors import InvalidInput, SocialcalcError
from socialcalc.merudgift import change_effective_month, first_payment_month, last_payment_month, may_demand_refixing
from socialcalc.months import Month
from socialcalc.testing import book_with
from tests.codes import raises_code

LOCK_6 = book_with({"national/lock.toml": """
[[rate]]
key = "sel100.refixing_lock_months"
unit = "months"
value = 6
valid_from = 2024-01-01
status = "derived"
source = "test: a lock of six months"
"""})


def test_the_grant_day_must_be_a_date() -> None:
    with raises_code(InvalidInput, "input.datetime", field="granted_on"):
        first_payment_month(datetime(2024, 3, 14, 12, 0))  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.date", field="granted_on"):
        first_payment_month("2024-03-14")  # type: ignore[arg-type]


def test_last_payment_month_checks_its_inputs() -> None:
    with raises_code(InvalidInput, "input.date", field="birth"):
        last_payment_month("1960-05-15")  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.flag", field="deferred", value="'no'"):
        last_payment_month(date(1960, 5, 15), deferred="no")  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.project"):
        last_payment_month(date(1960, 5, 15), project="yes")  # type: ignore[arg-type]
    assert last_payment_month(date(1960, 5, 15), deferred=False, project=True) == Month(2027, 6)


AGE_71 = book_with({"national/age.toml": """
[[rate]]
key = "folkepension.age_table"
unit = "years"
valid_from = 2026-01-01
status = "derived"
source = "test: a folkepensionsalder of 71 for persons born in 1971 or later"
value = [{ years = 65 }, { born_from = 1971-01-01, years = 71 }]
"""})


def test_last_payment_month_reads_the_table_of_the_day_and_book_given() -> None:
    # born 1 January 1971: 70 by the table of 22 May 2025, 69 by the one before; before any table: refused
    assert last_payment_month(date(1971, 1, 1)) == Month(2041, 2)
    assert last_payment_month(date(1971, 1, 1), on=date(2024, 1, 1)) == Month(2040, 2)
    assert last_payment_month(date(1971, 1, 1), rates=AGE_71) == Month(2042, 2)
    assert last_payment_month(date(1962, 7, 1), on=date(2024, 1, 1)) == Month(2029, 8)
    with pytest.raises(SocialcalcError):
        last_payment_month(date(1962, 7, 1), on=date(1990, 1, 1))


def test_change_effective_month_checks_its_inputs() -> None:
    with raises_code(InvalidInput, "input.flag", field="rise", value="1"):
        change_effective_month(date(2024, 5, 1), rise=1)  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.date", field="changed_on"):
        change_effective_month("2024-05-01", rise=True)  # type: ignore[arg-type]


def test_refixing_checks_its_inputs() -> None:
    with raises_code(InvalidInput, "input.before_last_fixing", field="on", value="2024-05-31", last=date(2024, 6, 1)):
        may_demand_refixing(date(2024, 6, 1), date(2024, 5, 31))
    with raises_code(InvalidInput, "input.date", field="last_fixed_on"):
        may_demand_refixing("2024-06-01", date(2024, 6, 1))  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.date", field="on"):
        may_demand_refixing(date(2024, 6, 1), "2024-06-01")  # type: ignore[arg-type]
    with raises_code(InvalidInput, "input.project"):
        may_demand_refixing(date(2024, 6, 1), date(2025, 6, 1), project="yes")  # type: ignore[arg-type]


def test_refixing_reads_the_lock_of_the_rate_book_on_the_day() -> None:
    assert may_demand_refixing(date(2024, 2, 29), date(2024, 8, 28)) is False
    assert may_demand_refixing(date(2024, 2, 29), date(2024, 8, 29), rates=LOCK_6) is True
    assert may_demand_refixing(date(2024, 2, 29), date(2024, 8, 28), rates=LOCK_6) is False
    assert may_demand_refixing(date(2024, 8, 31), date(2025, 2, 28), rates=LOCK_6) is True  # CLAMP: 31 Aug + 6
    assert may_demand_refixing(date(2024, 8, 31), date(2025, 2, 27), rates=LOCK_6, project=True) is False
