"""Benchmark: a long § 97 hour-bank history, one ``Bank.use`` a month (the bank carries its state forward).

    python benchmarks/bank_history.py              # 10 000 months, 5 runs
    python benchmarks/bank_history.py --months 2000 --runs 3

Each run opens a bank (national rules, oldest hours first) and records a use in each of ``--months``
consecutive months, 13 h 20 min each (always available: 15 h are granted a month), then reads the last
month's statement. It prints the minimum and median over the runs and the machine's load, and checks the
final bank against a replay of the stored history from its first month
(``Bank.model_validate_json(...).statements(...)``).
Before the bank carried its state, each ``use`` replayed the whole history: 2 000 months took 116 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from socialcalc.ledsageordning import Bank
from socialcalc.months import Month

START = Month(2024, 1)


def history(months: int) -> Bank:
    """A bank with a use of 13 h 20 min in each of ``months`` months."""
    bank = Bank.open(START)
    m = START
    for _ in range(months):
        bank = bank.use(m, minutes=800)
        m = m + 1
    return bank


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--months", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    bank = None
    for _ in range(args.runs):
        began = time.perf_counter()
        bank = history(args.months)
        bank.statement(bank.last_recorded or START)
        times.append(time.perf_counter() - began)
    assert bank is not None
    last = bank.last_recorded or START
    replayed = Bank.model_validate_json(bank.model_dump_json()).statements(last)[-1]
    if replayed != bank.statement(last):
        raise SystemExit("the carried bank differs from its replay")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.months:,} months of use (one Bank.use a month, then the last statement), {args.runs} runs; "
          f"load average {load}")
    print(f"  min {min(times):.3f} s, median {statistics.median(times):.3f} s "
          f"({min(times) / args.months * 1e6:.0f} µs a month at best); equal to the replay: yes")


if __name__ == "__main__":
    main()
