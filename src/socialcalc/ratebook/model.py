"""The values of the rate book: units, the key catalogue, and typed rate values.

A rate's *unit* decides its type: an amount in kroner (``DKK``, ``DKK/month``, ``DKK/year``, ``DKK/day``,
``DKK/hour``) is an exact, non-negative decimal with at most two decimals; ``hours`` and ``hours/month`` are
non-negative decimals; ``months``, ``days`` and ``years`` whole numbers; ``share`` a decimal from 0 to 1;
``percent`` a decimal; ``km`` a non-negative decimal; ``policy`` one of the key's declared choices; ``date`` a
TOML date; ``citation`` a legal basis in Danish legal style (``hjemmel.*`` keys: the citation a step of an
explanation gives for the day). Two structured *shapes* exist: ``bands`` (§ 100's band tables) and ``age_table``
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
    "INDEX_FILES",
    "MONEY_UNITS",
    "STATUS_DA",
    "UNITS",
    "AgeRow",
    "Band",
    "Entry",
    "Expected",
    "Grade",
    "KeySpec",
    "Kind",
    "Percent",
    "Project",
    "Rate",
    "RateValue",
    "Regulation",
    "Status",
]

MONEY_UNITS = frozenset({"DKK", "DKK/month", "DKK/year", "DKK/day", "DKK/hour"})
UNITS = MONEY_UNITS | frozenset(
    {"hours", "hours/month", "months", "days", "years", "km", "share", "percent", "policy", "date", "citation"}
)
SHAPES = frozenset({"scalar", "bands", "age_table"})


class Status(StrEnum):
    """Where a value comes from: its *grade*, ordered from the surest to the least sure.

    ``official < secondary < derived < projected < expected``: a case system refuses anything below official
    with one comparison, ``if result.grade > Status.OFFICIAL: …``.

    >>> Status.OFFICIAL < Status.SECONDARY < Status.DERIVED < Status.PROJECTED
    True
    >>> max([Status.OFFICIAL, Status.DERIVED, Status.SECONDARY]).danish
    'afledt'
    """

    OFFICIAL = "official"
    """Read in the law, a bekendtgørelse or the ministry's table it cites."""
    SECONDARY = "secondary"
    """Read on a municipal or NGO page that quotes the official figure."""
    DERIVED = "derived"
    """Our arithmetic on official values (the method is in the source text), or our stated reading of a source."""
    PROJECTED = "projected"
    """Indexed forward at run time from an earlier year (never stored in a rate file)."""
    EXPECTED = "expected"
    """Announced, or drafted for a person to confirm, but not published: strict mode refuses it."""

    @property
    def rank(self) -> int:
        """0 for official, 1 secondary, 2 derived, 3 projected, 4 expected."""
        return _RANK[self.value]

    @property
    def danish(self) -> str:
        """The grade in Danish, as explanations print it."""
        return STATUS_DA[self.value]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank >= other.rank



_RANK = {"official": 0, "secondary": 1, "derived": 2, "projected": 3, "expected": 4}
STATUS_DA = {"official": "officiel", "secondary": "sekundær kilde", "derived": "afledt",
             "projected": "fremskrevet", "expected": "forventet"}
"""The grades in Danish."""

Grade = Status
"""The grade of a result: the weakest :class:`Status` of the rates it used."""


class Kind(StrEnum):
    """How long a value holds."""

    YEARLY = "yearly"
    """Holds for its period only (by default from ``valid_from`` to 31 December of that year)."""
    STANDING = "standing"
    """Holds from ``valid_from`` until superseded by a later value, or until its ``valid_to``."""


class Regulation(StrEnum):
    """How a yearly amount moves from one year to the next: the index it follows."""

    SATSREGULERING = "satsregulering"
    """By the satsreguleringsprocent (lov om en satsreguleringsprocent): checked against it, projectable with it."""
    TILPASNING = "tilpasning_plus_2"
    """By "2 pct. tillagt eller fratrukket tilpasningsprocenten" (the PSL § 20 rate; e.g. BEK 1387/2006 § 17
    stk. 2): checked against it, projectable with it."""
    OTHER = "other"
    """By an index our sources do not name: not checked; projectable only with a percentage the caller gives."""
    NONE = "none"
    """Not regulated."""

    @property
    def indexed(self) -> bool:
        """Whether the book holds the index's yearly figures (so it can check and project on its own)."""
        return self in (Regulation.SATSREGULERING, Regulation.TILPASNING)

    @property
    def danish(self) -> str:
        """The index named in Danish."""
        return _REGULATION_DA[self.value]


_REGULATION_DA = {
    "satsregulering": "satsreguleringsprocenten",
    "tilpasning_plus_2": "2 pct. ± tilpasningsprocenten",
    "other": "et indeks, som vores kilder ikke nævner",
    "none": "ingen regulering",
}

INDEX_FILES = {Regulation.SATSREGULERING: "satsregulering.toml", Regulation.TILPASNING: "tilpasning_plus_2.toml"}
"""The file of each index the book holds, in a rate directory."""


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
class Entry:
    """One value of one key as written in a file (before resolution)."""

    key: str
    kommune: str | None
    value: Any
    unit: str
    valid_from: date
    valid_to: date | None
    status: Status
    source: str
    where: str
    supersedes: str = ""
    """An overlay's stated reason for replacing a packaged official figure."""
    origin: str | None = None
    """The overlay file and line it came from (``None`` for the base directory)."""


@dataclass(frozen=True)
class Expected:
    """A value announced but not yet published: a lookup says so instead of "no value"."""

    key: str
    kommune: str | None
    valid_from: date
    note: str
    where: str
    value: Any = None
    """The drafted figure of a ``[[rate]]`` record with ``status = "expected"`` (``None`` if only announced)."""
    unit: str = ""


@dataclass(frozen=True)
class Percent:
    """The yearly figure of an index (the satsreguleringsprocent, or 2 % ± tilpasningsprocent)."""

    year: int
    percent: Decimal
    status: Status
    source: str
    where: str
    supersedes: str = ""


class FrozenMemo(dict[str, Any]):
    """A rate's memo once its book is shared: read-only, so no caller can alter what later lookups see."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a rate of a loaded rate book is immutable")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[type[FrozenMemo], tuple[dict[str, Any]]]:
        return FrozenMemo, (dict(self),)  # pickled whole (pickle would otherwise fill it item by item)


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
    origin: str | None = None
    """For a value read from an overlay directory: that file and line (``None`` for the packaged book)."""
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
