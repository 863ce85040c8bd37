"""Whether an input is written as a URL: apart from the fetcher, so that reading a file never
imports the HTTP client (httpx and httpcore, a tenth of a second of a cold start)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

URL_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_url(source: str) -> bool:
    """Whether ``source`` is written as a URL (any scheme) rather than a file path."""
    return bool(URL_PATTERN.match(source))


# A web archive's copy of a page carries the page's own address in its path: the Wayback
# Machine's web.archive.org/web/20160920123248/http://abcnews.go.com/... (the timestamp may be
# cut short or end in a mode such as "id_" or "*") and archive.today's long form
# archive.ph/2016.09.20-123248/https://... (or /newest/, /oldest/). Its short form
# (archive.ph/AbCd1) names no page and stays the archive's.
_ARCHIVED_COPY = re.compile(
    r"^(?:(?:[a-z][a-z0-9+.-]*:)?//)?(?:[^/?#@]*@)?(?:www\.)?"
    r"(?:(?:web|wayback)\.archive\.org(?::\d+)?/web/\d{1,14}(?:[a-z]{2}_)?\*?"
    r"|archive\.(?:ph|is|today|li|vn|fo|md)(?::\d+)?/(?:\d{4}\.\d\d\.\d\d-\d{6}|newest|oldest))"
    r"/+(?P<original>[^/?#\s].*)$",
    re.IGNORECASE,
)
_ORIGINAL_SCHEME = re.compile(r"^(https?):/*", re.IGNORECASE)


def archived_original(url: str) -> str | None:
    """The address of the page that ``url`` is a web archive's copy of, or None when it is none:
    its publisher is that page's outlet, not the archive (a Wayback copy of an ABC News story
    was rated as the Internet Archive, 'high / left-center', whoever wrote it)."""
    match = _ARCHIVED_COPY.match(url.strip())
    if match is None:
        return None
    original = match.group("original")
    scheme = _ORIGINAL_SCHEME.match(original)
    # The archive may collapse the page's "http://" to "http:/", or keep no scheme at all.
    address = (
        f"{scheme.group(1).lower()}://{original[scheme.end() :]}"
        if scheme
        else f"http://{original}"
    )
    return archived_original(address) or address  # a copy of a copy: the page itself


def publisher_url(url: str) -> str:
    """``url``, or the page it is a web archive's copy of (:func:`archived_original`)."""
    return archived_original(url) or url


_HOSTLESS_SCHEMES = ("about:", "data:", "file:", "javascript:", "mailto:", "tel:", "vbscript:")


def publisher_domain(url: str | None) -> str | None:
    """The publisher's host of an article's address, without "www.": a web archive's copy is
    its page's (:func:`publisher_url`); None for an address with no host."""
    if not url or url.lower().startswith(_HOSTLESS_SCHEMES):
        return None
    url = publisher_url(url)
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:  # e.g. "[]": brackets that hold no IPv6 address
        return None
    return host.removeprefix("www.") if host else None


# A host an address can name: dotted labels (an internationalised name's letters too), an IP
# literal (IPv6 in brackets, as urlsplit gives it without them) or "localhost".
_WEB_HOST = re.compile(r"(?:[\w-]+\.)+[\w-]+\.?|[0-9a-f:.]*:[0-9a-f:.]*|localhost", re.IGNORECASE)


def is_web_address(url: str) -> bool:
    """Whether ``url`` names a web page's host ("bbc.co.uk/news/x" with or without a scheme, an
    archive's copy): "not a url", "n/a" or "mailto:x@y.org" name none, and an address made of
    them was kept as "not%20a%20url" with "not a url" for its domain."""
    host = publisher_domain(url)
    return host is not None and _WEB_HOST.fullmatch(host) is not None


def ascii_host(host: str | None) -> str | None:
    """The ASCII form (IDNA, punycode) of a host name written with letters outside a-z, as a
    browser shows a mixed-script name: "bbс.co.uk" with a Cyrillic "с" is xn--bb-pmc.co.uk,
    not the BBC's bbc.co.uk. None for a host of ASCII letters, and for text that is no host
    name (an outlet's name with spaces)."""
    if not host or host.isascii() or _WEB_HOST.fullmatch(host) is None:
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # a label IDNA 2003 refuses (too long, a prohibited character)
        return ".".join(
            label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
            for label in host.split(".")
        )
