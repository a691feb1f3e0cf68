"""The Danish calculator page for caseworkers at ``/``: choose a rule, fill in the case, read the answer.

Server-rendered HTML (Jinja2, autoescaped) from the same app and the same rule registry as the API; the
stylesheet and the one small script (the copy button) are served from ``/static``. Without JavaScript every
part works: the rule is chosen with a plain form, the case is posted as a form, and the letter text sits in a
read-only text box to select and copy by hand.

Fields accept Danish formats: amounts ``1.800,50`` (and ``1800.50``), dates ``1.3.2024`` or ``01-03-2024``
(and ``2024-03-01``), months ``03.2024`` (and ``2024-03``).

>>> danish_amount("1.800,50"), danish_amount("1800.50"), danish_amount("1.800"), danish_amount("2,5 kr.")
('1800.50', '1800.50', '1800', '2.5')
>>> danish_date("1.3.2024", "decided_on"), danish_month("3.2024", "start")
('2024-03-01', '2024-03')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pydantic import ValidationError

from socialcalc.errors import InvalidInput, SocialcalcError
from socialcalc.ratebook import RateBook, default_book
from socialcalc.server.problems import problem_of, redact
from socialcalc.server.rules import RULES, render

__all__ = ["FORMS", "FormField", "add_page", "danish_amount", "danish_date", "danish_month"]

_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


# -- Danish formats -------------------------------------------------------------------------------------------

_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_DMY = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[.\-/](\d{4})$")


def danish_amount(text: str) -> str:
    """An amount typed the Danish way (``1.800,50``, ``1.800``, ``2,5 kr.``) as a plain decimal string."""
    t = text.replace("\u00a0", " ").strip().removesuffix("kr.").removesuffix("kr").replace(" ", "")
    if _GROUPED.match(t):
        return t.replace(".", "").replace(",", ".")
    if _COMMA.match(t):
        return t.replace(",", ".")
    return t


def danish_date(text: str, name: str) -> str:
    """A date typed ``1.3.2024``, ``01-03-2024``, ``1/3/2024`` or ``2024-03-01``, as ``YYYY-MM-DD``."""
    t = text.strip()
    m = _DMY.match(t)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return t
    raise InvalidInput(name, t, "skriv datoen som dd.mm.åååå, fx 01.03.2024")


def danish_month(text: str, name: str) -> str:
    """A month typed ``3.2024``, ``03-2024`` or ``2024-03``, as ``YYYY-MM``."""
    t = text.strip()
    m = _MY.match(t)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    if re.fullmatch(r"\d{4}-\d{2}", t):
        return t
    raise InvalidInput(name, t, "skriv måneden som mm.åååå, fx 03.2024")


# -- the forms ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FormField:
    """One field of a rule's form: its name (the request field), Danish label, kind and help."""

    name: str
    label: str
    kind: str = "amount"
    """amount, date, month, int, bool, choice, kommune, lines or text."""
    required: bool = False
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    default: str = ""


def _f(name: str, label: str, kind: str = "amount", required: bool = False, hint: str = "",
       choices: tuple[tuple[str, str], ...] = (), default: str = "") -> FormField:
    return FormField(name, label, kind, required, hint, choices, default)


_KOMMUNE = _f("kommune", "Kommune", "kommune", hint="Tom: de nationale satser")
_PROJECT = _f("project", "Fremskriv en sats, der endnu ikke er offentliggjort", "bool")

FORMS: dict[str, tuple[FormField, ...]] = {
    "merudgift": (
        _f("expenses", "Sandsynlige merudgifter (kr.)", required=True, hint="fx 1.800,50"),
        _f("per", "Udgifterne er opgjort", "choice", choices=(("month", "pr. måned"), ("year", "pr. år"))),
        _f("documented", "Udgifterne er dokumenteret", "bool"),
        _f("decided_on", "Afgørelsens dato", "date", required=True, hint="dd.mm.åååå"),
        _f("on", "En dato i udbetalingsmåneden", "date", hint="Tom: afgørelsens dato"),
        _f("listed_documented", "Kompensationsydelse: dokumenterede udgifter på positivlisten (kr.)"),
        _f("group", "Kompensationsydelse: valgt gruppe", "choice",
           choices=(("", "den anbefalede"), ("I", "gruppe I"), ("II", "gruppe II"))),
        _KOMMUNE, _PROJECT),
    "ledsageordning/bank": (
        _f("start", "Timebankens første måned", "month", required=True, hint="mm.åååå, fx 01.2024"),
        _KOMMUNE,
        _f("deduction_hours", "Fradrag: ledsagelse i anden form (timer pr. måned)", hint="fx 0 eller 2,5"),
        _f("usage", "Brugte timer", "lines", hint="Én måned pr. linje: måned og timer, fx 03.2024 20"),
        _f("until", "Vis saldoen for måneden", "month", hint="Tom: den sidste måned med brug")),
    "ledsageordning/tilskud": (
        _f("year", "År", "int", required=True, hint="fx 2024"),
        _f("expenses", "Sandsynliggjorte udgifter til ledsageren i året (kr.)", required=True),
        _KOMMUNE, _PROJECT),
    "beskaeftigelse/loen": (
        _f("assessed", "Vurderet timeløn (kr. i timen)", required=True),
        _f("field_lowest_wage", "Fagets laveste overenskomstmæssige timeløn (kr.)", required=True),
        _f("on", "Dato", "date", required=True), _KOMMUNE),
    "beskaeftigelse/befordring": (
        _f("days", "Arbejdsdage i perioden", "int", required=True),
        _f("distance_km", "Afstand én vej (km)", required=True),
        _f("net_earnings", "Nettoindtægt fra beskæftigelsen i perioden (kr.)", required=True),
        _f("on", "Dato", "date", required=True),
        _f("per_km", "Pris pr. km (kr.)", hint="eller de to dagspriser nedenfor"),
        _f("daily_total", "Dagspris for hele turen (kr.)"),
        _f("daily_within_10km", "Dagspris inden for egen afstand (kr.)"), _KOMMUNE),
    "egenbetaling/ophold": (
        _f("paragraph", "Tilbud", "choice", choices=(("109", "§ 109 kvindekrisecenter"),
                                                     ("110", "§ 110 forsorgshjem/herberg"))),
        _f("arrival", "Ankomst", "date", required=True), _f("departure", "Afrejse", "date", required=True),
        _f("has_income", "Borgeren har indtægt", "bool", default="on"),
        _f("reduction", "Nedsættelse (kr.)"), _KOMMUNE),
    "egenbetaling/botilbud107": (
        _f("net_income", "Nettoindkomst pr. måned (kr.)", required=True),
        _f("fixed_expenses", "Nødvendige faste udgifter pr. måned (kr.)", required=True),
        _f("included_items_cost", "Udgift til tilbuddets ydelser pr. måned (kr.)", required=True),
        _f("board_included", "Kost er en del af tilbuddet", "bool"),
        _f("on", "Dato", "date", required=True), _KOMMUNE,
        _f("keeps_own_dwelling", "Borgeren beholder sin egen bolig", "bool"),
        _f("housing_part_cost", "Boligdelens udgift pr. måned (kr.)")),
    "egenbetaling/botilbud108": (
        _f("income_basis", "Indkomstgrundlag pr. år (kr.)", required=True),
        _f("dwelling_costs", "Boligens udgifter pr. år (kr.)", required=True),
        _f("on", "Dato", "date", required=True),
        _f("single_pensioner", "Reelt enlig pensionist", "bool"),
        _f("dependants_set_aside", "Fradrag for forsørgerpligt pr. år (kr.)"),
        _f("couple_joint_income", "Par: fælles indkomst pr. år (kr.)"),
        _f("couple_social_pension", "Par: social pension pr. år (kr.)"),
        _f("electricity", "El pr. år (kr.)"), _f("heating", "Varme pr. år (kr.)"),
        _f("services", "Valgte ydelser pr. år (kr.)"), _KOMMUNE),
    "hastig-sygdom/budget": (
        _f("decided_on", "Afgørelsens dato", "date", required=True), _KOMMUNE,
        _f("bookings", "Bevillinger", "lines",
           hint="Én pr. linje: paragraf; beløb; dato; beskrivelse, fx 112; 18.500,00; 20.03.2024; kørestol"),
        _f("earlier_help_for_same_disease", "Har fået hjælp efter serviceloven til samme sygdom", "bool"),
        _PROJECT),
    "folkepension": (_f("birth", "Fødselsdato", "date", required=True),),
}
"""The form of each rule: the request's fields, labelled in Danish."""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def _usage(text: str) -> list[dict[str, str]]:
    rows = []
    for n, line in enumerate(_lines(text), 1):
        parts = re.split(r"[\s;:]+", line)
        if len(parts) != 2:
            raise InvalidInput("usage", line, f"linje {n}: skriv måned og timer, fx 03.2024 20")
        rows.append({"month": danish_month(parts[0], "usage"), "hours": danish_amount(parts[1])})
    return rows


def _bookings(text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(_lines(text), 1):
        parts = [p.strip() for p in line.split(";")]
        if len(parts) not in (3, 4):
            raise InvalidInput("bookings", line, f"linje {n}: skriv paragraf; beløb; dato; beskrivelse")
        para = parts[0].removeprefix("§").strip()
        if not para.isdigit():
            raise InvalidInput("bookings", line, f"linje {n}: paragraffen er 83, 97, 112 eller 116")
        rows.append({"paragraph": int(para), "amount": danish_amount(parts[1]),
                     "on": danish_date(parts[2], "bookings"), "description": parts[3] if len(parts) == 4 else ""})
    return rows


def request_data(path: str, form: dict[str, str]) -> dict[str, Any]:
    """The request body of rule ``path`` from the page's form (Danish formats read here)."""
    data: dict[str, Any] = {}
    for f in FORMS[path]:
        raw = form.get(f.name, "").strip()
        if f.kind == "bool":
            if raw:
                data[f.name] = True
            elif f.default:
                data[f.name] = False
            continue
        if not raw:
            continue
        if f.kind == "amount":
            data[f.name] = danish_amount(raw)
        elif f.kind == "date":
            data[f.name] = danish_date(raw, f.name)
        elif f.kind == "month":
            data[f.name] = danish_month(raw, f.name)
        elif f.kind == "int" or (f.kind == "choice" and raw.isdigit()):
            if not raw.isdigit():
                raise InvalidInput(f.name, raw, "skriv et helt tal")
            data[f.name] = int(raw)
        elif f.kind == "lines":
            data[f.name] = _usage(raw) if f.name == "usage" else _bookings(raw)
        else:
            data[f.name] = raw
    joint, pension = data.pop("couple_joint_income", None), data.pop("couple_social_pension", None)
    if joint is not None or pension is not None:
        data["couple"] = {"joint_income": joint or "", "social_pension": pension or ""}
    return data


# -- the page -------------------------------------------------------------------------------------------------

@dataclass
class _Outcome:
    headline: str = ""
    letter: str = ""
    note: Markup = field(default_factory=lambda: Markup(""))
    projected: bool = False
    error: str = ""
    error_field: str | None = None


def _field_error(message: str, loc: str | None, path: str) -> str | None:
    if loc is None:
        return None
    names = {f.name for f in FORMS[path]}
    head = loc.split(".")[0].split("[")[0]
    if head == "couple":
        return "couple_joint_income"
    return head if head in names else None


def _compute(path: str, form: dict[str, str], book: RateBook | None) -> _Outcome:
    rule = RULES[path]
    try:
        request = rule.request.model_validate(request_data(path, form))
        result = rule.compute(request, book)
    except SocialcalcError as err:
        p = problem_of(err)
        return _Outcome(error=str(p["detail"]), error_field=_field_error(p["detail"], p["field"], path))
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        label = next((f.label for f in FORMS[path] if f.name == loc.split(".")[0]), loc)
        message = "skal udfyldes" if first["type"] == "missing" else "er ikke gyldig"
        return _Outcome(error=f"{label} {message}.", error_field=_field_error(message, loc, path))
    return _Outcome(headline=rule.headline(result), letter=render(result, "borger", "text"),
                    note=Markup(render(result, "sagsbehandler", "html")),
                    projected=bool(getattr(result, "projected", False)))


def _page(path: str | None, form: dict[str, str], outcome: _Outcome | None, book: RateBook | None) -> HTMLResponse:
    kommuner = sorted((book or default_book()).kommuner)
    html = _ENV.get_template("page.html").render(
        rules=RULES, path=path, rule=RULES.get(path or ""), fields=FORMS.get(path or "", ()), form=form,
        outcome=outcome, kommuner=kommuner)
    status = 422 if outcome is not None and outcome.error else 200
    return HTMLResponse(redact(html), status_code=status)


def add_page(app: FastAPI, book: RateBook | None) -> None:
    """Add ``GET /`` (choose a rule, see its form) and ``POST /`` (compute the case) to ``app``."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page(regel: str | None = None) -> HTMLResponse:
        path = regel if regel in RULES else None
        defaults = {f.name: f.default for f in FORMS.get(path or "", ()) if f.default}
        return _page(path, defaults, None, book)

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    async def compute(request: Request) -> HTMLResponse:
        body = (await request.body()).decode("utf-8", errors="replace")
        form = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
        path = form.get("regel", "")
        if path not in RULES:
            return _page(None, {}, _Outcome(error="Vælg en regel."), book)
        return _page(path, form, _compute(path, form, book), book)
