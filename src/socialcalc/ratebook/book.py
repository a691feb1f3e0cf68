"""The rate book: every value of every key, resolved by date and municipality, strictly.

:meth:`RateBook.at` fixes a day and (optionally) a municipality; :meth:`Rates.get` then gives the value of a
key that holds on that day, the municipality's own value before the national one. A key with no value for the
day raises :class:`~socialcalc.errors.RateNotPublished`, naming the key, the day and the last known value:
another period's value is never reused silently.

Projection is opt-in: ``at(day, project=True)`` indexes the latest published value of a yearly amount that is
regulated by the satsreguleringsprocent forward, year by year, with the percentages in
``rates/satsregulering.toml``; ``project=Decimal("2.5")`` supplies the percentage for every year that file does
not hold. A projected rate has ``status = "projected"``, and every result computed from it says so.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from socialcalc import coerce
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.money import apply_rounding
from socialcalc.ratebook.loader import Entry, Expected, Percent
from socialcalc.ratebook.model import Band, KeySpec, Kind, Project, Rate, Regulation, Status

__all__ = ["RateBook", "Rates", "Span", "normalise_kommune"]


@dataclass(frozen=True)
class Span:
    """An entry with the period it actually holds for (``end`` is inclusive; ``None`` is open-ended)."""

    entry: Entry
    end: date | None
    resolved: Rate = field(init=False, repr=False, compare=False)
    """The span as a :class:`~socialcalc.ratebook.model.Rate`, built once (the book is immutable)."""

    def __post_init__(self) -> None:
        e = self.entry
        rate = Rate(e.key, e.value, e.unit, e.valid_from, self.end, e.status, e.source, e.kommune, e.where)
        object.__setattr__(self, "resolved", rate)

    def covers(self, day: date) -> bool:
        """Whether the span holds on ``day``."""
        return self.entry.valid_from <= day and (self.end is None or day <= self.end)

    def rate(self) -> Rate:
        """The span as a :class:`~socialcalc.ratebook.model.Rate` (the same object every time)."""
        return self.resolved


def normalise_kommune(kommune: str | None) -> str | None:
    """The canonical (lowercase) name of a municipality, refusing names that are not plain names.

    >>> normalise_kommune(" Lejre ")
    'lejre'
    >>> normalise_kommune("../x")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: kommune = '../x': en kommune angives ved sit navn med små bogstaver, \
fx 'lejre'
    """
    return coerce.kommune(kommune)


class RateBook:
    """Every rate, by key, municipality and period. Immutable; build it with :func:`socialcalc.load_rates`.

    >>> from socialcalc import load_rates
    >>> book = load_rates()
    >>> book.at(date(2024, 6, 1)).get("sel097.expense_grant_max").valid_from
    datetime.date(2024, 1, 1)
    >>> book.at(date(2024, 6, 1), "lemvig").get("sel097.order_of_use").value
    'current_month_then_newest_saved'
    """

    def __init__(
        self,
        keys: Mapping[str, KeySpec],
        entries: Iterable[Entry],
        expected: Iterable[Expected],
        percents: Mapping[int, Percent],
        kommuner: Iterable[str],
        warnings: Iterable[Any] = (),
    ) -> None:
        self._keys = dict(keys)
        self._percents = dict(percents)
        self.kommuner: frozenset[str] = frozenset(kommuner)
        """The municipalities that have a table."""
        self.warnings: tuple[Any, ...] = tuple(warnings)
        """Warnings found when the book was checked (e.g. a published figure that drifts from its index)."""
        grouped: dict[tuple[str, str | None], list[Entry]] = {}
        for e in entries:
            grouped.setdefault((e.key, e.kommune), []).append(e)
        self._spans: dict[tuple[str, str | None], list[Span]] = {}
        self._starts: dict[tuple[str, str | None], list[date]] = {}
        for scope, items in grouped.items():
            items.sort(key=lambda e: e.valid_from)
            spans = spans_of(self._keys[scope[0]], items)
            self._spans[scope] = spans
            self._starts[scope] = [s.entry.valid_from for s in spans]
        self._expected: dict[tuple[str, str | None], list[Expected]] = {}
        for x in expected:
            self._expected.setdefault((x.key, x.kommune), []).append(x)

    # -- looking things up ----------------------------------------------------------------------------------

    def at(self, day: date, kommune: str | None = None, *, project: Project = False) -> Rates:
        """The rates that hold on ``day`` in ``kommune`` (national only if ``None``).

        ``project``: ``False`` (strict, the default), ``True`` (project missing yearly amounts with the stored
        satsreguleringsprocent) or a ``Decimal`` percentage for years without a stored one.
        """
        day = coerce.day(day, "day")
        name = normalise_kommune(kommune)
        if name is not None and name not in self.kommuner:
            known = ", ".join(sorted(self.kommuner)) or "none"
            raise UnknownRate(code="rate.unknown_kommune", kommune=repr(kommune), known=known)
        if isinstance(project, float) or not isinstance(project, bool | Decimal):
            raise InvalidInput("project", repr(project), "project is True, False or a Decimal percentage")
        if isinstance(project, Decimal):
            project = coerce.amount(project, "project")  # NaN, infinities and absurd percentages refused
        return Rates(self, day, name, project)

    def spec(self, key: str) -> KeySpec:
        """The declaration of ``key``; :class:`~socialcalc.errors.UnknownRate` if there is none."""
        try:
            return self._keys[key]
        except KeyError:
            import difflib

            near = difflib.get_close_matches(key, list(self._keys), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise UnknownRate(f"unknown rate key {key!r}{hint}") from None

    def keys(self) -> list[str]:
        """Every declared key, sorted."""
        return sorted(self._keys)

    def history(self, key: str, kommune: str | None = None) -> list[Rate]:
        """Every value of ``key`` in one table (national if ``kommune`` is ``None``), oldest first."""
        self.spec(key)
        return [s.rate() for s in self._spans.get((key, normalise_kommune(kommune)), [])]

    def latest(self, key: str, kommune: str | None = None) -> Rate:
        """The latest value of ``key`` (the municipality's if it has one), whatever its date.

        For standing legal limits a rule needs before any date is known (e.g. the day a rule came into force).
        """
        spec = self.spec(key)
        name = normalise_kommune(kommune)
        for scope in ([(key, name)] if name and spec.overridable else []) + [(key, None)]:
            spans = self._spans.get(scope)
            if spans:
                return spans[-1].rate()
        raise RateNotPublished(key, "any date", None, "the book holds no value of it", can_project=False)

    def percent(self, year: int) -> Percent | None:
        """The stored satsreguleringsprocent of ``year``, if any."""
        return self._percents.get(year)

    def percents(self) -> dict[int, Percent]:
        """Every stored satsreguleringsprocent, by year."""
        return dict(self._percents)

    def _span(self, key: str, kommune: str | None, day: date) -> Span | None:
        scope = (key, kommune)
        starts = self._starts.get(scope)
        if not starts:
            return None
        i = bisect.bisect_right(starts, day) - 1
        if i >= 0:
            span = self._spans[scope][i]
            if span.covers(day):
                return span
        return None

    def _last_before(self, key: str, kommune: str | None, day: date) -> Span | None:
        scope = (key, kommune)
        starts = self._starts.get(scope)
        if not starts:
            return None
        i = bisect.bisect_right(starts, day) - 1
        return self._spans[scope][i] if i >= 0 else None

    def _expected_at(self, key: str, kommune: str | None, day: date) -> Expected | None:
        for x in self._expected.get((key, kommune), []):
            if x.valid_from <= day and (x.valid_from.year == day.year or self._keys[key].kind is Kind.STANDING):
                return x
        return None


def spans_of(spec: KeySpec, entries: list[Entry]) -> list[Span]:
    """The periods that sorted ``entries`` of one key in one table actually hold for."""
    spans = []
    for n, e in enumerate(entries):
        if e.valid_to is not None:
            end: date | None = e.valid_to
        elif spec.kind is Kind.YEARLY:
            end = date(e.valid_from.year, 12, 31)
        elif n + 1 < len(entries):
            end = entries[n + 1].valid_from - timedelta(days=1)
        else:
            end = None
        if spec.ends is not None and (end is None or end > spec.ends):
            end = spec.ends
        spans.append(Span(e, end))
    return spans


class Rates:
    """The rates of one day in one municipality. Get one with :meth:`RateBook.at`."""

    def __init__(self, book: RateBook, day: date, kommune: str | None, project: bool | Decimal) -> None:
        self.book = book
        self.day = day
        self.kommune = kommune
        self.project = project

    def __repr__(self) -> str:
        return f"Rates(day={self.day.isoformat()}, kommune={self.kommune!r}, project={self.project!r})"

    @exact
    def get(self, key: str) -> Rate:
        """The value of ``key`` on this day; :class:`~socialcalc.errors.RateNotPublished` if there is none.

        >>> from socialcalc import load_rates
        >>> load_rates().at(date(2022, 3, 1)).get("sel110.per_day")
        Traceback (most recent call last):
        ...
        socialcalc.errors.RateNotPublished: satsen sel110.per_day har ingen værdi den 1. marts 2022 \
(no value published for 2022); senest kendte værdi: 93 (valid from 2021-01-01)
        """
        spec = self.book.spec(key)
        if self.kommune is not None and spec.overridable:
            span = self.book._span(key, self.kommune, self.day)
            if span is not None:
                return span.rate()
        if spec.municipal_only:
            return self._missing(spec, self.kommune)
        span = self.book._span(key, None, self.day)
        if span is not None:
            return span.rate()
        return self._missing(spec, None)

    def optional(self, key: str) -> Rate | None:
        """The value of an *optional* policy ``key`` (e.g. a municipal cap), or ``None`` where none is set."""
        spec = self.book.spec(key)
        if not spec.optional:
            raise UnknownRate(f"{key} is not an optional policy; use Rates.get")
        try:
            return self.get(key)
        except RateNotPublished:
            return None

    def value(self, key: str) -> Any:
        """Shorthand for ``get(key).value``."""
        return self.get(key).value

    def _missing(self, spec: KeySpec, kommune: str | None) -> Rate:
        key, day = spec.key, self.day
        last = self.book._last_before(key, kommune, day)
        last_text = f"{last.rate().text()} (valid from {last.entry.valid_from})" if last else None
        if spec.municipal_only and last is None:
            who = (f"municipality {self.kommune!r} has none in its table" if self.kommune
                   else "no municipality was given")
            raise RateNotPublished(key, day, None, f"{spec.title} is municipal policy, and {who}",
                                   can_project=False)
        if spec.ends is not None and day > spec.ends:
            reason = f"the rule ended on {spec.ends}: {spec.ends_source}".rstrip(": ")
            raise RateNotPublished(key, day, last_text, reason, can_project=False)
        expected = self.book._expected_at(key, kommune, day)
        projectable = spec.kind is Kind.YEARLY and spec.regulation is Regulation.SATSREGULERING
        if self.project is not False and last is not None and spec.kind is Kind.YEARLY:
            return self._projected(spec, last, kommune)
        if expected is not None:
            raise RateNotPublished(key, day, last_text, f"expected from {expected.valid_from}, not yet published: "
                                   f"{expected.note}".rstrip(": "), can_project=projectable)
        if last is None:
            raise RateNotPublished(key, day, None, "no value this early", can_project=False)
        reason = f"no value published for {day.year}" if spec.kind is Kind.YEARLY else "its last value ended"
        raise RateNotPublished(key, day, last_text, reason, can_project=projectable)

    def _projected(self, spec: KeySpec, last: Span, kommune: str | None) -> Rate:
        key, day = spec.key, self.day
        base = last.entry
        if spec.regulation is not Regulation.SATSREGULERING:
            raise RateNotPublished(key, day, last.rate().text(),
                                   f"it is regulated by {spec.regulation.value}, not the satsreguleringsprocent, "
                                   "so it cannot be projected; add the published figure to the rate book",
                                   can_project=False)
        factor = Decimal(1)
        steps = []
        for year in range(base.valid_from.year + 1, day.year + 1):
            stored = self.book.percent(year)
            if stored is not None:
                pct, how = stored.percent, f"{year}: {stored.percent} % ({stored.status.value})"
            elif isinstance(self.project, Decimal):
                pct, how = self.project, f"{year}: {self.project} % (given)"
            else:
                raise RateNotPublished(key, day, last.rate().text(),
                                       f"the satsreguleringsprocent for {year} is not in satsregulering.toml; "
                                       "pass project=Decimal('…') to supply it", can_project=False)
            factor *= 1 + pct / 100
            steps.append(how)
        value = _index(base.value, factor, spec.rounding)
        start = date(day.year, 1, 1)
        end = date(day.year, 12, 31)
        if spec.ends is not None and spec.ends < end:
            end = spec.ends
        source = (f"projected from {last.rate().text()} ({base.valid_from.year}, {base.status.value}; {base.source}) "
                  f"with the satsreguleringsprocent {', '.join(steps)}, rounded {spec.rounding}")
        return Rate(key, value, spec.unit, start, end, Status.PROJECTED, source, kommune, "projected")


def _index(value: Any, factor: Decimal, rounding: str) -> Any:
    if isinstance(value, tuple):
        return tuple(
            replace(b, lower=apply_rounding(b.lower * factor, rounding),
                    pays=None if b.pays is None else apply_rounding(b.pays * factor, rounding))
            for b in value if isinstance(b, Band)
        )
    result = apply_rounding(Decimal(value) * factor, rounding)
    return int(result) if rounding == "krone_half_up" else result
