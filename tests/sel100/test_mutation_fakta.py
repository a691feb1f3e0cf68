"""Tests that kill the mutants of ``merudgift/fakta.py``: the facts of SEL § 100 (BEK 931/2020; L 201 (2024-25)).

Every branch of the facts builders (each band case, the table's parts with "fra" and "over", a yearly figure, the
listed expenses under the old rules; the transition, frozen and regulated; under the kompensationsydelse the
minimum, group II's four cases, every advice and every choice; every case of a one-off expense, granted and
refused) is pinned fact by fact: the step id, the legal basis, the inputs and outputs as stored, the keys of the
rates used, the reading and the parts, in ``golden/fakta.json`` (read once by a person). A renamed input, a rate
left out, a basis cited on the wrong step or a reading dropped changes the file. The order of checks of
:func:`~socialcalc.merudgift.fakta.resolve` is pinned by the error that comes first.

Regenerate after a reviewed change with ``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/sel100/test_mutation_fakta.py``
and read the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from socialcalc.errors import InvalidInput, UnknownRate
from socialcalc.merudgift import calculate, one_off
from socialcalc.merudgift.fakta import one_off_explanation, resolve
from socialcalc.ratebook import RateBook, default_book
from socialcalc.testing import book_with
from tests.codes import raises_code

GOLDEN = Path(__file__).parent / "golden" / "fakta.json"
IN_2024, OCT_2025, MAY_2024 = date(2024, 6, 1), date(2025, 10, 1), date(2024, 5, 1)

_RATE = """
[[rate]]
key = "{key}"
unit = "{unit}"
value = {value}
valid_from = {day}
status = "derived"
source = "test: {why}"
"""


@cache
def _book(name: str) -> RateBook:
    overlays = {
        # group I pays more than group II can: advice I
        "rich_i": _RATE.format(key="sel100.komp_group1", unit="DKK/month", value=4000, day="2025-09-01",
                               why="a group I amount over group II's"),
        # group I equal to group II for 2500 kr. listed: a tie
        "tie": _RATE.format(key="sel100.komp_group1", unit="DKK/month", value=3000, day="2025-09-01",
                            why="a group I amount equal to group II's"),
        # the regulated reading of the transition rule
        "regulated": _RATE.format(key="sel100.transition_reading", unit="policy", value='"regulated"',
                                  day="2025-09-02", why="the regulated reading"),
        # a table whose only band pays the expenses: nothing for probable expenses
        "open": _RATE.format(key="sel100.bands", unit="DKK/month", value='[{ from = 600, pays = "expenses" }]',
                             day="2019-01-01", why="a table with no standard amount"),
    }
    return book_with({"national/overlay.toml": overlays[name]})


CASES: dict[str, Callable[[], Any]] = {
    "under": lambda: calculate("607", decided_on=IN_2024),
    "standard-fra": lambda: calculate("1707", decided_on=IN_2024),
    "standard-below-next": lambda: calculate("1706.99", decided_on=IN_2024),
    "full": lambda: calculate("3000", documented=True, decided_on=IN_2024),
    "probable": lambda: calculate("3000", decided_on=IN_2024),
    "yearly": lambda: calculate("7296", per="year", decided_on=IN_2024),
    "listed-old-rules": lambda: calculate("1000", listed_documented="500", decided_on=IN_2024),
    "over-edge-2023": lambda: calculate("2757", decided_on=date(2023, 6, 1)),
    "no-standard": lambda: calculate("700", decided_on=date(2019, 6, 1), rates=_book("open")),
    "transition-frozen": lambda: calculate("2000", decided_on=date(2024, 3, 1), on=date(2026, 5, 1), project=True),
    "transition-regulated": lambda: calculate("2000", decided_on=date(2024, 3, 1), on=date(2027, 3, 1),
                                              project={2027: Decimal("2.5")}, rates=_book("regulated")),
    "transition-last-day": lambda: calculate("2000", decided_on=date(2024, 3, 1), on=date(2025, 8, 31),
                                             project=True),
    "komp-under": lambda: calculate("554", decided_on=OCT_2025),
    "komp-only-i": lambda: calculate("555", decided_on=OCT_2025),
    "komp-edge": lambda: calculate("2000", listed_documented="2000", decided_on=OCT_2025),
    "komp-not-over": lambda: calculate("2500", listed_documented="1500", decided_on=OCT_2025),
    "komp-ii": lambda: calculate("2500", listed_documented="2500", decided_on=OCT_2025),
    "komp-ii-yearly": lambda: calculate("30000.06", listed_documented="30000.06", per="year", decided_on=OCT_2025),
    "komp-yearly-no-listed": lambda: calculate("30000", per="year", decided_on=OCT_2025),
    "komp-chose-i-less": lambda: calculate("2500", listed_documented="2500", group="I", decided_on=OCT_2025),
    "komp-chose-ii": lambda: calculate("2500", listed_documented="2500", group="II", decided_on=OCT_2025),
    "komp-chose-only-i": lambda: calculate("555", group="I", decided_on=OCT_2025),
    "komp-advice-i": lambda: calculate("2500", listed_documented="2500", decided_on=OCT_2025, rates=_book("rich_i")),
    "komp-chose-ii-less": lambda: calculate("2500", listed_documented="2500", group="II", decided_on=OCT_2025,
                                            rates=_book("rich_i")),
    "komp-tie": lambda: calculate("2500", listed_documented="2500", decided_on=OCT_2025, rates=_book("tie")),
    "komp-tie-chose-ii": lambda: calculate("2500", listed_documented="2500", group="II", decided_on=OCT_2025,
                                           rates=_book("tie")),
    "one-off-recipient": lambda: one_off("5000", decided_on=MAY_2024, recipient=True),
    "one-off-recipient-new-rules": lambda: one_off("5000", decided_on=OCT_2025, recipient=True),
    "one-off-no-running": lambda: one_off("7296", decided_on=MAY_2024),
    "one-off-no-running-refused": lambda: one_off("7295.99", decided_on=MAY_2024),
    "one-off-under-refused": lambda: one_off("100", running="100", decided_on=MAY_2024),
    "one-off-under-granted": lambda: one_off("6096", running="100", decided_on=MAY_2024),
    "one-off-under-yearly": lambda: one_off("6100", running="1200.06", per="year", decided_on=MAY_2024),
    "one-off-under-full": lambda: one_off("40000", running="100", documented=True, decided_on=MAY_2024),
}


def _fact(f: Any) -> dict[str, Any]:
    return {"step": f.step, "basis": f.basis, "inputs": dict(f.inputs), "outputs": dict(f.outputs),
            "rates": [r.key for r in f.rates], "reading": f.reading, "parts": [_fact(p) for p in f.parts]}


def _facts(result: Any) -> dict[str, Any]:
    e = result.explanation
    return {"title": e.title, "projected": e.projected, "steps": [_fact(f) for f in e.steps]}


def test_facts_of_every_branch() -> None:
    got = {name: _facts(make()) for name, make in CASES.items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(CASES))
def test_every_fact_renders(name: str) -> None:
    result = CASES[name]()
    for audience in ("borger", "sagsbehandler"):
        assert result.explain(audience=audience, locale="da")


def test_the_context_of_each_regime() -> None:
    book = default_book()
    old = resolve(book, IN_2024, IN_2024, None, False)
    assert (old.old, old.rates_on, old.kommune, old.deadline is not None, old.komp) == (True, IN_2024, None, True, {})
    last = resolve(book, IN_2024, date(2025, 8, 31), None, True)
    assert (last.rates_on, last.table is not None and last.table.reading) == (date(2025, 8, 31), None)
    after = resolve(book, IN_2024, date(2025, 9, 1), None, True)
    assert after.rates_on == date(2025, 8, 31)
    new = resolve(book, OCT_2025, OCT_2025, "lejre", False)
    assert (new.old, new.rates_on, new.kommune, new.table, new.deadline) == (False, OCT_2025, "lejre", None, None)
    assert sorted(new.komp) == ["group1", "minimum", "supplement", "threshold"] and new.komp_errors == {}


def test_a_missing_kompensationsydelse_rate_is_kept_until_needed() -> None:
    ctx = resolve(default_book(), OCT_2025, date(2027, 3, 1), None, False)
    assert sorted(ctx.komp_errors) == ["group1", "minimum", "supplement", "threshold"] and ctx.komp == {}


def test_the_municipality_is_checked_before_the_transition_deadline() -> None:
    # the regime is read for the municipality first: an unknown one is refused before the deadline is
    with raises_code(UnknownRate, "rate.unknown_kommune", kommune="'nowhere'"):
        calculate("1000", decided_on=date(2024, 3, 1), on=date(2027, 9, 1), kommune="nowhere")
    with raises_code(InvalidInput, "input.transition_passed"):
        calculate("1000", decided_on=date(2024, 3, 1), on=date(2027, 9, 1), kommune="lejre")


@pytest.mark.parametrize("recipient", [True, False])
def test_a_one_off_cites_for_the_municipality(recipient: bool) -> None:
    with raises_code(UnknownRate, "rate.unknown_kommune", kommune="'nowhere'"):
        one_off("5000", decided_on=MAY_2024, recipient=recipient, kommune="nowhere")
    assert one_off("5000", decided_on=MAY_2024, recipient=recipient, kommune="lejre").amount >= Decimal(0)


def test_a_one_off_not_of_a_recipient_needs_its_minimum() -> None:
    # the one-off path always passes the minimum outside case 1; called without it, an input error, not a crash
    with raises_code(InvalidInput, "input.invalid", field="decided_on", value="2024-05-01"):
        one_off_explanation(default_book(), decided=MAY_2024, kommune=None, expense=Decimal(7296), running=None,
                            months=1, documented=False, codes={"case": 1, "granted": 1, "amount": 729600},
                            minimum=None, bands=None, deadline=None, new_regime=False)
