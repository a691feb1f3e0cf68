"""The ``socialcalc`` command line.

Errors are printed as their Danish message (``socialcalc: fejl: …``) on stderr; with ``--json`` (every command
that prints a result has it) an error is instead printed as one JSON object on **stdout**, so a program reads
one JSON document from stdout whether the call succeeded or not::

    {"error": {"code": "input.float", "error": "InvalidInput", "message": "…", "fields": {…}, "exit_code": 2}}

Exit codes (see :data:`EXIT_CODES` and the docs page *Errors*): **0** ok (warnings alone included), **1**
faults in rate files (``rates check``, or a rate directory that does not load), **2** bad input (a usage
error, or a calculation that refused its input), **3** a rate that is not published for the day (pass
``--project`` where the command has it). A CPR number given anywhere on the command line is never echoed.

Each rule adds its subcommand as a module with a ``register(subparsers)`` function, named in the rule's
``plug.toml`` (:mod:`socialcalc.registry`); :data:`REGISTRY` lists the core commands and the rules' ones.
:func:`main` imports only the module of the command it runs (every module only for ``--help`` without a
command or an unknown command, so the usage lists them all),
and a module imports its rule inside the function that runs it, so a command starts in a fraction of the
time of importing every rule.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple, NoReturn

from socialcalc import __version__
from socialcalc.errors import InvalidInput, RateFileError, RateNotPublished, SocialcalcError, redact

__all__ = ["COMMANDS", "EPILOG", "EXIT_CODES", "REGISTRY", "Command", "exit_code", "main"]

EXIT_CODES: dict[int, str] = {
    0: "ok (also with warnings)",
    1: "faults in rate files",
    2: "bad input (usage, or a calculation that refused its input)",
    3: "a rate not published for the day (try --project)",
}
"""The exit codes of every command."""

EPILOG = ("Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())
          + ". Errors: the Danish message on stderr; with --json one JSON object {\"error\": {\"code\": …}} on "
            "stdout. Every error code is listed in the docs (Errors).")

class Command(NamedTuple):
    """One subcommand: its name on the command line and the module (dotted path) that registers it."""

    name: str
    module: str


_CORE_FIRST: tuple[Command, ...] = (
    Command("rates", "socialcalc.cli.rates"),
    Command("schema", "socialcalc.cli.schema"),
)
_CORE_LAST: tuple[Command, ...] = (
    Command("batch", "socialcalc.cli.batch"),
    Command("test", "socialcalc.cli.cases"),
    Command("serve", "socialcalc.cli.serve"),
)


def _registry() -> tuple[Command, ...]:
    from socialcalc.registry import plugs

    rules = tuple(Command(c.command, c.module) for p in plugs() for c in p.cli)
    return _CORE_FIRST + rules + _CORE_LAST


REGISTRY: tuple[Command, ...] = _registry()
"""Every subcommand, in the order ``--help`` lists them: the core commands, and each rule's command(s) from
its ``plug.toml`` (:mod:`socialcalc.registry`), so a new rule adds its command in its own folder."""

COMMANDS: tuple[str, ...] = tuple(command.module for command in REGISTRY)
"""The modules that register a subcommand, in the order ``--help`` lists them."""

_HELP = ("-h", "--help")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: with only ``command``'s subcommand if it is a known one, else with every one.

    >>> build_parser("merudgift").parse_args(["merudgift", "1800", "--decided-on", "2024-03-01"]).expenses
    Decimal('1800')
    """
    parser = _Parser(
        prog="socialcalc",
        description="Danish adult social-service benefits and fees under serviceloven (SEL).",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"socialcalc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    modules = [c.module for c in REGISTRY if c.name == command] or list(COMMANDS)
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def _command_of(args: Sequence[str]) -> str | None:
    """The subcommand named by ``args`` (its first non-option argument), ``None`` if none or help comes first.

    >>> _command_of(["--json", "merudgift", "1800"]), _command_of(["-h", "merudgift"]), _command_of([])
    ('merudgift', None, None)
    """
    for arg in args:
        if arg in _HELP:
            return None
        if not arg.startswith("-"):
            return arg
    return None


def exit_code(err: SocialcalcError) -> int:
    """The exit code of an error: 1 faults in rate files, 3 a rate not published, 2 everything else.

    >>> exit_code(RateNotPublished("sel097.expense_grant_max", "2030-01-01", None))
    3
    """
    if isinstance(err, RateFileError):
        return 1
    if isinstance(err, RateNotPublished):
        return 3
    return 2


_USAGE_DA: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"disse argumenter mangler: \1"),
    (r"unrecognized arguments: (.*)", r"ukendte argumenter: \1"),
    (r"one of the arguments (.*) is required", r"et af argumenterne \1 skal angives"),
    (r"ambiguous option: (.*) could match (.*)", r"flertydigt tilvalg: \1 kan betyde \2"),
    (r"argument (.*?): invalid choice: (.*) \(choose from (.*)\)", r"argument \1: ugyldigt valg: \2 (vælg mellem \3)"),
    (r"argument (.*?): invalid (.*) value: (.*)", r"argument \1: ugyldig værdi: \3"),
    (r"argument (.*?): expected one argument", r"argument \1: forventede én værdi"),
    (r"argument (.*?): expected at least one argument", r"argument \1: forventede mindst én værdi"),
    (r"argument (.*?): expected (.*) arguments?", r"argument \1: forventede \2 værdier"),
    (r"argument (.*?): not allowed with argument (.*)", r"argument \1: kan ikke bruges sammen med \2"),
    (r"argument (.*?): ignored explicit argument (.*)", r"argument \1: overflødig værdi \2"),
)
"""argparse's own messages (English) and their Danish wording; any other message is shown as written."""


def danish_usage(message: str) -> str:
    """argparse's usage message in Danish (``input.usage``); the English stays in ``message("en")``.

    >>> danish_usage("the following arguments are required: --decided-on")
    'disse argumenter mangler: --decided-on'
    >>> danish_usage("argument --per: invalid choice: 'week' (choose from 'month', 'year')")
    "argument --per: ugyldigt valg: 'week' (vælg mellem 'month', 'year')"
    """
    for pattern, danish in _USAGE_DA:
        if re.fullmatch(pattern, message, flags=re.S):
            return re.sub(pattern, danish, message, count=1, flags=re.S)
    return message


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as :class:`~socialcalc.errors.InvalidInput` (``input.usage``), CPR redacted."""

    json_errors = False

    def error(self, message: str) -> NoReturn:
        err = InvalidInput("usage", self.prog, code="input.usage", rule=danish_usage(message), english=message)
        if _Parser.json_errors:
            _print_json(err, 2)
        else:
            self.print_usage(sys.stderr)
            print(f"{self.prog}: fejl: {err.rule}", file=sys.stderr)
        sys.exit(2)


def _print_json(err: SocialcalcError, code: int) -> None:
    data: dict[str, Any] = {**err.to_dict(), "exit_code": code}
    import json  # only for --json (a command starts without it)

    print(json.dumps({"error": data}, indent=2, ensure_ascii=False))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _Parser.json_errors = "--json" in args_list
    parser = build_parser(_command_of(args_list))
    args = parser.parse_args(args_list)
    try:
        code: int = args.func(args)
    except SocialcalcError as err:
        status = exit_code(err)
        if getattr(args, "json", False):
            _print_json(err, status)
        else:
            print(f"socialcalc: fejl: {redact(str(err))}", file=sys.stderr)
        return status
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
