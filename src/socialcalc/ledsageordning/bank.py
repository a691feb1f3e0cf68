"""The hour bank of the ledsageordning (SEL § 97 stk. 1; BEK 235/2012 § 6).

A person in the scheme is granted 15 hours of escort a month (less any escort already received in another
form, the *deduction*). Unused hours can be saved: hours granted in month *M* can be used in *M* … *M*+5 and
lapse at the start of *M*+6 ("January's hours lapse in July"), and at most 90 hours can be at the person's
disposal in a month. Which saved hours a use consumes is municipal policy (``sel097.order_of_use``):
``oldest_first`` (Lejre, and the national default) or ``current_month_then_newest_saved`` (Lemvig).

:class:`Bank` is an immutable value: the bank's first month, its municipality, the deduction (and the months
it changed) and the use recorded per month. Its balance is an explicit fold over the months from the first
one, never a recursion over earlier months; each month

1. lapses the hours granted ``sel097.saving_months`` months before (or earlier),
2. grants ``max(0, sel097.hours_per_month − deduction)`` hours, cut where the balance would pass
   ``sel097.max_hours`` (the cut is reported as *lost to the cap*),
3. consumes the month's recorded use in the municipality's order of use.

A month with nothing recorded passes by itself. Every figure comes from the rate book for that month's first
day (national values with the municipality's policy over them). A bank keeps what it has worked out (the
fold's state at its last recorded month, and each month's rates) in a private memo that is not part of its
value, so :meth:`Bank.use` folds one month forward instead of replaying the history. The bank counts whole
minutes (``int``), so it is exact; see :mod:`socialcalc.ledsageordning.tid`.

>>> bank = Bank.open("2024-01", kommune="lemvig").use("2024-03", 20)
>>> bank.balance("2024-03")
Decimal('25')
>>> [(str(lot.granted_in), lot.hours) for lot in bank.statement("2024-03").closing_by_grant]
[('2024-01', Decimal('15')), ('2024-02', Decimal('10'))]
>>> bank.use("2024-04", 41)
Traceback (most recent call last):
...
socialcalc.ledsageordning.bank.InsufficientHours: hours = 41: der er kun 40 timer til rådighed i april 2024, og \
timer kan ikke bruges forud; intet er registreret
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput, RateError
from socialcalc.explain import Audience, Explanation, Format, Locale, built
from socialcalc.ledsageordning import fakta, regel
from socialcalc.ledsageordning.tid import hours_of, minutes_of, month_params, read_duration, varighed
from socialcalc.months import Month
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, Rate, RateBook, default_book
from socialcalc.ratebook.book import normalise_kommune

__all__ = [
    "Bank",
    "DeductionChange",
    "InsufficientHours",
    "Lot",
    "MonthStatement",
    "OrderOfUse",
    "Usage",
]



class OrderOfUse(StrEnum):
    """The order in which a use consumes the hours in the bank (``sel097.order_of_use``, municipal policy)."""

    OLDEST_FIRST = "oldest_first"
    """The oldest hours first (Lejre: "De ældste timer skal bruges først"); the national default."""
    CURRENT_MONTH_THEN_NEWEST_SAVED = "current_month_then_newest_saved"
    """The month's own hours first, then the saved hours from the nearest earlier month backwards (Lemvig)."""



class InsufficientHours(InvalidInput):
    """A use larger than the hours available in its month (SEL § 97 stk. 1; BEK 235/2012 § 6 stk. 1).

    Hours cannot be used in advance, so the use is refused and nothing is recorded. ``available`` is the
    number of hours that could be used in ``month`` (``Decimal``), ``available_minutes`` the same exactly.
    Code ``input.insufficient_hours`` (``input.deduction_uncovers_use`` when a deduction change reaching back
    would leave a recorded use uncovered; ``deduction_from`` is then that change's month).

    >>> err = InsufficientHours(Month(2024, 2), 1500, 1200)
    >>> err.available, err.asked, err.month, err.code
    (Decimal('20'), Decimal('25'), Month(2024, 2), 'input.insufficient_hours')
    >>> str(err)
    'hours = 25: der er kun 20 timer til rådighed i februar 2024, og timer kan ikke bruges forud; intet er registreret'
    >>> err.message("en")
    'hours = 25: only 20 hours are available in February 2024, and hours cannot be used in advance; nothing was \
recorded'
    """

    def __init__(self, month: Month, asked_minutes: int, available_minutes: int,
                 deduction_from: Month | None = None) -> None:
        self.month = month
        self.asked_minutes = asked_minutes
        self.available_minutes = available_minutes
        self.asked = hours_of(asked_minutes)
        self.available = hours_of(available_minutes)
        self.deduction_from = deduction_from
        params = {"month": str(month), **month_params("month", month),
                  "available_da": varighed(available_minutes), "available_en": _hours_en(available_minutes)}
        if deduction_from is None:
            super().__init__("hours", self.asked, code="input.insufficient_hours", **params)
        else:
            super().__init__("from_month", str(deduction_from), code="input.deduction_uncovers_use", **params,
                             **month_params("from", deduction_from))


def _hours_en(minutes: int) -> str:
    hours = hours_of(minutes).normalize() if minutes else Decimal(0)
    return f"{hours:f} hour{'' if hours == 1 else 's'}"


class _Frozen(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")


class Lot(_Frozen):
    """Hours of one month's grant: ``minutes`` of the hours granted in ``granted_in``."""

    granted_in: Month
    minutes: int = Field(ge=0)

    @property
    def hours(self) -> Decimal:
        """``minutes`` as hours (see :func:`~socialcalc.ledsageordning.tid.hours_of`)."""
        return hours_of(self.minutes)


class Usage(_Frozen):
    """The escort used in one month, in whole minutes."""

    month: Month
    minutes: int = Field(ge=0)


class DeductionChange(_Frozen):
    """From ``from_month`` on, ``minutes`` of escort received in another form are deducted from each grant."""

    from_month: Month
    minutes: int = Field(ge=0)


def _total(lots: Iterable[Lot]) -> int:
    return sum(lot.minutes for lot in lots)


class MonthStatement(_Frozen):
    """One month of the bank: what lapsed, was granted, was lost to the cap, was used, and what is left.

    The ``*_minutes`` fields are exact; the properties of the same names without ``_minutes`` give hours as
    ``Decimal``. ``granted`` is the month's grant, ``max(0, hours per month − deduction)``; ``lost_to_cap`` is
    the part of it the cap did not let in (so ``credited = granted − lost_to_cap``). Per month, ``closing =
    opening − lapsed + credited − used``; over a history, granted = used + lapsed + lost to the cap + balance.

    >>> st = Bank.open("2024-01").statement("2024-07")
    >>> st.lapsed, st.granted, st.closing_balance
    (Decimal('15'), Decimal('15'), Decimal('90'))
    >>> print(st.explain().splitlines()[1])
    Ved begyndelsen af juli 2024 bortfalder 15 timer, som du ikke har brugt inden for opsparingsperioden på \
6 måneder (januar 2024: 15 timer) (serviceloven § 97, jf. § 6, stk. 1, i bekendtgørelse nr. 235/2012).
    """

    month: Month
    kommune: str | None
    order_of_use: OrderOfUse
    opening_minutes: int = Field(ge=0)
    lapsed_minutes: int = Field(ge=0)
    lapsed_from: tuple[Lot, ...]
    deduction_minutes: int = Field(ge=0)
    granted_minutes: int = Field(ge=0)
    lost_to_cap_minutes: int = Field(ge=0)
    used_minutes: int = Field(ge=0)
    used_from: tuple[Lot, ...]
    closing_minutes: int = Field(ge=0)
    closing_by_grant: tuple[Lot, ...]
    explanation: Explanation

    @model_validator(mode="after")
    def _adds_up(self) -> MonthStatement:
        if (self.lapsed_minutes != _total(self.lapsed_from) or self.used_minutes != _total(self.used_from)
                or self.closing_minutes != _total(self.closing_by_grant)
                or self.lost_to_cap_minutes > self.granted_minutes
                or self.opening_minutes - self.lapsed_minutes + self.granted_minutes - self.lost_to_cap_minutes
                - self.used_minutes != self.closing_minutes):
            raise ValueError("opgørelsen går ikke op: udgående saldo = indgående − bortfaldet + tildelt − tabt til "
                             "loftet − brugt, og hver sum er summen af sine partier")
        return self

    @property
    def opening_balance(self) -> Decimal:
        """Hours at the end of the month before."""
        return hours_of(self.opening_minutes)

    @property
    def lapsed(self) -> Decimal:
        """Hours that lapsed at the start of the month."""
        return hours_of(self.lapsed_minutes)

    @property
    def deduction(self) -> Decimal:
        """Hours deducted from the month's grant (escort received in another form)."""
        return hours_of(self.deduction_minutes)

    @property
    def granted(self) -> Decimal:
        """The month's grant, ``max(0, hours per month − deduction)``, before the cap."""
        return hours_of(self.granted_minutes)

    @property
    def lost_to_cap(self) -> Decimal:
        """Hours of the grant that the cap did not let into the bank."""
        return hours_of(self.lost_to_cap_minutes)

    @property
    def credited(self) -> Decimal:
        """Hours actually added to the bank: ``granted − lost_to_cap``."""
        return hours_of(self.granted_minutes - self.lost_to_cap_minutes)

    @property
    def used(self) -> Decimal:
        """Hours used in the month."""
        return hours_of(self.used_minutes)

    @property
    def closing_balance(self) -> Decimal:
        """Hours left at the end of the month."""
        return hours_of(self.closing_minutes)

    def used_by_month(self) -> dict[Month, Decimal]:
        """Hours used, by the month they were granted in."""
        return {lot.granted_in: lot.hours for lot in self.used_from}

    def closing_by_month(self) -> dict[Month, Decimal]:
        """The closing balance by month of grant (months with nothing left are not listed)."""
        return {lot.granted_in: lot.hours for lot in self.closing_by_grant}

    def explain(self, audience: Audience = "borger", locale: Locale = "da", format: Format = "text") -> str:
        """The month's statement as text: the letter (``borger``) or the case note (``sagsbehandler``), in
        Danish (or ``locale="en"``), as ``text``, ``markdown`` or ``html``.

        >>> print(Bank.open("2024-01").statement("2024-01").explain().splitlines()[-1])
        Ved udgangen af januar 2024 har du 15 timer tilbage (januar 2024: 15 timer).
        """
        return str(self.explanation.render(audience=audience, locale=locale, format=format))


# -- the rates of one month -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Rules:
    per_month: int
    saving: int
    cap: int
    order: OrderOfUse
    rates: tuple[Rate, Rate, Rate, Rate]


def _rules(book: RateBook, month: Month, kommune: str | None, project: Project = False) -> _Rules:
    at = book.at(month.first_day, kommune, project=project)
    per, saving, cap, order = (at.get(f"sel097.{k}") for k in ("hours_per_month", "saving_months", "max_hours",
                                                               "order_of_use"))
    if saving.value < 1:
        raise RateError(code="rate.sel097_saving_months", value=saving.value, day=month.first_day,
                        where=saving.where)
    try:
        policy = OrderOfUse(order.value)
    except ValueError:
        raise RateError(code="rate.sel097_order_of_use", value=order.value, day=month.first_day, where=order.where,
                        known=", ".join(o.value for o in OrderOfUse)) from None
    return _Rules(minutes_of(per.value, per.key), saving.value, minutes_of(cap.value, cap.key), policy,
                  (per, saving, cap, order))


@dataclass(frozen=True, slots=True)
class _Period:
    """Rules that hold for every month whose first day is in ``first`` … ``last`` (``None``: open-ended)."""

    first: date
    last: date | None
    rules: _Rules

    def covers(self, day: date) -> bool:
        return self.first <= day and (self.last is None or day <= self.last)


def _period(book: RateBook, rules: _Rules, kommune: str | None, day: date) -> _Period:
    """The days around ``day`` on which the book gives the same four rates as on ``day`` (so the same rules).

    A rate holds from its ``valid_from`` to its ``valid_to``; the period also ends before the next value of
    its table starts, and, for a national value of a key a municipality may override, outside the
    municipality's own values. A projected rate holds for ``day`` alone.
    """
    first = max(r.valid_from for r in rules.rates)
    last: date | None = None
    for r in rules.rates:
        if r.projected:
            return _Period(day, day, rules)
        tables = [r.kommune]
        if r.kommune is None and kommune is not None and book.spec(r.key).overridable:
            tables.append(kommune)
        for table in tables:
            for other in book.history(r.key, table):
                end: date | None
                if other.valid_from > day:
                    end = other.valid_from - timedelta(days=1)
                elif other == r:
                    end = r.valid_to
                elif other.valid_to is not None and other.valid_to < day:
                    first = max(first, other.valid_to + timedelta(days=1))
                    continue
                else:  # another value also holds on day (the book never has one): trust day alone
                    return _Period(day, day, rules)
                if end is not None and (last is None or end < last):
                    last = end
    return _Period(first, last, rules)


@dataclass(frozen=True, slots=True)
class _Step:
    """One month of the fold, as plain numbers (a :class:`MonthStatement` is built from it on request)."""

    month: Month
    rules: _Rules
    opening: int
    lapsed: tuple[tuple[Month, int], ...]
    deduction: int
    granted: int
    lost: int
    used: tuple[tuple[Month, int], ...]
    closing: tuple[tuple[Month, int], ...]

    @property
    def closing_total(self) -> int:
        return sum(n for _, n in self.closing)


_Lots = tuple[tuple[Month, int], ...]
"""Remaining minutes by month of grant, oldest first, never a zero entry."""


@dataclass(frozen=True, slots=True)
class _Carry:
    """The fold's state at ``month``: the lots at its start (after the month before) and at its end."""

    month: Month
    lots: _Lots
    closing: _Lots


@dataclass(eq=False, slots=True)
class _Memo:
    """What a bank has already worked out; not part of its value (any two memos compare equal).

    A per-bank structure (no global state): ``rules`` caches the rate lookups of one (book, municipality) by
    the periods their rates hold for (:func:`_period`; the bank's rates are standing values, so one lookup
    serves every month until a rate changes) and is handed on to the banks :meth:`Bank.use` and
    :meth:`Bank.set_deduction` derive, so a history of use looks its rates up once per period; ``carry`` is
    the fold's state at the start of a month no later than the bank's last recorded use, so a ``use`` folds
    forward from there (one or two months) instead of replaying the whole history. The memo holds the identity
    of what it was computed for and is ignored when that is not this bank's (e.g. after a
    ``model_copy(update=...)``).
    """

    book: RateBook | None = None
    kommune: str | None = None
    rules: list[_Period] = field(default_factory=list)
    carry: _Carry | None = None
    start: Month | None = None
    deductions: tuple[DeductionChange, ...] | None = None
    usage: tuple[Usage, ...] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Memo)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[_Memo], tuple[()]]:
        return _Memo, ()  # a pickled or deep-copied bank starts with an empty memo (never a copy of the book)

    def fits(self, bank: Bank, book: RateBook) -> bool:
        return (self.usage is bank.usage and self.deductions is bank.deductions and self.book is book
                and self.start == bank.start and self.kommune == bank.kommune)


_CODES = {OrderOfUse.OLDEST_FIRST: regel.OLDEST_FIRST,
          OrderOfUse.CURRENT_MONTH_THEN_NEWEST_SAVED: regel.CURRENT_MONTH_THEN_NEWEST_SAVED}


def _by_age(m: Month, lots: dict[Month, int], width: int) -> list[int]:
    """The lots as :mod:`~socialcalc.ledsageordning.regel` holds them: ``[a]`` granted ``a + 1`` months before ``m``."""
    for g in lots:
        width = max(width, m - g)
    return [lots.get(m - (a + 1), 0) for a in range(width)]


def _in_use_order(m: Month, used: list[int], order: OrderOfUse) -> tuple[tuple[Month, int], ...]:
    """What was taken (by age, this month first) as (grant month, minutes), in the order it was taken."""
    ages = range(len(used) - 1, -1, -1) if order is OrderOfUse.OLDEST_FIRST else range(len(used))
    return tuple((m - a, used[a]) for a in ages if used[a])


def _consume(m: Month, lots: dict[Month, int], need: int, order: OrderOfUse) -> list[tuple[Month, int]]:
    """Take ``need`` minutes (no more than ``lots`` hold) from the lots of month ``m`` in the order of use, in
    place (by :func:`socialcalc.ledsageordning.regel.consume`); what was taken.

    Taking *a* and then *b* leaves the same lots as taking *a* + *b* at once (the order is fixed for the month).
    """
    if not need:
        return []
    pool = [lots.get(m, 0), *_by_age(m, lots, 0)]
    used = regel.consume(pool, need, _CODES[order], regel.PY)
    for a, n in enumerate(used):
        if n:
            g = m - a
            lots[g] -= n
            if not lots[g]:
                del lots[g]
    return list(_in_use_order(m, used, order))


def _usage_month(u: Usage) -> Month:
    return u.month


def _change_month(d: DeductionChange) -> Month:
    return d.from_month


def _month_step(m: Month, rules: _Rules, lots: dict[Month, int], deduction: int, need: int) -> _Step:
    """One month of the bank by :func:`socialcalc.ledsageordning.regel.month_step` (the decision the batch kernel
    runs too); ``lots`` (the opening lots) becomes the closing lots."""
    opening = sum(lots.values())
    ages = _by_age(m, lots, rules.saving)
    d = regel.month_step(ages, per_month=rules.per_month, saving=rules.saving, cap=rules.cap, deduction=deduction,
                         need=need, order=_CODES[rules.order], ops=regel.PY)
    if d.short:
        raise InsufficientHours(m, need, d.available)
    lapsed = tuple((m - (a + 1), n) for a, n in reversed(list(enumerate(d.lapsed_by_age))) if n)
    lots.clear()
    for a in range(len(d.closing) - 1, -1, -1):  # oldest first
        if d.closing[a]:
            lots[m - a] = d.closing[a]
    return _Step(m, rules, opening, lapsed, deduction, d.granted, d.lost, _in_use_order(m, list(d.used_by_age),
                 rules.order), tuple(lots.items()))


# -- the bank -------------------------------------------------------------------------------------------------

class Bank(_Frozen):
    """The escort-hour bank of one person (SEL § 97 stk. 1; BEK 235/2012 § 6). Immutable.

    Build one with :meth:`open`; :meth:`use` and :meth:`set_deduction` return a new bank. The bank is a
    pydantic model: ``bank.model_dump_json()`` stores it, and :meth:`from_json` (or ``model_validate_json``
    for the packaged rate book) restores it. The rate book is not stored with it.

    >>> b = Bank.open("2024-01", deduction_hours=5)
    >>> b.statement("2024-01").granted
    Decimal('10')
    >>> b = b.use("2024-02", minutes=90)
    >>> b.balance("2024-02")
    Decimal('18.5')
    >>> Bank.model_validate_json(b.model_dump_json()) == b
    True
    """

    start: Month
    """The first month: the scheme has taken effect with an escort approved and employed."""
    kommune: str | None = None
    """The municipality whose policy applies (``None``: national values only)."""
    deductions: tuple[DeductionChange, ...]
    """The deduction from the first month, and each later change, in month order."""
    usage: tuple[Usage, ...] = ()
    """The use recorded per month, in month order."""

    _book: RateBook | None = PrivateAttr(default=None)
    _memo: _Memo = PrivateAttr(default_factory=_Memo)
    _project: Project = PrivateAttr(default=False)

    @model_validator(mode="after")
    def _in_order(self) -> Bank:
        if normalise_kommune(self.kommune) != self.kommune:
            raise ValueError(f"kommune {self.kommune!r} er ikke et kommunenavn med små bogstaver")
        if not self.deductions or self.deductions[0].from_month != self.start:
            raise ValueError("det første fradrag skal begynde i timebankens første måned")
        if any(a.from_month >= b.from_month for a, b in pairwise(self.deductions)):
            raise ValueError("ændringer af fradraget skal stå i stigende månedsorden")
        if self.usage and self.usage[0].month < self.start:
            raise ValueError("et forbrug er bogført før timebankens første måned")
        if any(a.month >= b.month for a, b in pairwise(self.usage)):
            raise ValueError("forbrug bogføres i stigende månedsorden, én post pr. måned")
        return self

    # -- building -------------------------------------------------------------------------------------------

    @classmethod
    @exact
    def open(cls, start: Month | str, *, kommune: str | None = None, deduction_hours: Decimal | int | str = 0,
             rates: RateBook | None = None, project: Project = False) -> Bank:
        """Open a bank whose first month is ``start`` (SEL § 97 stk. 1; BEK 235/2012 § 6 stk. 1).

        ``deduction_hours``: escort the person already receives in another form each month (in a residential
        offer, as support in their own home, a group trip they chose), deducted from the monthly grant.
        ``project`` (see :mod:`socialcalc.projection`) is kept with the bank (like ``rates``, not stored in its
        JSON) and passed to the rate book for every month; the bank's rates are standing values, so every year
        from 2012 computes strictly.

        >>> Bank.open("2024-01", kommune="Lemvig").kommune
        'lemvig'
        >>> Bank.open("2024-01", deduction_hours=-1)
        Traceback (most recent call last):
        ...
        socialcalc.errors.InvalidInput: deduction_hours = -1: må ikke være negativ
        """
        first = Month.coerce(start, "start")
        name = normalise_kommune(kommune)
        deduction = minutes_of(deduction_hours, "deduction_hours")
        bank = cls(start=first, kommune=name, deductions=(DeductionChange(from_month=first, minutes=deduction),))
        bank = bank._using(rates, project)
        bank._rules_at(first)  # an unknown municipality or a missing rate fails here, not later
        return bank

    @classmethod
    def from_json(cls, text: str | bytes, *, rates: RateBook | None = None, project: Project = False) -> Bank:
        """Restore a stored bank and check its recorded history against ``rates`` (default: the packaged book).

        >>> b = Bank.open("2024-01").use("2024-02", 20)
        >>> Bank.from_json(b.model_dump_json()) == b
        True
        """
        bank = cls.model_validate_json(text)._using(rates, project)
        bank._rules_at(bank.start)
        bank._carry()  # folds the whole recorded history once, and keeps its state for the next use
        return bank

    @exact
    def use(self, month: Month | str, hours: Decimal | int | str | None = None, *,
            minutes: int | None = None) -> Bank:
        """Record ``hours`` (or ``minutes=``) of escort used in ``month``; return the new bank.

        Uses are recorded in month order (several in the same month add up). A use larger than the hours
        available in the month raises :class:`InsufficientHours` and changes nothing (SEL § 97; BEK 235/2012
        § 6 stk. 1: hours cannot be used in advance).

        >>> b = Bank.open("2024-01").use("2024-01", 10)
        >>> b.use("2024-02", 25)
        Traceback (most recent call last):
        ...
        socialcalc.ledsageordning.bank.InsufficientHours: hours = 25: der er kun 20 timer til rådighed i februar 2024, \
og timer kan ikke bruges forud; intet er registreret
        """
        m = Month.coerce(month, "month")
        need = read_duration(hours, minutes)
        self._check_month(m, "month")
        last = self.last_recorded
        if last is not None and m < last:
            raise InvalidInput("month", str(m), code="input.use_out_of_order", **month_params("last", last))
        book = self._rates()
        carry = self._carry(book)  # the state at the last recorded month (or the first month)
        if m == carry.month:
            step, opening = _Step(m, self._rules_at(m, book), 0, (), 0, 0, 0, (), carry.closing), carry.lots
        else:
            steps, opening = self._run(carry.month + 1, carry.closing, m, book=book)
            step = steps[-1]
        available = step.closing_total
        if need > available:
            raise InsufficientHours(m, need, available)
        if last == m:
            usage = self.usage[:-1] + (Usage(month=m, minutes=self.usage[-1].minutes + need),)  # noqa: RUF005
        else:
            usage = self.usage + (Usage(month=m, minutes=need),)  # noqa: RUF005 (one copy: faster on long histories)
        bank = self.model_copy(update={"usage": usage})
        closing = dict(step.closing)
        _consume(m, closing, need, step.rules.order)
        bank._memo = bank._new_memo(self._private("_memo"), _Carry(m, opening, tuple(closing.items())), book)
        return bank

    @exact
    def set_deduction(self, from_month: Month | str, hours: Decimal | int | str | None = None, *,
                      minutes: int | None = None) -> Bank:
        """Deduct ``hours`` (or ``minutes=``) from each month's grant from ``from_month`` on; return the new bank.

        Escort received in another form is deducted from the 15 hours (Lejre § 97 section 10; Lemvig). Changes
        are recorded in month order; a change in the same month as the latest one replaces it. A change may
        reach back before recorded uses; if a recorded use would then no longer be covered, the change is
        refused with :class:`InsufficientHours` and nothing changes.

        >>> b = Bank.open("2024-01").set_deduction("2024-03", 5)
        >>> " and ".join(str(b.statement(m).granted) for m in ("2024-02", "2024-03"))
        '15 and 10'
        """
        m = Month.coerce(from_month, "from_month")
        value = read_duration(hours, minutes)
        self._check_month(m, "from_month")
        latest = self.deductions[-1].from_month
        if m < latest:
            raise InvalidInput("from_month", str(m), code="input.deduction_out_of_order",
                               **month_params("latest", latest))
        kept = self.deductions[:-1] if m == latest else self.deductions
        bank = self.model_copy(update={"deductions": (*kept, DeductionChange(from_month=m, minutes=value))})
        # the months before m are the same in both banks, so a state carried to a month before m still holds
        memo: _Memo = self._private("_memo")
        carry = memo.carry if memo.fits(self, self._rates()) else None
        bank._memo = bank._new_memo(memo, carry if carry is not None and carry.month < m else None)
        last = self.last_recorded
        if last is not None and last >= m:
            try:
                bank._carry()
            except InsufficientHours as err:
                raise InsufficientHours(err.month, err.asked_minutes, err.available_minutes, m) from None
        return bank

    # -- reading --------------------------------------------------------------------------------------------

    @property
    def last_recorded(self) -> Month | None:
        """The latest month with a recorded use (``None`` if none)."""
        return self.usage[-1].month if self.usage else None

    @exact
    def deduction_in(self, month: Month | str) -> Decimal:
        """The hours deducted from the grant of ``month``.

        >>> Bank.open("2024-01", deduction_hours=5).deduction_in("2025-01")
        Decimal('5')
        """
        m = Month.coerce(month)
        self._check_month(m, "month")
        return hours_of(self._deduction_minutes(m))

    @exact
    def balance(self, month: Month | str) -> Decimal:
        """The closing balance of ``month`` in hours (what is left after that month's use).

        >>> Bank.open("2024-01").balance("2024-06")
        Decimal('90')
        """
        return hours_of(self.balance_minutes(month))

    @exact
    def balance_minutes(self, month: Month | str) -> int:
        """The closing balance of ``month`` in whole minutes (exact).

        >>> Bank.open("2024-01").use("2024-01", minutes=20).balance_minutes("2024-01")
        880
        """
        m = Month.coerce(month)
        self._check_month(m, "month")
        return self._fold(m)[-1].closing_total

    @exact
    def statement(self, month: Month | str) -> MonthStatement:
        """The statement of ``month``: lapsed, granted, lost to the cap, used (and from which months), closing.

        >>> Bank.open("2024-01").use("2024-03", 20).statement("2024-03").used_by_month()
        {Month(2024, 1): Decimal('15'), Month(2024, 2): Decimal('5')}
        """
        m = Month.coerce(month)
        self._check_month(m, "month")
        return self._statement(self._fold(m)[-1])

    @exact
    def statements(self, until: Month | str) -> list[MonthStatement]:
        """The statements of every month from the first month to ``until`` (inclusive).

        >>> ", ".join(str(s.month) for s in Bank.open("2024-11").statements("2025-01"))
        '2024-11, 2024-12, 2025-01'
        """
        m = Month.coerce(until, "until")
        self._check_month(m, "until")
        return [self._statement(step) for step in self._steps(m)]

    # -- the fold -------------------------------------------------------------------------------------------

    def _using(self, rates: RateBook | None, project: Project = False) -> Bank:
        if rates is not None and not isinstance(rates, RateBook):
            raise InvalidInput("rates", repr(rates), code="input.type", kind=type(rates).__name__,
                               expected="en satsbog (socialcalc.load_rates(...))",
                               expected_en="a RateBook (socialcalc.load_rates(...))")
        self._book = None if rates is None or rates is default_book() else rates
        self._project = check_project(project)
        return self

    def _rates(self) -> RateBook:
        book: RateBook | None = self._private("_book")
        return book if book is not None else default_book()

    def _private(self, name: str) -> Any:
        """A private attribute, read without pydantic's slower ``__getattr__`` path (the fold reads them often)."""
        return self.__pydantic_private__[name]  # type: ignore[index]

    def _check_month(self, m: Month, field: str) -> None:
        if m < self.start:
            raise InvalidInput(field, str(m), code="input.before_bank_start", **month_params("start", self.start))

    def _deduction_minutes(self, m: Month) -> int:
        minutes = self.deductions[0].minutes
        for change in self.deductions:
            if change.from_month > m:
                break
            minutes = change.minutes
        return minutes

    def _rules_at(self, m: Month, book: RateBook | None = None) -> _Rules:
        """The rules of month ``m`` (``book``: :meth:`_rates`, if the caller has it), looked up once per
        (book, municipality) and period of the four rates in the bank's memo."""
        memo: _Memo = self._private("_memo")
        if book is None:
            book = self._rates()
        if memo.book is not book or memo.kommune != self.kommune:
            memo = self._memo = _Memo(book=book, kommune=self.kommune)
        day = m.first_day
        periods = memo.rules
        for period in reversed(periods):  # the latest found first: a history runs forward
            if period.covers(day):
                return period.rules
        rules = _rules(book, m, self.kommune, self._private("_project"))
        periods.append(_period(book, rules, self.kommune, day))
        return rules

    def _new_memo(self, before: _Memo, carry: _Carry | None, book: RateBook | None = None) -> _Memo:
        """A memo for this bank: the rate cache of ``before`` if it is for the same book and municipality."""
        if book is None:
            book = self._rates()
        rules = before.rules if before.book is book and before.kommune == self.kommune else []
        return _Memo(book=book, kommune=self.kommune, rules=rules, carry=carry, start=self.start,
                     deductions=self.deductions, usage=self.usage)

    def _carry(self, book: RateBook | None = None) -> _Carry:
        """The fold's state at the start of the last recorded month (the first month if nothing is recorded).

        Computed once per bank (from a carried state where there is one, else from the first month) and kept
        in the memo; computing it checks every recorded use.
        """
        memo: _Memo = self._private("_memo")
        if book is None:
            book = self._rates()
        if not memo.fits(self, book):
            memo = self._memo = self._new_memo(memo, None, book)
        target = self.last_recorded or self.start
        carry = memo.carry
        if carry is None or carry.month != target:
            if carry is not None and carry.month < target:
                steps, opening = self._run(carry.month + 1, carry.closing, target, book=book)
            else:
                steps, opening = self._run(self.start, (), target, book=book)
            carry = memo.carry = _Carry(target, opening, steps[-1].closing)
        return carry

    def _fold(self, until: Month) -> list[_Step]:
        """The steps from the first month to ``until``; only the last one is exact to call ``[-1]`` on."""
        memo: _Memo = self._private("_memo")
        book = self._rates()
        carry = memo.carry if memo.fits(self, book) else None
        last = self.last_recorded
        if carry is None and last is not None and until >= last:
            carry = self._carry(book)
        if carry is not None and carry.month < until:
            return self._run(carry.month + 1, carry.closing, until, book=book)[0]
        if carry is not None and carry.month == until:
            return self._run(until, carry.lots, until, book=book)[0]
        return self._run(self.start, (), until, book=book)[0]

    def _steps(self, until: Month) -> list[_Step]:
        """Every step from the first month to ``until``."""
        return self._run(self.start, (), until, every=True)[0]

    def _run(self, first: Month, lots: _Lots, until: Month, *, every: bool = False,
             book: RateBook | None = None) -> tuple[list[_Step], _Lots]:
        """Run the bank from the state ``lots`` at the start of ``first`` to the end of ``until``, month by month
        (an explicit loop, no recursion). Returns the steps (every one, or only the last) and the lots at the
        start of ``until``. ``book``: :meth:`_rates`, if the caller has it.
        """
        usage, deductions = self.usage, self.deductions
        if not usage or usage[-1].month < first:
            u = len(usage)
        elif usage[-1].month == first:
            u = len(usage) - 1
        else:
            u = bisect_left(usage, first, key=_usage_month)
        d = bisect_right(deductions, first, key=_change_month)
        deduction = deductions[d - 1].minutes
        upcoming = deductions[d].from_month if d < len(deductions) else None
        state = dict(lots)
        opening = lots
        steps: list[_Step] = []
        rules_at = self._rules_at
        if book is None:
            book = self._rates()
        m, left = first, until - first
        while left >= 0:
            if upcoming is not None and not m < upcoming:
                while d < len(deductions) and not m < deductions[d].from_month:
                    deduction = deductions[d].minutes
                    d += 1
                upcoming = deductions[d].from_month if d < len(deductions) else None
            need = 0
            if u < len(usage) and usage[u].month == m:
                need = usage[u].minutes
                u += 1
            if not left:
                opening = tuple(state.items())
            step = _month_step(m, rules_at(m, book), state, deduction, need)
            if every or not left:
                steps.append(step)
            m, left = m + 1, left - 1
        return steps, opening

    def _statement(self, step: _Step) -> MonthStatement:
        rules, m = step.rules, step.month
        lapsed, used, closing = _lots(step.lapsed), _lots(step.used), _lots(step.closing)
        explanation = fakta.month_facts(
            book=self._rates(), kommune=self.kommune, month=m, start=self.start, rates=rules.rates,
            saving=rules.saving, per_month=rules.per_month, cap=rules.cap, order=rules.order.value,
            opening=step.opening, lapsed=step.lapsed, deduction=step.deduction, granted=step.granted,
            lost=step.lost, used=step.used, closing=step.closing)
        return built(
            MonthStatement,
            month=m, kommune=self.kommune, order_of_use=rules.order, opening_minutes=step.opening,
            lapsed_minutes=_total(lapsed), lapsed_from=lapsed, deduction_minutes=step.deduction,
            granted_minutes=step.granted, lost_to_cap_minutes=step.lost, used_minutes=_total(used),
            used_from=used, closing_minutes=step.closing_total, closing_by_grant=closing, explanation=explanation)


def _lots(pairs: tuple[tuple[Month, int], ...]) -> tuple[Lot, ...]:
    return tuple(built(Lot, granted_in=g, minutes=n) for g, n in pairs)
