"""``socialcalc.result.Later``: a result whose facts are built when first read, once."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from pydantic import ValidationError

from socialcalc.explain import Explainer, Explanation
from socialcalc.ratebook.model import Status
from socialcalc.result import Later, Result


class _Counted:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, amount: Decimal) -> Explanation:
        self.calls += 1
        ex = Explainer("core.title.example")
        ex.fact("core.example", basis="serviceloven § 0", outputs={"amount": amount})
        return ex.build()


def _result(build: _Counted) -> Result:
    return Result.built(amount=Decimal("1041.00"), explanation=Later(build, Decimal("1041")))


def test_nothing_is_built_until_read_then_once() -> None:
    build = _Counted()
    r = _result(build)
    assert r.amount == Decimal("1041.00") and build.calls == 0
    assert r.explanation.steps[0].outputs == {"amount": "1041"} and build.calls == 1
    r.explain(), r.model_dump_json(), r.grade, r.projected, repr(r)
    assert build.calls == 1


@pytest.mark.parametrize("read", [
    lambda r: r.grade, lambda r: r.projected, lambda r: r.explain(), lambda r: r.model_dump(),
    lambda r: r.model_dump_json(), lambda r: repr(r),
    lambda r: r == Result.built(amount=Decimal("1041.00"), explanation=_Counted()(Decimal("1041"))),
])
def test_every_way_of_reading_builds_the_facts(read: object) -> None:
    build = _Counted()
    r = _result(build)
    read(r)  # type: ignore[operator]
    assert build.calls == 1


def test_a_built_when_read_result_equals_the_eager_one_and_round_trips() -> None:
    eager = Result.built(amount=Decimal("1041.00"), explanation=_Counted()(Decimal("1041")))
    lazy = _result(_Counted())
    assert lazy == eager and eager == _result(_Counted())
    assert lazy.model_dump_json() == eager.model_dump_json()
    assert Result.model_validate_json(_result(_Counted()).model_dump_json()) == eager
    assert (lazy.grade, lazy.projected) == (Status.OFFICIAL, False)


def test_a_copy_shares_what_is_built() -> None:
    build = _Counted()
    r = _result(build)
    copied = r.model_copy()
    assert copied == r and build.calls == 0  # the same pending facts: equal without building them
    assert copied.explanation is r.explanation and build.calls == 1


def test_threads_reading_at_once_see_one_equal_explanation() -> None:
    r = _result(_Counted())
    seen: list[Explanation] = []
    threads = [threading.Thread(target=lambda: seen.append(r.explanation)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(e == seen[0] for e in seen)


def test_the_fields_stay_fields_for_validation_and_are_frozen() -> None:
    assert Result.model_fields["explanation"].is_required()
    assert Result.model_fields["grade"].default is Status.OFFICIAL
    r = _result(_Counted())
    with pytest.raises(ValidationError):
        r.explanation = None  # type: ignore[misc,assignment]
    with pytest.raises(ValidationError):
        Result.model_validate({"amount": "1.00"})  # an explanation is still required from JSON
