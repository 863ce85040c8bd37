"""URLs in: fetch an article page over HTTP(S) without letting a URL reach private networks.

Before every request, the first and each redirect, the host is resolved once with
``socket.getaddrinfo`` and every address it resolves to must be public: loopback, private,
link-local, multicast, reserved and unspecified addresses are refused unless
``settings.allow_private_urls``. The connection then goes to that vetted address, with the
original name in the ``Host`` header and in TLS SNI (so certificates are still checked against
the name): a DNS answer that changes between the check and the connection (DNS rebinding) is
never used. Proxies from the environment are ignored for the same reason.

The whole exchange, connection, headers and body, shares one wall-clock deadline
(``settings.fetch_timeout_s``): every socket read and write waits at most the time left, so a
server trickling one byte at a time cannot hold a request open. Bodies are read raw and
inflated here, at most 64 KiB at a time, so a compressed body (we ask for none) is stopped at
the size cap however far it would inflate; encodings other than gzip and deflate are refused.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from veracity._version import __version__
from veracity.errors import FetchError, InputTooLargeError
from veracity.ingest.urls import publisher_url
from veracity.settings import get_settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_HEADERS = {
    "User-Agent": f"veracity/{__version__} (news article analysis)",
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    # Ask for no compression: the size cap counts decoded bytes, and a compressed body that
    # inflates far past it would be decompressed chunk by chunk before the cap could stop it.
    "Accept-Encoding": "identity",
}
# Content-Encoding names we can inflate step by step, and zlib's window bits for each
# (47: a zlib or gzip header, detected; deflate without any header is retried raw, -15).
_INFLATABLE = {"gzip": 31, "x-gzip": 31, "deflate": 47}
_INFLATE_STEP = 64 * 1024  # the most inflated bytes one step may produce
_MAX_ENCODINGS = 2


@dataclass(frozen=True)
class FetchedPage:
    """A fetched response body and what the server said it is."""

    url: str
    content_type: str
    charset: str | None
    body: bytes

    @property
    def domain(self) -> str:
        """The publisher's host without a leading ``www.``: for a web archive's copy of a page,
        the page's (:func:`~veracity.ingest.urls.publisher_url`)."""
        host = httpx.URL(publisher_url(self.url)).host.lower()
        return host.removeprefix("www.")


_USERINFO = re.compile(r"(?<=//)[^/?#@\s]*@")

# IANA special-purpose ranges that are not globally reachable but that Python before the fix of
# CVE-2024-4032 (3.11.7 here) reads as global: 192.0.0.0/24 past its first eight addresses
# (192.0.0.192 is the metadata address SSRF payload lists give for Oracle Cloud) and the
# documentation prefix 3fff::/20 (RFC 9637, 2024). Listed here so that what is refused does
# not depend on the Python that runs it (hostile round 9).
_NOT_GLOBAL = (ipaddress.ip_network("192.0.0.0/24"), ipaddress.ip_network("3fff::/20"))


def shown(url: str | httpx.URL) -> str:
    """A URL as it may appear in a message or a report: without any ``user:password@``."""
    return _USERINFO.sub("", str(url), count=1)


def blocked_reason(address: IPAddress) -> str | None:
    """Why an address must not be fetched from (``"loopback"``, ``"private"``...), or None."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local:  # deprecated fec0::/10, still routed inside some networks
            return "site-local"
        # An IPv4 address carried inside IPv6 (mapped, 6to4, Teredo) is judged as itself.
        teredo_client = address.teredo[1] if address.teredo else None
        address = address.ipv4_mapped or address.sixtofour or teredo_client or address
    for attribute, reason in (
        ("is_unspecified", "unspecified"),
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_private", "private"),
    ):
        if getattr(address, attribute):
            return reason
    if any(address in network for network in _NOT_GLOBAL):
        return "private"
    return None if address.is_global else "non-public"


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    addresses: list[IPAddress] = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r}: no addresses")
    return addresses


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def vetted_address(url: httpx.URL) -> IPAddress:
    """The address to connect to for ``url``, after refusing non-public ones."""
    host = url.raw_host.decode("ascii")
    if not host:
        raise FetchError(f"refusing {shown(url)}: the URL has no host")
    addresses = resolve_host(host, url.port or _DEFAULT_PORTS[url.scheme])
    if not get_settings().allow_private_urls:
        for address in addresses:
            if reason := blocked_reason(address):
                # A name's private address is not told: it would map the internal network.
                where = f"{host} is" if _is_ip_literal(host) else f"{host} resolves to"
                article = "an" if reason[0] in "aeiou" else "a"  # "an unspecified address"
                raise FetchError(
                    f"refusing {shown(url)}: {where} {article} {reason} address (a page on your own "
                    "network: save it and run `veracity analyze page.html --url URL`, or on a "
                    "machine only you use set VERACITY_ALLOW_PRIVATE_URLS=1; never on a server)"
                )
    return addresses[0]


def _parse_url(url: str | httpx.URL) -> httpx.URL:
    """Parse a URL, refusing anything but ``http`` and ``https``."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise FetchError(f"not a valid URL: {shown(url)} ({shown(str(exc))})") from exc
    if parsed.scheme not in _DEFAULT_PORTS:
        raise FetchError(f"refusing {shown(url)}: only http:// and https:// URLs can be fetched")
    return parsed


def _split_content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    found = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", params, re.I)
    return media.strip().lower(), found.group(1) if found else None


def _too_large(url: httpx.URL, limit: int) -> InputTooLargeError:
    return InputTooLargeError(
        f"{shown(url)} sent more than the limit of {limit:,} bytes "
        "(set VERACITY_MAX_INPUT_BYTES to raise it)"
    )


def _inflate(chunks: Iterable[bytes], encoding: str, url: httpx.URL, limit: int) -> Iterator[bytes]:
    """Inflate a gzip or deflate stream in steps of at most 64 KiB, refusing it past ``limit``."""
    wbits = _INFLATABLE[encoding]
    inflater = zlib.decompressobj(wbits)
    produced = 0
    started = False
    for chunk in chunks:
        data = chunk
        while data:
            try:
                out = inflater.decompress(data, _INFLATE_STEP)
            except zlib.error as exc:
                if started or wbits != 47:
                    raise FetchError(
                        f"cannot decode the {encoding} body of {shown(url)}: {exc}"
                    ) from exc
                wbits = -15  # deflate sent without its zlib header
                inflater = zlib.decompressobj(wbits)
                continue
            started = True
            produced += len(out)
            if produced > limit:
                raise _too_large(url, limit)
            if out:
                yield out
            data = inflater.unconsumed_tail
            if inflater.eof:
                break  # trailing bytes after the end of the stream are ignored
    tail = inflater.flush()
    if produced + len(tail) > limit:
        raise _too_large(url, limit)
    if tail:
        yield tail


def _counted(chunks: Iterable[bytes], url: httpx.URL, limit: int) -> Iterator[bytes]:
    """The bytes as they came off the wire, refused past ``limit`` (compressed or not)."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise _too_large(url, limit)
        yield chunk


def _decoded_chunks(response: httpx.Response, url: httpx.URL, limit: int) -> Iterator[bytes]:
    """The body as sent, each listed Content-Encoding undone (last applied, first undone)."""
    header = response.headers.get("content-encoding", "")
    encodings = [e.strip().lower() for e in header.split(",") if e.strip()]
    encodings = [e for e in encodings if e != "identity"]
    for encoding in encodings:
        if encoding not in _INFLATABLE:
            raise FetchError(
                f"{shown(url)} was sent with Content-Encoding {encoding!r}, which was not asked for "
                "and cannot be read"
            )
    if len(encodings) > _MAX_ENCODINGS:
        raise FetchError(f"{shown(url)} was sent with {len(encodings)} stacked content encodings")
    chunks: Iterable[bytes] = _counted(response.iter_raw(), url, limit)
    for encoding in reversed(encodings):
        chunks = _inflate(chunks, encoding, url, limit)
    return iter(chunks)


def _read_capped(response: httpx.Response, url: httpx.URL, deadline: float) -> bytes:
    """The body, refusing it as soon as it passes the size cap or the time limit."""
    limit = get_settings().max_input_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise InputTooLargeError(
            f"{shown(url)} is {int(declared):,} bytes, over the limit of {limit:,} bytes "
            "(set VERACITY_MAX_INPUT_BYTES to raise it)"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in _decoded_chunks(response, url, limit):
        size += len(chunk)
        if size > limit:
            raise _too_large(url, limit)
        if time.monotonic() > deadline:
            raise FetchError(f"timed out reading {shown(url)}")
        chunks.append(chunk)
    return b"".join(chunks)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits at most until the shared deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _timeout(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the time limit for the whole exchange has passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._timeout(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._timeout(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._stream.start_tls(
            ssl_context, server_hostname, self._timeout(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """The standard socket backend, its connections bound by one wall-clock deadline."""

    def __init__(self, deadline: float) -> None:
        self._backend = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the time limit for the whole exchange has passed")
        stream = self._backend.connect_tcp(
            host,
            port,
            left if timeout is None else min(timeout, left),
            local_address,
            socket_options,
        )
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _deadline_transport(deadline: float) -> httpx.HTTPTransport:
    """httpx's transport on :class:`_DeadlineBackend` (httpx has no option for the backend)."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        network_backend=_DeadlineBackend(deadline),
    )
    return transport


def _send_pinned(client: httpx.Client, url: httpx.URL, address: IPAddress) -> httpx.Response:
    """GET ``url`` from ``address``, naming the original host in the Host header and SNI."""
    host = url.raw_host.decode("ascii")
    extensions = {"sni_hostname": host} if url.scheme == "https" else {}
    request = client.build_request(
        "GET",
        url.copy_with(host=str(address)),
        headers={"Host": url.netloc.decode("ascii")},
        extensions=extensions,
    )
    return client.send(request, stream=True)


def _bad_redirect(url: httpx.URL, exc: Exception) -> FetchError:
    """The error for a redirect from ``url`` whose Location names no URL."""
    return FetchError(f"{shown(url)} redirects to an invalid URL ({shown(str(exc))[:200]})")


def fetch_url(url: str) -> FetchedPage:
    """Fetch ``url``, following up to ``settings.fetch_max_redirects`` vetted redirects."""
    settings = get_settings()
    current = _parse_url(url)
    timeout = settings.fetch_timeout_s
    deadline = time.monotonic() + timeout
    with httpx.Client(
        headers=_HEADERS,
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        transport=_deadline_transport(deadline),
    ) as client:
        for _ in range(settings.fetch_max_redirects + 1):
            address = vetted_address(current)
            try:
                response = _send_pinned(client, current, address)
            except httpx.TimeoutException as exc:
                raise FetchError(
                    f"timed out after {timeout:g} s fetching {shown(current)}"
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"cannot fetch {shown(current)}: {exc or type(exc).__name__}"
                ) from exc
            except (httpx.InvalidURL, UnicodeError) as exc:
                # httpx reads a redirect's Location as it answers: "javascript:alert(1)" or
                # "http://xn--a/" there is no URL (httpx.InvalidURL, idna's UnicodeError)
                raise _bad_redirect(current, exc) from None
            try:
                if response.status_code in _REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{shown(current)} redirects without a Location header")
                    try:
                        target = current.join(location)
                    except (httpx.InvalidURL, ValueError) as exc:
                        raise _bad_redirect(current, exc) from None
                    current = _parse_url(target)
                    continue
                if not response.is_success:
                    raise FetchError(
                        f"{shown(current)} answered HTTP {response.status_code} "
                        f"{response.reason_phrase}".rstrip()
                    )
                media, charset = _split_content_type(response.headers.get("content-type", ""))
                body = _read_capped(response, current, deadline)
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {timeout:g} s reading {shown(current)}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"cannot read {shown(current)}: {exc or type(exc).__name__}"
                ) from exc
            finally:
                response.close()
            return FetchedPage(url=shown(current), content_type=media, charset=charset, body=body)
    raise FetchError(f"{shown(url)} redirects more than {settings.fetch_max_redirects} times")
