"""Issue 13 ([letter]): no error message written in socialcalc's source is English or code.

The test reads every module of ``src/socialcalc`` (AST, no import) and finds each call of an error class of
``socialcalc.errors`` (``InvalidInput``, ``BatchInputError``, any ``SocialcalcError`` subclass) whose message
argument — the positional ``rule`` or the keyword ``rule=`` — is a string literal or an f-string. The literal
parts of that text are run through :func:`socialcalc.testing.letter.problems`; any problem fails the test.
A message from the catalog (``code=`` with parameters) has no literal message and is not scanned here: the
catalog's Danish texts are checked by tests/test_error_catalog.py.

``CatalogError`` (code ``internal.catalog``) is left out: its text names a fault in socialcalc's own text
catalogs (ids, file paths) for the developers, wrapped in a Danish sentence.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from socialcalc.errors import CATALOG
from socialcalc.testing.letter import problems

SRC = Path(__file__).resolve().parents[2] / "src" / "socialcalc"

# The position of the message (``rule``) among the positional arguments of each error class's constructor.
RULE_POSITION = {
    "SocialcalcError": 0,  # the legacy form: a finished message instead of a code
    "InvalidInput": 2,  # (field, value, rule)
    "BatchInputError": 3,  # (column, row, value, rule)
    "RateError": 0,  # (rule)
    "UnknownRate": 0,
}
EXEMPT = {"CatalogError"}
BASES = set(RULE_POSITION)


def _error_classes(trees: dict[Path, ast.Module]) -> dict[str, int | None]:
    """Every error class defined in the source: its rule position (None: it has its own constructor)."""
    classes: dict[str, int | None] = dict(RULE_POSITION)
    changed = True
    while changed:
        changed = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef) or node.name in classes:
                    continue
                bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
                parent = next((b for b in bases if b in classes), None)
                if parent is None:
                    continue
                own_init = any(isinstance(n, ast.FunctionDef) and n.name == "__init__" for n in node.body)
                classes[node.name] = None if own_init else classes[parent]
                changed = True
    return classes


def _literal_text(node: ast.expr) -> str | None:
    """The literal parts of a string literal or an f-string (``None`` for any other expression)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def messages(trees: dict[Path, ast.Module]) -> list[tuple[str, str]]:
    """``(where, literal text)`` of every error message written as a literal in the source."""
    classes = _error_classes(trees)
    found: list[tuple[str, str]] = []
    for path, tree in sorted(trees.items()):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else None)
            if name is None or name not in classes or name in EXEMPT:
                continue
            position = classes[name]
            args: list[ast.expr] = [k.value for k in node.keywords if k.arg == "rule"]
            if position is not None and len(node.args) > position and not isinstance(node.args[position],
                                                                                      ast.Starred):
                args.append(node.args[position])
            for arg in args:
                text = _literal_text(arg)
                if text and not (position == 0 and text in CATALOG):  # a code, not a message
                    found.append((f"{path.relative_to(SRC.parent)}:{node.lineno}", text))
    return found


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in SRC.rglob("*.py")}


def test_the_scan_finds_an_english_message() -> None:
    """The scan can fail: an old English message (as the batch columns had it) is found and flagged."""
    tree = ast.parse('raise BatchInputError(name, 0, "missing", f"the frame needs a column {name!r}")\n'
                     'raise InvalidInput("usage", name, "a value is required (NA found)")\n'
                     'raise InvalidInput("x", 1, code="input.negative")\n')
    found = messages({SRC / "example.py": tree})
    assert [text for _, text in found] == ["the frame needs a column ", "a value is required (NA found)"]
    assert all(problems(text) for _, text in found)


def test_no_error_message_in_the_source_is_english() -> None:
    bad = [f"{where}: {text!r}: {', '.join(problems(text))}" for where, text in messages(_trees())
           if problems(text)]
    assert bad == [], "\n".join(bad)


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
