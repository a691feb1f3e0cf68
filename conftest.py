"""Test-wide settings: the derived-data cache (:mod:`socialcalc.cache`) in a fresh directory of this run, never
the user's own (child processes, such as the CLI run as a subprocess, inherit it). ``SOCIALCALC_CACHE=off pytest``
runs every test without it."""

import atexit
import os
import shutil
import tempfile

if "SOCIALCALC_CACHE" not in os.environ:
    _where = tempfile.mkdtemp(prefix="socialcalc-test-cache-")
    os.environ["SOCIALCALC_CACHE"] = _where
    atexit.register(shutil.rmtree, _where, ignore_errors=True)
