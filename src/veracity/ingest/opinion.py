"""Whether an article says it is opinion (a column, an editorial, an op-ed), and where it says so.

Read from what the text or the page says of itself, never from its wording: a label that heads
the title ("Opinion | Why the council is wrong", "Column: ..."), a line of the body that is only
the label or the label with its writer ("OPINION", "Opinion by Jane Doe", "Editorial": a page's
section, above the headline or between paragraphs), the section a saved or fetched page's
metadata names (``article:section``: "Opinion", "Columnists") or the section its address files
it under (".../opinion/...", ".../commentary/..."). The report says so in a note; the reliability score
is not changed (its models read an opinion piece as any article).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from veracity.ingest.article import Article

# What a page calls an opinion piece, in a label or its section.
_KINDS = (
    r"opinion|op-?ed|column|editorial|commentary|viewpoint|guest (?:column|essay|opinion)"
    r"|letters? to the editor"
)
# "Opinion | Why ...", "OPINION: ...", "Column: ...", "Op-Ed: ..." at the title's start.
_TITLE_LABEL = re.compile(rf"(?i:{_KINDS})[ \t]*[:|–—-][ \t]*(?=\S)")
# A body line that is only the label ("Opinion", "EDITORIAL:") or the label with its writer
# ("Opinion by Jane Doe", "Column by J. R. Smith").
_LABEL_LINE = re.compile(
    rf"(?i:{_KINDS})(?:[ \t]*:|[ \t]+by[ \t]+(?-i:[A-Z])[\w.'’-]*(?:[ \t]+[\w.'’-]+){{0,4}})?"
)
# A label line is this short at most (its writer's name included).
_MAX_LABEL_CHARS = 60
# A page's section of opinion, as its metadata names it ("Opinion", "Opinions", "Commentary",
# "Columnists", "Op-Eds", "Editorials", "Analysis & Opinion").
_SECTION_KIND = re.compile(
    r"(?i:opinions?|op-?eds?|columns?|columnists?|editorials?|commentary|viewpoints?)"
)
# What joins the parts of a section's name ("Analysis & Opinion", "Opinion - Columnists").
_SECTION_PARTS = re.compile(r"[&/|,:;–—]|\s-\s|\band\b", re.IGNORECASE)
# The path segments of a section of opinion ("/opinion/", "/opinions/2020/...", "/op-ed/").
_SECTIONS = frozenset(
    {
        "opinion",
        "opinions",
        "commentary",
        "op-ed",
        "op-eds",
        "oped",
        "opeds",
        "editorial",
        "editorials",
        "column",
        "columns",
        "columnist",
        "columnists",
    }
)


def _short_lines(text: str, longest: int) -> Iterator[str]:
    """The lines of ``text`` (``text.split("\\n")``'s, in order) at most ``longest`` characters
    long: those a label can be. Found by the line breaks alone, so that a long paragraph (a copy
    that kept a whole story on one line) is neither scanned twice nor copied."""
    start = 0
    while True:
        end = text.find("\n", start)
        stop = len(text) if end == -1 else end
        if stop - start <= longest:
            yield text[start:stop]
        if end == -1:
            return
        start = end + 1


def opinion_label(article: Article) -> str | None:
    """Where ``article`` says it is opinion ('its title\'s label "Opinion"', 'the line "Opinion
    by Jane Doe"', 'its address\'s section "opinion"'), or None when it does not."""
    if article.title and (label := _TITLE_LABEL.match(article.title)):
        return f'its title\'s label "{label.group().rstrip(" :|–—-")}"'
    # a paragraph is longer than any label: its words are not read
    for line in _short_lines(article.body, _MAX_LABEL_CHARS):
        if label := _LABEL_LINE.fullmatch(line.strip()):
            return f'the line "{label.group()}"'
    # one of the section's parts ("Analysis & Opinion"), quoted alone: the rest of a page's
    # metadata is the page's to write
    for part in _SECTION_PARTS.split(article.section or ""):
        if kind := _SECTION_KIND.fullmatch(part.strip()):
            return f'its page\'s section "{kind.group()}"'
    section = next((s for s in _path(article.source_url).split("/") if s in _SECTIONS), None)
    if section is not None:
        return f'its address\'s section "{section}"'
    return None


def _path(url: str | None) -> str:
    """The path of ``url`` in lower case ("" for none, or for one that does not parse)."""
    try:
        return urlsplit(url or "").path.lower()
    except ValueError:  # "http://[::1" and the like
        return ""


# A review says so as an opinion piece does (probe s47 I1: a Vox film review, 11 loaded words
# from its plot summary, had no note): its title's label ("Review: ...", "The Beguiled review –
# ..."), a line giving its rating ("Rating: 4.5 out of 5", "Our rating: 3/5") or its address's
# section ("/reviews/") or slug ending in "review" (".../the-beguiled-review"). A slug with
# "review" inside ("fbi-review-of-emails") is news of a review, not one.
# Not a year or a week "in review" (a recap) nor a fact-check's "Rumor Review"; not a page's
# widget of readers' votes ("Rating: 0.0/5 (0 votes cast)") nor a contest's score ("Score:
# 27/30"), read off the corpora's matches (session 47 fix2).
_REVIEW_TITLE = re.compile(
    r"(?:[^:|–—\n]{0,80}[ \t])?(?<!\bin )(?<!\brumor )(?<!\brumour )(?i:(?<![\w])review)"
    r"[ \t]*[:|–—-][ \t]*(?=\S)",
    re.IGNORECASE,
)
_RATING_LINE = re.compile(
    r"(?i:(?:our |my )?(?:rating|verdict))[ \t]*:[ \t]*\d+(?:\.\d+)?[ \t]*"
    r"(?:out of|/)[ \t]*\d+\b(?![^\n]*\bvotes?\b)"
)
_REVIEW_SECTIONS = frozenset({"review", "reviews"})


def review_label(article: Article) -> str | None:
    """Where ``article`` says it is a review ('its title\'s label "Review"', 'the line "Rating:
    4.5 out of 5"', 'its address\'s "...-review"'), or None when it does not."""
    if article.title and _REVIEW_TITLE.match(article.title):
        return 'its title\'s label "review"'
    for line in _short_lines(article.body, _MAX_LABEL_CHARS * 2):
        if rating := _RATING_LINE.match(line.strip()):
            return f'the line "{rating.group()}"'
    segments = [s for s in _path(article.source_url).split("/") if s]
    if any(s in _REVIEW_SECTIONS for s in segments[:-1]) or (
        segments and re.search(r"(?:^|-)reviews?(?:\.\w+)?$", segments[-1])
    ):
        return 'its address\'s "review"'
    return None


def opinion_note(article: Article) -> str | None:
    """The report's note for an article that says it is opinion (:func:`opinion_label`) or a
    review (:func:`review_label`)."""
    label = opinion_label(article)
    if label is not None:
        return (
            f"Opinion piece ({label}): a column, editorial or op-ed argues its writer's view; "
            "the reliability score reads its writing and sourcing as it reads any article's."
        )
    label = review_label(article)
    if label is not None:
        return (
            f"Review ({label}): a critic's judgement of a film, book, show or product, with its "
            "story told in the critic's words; the reliability score reads its writing and "
            "sourcing as it reads any article's."
        )
    return None


# A press release says so as an opinion piece does (probe s48 O3: PR Newswire's Domino's release
# was "RELIABLE 0.87, Publisher: PR Newswire — factuality high", nothing saying whose
# announcement it is): its dateline's wire tag ("ANN ARBOR, Mich., July 10, 2017 /PRNewswire/
# --", "(GLOBE NEWSWIRE) --", "--(BUSINESS WIRE)--") or its address at a press-release wire.
_WIRE_TAG = re.compile(
    r"^[A-Z][^\n]{0,80}?([/(][ \t]*(?:PRNewswire(?:-[A-Za-z]+)?|CNW|EINPresswire|PRWeb"
    r"|BUSINESS WIRE|GLOBE NEWSWIRE|ACCESSWIRE|Newsfile Corp\.?)[ \t]*[/)])[ \t]*[-—–]",
    re.MULTILINE,
)
# A dateline opens the release's first paragraphs: the tag is looked for there only
_WIRE_TAG_CHARS = 300
_WIRE_HOSTS = {
    "prnewswire.com": "PR Newswire",
    "businesswire.com": "Business Wire",
    "globenewswire.com": "GlobeNewswire",
    "accesswire.com": "ACCESSWIRE",
    "einpresswire.com": "EIN Presswire",
    "prweb.com": "PRWeb",
    "newsfilecorp.com": "Newsfile",
    "newswire.ca": "Canada Newswire",
}


def press_release_label(article: Article) -> str | None:
    """Where ``article`` says it is a press release ('its dateline\'s "/PRNewswire/"', 'its
    address at PR Newswire'), or None when it does not."""
    body = article.body
    tag = _WIRE_TAG.search(body, 0, _WIRE_TAG_CHARS)
    if tag is not None:
        return f'its dateline\'s "{tag.group(1)}"'
    host = (article.source_domain or "").lower().removeprefix("www.")
    wire = next(
        (name for h, name in _WIRE_HOSTS.items() if host == h or host.endswith("." + h)), None
    )
    return None if wire is None else f"its address at {wire}"


def press_release_note(article: Article) -> str | None:
    """The report's note for an article that says it is a press release."""
    label = press_release_label(article)
    if label is None:
        return None
    return (
        f"Press release ({label}): the company's or organisation's own announcement, sent out "
        "through a wire, not reporting on it; the wire's rating is not a rating of what the "
        "release says, and the reliability score reads its writing and sourcing as it reads "
        "any article's."
    )
