"""The ASGI application: one endpoint per rule, the rates, the coverage, ``/healthz`` and the caseworker page.

:func:`create_app` builds it for a rate directory (default: the packaged tables); ``socialcalc serve`` runs it
on uvicorn through :func:`app_from_env`, which reads the options that ``serve`` puts in the environment (so
that every worker process builds the same app).

The service has **no authentication**: it binds to 127.0.0.1 by default and belongs behind the municipality's
gateway. It sends no CORS headers unless origins are configured. It logs one access line per request: the
client, method, path (without the query string), status and time; never a body, never a CPR number.
"""

# no ``from __future__ import annotations`` here: FastAPI reads the endpoint annotations at runtime

import logging
import os
import time
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from socialcalc import __version__
from socialcalc.errors import SocialcalcError
from socialcalc.money import to_decimal
from socialcalc.ratebook import RateBook, coverage, load_rates
from socialcalc.ratebook.book import normalise_kommune
from socialcalc.server.models import Answer, Audience, Format, Rendered
from socialcalc.server.problems import PROBLEM_JSON, STATUS_RATE_NOT_PUBLISHED, problem, problem_of, redact
from socialcalc.server.rules import RULES, Rule, render

__all__ = ["DEFAULT_MAX_BODY", "Problem", "app_from_env", "create_app"]

DEFAULT_MAX_BODY = 256 * 1024
"""The largest request body accepted, in bytes (413 above it)."""

ENV_RATES, ENV_CORS, ENV_MAX_BODY = "SOCIALCALC_RATES", "SOCIALCALC_CORS_ORIGINS", "SOCIALCALC_MAX_BODY"

access_log = logging.getLogger("socialcalc.server.access")
error_log = logging.getLogger("socialcalc.server.error")

_STATIC = Path(__file__).parent / "static"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]


class Problem(BaseModel):
    """An error, as RFC 9457 problem details with socialcalc's members (``application/problem+json``)."""

    type: str = Field(examples=["tag:socialcalc,2026:problem/input.invalid"])
    title: str
    status: int
    detail: str
    code: str = Field(description="the error's stable code, e.g. input.invalid, rate.not_published")
    field: str | None = None
    value: str | None = None
    key: str | None = Field(default=None, description="rate.not_published: the rate key")
    day: str | None = Field(default=None, description="rate.not_published: the day asked")
    last_known: str | None = Field(default=None, description="rate.not_published: the latest value before the day")
    errors: list[dict[str, Any]] | None = Field(default=None, description="every fault of a body that does not "
                                                                          "fit the request model")


class ProblemResponse(JSONResponse):
    """``application/problem+json``, redacted as a whole (the last net under every member)."""

    media_type = PROBLEM_JSON

    def render(self, content: Any) -> bytes:
        return redact(super().render(content).decode("utf-8")).encode("utf-8")


def _problem_response(body: dict[str, Any]) -> JSONResponse:
    return ProblemResponse(body, status_code=int(body["status"]))


class _TooLarge(Exception):
    pass


class Guard:
    """The outermost layer: a body limit (413), one access line per request, and a 500 that tells nothing."""

    def __init__(self, app: ASGI, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0}
        seen = {"bytes": 0, "over": False}

        async def sending(message: Message) -> None:
            if seen["over"]:  # the body passed the limit: whatever the app answers, the answer is 413
                if message["type"] == "http.response.start" and not status["code"]:
                    await _problem_response(_too_large(self.max_body))(scope, receive, sending_raw)
                return
            await sending_raw(message)

        async def sending_raw(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = int(message["status"])
            await send(message)

        async def reply(body: dict[str, Any]) -> None:
            if not status["code"]:
                await _problem_response(body)(scope, receive, sending_raw)

        async def receiving() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["bytes"] += len(message.get("body", b""))
                if seen["bytes"] > self.max_body:
                    seen["over"] = True
                    raise _TooLarge
            return message

        try:
            length = dict(scope.get("headers") or []).get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await reply(_too_large(self.max_body))
                return
            await self.app(scope, receiving, sending)
        except _TooLarge:
            await reply(_too_large(self.max_body))
        except Exception as err:
            error_log.error("%s", redact("".join(traceback.format_exception(err))))
            await reply(problem(500, "server.error", "Der skete en fejl på serveren; intet blev beregnet."))
        finally:
            client = scope.get("client")
            access_log.info('%s "%s %s" %d %.1f ms', client[0] if client else "-", scope.get("method", "-"),
                            redact(scope.get("path", "")), status["code"], (time.perf_counter() - started) * 1e3)


def _too_large(limit: int) -> dict[str, Any]:
    return problem(413, "request.too_large", f"Forespørgslen er større end grænsen på {limit} bytes.")


# -- pydantic's validation errors as problems ----------------------------------------------------------------

_PYDANTIC_DA: dict[str, str] = {
    "missing": "feltet mangler",
    "extra_forbidden": "ukendt felt",
    "string_type": "skal være tekst; et beløb skrives som tekst, fx \"1800.50\"",
    "string_too_long": "teksten er for lang",
    "bool_type": "skal være true eller false",
    "int_type": "skal være et helt tal",
    "literal_error": "er ikke en af de tilladte værdier",
    "date_from_datetime_parsing": "skal være en dato, ÅÅÅÅ-MM-DD",
    "date_parsing": "skal være en dato, ÅÅÅÅ-MM-DD",
    "date_type": "skal være en dato, ÅÅÅÅ-MM-DD",
    "json_invalid": "er ikke gyldig JSON",
    "model_attributes_type": "skal være et JSON-objekt",
    "dict_type": "skal være et JSON-objekt",
    "list_type": "skal være en liste",
    "too_long": "listen er for lang",
}


def _validation_problem(err: RequestValidationError) -> dict[str, Any]:
    faults = []
    for e in err.errors():
        loc = [str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")]
        kind = str(e.get("type", ""))
        message = _PYDANTIC_DA.get(kind, "ugyldig værdi")
        value = e.get("input") if kind not in ("missing", "json_invalid") else None
        if isinstance(value, dict | list):
            value = None  # never echo a whole object
        faults.append({"field": ".".join(loc) or None, "code": f"input.{kind or 'invalid'}", "message": message,
                       "value": None if value is None else redact(str(value))})
    first = faults[0] if faults else {"field": None, "code": "input.invalid", "message": "ugyldig forespørgsel"}
    detail = "; ".join(f"{f['field'] or 'forespørgslen'}: {f['message']}" for f in faults) or "ugyldig forespørgsel"
    return problem(422, str(first["code"]), detail, field=first["field"], value=first.get("value"), errors=faults)


# -- the app -------------------------------------------------------------------------------------------------

_DESCRIPTION = """\
Danske sociale ydelser og egenbetalinger efter serviceloven, beregnet af socialcalc.

Ét endpoint pr. regel. Felternes navne er bibliotekets argumentnavne; beløb sendes som tekst ("1800.50").
`?explain=borger|sagsbehandler&format=text|html` giver også den danske forklaring.

Fejl er RFC 9457 problem details (`application/problem+json`): 422 ugyldige oplysninger, 409 en sats, der ikke er
offentliggjort for dagen, 413 en for stor forespørgsel.

Tjenesten har **ingen adgangskontrol**: den hører til bag kommunens gateway.
"""

_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": Problem, "description": "Ugyldige oplysninger", "content": {PROBLEM_JSON: {}}},
    STATUS_RATE_NOT_PUBLISHED: {"model": Problem, "description": "Satsen er ikke offentliggjort for dagen "
                                "(spørg igen med project)", "content": {PROBLEM_JSON: {}}},
    413: {"model": Problem, "description": "Forespørgslen er for stor", "content": {PROBLEM_JSON: {}}},
}


def _answer_json(result: BaseModel, explanation: Rendered | None) -> str:
    rendered = "null" if explanation is None else explanation.model_dump_json()
    return redact(f'{{"result":{result.model_dump_json()},"explanation":{rendered}}}')


def _add_rule(app: FastAPI, rule: Rule, book: RateBook | None) -> None:
    model = rule.request

    async def endpoint(
        body: model,  # type: ignore[valid-type]
        explain: Annotated[Audience | None, Query(description="render the explanation for this audience")] = None,
        format: Annotated[Format, Query(description="the explanation as text or escaped HTML")] = "text",
    ) -> Response:
        result = rule.compute(body, book)
        rendered = None if explain is None else Rendered(audience=explain, format=format,
                                                         text=render(result, explain, format))
        return Response(_answer_json(result, rendered), media_type="application/json")

    endpoint.__name__ = "calculate_" + rule.path.replace("/", "_").replace("-", "_")
    app.post(f"/v1/{rule.path}", response_model=Answer[rule.result],  # type: ignore[name-defined]
             summary=rule.title, tags=["regler"], responses=_ERRORS, description=model.__doc__ or "")(endpoint)


def _rates_on(book: RateBook, day: date, kommune: str | None, project: str | None) -> dict[str, Any]:
    wanted: bool | Any = False if project is None else (True if project in ("", "true") else
                                                        to_decimal(project, "project"))
    rates = book.at(day, kommune, project=wanted)
    found, missing = [], []
    for key in book.keys():
        try:
            r = rates.get(key)
        except SocialcalcError as err:
            missing.append({"key": key, "reason": str(err)})
            continue
        found.append({"key": key, "value": r.text(), "unit": r.unit, "valid_from": r.valid_from.isoformat(),
                      "valid_to": None if r.valid_to is None else r.valid_to.isoformat(),
                      "status": r.status.value, "kommune": r.kommune, "source": r.source})
    return {"day": day.isoformat(), "kommune": normalise_kommune(kommune), "rates": found, "missing": missing}


def create_app(rates_dir: str | Path | None = None, *, cors_origins: tuple[str, ...] = (),
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The service for the rate tables in ``rates_dir`` (default: the packaged tables).

    ``cors_origins``: the origins allowed to call it from a browser (none by default: no CORS headers).
    ``max_body``: the largest request body in bytes.

    >>> app = create_app()
    >>> "/v1/merudgift" in app.openapi()["paths"]
    True
    """
    from socialcalc.server.page import add_page

    book = load_rates(rates_dir)
    explicit = book if rates_dir is not None else None  # the packaged book is the library's own default
    app = FastAPI(title="socialcalc", version=__version__, description=_DESCRIPTION, docs_url="/docs",
                  redoc_url=None)

    @app.exception_handler(SocialcalcError)
    async def _library_error(request: Request, err: SocialcalcError) -> JSONResponse:
        return _problem_response(problem_of(err))

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, err: RequestValidationError) -> JSONResponse:
        return _problem_response(_validation_problem(err))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, err: StarletteHTTPException) -> JSONResponse:
        code = {404: "request.not_found", 405: "request.method"}.get(err.status_code, "request.error")
        detail = {404: "Adressen findes ikke.", 405: "Metoden er ikke tilladt på denne adresse."}.get(
            err.status_code, "Forespørgslen kan ikke behandles.")
        return _problem_response(problem(err.status_code, code, detail))

    for rule in RULES.values():
        _add_rule(app, rule, explicit)

    @app.get("/v1/rates/{day}", tags=["satser"], summary="Satserne på en dag", responses=_ERRORS)
    async def rates_on(day: date, kommune: Annotated[str | None, Query(max_length=60)] = None,
                       project: Annotated[str | None, Query(max_length=20)] = None) -> dict[str, Any]:
        """Every rate that holds on ``day`` (national, or the municipality's over them), and those missing."""
        return _rates_on(book, day, kommune, project)

    @app.get("/v1/coverage", tags=["satser"], summary="Dækning: status for hver sats og hvert år",
             responses=_ERRORS)
    async def rate_coverage(kommune: Annotated[str | None, Query(max_length=60)] = None
                            ) -> dict[str, dict[int, str]]:
        """For each key and year: official, derived, projected, expected, ended, or ``-`` (a hole)."""
        if kommune:
            book.at(date(2000, 1, 1), kommune)  # an unknown municipality is bad input
        return coverage(book, kommune=normalise_kommune(kommune) if kommune else None)

    @app.get("/healthz", tags=["drift"], summary="Kører tjenesten?")
    async def healthz() -> dict[str, Any]:
        """``{"status": "ok"}`` with the version and the number of rate keys loaded."""
        return {"status": "ok", "version": __version__, "rate_keys": len(book.keys()),
                "kommuner": sorted(book.kommuner)}

    add_page(app, explicit)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type"])
    app.add_middleware(Guard, max_body=max_body)
    return app


def app_from_env() -> FastAPI:
    """The app configured by ``socialcalc serve`` through the environment (one per worker process)."""
    origins = tuple(o.strip() for o in os.environ.get(ENV_CORS, "").split(",") if o.strip())
    return create_app(os.environ.get(ENV_RATES) or None, cors_origins=origins,
                      max_body=int(os.environ.get(ENV_MAX_BODY) or DEFAULT_MAX_BODY))
