"""§ 100's facts are built when first read (``socialcalc.result.Later``), and equal the eagerly built ones."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from socialcalc.errors import RateNotPublished, SocialcalcError
from socialcalc.explain import Explanation
from socialcalc.merudgift import beregning, calculate
from socialcalc.merudgift.fakta import merudgift_explanation, resolve
from socialcalc.merudgift.model import MerudgiftResult
from socialcalc.merudgift.strategies import (
    expenses,
    kompensation_expenses,
    regime1_decision_dates,
    regime2_decision_dates,
)
from socialcalc.ratebook import default_book
from socialcalc.ratebook.model import Status
from socialcalc.result import Later, Result
from socialcalc.testing import book_with
from tests.rate_dirs import directory_without

MARCH_2024 = date(2024, 3, 1)
OCT_2025 = date(2025, 10, 1)


def _pending(result: Result, name: str = "explanation") -> bool:
    return type(vars(result)[name]).__name__ in {"Later", "_Graded"}


def _eager(result: MerudgiftResult, **kwargs: Any) -> MerudgiftResult:
    """The same case with its explanation built at once, as before facts were built when read."""
    book = default_book()
    ctx = resolve(book, result.decided_on, kwargs.get("on") or result.decided_on, None, False)
    months = 12 if kwargs.get("per") == "year" else 1
    expenses = Decimal(kwargs["expenses"])
    listed = kwargs.get("listed_documented")
    listed = None if listed is None else Decimal(listed)
    chosen = beregning._GROUP_CODES[kwargs.get("group")]
    documented = kwargs.get("documented", False)
    codes = beregning.decide(ctx, expenses, months, documented, listed, chosen)
    explanation = merudgift_explanation(book, ctx, expenses=expenses, months=months, documented=documented,
                                        listed=listed, chosen=chosen, codes=codes)
    return beregning.result_of(ctx, codes, expenses, months, documented, explanation)


def test_the_amount_is_there_before_the_facts_are_built() -> None:
    r = calculate("1800", decided_on=MARCH_2024)
    assert r.amount == Decimal("2277.00") and r.band == 2
    assert _pending(r) and _pending(r, "grade") and _pending(r, "projected")
    assert isinstance(r.explanation, Explanation) and not _pending(r)
    assert r.grade is Status.OFFICIAL and r.projected is False and not _pending(r, "grade")


def test_the_facts_are_built_once_and_kept() -> None:
    r = calculate("1800", decided_on=MARCH_2024)
    first = r.explanation
    assert r.explanation is first and r.explain() == r.explain()
    later = Later(lambda: first)
    assert later.value() is later.value() is first


@pytest.mark.parametrize("kwargs", [
    {"expenses": "1800"}, {"expenses": "3000", "documented": True}, {"expenses": "12000", "per": "year"},
    {"expenses": "500"}, {"expenses": "2000", "listed_documented": "100"},
])
def test_each_way_of_reading_builds_the_same_facts_as_before(kwargs: dict[str, Any]) -> None:
    def fresh() -> MerudgiftResult:
        return calculate(kwargs["expenses"], decided_on=MARCH_2024,
                         **{k: v for k, v in kwargs.items() if k != "expenses"})

    eager = _eager(fresh(), **kwargs)
    assert fresh() == eager and eager == fresh()
    assert fresh().model_dump_json() == eager.model_dump_json()
    assert fresh().model_dump() == eager.model_dump()
    assert fresh().explain(audience="sagsbehandler") == eager.explain(audience="sagsbehandler")
    assert repr(fresh()) == repr(eager)
    assert pickle.loads(pickle.dumps(fresh())) == eager
    assert copy.deepcopy(fresh()) == eager and copy.copy(fresh()) == eager
    assert fresh().model_copy() == eager
    assert MerudgiftResult.model_validate_json(fresh().model_dump_json()) == eager
    assert (fresh().grade, fresh().projected) == (eager.grade, eager.projected)


def test_a_result_inside_another_model_or_a_list_is_written_whole() -> None:
    class Letter(BaseModel):
        result: MerudgiftResult

    eager = _eager(calculate("1800", decided_on=MARCH_2024), expenses="1800")
    assert Letter(result=calculate("1800", decided_on=MARCH_2024)).model_dump_json() == \
        Letter(result=eager).model_dump_json()
    many = TypeAdapter(list[MerudgiftResult])
    assert many.dump_json([calculate("1800", decided_on=MARCH_2024)]) == many.dump_json([eager])


def test_the_facts_are_built_in_the_librarys_decimal_context_whatever_the_callers() -> None:
    # a yearly figure is divided by 12 in the facts: under a caller's 3-digit context it would be cut short
    r = calculate("20000", per="year", decided_on=MARCH_2024)
    with localcontext() as ctx:
        ctx.prec = 3
        monthly = r.explanation.steps[1].outputs["monthly"]
    assert monthly == "1666.666666666666666666666667"


def test_a_result_is_still_frozen() -> None:
    r = calculate("1800", decided_on=MARCH_2024)
    for name, value in (("explanation", None), ("grade", Status.DERIVED), ("projected", True)):
        with pytest.raises(ValidationError):
            setattr(r, name, value)
    assert _pending(r)


def test_a_missing_citation_is_refused_by_calculate_not_when_the_facts_are_read() -> None:
    # a regime and a table a year before the packaged citations begin (2018): no legal basis to cite
    book = book_with({"national/early.toml": """
[[rate]]
key = "sel100.regime"
unit = "policy"
value = "merudgiftsydelse"
valid_from = 2017-01-01
status = "derived"
source = "test: a regime before the citations"

[[rate]]
key = "sel100.bands"
unit = "DKK/month"
value = [{ from = 600, pays = 1100 }]
valid_from = 2017-01-01
status = "derived"
source = "test"
"""})
    assert calculate("1800", decided_on=date(2018, 3, 1), rates=book).explanation.steps
    with pytest.raises(SocialcalcError) as caught:
        calculate("700", decided_on=date(2017, 6, 1), rates=book)
    assert "hjemmel.sel100" in str(caught.value)


def test_a_projected_result_says_so_when_read() -> None:
    r = calculate("1800", decided_on=date(2027, 10, 1), listed_documented="1800", project=Decimal("3.0"))
    assert _pending(r, "projected")
    assert r.projected is True and r.grade is Status.PROJECTED
    assert MerudgiftResult.model_validate_json(r.model_dump_json()) == r


def test_the_json_schema_of_a_written_result_keeps_its_fields_types_and_defaults() -> None:
    schema = MerudgiftResult.model_json_schema(mode="serialization")
    fields = schema["properties"]
    assert fields["explanation"] == {"$ref": "#/$defs/Explanation"}
    assert fields["grade"] == {"$ref": "#/$defs/Status", "default": "official"}
    assert fields["projected"] == {"default": False, "title": "Projected", "type": "boolean"}


@settings(max_examples=60, deadline=None)
@given(st.one_of(
    st.tuples(st.just("old"), regime1_decision_dates(), expenses().map(lambda x: (x, None)), st.booleans(),
              st.sampled_from(["month", "year"])),
    st.tuples(st.just("new"), regime2_decision_dates(), kompensation_expenses(), st.just(False),
              st.sampled_from(["month", "year"]))))
def test_facts_when_read_equal_facts_built_at_once(case: tuple[Any, ...]) -> None:
    _, day, (total, listed), documented, per = case
    kwargs: dict[str, Any] = {"expenses": str(total), "per": per, "documented": documented}
    if listed is not None:
        kwargs["listed_documented"] = str(listed)
    try:
        eager = _eager(calculate(total, decided_on=day, per=per, documented=documented, listed_documented=listed),
                       **kwargs)
    except SocialcalcError:
        with pytest.raises(SocialcalcError):
            calculate(total, decided_on=day, per=per, documented=documented, listed_documented=listed)
        return
    lazy = calculate(total, decided_on=day, per=per, documented=documented, listed_documented=listed)
    assert lazy.model_dump_json() == eager.model_dump_json()
    assert lazy == eager and lazy.explain() == eager.explain()


def test_the_rates_of_a_day_are_kept_apart_by_how_they_were_projected() -> None:
    # True and Decimal(1) hash and compare alike: one must not be answered with the rates of the other
    one_percent = calculate("1800", decided_on=date(2027, 10, 1), project=Decimal(1))
    assert one_percent.projected
    with pytest.raises(RateNotPublished):
        calculate("1800", decided_on=date(2027, 10, 1), project=True)
    assert calculate("1800", decided_on=date(2027, 10, 1), project=Decimal(1)) == one_percent


@pytest.mark.parametrize(("key", "case"), [
    ("hjemmel.sel100.kompensation", {"expenses": "2500", "listed_documented": "2500", "decided_on": OCT_2025}),
    ("hjemmel.sel100.overgang", {"expenses": "1800", "decided_on": date(2025, 6, 1), "on": date(2026, 3, 1),
                                 "project": True}),
])
def test_a_citation_missing_from_a_whole_directory_is_refused_by_calculate(tmp_path: Path, key: str,
                                                                           case: dict[str, Any]) -> None:
    book = directory_without(tmp_path, "national/hjemmel-sel100.toml", key)
    with pytest.raises(SocialcalcError) as caught:
        calculate(**case, rates=book)
    assert key in str(caught.value)
    assert calculate(**case).explanation.steps  # the packaged tables have it
