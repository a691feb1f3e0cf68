"""``socialcalc rates check|show|coverage|draft``: validate, inspect and draft rate tables.

- ``rates check [DIR] [--overlay DIR]…``: every fault (``file:line:col``) and warning, drift from the index
  included (a drafted ``expected`` figure too);
- ``rates coverage [--until YEAR]``: the grade each key holds per year, through the year after the latest date
  in the book (or ``YEAR``);
- ``rates draft YEAR --out DIR``: next year's file, every yearly key pre-filled with its projection and marked
  ``expected``, for a person to confirm against the ministry's table.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from socialcalc.cli.common import add_json, add_kommune, add_rates
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.ratebook import Band, Kind, RateBook, Status, check_rates, coverage, load_rates, packaged_rates_dir
from socialcalc.ratebook.manifest import write_manifest

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``rates`` and its subcommands."""
    p = sub.add_parser("rates", help="check and show the rate tables")
    rs = p.add_subparsers(dest="rates_command", metavar="SUBCOMMAND", required=True)

    c = rs.add_parser("check", help="check a rate directory: every fault, with file:line:col")
    c.add_argument("dir", nargs="?", default=None, help="rate directory (default: the packaged tables)")
    c.add_argument("--overlay", "--rates", action="append", default=[], metavar="DIR",
                   help="check DIR as an overlay on the base directory (repeatable; --rates is the same)")
    c.add_argument("--coverage", action="store_true", help="also print the coverage report")
    c.add_argument("--update-manifest", action="store_true",
                   help="rewrite DIR/MANIFEST.toml (the files and their checksums) before checking")
    add_json(c)
    c.set_defaults(func=_check)

    s = rs.add_parser("show", help="show the rates that hold in a year or on a date")
    s.add_argument("when", metavar="YEAR-OR-DATE", help="2024 (every value of the year) or 2024-06-01")
    add_kommune(s)
    s.add_argument("--project", nargs="?", const="stored", default=None, metavar="PERCENT",
                   help="project missing yearly amounts (with the stored satsreguleringsprocent, or PERCENT)")
    s.add_argument("--dir", default=None, help="rate directory (default: the packaged tables)")
    add_rates(s)
    add_json(s)
    s.set_defaults(func=_show)

    v = rs.add_parser("coverage", help="which years hold official, derived or no values, per key")
    v.add_argument("--dir", default=None, help="rate directory (default: the packaged tables)")
    v.add_argument("--until", type=_year, default=None, metavar="YEAR",
                   help="last year shown (default: the year after the latest date in the book)")
    add_rates(v)
    add_kommune(v)
    add_json(v)
    v.set_defaults(func=_coverage)

    d = rs.add_parser("draft", help="write YEAR's national file, every yearly key projected and marked expected")
    d.add_argument("year", type=_year, metavar="YEAR", help="the year to draft (one the book does not publish)")
    d.add_argument("--out", required=True, metavar="DIR", help="overlay directory to write national/YEAR.toml in")
    d.add_argument("--dir", default=None, help="rate directory (default: the packaged tables)")
    d.add_argument("--percent", type=_percent, default=None, metavar="PCT",
                   help="the percentage for YEAR where the book holds no index figure (e.g. 2.9)")
    add_rates(d)
    d.set_defaults(func=_draft)


def _year(text: str) -> int:
    if not re.fullmatch(r"(19|20|21)\d\d", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} er ikke et år som 2027")
    return int(text)


def _percent(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"{text!r} er ikke en procentsats som 2.9") from None
    if not value.is_finite() or value < -100:
        raise argparse.ArgumentTypeError(f"{text!r}: en procentsats er et endeligt tal på mindst -100")
    return value


def _check(args: argparse.Namespace) -> int:
    if args.update_manifest:
        try:
            written = write_manifest(Path(args.dir) if args.dir is not None else packaged_rates_dir())
        except OSError as err:
            print(f"manifestet kan ikke skrives: {err.strerror} ({err.filename})", file=sys.stderr)
            return 1
        print(f"wrote {written}")
    report = check_rates(args.dir, overlays=args.overlay)
    if args.json:
        print(json.dumps({
            "errors": [str(f) for f in report.errors],
            "warnings": [str(f) for f in report.warnings],
        }, indent=2, ensure_ascii=False))
    else:
        for f in report.errors + report.warnings:
            print(f)
        print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")
        if args.coverage and report.book is not None:
            _print_coverage(report.book, None)
    return 1 if report.errors else 0


def _dates(book: RateBook, when: str) -> list[date]:
    if re.fullmatch(r"\d{4}", when):
        year = int(when)
        starts = {date(year, 1, 1)}
        for key in book.keys():
            for scope in [None, *sorted(book.kommuner)]:
                starts.update(r.valid_from for r in book.history(key, scope) if r.valid_from.year == year)
        return sorted(starts)
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):  # Python 3.11 also reads 20240601 and week dates
            raise ValueError(when)
        return [date.fromisoformat(when)]
    except ValueError:
        raise InvalidInput("YEAR-OR-DATE", repr(when), code="cli.year_or_date") from None


def _show(args: argparse.Namespace) -> int:
    book = load_rates(args.dir, overlays=tuple(args.rates))
    project: bool | Decimal = False
    if args.project == "stored":
        project = True
    elif args.project is not None:
        try:
            project = _percent(args.project)
        except argparse.ArgumentTypeError as err:
            raise InvalidInput("--project", repr(args.project), str(err)) from None
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for day in _dates(book, args.when):
        rates = book.at(day, args.kommune, project=project)
        for key in book.keys():
            try:
                r = rates.get(key)
            except (RateNotPublished, InvalidInput) as err:
                if day.month == 1 and day.day == 1 and (key, "", "") not in seen:
                    seen.add((key, "", ""))
                    why = (err.reason if isinstance(err, RateNotPublished) else str(err)) or "no value"
                    rows.append({"key": key, "value": "-", "unit": book.spec(key).unit, "valid_from": "",
                                 "status": "none", "source": why})
                continue
            ident = (key, r.valid_from.isoformat(), r.kommune or "")
            if ident in seen:
                continue
            seen.add(ident)
            rows.append({"key": key, "value": r.text(), "unit": r.unit, "valid_from": r.valid_from.isoformat(),
                         "status": r.status.value + (f" ({r.kommune})" if r.kommune else ""), "source": r.source})
    # a key that has a value later in the year is not a hole
    keys_with_value = {r["key"] for r in rows if r["status"] != "none"}
    rows = [r for r in rows if r["status"] != "none" or r["key"] not in keys_with_value]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    title = f"Satser {args.when}" + (f", {args.kommune.capitalize()} Kommune" if args.kommune else ", national")
    print(title)
    width = max(len(r["key"]) for r in rows)
    for row in sorted(rows, key=lambda x: (x["key"], x["valid_from"])):
        value = row["value"] if row["value"] == "-" or row["unit"] in {"policy", "date"} else (
            f"{row['value']} {row['unit']}")
        print(f"{row['key']:<{width}}  {value}")
        print(f"{'':<{width}}    from {row['valid_from'] or '-'} · {row['status']} · {row['source']}")
    return 0


def _print_coverage(book: RateBook, kommune: str | None, until: int | None = None) -> None:
    report = coverage(book, last_year=until, kommune=kommune)
    years = sorted(next(iter(report.values())).keys()) if report else []
    short = {"official": "O", "secondary": "S", "derived": "D", "projected": "P", "expected": "E", "ended": "x",
             "-": "."}
    width = max(len(k) for k in report)
    print(f"{'key':<{width}}  " + " ".join(str(y)[2:] for y in years))
    for key, row in report.items():
        print(f"{key:<{width}}  " + " ".join(f"{short[row[y]]:>2}" for y in years))
    print("O official · S secondary · D derived · P projected · E expected · x ended · . no value (a hole; "
          "project= may fill it)")


def _coverage(args: argparse.Namespace) -> int:
    book = load_rates(args.dir, overlays=tuple(args.rates))
    if args.json:
        print(json.dumps(coverage(book, last_year=args.until, kommune=args.kommune), indent=2))
    else:
        _print_coverage(book, args.kommune, args.until)
    return 0


def _toml_value(value: Any) -> str:
    if isinstance(value, tuple):
        rows = []
        for band in value:
            assert isinstance(band, Band)
            bound = "from" if band.inclusive else "over"
            pays = '"expenses"' if band.pays is None else str(band.pays)
            rows.append(f"  {{ {bound} = {band.lower}, pays = {pays} }},")
        return "[\n" + "\n".join(rows) + "\n]"
    return str(value)


def _toml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _draft(args: argparse.Namespace) -> int:
    book = load_rates(args.dir, overlays=tuple(args.rates))
    year: int = args.year
    published = [r for key in book.keys() if book.spec(key).kind is Kind.YEARLY
                 for r in book.history(key) if r.valid_from.year == year and r.status <= Status.SECONDARY]
    if published:
        first = published[0]
        raise InvalidInput("YEAR", str(year), code="cli.draft_published", year=year, key=first.key,
                           where=first.where)
    project: Any = True if args.percent is None else args.percent
    day = date(year, 1, 1)
    lines = [f"# Udkast til satser for {year}, skrevet af `socialcalc rates draft {year}`.",
             "# Hver værdi er fremskrevet og markeret status = \"expected\": strict mode bruger den ikke.",
             "# Bekræft hver værdi mod ministeriets satstabel (\"Satser på social- og ældreområdet\"), ret den,",
             "# og skriv så status = \"official\" og en kilde. Tjek med: socialcalc rates check --overlay DIR",
             ""]
    count = 0
    for key in book.keys():
        spec = book.spec(key)
        if spec.kind is not Kind.YEARLY or spec.municipal_only:
            continue
        if spec.ends is not None and spec.ends < day:
            continue
        if not [r for r in book.history(key) if r.valid_from < day]:
            continue
        start = day
        try:
            rate = book.at(day, project=project).get(key)
        except (RateNotPublished, InvalidInput) as err:
            lines += [f"# {key}: ingen fremskrivning ({err}).", "[[expected]]", f"key = {_toml_text(key)}",
                      f"valid_from = {start.isoformat()}",
                      f"note = {_toml_text('udfyld værdien fra ministeriets satstabel')}", ""]
            count += 1
            continue
        lines += ["[[rate]]", f"key = {_toml_text(key)}", f"unit = {_toml_text(spec.unit)}",
                  f"value = {_toml_value(rate.value)}", f"valid_from = {start.isoformat()}",
                  'status = "expected"',
                  f"source = {_toml_text('UDKAST, bekræft mod ministeriets tabel: ' + rate.source)}", ""]
        count += 1
    out = Path(args.out) / "national"
    try:
        out.mkdir(parents=True, exist_ok=True)
        target = out / f"{year}.toml"
        if target.exists():
            raise InvalidInput("--out", str(target), code="cli.draft_exists")
        target.write_text("\n".join(lines), encoding="utf-8")
    except OSError as err:
        raise InvalidInput("--out", str(args.out), code="cli.draft_write", problem=err.strerror) from None
    print(f"{target}: {count} yearly key(s) drafted for {year}, each status = \"expected\"")
    return 0
