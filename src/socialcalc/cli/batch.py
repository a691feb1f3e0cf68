"""``socialcalc batch RULE IN -o OUT``: a whole caseload from a CSV or Parquet file (the batch kernels).

Reads ``IN.csv`` or ``IN.parquet``, runs the rule's table adapter (:mod:`socialcalc.batch.frame`: the columns it
reads are documented there) in chunks, and writes ``OUT.csv`` or ``OUT.parquet``, one result row per input row.
The figures are those of the library. A CSV is read as text, so amounts are exact (``"1706.99"``), dates are
ISO (``YYYY-MM-DD``), truth values ``true``/``false`` (or ``1``/``0``), an empty cell is missing.

A bad row stops the run before anything is written, with the row named: ``IN.csv row 3 (line 5): …``
(row 0 is the first data row, line 1 the header), exit 2. On a terminal, runs over one chunk show a progress bar
(tqdm; ``--progress`` forces it, ``--no-progress`` hides it). A § 97 bank runs in chunks of whole persons.
Needs the ``cli`` extra (``pip install 'socialcalc[cli]'``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from socialcalc.cli.common import add_kommune, amount, day
from socialcalc.errors import InvalidInput, SocialcalcError

__all__ = ["RULES", "register"]

CHUNK = 100_000
"""Rows per chunk: the progress bar moves once per chunk."""


@dataclass(frozen=True)
class _Rule:
    adapter: str
    booleans: tuple[str, ...]
    integers: tuple[str, ...]
    settings: tuple[str, ...]
    chunked: bool = True
    money: bool = True
    project: bool = False


RULES: dict[str, _Rule] = {
    "merudgift": _Rule("merudgift_frame", ("documented",), (), ("decided_on", "on", "kommune"), project=True),
    "transport": _Rule("transport_frame", (), ("days",), ("on", "kommune")),
    "stays": _Rule("stays_frame", ("has_income",), ("paragraph",), ("kommune", "paragraph")),
    "bank": _Rule("bank_frame", (), (), ("kommune",), chunked=False, money=False),  # chunks of whole persons
}
"""The rules ``socialcalc batch`` runs, by name: § 100 (``merudgift``), § 103 (``transport``), §§ 109/110
(``stays``) and the § 97 hour bank (``bank``, in chunks of whole persons: a person's months belong together)."""

_TRUE, _FALSE = {"true", "1", "yes", "ja"}, {"false", "0", "no", "nej"}


def register(sub: Any) -> None:
    """Add ``batch``."""
    p = sub.add_parser("batch", help="a caseload from CSV or Parquet: one result row per input row",
                       description="Run a rule's batch kernel over IN.csv or IN.parquet and write OUT.csv or "
                                   "OUT.parquet. Columns as in socialcalc.batch.frame.")
    p.add_argument("rule", choices=sorted(RULES), metavar="RULE", help="one of " + ", ".join(sorted(RULES)))
    p.add_argument("input", type=Path, metavar="IN", help="IN.csv or IN.parquet")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="OUT.csv or OUT.parquet")
    p.add_argument("--rates", type=Path, default=None, metavar="DIR",
                   help="a rate directory laid over the packaged tables (as load_rates(overlays=[DIR]))")
    p.add_argument("--project", nargs="?", const="stored", default=None, metavar="PERCENT",
                   help="project a rate that is not published (the stored satsreguleringsprocent, or PERCENT)")
    p.add_argument("--money", choices=["ore", "decimal", "both"], default="ore",
                   help="amounts out as øre (default), exact kroner, or both")
    p.add_argument("--decided-on", type=day, default=None, metavar="DATE", help="one decision date for every row")
    p.add_argument("--on", type=day, default=None, metavar="DATE", help="one payment/calculation day for every row")
    p.add_argument("--paragraph", type=int, choices=[109, 110], default=None, help="stays: one paragraph for all")
    add_kommune(p)
    p.add_argument("--keep", default="", metavar="COLS", help="input columns to copy into the output, e.g. case_id")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: on a terminal, for runs over one chunk)")
    p.set_defaults(func=_run)


def _not_applicable(option: str, command: str, **why: Any) -> InvalidInput:
    return InvalidInput("batch", "usage", code="cli.not_applicable", option=option, command=command, **why)


def _read(path: Path, rule: _Rule) -> Any:
    import pandas as pd

    suffix = path.suffix.lower()
    if not path.is_file():
        raise InvalidInput("IN", str(path), code="cli.no_file")
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        from socialcalc.batch.tables import as_pandas

        frame, _ = as_pandas(pq.read_table(path))
        return frame
    if suffix != ".csv":
        raise InvalidInput("IN", str(path), code="cli.input_format")
    try:
        text = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise InvalidInput("IN", path.name, code="cli.csv_unreadable", detail=str(err)) from None
    for name in text.columns:
        column = text[name]
        if name in rule.booleans:
            text[name] = _truth(column, name)
        elif name in rule.integers or name.endswith(("_ore", "_minutes", "_m")):
            text[name] = _integers(column, name)
        else:
            text[name] = column.where(column != "", None).astype(object)
    return text


def _truth(column: Any, name: str) -> Any:
    import numpy as np

    from socialcalc.batch.columns import BatchInputError

    lowered = column.str.strip().str.lower()
    bad = ~lowered.isin(_TRUE | _FALSE)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise BatchInputError(name, row, repr(column.iloc[row]), code="cli.truth_value")
    return lowered.isin(_TRUE).to_numpy()


def _integers(column: Any, name: str) -> Any:
    import numpy as np

    from socialcalc.batch.columns import BatchInputError

    stripped = column.str.strip()
    bad = ~stripped.str.fullmatch(r"-?\d{1,18}")
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise BatchInputError(name, row, repr(column.iloc[row]), code="cli.whole_number")
    return stripped.astype(np.int64).to_numpy()


def _settings(args: argparse.Namespace, rule: _Rule) -> dict[str, Any]:
    from socialcalc import load_rates

    given = {"decided_on": args.decided_on, "on": args.on, "kommune": args.kommune, "paragraph": args.paragraph}
    for name, value in given.items():
        if value is not None and name not in rule.settings:
            raise _not_applicable(f"--{name.replace('_', '-')}", args.rule)
    settings: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    if args.rates is not None:
        settings["rates"] = load_rates(overlays=[args.rates])
    if args.project is not None:
        if not rule.project:
            raise _not_applicable("--project", args.rule, projected=True)
        settings["project"] = True if args.project == "stored" else _percent(args.project)
    if rule.money:
        settings["money"] = args.money
    elif args.money != "ore":
        raise _not_applicable("--money", args.rule, minutes=True)
    else:
        settings["hours"] = True
    return settings


def _percent(text: str) -> Decimal:
    try:
        return amount(text)
    except argparse.ArgumentTypeError as err:
        raise InvalidInput("--project", text, str(err)) from None  # the Danish message of socialcalc.coerce


def _run(args: argparse.Namespace) -> int:
    import numpy as np
    import pandas as pd

    from socialcalc.batch import frame as adapters
    from socialcalc.batch.columns import BatchInputError, BatchRateNotPublished

    rule = RULES[args.rule]
    out_suffix = args.output.suffix.lower()
    if out_suffix not in (".csv", ".parquet"):
        raise InvalidInput("-o", str(args.output), code="cli.output_format")
    settings = _settings(args, rule)
    run: Callable[..., Any] = getattr(adapters, rule.adapter)
    try:
        cases = _read(args.input, rule)
        keep = [c for c in args.keep.split(",") if c]
        if missing := [c for c in keep if c not in cases.columns]:
            raise InvalidInput("--keep", missing[0], code="cli.keep_missing", column=repr(missing[0]),
                               file=args.input.name)
        n = len(cases)
        chunks = _chunks(cases, rule)
        bar = _bar(n, len(chunks), args.progress)
        parts = []
        for rows in chunks:
            chunk = cases.iloc[rows]
            try:
                result = run(chunk, **settings)
            except (BatchInputError, BatchRateNotPublished) as err:  # a row of the chunk → the row of the file
                raise _row_error(err, int(rows[err.row]) if 0 <= err.row < len(rows) else err.row,
                                 args.input) from None
            if adapters.INPUT_ROW in result.columns:  # the row's position in the file, not in its chunk
                result[adapters.INPUT_ROW] = np.asarray(rows, dtype=np.int64)
            # a kept column the result also has (an adapter writes a row's inputs back) is written once, the result's
            kept = [c for c in keep if c not in result.columns]
            part = pd.concat([chunk[kept].reset_index(drop=True), result.reset_index(drop=True)], axis=1)
            parts.append(part.set_axis(rows, axis=0))
            if bar is not None:
                bar.update(len(chunk))
        if bar is not None:
            bar.close()
    except BatchInputError as err:  # reading the file
        raise _row_error(err, err.row, args.input) from None
    out = parts[0] if len(parts) == 1 else pd.concat(parts).sort_index()
    out = out.reset_index(drop=True)
    _write(out, args.output)
    print(f"{n} rækker: {args.rule} skrevet til {args.output}", file=sys.stderr)
    return 0


def _chunks(cases: Any, rule: _Rule) -> list[Any]:
    """The row positions of each chunk: runs of :data:`CHUNK` rows, or for the § 97 bank whole persons (a
    person's months stay together), about :data:`CHUNK` rows a chunk."""
    import numpy as np
    import pandas as pd

    n = len(cases)
    if rule.chunked or "person" not in cases.columns or n <= CHUNK:
        return [np.arange(start, min(start + CHUNK, n)) for start in range(0, max(n, 1), CHUNK)]
    codes, persons = pd.factorize(cases["person"])
    count = -(-n // CHUNK)
    chunk_of = np.where(codes < 0, 0, codes.astype(np.int64) * count // max(len(persons), 1))
    return [rows for c in range(count) if (rows := np.flatnonzero(chunk_of == c)).size]


def _row_error(err: Any, row: int, path: Path) -> SocialcalcError:
    """A batch error as a line about the file: ``IN.csv række 3 (linje 5): column = value: rule``
    (code ``cli.file_row``; English ``IN.csv row 3 (line 5): …`` by ``message("en")``)."""
    csv = path.suffix.lower() == ".csv"
    value = f" = {err.value}" if isinstance(err, InvalidInput) else ""

    def detail(text: str) -> str:
        text = text.split(" (indeks ")[0]
        text = text.split(": ", 1)[1] if ": " in text else text
        if value and text.startswith(value[3:] + ": "):
            text = text[len(value) - 1:]
        return text

    english = err.message("en") if isinstance(err, SocialcalcError) else str(err)
    error = SocialcalcError("cli.file_row", file=path.name, row=row, column=err.column, shown=value,
                            line_da=f" (linje {row + 2})" if csv else "", line_en=f" (line {row + 2})" if csv else "",
                            detail_da=detail(str(err)), detail_en=detail(english))
    return error


def _bar(n: int, chunks: int, wanted: bool | None) -> Any:
    if wanted is False or (wanted is None and (chunks <= 1 or not sys.stderr.isatty())):
        return None
    from tqdm import tqdm

    return tqdm(total=n, unit="rows", unit_scale=True, file=sys.stderr, desc="socialcalc batch")


def _write(out: Any, path: Path) -> None:
    if path.suffix.lower() == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pandas(out, preserve_index=False), path)
    else:
        out.to_csv(path, index=False)
