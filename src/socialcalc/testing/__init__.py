"""Hypothesis strategies for property tests of systems that use socialcalc (needs ``hypothesis``).

Other systems' test suites import these to generate valid inputs: months, amounts in øre, dates inside the
rate book's coverage, municipalities. Each rule adds strategies for its own inputs in a submodule
(``socialcalc.testing.ledsageordning``, …), and this package gives them **one naming scheme**:
``sel<paragraph>_dates`` (days on which the paragraph's rates are published: ``sel097_dates``,
``sel100_dates``, ``sel103_dates``, ``sel117a_dates``), ``sel<paragraph>_args`` (keyword arguments of the
paragraph's function: ``sel103_transport_args``, ``sel103_wage_args``, ``sel107_args``, ``sel108_args``) and
``sel097_banks``, ``sel109_110_stays``; the older names in the rule modules stay as aliases.

>>> from hypothesis import given
>>> @given(months())
... def test_month_round_trip(m):
...     assert Month.parse(str(m)) == m
>>> test_month_round_trip()
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path, PurePosixPath

try:
    from hypothesis import strategies as st
except ImportError as err:  # pragma: no cover - depends on the environment
    raise ImportError("socialcalc.testing needs hypothesis: pip install 'socialcalc[testing]'") from err

from socialcalc.errors import InvalidInput, UnknownRate
from socialcalc.months import Month
from socialcalc.ratebook import RateBook, default_book, trusted_overlay_book

__all__ = ["amounts", "amounts_ore", "book_with", "clear_caches", "covered_dates", "kommuner", "latest_year",
           "months"]
# and, one name per paragraph (see _NAMES at the end): sel097_dates, sel100_dates, sel103_transport_args, …


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


@functools.lru_cache(maxsize=16)
def latest_year(book: RateBook | None = None) -> int:
    """The latest year for which the rate book publishes any value (a start or an end of a published span).

    A standing rate (no end) holds through this year in :func:`covered_dates`.

    >>> latest_year() >= 2025
    True
    """
    book = book or default_book()
    years = [0]
    for key in book.keys():
        for kommune in (None, *sorted(book.kommuner)):
            for rate in book.history(key, kommune):
                years += [rate.valid_from.year, rate.valid_to.year if rate.valid_to else 0]
    return max(years)


def covered_dates(key: str, book: RateBook | None = None, kommune: str | None = None) -> st.SearchStrategy[date]:
    """Dates on which ``key`` has a published (not projected) value in the rate book.

    Every published span of the key is drawn from alike; a standing rate (no end date) is drawn up to the end
    of :func:`latest_year`, so the current year is covered. A key with no value raises
    :class:`~socialcalc.errors.UnknownRate`.

    >>> from hypothesis import given
    >>> seen = set()
    >>> @given(covered_dates("sel103.transport_cap_share"))
    ... def test_years(day):
    ...     seen.add(day.year)
    >>> test_years()
    >>> max(seen) == latest_year()
    True
    """
    book = book or default_book()
    spans = book.history(key, kommune) or book.history(key)
    last = date(max(latest_year(book), *(r.valid_from.year for r in spans), 1), 12, 31)
    choices = [(r.valid_from, r.valid_to or last) for r in spans]
    if not choices:
        raise UnknownRate(code="rate.none_published", key=key)
    return st.sampled_from(choices).flatmap(lambda span: st.one_of(
        st.dates(span[0], span[1]),
        st.dates(max(span[0], date(span[1].year, 1, 1)), span[1])))  # the span's last year, always in reach


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
                raise InvalidInput("files", repr(name), code="input.rate_file_path")
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return trusted_overlay_book(root)  # read in full before the folder goes


# -- one naming scheme across rules ------------------------------------------------------------------------------
# ``<paragraph>_dates`` draws days on which the paragraph's rates are published; ``<paragraph>_args`` draws the
# keyword arguments of its public function; the rule modules keep their older names as they were.
_NAMES: dict[str, tuple[str, str]] = {
    "sel097_dates": ("", "_sel097_dates"),
    "sel097_banks": ("ledsageordning", "banks"),
    "sel100_dates": ("", "_sel100_dates"),
    "sel100_regime1_dates": ("merudgift", "regime1_decision_dates"),
    "sel100_regime2_dates": ("merudgift", "regime2_decision_dates"),
    "sel103_dates": ("beskyttet_beskaeftigelse", "sel103_dates"),
    "sel103_transport_args": ("beskyttet_beskaeftigelse", "transport_args"),
    "sel103_wage_args": ("beskyttet_beskaeftigelse", "hourly_wage_args"),
    "sel107_args": ("egenbetaling", "sel107_kwargs"),
    "sel108_args": ("egenbetaling", "sel108_kwargs"),
    "sel109_110_stays": ("egenbetaling", "stays"),
    "sel117a_dates": ("hastig_sygdom", "decision_dates"),
}
"""The consistent names (``socialcalc.testing.<name>``) and the rule module's function each stands for."""


def clear_caches() -> None:
    """Forget what the library keeps between calls in this process: the rates and citations of a day per rate
    book, compiled band tables and the band tables' shared facts (SEL § 100). Results are the same either way;
    only the time differs. For a test that must see every call compute afresh, such as coverage counted per test
    (mutation testing): this project's ``conftest.py`` calls it before every test.

    >>> clear_caches()
    """
    from socialcalc.merudgift import beregning, fakta, regel

    beregning.forget_contexts()
    regel.compiled_bands.cache_clear()
    fakta.table_fact.cache_clear()


def _sel097_dates(book: RateBook | None = None) -> st.SearchStrategy[date]:
    """Days on which the § 97 expense grant maximum is published (SEL § 97, stk. 4)."""
    return covered_dates("sel097.expense_grant_max", book)


def _sel100_dates(book: RateBook | None = None) -> st.SearchStrategy[date]:
    """Decision days under either § 100 regime on which its amounts are published (SEL § 100)."""
    return st.one_of(covered_dates("sel100.bands", book), covered_dates("sel100.komp_group1", book))


def __getattr__(name: str) -> object:
    """The consistent names of :data:`_NAMES`, loaded from their rule module when first asked for.

    >>> from socialcalc import testing
    >>> testing.sel108_args is testing.egenbetaling.sel108_kwargs
    True
    """
    if name not in _NAMES:
        raise AttributeError(f"module 'socialcalc.testing' has no attribute {name!r}")
    module, function = _NAMES[name]
    if not module:
        return globals()[function]
    import importlib

    return getattr(importlib.import_module(f"socialcalc.testing.{module}"), function)
