"""A checker for text meant for a Danish decision letter: no English, no code, Danish numbers and dates.

Property tests render the explanations of generated cases and assert ``problems(text) == []``. It finds
English words (from a list of words that are not Danish), identifiers and reprs (underscores, dotted rate
keys, ``Decimal(``, arrows, ``==``, quoted codes), ISO dates (``2025-03-01``) and numbers written with a
decimal point (``13522.00``) or with a comma as thousands separator.

>>> problems("Du får 1.138,00 kr. om måneden fra 1. marts 2025 (serviceloven § 100, stk. 3).")
[]
>>> problems("band 1 → 1138.00 from 2025-03-01 (nights_min_one)")
['English word: band', 'English word: from', 'English word: nights', 'English word: min', 'English word: one', \
'arrow: →', 'ISO date: 2025-03-01', 'decimal point: 1138.00', 'identifier: nights_min_one']
"""

from __future__ import annotations

import re

__all__ = ["ENGLISH_WORDS", "problems"]

ENGLISH_WORDS = frozenset([
    "an", "and", "the", "of", "in", "on", "from", "with", "without", "are", "was", "were", "been", "not", "no",
    "yes", "or", "if", "then", "else", "this", "that", "these", "those", "which", "who", "whose", "what", "when",
    "where", "why", "how", "valid", "reading", "read", "rule", "rules", "rates", "band", "bands", "month", "months",
    "year", "years", "day", "days", "night", "nights", "hour", "hours", "amount", "amounts", "expenses", "expense",
    "documented", "probable", "full", "cover", "paid", "pays", "payment", "grant", "granted", "remaining", "spent",
    "same-day", "same", "as", "force", "since", "until", "before", "after", "only", "default", "policy", "oldest",
    "first", "newest", "saved", "current", "wage", "earnings", "cap", "share", "trips", "min", "one", "source",
    "sources", "official", "secondary", "derived", "projected", "expected", "key", "keys", "value", "values",
    "output", "input", "inputs", "true", "false", "none", "null", "result", "results", "error", "warning", "see",
    "also", "our", "spec", "municipality", "municipal",
])
"""Words that are English and not Danish (words that are Danish too, such as *at*, *for*, *to*, *by*,
*budget*, *total*, *transport*, *distance*, *note*, are left out)."""

_WORD = re.compile(r"[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå\-]*")
_CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("arrow", re.compile(r"→|->|=>|<-")),
    ("ISO date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("decimal point", re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])(?!\s*(?:januar|februar|marts|april|maj|juni|"
                                 r"juli|august|september|oktober|november|december))")),
    ("comma thousands", re.compile(r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b(?!,)")),
    ("identifier", re.compile(r"\b[A-Za-z]+_[A-Za-z0-9_]+\b")),
    ("rate key", re.compile(r"\b(?:sel\d+[a-z]?|hjemmel|folkepension)\.[a-z_.]+")),
    ("repr", re.compile(r"Decimal\(|datetime\.|\bNone\b|\bTrue\b|\bFalse\b|==|\{|\}")),
    ("quoted code", re.compile(r"'[a-z_]+'|\"[a-z]+_[a-z_]+\"")),
)


_PATH = re.compile(r"\S*/\S*")


def problems(text: str) -> list[str]:
    """What in ``text`` is not fit for a Danish letter: English words, code, ISO dates, non-Danish numbers.

    A file path (a municipality's own rate file, named in the case-file note) is not prose and is left out.

    >>> problems("fra kommunens egne satser: /tmp/ab_c1: ab_c1/national/2026.toml:4")
    []
    """
    text = _PATH.sub("", text)
    found: list[str] = []
    for word in _WORD.findall(text):
        if word.lower() in ENGLISH_WORDS and word not in found:
            found.append(f"English word: {word}")
    for name, pattern in _CHECKS:
        for match in pattern.finditer(text):
            item = f"{name}: {match.group(0)}"
            if item not in found:
                found.append(item)
    return found
