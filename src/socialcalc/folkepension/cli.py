"""``socialcalc folkepension BIRTHDATE``: folkepensionsalder, the day it is reached, the first pension month.

The text is the explanation of :func:`socialcalc.folkepension.folkepensionsalder` (``--audience``,
``--locale``); ``--json`` prints the figures.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from socialcalc.cli.common import add_json, add_project, add_rates, book_of, day, render_options

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``folkepension``."""
    p = sub.add_parser("folkepension", help="folkepensionsalder for a birth date")
    p.add_argument("birth", type=day, metavar="BIRTHDATE", help="YYYY-MM-DD")
    p.add_argument("--on", type=day, default=None, metavar="DATE",
                   help="use the table in force on DATE, YYYY-MM-DD (default: the latest table)")
    add_project(p)
    add_rates(p)
    add_json(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from socialcalc.folkepension import folkepensionsalder

    result = folkepensionsalder(args.birth, rates=book_of(args), on=args.on, project=args.project)
    if args.json:
        print(json.dumps({"birth": args.birth.isoformat(), "years": result.years, "months": result.months,
                          "reached_on": result.reached_on.isoformat(),
                          "first_pension_month": str(result.first_pension_month)}, indent=2))
    else:
        print(result.explain(**render_options(args)))
    return 0
