"""The values of the rate book: units, the key catalogue, and typed rate values.

A rate's *unit* decides its type: an amount in kroner (``DKK``, ``DKK/month``, ``DKK/year``, ``DKK/day``,
``DKK/hour``) is an exact, non-negative decimal with at most two decimals; ``hours`` and ``hours/month`` are
non-negative decimals; ``months``, ``days`` and ``years`` whole numbers; ``share`` a decimal from 0 to 1;
``percent`` a decimal; ``km`` a non-negative decimal; ``policy`` one of the key's declared choices; ``date`` a
TOML date. Two structured *shapes* exist: ``bands`` (§ 100's band tables) and ``age_table``
(folkepensionsalder by birth date).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeAlias

__all__ = [
    "MONEY_UNITS",
    "UNITS",
    "AgeRow",
    "Band",
    "KeySpec",
    "Kind",
    "Project",
    "Rate",
    "RateValue",
    "Regulation",
    "Status",
]

MONEY_UNITS = frozenset({"DKK", "DKK/month", "DKK/year", "DKK/day", "DKK/hour"})
UNITS = MONEY_UNITS | frozenset(
    {"hours", "hours/month", "months", "days", "years", "km", "share", "percent", "policy", "date"}
)
SHAPES = frozenset({"scalar", "bands", "age_table"})


class Status(StrEnum):
    """Where a value comes from."""

    OFFICIAL = "official"
    """Read in the source it cites."""
    DERIVED = "derived"
    """Our arithmetic on official values (or our stated reading of a source)."""
    PROJECTED = "projected"
    """Indexed forward from an earlier year with the satsreguleringsprocent."""


class Kind(StrEnum):
    """How long a value holds."""

    YEARLY = "yearly"
    """Holds for its period only (by default from ``valid_from`` to 31 December of that year)."""
    STANDING = "standing"
    """Holds from ``valid_from`` until superseded by a later value, or until its ``valid_to``."""


class Regulation(StrEnum):
    """How a yearly amount moves from one year to the next."""

    SATSREGULERING = "satsregulering"
    """By the satsreguleringsprocent: checked against it, and projectable with it."""
    OTHER = "other"
    """By another index (price and wage index, …): not checked, not projectable."""
    NONE = "none"
    """Not regulated."""


@dataclass(frozen=True)
class Band:
    """One band of a band table: values from ``lower`` (``inclusive`` "fra", else "over") pay ``pays``.

    ``pays`` is ``None`` for "the expenses themselves" (full cover).
    """

    lower: Decimal
    inclusive: bool
    pays: Decimal | None

    def admits(self, value: Decimal) -> bool:
        """Whether ``value`` meets this band's lower bound.

        >>> Band(Decimal(1707), True, Decimal(2277)).admits(Decimal(1707))
        True
        >>> Band(Decimal(2846), False, None).admits(Decimal(2846))
        False
        """
        return value >= self.lower if self.inclusive else value > self.lower

    def __str__(self) -> str:
        bound = "fra" if self.inclusive else "over"
        pays = "udgifterne" if self.pays is None else str(self.pays)
        return f"{bound} {self.lower} → {pays}"


@dataclass(frozen=True)
class AgeRow:
    """One row of the folkepensionsalder table: persons born on or after ``born_from`` reach it at this age."""

    born_from: date | None
    years: int
    months: int

    def __str__(self) -> str:
        since = f"født fra {self.born_from.isoformat()}" if self.born_from else "født før"
        half = f" og {self.months} mdr." if self.months else ""
        return f"{since}: {self.years} år{half}"


RateValue: TypeAlias = Decimal | int | str | date | tuple[Band, ...] | tuple[AgeRow, ...]

Project: TypeAlias = bool | Decimal | Mapping[int, Decimal]
"""What a rule may project: ``False`` (strict), ``True`` (indices from the book), a ``Decimal`` percentage for
exactly one missing year, or ``{year: percentage}``."""


@dataclass(frozen=True)
class KeySpec:
    """A declared rate key (from ``rates/keys.toml``)."""

    key: str
    title: str
    paragraph: str
    unit: str
    kind: Kind
    shape: str = "scalar"
    choices: tuple[str, ...] = ()
    overridable: bool = False
    municipal_only: bool = False
    optional: bool = False
    regulation: Regulation = Regulation.NONE
    rounding: str = "none"
    ends: date | None = None
    ends_source: str = ""

    @property
    def is_money(self) -> bool:
        """Whether values of this key are amounts in kroner."""
        return self.unit in MONEY_UNITS


@dataclass(frozen=True)
class Rate:
    """One resolved rate: the value that holds for a key on a day (and in a municipality).

    ``kommune`` is the municipality whose table it came from, ``None`` for a national value. ``where`` is the
    ``file:line`` it was read from (or how it was projected).
    """

    key: str
    value: Any
    unit: str
    valid_from: date
    valid_to: date | None
    status: Status
    source: str
    kommune: str | None = None
    where: str = ""
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)
    """Values derived from this (immutable) rate, remembered once computed: its text, its record in an
    explanation. Private to socialcalc; never part of the rate's identity."""

    @property
    def projected(self) -> bool:
        """Whether the value was projected rather than published."""
        return self.status is Status.PROJECTED

    def text(self) -> str:
        """The value as text (a band table or age table as its rows, separated by ``; ``)."""
        text: str | None = self.memo.get("text")
        if text is None:
            if isinstance(self.value, tuple):
                text = "; ".join(str(row) for row in self.value)
            elif isinstance(self.value, date):
                text = self.value.isoformat()
            else:
                text = str(self.value)
            self.memo["text"] = text
        return text
