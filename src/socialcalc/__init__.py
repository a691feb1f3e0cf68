"""socialcalc: Danish adult social-service benefits and fees under serviceloven (SEL).

Exact ``Decimal`` money, calendar months, a strict, sourced, versioned rate book, and results that explain
themselves in Danish. The rules live in their own modules (``socialcalc.ledsageordning``,
``socialcalc.merudgift``, …); this package exposes the foundation they share.

>>> from datetime import date
>>> import socialcalc
>>> socialcalc.load_rates().at(date(2024, 1, 1)).get("sel097.expense_grant_max").unit
'DKK/year'
>>> socialcalc.Month(2024, 12) + 1
Month(2025, 1)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from socialcalc.errors import (
        InvalidInput,
        RateError,
        RateFileError,
        RateNotPublished,
        SocialcalcError,
        UnknownRate,
    )
    from socialcalc.months import Month, MonthEndRule, months_after
    from socialcalc.ratebook import RateBook, Rates, check_rates, load_rates

_LAZY: dict[str, str] = {
    **dict.fromkeys(("InvalidInput", "RateError", "RateFileError", "RateNotPublished", "SocialcalcError",
                     "UnknownRate"), "socialcalc.errors"),
    **dict.fromkeys(("Month", "MonthEndRule", "months_after"), "socialcalc.months"),
    **dict.fromkeys(("RateBook", "Rates", "check_rates", "load_rates"), "socialcalc.ratebook"),
}
"""Each public name and the module it is imported from on first use (``import socialcalc`` itself stays light)."""

__version__ = "0.1.0"

__all__ = [
    "InvalidInput",
    "Month",
    "MonthEndRule",
    "RateBook",
    "RateError",
    "RateFileError",
    "RateNotPublished",
    "Rates",
    "SocialcalcError",
    "UnknownRate",
    "__version__",
    "check_rates",
    "load_rates",
    "months_after",
]


def __getattr__(name: str) -> Any:
    """A public name (imported from its module on first use), or a submodule (``socialcalc.ratebook``)."""
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if not name.startswith("_"):
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
