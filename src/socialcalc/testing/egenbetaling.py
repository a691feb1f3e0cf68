"""Hypothesis strategies for SEL §§ 107–110: now :mod:`socialcalc.egenbetaling.strategies` (re-exported here)."""

from __future__ import annotations

from socialcalc.egenbetaling.strategies import (
    couples,
    paragraphs,
    prepaid_periods,
    sel107_kwargs,
    sel108_kwargs,
    stays,
)

__all__ = ["couples", "paragraphs", "prepaid_periods", "sel107_kwargs", "sel108_kwargs", "stays"]
