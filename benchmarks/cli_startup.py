"""CLI start-up: wall-clock time of a whole ``socialcalc`` process, interleaved with its baselines.

Run ``python -m benchmarks.cli_startup [RUNS]`` (default 15). Each round runs, in turn, a bare ``python -c pass``,
``python -c "import socialcalc"``, and ``socialcalc merudgift 1800 --decided-on 2024-03-01`` (as
``python -m socialcalc``), each as a fresh process; the min and median of each are printed with the machine's
load before and after. The targets (issue 15, item 4): ``import socialcalc`` ≤ 60 ms, the § 100 case ≤ 0,12 s.
For where the time goes, use ``python -X importtime -m socialcalc merudgift 1800 --decided-on 2024-03-01``.

**Bytecode.** An installed socialcalc has its ``.pyc`` files (pip compiles them); a checkout run with
``PYTHONDONTWRITEBYTECODE=1`` (set on some CI machines and sandboxes) compiles every module of ``src/`` from
source on each start, about 35 ms here. The child processes therefore run with bytecode cached in a temporary
``PYTHONPYCACHEPREFIX`` (never written into the checkout), warmed by one untimed round; ``--no-bytecode`` times
them as the environment says instead. Both are printed as they are: say which one you quote.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

__all__ = ["CASES", "main"]

CASES: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import socialcalc": [sys.executable, "-c", "import socialcalc"],
    "socialcalc merudgift 1800 --decided-on 2024-03-01": [
        sys.executable, "-m", "socialcalc", "merudgift", "1800", "--decided-on", "2024-03-01"],
}
"""What is timed: a label and the command line of one fresh process."""

TARGETS: dict[str, float] = {"import socialcalc": 0.060, "socialcalc merudgift 1800 --decided-on 2024-03-01": 0.120}
"""The targets of issue 15 item 4, in seconds of wall clock."""


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main(runs: int = 15, *, bytecode: bool = True) -> dict[str, list[float]]:
    """Time each case ``runs`` times, interleaved; print min and median; return the times."""
    with tempfile.TemporaryDirectory(prefix="socialcalc-pyc-") as cache:
        env = dict(os.environ)
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = cache
        mode = "bytecode cached (as installed)" if bytecode else \
            f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r} as in the environment"
        print(f"{runs} interleaved rounds, {mode}")
        for cmd in CASES.values():  # warm-up round, untimed (writes the bytecode)
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        print(f"before: {_load()}")
        times: dict[str, list[float]] = {label: [] for label in CASES}
        for _ in range(runs):
            for label, cmd in CASES.items():
                start = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
                times[label].append(time.perf_counter() - start)
        print(f"after:  {_load()}")
    for label, values in times.items():
        target = TARGETS.get(label)
        note = f"  (target ≤ {target * 1000:.0f} ms)" if target else ""
        print(f"{label:52} min {min(values) * 1000:6.0f} ms  median {statistics.median(values) * 1000:6.0f} ms"
              f"{note}")
    return times


if __name__ == "__main__":
    _args = [a for a in sys.argv[1:] if a != "--no-bytecode"]
    main(int(_args[0]) if _args else 15, bytecode="--no-bytecode" not in sys.argv[1:])
