"""Small helpers the subcommands share: argument types, the rate-book options and output.

Every command takes ``--rates DIR`` (:func:`add_rates`, repeatable: overlay directories layered over the
packaged rate book, in order, by :func:`socialcalc.load_rates`), and every calculation command takes
``--project [PERCENT | YEAR=PERCENT,...]`` (:func:`add_project`): bare, the indices stored in the book; one
percentage for exactly one missing year; or one percentage per year.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from socialcalc.errors import InvalidInput
from socialcalc.money import to_decimal
from socialcalc.months import Month
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, load_rates

__all__ = [
    "add_json",
    "add_kommune",
    "add_project",
    "add_rates",
    "amount",
    "book_of",
    "day",
    "emit",
    "month",
    "project_value",
]

_YEAR_PERCENT = re.compile(r"(\d{4})=(.+)")


def amount(text: str) -> Decimal:
    """An exact decimal argument ("1200.50"); a decimal comma or anything else is a usage error."""
    try:
        return to_decimal(text, "amount")
    except InvalidInput as err:
        raise argparse.ArgumentTypeError(f"{err.rule}; {err.remedy}" if err.remedy else err.rule) from None


def day(text: str) -> date:
    """A date argument, YYYY-MM-DD."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} er ikke en dato; skriv ÅÅÅÅ-MM-DD") from None


def month(text: str) -> Month:
    """A month argument, YYYY-MM."""
    try:
        return Month.parse(text)
    except InvalidInput as err:
        raise argparse.ArgumentTypeError(err.rule) from None


def _percent(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} er ikke en procentsats; skriv fx 4.5 (med punktum, uden "
                                         "%-tegn)") from None


def project_value(text: str) -> Project:
    """A ``--project`` value: ``PERCENT`` (one missing year) or ``YEAR=PERCENT,...`` (one per year).

    >>> project_value("4.5")
    Decimal('4.5')
    >>> dict(project_value("2026=4.5,2027=3"))
    {2026: Decimal('4.5'), 2027: Decimal('3')}
    >>> project_value("2026=4,5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '5' er ikke ÅR=PROCENT; skriv fx 2026=4.5,2027=3.0 (med punktum)
    """
    value: Any
    if "=" in text:
        value = {}
        for part in text.split(","):
            match = _YEAR_PERCENT.fullmatch(part.strip())
            if match is None:
                raise argparse.ArgumentTypeError(f"{part!r} er ikke ÅR=PROCENT; skriv fx 2026=4.5,2027=3.0 "
                                                 "(med punktum)")
            year = int(match.group(1))
            if year in value:
                raise argparse.ArgumentTypeError(f"året {year} er angivet to gange")
            value[year] = _percent(match.group(2))
    else:
        value = _percent(text)
    try:
        return check_project(value)
    except InvalidInput as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_project(parser: argparse.ArgumentParser) -> None:
    """Add ``--project [PERCENT | YEAR=PERCENT,...]`` (``args.project``: ``False``, ``True``, or the value)."""
    parser.add_argument(
        "--project", nargs="?", const=True, default=False, type=project_value, metavar="PERCENT|YEAR=PERCENT,...",
        help="project a yearly rate the book does not publish, flagged as projected: bare, with the indices "
             "stored in the book; PERCENT for exactly one missing year; YEAR=PERCENT,... for each year "
             "(e.g. 2026=4.5,2027=3.0). Write --project=VALUE just before a positional argument")


def add_rates(parser: argparse.ArgumentParser) -> None:
    """Add ``--rates DIR`` (repeatable): overlay directories layered over the packaged rate book."""
    parser.add_argument(
        "--rates", action="append", default=[], metavar="DIR",
        help="a rate directory (same format as the packaged one) layered over the packaged rate book; "
             "repeatable, later ones over earlier ones; every fault is reported and nothing is loaded")


def book_of(args: argparse.Namespace) -> RateBook | None:
    """The rate book of ``--rates`` (``None``: the packaged book), loaded strictly.

    Raises :class:`~socialcalc.errors.RateFileError` (exit 1) listing every fault of every overlay.
    """
    overlays = getattr(args, "rates", None) or []
    return load_rates(overlays=tuple(overlays)) if overlays else None


def add_json(parser: argparse.ArgumentParser) -> None:
    """Add ``--json`` and how to print the explanation: ``--audience``, ``--locale``, ``--format``."""
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--audience", choices=("borger", "sagsbehandler"), default="borger",
                        help="borger: the letter text (default); sagsbehandler: the case-file note with every rate")
    parser.add_argument("--locale", choices=("da", "en"), default="da", help="the language of the text (default: da)")
    parser.add_argument("--format", choices=("text", "markdown", "html"), default="text",
                        help="text (default), markdown or html (escaped, unstyled)")


def add_kommune(parser: argparse.ArgumentParser) -> None:
    """Add ``--kommune K``."""
    parser.add_argument("--kommune", metavar="K", default=None, help="municipality (e.g. lejre, lemvig)")


def _is_model(value: Any) -> bool:
    """Whether ``value`` is a pydantic model (pydantic is not imported to find out: it was if it is one)."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(value, pydantic.BaseModel)


def emit(result: Any, args: argparse.Namespace | bool) -> None:
    """Print a result: its explanation (for ``args.audience``, ``args.locale``, ``args.format``), or its JSON."""
    as_json = args if isinstance(args, bool) else bool(args.json)
    render = {} if isinstance(args, bool) else render_options(args)
    if as_json:
        if _is_model(result):
            print(result.model_dump_json(indent=2))
        else:
            import json  # only for --json (a command starts without it)

            print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    elif hasattr(result, "explain"):
        print(result.explain(**render))
    else:
        print(result)


def render_options(args: argparse.Namespace) -> dict[str, Any]:
    """The ``audience``, ``locale`` and ``format`` a command was given (the defaults where it has none)."""
    return {"audience": getattr(args, "audience", "borger"), "locale": getattr(args, "locale", "da"),
            "format": getattr(args, "format", "text")}
