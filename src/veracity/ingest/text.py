"""Plain text in: decode bytes safely, normalise whitespace, detect the title."""

from __future__ import annotations

import html
import re
import unicodedata

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from veracity.errors import InputError, InputTooLargeError
from veracity.ingest.article import Article
from veracity.ingest.boilerplate import strip_boilerplate
from veracity.ingest.normalise import unwrap_lines
from veracity.settings import get_settings

# The longest text scored as one claim: a longer "sentence" (a line of 5 MB, text without
# punctuation) is no claim the model can judge, so its triage row gets no score and a note.
# Also the limit of `veracity verify` (pipeline.check_claim), of the API's claim requests and
# of an imported fact-check's statement (claimreview.parse). Here, beside the byte limit, so
# that the importer reads it without loading the claim models.
MAX_CLAIM_CHARS = 2000

# C0 and C1 controls (C1's CSI U+009B and OSC U+009D drive terminals as ESC [ and ESC ] do),
# zero-width space and joiner, BOM; NEL (U+0085) is read as a line break first. Direction
# embeddings and overrides (U+202A-U+202E) go anywhere: an unterminated override reverses
# whatever follows it in a line or paragraph, veracity's own words and figures included
# ("(check-worthiness 0.87)" shown as "(78.0 ssenihtrow-kcehc)"); marks and isolates stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060\ufeff]")
# Invisible format characters inside a Latin-script word ("Rus<ZWJ>sia", "ex<SHY>perts",
# "con<RLO>vinced"): joiners, soft hyphens, direction marks and overrides, invisible operators.
# Between two Latin letters or digits they have no use but to hide words from the models and
# the signal detectors (the seed article with one in every few words read as out of scope and
# lost most of its signals), so they are dropped there; elsewhere (emoji sequences, Persian
# ZWNJ, marks in right-to-left text) they stay. With them the other characters a browser draws
# as nothing (hostile round 13: measured in Chromium, each left "Vac_cines" as wide as
# "Vaccines"): the combining grapheme joiner, Khmer's inherent vowels, Mongolian's variation
# selectors, the variation selectors (emoji and CJK use them after their own characters, never
# between two Latin letters), musical formatting and the tag characters ("ASCII smuggling"); one
# in every word took the example article from 12 signals to 2.
_LATIN = r"A-Za-z0-9\u00c0-\u024f"
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x180E, 0x180E), (0x200C, 0x200F), (0x202A, 0x202E),
    (0x2061, 0x2064), (0x2066, 0x2069),
    (0x034F, 0x034F), (0x17B4, 0x17B5), (0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F),
    (0x1D173, 0x1D17A), (0xE0000, 0xE007F), (0xE0100, 0xE01EF),
)  # fmt: skip
_INVISIBLE_CHARS = "".join(f"{chr(a)}-{chr(b)}" for a, b in _INVISIBLE_RANGES)
_INVISIBLE_IN_WORD = re.compile(rf"(?<=[{_LATIN}])[{_INVISIBLE_CHARS}]+(?=[{_LATIN}])")
# Whether a text may hold any of them, first: those of the Basic Multilingual Plane by a search
# for the class, the others (tags, musical formatting) only where the text's UTF-8 holds a lead
# byte of theirs (F0, F3; a regex search over their planes cost 0.1 ms an article, the text
# encoded and two byte searches 13 µs).
_INVISIBLE_BMP = re.compile(
    "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _INVISIBLE_RANGES if b <= 0xFFFF) + "]"
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")
_MAX_TITLE_CHARS = 300
# A line that ends where a sentence or a clause does is body text, not a headline: its last
# mark, read inside closing quotes and brackets ('... the minister said.”'), or a dash that
# leads into the next line (a dateline, "SAN FRANCISCO (AP) —").
_CLOSING_MARKS = "\"'”’»)]"
_NOT_A_HEADLINE_END = (".", ",", ";", ":", "—", "–", "-")
# ... except a full stop closing a headline set in title case and standing alone above the
# body ("He Was a Science Star. Then He Promoted a Questionable Cure for Covid-19.", NYT): a
# lead sentence is set in sentence case, and a paragraph's first line runs on into the next.
_TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "en",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "off",
        "on",
        "onto",
        "or",
        "per",
        "than",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
    ]
)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_MIN_TITLE_CASED_WORDS = 5
_TIE_BREAK_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
# Legacy encodings in use for web and office text (Windows and ISO 8859 code pages, KOI8,
# charset_normalizer's names); DOS, Mac and CJK code pages are not among them.
_WEB_ENCODINGS = ("cp125", "iso8859", "latin", "koi8", "utf")


def check_size(size: int, what: str = "input") -> None:
    """Refuse inputs over the configured byte limit."""
    limit = get_settings().max_input_bytes
    if size > limit:
        raise InputTooLargeError(
            f"{what} is {size:,} bytes, over the limit of {limit:,} bytes "
            "(set VERACITY_MAX_INPUT_BYTES to raise it)"
        )


def decode_bytes(data: bytes, declared_encoding: str | None = None) -> str:
    """Decode bytes as UTF-8, else as the declared or detected encoding; refuse binary data."""
    check_size(len(data))
    if not data.strip():
        raise InputError("input is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("input looks binary (NUL bytes), not text")
    for encoding in ("utf-8", declared_encoding):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeError, LookupError):  # the "undefined" codec's error is no
                continue  # UnicodeDecodeError, and a page names whatever charset it likes
    text = _detect_and_decode(data)
    if _looks_binary(text):
        raise InputError("input looks binary, not text")
    return text


def _detect_and_decode(data: bytes) -> str:
    """Decode with the detected encoding; Windows-1252 wins ties between legacy code pages.

    Detection cannot tell cp1250 from cp1252 on French or German text (same letters score the
    same); Windows-1252 is the web's default legacy encoding (WHATWG), so it breaks the tie.
    Nor does it rank Windows-1252 first on English news whose curly quotes and dashes are its
    only bytes over 127: a DOS or Mac code page, or even a CJK one, read them as letters
    ("Russia’s" as "Russiaĺs" in cp852). Such a code page is no encoding of today's web or
    office text, so Windows-1252 wins over it whenever its text is no messier; another Windows
    or ISO 8859 code page keeps its place (cp1250 Czech reads as cp1252 with no more mess).
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError("input is not valid UTF-8 and no text encoding could be detected")
    if not best.encoding.startswith(_WEB_ENCODINGS):
        try:
            windows = data.decode("cp1252")
        except UnicodeDecodeError:  # one of its five unassigned bytes
            pass
        else:
            if mess_ratio(windows) <= best.chaos:
                return windows
    for match in matches:
        if match.chaos > best.chaos or match.coherence < best.coherence:
            continue
        for encoding in _TIE_BREAK_ENCODINGS:
            if encoding in match.could_be_from_charset:
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    continue
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(
        1
        for ch in sample
        if unicodedata.category(ch) in {"Cc", "Co", "Cn", "Cs"} and ch not in "\n\r\t"
    )
    return bad > max(8, len(sample) // 50)


def strip_hidden_characters(text: str) -> str:
    """Drop control and zero-width characters, and invisible format characters inside
    Latin-script words (see ``_INVISIBLE_IN_WORD``)."""
    text = _CONTROL.sub("", text)
    # The word regex costs ~0.1 ms on an article; the searches for any of its characters, less.
    if _may_hold_invisible(text):
        text = _INVISIBLE_IN_WORD.sub("", text)
    return text


def _may_hold_invisible(text: str) -> bool:
    if _INVISIBLE_BMP.search(text):
        return True
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")
    return b"\xf0" in data or b"\xf3" in data


# Mojibake: text encoded as UTF-8 and read back as Windows-1252 or Latin-1 before it reached
# veracity ("New Yorkâ€™s", or "Yorkâ\x80\x99s" with C1 controls, which
# :func:`strip_hidden_characters` would drop, leaving "Yorkâs"; 1,965 such sequences in
# BuzzFeed-Webis, 262 in ReCOVery). Each such sequence is a UTF-8 lead byte read as a letter from
# Â to ô, then a continuation byte read as a character of 0x80-0xBF in either code page. Only a
# text holding one goes through ftfy's ``fix_encoding`` (its encoding repair alone: quotes,
# widths and entities as they are), which costs about 1 ms an article.
# Windows-1252's characters for the bytes 0x80-0x9F (Latin-1 reads them as C1 controls)
_CP1252_HIGH = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE_PAIR = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")
# The lead bytes of the sequences that carry most of it, looked for first as substrings (a
# text's curly quotes make it non-ASCII; the pair's search over every such text cost 0.06 ms an
# article): Â (no-break space), Ã (accented Latin letters), â (quotes, dashes), ð (emoji), Î Ï
# (Greek), Ð Ñ (Cyrillic), Ø Ù (Arabic, Hebrew). A text whose only mojibake has another lead
# (CJK's ä-é) is left as it is.
_MOJIBAKE_LEADS = "ÂÃâðÎÏÐÑØÙ"


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 read as Windows-1252 or Latin-1 decoded as it was written
    ("Yorkâ€™s" → "York’s"), by ftfy where :data:`_MOJIBAKE_PAIR` finds a sign of it."""
    if text.isascii() or not any(lead in text for lead in _MOJIBAKE_LEADS):
        return text
    if not _MOJIBAKE_PAIR.search(text):
        return text
    from ftfy import fix_encoding  # loads only for a text that needs it

    return fix_encoding(text)


# The most combining marks in a row a text keeps: Unicode's Stream-Safe Text Format (UAX #15,
# section 13) allows 30 non-starters in a row, more than any script writes on one letter.
# Normalisation puts a run of combining marks in canonical order by an insertion sort, in time
# that grows with the square of the run's length, so one letter under a long run of marks in
# falling order costs minutes (hostile round 17, attack 6: 80,000 marks, a 480 KB API body,
# 51 s; the 5 MB input limit allows some 2 million).
MAX_COMBINING_RUN = 30


def bounded_mark_runs(text: str) -> str:
    """``text`` with each run of combining marks cut to its first :data:`MAX_COMBINING_RUN`
    (any text already in NFC is returned as it is: the check is linear and stops at the first
    mark out of order)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    kept: list[str] = []
    run = 0
    for char in text:
        if unicodedata.combining(char):
            run += 1
            if run > MAX_COMBINING_RUN:
                continue
        else:
            run = 0
        kept.append(char)
    return "".join(kept)


def clean_characters(text: str) -> str:
    """:func:`clean_text`'s reading of characters, its spacing left as it is: line ends (CR,
    CR LF, NEL) as line breaks, mojibake repaired (:func:`repair_mojibake`), runs of combining
    marks bounded (:func:`bounded_mark_runs`), Unicode NFC, then
    :func:`strip_hidden_characters`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    text = bounded_mark_runs(repair_mojibake(text))
    return strip_hidden_characters(unicodedata.normalize("NFC", text))


# An HTML character reference a scraped text kept escaped: "&gt;&gt; See photos here ..." (probe
# s46: KIRO 7's text, shown as "&gt;&gt;" in every report). Only these, whole; a page read as
# HTML has them decoded already.
_CHARACTER_REFERENCE = re.compile(
    r"&(?:amp|lt|gt|quot|apos|nbsp|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip|#\d{1,7}"
    r"|#[xX][0-9a-fA-F]{1,6});"
)


def unescape_references(text: str) -> str:
    """``text`` with the HTML character references a scraped text kept decoded
    (:data:`_CHARACTER_REFERENCE`)."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC), line ends and runs of spaces; decode the HTML character
    references a scraped text kept; drop control (C0 and C1) and zero-width chars and
    invisible format characters inside Latin-script words."""
    text = clean_characters(unescape_references(text))
    if "  " in text or "\t" in text or "\u00a0" in text:  # else every run is one space already
        text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


# An embedded post's signature ends the post: "— Donald J. Trump (@realDonaldTrump) September
# 17, 2016", "A post shared by Priyanka Chopra (@priyankachopra) on May 18, 2018 at 11:58am
# PDT". A pasted page runs the next sentence on after it ("... 2016 Most of us ..."), and no
# full stop lets a sentence splitter end the post there; a paragraph break does. The time and
# its zone are taken whole (possessive): a signature that ends its line ("... at 11:29am PDT",
# then a blank line) was split before its zone, which stood as a line of its own (651 zones
# in 357 articles of the article corpora).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_POST_SIGNATURE = re.compile(
    rf"(\(@ ?\w{{1,30}}\) (?:on )?{_MONTH} \d{{1,2}}, \d{{4}}"
    r"(?: at \d{1,2}:\d{2} ?[ap]m(?: [A-Z]{2,4}\b)?+)?+[\"”’]?) (?=\S)"
)


def end_embedded_posts(text: str) -> str:
    """A paragraph break after each embedded post's signature that text runs on from."""
    if "(@" not in text:
        return text
    return _POST_SIGNATURE.sub("\\1\n\n", text)


def _title_cased(line: str) -> bool:
    """Whether every word of ``line`` but the small ones (a, of, the...) opens with a capital,
    with at least five such words, and not every letter is one: a headline's case, not a
    sentence's, a name's ("Johnny C. Taylor Jr.") or a shouted lead sentence's."""
    capitalised = 0
    for match in _TITLE_WORD.finditer(line):
        word = match.group()
        if word.lower() in _TITLE_SMALL_WORDS:
            continue
        if not word[0].isupper():
            return False  # most lead sentences stop at their second word
        capitalised += 1
    return capitalised >= _MIN_TITLE_CASED_WORDS and not line.isupper()


# A byline paragraph: "By Priya Raman", "By Jenny Hartley, Local Democracy Reporter".
_BYLINE = re.compile(r"By\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+\s*(?:[,|—–-].*)?")
_MAX_BYLINE_CHARS = 120


def _byline_follows(rest: str) -> bool:
    """Whether the paragraph after a blank line is a byline alone on its line ("By Priya
    Raman"): what stands above it is the piece's headline, whatever its punctuation."""
    paragraph = rest.lstrip("\n").partition("\n")[0].strip()
    return len(paragraph) <= _MAX_BYLINE_CHARS and _BYLINE.fullmatch(paragraph) is not None


def _headline_end(first: str, rest: str) -> bool:
    """Whether the first line ends as a headline may: no closing mark of a sentence or clause,
    or a full stop after a line that a blank line parts from the body and that is title-cased
    or stands over a byline ("The four-day week is not a luxury. It is overdue." over "By
    Priya Raman": probe s49 U2)."""
    end = first.rstrip(_CLOSING_MARKS)
    if not end.endswith(_NOT_A_HEADLINE_END):
        return True
    if not end.endswith("."):
        return False
    blank_line_follows = rest.partition("\n")[0].strip() == ""
    return blank_line_follows and (_title_cased(first) or _byline_follows(rest))


# A press release's distribution line above its headline: "FOR IMMEDIATE RELEASE", "PRESS
# RELEASE", "EMBARGOED UNTIL 00:01 GMT 5 MAY" (probe s49 U2: taken as the title, which the
# reasons then read as shouted capitals). It is the wire's instruction, not the release's.
_RELEASE_TAG = re.compile(
    r"(?:for\s+immediate\s+release|(?:press|news|media)\s+release|media\s+advisory"
    r"|(?:embargoed|for\s+release)\b[^\n]{0,60})[\s:.!-]*",
    re.IGNORECASE,
)


def _without_release_tag(text: str) -> str:
    """``text`` without a press release's distribution line (:data:`_RELEASE_TAG`) where that
    line is its first and a paragraph follows it."""
    first, sep, rest = text.partition("\n")
    if sep and rest.strip() and _RELEASE_TAG.fullmatch(first.strip()):
        return rest.lstrip("\n")
    return text


def split_title(text: str) -> tuple[str | None, str]:
    """Take the first line as title when it reads like a headline (short, no final period,
    not even inside closing quotes, and no dash leading into the next line; a full stop only
    after a line standing alone above the body that is title-cased or over a byline). A press
    release's distribution line ("FOR IMMEDIATE RELEASE") above it is dropped first."""
    text = _without_release_tag(text)
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if (
        sep
        and rest.strip()
        and 0 < len(first) <= _MAX_TITLE_CHARS
        and _headline_end(first, rest)
        and len(first.split()) >= 2
    ):
        return first, rest
    return None, text


# Said of a page whose every line is site furniture (probe s46: a Sputnik page that is only its
# cookie-consent notice): what was found, and what to give instead.
FURNITURE_ONLY = (
    "input has no article text, only site furniture (menus, buttons, a cookie or consent "
    "notice, a paywall): give the article's own text, or its page as it shows the article"
)


def _cleaned_title(title: str | None) -> str | None:
    if title is None:
        return None
    return clean_text(title.encode("utf-8", "replace").decode("utf-8")) or None


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    detect_title: bool = True,
    remove_boilerplate: bool = True,
    source_url: str | None = None,
    source_domain: str | None = None,
    content_type: str = "text/plain",
) -> Article:
    """Build an article from plain text; the first line becomes the title if it looks like one.

    Site furniture (comment forms, share buttons, cookie banners...) is removed first unless
    ``remove_boilerplate`` is false.
    """
    if text is None or not text.strip():
        raise InputError("input is empty (no text to analyse)")
    check_size(len(text.encode("utf-8", "surrogatepass")))
    text = clean_text(text.encode("utf-8", "replace").decode("utf-8"))
    if not text:
        raise InputError("input has no readable text")
    text = end_embedded_posts(text)
    headline_only = False
    if remove_boilerplate:
        page = text
        text = strip_boilerplate(text)
        if not text:
            # an error, not an answer without a score: there is no article to judge, only the
            # page around it (README, "Bad input": a page that is only site furniture)
            raise InputError(FURNITURE_ONLY, title=_cleaned_title(title))
        if title is None and detect_title and "\n" not in text.strip():
            # a headline over a page that is otherwise furniture (a consent notice) stays its
            # title, as it headed the page (probe s47: "Untitled article", the headline as body)
            headline, _ = split_title(page)
            headline_only = headline is not None and headline == text.strip()
    if headline_only:
        title, text = text.strip(), ""
    elif title is None and detect_title:
        title, text = split_title(text)
    elif title is not None:
        title = _cleaned_title(title)
    if not text.strip() and not headline_only:
        raise InputError("input has a title but no body text")
    text = unwrap_lines(text, headline=False)  # a hard-wrapped body's lines, joined
    article = Article.from_parts(
        title,
        text,
        source_url=source_url,
        source_domain=source_domain,
        content_type=content_type,
    )
    # the report says why the body is empty (pipeline: "too short" alone read as a cut text)
    return article.model_copy(update={"body_was_furniture": True}) if headline_only else article
