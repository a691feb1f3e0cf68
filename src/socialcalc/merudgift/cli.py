"""``socialcalc merudgift EXPENSES --decided-on DATE``: the monthly § 100 payment (SEL § 100).

Prints the Danish explanation, or with ``--json`` the :class:`~socialcalc.merudgift.MerudgiftResult`.
"""

from __future__ import annotations

import argparse
from typing import Any

from socialcalc.cli.common import add_json, add_kommune, add_project, add_rates, amount, book_of, day, emit

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``merudgift``."""
    p = sub.add_parser("merudgift", help="SEL § 100: merudgiftsydelse or kompensationsydelse for a month",
                       description="The monthly § 100 payment. The regime follows the decision date, the rates "
                                   "the payment month (--on, default the decision date).")
    p.add_argument("expenses", type=amount, metavar="EXPENSES", help="probable extra expenses, e.g. 2846.01")
    p.add_argument("--decided-on", type=day, required=True, metavar="DATE", help="date of the decision, YYYY-MM-DD")
    p.add_argument("--on", type=day, default=None, metavar="DATE",
                   help="a date in the payment month, YYYY-MM-DD (default: the decision date)")
    p.add_argument("--per", choices=["month", "year"], default="month", help="EXPENSES per month (default) or year")
    p.add_argument("--documented", action="store_true", help="the expenses are documented (full cover at the top)")
    p.add_argument("--listed-documented", type=amount, default=None, metavar="X",
                   help="kompensationsydelse: documented expenses of the listed types (same period as EXPENSES)")
    p.add_argument("--group", choices=["I", "II"], default=None,
                   help="kompensationsydelse: the citizen's chosen group (default: the recommended one)")
    add_kommune(p)
    add_project(p)
    add_rates(p)
    add_json(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from socialcalc.merudgift import calculate

    result = calculate(args.expenses, decided_on=args.decided_on, on=args.on, per=args.per,
                       documented=args.documented, listed_documented=args.listed_documented, group=args.group,
                       kommune=args.kommune, rates=book_of(args), project=args.project)
    emit(result, args)
    return 0
