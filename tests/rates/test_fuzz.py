"""Fuzzing the loader (issue 12): random damage to a copy of ``rates/``, and the invariant that must hold.

**Invariant**: a damaged rate directory is either refused (``check_rates`` reports errors, each with a file, a
line ≥ 1, a column ≥ 1 and a fix, and loads nothing; ``load_rates`` raises :class:`RateFileError`), or it
loads with exactly what is written: every ``[[rate]]`` record of every file is in the book with the value,
dates, status and source its text gives (read here independently with ``tomllib``), nothing more, and every
percentage of ``satsregulering.toml``. Never another exception, never a hang.

Each example damages one file (byte flip, deleted line, duplicated line, two values swapped, truncation, or
one of the causes of issue 12 spliced in). The manifest is rewritten after the damage in most examples, so the
content checks are what is exercised; where it is not, the manifest alone must refuse the book.

CI runs ``SOCIALCALC_FUZZ_EXAMPLES`` examples (300 by default). The long run (docs/rates.md)::

    SOCIALCALC_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/rates/test_fuzz.py -q \\
        -p no:cacheprovider --hypothesis-show-statistics
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from socialcalc import RateFileError, load_rates
from socialcalc.ratebook import RateBook, check_rates, packaged_rates_dir
from socialcalc.ratebook.manifest import MANIFEST, rate_files, write_manifest

EXAMPLES = int(os.environ.get("SOCIALCALC_FUZZ_EXAMPLES", "300"))
_ROOT = packaged_rates_dir()
ORIGINAL = {p.relative_to(_ROOT).as_posix(): p.read_bytes() for p in rate_files(_ROOT)}
ORIGINAL[MANIFEST] = (_ROOT / MANIFEST).read_bytes()
NAMES = sorted(n for n in ORIGINAL if n != MANIFEST)

# the causes of issue 12, as splices: (file, old, new)
CAUSES = [
    ("national/2023.toml", b'status = "official"', b'status = ["official"]'),
    ("keys.toml", b'shape = "bands"', b'shape = ["bands"]'),
    ("keys.toml", b'regulation = "satsregulering"', b'regulation = ["satsregulering"]'),
    ("keys.toml", b'rounding = "krone_half_up"', b'rounding = ["krone_half_up"]'),
    ("national/2024.toml", b"valid_from = 2024-01-01", b"valid_from = 2024-01-01T00:00:00"),
    ("national/2024.toml", b"pays = 1138", b"pays = inf"),
    ("national/2024.toml", b"pays = 1138", b"pays = nan"),
    ("national/2024.toml", b"from = 608,", b"from = 6.08e2,"),
    ("national/2025.toml", b"value = 1041", b"value = " + b"9" * 4400),
    ("national/2025.toml", b"value = 1041", b"value = " + b"[" * 5000 + b"]" * 5000),
    ("national/2025.toml", b"value = 1041", b"value = " + str(10**30).encode()),
    ("satsregulering.toml", b"percent = 3.6", b"percent = nan"),
    ("satsregulering.toml", b"percent = 3.6", b"percent = inf"),
    ("satsregulering.toml", b"percent = 3.6", b"percent = -250"),
    ("kommuner/lemvig/policy.toml", b"[[rate]]", b"[rate]"),
]


@st.composite
def damage(draw: st.DrawFn) -> tuple[dict[str, bytes], bool]:
    """A damaged copy of the book (name → bytes; ``None`` removes a file) and whether to rewrite the manifest."""
    files: dict[str, bytes] = dict(ORIGINAL)
    kind = draw(st.sampled_from(["flip", "delete", "duplicate", "swap", "truncate", "cause", "remove", "rename"]))
    name = draw(st.sampled_from(NAMES))
    data = files[name]
    lines = data.splitlines(keepends=True)
    if kind == "flip":
        at = draw(st.integers(0, len(data) - 1))
        byte = draw(st.integers(0, 255).filter(lambda b: b != data[at]))
        files[name] = data[:at] + bytes([byte]) + data[at + 1:]
    elif kind == "delete":
        n = draw(st.integers(0, len(lines) - 1))
        files[name] = b"".join(lines[:n] + lines[n + 1:])
    elif kind == "duplicate":
        n = draw(st.integers(0, len(lines) - 1))
        files[name] = b"".join(lines[:n + 1] + lines[n:])
    elif kind == "swap":
        values = [i for i, line in enumerate(lines) if b" = " in line and not line.startswith(b"#")]
        i, j = draw(st.sampled_from(values)), draw(st.sampled_from(values))
        left, right = lines[i].split(b" = ", 1), lines[j].split(b" = ", 1)
        lines[i], lines[j] = left[0] + b" = " + right[1], right[0] + b" = " + left[1]
        files[name] = b"".join(lines)
    elif kind == "truncate":
        files[name] = data[: draw(st.integers(0, len(data) - 1))]
    elif kind == "cause":
        name, old, new = draw(st.sampled_from(CAUSES))
        files[name] = files[name].replace(old, new, 1)
    elif kind == "remove":
        del files[name]
    else:
        target = draw(st.sampled_from([name + ".bak", name.upper(), name.replace(".toml", ".TOML")]))
        files[target] = files.pop(name)
    return files, draw(st.booleans() | st.just(True))


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


# -- the oracle: what the files say, read independently -------------------------------------------------------


def _plain(value: Any) -> Any:
    """A book value in plain terms (numbers as Decimal, bands and age rows as tuples)."""
    if isinstance(value, tuple):
        out = []
        for item in value:
            if hasattr(item, "pays"):
                out.append((Decimal(item.lower), item.inclusive, None if item.pays is None else Decimal(item.pays)))
            else:
                out.append((item.born_from, item.years, item.months))
        return tuple(out)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Decimal(value)
    return value


def _written(raw: Any) -> Any:
    """A value as written in TOML, in the same plain terms."""
    if isinstance(raw, list):
        out = []
        for item in raw:
            if "years" in item:
                out.append((item.get("born_from"), item["years"], item.get("months", 0)))
            else:
                pays = item["pays"]
                out.append((Decimal(item.get("from", item.get("over"))), "from" in item,
                            None if pays == "expenses" else Decimal(pays)))
        return tuple(out)
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        return Decimal(raw)
    return raw


def _assert_what_is_written(root: Path, book: RateBook) -> None:
    records = expected = 0
    for path in rate_files(root):
        rel = path.relative_to(root).parts
        data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        if rel[0] == "keys.toml":
            declared = {f"{g}.{k}" for g, t in data.items() if g != "units" for k in t}
            assert set(book.keys()) == declared
            continue
        if rel[0] == "satsregulering.toml":
            for label, rec in data["year"].items():
                stored = book.percent(int(label))
                assert stored is not None and stored.percent == Decimal(rec["percent"])
                assert stored.status.value == rec["status"] and stored.source == rec["source"]
            assert set(book.percents()) == {int(y) for y in data["year"]}
            continue
        kommune = rel[1] if rel[0] == "kommuner" else None
        defaults = data.get("defaults", {})
        expected += len(data.get("expected", []))
        for rec in data.get("rate", []):
            records += 1
            merged = {**defaults, **rec}
            found = [r for r in book.history(rec["key"], kommune)
                     if r.valid_from == merged["valid_from"] and r.kommune == kommune]
            assert len(found) == 1, (path, rec)
            rate = found[0]
            assert _plain(rate.value) == _written(rec["value"]), (path, rec, rate)
            assert rate.status.value == merged["status"]
            assert rate.source == merged["source"].strip()
            if "valid_to" in rec:
                assert rate.valid_to == rec["valid_to"]
    in_book = sum(len(spans) for spans in book._spans.values())
    assert in_book == records, (in_book, records)
    assert sum(len(x) for x in book._expected.values()) == expected


def _check_invariant(files: dict[str, bytes], rewrite: bool) -> str:
    with tempfile.TemporaryDirectory(prefix="socialcalc-fuzz-") as tmp:
        root = Path(tmp) / "rates"
        _write(root, files)
        if rewrite:
            write_manifest(root)
        report = check_rates(root)  # must not raise, whatever the damage
        if report.errors:
            assert report.book is None
            for fault in report.errors:
                assert fault.file and fault.line >= 1 and fault.col >= 1 and fault.fix, str(fault)
            with pytest.raises(RateFileError) as caught:
                load_rates(root)
            assert caught.value.faults == report.errors
            return "refused" + (" by the manifest" if all(MANIFEST in f.file or "checksum" in f.problem
                                                           for f in report.errors) else "")
        assert report.book is not None
        if not rewrite:  # the manifest was not rewritten: only an unchanged book may load
            assert {n: d for n, d in files.items() if n != MANIFEST} == {
                n: d for n, d in ORIGINAL.items() if n != MANIFEST}
        _assert_what_is_written(root, report.book)
        return "loaded as written"


def _cause(i: int) -> tuple[dict[str, bytes], bool]:
    name, old, new = CAUSES[i]
    files = dict(ORIGINAL)
    assert old in files[name], (name, old)
    files[name] = files[name].replace(old, new, 1)
    return files, True


def test_the_undamaged_book_is_what_is_written() -> None:
    _check_invariant(dict(ORIGINAL), rewrite=False)


def test_every_cause_is_refused() -> None:
    for i in range(len(CAUSES)):
        files, _ = _cause(i)
        with tempfile.TemporaryDirectory(prefix="socialcalc-fuzz-") as tmp:
            root = Path(tmp) / "rates"
            _write(root, files)
            write_manifest(root)
            assert check_rates(root).errors, CAUSES[i][:2]


def _with_examples(test: Any) -> Any:
    for i in range(len(CAUSES)):
        test = example(_cause(i))(test)
    return test


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@_with_examples
@given(damage())
def test_a_damaged_book_is_refused_or_loaded_as_written(case: tuple[dict[str, bytes], bool]) -> None:
    files, rewrite = case
    event(_check_invariant(files, rewrite))


def test_the_oracle_can_fail(tmp_path: Path) -> None:
    """The oracle bites: a book that lost one record (as ``[rate]`` once lost Lemvig's) is caught."""
    root = tmp_path / "rates"
    _write(root, ORIGINAL)
    book = load_rates(root)
    extra = root / "national" / "2025.toml"
    extra.write_bytes(extra.read_bytes() + b'\n[[rate]]\nkey = "sel097.max_hours"\nunit = "hours"\nvalue = 1\n'
                      b'valid_from = 2025-06-01\nstatus = "derived"\nsource = "x"\n')
    try:
        _assert_what_is_written(root, book)
    except AssertionError:
        return
    raise AssertionError("the oracle did not notice a lost record")

