"""``socialcalc hastig-sygdom budget|replay``: the SEL § 117a budget of a disease course.

``budget DECIDED_ON`` opens the account and prints it; ``replay DECIDED_ON --bookings FILE`` books every grant
in FILE, in order, and prints the account. FILE is CSV with a header row naming the columns
``paragraph,date,amount,description`` (description may be left out), or a JSON list of objects with the same
keys (the ``bookings`` of a stored account can be replayed as they are); ``-`` reads standard input. A refused
booking (over the budget, or bad input) exits 2 with the line or item ("linje 4", "post 2") and the remaining
amount. The account is printed as its explanation (``--audience borger|sagsbehandler``, ``--locale da|en``) or,
with ``--json``, as the stored account.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialcalc.cli.common import add_json, add_kommune, add_project, add_rates, book_of, day, render_options
from socialcalc.errors import InvalidInput, SocialcalcError

if TYPE_CHECKING:
    from socialcalc.hastig_sygdom import Budget

__all__ = ["read_bookings", "register"]

_COLUMNS = ("paragraph", "date", "amount", "description")


def register(sub: Any) -> None:
    """Add ``hastig-sygdom`` and its subcommands ``budget`` and ``replay``."""
    p = sub.add_parser("hastig-sygdom", help="SEL § 117a: the budget for a rapidly progressing disease")
    hs = p.add_subparsers(dest="hastig_command", metavar="SUBCOMMAND", required=True)

    b = hs.add_parser("budget", help="open the § 117a account for a decision date and show it")
    _common(b)
    b.set_defaults(func=_budget)

    r = hs.add_parser("replay", help="book the grants in a CSV or JSON file on a new account and show it")
    _common(r)
    r.add_argument("--bookings", required=True, metavar="FILE",
                   help="CSV (paragraph,date,amount,description) or a JSON list of bookings; '-' for stdin")
    r.set_defaults(func=_replay)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("decided_on", type=day, metavar="DECIDED_ON", help="date of the decision, YYYY-MM-DD")
    add_kommune(p)
    add_project(p)
    add_rates(p)
    add_json(p)


def _open(args: argparse.Namespace) -> Budget:
    from socialcalc.hastig_sygdom import Budget

    return Budget.open(args.decided_on, kommune=args.kommune, rates=book_of(args), project=args.project)


def _show(account: Budget, args: argparse.Namespace) -> None:
    print(account.model_dump_json(indent=2) if args.json else account.explain(**render_options(args)))


def _budget(args: argparse.Namespace) -> int:
    _show(_open(args), args)
    return 0


def _replay(args: argparse.Namespace) -> int:
    account = _open(args)
    text = _read(args.bookings)
    for where, row in read_bookings(text):
        try:
            account = account.book(row["paragraph"], row["amount"], on=row["date"],
                                   description=row["description"])
        except SocialcalcError as err:
            err.args = (f"{where}: {err}",)  # the CLI's error handling prints it (exit code, --json)
            raise
    _show(account, args)
    return 0


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError:
        raise InvalidInput("--bookings", path, code="input.bookings_unreadable", why=True) from None


def read_bookings(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each booking in ``text`` (CSV or a JSON list) as ``(where, {paragraph, date, amount, description})``.

    ``where`` names the CSV line or the JSON item in Danish ("linje 2", "post 1"), for error messages. Amounts
    stay text (or exact decimals) and are checked by :meth:`socialcalc.hastig_sygdom.Budget.book`.

    >>> [row for _, row in read_bookings("paragraph,date,amount\\n112,2024-03-20,18500.00\\n")]
    [{'paragraph': 112, 'date': datetime.date(2024, 3, 20), 'amount': '18500.00', 'description': ''}]
    """
    start = text.lstrip()[:1]
    if start == "{":
        raise InvalidInput("--bookings", "{…}", code="input.bookings_not_list")
    if start == "[":
        yield from _json_rows(text)
    else:
        yield from _csv_rows(text)


def _csv_rows(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in _COLUMNS[:3] if c not in header]
    unknown = [h for h in header if h not in _COLUMNS]
    if missing or unknown:
        raise InvalidInput("--bookings", ",".join(header) or "(tom)", code="input.bookings_header")
    reader.fieldnames = header
    for raw in reader:
        where = f"linje {reader.line_num}"
        if None in raw:
            raise InvalidInput(where, ",".join(raw[None]), code="input.bookings_extra")
        yield where, _row(where, {k: (v or "").strip() for k, v in raw.items()})


def _json_rows(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        items = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as err:
        raise InvalidInput("--bookings", f"linje {err.lineno}, kolonne {err.colno}", code="input.bookings_json") \
            from None
    for n, item in enumerate(items, 1):
        where = f"post {n}"
        if not isinstance(item, Mapping):
            raise InvalidInput(where, repr(item), code="input.booking_object")
        unknown = [k for k in item if k not in _COLUMNS]
        if unknown:
            raise InvalidInput(where, ", ".join(unknown), code="input.booking_key")
        yield where, _row(where, dict(item))


def _row(where: str, raw: dict[str, Any]) -> dict[str, Any]:
    for column in _COLUMNS[:3]:
        if raw.get(column) in (None, ""):
            raise InvalidInput(f"{where}: {column}", "''", code="input.booking_missing")
    paragraph = raw["paragraph"]
    if isinstance(paragraph, str):
        text = paragraph.strip().lstrip("§").strip()
        if not text.isdigit():
            raise InvalidInput(f"{where}: paragraph", repr(paragraph), code="input.booking_paragraph_text")
        paragraph = int(text)
    when = raw["date"]
    try:
        on = date.fromisoformat(when) if isinstance(when, str) else when
    except ValueError:
        raise InvalidInput(f"{where}: date", repr(when), code="input.booking_date_text") from None
    description = raw.get("description") or ""
    return {"paragraph": paragraph, "date": on, "amount": raw["amount"], "description": description}
