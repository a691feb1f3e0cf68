"""Checks over the whole rate tree, and the coverage report.

- **Errors**: two values of one key in one table whose periods overlap (a duplicate date included).
- **Warnings**: a published figure of a key regulated by the satsreguleringsprocent that differs by more than
  1 kr. from the previous published figure indexed by the stored percentages (the ministry's own figures drift
  by up to 1 kr. between rounded and unrounded chains, so more than that deserves a look).
- **Coverage** (information): for each key and year, whether the book holds an official, derived or no value.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Context, Decimal, localcontext
from itertools import pairwise

from socialcalc.errors import RateFault
from socialcalc.money import round_ore
from socialcalc.ratebook.book import RateBook, Span, spans_of
from socialcalc.ratebook.loader import Entry, Tree
from socialcalc.ratebook.model import Band, Kind, Regulation, Status

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


def drift_warnings(tree: Tree) -> list[RateFault]:
    """Published figures that drift by more than 1 kr. from the previous figure indexed by the stored percentages.

    Computed in a context of its own, wide enough for any figure the loader lets through (the caller's decimal
    context plays no part), so a large figure gives a warning, never an arithmetic error.
    """
    with localcontext(Context(prec=60, Emax=10**6, Emin=-(10**6))):
        return _drift_warnings(tree)


def _drift_warnings(tree: Tree) -> list[RateFault]:
    warnings = []
    for (key, _kommune), items in _by_scope(tree.entries).items():
        spec = tree.keys[key]
        if spec.regulation is not Regulation.SATSREGULERING or spec.kind is not Kind.YEARLY:
            continue
        for prev, cur in pairwise(items):
            if Status.PROJECTED in (prev.status, cur.status):
                continue
            years = range(prev.valid_from.year + 1, cur.valid_from.year + 1)
            percents = [tree.percents.get(y) for y in years]
            if not years or any(p is None for p in percents):
                continue
            factor = Decimal(1)
            for p in percents:
                assert p is not None
                factor *= 1 + p.percent / 100
            old, new = _numbers(prev.value), _numbers(cur.value)
            if len(old) != len(new):
                continue
            for a, b in zip(old, new, strict=True):
                indexed = a * factor
                if abs(indexed - b) > _TOLERANCE:
                    pct = ", ".join(f"{p.year}: {p.percent} %" for p in percents if p is not None)
                    warnings.append(_fault(
                        cur.where,
                        f"{key} {cur.valid_from.year}: {b} differs by {round_ore(abs(indexed - b))} kr. "
                        f"from {a} ({prev.valid_from.year}) indexed by {pct} = {round_ore(indexed)}",
                        "check the figure against its source (a difference over 1 kr. is unusual)",
                        severity="warning",
                    ))
                    break
    return warnings


def coverage(book: RateBook, first_year: int | None = None, last_year: int | None = None,
             kommune: str | None = None) -> dict[str, dict[int, str]]:
    """For each key and year, the status of the value that holds on 1 July (or on its first day that year).

    Statuses: ``official``, ``derived``, ``projected``, ``expected`` (announced), ``ended`` (the rule ended),
    ``-`` (no value: a hole). A standing value counts in every year it holds.
    """
    years = [s.entry.valid_from.year for spans in book._spans.values() for s in spans]
    lo = first_year or (min(years) if years else 2024)
    hi = last_year or (max(years) + 1 if years else 2025)
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
    if any(x.valid_from.year == year for scope in scopes for x in book._expected.get((key, scope), [])):
        return "expected"
    return "-"
