"""``socialcalc schema [MODEL]``: the JSON Schema of the public result models."""

from __future__ import annotations

import argparse
import json
from typing import Any

from socialcalc.cli.common import add_rates, book_of
from socialcalc.errors import InvalidInput

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``schema``."""
    p = sub.add_parser("schema", help="print the JSON Schema of the public result models")
    p.add_argument("model", nargs="?", default=None, help="one model by name (default: all)")
    add_rates(p)  # the schemas do not depend on rates, but a faulty --rates DIR is an error here too
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from socialcalc.schema import json_schemas

    book_of(args)
    schemas = json_schemas()
    if args.model is not None:
        if args.model not in schemas:
            raise InvalidInput("model", repr(args.model), code="cli.schema_model", known=", ".join(sorted(schemas)))
        schemas = {args.model: schemas[args.model]}
    print(json.dumps(schemas, indent=2, ensure_ascii=False))
    return 0
