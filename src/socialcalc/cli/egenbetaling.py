"""The ``socialcalc egenbetaling`` command now lives in :mod:`socialcalc.egenbetaling.cli` (kept importable)."""

from __future__ import annotations

from socialcalc.egenbetaling.cli import register

__all__ = ["register"]
