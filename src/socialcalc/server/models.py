"""The request and response models of the HTTP API (and of its OpenAPI document).

A request body's field names are the library function's argument names (``expenses``, ``decided_on``, …).
Amounts are **strings** (``"1800.50"``: a JSON number would be a binary float), dates ``"YYYY-MM-DD"``,
months ``"YYYY-MM"``. Unknown fields are refused. The library checks the values themselves (negative amounts,
a decimal comma, …) with its own errors, so the service and the library refuse exactly the same input.

Responses are :class:`Answer`: ``result``, the library's result model as JSON (its facts, amount, the rates
used with grade and source, ``projected``), and ``explanation`` when asked for with ``?explain=``.

>>> MerudgiftRequest.model_validate({"expenses": "1800.50", "decided_on": "2024-03-01"}).expenses
'1800.50'
>>> MerudgiftRequest.model_validate({"expenses": 1800, "decided_on": "2024-03-01"})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for MerudgiftRequest
...
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr, StrictBool, StrictInt

from socialcalc.hastig_sygdom import Budget
from socialcalc.ledsageordning import Bank, MonthStatement

__all__ = [
    "Amount",
    "Answer",
    "Audience",
    "BankAnswer",
    "BankRequest",
    "BefordringRequest",
    "BookingIn",
    "BudgetRequest",
    "CoupleIn",
    "Day",
    "FolkepensionRequest",
    "Format",
    "LoenRequest",
    "MerudgiftRequest",
    "OpholdRequest",
    "Pension",
    "Project",
    "Rendered",
    "Sel107Request",
    "Sel108Request",
    "TilskudRequest",
    "UsageIn",
]

Audience = Literal["borger", "sagsbehandler"]
"""Who the explanation is for: the letter to the citizen, or the note in the case file."""
Format = Literal["text", "html"]
"""The explanation as plain text, or as escaped HTML."""


def _text_only(value: Any) -> Any:
    if not isinstance(value, str | date):
        raise ValueError("en dato skrives som tekst, ÅÅÅÅ-MM-DD")
    return value


Amount = Annotated[str, Field(max_length=40, examples=["1800.50"],
                              description="An amount in kroner as a decimal string, e.g. \"1800.50\"")]
"""An amount in kroner: a decimal string, never a JSON number."""
Day = Annotated[date, BeforeValidator(_text_only), Field(examples=["2024-03-01"])]
"""A date as ``"YYYY-MM-DD"`` (a number is refused: it would be read as a timestamp)."""
MonthText = Annotated[str, Field(max_length=7, examples=["2024-03"], description="A month, YYYY-MM")]
Kommune = Annotated[str | None, Field(max_length=60, examples=["lejre"],
                                      description="The municipality (lejre, lemvig); none for national rates")]
Project = Annotated[StrictBool | str | dict[str, str], Field(
    description="Project a rate that is not published: true (the stored satsreguleringsprocent), a "
                "percentage as a string, e.g. \"2.5\", or {\"2027\": \"2.5\", …} per year; the result then "
                "says projected=true")]
"""``true``, a satsreguleringsprocent as a string, or one per year (``{"2027": "2.5"}``)."""


class _Request(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, str_strip_whitespace=True)


class MerudgiftRequest(_Request):
    """``POST /v1/merudgift``: :func:`socialcalc.merudgift.calculate` (SEL § 100)."""

    expenses: Amount
    decided_on: Day
    on: Day | None = None
    per: Literal["month", "year"] = "month"
    documented: StrictBool = False
    listed_documented: Amount | None = None
    group: Literal["I", "II"] | None = None
    kommune: Kommune = None
    project: Project = False


class UsageIn(_Request):
    """Hours of escort used in one month."""

    month: MonthText
    hours: Amount


class BankRequest(_Request):
    """``POST /v1/ledsageordning/bank``: :class:`socialcalc.ledsageordning.Bank` (SEL § 97 stk. 1).

    The bank opens in ``start`` with ``deduction_hours``; each ``usage`` is recorded in month order; the answer
    is the statement of ``until`` (default: the last month with use, at least ``start``).
    """

    start: MonthText
    kommune: Kommune = None
    deduction_hours: Amount = "0"
    usage: list[UsageIn] = Field(default_factory=list, max_length=600)
    until: MonthText | None = None
    project: Project = False


class TilskudRequest(_Request):
    """``POST /v1/ledsageordning/tilskud``: :func:`socialcalc.ledsageordning.expense_grant` (SEL § 97 stk. 7)."""

    year: StrictInt
    expenses: Amount
    kommune: Kommune = None
    project: Project = False


class LoenRequest(_Request):
    """``POST /v1/beskaeftigelse/loen``: :func:`socialcalc.beskyttet_beskaeftigelse.hourly_wage` (SEL § 103)."""

    assessed: Amount
    field_lowest_wage: Amount
    on: Day
    kommune: Kommune = None
    project: Project = False


class BefordringRequest(_Request):
    """``POST /v1/beskaeftigelse/befordring``: :func:`socialcalc.beskyttet_beskaeftigelse.transport` (SEL § 103)."""

    days: StrictInt
    distance_km: Amount
    net_earnings: Amount
    on: Day
    per_km: Amount | None = None
    daily_total: Amount | None = None
    daily_within_10km: Amount | None = None
    kommune: Kommune = None
    project: Project = False


class OpholdRequest(_Request):
    """``POST /v1/egenbetaling/ophold``: :func:`socialcalc.egenbetaling.stay` (SEL §§ 109, 110)."""

    paragraph: Literal[109, 110]
    arrival: Day
    departure: Day
    has_income: StrictBool = True
    reduction: Amount | None = Field(default=None, description="kroner let off the stay's total")
    kommune: Kommune = None
    project: Project = False


class Sel107Request(_Request):
    """``POST /v1/egenbetaling/botilbud107``: :func:`socialcalc.egenbetaling.sel107` (SEL § 107)."""

    net_income: Amount
    fixed_expenses: Amount
    included_items_cost: Amount
    board_included: StrictBool
    on: Day
    kommune: Kommune = None
    keeps_own_dwelling: StrictBool = False
    housing_part_cost: Amount | None = None
    project: Project = False


class CoupleIn(_Request):
    """Married or cohabiting pensioners in the same offer (kroner per year)."""

    joint_income: Amount
    social_pension: Amount


class Sel108Request(_Request):
    """``POST /v1/egenbetaling/botilbud108``: :func:`socialcalc.egenbetaling.sel108` (SEL § 108)."""

    income_basis: Amount
    dwelling_costs: Amount
    on: Day
    single_pensioner: StrictBool = False
    dependants_set_aside: Amount = "0"
    couple: CoupleIn | None = None
    electricity: Amount = "0"
    heating: Amount = "0"
    services: Amount = "0"
    kommune: Kommune = None
    project: Project = False


class BookingIn(_Request):
    """One grant of help booked on the § 117a budget."""

    paragraph: Literal[83, 97, 112, 116]
    amount: Amount
    on: Day
    description: str = Field(default="", max_length=200)


class BudgetRequest(_Request):
    """``POST /v1/hastig-sygdom/budget``: :class:`socialcalc.hastig_sygdom.Budget` (SEL § 117a).

    The account is opened for ``decided_on`` and each of ``bookings`` is booked in order.
    """

    decided_on: Day
    kommune: Kommune = None
    bookings: list[BookingIn] = Field(default_factory=list, max_length=500)
    earlier_help_for_same_disease: StrictBool = False
    project: Project = False


class FolkepensionRequest(_Request):
    """``POST /v1/folkepension``: :mod:`socialcalc.folkepension`. Give ``birth`` or ``cpr`` (never echoed)."""

    birth: Day | None = None
    cpr: SecretStr | None = Field(default=None, max_length=20,
                                  description="DDMMYY-SSSS; only the birth date is read; never logged or echoed")
    on: Day | None = Field(default=None, description="the day whose age table applies (default: the latest)")


# -- responses ------------------------------------------------------------------------------------------------

R = TypeVar("R")


class Rendered(BaseModel):
    """The explanation rendered for one audience in one format."""

    audience: Audience
    format: Format
    text: str


class Answer(BaseModel, Generic[R]):
    """A rule's answer: the result's JSON, and the rendered explanation when asked for."""

    result: R
    explanation: Rendered | None = None


class BankAnswer(BaseModel):
    """The § 97 bank after the usage: the stored bank, the statement of the month asked, its closing balance."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    bank: Bank
    statement: MonthStatement
    balance: Amount
    """The closing balance of the month, in hours."""

    def explain(self) -> str:
        """The month's statement in Danish."""
        return self.statement.explain()


class Pension(BaseModel):
    """Folkepensionsalder: the age, the day it is reached and the first pension month."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    years: int
    months: int
    reached_on: date
    first_pension_month: str

    def explain(self) -> str:
        """The age in Danish (the birth date is not repeated)."""
        from socialcalc.explain import dato
        from socialcalc.folkepension import PensionAge
        from socialcalc.months import Month

        age = PensionAge(self.years, self.months)
        first = Month.parse(self.first_pension_month)
        return (f"Folkepensionsalder (lov om social pension § 1 a): {age}, som nås {dato(self.reached_on)}. "
                f"Folkepension udbetales fra {dato(first.first_day)}.")


BudgetAnswer = Budget
