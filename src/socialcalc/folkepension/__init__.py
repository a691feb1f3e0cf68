"""Folkepensionsalder (state pension age): when a person reaches it, and the month folkepension starts.

Several rules end or start at folkepensionsalderen: § 97's entitlement, the end of § 100, § 103's target group.
The age depends on the birth date (lov om social pension § 1 a). The table is data: ``folkepension.age_table``
in the rate book, versioned like every rate, so a later law is a data change; the legal citation is data too
(``hjemmel.folkepension.alder``).

The rule lives in one folder: the age and its days (:mod:`.alder`), the explained result
(:func:`folkepensionsalder`, :class:`Folkepensionsalder`), the Danish and English texts (``tekster.da.toml``,
``tekster.en.toml``) and the command (:mod:`.cli`).

>>> from datetime import date
>>> from socialcalc.folkepension import first_pension_month, pension_age, reached_on
>>> pension_age(date(1960, 5, 15))
PensionAge(years=67, months=0)
>>> reached_on(date(1960, 5, 15))
datetime.date(2027, 5, 15)
>>> first_pension_month(date(1960, 5, 15))
Month(2027, 6)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from socialcalc.folkepension.alder import (
        PensionAge,
        birth_date_from_cpr,
        first_pension_month,
        pension_age,
        reached_on,
    )
    from socialcalc.folkepension.resultat import Folkepensionsalder, folkepensionsalder

__all__ = [
    "Folkepensionsalder",
    "PensionAge",
    "birth_date_from_cpr",
    "first_pension_month",
    "folkepensionsalder",
    "pension_age",
    "reached_on",
]

_RESULT = ("Folkepensionsalder", "folkepensionsalder")


def __getattr__(name: str) -> Any:
    """The rule's public names, loaded when first used (so the CLI's ``--help`` loads no rule code)."""
    if name in __all__:
        import importlib

        module = importlib.import_module(f"socialcalc.folkepension.{'resultat' if name in _RESULT else 'alder'}")
        return getattr(module, name)
    raise AttributeError(f"module 'socialcalc.folkepension' has no attribute {name!r}")
