"""``socialcalc test CASES.yaml``: run a case file (:mod:`socialcalc.cases`); exit 1 on any failure.

Prints one line per failure (``file:line: case: field: expected …, got … (source)``) and a summary. ``--rates
DIR`` lays a rate directory over the packaged tables for every case (a new year's table, before it is
merged); ``--spec-examples`` runs the worked examples shipped with socialcalc.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``test``."""
    p = sub.add_parser("test", help="run worked cases from a YAML case file; exit 1 on any failure",
                       description="Run the cases of CASES.yaml (format: socialcalc.cases) exactly.")
    p.add_argument("files", type=Path, nargs="*", metavar="CASES.yaml", help="case files")
    p.add_argument("--spec-examples", action="store_true", help="also run the rules' worked examples (shipped)")
    p.add_argument("--rates", type=Path, default=None, metavar="DIR",
                   help="a rate directory laid over the packaged tables (as load_rates(overlays=[DIR]))")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from socialcalc import load_rates
    from socialcalc.cases import SPEC_EXAMPLES, run_file
    from socialcalc.errors import InvalidInput

    files = list(args.files) + ([SPEC_EXAMPLES] if args.spec_examples else [])
    if not files:
        raise InvalidInput("CASES.yaml", "ingen", code="cli.cases_none")
    for path in files:
        if not path.is_file():
            raise InvalidInput("CASES.yaml", str(path), code="cli.no_file")
    book = load_rates(overlays=[args.rates]) if args.rates is not None else None
    count = failed = 0
    for path in files:
        report = run_file(path, rates=book)
        count += report.count
        failed += len(report.failures)
        for line in report.failures:
            print(line)
    print(f"{count} {'sag' if count == 1 else 'sager'}, {failed} fejl", file=sys.stderr)
    return 1 if failed else 0
