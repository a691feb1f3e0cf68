"""``socialcalc beskaeftigelse loen|befordring``: § 103 beskyttet beskæftigelse, wage and transport.

The command of the rule's folder (registered by ``plug.toml``); ``socialcalc.cli.beskaeftigelse`` re-exports it.

``loen ASSESSED --field-lowest-wage X --on DATE [--kommune K] [--hours H] [--json]`` prints the hourly wage (or,
with ``--hours``, the wage of the period). ``befordring --days N --distance-km D --net-earnings E --on DATE
(--per-km P | --daily-total T --daily-within-10km W) [--kommune K] [--json]`` prints the transport split.
"""

from __future__ import annotations

import argparse
from typing import Any

from socialcalc.cli.common import add_json, add_kommune, add_project, add_rates, amount, book_of, day, emit

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``beskaeftigelse`` with its two subcommands."""
    p = sub.add_parser("beskaeftigelse", help="§ 103 beskyttet beskæftigelse: løn og befordring")
    inner = p.add_subparsers(dest="beskaeftigelse_command", metavar="UNDERKOMMANDO", required=True)

    loen = inner.add_parser("loen", help="timeløn: mindstebeløb (bekendtgørelsens § 1) og kommunens loft; "
                                         "--hours for en periode")
    loen.add_argument("assessed", type=amount, metavar="ASSESSED", help="den vurderede timeløn, kr. i timen")
    loen.add_argument("--field-lowest-wage", type=amount, required=True, metavar="X",
                      help="arbejdsområdets laveste overenskomstmæssige timeløn, kr. i timen")
    loen.add_argument("--on", type=day, required=True, metavar="DATE", help="ÅÅÅÅ-MM-DD")
    loen.add_argument("--hours", type=amount, default=None, metavar="H",
                      help="arbejdstimer i perioden: vis lønnen for perioden")
    add_kommune(loen)
    add_project(loen)
    add_rates(loen)
    add_json(loen)
    loen.set_defaults(func=_loen)

    bef = inner.add_parser("befordring",
                           help="befordring: fordelingen mellem borgeren og kommunen (bekendtgørelsens § 2)")
    bef.add_argument("--days", type=int, required=True, metavar="N", help="arbejdsdage i perioden")
    bef.add_argument("--distance-km", type=amount, required=True, metavar="D",
                     help="afstand hver vej med den billigste befordring, km")
    bef.add_argument("--net-earnings", type=amount, required=True, metavar="E",
                     help="indtjeningen i beskyttet beskæftigelse efter skat, samme periode")
    bef.add_argument("--on", type=day, required=True, metavar="DATE", help="ÅÅÅÅ-MM-DD")
    bef.add_argument("--per-km", type=amount, default=None, metavar="P",
                     help="pris pr. km for den billigste befordring")
    bef.add_argument("--daily-total", type=amount, default=None, metavar="T",
                     help="zonebilletter: dagspris for hele turen frem og tilbage")
    bef.add_argument("--daily-within-10km", type=amount, default=None, metavar="W",
                     help="zonebilletter: dagspris for en tur inden for egen afstand (10 km), frem og tilbage")
    add_kommune(bef)
    add_project(bef)
    add_rates(bef)
    add_json(bef)
    bef.set_defaults(func=_befordring)


def _loen(args: argparse.Namespace) -> int:
    from socialcalc.beskyttet_beskaeftigelse import hourly_wage, period_wage

    wage = hourly_wage(args.assessed, field_lowest_wage=args.field_lowest_wage, on=args.on, kommune=args.kommune,
                       rates=book_of(args), project=args.project)
    emit(wage if args.hours is None else period_wage(args.hours, wage), args)
    return 0


def _befordring(args: argparse.Namespace) -> int:
    from socialcalc.beskyttet_beskaeftigelse import transport

    result = transport(days=args.days, distance_km=args.distance_km, net_earnings=args.net_earnings, on=args.on,
                       per_km=args.per_km, daily_total=args.daily_total,
                       daily_within_10km=args.daily_within_10km, kommune=args.kommune, rates=book_of(args),
                       project=args.project)
    emit(result, args)
    return 0
