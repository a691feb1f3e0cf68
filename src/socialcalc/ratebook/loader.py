"""The strict loader: reads a rate directory and reports every fault in every file in one run.

Layout of a rate directory::

    keys.toml                     the catalogue: every key, its unit, kind, regulation, who may override it
    satsregulering.toml           the satsreguleringsprocent per year
    tilpasning_plus_2.toml        "2 % ± tilpasningsprocent" per year (the PSL § 20 rate)
    national/*.toml               national values (one file per year, plus standing constants)
    kommuner/<name>/*.toml        a municipality's policies and amounts

A value file holds an optional ``[defaults]`` table (``valid_from``, ``status``, ``source`` for all its
records), ``[[rate]]`` records (``key``, ``unit``, ``value``, and optionally ``valid_from``, ``valid_to``,
``status``, ``source``, ``note``) and ``[[expected]]`` records (``key``, ``valid_from``, ``note``) for values
announced but not yet published.

``keys.toml`` also holds a ``[units]`` table: the plausible range of every numeric unit (``"DKK/month" = { min =
0, max = 1000000 }``); a value outside its unit's range is an error (a typo such as an extra zero, or ``10**30``).
``percent`` bounds the satsreguleringsprocent.

The loader never raises: a damaged file (bad syntax, nesting thousands deep, a number of thousands of digits,
a list where a word belongs, a date with a time, ``inf`` or ``nan``, ``[rate]`` written for ``[[rate]]``, an
empty file, a file that is not a rate file such as ``2025.TOML`` or ``2025.toml.bak``) becomes a fault at its
``file:line:col``. The manifest (:mod:`socialcalc.ratebook.manifest`) catches a deleted, added or truncated file.

Nothing is loaded unless everything is right: :func:`read_tree` returns the parsed tree and the list of faults,
and :func:`socialcalc.load_rates` raises :class:`~socialcalc.errors.RateFileError` with all of them.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeGuard

from socialcalc.errors import RateFault
from socialcalc.ratebook.locate import Position, SourceMap, deepest, scan, syntax_position
from socialcalc.ratebook.manifest import MANIFEST, check_manifest
from socialcalc.ratebook.model import (  # Entry, Expected, Percent: defined there, named here as before
    INDEX_FILES,
    MONEY_UNITS,
    SHAPES,
    UNITS,
    AgeRow,
    Band,
    Entry,
    Expected,
    KeySpec,
    Kind,
    Percent,
    Regulation,
    Status,
)

__all__ = ["KOMMUNE_NAME", "MAX_BYTES", "MAX_DEPTH", "Entry", "Expected", "FloatLiteral", "Tree", "read_tree"]

MAX_BYTES = 1 << 20
"""The largest rate file read (1 MiB; the largest real one is a few kB)."""
MAX_DEPTH = 16
"""The deepest nesting of arrays and inline tables read (rate files need 3)."""
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)
"""The dates a rate file may hold (a date outside them is a typo, and would overflow date arithmetic)."""
_NUMERIC_UNITS = frozenset({"DKK", "DKK/month", "DKK/year", "DKK/day", "DKK/hour", "hours", "hours/month",
                            "months", "days", "years", "km", "share", "percent"})

KOMMUNE_NAME = re.compile(r"^[a-zæøå][a-zæøå0-9_-]{0,39}$")
_KEY_FIELDS = {
    "title", "paragraph", "unit", "kind", "shape", "choices", "overridable", "municipal_only", "optional",
    "regulation", "rounding", "ends", "ends_source",
}  # fmt: skip
_RATE_FIELDS = {"key", "unit", "value", "valid_from", "valid_to", "status", "source", "note", "supersedes"}
_EXPECTED_FIELDS = {"key", "valid_from", "note", "source"}
_DEFAULT_FIELDS = {"valid_from", "status", "source"}
_ROUNDINGS = {"none", "ore_half_up", "krone_half_up", "hundred_half_up"}
_FILE_STATUSES = {"official", "secondary", "derived", "expected"}  # "projected" is made at run time only
_STATUS_FIX = ("use \"official\", \"secondary\", \"derived\" or \"expected\" (a projected value is made at "
               "run time with project=, never stored)")


@dataclass
class Tree:
    """Everything read from a rate directory, with the faults found."""

    root: Path
    keys: dict[str, KeySpec] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    expected: list[Expected] = field(default_factory=list)
    percents: dict[int, Percent] = field(default_factory=dict)
    """The satsreguleringsprocent by year (the same dict as ``indices["satsregulering"]``)."""
    indices: dict[str, dict[int, Percent]] = field(default_factory=dict)
    """Every index the book holds, by regulation name and year."""
    kommuner: set[str] = field(default_factory=set)
    faults: list[RateFault] = field(default_factory=list)
    positions: dict[str, tuple[str, Position]] = field(default_factory=dict)
    bounds: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    """The plausible range of each numeric unit, from ``keys.toml`` ``[units]``."""


@dataclass(frozen=True)
class FloatLiteral:
    """A TOML float written with an exponent, ``inf`` or ``nan``: kept as text, so the checks refuse it."""

    text: str

    def __repr__(self) -> str:
        return self.text


def _parse_float(text: str) -> Decimal | FloatLiteral:
    return FloatLiteral(text) if re.search(r"[eEin]", text) else Decimal(text)


def _word(value: Any, choices: Any) -> bool:
    """Whether ``value`` is a string among ``choices`` (a list or a table never is, and never raises)."""
    return isinstance(value, str) and value in choices


def _day(value: Any) -> TypeGuard[date]:
    """Whether ``value`` is a plain date (no time of day) within the dates a rate file may hold."""
    return isinstance(value, date) and not isinstance(value, datetime) and FIRST_DAY <= value <= LAST_DAY


def _not_a_day(name: str, value: Any) -> str:
    if isinstance(value, datetime):
        return f"{name} = {value.isoformat()} is a date with a time of day"
    if isinstance(value, date):
        return f"{name} = {value} is outside {FIRST_DAY.year}-{LAST_DAY.year}"
    return f"{name} = {value!r} is not a date" if value is not None else f"the record has no {name}"


class _File:
    """One file being read: its parsed data, its source map, and a way to report faults at a position."""

    def __init__(self, path: Path, root: Path, tree: Tree) -> None:
        self.path = path
        self.name = _display(path, root)
        self.tree = tree
        self.data: dict[str, Any] | None = None
        self.map = SourceMap()
        try:
            if path.stat().st_size > MAX_BYTES:
                self.fault(Position(1, 1), f"the file is larger than {MAX_BYTES} bytes",
                           "a rate file holds a few kB: split it, or restore it from version control")
                return
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            self.fault(Position(1, 1), f"cannot read the file ({type(err).__name__})", "save it as UTF-8 text")
            return
        # The depth check scans the text character by character (a third of a load), so it runs only when the
        # parsed data could be nested too deep, or the file is refused anyway: a file's values nest at least as
        # deep as its brackets (table headers nest 2), so data no deeper than MAX_DEPTH has no bracket deeper.
        # A fault of nesting still takes precedence over every other fault of the file, as before.
        try:
            self.data = tomllib.loads(text, parse_float=_parse_float)
        except (tomllib.TOMLDecodeError, ValueError, RecursionError) as err:
            if not self._too_deep(text):
                self._unreadable(text, err)
            return
        if _depth(self.data) > MAX_DEPTH and self._too_deep(text):
            self.data = None
            return
        self.map = scan(text)

    def _too_deep(self, text: str) -> bool:
        """Report (and say) whether brackets or braces nest more than :data:`MAX_DEPTH` deep."""
        deep = deepest(text, MAX_DEPTH)
        if deep is not None:
            self.fault(deep, f"arrays or tables nested more than {MAX_DEPTH} deep",
                       "a rate file needs at most 3 levels: close the brackets")
        return deep is not None

    def _unreadable(self, text: str, err: Exception) -> None:
        """Report why ``tomllib`` refused the text."""
        if isinstance(err, tomllib.TOMLDecodeError):
            msg = str(err)
            self.fault(syntax_position(msg), f"not valid TOML: {msg.split(' (at')[0]}",
                       "fix the syntax (an impossible date such as 2024-02-30 is refused here too)")
        elif isinstance(err, ValueError):  # an integer of more digits than Python converts (4300 by default)
            long = re.search(r"\d[\d_]{99,}", text)
            at = text[:long.start()] if long else ""
            pos = Position(at.count("\n") + 1, len(at) - (at.rfind("\n") + 1) + 1)
            self.fault(pos, f"a number too long to read ({str(err).split(':')[0]})",
                       "write the figure as it is published (a rate has a few digits)")
        else:  # RecursionError: not reached after the depth check, kept as a guard
            self.fault(Position(1, 1), "nested too deep to read", "close the brackets")

    def fault(self, pos: Position, problem: str, fix: str, severity: str = "error") -> None:
        self.tree.faults.append(RateFault(self.name, pos.line, pos.col, problem, fix, severity))

    def where(self, pos: Position) -> str:
        return f"{self.name}:{pos.line}"


def _depth(value: Any) -> int:
    """How deep lists and tables nest in parsed TOML data (a scalar is 0; a table of scalars 1).

    >>> _depth({"a": [{"b": 1}]}), _depth({})
    (3, 1)
    """
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _display(path: Path, root: Path) -> str:
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def read_tree(root: Path, *, keys_from: Tree | None = None) -> Tree:
    """Read the rate directory ``root``; return the tree with every fault found (an empty list if none).

    ``keys_from`` reads an *overlay* directory against the catalogue of an already read tree. A base directory
    must hold a ``MANIFEST.toml`` that matches its files; an overlay's is checked if it has one.
    """
    tree = Tree(root=root)
    if not root.is_dir():
        tree.faults.append(RateFault(str(root), 1, 1, "not a directory", "give the path of a rate directory"))
        return tree
    if keys_from is None:
        keys_file = root / "keys.toml"
        if not keys_file.is_file():
            tree.faults.append(RateFault(_display(keys_file, root), 1, 1, "the key catalogue keys.toml is missing",
                                         "copy keys.toml from socialcalc's rates/ directory"))
        else:
            _read_keys(_File(keys_file, root, tree))
    else:
        tree.keys, tree.bounds = keys_from.keys, keys_from.bounds
        if (root / "keys.toml").exists():
            tree.faults.append(RateFault(_display(root / "keys.toml", root), 1, 1,
                                         "an overlay cannot declare keys (its keys.toml would be ignored)",
                                         "declare new keys in the base directory's keys.toml; remove this one"))
    _stray_files(root, tree)
    tree.faults.extend(check_manifest(root, required=keys_from is None))
    tree.indices = {r.value: {} for r in INDEX_FILES}
    tree.percents = tree.indices["satsregulering"]
    for regulation, filename in INDEX_FILES.items():
        if (root / filename).is_file():
            _read_percents(_File(root / filename, root, tree), tree.indices[regulation.value])
    for path in sorted((root / "national").glob("*.toml")):
        _read_values(_File(path, root, tree), None)
    kommuner = root / "kommuner"
    if kommuner.is_dir():
        for sub in sorted(p for p in kommuner.iterdir() if p.is_dir()):
            if not KOMMUNE_NAME.match(sub.name):
                tree.faults.append(RateFault(_display(sub, root), 1, 1, f"municipality directory name {sub.name!r}",
                                             "name it in lowercase letters, digits, '-' or '_' (e.g. lejre)"))
                continue
            tree.kommuner.add(sub.name)
            for path in sorted(sub.glob("*.toml")):
                _read_values(_File(path, root, tree), sub.name)
    return tree


def _stray_files(root: Path, tree: Tree) -> None:
    """Report every file and directory that is not a rate file: the loader would otherwise skip it unseen."""
    top = {"keys.toml", *INDEX_FILES.values(), MANIFEST}
    for here, dirs, files in os.walk(root):
        rel = Path(here).relative_to(root).parts
        for name in sorted(dirs):
            where = (*rel, name)
            if where not in {("national",), ("kommuner",)} and not (len(where) == 2 and where[0] == "kommuner"):
                tree.faults.append(RateFault(_display(Path(here) / name, root), 1, 1,
                                             "a directory that is not part of a rate directory",
                                             "rate files go in national/ and kommuner/<name>/: move or remove it"))
                dirs.remove(name)
        for name in sorted(files):
            if (not rel and name in top) or (rel and (rel == ("national",) or len(rel) == 2)
                                             and name.endswith(".toml") and not name.startswith(".")):
                continue
            stem = name.split(".")[0]
            if rel == ("kommuner",) and name.lower().endswith(".toml"):
                fix = "move it into a municipality's directory: kommuner/<name>/"
            elif rel and stem and name.lower() == f"{stem.lower()}.toml":
                fix = f"rename it to {stem}.toml (rate files end in lowercase .toml)"
            else:
                fix = "remove it, or move it out of the rate directory (a backup or note belongs elsewhere)"
            tree.faults.append(RateFault(_display(Path(here) / name, root), 1, 1,
                                         "not a rate file, so it is not read", fix))


# -- the catalogue ------------------------------------------------------------------------------------------


def _read_keys(f: _File) -> None:
    if f.data is None:
        return
    for group, tables in f.data.items():
        if group == "units":
            _read_units(f, tables)
            continue
        if not isinstance(tables, dict):
            f.fault(f.map.field("", None, group), f"{group!r} is not a table of keys", "write [group.key] tables")
            continue
        for name, spec in tables.items():
            key = f"{group}.{name}"
            pos = f.map.table(key)
            if not isinstance(spec, dict):
                f.fault(pos, f"key {key} is not a table", f"write it as [{key}] with unit, kind, …")
                continue
            parsed = _key_spec(f, key, spec)
            if parsed is not None:
                f.tree.keys[key] = parsed
    if not f.tree.keys and not any(x.file == f.name for x in f.tree.faults):
        f.fault(Position(1, 1), "the key catalogue declares no keys", "copy keys.toml from socialcalc's rates/")
    used = {spec.unit for spec in f.tree.keys.values()} & _NUMERIC_UNITS
    for unit in sorted(used - set(f.tree.bounds)):
        if "units" not in f.data or not isinstance(f.data["units"], dict) or unit not in f.data["units"]:
            f.fault(f.map.table("units"), f"no plausible range declared for unit {unit!r}",
                    f'add "{unit}" = {{ min = …, max = … }} under [units]')


def _read_units(f: _File, table: Any) -> None:
    if not isinstance(table, dict):
        f.fault(f.map.field("", None, "units"), "units is not a table",
                'write [units] with one line per unit: "DKK/month" = { min = 0, max = 1000000 }')
        return
    for unit, spec in table.items():
        pos = f.map.field("units", None, unit)
        if unit not in _NUMERIC_UNITS:
            f.fault(pos, f"{unit!r} is not a numeric unit", f"use one of {', '.join(sorted(_NUMERIC_UNITS))}")
            continue
        lo, hi = (spec.get("min"), spec.get("max")) if isinstance(spec, dict) else (None, None)
        if not isinstance(spec, dict) or set(spec) != {"min", "max"} or not all(
                isinstance(x, int | Decimal) and not isinstance(x, bool) for x in (lo, hi)):
            f.fault(pos, f"the range of {unit} is not {{ min = …, max = … }} with two numbers",
                    f'write "{unit}" = {{ min = 0, max = 1000 }}')
            continue
        low, high = Decimal(spec["min"]), Decimal(spec["max"])
        if not low <= high:
            f.fault(pos, f"the range of {unit} runs from {lo} down to {hi}", "write min before max, min ≤ max")
            continue
        f.tree.bounds[unit] = (low, high)


def _key_spec(f: _File, key: str, spec: dict[str, Any]) -> KeySpec | None:
    ok = True

    def bad(name: str, problem: str, fix: str) -> None:
        nonlocal ok
        ok = False
        f.fault(f.map.field(key, None, name), problem, fix)

    for name in spec:
        if name not in _KEY_FIELDS:
            bad(name, f"unknown field {name!r} in key {key}", f"use one of {', '.join(sorted(_KEY_FIELDS))}")
    for name in ("title", "paragraph", "unit", "kind"):
        if not isinstance(spec.get(name), str) or not spec.get(name):
            bad(name, f"key {key} has no {name}", f"add {name} = \"…\"")
    unit, kind = spec.get("unit"), spec.get("kind")
    if isinstance(unit, str) and unit not in UNITS:
        bad("unit", f"unknown unit {unit!r}", f"use one of {', '.join(sorted(UNITS))}")
    if isinstance(kind, str) and kind not in {k.value for k in Kind}:
        bad("kind", f"unknown kind {kind!r}", "use \"yearly\" or \"standing\"")
    shape = spec.get("shape", "scalar")
    if not _word(shape, SHAPES):
        bad("shape", f"unknown shape {shape!r}", f"use one of {', '.join(sorted(SHAPES))}")
    regulation = spec.get("regulation", "none")
    if not _word(regulation, {r.value for r in Regulation}):
        bad("regulation", f"unknown regulation {regulation!r}",
            "use \"satsregulering\", \"tilpasning_plus_2\", \"other\" or \"none\"")
    rounding = spec.get("rounding", "none")
    if not _word(rounding, _ROUNDINGS):
        bad("rounding", f"unknown rounding {rounding!r}", f"use one of {', '.join(sorted(_ROUNDINGS))}")
    choices = spec.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) and c for c in choices):
        bad("choices", f"choices = {choices!r} is not a list of words", "write choices = [\"…\", …]")
    elif unit == "policy" and not choices:
        bad("choices", f"policy key {key} lists no choices", "add choices = [\"…\", …]")
    ends = spec.get("ends")
    if ends is not None and not _day(ends):
        bad("ends", _not_a_day("ends", ends), "write a TOML date such as 2025-08-31 (no quotes)")
    if not isinstance(spec.get("ends_source", ""), str):
        bad("ends_source", "ends_source is not text", 'write ends_source = "…"')
    for flag in ("overridable", "municipal_only", "optional"):
        if not isinstance(spec.get(flag, False), bool):
            bad(flag, f"{flag} must be true or false", f"write {flag} = true or {flag} = false")
    if not ok:
        return None
    return KeySpec(
        key=key,
        title=spec["title"],
        paragraph=spec["paragraph"],
        unit=str(unit),
        kind=Kind(str(kind)),
        shape=shape,
        choices=tuple(choices),
        overridable=spec.get("overridable", False) or spec.get("municipal_only", False),
        municipal_only=spec.get("municipal_only", False),
        optional=spec.get("optional", False),
        regulation=Regulation(regulation),
        rounding=rounding,
        ends=ends,
        ends_source=spec.get("ends_source", ""),
    )


# -- the satsreguleringsprocent -----------------------------------------------------------------------------


def _read_percents(f: _File, into: dict[int, Percent]) -> None:
    if f.data is None:
        return
    for name in f.data:
        if name != "year":
            f.fault(f.map.table(name) if name in f.map.tables else f.map.field("", None, name),
                    f"unknown table {name!r}", "write one [year.YYYY] table per year")
    years = f.data.get("year", {})
    if not isinstance(years, dict) or not years:
        f.fault(f.map.table("year") if "year" in f.map.tables else Position(1, 1),
                "the file holds no satsreguleringsprocent", "write one [year.YYYY] table per year")
        return
    for label, rec in years.items():
        table = f"year.{label}"
        pos = f.map.table(table)
        if not re.fullmatch(r"(19|20|21)\d\d", label) or not isinstance(rec, dict):
            f.fault(pos, f"[{table}] does not name a year", "write the year as [year.2025]")
            continue
        year = int(label)
        for name in rec:
            if name not in {"percent", "status", "source", "note", "supersedes"}:
                f.fault(f.map.field(table, None, name), f"unknown field {name!r}",
                        "use percent, status, source and note")
        percent, status, source = rec.get("percent"), rec.get("status"), rec.get("source")
        if isinstance(percent, FloatLiteral):
            f.fault(f.map.field(table, None, "percent"), f"percent = {percent} is a float literal "
                    "(exponent, inf or nan)", "write the exact percentage, such as 3.6")
            continue
        if not isinstance(percent, Decimal | int) or isinstance(percent, bool):
            f.fault(f.map.field(table, None, "percent"), f"percent = {percent!r} is not a number",
                    "write the percentage as a number such as 2.5 (no quotes, no decimal comma)")
            continue
        low, high = f.tree.bounds.get("percent", (Decimal(-100), Decimal(100)))
        if not low <= percent <= high:
            f.fault(f.map.field(table, None, "percent"), f"percent = {percent} is outside the plausible range "
                    f"{low} to {high} of a percentage (keys.toml [units])",
                    "check the figure against its source (a satsreguleringsprocent is a few per cent)")
            continue
        if not _word(status, {"official", "secondary", "derived"}):
            f.fault(f.map.field(table, None, "status"), f"status = {status!r}",
                    "use \"official\", \"secondary\" or \"derived\" (an index figure that is not known is left out)")
            continue
        if not isinstance(source, str) or not source.strip():
            f.fault(f.map.field(table, None, "source") if "source" in rec else pos,
                    f"the satsreguleringsprocent for {year} has no source",
                    "add source = \"…\" naming the act or table it was read in")
            continue
        into[year] = Percent(year, Decimal(percent), Status(str(status)), source, f.where(pos),
                             str(rec.get("supersedes", "")).strip())


# -- values -------------------------------------------------------------------------------------------------


def _read_values(f: _File, kommune: str | None) -> None:
    if f.data is None:
        return
    for name in f.data:
        if name not in {"defaults", "rate", "expected"}:
            f.fault(f.map.table(name) if name in f.map.tables else f.map.field("", None, name),
                    f"unknown table {name!r}", "use [defaults], [[rate]] and [[expected]] only")
    defaults = f.data.get("defaults", {})
    if not isinstance(defaults, dict):
        f.fault(f.map.field("", None, "defaults"), "defaults is not a table", "write a [defaults] table")
        defaults = {}
    for name in defaults:
        if name not in _DEFAULT_FIELDS:
            f.fault(f.map.field("defaults", None, name), f"unknown field {name!r} in [defaults]",
                    "use valid_from, status and source")
    records = 0
    for array, read in (("rate", _read_rate), ("expected", _read_expected)):
        items = f.data.get(array, [])
        if not isinstance(items, list):
            pos = f.map.table(array) if array in f.map.tables else f.map.field("", None, array)
            f.fault(pos, f"{array} is a single table, so its records would have no order",
                    f"write [[{array}]] (two brackets) at the start of each record")
            continue
        for i, rec in enumerate(items):
            records += 1
            if isinstance(rec, dict):
                read(f, kommune, defaults, i, rec)
            else:
                f.fault(f.map.field("", None, array), f"{array} record {i + 1} is not a table",
                        f"write each record as a [[{array}]] table")
    if records == 0 and not any(isinstance(f.data.get(a), dict) for a in ("rate", "expected")):
        f.fault(Position(1, 1), "the file holds no values (empty, or every record was lost)",
                "restore its [[rate]] records from version control, or remove the file and update the manifest")


def _known_key(f: _File, key: Any, pos: Position) -> KeySpec | None:
    if not isinstance(key, str) or not key:
        f.fault(pos, "the record has no key", "add key = \"sel097.expense_grant_max\" (a key from keys.toml)")
        return None
    spec = f.tree.keys.get(key)
    if spec is None:
        import difflib  # here: only a fault needs it

        near = difflib.get_close_matches(key, list(f.tree.keys), n=1)
        fix = f"did you mean {near[0]!r}?" if near else "declare it in keys.toml first, or fix the spelling"
        f.fault(pos, f"unknown key {key!r}", fix)
    return spec


def _read_expected(f: _File, kommune: str | None, defaults: dict[str, Any], i: int, rec: dict[str, Any]) -> None:
    for name in rec:
        if name not in _EXPECTED_FIELDS:
            f.fault(f.map.field("expected", i, name), f"unknown field {name!r} in [[expected]]",
                    "use key, valid_from, note and source")
    spec = _known_key(f, rec.get("key"), f.map.field("expected", i, "key"))
    day = rec.get("valid_from")
    if not _day(day):
        f.fault(f.map.field("expected", i, "valid_from"), _not_a_day("valid_from", day),
                "write a TOML date such as 2026-01-01 (no quotes)")
        return
    if not isinstance(rec.get("note", ""), str) or not isinstance(rec.get("source", ""), str):
        f.fault(f.map.record("expected", i), "note and source are text", 'write note = "…"')
        return
    if spec is not None:
        f.tree.expected.append(Expected(spec.key, kommune, day, str(rec.get("note", "")),
                                        f.where(f.map.record("expected", i))))


def _read_rate(f: _File, kommune: str | None, defaults: dict[str, Any], i: int, rec: dict[str, Any]) -> None:
    start = f.map.record("rate", i)
    errors_before = len(f.tree.faults)

    def at(name: str) -> Position:
        return f.map.field("rate", i, name)

    for name in rec:
        if name not in _RATE_FIELDS:
            import difflib  # here: only a fault needs it

            near = difflib.get_close_matches(name, sorted(_RATE_FIELDS), n=1)
            fix = f"did you mean {near[0]!r}?" if near else f"use {', '.join(sorted(_RATE_FIELDS))}"
            f.fault(at(name), f"unknown field {name!r} in a [[rate]] record", fix)
    spec = _known_key(f, rec.get("key"), at("key"))
    merged = {**defaults, **rec}
    valid_from, valid_to = merged.get("valid_from"), rec.get("valid_to")
    status, source, unit = merged.get("status"), merged.get("source"), rec.get("unit")
    vf_pos = at("valid_from") if "valid_from" in rec else f.map.field("defaults", None, "valid_from")
    if not _day(valid_from):
        f.fault(vf_pos, _not_a_day("valid_from", valid_from), "write a TOML date such as 2024-01-01 (no quotes)")
        valid_from = None
    if valid_to is not None and not _day(valid_to):
        f.fault(at("valid_to"), _not_a_day("valid_to", valid_to), "write a TOML date such as 2025-08-31")
        valid_to = None
    if isinstance(valid_from, date) and isinstance(valid_to, date) and valid_to < valid_from:
        f.fault(at("valid_to"), f"valid_to {valid_to} is before valid_from {valid_from}", "swap or correct the dates")
    if not _word(status, _FILE_STATUSES):
        pos = at("status") if "status" in rec else f.map.field("defaults", None, "status")
        f.fault(pos if status is not None else start,
                f"status = {status!r}" if status is not None else "the record has no status", _STATUS_FIX)
    if not isinstance(source, str) or not source.strip():
        f.fault(at("source") if "source" in rec else start, "the value has no source",
                "add source = \"…\" naming the document, paragraph and year it was read in")
    if not isinstance(unit, str):
        f.fault(start, "the record has no unit", "add unit = \"DKK/year\" (the unit the key declares)")
    elif not _word(unit, UNITS):
        f.fault(at("unit"), f"unknown unit {unit!r}", f"use one of {', '.join(sorted(UNITS))}")
    elif spec is not None and unit != spec.unit:
        f.fault(at("unit"), f"{spec.key} is in {spec.unit}, not {unit}", f"write unit = \"{spec.unit}\"")
    if "value" not in rec:
        f.fault(start, "the record has no value", "add value = …")
    if spec is None:
        return
    if kommune is None and spec.municipal_only:
        f.fault(at("key"), f"{spec.key} is municipal policy and has no national value",
                "move it to rates/kommuner/<name>/")
    if kommune is not None and not spec.overridable:
        f.fault(at("key"), f"municipal override of {spec.key}, which keys.toml does not declare overridable",
                "remove it here (it is national), or declare overridable = true with the legal basis")
    yearly = spec.kind is Kind.YEARLY
    if yearly and isinstance(valid_from, date) and valid_to is not None and valid_to.year != valid_from.year:
        f.fault(at("valid_to"), f"{spec.key} is a yearly amount but runs from {valid_from} to {valid_to}",
                "a yearly amount holds within one year: one record per year")
    if isinstance(valid_from, date) and spec.ends is not None and valid_from > spec.ends:
        f.fault(vf_pos, f"{spec.key} ended on {spec.ends} but has a value from {valid_from}",
                "remove the value: an ended rule has no later values")
    value = _typed_value(f, spec, rec.get("value"), lambda item=None: (
        f.map.item("rate", i, "value", item) if item is not None else at("value")))
    if len(f.tree.faults) > errors_before or value is None:
        return
    assert isinstance(valid_from, date)
    if status == "expected":  # a drafted figure, not yet confirmed: strict mode treats it as "no value"
        f.tree.expected.append(Expected(spec.key, kommune, valid_from, str(rec.get("note", source)),
                                        f.where(start), value, spec.unit))
        return
    f.tree.entries.append(Entry(spec.key, kommune, value, spec.unit, valid_from, valid_to, Status(str(status)),
                                str(source).strip(), f.where(start), str(rec.get("supersedes", "")).strip()))


def _typed_value(f: _File, spec: KeySpec, raw: Any, pos: Any) -> Any:
    """The value of ``raw`` typed by ``spec``, or ``None`` after reporting a fault at ``pos()``."""
    if raw is None:
        return None
    if spec.shape == "bands":
        return _bands(f, spec, raw, pos)
    if spec.shape == "age_table":
        return _age_table(f, spec, raw, pos)
    return _scalar(f, spec, raw, pos(), "value")


def _scalar(f: _File, spec: KeySpec, raw: Any, pos: Position, what: str) -> Any:
    unit = spec.unit
    if unit == "policy":
        if not isinstance(raw, str) or raw not in spec.choices:
            f.fault(pos, f"{what} = {raw!r} is not a known {spec.key} policy",
                    f"use one of {', '.join(repr(c) for c in spec.choices)}")
            return None
        return raw
    if unit == "citation":
        if not isinstance(raw, str) or not raw.strip():
            f.fault(pos, f"{what} = {raw!r} is not a citation",
                    'write the legal basis as Danish text, e.g. "serviceloven § 97, stk. 1"')
            return None
        return raw.strip()
    if unit == "date":
        if not _day(raw):
            f.fault(pos, _not_a_day(what, raw), "write a TOML date such as 2027-09-01 (no quotes)")
            return None
        return raw
    if isinstance(raw, str):
        if re.fullmatch(r"\s*-?[\d.]*\d,\d+\s*", raw):
            fixed = raw.strip().replace(".", "").replace(",", ".")
            f.fault(pos, f"{what} = {raw!r} uses a decimal comma",
                    f"write it as a number with a decimal point, without quotes: {fixed}")
        else:
            f.fault(pos, f"{what} = {raw!r} is text, not a number", "write the number without quotes")
        return None
    if isinstance(raw, FloatLiteral):
        f.fault(pos, f"{what} = {raw} is a float literal (exponent, inf or nan)",
                "write the exact decimal, such as 1234 or 56.78")
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal) or not Decimal(raw).is_finite():
        f.fault(pos, f"{what} = {raw!r} is not a number", f"write a number in {unit}")
        return None
    value = Decimal(raw)
    if value < 0:
        f.fault(pos, f"{what} = {raw} is negative", f"a rate in {unit} is never negative")
        return None
    if unit in MONEY_UNITS and value.as_tuple().exponent < -2:  # type: ignore[operator]
        f.fault(pos, f"{what} = {raw} has more than two decimals", "an amount in kroner is exact to the øre")
        return None
    if unit in {"months", "days", "years"} and value != value.to_integral_value():
        f.fault(pos, f"{what} = {raw} is not a whole number of {unit}", f"write whole {unit}")
        return None
    if unit == "share" and value > 1:
        f.fault(pos, f"{what} = {raw} is a share above 1", "write a share as a fraction: 12 % is 0.12")
        return None
    low, high = f.tree.bounds.get(unit, (value, value))
    if not low <= value <= high:
        shown = raw if len(str(raw)) <= 40 else f"{str(raw)[:12]}… ({len(str(raw))} characters)"
        f.fault(pos, f"{what} = {shown} is outside the plausible range of {unit}, {low} to {high}",
                "check the figure against its source; if it is right, widen the range in keys.toml [units]")
        return None
    if unit in {"months", "days", "years"}:
        return int(value)
    return raw if isinstance(raw, int) and unit in MONEY_UNITS else value


def _bands(f: _File, spec: KeySpec, raw: Any, pos: Any) -> tuple[Band, ...] | None:
    if not isinstance(raw, list) or not raw:
        f.fault(pos(), "a band table is a list of bands", "write value = [ { from = 123, pays = 456 }, … ]")
        return None
    bands: list[Band] = []
    ok = True
    for n, item in enumerate(raw):
        p = pos(n)
        if not isinstance(item, dict):
            f.fault(p, f"band {n + 1} is not an inline table", "write { from = 123, pays = 456 }")
            ok = False
            continue
        extra = set(item) - {"from", "over", "pays"}
        if extra:
            f.fault(p, f"band {n + 1} has unknown field(s) {', '.join(sorted(extra))}", "use from or over, and pays")
            ok = False
        if ("from" in item) == ("over" in item):
            f.fault(p, f"band {n + 1} needs exactly one of 'from' (inclusive) and 'over' (exclusive)",
                    "copy the published wording: \"fra\" → from, \"over\" → over")
            ok = False
            continue
        bound = _scalar(f, spec, item.get("from", item.get("over")), p, f"band {n + 1} lower bound")
        pays_raw = item.get("pays")
        pays = None if pays_raw == "expenses" else _scalar(f, spec, pays_raw, p, f"band {n + 1} pays")
        if bound is None or (pays is None and pays_raw != "expenses"):
            ok = False
            continue
        if bands and bound < bands[-1].lower:
            f.fault(p, f"band {n + 1} starts below band {n}", "list the bands from the lowest up")
            ok = False
        bands.append(Band(Decimal(bound), "from" in item, None if pays is None else Decimal(pays)))
    return tuple(bands) if ok else None


def _age_table(f: _File, spec: KeySpec, raw: Any, pos: Any) -> tuple[AgeRow, ...] | None:
    if not isinstance(raw, list) or not raw:
        f.fault(pos(), "an age table is a list of rows",
                "write value = [ { years = 65 }, { born_from = …, years = … } ]")
        return None
    rows: list[AgeRow] = []
    ok = True
    for n, item in enumerate(raw):
        p = pos(n)
        if not isinstance(item, dict) or set(item) - {"born_from", "years", "months"}:
            f.fault(p, f"row {n + 1} must hold born_from, years and (optionally) months", "fix the row")
            ok = False
            continue
        born, years, months = item.get("born_from"), item.get("years"), item.get("months", 0)
        if (born is None) != (n == 0) or (born is not None and not _day(born)):
            f.fault(p, f"row {n + 1}: only the first row has no born_from, and born_from is a date",
                    "write born_from = 1954-01-01")
            ok = False
            continue
        if not (type(years) is int and type(months) is int and 0 <= months < 12 and 0 < years < 150):
            f.fault(p, f"row {n + 1}: years and months must be whole numbers (months 0–11)", "fix the row")
            ok = False
            continue
        if rows and rows[-1].born_from is not None and born is not None and born <= rows[-1].born_from:
            f.fault(p, f"row {n + 1} is out of order", "list the rows by born_from, earliest first")
            ok = False
        rows.append(AgeRow(born, years, months))
    return tuple(rows) if ok else None
