"""Rate books for the egenbetaling tests: the packaged book plus a municipality that counts calendar days."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from socialcalc.ratebook import RateBook, load_rates

CALENDAR_KOMMUNE = "kalenderby"

_POLICY = """\
[[rate]]
key = "egenbetaling.day_count"
unit = "policy"
value = "calendar_days"
valid_from = 2018-01-01
status = "official"
source = "test overlay: a municipality that counts every calendar day of the stay"
"""


@functools.cache
def calendar_book() -> RateBook:
    """The packaged rates with one more municipality, ``kalenderby``, whose policy is ``calendar_days``."""
    root = Path(tempfile.mkdtemp(prefix="socialcalc-egenbetaling-"))
    folder = root / "kommuner" / CALENDAR_KOMMUNE
    folder.mkdir(parents=True)
    (folder / "policy.toml").write_text(_POLICY, encoding="utf-8")
    return load_rates(None, overlays=[root])
