"""Rendering facts as text: one reviewed catalog per rule and language, formatted with babel.

Every sentence a user reads lives in a catalog, never in rule code: the core's ``kerne.<locale>.toml`` beside
this module, and each rule's ``tekster.<locale>.toml`` in its folder (found by :mod:`socialcalc.registry`). An
entry is a TOML table named by its full id, with one text for both audiences (``tekst``) or one per audience
(``borger``, ``sagsbehandler``; an empty text leaves the step out for that audience)::

    [sel100.band.standard]
    borger = "Dine sandsynlige merudgifter er {monthly:kr} om måneden."

Placeholders name a fact's outputs or inputs, with a format: ``kr`` (``1.041,00 kr.``), ``krone`` (whole
kroner), ``tal`` (as written), ``dato`` (``1. januar 2025``), ``maaned`` (``oktober 2025``), ``andel`` (a share:
0.3 → ``30 %``), ``procent`` (4.5 → ``4,5 %``), ``antal:ental:flertal`` (babel's plural rule: ``1 døgn``,
``2 timer``), ``varighed:time:timer:minut:minutter`` (hours of whole minutes: ``14,5 timer``, and where the
hours are no exact decimal ``14 timer og 40 minutter``, never ``14,6667 timer``), ``label:<group>`` (the
entry ``<prefix>.label.<group>.<value>``); ``{parts}`` renders the sub-facts. The legal basis and, for the
case-file note, the rates used are added by the renderer.

>>> from decimal import Decimal
>>> from socialcalc.explain import Explainer
>>> ex = Explainer("core.title.example"); ex.fact("core.example", outputs={"amount": Decimal("1041")})
>>> print(ex.build().render(format="html"))
<p>Eksempel</p>
<p>Eksemplet giver 1.041,00 kr.</p>
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialcalc.coerce import CONTEXT as _EXACT
from socialcalc.errors import InvalidInput, SocialcalcError

if TYPE_CHECKING:
    from socialcalc.explain import Explanation, Fact, RateUsed

__all__ = ["AUDIENCES", "FORMATS", "LOCALES", "CatalogError", "all_ids", "catalog", "catalog_files", "catalog_page",
           "format_value",
           "rate_line", "render", "render_fact"]

AUDIENCES = ("borger", "sagsbehandler")
LOCALES = ("da", "en")
FORMATS = ("text", "markdown", "html")
_TEXT_FIELDS = frozenset({"tekst", "borger", "sagsbehandler"})
_HERE = Path(__file__).parent


class CatalogError(SocialcalcError):
    """A fact has no sentence in its catalog, or a sentence names a value the fact does not have (a bug)."""

    default_code = "internal.catalog"


# --- the catalogs ------------------------------------------------------------------------------------------

def _toml(text: str) -> dict[str, Any]:
    """``text`` parsed as TOML (tomllib imported only when a catalog is read from its file, not from the cache)."""
    import tomllib

    return tomllib.loads(text)


def catalog_files(locale: str) -> list[tuple[str, Path]]:
    """The catalog files of ``locale``: the core's, then each rule's, as (owner, path)."""
    from socialcalc.registry import plugs

    files = [("core", _HERE / f"kerne.{locale}.toml")]
    for p in plugs():
        path = p.folder / f"tekster.{locale}.toml"
        if path.is_file():
            files.append((p.name, path))
    return files


def _flatten(table: Mapping[str, Any], prefix: str, into: dict[str, dict[str, str]], where: Path) -> None:
    if _TEXT_FIELDS & table.keys():
        unknown = set(table) - _TEXT_FIELDS
        if unknown:
            raise CatalogError(rule=f"{where}: {prefix} has unknown fields {sorted(unknown)}")
        into[prefix] = {k: str(v) for k, v in table.items()}
        return
    for key, value in table.items():
        if not isinstance(value, Mapping):
            raise CatalogError(rule=f"{where}: {prefix}.{key} is not an entry (write tekst = \"…\")")
        _flatten(value, f"{prefix}.{key}" if prefix else key, into, where)


@functools.cache
def catalog(locale: str) -> Mapping[str, Mapping[str, str]]:
    """Every entry of ``locale`` by id (read once; an id defined twice is refused).

    Kept on disk between runs, keyed by the catalog files' bytes (:mod:`socialcalc.cache`).
    """
    from socialcalc.cache import cached

    files = catalog_files(locale)
    return cached(f"catalog-{locale}", [path for _, path in files], lambda: _read_catalog(files))


def _read_catalog(files: list[tuple[str, Path]]) -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for _, path in files:
        found: dict[str, dict[str, str]] = {}
        _flatten(_toml(path.read_text(encoding="utf-8")), "", found, path)
        twice = entries.keys() & found.keys()
        if twice:
            raise CatalogError(rule=f"{path}: ids already defined elsewhere: {sorted(twice)}")
        entries.update(found)
    return entries


def _text(ident: str, audience: str, locale: str) -> str:
    entry = catalog(locale).get(ident)
    if entry is None:
        raise CatalogError(rule=f"no entry {ident!r} in the {locale} catalogs")
    if audience in entry:
        return entry[audience]
    if "tekst" in entry:
        return entry["tekst"]
    raise CatalogError(rule=f"entry {ident!r} ({locale}) has no text for {audience}")


def _has(ident: str, locale: str) -> bool:
    return ident in catalog(locale)


# --- numbers, dates, plurals -------------------------------------------------------------------------------


@functools.cache
def _symbols(locale: str) -> tuple[dict[int, int], tuple[str, ...]]:
    from importlib.util import find_spec

    from socialcalc.cache import cached

    # babel's locale data is large to read: the few symbols used are kept on disk, keyed by babel's
    # __init__.py (which holds its version), found without importing babel
    spec = find_spec("babel")
    origin = [Path(spec.origin)] if spec is not None and spec.origin else []
    return cached(f"symbols-{locale}", origin, lambda: _babel_symbols(locale))


def _babel_symbols(locale: str) -> tuple[dict[int, int], tuple[str, ...]]:
    from babel.core import Locale as BabelLocale

    babel = BabelLocale.parse("da_DK" if locale == "da" else "en_GB")
    symbols = babel.number_symbols["latn"]
    table = str.maketrans({",": symbols["group"], ".": symbols["decimal"]})
    months = tuple(babel.months["format"]["wide"][m] for m in range(1, 13))
    return table, months


@functools.cache
def _plural(locale: str) -> Callable[[Decimal], str]:
    from babel.core import Locale as BabelLocale

    rule = BabelLocale.parse("da" if locale == "da" else "en").plural_form
    return lambda n: str(rule(n))


def _number(value: Decimal, places: int | None, locale: str) -> str:
    if places is None:
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    else:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{value:,.{places}f}".translate(_symbols(locale)[0])


def _decimal(raw: str, spec: str) -> Decimal:
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise CatalogError(rule=f"{raw!r} is not a number (format {spec})") from None


def _kroner(amount: str, places: int, locale: str) -> str:
    text = _number(_decimal(amount, "kr"), places, locale)
    return f"{text} kr." if locale == "da" else f"DKK {text}"


def _date(raw: str, locale: str) -> str:
    day = date.fromisoformat(raw)
    month = _symbols(locale)[1][day.month - 1]
    return f"{day.day}. {month} {day.year}" if locale == "da" else f"{day.day} {month} {day.year}"


def _month(raw: str, locale: str) -> str:
    year, month = raw.split("-")
    return f"{_symbols(locale)[1][int(month) - 1]} {int(year)}"


@functools.lru_cache(maxsize=8192)  # a pure function of strings; a caseload repeats its rates and amounts
def format_value(raw: str, spec: str, locale: str, prefix: str = "core") -> str:
    """One value of a fact in ``locale`` by the placeholder format ``spec`` (see the module docstring).

    >>> format_value("1.5", "antal:time:timer", "da"), format_value("1", "antal:døgn:døgn", "da")
    ('1,5 time', '1 døgn')
    >>> format_value("2025-03-01", "dato", "da"), format_value("0.3", "andel", "da")
    ('1. marts 2025', '30 %')
    >>> format_value("14.6667", "varighed:time:timer:minut:minutter", "da")
    '14 timer og 40 minutter'
    """
    kind, _, rest = spec.partition(":")
    if kind == "":
        return raw
    if kind == "kr":
        return _kroner(raw, 2, locale)
    if kind == "krone":
        return _kroner(raw, 0, locale)
    if kind == "tal":
        return _number(_decimal(raw, spec), None, locale)
    if kind == "dato":
        return _date(raw, locale)
    if kind == "maaned":
        return _month(raw, locale)
    if kind == "andel":
        return f"{_number((_decimal(raw, spec) * 100).normalize(), None, locale)} %"
    if kind == "procent":
        return f"{_number(_decimal(raw, spec), None, locale)} %"
    if kind == "antal":
        one, _, other = rest.partition(":")
        n = _decimal(raw, spec)
        shown = n.normalize() if n != 0 else Decimal(0)
        if shown == shown.to_integral_value():
            shown = shown.quantize(Decimal(1))
        word = one if _plural(locale)(abs(n)) == "one" else other
        return f"{_number(shown, None, locale)} {word}"
    if kind == "varighed":
        return _duration(raw, spec, rest, locale)
    if kind == "label":
        return _text(f"{prefix}.label.{rest}.{raw}", "tekst", locale)
    raise CatalogError(rule=f"unknown format {spec!r}")


def _duration(raw: str, spec: str, rest: str, locale: str) -> str:
    """Hours (exact to the minute, as ``socialcalc.ledsageordning.tid.hours_of`` gives them) as a duration: a
    number of hours where the minutes are a multiple of 3 (an exact decimal), else hours and minutes."""
    words = rest.split(":")
    if len(words) != 4:
        raise CatalogError(rule=f"format {spec!r} needs four words: varighed:time:timer:minut:minutter")
    one, other, minute_one, minute_other = words
    with localcontext(_EXACT):
        minutes = int((_decimal(raw, spec) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    whole, left = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else ""
    if minutes % 3 == 0:  # an exact decimal: left / 60 = (left * 5 / 3) hundredths
        shown = f"{sign}{whole}" if not left else f"{sign}{whole}.{left * 5 // 3:02d}"
        return format_value(shown, f"antal:{one}:{other}", locale)
    minutes_text = format_value(str(left), f"antal:{minute_one}:{minute_other}", locale)
    if not whole:
        return f"{sign}{minutes_text}"
    hours = format_value(str(whole), f"antal:{one}:{other}", locale)
    return f"{sign}{hours} {_text('core.and', 'tekst', locale)} {minutes_text}"


_FORMATTER = string.Formatter()


@functools.cache
def _parsed(template: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """A catalog template split into (literal, placeholder, format) once (the catalogs are finite)."""
    return tuple((literal, name, spec) for literal, name, spec, _ in _FORMATTER.parse(template))


def _fill(template: str, f: Fact, audience: str, locale: str, ident: str) -> str:
    prefix = ident.split(".", 1)[0]
    out: list[str] = []
    for literal, name, spec in _parsed(template):
        out.append(literal)
        if name is None:
            continue
        if name == "parts":
            sep = _text("core.parts_separator", "tekst", locale)
            out.append(sep.join(t for t in (render_fact(p, audience, locale) for p in f.parts) if t))
            continue
        raw = f.value(name)
        if raw is None:
            raise CatalogError(rule=f"{ident} ({locale}) names {{{name}}}, which the fact {f.step} does not have")
        out.append(format_value(raw, spec or "", locale, prefix))
    return "".join(out)


def render_fact(f: Fact, audience: str, locale: str) -> str:
    """The sentence of one fact (with its reading), without its legal basis; ``""`` if left out."""
    text = _fill(_text(f.step, audience, locale), f, audience, locale, f.step)
    if text and f.reading:
        reading = _fill(_text(f.reading, audience, locale), f, audience, locale, f.reading)
        text = f"{text} {reading}" if reading else text
    return text.strip()


def _with_basis(sentence: str, basis: str) -> str:
    if not basis:
        return sentence
    if sentence.endswith(_ABBREVIATIONS):  # the abbreviation's period ends the sentence too: keep it
        return f"{sentence} ({basis})."
    if sentence.endswith("."):
        return f"{sentence[:-1]} ({basis})."
    return f"{sentence} ({basis})"


_ABBREVIATIONS = (" kr.", " md.", " stk.", " nr.", " pr.", " jf.", " mdr.")


# --- rates -------------------------------------------------------------------------------------------------


@functools.cache
def _key_titles() -> Mapping[str, str]:
    from socialcalc.ratebook import packaged_rates_dir

    data = _toml((packaged_rates_dir() / "keys.toml").read_text(encoding="utf-8"))
    titles: dict[str, str] = {}

    def walk(table: Mapping[str, Any], prefix: str) -> None:
        if "unit" in table and "title" in table:
            titles[prefix] = str(table["title"])
            return
        for k, v in table.items():
            if isinstance(v, Mapping):
                walk(v, f"{prefix}.{k}" if prefix else k)

    walk(data, "")
    return titles


def _rate_value(r: RateUsed, locale: str) -> str:
    prefix = r.key.split(".", 1)[0]
    if r.shape == "bands":
        return _bands(r, locale)
    if r.shape == "age_table":
        return _age_table(r, locale)
    if r.unit == "policy":
        rest = r.key.split(".", 1)[1] if "." in r.key else r.key
        return _text(f"{prefix}.choice.{rest}.{r.value}", "tekst", locale)
    if r.unit == "date":
        return _date(r.value, locale)
    if r.unit == "citation":
        return r.value
    if r.unit == "share":  # a share has no unit text (30 %)
        return format_value(r.value, "andel", locale)
    unit = _text(f"core.unit.{r.unit.replace('/', '_per_')}", "tekst", locale)
    if ":" in unit:  # a plural pair, e.g. "time:timer"
        return format_value(r.value, f"antal:{unit}", locale)
    number = _number(_decimal(r.value, r.unit), None, locale)
    if r.unit.startswith("DKK"):
        return f"{number} {unit}" if locale == "da" else f"DKK {number}{unit}"
    return f"{number} {unit}".rstrip()


def _bands(r: RateUsed, locale: str) -> str:
    from socialcalc.explain import fact

    rows = [fact("core.bands.under", inputs={"lower": r.rows[0]["lower"]})] if r.rows else []
    for row in r.rows:
        edge = "from" if row["inclusive"] == "true" else "over"
        paid = "full" if not row["pays"] else "pays"
        rows.append(fact(f"core.bands.{edge}_{paid}", inputs=row))
    sep = _text("core.parts_separator", "tekst", locale)
    return sep.join(render_fact(f, "sagsbehandler", locale) for f in rows)


def _age_table(r: RateUsed, locale: str) -> str:
    from socialcalc.explain import fact

    rows = []
    for row in r.rows:
        step = "core.age.from" if row["born_from"] else "core.age.before"
        step += "_months" if row["months"] != "0" else ""
        rows.append(fact(step, inputs=row))
    sep = _text("core.parts_separator", "tekst", locale)
    return sep.join(render_fact(f, "sagsbehandler", locale) for f in rows)


def rate_line(r: RateUsed, locale: str = "da") -> str:
    """One rate used, for the case-file note: its title (Danish) or key, value, date, grade, kommune, source."""
    from socialcalc.explain import fact

    title = _key_titles().get(r.key, r.key) if locale == "da" else r.key
    values: dict[str, object] = {"title": title, "value": _rate_value(r, locale), "valid_from": r.valid_from,
                                 "grade": _text(f"core.grade.{r.status}", "tekst", locale), "source": r.source}
    step = "core.rate"
    if r.kommune:
        values["kommune"] = r.kommune.capitalize()
        step += "_kommune"
    if r.origin:
        values["origin"] = r.origin
        step += "_origin"
    return render_fact(fact(step, inputs=values), "sagsbehandler", locale)


# --- the whole explanation ---------------------------------------------------------------------------------


def _check(audience: str, locale: str, format: str) -> None:
    for name, value, allowed in (("audience", audience, AUDIENCES), ("locale", locale, LOCALES),
                                 ("format", format, FORMATS)):
        if value not in allowed:
            raise InvalidInput(name, value, code="input.explain", choices=", ".join(allowed))


def render(explanation: Explanation, *, audience: str = "borger", locale: str = "da", format: str = "text",
           amount: Decimal | None = None) -> str:
    """The explanation for ``audience`` (``borger``, ``sagsbehandler``) in ``locale`` (``da``, ``en``) and
    ``format`` (``text``, ``markdown``, ``html``), ending with ``amount`` if given."""
    _check(audience, locale, format)
    from socialcalc.explain import fact

    title = _text(explanation.title, audience, locale)
    steps = [t for t in ((render_fact(s, audience, locale), s.basis) for s in explanation.steps) if t[0]]
    sentences = [_with_basis(text, basis) for text, basis in steps]
    rates = [rate_line(r, locale) for r in explanation.rates()] if audience == "sagsbehandler" else []
    tail = []
    if amount is not None:
        tail.append(render_fact(fact("core.result", outputs={"amount": amount}), audience, locale))
    if explanation.projected:
        tail.append(_text("core.projected", audience, locale))
    heading = _text("core.rates_heading", "tekst", locale)
    numbered = audience == "sagsbehandler"
    return _layout(format, title, sentences, numbered, heading, rates, tail)


def _layout(format: str, title: str, sentences: list[str], numbered: bool, heading: str, rates: list[str],
            tail: list[str]) -> str:
    if format == "html":
        from html import escape as e  # only for html (the command line starts without it)
        parts = [f"<p>{e(title)}</p>"]
        if numbered:
            parts.append("<ol>" + "".join(f"<li>{e(s)}</li>" for s in sentences) + "</ol>")
        else:
            parts.extend(f"<p>{e(s)}</p>" for s in sentences)
        if rates:
            parts.append(f"<p>{e(heading)}</p>")
            parts.append("<ul>" + "".join(f"<li>{e(r)}</li>" for r in rates) + "</ul>")
        parts.extend(f"<p>{e(t)}</p>" for t in tail)
        return "\n".join(parts)
    if format == "markdown":
        m = _markdown
        lines = [f"**{m(title)}**", ""]
        if numbered:
            lines.extend(f"{n}. {m(s)}" for n, s in enumerate(sentences, 1))
        else:
            for s in sentences:
                lines.extend([m(s), ""])
            if lines[-1] == "":
                lines.pop()
        if rates:
            lines.extend(["", m(heading), ""])
            lines.extend(f"- {m(r)}" for r in rates)
        for t in tail:
            lines.extend(["", m(t)])
        return "\n".join(lines)
    lines = [title]
    lines.extend(f"{n}. {s}" if numbered else s for n, s in enumerate(sentences, 1))
    if rates:
        lines.append(heading)
        lines.extend(f"- {r}" for r in rates)
    lines.extend(tail)
    return "\n".join(lines)


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|"})


def _markdown(text: str) -> str:
    return text.translate(_MD_SPECIAL)


def all_ids(locale: str = "da") -> Iterable[str]:
    """Every id of ``locale``'s catalogs (for the catalog's docs page and its completeness tests)."""
    return sorted(catalog(locale))


def catalog_page() -> str:
    """The docs page *Tekster*: every sentence of every rule, by id, in Danish (both audiences) and English.

    Generated from the catalogs (``docs/tekster.md`` is this text; a test fails when they drift), so a
    caseworker or jurist reviews the wording without reading code.
    """
    from socialcalc.registry import plugs

    titles = {"core": "Fælles tekster (overskrifter, satslinjer, enheder, tabeller)"}
    titles.update({p.name: p.title for p in plugs()})
    lines = ["# Tekster", "",
             "Alle sætninger, socialcalc skriver i en forklaring, med deres id. Teksterne ligger i katalogerne "
             "(`tekster.da.toml` og `tekster.en.toml` i hver regels mappe, `kerne.*.toml` for de fælles); "
             "siden er genereret fra dem. `{navn:format}` er en værdi fra beregningen.", ""]
    english = catalog("en")
    for owner, path in catalog_files("da"):
        found: dict[str, dict[str, str]] = {}
        _flatten(_toml(path.read_text(encoding="utf-8")), "", found, path)
        if not found:
            continue
        lines += [f"## {titles.get(owner, owner)}", "", "| Id | Borger | Sagsbehandler | English |",
                  "|---|---|---|---|"]
        for ident in sorted(found):
            entry = found[ident]
            both = entry.get("tekst", "")
            en = english.get(ident, {})
            en_text = en.get("tekst") or " / ".join(v for k, v in en.items() if k != "tekst")
            cells = [f"`{ident}`", entry.get("borger", both), entry.get("sagsbehandler", both), en_text]
            lines.append("| " + " | ".join(c.replace("|", "\\|") or "—" for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)
