"""The one exception hierarchy of socialcalc: stable codes, fields, Danish messages, no CPR.

Every error the library raises on purpose is a :class:`SocialcalcError`, which is a :class:`ValueError`, so
a caller can catch everything with one ``except``. Each error carries

- a stable **code** (``err.code``, e.g. ``input.float``, ``rate.not_published``) for programs;
- its **fields** (``err.fields``: ``field``, ``value``, ``rule``, ``remedy`` and the code's own parameters);
- a **message** rendered from one catalog of templates keyed by code (:data:`CATALOG`): Danish by default
  (``str(err)``), English on request (``err.message("en")``), amounts in the language's format
  ("13.522,00 kr.").

A CPR-shaped value (ten digits, with or without the dash) never appears in a message, a field, an attribute
or a repr: :func:`redact` is applied where every error is built, whatever field the value was passed in.

```
ValueError
└── SocialcalcError
    ├── InvalidInput            bad input to a calculation (field, value, rule)
    │   └── InsufficientHours   § 97: more hours asked than the bank holds
    │   └── BudgetExceeded      § 117a: a booking over the remaining budget
    └── RateError               something wrong with a rate
        ├── RateNotPublished    no value for the key on the date (strict mode)
        ├── UnknownRate         a key or municipality the book does not know
        └── RateFileError       one or more faults in rate files (every fault, each with file:line:col)
```

>>> err = InvalidInput("expenses", 0.7, code="input.float")
>>> err.code
'input.float'
>>> str(err)
'expenses = 0.7: et kommatal (float) modtages ikke, fordi binære kommatal ikke er eksakte; \
angiv en Decimal, et heltal eller en decimaltekst som "1234.50"'
>>> err.message("en")
'expenses = 0.7: a float is not accepted (binary floating point is inexact); \
pass a Decimal, an int or a decimal string such as "1234.50"'
>>> str(InvalidInput("kommune", "211062-0629", code="input.kommune"))
"kommune = <CPR skjult>: en kommune angives ved sit navn med små bogstaver, fx 'lejre'"
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

__all__ = [
    "CATALOG",
    "CPR_PATTERN",
    "REASONS",
    "InvalidInput",
    "RateError",
    "RateFault",
    "RateFileError",
    "RateNotPublished",
    "SocialcalcError",
    "UnknownRate",
    "catalog_table",
    "reasons_table",
    "redact",
]

Locale = Literal["da", "en"]

CPR_PATTERN = re.compile(r"(?<!\d)\d{6}[-\s]?\d{4}(?!\d)")
"""A CPR-shaped run: ten digits, or six and four with a dash (or a space) between, not inside a longer number."""

_HIDDEN = "<CPR skjult>"


def redact(value: Any) -> Any:
    """``value``, or its text with every CPR-shaped run replaced by ``<CPR skjult>``.

    A value whose text (``str`` or ``repr``) holds no CPR-shaped run is returned unchanged, so dates, amounts
    and months keep their type.

    >>> redact("born 211062-0629, Lejre")
    'born <CPR skjult>, Lejre'
    >>> redact(2110620629)
    '<CPR skjult>'
    >>> redact(Decimal("1234.50"))
    Decimal('1234.50')
    """
    if isinstance(value, str):
        return CPR_PATTERN.sub(_HIDDEN, value)
    if value is None or isinstance(value, bool | date):
        return value
    try:
        text, shown = str(value), repr(value)
    except Exception:  # a caller's object whose str() fails: show nothing of it
        return "<ukendt værdi>"
    if CPR_PATTERN.search(text) or CPR_PATTERN.search(shown):
        return CPR_PATTERN.sub(_HIDDEN, text)
    return value


# --- the catalog -------------------------------------------------------------------------------------------

CATALOG: dict[str, dict[str, str]] = {
    # Bad input (exit code 2). For these, ``da``/``en`` is the rule broken; the message is
    # "{field} = {value}: {rule}", followed by "; {remedy}" where the code has one.
    "input.invalid": {
        "da": "{rule}",
        "en": "{rule}",
        "title": "Ugyldigt input (reglen står i beskeden)",
    },
    "input.float": {
        "da": "et kommatal (float) modtages ikke, fordi binære kommatal ikke er eksakte",
        "en": "a float is not accepted (binary floating point is inexact)",
        "remedy_da": 'angiv en Decimal, et heltal eller en decimaltekst som "1234.50"',
        "remedy_en": 'pass a Decimal, an int or a decimal string such as "1234.50"',
    },
    "input.bool": {
        "da": "en sandhedsværdi (True/False) er ikke et tal",
        "en": "a truth value is not a number",
    },
    "input.not_finite": {
        "da": "skal være et endeligt tal (NaN og uendelig modtages ikke)",
        "en": "must be a finite number (NaN and infinities are not accepted)",
    },
    "input.too_large": {
        "da": "er uden for det tilladte område (højst {maximum:num} i talværdi)",
        "en": "is out of range (at most {maximum:num} in absolute value)",
    },
    "input.too_precise": {
        "da": "har for mange decimaler (højst {places})",
        "en": "has too many decimals (at most {places})",
    },
    "input.not_decimal": {
        "da": "er ikke et decimaltal skrevet med punktum",
        "en": "not a plain decimal number",
        "remedy_da": 'skriv det som "{hint}"',
        "remedy_en": 'write it as "{hint}"',
    },
    "input.type": {
        "da": "forventede {expected}, ikke {kind}",
        "en": "expected {expected_en}, not {kind}",
    },
    "input.negative": {
        "da": "må ikke være negativ",
        "en": "must not be negative",
    },
    "input.whole": {
        "da": "skal være et helt tal (int), ikke {kind}",
        "en": "must be a whole number (int), not {kind}",
    },
    "input.flag": {
        "da": "angives som True eller False",
        "en": "is given as True or False",
    },
    "input.datetime": {
        "da": "et tidspunkt (datetime) modtages ikke: reglerne regner i hele dage",
        "en": "a datetime is not accepted: the rules count whole days",
        "remedy_da": "angiv en dato (datetime.date), fx ved .date()",
        "remedy_en": "pass a datetime.date, e.g. by .date()",
    },
    "input.date": {
        "da": "forventede en dato (datetime.date), ikke {kind}",
        "en": "expected a datetime.date, not {kind}",
    },
    "input.date_range": {
        "da": "resultatet ville ligge uden for årene 1-9999, som kan regnes med",
        "en": "the result would fall outside the years 1-9999 that can be computed",
    },
    "input.month": {
        "da": "en måned skrives ÅÅÅÅ-MM med MM fra 01 til 12",
        "en": "a month is written YYYY-MM with MM from 01 to 12",
    },
    "input.year": {
        "da": "et år er et helt tal fra 1 til 9999",
        "en": "a year is a whole number from 1 to 9999",
    },
    "input.kommune": {
        "da": "en kommune angives ved sit navn med små bogstaver, fx 'lejre'",
        "en": "a municipality is named in lowercase letters, e.g. 'lejre'",
    },
    "input.cpr": {
        "da": "er ikke et gyldigt CPR-nummer (10 cifre, DDMMÅÅ-SSSS, med en rigtig fødselsdato)",
        "en": "not a valid CPR number (10 digits, DDMMYY-SSSS, with a real birth date)",
    },
    "input.cpr_shaped": {
        "da": "ligner et CPR-nummer og modtages ikke her",
        "en": "looks like a CPR number and is not accepted here",
    },
    "input.usage": {
        "da": "kommandoen er brugt forkert: {rule}",
        "en": "the command is used wrongly: {english}",
    },
    # The command line (socialcalc …): options and files.
    "cli.no_file": {"da": "filen findes ikke", "en": "no such file"},
    "cli.input_format": {"da": "inputfilen er en .csv- eller .parquet-fil",
                         "en": "the input is a .csv or .parquet file"},
    "cli.output_format": {"da": "outputfilen er en .csv- eller .parquet-fil",
                          "en": "the output is a .csv or .parquet file"},
    "cli.csv_unreadable": {"da": "er ikke en læsbar CSV-fil (UTF-8, kommasepareret): {detail}",
                           "en": "not a readable CSV file (UTF-8, comma-separated): {detail}"},
    "cli.truth_value": {"da": "en sandhedsværdi skrives true eller false (eller 1 eller 0)",
                        "en": "a truth value is true/false (or 1/0)"},
    "cli.whole_number": {"da": "et helt tal skal angives", "en": "a whole number is required"},
    "cli.not_applicable": {
        "da": "{option} gælder ikke for {command}{projected}{minutes}",
        "en": "{option} does not apply to {command}{projected}{minutes}",
        "projected_da": " (dens satser fremskrives ikke)",
        "projected_en": " (its rates are not projected)",
        "minutes_da": " (dens resultater er minutter)",
        "minutes_en": " (its results are minutes)",
    },
    "cli.keep_missing": {"da": "inputfilen {file} har ingen kolonne {column}",
                         "en": "no column {column} in {file}"},
    "cli.file_row": {
        "da": "{file} række {row}{line_da}: {column}{shown}: {detail_da}",
        "en": "{file} row {row}{line_en}: {column}{shown}: {detail_en}",
    },
    "cli.year_or_date": {"da": "skriv et år (2024) eller en dato (ÅÅÅÅ-MM-DD)",
                         "en": "write a year (2024) or a date (2024-06-01)"},
    "cli.draft_published": {
        "da": "satsbogen har allerede satser for {year} (fx {key} i {where}); lav et udkast til et år, den ikke har",
        "en": "the book already publishes {year} (e.g. {key} at {where}); draft a year it does not publish",
    },
    "cli.draft_exists": {"da": "filen findes allerede; flyt den væk, eller vælg en anden mappe",
                         "en": "the file exists already; move it away or choose another DIR"},
    "cli.draft_write": {"da": "udkastet kan ikke skrives ({problem})", "en": "cannot write the draft ({problem})"},
    "cli.cases_none": {"da": "angiv en sagsfil (eller --spec-examples)",
                       "en": "name a case file (or --spec-examples)"},
    "cli.server_missing": {"da": "serveren er ikke installeret",
                           "en": "the server is not installed",
                           "remedy_da": "installer den med pip install 'socialcalc[server]'",
                           "remedy_en": "pip install 'socialcalc[server]'"},
    "cli.workers": {"da": "skal være mindst 1", "en": "at least 1"},
    "cli.port": {"da": "en port er fra 0 til 65535", "en": "a port is 0 to 65535"},
    "cli.schema_model": {"da": "ukendt model; kendte modeller: {known}", "en": "unknown model; known: {known}"},
    # Case files (socialcalc.cases, socialcalc test)
    "cases.rule_name": {"da": "en regel angives ved sit navn, fx merudgift.calculate",
                        "en": "a rule is a name like merudgift.calculate"},
    "cases.rule_module": {"da": "en offentlig funktion i et af modulerne {modules}",
                          "en": "a public function of one of {modules}"},
    "cases.rule_function": {"da": "socialcalc.{module} har ingen offentlig funktion {name}",
                            "en": "socialcalc.{module} has no public function {name}"},
    "cases.float": {"da": "et beløb skrives som tekst ('1138.50'), ikke som kommatal (float)",
                    "en": "write an amount as text ('1138.50'), not as a float"},
    "cases.case_form": {"da": "en sag er en mapping med rule, inputs, expected og source",
                        "en": "a case is a mapping with rule, inputs, expected and source"},
    "cases.case_missing": {"da": "hver sag har en {key}", "en": "every case has a {key}"},
    "cases.expected_missing": {"da": "hver sag har forventede tal (expected, eller raises)",
                               "en": "every case has expected figures (or raises:)"},
    "cases.case_unknown": {"da": "en sag har name, rule, source, args, inputs, expected og raises",
                           "en": "a case has name, rule, source, args, inputs, expected, raises"},
    "cases.not_yaml": {"da": "er ikke en YAML-fil: {detail}", "en": "not a YAML file: {detail}"},
    "cases.file_form": {"da": "en sagsfil er en mapping med en liste af sager under 'cases:'",
                        "en": "a case file is a mapping with a list of cases under 'cases:'"},
    # The HTTP API (socialcalc serve)
    "server.project_keys": {"da": "nøglerne er årstal, fx {{\"2027\": \"2.5\"}}",
                            "en": "the keys are years, e.g. {{\"2027\": \"2.5\"}}"},
    "server.project_not_used": {"da": "denne regel fremskriver ikke satser; udelad project",
                                "en": "this rule does not project rates; leave project out"},
    "server.birth_or_cpr": {"da": "angiv enten birth (ÅÅÅÅ-MM-DD) eller cpr, ikke begge og ikke ingen af dem",
                            "en": "give either birth (YYYY-MM-DD) or cpr, not both and not neither"},
    # Batch columns (socialcalc.batch): the field is "column[row]", the first bad row (0-based).
    "batch.int_column": {
        "da": "en kolonne med {unit_da} skal indeholde heltal (int64)",
        "en": "a {unit} column must hold integers (int64)",
    },
    "batch.too_large": {
        "da": "er for stor til et 64-bit heltal (int64)",
        "en": "too large for int64",
    },
    "batch.ore_column": {
        "da": "en kolonne i øre skal indeholde heltal (int64)",
        "en": "an øre column must hold integers (int64)",
        "remedy_da": "omregn kroner med kroner_to_ore",
        "remedy_en": "convert kroner with kroner_to_ore",
    },
    "batch.not_number": {
        "da": "er ikke et tal (NaN eller uendelig)",
        "en": "not a number (NaN or infinite)",
    },
    "batch.kroner_dtype": {
        "da": "en kolonne i kroner skal være numerisk, Decimal eller tekst",
        "en": "a kroner column must be numeric, Decimal or text",
    },
    "batch.not_kroner": {
        "da": "er ikke et beløb i kroner",
        "en": "not an amount in kroner",
    },
    "batch.one_dimensional": {
        "da": "en kolonne er endimensional",
        "en": "a column is one-dimensional",
    },
    "batch.rows": {
        "da": "alle kolonner skal have samme antal rækker ({rows})",
        "en": "every column must have the same number of rows ({rows})",
    },
    "batch.date_value": {
        "da": "en dato er en datetime.date (eller en kolonne af typen datetime64)",
        "en": "a date is a datetime.date (or a datetime64 column)",
    },
    "batch.date_missing": {
        "da": "en dato skal angives ({missing} fundet)",
        "en": "a date is required ({missing} found)",
    },
    "batch.date_time": {
        "da": "en dato har intet klokkeslæt",
        "en": "a date has no time of day",
    },
    "batch.date_dtype": {
        "da": "en datokolonne er af typen datetime64 eller indeholder datetime.date-værdier",
        "en": "a date column is datetime64 or holds datetime.date values",
    },
    "batch.date_text": {
        "da": "en dato er en datetime.date, en datetime64 ved midnat eller tekst på formen ÅÅÅÅ-MM-DD",
        "en": "a date is a datetime.date, a datetime64 at midnight or ISO text YYYY-MM-DD",
    },
    "batch.date_tz": {
        "da": "et tidspunkt med tidszone modtages ikke: reglerne tæller kalenderdage i Danmark; omregn først, "
              "fx {fix}",
        "en": "a tz-aware timestamp: the rules count calendar days in Denmark; convert first, e.g. {fix}",
    },
    "batch.kommune_type": {
        "da": "en kommune er et navn (str) eller None",
        "en": "a municipality is a name (str) or None",
    },
    "batch.choice": {
        "da": "skal være en af {allowed}",
        "en": "must be one of {allowed}",
    },
    "batch.bool_dtype": {
        "da": "en kolonne med sandhedsværdier har typen bool",
        "en": "a truth-value column has dtype bool",
    },
    "batch.frame_type": {
        "da": "forventede en pandas DataFrame, en pyarrow Table eller en polars DataFrame",
        "en": "expected a pandas DataFrame, a pyarrow Table or a polars DataFrame",
    },
    "batch.arrow_extension": {
        "da": "kun almindelige Arrow-typer modtages",
        "en": "plain Arrow types only",
    },
    "batch.compare_rule": {
        "da": "compare() beregner en af reglerne {rules}",
        "en": "compare runs one of {rules}",
    },
    "batch.compare_books": {
        "da": "angiv mindst ét scenarie i books (navn: satsbog, satsmappe eller indstillinger)",
        "en": "give at least one scenario in books (name: rate book, rate directory or settings)",
    },
    "batch.compare_baseline": {
        "da": "sammenligningsgrundlaget (baseline) er et af scenarierne {names}",
        "en": "the baseline is one of the scenarios {names}",
    },
    "batch.compare_money": {
        "da": "money= angives til compare() én gang for alle scenarier",
        "en": "give money= to compare, once for all scenarios",
    },
    "batch.scenario_type": {
        "da": "et scenarie er en RateBook, en satsmappe (overlay) eller en mapping af indstillinger",
        "en": "a scenario is a RateBook, a rate directory (overlay) or a mapping of settings",
    },
    "batch.comparison": {
        "da": "forventede den tabel, som compare() returnerede",
        "en": "expected the frame compare() returned",
    },
    "batch.value_missing": {
        "da": "en værdi skal angives ({missing} fundet)",
        "en": "a value is required ({missing} found)",
    },
    "batch.month_missing": {
        "da": "en måned skal angives ({missing} fundet)",
        "en": "a month is required ({missing} found)",
    },
    "batch.given_twice": {
        "da": "angiv enten {first} eller {second}, ikke begge",
        "en": "give either {first} or {second}, not both",
    },
    "batch.column_missing": {
        "da": "tabellen skal have en kolonne {name}{alternative}",
        "en": "the frame needs a column {name}{alternative}",
        "alternative_da": " eller {alternative}",
        "alternative_en": " or {alternative}",
    },
    "batch.not_one_value": {
        "da": "er ikke én værdi (men fx en liste eller en ordbog)",
        "en": "is not one value (but e.g. a list or a dict)",
    },
    "batch.column_not_one": {
        "da": "tabellen har ikke én kolonne ved navn {name}{count}{levels}",
        "en": "the frame has not one column named {name}{count}{levels}",
        "count_da": ", men {count}",
        "count_en": " but {count}",
        "levels_da": ", men et navn øverst i kolonnenavne i flere niveauer",
        "levels_en": " but a name at the top of a multi-level header",
        "remedy_da": "giv hver kolonne sit eget navn i én række kolonnenavne",
        "remedy_en": "give each column a name of its own, in one level of column names",
    },
    "batch.column_or_keyword": {
        "da": "angiv en kolonne {name} eller argumentet {name}=",
        "en": "give a column {name} or the argument {name}=",
    },
    "batch.column_and_keyword": {
        "da": "{name} er både en kolonne i tabellen og et nøgleordsargument; angiv den én gang",
        "en": "{name} is a column of the frame and a keyword argument: give it once",
    },
    "batch.shape": {
        "da": "forventede en tabel af formen {expected}",
        "en": "expected shape {expected}",
    },
    "batch.month_column": {
        "da": "en kolonne med {count} måneder, én pr. række",
        "en": "a column of {count} months, one per row",
    },
    "batch.usage_shape": {
        "da": "én række pr. person og én kolonne pr. måned",
        "en": "one row per person, one column per month",
    },
    "batch.minutes_dtype": {
        "da": "minutter er hele tal (int64)",
        "en": "minutes are whole numbers (an int64 array)",
        "remedy_da": "omregn timer med funktionerne i socialcalc.batch.frame",
        "remedy_en": "convert hours with socialcalc.batch.frame",
    },
    "batch.whole_minutes": {
        "da": "er ikke et helt antal minutter; timebanken efter § 97 tæller hele minutter",
        "en": "is not a whole number of minutes; the § 97 hour bank counts whole minutes",
        "remedy_da": "angiv {name} i stedet",
        "remedy_en": "give {name} instead",
    },
    "batch.before_first_month": {
        "da": "ligger før den første måned {first_month}: timebankens historik mangler",
        "en": "before the first month {first_month}: the bank's history is missing",
    },
    "batch.months_gap": {
        "da": "månederne skal følge hinanden i rækkefølge uden huller (forventede {expected})",
        "en": "the months must follow one another in order, without gaps (expected {expected})",
    },
    "batch.person_month_order": {
        "da": "personens måneder er ikke i rækkefølge (efter {after}): en persons rækker står i "
              "månedsrækkefølge, én pr. måned",
        "en": "months out of order for this person (after {after}): a person's rows are in month order, one per "
              "month",
    },
    "batch.person_constant": {
        "da": "en person har én værdi (den afviger fra personens første række)",
        "en": "a person has one value (it differs from the person's first row)",
    },
    "batch.person_missing": {
        "da": "hver række angiver sin person",
        "en": "every row names its person",
    },
    "batch.not_result": {
        "da": "tabellen er ikke et resultat af {functions}",
        "en": "the frame is not a result of {functions}",
    },
    "batch.not_kept": {
        "da": "tabellen er læst tilbage (fra Arrow eller Parquet) uden det, {functions} gemmer i hukommelsen til "
              "explain_row",
        "en": "the frame was read back (from Arrow or Parquet) without what {functions} keeps in memory for "
              "explain_row",
        "remedy_da": "forklar rækken i resultatet, som {functions} gav det",
        "remedy_en": "explain the row in the result as {functions} returned it",
    },
    "cli.usage_json": {
        "da": "er ikke gyldig JSON",
        "en": "not valid JSON",
    },
    "cli.usage_object": {
        "da": "forventede et JSON-objekt med måned og timer, fx {example}",
        "en": "expected a JSON object of month and hours, e.g. {example}",
    },
    "cli.usage_columns": {
        "da": "forventede to kolonner, måned og timer; fandt {count}",
        "en": "expected two columns, month,hours; got {count}",
    },
    "cli.usage_header": {
        "da": "overskriften er {header}",
        "en": "the header is {header_en}",
    },
    "cli.unreadable": {
        "da": "filen findes ikke eller kan ikke læses (UTF-8)",
        "en": "the file does not exist or cannot be read (UTF-8)",
    },
    "input.percentage": {
        "da": "en procentsats er et endeligt tal på mindst -100",
        "en": "a percentage is a finite number of at least -100",
    },
    "input.project_keys": {
        "da": "nøglerne i project er årstal, fx 2027",
        "en": "the keys of project are years, such as 2027",
    },
    "input.project": {
        "da": "project er True, False, en procentsats (Decimal) eller en tabel fra år til procentsats",
        "en": "project is True, False, a Decimal percentage or {{year: Decimal percentage}}",
    },
    "input.project_float": {
        "da": "et kommatal (float) modtages ikke",
        "en": "a float is not accepted",
        "remedy_da": "angiv procentsatsen som en Decimal, fx Decimal('3.3')",
        "remedy_en": "give the percentage as a Decimal, e.g. Decimal('3.3')",
    },
    "input.project_one_percent": {
        "da": "{key} den {day} kræver en procentsats for {count} år ({years_da}), og én procentsats gælder for "
              "præcis ét år; {how_da}",
        "en": "{key} on {day} needs a percentage for {count} years ({years_en}), and one Decimal is for exactly "
              "one year; {how_en}",
    },
    "input.project_one_percent_bands": {
        "da": "der er angivet én procentsats, men {reason}, og satsreguleringsprocenten mangler for {years_da}; "
              "angiv en procentsats for hvert år ({{år: procentsats}})",
        "en": "one percentage was given, but {reason}, and the satsreguleringsprocent is missing for {years_en}; "
              "give a percentage for each year ({{year: percentage}})",
    },
    "input.rate_file_path": {
        "da": "en sti inde i en satsmappe, der ender på .toml",
        "en": "a path inside a rate directory, ending in .toml",
    },
    "internal.catalog": {
        "da": "fejl i socialcalc's tekstkataloger (meld det til udviklerne): {rule}",
        "en": "a fault in socialcalc's text catalogs (report it to the developers): {rule}",
    },
    "input.frame": {
        "da": "rammen kan ikke forklares: {rule}",
        "en": "the frame cannot be explained: {rule}",
        "remedy_da": "giv en ramme, som en af socialcalc.batch.frame's funktioner har returneret",
        "remedy_en": "pass a frame that one of socialcalc.batch.frame's functions returned",
    },
    "input.row": {
        "da": "rækken findes ikke: {rule}",
        "en": "no such row: {rule}",
    },
    "input.explain": {
        "da": "kendes ikke; vælg en af {choices}",
        "en": "is not known; choose one of {choices}",
    },
    "input.budget_exceeded": {
        "da": "en § {paragraph}-bevilling over det resterende budget efter SEL § 117 a afvises: "
              "{remaining:kr} tilbage (budget {total:kr}, brugt {spent:kr})",
        "en": "a § {paragraph} booking over the remaining SEL § 117a budget is refused: "
              "{remaining:kr} remaining (budget {total:kr}, spent {spent:kr})",
    },
    # Rule-specific checks (exit code 2). A key ``<param>_da``/``<param>_en`` is a part of the sentence shown
    # only when the parameter is given (its text is rendered in its place).
    # § 103 befordring
    "input.price_form_both": {
        "da": "angiv enten per_km eller daily_total og daily_within_10km (zonebilletter), ikke begge",
        "en": "give either per_km or daily_total and daily_within_10km (zone tickets), not both",
    },
    "input.price_form_missing": {
        "da": "angiv turens pris: enten per_km eller daily_total og daily_within_10km (zonebilletter)",
        "en": "give the price of the trip: either per_km or daily_total and daily_within_10km (zone tickets)",
    },
    "input.price_form_zone": {
        "da": "zonebilletter kræver både daily_total (hele turen) og daily_within_10km (en tur inden for egen "
              "afstand)",
        "en": "zone tickets need both daily_total (the whole trip) and daily_within_10km (a trip within the "
              "own distance)",
        "remedy_da": "for en tur inden for egen afstand angives samme pris to gange",
        "remedy_en": "for a trip within it, give the same price twice",
    },
    "input.price_within_above_total": {
        "da": "prisen for en tur inden for egen afstand er højere end prisen for hele turen "
              "(daily_total = {total:kr})",
        "en": "the price of the trip within the own distance is above the whole trip's price "
              "(daily_total = {total:kr})",
    },
    # § 100 merudgifter og kompensationsydelse
    "input.per": {
        "da": "udgifterne angives pr. måned ('month') eller pr. år ('year')",
        "en": "the expenses are given per 'month' or per 'year'",
    },
    "input.group": {
        "da": "kompensationsydelsens gruppe er 'I' eller 'II'",
        "en": "the kompensationsydelse's group is 'I' or 'II'",
    },
    "input.group_regime": {
        "da": "grupper findes kun i kompensationsydelsen; afgørelsen{decided} hører under merudgiftsydelsen",
        "en": "groups exist only in the kompensationsydelse; the decision{decided} falls under the merudgiftsydelse",
        "decided_da": " af {decided}",
        "decided_en": " of {decided}",
    },
    "input.group_below_minimum": {
        "da": "borgeren er ikke omfattet af nogen gruppe: de sandsynliggjorte merudgifter på {monthly:kr} om "
              "måneden er under kompensationsydelsens mindstegrænse på {minimum:kr} om måneden",
        "en": "the person qualifies for no group: the probable expenses {monthly:kr} a month are under the "
              "kompensationsydelse's minimum {minimum:kr} a month",
    },
    "input.group_not_qualified": {
        "da": "borgeren er ikke omfattet af gruppe II: den kræver dokumenterede udgifter af de opregnede typer "
              "(positivlisten) på over {bound:kr} om måneden{listed}",
        "en": "the person does not qualify for group II: it needs documented expenses of the listed types "
              "(positivlisten) of over {bound:kr} a month{listed}",
        "listed_da": ", og {listed:kr} om måneden er ikke over",
        "listed_en": ", and {listed:kr} a month is not over",
    },
    "input.listed_over_total": {
        "da": "er større end de samlede udgifter på {total:kr}: de dokumenterede udgifter af de opregnede typer "
              "er en del af de samlede udgifter",
        "en": "larger than the total expenses {total:kr}: the documented expenses of the listed types are part "
              "of the total",
    },
    "input.before_first_table": {
        "da": "SEL § 100 beregnes for afgørelser fra {first} (satsbogens første beløbstabel); der er ingen "
              "tabel for en tidligere afgørelse",
        "en": "SEL § 100 is computed for decisions from {first} (the first band table in the rate book); there "
              "is no table for an earlier decision",
    },
    "input.transition_passed": {
        "da": "en merudgiftsydelse bevilget efter de hidtidige regler{decided} løber kun videre, til den er "
              "revurderet, senest til overgangsfristen {deadline} ({paragraph}); den kan ikke udbetales fra "
              "den dag",
        "en": "a merudgiftsydelse awarded under the old rules{decided} runs on only until it is reassessed, at "
              "the latest by the transition deadline {deadline} ({paragraph}); it cannot be paid from that date",
        "decided_da": " (afgørelse af {decided})",
        "decided_en": " (decision of {decided})",
        "remedy_da": "revurder den som kompensationsydelse",
        "remedy_en": "reassess it as a kompensationsydelse",
    },
    "input.one_off_regime": {
        "da": "fra {valid_from} bevilges nye ydelser som kompensationsydelse; reglerne om enkeltstående "
              "merudgifter i {paragraph} gælder merudgiftsydelsen",
        "en": "from {valid_from} new awards are kompensationsydelse; the one-off rules of {paragraph} apply to "
              "the merudgiftsydelse",
        "remedy_da": "angiv recipient=True for en borger, der stadig modtager merudgiftsydelse",
        "remedy_en": "pass recipient=True for a person who still receives one",
    },
    "input.one_off_running": {
        "da": "løbende udgifter på {running:kr} om {per_da} når minimumsbeløbet på {minimum:kr} om måneden: "
              "borgeren har ret til den månedlige merudgiftsydelse (calculate()), og en enkeltstående udgift "
              "udbetales da som til en modtager (recipient=True)",
        "en": "running expenses of {running:kr} a {per} reach the minimum {minimum:kr} a month: the person is "
              "entitled to the monthly merudgiftsydelse (calculate()), and a one-off expense is then paid as "
              "for a recipient (recipient=True)",
    },
    "input.before_last_fixing": {
        "da": "ligger før den seneste fastsættelse den {last}",
        "en": "is before the last fixing on {last}",
    },
    # § 117 a hastigt fremadskridende sygdom
    "input.paragraph_117a": {
        "da": "SEL § 117 a omfatter kun hjælp efter §§ 83, 97, 112 og 116{why}",
        "en": "SEL § 117a covers help under §§ 83, 97, 112 and 116 only{why}",
        "why_da": " (forbrugsgoder efter § 113 er ikke omfattet)",
        "why_en": " (§ 113 consumer goods are not covered)",
    },
    "input.paragraph_whole": {
        "da": "paragraffen er et helt tal: 83, 97, 112 eller 116",
        "en": "the paragraph is a whole number: 83, 97, 112 or 116",
    },
    "input.booking_not_positive": {
        "da": "en bevillings værdi skal være positiv",
        "en": "a booking's value must be positive",
    },
    "input.ore": {
        "da": "et beløb er kroner og øre (højst to decimaler)",
        "en": "an amount is kroner and øre (at most two decimals)",
        "remedy_da": "afrund det først",
        "remedy_en": "round it first",
    },
    "input.before_117a": {
        "da": "SEL § 117 a trådte i kraft den {in_force} ({source}); der er intet § 117 a-budget for en "
              "afgørelse før den dag",
        "en": "SEL § 117a took effect on {in_force} ({source}); there is no § 117a budget for a decision "
              "before that day",
    },
    "input.earlier_help": {
        "da": "hjælp efter SEL § 117 a gives ikke til en borger, der allerede har fået hjælp efter serviceloven "
              "til samme sygdom",
        "en": "SEL § 117a help is not given to a person who has already had help under serviceloven for the "
              "same disease",
    },
    "input.booking_before_decision": {
        "da": "en bevilling kan ikke dateres før afgørelsen ({decided})",
        "en": "a booking cannot be dated before the decision ({decided})",
    },
    "input.second_account": {
        "da": "hjælp efter SEL § 117 a gives én gang pr. sygdomsforløb, og forløbet har allerede et budget "
              "(afgørelse {when}); bogfør på det budget i stedet",
        "en": "SEL § 117a help is given once per disease course, and this course already has an account "
              "(decided on {when}); book on that account instead",
    },
    "input.time_paragraph": {
        "da": "tid (timer eller minutter) bogføres kun for hjælp efter § 83 og § 97",
        "en": "time (hours or minutes) is booked only for help under § 83 and § 97",
    },
    "input.time_or_amount": {
        "da": "angiv enten værdien (amount) eller tiden (hours eller minutes) med en timepris (hourly_price)",
        "en": "give either the value (amount) or the time (hours or minutes) with an hourly price (hourly_price)",
    },
    "input.bookings_unreadable": {
        "da": "filen {why}",
        "en": "the file {why}",
        "why_da": "findes ikke eller kan ikke læses",
        "why_en": "does not exist or cannot be read",
    },
    "input.bookings_not_list": {
        "da": "JSON-filen skal indeholde en liste af bevillinger: [{{…}}, …]",
        "en": "the JSON file must hold a list of bookings: [{{…}}, …]",
    },
    "input.bookings_header": {
        "da": "CSV-filen skal have en overskriftslinje med kolonnerne paragraph, date, amount og eventuelt "
              "description",
        "en": "the CSV needs a header row with paragraph,date,amount[,description]",
    },
    "input.bookings_extra": {
        "da": "linjen har flere felter, end overskriften nævner",
        "en": "more fields than the header names",
    },
    "input.bookings_json": {
        "da": "er ikke gyldig JSON",
        "en": "not valid JSON",
    },
    "input.booking_object": {
        "da": "en bevilling er et objekt med paragraph, date, amount og description",
        "en": "a booking is an object with paragraph, date, amount, description",
    },
    "input.booking_key": {
        "da": "ukendt nøgle; en bevilling har paragraph, date, amount og description",
        "en": "unknown key; a booking has paragraph, date, amount, description",
    },
    "input.booking_missing": {
        "da": "mangler; en bevilling skal have paragraph, date og amount",
        "en": "missing; a booking needs paragraph, date and amount",
    },
    "input.booking_paragraph_text": {
        "da": "skriv paragraffen som 83, 97, 112 eller 116",
        "en": "write the paragraph as 83, 97, 112 or 116",
    },
    "input.booking_date_text": {
        "da": "er ikke en dato; skriv ÅÅÅÅ-MM-DD",
        "en": "not a date; write YYYY-MM-DD",
    },
    "input.existing_accounts": {
        "da": "eksisterende konti er Budget-objekter (læs dem tilbage med Budget.model_validate_json)",
        "en": "existing accounts are Budget objects (read back with Budget.model_validate_json)",
    },
    # §§ 107-110 egenbetaling
    "input.day_rate_paragraph": {
        "da": "en takst pr. døgn findes kun for SEL § 109 (kvindekrisecenter) og § 110 (forsorgshjem/herberg)",
        "en": "a rate per døgn exists only for SEL § 109 (kvindekrisecenter) and § 110 (forsorgshjem/herberg)",
    },
    "input.reduction_form": {
        "da": "angiv præcis ét af amount (kroner) og share (0-1)",
        "en": "give exactly one of amount (kroner) and share (0-1)",
    },
    "input.share": {
        "da": "en andel er fra 0 til 1 (1 er fuld eftergivelse)",
        "en": "a share is from 0 to 1 (1 is a waiver)",
    },
    "input.departure_before_arrival": {
        "da": "fraflytningen ligger før indflytningen ({arrival})",
        "en": "the departure is before the arrival ({arrival})",
    },
    "input.housing_part_missing": {
        "da": "angiv prisen for boligdelen (svarende til husleje), når beboeren beholder sin egen bolig: den "
              "opkræves ikke",
        "en": "give the cost of the housing part (rent-equivalent) when the resident keeps their own dwelling: "
              "it is not charged",
    },
    "input.housing_part_too_high": {
        "da": "boligdelen kan ikke koste mere end alle de inkluderede ydelser ({items:kr})",
        "en": "the housing part cannot cost more than all the included items ({items:kr})",
    },
    "input.couple_fields": {
        "da": "angiv præcis joint_income og social_pension",
        "en": "give exactly joint_income and social_pension",
    },
    "input.couple": {
        "da": "et Couple eller en dict med joint_income og social_pension",
        "en": "a Couple, or a dict with joint_income and social_pension",
    },
    "input.single_in_couple": {
        "da": "en reelt enlig pensionist er ikke en del af et par",
        "en": "a truly single pensioner is not part of a couple",
    },
    # § 97 ledsageordning
    "input.before_birth": {
        "da": "ligger før fødselsdatoen {birth}",
        "en": "is before the birth date {birth}",
    },
    "input.before_grant": {
        "da": "ligger før bevillingsdatoen {grant_date}",
        "en": "is before the grant date {grant_date}",
    },
    "input.whole_minutes": {
        "da": "er {minutes:num} minutter, ikke et helt antal minutter; timebanken efter § 97 tæller hele minutter",
        "en": "is {minutes:num} minutes, not a whole number of minutes; the § 97 hour bank counts whole minutes",
        "remedy_da": "angiv minutes=… i stedet",
        "remedy_en": "give minutes=… instead",
    },
    "input.duration": {
        "da": "angiv tiden enten som timer eller som minutes=…",
        "en": "give the time either as hours or as minutes=…",
    },
    "input.insufficient_hours": {
        "da": "der er kun {available_da} til rådighed i {month_da}, og timer kan ikke bruges forud; intet er "
              "registreret",
        "en": "only {available_en} are available in {month_en}, and hours cannot be used in advance; nothing was "
              "recorded",
    },
    "input.deduction_uncovers_use": {
        "da": "fradraget fra {from_da} ville efterlade forbruget i {month_da} udækket (der er kun {available_da} "
              "til rådighed); intet er ændret",
        "en": "the deduction from {from_en} would leave the use recorded in {month_en} uncovered (only "
              "{available_en} are available); nothing was changed",
    },
    "input.use_out_of_order": {
        "da": "ligger før {last_da}, hvor der allerede er registreret forbrug; forbrug registreres i "
              "månedsrækkefølge",
        "en": "is earlier than {last_en}, for which use is already recorded; uses are recorded in month order",
    },
    "input.deduction_out_of_order": {
        "da": "ligger før den seneste ændring af fradraget ({latest_da}); ændringer registreres i "
              "månedsrækkefølge",
        "en": "is earlier than the latest deduction change ({latest_en}); changes are recorded in month order",
    },
    "input.before_bank_start": {
        "da": "ligger før timebankens første måned, {start_da}; der bevilges og bruges ingen timer, før ordningen "
              "træder i kraft",
        "en": "is before the bank's first month, {start_en}; nothing is granted or used before the scheme takes "
              "effect",
    },
    "input.use_before_person_start": {
        "da": "forbruget i {month_da} ligger før personens første måned; der bevilges og bruges ingen timer, før "
              "ordningen træder i kraft",
        "en": "the use in {month_en} is before the person's first month; nothing is granted or used before the "
              "scheme takes effect",
    },
    "rate.sel097_saving_months": {
        "da": "ledsageordningens opsparingsperiode er {value} måneder den {day} ({where}); timer skal kunne bruges "
              "mindst i den måned, de bevilges, så opsparingsperioden er mindst 1 måned",
        "en": "sel097.saving_months = {value} on {day} ({where}): hours must be usable at least in the month they "
              "are granted; the saving period is 1 month or more",
    },
    "rate.sel097_order_of_use": {
        "da": "rækkefølgen for brug af opsparede timer har en ukendt værdi den {day} ({where}); der findes to "
              "rækkefølger: de ældste timer først, eller månedens egne timer og derefter de senest opsparede",
        "en": "sel097.order_of_use = {value} on {day} ({where}): socialcalc knows {known}",
    },
    # Rate errors: exit code 3 (not published) or 1 (faults in rate files); the message is the template.
    "rate.not_published": {
        "da": "satsen {key} har ingen værdi {on}{why}{known}{hint}",
        "en": "rate {key} has no value {on}{why}{known}{hint}.",
        "on_da": "den {day}",
        "on_en": "on {day}",
        "any_day_da": "på nogen dag",
        "any_day_en": "on any date",
        "known_da": "; senest kendte værdi: {last_known}{last_from}",
        "known_en": "; last known value: {last_known}{last_from}",
        "from_da": " (gældende fra {last_from})",
        "from_en": " (valid from {last_from})",
        "unknown_da": "; ingen tidligere værdi kendes",
        "unknown_en": "; no earlier value is known",
        "hint_da": ". Angiv project=True (eller en satsreguleringsprocent) for at fremskrive den; "
                   "resultatet markeres da som fremskrevet",
        "hint_en": ". Pass project=True (or a satsreguleringsprocent) to project it, flagged as projected",
    },
    "rate.unknown": {
        "da": "ukendt sats eller kommune: {rule}",
        "en": "{rule}",
    },
    "rate.unknown_kommune": {
        "da": "kommune = {kommune}: satsbogen har ingen satstabel for denne kommune (kendte: {known})",
        "en": "kommune = {kommune}: no rate table for this municipality (known: {known})",
    },
    "rate.unknown_key": {
        "da": "satsbogen kender ikke satsen {key}{near}",
        "en": "unknown rate key {key}{near}",
        "near_da": "; mente du {near}?",
        "near_en": "; did you mean {near}?",
    },
    "rate.not_optional": {
        "da": "{key} er ikke en valgfri kommunal sats; hent den med get()",
        "en": "{key} is not an optional policy; use Rates.get",
    },
    "rate.none_published": {
        "da": "{key} har ingen offentliggjort værdi i satsbogen",
        "en": "{key} has no published value in the rate book",
    },
    "rate.file": {
        "da": "{count} fejl i satsfilerne:\n{faults}",
        "en": "{count} fault(s) in the rate files:\n{faults}",
    },
}
"""Every error code with its Danish (``da``) and English (``en``) template and, where it has one, its remedy.

The docs page *Errors* (``docs/errors.md``) holds :func:`catalog_table`; a test keeps the two in step.
"""

REASONS: dict[str, dict[str, str]] = {
    "no_value": {"da": "satsbogen har ingen værdi for den", "en": "the book holds no value of it"},
    "municipal_missing": {
        "da": "{title} fastsættes af kommunen, og kommunen '{kommune}' har ingen i sin satstabel",
        "en": "{title} is municipal policy, and municipality '{kommune}' has none in its table",
    },
    "municipal_no_kommune": {
        "da": "{title} fastsættes af kommunen, og der er ikke angivet nogen kommune",
        "en": "{title} is municipal policy, and no municipality was given",
    },
    "ended": {"da": "reglen ophørte den {ends}{source}", "en": "the rule ended on {ends}{source}",
              "source_da": ": {source}", "source_en": ": {source}"},
    "expected": {
        "da": "ventes fra {valid_from}, endnu ikke offentliggjort{drafted}{note}",
        "en": "expected from {valid_from}, not yet published{drafted}{note}",
        "drafted_da": "; et udkast til beløbet afventer bekræftelse",
        "drafted_en": "; a drafted figure awaits confirmation",
        "note_da": ": {note}", "note_en": ": {note}",
    },
    "too_early": {"da": "ingen værdi så tidligt", "en": "no value this early"},
    "year_missing": {
        "da": "ingen værdi offentliggjort for {year}{follows}", "en": "no value published for {year}{follows}",
        "follows_da": "; den følger {regulation} ({paragraph}), så kun en procentsats, du angiver, fremskriver "
                      "den: {how_da}",
        "follows_en": "; it follows {regulation} ({paragraph}), so only a percentage you give projects it: {how_en}",
    },
    "last_ended": {"da": "dens seneste værdi er udløbet", "en": "its last value ended"},
    "not_indexed": {
        "da": "den reguleres ikke efter noget indeks og kan derfor ikke fremskrives; tilføj det offentliggjorte "
              "beløb til satsbogen",
        "en": "it is not regulated by any index, so it cannot be projected; add the published figure to the "
              "rate book",
    },
    "no_index": {
        "da": "satsbogen har ingen {regulation} for {years} ({file}); {how_da}",
        "en": "the book holds no {regulation} for {years} ({file}); {how_en}",
    },
    "other_regulation": {
        "da": "den reguleres efter {regulation} ({paragraph}), så project=True kan ikke fremskrive den; {how_da}",
        "en": "it is regulated by {regulation} ({paragraph}), so project=True cannot project it; {how_en}",
    },
    "percent_absent": {
        "da": "project angiver ingen procentsats for {years} ({regulation}); {how_da}",
        "en": "project gives no percentage for {years} ({regulation}); {how_en}",
    },
}
"""The reasons a rate is not published (``RateNotPublished.reason_code``), each in Danish and English.

A key ``<param>_da``/``<param>_en`` is a part shown only when the parameter is given.
"""

_FRAME = {"da": "{field} = {value}: {rule}", "en": "{field} = {value}: {rule}"}


def _danish_number(value: Decimal, places: int | None) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * places if places else "") if places is not None else "#,##0.##########"
    text: str = format_decimal(value, format=pattern, locale="da_DK", decimal_quantization=places is not None)
    return text


class _Formatter(string.Formatter):
    """Formats a template: ``{x:kr}`` as an amount in kroner, Decimals and dates in the locale's style."""

    def __init__(self, locale: Locale) -> None:
        self.locale = locale

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "kr":
            amount = Decimal(value) if isinstance(value, int | Decimal) else None
            if amount is None or not amount.is_finite():
                return f"{value} kr."
            if self.locale == "da":
                return f"{_danish_number(amount, 2)} kr."
            return f"{amount:,.2f} kr."
        if format_spec == "num" and isinstance(value, int | Decimal):
            if self.locale == "da":
                return _danish_number(Decimal(value), None)
            return f"{value:,}"
        if format_spec in ("kr", "num"):
            return str(value)
        if isinstance(value, date) and not format_spec:
            if self.locale == "da":
                from babel.dates import format_date

                return str(format_date(value, format="d. MMMM y", locale="da_DK"))
            return value.isoformat()
        return str(super().format_field(value, format_spec))


def _number_text(text: str, locale: Locale) -> str:
    """``text`` with a plain number (``93.38``, ``1041``) in the locale's format; any other text as written.

    >>> _number_text("1041.50", "da"), _number_text("fra 534", "da"), _number_text("1041.50", "en")
    ('1.041,50', 'fra 534', '1041.50')
    """
    if locale != "da" or not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return text
    places = len(text.split(".")[1]) if "." in text else 0
    return _danish_number(Decimal(text), places)


def _render(template: str, locale: Locale, params: Mapping[str, Any]) -> str:
    return _Formatter(locale).vformat(template, (), _Defaulting(params))


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


# --- the hierarchy -----------------------------------------------------------------------------------------


class SocialcalcError(ValueError):
    """The root of every error socialcalc raises on purpose.

    ``code`` is stable (see :data:`CATALOG`); ``fields`` holds the facts; ``message(locale)`` renders the
    catalog's template (``str(err)`` is the Danish message). Every value is redacted for CPR numbers.

    >>> err = SocialcalcError("rate.unknown", rule="unknown rate key 'x'")
    >>> err.code, str(err)
    ('rate.unknown', "ukendt sats eller kommune: unknown rate key 'x'")
    """

    default_code = "input.invalid"

    def __init__(self, code: str | None = None, /, **fields: Any) -> None:
        self._text: str | None = None
        if code is not None and code not in CATALOG:  # the legacy form: a finished message, shown as written
            self._text = str(redact(code))
            fields = {"rule": self._text, **fields}
            code = None
        self.code: str = code or self.default_code
        self.fields: dict[str, Any] = {name: redact(v) for name, v in fields.items()}
        super().__init__(self.message("da"))

    def _params(self, locale: Locale) -> dict[str, Any]:
        params = dict(self.fields)
        entry = CATALOG[self.code]
        for name, value in self.fields.items():  # an optional part, shown only when its parameter is given
            part = entry.get(f"{name}_{locale}")
            if part is not None and name != "remedy":
                params[name] = "" if value is None or value is False or value == "" else _render(
                    part, locale, self.fields)
        return params

    def message(self, locale: Locale = "da") -> str:
        """The message in ``locale`` (``"da"``, the default, or ``"en"``), from the catalog.

        >>> RateFileError([]).message("en")
        '0 fault(s) in the rate files:\\n'
        """
        if locale not in ("da", "en"):
            raise InvalidInput("locale", locale, code="input.explain", choices="'da' eller 'en'")
        if self._text is not None:
            return self._text
        text = _render(CATALOG[self.code][locale], locale, self._params(locale))
        return str(redact(text))

    def __str__(self) -> str:
        # the Danish message, as set at construction (an interface may add context to ``args``, e.g. a row label)
        return str(redact(self.args[0])) if self.args else self.message("da")

    def to_dict(self, locale: Locale = "da") -> dict[str, Any]:
        """The error as JSON-ready data: ``code``, ``message`` (in ``locale``) and ``fields`` as text.

        >>> InvalidInput("hours", Decimal("-1"), code="input.negative").to_dict()["fields"]
        {'field': 'hours', 'value': '-1', 'rule': 'må ikke være negativ'}
        """
        return {
            "code": self.code,
            "error": type(self).__name__,
            "message": str(self) if locale == "da" else self.message(locale),
            "fields": {name: _plain(v) for name, v in self.public_fields(locale).items()},
        }

    def public_fields(self, locale: Locale = "da") -> dict[str, Any]:
        """The fields shown to programs (the same as ``fields``, with the rule and remedy in ``locale``)."""
        return dict(self.fields)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return redact(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return redact(str(value))


class InvalidInput(SocialcalcError):
    """Bad input to a calculation.

    The message names the field, the value and the rule broken; the same facts are attributes
    (``field``, ``value``, ``rule``, ``remedy``; ``rule`` and ``remedy`` in Danish). Give a ``code`` from the
    catalog and its parameters; ``rule`` alone (code ``input.invalid``) is the legacy form, the text shown as
    written.

    >>> err = InvalidInput("hours", "-1", "timer kan ikke være negative")
    >>> str(err)
    'hours = -1: timer kan ikke være negative'
    >>> err.field, err.code
    ('hours', 'input.invalid')
    """

    def __init__(self, field: str, value: Any, rule: str = "", *, code: str | None = None, **params: Any) -> None:
        code = code or self.default_code
        if code not in CATALOG:
            raise KeyError(f"error code {code!r} is not in socialcalc.errors.CATALOG")
        self.code = code
        self.params = {name: redact(v) for name, v in params.items()}
        self.field = str(redact(field))
        self.value = redact(value)
        self._rule_text = str(redact(rule))
        self.rule = self._rule("da")
        self.remedy = self._remedy("da")
        super().__init__(code, field=self.field, value=self.value, rule=self.rule, remedy=self.remedy,
                         **self.params)

    def _rule(self, locale: Locale) -> str:
        params = {**self.params, "rule": self._rule_text}
        entry = CATALOG[self.code]
        for name, value in self.params.items():  # an optional part, shown only when its parameter is given
            part = entry.get(f"{name}_{locale}")
            if part is not None:
                params[name] = "" if value is None or value is False else _render(part, locale, self.params)
        return str(redact(_render(CATALOG[self.code][locale], locale, params)))

    def _remedy(self, locale: Locale) -> str:
        template = CATALOG[self.code].get(f"remedy_{locale}", "")
        return str(redact(_render(template, locale, self.params))) if template else ""

    def message(self, locale: Locale = "da") -> str:
        """The message in ``locale``: ``field = value: rule`` (and ``; remedy``).

        >>> InvalidInput("day", "2024-01-01T10:00", code="input.datetime").message("en")
        'day = 2024-01-01T10:00: a datetime is not accepted: the rules count whole days; \
pass a datetime.date, e.g. by .date()'
        """
        if locale not in ("da", "en"):
            raise InvalidInput("locale", locale, code="input.explain", choices="'da' eller 'en'")
        rule = self._rule(locale)
        remedy = self._remedy(locale)
        text = _FRAME[locale].format(field=self.field, value=self.value, rule=rule)
        return str(redact(f"{text}; {remedy}" if remedy else text))

    def public_fields(self, locale: Locale = "da") -> dict[str, Any]:
        shown = {"field": self.field, "value": self.value, "rule": self._rule(locale)}
        remedy = self._remedy(locale)
        if remedy:
            shown["remedy"] = remedy
        return {**shown, **{k: v for k, v in self.params.items() if k not in shown}}


class RateError(SocialcalcError):
    """Something is wrong with a rate: missing, unknown, or badly written."""

    default_code = "rate.unknown"

    def __init__(self, rule: str = "", /, *, code: str | None = None, **fields: Any) -> None:
        self.rule = str(redact(rule))
        super().__init__(code, **({"rule": self.rule} if rule else {}), **fields)


class UnknownRate(RateError):
    """A rate key or a municipality that the rate book does not know.

    >>> err = UnknownRate(code="rate.unknown_kommune", kommune="aarhus", known="lejre, lemvig")
    >>> err.code, err.fields["kommune"]
    ('rate.unknown_kommune', 'aarhus')
    """


class RateNotPublished(RateError):
    """No value of ``key`` holds on ``day`` (strict mode never reuses another period's value).

    ``last_known`` is the latest value before ``day`` as text (or ``None``), so the caller can decide to project;
    ``last_from`` the day it took effect, ``last_known_da`` the value as Danish text (a band table as prose). A
    plain number in ``last_known`` is shown in the message's language (Danish: decimal comma), the day as a
    Danish date.

    >>> err = RateNotPublished("sel110.per_day", date(2022, 3, 1), "93.38", last_from=date(2021, 1, 1),
    ...                        can_project=False)
    >>> str(err).split("; ")[-1]
    'senest kendte værdi: 93,38 (gældende fra 1. januar 2021)'
    >>> err.message("en").split("; ")[-1]
    'last known value: 93.38 (valid from 2021-01-01).'

    >>> err = RateNotPublished("sel097.expense_grant_max", date(2030, 1, 1), "13522.00")
    >>> err.code
    'rate.not_published'
    >>> str(err).split(".")[0]
    'satsen sel097'
    """

    default_code = "rate.not_published"
    can_project = True

    def __init__(
        self, key: str, day: Any, last_known: str | None, reason: str = "", *, can_project: bool = True,
        last_from: date | None = None, last_known_da: str | None = None, **reason_params: Any,
    ) -> None:
        self.key = str(redact(key))
        self.day = redact(day)
        self.last_known = last_known
        self.last_from = last_from
        self._last_known_da = last_known_da
        self.reason_code: str | None = reason if reason in REASONS else None
        self.reason_params = {name: redact(v) for name, v in reason_params.items()}
        self._reason_text = str(redact(reason))
        self.reason = self._reason("da")
        self.can_project = can_project
        extra = {"reason_code": self.reason_code, **self.reason_params} if self.reason_code else {}
        SocialcalcError.__init__(self, self.default_code, key=self.key, day=self.day, last_known=last_known,
                                 **({"last_from": last_from} if last_from else {}), reason=self.reason,
                                 can_project=can_project, **extra)

    def _reason(self, locale: Locale) -> str:
        """The reason in ``locale`` (a reason given as free text is shown as written)."""
        if self.reason_code is None:
            return self._reason_text
        entry = REASONS[self.reason_code]
        params: dict[str, Any] = dict(self.reason_params)
        for name, value in self.reason_params.items():
            part = entry.get(f"{name}_{locale}")
            if part is not None:
                params[name] = "" if value is None or value is False or value == "" else _render(
                    part, locale, self.reason_params)
        return str(redact(_render(entry[locale], locale, params)))

    def _params(self, locale: Locale) -> dict[str, Any]:
        entry = CATALOG[self.code]
        params = dict(self.fields)
        if self.last_known is not None:
            if locale == "da" and self._last_known_da:  # already Danish text (not to be read as a number again)
                params["last_known"] = self._last_known_da
            else:
                params["last_known"] = _number_text(self.last_known, locale)
        params["last_from"] = _render(entry[f"from_{locale}"], locale, {"last_from": self.last_from}) \
            if self.last_from else ""
        params["on"] = _render(entry[f"on_{locale}"] if self.day is not None else entry[f"any_day_{locale}"],
                               locale, params)
        params["known"] = _render(entry[f"known_{locale}"] if self.last_known else entry[f"unknown_{locale}"],
                                  locale, params)
        params["hint"] = entry[f"hint_{locale}"] if self.can_project else ""
        reason = self._reason(locale)
        params["why"] = f" ({reason})" if reason else ""
        return params


@dataclass(frozen=True)
class RateFault:
    """One fault in one rate file: where it is, what is wrong, and how to fix it."""

    file: str
    line: int
    col: int
    problem: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return str(redact(f"{self.file}:{self.line}:{self.col}: {tag}{self.problem} — {self.fix}"))


class RateFileError(RateError):
    """The rate files hold one or more faults; ``faults`` lists every one of them (nothing was loaded)."""

    default_code = "rate.file"

    def __init__(self, faults: Sequence[RateFault]) -> None:
        self.faults = tuple(faults)
        lines = "\n".join(str(f) for f in self.faults)
        SocialcalcError.__init__(self, self.default_code, count=len(self.faults), faults=lines)


def catalog_table() -> str:
    """The catalog as a Markdown table (code, Danish message, English message), as shown in the docs.

    >>> catalog_table().splitlines()[0]
    '| Code | Dansk | English |'
    """
    rows = ["| Code | Dansk | English |", "|---|---|---|"]
    for code, entry in CATALOG.items():
        da = entry.get("title") or entry["da"]
        if "remedy_da" in entry:
            da = f"{da}; {entry['remedy_da']}"
        en = entry["en"] + (f"; {entry['remedy_en']}" if "remedy_en" in entry else "")
        cells = [f"`{code}`", da, en]
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(rows)


def reasons_table() -> str:
    """The reasons of ``rate.not_published`` as a Markdown table (reason code, Danish, English), as in the docs.

    >>> reasons_table().splitlines()[0]
    '| Reason | Dansk | English |'
    """
    rows = ["| Reason | Dansk | English |", "|---|---|---|"]
    for code, entry in REASONS.items():
        cells = [f"`{code}`", entry["da"], entry["en"]]
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(rows)
