"""uvicorn's HTTP/1.1 protocol with one deadline for receiving each request.

uvicorn limits how long a connection may sit idle between two requests, but not how long a
client may take to send one: a connection that sends nothing, half a header or a trickle of
its declared body stays open for good, holding a file descriptor of the server (2,000 such
connections were all still open after 70 s). Here the request line, headers and body must all
arrive within ``request_timeout_s`` of the connection opening (or of the previous response
ending); past it the connection is closed. An analysis that runs long after its request came in
is not affected: the deadline stops when the request is complete.

A chunked body must also come in pieces of a sensible size: h11 parses each chunk in Python on
the event loop, about 45 us of CPU each on a loaded machine, so a body of one-byte chunks froze
every other client of the server for as long as it took (400,000 of them, 2.4 MB sent at
once: 18 s without an answer to anyone). A request's body may come in ``FREE_BODY_PIECES``
pieces of any size; each piece past those must bring ``MIN_PIECE_BYTES`` bytes on average, else
the request gets 400 and the connection is closed, so one read of the socket (at most 256 KiB)
holds some two thousand pieces at most.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from veracity.api.errors import error_body

FREE_BODY_PIECES = 1_024
MIN_PIECE_BYTES = 256
H11_DEFAULT_MAX_EVENT_BYTES = 16 * 1024  # h11's and uvicorn's default, kept as they keep it


class PieceCountingConnection(h11.Connection):
    """h11's server side, counting the chunks of each request's body: when the
    body holds fewer than ``MIN_PIECE_BYTES`` bytes for each piece past ``FREE_BODY_PIECES``, it
    hands out no more events (``PAUSED``) and sets :attr:`too_many_pieces`."""

    def __init__(self, max_incomplete_event_size: int) -> None:
        super().__init__(h11.SERVER, max_incomplete_event_size=max_incomplete_event_size)
        self.too_many_pieces = False
        self._pieces = 0
        self._body_bytes = 0

    def next_event(self) -> Any:
        if self.too_many_pieces:
            return h11.PAUSED
        event = super().next_event()
        if isinstance(event, h11.Request):
            self._pieces = self._body_bytes = 0
        elif isinstance(event, h11.Data):
            # A chunk split across reads is one chunk (h11 marks its first piece); a body of
            # known length has no chunks.
            self._pieces += event.chunk_start
            self._body_bytes += len(event.data)
            if self._body_bytes < (self._pieces - FREE_BODY_PIECES) * MIN_PIECE_BYTES:
                self.too_many_pieces = True
        return event


class RequestDeadlineProtocol(H11Protocol):
    """:class:`H11Protocol` closing a connection whose request is not in after the deadline."""

    request_timeout_s = 60.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        configured = self.config.h11_max_incomplete_event_size
        # uvicorn's protocol sets its connection here only (super().__init__): this one is it
        self.pieces = PieceCountingConnection(
            H11_DEFAULT_MAX_EVENT_BYTES if configured is None else configured
        )
        self.conn = self.pieces

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_deadline()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._refused_for_small_pieces():
            return
        if self._request_is_in():
            self._stop_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # may start a pipelined request already received
        if self._refused_for_small_pieces():
            return
        if self._request_is_in():
            self._stop_deadline()
        else:
            self._start_deadline()  # for the next request on this connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_deadline()
        super().connection_lost(exc)

    def _refused_for_small_pieces(self) -> bool:
        """Answer 400 and close when the body came in too many small pieces."""
        if not self.pieces.too_many_pieces:
            return False
        self._stop_deadline()
        if self.transport.is_closing():
            return True
        if self.cycle is not None and not self.cycle.response_started:
            message = (
                f"the request body came in too many small chunks (past {FREE_BODY_PIECES:,} "
                f"chunks, each must bring {MIN_PIECE_BYTES} bytes on average): send larger ones"
            )
            body = json.dumps(error_body(400, "chunks_too_small", message)).encode()
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ]
            try:
                for event in (
                    h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                    h11.Data(data=body),
                    h11.EndOfMessage(),
                ):
                    self.transport.write(self.conn.send(event) or b"")
            except h11.LocalProtocolError:
                pass  # the connection is closed without an answer
        self.transport.close()
        return True

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
