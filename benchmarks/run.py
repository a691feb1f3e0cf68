"""Benchmarks: socialcalc's exact and batch paths, and the same work in OpenFisca-Core, on the same data.

    python benchmarks/run.py              # 1 000 000 persons (a few minutes on 2 cores, the first time longer)
    python benchmarks/run.py --quick      # 100 000 persons, fewer repeats
    python benchmarks/run.py --n 250000 --no-openfisca

Measured in one run, on one generated caseload:

1. one § 100 case end to end with its explanation (``calculate(...).explain()``), in µs;
2. N persons × § 100 for one month (the batch kernel ``socialcalc.batch.merudgift``);
3. N persons × a 12-month § 97 hour bank (the batch kernel ``socialcalc.batch.bank``);
4. ``import socialcalc`` in a fresh interpreter;
5. loading and checking the packaged rate book (``check_rates()``);
6. the same § 100 and § 97 work in OpenFisca-Core (``benchmarks/openfisca_model.py``).

OpenFisca is **never a dependency of socialcalc**: this script creates ``benchmarks/.venv-openfisca`` (ignored by
git) and runs ``pip install openfisca-core`` there the first time, then runs ``openfisca_model.py`` with that
venv's Python. It checks that OpenFisca's outputs equal socialcalc's on the same data and reports mismatches
(OpenFisca computes money in float32). It also checks the batch kernels against the exact scalar functions on
a sample of the rows.

Times are the median of several runs after a warm-up run. The table is printed and written to
``benchmarks/results.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if (ROOT / "src" / "socialcalc").is_dir():  # measure this checkout, not another installed copy
    sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from socialcalc import Month, check_rates  # noqa: E402
from socialcalc.batch import bank, merudgift  # noqa: E402
from socialcalc.ledsageordning import Bank  # noqa: E402
from socialcalc.merudgift import calculate  # noqa: E402

OPENFISCA_VENV = HERE / ".venv-openfisca"
PAYMENT_DAY = date(2024, 6, 1)  # § 100: the 2024 band table, one month
FIRST_MONTH = "2024-01"  # § 97: a bank over the 12 months of 2024, national rules (oldest first)
MONTHS = 12
GRANT, SAVING = 15 * 60, 6  # the packaged book's § 97 figures, used only to generate feasible use


def generate(n: int, seed: int = 2024) -> dict[str, np.ndarray]:
    """A synthetic caseload: § 100 expenses (øre) and documentation, and 12 months of § 97 use (minutes).

    Expenses are log-normal around 1 500 kr. a month with a long tail (so every band, full cover and large
    documented amounts occur). Each month about 55 % of the persons use escort, up to 30 hours, never more than
    a safe lower bound of what their bank holds, so every bank is valid.
    """
    rng = np.random.default_rng(seed)
    expenses = np.clip(np.rint(rng.lognormal(np.log(150_000), 0.9, n)), 0, 20_000_000).astype(np.int64)
    documented = rng.random(n) < 0.5
    used = np.zeros((n, MONTHS), dtype=np.int64)
    for t in range(MONTHS):
        window = slice(max(0, t - SAVING + 1), t)
        lots = min(t, SAVING - 1) + 1
        safe = lots * GRANT - used[:, window].sum(axis=1)  # lots alive now, less everything used from them
        wish = np.where(rng.random(n) < 0.55, rng.integers(0, 2 * GRANT + 1, n), 0)
        used[:, t] = np.minimum(wish, safe)
    return {"expenses_ore": expenses, "documented": documented, "used_minutes": used}


def timed(work: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``repeats`` runs after one warm-up run, in seconds."""
    work()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def one_case(repeats: int) -> float:
    """Seconds for one § 100 case with its explanation (median of batches of 1 000 calls)."""
    def work() -> None:
        for _ in range(1000):
            calculate("1800", decided_on=PAYMENT_DAY).explain()

    return timed(work, repeats) / 1000


def import_time(repeats: int) -> float:
    """Seconds for ``import socialcalc`` in a fresh interpreter (timed inside it)."""
    code = "import time; t = time.perf_counter(); import socialcalc; print(time.perf_counter() - t)"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    runs = []
    for _ in range(repeats + 1):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        runs.append(float(done.stdout.strip()))
    return statistics.median(runs[1:])


def check_scalar_sample(data: dict[str, np.ndarray], sel100: np.ndarray, closing: np.ndarray,
                        rows: int, persons: int) -> tuple[int, int]:
    """Compare the batch results with the exact scalar functions on a sample; return the numbers checked."""
    rng = np.random.default_rng(7)
    n = len(sel100)
    for i in rng.choice(n, size=min(rows, n), replace=False).tolist():
        exact = calculate(Decimal(int(data["expenses_ore"][i])).scaleb(-2), decided_on=PAYMENT_DAY,
                          documented=bool(data["documented"][i]))
        if int(exact.amount * 100) != int(sel100[i]):
            raise SystemExit(f"§ 100 batch differs from the exact function on row {i}")
    first = Month.parse(FIRST_MONTH)
    for i in rng.choice(n, size=min(persons, n), replace=False).tolist():
        scalar = Bank.open(first)
        for t in range(MONTHS):
            if data["used_minutes"][i, t]:
                scalar = scalar.use(first + t, minutes=int(data["used_minutes"][i, t]))
        expected = [s.closing_minutes for s in scalar.statements(first + MONTHS - 1)]
        if expected != closing[i].tolist():
            raise SystemExit(f"§ 97 batch bank differs from the scalar bank for person {i}")
    return min(rows, n), min(persons, n)


def openfisca_python() -> Path | None:
    """The Python of the OpenFisca venv, creating it and installing openfisca-core the first time."""
    python = OPENFISCA_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if python.exists():
        return python
    print(f"Installing openfisca-core into {OPENFISCA_VENV} (once; it is not a dependency "
          "of socialcalc) …", flush=True)
    try:
        venv.EnvBuilder(with_pip=True).create(OPENFISCA_VENV)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "openfisca-core"], check=True)
    except (OSError, subprocess.CalledProcessError) as err:
        print(f"OpenFisca could not be installed ({err}); its columns are left empty.")
        return None
    return python


def run_openfisca(data_path: Path, repeats: int) -> tuple[dict[str, float], dict[str, np.ndarray], str] | None:
    python = openfisca_python()
    if python is None:
        return None
    out_path = data_path.with_name("openfisca_out.npz")
    done = subprocess.run([str(python), str(HERE / "openfisca_model.py"), str(data_path), str(out_path),
                           str(repeats)], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"OpenFisca run failed:\n{done.stderr[-2000:]}")
        return None
    times = json.loads(done.stdout.strip().splitlines()[-1])
    version = subprocess.run([str(python), "-c", "import importlib.metadata as m; print(m.version('openfisca-core'))"],
                             capture_output=True, text=True).stdout.strip()
    with np.load(out_path) as outputs:
        return times, {k: outputs[k] for k in outputs.files}, version


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def ratio(theirs: float | None, ours: float) -> str:
    return "–" if theirs is None else f"{theirs / ours:.1f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="persons in the caseload (default 1 000 000)")
    parser.add_argument("--quick", action="store_true", help="100 000 persons and fewer repeats")
    parser.add_argument("--no-openfisca", action="store_true", help="skip OpenFisca (no install, no run)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md", help="where to write the table")
    args = parser.parse_args(argv)
    n = args.n or (100_000 if args.quick else 1_000_000)
    repeats = 3 if args.quick else 5

    print(f"Generating a caseload of {n:,} persons …", flush=True)
    data = generate(n)
    rows: list[tuple[str, float | None, float | None, str]] = []

    print("Measuring socialcalc …", flush=True)
    case = one_case(repeats)
    sel100 = timed(lambda: merudgift(data["expenses_ore"], decided_on=PAYMENT_DAY, documented=data["documented"]),
                   repeats)
    result100 = merudgift(data["expenses_ore"], decided_on=PAYMENT_DAY, documented=data["documented"])
    sel097 = timed(lambda: bank(data["used_minutes"], months=FIRST_MONTH), repeats)
    result097 = bank(data["used_minutes"], months=FIRST_MONTH)
    imported = import_time(repeats)
    book = timed(lambda: check_rates(), repeats)
    checked_rows, checked_persons = check_scalar_sample(data, result100.amount, result097.closing, 2000, 200)

    notes = [f"The batch kernels equal the exact scalar functions on the {checked_rows:,} sampled § 100 rows and "
             f"the {checked_persons:,} sampled § 97 banks (12 monthly statements each)."]
    theirs: dict[str, float] = {}
    openfisca_version = ""
    if not args.no_openfisca:
        print("Running OpenFisca-Core on the same data …", flush=True)
        with tempfile.TemporaryDirectory(prefix="socialcalc-bench-") as tmp:
            data_path = Path(tmp) / "caseload.npz"
            np.savez(data_path, **data)
            found = run_openfisca(data_path, repeats)
        if found is not None:
            theirs, outputs, openfisca_version = found
            notes.extend(compare(result100.amount, result097.closing, outputs))

    label = f"{n:,}".replace(",", " ")
    rows.append(("One § 100 case with its explanation", case, None, "≤ 50 µs"))
    rows.append((f"{label} persons × § 100, one month", sel100, theirs.get("sel100"), "≤ OpenFisca"))
    rows.append((f"{label} persons × § 97 bank, 12 months", sel097, theirs.get("sel097"), "< OpenFisca"))
    rows.append(("`import socialcalc` (fresh interpreter)", imported, None, "≤ 150 ms"))
    rows.append(("Load and check the rate book (`check_rates()`)", book, None, ""))
    table = render(rows)
    print()
    print(table)
    print()
    for note in notes:
        print(f"- {note}")
    write(args.out, table, notes, n, repeats, openfisca_version)
    print(f"\nWritten to {args.out}")
    return 0


def compare(sel100: np.ndarray, closing: np.ndarray, outputs: dict[str, np.ndarray]) -> list[str]:
    """Notes on how OpenFisca's outputs compare with socialcalc's (øre for § 100, minutes for § 97)."""
    notes = []
    theirs = np.rint(outputs["sel100"].astype(np.float64) * 100).astype(np.int64)
    differ = theirs != sel100
    if differ.any():
        worst = int(np.abs(theirs - sel100).max())
        notes.append(f"§ 100: OpenFisca differs from socialcalc on {int(differ.sum()):,} of {len(sel100):,} rows "
                     f"(at most {worst} øre): its money is float32 ({outputs['sel100'].dtype}), which cannot hold "
                     "every øre of amounts over about 131 072 kr. (2^17); socialcalc is exact.")
    else:
        notes.append(f"§ 100: OpenFisca's float32 amounts, rounded to øre, equal socialcalc's on all "
                     f"{len(sel100):,} rows of this data.")
    total = int(sel100.sum())
    drift = float(outputs["sel100"].sum()) - total / 100
    notes.append(f"§ 100: the caseload's total, summed by numpy in OpenFisca's float32, is {drift:+,.2f} kr. off the "
                 f"exact total {total / 100:,.2f} kr.; socialcalc sums int64 øre exactly.")
    if np.array_equal(outputs["bank_closing"], closing):
        notes.append("§ 97: OpenFisca's bank (whole minutes, months computed in order) equals socialcalc's on "
                     "every person and month.")
    else:
        bad = int((outputs["bank_closing"] != closing).any(axis=1).sum())
        notes.append(f"§ 97: OpenFisca's bank differs from socialcalc's for {bad:,} persons.")
    sample = outputs["december_first"]
    wrong = int((sample != closing[: len(sample), -1]).sum())
    notes.append(f"§ 97 pitfall: asking OpenFisca for December first (without computing the months in order) "
                 f"gives a wrong balance for {wrong:,} of {len(sample):,} persons, without any error: its spiral "
                 "detection cuts the recursion into earlier months and returns zeros.")
    return notes


def render(rows: list[tuple[str, float | None, float | None, str]]) -> str:
    lines = ["| Work | socialcalc | OpenFisca-Core | OpenFisca ÷ socialcalc | Target |",
             "|---|---:|---:|---:|---|"]
    for what, ours, theirs, target in rows:
        assert ours is not None
        lines.append(f"| {what} | {fmt(ours)} | {fmt(theirs)} | {ratio(theirs, ours)} | {target} |")
    return "\n".join(lines)


def processor() -> str:
    """The CPU's model name (``/proc/cpuinfo`` on Linux), else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown processor"


def write(path: Path, table: str, notes: list[str], n: int, repeats: int, openfisca_version: str) -> None:
    import numpy

    machine = (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU(s) "
               f"({processor()}), Python {platform.python_version()}, "
               f"numpy {numpy.__version__}"
               + (f", OpenFisca-Core {openfisca_version}" if openfisca_version else ""))
    text = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py` on {date.today().isoformat()}: {n:,} persons, median of "
        f"{repeats} runs after a warm-up run. {machine}.",
        "",
        table,
        "",
        *[f"- {note}" for note in notes],
        "",
        "OpenFisca's times cover `simulation.calculate(...)` only (inputs already set); socialcalc's include "
        "validating every input column. Both compute the § 97 bank for the 12 months of 2024 in order.",
        "",
    ]
    path.write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
