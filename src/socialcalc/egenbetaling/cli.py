"""``socialcalc egenbetaling ophold|forudbetaling|efterregulering|botilbud108|botilbud107``: self-payment."""

from __future__ import annotations

import argparse
from typing import Any

from socialcalc.cli.common import add_json, add_kommune, add_project, add_rates, amount, book_of, day, emit
from socialcalc.errors import InvalidInput

__all__ = ["register"]


def _paragraph(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paragraph", metavar="PARAGRAPH", help="109 (kvindekrisecenter) or 110 (forsorgshjem/herberg)")


def _book_options(parser: argparse.ArgumentParser) -> None:
    add_project(parser)
    add_rates(parser)


def _book(args: argparse.Namespace) -> dict[str, Any]:
    return {"rates": book_of(args), "project": args.project}


def register(sub: Any) -> None:
    """Add ``egenbetaling`` and its subcommands."""
    p = sub.add_parser("egenbetaling", help="self-payment for SEL §§ 107, 108, 109 and 110")
    es = p.add_subparsers(dest="egenbetaling_command", metavar="SUBCOMMAND", required=True)

    o = es.add_parser("ophold", help="§§ 109/110: the payment for a stay, each døgn at its rate")
    _paragraph(o)
    o.add_argument("arrival", type=day, metavar="ARRIVAL", help="YYYY-MM-DD")
    o.add_argument("departure", type=day, metavar="DEPARTURE", help="YYYY-MM-DD")
    o.add_argument("--no-income", action="store_true", help="the resident has no income (pays nothing)")
    red = o.add_mutually_exclusive_group()
    red.add_argument("--reduction", type=amount, metavar="KR", help="the municipality's reduction, kroner off")
    red.add_argument("--reduction-share", type=amount, metavar="SHARE", help="the reduction as a share (0-1)")
    red.add_argument("--waiver", action="store_true", help="the municipality waived the payment (bortfald)")
    add_kommune(o)
    _book_options(o)
    add_json(o)
    o.set_defaults(func=_stay)

    f = es.add_parser("forudbetaling", help="§§ 109/110: a prepayment (at most egenbetaling.prepayment_max_days døgn)")
    _paragraph(f)
    f.add_argument("start", type=day, metavar="START", help="the first prepaid døgn, YYYY-MM-DD")
    f.add_argument("days", type=int, metavar="DAYS", help="døgn prepaid")
    add_kommune(f)
    _book_options(f)
    add_json(f)
    f.set_defaults(func=_prepayment)

    e = es.add_parser("efterregulering", help="§§ 109/110: settle a prepaid period against the døgn stayed")
    _paragraph(e)
    e.add_argument("start", type=day, metavar="START", help="the first prepaid døgn, YYYY-MM-DD")
    e.add_argument("prepaid_days", type=int, metavar="PREPAID_DAYS", help="døgn prepaid")
    e.add_argument("actual_days", type=int, metavar="ACTUAL_DAYS", help="døgn actually stayed")
    add_kommune(e)
    _book_options(e)
    add_json(e)
    e.set_defaults(func=_settlement)

    b8 = es.add_parser("botilbud108", help="§ 108: the yearly housing payment (amounts per year)")
    b8.add_argument("--income-basis", type=amount, required=True, metavar="KR")
    b8.add_argument("--dwelling-costs", type=amount, required=True, metavar="KR")
    b8.add_argument("--on", type=day, required=True, metavar="DATE", help="YYYY-MM-DD: the year's table")
    b8.add_argument("--single-pensioner", action="store_true", help="a truly single pensioner")
    b8.add_argument("--dependants-set-aside", type=amount, default=0, metavar="KR")
    b8.add_argument("--joint-income", type=amount, metavar="KR", help="a couple: joint income")
    b8.add_argument("--social-pension", type=amount, metavar="KR", help="a couple: the social pension")
    for name in ("electricity", "heating", "services"):
        b8.add_argument(f"--{name}", type=amount, default=0, metavar="KR", help=f"{name}: a separate line")
    b8.add_argument("--kompensationsbeloeb", type=amount, default=None, metavar="KR",
                    help="the kompensationsbeløb the municipality fixed (BEK 1387/2006 §§ 6-8), per year: "
                         "deducted from the payment")
    add_kommune(b8)
    _book_options(b8)
    add_json(b8)
    b8.set_defaults(func=_sel108)

    b7 = es.add_parser("botilbud107", help="§ 107: the monthly payment leaving the rådighedsbeløb")
    b7.add_argument("--net-income", type=amount, required=True, metavar="KR")
    b7.add_argument("--fixed-expenses", type=amount, required=True, metavar="KR")
    b7.add_argument("--included-items-cost", type=amount, required=True, metavar="KR")
    board = b7.add_mutually_exclusive_group(required=True)
    board.add_argument("--board-included", dest="board_included", action="store_true")
    board.add_argument("--no-board", dest="board_included", action="store_false")
    b7.add_argument("--on", type=day, required=True, metavar="DATE", help="YYYY-MM-DD")
    b7.add_argument("--kommune", metavar="K", required=True, help="municipality (e.g. lejre)")
    b7.add_argument("--keeps-own-dwelling", action="store_true")
    b7.add_argument("--housing-part-cost", type=amount, default=None, metavar="KR")
    _book_options(b7)
    add_json(b7)
    b7.set_defaults(func=_sel107)


def _stay(args: argparse.Namespace) -> int:
    from socialcalc.egenbetaling import Reduction, stay

    reduction = None
    if args.reduction is not None:
        reduction = Reduction.kroner(args.reduction)
    elif args.reduction_share is not None:
        reduction = Reduction.of_share(args.reduction_share)
    elif args.waiver:
        reduction = Reduction.waiver()
    emit(stay(args.paragraph, args.arrival, args.departure, has_income=not args.no_income, reduction=reduction,
              kommune=args.kommune, **_book(args)), args.json)
    return 0


def _prepayment(args: argparse.Namespace) -> int:
    from socialcalc.egenbetaling import prepayment

    emit(prepayment(args.paragraph, args.start, args.days, kommune=args.kommune, **_book(args)), args.json)
    return 0


def _settlement(args: argparse.Namespace) -> int:
    from socialcalc.egenbetaling import settlement

    emit(settlement(args.paragraph, args.start, args.prepaid_days, args.actual_days, kommune=args.kommune,
                    **_book(args)), args.json)
    return 0


def _sel108(args: argparse.Namespace) -> int:
    from socialcalc.egenbetaling import Couple, sel108

    couple = None
    if args.joint_income is not None or args.social_pension is not None:
        if args.joint_income is None or args.social_pension is None:
            raise InvalidInput("couple", "ufuldstændig", "angiv både --joint-income og --social-pension")
        couple = Couple.model_construct(joint_income=args.joint_income, social_pension=args.social_pension)
    emit(sel108(income_basis=args.income_basis, dwelling_costs=args.dwelling_costs, on=args.on,
                single_pensioner=args.single_pensioner, dependants_set_aside=args.dependants_set_aside,
                couple=couple, electricity=args.electricity, heating=args.heating, services=args.services,
                kompensationsbeloeb=args.kompensationsbeloeb, kommune=args.kommune, **_book(args)), args.json)
    return 0


def _sel107(args: argparse.Namespace) -> int:
    from socialcalc.egenbetaling import sel107

    emit(sel107(net_income=args.net_income, fixed_expenses=args.fixed_expenses,
                included_items_cost=args.included_items_cost, board_included=args.board_included, on=args.on,
                kommune=args.kommune, keeps_own_dwelling=args.keeps_own_dwelling,
                housing_part_cost=args.housing_part_cost, **_book(args)), args.json)
    return 0
