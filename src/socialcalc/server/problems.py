"""Errors as RFC 9457 problem details, and CPR redaction for everything the service writes.

Every error the service answers with is ``application/problem+json``: ``type`` (a stable ``tag:`` URI per error
code), ``title`` (Danish), ``status``, ``detail`` (the error's message) and the members ``code`` (the error's
stable code), ``field`` and ``value``. A :class:`~socialcalc.errors.RateNotPublished` also carries ``key``,
``day`` and ``last_known``.

Status codes: **422** bad input (:class:`~socialcalc.errors.InvalidInput`, an unknown municipality, a request
body that does not fit the model), **409** a rate not published for the day asked (strict mode; ask again with
``project``), **413** a body over the limit, **404**/**405** an unknown path or method, **500** anything else
(no detail is given away).

A CPR number never leaves the service: :func:`redact` replaces anything shaped like one (``DDMMYY-SSSS`` or ten
digits whose first six are a date) in every response body and every log line.

>>> redact("cpr = 211062-0629 og 2110620629")
'cpr = <skjult> og <skjult>'
>>> redact("beløb 1800.50, dato 2024-03-01")
'beløb 1800.50, dato 2024-03-01'
>>> from socialcalc.errors import InvalidInput, RateNotPublished
>>> error_code(InvalidInput("expenses", "-1", "must not be negative"))
'input.invalid'
>>> status_of(RateNotPublished("sel097.expense_grant_max", "2030-01-01", None))
409
"""

from __future__ import annotations

import re
from typing import Any

from socialcalc.errors import (
    InvalidInput,
    RateError,
    RateFileError,
    RateNotPublished,
    SocialcalcError,
    UnknownRate,
)

__all__ = [
    "PROBLEM_JSON",
    "STATUS_RATE_NOT_PUBLISHED",
    "error_code",
    "problem",
    "problem_of",
    "redact",
    "status_of",
]

PROBLEM_JSON = "application/problem+json"
STATUS_RATE_NOT_PUBLISHED = 409
"""The status of a rate that is not published for the day asked (documented in "Brug fra andre systemer")."""

_CPR = re.compile(
    r"(?<![\d.,])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?![\d]|[.,]\d)"
)
_HIDDEN = "<skjult>"

_TITLES: dict[int, str] = {
    400: "Forespørgslen kan ikke læses",
    404: "Findes ikke",
    405: "Metoden er ikke tilladt her",
    409: "Satsen er ikke offentliggjort",
    413: "Forespørgslen er for stor",
    415: "Forkert indholdstype",
    422: "Ugyldige oplysninger",
    500: "Intern fejl",
}

# until every error carries its own ``code`` ([letter]), the code is derived from the class, most specific first
_CLASS_CODES: tuple[tuple[type[SocialcalcError], str], ...] = (
    (RateNotPublished, "rate.not_published"),
    (UnknownRate, "rate.unknown"),
    (RateFileError, "rate.file"),
    (RateError, "rate.error"),
    (InvalidInput, "input.invalid"),
)


def redact(text: str) -> str:
    """``text`` with every CPR-shaped number replaced by ``<skjult>``."""
    return _CPR.sub(_HIDDEN, text)


def error_code(err: SocialcalcError) -> str:
    """The error's stable code: ``err.code`` where the error has one, else one derived from its class.

    The one place the service reads a code, so it switches to the library's own codes when they arrive.
    """
    code = getattr(err, "code", None)
    if isinstance(code, str) and code:
        return code
    for cls, derived in _CLASS_CODES:
        if isinstance(err, cls):
            special = {"InsufficientHours": "input.insufficient_hours", "BudgetExceeded": "input.budget_exceeded",
                       "SecondAccount": "input.second_account", "PrepaymentTooLong": "input.prepayment_too_long"}
            return special.get(type(err).__name__, derived)
    return "error"


def status_of(err: SocialcalcError) -> int:
    """The HTTP status of a library error: 409 a rate not published, 500 faults in rate files, else 422."""
    if isinstance(err, RateNotPublished):
        return STATUS_RATE_NOT_PUBLISHED
    if isinstance(err, RateFileError):
        return 500
    return 422


def _text(value: Any) -> str | None:
    return None if value is None else redact(str(value))


def problem(status: int, code: str, detail: str, *, field: str | None = None, value: Any = None,
            **extra: Any) -> dict[str, Any]:
    """One problem details object (RFC 9457) with socialcalc's members; every text is redacted."""
    body: dict[str, Any] = {
        "type": f"tag:socialcalc,2026:problem/{code}",
        "title": _TITLES.get(status, "Fejl"),
        "status": status,
        "detail": redact(detail),
        "code": code,
        "field": _text(field),
        "value": _text(value),
    }
    body.update({k: _text(v) if isinstance(v, str) else v for k, v in extra.items()})
    return body


def problem_of(err: SocialcalcError) -> dict[str, Any]:
    """The problem details of a library error (its Danish message is ``detail``)."""
    status = status_of(err)
    if status == 500:
        return problem(500, error_code(err), "Satstabellerne på serveren indeholder fejl; kontakt driften.")
    extra: dict[str, Any] = {}
    if isinstance(err, RateNotPublished):
        extra = {"key": err.key, "day": None if err.day is None else str(err.day), "last_known": err.last_known}
    field = getattr(err, "field", None)
    value = getattr(err, "value", None)
    if isinstance(err, RateNotPublished):
        field, value = "key", err.key
    return problem(status, error_code(err), str(err), field=field, value=value, **extra)
