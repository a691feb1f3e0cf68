"""Tests that kill the mutants of ``merudgift/kompensation.py``: the kompensationsydelse, SEL § 100 stk. 2.

:func:`~socialcalc.merudgift.kompensation.kompensation` on the spec's worked examples of October 2025 (554 → nothing,
555 → group I 1105, listed 2000 → only group I, listed 2500 → group II 3000), a chosen group, yearly figures paid
to the øre half up, a listed figure more precise than øre; every amount as written (``"1105.00"``), and the same
answer as :func:`~socialcalc.merudgift.calculate` gives.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from socialcalc.merudgift import calculate
from socialcalc.merudgift.kompensation import Kompensation, kompensation
from socialcalc.ratebook import default_book

D = Decimal
OCT_2025 = date(2025, 10, 1)
RATES = default_book().at(OCT_2025)

CASES = [
    # expenses, listed, per, chosen, groups, recommended, group, amount
    ("554", None, "month", None, {}, None, None, "0.00"),
    ("554.99", "554.99", "month", None, {}, None, None, "0.00"),
    ("555", None, "month", None, {"I": "1105.00"}, "I", "I", "1105.00"),
    ("2000", "2000", "month", None, {"I": "1105.00"}, "I", "I", "1105.00"),
    ("2500", "2500", "month", None, {"I": "1105.00", "II": "3000.00"}, "II", "II", "3000.00"),
    ("2500", "2500", "month", "I", {"I": "1105.00", "II": "3000.00"}, "II", "I", "1105.00"),
    ("2500", "2500", "month", "II", {"I": "1105.00", "II": "3000.00"}, "II", "II", "3000.00"),
    ("2500", "2000.005", "month", None, {"I": "1105.00", "II": "2500.01"}, "II", "II", "2500.01"),
    ("6660", None, "year", None, {"I": "1105.00"}, "I", "I", "1105.00"),
    ("6659.99", None, "year", None, {}, None, None, "0.00"),
    ("30000.06", "30000.06", "year", None, {"I": "1105.00", "II": "3000.01"}, "II", "II", "3000.01"),
    ("24000", "24000", "year", None, {"I": "1105.00"}, "I", "I", "1105.00"),
]


@pytest.mark.parametrize(("expenses", "listed", "per", "chosen", "groups", "recommended", "group", "amount"), CASES)
def test_kompensation(expenses: str, listed: str | None, per: str, chosen: str | None, groups: dict[str, str],
                      recommended: str | None, group: str | None, amount: str) -> None:
    months = 12 if per == "year" else 1
    k = kompensation(D(expenses), None if listed is None else D(listed), months, chosen=chosen,  # type: ignore[arg-type]
                     rates=RATES)
    assert isinstance(k, Kompensation)
    assert ({n: str(v) for n, v in k.groups.items()}, k.recommended, k.group, str(k.amount)) == (
        groups, recommended, group, amount)
    r = calculate(expenses, listed_documented=listed, per=per, group=chosen, decided_on=OCT_2025)
    assert (r.groups, r.recommended_group, r.group, r.amount) == (k.groups, k.recommended, k.group, k.amount)
