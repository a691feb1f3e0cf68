"""The registry of rules: every interface finds the rules here, never in a list of its own.

Each rule is a folder (package) of ``socialcalc`` with a ``plug.toml`` that says, as data, what the rule
offers: its name and Danish title, the prefixes of its rate keys and text ids, the module of its public models
(exported as JSON Schema), its CLI command(s), its batch kernels and frame adapters, and its hypothesis
strategies. Reading the registry imports no rule (only ``tomllib`` reads the plugs, and the cache keeps what
it read), so a command starts fast.

Adding a rule is adding a folder with a ``plug.toml``: the CLI, :mod:`socialcalc.schema`,
:mod:`socialcalc.batch`, :mod:`socialcalc.batch.frame` and the text catalogs find it.

>>> [p.name for p in plugs()][:2]
['sel097', 'sel100']
>>> plug_of_prefix("sel100").package
'socialcalc.merudgift'
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

__all__ = ["CliCommand", "Plug", "plug", "plug_of_prefix", "plugs"]

_ROOT = Path(__file__).parent


class CliCommand(NamedTuple):
    """A subcommand a rule adds: its name on the command line and the module with ``register(subparsers)``."""

    command: str
    module: str


class Plug(NamedTuple):
    """What one rule folder offers (read from its ``plug.toml``)."""

    name: str
    """The rule's short name, e.g. ``"sel100"``."""
    title: str
    """The rule's Danish title."""
    package: str
    """The rule's package, e.g. ``"socialcalc.merudgift"``."""
    order: int
    prefixes: tuple[str, ...]
    """The prefixes of the rule's rate keys and text ids (``sel107`` … ``sel110`` for egenbetaling)."""
    models: str | None
    cli: tuple[CliCommand, ...]
    batch: str | None
    frame: str | None
    strategies: str | None
    docs: str | None

    @property
    def folder(self) -> Path:
        """The rule's folder (where its ``tekster.<locale>.toml`` catalogs are)."""
        return _ROOT.joinpath(*self.package.split(".")[1:])


def _read(path: Path) -> Plug:
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    package = "socialcalc." + ".".join(path.parent.relative_to(_ROOT).parts)
    return Plug(
        name=str(data["name"]),
        title=str(data["title"]),
        package=package,
        order=int(data.get("order", 100)),
        prefixes=tuple(str(p) for p in data.get("prefixes", (data["name"],))),
        models=data.get("models"),
        cli=tuple(CliCommand(str(c["command"]), str(c["module"])) for c in data.get("cli", ())),
        batch=data.get("batch"),
        frame=data.get("frame"),
        strategies=data.get("strategies"),
        docs=data.get("docs"),
    )


@functools.cache
def plugs() -> tuple[Plug, ...]:
    """Every rule's plug, in ``order`` (then name): read once from the ``plug.toml`` files of the package.

    Kept on disk between runs, keyed by the files' bytes (:mod:`socialcalc.cache`).
    """
    from socialcalc.cache import cached

    files = sorted(_ROOT.glob("*/plug.toml"))
    return cached("plugs", files, lambda: _read_all(files))


def _read_all(files: list[Path]) -> tuple[Plug, ...]:
    found = [_read(p) for p in files]
    return tuple(sorted(found, key=lambda p: (p.order, p.name)))


def plug(name: str) -> Plug:
    """The plug of the rule ``name`` (``KeyError`` if there is none).

    >>> plug("sel097").package
    'socialcalc.ledsageordning'
    """
    for p in plugs():
        if p.name == name:
            return p
    raise KeyError(name)


def plug_of_prefix(prefix: str) -> Plug:
    """The plug whose rule owns the text-id or rate-key prefix ``prefix`` (``KeyError`` if none)."""
    for p in plugs():
        if prefix in p.prefixes:
            return p
    raise KeyError(prefix)
