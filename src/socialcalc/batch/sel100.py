"""SEL § 100 batch kernels: moved to :mod:`socialcalc.merudgift.batch` (this path keeps working).

>>> from socialcalc.batch.sel100 import merudgift, one_off
>>> merudgift.__module__
'socialcalc.merudgift.batch'
"""

from __future__ import annotations

from typing import Any

__all__ = ["BAND_FULL", "GROUP_I", "GROUP_II", "KOMPENSATIONSYDELSE", "MAX_ORE", "MERUDGIFTSYDELSE", "NO_BAND",
           "NO_GROUP", "MerudgiftBatch", "OneOffBatch", "merudgift", "one_off"]


def __getattr__(name: str) -> Any:
    """The names of :mod:`socialcalc.merudgift.batch`, imported on first use (no import cycle)."""
    if name in __all__:
        from socialcalc.merudgift import batch

        return getattr(batch, name)
    raise AttributeError(f"module 'socialcalc.batch.sel100' has no attribute {name!r}")
