"""The nesting check runs only when parsed data could be too deep: same faults as checking every file first."""

from __future__ import annotations

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from socialcalc.ratebook.loader import MAX_DEPTH, _depth
from socialcalc.ratebook.locate import deepest

_values = st.recursive(st.integers(0, 9).map(str),
                       lambda inner: st.one_of(st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
                                               inner.map(lambda x: "{ a = " + x + " }")),
                       max_leaves=40)


@given(_values, st.integers(1, 20))
def test_parsed_data_nests_at_least_as_deep_as_the_brackets(value: str, limit: int) -> None:
    """The skipped check can never have found a fault: data no deeper than the limit has no deeper bracket."""
    text = f"[table]\nvalue = {value}\n"
    data = tomllib.loads(text)
    if deepest(text, limit) is not None:  # a fault the loader must find: its cheap test lets it through
        assert _depth(data) > limit


def test_deep_dotted_headers_are_not_nesting() -> None:
    """Deep data from dotted table names has no deep brackets: the full check runs and finds nothing."""
    text = "[" + ".".join(["a"] * (MAX_DEPTH + 5)) + "]\nx = 1\n"
    assert _depth(tomllib.loads(text)) > MAX_DEPTH
    assert deepest(text, MAX_DEPTH) is None
