"""The tiny numeric protocol a rule's decisions are written on, once, for one case and for a million.

A rule writes each decision (a threshold and its edge, a tie-break, a rounding point) as a function of
integer øre (or whole minutes) and an :class:`Ops` backend. :data:`PY` runs it on plain ``int`` s for one case;
``socialcalc.batch.ops.NP`` runs the very same function on numpy arrays for a caseload. Comparisons,
``+ - *`` and ``& | ~`` (on booleans) work on both; everything else goes through the backend. A rule module
imports only this module, never numpy.

>>> def pays(expenses, lower, ops):
...     return ops.where(expenses >= lower, expenses, 0)
>>> pays(700, 608, PY), pays(600, 608, PY)
(700, 0)
>>> PY.div_half_up(7, 2), PY.div_half_up(-7, 2), PY.floor_div(7, 2)
(4, -4, 3)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

__all__ = ["PY", "Ops", "PyOps"]


class Ops(Protocol):
    """What a decision may ask of its backend (``Any``: an ``int``/``bool`` for one case, an array for many)."""

    def where(self, cond: Any, a: Any, b: Any) -> Any:
        """``a`` where ``cond`` holds, else ``b``."""

    def minimum(self, a: Any, b: Any) -> Any:
        """The smaller of ``a`` and ``b``."""

    def maximum(self, a: Any, b: Any) -> Any:
        """The larger of ``a`` and ``b``."""

    def floor_div(self, a: Any, b: Any) -> Any:
        """``a // b`` (towards minus infinity)."""

    def div_half_up(self, a: Any, b: Any) -> Any:
        """``a / b`` rounded to a whole number, halves away from zero (``b > 0``)."""

    def select(self, conds: Sequence[Any], choices: Sequence[Any], default: Any) -> Any:
        """The choice of the first condition that holds, else ``default``."""

    def zeros(self, like: Any) -> Any:
        """Zero, shaped like ``like``."""

    def take(self, values: Sequence[Any], index: Any) -> Any:
        """``values[index]`` (a table lookup by a code: ``index`` is in range)."""

    def codes(self, conds: Sequence[Any], choices: Sequence[int], default: Any) -> Any:
        """:meth:`select` for small integer codes: every choice, and ``default``, is a whole number from −128 to
        127 (a batch backend keeps them in one byte)."""

    def highest_met(self, x: Any, thresholds: Sequence[int]) -> Any:
        """The highest ``m`` (1, 2, …) with ``x >= thresholds[m - 1]``, else 0 (a code from 0 to 127)."""


class PyOps:
    """The backend for one case: plain Python integers and booleans."""

    def where(self, cond: Any, a: Any, b: Any) -> Any:
        return a if cond else b

    def minimum(self, a: Any, b: Any) -> Any:
        return min(a, b)

    def maximum(self, a: Any, b: Any) -> Any:
        return max(a, b)

    def floor_div(self, a: Any, b: Any) -> Any:
        return a // b

    def div_half_up(self, a: Any, b: Any) -> Any:
        q = (abs(a) * 2 + b) // (2 * b)
        return q if a >= 0 else -q

    def select(self, conds: Sequence[Any], choices: Sequence[Any], default: Any) -> Any:
        for cond, choice in zip(conds, choices, strict=True):
            if cond:
                return choice
        return default

    def zeros(self, like: Any) -> Any:
        return 0

    def take(self, values: Sequence[Any], index: Any) -> Any:
        return values[index]

    def codes(self, conds: Sequence[Any], choices: Sequence[int], default: Any) -> Any:
        return self.select(conds, choices, default)

    def highest_met(self, x: Any, thresholds: Sequence[int]) -> Any:
        met = 0
        for m, threshold in enumerate(thresholds, 1):
            if x >= threshold:
                met = m
        return met


PY: Ops = PyOps()
"""The one-case backend."""
