"""Explanations: the facts of a calculation, rendered as Danish (or English) text only when asked for.

A rule records each step as a :class:`Fact`: a **step id** (the key of its sentence in the rule's text
catalog), its **legal basis** (a dated citation from the rate book), its **inputs** and **outputs** (exact
strings), the **rates** it used (key, value, grade, source) and the **reading** chosen where the law is
ambiguous. No prose is built while computing. :meth:`Explanation.render` (and ``result.explain()``) renders
the facts from the catalogs (:mod:`socialcalc.explain.render`) for an audience (``borger``: the letter text,
addressed as *du*; ``sagsbehandler``: the case-file note with every rate), a locale (``da``, ``en``) and a
format (``text``, ``markdown``, ``html``). The JSON of an :class:`Explanation` is the stable machine contract;
its ``schema_version`` says which.

Numbers and dates are formatted with babel's Danish symbols and month names:

>>> from decimal import Decimal
>>> kr(Decimal("1041"))
'1.041,00 kr.'
>>> dato(date(2025, 1, 1))
'1. januar 2025'
>>> timer(Decimal("7.5"))
'7,5 timer'
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator

from socialcalc.months import Month
from socialcalc.ratebook.model import _RANK, Rate, Status

__all__ = [
    "SCHEMA_VERSION", "Audience", "Explainer", "Explanation", "Fact", "Format", "Kroner", "Locale", "RateUsed",
    "Step", "dato", "fact", "kr", "maaned", "procent", "tal", "timer",
]

SCHEMA_VERSION = 2
"""The version of the JSON contract of an explanation (facts, not prose): 2 since step ids and catalogs."""

Audience: TypeAlias = Literal["borger", "sagsbehandler"]
Locale: TypeAlias = Literal["da", "en"]
Format: TypeAlias = Literal["text", "markdown", "html"]

_BY_RANK: tuple[Status, ...] = tuple(sorted(Status, key=lambda status: status.rank))
_EXPECTED_RANK = Status.EXPECTED.rank


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError("et kommatal (float) modtages ikke for et beløb; angiv en decimaltekst som \"1234.50\"")
    return value


Kroner = Annotated[Decimal, BeforeValidator(_no_float)]
"""A Decimal field of a result model that refuses floats (JSON: a string such as ``"1041.00"``)."""


def _grouped(value: Decimal, places: int) -> str:
    # one formatter for every text socialcalc writes: the renderer's (babel's Danish symbols, half up)
    from socialcalc.explain.render import _number

    return _number(value, places, "da")


def _months() -> tuple[str, ...]:
    from socialcalc.explain.render import _symbols

    return _symbols("da")[1]


def kr(amount: Decimal | int) -> str:
    """An amount in Danish notation with øre, rounded half up: ``1.041,00 kr.``.

    >>> kr(Decimal("-1234567.555"))
    '-1.234.567,56 kr.'
    """
    return f"{_grouped(Decimal(amount), 2)} kr."


def tal(value: Decimal | int) -> str:
    """A number in Danish notation, as many decimals as it has (``7,5``; ``1.005``).

    >>> tal(Decimal("1234.5"))
    '1.234,5'
    """
    d = Decimal(value)
    exponent = d.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return _grouped(d, places)


def timer(hours: Decimal | int) -> str:
    """Hours in Danish: ``15 timer``, ``1 time``, ``7,5 timer``."""
    d = Decimal(hours).normalize() if Decimal(hours) != 0 else Decimal(0)
    return f"{tal(d)} {'time' if d == 1 else 'timer'}"


def procent(share: Decimal) -> str:
    """A share as a Danish percentage: ``Decimal("0.30")`` → ``30 %``.

    >>> procent(Decimal("0.05"))
    '5 %'
    """
    return f"{tal((share * 100).normalize())} %"


def maaned(month: Month) -> str:
    """A month in Danish, with babel's month names: ``oktober 2025``.

    >>> maaned(Month(1999, 10))
    'oktober 1999'
    """
    return f"{_months()[month.month - 1]} {month.year}"


def dato(day: date) -> str:
    """A date in Danish, with babel's month names: ``1. januar 2025``."""
    return f"{day.day}. {_months()[day.month - 1]} {day.year}"


def text_of(value: object) -> str:
    """A fact's value as an exact string: a date ISO, a month ``YYYY-MM``, a bool ``true``/``false``.

    >>> text_of(Decimal("1.50")), text_of(date(2025, 3, 1)), text_of(Month(2025, 3)), text_of(True)
    ('1.50', '2025-03-01', '2025-03', 'true')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    enum_value = getattr(value, "value", None)
    if isinstance(enum_value, str):
        return enum_value
    return "" if value is None else str(value)


def _texts(values: Mapping[str, object] | None) -> dict[str, str]:
    return {k: text_of(v) for k, v in (values or {}).items()}


class RateUsed(BaseModel):
    """A rate a step used, with everything a caseworker needs to find it in its source.

    ``value`` is the value as exact text; a table (``shape`` ``bands`` or ``age_table``) also has its ``rows``
    as fields (a band: ``lower``, ``inclusive``, ``pays``, empty for the expenses themselves; an age row:
    ``born_from``, ``years``, ``months``), so it is rendered as Danish prose from the catalog.
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    key: str
    value: str
    unit: str
    valid_from: date
    status: str
    source: str
    kommune: str | None = None
    origin: str | None = None
    """The overlay file and line the value came from (``None`` for the packaged book)."""
    shape: str = "scalar"
    rows: tuple[dict[str, str], ...] = ()

    @property
    def grade(self) -> Status:
        """The rate's grade (its status as an ordered :class:`~socialcalc.ratebook.model.Status`)."""
        try:
            return Status(self.status)
        except ValueError:
            return Status.EXPECTED

    @classmethod
    def of(cls, rate: Rate) -> RateUsed:
        """The record of a :class:`~socialcalc.ratebook.model.Rate` from the rate book (built once per rate)."""
        used = rate.memo.get("used")
        if not isinstance(used, cls):
            shape, rows = _rows(rate.value)
            # built from the rate book's own typed values: not validated again (nor its validator built)
            used = built(cls, key=rate.key, value=rate.text(), unit=rate.unit, valid_from=rate.valid_from,
                         status=rate.status.value, source=rate.source, kommune=rate.kommune, origin=rate.origin,
                         shape=shape, rows=rows)
            rate.memo["used"] = used
        return used

    def render(self, locale: Locale = "da") -> str:
        """One line: the rate's title (Danish) or key (English), value, date, grade, kommune and source."""
        from socialcalc.explain.render import rate_line

        return rate_line(self, locale)


def _rows(value: object) -> tuple[str, tuple[dict[str, str], ...]]:
    from socialcalc.ratebook.model import AgeRow, Band

    if isinstance(value, tuple) and value and isinstance(value[0], Band):
        return "bands", tuple({"lower": str(b.lower), "inclusive": text_of(b.inclusive),
                               "pays": "" if b.pays is None else str(b.pays)} for b in value)
    if isinstance(value, tuple) and value and isinstance(value[0], AgeRow):
        return "age_table", tuple({"born_from": text_of(r.born_from), "years": str(r.years),
                                   "months": str(r.months)} for r in value)
    return "scalar", ()


class Fact(BaseModel):
    """One step of a calculation, as facts: what the rule decided, on what basis, from which values and rates.

    ``step`` is the id of the step's sentence in its rule's catalog (``sel100.band.standard``); ``basis`` the
    legal basis in Danish legal style, from a dated citation in the rate book; ``inputs`` and ``outputs`` exact
    strings; ``rates`` the rates used; ``reading`` the catalog id of the reading chosen where the law is
    ambiguous; ``parts`` sub-facts (the rows of a table, the months of a bank).
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    step: str
    basis: str = ""
    inputs: dict[str, str] = {}
    outputs: dict[str, str] = {}
    rates: tuple[RateUsed, ...] = ()
    reading: str | None = None
    parts: tuple[Fact, ...] = ()

    @property
    def rule(self) -> str:
        """The step id (the name the legacy ``Step`` had for it)."""
        return self.step

    @property
    def paragraph(self) -> str:
        """The legal basis (the name the legacy ``Step`` had for it)."""
        return self.basis

    @property
    def output(self) -> str | None:
        """The legacy single output (``outputs["output"]``), if any."""
        return self.outputs.get("output")

    def value(self, name: str) -> str | None:
        """The output ``name``, else the input ``name``, else ``None``."""
        return self.outputs.get(name, self.inputs.get(name))


Step = Fact
"""The name of a :class:`Fact` before explanations were facts (kept for callers)."""


def fact(
    step: str,
    *,
    basis: Rate | str | None = None,
    inputs: Mapping[str, object] | None = None,
    outputs: Mapping[str, object] | None = None,
    rates: Iterable[Rate] = (),
    reading: str | None = None,
    parts: Iterable[Fact] = (),
) -> Fact:
    """A :class:`Fact` (values stored as exact text; a ``basis`` rate of unit ``citation`` stored as its text).

    >>> fact("sel100.table.row", inputs={"lower": Decimal("608")}).inputs
    {'lower': '608'}
    """
    # built by the library from typed values: not validated again (validation is at the JSON boundary)
    return built(Fact, step=step, basis=_basis(basis), inputs=_texts(inputs), outputs=_texts(outputs),
                 rates=tuple(RateUsed.of(r) for r in rates), reading=reading, parts=tuple(parts))


_Model = TypeVar("_Model", bound=BaseModel)


@functools.cache
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, ...], dict[str, Callable[[], Any]]]:
    """The field names of ``cls`` in order, and a maker of each default (read once per class)."""
    makers: dict[str, Callable[[], Any]] = {}
    for name, info in cls.__pydantic_fields__.items():
        if info.default_factory is not None:
            makers[name] = info.default_factory  # type: ignore[assignment]  # no factory here takes arguments
        elif not info.is_required():
            makers[name] = functools.partial(_same, info.default)
    return tuple(cls.__pydantic_fields__), makers


@functools.lru_cache(maxsize=1024)
def _plan(cls: type[BaseModel], names: tuple[str, ...]) -> tuple[tuple[str, Callable[[], Any] | None], ...] | None:
    """How to order the fields ``names`` of ``cls`` (read once per class and set of names): ``None`` if they are
    every field in the model's order (JSON is written in this order), else each field with the maker of its
    default where it was left out."""
    order, defaults = _fields(cls)
    if names == order:
        return None
    given = set(names)
    unknown = given.difference(order)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
    missing = set(order).difference(given, defaults)
    if missing:
        raise TypeError(f"{cls.__name__} needs the field {sorted(missing)[0]!r}")
    return tuple((name, None if name in given else defaults[name]) for name in order)


def _same(value: Any) -> Any:
    # a mutable default is copied, as pydantic copies it for each validated instance
    return copy.deepcopy(value) if isinstance(value, (dict, list, set)) else value


def built(cls: type[_Model], **values: Any) -> _Model:
    """An instance of the frozen model ``cls`` from ``values`` (each already of its field's type), not validated.

    A field left out gets its default, as validation would give it.

    For what the library builds itself from typed values (facts, explanations): pydantic validates input at the
    JSON boundary and at the public functions; inside, a second validation costs more than the calculation, and
    pydantic's own ``model_construct`` is slower still. The instance equals a validated one and round-trips
    through JSON.

    >>> built(Fact, step="core.example", basis="", inputs={}, outputs={}, rates=(), reading=None, parts=()) \\
    ...     == Fact(step="core.example")
    True
    """
    return built_from(cls, values)


def built_from(cls: type[_Model], values: dict[str, Any]) -> _Model:
    """:func:`built` from a dict of the field values (the dict is kept as the instance's own: not reused after)."""
    names = tuple(values)
    plan = None if names == _fields(cls)[0] else _plan(cls, names)
    if plan is not None:
        # a field left out gets the default a validated instance would have (a default is never validated)
        values = {name: values[name] if make is None else make() for name, make in plan}
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(names))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _basis(basis: Rate | str | None) -> str:
    if basis is None:
        return ""
    if isinstance(basis, str):
        return basis
    return str(basis.value)


class Explanation(BaseModel):
    """The facts of one calculation: a title id and its steps."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    title: str
    steps: tuple[Fact, ...]
    schema_version: int = SCHEMA_VERSION
    """The version of this JSON contract (:data:`SCHEMA_VERSION`); another version is refused on reading."""

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v != SCHEMA_VERSION:
            raise ValueError(f"schema_version {v} er ikke {SCHEMA_VERSION}, den version denne socialcalc læser")
        return v

    @property
    def grade(self) -> Status:
        """The weakest grade of the rates used (official < secondary < derived < projected); official if none."""
        return self._graded[0]

    @property
    def projected(self) -> bool:
        """Whether any step used a projected rate."""
        return self._graded[1]

    @functools.cached_property
    def _graded(self) -> tuple[Status, bool]:
        # once per explanation, from the statuses used (as RateUsed.grade reads them: unknown is expected)
        statuses = {r.status for r in self._rates}
        weakest = max((_RANK.get(status, _EXPECTED_RANK) for status in statuses), default=0)
        return _BY_RANK[weakest], "projected" in statuses

    def rates(self) -> list[RateUsed]:
        """Every rate used, once each, in the order first used (sub-facts' rates included)."""
        return list(self._rates)

    @functools.cached_property
    def _rates(self) -> tuple[RateUsed, ...]:
        # computed once per (immutable) explanation: grade, projected and the case-file note all read it
        seen: dict[tuple[str, date, str | None, str], RateUsed] = {}

        def walk(facts: Iterable[Fact]) -> None:
            for s in facts:
                for r in s.rates:
                    seen.setdefault((r.key, r.valid_from, r.kommune, r.status), r)
                walk(s.parts)

        walk(self.steps)
        return tuple(seen.values())

    def render(self, audience: Audience = "borger", locale: Locale = "da", format: Format = "text",
               amount: Decimal | None = None) -> str:
        """The explanation as text for ``audience`` in ``locale`` and ``format`` (see :mod:`socialcalc.explain.render`).

        >>> ex = Explainer("core.title.example"); ex.fact("core.example", outputs={"amount": Decimal(5)})
        >>> print(ex.build().render())
        Eksempel
        Eksemplet giver 5,00 kr.
        """
        from socialcalc.explain.render import render

        return render(self, audience=audience, locale=locale, format=format, amount=amount)


class Explainer:
    """Collects the facts of one calculation while it runs (local to one call; never shared).

    >>> ex = Explainer("core.title.example")
    >>> ex.fact("core.example", outputs={"amount": Decimal("1041")})
    >>> ex.build().steps[0].outputs
    {'amount': '1041'}
    """

    def __init__(self, title: str) -> None:
        self.title = title
        self._steps: list[Fact] = []

    def fact(
        self,
        step: str,
        *,
        basis: Rate | str | None = None,
        inputs: Mapping[str, object] | None = None,
        outputs: Mapping[str, object] | None = None,
        rates: Iterable[Rate] = (),
        reading: str | None = None,
        parts: Iterable[Fact] = (),
    ) -> None:
        """Add a fact (see :func:`fact`)."""
        self._steps.append(fact(step, basis=basis, inputs=inputs, outputs=outputs, rates=rates, reading=reading,
                                parts=parts))

    def add(self, step: Fact) -> None:
        """Add a fact built before (a fact is frozen: one built once may be shared by many explanations)."""
        self._steps.append(step)

    def build(self) -> Explanation:
        """The finished explanation."""
        return built(Explanation, title=self.title, steps=tuple(self._steps), schema_version=SCHEMA_VERSION)

