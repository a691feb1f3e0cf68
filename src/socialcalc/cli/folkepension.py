"""``socialcalc folkepension BIRTHDATE``: folkepensionsalder, the day it is reached, the first pension month."""

from __future__ import annotations

import argparse
import json
from typing import Any

from socialcalc.cli.common import add_json, add_project, add_rates, book_of, day

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
    from socialcalc.explain import dato
    from socialcalc.folkepension import first_pension_month, pension_age, reached_on

    book = book_of(args)
    age = pension_age(args.birth, rates=book, on=args.on, project=args.project)
    reached = reached_on(args.birth, rates=book, on=args.on, project=args.project)
    first = first_pension_month(args.birth, rates=book, on=args.on, project=args.project)
    if args.json:
        print(json.dumps({"birth": args.birth.isoformat(), "years": age.years, "months": age.months,
                          "reached_on": reached.isoformat(), "first_pension_month": str(first)}, indent=2))
    else:
        print(f"Født {dato(args.birth)}: folkepensionsalder {age}, nås {dato(reached)}; "
              f"folkepension fra {dato(first.first_day)}.")
    return 0
