"""API keys never reach the server's logs: a live server logging everything (uvicorn's access
and error logs, veracity's own, at DEBUG) is sent right, wrong and rate-limited keys, and
every log record is searched."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from tests.api.live_server import app_settings, serve
from veracity.api import create_app

KEYS = ("live-key-Q7wZ3rTt9pLm", "other-key-Xv2Nc8Hs4Kd")
GUESS = "guessed-key-Bq5Jr1Wy6Ua"


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()} {record.exc_text or ''}")


# uvicorn's default logging config stops its loggers from propagating (an earlier server in
# this process may have applied it), so the capture listens on them too.
LOGGERS = ("", "uvicorn", "uvicorn.access")


@pytest.fixture
def captured_logs() -> Iterator[Capture]:
    capture = Capture()
    loggers = [logging.getLogger(name) for name in LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(capture)
        logger.setLevel(logging.DEBUG)
    try:
        yield capture
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(capture)
            logger.setLevel(level)


def test_keys_never_appear_in_the_server_log(tmp_path, captured_logs: Capture) -> None:
    settings = app_settings(
        tmp_path / "v.db", api_keys=SecretStr(",".join(KEYS)), api_rate_limit_per_minute=4
    )
    # log_config=None: uvicorn's loggers propagate to the capturing root handler.
    with serve(create_app(settings), log_level="debug", log_config=None, access_log=True) as url:
        statuses = [
            httpx.get(f"{url}/v1/analyses", headers={"X-API-Key": KEYS[0]}).status_code,
            httpx.get(
                f"{url}/v1/analyses/999", headers={"Authorization": f"Bearer {KEYS[1]}"}
            ).status_code,
            httpx.post(
                f"{url}/v1/analyses",
                headers={"X-API-Key": KEYS[0], "Content-Type": "application/json"},
                content=b"{broken",
            ).status_code,
            httpx.get(f"{url}/v1/analyses", headers={"X-API-Key": GUESS}).status_code,
        ]
        statuses += [
            httpx.get(f"{url}/v1/analyses", headers={"X-API-Key": KEYS[0]}).status_code
            for _ in range(4)
        ]
    # A body that is not JSON is refused before the key check, so it spends no token.
    assert statuses == [200, 404, 400, 403, 200, 200, 200, 429]
    output = "\n".join(captured_logs.lines)
    assert '"GET /v1/analyses HTTP/1.1" 429' in output  # the access log was captured
    assert '"GET /v1/analyses HTTP/1.1" 403' in output
    for secret in (*KEYS, GUESS):
        assert secret not in output
        assert secret[:12] not in output
