"""Small helpers the subcommands share: argument types and output."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from socialcalc.errors import InvalidInput
from socialcalc.money import to_decimal
from socialcalc.months import Month

__all__ = ["add_json", "add_kommune", "amount", "day", "emit", "month"]


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


def add_json(parser: argparse.ArgumentParser) -> None:
    """Add ``--json``."""
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def add_kommune(parser: argparse.ArgumentParser) -> None:
    """Add ``--kommune K``."""
    parser.add_argument("--kommune", metavar="K", default=None, help="municipality (e.g. lejre, lemvig)")


def emit(result: BaseModel | Any, as_json: bool) -> None:
    """Print a result: its Danish explanation, or its JSON."""
    if as_json:
        if isinstance(result, BaseModel):
            print(result.model_dump_json(indent=2))
        else:
            print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    elif hasattr(result, "explain"):
        print(result.explain())
    else:
        print(result)
