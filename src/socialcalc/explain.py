"""Explanations: the steps of a calculation, in Danish, with the rates each step used.

Every result carries an :class:`Explanation`: a list of :class:`Step` s, each naming the rule and its §, a
Danish sentence a caseworker can paste into a decision letter, the inputs, the rates used (key, value, unit,
valid_from, status, source) and the step's output. :meth:`Explanation.render` prints it as Danish text; numbers
and dates are formatted with babel (``1.041,00 kr.``, ``1. januar 2025``).

>>> from decimal import Decimal
>>> kr(Decimal("1041"))
'1.041,00 kr.'
>>> dato(date(2025, 1, 1))
'1. januar 2025'
>>> timer(Decimal("7.5"))
'7,5 timer'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from babel.core import Locale
from pydantic import BaseModel, BeforeValidator, ConfigDict

from socialcalc.months import Month
from socialcalc.ratebook.model import STATUS_DA, Rate, Status

__all__ = [
    "Explainer", "Explanation", "Kroner", "RateUsed", "Step", "dato", "kr", "maaned", "procent", "tal", "timer",
]

_LOCALE = "da_DK"
_UNITS_DA = {
    "DKK": "kr.",
    "DKK/month": "kr./md.",
    "DKK/year": "kr./år",
    "DKK/day": "kr./døgn",
    "DKK/hour": "kr./time",
    "hours": "timer",
    "hours/month": "timer/md.",
    "months": "måneder",
    "days": "dage",
    "years": "år",
    "km": "km",
    "share": "",
    "percent": "%",
    "policy": "",
    "date": "",
}
_STATUS_DA = STATUS_DA


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError("a float is not accepted for an amount; use a decimal string such as \"1234.50\"")
    return value


Kroner = Annotated[Decimal, BeforeValidator(_no_float)]
"""A Decimal field of a result model that refuses floats (JSON: a string such as ``"1041.00"``)."""


@functools.cache
def _danish() -> tuple[dict[int, int], tuple[str, ...]]:
    """Babel's Danish number symbols (as a translation table) and month names, read once."""
    locale = Locale.parse(_LOCALE)
    symbols = locale.number_symbols["latn"]
    table = str.maketrans({",": symbols["group"], ".": symbols["decimal"]})
    months = tuple(locale.months["format"]["wide"][m] for m in range(1, 13))
    return table, months


def _grouped(value: Decimal, places: int) -> str:
    # Python formats a Decimal exactly; round half up first, then swap in babel's Danish symbols
    exact = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if places else value
    return f"{exact:,.{places}f}".translate(_danish()[0])


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
    return f"{_danish()[1][month.month - 1]} {month.year}"


def dato(day: date) -> str:
    """A date in Danish, with babel's month names: ``1. januar 2025``."""
    return f"{day.day}. {_danish()[1][day.month - 1]} {day.year}"


def _rate_text(value: str, unit: str) -> str:
    try:
        number = Decimal(value)
    except Exception:
        return value
    if unit == "share":
        return procent(number)
    if unit.startswith("DKK"):
        return f"{tal(number)} {_UNITS_DA[unit]}"
    suffix = _UNITS_DA.get(unit, unit)
    return f"{tal(number)} {suffix}".rstrip()


class RateUsed(BaseModel):
    """A rate a step used, with everything a caseworker needs to find it in its source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    value: str
    unit: str
    valid_from: date
    status: str
    source: str
    kommune: str | None = None
    origin: str | None = None
    """The overlay file and line the value came from (``None`` for the packaged book)."""

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
            used = cls(key=rate.key, value=rate.text(), unit=rate.unit, valid_from=rate.valid_from,
                       status=rate.status.value, source=rate.source, kommune=rate.kommune, origin=rate.origin)
            rate.memo["used"] = used
        return used

    def render(self) -> str:
        """One Danish line: key, value, date, grade (officiel, sekundær kilde, afledt, fremskrevet) and source."""
        where = f", {self.kommune.capitalize()} Kommune" if self.kommune else ""
        origin = f"; fra kommunens egne satser: {self.origin}" if self.origin else ""
        return (f"{self.key} = {_rate_text(self.value, self.unit)} (gældende fra {dato(self.valid_from)}, "
                f"{_STATUS_DA.get(self.status, self.status)}{where}; kilde: {self.source}{origin})")


class Step(BaseModel):
    """One step of a calculation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    """The rule, e.g. ``"ledsageordning.tilskud"``."""
    paragraph: str
    """The legal basis, e.g. ``"SEL § 97 stk. 7"``."""
    text: str
    """A Danish sentence saying what was done and why."""
    inputs: dict[str, str] = {}
    rates: tuple[RateUsed, ...] = ()
    output: str | None = None


class Explanation(BaseModel):
    """The steps of one calculation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    steps: tuple[Step, ...]

    @property
    def grade(self) -> Status:
        """The weakest grade of the rates used (official < secondary < derived < projected); official if none."""
        return max((r.grade for s in self.steps for r in s.rates), default=Status.OFFICIAL)

    @property
    def projected(self) -> bool:
        """Whether any step used a projected rate."""
        return any(r.status == "projected" for s in self.steps for r in s.rates)

    def rates(self) -> list[RateUsed]:
        """Every rate used, once each, in the order first used."""
        seen: dict[tuple[str, date, str | None], RateUsed] = {}
        for s in self.steps:
            for r in s.rates:
                seen.setdefault((r.key, r.valid_from, r.kommune), r)
        return list(seen.values())

    def render(self) -> str:
        """The explanation as Danish text, one numbered line per step, then the rates used."""
        lines = [self.title]
        for n, s in enumerate(self.steps, 1):
            lines.append(f"{n}. {s.text} ({s.paragraph})")
        used = self.rates()
        if used:
            lines.append("Anvendte satser:")
            lines.extend(f"- {r.render()}" for r in used)
        if self.projected:
            lines.append("Bemærk: beregningen bygger på fremskrevne satser, ikke offentliggjorte.")
        return "\n".join(lines)


class Explainer:
    """Collects the steps of one calculation while it runs (local to one call; never shared).

    >>> ex = Explainer("Eksempel")
    >>> ex.step("eksempel", "SEL § 0", "Et trin.", output="1")
    >>> ex.build().render()
    'Eksempel\\n1. Et trin. (SEL § 0)'
    """

    def __init__(self, title: str) -> None:
        self.title = title
        self._steps: list[Step] = []

    def step(
        self,
        rule: str,
        paragraph: str,
        text: str,
        *,
        inputs: Mapping[str, object] | None = None,
        rates: Iterable[Rate] = (),
        output: object = None,
    ) -> None:
        """Add a step; inputs and output are stored as text (exact: ``str`` of a Decimal)."""
        # plain (validated) construction: pydantic-core validates faster than model_construct builds
        self._steps.append(Step(
            rule=rule,
            paragraph=paragraph,
            text=text,
            inputs={k: str(v) for k, v in (inputs or {}).items()},
            rates=tuple(RateUsed.of(r) for r in rates),
            output=None if output is None else str(output),
        ))

    def build(self) -> Explanation:
        """The finished explanation."""
        return Explanation(title=self.title, steps=tuple(self._steps))
