"""Benchmarks: socialcalc and OpenFisca-Core side by side, interleaved, on one generated caseload.

    python benchmarks/run.py              # 1 000 000 persons, 5 interleaved rounds (under a minute on 2 cores)
    python benchmarks/run.py --quick      # 100 000 persons, 3 rounds
    python benchmarks/run.py --n 250000 --no-openfisca

Measured in one run, **interleaved**: after an untimed warm-up round, each round runs every task once in
socialcalc and then once in OpenFisca (in a worker process, ``benchmarks/openfisca_model.py``), so both see the
same machine load. Every figure is the **min and median** over the rounds; the machine's load average
(``os.getloadavg``) is printed before and after, and written with the table. The tasks:

1. one case, end to end: § 100 with its explanation (``calculate(...).explain()``) and the amount alone;
   a kompensationsydelse case, a § 103 transport split and a § 109 stay, each with its explanation; a 12-month
   § 97 bank with its statements. socialcalc's figure is the mean of a batch of calls; OpenFisca's a
   simulation of one person built, given its inputs and computed;
2. N persons × § 100 (both regimes), × a 12-month § 97 bank, × § 103 transport, × §§ 109/110 stays: the batch
   kernels (``socialcalc.batch``) against OpenFisca's vectorised formulas (``calculate`` only);
3. the pandas adapters (``socialcalc.batch.frame``) against their kernels on the same rows (target ≤ 2×);
4. ``import socialcalc`` in a fresh interpreter (target ≤ 60 ms) and a § 100 case on the command line as a fresh
   process (target ≤ 0,12 s).

Every target the run does not meet is printed as such, with the measured figure and why (:data:`WHY`).

OpenFisca is **never a dependency of socialcalc**: this script creates ``benchmarks/.venv-openfisca`` (ignored by
git) and runs ``pip install openfisca-core`` there the first time. It checks that OpenFisca's outputs equal
socialcalc's on every row of the caseload and reports mismatches (OpenFisca computes money in float32), and
that the batch kernels equal the exact scalar functions on a sample. The ratio is socialcalc's median time ÷
OpenFisca's (below 1: socialcalc is faster); the targets are issue 15's. The table is printed and written to
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
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if (ROOT / "src" / "socialcalc").is_dir():  # measure this checkout, not another installed copy
    sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from socialcalc import Month, check_rates  # noqa: E402
from socialcalc.batch import bank, merudgift, stays, transport  # noqa: E402
from socialcalc.batch.frame import bank_frame, merudgift_frame, stays_frame, transport_frame  # noqa: E402
from socialcalc.beskyttet_beskaeftigelse import transport as transport_one  # noqa: E402
from socialcalc.egenbetaling import stay  # noqa: E402
from socialcalc.ledsageordning import Bank  # noqa: E402
from socialcalc.merudgift import calculate  # noqa: E402

OPENFISCA_VENV = HERE / ".venv-openfisca"
PAYMENT_DAY = date(2024, 6, 1)  # § 100: the 2024 band table, one month
KOMP_DAY = date(2025, 10, 1)  # the kompensationsydelse (decisions from 1 September 2025)
TRANSPORT_DAY = date(2025, 3, 1)
FIRST_MONTH = "2024-01"  # § 97: a bank over the 12 months of 2024, national rules (oldest first)
MONTHS = 12
GRANT, SAVING = 15 * 60, 6  # the packaged book's § 97 figures, used only to generate feasible use
CALLS = 200  # one-case tasks: the mean of this many calls is one measurement
ADAPTER_ROWS = 200_000  # rows (for the bank: persons × 12 months) of the adapter comparison


def generate(n: int, seed: int = 2024) -> dict[str, np.ndarray]:
    """A synthetic caseload: § 100 expenses (øre) and documentation, 12 months of § 97 use (minutes), and
    kompensationsydelse expenses, § 103 transport and §§ 109/110 stays of 2024.

    Expenses are log-normal around 1 500 kr. a month with a long tail (so every band, full cover and large
    documented amounts occur). Each month about 55 % of the persons use escort, up to 30 hours, never more than
    a safe lower bound of what their bank holds, so every bank is valid. Kompensationsydelse: log-normal around
    2 500 kr., half with documented expenses on the positive list (a share of the total). Transport: 1-23 days,
    1-40 km, 1,00-2,50 kr. per km. Stays: arrival in 2024, 0-60 nights, departure in 2024.
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
    komp = np.clip(np.rint(rng.lognormal(np.log(250_000), 0.6, n)), 0, 20_000_000).astype(np.int64)
    listed = np.where(rng.random(n) < 0.5, 0, np.floor(komp * rng.random(n))).astype(np.int64)
    day0 = np.datetime64("2024-01-01")
    arrival = day0 + rng.integers(0, 366, n).astype("m8[D]")
    departure = np.minimum(arrival + rng.integers(0, 61, n).astype("m8[D]"), np.datetime64("2024-12-31"))
    return {"expenses_ore": expenses, "documented": documented, "used_minutes": used,
            "komp_expenses_ore": komp, "komp_listed_ore": listed,
            "days": rng.integers(1, 24, n).astype(np.int64), "distance_km": rng.integers(1, 41, n).astype(np.int64),
            "per_km_ore": rng.integers(100, 251, n).astype(np.int64),
            "net_ore": np.rint(rng.lognormal(np.log(300_000), 0.5, n)).astype(np.int64),
            "paragraph": np.where(rng.random(n) < 0.5, 109, 110).astype(np.int64),
            "arrival": arrival, "departure": departure}


def _one_bank() -> object:
    first = Month.parse(FIRST_MONTH)
    scalar = Bank.open(first)
    for t in range(MONTHS):
        scalar = scalar.use(first + t, minutes=800)
    return [s.explain() for s in scalar.statements(first + MONTHS - 1)]


ONE_CASE: dict[str, Callable[[], object]] = {
    "one_sel100": lambda: calculate("1800", decided_on=PAYMENT_DAY).explain(),
    "one_sel100_amount": lambda: calculate("1800", decided_on=PAYMENT_DAY).amount,
    "one_komp": lambda: calculate("2500", listed_documented="2500", decided_on=KOMP_DAY).explain(),
    "one_sel103": lambda: transport_one(days=20, distance_km=25, net_earnings="1500.00", per_km="1.50",
                                        on=TRANSPORT_DAY).explain(),
    "one_stay": lambda: stay(109, date(2024, 3, 3), date(2024, 3, 13)).explain(),
    "one_bank": _one_bank,
}
"""socialcalc's one-case tasks (each timed as the mean of :data:`CALLS` calls)."""


WHY_ONE_CASE = ("explain() builds the explanation's facts (a frozen model per step, each rate with its grade and "
                "source) and renders them from the catalogs as Danish text: for § 100 the amount takes about 17 µs, "
                "the facts about 25 µs and the text 25–45 µs. § 100's facts are built only when read, but a letter "
                "reads them; ≤ 0,20 (about 20–30 µs) is about what the amount alone costs")
WHY: dict[str, str] = {
    "one_sel100": WHY_ONE_CASE,
    "one_sel100_amount": ("the facts are no longer built unless read, and the rates of a day are read once per (book, "
                          "day, kommune); what is left is pure Python spread thin: the input checks about 2 µs, the "
                          "rate book and the day's context 2 µs, the decision on integers (the code the batch runs) "
                          "5 µs, the frozen result model 4 µs, the call itself 3 µs. ≤ 0,10 of OpenFisca's 95–160 µs "
                          "is 10–16 µs"),
    "one_komp": WHY_ONE_CASE,
    "one_sel103": WHY_ONE_CASE,
    "one_stay": WHY_ONE_CASE,
    "one_bank": ("the year is 12 months folded in order, each month's rates read and its use checked against the "
                 "grant, saving and expiry, and 12 statements, each a result with its explanation; ≤ 0,05 (about "
                 "0,3 ms) is below the cost of 12 explained results"),
    "batch_sel100": ("both are vectorised numpy over the same rows: OpenFisca's formula is one numpy.select in "
                     "float32; socialcalc checks every input column and decides in int64 øre with exact rounding, "
                     "returning every result column. Both are near this machine's memory bandwidth; a third of "
                     "OpenFisca's time needs one compiled pass per row (numba: a dependency not chosen)"),
    "batch_bank": ("12 months in order for every person, each month's grant, saving and expiry carried in int32 "
                   "minutes, every month's statement columns kept; OpenFisca keeps six float32 columns a month. A "
                   "third of its time needs one compiled pass per person (numba: a dependency not chosen)"),
    "merudgift_frame": ("the kernel takes about 9 ns a row; the adapter's ten result columns (four categoricals, a "
                        "nullable year, the input row, the frame itself) cost pandas about as much at 200 000 rows"),
    "stays_frame": ("the kernel takes about 12 ns a row; reading the two datetime64[s] columns as days and "
                    "building the twelve result columns cost about as much"),
    "transport_frame": "the result's thirteen columns cost pandas about as much as the kernel",
    "bank_frame": "grouping the long format into persons × months costs about as much as the 12-month kernel",
    "cli": ("python itself starts in about 12 ms, and the result models need pydantic, whose import is about "
            "55 ms; the rule's own modules, the cached rate book and the run take the rest. ≤ 0,12 s needs a "
            "command path without pydantic"),
}
"""Why a target is not met, printed beside each one that is not (the reasons of the analysis in docs/benchmarks.md)."""


@dataclass
class Task:
    """One line of the table: what, socialcalc's work, OpenFisca's task name, the target ratio."""

    label: str
    ours: Callable[[], object]
    theirs: str | None
    target: float | None
    calls: int = 1
    why: str = ""
    times: list[float] = field(default_factory=list)
    their_times: list[float] = field(default_factory=list)


def tasks(data: dict[str, np.ndarray], n: int) -> list[Task]:
    label = f"{n:,}".replace(",", " ")
    d = data
    work = [
        Task("One § 100 case with its explanation", ONE_CASE["one_sel100"], "one_sel100", 0.20, CALLS,
             WHY["one_sel100"]),
        Task("One § 100 case, the amount alone (no explanation rendered)", ONE_CASE["one_sel100_amount"],
             "one_sel100", 0.10, CALLS, WHY["one_sel100_amount"]),
        Task("One kompensationsydelse case with its explanation", ONE_CASE["one_komp"], "one_komp", 0.20, CALLS,
             WHY["one_komp"]),
        Task("One § 103 transport split with its explanation", ONE_CASE["one_sel103"], "one_sel103", 0.20, CALLS,
             WHY["one_sel103"]),
        Task("One §§ 109/110 stay with its explanation", ONE_CASE["one_stay"], "one_stay", 0.20, CALLS,
             WHY["one_stay"]),
        Task("A 12-month § 97 bank with its statements", ONE_CASE["one_bank"], "one_bank", 0.05, CALLS // 4,
             WHY["one_bank"]),
        Task(f"{label} persons × § 100, one month",
             lambda: merudgift(d["expenses_ore"], decided_on=PAYMENT_DAY, documented=d["documented"]),
             "batch_sel100", 0.33, why=WHY["batch_sel100"]),
        Task(f"{label} persons × § 97 bank, 12 months", lambda: bank(d["used_minutes"], months=FIRST_MONTH),
             "batch_bank", 0.33, why=WHY["batch_bank"]),
        Task(f"{label} persons × kompensationsydelse",
             lambda: merudgift(d["komp_expenses_ore"], decided_on=KOMP_DAY, listed_documented=d["komp_listed_ore"]),
             "batch_komp", None),
        Task(f"{label} persons × § 103 transport",
             lambda: transport(d["days"], d["distance_km"] * 1000, d["net_ore"], per_km=d["per_km_ore"],
                               on=TRANSPORT_DAY),
             "batch_sel103", None),
        Task(f"{label} stays × §§ 109/110", lambda: stays(d["paragraph"], d["arrival"], d["departure"]),
             "batch_stays", None),
    ]
    return work


def _n(count: int) -> str:
    return f"{count:,}".replace(",", " ")


def adapters(data: dict[str, np.ndarray]) -> list[tuple[str, Callable[[], object], Callable[[], object]]]:
    """(label, adapter, kernel) on the same rows: the frame adapter against the kernel it calls."""
    m = min(ADAPTER_ROWS, len(data["expenses_ore"]))
    persons = max(1, m // MONTHS)
    d = {k: v[:m] for k, v in data.items()}
    used = data["used_minutes"][:persons]
    f100 = pd.DataFrame({"expenses_ore": d["expenses_ore"], "documented": d["documented"]})
    f103 = pd.DataFrame({"days": d["days"], "distance_m": d["distance_km"] * 1000, "net_earnings_ore": d["net_ore"],
                         "per_km_ore": d["per_km_ore"]})
    fstay = pd.DataFrame({"paragraph": d["paragraph"], "arrival": d["arrival"], "departure": d["departure"]})
    months = [f"2024-{t + 1:02d}" for t in range(MONTHS)]
    fbank = pd.DataFrame({"person": np.repeat(np.arange(persons), MONTHS), "month": np.tile(months, persons),
                          "used_minutes": used.reshape(-1)})
    return [
        (f"merudgift_frame, {_n(m)} rows",
         lambda: merudgift_frame(f100, decided_on=PAYMENT_DAY),
         lambda: merudgift(d["expenses_ore"], decided_on=PAYMENT_DAY, documented=d["documented"])),
        (f"transport_frame, {_n(m)} rows",
         lambda: transport_frame(f103, on=TRANSPORT_DAY),
         lambda: transport(d["days"], d["distance_km"] * 1000, d["net_ore"], per_km=d["per_km_ore"],
                           on=TRANSPORT_DAY)),
        (f"stays_frame, {_n(m)} rows", lambda: stays_frame(fstay),
         lambda: stays(d["paragraph"], d["arrival"], d["departure"])),
        (f"bank_frame, {_n(persons * MONTHS)} rows ({_n(persons)} persons × 12 months)",
         lambda: bank_frame(fbank), lambda: bank(used, months=FIRST_MONTH)),
    ]


def clock(work: Callable[[], object], calls: int = 1) -> float:
    """Seconds of one run of ``work`` (the mean of ``calls`` calls)."""
    start = time.perf_counter()
    for _ in range(calls):
        work()
    return (time.perf_counter() - start) / calls


def import_time(repeats: int) -> list[float]:
    """Seconds for ``import socialcalc`` in a fresh interpreter (timed inside it), after one untimed start."""
    code = "import time; t = time.perf_counter(); import socialcalc; print(time.perf_counter() - t)"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    runs = []
    for _ in range(repeats + 1):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        runs.append(float(done.stdout.strip()))
    return runs[1:]


CLI = [sys.executable, "-m", "socialcalc", "merudgift", "1800", "--decided-on", "2024-03-01"]
"""The command line timed: one § 100 case, a fresh process (issue 15 item 4: ≤ 0,12 s)."""
CLI_TARGET = 0.120
IMPORT_TARGET = 0.060


def cli_start(rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock seconds of :data:`CLI` and, interleaved, of a bare ``python -c pass`` (the machine's floor),
    after one untimed start of each; bytecode is cached in a temporary ``PYTHONPYCACHEPREFIX``, as an installed
    socialcalc has it (see ``benchmarks/cli_startup.py``)."""
    with tempfile.TemporaryDirectory(prefix="socialcalc-pyc-") as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache,
               "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        runs: tuple[list[float], list[float]] = ([], [])
        for _ in range(rounds + 1):
            for command, times in ((CLI, runs[0]), ([sys.executable, "-c", "pass"], runs[1])):
                start = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
                times.append(time.perf_counter() - start)
    return runs[0][1:], runs[1][1:]


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


class OpenFisca:
    """The OpenFisca worker: one process in its own venv, answering one task at a time."""

    def __init__(self, python: Path, data_path: Path, out_path: Path) -> None:
        self.out_path = out_path
        self.proc = subprocess.Popen([str(python), str(HERE / "openfisca_model.py"), str(data_path), str(out_path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self._read()  # {"ready": true}
        self.version = subprocess.run([str(python), "-c", "import importlib.metadata as m; "
                                       "print(m.version('openfisca-core'))"], capture_output=True,
                                      text=True).stdout.strip()

    def _read(self) -> dict[str, object]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the OpenFisca worker stopped")
        answer: dict[str, object] = json.loads(line)
        return answer

    def ask(self, task: str, calls: int = 1) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"task": task, "calls": calls}) + "\n")
        self.proc.stdin.flush()
        return float(self._read()["seconds"])  # type: ignore[arg-type]

    def outputs(self) -> dict[str, np.ndarray]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"task": "outputs"}) + "\n")
        self.proc.stdin.flush()
        self._read()
        with np.load(self.out_path) as found:
            return {k: found[k] for k in found.files}

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min; {os.cpu_count()} CPUs)"


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def span(times: list[float]) -> str:
    return "–" if not times else f"{fmt(min(times))} / {fmt(statistics.median(times))}"


def decimal(x: float, places: int = 2) -> str:
    return f"{x:.{places}f}".replace(".", ",")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="persons in the caseload (default 1 000 000)")
    parser.add_argument("--quick", action="store_true", help="100 000 persons and 3 rounds")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 5; 3 with --quick)")
    parser.add_argument("--no-openfisca", action="store_true", help="skip OpenFisca (no install, no run)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md", help="where to write the table")
    args = parser.parse_args(argv)
    n = args.n or (100_000 if args.quick else 1_000_000)
    rounds = args.rounds or (3 if args.quick else 5)
    command = "python benchmarks/run.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    began = time.perf_counter()

    print(f"Generating a caseload of {n:,} persons …", flush=True)
    data = generate(n)
    work = tasks(data, n)
    pairs = adapters(data)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="socialcalc-bench-") as tmp:
        fisca = None
        if not args.no_openfisca and (python := openfisca_python()) is not None:
            data_path = Path(tmp) / "caseload.npz"
            np.savez(data_path, **data)
            fisca = OpenFisca(python, data_path, Path(tmp) / "openfisca_out.npz")
        load_before = load()
        print(f"Load average before: {load_before}", flush=True)
        for r in range(rounds + 1):  # round 0 is the warm-up, untimed
            print(f"Round {r}/{rounds}{' (warm-up)' if r == 0 else ''} …", flush=True)
            for task in work:
                ours = clock(task.ours, task.calls)
                theirs = fisca.ask(task.theirs, task.calls) if fisca is not None and task.theirs else None
                if r:
                    task.times.append(ours)
                    if theirs is not None:
                        task.their_times.append(theirs)
        adapter_times: list[tuple[str, list[float], list[float]]] = [(label, [], []) for label, _, _ in pairs]
        for r in range(rounds + 1):
            for (_, adapter, kernel), (_, a_times, k_times) in zip(pairs, adapter_times, strict=True):
                a, k = clock(adapter), clock(kernel)
                if r:
                    a_times.append(a)
                    k_times.append(k)
        imported = import_time(rounds)
        started, bare = cli_start(rounds)
        book = [clock(check_rates) for _ in range(rounds)]
        load_after = load()
        print(f"Load average after:  {load_after}", flush=True)
        d = data
        result100 = merudgift(d["expenses_ore"], decided_on=PAYMENT_DAY, documented=d["documented"])
        result097 = bank(d["used_minutes"], months=FIRST_MONTH)
        checked_rows, checked_persons = check_scalar_sample(data, result100.amount, result097.closing, 2000, 200)
        notes.append(f"The batch kernels equal the exact scalar functions on the {checked_rows:,} sampled § 100 rows "
                     f"and the {checked_persons:,} sampled § 97 banks (12 monthly statements each).")
        version = ""
        if fisca is not None:
            outputs = fisca.outputs()
            version = fisca.version
            fisca.close()
            komp = merudgift(d["komp_expenses_ore"], decided_on=KOMP_DAY, listed_documented=d["komp_listed_ore"])
            split = transport(d["days"], d["distance_km"] * 1000, d["net_ore"], per_km=d["per_km_ore"],
                              on=TRANSPORT_DAY)
            paid = stays(d["paragraph"], d["arrival"], d["departure"])
            notes.extend(compare(result100.amount, result097.closing, komp.amount, split.citizen,
                                 split.municipality, paid.amount, outputs))

    table = render(work)
    adapter_table = render_adapters(adapter_times)
    extra = (f"`import socialcalc` (fresh interpreter): {span(imported)} (target ≤ 60 ms); "
             f"`socialcalc merudgift 1800 --decided-on 2024-03-01` (a fresh process): {span(started)} (target "
             f"≤ 120 ms; a bare `python -c pass` beside it: {span(bare)}); load and check the rate book "
             f"(`check_rates()`): {span(book)}.")
    notes = [*notes, *not_met(work, adapter_times, imported, started)]
    seconds = time.perf_counter() - began
    print()
    print(table)
    print()
    print(adapter_table)
    print()
    print(extra)
    for note in notes:
        print(f"- {note}")
    write(args.out, command, table, adapter_table, extra, notes, n, rounds, version, load_before, load_after,
          seconds)
    print(f"\nWritten to {args.out} ({seconds:.0f} s in all)")
    return 0


def _ore_of(kroner: np.ndarray) -> np.ndarray:
    return np.rint(kroner.astype(np.float64) * 100).astype(np.int64)


def _equal(what: str, ours: np.ndarray, theirs_kr: np.ndarray) -> str:
    theirs = _ore_of(theirs_kr)
    differ = theirs != ours
    if not differ.any():
        return f"{what}: OpenFisca's amounts, rounded to øre, equal socialcalc's on all {len(ours):,} rows."
    return (f"{what}: OpenFisca differs from socialcalc on {int(differ.sum()):,} of {len(ours):,} rows (at most "
            f"{int(np.abs(theirs - ours).max())} øre; its money is {theirs_kr.dtype}).")


def compare(sel100: np.ndarray, closing: np.ndarray, komp: np.ndarray, citizen: np.ndarray,
            municipality: np.ndarray, paid: np.ndarray, outputs: dict[str, np.ndarray]) -> list[str]:
    """Notes on how OpenFisca's outputs compare with socialcalc's (øre for money, minutes for § 97)."""
    notes = []
    theirs = _ore_of(outputs["sel100"])
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
    notes.append(_equal("Kompensationsydelse", komp, outputs["komp"]))
    notes.append(_equal("§ 103, the citizen's part", citizen, outputs["sel103"][:, 0]))
    notes.append(_equal("§ 103, the municipality's part", municipality, outputs["sel103"][:, 1]))
    notes.append(_equal("§§ 109/110 stays", paid, outputs["stays"]))
    return notes


def not_met(work: list[Task], adapter_times: list[tuple[str, list[float], list[float]]], imported: list[float],
            started: list[float]) -> list[str]:
    """One line for each target this run did not meet: what, the measured figure against the target, and why."""
    lines = []
    given: dict[str, str] = {}  # a reason given once, referred to after
    for task in work:
        if task.target is not None and task.their_times:
            value = statistics.median(task.times) / statistics.median(task.their_times)
            if value > task.target:
                why = task.why or "no reason known"
                said = given.setdefault(why, task.label)
                why = why if said == task.label else f"as for “{said}”"
                lines.append(f"**Not met**: {task.label}, {decimal(value)} of OpenFisca (target ≤ "
                             f"{decimal(task.target)}): {why}.")
    for label, a, k in adapter_times:
        value = statistics.median(a) / statistics.median(k)
        if value > 2:
            why = WHY.get(label.split(",")[0], "no reason known")
            lines.append(f"**Not met**: {label}, {decimal(value, 1)} × its kernel (target ≤ 2,0): {why}.")
    if statistics.median(imported) > IMPORT_TARGET:
        lines.append(f"**Not met**: `import socialcalc`, {fmt(statistics.median(imported))} (target ≤ 60 ms).")
    if statistics.median(started) > CLI_TARGET:
        lines.append(f"**Not met**: the § 100 case on the command line, {fmt(statistics.median(started))} (target "
                     f"≤ 120 ms): {WHY['cli']}.")
    return lines


def render(work: list[Task]) -> str:
    lines = ["| Work | socialcalc min / median | OpenFisca-Core min / median | socialcalc ÷ OpenFisca (median) "
             "| Target | Met |", "|---|---:|---:|---:|---:|---|"]
    for task in work:
        ratio = target = met = "–"
        if task.their_times:
            value = statistics.median(task.times) / statistics.median(task.their_times)
            ratio = decimal(value)
            if task.target is not None:
                met = "yes" if value <= task.target else "**no**"
        if task.target is not None:
            target = f"≤ {decimal(task.target)}"
        lines.append(f"| {task.label} | {span(task.times)} | {span(task.their_times)} | {ratio} | {target} | {met} |")
    return "\n".join(lines)


def render_adapters(rows: list[tuple[str, list[float], list[float]]]) -> str:
    lines = ["| Adapter (`socialcalc.batch.frame`) | adapter min / median | kernel min / median "
             "| adapter ÷ kernel (median) | Target | Met |", "|---|---:|---:|---:|---:|---|"]
    for label, a, k in rows:
        value = statistics.median(a) / statistics.median(k)
        lines.append(f"| {label} | {span(a)} | {span(k)} | {decimal(value, 1)} | ≤ 2,0 | "
                     f"{'yes' if value <= 2 else '**no**'} |")
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


def write(path: Path, command: str, table: str, adapter_table: str, extra: str, notes: list[str], n: int,
          rounds: int, openfisca_version: str, load_before: str, load_after: str, seconds: float) -> None:
    machine = (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU(s) "
               f"({processor()}), Python {platform.python_version()}, "
               f"numpy {np.__version__}, pandas {pd.__version__}"
               + (f", OpenFisca-Core {openfisca_version}" if openfisca_version else ""))
    text = [
        "# Benchmark results",
        "",
        f"Written by `{command}` on {date.today().isoformat()} ({seconds:.0f} s): {n:,} persons, "
        f"{rounds} interleaved rounds after a warm-up round, min / median of the rounds. {machine}. "
        f"Load average before: {load_before}; after: {load_after}.",
        "",
        table,
        "",
        adapter_table,
        "",
        extra,
        "",
        *[f"- {note}" for note in notes],
        "",
        "OpenFisca's batch times cover `simulation.calculate(...)` only (inputs already set); socialcalc's include "
        "validating every input column. Both compute the § 97 bank for the 12 months of 2024 in order. One case in "
        "OpenFisca is a simulation of one person, built and computed (no explanation: OpenFisca has none).",
        "",
    ]
    path.write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
