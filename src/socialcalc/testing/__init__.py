"""Hypothesis strategies for property tests of systems that use socialcalc (needs ``hypothesis``).

Other systems' test suites import these to generate valid inputs: months, amounts in øre, dates inside the
rate book's coverage, municipalities. Each rule adds strategies for its own inputs in a submodule
(``socialcalc.testing.ledsageordning``, …).

>>> from hypothesis import given
>>> @given(months())
... def test_month_round_trip(m):
...     assert Month.parse(str(m)) == m
>>> test_month_round_trip()
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path, PurePosixPath

try:
    from hypothesis import strategies as st
except ImportError as err:  # pragma: no cover - depends on the environment
    raise ImportError("socialcalc.testing needs hypothesis: pip install 'socialcalc[testing]'") from err

from socialcalc.errors import InvalidInput
from socialcalc.months import Month
from socialcalc.ratebook import RateBook, default_book, trusted_overlay_book

__all__ = ["amounts", "amounts_ore", "book_with", "covered_dates", "kommuner", "months"]


_FIRST, _LAST = Month(2012, 1), Month(2030, 12)


def months(min_value: Month = _FIRST, max_value: Month = _LAST) -> st.SearchStrategy[Month]:
    """Calendar months between ``min_value`` and ``max_value`` (inclusive)."""
    return st.integers(0, max_value - min_value).map(lambda n: min_value + n)


def amounts_ore(min_ore: int = 0, max_ore: int = 100_000_000) -> st.SearchStrategy[int]:
    """Amounts as whole øre (int), as the batch kernels use them."""
    return st.integers(min_ore, max_ore)


def amounts(min_ore: int = 0, max_ore: int = 100_000_000) -> st.SearchStrategy[Decimal]:
    """Amounts as exact ``Decimal`` kroner with two decimals (from whole øre)."""
    return amounts_ore(min_ore, max_ore).map(lambda n: Decimal(n).scaleb(-2))


def covered_dates(key: str, book: RateBook | None = None, kommune: str | None = None) -> st.SearchStrategy[date]:
    """Dates on which ``key`` has a published (not projected) value in the rate book."""
    book = book or default_book()
    spans = book.history(key, kommune) or book.history(key)
    choices = [(r.valid_from, r.valid_to or date(r.valid_from.year + 5, 12, 31)) for r in spans]
    if not choices:
        raise ValueError(f"{key} has no value in the rate book")
    return st.sampled_from(choices).flatmap(lambda span: st.dates(span[0], span[1]))


def kommuner(book: RateBook | None = None, *, national: bool = True) -> st.SearchStrategy[str | None]:
    """Municipality names of the rate book (and ``None`` for national rules when ``national``)."""
    names: list[str | None] = [*sorted((book or default_book()).kommuner)]
    if national:
        names.append(None)
    return st.sampled_from(names)


def book_with(files: Mapping[str, str]) -> RateBook:
    """The packaged rate book with an overlay given as TOML text, for tests that need other rates.

    ``files`` maps a path inside a rate directory (``"national/test.toml"``,
    ``"kommuner/kortby/policy.toml"``) to its text. An overlay value replaces the packaged value of the same
    key, table and ``valid_from``; everything else is added (a new year, a new municipality). The overlay is
    checked as strictly as the packaged tables (:class:`~socialcalc.errors.RateFileError` on any fault).

    >>> book = book_with({"national/cap.toml": '''
    ... [[rate]]
    ... key = "sel097.max_hours"
    ... unit = "hours"
    ... value = 40
    ... valid_from = 2012-01-01
    ... status = "derived"
    ... source = "a test: a cap that binds"
    ... '''})
    >>> book.at(date(2024, 1, 1)).get("sel097.max_hours").value
    Decimal('40')
    """
    with tempfile.TemporaryDirectory(prefix="socialcalc-overlay-") as tmp:
        root = Path(tmp)
        for name, text in files.items():
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts or relative.suffix != ".toml":
                raise InvalidInput("files", repr(name), "a path inside a rate directory, ending in .toml")
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return trusted_overlay_book(root)  # read in full before the folder goes
