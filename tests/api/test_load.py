"""A bounded concurrent load on loopback (200 requests, 16 at a time, reads and analyses)
gets no 5xx and no dropped connection. bench/api_latency.py runs 2,000 at 32."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from tests.api.live_server import app_settings, serve
from veracity.api import create_app

REQUESTS = 200
CLIENTS = 16


@pytest.fixture(scope="module")
def unlimited_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = app_settings(tmp_path_factory.mktemp("load") / "v.db", api_rate_limit_per_minute=0)
    with serve(create_app(settings)) as url:
        yield url


async def send_load(url: str, article: str) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        first = await client.post("/v1/analyses", json={"text": article, "depth": "fast"})
        stored_id = first.json()["id"]
        numbers = iter(range(REQUESTS))

        async def worker() -> None:
            for n in numbers:
                try:
                    if n % 2:
                        response = await client.get(f"/v1/analyses/{stored_id}")
                    elif n % 4 == 0:
                        text = f"{article}\n\nUpdate {n}: the council has not commented."
                        response = await client.post(
                            "/v1/analyses", json={"text": text, "depth": "fast"}
                        )
                    else:
                        response = await client.get("/v1/analyses", params={"query": "council"})
                    outcomes[f"{response.status_code // 100}xx"] += 1
                except httpx.TransportError as exc:
                    outcomes[type(exc).__name__] += 1

        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
    return outcomes


def test_concurrent_load_has_no_server_errors(unlimited_url: str, example_article: str) -> None:
    outcomes = asyncio.run(send_load(unlimited_url, example_article))
    assert outcomes == Counter({"2xx": REQUESTS}), outcomes
    total = httpx.get(f"{unlimited_url}/v1/analyses", params={"limit": 1}).json()["total"]
    assert total == 1 + REQUESTS // 4  # every analysed article stored exactly once
