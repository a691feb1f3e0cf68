"""The one exception hierarchy of socialcalc.

Every error the library raises on purpose is a :class:`SocialcalcError`, which is a :class:`ValueError`, so
a caller can catch everything with one ``except``. Each message names the field, the value and the rule, in a
form a case system can show to a caseworker. A CPR number never appears in a message.

```
ValueError
└── SocialcalcError
    ├── InvalidInput            bad input to a calculation (field, value, rule)
    │   └── InsufficientHours   § 97: more hours asked than the bank holds
    │   └── BudgetExceeded      § 117a: a booking over the remaining budget
    └── RateError               something wrong with a rate
        ├── RateNotPublished    no value for the key on the date (strict mode)
        ├── UnknownRate         a key or municipality the book does not know
        └── RateFileError       one or more faults in rate files (every fault, each with file:line:col)
```
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "InvalidInput",
    "RateError",
    "RateFault",
    "RateFileError",
    "RateNotPublished",
    "SocialcalcError",
    "UnknownRate",
]


class SocialcalcError(ValueError):
    """The root of every error socialcalc raises on purpose."""


class InvalidInput(SocialcalcError):
    """Bad input to a calculation.

    The message names the field, the value and the rule broken; the same facts are attributes.

    >>> err = InvalidInput("hours", "-1", "timer kan ikke være negative")
    >>> str(err)
    'hours = -1: timer kan ikke være negative'
    >>> err.field
    'hours'
    """

    def __init__(self, field: str, value: Any, rule: str) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        super().__init__(f"{field} = {value}: {rule}")


class RateError(SocialcalcError):
    """Something is wrong with a rate: missing, unknown, or badly written."""


class UnknownRate(RateError):
    """A rate key or a municipality that the rate book does not know."""


class RateNotPublished(RateError):
    """No value of ``key`` holds on ``day`` (strict mode never reuses another period's value).

    ``last_known`` is the latest value before ``day`` as text (or ``None``), so the caller can decide to project.
    """

    def __init__(
        self, key: str, day: Any, last_known: str | None, reason: str = "", *, can_project: bool = True
    ) -> None:
        self.key = key
        self.day = day
        self.last_known = last_known
        self.reason = reason
        known = f"; last known value: {last_known}" if last_known else "; no earlier value is known"
        why = f" ({reason})" if reason else ""
        hint = (
            ". Pass project=True (or a satsreguleringsprocent) to project it, flagged as projected"
            if can_project
            else ""
        )
        super().__init__(f"rate {key} has no value on {day}{why}{known}{hint}.")


@dataclass(frozen=True)
class RateFault:
    """One fault in one rate file: where it is, what is wrong, and how to fix it."""

    file: str
    line: int
    col: int
    problem: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}:{self.col}: {tag}{self.problem} — {self.fix}"


class RateFileError(RateError):
    """The rate files hold one or more faults; ``faults`` lists every one of them (nothing was loaded)."""

    def __init__(self, faults: Sequence[RateFault]) -> None:
        self.faults = tuple(faults)
        lines = "\n".join(str(f) for f in self.faults)
        super().__init__(f"{len(self.faults)} fault(s) in the rate files:\n{lines}")
