"""The strict loader: reads a rate directory and reports every fault in every file in one run.

Layout of a rate directory::

    keys.toml                     the catalogue: every key, its unit, kind, regulation, who may override it
    satsregulering.toml           the satsreguleringsprocent per year
    national/*.toml               national values (one file per year, plus standing constants)
    kommuner/<name>/*.toml        a municipality's policies and amounts

A value file holds an optional ``[defaults]`` table (``valid_from``, ``status``, ``source`` for all its
records), ``[[rate]]`` records (``key``, ``unit``, ``value``, and optionally ``valid_from``, ``valid_to``,
``status``, ``source``, ``note``) and ``[[expected]]`` records (``key``, ``valid_from``, ``note``) for values
announced but not yet published.

Nothing is loaded unless everything is right: :func:`read_tree` returns the parsed tree and the list of faults,
and :func:`socialcalc.load_rates` raises :class:`~socialcalc.errors.RateFileError` with all of them.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from socialcalc.errors import RateFault
from socialcalc.ratebook.locate import Position, SourceMap, scan, syntax_position
from socialcalc.ratebook.model import (
    INDEX_FILES,
    MONEY_UNITS,
    SHAPES,
    UNITS,
    AgeRow,
    Band,
    KeySpec,
    Kind,
    Regulation,
    Status,
)

__all__ = ["KOMMUNE_NAME", "Entry", "Expected", "Tree", "read_tree"]

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


@dataclass(frozen=True)
class Entry:
    """One value of one key as written in a file (before resolution)."""

    key: str
    kommune: str | None
    value: Any
    unit: str
    valid_from: date
    valid_to: date | None
    status: Status
    source: str
    where: str
    supersedes: str = ""
    """An overlay's stated reason for replacing a packaged official figure."""
    origin: str | None = None
    """The overlay file and line it came from (``None`` for the base directory)."""


@dataclass(frozen=True)
class Expected:
    """A value announced but not yet published: a lookup says so instead of "no value"."""

    key: str
    kommune: str | None
    valid_from: date
    note: str
    where: str
    value: Any = None
    """The drafted figure of a ``[[rate]]`` record with ``status = "expected"`` (``None`` if only announced)."""
    unit: str = ""


@dataclass(frozen=True)
class Percent:
    """The yearly figure of an index (the satsreguleringsprocent, or 2 % ± tilpasningsprocent)."""

    year: int
    percent: Decimal
    status: Status
    source: str
    where: str
    supersedes: str = ""


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


class _File:
    """One file being read: its parsed data, its source map, and a way to report faults at a position."""

    def __init__(self, path: Path, root: Path, tree: Tree) -> None:
        self.path = path
        self.name = _display(path, root)
        self.tree = tree
        self.data: dict[str, Any] | None = None
        self.map = SourceMap()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            self.fault(Position(1, 1), f"cannot read the file ({err})", "save it as UTF-8 text")
            return
        try:
            self.data = tomllib.loads(text, parse_float=Decimal)
        except tomllib.TOMLDecodeError as err:
            msg = str(err)
            self.fault(syntax_position(msg), f"not valid TOML: {msg.split(' (at')[0]}",
                       "fix the syntax (an impossible date such as 2024-02-30 is refused here too)")
            return
        self.map = scan(text)
        self.text_lines = text.splitlines()

    def fault(self, pos: Position, problem: str, fix: str, severity: str = "error") -> None:
        self.tree.faults.append(RateFault(self.name, pos.line, pos.col, problem, fix, severity))

    def where(self, pos: Position) -> str:
        return f"{self.name}:{pos.line}"

    def literal(self, pos: Position) -> str:
        """The source text of the value starting at ``pos`` (to spot float literals such as ``1e3``)."""
        try:
            line = self.text_lines[pos.line - 1]
        except (AttributeError, IndexError):
            return ""
        return re.split(r"[\s,}\]#]", line[pos.col - 1:], maxsplit=1)[0]


def _display(path: Path, root: Path) -> str:
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def read_tree(root: Path, *, keys_from: Tree | None = None) -> Tree:
    """Read the rate directory ``root``; return the tree with every fault found (an empty list if none).

    ``keys_from`` reads an *overlay* directory against the catalogue of an already read tree.
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
        tree.keys = keys_from.keys
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


# -- the catalogue ------------------------------------------------------------------------------------------


def _read_keys(f: _File) -> None:
    if f.data is None:
        return
    for group, tables in f.data.items():
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
    if shape not in SHAPES:
        bad("shape", f"unknown shape {shape!r}", f"use one of {', '.join(sorted(SHAPES))}")
    regulation = spec.get("regulation", "none")
    if regulation not in {r.value for r in Regulation}:
        bad("regulation", f"unknown regulation {regulation!r}",
            "use \"satsregulering\", \"tilpasning_plus_2\", \"other\" or \"none\"")
    rounding = spec.get("rounding", "none")
    if rounding not in _ROUNDINGS:
        bad("rounding", f"unknown rounding {rounding!r}", f"use one of {', '.join(sorted(_ROUNDINGS))}")
    choices = spec.get("choices", [])
    if unit == "policy" and (not isinstance(choices, list) or not choices):
        bad("choices", f"policy key {key} lists no choices", "add choices = [\"…\", …]")
    ends = spec.get("ends")
    if ends is not None and not isinstance(ends, date):
        bad("ends", f"ends = {ends!r} is not a date", "write a TOML date such as 2025-08-31 (no quotes)")
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
    for label, rec in (years.items() if isinstance(years, dict) else []):
        table = f"year.{label}"
        pos = f.map.table(table)
        if not re.fullmatch(r"(19|20|21)\d\d", label) or not isinstance(rec, dict):
            f.fault(pos, f"[{table}] does not name a year", "write the year as [year.2025]")
            continue
        year = int(label)
        for name in rec:
            if name not in {"percent", "status", "source", "supersedes"}:
                f.fault(f.map.field(table, None, name), f"unknown field {name!r}", "use percent, status and source")
        percent, status, source = rec.get("percent"), rec.get("status"), rec.get("source")
        if not isinstance(percent, Decimal | int) or isinstance(percent, bool):
            f.fault(f.map.field(table, None, "percent"), f"percent = {percent!r} is not a number",
                    "write the percentage as a number such as 2.5 (no quotes, no decimal comma)")
            continue
        if status not in {"official", "secondary", "derived"}:
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
        defaults = {}
    for name in defaults:
        if name not in _DEFAULT_FIELDS:
            f.fault(f.map.field("defaults", None, name), f"unknown field {name!r} in [defaults]",
                    "use valid_from, status and source")
    rates = f.data.get("rate", [])
    for i, rec in enumerate(rates if isinstance(rates, list) else []):
        if isinstance(rec, dict):
            _read_rate(f, kommune, defaults, i, rec)
    expected = f.data.get("expected", [])
    for i, rec in enumerate(expected if isinstance(expected, list) else []):
        if isinstance(rec, dict):
            _read_expected(f, kommune, i, rec)


def _known_key(f: _File, key: Any, pos: Position) -> KeySpec | None:
    if not isinstance(key, str) or not key:
        f.fault(pos, "the record has no key", "add key = \"sel097.expense_grant_max\" (a key from keys.toml)")
        return None
    spec = f.tree.keys.get(key)
    if spec is None:
        near = difflib.get_close_matches(key, list(f.tree.keys), n=1)
        fix = f"did you mean {near[0]!r}?" if near else "declare it in keys.toml first, or fix the spelling"
        f.fault(pos, f"unknown key {key!r}", fix)
    return spec


def _read_expected(f: _File, kommune: str | None, i: int, rec: dict[str, Any]) -> None:
    for name in rec:
        if name not in _EXPECTED_FIELDS:
            f.fault(f.map.field("expected", i, name), f"unknown field {name!r} in [[expected]]",
                    "use key, valid_from, note and source")
    spec = _known_key(f, rec.get("key"), f.map.field("expected", i, "key"))
    day = rec.get("valid_from")
    if not isinstance(day, date):
        f.fault(f.map.field("expected", i, "valid_from"), f"valid_from = {day!r} is not a date",
                "write a TOML date such as 2026-01-01 (no quotes)")
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
            near = difflib.get_close_matches(name, sorted(_RATE_FIELDS), n=1)
            fix = f"did you mean {near[0]!r}?" if near else f"use {', '.join(sorted(_RATE_FIELDS))}"
            f.fault(at(name), f"unknown field {name!r} in a [[rate]] record", fix)
    spec = _known_key(f, rec.get("key"), at("key"))
    merged = {**defaults, **rec}
    valid_from, valid_to = merged.get("valid_from"), rec.get("valid_to")
    status, source, unit = merged.get("status"), merged.get("source"), rec.get("unit")
    vf_pos = at("valid_from") if "valid_from" in rec else f.map.field("defaults", None, "valid_from")
    if not isinstance(valid_from, date):
        f.fault(vf_pos, f"valid_from = {valid_from!r} is not a date" if valid_from is not None
                else "the record has no valid_from", "write a TOML date such as 2024-01-01 (no quotes)")
    if valid_to is not None and not isinstance(valid_to, date):
        f.fault(at("valid_to"), f"valid_to = {valid_to!r} is not a date", "write a TOML date such as 2025-08-31")
        valid_to = None
    if isinstance(valid_from, date) and isinstance(valid_to, date) and valid_to < valid_from:
        f.fault(at("valid_to"), f"valid_to {valid_to} is before valid_from {valid_from}", "swap or correct the dates")
    if status not in _FILE_STATUSES:
        pos = at("status") if "status" in rec else f.map.field("defaults", None, "status")
        f.fault(pos if status is not None else start,
                f"status = {status!r}" if status is not None else "the record has no status", _STATUS_FIX)
    if not isinstance(source, str) or not source.strip():
        f.fault(at("source") if "source" in rec else start, "the value has no source",
                "add source = \"…\" naming the document, paragraph and year it was read in")
    if not isinstance(unit, str):
        f.fault(start, "the record has no unit", "add unit = \"DKK/year\" (the unit the key declares)")
    elif unit not in UNITS:
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
    if unit == "date":
        if not isinstance(raw, date):
            f.fault(pos, f"{what} = {raw!r} is not a date", "write a TOML date such as 2027-09-01 (no quotes)")
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
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        f.fault(pos, f"{what} = {raw!r} is not a number", f"write a number in {unit}")
        return None
    literal = f.literal(pos)
    if re.search(r"[eE]|inf|nan", literal):
        f.fault(pos, f"{what} = {literal} is a float literal (exponent, inf or nan)",
                "write the exact decimal, such as 1234 or 56.78")
        return None
    value = Decimal(raw)
    if value < 0:
        f.fault(pos, f"{what} = {raw} is negative", f"a rate in {unit} is never negative")
        return None
    if unit in MONEY_UNITS and value.as_tuple().exponent < -2:  # type: ignore[operator]
        f.fault(pos, f"{what} = {raw} has more than two decimals", "an amount in kroner is exact to the øre")
        return None
    if unit in {"months", "days", "years"}:
        if value != value.to_integral_value():
            f.fault(pos, f"{what} = {raw} is not a whole number of {unit}", f"write whole {unit}")
            return None
        return int(value)
    if unit == "share" and value > 1:
        f.fault(pos, f"{what} = {raw} is a share above 1", "write a share as a fraction: 12 % is 0.12")
        return None
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
        if (born is None) != (n == 0) or (born is not None and not isinstance(born, date)):
            f.fault(p, f"row {n + 1}: only the first row has no born_from, and born_from is a date",
                    "write born_from = 1954-01-01")
            ok = False
            continue
        if not (isinstance(years, int) and isinstance(months, int) and 0 <= months < 12 and years > 0):
            f.fault(p, f"row {n + 1}: years and months must be whole numbers (months 0–11)", "fix the row")
            ok = False
            continue
        if rows and rows[-1].born_from is not None and born is not None and born <= rows[-1].born_from:
            f.fault(p, f"row {n + 1} is out of order", "list the rows by born_from, earliest first")
            ok = False
        rows.append(AgeRow(born, years, months))
    return tuple(rows) if ok else None
