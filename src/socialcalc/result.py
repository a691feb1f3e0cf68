"""The base of every result: frozen, exact, explained, and JSON round-trippable.

Each rule's result model derives from :class:`Result`: it carries ``amount`` (exact ``Decimal`` kroner), the
:class:`~socialcalc.explain.Explanation` of how it was reached, ``projected`` (``True`` if any rate used was
projected rather than published: the model refuses to be built with a projected rate and ``projected=False``),
and ``grade``: the weakest grade of the rates used (``official < secondary < derived < projected``), computed
from the explanation.

``result.model_dump_json()`` and ``Model.model_validate_json(text)`` round-trip exactly (amounts are JSON
strings such as ``"1234.50"``, never binary floats); ``Model.model_json_schema()`` exports the JSON Schema.
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, model_validator

from socialcalc.explain import Audience, Explanation, Format, Kroner, Locale, built
from socialcalc.ratebook.model import Status

__all__ = ["Result"]


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
    projected: bool = False
    grade: Status = Status.OFFICIAL
    """The weakest grade of the rates used (official < secondary < derived < projected), computed from the
    explanation: ``if result.grade > Status.OFFICIAL`` refuses anything below official."""

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
        only inside the library (validation is at the JSON boundary and at the public inputs).

        >>> from decimal import Decimal
        >>> from socialcalc.explain import Explainer
        >>> ex = Explainer("core.title.example")
        >>> ex.fact("core.example", basis="serviceloven § 0", outputs={"amount": Decimal("1041")})
        >>> e = ex.build()
        >>> Result.built(amount=Decimal("1041.00"), explanation=e) == Result(amount=Decimal("1041.00"), explanation=e)
        True
        """
        explanation: Explanation = values["explanation"]
        values["grade"] = explanation.grade
        values["projected"] = explanation.projected
        return built(cls, **values)

    def explain(self, audience: Audience = "borger", locale: Locale = "da", format: Format = "text") -> str:
        """The explanation, ending with the result: the letter text (``borger``, addressed as *du*) or the
        case-file note (``sagsbehandler``, with every rate, its grade and source), in Danish (``da``) or English
        (``en``), as ``text``, ``markdown`` or ``html`` (escaped, unstyled). Rendered from the rules' catalogs
        now, never while computing (:mod:`socialcalc.explain.render`)."""
        return self.explanation.render(audience, locale, format, amount=self.amount)

    def __repr_args__(self) -> Any:
        # keep reprs short: the explanation is long and printed by explain()
        for name, value in super().__repr_args__():
            yield (name, "…" if name == "explanation" else value)
