"""`veracity serve` starts uvicorn on the given loopback port with the configured database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_command_runs_the_api(tmp_path: Path) -> None:
    port = free_port()
    database = tmp_path / "served.db"
    env = {**os.environ, "VERACITY_DATABASE_URL": f"sqlite:///{database}"}
    command = [
        sys.executable,
        "-m",
        "veracity.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stdout.read().decode()
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "veracity serve did not answer in 120 s"
                time.sleep(0.25)
        assert health.json()["database"] == "sqlite"
        assert database.is_file()
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "Analyse" in page.text
        assert "server" not in page.headers
        rebound = httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400  # on loopback: its loopback names only
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_command_reports_a_bad_database_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "VERACITY_DATABASE_URL": "nonsense://"}
    result = subprocess.run(
        [sys.executable, "-m", "veracity.cli", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 9
    assert "error:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("host", ["127.0.0.1", "no-such-host.invalid"])
def test_an_address_serve_cannot_listen_on_is_one_error_line(host: str) -> None:
    # a port in use had uvicorn log "Started server process ... startup complete", then an
    # ERROR line, and exit 3; a host naming no interface the same
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "veracity.cli", "serve", "--host", host, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot listen on {host}:{port}: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Started server process" not in result.stderr + result.stdout
