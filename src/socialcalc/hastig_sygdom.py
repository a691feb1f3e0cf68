"""SEL § 117a: the one-off budget for a person with a rapidly progressing disease.

A person with a rapidly progressing disease (hastigt fremadskridende sygdom) may choose help under **§ 83**
(personal and practical help), **§ 97** (escort), **§ 112** (aids) and **§ 116** (minor housing adaptations),
whether or not those paragraphs' usual conditions are met, up to a total value: the budget
(``sel117a.budget``, 2023 level, regulated yearly). The help is given once per disease course, and the whole
budget must be used before help under the ordinary rules.

:class:`Budget` is the account a municipality keeps of what it granted against that budget. It is opened for
a decision date (and a municipality), with the budget of the year of the decision, fixed for the whole course
(our reading of "2023-niveau, reguleret årligt"). Each grant is booked with :meth:`Budget.book`, which returns
a **new** account (the account is immutable); a booking over the remaining budget raises
:class:`BudgetExceeded`, which states the remaining amount, and changes nothing. For § 83 and § 97 the value
of the help is its hours at an hourly price: :func:`value_of_hours` and :func:`value_of_minutes`.

The library keeps no registry of accounts. "Once per disease course" is checked from what the case system
knows: pass the accounts it already holds for the course as ``existing=`` (or
``earlier_help_for_same_disease=True`` if the person has had help under serviceloven for the same disease),
and :meth:`Budget.open` refuses.

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

from pydantic import BaseModel, ConfigDict, computed_field, field_validator, model_validator

from socialcalc import coerce
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput
from socialcalc.explain import Explanation, Kroner, RateUsed, Step, dato, kr
from socialcalc.money import ZERO, round_ore, to_decimal
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, RateBook, Status, default_book

__all__ = [
    "PARAGRAPHS",
    "Booking",
    "Budget",
    "BudgetExceeded",
    "Paragraph",
    "SecondAccount",
    "value_of_hours",
    "value_of_minutes",
]

Paragraph = Literal[83, 97, 112, 116]
"""A paragraph of serviceloven whose help may be booked on the budget."""

PARAGRAPHS: tuple[int, ...] = get_args(Paragraph)
"""The paragraphs whose help § 117a covers: §§ 83, 97, 112 and 116, in this order."""

_NAMES: dict[int, str] = {
    83: "personlig og praktisk hjælp",
    97: "ledsagelse",
    112: "hjælpemidler",
    116: "mindre boligindretning",
}
_MINUTES_PER_HOUR = 60
_DERIVED = ("spent", "remaining", "spent_by_paragraph", "ordinary_rules_apply", "grade")
_IN_FORCE, _BUDGET = "sel117a.in_force", "sel117a.budget"


class BudgetExceeded(InvalidInput):
    """A § 117a booking over the remaining budget; nothing was booked.

    ``remaining`` is what is left of the budget (exact ``Decimal`` kroner); ``amount`` and ``paragraph`` are the
    refused booking's.

    >>> err = BudgetExceeded(112, Decimal("500.00"), Decimal("400.00"), Decimal("1000.00"))
    >>> err.remaining
    Decimal('400.00')
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

    >>> SecondAccount((date(2024, 3, 10),)).existing
    (datetime.date(2024, 3, 10),)
    """

    def __init__(self, existing: tuple[date, ...]) -> None:
        self.existing = existing
        when = ", ".join(d.isoformat() for d in existing)
        super().__init__(
            "existing", when,
            "SEL § 117a help is given once per disease course, and this course already has an account "
            "(decided on the date(s) shown); book on that account instead",
        )


def _day(value: Any, field: str) -> date:
    return coerce.day(value, field)


def _paragraph(value: Any) -> Paragraph:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("paragraph", repr(value), code="input.paragraph_whole")
    if value not in PARAGRAPHS:
        raise InvalidInput("paragraph", value, code="input.paragraph_117a", why=value == 113)
    return cast(Paragraph, value)


def _money(value: Any, field: str) -> Decimal:
    amount = to_decimal(value, field)
    if amount <= 0:
        raise InvalidInput(field, amount, code="input.booking_not_positive")
    if amount != round_ore(amount):
        raise InvalidInput(field, amount, code="input.ore")
    return round_ore(amount)


class Booking(BaseModel):
    """One grant of help booked on a § 117a budget: its paragraph, date, value and description.

    >>> Booking(paragraph=112, date=date(2024, 3, 20), amount=Decimal("18500.00"), description="kørestol")
    Booking(paragraph=112, date=datetime.date(2024, 3, 20), amount=Decimal('18500.00'), description='kørestol')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    paragraph: Paragraph
    """The paragraph the help is granted under (§ 83, § 97, § 112 or § 116)."""
    date: dt.date
    """The day the help was granted (on or after the decision date)."""
    amount: Kroner
    """The value of the help in kroner (positive, to øre)."""
    description: str = ""
    """What was granted, in the caseworker's words."""

    @field_validator("amount")
    @classmethod
    def _positive_ore(cls, value: Decimal) -> Decimal:
        return _money(value, "amount")


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

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_mode_override="serialization")

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
        satsreguleringsprocent as a ``Decimal`` or ``{year: percentage}`` (see :mod:`socialcalc.projection`;
        SEL § 182 stk. 8 regulates the budget by the satsreguleringsprocent); the account then says
        ``projected=True``.

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
        socialcalc.hastig_sygdom.SecondAccount: existing = 2024-03-10: SEL § 117a help is given once per \
disease course, and this course already has an account (decided on the date(s) shown); book on that account instead
        """
        decided_on = _day(decided_on, "decided_on")
        project = check_project(project)
        if not isinstance(earlier_help_for_same_disease, bool):
            raise InvalidInput("earlier_help_for_same_disease", repr(earlier_help_for_same_disease),
                               code="input.flag")
        accounts = tuple(existing)
        for account in accounts:
            if not isinstance(account, Budget):
                raise InvalidInput("existing", type(account).__name__, code="input.existing_accounts")
        book = rates or default_book()
        in_force = book.latest(_IN_FORCE)
        if decided_on < in_force.value:
            raise InvalidInput("decided_on", decided_on, code="input.before_117a", in_force=in_force.value,
                               source=in_force.source)
        if accounts:
            raise SecondAccount(tuple(a.decided_on for a in accounts))
        if earlier_help_for_same_disease:
            raise InvalidInput("earlier_help_for_same_disease", True, code="input.earlier_help")
        on_day = book.at(decided_on, kommune, project=project)
        budget = on_day.get(_BUDGET)
        return cls.model_construct(
            decided_on=decided_on,
            kommune=on_day.kommune,
            total=round_ore(Decimal(budget.value)),
            projected=budget.status.value == "projected",
            rates_used=(RateUsed.of(in_force), RateUsed.of(budget)),
            bookings=(),
        )

    @exact
    def book(self, paragraph: int, amount: Decimal | int | str, *, on: date, description: str = "") -> Budget:
        """Book a grant of help on the account; return the new account (SEL § 117a; §§ 83, 97, 112, 116).

        ``amount`` is the value of the help in kroner (positive, at most two decimals; for § 83 and § 97 see
        :func:`value_of_hours`). ``on`` is the day of the grant, on or after the decision. A booking over the
        remaining budget raises :class:`BudgetExceeded` with ``.remaining``; the account is never changed.

        >>> b = Budget.open(date(2024, 3, 10))
        >>> b2 = b.book(116, "9000.00", on=date(2024, 4, 2), description="fjernelse af dørtrin")
        >>> b2.spent_by_paragraph[116], b.spent_by_paragraph[116]
        (Decimal('9000.00'), Decimal('0.00'))
        >>> b.book(113, "100.00", on=date(2024, 4, 2))
        Traceback (most recent call last):
        ...
        socialcalc.errors.InvalidInput: paragraph = 113: SEL § 117 a omfatter kun hjælp efter §§ 83, 97, 112 og \
116 (forbrugsgoder efter § 113 er ikke omfattet)
        """
        p = _paragraph(paragraph)
        value = _money(amount, "amount")
        day = _day(on, "on")
        if day < self.decided_on:
            raise InvalidInput("on", day, code="input.booking_before_decision", decided=self.decided_on)
        description = coerce.text(description, "description")
        remaining = self.remaining
        if value > remaining:
            raise BudgetExceeded(p, value, remaining, self.total)
        booking = Booking.model_construct(paragraph=p, date=day, amount=value, description=description)
        return type(self).model_construct(
            decided_on=self.decided_on,
            kommune=self.kommune,
            total=self.total,
            projected=self.projected,
            rates_used=self.rates_used,
            bookings=(*self.bookings, booking),
        )

    # -- what the account says --------------------------------------------------------------------------------

    @computed_field  # type: ignore[prop-decorator]
    @property
    @exact
    def spent(self) -> Decimal:
        """The value booked so far."""
        return round_ore(sum((b.amount for b in self.bookings), ZERO))

    @computed_field  # type: ignore[prop-decorator]
    @property
    @exact
    def remaining(self) -> Decimal:
        """What is left of the budget (``total - spent``; never negative)."""
        return round_ore(self.total - self.spent)

    @computed_field  # type: ignore[prop-decorator]
    @property
    @exact
    def spent_by_paragraph(self) -> dict[int, Decimal]:
        """The value booked under each paragraph: every one of 83, 97, 112 and 116, zero if unused."""
        spent = dict.fromkeys(PARAGRAPHS, ZERO)
        for b in self.bookings:
            spent[b.paragraph] += b.amount
        return {p: round_ore(v) for p, v in spent.items()}

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
        return self.remaining == 0

    @property
    def explanation(self) -> Explanation:
        """How the account stands, step by step, in Danish."""
        return _explain(self)

    def explain(self) -> str:
        """The account as Danish text: the budget, each booking, spent per paragraph and what is left.

        >>> b = Budget.open(date(2023, 10, 1)).book(83, Decimal("39750.00"), on=date(2023, 10, 1))
        >>> print(b.explain().splitlines()[-1])
        Resultat: 0,00 kr. tilbage af budgettet på 39.750,00 kr.; hjælp gives nu efter de almindelige regler.
        """
        tail = "; hjælp gives nu efter de almindelige regler." if self.ordinary_rules_apply else ""
        left = f"{kr(self.remaining)} tilbage af budgettet på {kr(self.total)}"
        return f"{self.explanation.render()}\nResultat: {left}{tail}"

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
        raise ValueError(f"total {account.total} is not the budget rate's value {budget.value}")
    if any(r.status == "projected" for r in account.rates_used) and not account.projected:
        raise ValueError("an account opened with a projected budget must say projected=True")
    for b in account.bookings:
        if b.date < account.decided_on:
            raise ValueError(f"a booking dated {b.date} is before the decision ({account.decided_on})")
    if account.spent > account.total:
        raise ValueError(f"the bookings ({account.spent}) exceed the budget ({account.total})")
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
            raise ValueError(f"the stored {key} ({value}) is not what the bookings give ({derived})")


def _explain(b: Budget) -> Explanation:
    rates = {r.key: r for r in b.rates_used}
    budget, in_force = rates.get(_BUDGET), rates.get(_IN_FORCE)
    year = b.decided_on.year
    since = f"; § 117a gælder fra {dato(date.fromisoformat(in_force.value))}" if in_force else ""
    text = (f"Afgørelsen om hjælp efter § 117a er truffet {dato(b.decided_on)}{since}. Budgettet for "
            f"sygdomsforløbet er beløbet for afgørelsens år, {year}: {kr(b.total)} Beløbet ligger fast for hele "
            "forløbet (vores læsning af \"2023-niveau\", reguleret årligt).")
    if b.projected:
        text += f" Beløbet for {year} er endnu ikke offentliggjort og er fremskrevet."
    steps = [_legacy_step(
        rule="hastig_sygdom.budget", paragraph="SEL § 117a stk. 1", text=text,
        inputs={"decided_on": b.decided_on.isoformat()},
        rates=tuple(r for r in (in_force, budget) if r is not None), output=str(b.total))]
    left = b.total
    for n, booking in enumerate(b.bookings, 1):
        left -= booking.amount
        what = f" ({booking.description})" if booking.description else ""
        steps.append(_legacy_step(
            rule="hastig_sygdom.bevilling", paragraph=f"SEL § 117a, jf. § {booking.paragraph}",
            text=(f"Bevilling {n}, {dato(booking.date)}: {_NAMES[booking.paragraph]} efter "
                  f"§ {booking.paragraph}{what} til en værdi af {kr(booking.amount)}; tilbage herefter {kr(left)}"),
            inputs={"paragraph": str(booking.paragraph), "date": booking.date.isoformat(),
                    "amount": str(booking.amount)},
            rates=(), output=str(left)))
    if not b.bookings:
        steps.append(_legacy_step(
            rule="hastig_sygdom.bevilling", paragraph="SEL § 117a",
            text="Der er endnu ikke bevilget hjælp på budgettet.", inputs={}, rates=(), output=None))
    per = ", ".join(f"§ {p} {kr(v)}" for p, v in b.spent_by_paragraph.items())
    steps.append(_legacy_step(
        rule="hastig_sygdom.forbrug", paragraph="SEL § 117a",
        text=f"Brugt i alt {kr(b.spent)} af {kr(b.total)} ({per}); tilbage {kr(b.remaining)}",
        inputs={}, rates=(), output=str(b.remaining)))
    if b.ordinary_rules_apply:
        text = ("Hele budgettet er brugt: yderligere hjælp efter §§ 83, 97, 112 og 116 gives efter serviceloven "
                "på almindelige vilkår.")
    else:
        text = (f"Budgettet er ikke brugt op ({kr(b.remaining)} tilbage): hjælp efter serviceloven på "
                "almindelige vilkår gives først, når hele budgettet er brugt.")
    steps.append(_legacy_step(rule="hastig_sygdom.almindelige_regler", paragraph="SEL § 117a", text=text,
                                      inputs={}, rates=(), output=str(b.ordinary_rules_apply)))
    return Explanation(title="Hjælp ved hastigt fremadskridende sygdom (SEL § 117a): budget",
                                       steps=tuple(steps))


def _legacy_step(*, rule: str, paragraph: str, text: str, inputs: dict[str, str], rates: tuple[RateUsed, ...],
                 output: str | None) -> Step:
    # a step written in code (before facts; rendered as written)
    return Step(step=rule, basis=paragraph, text=text, inputs=inputs, rates=rates,
                outputs={} if output is None else {"output": output})


@exact
def value_of_hours(hours: Decimal | int | str, hourly_price: Decimal | int | str) -> Decimal:
    """The value of ``hours`` of help at ``hourly_price``, to øre half up, for a § 83 or § 97 booking (§ 117a).

    ``hours`` is a number of hours (``Decimal``, ``int`` or a decimal string: an ``int`` means whole hours;
    for minutes use :func:`value_of_minutes`). Both must be non-negative; a float is refused.

    >>> value_of_hours(60, "250.00")
    Decimal('15000.00')
    >>> value_of_hours(Decimal("2.5"), Decimal("333.33"))
    Decimal('833.33')
    """
    h = to_decimal(hours, "hours")
    price = to_decimal(hourly_price, "hourly_price")
    if h < 0:
        raise InvalidInput("hours", h, code="input.negative")
    if price < 0:
        raise InvalidInput("hourly_price", price, code="input.negative")
    return round_ore(h * price)


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
    price = to_decimal(hourly_price, "hourly_price")
    if price < 0:
        raise InvalidInput("hourly_price", price, code="input.negative")
    return round_ore(minutes * price / _MINUTES_PER_HOUR)
