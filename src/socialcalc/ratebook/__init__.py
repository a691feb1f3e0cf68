"""The rate book: versioned, sourced rate tables, loaded strictly and resolved by date and municipality.

>>> from datetime import date
>>> book = load_rates()
>>> rate = book.at(date(2025, 3, 1), "lejre").get("sel097.expense_grant_max")
>>> rate.unit, rate.status.value, rate.valid_from.year
('DKK/year', 'derived', 2025)
>>> rate.status > Status.OFFICIAL
True
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from socialcalc.errors import RateFault, RateFileError
from socialcalc.ratebook.book import RateBook, Rates
from socialcalc.ratebook.checks import coverage, drift_warnings, overlap_faults
from socialcalc.ratebook.model import AgeRow, Band, Grade, KeySpec, Kind, Project, Rate, Regulation, Status

if TYPE_CHECKING:  # the loader is imported only where files are read (a book from the cache needs none)
    from socialcalc.ratebook.loader import Tree

__all__ = [
    "OVERLAY_ENV",
    "AgeRow",
    "Band",
    "CheckReport",
    "Grade",
    "KeySpec",
    "Kind",
    "Project",
    "Rate",
    "RateBook",
    "Rates",
    "Regulation",
    "Status",
    "book_or_default",
    "check_rates",
    "coverage",
    "default_book",
    "env_overlays",
    "load_rates",
    "packaged_rates_dir",
    "trusted_overlay_book",
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


OVERLAY_ENV = "SOCIALCALC_RATES"
"""The environment variable naming overlay directories (an ``os.pathsep``-separated list), read by
:func:`load_rates` and :func:`default_book` only."""


def env_overlays() -> tuple[str, ...]:
    """The overlay directories named by ``SOCIALCALC_RATES`` (empty parts are ignored)."""
    raw = os.environ.get(OVERLAY_ENV)
    if not raw:
        return ()  # the usual case, read on every calculation: no list to split
    return tuple(part for part in raw.split(os.pathsep) if part.strip())


def _where(where: str) -> tuple[str, int]:
    file, _, line = where.rpartition(":")
    return file, int(line) if line.isdigit() else 1


def _merge(base: Tree, overlay: Tree, *, trusted: bool = False) -> Tree:
    """Layer ``overlay`` over ``base``; an overlay value contradicting an official base value must say so.

    ``trusted`` (for :func:`socialcalc.testing.book_with` only) lets a test overlay replace official figures.
    """
    origin_root = str(overlay.root)
    official = {(e.key, e.kommune, e.valid_from): e for e in base.entries if e.status is Status.OFFICIAL}
    entries = []
    for e in overlay.entries:
        old = official.get((e.key, e.kommune, e.valid_from))
        if old is not None and old.value != e.value and not e.supersedes and not trusted:
            file, line = _where(e.where)
            base.faults.append(RateFault(
                file, line, 1,
                f"{e.key} from {e.valid_from} contradicts the official figure {old.value!r} at {old.where} "
                f"(this overlay at {e.where} says {e.value!r})",
                "if the overlay is right, say so: add supersedes = \"<reason, with the source>\" to this record; "
                "otherwise remove it"))
        entries.append(replace(e, origin=f"{origin_root}: {e.where}"))
    for name, table in overlay.indices.items():
        base_table = base.indices.setdefault(name, {})
        for year, pct in table.items():
            old_pct = base_table.get(year)
            if (old_pct is not None and old_pct.status is Status.OFFICIAL and old_pct.percent != pct.percent
                    and not pct.supersedes and not trusted):
                file, line = _where(pct.where)
                base.faults.append(RateFault(
                    file, line, 1,
                    f"{name} {year} = {pct.percent} contradicts the official {old_pct.percent} at {old_pct.where}",
                    "add supersedes = \"<reason, with the source>\" to this year, or remove it"))
            base_table[year] = pct
    replaced = {(e.key, e.kommune, e.valid_from) for e in entries}
    base.entries = [e for e in base.entries if (e.key, e.kommune, e.valid_from) not in replaced] + entries
    base.expected = base.expected + overlay.expected
    base.kommuner = base.kommuner | overlay.kommuner
    base.faults = base.faults + overlay.faults
    return base


def check_rates(path: str | Path | None = None, *, overlays: Sequence[str | Path] = (),
                _trusted: bool = False) -> CheckReport:
    """Check a rate directory (the packaged one if ``None``) and its overlays; report every fault and warning.

    An overlay directory has the layout of a rate directory without ``keys.toml``; its values are added to the
    base, replacing a base value of the same key, table and ``valid_from``. An overlay value that contradicts an
    ``official`` base value is an error naming both files and lines, unless the record says
    ``supersedes = "<reason>"``. A missing, unreadable or faulty overlay is reported with every fault.

    >>> report = check_rates()
    >>> report.errors
    ()
    """
    from socialcalc.ratebook.loader import read_tree

    root = Path(path) if path is not None else packaged_rates_dir()
    tree = read_tree(root)
    for extra in overlays:
        tree = _merge(tree, read_tree(Path(extra), keys_from=tree), trusted=_trusted)
    faults = list(tree.faults) + overlap_faults(tree)
    errors = tuple(f for f in faults if f.severity == "error")
    warnings = tuple(f for f in faults if f.severity != "error") + tuple(drift_warnings(tree))
    book = None
    if not errors:
        book = RateBook(tree.keys, tree.entries, tree.expected, tree.percents, tree.kommuner, warnings,
                        tree.indices or None)
    return CheckReport(errors, warnings, book)


def load_rates(path: str | Path | None = None, *, overlays: Sequence[str | Path] = ()) -> RateBook:
    """Load a rate book strictly: the packaged tables if ``path`` is ``None``, else the directory ``path``.

    ``overlays`` are directories layered over it in order, after those named by the environment variable
    ``SOCIALCALC_RATES`` (an ``os.pathsep``-separated list). Raises :class:`~socialcalc.errors.RateFileError`
    listing every fault of every file (``file:line:col``), and loads nothing, if there is any. See
    :func:`check_rates`.

    >>> sorted(load_rates().kommuner)
    ['lejre', 'lemvig']
    """
    layers = env_overlays() + tuple(str(o) for o in overlays)
    if path is None:
        return _book(layers)
    report = check_rates(path, overlays=layers)
    if report.book is None:
        raise RateFileError(report.errors)
    return report.book


def default_book() -> RateBook:
    """The packaged rate book (with the ``SOCIALCALC_RATES`` overlays, if set), read once per set of overlays.

    The book is immutable, so sharing it between calls and threads is safe.

    >>> default_book() is default_book()
    True
    """
    return _book(env_overlays())


def book_or_default(rates: object) -> RateBook:
    """The rate book a calculation was given as ``rates=``, or the packaged one (:func:`default_book`) for
    ``None``; anything else is refused (``input.type``), not failed on later.

    >>> book_or_default(None) is default_book()
    True
    >>> book_or_default("rates/")
    Traceback (most recent call last):
    ...
    socialcalc.errors.InvalidInput: rates = str: forventede en RateBook (fx fra load_rates) eller None, ikke str
    """
    if rates is None:
        return default_book()
    if isinstance(rates, RateBook):
        return rates
    from socialcalc.errors import InvalidInput

    kind = type(rates).__name__
    raise InvalidInput("rates", kind, code="input.type", expected="en RateBook (fx fra load_rates) eller None",
                       expected_en="a RateBook (e.g. from load_rates) or None", kind=kind)


def trusted_overlay_book(overlay: str | Path) -> RateBook:
    """The packaged book with a *test* overlay that may replace official figures (for
    :func:`socialcalc.testing.book_with`; never for real tables, which must declare ``supersedes``)."""
    report = check_rates(None, overlays=[overlay], _trusted=True)
    if report.book is None:
        raise RateFileError(report.errors)
    return report.book


@functools.cache
def _book(overlays: tuple[str, ...]) -> RateBook:
    # the checked book is kept on disk keyed by every file's bytes (socialcalc.cache): a changed, added or
    # removed file is read and checked again, with every fault; a book with faults is never kept
    from socialcalc.cache import cached, tree_files

    roots = [packaged_rates_dir(), *(Path(o) for o in overlays)]
    # each directory named, and whether it is one (a missing overlay must never be answered by an empty one)
    layers = "|".join(f"{root}:{root.is_dir()}" for root in roots)
    return cached("ratebook", [f for root in roots for f in tree_files(root)], lambda: _checked(overlays),
                  extra=layers)


def _checked(overlays: tuple[str, ...]) -> RateBook:
    report = check_rates(None, overlays=overlays)
    if report.book is None:
        raise RateFileError(report.errors)
    return report.book
