"""Hostile round 11, attack 2: a request whose body's length is given twice over. uvicorn read a
body by its chunks when ``Content-Length`` said otherwise and kept the connection open, so what
followed the last chunk was answered as a request of its own (request smuggling behind a proxy
that reads the body by its ``Content-Length``)."""

from __future__ import annotations

import socket

import pytest

HOST = b"Host: localhost\r\n"
SMUGGLED = b"GET /healthz HTTP/1.1\r\n" + HOST + b"\r\n"


def _all_answers(base_url: str, request: bytes) -> bytes:
    """Everything the server sends back on one connection until it closes it (or 10 s pass)."""
    host, port = base_url.removeprefix("http://").split(":")
    received = b""
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(request)
        sock.settimeout(10)
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            pytest.fail(f"the connection was kept open after {received[:200]!r}")
    return received


@pytest.mark.parametrize(
    "request_line_and_framing",
    [
        b"POST /v1/analyses HTTP/1.1\r\n" + HOST + b"Content-Length: 5\r\n"
        b"Transfer-Encoding: chunked\r\n",
        b"POST /v1/analyses HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked\r\n"
        b"Content-Length: 5\r\n",
        b"POST /v1/analyses HTTP/1.0\r\n" + HOST + b"Connection: keep-alive\r\n"
        b"Transfer-Encoding: chunked\r\n",
    ],
    ids=["content-length first", "transfer-encoding first", "http/1.0"],
)
def test_a_body_framed_twice_over_is_refused_and_what_follows_is_not_a_request(
    base_url: str, request_line_and_framing: bytes
) -> None:
    request = (
        request_line_and_framing + b"Content-Type: application/json\r\n\r\n0\r\n\r\n" + SMUGGLED
    )
    answers = _all_answers(base_url, request)
    assert answers.count(b"HTTP/1.1 ") == 1, answers  # the smuggled request was answered too
    assert answers.startswith(b"HTTP/1.1 400 ")
    assert b'"type": "ambiguous_framing"' in answers


def test_a_body_framed_once_keeps_its_connection_for_the_next_request(base_url: str) -> None:
    chunked = (
        b"POST /v1/analyses HTTP/1.1\r\n" + HOST + b"Content-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    )
    closing = b"GET /healthz HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n"
    answers = _all_answers(base_url, chunked + closing)
    assert answers.count(b"HTTP/1.1 ") == 2 and answers.startswith(b"HTTP/1.1 422 ")
    assert b'"status":"ok"' in answers
