"""The numpy backend of :mod:`socialcalc.kernel`: a rule's decisions, written once, run on whole arrays.

>>> import numpy as np
>>> from socialcalc.kernel import PY
>>> a = np.array([7, -7, 5]); NP.div_half_up(a, 2).tolist(), [PY.div_half_up(int(x), 2) for x in a]
([4, -4, 3], [4, -4, 3])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from socialcalc.kernel import Ops

__all__ = ["NP", "NumpyOps"]


class NumpyOps:
    """The backend for many cases: numpy arrays (``int64`` øre, booleans)."""

    def where(self, cond: Any, a: Any, b: Any) -> Any:
        return np.where(cond, a, b)

    def minimum(self, a: Any, b: Any) -> Any:
        return np.minimum(a, b)

    def maximum(self, a: Any, b: Any) -> Any:
        return np.maximum(a, b)

    def floor_div(self, a: Any, b: Any) -> Any:
        return np.floor_divide(a, b)

    def div_half_up(self, a: Any, b: Any) -> Any:
        q = (np.abs(a) * 2 + b) // (2 * b)
        return np.where(np.asarray(a) >= 0, q, -q)

    def select(self, conds: Sequence[Any], choices: Sequence[Any], default: Any) -> Any:
        # the first condition that holds wins: applied from the last to the first (faster than np.select, which
        # broadcasts every choice to a full array first)
        out = default
        for cond, choice in zip(reversed(conds), reversed(choices), strict=True):
            out = np.where(cond, choice, out)
        return out if isinstance(out, np.ndarray) else np.full(np.shape(conds[0]) if conds else (), out)

    def zeros(self, like: Any) -> Any:
        return np.zeros_like(like)

    def take(self, values: Sequence[Any], index: Any) -> Any:
        return np.asarray(values)[index]


NP: Ops = NumpyOps()
"""The numpy backend."""
