"""``socialcalc merudgift``: moved to :mod:`socialcalc.merudgift.cli` (this path keeps working)."""

from __future__ import annotations

from socialcalc.merudgift.cli import register

__all__ = ["register"]
