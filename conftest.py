"""Test-wide settings: the derived-data cache (:mod:`socialcalc.cache`) in a fresh directory of this run, never
the user's own (child processes, such as the CLI run as a subprocess, inherit it). ``SOCIALCALC_CACHE=off pytest``
runs every test without it. What the library keeps in memory between calls (the rates of a day per rate book) is
forgotten before each test, so each test computes what it reads (and mutation testing sees which tests do)."""

import atexit
import os
import shutil
import tempfile

import pytest

if "SOCIALCALC_CACHE" not in os.environ:
    _where = tempfile.mkdtemp(prefix="socialcalc-test-cache-")
    os.environ["SOCIALCALC_CACHE"] = _where
    atexit.register(shutil.rmtree, _where, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_memory() -> None:
    from socialcalc.testing import clear_caches

    clear_caches()
