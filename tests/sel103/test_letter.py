"""The Danish text of § 103 has no English, code, ISO dates or decimal points, in both audiences (issue 13)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.beskyttet_beskaeftigelse import hourly_wage, period_wage, transport
from socialcalc.beskyttet_beskaeftigelse.strategies import hourly_wage_args, transport_args
from socialcalc.testing.letter import problems

AUDIENCES = ("borger", "sagsbehandler")


@settings(max_examples=150, deadline=None)
@given(transport_args())
def test_transport_text_is_danish(kwargs: dict[str, Any]) -> None:
    result = transport(**kwargs)
    for audience in AUDIENCES:
        text = result.explain(audience=audience)
        assert problems(text) == [], text
        assert ".." not in text, text  # an amount's abbreviation point is never doubled


@settings(max_examples=150, deadline=None)
@given(hourly_wage_args(), st.integers(0, 4 * 200))
def test_wage_texts_are_danish(kwargs: dict[str, Any], quarter_hours: int) -> None:
    wage = hourly_wage(**kwargs)
    period = period_wage(Decimal(quarter_hours) / 4, wage)
    for audience in AUDIENCES:
        for text in (wage.explain(audience=audience), period.explain(audience=audience)):
            assert problems(text) == [], text
            assert ".." not in text, text
