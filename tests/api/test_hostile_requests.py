"""Hostile round 16: requests at the edges of HTTP against a real uvicorn running
``veracity serve``'s protocol (:func:`veracity.api.server_options`).

Attack 1 of the round (a body of one-byte chunks froze the whole server while h11 parsed them) is
fixed in :mod:`veracity.api.connections`; the other attempts here held before the round and are
kept as regression tests (docs/security.md, sixteenth round).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from tests.api.live_server import app_settings, serve
from veracity.api import create_app, server_options
from veracity.api.connections import FREE_BODY_PIECES, MIN_PIECE_BYTES
from veracity.api.middleware import own_location

KEY = "round-16-key"
HOST = b"Host: 127.0.0.1\r\n"


@pytest.fixture(scope="module")
def open_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server without API keys, as `veracity serve` runs it."""
    app = create_app(app_settings(tmp_path_factory.mktemp("open") / "v.db"))
    with serve(app, **server_options(None, request_timeout_s=30)) as url:
        yield url


@pytest.fixture(scope="module")
def keyed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server that needs an API key, with a rate limit small enough to reach."""
    settings = app_settings(
        tmp_path_factory.mktemp("keyed") / "v.db",
        api_keys=SecretStr(f"{KEY},second-key"),
        api_rate_limit_per_minute=20,
    )
    with serve(create_app(settings), **server_options(None, request_timeout_s=30)) as url:
        yield url


@pytest.fixture(scope="module")
def localhost_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server answering the name localhost only."""
    settings = app_settings(
        tmp_path_factory.mktemp("hosts") / "v.db", api_allowed_hosts="localhost"
    )
    with serve(create_app(settings), **server_options(None, request_timeout_s=30)) as url:
        yield url


def exchange(base_url: str, request: bytes, timeout_s: float = 30.0) -> bytes:
    """Send ``request`` on one connection; everything the server answers until it closes."""
    host, port = base_url.removeprefix("http://").split(":")
    received = b""
    with socket.create_connection((host, int(port))) as sock:
        sock.settimeout(timeout_s)
        sock.sendall(request)
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass  # closed while bytes we sent were unread: what came before is kept
    return received


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def healthz_seconds(base_url: str) -> float:
    started = time.monotonic()
    answer = exchange(base_url, b"GET /healthz HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n")
    assert status_of(answer) == 200
    return time.monotonic() - started


def test_a_body_of_one_byte_chunks_is_refused_and_the_server_keeps_answering(
    open_url: str,
) -> None:
    """Attack 1: 200,000 one-byte chunks (1.2 MB sent at once) were parsed one by one on the
    event loop, freezing every client (measured: 400,000 took 18 s, /healthz waited as long);
    past FREE_BODY_PIECES pieces averaging under MIN_PIECE_BYTES the request is refused."""
    body = b'{"text": "' + b"a" * 199_988 + b'"}'
    wire = b"".join(b"1\r\n" + body[i : i + 1] + b"\r\n" for i in range(len(body))) + b"0\r\n\r\n"
    head = (
        b"POST /v1/claims:triage HTTP/1.1\r\n" + HOST + b"Content-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    waits: list[float] = []
    prober = threading.Thread(
        target=lambda: (time.sleep(0.2), waits.append(healthz_seconds(open_url)))
    )
    prober.start()
    answer = exchange(open_url, head + wire)
    prober.join()
    assert status_of(answer) == 400, answer[:300]
    assert b'"type": "chunks_too_small"' in answer
    assert waits and waits[0] < 5.0, waits


def _tiny_chunks(count: int) -> bytes:
    """A chunked JSON body of ``count`` one-byte chunks, its end included."""
    body = b'{"text": "' + b"a" * (count - 12) + b'"}'
    return b"".join(b"1\r\n" + body[i : i + 1] + b"\r\n" for i in range(len(body))) + b"0\r\n\r\n"


def test_a_pipelined_body_of_one_byte_chunks_is_refused_after_the_answer_before_it(
    open_url: str,
) -> None:
    """A request sent right behind another on the connection is read only once the first is
    answered: its one-byte chunks, counted then, had the connection wait out the 30 s request
    deadline with no answer (api/connections.py: the refusal when the response is complete,
    which no test reached before)."""
    first = b"GET /healthz HTTP/1.1\r\n" + HOST + b"\r\n"
    second = (
        b"POST /v1/claims:triage HTTP/1.1\r\n" + HOST + b"Content-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    ) + _tiny_chunks(FREE_BODY_PIECES * 3)
    started = time.monotonic()
    answer = exchange(open_url, first + second)
    assert time.monotonic() - started < 10
    answers = answer.split(b"HTTP/1.1 ")[1:]
    assert [int(a.split(b" ", 1)[0]) for a in answers] == [200, 400], answer[:600]
    assert b'"type": "chunks_too_small"' in answers[1]


def test_one_byte_chunks_after_the_answer_close_the_connection_with_nothing_more(
    open_url: str,
) -> None:
    """A client whose request was answered before its body was read (a path that does not
    exist) and that then sends one-byte chunks: the connection is closed, with no second
    answer to the one request (api/connections.py's refusal once the response has started)."""
    host, port = open_url.removeprefix("http://").split(":")
    head = (
        b"POST /no-such-path HTTP/1.1\r\n" + HOST + b"Content-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    with socket.create_connection((host, int(port))) as sock:
        sock.settimeout(10)
        sock.sendall(head + b"1\r\n{\r\n")
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.endswith(b"}"):
            answer += sock.recv(65536)
        assert status_of(answer) == 404, answer
        started = time.monotonic()
        rest = b""
        try:
            sock.sendall(_tiny_chunks(FREE_BODY_PIECES * 3))
            while chunk := sock.recv(65536):
                rest += chunk
        except (ConnectionResetError, BrokenPipeError):
            pass  # closed while bytes we sent were unread
    assert rest == b""
    assert time.monotonic() - started < 10  # closed, not left to the 30 s deadline


def test_a_chunked_body_in_sensible_pieces_is_read(open_url: str) -> None:
    """Small pieces up to the free allowance, then pieces of MIN_PIECE_BYTES: answered."""
    text = "The council said on Monday it would raise parking fees by 5 percent next year."
    spaces = " " * (FREE_BODY_PIECES * MIN_PIECE_BYTES // 2)
    body = ('{"fact_checks": false, "text": "' + text + spaces + '"}').encode()

    def pieces() -> Iterator[bytes]:
        cut = FREE_BODY_PIECES
        yield from (body[i : i + 1] for i in range(cut))
        yield from (body[i : i + MIN_PIECE_BYTES] for i in range(cut, len(body), MIN_PIECE_BYTES))

    with httpx.Client(base_url=open_url, timeout=120) as http:
        answer = http.post(
            "/v1/claims:triage", content=pieces(), headers={"Content-Type": "application/json"}
        )
    assert answer.status_code == 200, answer.text[:300]


def test_a_post_without_a_content_type_is_not_read_as_json(open_url: str) -> None:
    """A page on any site can POST a Blob (no Content-Type, so no CORS preflight) to a server on
    the reader's own machine; the body is not read as JSON, so nothing is analysed or stored."""
    body = (
        b'{"text": "The mayor said taxes would rise by 5 percent, officials said.", "title": "x"}'
    )
    request = (
        b"POST /v1/analyses HTTP/1.1\r\n" + HOST + b"Origin: http://evil.example\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
    ) + body
    assert status_of(exchange(open_url, request)) == 422
    listed = httpx.get(f"{open_url}/v1/analyses", timeout=60).json()
    assert listed["total"] == 0, listed


def test_forty_thousand_headers_are_refused_at_once(open_url: str) -> None:
    headers = b"".join(b"a%d: b\r\n" % i for i in range(40_000))  # 429 KB
    started = time.monotonic()
    answer = exchange(open_url, b"GET /v1/analyses HTTP/1.1\r\n" + HOST + headers + b"\r\n")
    assert status_of(answer) == 400
    assert time.monotonic() - started < 10
    assert healthz_seconds(open_url) < 5


@pytest.mark.parametrize(
    "framing",
    [
        b"Content-Length: +5\r\n",
        b"Content-Length: 0x5\r\n",
        b"Content-Length: 5 5\r\n",
        "Content-Length: \u0665\r\n".encode(),  # an Arabic-Indic five, which int() reads
        b"Content-Length: 5\r\nContent-Length: 6\r\n",
        b"Transfer-Encoding: chunked, identity\r\n",
        b"Transfer-Encoding : chunked\r\n",
        b"X-Folded: a\r\n continued\r\n",
    ],
    ids=[
        "plus",
        "hex",
        "two numbers",
        "non-ascii digit",
        "two lengths",
        "te list",
        "space",
        "fold",
    ],
)
def test_odd_framing_headers_are_400_not_read(open_url: str, framing: bytes) -> None:
    request = (
        b"POST /v1/analyses HTTP/1.1\r\n"
        + HOST
        + b"Content-Type: application/json\r\n"
        + framing
        + b"\r\n{}{}{}"
    )
    assert status_of(exchange(open_url, request)) == 400


def test_a_huge_declared_body_is_refused_before_it_is_sent(open_url: str) -> None:
    request = (
        b"POST /v1/analyses HTTP/1.1\r\n" + HOST + b"Content-Type: application/json\r\n"
        b"Content-Length: 10000000000\r\nExpect: 100-continue\r\n\r\n"
    )
    answer = exchange(open_url, request, timeout_s=10)
    assert status_of(answer) == 413
    assert b"100 Continue" not in answer


@pytest.mark.parametrize(
    ("path", "status"),
    [(b"/v1/analyses/%ff", 422), (b"/v1/analyses/%F0%9F%98%80", 422), (b"/analyses/%ff", 404)],
)
def test_an_id_of_bytes_that_are_no_text_is_a_client_error(
    open_url: str, path: bytes, status: int
) -> None:
    request = b"GET " + path + b" HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n"
    assert status_of(exchange(open_url, request)) == status


@pytest.mark.parametrize(
    "key",
    [
        b"\xff\xfe\x80",  # Latin-1 bytes: a str of non-ASCII characters to compare
        "\uff52ound-16-key".encode(),  # a fullwidth letter, which NFKC folds to the key
        b"ROUND-16-KEY",
        f"{KEY},second-key".encode(),
        KEY.encode()[:-1],
    ],
)
def test_odd_api_keys_are_refused_not_an_error(keyed_url: str, key: bytes) -> None:
    request = b"GET /v1/analyses HTTP/1.1\r\n" + HOST + b"X-API-Key: " + key + b"\r\n\r\n"
    assert status_of(exchange(keyed_url, request)) == 403


def test_a_second_key_header_does_not_rescue_a_wrong_first_one(keyed_url: str) -> None:
    request = (
        b"GET /v1/analyses HTTP/1.1\r\n" + HOST + b"X-API-Key: wrong\r\n"
        b"X-API-Key: " + KEY.encode() + b"\r\nConnection: close\r\n\r\n"
    )
    assert status_of(exchange(keyed_url, request)) == 403


@pytest.mark.parametrize(
    "path",
    [b"/v1/%61nalyses", b"/v1/analyses/", b"/v1/analyses/1", b"/v1/analyses/1/", b"/v1//analyses"],
)
def test_no_spelling_of_a_path_reaches_the_analyses_without_a_key(
    keyed_url: str, path: bytes
) -> None:
    request = b"GET " + path + b" HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n"
    answer = exchange(keyed_url, request)
    assert status_of(answer) in (401, 404, 307), answer[:200]
    assert b'"analyses"' not in answer


def test_a_concurrent_burst_gets_no_more_than_the_limit(keyed_url: str) -> None:
    """60 requests at once with one key, limit 20 a minute: the bucket's lock holds under
    concurrency (the bucket refills one every 3 s while the burst lasts)."""
    request = (
        b"GET /v1/analyses?limit=1 HTTP/1.1\r\n" + HOST + b"X-API-Key: second-key\r\n"
        b"Connection: close\r\n\r\n"
    )
    answers: list[int] = []
    threads = [
        threading.Thread(target=lambda: answers.append(status_of(exchange(keyed_url, request))))
        for _ in range(60)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refilled = int((time.monotonic() - started) / 3) + 1
    assert sorted(set(answers)) == [200, 429]
    assert 20 <= answers.count(200) <= 20 + refilled


@pytest.mark.parametrize(
    "hosts",
    [
        b"Host: evil.example\r\nHost: localhost\r\n",
        b"Host: localhost\r\nHost: evil.example\r\n",
        b"Host: localhost, evil.example\r\n",
    ],
    ids=["foreign first", "foreign last", "a list"],
)
def test_two_host_names_in_one_request_are_400(localhost_url: str, hosts: bytes) -> None:
    """The allowed-hosts check (round 3, DNS rebinding) reads one Host header and the app
    another when a request has two (the check the last, Starlette the first): each is a 400."""
    request = b"GET /v1/analyses HTTP/1.1\r\n" + hosts + b"Connection: close\r\n\r\n"
    answer = exchange(localhost_url, request)
    assert status_of(answer) == 400
    assert b'"items"' not in answer


# Hostile round 17 (docs/security.md, seventeenth round).


def location_of(answer: bytes) -> bytes | None:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"location":
            return value.strip()
    return None


def test_a_location_names_no_host_the_client_sent(open_url: str) -> None:
    """Attack 2 (left by round 16): a server answering any ``Host`` (as on a public interface
    without VERACITY_API_ALLOWED_HOSTS) wrote the name a client sent into the ``Location`` of a
    201 and of its trailing-slash redirects (``Host: evil.example`` gave
    ``http://evil.example/v1/analyses/1``): the app's own locations are now paths, and a path
    of two leading slashes cannot read as another host."""
    evil = b"Host: evil.example\r\n"
    for target, expected in [
        (b"/v1/analyses/", b"/v1/analyses"),
        (b"/analyses/1/", b"/analyses/1"),
        (b"/healthz/", b"/healthz"),
    ]:
        answer = exchange(
            open_url, b"GET " + target + b" HTTP/1.1\r\n" + evil + b"Connection: close\r\n\r\n"
        )
        assert status_of(answer) == 307, answer[:300]
        assert location_of(answer) == expected, answer[:300]
    body = b'{"depth": "fast", "text": "The council said on Monday it would raise parking fees."}'
    answer = exchange(
        open_url,
        b"POST /v1/analyses HTTP/1.1\r\n" + evil + b"Content-Type: application/json\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body,
        timeout_s=120,
    )
    assert status_of(answer) == 201, answer[:300]
    location = location_of(answer)
    assert location is not None and location.startswith(b"/v1/analyses/"), answer[:300]
    assert own_location(b"http://evil.example//evil.example/x?a=1") == b"/evil.example/x?a=1"


@pytest.mark.parametrize(
    "request_bytes",
    [
        # a target in absolute form naming another host: never routed as one of ours
        b"GET http://evil.example/v1/analyses HTTP/1.1\r\n" + HOST,
        # a CORS preflight from another site: no Access-Control-Allow-* in the answer
        b"OPTIONS /v1/analyses HTTP/1.1\r\n" + HOST + b"Origin: https://evil.example\r\n"
        b"Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: x-api-key\r\n",
    ],
    ids=["absolute-form", "preflight"],
)
def test_another_sites_requests_get_nothing_to_read(open_url: str, request_bytes: bytes) -> None:
    """Held in round 17: neither is answered with an analysis or a CORS grant."""
    answer = exchange(open_url, request_bytes + b"Connection: close\r\n\r\n")
    assert status_of(answer) in (404, 405), answer[:300]
    assert b"access-control-allow" not in answer.lower()


@pytest.mark.parametrize(
    "wire",
    [
        b"1;" + b"a" * 2_000_000 + b"\r\nx\r\n0\r\n\r\n",  # a 2 MB chunk extension
        b"2\r\n{}\r\n0\r\n"  # 20,000 trailer fields (2 MB) after the last chunk
        + b"".join(b"X-T%d: %s\r\n" % (i, b"v" * 100) for i in range(20_000))
        + b"\r\n",
    ],
    ids=["chunk-extension", "trailers"],
)
def test_chunk_extensions_and_trailers_are_bounded(open_url: str, wire: bytes) -> None:
    """Held in round 17: the body limit counts the body's bytes, not a chunk's extension or the
    trailer fields after it; h11 bounds both as it bounds a header block, so 2 MB of either is
    refused at once and the server answers others meanwhile."""
    head = (
        b"POST /v1/claims/verify HTTP/1.1\r\n" + HOST + b"Content-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    started = time.monotonic()
    answer = exchange(open_url, head + wire)
    assert status_of(answer) == 400, answer[:300]
    assert time.monotonic() - started < 10
    assert healthz_seconds(open_url) < 5


def test_a_permalink_page_for_markup_reflects_nothing(open_url: str) -> None:
    """Held in round 17: ``/analyses/<script>...`` is a 404 that does not echo the path."""
    answer = exchange(
        open_url,
        b"GET /analyses/%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1\r\n"
        + HOST
        + b"Connection: close\r\n\r\n",
    )
    assert status_of(answer) == 404, answer[:300]
    assert b"script" not in answer.split(b"\r\n\r\n", 1)[1].lower()


def test_a_query_of_a_hundred_thousand_parameters_is_refused_at_once(open_url: str) -> None:
    """Held in round 17: 100,000 query parameters (1.2 MB of target) are refused by the
    request line's bound before any route parses them."""
    query = b"&".join(b"a%d=1" % i for i in range(100_000))
    started = time.monotonic()
    answer = exchange(
        open_url,
        b"GET /v1/analyses?" + query + b" HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n",
    )
    assert status_of(answer) == 400 and time.monotonic() - started < 5


def test_a_key_of_a_hundred_kilobytes_is_refused_like_any_wrong_key(keyed_url: str) -> None:
    """Held in round 17: a 100 KB X-API-Key is compared as any key is and refused (403)."""
    answer = exchange(
        keyed_url,
        b"GET /v1/analyses HTTP/1.1\r\n" + HOST + b"X-API-Key: " + b"k" * 100_000 + b"\r\n"
        b"Connection: close\r\n\r\n",
    )
    assert status_of(answer) == 403, answer[:300]
    assert b"k" * 100 not in answer


def test_the_docs_page_loads_no_spec_from_another_site(open_url: str) -> None:
    """Held in round 17: Swagger UI's `?url=` / `?configUrl=` (a remote spec whose markdown the
    page would render) is not read: the page is built with its own spec's path, and its policy
    lets it connect to this origin only."""
    answer = exchange(
        open_url,
        b"GET /docs?url=https://evil.example/x.json&configUrl=https://evil.example/c.json "
        b"HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n",
    )
    assert status_of(answer) == 200
    head, _, page = answer.partition(b"\r\n\r\n")
    policy = next(
        line for line in head.lower().split(b"\r\n") if line.startswith(b"content-security")
    )
    assert b"default-src 'self'" in policy and b"connect-src" not in policy
    assert b"evil.example" not in page and b"url: '/openapi.json'" in page
    assert b"queryConfigEnabled" not in page  # Swagger UI's default: the query is not read


def test_a_body_in_utf_16_or_32_is_the_same_request_under_the_same_limits(open_url: str) -> None:
    """Held in round 17: JSON in UTF-16 or UTF-32 (which the JSON reader detects) is read as the
    same request, stored once, and counted by its text, not its wider encoding."""
    text = "The council met on Monday and approved the budget for the roads, officials said."
    body = '{"depth": "fast", "text": "' + text + '"}'
    with httpx.Client(base_url=open_url, timeout=120) as http:
        answers = [
            http.post(
                "/v1/analyses",
                content=body.encode(encoding),
                headers={"content-type": "application/json"},
            )
            for encoding in ("utf-8", "utf-16", "utf-32", "utf-16-le")
        ]
    assert [a.status_code for a in answers][1:] == [200, 200, 200], answers[0].text
    assert len({a.json()["id"] for a in answers}) == 1
    assert answers[0].json()["report"]["text"] == text


def test_a_source_url_is_never_fetched(open_url: str) -> None:
    """Held in round 17: `source_url` names where a text was published and is never fetched,
    whatever it names (a loopback listener here sees no connection)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    with listener, httpx.Client(base_url=open_url, timeout=120) as http:
        answer = http.post(
            "/v1/analyses",
            json={
                "depth": "fast",
                "text": "The mayor said the bridge would reopen in May after repairs.",
                "source_url": f"http://127.0.0.1:{port}/latest/meta-data/",
            },
        )
        assert answer.status_code in (200, 201), answer.text
        with pytest.raises(TimeoutError):
            listener.accept()
