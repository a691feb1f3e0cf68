"""Rate books for the egenbetaling tests: the packaged book plus a municipality that counts calendar days."""

from __future__ import annotations

import functools

from socialcalc.ratebook import RateBook
from socialcalc.testing import book_with

CALENDAR_KOMMUNE = "kalenderby"

_POLICY = """\
[[rate]]
key = "egenbetaling.day_count"
unit = "policy"
value = "calendar_days"
valid_from = 2018-01-01
status = "official"
source = "testkommunens politik: hver kalenderdag i opholdet tælles som ét døgn"
"""


@functools.cache
def calendar_book() -> RateBook:
    """The packaged rates with one more municipality, ``kalenderby``, whose policy is ``calendar_days``."""
    return book_with({f"kommuner/{CALENDAR_KOMMUNE}/policy.toml": _POLICY})
