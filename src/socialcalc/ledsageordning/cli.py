"""``socialcalc ledsager``: the § 97 escort-hour bank and the yearly expense grant.

- ``socialcalc ledsager simulate --start 2024-01 --usage FILE [--until 2024-12] [--kommune K] [--deduction H]
  [--explain] [--json]``: run the bank over a usage history and print the monthly statements as a table.
  ``FILE`` is CSV (``month,hours`` per line; a header ``month,hours`` or ``month,minutes`` is optional; blank
  lines and ``#`` comments are skipped) or a JSON object ``{"2024-03": "20", …}`` of hours. Several lines for
  the same month add up.
- ``socialcalc ledsager tilskud YEAR EXPENSES [--kommune K] [--project [PCT | YEAR=PCT,...]] [--json]``: the
  yearly grant towards the escort's expenses.

Both take ``--rates DIR`` and ``--project`` (:mod:`socialcalc.cli.common`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialcalc.cli.common import add_json, add_kommune, add_project, add_rates, amount, book_of, emit, month
from socialcalc.errors import InvalidInput
from socialcalc.months import Month

if TYPE_CHECKING:
    from socialcalc.ledsageordning import MonthStatement

__all__ = ["read_usage", "register"]


def register(sub: Any) -> None:
    """Add ``ledsager simulate`` and ``ledsager tilskud``."""
    p = sub.add_parser("ledsager", help="§ 97 ledsageordning: the escort-hour bank and the expense grant")
    cmds = p.add_subparsers(dest="ledsager_command", metavar="SUBCOMMAND", required=True)

    s = cmds.add_parser("simulate", help="run the hour bank over a usage file and print the monthly statements")
    s.add_argument("--start", type=month, required=True, metavar="YYYY-MM", help="the bank's first month")
    s.add_argument("--usage", type=Path, required=True, metavar="FILE",
                   help="CSV (month,hours) or JSON ({\"2024-03\": \"20\"}) of hours used per month")
    s.add_argument("--until", type=month, metavar="YYYY-MM",
                   help="the last month to show (default: the last month with use, at least the first month)")
    s.add_argument("--deduction", type=amount, default=Decimal(0), metavar="HOURS",
                   help="escort received in another form each month, deducted from the grant (default 0)")
    s.add_argument("--explain", action="store_true", help="print each month's Danish explanation too")
    add_kommune(s)
    add_project(s)
    add_rates(s)
    add_json(s)
    s.set_defaults(func=_simulate)

    t = cmds.add_parser("tilskud", help="the yearly grant towards the escort's expenses")
    t.add_argument("year", type=int, metavar="YEAR")
    t.add_argument("expenses", type=amount, metavar="EXPENSES", help="the year's probable expenses, e.g. 1200.00")
    add_project(t)
    add_rates(t)
    add_kommune(t)
    add_json(t)
    t.set_defaults(func=_tilskud)


# -- reading the usage file -----------------------------------------------------------------------------------

def read_usage(text: str, name: str = "usage") -> dict[Month, int]:
    """Minutes used per month from CSV or JSON text (``name`` is used in error messages).

    >>> read_usage("month,hours\\n2024-03,20\\n2024-03,0.5\\n")
    {Month(2024, 3): 1230}
    >>> read_usage('{"2024-03": "7.5"}')
    {Month(2024, 3): 450}
    """
    if text.lstrip().startswith(("{", "[")):
        return _read_json(text, name)
    return _read_csv(text, name)


def _add(usage: dict[Month, int], m: Month, minutes: int) -> None:
    usage[m] = usage.get(m, 0) + minutes


def _read_json(text: str, name: str) -> dict[Month, int]:
    from socialcalc.ledsageordning.tid import minutes_of

    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as err:
        raise InvalidInput("usage", f"{name}:{err.lineno}", code="cli.usage_json") from None
    if not isinstance(data, dict):
        raise InvalidInput("usage", name, code="cli.usage_object", example='{"2024-03": "20"}')
    usage: dict[Month, int] = {}
    for key, value in data.items():
        m = Month.coerce(key, f"{name}: month")
        _add(usage, m, minutes_of(value, f"{name}: timer for {key}"))
    return usage


def _read_csv(text: str, name: str) -> dict[Month, int]:
    from socialcalc.ledsageordning.tid import minutes_of

    usage: dict[Month, int] = {}
    unit = "hours"
    for n, row in enumerate(csv.reader(io.StringIO(text)), 1):
        cells = [c.strip() for c in row]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) != 2:
            raise InvalidInput("usage", f"{name}:{n}", code="cli.usage_columns", count=len(cells))
        if cells[0].lower() == "month":
            if cells[1].lower() not in ("hours", "minutes"):
                raise InvalidInput("usage", f"{name}:{n}", code="cli.usage_header",
                                   header="month,hours eller month,minutes", header_en="month,hours or month,minutes")
            unit = cells[1].lower()
            continue
        m = Month.coerce(cells[0], f"{name}:{n}: month")
        if unit == "minutes":
            if not cells[1].isdigit():
                raise InvalidInput(f"{name}:{n}: minutes", repr(cells[1]), code="cli.whole_number")
            _add(usage, m, int(cells[1]))
        else:
            _add(usage, m, minutes_of(cells[1], f"{name}:{n}: hours"))
    return usage


# -- simulate -------------------------------------------------------------------------------------------------

_HEADINGS = ("måned", "bortfaldet", "bevilget", "tabt (loft)", "brugt", "saldo", "saldo pr. bevillingsmåned")


def _row(s: MonthStatement) -> list[str]:
    from socialcalc.explain import tal

    lots = ", ".join(f"{lot.granted_in}: {tal(lot.hours)}" for lot in s.closing_by_grant) or "–"
    return [str(s.month), tal(s.lapsed), tal(s.granted), tal(s.lost_to_cap), tal(s.used), tal(s.closing_balance),
            lots]


def _table(statements: list[MonthStatement]) -> str:
    rows = [list(_HEADINGS), *(_row(s) for s in statements)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEADINGS) - 1)]
    lines = []
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:-1], widths[1:], strict=True)]
        lines.append("  ".join([*cells, r[-1]]))
    return "\n".join(lines)


def _policies(statements: list[MonthStatement]) -> str:
    from socialcalc.explain.render import format_value

    changes: list[str] = []
    current = None
    for s in statements:
        if s.order_of_use is not current:
            current = s.order_of_use
            changes.append(f"fra {format_value(str(s.month), 'maaned', 'da')}: "
                           f"{format_value(current.value, 'label:order_of_use', 'da', 'sel097')}")
    return "; ".join(changes)


def _simulate(args: argparse.Namespace) -> int:
    from socialcalc.explain import tal
    from socialcalc.explain.render import format_value
    from socialcalc.ledsageordning import Bank
    from socialcalc.ledsageordning.tid import hours_of

    try:
        text = args.usage.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InvalidInput("usage", str(args.usage), code="cli.unreadable") from None
    usage = read_usage(text, args.usage.name)
    bank = Bank.open(args.start, kommune=args.kommune, deduction_hours=args.deduction, rates=book_of(args),
                     project=args.project)
    for m in sorted(usage):
        bank = bank.use(m, minutes=usage[m])
    until = args.until or max([args.start, *usage])
    statements = bank.statements(until)
    if args.json:
        rows = [{"month": str(s.month), "lapsed": str(s.lapsed), "granted": str(s.granted),
                 "lost_to_cap": str(s.lost_to_cap), "used": str(s.used), "closing_balance": str(s.closing_balance),
                 "closing_by_grant": {str(lot.granted_in): str(lot.hours) for lot in s.closing_by_grant}}
                for s in statements]
        emit({"bank": bank.model_dump(mode="json"), "hours": rows,
              "statements": [s.model_dump(mode="json") for s in statements]}, True)
        return 0
    where = f"{bank.kommune.capitalize()} Kommune" if bank.kommune else "nationale regler"
    print(f"Ledsageordning (serviceloven § 97), {where}, timebank fra {format_value(str(bank.start), 'maaned', 'da')} "
          "(timer)")
    print(f"Rækkefølge for brug: {_policies(statements)}")
    if bank.deductions[0].minutes:
        print(f"Fradrag: {tal(hours_of(bank.deductions[0].minutes))} timer pr. måned")
    print(_table(statements))
    if args.explain:
        for s in statements:
            print()
            print(s.explain())
    return 0


def _tilskud(args: argparse.Namespace) -> int:
    from socialcalc.ledsageordning import expense_grant

    emit(expense_grant(args.year, args.expenses, kommune=args.kommune, rates=book_of(args), project=args.project),
         args.json)
    return 0
