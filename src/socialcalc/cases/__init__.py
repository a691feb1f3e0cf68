"""Case files: worked cases in YAML that a municipality keeps and runs on every new rate table.

``socialcalc test CASES.yaml`` (or :func:`run_file`) runs every case with the one-case functions and compares
the expected figures **exactly** (a ``Decimal`` to a ``Decimal``, a date to a date): one line per failure,
exit 1 on any failure. The rules' worked examples (from each rule's docs page) ship as ``spec-examples.yaml``
in this package (:data:`SPEC_EXAMPLES`).

The format (one file, UTF-8)::

    rates: my-overlay/          # optional: a rate directory laid over the packaged tables (relative to the file)
    cases:
      - name: "§ 100 band 1"                       # shown in a failure
        rule: merudgift.calculate                  # a public function: socialcalc.<module>.<function>
        source: "serviceloven § 100, stk. 2"  # where the expected figure comes from (required)
        args: []                                   # positional arguments (optional)
        inputs: {expenses: "1706.99", decided_on: 2024-06-01}   # keyword arguments
        expected: {amount: "1138.00", band: 1}    # field of the result (dotted: periods.0.amount) → value
      - name: "Folkepensionsalder"
        rule: folkepension.reached_on
        source: "lov om social pension § 1 a"
        args: [1960-05-15]
        expected: {value: 2027-05-15}             # `value`: the result itself (a date, a Month …)

Amounts are written as text (``"1138.00"``) or whole numbers, never as YAML floats (``1138.5`` is refused:
a float is not exact). A case that raises fails with the error's message, unless it expects it:
``raises: RateNotPublished`` (the error's class name). Needs the ``cases`` extra (PyYAML).

>>> report = run_file(SPEC_EXAMPLES)
>>> report.failures, report.count > 30
([], True)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from socialcalc.errors import InvalidInput, SocialcalcError
from socialcalc.months import Month
from socialcalc.ratebook import RateBook, load_rates

__all__ = ["SPEC_EXAMPLES", "CaseReport", "run_file"]

SPEC_EXAMPLES = Path(__file__).with_name("spec-examples.yaml")
"""The rules' worked examples (each rule's docs page) as a case file."""

_SHORT = {"merudgift": "merudgift.calculate", "transport": "beskyttet_beskaeftigelse.transport",
          "stay": "egenbetaling.stay"}
_MODULES = ("merudgift", "ledsageordning", "beskyttet_beskaeftigelse", "egenbetaling", "hastig_sygdom",
            "folkepension")


@dataclass
class CaseReport:
    """What a case file gave: the number of cases run and one line per failure."""

    path: Path
    count: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """``True`` when every case passed."""
        return not self.failures


def _yaml() -> Any:
    try:
        import yaml
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("case files need PyYAML: pip install 'socialcalc[cases]'") from err
    return yaml


def _loader(yaml: Any) -> Any:
    """YAML 1.2 truth values: only true/false are booleans (``on:``, ``no`` and ``ja`` stay text)."""

    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    import re

    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
    return Loader


def _lines(yaml: Any, text: str, loader: Any) -> list[int]:
    """The line of each case (1-based), for the failure lines."""
    root = yaml.compose(text, Loader=loader)
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, node in root.value:
        if getattr(key, "value", None) == "cases" and isinstance(node.value, list):
            return [item.start_mark.line + 1 for item in node.value]
    return []


def _function(rule: Any) -> Any:
    if not isinstance(rule, str):
        raise InvalidInput("rule", repr(rule), code="cases.rule_name")
    module, _, name = _SHORT.get(rule, rule).rpartition(".")
    if module not in _MODULES:
        raise InvalidInput("rule", rule, code="cases.rule_module", modules=", ".join(_MODULES))
    found = importlib.import_module(f"socialcalc.{module}")
    if name not in getattr(found, "__all__", ()) or not callable(getattr(found, name)):
        raise InvalidInput("rule", rule, code="cases.rule_function", module=module, name=repr(name))
    return getattr(found, name)


def _field(result: Any, path: str) -> Any:
    if path == "value":
        return result
    value = result
    for part in path.split("."):
        if isinstance(value, list | tuple) and part.isdigit():
            value = value[int(part)]
        elif isinstance(value, dict):
            value = value[part]
        else:
            value = getattr(value, part)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Month):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _same(actual: Any, expected: Any) -> bool:
    actual = _plain(actual)
    if isinstance(expected, float):
        raise InvalidInput("expected", repr(expected), code="cases.float")
    if isinstance(actual, Decimal) and isinstance(expected, str | int) and not isinstance(expected, bool):
        try:
            return actual == Decimal(str(expected))
        except ArithmeticError:
            return False
    if isinstance(actual, date) and isinstance(expected, str):
        return actual.isoformat() == expected
    if isinstance(actual, list) and isinstance(expected, list):
        return len(actual) == len(expected) and all(_same(a, e) for a, e in zip(actual, expected, strict=True))
    return bool(type(actual) is type(expected) and actual == expected) or (
        isinstance(actual, int | str) and not isinstance(actual, bool) and actual == expected
        and not isinstance(expected, bool))


def _floats(value: Any, where: str) -> None:
    if isinstance(value, float):
        raise InvalidInput(where, repr(value), code="cases.float")
    if isinstance(value, dict):
        for k, v in value.items():
            _floats(v, f"{where}.{k}")
    if isinstance(value, list):
        for i, v in enumerate(value):
            _floats(v, f"{where}.{i}")


def _run_case(case: Any, book: RateBook | None) -> list[str]:
    """The failures of one case (empty: it passed)."""
    if not isinstance(case, dict):
        raise InvalidInput("case", repr(case), code="cases.case_form")
    for key in ("rule", "source"):
        if key not in case:
            raise InvalidInput(key, "mangler", code="cases.case_missing", key=key)
    if "expected" not in case and "raises" not in case:
        raise InvalidInput("expected", "mangler", code="cases.expected_missing")
    unknown = set(case) - {"name", "rule", "source", "args", "inputs", "expected", "raises"}
    if unknown:
        raise InvalidInput(sorted(unknown)[0], "ukendt", code="cases.case_unknown")
    function = _function(case["rule"])
    args, inputs = case.get("args") or [], dict(case.get("inputs") or {})
    _floats(args, "args")
    _floats(inputs, "inputs")
    if book is not None and "rates" not in inputs:
        inputs["rates"] = book
    try:
        result = function(*args, **inputs)
    except SocialcalcError as err:
        if case.get("raises") == type(err).__name__:
            return []
        return [f"gav fejlen {type(err).__name__}: {err}"]
    except TypeError as err:
        return [f"inputs passer ikke til {case['rule']}: {err}"]
    if "raises" in case:
        return [f"forventede fejlen {case['raises']}, men fik et resultat"]
    failures = []
    for path, expected in (case.get("expected") or {}).items():
        try:
            actual = _field(result, str(path))
        except (AttributeError, IndexError, KeyError):
            failures.append(f"{path}: resultatet har ikke det felt")
            continue
        if not _same(actual, expected):
            failures.append(f"{path}: forventede {expected!r}, fik {_plain(actual)!r}")
    return failures


def run_file(path: str | Path, *, rates: RateBook | None = None) -> CaseReport:
    """Run every case of a case file; ``rates`` (or the file's ``rates:`` overlay) for every case.

    A malformed file raises :class:`~socialcalc.errors.InvalidInput`; a failing case is a line of the report:
    ``CASES.yaml:12: § 100 interval 1: amount: forventede '1138.00', fik Decimal('1137.00') (serviceloven § 100,
    stk. 3)``.

    >>> run_file(SPEC_EXAMPLES).ok
    True
    """
    yaml = _yaml()
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        loader = _loader(yaml)
        data = yaml.load(text, Loader=loader)  # a SafeLoader with YAML 1.2 booleans
        lines = _lines(yaml, text, loader)
    except yaml.YAMLError as err:
        raise InvalidInput(str(path), "YAML", code="cases.not_yaml", detail=str(err)) from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise InvalidInput(str(path), "format", code="cases.file_form")
    book = rates
    if book is None and data.get("rates"):
        book = load_rates(overlays=[path.parent / str(data["rates"])])
    report = CaseReport(path)
    for i, case in enumerate(data["cases"]):
        line = lines[i] if i < len(lines) else 0
        name = case.get("name", f"sag {i + 1}") if isinstance(case, dict) else f"sag {i + 1}"
        try:
            failed = _run_case(case, book)
        except InvalidInput as err:
            failed = [f"ugyldig sag: {err}"]
        report.count += 1
        source = case.get("source", "") if isinstance(case, dict) else ""
        report.failures += [f"{path.name}:{line}: {name}: {f} ({source})" for f in failed]
    return report
