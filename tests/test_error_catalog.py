"""Every error code's Danish message: no English words, no code, Danish numbers and dates.

One error of each code in :data:`socialcalc.errors.CATALOG` (and each reason of ``rate.not_published``) is
built with sample parameters of the right kind (amounts, dates, counts) and its Danish text is checked with
:func:`socialcalc.testing.letter.problems`. The field and the value (``expenses = …``) are the caller's own
names and are left out of the check; a programmer's name that the template itself spells out (an argument
such as ``per_km``, a format such as ``"1234.50"``) is allowed only where the template writes it literally.
The English message must render too, and differ from the Danish one.
"""

from __future__ import annotations

import re
import string
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from socialcalc.errors import (
    CATALOG,
    REASONS,
    InvalidInput,
    RateError,
    RateFault,
    RateFileError,
    RateNotPublished,
    SocialcalcError,
    UnknownRate,
)
from socialcalc.testing.letter import problems

_DATES = {"decided", "deadline", "valid_from", "first", "last", "in_force", "birth", "grant_date", "arrival",
          "day", "ends", "last_from"}
_COUNTS = {"places", "year", "paragraph", "count", "rows", "row"}
_TOLERATED = ("identifier", "repr", "quoted code", "decimal point")
"""Kinds of problem that a template may spell out on purpose (a programmer's argument, an input format)."""
_API_WORDS = frozenset({"True", "False", "None", "true", "false", "month", "year", "amount", "share",
                        "hours", "minutes", "rule", "inputs", "expected", "source"})
"""English words that are values, argument names or case-file keys a caller types (``recipient=True``,
``per='month'``, ``expected:``)."""


def _fields(template: str) -> dict[str, str]:
    return {name: spec or "" for _, name, spec, _ in string.Formatter().parse(template) if name}


def _sample(name: str, spec: str) -> Any:
    if spec == "kr":
        return Decimal("13522.00")
    if spec == "num":
        return Decimal("12345.5")
    if name in _DATES:
        return date(2025, 9, 1)
    if name in _COUNTS:
        return 2026
    if name in ("projected", "minutes", "why"):
        return True
    return "eksempel"


def _params(entry: dict[str, str]) -> dict[str, Any]:
    texts = [entry["da"], entry.get("remedy_da", "")] + [v for k, v in entry.items() if k.endswith("_da")]
    found: dict[str, str] = {}
    for text in texts:
        found.update(_fields(text))
    parts = {k[: -len("_da")] for k in entry if k.endswith("_da") and k != "remedy_da"}
    params = {name: _sample(name, spec) for name, spec in found.items() if name not in ("rule",)}
    for name in parts:  # an optional part: its parameter given, with a value of the kind its text shows
        params.setdefault(name, True)
    return params


def _checked(text: str, template: str, *hidden: str) -> list[str]:
    for value in hidden:
        text = text.replace(value, "")
    left = []
    for problem in problems(text):
        kind, _, what = problem.partition(": ")
        if (kind in _TOLERATED or (kind == "English word" and what in _API_WORDS)) and what in template:
            continue
        if kind == "quoted code" and re.search(r"'\{\w+\}'", template):  # a name the caller gave, quoted
            continue
        left.append(problem)
    return left


def _templates(entry: dict[str, str]) -> str:
    return " ".join(v for k, v in entry.items() if k == "da" or k.endswith("_da"))


INPUT_CODES = sorted(c for c in CATALOG if not c.startswith("rate."))


@pytest.mark.parametrize("code", INPUT_CODES)
def test_every_input_code_has_a_danish_message(code: str) -> None:
    entry = CATALOG[code]
    params = _params(entry)
    rule = "beløbet må ikke være negativt" if "{rule}" in entry["da"] else ""
    if code == "input.usage":
        params["english"] = "the following arguments are required: --on"
    err = InvalidInput("beløb", "1", rule, code=code, **params)
    assert err.code == code
    danish = err.message("da")
    assert danish.startswith("beløb = 1: ")
    text = danish[len("beløb = 1: "):]
    assert _checked(text, _templates(entry)) == [], (code, text)
    for amount in re.findall(r"\d[\d.,]*\s*kr\.", text):
        assert amount == "13.522,00 kr.", (code, amount)
    if any(_sample(n, s) == date(2025, 9, 1) for n, s in _fields(_templates(entry)).items()):
        assert "1. september 2025" in text, (code, text)
    english = err.message("en")
    assert (english.startswith("beløb = 1: ") and english != danish) or entry["da"] == entry["en"], code


@pytest.mark.parametrize("reason", sorted(REASONS))
def test_every_reason_a_rate_is_not_published_reads_in_danish(reason: str) -> None:
    entry = REASONS[reason]
    params = _params(entry)
    params.pop("last_known", None)
    err = RateNotPublished("sel110.per_day", date(2026, 1, 1), "93.38", reason, last_from=date(2025, 1, 1),
                           **params)
    text = str(err)
    assert "gældende fra 1. januar 2025" in text and "93,38" in text and "1. januar 2026" in text
    assert _checked(text, _templates(entry) + _templates(CATALOG["rate.not_published"]), "sel110.per_day") == [], \
        (reason, text)
    assert "valid from 2025-01-01" in err.message("en")


def test_the_other_rate_codes_read_in_danish() -> None:
    errors: list[SocialcalcError] = [
        UnknownRate(code="rate.unknown_kommune", kommune="aarhus", known="lejre, lemvig"),
        UnknownRate("satsen findes ikke i satsbogen"),
        UnknownRate(code="rate.unknown_key", key="minimum", near="minimumm"),
        UnknownRate(code="rate.not_optional", key="minimum"),
        UnknownRate(code="rate.none_published", key="minimum"),
        RateFileError([RateFault("national/2024.toml", 3, 1, "unknown field 'x'", "remove it")]),
        RateError(code="rate.sel097_saving_months", value=0, day=date(2024, 1, 1), where="satsfilen, linje 6"),
        RateError(code="rate.sel097_order_of_use", value="newest", day=date(2024, 1, 1),
                  where="satsfilen, linje 6", known="oldest_first, current_month_then_newest_saved"),
    ]
    assert {e.code for e in errors} | {"rate.not_published"} == {c for c in CATALOG if c.startswith("rate.")}
    for err in errors:
        text = str(err).split("\n")[0]  # a rate file's faults are for the maintainer, file:line:col
        assert _checked(text, _templates(CATALOG[err.code])) == [], text
        assert err.message("en") != str(err)


def test_a_code_outside_the_catalog_is_refused() -> None:
    with pytest.raises(KeyError):
        InvalidInput("x", 1, code="input.no_such_code")
