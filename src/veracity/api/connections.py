"""uvicorn's HTTP/1.1 protocol with one deadline for receiving each request.

uvicorn limits how long a connection may sit idle between two requests, but not how long a
client may take to send one: a connection that sends nothing, half a header or a trickle of
its declared body stays open for good, holding a file descriptor of the server (2,000 such
connections were all still open after 70 s). Here the request line, headers and body must all
arrive within ``request_timeout_s`` of the connection opening (or of the previous response
ending); past it the connection is closed. An analysis that runs long after its request came in
is not affected: the deadline stops when the request is complete.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


class RequestDeadlineProtocol(H11Protocol):
    """:class:`H11Protocol` closing a connection whose request is not in after the deadline."""

    request_timeout_s = 60.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_deadline()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._request_is_in():
            self._stop_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # may start a pipelined request already received
        if self._request_is_in():
            self._stop_deadline()
        else:
            self._start_deadline()  # for the next request on this connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_deadline()
        super().connection_lost(exc)

    def _request_is_in(self) -> bool:
        cycle = self.cycle
        return cycle is not None and not cycle.more_body and not cycle.response_complete

    def _start_deadline(self) -> None:
        self._stop_deadline()
        self._deadline = self.loop.call_later(self.request_timeout_s, self._expire)

    def _stop_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def request_deadline_protocol(timeout_s: float) -> type[RequestDeadlineProtocol]:
    """The protocol class for uvicorn's ``http`` option, with ``timeout_s`` as its deadline."""
    return type(
        "RequestDeadlineProtocol", (RequestDeadlineProtocol,), {"request_timeout_s": timeout_s}
    )
