"""The rules the service answers, one endpoint each: request model, result model, and the library call.

:data:`RULES` maps a path under ``/v1/`` to its :class:`Rule`. Each rule calls the library's public function
with the request's fields as its arguments, so the service gives the same figures and the same Danish text as
the library. ``project`` is passed where the library function takes it; asking a rule that cannot project
is bad input.

:func:`render` is the one place an explanation is rendered for an audience and a format.

>>> from datetime import date
>>> from socialcalc.server.models import MerudgiftRequest
>>> rule = RULES["merudgift"]
>>> result = rule.compute(MerudgiftRequest(expenses="1800.50", decided_on=date(2024, 3, 1)), None)
>>> rule.headline(result)
'2.277,00 kr. om måneden'
>>> print(render(result, "borger", "html").splitlines()[0])
<p>Merudgiftsydelse efter serviceloven § 100</p>
"""

from __future__ import annotations

import functools
import html
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from socialcalc.beskyttet_beskaeftigelse import HourlyWage, Transport, hourly_wage, transport
from socialcalc.egenbetaling import Sel107Result, Sel108Result, StayResult, sel107, sel108, stay
from socialcalc.errors import InvalidInput
from socialcalc.explain import dato, kr, maaned, tal
from socialcalc.folkepension import birth_date_from_cpr, first_pension_month, pension_age, reached_on
from socialcalc.hastig_sygdom import Budget
from socialcalc.ledsageordning import Bank, ExpenseGrant, expense_grant
from socialcalc.merudgift import MerudgiftResult, calculate
from socialcalc.money import to_decimal
from socialcalc.months import Month
from socialcalc.ratebook import RateBook
from socialcalc.server.models import (
    Audience,
    BankAnswer,
    BankRequest,
    BefordringRequest,
    BudgetRequest,
    FolkepensionRequest,
    Format,
    LoenRequest,
    MerudgiftRequest,
    OpholdRequest,
    Pension,
    Sel107Request,
    Sel108Request,
    TilskudRequest,
)

__all__ = ["RULES", "Rule", "render"]


@dataclass(frozen=True)
class Rule:
    """One endpoint: ``POST /v1/<path>``."""

    path: str
    title: str
    """The rule in Danish, as the page and the OpenAPI document name it."""
    request: type[BaseModel]
    result: type[BaseModel]
    compute: Callable[[Any, RateBook | None], Any]
    headline: Callable[[Any], str]
    """The answer in one Danish line (the page shows it above the explanation)."""


# -- passing project where the library takes it ---------------------------------------------------------------

def _project(value: bool | str | dict[str, str]) -> bool | Decimal | dict[int, Decimal]:
    if isinstance(value, bool):
        return value
    if isinstance(value, dict):
        for year in value:
            if not (year.isdigit() and len(year) == 4):
                raise InvalidInput("project", year, code="server.project_keys")
        return {int(year): to_decimal(pct, f"project.{year}") for year, pct in value.items()}
    return to_decimal(value, "project")


@functools.cache
def _takes_project(fn: Callable[..., Any]) -> bool:
    return "project" in inspect.signature(fn).parameters


def _call(fn: Callable[..., Any], project: bool | str | dict[str, str], /, *args: Any, **kwargs: Any) -> Any:
    wanted = _project(project)
    if _takes_project(fn):
        kwargs["project"] = wanted
    elif wanted is not False:
        raise InvalidInput("project", project, code="server.project_not_used")
    return fn(*args, **kwargs)


def _fields(req: BaseModel, *names: str) -> dict[str, Any]:
    return {name: getattr(req, name) for name in names}


# -- the rules -----------------------------------------------------------------------------------------------

def _merudgift(req: MerudgiftRequest, book: RateBook | None) -> MerudgiftResult:
    result: MerudgiftResult = _call(calculate, req.project, req.expenses, rates=book, **_fields(
        req, "decided_on", "on", "per", "documented", "listed_documented", "group", "kommune"))
    return result


def _bank(req: BankRequest, book: RateBook | None) -> BankAnswer:
    bank: Bank = _call(Bank.open, req.project, req.start, kommune=req.kommune,
                       deduction_hours=req.deduction_hours, rates=book)
    for use in req.usage:
        bank = bank.use(use.month, use.hours)
    until = Month.coerce(req.until, "until") if req.until else max(
        [bank.start, *(u.month for u in bank.usage)])
    statement = bank.statement(until)
    return BankAnswer(bank=bank, statement=statement, balance=str(statement.closing_balance))


def _tilskud(req: TilskudRequest, book: RateBook | None) -> ExpenseGrant:
    result: ExpenseGrant = _call(expense_grant, req.project, req.year, req.expenses, kommune=req.kommune,
                                 rates=book)
    return result


def _loen(req: LoenRequest, book: RateBook | None) -> HourlyWage:
    result: HourlyWage = _call(hourly_wage, req.project, req.assessed, rates=book,
                               **_fields(req, "field_lowest_wage", "on", "kommune"))
    return result


def _befordring(req: BefordringRequest, book: RateBook | None) -> Transport:
    result: Transport = _call(transport, req.project, rates=book, **_fields(
        req, "days", "distance_km", "net_earnings", "on", "per_km", "daily_total", "daily_within_10km", "kommune"))
    return result


def _ophold(req: OpholdRequest, book: RateBook | None) -> StayResult:
    result: StayResult = _call(stay, req.project, req.paragraph, req.arrival, req.departure, rates=book,
                               **_fields(req, "has_income", "reduction", "kommune"))
    return result


def _sel107(req: Sel107Request, book: RateBook | None) -> Sel107Result:
    result: Sel107Result = _call(sel107, req.project, rates=book, **_fields(
        req, "net_income", "fixed_expenses", "included_items_cost", "board_included", "on", "kommune",
        "keeps_own_dwelling", "housing_part_cost"))
    return result


def _sel108(req: Sel108Request, book: RateBook | None) -> Sel108Result:
    couple = None if req.couple is None else req.couple.model_dump()
    result: Sel108Result = _call(sel108, req.project, rates=book, couple=couple, **_fields(
        req, "income_basis", "dwelling_costs", "on", "single_pensioner", "dependants_set_aside", "electricity",
        "heating", "services", "kommune"))
    return result


def _budget(req: BudgetRequest, book: RateBook | None) -> Budget:
    account: Budget = _call(Budget.open, req.project, req.decided_on, kommune=req.kommune, rates=book,
                            earlier_help_for_same_disease=req.earlier_help_for_same_disease)
    for b in req.bookings:
        account = account.book(b.paragraph, b.amount, on=b.on, description=b.description)
    return account


def _folkepension(req: FolkepensionRequest, book: RateBook | None) -> Pension:
    if (req.birth is None) == (req.cpr is None):
        raise InvalidInput("birth", None, code="server.birth_or_cpr")
    birth = req.birth if req.birth is not None else birth_date_from_cpr(
        req.cpr.get_secret_value() if req.cpr is not None else "")
    age = pension_age(birth, rates=book, on=req.on)
    return Pension(years=age.years, months=age.months, reached_on=reached_on(birth, rates=book, on=req.on),
                   first_pension_month=str(first_pension_month(birth, rates=book, on=req.on)))


def _month_amount(r: Any) -> str:
    return f"{kr(r.amount)} om måneden"


RULES: dict[str, Rule] = {rule.path: rule for rule in (
    Rule("merudgift", "§ 100 Merudgiftsydelse / kompensationsydelse", MerudgiftRequest, MerudgiftResult,
         _merudgift, _month_amount),
    Rule("ledsageordning/bank", "§ 97 Ledsageordning: timebanken", BankRequest, BankAnswer, _bank,
         lambda r: f"Saldo {tal(Decimal(r.balance))} timer ved udgangen af {maaned(r.statement.month)}"),
    Rule("ledsageordning/tilskud", "§ 97 Ledsageordning: tilskud til ledsagerens udgifter", TilskudRequest,
         ExpenseGrant, _tilskud, lambda r: f"{kr(r.amount)} for {r.year}"),
    Rule("beskaeftigelse/loen", "§ 103 Beskyttet beskæftigelse: timeløn", LoenRequest, HourlyWage, _loen,
         lambda r: f"{kr(r.amount)} i timen"),
    Rule("beskaeftigelse/befordring", "§ 103 Beskyttet beskæftigelse: befordring", BefordringRequest, Transport,
         _befordring, lambda r: f"Kommunen betaler {kr(r.municipality)}, borgeren {kr(r.citizen)}"),
    Rule("egenbetaling/ophold", "§§ 109–110 Egenbetaling for ophold", OpholdRequest, StayResult, _ophold,
         lambda r: f"{kr(r.amount)} for opholdet"),
    Rule("egenbetaling/botilbud107", "§ 107 Betaling for midlertidigt botilbud", Sel107Request, Sel107Result,
         _sel107, _month_amount),
    Rule("egenbetaling/botilbud108", "§ 108 Betaling for længerevarende botilbud", Sel108Request, Sel108Result,
         _sel108, lambda r: f"{kr(r.amount)} om året ({kr(r.monthly)} om måneden)"),
    Rule("hastig-sygdom/budget", "§ 117a Hastigt fremadskridende sygdom: budget", BudgetRequest, Budget, _budget,
         lambda r: f"{kr(r.remaining)} tilbage af {kr(r.total)}"),
    Rule("folkepension", "Folkepensionsalder", FolkepensionRequest, Pension, _folkepension,
         lambda r: f"Folkepension fra {dato(Month.parse(r.first_pension_month).first_day)}"),
)}
"""Every rule the service answers, by its path under ``/v1/``."""


# -- the explanation ------------------------------------------------------------------------------------------

@functools.cache
def _takes_audience(explain: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(explain).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins
        return False
    return "audience" in params and "format" in params


def render(result: Any, audience: Audience, fmt: Format) -> str:
    """The explanation of ``result`` for ``audience`` ("borger" or "sagsbehandler") in ``fmt`` ("text", "html").

    The one place the service renders an explanation: where the result's ``explain`` takes ``audience`` and
    ``format`` (issue [letter]) they are passed on; until then both audiences get the library's one Danish
    text, and HTML is that text escaped, one ``<p>`` per line.
    """
    explain = result.explain
    if _takes_audience(type(result).explain):
        text: str = explain(audience=audience, format=fmt)
        return text
    plain: str = explain()
    if fmt == "text":
        return plain
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in plain.splitlines())
