"""Every sentence of the §§ 107–110 catalogs is used by some case, and every fact the rules emit has one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from socialcalc.egenbetaling import Couple, Reduction, prepayment, sel107, sel108, settlement, stay
from socialcalc.explain import Explanation, Fact
from socialcalc.explain.render import catalog
from socialcalc.result import Result
from tests.egenbetaling.books import CALENDAR_KOMMUNE, calendar_book

PREFIXES = ("sel107.", "sel108.", "sel109.", "sel110.", "egenbetaling.")


def _cases() -> Iterator[Result]:
    for p in (109, 110):
        yield stay(p, date(2024, 3, 3), date(2024, 3, 13))
        yield stay(p, date(2024, 3, 3), date(2024, 3, 3))
        yield stay(p, date(2023, 12, 28), date(2024, 1, 3))
        yield stay(p, date(2024, 3, 3), date(2024, 3, 13), has_income=False)
        yield stay(p, date(2024, 3, 3), date(2024, 3, 13), kommune=CALENDAR_KOMMUNE, rates=calendar_book())
        for r in (Reduction.kroner("100"), Reduction.kroner("5000"), Reduction.of_share("0.5"), Reduction.waiver()):
            yield stay(p, date(2024, 3, 3), date(2024, 3, 13), reduction=r)
        yield prepayment(p, date(2024, 3, 1), 31)
        for actual in (12, 31, 40):
            yield settlement(p, date(2024, 3, 1), 31, actual)
    kw = {"fixed_expenses": 1500, "included_items_cost": 8000, "on": date(2025, 1, 1), "kommune": "lejre"}
    yield sel107(net_income=12000, board_included=True, **kw)
    yield sel107(net_income=0, board_included=False, **kw)
    yield sel107(net_income=3000, board_included=False, **kw)
    yield sel107(net_income=12000, board_included=False, keeps_own_dwelling=True, housing_part_cost=3000, **kw)
    on = date(2024, 6, 1)
    yield sel108(income_basis=300000, dwelling_costs=60000, on=on)
    yield sel108(income_basis=300000, dwelling_costs=20000, on=on, electricity=100)
    yield sel108(income_basis=20000, dwelling_costs=60000, on=on, single_pensioner=True)
    yield sel108(income_basis=200000, dwelling_costs=60000, on=on, dependants_set_aside=1000, kompensationsbeloeb=500)
    yield sel108(income_basis=200000, dwelling_costs=60000, on=on, single_pensioner=True, dependants_set_aside=10,
                 kompensationsbeloeb=10**6)
    yield sel108(income_basis=300000, dwelling_costs=60000, on=date(2023, 6, 1),
                 couple=Couple(joint_income=Decimal(300000), social_pension=Decimal(288710)))


def _ids(explanation: Explanation) -> Iterator[str]:
    yield explanation.title
    stack: list[Fact] = list(explanation.steps)
    while stack:
        f = stack.pop()
        yield f.step
        if f.reading:
            yield f.reading
        stack.extend(f.parts)
        for r in f.rates:
            if r.unit == "policy":
                prefix, rest = r.key.split(".", 1)
                yield f"{prefix}.choice.{rest}.{r.value}"


def test_every_entry_is_used_and_every_fact_has_an_entry() -> None:
    used: set[str] = set()
    for result in _cases():
        used.update(_ids(result.explanation))
        for audience in ("borger", "sagsbehandler"):
            for locale in ("da", "en"):
                result.explain(audience, locale)  # type: ignore[arg-type]
    ours = {i for i in catalog("da") if i.startswith(PREFIXES)}
    assert used - ours == set(), "facts without an entry"
    assert ours - used == set(), "entries no case uses"
