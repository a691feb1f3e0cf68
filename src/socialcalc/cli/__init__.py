"""The ``socialcalc`` command line.

Exit codes follow the usual convention: **0** ok (warnings alone included), **1** errors found (``rates
check``), **2** bad input (a usage error, or a calculation that refused its input). Every command that prints a
result takes ``--json`` for machine-readable output.

Each rule adds its subcommand as a module of this package with a ``register(subparsers)`` function, listed in
:data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from socialcalc import __version__
from socialcalc.errors import SocialcalcError

__all__ = ["COMMANDS", "main"]

COMMANDS: tuple[str, ...] = (
    "rates",
    "folkepension",
    "schema",
    "beskaeftigelse",
    "hastig_sygdom",
    "merudgift",
    "egenbetaling",
    "ledsager",
    "batch",
    "cases",
)
"""The modules of ``socialcalc.cli`` that register a subcommand, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="socialcalc",
        description="Danish adult social-service benefits and fees under serviceloven (SEL).",
        epilog="Exit codes: 0 ok (also with warnings), 1 errors found, 2 bad input.",
    )
    parser.add_argument("--version", action="version", version=f"socialcalc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"socialcalc.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except SocialcalcError as err:
        print(f"socialcalc: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
