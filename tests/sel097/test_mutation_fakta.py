"""Tests that kill the mutants of ``ledsageordning/fakta.py``: the facts of a § 97 bank month and expense grant.

Every branch of :func:`month_facts` (hours lapsed; none lapsed yet, the month before the first lapse, at the
first lapse and one month after it; a deduction or none; cut at the cap or not; hours used or none; hours left
or none) and both of :func:`grant_facts` are pinned fact by fact, the whole explanation as stored (step id,
basis, inputs, outputs, rates used, parts) in ``golden/fakta.json`` (read once by a person). The rate book has
an overlay in which the grant's citation changes on 1 February, so that the grant's citation read on another
day than 1 January of its year is seen; an unknown municipality is refused by the citations (the § 97
citations are national: ``keys.toml`` lets no municipality override them).

Regenerate after a reviewed change with ``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/sel097/test_mutation_fakta.py``
and read the diff.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from socialcalc.errors import UnknownRate
from socialcalc.explain import Explanation
from socialcalc.ledsageordning.fakta import cite, grant_facts, month_facts
from socialcalc.months import Month
from socialcalc.ratebook import Rate, RateBook
from socialcalc.testing import book_with

GOLDEN = Path(__file__).parent / "golden" / "fakta.json"
KOMMUNE = "lejre"
_FEBRUARY = """\
[[rate]]
key = "hjemmel.sel097.tilskud"
unit = "citation"
value = "tilskud fra 1. februar 2024"
valid_from = 2024-02-01
status = "official"
source = "test overlay: a citation that changes on 1 February"
"""


@functools.cache
def _book() -> RateBook:
    return book_with({"national/februar.toml": _FEBRUARY})


def _rates(month: Month, kommune: str | None) -> tuple[Rate, Rate, Rate, Rate]:
    at = _book().at(month.first_day, kommune)
    per, saving, cap, order = (at.get(f"sel097.{k}") for k in ("hours_per_month", "saving_months", "max_hours",
                                                               "order_of_use"))
    return per, saving, cap, order


def _month(month: str, *, kommune: str | None = KOMMUNE, start: str = "2024-01", saving: int = 6,
           cap: int = 5400, opening: int = 0, lapsed: tuple[tuple[str, int], ...] = (), deduction: int = 0,
           granted: int = 900, lost: int = 0, used: tuple[tuple[str, int], ...] = (),
           closing: tuple[tuple[str, int], ...] = ()) -> Explanation:
    m = Month.parse(month)

    def lots(pairs: tuple[tuple[str, int], ...]) -> tuple[tuple[Month, int], ...]:
        return tuple((Month.parse(g), n) for g, n in pairs)

    return month_facts(book=_book(), kommune=kommune, month=m, start=Month.parse(start), rates=_rates(m, kommune),
                       saving=saving, per_month=900, cap=cap, order="oldest_first", opening=opening,
                       lapsed=lots(lapsed), deduction=deduction, granted=granted, lost=lost, used=lots(used),
                       closing=lots(closing))


def _lots(*months: str, each: int = 900) -> tuple[tuple[str, int], ...]:
    return tuple((m, each) for m in months)


# each month adds up: opening − lapsed = after the lapse; granted − lost = credited; after the lapse + credited =
# available; available − used = closing (the lots oldest first, the used ones in the order of use)
CASES: dict[str, Callable[[], Explanation]] = {
    # a cap of 50 hours (passed as the decision's figure; the builder reads no rate value): 5 hours of February
    # lapse, a deduction of 2 hours, the grant cut to 5 hours, 5.5 hours used from March's grant
    "lapsed-deduction-cut-used": lambda: _month(
        "2024-08", cap=3000, opening=3000, lapsed=(("2024-02", 300),), deduction=120, granted=780, lost=480,
        used=(("2024-03", 330),),
        closing=(("2024-03", 570), ("2024-04", 900), ("2024-05", 600), ("2024-06", 300), ("2024-08", 300))),
    # two months after the start: nothing can have lapsed yet (the first lapse is in July); all hours used
    "none-yet-all-used": lambda: _month("2024-03", opening=1800, used=_lots("2024-01", "2024-02", "2024-03"),
                                        closing=()),
    # the month before the first lapse, the month of it (January's hours were used) and one after it (the saving
    # period is 6 months)
    "none-yet-month-before": lambda: _month(
        "2024-06", opening=4500, closing=_lots("2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06")),
    "none-at-first-lapse": lambda: _month(
        "2024-07", opening=4500, closing=_lots("2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07")),
    "none-one-after": lambda: _month(
        "2024-08", opening=3600, closing=_lots("2024-03", "2024-04", "2024-05", "2024-06", "2024-08")),
    # a case without a municipality: a deduction of 1 hour, 1 hour used (oldest first)
    "national": lambda: _month("2024-08", kommune=None, opening=900, deduction=60, granted=840,
                               used=(("2024-07", 60),), closing=(("2024-07", 840), ("2024-08", 840))),
}


def _grant(year: int, kommune: str | None, capped: bool) -> Explanation:
    rate = _book().at(Month(year, 1).first_day, kommune).get("sel097.expense_grant_max")
    spent = Decimal("1200.50") if capped else Decimal("700.25")
    return grant_facts(book=_book(), kommune=kommune, year=year, expenses=spent, maximum=Decimal(rate.value),
                       amount=min(spent, Decimal(rate.value)), capped=capped, rate=rate)


GRANTS: dict[str, Callable[[], Explanation]] = {
    "grant-full-lejre": lambda: _grant(2024, KOMMUNE, False),
    "grant-capped-national": lambda: _grant(2024, None, True),
}


def test_facts_of_every_branch() -> None:
    got = {name: make().model_dump(mode="json") for name, make in {**CASES, **GRANTS}.items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


OPSPARING = "serviceloven § 97, jf. § 6, stk. 1, i bekendtgørelse nr. 235/2012"
BEVILLING = "serviceloven § 97, stk. 1"
RAEKKEFOELGE = "serviceloven § 97, jf. § 6 i bekendtgørelse nr. 235/2012"
TILSKUD = "serviceloven § 97, stk. 7, jf. § 9 i bekendtgørelse nr. 235/2012"


def test_cite_reads_the_first_day_and_refuses_an_unknown_municipality() -> None:
    assert cite(_book(), Month(2024, 3), KOMMUNE, "opsparing").value == OPSPARING
    assert cite(_book(), Month(2024, 2), None, "tilskud").value == "tilskud fra 1. februar 2024"
    assert cite(_book(), Month(2024, 1), None, "tilskud").value == TILSKUD
    with pytest.raises(UnknownRate) as caught:
        cite(_book(), Month(2024, 3), "atlantis", "opsparing")
    assert "atlantis" in str(caught.value)


def test_the_grant_refuses_an_unknown_municipality() -> None:
    rate = _book().at(Month(2024, 1).first_day, None).get("sel097.expense_grant_max")
    with pytest.raises(UnknownRate):
        grant_facts(book=_book(), kommune="atlantis", year=2024, expenses=Decimal(1), maximum=Decimal(rate.value),
                    amount=Decimal(1), capped=False, rate=rate)


def _steps(e: Explanation) -> list[tuple[str, str]]:
    return [(f.step, f.basis) for f in e.steps]


def test_the_steps_and_their_basis() -> None:
    assert _steps(CASES["lapsed-deduction-cut-used"]()) == [
        ("sel097.bank.bortfald.lapsed", OPSPARING), ("sel097.bank.bevilling.fradrag", BEVILLING),
        ("sel097.bank.loft.cut", OPSPARING), ("sel097.bank.forbrug.used", RAEKKEFOELGE),
        ("sel097.bank.saldo.lots", "")]
    assert _steps(CASES["none-yet-all-used"]()) == [
        ("sel097.bank.bortfald.none_yet", OPSPARING), ("sel097.bank.bevilling.standard", BEVILLING),
        ("sel097.bank.loft.ok", OPSPARING), ("sel097.bank.forbrug.used", RAEKKEFOELGE),
        ("sel097.bank.saldo.empty", "")]
    assert _steps(CASES["none-one-after"]())[3:] == [("sel097.bank.forbrug.none", ""), ("sel097.bank.saldo.lots", "")]
    assert _steps(CASES["none-at-first-lapse"]())[0] == ("sel097.bank.bortfald.none", OPSPARING)
    assert _steps(CASES["none-yet-month-before"]())[0] == ("sel097.bank.bortfald.none_yet", OPSPARING)
    # the grant of a year cites what holds on 1 January (the overlay's February wording is not read)
    assert _steps(GRANTS["grant-full-lejre"]()) == [("sel097.tilskud.full", TILSKUD)]
    assert _steps(GRANTS["grant-capped-national"]()) == [("sel097.tilskud.capped", TILSKUD)]


def test_figures_of_the_cut_and_the_lapse_months() -> None:
    cut = CASES["lapsed-deduction-cut-used"]().steps[2]
    assert (dict(cut.inputs), dict(cut.outputs)) == ({"cap": "50", "after_lapse": "45"},
                                                     {"credited": "5", "lost": "8"})
    assert CASES["none-yet-all-used"]().steps[0].inputs["first_lapse"] == "2024-07"
    assert CASES["none-one-after"]().steps[0].inputs["cutoff"] == "2024-02"
