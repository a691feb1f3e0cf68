"""Tests that kill the mutants of ``ledsageordning/tid.py``: hours and minutes of the § 97 hour bank.

Conversions pinned as written (``str`` of the Decimal: ``"7.5"``, ``"100"``, ``"0.0167"``), every Danish text,
and every input error with its field, value and rule.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from socialcalc.errors import InvalidInput
from socialcalc.ledsageordning.tid import MINUTES_PER_HOUR, hours_of, maaned, minutes_of, read_duration, varighed
from socialcalc.months import Month

WHOLE = "input.duration"


def test_hours_of_as_written() -> None:
    minutes = (0, 1, 2, 3, 9, 10, 59, 61, 450, 6000)
    shown = ["0", "0.0167", "0.0333", "0.05", "0.15", "0.1667", "0.9833", "1.0167", "7.5", "100"]
    assert [str(hours_of(m)) for m in minutes] == shown
    assert MINUTES_PER_HOUR == 60


def test_minutes_of_and_read_duration() -> None:
    assert minutes_of(Decimal("0.25"), "hours") == 15
    assert minutes_of("1.5", "hours") == 90
    assert minutes_of(2, "hours") == 120
    assert read_duration("0.5", None, "x") == 30
    assert read_duration(None, 0) == 0
    assert read_duration(None, 7) == 7
    assert read_duration(0, None) == 0


@pytest.mark.parametrize(("call", "field", "value", "rule"), [
    (lambda: minutes_of("0.03", "hours"), "hours", Decimal("0.03"),
     "input.whole_minutes"),
    (lambda: read_duration("0.03", None, "x"), "x", Decimal("0.03"),
     "input.whole_minutes"),
    (lambda: minutes_of("-1", "deduction_hours"), "deduction_hours", Decimal("-1"), "input.negative"),
    (lambda: read_duration(None, 1.5), "minutes", 1.5, "input.float"),
    (lambda: read_duration(None, True), "minutes", True, "input.bool"),
    (lambda: read_duration(None, "3"), "minutes", "'3'", "input.whole"),
    (lambda: read_duration(None, -1), "minutes", -1, "input.negative"),
    (lambda: read_duration(None, None), "hours", None, WHOLE),
    (lambda: read_duration(None, None, "from"), "from", None, WHOLE),
    (lambda: read_duration(1, 2), "hours", "1 and minutes=2", WHOLE),
    (lambda: read_duration("1", 0, "from"), "from", "'1' and minutes=0", WHOLE),
])
def test_bad_durations(call: Any, field: str, value: Any, rule: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    got = caught.value.code if rule.startswith("input.") else caught.value.rule
    assert (caught.value.field, caught.value.value, got) == (field, value, rule)
    if rule == "input.whole_minutes":
        assert caught.value.fields["minutes"] == Decimal("1.8")
        assert "er 1,8 minutter" in str(caught.value)


def test_varighed() -> None:
    minutes = (0, 1, 20, 60, 61, 90, 121, 180, 600000, 60001, 59999)
    assert [varighed(m) for m in minutes] == [
        "0 timer", "1 min.", "20 min.", "1 time", "1 time og 1 min.", "1,5 timer", "2 timer og 1 min.", "3 timer",
        "10.000 timer", "1.000 timer og 1 min.", "999 timer og 59 min."]


def test_maaned() -> None:
    names = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december"]
    assert [maaned(Month(2024, m)) for m in range(1, 13)] == [f"{n} 2024" for n in names]
    assert maaned(Month(1999, 12)) == "december 1999"


def test_hours_of_is_exact_for_any_multiple_of_three_minutes() -> None:
    big = 3 * (2**53 + 1)  # a float would lose the last minute
    assert hours_of(big) == Decimal(2**53 + 1) / 20
