"""The base of every result: frozen, exact, explained, and JSON round-trippable.

Each rule's result model derives from :class:`Result`: it carries ``amount`` (exact ``Decimal`` kroner), the
:class:`~socialcalc.explain.Explanation` of how it was reached, ``projected`` (``True`` if any rate used was
projected rather than published: the model refuses to be built with a projected rate and ``projected=False``),
and ``grade``: the weakest grade of the rates used (``official < secondary < derived < projected``), computed
from the explanation.

``result.model_dump_json()`` and ``Model.model_validate_json(text)`` round-trip exactly (amounts are JSON
strings such as ``"1234.50"``, never binary floats); ``Model.model_json_schema()`` exports the JSON Schema.

**Facts built when read.** A rule may hand :meth:`Result.built` its explanation *not yet built*: a :class:`Later`
holding the builder and what it needs. The amount and the rule's own fields are there at once; the facts (and
``grade``/``projected``, which are read from them) are built the first time anything reads them: the attribute,
``explain()``, ``model_dump``/``model_dump_json`` (also as part of another model), ``==``, ``repr``, pickle or a
copy. Each is built once per result, in the library's decimal context, and is equal to the eagerly built one. A
rule hands over a :class:`Later` only where the builder cannot fail once the amount was computed (every rate
and citation it reads was looked up before), so a result is never partial.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator
from pydantic_core import PydanticUndefined

from socialcalc.coerce import exact
from socialcalc.explain import Audience, Explanation, Format, Kroner, Locale, built_from
from socialcalc.ratebook.model import Status

__all__ = ["Later", "Result"]


class _Pending:
    """A value not computed yet: equal to, hashed, printed, pickled and copied as the value it computes."""

    __slots__ = ()

    def value(self) -> Any:
        raise NotImplementedError  # pragma: no cover - each kind says how it computes its value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Pending):
            other = other.value()
        return bool(self.value() == other)

    def __hash__(self) -> int:
        return hash(self.value())

    def __repr__(self) -> str:
        return repr(self.value())

    def __reduce__(self) -> tuple[Callable[[Any], Any], tuple[Any]]:
        return _same, (self.value(),)

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return copy.deepcopy(self.value(), memo)


class Later(_Pending):
    """An explanation not built yet: its builder and arguments, called once, on first read (see the module).

    The builder runs in the library's decimal context (:func:`socialcalc.coerce.exact`), whatever the caller's
    context is when it reads the facts. A :class:`Later` is equal to the explanation it builds, and pickles and
    copies as that explanation.

    >>> from decimal import Decimal
    >>> from socialcalc.explain import Explainer
    >>> def facts(amount: Decimal) -> Explanation:
    ...     ex = Explainer("core.title.example")
    ...     ex.fact("core.example", outputs={"amount": amount})
    ...     return ex.build()
    >>> later = Later(facts, Decimal(5))
    >>> later.value().steps[0].outputs, later == facts(Decimal(5))
    ({'amount': '5'}, True)
    """

    __slots__ = ("_todo", "_value")

    def __init__(self, build: Callable[..., Explanation], /, *args: Any) -> None:
        # the builder and its arguments in one slot, read at once (a thread reading while another finishes sees
        # either both or the built value)
        self._todo: tuple[Callable[..., Explanation], tuple[Any, ...]] | None = (build, args)
        self._value: Explanation | None = None

    def value(self) -> Explanation:
        """The explanation, built now if it was not yet (once: later reads return the same object)."""
        value = self._value
        if value is None:
            todo = self._todo
            if todo is None:  # pragma: no cover - another thread built it between the two reads
                value = self._value
                assert value is not None
                return value
            value = _in_context(*todo)
            self._value = value
            self._todo = None  # what it was built from is no longer held
        return value


@exact
def _in_context(build: Callable[..., Explanation], args: tuple[Any, ...]) -> Explanation:
    return build(*args)


def _same(value: Any) -> Any:
    return value


class _Graded(_Pending):
    """``grade`` or ``projected`` of an explanation not built yet (read from it when built)."""

    __slots__ = ("later", "name")

    def __init__(self, later: Later, name: str) -> None:
        self.later, self.name = later, name

    def value(self) -> Any:
        return getattr(self.later.value(), self.name)


class _OnRead:
    """The attribute of a field that may hold a :class:`Later` (or its grade): built on the first read, then
    kept in the instance's ``__dict__`` like any field. On the class it reads as no default (pydantic then keeps
    the field as the parent declared it)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return PydanticUndefined
        fields = obj.__dict__
        value = fields[self.name]
        if isinstance(value, _Pending):
            value = value.value()
            fields[self.name] = value
        return value

    def __set__(self, obj: Any, value: Any) -> None:  # pragma: no cover - BaseModel refuses first (frozen)
        raise AttributeError(f"{self.name} of a result cannot be set (results are frozen)")


class Result(BaseModel):
    """A calculated amount with its explanation.

    >>> from decimal import Decimal
    >>> from socialcalc.explain import Explainer
    >>> ex = Explainer("core.title.example")
    >>> ex.fact("core.example", basis="serviceloven § 0", outputs={"amount": Decimal("1041")})
    >>> r = Result(amount=Decimal("1041.00"), explanation=ex.build(), projected=False)
    >>> Result.model_validate_json(r.model_dump_json()) == r
    True
    >>> r.grade.value, r.grade > r.grade.OFFICIAL
    ('official', False)
    >>> print(r.explain())
    Eksempel
    Eksemplet giver 1.041,00 kr. (serviceloven § 0).
    Beløb: 1.041,00 kr.
    >>> print(r.explain(audience="sagsbehandler", format="markdown"))
    **Eksempel**
    <BLANKLINE>
    1. Eksemplet giver 1.041,00 kr. (serviceloven § 0).
    <BLANKLINE>
    Resultat: 1.041,00 kr.
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    amount: Kroner
    explanation: Explanation
    # the defaults are repeated for the JSON Schema of a written result (its serializers would drop them)
    projected: bool = Field(False, json_schema_extra={"default": False})
    grade: Status = Field(Status.OFFICIAL, json_schema_extra={"default": Status.OFFICIAL.value})
    """The weakest grade of the rates used (official < secondary < derived < projected), computed from the
    explanation: ``if result.grade > Status.OFFICIAL`` refuses anything below official."""

    # facts not yet built are built when written, for JSON and model_dump alike (also inside another model); each
    # serializer returns the field's own type, so the JSON Schema of a written result is that of its fields
    @field_serializer("explanation")
    def _explanation_written(self, value: Explanation | Later) -> Explanation:
        return value.value() if isinstance(value, Later) else value

    @field_serializer("projected")
    def _projected_written(self, value: bool | _Graded) -> bool:
        return bool(value.value()) if isinstance(value, _Graded) else value

    @field_serializer("grade")
    def _grade_written(self, value: Status | _Graded) -> Status:
        return Status(value.value()) if isinstance(value, _Graded) else value

    @model_validator(mode="before")
    @classmethod
    def _grade_from_explanation(cls, data: Any) -> Any:
        # the grade is the explanation's: computed, never left to the rule; a given grade must agree
        if isinstance(data, dict) and "explanation" in data:
            explanation = data["explanation"]
            if not isinstance(explanation, Explanation):
                explanation = Explanation.model_validate(explanation)
                data = {**data, "explanation": explanation}
            computed = explanation.grade
            given = data.get("grade")
            if given is not None and Status(given) != computed:
                raise ValueError(f"grade = {given!r}, men de anvendte satser giver {computed.value!r}")
            data = {**data, "grade": computed}
        return data

    @model_validator(mode="after")
    def _projection_is_declared(self) -> Result:
        if self.explanation.projected and not self.projected:
            raise ValueError("et resultat beregnet med en fremskrevet sats (projected) skal have projected=True")
        return self

    @classmethod
    def built(cls, **values: Any) -> Self:
        """The result from ``values`` the library computed itself (each of its field's type), not validated again.

        ``grade`` and ``projected`` are the explanation's, as validation gives them; a result is built this way
        only inside the library (validation is at the JSON boundary and at the public inputs). ``explanation``
        may be a :class:`Later`: then the facts, ``grade`` and ``projected`` are built when first read.

        >>> from decimal import Decimal
        >>> from socialcalc.explain import Explainer
        >>> ex = Explainer("core.title.example")
        >>> ex.fact("core.example", basis="serviceloven § 0", outputs={"amount": Decimal("1041")})
        >>> e = ex.build()
        >>> Result.built(amount=Decimal("1041.00"), explanation=e) == Result(amount=Decimal("1041.00"), explanation=e)
        True
        """
        head = {"amount": values.pop("amount")} if "amount" in values else {}  # else refused below, by name
        explanation: Explanation | Later = values.pop("explanation")
        projected: Any
        grade: Any
        if isinstance(explanation, Later):
            projected, grade = _Graded(explanation, "projected"), _Graded(explanation, "grade")
        else:
            projected, grade = explanation.projected, explanation.grade
        # Result's fields first, in its order: a rule that gives the rest in its model's order is not reordered
        return built_from(cls, {**head, "explanation": explanation, "projected": projected, "grade": grade, **values})

    def explain(self, audience: Audience = "borger", locale: Locale = "da", format: Format = "text") -> str:
        """The explanation, ending with the result: the letter text (``borger``, addressed as *du*) or the
        case-file note (``sagsbehandler``, with every rate, its grade and source), in Danish (``da``) or English
        (``en``), as ``text``, ``markdown`` or ``html`` (escaped, unstyled). Rendered from the rules' catalogs
        now, never while computing (:mod:`socialcalc.explain.render`)."""
        return self.explanation.render(audience, locale, format, amount=self.amount)

    def __repr_args__(self) -> Any:
        # keep reprs short: the explanation is long and printed by explain()
        for name, value in super().__repr_args__():
            if name == "explanation":
                yield (name, "…")
            else:
                yield (name, value.value() if isinstance(value, _Pending) else value)


for _name in ("explanation", "projected", "grade"):
    # after the class is made (pydantic reads its fields first); inherited by every rule's result model
    setattr(Result, _name, _OnRead(_name))
