"""A test overlay for the years the packaged book cannot compute strictly (issue 11, item 5).

Every figure marked "a test figure" is invented for the tests and is not a rate; the § 108 figures of 2025 and
2026 are the derived ones of the research notes (spec rates-2025-2027.md § 7.3).
"""

from __future__ import annotations

import functools

from socialcalc.ratebook import RateBook
from socialcalc.testing import book_with

_TEST = "a test figure (not a rate): tests/currency/books.py"
_DERIVED = "derived in spec rates-2025-2027.md § 7.3 (tests/currency/books.py)"


def _rate(key: str, unit: str, value: str, year: int, source: str = _TEST) -> str:
    return (f'[[rate]]\nkey = "{key}"\nunit = "{unit}"\nvalue = {value}\nvalid_from = {year}-01-01\n'
            f'status = "derived"\nsource = "{source}"\n\n')


FIGURES_2027 = {
    "sel097.expense_grant_max": ("DKK/year", "1100"),
    "sel100.komp_minimum": ("DKK/month", "600"),
    "sel100.komp_group1": ("DKK/month", "1200"),
    "sel100.komp_group2_threshold": ("DKK/month", "2200"),
    "sel100.komp_group2_supplement": ("DKK/month", "550"),
    "sel117a.budget": ("DKK", "46000"),
    "sel108.threshold": ("DKK/year", "265000"),
    "sel108.single_pensioner_reduction": ("DKK/year", "57500"),
    "sel108.couple_discount_step": ("DKK/year", "6500"),
}
"""Test figures for 2027 (no 2027 figure is in our sources)."""

DAY_RATES = {  # (§ 109, § 110) per døgn: test figures for the years our sources lack
    2025: ("100.00", "104.00"),
    2026: ("104.00", "108.00"),
    2027: ("108.00", "112.00"),
}

SEL108 = {  # threshold, single pensioner reduction, couples' step: derived (spec § 7.3)
    2025: ("243100", "52800", "6036"),
    2026: ("254800", "55300", "6308"),
}


@functools.cache
def overlay_book() -> RateBook:
    """The packaged book with the overlay above."""
    files: dict[str, str] = {}
    files["national/test-2027.toml"] = "".join(_rate(k, u, v, 2027) for k, (u, v) in FIGURES_2027.items())
    files["national/test-day-rates.toml"] = "".join(
        _rate("sel109.per_day", "DKK/day", r109, year) + _rate("sel110.per_day", "DKK/day", r110, year)
        for year, (r109, r110) in DAY_RATES.items())
    files["national/test-sel108.toml"] = "".join(
        _rate("sel108.threshold", "DKK/year", t, year, _DERIVED)
        + _rate("sel108.single_pensioner_reduction", "DKK/year", r, year, _DERIVED)
        + _rate("sel108.couple_discount_step", "DKK/year", s, year, _DERIVED)
        for year, (t, r, s) in SEL108.items())
    return book_with(files)
