"""The decisions of SEL § 117a, written once on integer øre and minutes, for one account and for a caseload.

Every threshold, rounding point and order of checks of the budget is here, as small functions over an *ops*
backend (:mod:`socialcalc.kernel`): ``PY`` for one account (plain ``int`` and ``bool``), ``NP`` from
:mod:`socialcalc.batch.ops` for numpy arrays (a whole caseload at once). :class:`~socialcalc.hastig_sygdom.Budget`
converts ``Decimal`` kroner to øre at its edge and calls these; the batch kernel
(:mod:`socialcalc.hastig_sygdom.batch`) calls the same functions on arrays. Nothing here imports numpy.

The decisions, in the order they are checked for a booking (SEL § 117a stk. 1):

1. the paragraph is one of §§ 83, 97, 112 and 116 (:func:`covered`);
2. the value is positive (:func:`positive`);
3. the booking is dated on or after the decision (:func:`dated_ok`);
4. the booking fits the remaining budget: **a booking of exactly the remaining amount fits**, one øre more does
   not (:func:`book`); a refused booking changes nothing;
5. the ordinary rules apply once the remaining budget is zero (:func:`ordinary_rules_apply`).

The value of hours of help (§§ 83 and 97) is rounded **once, to øre half up**, on the exact product
(:func:`value_of_time`).

>>> from socialcalc.kernel import PY
>>> book(PY, 1352200, 1500000)
(False, 1352200)
>>> book(PY, 1352200, 1352200)
(True, 0)
>>> value_of_time(PY, 45, 25000, 60)
18750
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from socialcalc.kernel import Ops

__all__ = [
    "MINUTES_PER_HOUR",
    "PARAGRAPH_CODES",
    "book",
    "covered",
    "dated_ok",
    "ordinary_rules_apply",
    "positive",
    "value_of_time",
]

PARAGRAPH_CODES: tuple[int, ...] = (83, 97, 112, 116)
"""The paragraphs whose help § 117a covers, in this order (§ 113 consumer goods are not covered)."""

MINUTES_PER_HOUR = 60


def covered(ops: Ops, paragraph: Any) -> Any:
    """Whether the help's paragraph is covered by § 117a: §§ 83, 97, 112 or 116.

    >>> from socialcalc.kernel import PY
    >>> covered(PY, 112), covered(PY, 113)
    (True, False)
    """
    ok = paragraph == PARAGRAPH_CODES[0]
    for code in PARAGRAPH_CODES[1:]:
        ok = ok | (paragraph == code)
    return ok


def positive(amount_ore: Any) -> Any:
    """Whether a booking's value is positive (a zero booking is refused).

    >>> positive(1), positive(0)
    (True, False)
    """
    return amount_ore > 0


def dated_ok(day: Any, decided_on: Any) -> Any:
    """Whether a booking's day (an ordinal) is on or after the decision's day (an ordinal).

    >>> dated_ok(10, 10), dated_ok(9, 10)
    (True, False)
    """
    return day >= decided_on


def book(ops: Ops, remaining_ore: Any, amount_ore: Any) -> tuple[Any, Any]:
    """Book ``amount_ore`` on an account with ``remaining_ore`` left: ``(fits, remaining after)`` (§ 117a stk. 1).

    A booking of exactly the remaining amount fits; a booking that does not fit leaves the remaining unchanged.

    >>> from socialcalc.kernel import PY
    >>> book(PY, 100, 101), book(PY, 100, 40)
    ((False, 100), (True, 60))
    """
    fits = amount_ore <= remaining_ore
    return fits, ops.where(fits, remaining_ore - amount_ore, remaining_ore)


def ordinary_rules_apply(remaining_ore: Any) -> Any:
    """Whether help is now given under the ordinary rules: the whole budget is used.

    >>> ordinary_rules_apply(0), ordinary_rules_apply(1)
    (True, False)
    """
    return remaining_ore == 0


def value_of_time(ops: Ops, quantity: Any, price_ore: Any, per_hour: Any) -> Any:
    """The value in øre of ``quantity / per_hour`` hours at ``price_ore`` an hour, rounded once to øre half up.

    ``per_hour`` is 60 for whole minutes, or ``10**places`` for hours written with ``places`` decimals.

    >>> from socialcalc.kernel import PY
    >>> value_of_time(PY, 1, 30, 60), value_of_time(PY, 75, 31240, 10)
    (1, 234300)
    """
    return ops.div_half_up(quantity * price_ore, per_hour)
