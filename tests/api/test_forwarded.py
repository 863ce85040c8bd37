"""Attack 8: forwarded headers. uvicorn trusts X-Forwarded-For from 127.0.0.1 by default, so
any local process could pick its client address and escape the per-client throttle; `veracity
serve` trusts it only from the proxies named with --forwarded-allow-ips."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.api.live_server import app_settings, serve
from veracity.api import create_app, server_options


def statuses_with_forged_addresses(url: str) -> list[int]:
    return [
        httpx.get(
            f"{url}/v1/analyses", headers={"X-Forwarded-For": f"203.0.113.{n}"}, timeout=10
        ).status_code
        for n in range(3)
    ]


@pytest.mark.parametrize(
    ("trusted", "expected"),
    [(None, [200, 200, 429]), ("127.0.0.1", [200, 200, 200])],
)
def test_forwarded_for_counts_only_from_trusted_proxies(
    tmp_path: Path, trusted: str | None, expected: list[int]
) -> None:
    app = create_app(app_settings(tmp_path / "v.db", api_rate_limit_per_minute=2))
    with serve(app, lifespan="off", **server_options(trusted)) as url:
        assert statuses_with_forged_addresses(url) == expected


def test_serve_has_the_option() -> None:
    from typer.testing import CliRunner

    from veracity.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert "--forwarded-allow-ips" in result.output
