"""``coerce.exact``: the library's decimal context, entered once per outermost call.

A nested ``exact`` call runs in the context its caller entered (no second copy); a caller's context, or any
other context set between two library calls, is never used for the library's arithmetic and is restored as it
was, also when the call raises.
"""

from __future__ import annotations

import threading
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow, getcontext, localcontext

import pytest

from socialcalc.coerce import CONTEXT, exact
from socialcalc.errors import InvalidInput


def _settings(ctx: Context) -> tuple[object, ...]:
    return (ctx.prec, ctx.rounding, ctx.Emin, ctx.Emax, ctx.capitals, ctx.clamp,
            {s for s, on in ctx.traps.items() if on})


@exact
def _inner() -> Context:
    return getcontext()


@exact
def _outer() -> tuple[Context, Context]:
    return getcontext(), _inner()


@exact
def _third(x: Decimal) -> Decimal:
    return x / 3


def test_a_nested_call_runs_in_the_context_already_entered() -> None:
    caller = getcontext()
    outer, inner = _outer()
    assert inner is outer  # entered once, not copied again
    assert outer is not caller and outer is not CONTEXT  # a copy: CONTEXT itself is never the live context
    assert _settings(outer) == _settings(CONTEXT)
    assert getcontext() is caller


def test_the_callers_context_is_neither_used_nor_changed() -> None:
    with localcontext() as ctx:
        ctx.clear_flags()  # a copy of this thread's context: earlier tests may have raised a signal in it
        ctx.prec, ctx.rounding = 3, "ROUND_DOWN"
        ctx.traps[InvalidOperation] = False
        assert _third(Decimal(1)) == Decimal("0.3333333333333333333333333333")
        assert _settings(_inner()) == _settings(CONTEXT)
        assert getcontext() is ctx and ctx.prec == 3 and not ctx.traps[InvalidOperation]
        assert not ctx.flags[InvalidOperation] and not ctx.flags[Overflow]


def test_a_context_set_inside_the_library_is_not_taken_for_the_librarys() -> None:
    @exact
    def wider() -> tuple[Context, Context]:
        with localcontext(Context(prec=60)) as ctx:
            return ctx, _inner()

    ctx, inner = wider()
    assert inner is not ctx and _settings(inner) == _settings(CONTEXT)


def test_the_context_is_restored_when_the_call_raises() -> None:
    @exact
    def fails() -> None:
        _inner()
        raise InvalidInput("x", 1, "a test")

    @exact
    def divides() -> Decimal:
        return _third(Decimal(1)) / 0

    caller = getcontext()
    with pytest.raises(InvalidInput):
        fails()
    assert getcontext() is caller
    with pytest.raises(InvalidInput) as err:  # a trapped signal becomes the library's error, as before
        divides()
    assert isinstance(err.value.__cause__, DivisionByZero)
    assert getcontext() is caller


def test_each_thread_enters_its_own_context() -> None:
    seen: list[Context] = []

    def run() -> None:
        outer, inner = _outer()
        assert inner is outer
        seen.append(outer)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in seen}) == len(threads)
