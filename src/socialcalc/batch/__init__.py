"""The batch path: numpy kernels on integer øre for whole caseloads, proven equal to the exact functions.

Budget analysts compute a caseload at once (every § 100 recipient, every § 97 bank over a year). Per-row
pydantic and ``Decimal`` cost microseconds a row; these kernels work on ``int64`` øre (and whole minutes for
hours) with numpy and give the same result as the exact scalar functions, to the øre: property tests in
``tests/properties/`` check that on generated inputs for every kernel.

Needs the ``batch`` extra: ``pip install 'socialcalc[batch]'`` (numpy, pandas). ``import socialcalc`` never
imports numpy; importing this package without it raises an :class:`ImportError` that says how to install it.

**Columns.** Kernels take numpy arrays and validate each column once (not per row): integer øre (``int64``),
no negative amounts where none are allowed, months in order for a bank. A bad column raises
:class:`~socialcalc.batch.columns.BatchInputError` naming the column and the first bad row.

**The float edge.** The pandas adapter (:mod:`socialcalc.batch.frame`) accepts float kroner columns, because
that is what ``read_csv`` gives, and converts them to øre by one documented rule:
:func:`~socialcalc.batch.columns.kroner_to_ore`.
"""

from __future__ import annotations

try:
    import numpy  # noqa: F401
except ImportError as err:  # pragma: no cover - depends on the environment
    raise ImportError(
        "socialcalc.batch needs numpy and pandas: install the batch extra with  pip install 'socialcalc[batch]'"
    ) from err

from socialcalc.batch.columns import BatchInputError, kroner_to_ore, ore_column, ore_to_decimal

__all__ = ["BatchInputError", "kroner_to_ore", "ore_column", "ore_to_decimal"]
