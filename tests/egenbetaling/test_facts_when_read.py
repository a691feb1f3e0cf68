"""A stay's facts (SEL §§ 109, 110) are built when first read; every citation is looked up by ``stay`` itself."""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from socialcalc.egenbetaling import Reduction, stay
from socialcalc.egenbetaling.ophold import StayResult
from socialcalc.errors import SocialcalcError
from socialcalc.explain import Explanation
from tests.rate_dirs import directory_without

CASES: list[dict[str, Any]] = [
    {"paragraph": 109, "arrival": date(2023, 12, 28), "departure": date(2024, 1, 3)},
    {"paragraph": 110, "arrival": date(2024, 3, 3), "departure": date(2024, 3, 13), "reduction": "100"},
    {"paragraph": 110, "arrival": date(2024, 3, 3), "departure": date(2024, 3, 13),
     "reduction": Reduction.of_share("0.5")},
    {"paragraph": 109, "arrival": date(2024, 3, 3), "departure": date(2024, 3, 13), "has_income": False},
]


def _pending(result: StayResult) -> bool:
    return type(vars(result)["explanation"]).__name__ == "Later"


@pytest.mark.parametrize("case", CASES)
def test_the_figures_are_there_before_the_facts_and_they_round_trip(case: dict[str, Any]) -> None:
    r = stay(**case)
    assert isinstance(r.amount, Decimal) and _pending(r)
    assert isinstance(r.explanation, Explanation) and not _pending(r)
    assert StayResult.model_validate_json(stay(**case).model_dump_json()) == r
    assert pickle.loads(pickle.dumps(stay(**case))) == r
    assert stay(**case).explain(audience="sagsbehandler") == r.explain(audience="sagsbehandler")


@pytest.mark.parametrize(("key", "case", "unread"), [
    ("hjemmel.sel110.nedsaettelse", CASES[1], {**CASES[1], "reduction": None}),
    ("hjemmel.sel109.ingen_indtaegt", CASES[3], CASES[0]),
])
def test_a_missing_citation_is_refused_by_stay_not_when_the_facts_are_read(
        tmp_path: Path, key: str, case: dict[str, Any], unread: dict[str, Any]) -> None:
    book = directory_without(tmp_path, "national/hjemmel-egenbetaling.toml", key)
    with pytest.raises(SocialcalcError) as caught:
        stay(**case, rates=book)
    assert key in str(caught.value)
    assert stay(**unread, rates=book).explanation.steps  # a stay that does not cite it is computed
