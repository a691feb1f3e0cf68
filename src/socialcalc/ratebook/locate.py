"""Where things are in a TOML rate file: line and column of every table, record and field.

``tomllib`` gives exact values but no positions, and a strict loader must say ``file:line:col`` for every
fault. Rate files use a small, regular subset of TOML (tables, arrays of tables, one ``key = value`` per line,
arrays of inline tables over several lines), so a line scanner finds the positions reliably; the values
themselves always come from ``tomllib``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Position", "SourceMap", "deepest", "scan", "syntax_position"]

# linear-time patterns only (no lazy group followed by an optional run): a damaged line of any length is scanned
# in one pass
_HEADER = re.compile(r"^\s*(\[\[?)([^\]]*)\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(r"^(\s*)([A-Za-z0-9_\-\"'./]+?)\s*=\s*(\S)")
_SYNTAX = re.compile(r"at line (\d+), column (\d+)")
_BRACE = re.compile(r"\{")


class Position(NamedTuple):
    """A 1-based line and column in a file (a named tuple: a thousand are made per load, cheaply)."""

    line: int
    col: int


class SourceMap:
    """Positions of tables (``"sel097.expense_grant_max"``), records (``("rate", 0)``) and their fields."""

    __slots__ = ("fields", "items", "records", "tables")

    def __init__(self) -> None:
        self.tables: dict[str, Position] = {}
        self.records: dict[tuple[str, int], Position] = {}
        self.fields: dict[tuple[str, int | None, str], Position] = {}
        self.items: dict[tuple[str, int | None, str], list[Position]] = {}

    def table(self, name: str) -> Position:
        """Where table ``name`` starts (line 1 if unknown)."""
        return self.tables.get(name, Position(1, 1))

    def record(self, array: str, index: int) -> Position:
        """Where record ``index`` of the array of tables ``array`` starts."""
        return self.records.get((array, index), Position(1, 1))

    def field(self, table: str, index: int | None, name: str) -> Position:
        """Where the value of ``name`` is assigned in a table or a record (the record's start if absent)."""
        pos = self.fields.get((table, index, name))
        if pos is not None:
            return pos
        if index is not None:
            return self.record(table, index)
        return self.table(table)

    def item(self, table: str, index: int | None, name: str, item: int) -> Position:
        """Where inline table number ``item`` of the array assigned to ``name`` starts."""
        found = self.items.get((table, index, name), [])
        return found[item] if item < len(found) else self.field(table, index, name)


def scan(text: str) -> SourceMap:
    """Map the positions in ``text``.

    >>> m = scan('[defaults]\\nsource = "x"\\n\\n[[rate]]\\nkey = "a"\\nvalue = [\\n  { from = 1 },\\n]\\n')
    >>> m.field("defaults", None, "source"), m.field("rate", 0, "key"), m.item("rate", 0, "value", 0)
    (Position(line=2, col=10), Position(line=5, col=7), Position(line=7, col=3))
    """
    smap = SourceMap()
    counts: dict[str, int] = {}
    table, index = "", None
    open_field: str | None = None
    # each test below is preceded by a plain substring test the pattern needs (the same result, a fraction of
    # the time: most lines of a rate file are short assignments without braces)
    for lineno, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line) if "[" in line else None
        if header and not line.lstrip().startswith("[{"):
            name = header.group(2).strip().replace('"', "")
            if header.group(1) == "[[":
                index = counts.get(name, 0)
                counts[name] = index + 1
                smap.records[(name, index)] = Position(lineno, line.index("[") + 1)
            else:
                index = None
                smap.tables[name] = Position(lineno, line.index("[") + 1)
            table, open_field = name, None
            continue
        assign = _ASSIGN.match(line) if "=" in line else None
        if assign and not line.lstrip().startswith("#"):
            name = assign.group(2).strip("\"'")
            col = assign.start(3)
            smap.fields[(table, index, name)] = Position(lineno, col + 1)
            open_field = name
            if "{" in line:
                items = smap.items.setdefault((table, index, name), [])
                items.extend(Position(lineno, m.start() + 1) for m in _BRACE.finditer(line, col))
                if not items:
                    del smap.items[(table, index, name)]
            continue
        if open_field is not None and "{" in line:
            for m in _BRACE.finditer(line.split("#")[0]):
                smap.items.setdefault((table, index, open_field), []).append(Position(lineno, m.start() + 1))
    return smap


def syntax_position(message: str) -> Position:
    """The position in a ``tomllib.TOMLDecodeError`` message (line 1, column 1 if it names none)."""
    m = _SYNTAX.search(message)
    return Position(int(m.group(1)), int(m.group(2))) if m else Position(1, 1)


def deepest(text: str, limit: int) -> Position | None:
    """Where brackets or braces first nest deeper than ``limit`` (outside strings and comments), or ``None``.

    ``tomllib`` parses nested arrays and inline tables recursively; a file nested thousands deep would raise
    ``RecursionError``, so the loader looks first. One pass over the text, no recursion.

    >>> deepest("a = [[1]]", 2) is None, deepest("a = [[[1]]]", 2)
    (True, Position(line=1, col=7))
    """
    depth, line, start, i, n = 0, 1, 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line, start = line + 1, i + 1
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j) and (len(quote) == 3 or text[j] != "\n"):
                j += 2 if c == '"' and text[j] == "\\" else 1
            end = min(j + len(quote), n)
            skipped = text.count("\n", i, end)
            if skipped:
                line, start = line + skipped, text.rfind("\n", i, end) + 1
            i = end
            continue
        elif c in "[{":
            depth += 1
            if depth > limit:
                return Position(line, i - start + 1)
        elif c in "]}":
            depth = max(depth - 1, 0)
        i += 1
    return None
