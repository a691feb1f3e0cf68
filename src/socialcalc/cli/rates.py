"""``socialcalc rates check|show|coverage``: validate and inspect rate tables."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from socialcalc.cli.common import add_json, add_kommune
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.ratebook import RateBook, check_rates, coverage, load_rates, packaged_rates_dir
from socialcalc.ratebook.manifest import write_manifest

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``rates`` and its subcommands."""
    p = sub.add_parser("rates", help="check and show the rate tables")
    rs = p.add_subparsers(dest="rates_command", metavar="SUBCOMMAND", required=True)

    c = rs.add_parser("check", help="check a rate directory: every fault, with file:line:col")
    c.add_argument("dir", nargs="?", default=None, help="rate directory (default: the packaged tables)")
    c.add_argument("--overlay", action="append", default=[], metavar="DIR",
                   help="check DIR as an overlay on the base directory (repeatable)")
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
    add_json(s)
    s.set_defaults(func=_show)

    v = rs.add_parser("coverage", help="which years hold official, derived or no values, per key")
    v.add_argument("--dir", default=None, help="rate directory (default: the packaged tables)")
    add_kommune(v)
    add_json(v)
    v.set_defaults(func=_coverage)


def _check(args: argparse.Namespace) -> int:
    if args.update_manifest:
        try:
            written = write_manifest(Path(args.dir) if args.dir is not None else packaged_rates_dir())
        except OSError as err:
            print(f"cannot write the manifest: {err.strerror} ({err.filename})", file=sys.stderr)
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
        return [date.fromisoformat(when)]
    except ValueError:
        raise InvalidInput("YEAR-OR-DATE", repr(when), "write a year (2024) or a date (2024-06-01)") from None


def _show(args: argparse.Namespace) -> int:
    book = load_rates(args.dir)
    project: bool | Decimal = False
    if args.project == "stored":
        project = True
    elif args.project is not None:
        project = Decimal(args.project)
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for day in _dates(book, args.when):
        rates = book.at(day, args.kommune, project=project)
        for key in book.keys():
            try:
                r = rates.get(key)
            except RateNotPublished as err:
                if day.month == 1 and day.day == 1 and (key, "", "") not in seen:
                    seen.add((key, "", ""))
                    rows.append({"key": key, "value": "-", "unit": book.spec(key).unit, "valid_from": "",
                                 "status": "none", "source": err.reason or "no value"})
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


def _print_coverage(book: RateBook, kommune: str | None) -> None:
    report = coverage(book, kommune=kommune)
    years = sorted(next(iter(report.values())).keys()) if report else []
    short = {"official": "O", "derived": "D", "projected": "P", "expected": "E", "ended": "x", "-": "."}
    width = max(len(k) for k in report)
    print(f"{'key':<{width}}  " + " ".join(str(y)[2:] for y in years))
    for key, row in report.items():
        print(f"{key:<{width}}  " + " ".join(f"{short[row[y]]:>2}" for y in years))
    print("O official · D derived · P projected · E expected · x ended · . no value (a hole)")


def _coverage(args: argparse.Namespace) -> int:
    book = load_rates(args.dir)
    if args.json:
        print(json.dumps(coverage(book, kommune=args.kommune), indent=2))
    else:
        _print_coverage(book, args.kommune)
    return 0
