"""API latency on loopback: p50/p95/p99 and requests/s for 1, 8 and 32 concurrent clients.

Starts ``veracity serve`` on a free port with a throwaway SQLite database and no rate limit
(or measures ``--url``), warms the models up, then runs a bounded number of requests per
scenario and concurrency level, and a final load test (``--load``, default 2,000 mixed
requests at 32 concurrency) that must get no 5xx. Results go to stdout and to the
"API latency" section of docs/benchmarks.md; the exit status is 1 if any request got a 5xx.

    .venv/bin/python bench/api_latency.py --requests 200 --load 2000,32
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import numpy as np

from _docs import write_section  # bench/_docs.py

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "example-article.txt"
BENCHMARKS = REPO / "docs" / "benchmarks.md"
SECTION_START = "<!-- api-latency:start -->"
SECTION_END = "<!-- api-latency:end -->"
MIXED = "mixed load (1/4 POST fast, 1/4 search, 1/2 GET)"

RequestFactory = Callable[[httpx.AsyncClient, int], "asyncio.Future[httpx.Response]"]


@dataclass
class Result:
    scenario: str
    clients: int
    requests: int
    errors: int
    server_errors: int
    seconds: float
    latencies_ms: np.ndarray

    def row(self) -> str:
        p50, p95, p99 = np.percentile(self.latencies_ms, [50, 95, 99])
        return (
            f"| {self.scenario} | {self.clients} | {self.requests} | {self.errors} | "
            f"{self.server_errors} | {p50:.1f} | {p95:.1f} | {p99:.1f} | "
            f"{self.requests / self.seconds:.1f} |"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(server_errors: list[str]) -> Iterator[str]:
    """``veracity serve`` in a subprocess with its own SQLite file; yields the base URL.

    On exit, the distinct exception lines of the server log are added to ``server_errors``.
    """
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="veracity-bench-") as folder:
        env = {
            **os.environ,
            "VERACITY_DATABASE_URL": f"sqlite:///{folder}/bench.db",
            "VERACITY_API_RATE_LIMIT_PER_MINUTE": "0",  # one client sends everything
        }
        server_log = (Path(folder) / "server.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "veracity.cli", "serve", "--port", str(port)],
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while True:
                if server.poll() is not None:
                    raise SystemExit("veracity serve exited during start-up")
                try:
                    httpx.get(f"{url}/healthz", timeout=2).raise_for_status()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise SystemExit("veracity serve did not start in 180 s") from None
                    time.sleep(0.25)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
            server_log.close()
            log = (Path(folder) / "server.log").read_text(errors="replace")
            for line in re.findall(r"^\w+(?:Error|Exception): .*$", log, re.MULTILINE):
                if line not in server_errors:
                    server_errors.append(line)


async def measure(
    url: str, scenario: str, make_request: RequestFactory, clients: int, total: int
) -> Result:
    """Send ``total`` requests from ``clients`` concurrent workers; time each one."""
    latencies: list[float] = []
    errors = 0
    server_errors = 0
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors, server_errors
            for index in counter:
                began = time.perf_counter()
                try:
                    response = await make_request(client, index)
                    failed = response.status_code >= 400
                    server_errors += response.status_code >= 500
                except httpx.TransportError as exc:
                    print(f"transport error: {type(exc).__name__}: {exc}", file=sys.stderr)
                    failed = True
                latencies.append((time.perf_counter() - began) * 1000)
                errors += failed

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        seconds = time.perf_counter() - began
    return Result(scenario, clients, total, errors, server_errors, seconds, np.array(latencies))


def cold_start(url: str, run_tag: str, clients: int) -> Result:
    """``clients`` concurrent first requests to a server that has just started (models still
    loading in the background): each must wait for the one load, not load its own copy."""
    article = EXAMPLE.read_text(encoding="utf-8")
    loading = not httpx.get(f"{url}/healthz", timeout=10).json().get("models_ready", True)

    def first(client: httpx.AsyncClient, index: int):
        text = f"{article}\n\nCold {run_tag}-{index}: the council has not commented."
        return client.post("/v1/analyses", json={"text": text, "depth": "fast"})

    scenario = "cold start: first POST (fast) per client" + (
        ", models still loading" if loading else ""
    )
    return asyncio.run(measure(url, scenario, first, clients, clients))


def scenarios(url: str, run_tag: str) -> dict[str, RequestFactory]:
    """Read a stored analysis; analyse (fast path) and store a new article."""
    article = EXAMPLE.read_text(encoding="utf-8")
    stored = httpx.post(
        f"{url}/v1/analyses", json={"text": article, "depth": "fast"}, timeout=300
    ).json()

    def read(client: httpx.AsyncClient, _index: int):
        return client.get(f"/v1/analyses/{stored['id']}")

    def analyse(client: httpx.AsyncClient, index: int):
        # A distinct text each time, so every request analyses and inserts a new article.
        text = f"{article}\n\nUpdate {run_tag}-{index}: the council has not commented."
        return client.post("/v1/analyses", json={"text": text, "depth": "fast"})

    def mixed(client: httpx.AsyncClient, index: int):
        if index % 4 == 0:
            return analyse(client, index + 10_000_000)
        if index % 4 == 1:
            return client.get("/v1/analyses", params={"query": "council", "limit": 10})
        return read(client, index)

    return {
        "GET /v1/analyses/{id}": read,
        "POST /v1/analyses (fast, new article)": analyse,
        MIXED: mixed,
    }


def write_docs(table: str, command: str, server_errors: list[str]) -> None:
    """Replace (or append) the API latency section of docs/benchmarks.md."""
    section = "\n".join(
        [
            SECTION_START,
            "## API latency",
            "",
            f"Generated by `{command}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} CPU cores shared with the client (and with any other load: "
            f"load average {os.getloadavg()[0]:.1f} at the start). One `veracity serve` process "
            "(uvicorn, SQLite store) on 127.0.0.1; httpx async clients with keep-alive; "
            "the first row sends one request per client the moment the server answers "
            "(its models still loading in the background: each request waits for the one "
            "load); each later level sends a bounded number of requests after a warm-up; "
            "the rate limit "
            "is off (`VERACITY_API_RATE_LIMIT_PER_MINUTE=0`) since one client sends everything.",
            "",
            table,
            "",
            "Latencies in milliseconds; `POST` runs the fast analysis path and a store write "
            "per request, so it is bounded by CPU (analysis runs in the server's thread pool). "
            "Errors are non-2xx responses or dropped connections; 5xx counts server errors "
            "alone (the load test's pass mark is 0)"
            + (
                "; the server logged: " + "; ".join(f"`{line}`" for line in server_errors[:3])
                if server_errors
                else "."
            ),
            SECTION_END,
        ]
    )
    write_section(section, SECTION_START, SECTION_END, BENCHMARKS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure a running server instead of starting one")
    parser.add_argument("--requests", type=int, default=200, help="requests per level")
    parser.add_argument("--clients", default="1,8,32", help="concurrency levels")
    parser.add_argument(
        "--load", default="2000,32", help="REQUESTS,CLIENTS of the mixed load test (0,0: none)"
    )
    parser.add_argument(
        "--cold", type=int, default=32, help="concurrent first requests to a fresh server (0: none)"
    )
    parser.add_argument("--no-write", action="store_true", help="do not update the docs")
    args = parser.parse_args()
    levels = [int(level) for level in args.clients.split(",")]
    load_requests, load_clients = (int(n) for n in args.load.split(","))

    def run(url: str, fresh: bool = False) -> list[Result]:
        run_tag = f"{time.time_ns()}"
        results = []
        if fresh and args.cold:
            result = cold_start(url, run_tag, args.cold)
            print(result.row(), flush=True)
            results.append(result)
        for scenario, make_request in scenarios(url, run_tag).items():
            plan = [(clients, args.requests) for clients in levels]
            if scenario == MIXED:
                plan = [(load_clients, load_requests)] if load_requests else []
            if plan:
                asyncio.run(measure(url, scenario, make_request, 4, 8))  # warm-up
            for clients, total in plan:
                result = asyncio.run(measure(url, scenario, make_request, clients, total))
                print(result.row(), flush=True)
                results.append(result)
        return results

    header = (
        "| scenario | clients | requests | errors | 5xx | p50 ms | p95 ms | p99 ms | requests/s |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    print(header)
    server_errors: list[str] = []
    if args.url:
        results = run(args.url)
    else:
        with running_server(server_errors) as url:
            results = run(url, fresh=True)
    for line in server_errors:
        print(f"server error: {line}", file=sys.stderr)
    if not args.no_write:
        command = "python bench/api_latency.py " + " ".join(sys.argv[1:])
        table = header + "\n" + "\n".join(r.row() for r in results)
        write_docs(table, command.strip(), server_errors)
        print(f"written to {BENCHMARKS}")
    sys.exit(1 if any(result.server_errors for result in results) else 0)


if __name__ == "__main__":
    main()
