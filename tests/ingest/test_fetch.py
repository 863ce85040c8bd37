"""URL ingest against a real HTTP server on 127.0.0.1: private-address refusal, redirects,
size cap, timeouts, content types and charsets."""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import ssl
import struct
import subprocess
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler

import pytest

from tests.ingest.conftest import ARTICLE_HTML, LocalServer, send
from veracity.errors import FetchError, InputTooLargeError
from veracity.ingest import fetch, load_article
from veracity.ingest.fetch import blocked_reason


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "non-public"),
        ("2002:a00:1::1", "private"),  # 6to4 around 10.0.0.1
        ("2002:7f00:1::1", "loopback"),  # 6to4 around 127.0.0.1
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "private"),  # Teredo client 10.0.0.1
        ("fec0::1", "site-local"),
        # Hostile round 9: ranges Python 3.11.7 reads as global (before CVE-2024-4032's fix).
        ("192.0.0.192", "private"),  # Oracle Cloud's metadata address in SSRF payload lists
        ("192.0.0.8", "private"),
        ("192.0.0.255", "private"),
        ("::ffff:192.0.0.192", "private"),
        ("2002:c000:c0::1", "private"),  # 6to4 around 192.0.0.192
        ("3fff::1", "private"),  # documentation prefix, RFC 9637
        ("3fff:fff:ffff::1", "private"),
        ("192.0.1.1", None),  # just past 192.0.0.0/24
        ("3fff:1000::1", None),  # just past 3fff::/20
        ("2002:5db8:d70e::1", None),  # 6to4 around a public address
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_blocked_reason(address: str, reason: str | None) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    ("url", "told"),
    [("http://0.0.0.0/", "0.0.0.0 is an unspecified address"), ("http://0/", "0 resolves to an")],
)
def test_a_refusal_names_the_kind_of_address_in_english(url: str, told: str) -> None:
    """Round 15 (held: a redirect to `http://0/` is refused): the refusal read "resolves to a
    unspecified address"."""
    with pytest.raises(FetchError, match=f"refusing {url}: {told}"):
        load_article(url)


def test_local_url_refused_by_default(local_server: LocalServer) -> None:
    local_server.routes["/article"] = lambda h: send(h, ARTICLE_HTML.encode())
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is a loopback address.*ALLOW_PRIVATE_URLS"):
        load_article(local_server.url("/article"))
    assert local_server.requests == []


def test_local_html_page_fetched_when_allowed(local_server: LocalServer, override_settings) -> None:
    override_settings(allow_private_urls=1)
    local_server.routes["/article"] = lambda h: send(h, ARTICLE_HTML.encode())
    article = load_article(local_server.url("/article"))
    assert article.title == "Council kept water report from residents for weeks"
    assert article.content_type == "text/html"
    assert article.source_url == local_server.url("/article")
    assert article.source_domain == "127.0.0.1"
    assert "three weeks before residents were told" in article.body
    assert "denied that\nanything" not in article.body  # lines of a paragraph are joined
    for leak in ("SCRIPT-TEXT-LEAK", "COMMENT-FORM-LEAK", "Leave a Reply", "Share this", "cookies"):
        assert leak not in article.text
    # The headline is the title only once, not repeated as the first body line.
    assert article.text.count("Council kept water report") == 1


def test_connects_to_the_vetted_address_with_the_original_host(
    local_server: LocalServer, override_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """news.example resolves once (as a rebinding name would): the request only works if it
    goes to the address that was vetted, not to a second lookup."""
    override_settings(allow_private_urls=1)
    real_getaddrinfo = socket.getaddrinfo
    lookups: list[str] = []

    def resolve(host, port, *args, **kwargs):
        if host != "www.news.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        lookups.append(host)
        if len(lookups) > 1:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo("127.0.0.1", port, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    local_server.routes["/article"] = lambda h: send(h, ARTICLE_HTML.encode())
    article = load_article(local_server.url("/article", host="www.news.example"))
    assert local_server.requests == [("/article", f"www.news.example:{local_server.port}")]
    assert lookups == ["www.news.example"]
    assert article.source_domain == "news.example"
    assert article.source_url == local_server.url("/article", host="www.news.example")


def test_host_with_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name resolving to a public and a private address must not be fetched at all."""

    def resolve(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=r"mixed\.example resolves to a private address") as err:
        load_article("https://mixed.example/story")
    assert "10.0.0.7" not in str(err.value)  # attack 9: the internal address is not told


@pytest.mark.parametrize(
    "url",
    [
        "http://192.0.0.192/latest/meta-data/",
        "http://3221225664/latest/meta-data/",
        "http://[::ffff:c000:c0]/latest/meta-data/",
        "http://[3fff::1]/",
    ],
)
def test_special_purpose_addresses_python_reads_as_global_are_refused(url: str) -> None:
    """Hostile round 9: Python 3.11.7 reads 192.0.0.0/24 past its first eight addresses and
    3fff::/20 as global, so these URLs were fetched (192.0.0.192 answered 404 from this
    machine's network) where 169.254.169.254 is refused."""
    with pytest.raises(FetchError, match=r"refusing .* (is|resolves to) a private address"):
        load_article(url)


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.20.30.40:8080/admin", "private"),
        ("http://[::1]/", "loopback"),
        ("http://192.0.0.192/latest/meta-data/", "private"),
        ("http://3221225664/latest/meta-data/", "private"),  # 192.0.0.192 as one number
    ],
)
def test_redirect_to_private_address_is_refused(
    local_server: LocalServer, monkeypatch: pytest.MonkeyPatch, target: str, reason: str
) -> None:
    """The local server stands in for a public host; its redirect is vetted like any URL."""
    real_reason = fetch.blocked_reason
    monkeypatch.setattr(
        fetch,
        "blocked_reason",
        lambda address: None if str(address) == "127.0.0.1" else real_reason(address),
    )
    local_server.routes["/go"] = lambda h: send(h, b"", status=302, headers={"Location": target})
    with pytest.raises(FetchError, match=f"a {reason} address"):
        load_article(local_server.url("/go"))
    assert [path for path, _ in local_server.requests] == ["/go"]


def test_redirects_are_followed_up_to_the_limit(
    local_server: LocalServer, override_settings
) -> None:
    override_settings(allow_private_urls=1, fetch_max_redirects=2)
    local_server.routes["/article"] = lambda h: send(h, ARTICLE_HTML.encode())
    local_server.routes["/old"] = lambda h: send(
        h, b"", status=301, headers={"Location": "/article"}
    )
    local_server.routes["/older"] = lambda h: send(h, b"", status=308, headers={"Location": "/old"})
    local_server.routes["/loop"] = lambda h: send(h, b"", status=302, headers={"Location": "/loop"})
    article = load_article(local_server.url("/older"))
    assert article.source_url == local_server.url("/article")
    with pytest.raises(FetchError, match="redirects more than 2 times"):
        load_article(local_server.url("/loop"))


def test_body_over_the_cap_is_refused(local_server: LocalServer, override_settings) -> None:
    override_settings(allow_private_urls=1, max_input_bytes=50_000)
    local_server.routes["/big"] = lambda h: send(h, b"<html>" + b"a" * 200_000, "text/html")
    with pytest.raises(InputTooLargeError, match="over the limit of 50,000 bytes"):
        load_article(local_server.url("/big"))


def test_streamed_body_stops_at_the_cap(local_server: LocalServer, override_settings) -> None:
    """No Content-Length: the client must stop reading past the cap, not download it all."""
    override_settings(allow_private_urls=1, max_input_bytes=50_000)
    written: list[int] = []

    def endless(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        for _ in range(2_000):  # up to 128 MB if nobody stops
            handler.wfile.write(b"x" * 65_536)
            written.append(65_536)

    local_server.routes["/endless"] = endless
    started = time.monotonic()
    with pytest.raises(InputTooLargeError, match="more than the limit of 50,000 bytes"):
        load_article(local_server.url("/endless"))
    assert time.monotonic() - started < 5
    time.sleep(0.2)
    assert sum(written) < 100 * 65_536


def test_plain_text_page_with_declared_charset(
    local_server: LocalServer, override_settings
) -> None:
    override_settings(allow_private_urls=1)
    body = "Café owners protest new rules\n\nThe café owners of Nîmes said the rules were unfair.".encode(
        "latin-1"
    )
    local_server.routes["/plain"] = lambda h: send(h, body, "text/plain; charset=ISO-8859-1")
    article = load_article(local_server.url("/plain"))
    assert article.title == "Café owners protest new rules"
    assert "Nîmes" in article.body
    assert article.content_type == "text/plain"


def test_html_charset_from_meta(local_server: LocalServer, override_settings) -> None:
    override_settings(allow_private_urls=1)
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Millbrook's council", "Millbrook’s council"
    )
    local_server.routes["/cp1252"] = lambda h: send(h, page.encode("cp1252"), "text/html")
    article = load_article(local_server.url("/cp1252"))
    assert "Millbrook’s council" in article.body


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/image", "is image/png, not an HTML or text page"),
        ("/slow", "timed out"),
    ],
)
def test_fetch_failures_are_one_clear_error(
    local_server: LocalServer, override_settings, route: str, message: str
) -> None:
    override_settings(allow_private_urls=1, fetch_timeout_s=0.5)
    local_server.routes["/image"] = lambda h: send(
        h, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"
    )
    local_server.routes["/slow"] = lambda h: (time.sleep(1.5), send(h, b"late", "text/plain"))
    with pytest.raises(FetchError, match=message):
        load_article(local_server.url(route))


def test_unreachable_host(override_settings) -> None:
    override_settings(allow_private_urls=1)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot fetch"):
        load_article(f"http://127.0.0.1:{port}/")


def test_unresolvable_host() -> None:
    with pytest.raises(FetchError, match=r"cannot resolve host 'no-such-host\.invalid'"):
        load_article("http://no-such-host.invalid/story")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.txt", "gopher://x/"])
def test_only_http_schemes(url: str) -> None:
    with pytest.raises(FetchError, match=r"only http:// and https://"):
        load_article(url)


def test_https_sends_the_original_name_as_sni_and_verifies_the_certificate(
    tmp_path, monkeypatch: pytest.MonkeyPatch, override_settings, local_server: LocalServer
) -> None:
    """Pinned to 127.0.0.1, the TLS handshake still names news.example; a self-signed
    certificate is then refused (verification stays on)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl command not available to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    command = [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=news.example",
    ]
    subprocess.run(
        [openssl, *command, "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    local_server.httpd.socket = context.wrap_socket(local_server.httpd.socket, server_side=True)
    override_settings(allow_private_urls=1)
    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(
        fetch.socket,
        "getaddrinfo",
        lambda host, port, *a, **k: real_getaddrinfo(
            "127.0.0.1" if host == "news.example" else host, port, *a, **k
        ),
    )
    with pytest.raises(FetchError, match=r"(?i)certificate verify failed"):
        load_article(f"https://news.example:{local_server.port}/story")
    assert names == ["news.example"]


def gzip_of_zeros(size_mib: int) -> bytes:
    """A valid gzip stream of ``size_mib`` MiB of zero bytes, built without compressing them
    all: after a full flush the compressor forgets its window, so every further MiB of zeros
    compresses to the same block."""
    block = b"\0" * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()[:-8]  # the final empty block, without the trailer of 2 MiB
    crc = 0
    for _ in range(size_mib):
        crc = zlib.crc32(block, crc)
    trailer = struct.pack("<II", crc, (size_mib << 20) & 0xFFFFFFFF)
    return head + repeat * (size_mib - 1) + end + trailer


def test_gzip_of_zeros_is_valid() -> None:
    assert gzip.decompress(gzip_of_zeros(3)) == b"\0" * (3 << 20)


def test_stacked_gzip_bomb_stops_at_the_cap_in_bounded_memory(
    local_server: LocalServer, override_settings
) -> None:
    """Attack 1: ``Content-Encoding: gzip, gzip``, a few KB inflating to 256 MiB (10 GB in the
    report); inflated whole by the HTTP client it cost 256 MiB before the cap was checked."""
    override_settings(allow_private_urls=1, max_input_bytes=1_000_000)
    bomb = gzip.compress(gzip_of_zeros(256), compresslevel=9)
    assert len(bomb) < 64_000
    local_server.routes["/bomb"] = lambda h: send(
        h, bomb, "text/html", headers={"Content-Encoding": "gzip, gzip"}
    )
    tracemalloc.start()
    try:
        started = time.monotonic()
        with pytest.raises(InputTooLargeError, match="more than the limit of 1,000,000 bytes"):
            load_article(local_server.url("/bomb"))
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.0f} MiB"
    assert elapsed < 5


def test_gzip_body_under_the_cap_is_inflated(local_server: LocalServer, override_settings) -> None:
    """A server that compresses although we asked for identity still gets read."""
    override_settings(allow_private_urls=1)
    for route, encoding, body in (
        ("/gz", "gzip", gzip.compress(ARTICLE_HTML.encode())),
        ("/deflate", "deflate", zlib.compress(ARTICLE_HTML.encode())),
        ("/raw-deflate", "deflate", zlib.compress(ARTICLE_HTML.encode(), wbits=-15)),
    ):
        local_server.routes[route] = lambda h, body=body, encoding=encoding: send(
            h, body, headers={"Content-Encoding": encoding}
        )
        article = load_article(local_server.url(route))
        assert "three weeks before residents were told" in article.body, route


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, gzip, gzip"])
def test_unrequested_encodings_are_refused(
    local_server: LocalServer, override_settings, encoding: str
) -> None:
    override_settings(allow_private_urls=1)
    local_server.routes["/enc"] = lambda h: send(
        h, b"\x1f\x8b whatever", headers={"Content-Encoding": encoding}
    )
    with pytest.raises(
        FetchError, match=r"Content-Encoding .* not asked for|3 stacked content encodings"
    ):
        load_article(local_server.url("/enc"))


def test_corrupt_gzip_body_is_one_clear_error(local_server: LocalServer, override_settings) -> None:
    override_settings(allow_private_urls=1)
    local_server.routes["/bad"] = lambda h: send(
        h, b"\x1f\x8b\x08\x00garbage-garbage", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="cannot decode the gzip body"):
        load_article(local_server.url("/bad"))


@pytest.mark.parametrize("stage", ["status line", "headers", "body"])
def test_trickled_response_hits_one_deadline_for_the_whole_exchange(
    local_server: LocalServer, override_settings, stage: str
) -> None:
    """Attack 3: one byte every 0.1 s never trips a per-read timeout of 1 s; the exchange as a
    whole must still end after ``fetch_timeout_s``."""
    override_settings(allow_private_urls=1, fetch_timeout_s=1)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n"
    prefix = {"status line": b"", "headers": head, "body": head + b"\r\nBreaking news"}[stage]

    def trickle(handler) -> None:
        handler.wfile.write(prefix)
        for _ in range(300):  # 30 s if nobody stops it
            handler.wfile.write(b"X-Slow: 1\r\n"[:1] if stage != "body" else b" word")
            handler.wfile.flush()
            time.sleep(0.1)

    local_server.routes["/trickle"] = trickle
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        load_article(local_server.url("/trickle"))
    assert time.monotonic() - started < 2.5


def test_errors_echo_no_url_credentials(local_server: LocalServer, override_settings) -> None:
    """Attack 9: ``user:password@`` in a URL was repeated in every error message."""
    with pytest.raises(FetchError) as refused:
        load_article(f"http://admin:s3cret-pw@127.0.0.1:{local_server.port}/x")
    override_settings(allow_private_urls=1)
    with pytest.raises(FetchError) as missing:
        load_article(f"http://admin:s3cret-pw@127.0.0.1:{local_server.port}/missing")
    with pytest.raises(FetchError) as scheme:
        load_article("ftp://admin:s3cret-pw@example.com/a.txt")
    local_server.routes["/article"] = lambda h: send(h, ARTICLE_HTML.encode())
    article = load_article(f"http://admin:s3cret-pw@127.0.0.1:{local_server.port}/article")
    assert article.source_url == local_server.url("/article")
    for error in (refused, missing, scheme):
        message = str(error.value)
        assert "s3cret" not in message and "admin" not in message, message
    assert "127.0.0.1 is a loopback address" in str(refused.value)
    assert "HTTP 404" in str(missing.value)


@pytest.mark.parametrize(
    "location",
    [b"javascript:alert(1)", b"data:text/html,<p>x</p>", b"mailto:a@b.example", b"http://xn--a/"],
)
def test_a_redirect_to_no_url_is_one_clear_error(
    local_server: LocalServer, override_settings, location: bytes
) -> None:
    """Hostile round 5: a page redirecting to "javascript:alert(1)" (any scheme with no "//")
    or to a host name that is no IDNA name ended `veracity analyze URL` in "internal error:
    InvalidURL", exit 70, and the API in a bare 500: httpx reads the Location as it answers."""
    override_settings(allow_private_urls=1)

    def redirect(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(
            b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\nLocation: " + location + b"\r\n\r\n"
        )

    local_server.routes["/go"] = redirect
    with pytest.raises(FetchError, match="redirects to an invalid URL"):
        load_article(local_server.url("/go"))


@pytest.mark.parametrize(
    "url",
    [
        "http://\u24db\u24de\u24d2\u24d0\u24db\u24d7\u24de\u24e2\u24e3:8080/",  # circled letters
        "http://\u2460\u2461\u2466.\u24ea.\u24ea.\u2460/",  # circled digits: 127.0.0.1
        "http://\u2113ocalhost/",  # the script small l, which NFKC folds to l
    ],
    ids=["circled letters", "circled digits", "script l"],
)
def test_letters_and_digits_that_fold_to_loopback_are_never_fetched(url: str) -> None:
    """Hostile round 16 (held): characters IDNA 2003 and NFKC fold to "localhost" or to
    127.0.0.1's digits (a browser's UTS 46 reading maps them so) are no IDNA 2008 name to
    httpx: one clear error, nothing resolved or fetched."""
    with pytest.raises(FetchError, match=r"not a valid URL|refusing"):
        load_article(url)
