"""A bounded load test of ``socialcalc serve`` on loopback: requests/s, p50/p99 latency, errors, memory.

    python benchmarks/load.py                                  # 100 000 § 100 cases, 2 workers, at most 900 s
    python benchmarks/load.py --requests 10000 --workers 1     # a quick look
    python benchmarks/load.py --explain                        # with ?explain=borger (the letter text)

It starts ``socialcalc serve --workers N`` on a free port of 127.0.0.1 (never another address), sends a fixed
number of ``POST /v1/merudgift`` requests from ``--concurrency`` keep-alive connections (httpx, asyncio), and
stops by itself when the count is reached or the time limit has passed, whichever comes first; then it stops
the server. Every answer is checked (status 200 and the amount ``2277.00``); any other answer is an error.
The server's resident memory (all its processes) is sampled every ``--requests / 10`` requests.

The client runs on the same machine as the server, so on a 2-core machine they share the CPUs: the figures are
what the service gives with a busy neighbour, a lower bound for a dedicated host.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BODY = {"expenses": "1800.50", "decided_on": "2024-03-01"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's workers)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            todo.extend(int(c) for c in task.read_text().split())
    return found


def _rss_mib(pid: int) -> float:
    total = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


async def _drive(url: str, total: int, concurrency: int, limit_s: float, explain: bool, pid: int
                 ) -> tuple[list[float], collections.Counter[str], list[tuple[int, float]], float, bool]:
    latencies: list[float] = []
    errors: collections.Counter[str] = collections.Counter()
    memory: list[tuple[int, float]] = [(0, _rss_mib(pid))]
    every = max(1, total // 10)
    sent = 0
    stopped = False
    started = time.perf_counter()
    deadline = started + limit_s
    params = {"explain": "borger"} if explain else {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        async def one() -> None:
            nonlocal sent, stopped
            while True:
                if sent >= total:
                    return
                if time.perf_counter() > deadline:
                    stopped = True
                    return
                sent += 1
                n = sent
                t0 = time.perf_counter()
                why = ""
                try:
                    r = await client.post("/v1/merudgift", json=BODY, params=params)
                    if r.status_code != 200 or r.json()["result"]["amount"] != "2277.00":
                        why = f"HTTP {r.status_code}"
                except httpx.HTTPError as err:
                    why = type(err).__name__
                latencies.append(time.perf_counter() - t0)
                if why:
                    errors[why] += 1
                if n % every == 0:
                    memory.append((n, _rss_mib(pid)))

        await asyncio.gather(*(one() for _ in range(concurrency)))
    return latencies, errors, memory, time.perf_counter() - started, stopped


def _percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=100_000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--time-limit", type=float, default=900.0, help="seconds; the test stops by itself")
    ap.add_argument("--explain", action="store_true", help="ask for the letter text too")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = ap.parse_args()

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="socialcalc-load-", suffix=".log", delete=False)  # noqa: SIM115
    server = subprocess.Popen([sys.executable, "-m", "socialcalc", "serve", "--port", str(port),
                               "--workers", str(args.workers)],
                              stdout=log, stderr=log, start_new_session=True)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            print("the server did not start", file=sys.stderr)
            return 1
        for _ in range(200 * args.workers):  # warm every worker up
            httpx.post(f"{url}/v1/merudgift", json=BODY)
        latencies, errors, memory, elapsed, stopped = asyncio.run(
            _drive(url, args.requests, args.concurrency, args.time_limit, args.explain, server.pid))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    server_errors = sum(1 for line in Path(log.name).read_text(errors="replace").splitlines()
                        if "ERROR" in line or '" 5' in line)
    Path(log.name).unlink()

    lat = sorted(latencies)
    figures = {
        "requests": len(lat), "errors": sum(errors.values()), "error_kinds": dict(errors),
        "server_errors_logged": server_errors, "seconds": round(elapsed, 1),
        "requests_per_s": round(len(lat) / elapsed), "p50_ms": round(_percentile(lat, 0.50) * 1e3, 2),
        "p99_ms": round(_percentile(lat, 0.99) * 1e3, 2), "mean_ms": round(statistics.fmean(lat) * 1e3, 2),
        "workers": args.workers, "concurrency": args.concurrency, "explain": args.explain,
        "stopped_by_time_limit": stopped,
        "rss_mib": [(n, round(m, 1)) for n, m in memory],
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
                   f"Python {platform.python_version()}",
    }
    after_warmup = memory[1][1] if len(memory) > 1 else memory[0][1]
    figures["rss_growth_after_first_tenth_mib"] = round(memory[-1][1] - after_warmup, 1)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if errors or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
