"""Checks over the whole rate tree, and the coverage report.

- **Errors**: two values of one key in one table whose periods overlap (a duplicate date included).
- **Warnings**: a published (or drafted) figure of a key regulated by an index the book holds (the
  satsreguleringsprocent, or 2 % ± tilpasningsprocent) that differs by more than 1 kr. from the previous
  figure indexed by the stored percentages (the ministry's own figures drift
  by up to 1 kr. between rounded and unrounded chains, so more than that deserves a look).
- **Coverage** (information): for each key and year, the grade of the value the book holds, or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Context, Decimal, localcontext
from itertools import pairwise
from typing import TYPE_CHECKING

from socialcalc.errors import RateFault
from socialcalc.money import round_ore
from socialcalc.ratebook.book import RateBook, Span, index_value, spans_of
from socialcalc.ratebook.model import Band, Entry, Kind, Regulation, Status

if TYPE_CHECKING:  # the loader is imported only where files are read (a book from the cache needs none)
    from socialcalc.ratebook.loader import Tree

__all__ = ["coverage", "drift_warnings", "overlap_faults"]

_TOLERANCE = Decimal(1)


def _fault(where: str, problem: str, fix: str, severity: str = "error") -> RateFault:
    file, _, line = where.rpartition(":")
    return RateFault(file, int(line) if line.isdigit() else 1, 1, problem, fix, severity)


def _by_scope(entries: Iterable[Entry]) -> dict[tuple[str, str | None], list[Entry]]:
    grouped: dict[tuple[str, str | None], list[Entry]] = {}
    for e in entries:
        grouped.setdefault((e.key, e.kommune), []).append(e)
    for items in grouped.values():
        items.sort(key=lambda e: e.valid_from)
    return grouped


def overlap_faults(tree: Tree) -> list[RateFault]:
    """Two values of a key in one table with overlapping periods, each reported at the later value."""
    faults = []
    for (key, _kommune), items in _by_scope(tree.entries).items():
        spans = spans_of(tree.keys[key], items)
        for prev, cur in pairwise(spans):
            if cur.entry.valid_from == prev.entry.valid_from:
                faults.append(_fault(cur.entry.where, f"duplicate date: {key} has two values from "
                                     f"{cur.entry.valid_from} (the other at {prev.entry.where})",
                                     "keep one value per date, or correct valid_from"))
            elif prev.end is not None and prev.end >= cur.entry.valid_from:
                faults.append(_fault(cur.entry.where, f"{key}: the period from {cur.entry.valid_from} overlaps the "
                                     f"value at {prev.entry.where}, which holds until {prev.end}",
                                     "end the earlier value (valid_to) before this one starts"))
    return faults


def _numbers(value: object) -> list[Decimal]:
    if isinstance(value, tuple):
        out: list[Decimal] = []
        for b in value:
            if isinstance(b, Band):
                out.append(b.lower)
                if b.pays is not None:
                    out.append(b.pays)
        return out
    if isinstance(value, int | Decimal):
        return [Decimal(value)]
    return []


def _factor(tree: Tree, regulation: Regulation, years: range) -> tuple[Decimal, str] | None:
    table = tree.indices.get(regulation.value, {}) if tree.indices else tree.percents
    percents = [table.get(y) for y in years]
    if not years or any(p is None for p in percents):
        return None
    factor = Decimal(1)
    for p in percents:
        assert p is not None
        factor *= 1 + p.percent / 100
    return factor, ", ".join(f"{p.year}: {p.percent} %" for p in percents if p is not None)


def _unchecked(tree: Tree, regulation: Regulation, key: str, prev_year: int, year: int, where: str,
               what: str) -> RateFault:
    table = tree.indices.get(regulation.value, {}) if tree.indices else tree.percents
    missing = ", ".join(str(y) for y in range(prev_year + 1, year + 1) if y not in table)
    return _fault(where, f"{what}{key} {year}: the book holds no {regulation.danish} for {missing}, so its drift "
                  "from the index cannot be checked",
                  f"add {missing} to {regulation.value}.toml (in the overlay) when it is published",
                  severity="warning")


def _drift(key: str, rounding: str, year: int, prev_year: int, old: object, new: object,
           indexed_by: tuple[Decimal, str], where: str, what: str) -> RateFault | None:
    factor, pct = indexed_by
    a_list, b_list = _numbers(old), _numbers(new)
    if len(a_list) != len(b_list):
        return None
    for a, b in zip(a_list, b_list, strict=True):
        indexed = a * factor
        compared = index_value(a, factor, rounding) if rounding == "hundred_half_up" else indexed
        if abs(Decimal(compared) - b) > _TOLERANCE:
            return _fault(where, f"{what}{key} {year}: {b} differs by {round_ore(abs(Decimal(compared) - b))} kr. "
                          f"from {a} ({prev_year}) indexed by {pct} = {round_ore(Decimal(compared))}",
                          "check the figure against its source (a difference over 1 kr. is unusual)",
                          severity="warning")
    return None


def drift_warnings(tree: Tree) -> list[RateFault]:
    """Figures that drift by more than 1 kr. from the previous figure indexed by the key's index.

    Keys regulated by the satsreguleringsprocent or by 2 % ± tilpasningsprocent are checked (the latter after
    its rounding to 100 kr.); a drafted (``status = "expected"``) figure is checked against the latest value
    before it in the same way. Computed in a context of its own, wide enough for any figure the loader lets
    through (the caller's decimal context plays no part), so a large figure gives a warning, never an
    arithmetic error.
    """
    with localcontext(Context(prec=60, Emax=10**6, Emin=-(10**6))):
        return _drift_warnings(tree)


def _drift_warnings(tree: Tree) -> list[RateFault]:
    warnings = []
    by_scope = _by_scope(tree.entries)
    for (key, _kommune), items in by_scope.items():
        spec = tree.keys[key]
        if not spec.regulation.indexed or spec.kind is not Kind.YEARLY:
            continue
        for prev, cur in pairwise(items):
            if Status.PROJECTED in (prev.status, cur.status):
                continue
            indexed_by = _factor(tree, spec.regulation, range(prev.valid_from.year + 1, cur.valid_from.year + 1))
            if indexed_by is None:
                if cur.origin is not None and cur.valid_from.year > prev.valid_from.year:
                    warnings.append(_unchecked(tree, spec.regulation, key, prev.valid_from.year,
                                               cur.valid_from.year, cur.where, ""))
                continue
            w = _drift(key, spec.rounding, cur.valid_from.year, prev.valid_from.year, prev.value, cur.value,
                       indexed_by, cur.where, "")
            if w is not None:
                warnings.append(w)
    for x in tree.expected:
        spec = tree.keys[x.key]
        if x.value is None or not spec.regulation.indexed or spec.kind is not Kind.YEARLY:
            continue
        before = [e for e in by_scope.get((x.key, x.kommune), []) if e.valid_from < x.valid_from]
        if not before:
            continue
        prev = before[-1]
        indexed_by = _factor(tree, spec.regulation, range(prev.valid_from.year + 1, x.valid_from.year + 1))
        if indexed_by is None:
            warnings.append(_unchecked(tree, spec.regulation, x.key, prev.valid_from.year, x.valid_from.year,
                                       x.where, "drafted "))
            continue
        w = _drift(x.key, spec.rounding, x.valid_from.year, prev.valid_from.year, prev.value, x.value, indexed_by,
                   x.where, "drafted ")
        if w is not None:
            warnings.append(w)
    return warnings


def coverage(book: RateBook, first_year: int | None = None, last_year: int | None = None,
             kommune: str | None = None) -> dict[str, dict[int, str]]:
    """For each key and year, the grade of the value that holds on 1 July (or on its first day that year).

    Statuses: ``official``, ``secondary``, ``derived``, ``expected`` (announced or drafted), ``ended`` (the rule
    ended), ``-`` (no value: a hole; ``project=`` may fill it). A standing value counts in every year it holds.
    The years run from the earliest value to ``last_year``, by default the year after the latest date in the
    book (a value's start, an announced value or an index figure).

    >>> from socialcalc import load_rates
    >>> row = coverage(load_rates()).get("sel097.expense_grant_max", {})
    >>> max(row), row.get(2026)
    (2027, 'expected')
    """
    years = [s.entry.valid_from.year for spans in book._spans.values() for s in spans]
    latest = book.latest_year()
    lo = first_year or (min(years) if years else 2024)
    hi = last_year or (latest + 1 if latest is not None else 2025)
    report: dict[str, dict[int, str]] = {}
    for key in book.keys():
        spec = book.spec(key)
        row: dict[int, str] = {}
        for year in range(lo, hi + 1):
            row[year] = _status_in(book, key, kommune, year, spec.ends)
        report[key] = row
    return report


def _status_in(book: RateBook, key: str, kommune: str | None, year: int, ends: date | None) -> str:
    scopes: list[str | None] = [kommune, None] if kommune else [None]
    spans: list[Span] = []
    for scope in scopes:
        spans = [s for s in book._spans.get((key, scope), [])
                 if s.entry.valid_from.year <= year and (s.end is None or s.end.year >= year)]
        if spans:
            break
    if spans:
        return spans[-1].entry.status.value
    if ends is not None and ends.year < year:
        return "ended"
    if any(x.valid_from.year == year for scope in scopes for x in book._expected.get((key, scope), ())):
        return "expected"
    return "-"
