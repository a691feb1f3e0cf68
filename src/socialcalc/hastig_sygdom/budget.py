"""The § 117a budget account: :class:`Budget`, its :class:`Booking` s, and the errors of booking on it.

The account's arithmetic is integer øre through :mod:`socialcalc.hastig_sygdom.decisions` (the same functions
the batch kernel runs on arrays); ``Decimal`` kroner are converted at this edge only. Its explanation is built
by :func:`socialcalc.hastig_sygdom.facts.facts`, from the account's own fields, when asked for.

>>> from datetime import date
>>> b = Budget.open(date(2024, 3, 10))
>>> b = b.book(112, "18500.00", on=date(2024, 3, 20), description="kørestol")
>>> b = b.book(116, "9000.00", on=date(2024, 4, 2), description="fjernelse af dørtrin")
>>> b.remaining
Decimal('13522.00')
>>> b.book(97, value_of_hours(60, "250.00"), on=date(2024, 5, 1))
Traceback (most recent call last):
...
socialcalc.hastig_sygdom.BudgetExceeded: amount = 15000.00: en § 97-bevilling over det resterende budget efter \
SEL § 117 a afvises: 13.522,00 kr. tilbage (budget ...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Literal, cast, get_args

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

from socialcalc import coerce
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import Audience, Explanation, Format, Kroner, Locale, RateUsed
from socialcalc.hastig_sygdom import decisions
from socialcalc.kernel import PY
from socialcalc.money import round_ore, to_decimal
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, Status, book_or_default

__all__ = [
    "CITATIONS",
    "PARAGRAPHS",
    "Booking",
    "Budget",
    "BudgetExceeded",
    "Paragraph",
    "SecondAccount",
    "from_ore",
    "to_ore",
    "value_of_hours",
    "value_of_minutes",
]

_PUBLIC = "socialcalc.hastig_sygdom"

Paragraph = Literal[83, 97, 112, 116]
"""A paragraph of serviceloven whose help may be booked on the budget."""

PARAGRAPHS: tuple[int, ...] = get_args(Paragraph)
"""The paragraphs whose help § 117a covers: §§ 83, 97, 112 and 116, in this order."""
assert PARAGRAPHS == decisions.PARAGRAPH_CODES

TIME_PARAGRAPHS: tuple[int, ...] = (83, 97)
"""The paragraphs whose help may be booked as time at an hourly price (personal help and escort)."""

CITATIONS: dict[str, str] = {
    "budget": "hjemmel.sel117a.budget",
    "83": "hjemmel.sel117a.personlig_hjaelp",
    "97": "hjemmel.sel117a.ledsagelse",
    "112": "hjemmel.sel117a.hjaelpemidler",
    "116": "hjemmel.sel117a.boligindretning",
    "almindelige_regler": "hjemmel.sel117a.almindelige_regler",
}
"""The citation keys of the budget's steps (the legal basis is data, dated: ``rates/national/hjemmel-sel117a``)."""

_DERIVED = ("spent", "remaining", "spent_by_paragraph", "ordinary_rules_apply", "grade")
_IN_FORCE, _BUDGET = "sel117a.in_force", "sel117a.budget"


def to_ore(amount: Decimal) -> int:
    """Kroner (at most two decimals) as integer øre.

    >>> to_ore(Decimal("13522.50"))
    1352250
    """
    return int(amount.scaleb(2))


def from_ore(ore: int) -> Decimal:
    """Integer øre as ``Decimal`` kroner with two decimals.

    >>> from_ore(1352250)
    Decimal('13522.50')
    """
    return Decimal(int(ore)).scaleb(-2).quantize(Decimal("0.01"))


class BudgetExceeded(InvalidInput):
    """A § 117a booking over the remaining budget; nothing was booked.

    ``remaining`` is what is left of the budget (exact ``Decimal`` kroner); ``amount`` and ``paragraph`` are the
    refused booking's.

    >>> from decimal import Decimal
    >>> err = BudgetExceeded(112, Decimal("500.00"), Decimal("400.00"), Decimal("1000.00"))
    >>> err.remaining
    Decimal('400.00')
    >>> from socialcalc.errors import InvalidInput
    >>> isinstance(err, InvalidInput)
    True
    """

    def __init__(self, paragraph: int, amount: Decimal, remaining: Decimal, total: Decimal) -> None:
        self.paragraph = paragraph
        self.amount = amount
        self.remaining = remaining
        self.total = total
        super().__init__("amount", amount, code="input.budget_exceeded", paragraph=paragraph, remaining=remaining,
                         total=total, spent=total - remaining)


class SecondAccount(InvalidInput):
    """A second § 117a account for the same disease course (the help is given once per course).

    ``existing`` holds the decision dates of the accounts the case system already has for the course.

    >>> from datetime import date
    >>> SecondAccount((date(2024, 3, 10),)).existing
    (datetime.date(2024, 3, 10),)
    """

    def __init__(self, existing: tuple[date, ...]) -> None:
        self.existing = existing
        when = ", ".join(d.isoformat() for d in existing)
        super().__init__("existing", when, code="input.second_account", when=_danish_dates(existing))


BudgetExceeded.__module__ = SecondAccount.__module__ = _PUBLIC


def _danish_dates(days: tuple[date, ...]) -> str:
    from socialcalc.explain import dato

    return ", ".join(dato(d) for d in days)


def _paragraph(value: Any) -> Paragraph:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("paragraph", repr(value), code="input.paragraph_whole")
    if not decisions.covered(PY, value):
        raise InvalidInput("paragraph", value, code="input.paragraph_117a", why=value == 113)
    return cast(Paragraph, value)


def _money(value: Any, field: str) -> Decimal:
    amount = to_decimal(value, field)
    if not decisions.positive(amount):
        raise InvalidInput(field, amount, code="input.booking_not_positive")
    if amount != round_ore(amount):
        raise InvalidInput(field, amount, code="input.ore")
    return round_ore(amount)


def _scaled(value: Decimal) -> tuple[int, int]:
    """``value`` as ``(n, places)`` with ``value == n / 10**places`` and ``places >= 0``."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return int(value.scaleb(places)), places


def _is_none(value: object) -> bool:
    return value is None


class Booking(BaseModel):
    """One grant of help booked on a § 117a budget: its paragraph, date, value and description.

    For §§ 83 and 97 the help may be booked as time at an hourly price (``hours`` or ``minutes`` with
    ``hourly_price``); ``amount`` is then its value (:func:`value_of_hours`, :func:`value_of_minutes`).

    >>> Booking(paragraph=112, date=date(2024, 3, 20), amount=Decimal("18500.00"), description="kørestol")
    Booking(paragraph=112, date=datetime.date(2024, 3, 20), amount=Decimal('18500.00'), description='kørestol', \
hours=None, minutes=None, hourly_price=None)
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    paragraph: Paragraph
    """The paragraph the help is granted under (§ 83, § 97, § 112 or § 116)."""
    date: dt.date
    """The day the help was granted (on or after the decision date)."""
    amount: Kroner
    """The value of the help in kroner (positive, to øre)."""
    description: str = ""
    """What was granted, in the caseworker's words."""
    hours: Kroner | None = Field(default=None, exclude_if=_is_none)
    """The hours granted, if the help was booked as hours at ``hourly_price`` (§§ 83 and 97)."""
    minutes: int | None = Field(default=None, exclude_if=_is_none)
    """The minutes granted, if the help was booked as minutes at ``hourly_price`` (§§ 83 and 97)."""
    hourly_price: Kroner | None = Field(default=None, exclude_if=_is_none)
    """The hourly price the time was valued at."""

    @field_validator("amount")
    @classmethod
    def _positive_ore(cls, value: Decimal) -> Decimal:
        return _money(value, "amount")

    @model_validator(mode="after")
    def _time_fits(self) -> Booking:
        timed = self.hours is not None or self.minutes is not None
        if timed and self.paragraph not in TIME_PARAGRAPHS:
            raise ValueError("tid (timer eller minutter) bogføres kun for hjælp efter § 83 og § 97")
        if (self.hours is not None and self.minutes is not None) or timed != (self.hourly_price is not None):
            raise ValueError("en bevilling i tid har enten timer eller minutter, og altid en timepris")
        if self.hourly_price is not None:
            value = (value_of_hours(self.hours, self.hourly_price) if self.hours is not None
                     else value_of_minutes(cast(int, self.minutes), self.hourly_price))
            if value != self.amount:
                raise ValueError(f"værdien {self.amount} er ikke tiden gange timeprisen ({value})")
        return self


class Budget(BaseModel):
    """A § 117a budget account: the budget of the decision's year, the bookings on it, and what is left.

    Open it with :meth:`open`; book with :meth:`book` (each booking returns a new account). ``spent``,
    ``remaining``, ``spent_by_paragraph`` and ``ordinary_rules_apply`` are derived from the bookings; they are
    written to JSON for readers, and checked against the bookings when an account is read back.

    >>> b = Budget.open(date(2023, 10, 1)).book(83, Decimal("39750.00"), on=date(2023, 10, 1))
    >>> b.remaining, b.ordinary_rules_apply
    (Decimal('0.00'), True)
    >>> Budget.model_validate_json(b.model_dump_json()) == b
    True
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid", json_schema_mode_override="serialization")

    decided_on: date
    """The date of the decision that the person is in the target group: it fixes the budget's year."""
    kommune: str | None = None
    """The municipality (lowercase name), or ``None`` for the national rates."""
    total: Kroner
    """The budget for the disease course (the amount of the decision's year)."""
    projected: bool = False
    """Whether the budget is a projected, not a published, amount."""
    rates_used: tuple[RateUsed, ...] = ()
    """The rates the account was opened with: the day § 117a took effect, and the budget."""
    citations: dict[str, str] = {}
    """The legal citations in force on the decision day, by key (``hjemmel.sel117a.*``), for the explanation."""
    bookings: tuple[Booking, ...] = ()
    """The grants booked on the account, in the order booked."""

    # -- opening and booking ----------------------------------------------------------------------------------

    @classmethod
    @exact
    def open(
        cls,
        decided_on: date,
        *,
        kommune: str | None = None,
        rates: RateBook | None = None,
        project: Project = False,
        existing: Iterable[Budget] = (),
        earlier_help_for_same_disease: bool = False,
    ) -> Budget:
        """Open the § 117a account of a disease course decided on ``decided_on`` (SEL § 117a stk. 1).

        The budget is the ``sel117a.budget`` of the decision's year, fixed for the course. A year without a
        published budget raises :class:`~socialcalc.errors.RateNotPublished` unless ``project`` is ``True``, a
        satsreguleringsprocent as a ``Decimal`` or ``{year: percentage}`` (see :mod:`socialcalc.projection`);
        the account then says ``projected=True``.

        Refused (:class:`~socialcalc.errors.InvalidInput`): a decision before § 117a took effect
        (``sel117a.in_force``); ``existing`` accounts for the same course (:class:`SecondAccount`); a person who
        has had help under serviceloven for the same disease (``earlier_help_for_same_disease=True``).

        >>> b = Budget.open(date(2024, 3, 10), kommune="lemvig")
        >>> b.total == Decimal("41022.00"), b.remaining == b.total, b.projected
        (True, True, False)
        >>> Budget.open(date(2026, 2, 1), project=True).projected
        True
        >>> Budget.open(date(2023, 5, 31))
        Traceback (most recent call last):
        ...
        socialcalc.errors.InvalidInput: decided_on = 2023-05-31: SEL § 117 a trådte i kraft den 1. juni 2023 (...); \
der er intet § 117 a-budget for en afgørelse før den dag
        >>> Budget.open(date(2024, 6, 1), existing=[b])
        Traceback (most recent call last):
        ...
        socialcalc.hastig_sygdom.SecondAccount: existing = 2024-03-10: hjælp efter SEL § 117 a gives én gang pr. \
sygdomsforløb, og forløbet har allerede et budget (afgørelse 10. marts 2024); bogfør på det budget i stedet
        """
        decided_on = coerce.day(decided_on, "decided_on")
        project = check_project(project)
        earlier_help_for_same_disease = coerce.flag(earlier_help_for_same_disease, "earlier_help_for_same_disease")
        accounts = tuple(existing)
        for account in accounts:
            if not isinstance(account, Budget):
                raise InvalidInput("existing", type(account).__name__, code="input.existing_accounts")
        book = book_or_default(rates)
        in_force = book.latest(_IN_FORCE)
        if not decisions.dated_ok(decided_on.toordinal(), in_force.value.toordinal()):
            raise InvalidInput("decided_on", decided_on, code="input.before_117a", in_force=in_force.value,
                               source=in_force.source)
        if accounts:
            raise SecondAccount(tuple(a.decided_on for a in accounts))
        if earlier_help_for_same_disease:
            raise InvalidInput("earlier_help_for_same_disease", True, code="input.earlier_help")
        on_day = book.at(decided_on, kommune, project=project)
        budget = on_day.get(_BUDGET)
        citations = {key: str(on_day.get(key).value) for key in CITATIONS.values()}
        return cls.model_construct(
            decided_on=decided_on,
            kommune=on_day.kommune,
            total=round_ore(Decimal(budget.value)),
            projected=budget.status.value == "projected",
            rates_used=(RateUsed.of(in_force), RateUsed.of(budget)),
            citations=citations,
            bookings=(),
        )

    @exact
    def book(
        self,
        paragraph: int,
        amount: Decimal | int | str | None = None,
        *,
        on: date,
        description: str = "",
        hours: Decimal | int | str | None = None,
        minutes: int | None = None,
        hourly_price: Decimal | int | str | None = None,
    ) -> Budget:
        """Book a grant of help on the account; return the new account (SEL § 117a; §§ 83, 97, 112, 116).

        ``amount`` is the value of the help in kroner (positive, at most two decimals). For §§ 83 and 97 the help
        may instead be given as ``hours`` or ``minutes`` with ``hourly_price``: the value is then
        :func:`value_of_hours` or :func:`value_of_minutes`, and the explanation states the time. ``on`` is the
        day of the grant, on or after the decision. A booking over the remaining budget raises
        :class:`BudgetExceeded` with ``.remaining``; the account is never changed.

        >>> b = Budget.open(date(2024, 3, 10))
        >>> b2 = b.book(116, "9000.00", on=date(2024, 4, 2), description="fjernelse af dørtrin")
        >>> b2.spent_by_paragraph[116], b.spent_by_paragraph[116]
        (Decimal('9000.00'), Decimal('0.00'))
        >>> b.book(97, hours=60, hourly_price="250.00", on=date(2024, 5, 1)).spent
        Decimal('15000.00')
        >>> b.book(113, "100.00", on=date(2024, 4, 2))
        Traceback (most recent call last):
        ...
        socialcalc.errors.InvalidInput: paragraph = 113: SEL § 117 a omfatter kun hjælp efter §§ 83, 97, 112 og \
116 (forbrugsgoder efter § 113 er ikke omfattet)
        """
        p = _paragraph(paragraph)
        timed = hours is not None or minutes is not None
        h: Decimal | None = None
        m: int | None = None
        price: Decimal | None = None
        if timed or hourly_price is not None:
            if amount is not None or (hours is not None and minutes is not None) or hourly_price is None or not timed:
                raise InvalidInput("amount", amount, code="input.time_or_amount")
            if p not in TIME_PARAGRAPHS:
                raise InvalidInput("paragraph", p, code="input.time_paragraph")
            price = coerce.non_negative(hourly_price, "hourly_price")
            if price != round_ore(price):
                raise InvalidInput("hourly_price", price, code="input.ore")
            price = round_ore(price)
            if hours is not None:
                h = coerce.non_negative(hours, "hours")
                amount = value_of_hours(h, price)
            else:
                m = coerce.whole(minutes, "minutes")
                amount = value_of_minutes(m, price)
        elif amount is None:
            raise InvalidInput("amount", None, code="input.time_or_amount")
        value = _money(amount, "amount")
        day = coerce.day(on, "on")
        if not decisions.dated_ok(day.toordinal(), self.decided_on.toordinal()):
            raise InvalidInput("on", day, code="input.booking_before_decision", decided=self.decided_on)
        description = coerce.text(description, "description")
        fits, _ = decisions.book(PY, to_ore(self.remaining), to_ore(value))
        if not fits:
            raise BudgetExceeded(p, value, self.remaining, self.total)
        booking = Booking.model_construct(paragraph=p, date=day, amount=value, description=description, hours=h,
                                          minutes=m, hourly_price=price)
        return type(self).model_construct(
            decided_on=self.decided_on,
            kommune=self.kommune,
            total=self.total,
            projected=self.projected,
            rates_used=self.rates_used,
            citations=self.citations,
            bookings=(*self.bookings, booking),
        )

    # -- what the account says --------------------------------------------------------------------------------

    def remaining_after(self) -> tuple[int, ...]:
        """What is left, in øre, after each booking in turn (the decisions of :func:`decisions.book`).

        >>> Budget.open(date(2024, 3, 10)).book(112, "22.00", on=date(2024, 3, 10)).remaining_after()
        (4100000,)
        """
        left = to_ore(self.total)
        after: list[int] = []
        for b in self.bookings:
            _, left = decisions.book(PY, left, to_ore(b.amount))
            after.append(int(left))
        return tuple(after)

    @computed_field  # type: ignore[prop-decorator]
    @property
    @exact
    def spent(self) -> Decimal:
        """The value booked so far."""
        return from_ore(to_ore(self.total) - to_ore(self.remaining))

    @computed_field  # type: ignore[prop-decorator]
    @property
    @exact
    def remaining(self) -> Decimal:
        """What is left of the budget (``total - spent``; never negative)."""
        after = self.remaining_after()
        return from_ore(after[-1] if after else to_ore(self.total))

    @computed_field  # type: ignore[prop-decorator]
    @property
    @exact
    def spent_by_paragraph(self) -> dict[int, Decimal]:
        """The value booked under each paragraph: every one of 83, 97, 112 and 116, zero if unused."""
        spent = dict.fromkeys(PARAGRAPHS, 0)
        for b in self.bookings:
            spent[b.paragraph] += to_ore(b.amount)
        return {p: from_ore(v) for p, v in spent.items()}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def grade(self) -> Status:
        """The weakest grade of the rates the account was opened with (official < secondary < derived <
        projected), as on every result: ``if account.grade > Status.OFFICIAL`` refuses anything below official.

        >>> Budget.open(date(2024, 6, 1)).grade.value, Budget.open(date(2025, 6, 1)).grade.value
        ('official', 'derived')
        """
        return max((r.grade for r in self.rates_used), default=Status.OFFICIAL)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ordinary_rules_apply(self) -> bool:
        """Whether the whole budget is used, so that help is now given under the ordinary rules."""
        return bool(decisions.ordinary_rules_apply(to_ore(self.remaining)))

    @property
    def explanation(self) -> Explanation:
        """The facts of the account, step by step (rendered by :meth:`explain`)."""
        from socialcalc.hastig_sygdom.facts import budget_facts

        return budget_facts(self)

    def explain(self, audience: Audience = "borger", locale: Locale = "da", format: Format = "text") -> str:
        """The account as text: the budget, each booking, spent per paragraph and what is left.

        ``audience``: ``"borger"`` (the letter, "du") or ``"sagsbehandler"`` (the case file, with every rate);
        ``locale``: ``"da"`` or ``"en"``; ``format``: ``"text"``, ``"markdown"`` or ``"html"``.

        >>> b = Budget.open(date(2023, 10, 1)).book(83, Decimal("39750.00"), on=date(2023, 10, 1))
        >>> print(b.explain().splitlines()[-1])
        Hele budgettet er brugt. Har du brug for mere hjælp, gives den nu efter de almindelige regler i \
serviceloven (serviceloven § 117 a).
        """
        text: str = self.explanation.render(audience=audience, locale=locale, format=format)
        return text

    # -- reading an account back ------------------------------------------------------------------------------

    @model_validator(mode="wrap")
    @classmethod
    def _consistent(cls, data: Any, handler: Callable[[Any], Budget]) -> Budget:
        stored: dict[str, Any] = {}
        if isinstance(data, Mapping):
            data = dict(data)
            stored = {k: data.pop(k) for k in _DERIVED if k in data}
        account = handler(data)
        _check(account, stored)
        return account


def _check(account: Budget, stored: Mapping[str, Any]) -> None:
    """Refuse an account read back whose bookings, rates or derived figures do not fit together."""
    budget = next((r for r in account.rates_used if r.key == _BUDGET), None)
    if budget is not None and round_ore(Decimal(budget.value)) != account.total:
        raise ValueError(f"budgettet {account.total} er ikke budgetsatsens værdi {budget.value}")
    if any(r.status == "projected" for r in account.rates_used) and not account.projected:
        raise ValueError("et budget åbnet med en fremskrevet sats skal have projected=True")
    for b in account.bookings:
        if not decisions.dated_ok(b.date.toordinal(), account.decided_on.toordinal()):
            raise ValueError(f"en bevilling dateret {b.date} ligger før afgørelsen ({account.decided_on})")
    left = to_ore(account.total)
    for b in account.bookings:
        fits, left = decisions.book(PY, left, to_ore(b.amount))
        if not fits:
            raise ValueError(f"bevillingerne overstiger budgettet ({account.total})")
    for key, value in stored.items():
        derived = getattr(account, key)
        if key == "spent_by_paragraph" and isinstance(value, Mapping):
            ok = {int(p): to_decimal(v, key) for p, v in value.items()} == derived
        elif key == "ordinary_rules_apply":
            ok = value is derived
        elif key == "grade":
            ok = value == derived.value
        else:
            ok = to_decimal(value, key) == derived
        if not ok:
            raise ValueError(f"den gemte {key} ({value}) er ikke det, bevillingerne giver ({derived})")


@exact
def value_of_hours(hours: Decimal | int | str, hourly_price: Decimal | int | str) -> Decimal:
    """The value of ``hours`` of help at ``hourly_price``, to øre half up, for a § 83 or § 97 booking (§ 117a).

    ``hours`` is a number of hours (``Decimal``, ``int`` or a decimal string: an ``int`` means whole hours;
    for minutes use :func:`value_of_minutes`). Both must be non-negative; a float is refused. The product is
    exact and rounded once (:func:`socialcalc.hastig_sygdom.decisions.value_of_time`).

    >>> value_of_hours(60, "250.00")
    Decimal('15000.00')
    >>> value_of_hours(Decimal("2.5"), Decimal("333.33"))
    Decimal('833.33')
    """
    h = coerce.non_negative(hours, "hours")
    price = coerce.non_negative(hourly_price, "hourly_price")
    hn, hp = _scaled(h)
    pn, pp = _scaled(price)
    return from_ore(decisions.value_of_time(PY, hn, pn * 100, 10 ** (hp + pp)))


@exact
def value_of_minutes(minutes: int, hourly_price: Decimal | int | str) -> Decimal:
    """The value of ``minutes`` of help at ``hourly_price``, to øre half up, for a § 83 or § 97 booking (§ 117a).

    >>> value_of_minutes(45, "250.00")
    Decimal('187.50')
    >>> value_of_minutes(1, "0.30") == Decimal("0.01")  # half an øre rounds up
    True
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise InvalidInput("minutes", repr(minutes), code="input.whole", kind=type(minutes).__name__)
    if minutes < 0:
        raise InvalidInput("minutes", minutes, code="input.negative")
    price = coerce.non_negative(hourly_price, "hourly_price")
    pn, pp = _scaled(price)
    return from_ore(decisions.value_of_time(PY, minutes, pn * 100, decisions.MINUTES_PER_HOUR * 10 ** pp))
