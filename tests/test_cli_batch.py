"""``socialcalc batch`` as users run it: a subprocess on CSV and Parquet files, the library's figures."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from socialcalc.batch.frame import bank_frame, merudgift_frame, transport_frame

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("tqdm")

CSV = """case_id,expenses,listed_documented,documented,decided_on,kommune
a,607.00,0,false,2024-06-01,
b,1706.99,0,false,2024-06-01,lejre
c,2846.01,0,true,2024-06-01,
d,2500.00,2500.00,false,2025-10-01,lemvig
e,555,0,false,2025-10-01,
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "socialcalc", *args], capture_output=True, text=True, timeout=120)


def test_csv_to_csv_gives_the_library_figures(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(CSV, encoding="utf-8")
    out = tmp_path / "out.csv"
    done = _run("batch", "merudgift", str(source), "-o", str(out), "--money", "both", "--keep", "case_id")
    assert done.returncode == 0, done.stderr
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    frame = pd.DataFrame({"expenses": ["607.00", "1706.99", "2846.01", "2500.00", "555"],
                          "listed_documented": ["0", "0", "0", "2500.00", "0"],
                          "documented": [False, False, True, False, False],
                          "decided_on": [date(2024, 6, 1)] * 3 + [date(2025, 10, 1)] * 2,
                          "kommune": [None, "lejre", None, "lemvig", None]})
    expected = merudgift_frame(frame, money="both")
    assert got["case_id"].tolist() == list("abcde")
    assert got["amount_ore"].astype(int).tolist() == expected["amount_ore"].tolist()
    assert [Decimal(v) for v in got["amount"]] == expected["amount"].tolist()
    assert got["band"].tolist() == ["0", "1", "full", "", ""]
    assert got["group"].tolist() == ["", "", "", "II", "I"]
    assert got["input_row"].astype(int).tolist() == [0, 1, 2, 3, 4]  # positions in the file


def test_parquet_in_and_out_with_rates_and_project(tmp_path: Path) -> None:
    source = tmp_path / "cases.parquet"
    pq.write_table(pa.table({"expenses_ore": [170700, 100000], "decided_on": pa.array([date(2025, 3, 1)] * 2)}),
                   source)
    out = tmp_path / "out.parquet"
    refused = _run("batch", "merudgift", str(source), "-o", str(out))
    assert refused.returncode == 2 and "RateNotPublished" not in refused.stderr
    assert "række 0" in refused.stderr
    overlay = tmp_path / "rates" / "national"
    overlay.mkdir(parents=True)
    (overlay / "same.toml").write_text('[[rate]]\nkey = "sel097.max_hours"\nunit = "hours"\nvalue = 90\n'
                                       'valid_from = 2012-01-01\nstatus = "derived"\nsource = "a test"\n',
                                       encoding="utf-8")
    done = _run("batch", "merudgift", str(source), "-o", str(out), "--project", "--money", "decimal",
                "--rates", str(tmp_path / "rates"))
    assert done.returncode == 0, done.stderr
    table = pq.read_table(out)
    assert table.schema.field("amount").type == pa.decimal128(38, 2)
    frame = pd.DataFrame({"expenses_ore": [170700, 100000], "decided_on": [date(2025, 3, 1)] * 2})
    assert table.column("amount").to_pylist() == merudgift_frame(frame, project=True, money="decimal")[
        "amount"].tolist()
    assert table.column("projected").to_pylist() == [True, True]


def test_a_bad_row_is_named_by_row_and_line(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(CSV.replace("2846.01", "28x6.01"), encoding="utf-8")
    done = _run("batch", "merudgift", str(source), "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 2
    assert "cases.csv række 2 (linje 4): expenses" in done.stderr
    assert not (tmp_path / "out.csv").exists()
    source.write_text(CSV.replace("true", "maybe"), encoding="utf-8")
    assert "række 2 (linje 4): documented" in _run("batch", "merudgift", str(source), "-o",
                                                  str(tmp_path / "o.csv")).stderr
    source.write_text(CSV.replace("0,false,2024-06-01,lejre", "0,false,2024-06-01,lejre,extra"), encoding="utf-8")
    assert "ikke en læsbar CSV-fil" in _run("batch", "merudgift", str(source), "-o",
                                             str(tmp_path / "o.csv")).stderr
    source.write_text(CSV.replace("2024-06-01,lejre", "2024-06-01,atlantis"), encoding="utf-8")
    assert "række 1 (linje 3): kommune" in _run("batch", "merudgift", str(source), "-o",
                                               str(tmp_path / "o.csv")).stderr


def test_chunks_and_the_progress_bar(tmp_path: Path) -> None:
    rows = 250_001
    frame = pd.DataFrame({"days": [20] * rows, "distance_m": [25_000, 8_000] * (rows // 2) + [25_000],
                          "net_earnings_ore": [150_000] * rows, "per_km_ore": [150] * rows})
    source = tmp_path / "work.parquet"
    pq.write_table(pa.Table.from_pandas(frame), source)
    out = tmp_path / "out.parquet"
    done = _run("batch", "transport", str(source), "-o", str(out), "--on", "2025-03-01", "--progress")
    assert done.returncode == 0, done.stderr
    assert "rækker" in done.stderr and "250k" in done.stderr.replace("250.0k", "250k")
    got = pq.read_table(out).column("municipality_ore").to_numpy()
    expected = transport_frame(frame, on=date(2025, 3, 1))["municipality_ore"].to_numpy()
    assert len(got) == rows and int(got.sum()) == int(expected.sum())
    bad = frame.copy()
    bad.loc[200_123, "distance_m"] = -1
    pq.write_table(pa.Table.from_pandas(bad), source)
    failed = _run("batch", "transport", str(source), "-o", str(out), "--on", "2025-03-01")
    assert failed.returncode == 2 and "række 200123: distance_m" in failed.stderr


def test_bank_and_usage_errors(tmp_path: Path) -> None:
    source = tmp_path / "use.csv"
    source.write_text("person,month,used_hours\na,2024-01,0\na,2024-02,0\na,2024-03,20\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert _run("batch", "bank", str(source), "-o", str(out)).returncode == 0
    got = pd.read_csv(out, dtype=str)
    frame = pd.DataFrame({"person": ["a"] * 3, "month": ["2024-01", "2024-02", "2024-03"],
                          "used_hours": ["0", "0", "20"]})
    assert got["closing_minutes"].astype(int).tolist() == bank_frame(frame)["closing_minutes"].tolist()
    assert got["closing_hours"].tolist() == ["15.0000", "30.0000", "25.0000"]
    assert _run("batch", "bank", str(source), "-o", str(tmp_path / "x.json")).returncode == 2
    assert "gælder ikke" in _run("batch", "bank", str(source), "-o", str(out), "--project").stderr
    assert _run("batch", "nothing", str(source), "-o", str(out)).returncode == 2


def test_a_long_bank_runs_in_chunks_of_whole_persons(tmp_path: Path) -> None:
    persons = 30_000
    months = [f"2024-{m:02d}" for m in range(1, 5)]
    frame = pd.DataFrame({"person": [f"p{i}" for m in months for i in range(persons)],   # persons interleaved
                          "month": [m for m in months for _ in range(persons)],
                          "used_minutes": [(i % 7) * 60 for _ in months for i in range(persons)]})
    source = tmp_path / "use.parquet"
    pq.write_table(pa.Table.from_pandas(frame), source)
    out = tmp_path / "out.parquet"
    done = _run("batch", "bank", str(source), "-o", str(out), "--progress")
    assert done.returncode == 0, done.stderr
    assert "120k/120k" in done.stderr.replace("120.0k", "120k")
    expected = bank_frame(frame)
    got = pq.read_table(out).to_pandas()
    assert got["closing_minutes"].tolist() == expected["closing_minutes"].tolist()
    assert got["lapsed_minutes"].tolist() == expected["lapsed_minutes"].tolist()
    frame.loc[100_003, "used_minutes"] = 100 * 60     # more than the bank holds: row 100003
    pq.write_table(pa.Table.from_pandas(frame), source)
    failed = _run("batch", "bank", str(source), "-o", str(out))
    assert failed.returncode == 2 and "række 100003: used_minutes" in failed.stderr


def test_a_kept_column_the_result_also_writes_is_written_once(tmp_path: Path) -> None:
    """``--keep arrival`` for stays: the adapter writes each row's inputs back, so ``arrival`` is written once
    (Parquet refuses duplicate names), and a row of the file explains itself from its columns (SEL §§ 109/110)."""
    from socialcalc.egenbetaling import stay
    from socialcalc.egenbetaling.frame import explain_row

    source = tmp_path / "stays.csv"
    source.write_text("id,paragraph,arrival,departure\nx,110,2024-03-03,2024-03-13\ny,109,2023-12-28,2024-01-03\n")
    done = _run("batch", "stays", str(source), "-o", str(tmp_path / "out.parquet"), "--keep", "id,arrival",
                "--no-progress")
    assert done.returncode == 0, done.stderr
    out = pd.read_parquet(tmp_path / "out.parquet")
    assert list(out.columns).count("arrival") == 1 and out["id"].tolist() == ["x", "y"]
    assert explain_row(out, 1) == stay(109, date(2023, 12, 28), date(2024, 1, 3)).explain()
