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

**Kernels** (each in its rule's folder, named by the rule's ``plug.toml``, found by :mod:`socialcalc.registry`
and re-exported here; a rule module never imports numpy, the batch imports the rules):

- :func:`merudgift` (SEL § 100, both regimes; :mod:`socialcalc.batch.sel100`),
- :func:`transport` (SEL § 103 transport; :mod:`socialcalc.batch.sel103`),
- :func:`bank` (SEL § 97 hour banks, many persons × months, both orders of use; :mod:`socialcalc.batch.sel097`),
- :func:`stays` (SEL §§ 109/110 stays; :mod:`socialcalc.egenbetaling.batch`).

**What would a change cost?** :func:`compare` (and :func:`totals`) runs one caseload under several rate books
or years (:mod:`socialcalc.batch.reform`; loads pandas when first used).

Rates are resolved once per distinct (date, kommune), never per row. Results are frozen dataclasses of numpy
arrays (``int64`` øre, whole minutes, small integer codes and ``projected`` flags).

**The float edge.** The pandas adapter (:mod:`socialcalc.batch.frame`) accepts float kroner columns, because
that is what ``read_csv`` gives, and converts them to øre by one documented rule:
:func:`~socialcalc.batch.columns.kroner_to_ore`. The adapter needs pandas and is imported on its own
(``from socialcalc.batch.frame import merudgift_frame``), so the kernels load with numpy alone.

>>> from datetime import date
>>> import numpy as np
>>> merudgift(np.array([170700]), decided_on=date(2024, 6, 1)).amount.tolist() == [227700]
True
"""

from __future__ import annotations

from typing import Any

try:
    import numpy  # noqa: F401
except ImportError as err:  # pragma: no cover - depends on the environment
    raise ImportError(
        "socialcalc.batch needs numpy and pandas: install the batch extra with  pip install 'socialcalc[batch]'"
    ) from err

from socialcalc.batch.columns import (
    BatchInputError,
    BatchRateNotPublished,
    decimal_to_int,
    int_column,
    kroner_to_ore,
    ore_column,
    ore_to_decimal,
)
from socialcalc.registry import plugs as _plugs


def _kernels() -> dict[str, Any]:
    # every rule's kernels, from the module its plug.toml names (imported here: the batch path needs them all)
    import importlib
    import sys

    found: dict[str, Any] = {}
    for p in _plugs():
        if p.batch:
            loading = sys.modules.get(p.batch)
            if loading is not None and not hasattr(loading, "__all__"):
                continue  # a rule's kernel module importing this package first: found by __getattr__ below
            module = importlib.import_module(p.batch)
            found.update({name: getattr(module, name) for name in module.__all__})
    return found


_KERNELS = _kernels()
globals().update(_KERNELS)


def __getattr__(name: str) -> Any:
    """``compare`` and ``totals`` (:mod:`socialcalc.batch.reform`) load pandas only when first used."""
    if name in ("compare", "totals"):
        from socialcalc.batch import reform

        return getattr(reform, name)
    import importlib

    for p in _plugs():
        if p.batch:
            module = importlib.import_module(p.batch)
            if name in getattr(module, "__all__", ()):
                return getattr(module, name)
    raise AttributeError(f"module 'socialcalc.batch' has no attribute {name!r}")


__all__ = [
    "BatchInputError",
    "BatchRateNotPublished",
    "compare",
    "decimal_to_int",
    "int_column",
    "kroner_to_ore",
    "ore_column",
    "ore_to_decimal",
    "totals",
    *_KERNELS,
]
