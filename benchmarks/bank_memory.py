"""Benchmark: the peak memory of the § 97 batch kernel on 10⁷ persons × 12 months (issue 15, item 3: < 4 GiB).

    python benchmarks/bank_memory.py                 # 10 000 000 persons, 12 months
    python benchmarks/bank_memory.py --n 1000000

One fresh process per measurement (so the peak is this kernel's, not an earlier task's): it builds the use
(``int32`` minutes, about 55 % of person-months with a use of up to 10 hours, always available), runs
:func:`socialcalc.batch.bank` on it and prints the process's peak resident memory (``ru_maxrss``), the size of
the input and the time, with the machine's load. The peak includes the input and every output array.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if (ROOT / "src" / "socialcalc").is_dir():
    sys.path.insert(0, str(ROOT / "src"))


def _child(n: int, months: int) -> None:
    import numpy as np

    from socialcalc.batch import bank

    rng = np.random.default_rng(97)
    used = np.zeros((n, months), dtype=np.int32)
    for t in range(months):  # column by column: no int64 temporary of the whole caseload
        on = rng.random(n, dtype=np.float32) < 0.55
        used[:, t] = np.where(on, rng.integers(0, 600, n, dtype=np.int32), 0)
    started = time.perf_counter()
    result = bank(used, months="2024-01")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    print(f"{n} persons × {months} months: peak {peak / 2**30:.2f} GiB (input {used.nbytes / 2**30:.2f} GiB, "
          f"minutes {result.closing.dtype}), kernel {seconds:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.n, args.months)
        return 0
    print(f"load before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    subprocess.run([sys.executable, __file__, "--child", "--n", str(args.n), "--months", str(args.months)],
                   check=True)
    print(f"load after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; target: peak < 4 GiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
