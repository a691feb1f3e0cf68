"""The rate book: versioned, sourced rate tables, loaded strictly and resolved by date and municipality.

>>> from datetime import date
>>> book = load_rates()
>>> rate = book.at(date(2025, 3, 1), "lejre").get("sel097.expense_grant_max")
>>> rate.unit, rate.status.value, rate.valid_from.year
('DKK/year', 'official', 2025)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from socialcalc.errors import RateFault, RateFileError
from socialcalc.ratebook.book import RateBook, Rates
from socialcalc.ratebook.checks import coverage, drift_warnings, overlap_faults
from socialcalc.ratebook.loader import Tree, read_tree
from socialcalc.ratebook.model import AgeRow, Band, KeySpec, Kind, Project, Rate, Regulation, Status

__all__ = [
    "AgeRow",
    "Band",
    "CheckReport",
    "KeySpec",
    "Kind",
    "Project",
    "Rate",
    "RateBook",
    "Rates",
    "Regulation",
    "Status",
    "check_rates",
    "coverage",
    "default_book",
    "load_rates",
    "packaged_rates_dir",
]


def packaged_rates_dir() -> Path:
    """The directory of the rate tables shipped with socialcalc (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent.parent
    shipped = here / "rate_data"
    if shipped.is_dir():
        return shipped
    return here.parent.parent / "rates"


@dataclass(frozen=True)
class CheckReport:
    """What checking a rate directory found: ``errors`` (nothing loads) and ``warnings`` (informational)."""

    errors: tuple[RateFault, ...]
    warnings: tuple[RateFault, ...]
    book: RateBook | None


def _merge(base: Tree, overlay: Tree) -> Tree:
    replaced = {(e.key, e.kommune, e.valid_from) for e in overlay.entries}
    base.entries = [e for e in base.entries if (e.key, e.kommune, e.valid_from) not in replaced] + overlay.entries
    base.expected = base.expected + overlay.expected
    base.percents = {**base.percents, **overlay.percents}
    base.kommuner = base.kommuner | overlay.kommuner
    base.faults = base.faults + overlay.faults
    return base


def check_rates(path: str | Path | None = None, *, overlays: Sequence[str | Path] = ()) -> CheckReport:
    """Check a rate directory (the packaged one if ``None``) and its overlays; report every fault and warning.

    An overlay directory has the layout of a rate directory without ``keys.toml``; its values are added to the
    base, replacing a base value of the same key, table and ``valid_from``.

    >>> report = check_rates()
    >>> report.errors
    ()
    """
    root = Path(path) if path is not None else packaged_rates_dir()
    tree = read_tree(root)
    for extra in overlays:
        tree = _merge(tree, read_tree(Path(extra), keys_from=tree))
    faults = list(tree.faults) + overlap_faults(tree)
    errors = tuple(f for f in faults if f.severity == "error")
    warnings = tuple(f for f in faults if f.severity != "error") + tuple(drift_warnings(tree))
    book = None
    if not errors:
        book = RateBook(tree.keys, tree.entries, tree.expected, tree.percents, tree.kommuner, warnings)
    return CheckReport(errors, warnings, book)


def load_rates(path: str | Path | None = None, *, overlays: Sequence[str | Path] = ()) -> RateBook:
    """Load a rate book strictly: the packaged tables if ``path`` is ``None``, else the directory ``path``.

    Raises :class:`~socialcalc.errors.RateFileError` listing every fault of every file (``file:line:col``),
    and loads nothing, if there is any. See :func:`check_rates` for ``overlays``.

    >>> sorted(load_rates().kommuner)
    ['lejre', 'lemvig']
    """
    if path is None and not overlays:
        return default_book()
    report = check_rates(path, overlays=overlays)
    if report.book is None:
        raise RateFileError(report.errors)
    return report.book


@functools.cache
def default_book() -> RateBook:
    """The packaged rate book, read once (the book is immutable, so sharing it is safe)."""
    report = check_rates(None)
    if report.book is None:
        raise RateFileError(report.errors)
    return report.book
