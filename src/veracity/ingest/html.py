"""HTML in: the main text with trafilatura, the title from og:title, <title> or <h1>, and,
when no address is given, the address the page gives for itself (og:url, twitter:url or
<link rel="canonical">, read by trafilatura's metadata extraction) to rate its publisher.

Hostile pages are expected: scripts, frames, event handlers and forms never reach the text
(trafilatura drops them; the lxml fallback removes them explicitly), and a page lxml cannot
parse is an :class:`InputError`, never a crash.

Parsing can cost far more than the page's size suggests: libxml2 checks each attribute of an
element against all the earlier ones, so 200,000 attributes on one element (a 1.9 MB page)
take minutes. A page over :data:`ISOLATE_ABOVE_CHARS` is therefore parsed and extracted in a
helper process (:mod:`veracity.ingest.html_worker`) killed after
``settings.html_parse_timeout_s``; smaller pages cannot hold enough attributes to cost more
than a fraction of a second and are parsed in-process.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections import deque
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from lxml_html_clean import Cleaner

from veracity.errors import InputError
from veracity.ingest.article import Article
from veracity.ingest.html_worker import extract_in_helper
from veracity.ingest.text import article_from_text, check_size, clean_text, decode_bytes
from veracity.ingest.urls import is_web_address, publisher_domain

# Trafilatura logs a warning for every page it gives up on; without a handler, Python would
# print it on stderr. The fallback covers those pages, and an application's own logging
# configuration still receives the records.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"\s+")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_MAX_TITLE_CHARS = 300
_MAX_SITE_NAME_WORDS = 4
# Pages up to this many characters hold at most ~20,000 attributes (about 0.4 s of libxml2's
# quadratic duplicate check); larger ones are parsed in a child process with a CPU limit.
ISOLATE_ABOVE_CHARS = 100_000

# Elements that never hold article text: removed with their content before any extraction.
_ACTIVE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "form",
    "button",
    "select",
    "textarea",
)
# Page chrome, removed too when trafilatura finds nothing and the plain lxml text is used.
_CHROME_TAGS = ("nav", "header", "footer", "aside", "menu", "dialog")
# class/id words of page furniture (comment threads, share bars, cookie banners...).
_FURNITURE_WORDS = frozenset(
    {
        "comment",
        "comments",
        "share",
        "sharing",
        "social",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "newsletter",
        "subscribe",
        "related",
        "sidebar",
        "footer",
        "nav",
        "navbar",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "advert",
        "ad",
        "ads",
        "promo",
        "banner",
        "popup",
        "modal",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "br",
        "tr",
        "table",
        "dd",
        "dt",
        "figcaption",
        "hr",
    }
)


def looks_like_html(data: bytes | str) -> bool:
    """Whether the start of ``data`` is an HTML document (``<!doctype html>``, ``<html>``)."""
    head = data[:1024]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    head = head.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    return head.startswith("<") and ("<!doctype html" in head or "<html" in head)


def decode_html(data: bytes, declared_charset: str | None = None) -> str:
    """Decode an HTML page: UTF-8, else the HTTP header's charset, else <meta charset>, else detected."""
    charset = declared_charset
    if charset is None:
        found = _META_CHARSET.search(data[:4096])
        charset = found.group(1).decode("ascii") if found else None
    return decode_bytes(data, charset)


def _parse(html: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(f"the HTML page cannot be parsed ({exc})") from exc


def _one_line(text: str | None) -> str:
    return _spaced(text)[:_MAX_TITLE_CHARS].strip()


def _spaced(text: str | None) -> str:
    """``text`` on one line, each run of white space one space."""
    return _WHITESPACE.sub(" ", text or "").strip()


def _without_site_name(title: str) -> str:
    """'Storm hits coast | The Daily Site' -> 'Storm hits coast' (a short last part is the site);
    'The Daily Site | Storm hits the coast tonight' -> the headline too (a short first part
    before a longer one of four words or more)."""
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if separators:
        head, site = title[: separators[-1].start()], title[separators[-1].end() :]
        if len(site.split()) <= _MAX_SITE_NAME_WORDS and len(head.split()) >= 2:
            return head
        site, rest = title[: separators[0].start()], title[separators[0].end() :]
        site_words, rest_words = len(site.split()), len(rest.split())
        if site_words <= _MAX_SITE_NAME_WORDS and rest_words >= max(4, site_words + 1):
            return rest
    return title


def _names_only(title: str, heading: str) -> bool:
    """A <title> of short parts only, a section's and a site's names ('Politics | The Daily
    Site'), each shorter than the page's <h1>: the <h1> is the headline."""
    parts = _TITLE_SEPARATORS.split(title)
    longest = max(len(p.split()) for p in parts)
    return len(parts) > 1 and longest <= _MAX_SITE_NAME_WORDS and len(heading.split()) > longest


def extract_title(tree: lxml.html.HtmlElement) -> str | None:
    """The page title: og:title, else twitter:title, else <title> (minus site name), else <h1>.

    The first <h1> wins over the <title> when the <title> holds it ('Storm hits coast | The
    Daily Site': the <h1> is the headline without the site) or when the <title> names only a
    section and a site; otherwise an <h1> may be the site's logo and the <title> wins."""
    for xpath in (
        "//meta[@property='og:title']/@content",
        "//meta[@name='og:title']/@content",
        "//meta[@name='twitter:title']/@content",
    ):
        for value in tree.xpath(xpath):
            if title := _one_line(str(value)):
                return title
    heading = next(
        (text for element in tree.xpath("//h1") if (text := _one_line(element.text_content()))),
        None,
    )
    for element in tree.xpath("//title"):
        if title := _one_line(element.text_content()):
            if heading and len(heading.split()) >= 2:
                if heading.casefold() in title.casefold():
                    return heading
                if _names_only(title, heading):
                    return heading
            return _without_site_name(title)
    return heading


def _is_furniture_element(element: lxml.html.HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    words = set(re.split(r"[\s_-]+", names.lower()[:500]))
    return not words.isdisjoint(_FURNITURE_WORDS) or element.get("aria-hidden") == "true"


def without_active_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page without scripts, styles, frames, embeds, forms or event handlers."""
    cleaner = Cleaner(
        scripts=True,
        javascript=True,
        comments=True,
        style=True,
        inline_style=True,
        links=True,
        meta=False,
        processing_instructions=True,
        embedded=True,
        frames=True,
        forms=True,
        annoying_tags=True,
        kill_tags=_ACTIVE_TAGS,
        page_structure=False,
        safe_attrs_only=False,
    )
    try:
        return cleaner.clean_html(tree)
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(f"the HTML page cannot be cleaned ({exc})") from exc


def fallback_text(tree: lxml.html.HtmlElement) -> str:
    """Visible text of a page cleaned by :func:`without_active_content`, minus chrome blocks."""
    tree = copy.deepcopy(tree)
    for element in list(tree.iter())[1:]:
        if isinstance(element.tag, str) and (
            element.tag in _CHROME_TAGS or _is_furniture_element(element)
        ):
            element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
            element.text = "\n\n" + (element.text or "")
    body = tree.find("body")
    return (body if body is not None else tree).text_content()


def extract_main_text(tree: lxml.html.HtmlElement, url: str | None = None) -> str:
    """The article body of a cleaned page: trafilatura (precision first), else lxml's text."""
    import trafilatura  # slow import, only needed for HTML

    try:
        text = trafilatura.extract(
            copy.deepcopy(tree),
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=False,
        )
    except Exception:  # a third-party parser on hostile input: fall back, never crash
        text = None
    if text and text.strip():
        return "\n\n".join(line for line in text.split("\n") if line.strip())
    return fallback_text(tree)


def _drop_leading_title(body: str, titles: list[str]) -> str:
    """Trafilatura often keeps the <h1>: drop a first line that repeats a title."""
    first, _, rest = body.lstrip().partition("\n")
    wanted = {_one_line(t).casefold() for t in titles if t}
    if rest.strip() and _one_line(first).casefold() in wanted:
        return rest
    return body


def page_address(tree: lxml.html.HtmlElement) -> str | None:
    """The http(s) address a page gives for itself (og:url, twitter:url, else its canonical
    link, as trafilatura's metadata reads them), or None: no such tag, another scheme, or no
    host. Read before cleaning, which drops <link> elements. Only trafilatura's tag readers
    run: its full ``extract_metadata`` also searches the page for a date (up to 0.4 s a page)."""
    from trafilatura.metadata import examine_meta, extract_url  # loads with trafilatura

    try:
        address = examine_meta(tree).url or extract_url(tree)
        if not address or urlsplit(address).scheme.lower() not in {"http", "https"}:
            return None
        return address if is_web_address(address) else None
    except Exception:  # a third-party reader on hostile input: no address, never a crash
        return None


def extract_parts(
    page: str, source_url: str | None
) -> tuple[str | None, list[str], str, str | None, str | None, list[str], int]:
    """Title, first headings, body text, section of a decoded page, when ``source_url`` is
    None the address it gives for itself, the paragraphs it sets apart as quotations
    (:func:`blockquote_paragraphs`) and how many of its data tables the body leaves out
    (:func:`tables_left_out`; all the parsing happens here)."""
    parsed = _parse(page)
    address = page_address(parsed) if source_url is None else None
    # JSON-LD is a <script>: read before cleaning, which drops scripts
    section = extract_section(parsed)
    # Title and headings come from the cleaned tree too: a <script> inside an <h1> is not text.
    tree = without_active_content(parsed)
    title = extract_title(tree)
    h1s = [_one_line(h.text_content()) for h in tree.xpath("//h1")[:3]]
    body = extract_main_text(tree, source_url)
    return (
        title,
        h1s,
        body,
        section,
        address,
        blockquote_paragraphs(tree),
        tables_left_out(tree, body),
    )


# A data table: rows of cells, two rows and two cells in a row at least, no table inside it (a
# page laid out in tables holds its article in one). The body reader leaves tables out
# (``include_tables=False``: their cells read as run-on sentences, "Department | 2023 ($m) |
# ... Roads" was a check-worthy claim); the report says so (probe s47 I3: a county budget's
# table of departments went without a trace).
_MIN_TABLE_ROWS = 2
_MIN_ROW_CELLS = 2


def tables_left_out(tree: lxml.html.HtmlElement, body: str) -> int:
    """How many data tables of the page (:data:`_MIN_TABLE_ROWS` rows of
    :data:`_MIN_ROW_CELLS` cells) have no cell's text in ``body``."""
    words = " ".join(body.split())
    count = 0
    for table in tree.iter("table"):
        if table.find(".//table") is not None:
            continue
        rows = [
            cells
            for row in table.iter("tr")
            if len(
                cells := [" ".join(c.text_content().split()) for c in row if c.tag in ("td", "th")]
            )
            >= _MIN_ROW_CELLS
        ]
        if len(rows) < _MIN_TABLE_ROWS:
            continue
        texts = [cell for cells in rows for cell in cells if len(cell) > 3]
        if not any(cell in words for cell in texts):
            count += 1
    return count


# A quoted paragraph has a few words at least (as signals.quoted reads one).
_MIN_QUOTED_WORDS = 4


def _paragraphs(element: lxml.html.HtmlElement) -> list[str]:
    """The paragraphs of an element's text, each on one line (its block children apart)."""
    element = copy.deepcopy(element)
    for child in element.iter():
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            child.tail = "\n\n" + (child.tail or "")
            child.text = "\n\n" + (child.text or "")
    return [_spaced(part) for part in re.split(r"\n\s*\n", element.text_content())]


def blockquote_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """The paragraphs the page sets apart as a quotation (a ``<blockquote>``: a quoted
    statement, an embedded post), each on one line: someone else's words, which the signals
    do not read as the article's voice (fix s46: with no line introducing it, a quoted hoax
    read as the article's own). A pull quote, the article's own words set apart again, is
    none: a paragraph also found outside the page's quotations is left out."""
    quotes = tree.xpath("//blockquote[not(ancestor::blockquote)]")
    if not quotes:
        return []
    outside = copy.deepcopy(tree)
    for quote in outside.xpath("//blockquote[not(ancestor::blockquote)]"):
        quote.drop_tree()
    elsewhere = _spaced(outside.text_content())
    return [
        paragraph
        for quote in quotes
        for paragraph in _paragraphs(quote)
        if len(paragraph.split()) >= _MIN_QUOTED_WORDS and paragraph not in elsewhere
    ]


def quoted_lines(text: str, quoted: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` that lies in one of the ``quoted`` paragraphs
    (the text extractor may cut or join them), with a few words at least. The paragraphs are
    read with the text's own cleaning first (:func:`~veracity.ingest.text.clean_text`: HTML
    references the page escaped twice, mojibake, hidden characters, NFC): a line ingest
    changed was otherwise found in none (review s46)."""
    if not quoted:
        return []
    quoted = [_spaced(clean_text(paragraph)) for paragraph in quoted]
    spans = []
    start = 0
    for line in text.split("\n"):
        said = _spaced(line)
        if len(said.split()) >= _MIN_QUOTED_WORDS and any(said in q for q in quoted):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


# The longest section name kept: a page's "section" longer than this is not one.
_MAX_SECTION_CHARS = 80


def extract_section(tree: lxml.html.HtmlElement) -> str | None:
    """The section the page files its article under, as its metadata names it: Open Graph's
    ``<meta property="article:section" content="Opinion">``, else schema.org's
    ``articleSection`` in the page's JSON-LD (``"articleSection": "Opinion"``, or a list of
    sections, joined by commas), if it does. ``tree``: the page before cleaning, which drops
    the JSON-LD's script."""
    for content in tree.xpath(
        "//meta[@property='article:section']/@content|//meta[@name='article:section']/@content"
    ):
        section = _one_line(str(content))
        if section and len(section) <= _MAX_SECTION_CHARS:
            return section
    for script in tree.xpath("//script[@type]"):
        if str(script.get("type")).strip().lower() != "application/ld+json":
            continue
        section = _one_line(", ".join(_json_ld_sections(script.text or "")))
        if section and len(section) <= _MAX_SECTION_CHARS:
            return section
    return None


# The JSON-LD read of a page at most: its objects (a page describes its article, its site,
# its breadcrumbs ...; a hostile page nests without end).
_MAX_JSON_LD_CHARS = 200_000
_MAX_JSON_LD_OBJECTS = 200


def _json_ld_sections(text: str) -> list[str]:
    """The ``articleSection`` values of the first object that has one in a JSON-LD script
    (a top-level list and ``@graph`` are searched, breadth first); none when the script is
    not JSON, too long, or holds none."""
    if len(text) > _MAX_JSON_LD_CHARS:
        return []
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    queue: deque[object] = deque([data])
    for _ in range(_MAX_JSON_LD_OBJECTS):
        if not queue:
            break
        item = queue.popleft()
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            sections = item.get("articleSection")
            if isinstance(sections, str):
                sections = [sections]
            if isinstance(sections, list):
                found = [s.strip() for s in sections if isinstance(s, str) and s.strip()]
                if found:
                    return found
            queue.extend(item.get(key) for key in ("@graph", "mainEntity") if key in item)
    return []


def article_from_html(
    page: str | bytes,
    *,
    declared_charset: str | None = None,
    source_url: str | None = None,
    source_domain: str | None = None,
) -> Article:
    """Build an article from an HTML page (bytes are decoded with the page's charset); without
    ``source_url``, its publisher is read from the address the page gives for itself, and the
    article says so (``source_from="page"``)."""
    if isinstance(page, bytes):
        check_size(len(page))
        page = decode_html(page, declared_charset)
    page = _NOT_IN_XML.sub("", page)  # lxml refuses these in text nodes
    if not page.strip():
        raise InputError("the HTML page is empty")
    if len(page) > ISOLATE_ABOVE_CHARS:
        title, h1s, body, section, address, quoted, tables = extract_in_helper(page, source_url)
    else:
        title, h1s, body, section, address, quoted, tables = extract_parts(page, source_url)
    if not body.strip():
        raise InputError("the HTML page has no readable article text")
    body = _drop_leading_title(body, [title or "", *h1s])
    article = article_from_text(
        body,
        title=title,
        detect_title=title is None,
        source_url=source_url,
        source_domain=source_domain,
        content_type="text/html",
    )
    if section:
        article = article.model_copy(update={"section": section})
    if quoted:
        article = article.model_copy(update={"quoted": quoted_lines(article.text, quoted)})
    if tables:
        article = article.model_copy(update={"tables_left_out": tables})
    if source_url is None and address is not None:
        return Article.model_validate(
            article.model_dump()
            | {
                "source_url": address,
                "source_domain": publisher_domain(address),
                "source_from": "page",
            }
        )
    return article
