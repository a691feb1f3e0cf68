"""The rate book: every value of every key, resolved by date and municipality, strictly.

:meth:`RateBook.at` fixes a day and (optionally) a municipality; :meth:`Rates.get` then gives the value of a
key that holds on that day, the municipality's own value before the national one. A key with no value for the
day raises :class:`~socialcalc.errors.RateNotPublished`, naming the key, the day and the last known value:
another period's value is never reused silently.

Projection is opt-in (``project=``), and never silent:

- ``True``: a yearly amount with no value is indexed forward from its latest value, year by year, with the
  index its key declares in ``keys.toml`` (the satsreguleringsprocent, or 2 % ± tilpasningsprocent), using the
  index's yearly figures in the book;
- a ``Decimal``: as ``True``, with the caller's percentage for **exactly one** year the book's index lacks (a
  chain that lacks two years is refused, naming both);
- ``{year: Decimal}``: the caller's percentage for each year the book's index lacks.

A key regulated by an index our sources do not name (``regulation = "other"``, §§ 109/110) projects only with
the caller's percentages. A projected rate has ``status = "projected"``; its source names the index, the year,
the percentage and the grade of every step.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any

from socialcalc import coerce
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput, RateNotPublished, UnknownRate
from socialcalc.money import apply_rounding
from socialcalc.ratebook.model import (
    AgeRow,
    Band,
    Entry,
    Expected,
    FrozenMemo,
    KeySpec,
    Kind,
    Percent,
    Project,
    Rate,
    Regulation,
    Status,
)

__all__ = ["RateBook", "Rates", "Span", "checked_project", "danish_value", "index_value", "normalise_kommune"]


@dataclass(frozen=True)
class Span:
    """An entry with the period it actually holds for (``end`` is inclusive; ``None`` is open-ended)."""

    entry: Entry
    end: date | None
    resolved: Rate = field(init=False, repr=False, compare=False)
    """The span as a :class:`~socialcalc.ratebook.model.Rate`, built once (the book is immutable)."""

    def __post_init__(self) -> None:
        e = self.entry
        rate = Rate(e.key, e.value, e.unit, e.valid_from, self.end, e.status, e.source, e.kommune, e.where,
                    e.origin)
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

    __slots__ = ("_expected", "_frozen", "_indices", "_keys", "_kommuner", "_percents", "_spans", "_starts",
                 "_warnings")

    def __init__(
        self,
        keys: Mapping[str, KeySpec],
        entries: Iterable[Entry],
        expected: Iterable[Expected],
        percents: Mapping[int, Percent],
        kommuner: Iterable[str],
        warnings: Iterable[Any] = (),
        indices: Mapping[str, Mapping[int, Percent]] | None = None,
    ) -> None:
        self._keys = MappingProxyType(dict(keys))
        tables = {name: dict(table) for name, table in (indices or {}).items()}
        tables.setdefault(Regulation.SATSREGULERING.value, dict(percents))
        self._indices = MappingProxyType({name: MappingProxyType(t) for name, t in tables.items()})
        self._percents = self._indices[Regulation.SATSREGULERING.value]
        self._kommuner = frozenset(kommuner)
        self._warnings = tuple(warnings)
        grouped: dict[tuple[str, str | None], list[Entry]] = {}
        for e in entries:
            grouped.setdefault((e.key, e.kommune), []).append(e)
        spans_by: dict[tuple[str, str | None], tuple[Span, ...]] = {}
        starts_by: dict[tuple[str, str | None], tuple[date, ...]] = {}
        for scope, items in grouped.items():
            items.sort(key=lambda e: e.valid_from)
            spans = spans_of(self._keys[scope[0]], items)
            spans_by[scope] = tuple(spans)
            starts_by[scope] = tuple(s.entry.valid_from for s in spans)
        self._spans = MappingProxyType(spans_by)
        self._starts = MappingProxyType(starts_by)
        expected_by: dict[tuple[str, str | None], list[Expected]] = {}
        for x in expected:
            expected_by.setdefault((x.key, x.kommune), []).append(x)
        self._expected = MappingProxyType({k: tuple(v) for k, v in expected_by.items()})
        from socialcalc.explain import RateUsed  # here, not at import: explain reads the rate model

        for shared in spans_by.values():
            for span in shared:  # fill each shared rate's memo once, then freeze it
                rate = span.rate()
                rate.text()
                RateUsed.of(rate)
                object.__setattr__(rate, "memo", FrozenMemo(rate.memo))
        self._frozen = True

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_frozen", False):
            raise AttributeError(f"a RateBook is immutable (cannot set {name!r}); load another with load_rates")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a RateBook is immutable (cannot delete {name!r})")

    def __getstate__(self) -> dict[str, Any]:
        """The book as plain values (for :mod:`socialcalc.cache`): its read-only views as dicts."""
        state = {name: getattr(self, name) for name in self.__slots__ if name != "_frozen"}
        state["_indices"] = {name: dict(t) for name, t in self._indices.items()}
        for name in ("_keys", "_spans", "_starts", "_expected"):
            state[name] = dict(state[name])
        del state["_percents"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """The book again from :meth:`__getstate__`, as immutable as one built from its files."""
        views = {name: MappingProxyType(dict(state[name])) for name in ("_keys", "_spans", "_starts", "_expected")}
        indices = MappingProxyType({name: MappingProxyType(t) for name, t in state["_indices"].items()})
        for name, value in {**state, **views, "_indices": indices}.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_percents", indices[Regulation.SATSREGULERING.value])
        object.__setattr__(self, "_frozen", True)

    @property
    def kommuner(self) -> frozenset[str]:
        """The municipalities that have a table."""
        return self._kommuner

    @property
    def warnings(self) -> tuple[Any, ...]:
        """Warnings found when the book was checked (e.g. a published figure that drifts from its index)."""
        return self._warnings

    # -- looking things up ----------------------------------------------------------------------------------

    def at(self, day: date, kommune: str | None = None, *, project: Project = False) -> Rates:
        """The rates that hold on ``day`` in ``kommune`` (national only if ``None``).

        ``project``: ``False`` (strict, the default), ``True`` (project missing yearly amounts with the
        indices in the book), a ``Decimal`` percentage for exactly one year an index lacks, or
        ``{year: Decimal}``. A percentage that is NaN, infinite or below −100 is refused.

        >>> from socialcalc import load_rates
        >>> book = load_rates()
        >>> book.at(date(2026, 3, 1), project=True).get("sel097.expense_grant_max").value
        1088
        >>> book.at(date(2026, 3, 1), project=Decimal("nan"))
        Traceback (most recent call last):
        ...
        socialcalc.errors.InvalidInput: project = Decimal('NaN'): skal være et endeligt tal (NaN og uendelig \
modtages ikke)
        """
        day = coerce.day(day, "day")
        name = normalise_kommune(kommune)
        if name is not None and name not in self._kommuner:
            known = ", ".join(sorted(self._kommuner)) or "none"
            raise UnknownRate(code="rate.unknown_kommune", kommune=repr(kommune), known=known)
        return Rates(self, day, name, checked_project(project))

    def spec(self, key: str) -> KeySpec:
        """The declaration of ``key``; :class:`~socialcalc.errors.UnknownRate` if there is none."""
        try:
            return self._keys[key]
        except KeyError:
            import difflib

            near = difflib.get_close_matches(key, list(self._keys), n=1)
            raise UnknownRate(code="rate.unknown_key", key=repr(key), near=repr(near[0]) if near else "") from None

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
        raise RateNotPublished(key, None, None, "no_value", can_project=False)

    def percent(self, year: int, index: Regulation | str = Regulation.SATSREGULERING) -> Percent | None:
        """The stored figure of ``index`` (the satsreguleringsprocent by default) for ``year``, if any.

        >>> from socialcalc import load_rates
        >>> load_rates().percent(2026, "tilpasning_plus_2").percent
        Decimal('4.8')
        """
        table = self._indices.get(Regulation(index).value)
        return None if table is None else table.get(year)

    def percents(self, index: Regulation | str = Regulation.SATSREGULERING) -> dict[int, Percent]:
        """Every stored figure of ``index`` (the satsreguleringsprocent by default), by year."""
        return dict(self._indices.get(Regulation(index).value, {}))

    def expected(self, key: str, kommune: str | None = None) -> list[Expected]:
        """The announced or drafted (``status = "expected"``) values of ``key`` in one table."""
        self.spec(key)
        return list(self._expected.get((key, normalise_kommune(kommune)), ()))

    def latest_year(self) -> int | None:
        """The year of the latest date in the book: a value's start, an announced value, or an index figure."""
        years = [s.entry.valid_from.year for spans in self._spans.values() for s in spans]
        years += [x.valid_from.year for xs in self._expected.values() for x in xs]
        years += [y for table in self._indices.values() for y in table]
        return max(years) if years else None

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
        for x in self._expected.get((key, kommune), ()):
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


_MIN_PERCENT = Decimal(-100)


def _percentage(value: Any, field: str) -> Decimal:
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidInput(field, repr(value), code="input.not_finite")
    if isinstance(value, bool) or not isinstance(value, Decimal) or value < _MIN_PERCENT:
        raise InvalidInput(field, repr(value), code="input.percentage")
    return value


def checked_project(project: Any) -> Project:
    """``project`` checked and frozen: ``True``/``False``, a percentage, or a read-only ``{year: percentage}``.

    >>> checked_project({2026: Decimal("4.5")})
    mappingproxy({2026: Decimal('4.5')})
    >>> checked_project(Decimal("-101"))
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: project = Decimal('-101'): en procentsats er et endeligt tal på mindst -100
    """
    if isinstance(project, bool):
        return project
    if isinstance(project, Decimal):
        return _percentage(project, "project")
    if isinstance(project, Mapping):
        checked: dict[int, Decimal] = {}
        for year, pct in project.items():
            if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
                raise InvalidInput("project", repr(year), code="input.project_keys")
            checked[year] = _percentage(pct, f"project[{year}]")
        return MappingProxyType(checked)
    raise InvalidInput("project", repr(project), code="input.project")


def _how_to_give(years: list[int]) -> str:
    if len(years) == 1:
        return (f"pass project=Decimal('…') (the percentage for {years[0]}) or "
                f"project={{{years[0]}: Decimal('…')}}")
    inner = ", ".join(f"{y}: Decimal('…')" for y in years)
    return f"pass project={{{inner}}} (one percentage per year)"


def _years_both(years: list[int]) -> dict[str, str]:
    """The years as a list in Danish (``years_da``: "2026 og 2027") and English (``years_en``)."""
    head = ", ".join(map(str, years[:-1]))
    return {"years_da": f"{head} og {years[-1]}" if head else str(years[-1]),
            "years_en": f"{head} and {years[-1]}" if head else str(years[-1])}


def _how_to_give_both(years: list[int]) -> dict[str, Any]:
    """How to give the percentages, in Danish (``how_da``) and English (``how_en``), for a reason's template."""
    if len(years) == 1:
        da = (f"angiv project=Decimal('…') (procentsatsen for {years[0]}) eller "
              f"project={{{years[0]}: Decimal('…')}}")
    else:
        inner = ", ".join(f"{y}: Decimal('…')" for y in years)
        da = f"angiv project={{{inner}}} (én procentsats pr. år)"
    return {"how_da": da, "how_en": _how_to_give(years)}


class Rates:
    """The rates of one day in one municipality. Get one with :meth:`RateBook.at`."""

    __slots__ = ("book", "day", "kommune", "project")

    def __init__(self, book: RateBook, day: date, kommune: str | None, project: Project) -> None:
        self.book = book
        self.day = day
        self.kommune = kommune
        self.project = project

    def __repr__(self) -> str:
        project = dict(self.project) if isinstance(self.project, Mapping) else self.project
        return f"Rates(day={self.day.isoformat()}, kommune={self.kommune!r}, project={project!r})"

    @exact
    def get(self, key: str) -> Rate:
        """The value of ``key`` on this day; :class:`~socialcalc.errors.RateNotPublished` if there is none.

        >>> from socialcalc import load_rates
        >>> load_rates().at(date(2022, 3, 1)).get("sel110.per_day")
        Traceback (most recent call last):
        ...
        socialcalc.errors.RateNotPublished: satsen sel110.per_day har ingen værdi den 1. marts 2022 \
(ingen værdi offentliggjort for 2022; den følger et indeks, som vores kilder ikke nævner (SEL § 163 stk. 2; \
BEK 1244/2017 § 2 (reguleringen efter § 3 er ikke i vores kilder)), så kun en procentsats, du angiver, fremskriver \
den: angiv project=Decimal('…') (procentsatsen for 2022) eller project={2022: Decimal('…')}); senest kendte værdi: 93 \
(gældende fra 1. januar 2021)
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
            raise UnknownRate(code="rate.not_optional", key=key)
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
        last_text = last.rate().text() if last else None
        known: dict[str, Any] = {"last_from": last.entry.valid_from, "last_known_da": danish_value(last.rate().value)
                                 } if last else {}
        if spec.municipal_only and last is None:
            raise RateNotPublished(key, day, None, "municipal_missing" if self.kommune else "municipal_no_kommune",
                                   can_project=False, title=spec.title, kommune=self.kommune)
        if spec.ends is not None and day > spec.ends:
            raise RateNotPublished(key, day, last_text, "ended", **known, can_project=False, ends=spec.ends,
                                   source=spec.ends_source or None)
        expected = self.book._expected_at(key, kommune, day)
        projectable = spec.kind is Kind.YEARLY and spec.regulation.indexed
        if self.project is not False and last is not None and spec.kind is Kind.YEARLY:
            return self._projected(spec, last, kommune)
        if expected is not None:
            raise RateNotPublished(key, day, last_text, "expected", **known, can_project=projectable,
                                   valid_from=expected.valid_from, drafted=expected.value is not None,
                                   note=expected.note or None)
        if last is None:
            raise RateNotPublished(key, day, None, "too_early", can_project=False)
        if spec.kind is not Kind.YEARLY:
            raise RateNotPublished(key, day, last_text, "last_ended", **known, can_project=projectable)
        follows = spec.regulation is Regulation.OTHER
        years = list(range(last.entry.valid_from.year + 1, day.year + 1))
        raise RateNotPublished(key, day, last_text, "year_missing", **known, can_project=projectable,
                               year=day.year, follows=follows, regulation=spec.regulation.danish,
                               paragraph=spec.paragraph,
                               **_how_to_give_both(years))

    def _projected(self, spec: KeySpec, last: Span, kommune: str | None) -> Rate:
        key, day, project = spec.key, self.day, self.project
        base = last.entry
        base_text = last.rate().text()
        base_known: dict[str, Any] = {"last_from": base.valid_from, "last_known_da": danish_value(base.value)}
        regulation = spec.regulation
        if regulation is Regulation.NONE:
            raise RateNotPublished(key, day, base_text, "not_indexed", **base_known, can_project=False)
        years = list(range(base.valid_from.year + 1, day.year + 1))
        table: Mapping[int, Percent] = (self.book._indices.get(regulation.value, {}) if regulation.indexed
                                        else {})
        missing = [y for y in years if y not in table]
        if missing:
            if project is True:
                raise RateNotPublished(key, day, base_text, "no_index" if regulation.indexed else "other_regulation",
                                       **base_known,
                                       can_project=False, regulation=regulation.danish,
                                       years=", ".join(map(str, missing)), file=f"{regulation.value}.toml",
                                       paragraph=spec.paragraph, **_how_to_give_both(missing))
            if isinstance(project, Decimal) and len(missing) > 1:
                raise InvalidInput("project", repr(project), code="input.project_one_percent", key=key, day=day,
                                   count=len(missing), **_years_both(missing), **_how_to_give_both(missing))
            if isinstance(project, Mapping):
                absent = [y for y in missing if y not in project]
                if absent:
                    raise RateNotPublished(key, day, base_text, "percent_absent", **base_known,
                                           can_project=False,
                                           years=", ".join(map(str, absent)), regulation=regulation.danish,
                                           **_how_to_give_both(missing))
        factor = Decimal(1)
        steps = []
        for year in years:
            stored = table.get(year)
            if stored is not None:
                pct = stored.percent
                unused = ""
                if isinstance(project, Mapping) and year in project and project[year] != pct:
                    unused = (f"; brugerens {_pct(project[year])} % for {year} er ikke brugt, da satsbogen har "
                              "årets tal (et andet tal lægges ind i en overlay-mappe)")
                steps.append(f"{year}: {_pct(pct)} % ({stored.status.danish}{unused})")
            else:
                given = project[year] if isinstance(project, Mapping) else project
                assert isinstance(given, Decimal)
                pct = given
                steps.append(f"{year}: {_pct(pct)} % (oplyst af brugeren)")
            factor *= 1 + pct / 100
        value = _index(base.value, factor, spec.rounding)
        start = date(day.year, 1, 1)
        end = date(day.year, 12, 31)
        if spec.ends is not None and spec.ends < end:
            end = spec.ends
        source = (f"fremskrevet ud fra værdien {danish_value(base.value)} "
                  f"({base.valid_from.year}, {base.status.danish}; "
                  f"{base.source}) "
                  f"med {regulation.danish}: {'; '.join(steps)}; afrundet {_ROUNDING_DA.get(spec.rounding, '')}"
                  f"; grad: fremskrevet").replace("afrundet ;", "uden afrunding;")
        return Rate(key, value, spec.unit, start, end, Status.PROJECTED, source, kommune, "projected",
                    base.origin)


def danish_value(value: Any) -> str:
    """A rate's value as Danish text: numbers with a decimal comma, dates in words, a table as prose.

    >>> danish_value(Decimal("1041.50")), danish_value(date(2025, 9, 1))
    ('1.041,50', '1. september 2025')
    >>> from socialcalc.ratebook.model import Band
    >>> danish_value((Band(Decimal(608), True, Decimal(1138)), Band(Decimal(1707), False, None)))
    'fra 608 kr.: 1.138 kr.; over 1.707 kr.: udgifterne'
    """
    from babel.dates import format_date
    from babel.numbers import format_decimal

    def number(x: Decimal | int) -> str:
        exponent = x.as_tuple().exponent if isinstance(x, Decimal) else 0
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        pattern = "#,##0" + ("." + "0" * places if places else "")
        text: str = format_decimal(x, format=pattern, locale="da_DK", decimal_quantization=False)
        return text

    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Decimal | int):
        return number(value)
    if isinstance(value, date):
        return str(format_date(value, format="d. MMMM y", locale="da_DK"))
    if isinstance(value, tuple):
        rows = []
        for row in value:
            if isinstance(row, AgeRow):
                since = f"født fra {danish_value(row.born_from)}" if row.born_from else "født før"
                half = f" og {row.months} mdr." if row.months else ""
                rows.append(f"{since}: {row.years} år{half}")
            else:
                pays = "udgifterne" if row.pays is None else f"{number(row.pays)} kr."
                rows.append(f"{'fra' if row.inclusive else 'over'} {number(row.lower)} kr.: {pays}")
        return "; ".join(rows)
    return str(value)


_ROUNDING_DA = {"krone_half_up": "til hele kroner", "ore_half_up": "til hele øre",
                "hundred_half_up": "til nærmeste kronebeløb deleligt med 100", "none": ""}


def _pct(value: Decimal) -> str:
    return str(value).replace(".", ",")


def _round(value: Decimal, rounding: str) -> Decimal:
    if rounding == "hundred_half_up":
        return (value / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 100
    return apply_rounding(value, rounding)


def _index(value: Any, factor: Decimal, rounding: str) -> Any:
    if isinstance(value, tuple):
        return tuple(
            replace(b, lower=_round(b.lower * factor, rounding),
                    pays=None if b.pays is None else _round(b.pays * factor, rounding))
            for b in value if isinstance(b, Band)
        )
    result = _round(Decimal(value) * factor, rounding)
    return int(result) if rounding in {"krone_half_up", "hundred_half_up"} else result


def index_value(value: Any, factor: Decimal, rounding: str) -> Any:
    """``value`` (a number or a band table) times ``factor``, rounded by the key's ``rounding``.

    >>> index_value(234000, Decimal("1.039"), "hundred_half_up")
    243100
    """
    return _index(value, factor, rounding)
