"""Text the article quotes is not its own voice: the detectors that read English wording do not
count what they find in a paragraph a line ending in a colon introduces as someone's words."""

from __future__ import annotations

import pytest

from tests.conftest import analysed
from veracity.signals import detect_signals, detectors
from veracity.signals.quoted import quoted_blocks

HOAX = (
    "You won’t hear this stuff from the lying mainstream media. Keep the GotNews mission alive: "
    "donate at GotNews.com/donate."
)


def _quotes(text: str) -> list[str]:
    return [text[start:end] for start, end in quoted_blocks(text)]


def test_a_debunk_does_not_speak_the_hoax_it_quotes() -> None:
    """Probe s44: a Snopes debunk (hyperpartisan 0000568) read the fundraising plug it quotes as
    its own conspiracy framing ("You won't hear this", "lying mainstream media"): UNRELIABLE
    0.16. The same paragraph as the article's own words is still flagged."""
    intro = "Disreputable sites claim to harbor the truth. For example, GotNews stories carry this "
    quoted = f"{intro}fundraising plug:\n\n{HOAX}\n\nThe site gave no evidence."
    own = f"Disreputable sites claim to harbor the truth.\n\n{HOAX}\n\nThe site gave no evidence."
    assert _quotes(quoted) == [HOAX]
    found = {s.kind.value for s in detect_signals(analysed(own, "fast"))}
    assert "conspiracy_framing" in found
    kept = detect_signals(analysed(quoted, "fast"))
    assert not [s for s in kept if s.detector != "outlet_citation" and "hear" in s.quote]
    # training counts read each detector as the report does
    framing = next(d for d in detectors("fast") if d.name == "conspiracy_framing")
    assert list(framing.detect(analysed(own, "fast")))
    assert not list(framing.detect(analysed(quoted, "fast")))


@pytest.mark.parametrize(
    "intro",
    [
        "GotNews reported:",
        "In a statement, the company said:",
        "The message read as follows:",
        "Kimmel tweeted on Monday:",
        "A lawyer wrote him the following email:",
        "Here's that full report from CNN:",
    ],
)
def test_a_paragraph_introduced_as_someones_words_is_quoted(intro: str) -> None:
    text = f"The story spread fast.\n{intro}\n{HOAX}\nThe site gave no evidence."
    assert _quotes(text) == [HOAX]


@pytest.mark.parametrize(
    "intro",
    [
        "Here are the facts:",
        "Peace with Jordan matters for the following reasons:",
        "The media pushed propaganda rather than report the truth:",
        "These are the things Trump said during his trip to Puerto Rico:",
        "Protests spread across the United States:",
        "READ MORE STORIES:",
    ],
)
def test_the_articles_own_list_or_sentence_is_not_quoted(intro: str) -> None:
    text = f"The story spread fast.\n{intro}\n{HOAX}\nThe site gave no evidence."
    assert _quotes(text) == []


@pytest.mark.parametrize(("opening", "closing", "straight"), [("“", "”", '"'), ("‘", "’", "'")])
def test_a_quotation_of_several_paragraphs_is_quoted_to_its_end(
    opening: str, closing: str, straight: str
) -> None:
    """Fix s46: only the first paragraph of a long quotation was quoted, so the statement's
    later paragraphs read as the article's own voice. English writes such a quotation with a
    mark opening each paragraph and one closing the last; the article's words after it, and a
    paragraph after a closed quotation, are its own again. Review s46: British style writes it
    in single marks, which were not read (they are apostrophes too), so only the first
    paragraph was quoted."""
    first = f"{opening}You won’t hear this stuff from the lying mainstream media."
    second = f"{opening}They are hiding the truth from you, and everyone knows it."
    last = f"{opening}Keep the mission alive: donate today.{closing}"
    own = "The site gave no evidence for any of it."
    text = f"The story spread fast.\nGotNews reported:\n{first}\n\n{second}\n{last}\n{own}"
    assert _quotes(text) == [first, second, last]
    found = detect_signals(analysed(text, "fast"))
    assert not [s for s in found if s.detector != "outlet_citation" and "hiding" in s.quote]
    # straight marks alike
    typed = text.replace(opening, straight).replace(closing, straight)
    assert _quotes(typed) == [
        s.replace(opening, straight).replace(closing, straight) for s in (first, second, last)
    ]
    # a closed first paragraph ends the quotation; so does a paragraph without an opening mark
    closed = f"GotNews reported:\n{first}{closing}\n{second}\n{own}"
    assert _quotes(closed) == [f"{first}{closing}"]
    unmarked = f"GotNews reported:\n{first}\n{own}\n{second}"
    assert _quotes(unmarked) == [first]


def test_a_single_mark_is_read_by_what_stands_beside_it() -> None:
    """Review s46: a single mark is also an apostrophe. Inside a word ("won’t") or after a
    plural's s ("the players’ union") it neither opens nor closes a quotation; a paragraph
    that closes its quotation and opens another runs on; a quotation in double marks is not
    run on by a paragraph opening with a single one."""
    second = "‘They are hiding the truth from you, and everyone knows it."
    own = "The site gave no evidence for any of it."
    reopened = "‘We will win,’ she said. ‘And the players’ union knows it."
    assert _quotes(f"GotNews reported:\n{reopened}\n{second}\n{own}") == [reopened, second]
    closed = "‘We will win,’ she said of the vote on Monday."
    assert _quotes(f"GotNews reported:\n{closed}\n{second}\n{own}") == [closed]
    double = "“You won’t hear this stuff from the lying mainstream media."
    assert _quotes(f"GotNews reported:\n{double}\n{second}\n{own}") == [double]


def test_a_pages_quotation_is_not_the_articles_voice() -> None:
    """Fix s46: the hoax a fact-check quotes in a <blockquote>, with no line introducing it,
    read as the article's own conspiracy framing; the same words as the article's own still
    are."""
    from tests.ingest.test_html import QUOTING_PAGE
    from veracity.ingest import article_from_html, article_from_text
    from veracity.nlp import analyse_text

    quoting = article_from_html(QUOTING_PAGE)
    own = article_from_text(quoting.text, detect_title=False)
    for depth in ("fast", "deep"):
        found = detect_signals(analyse_text(quoting, depth))
        assert not [s for s in found if s.detector != "outlet_citation" and "hiding" in s.quote]
        assert [s for s in detect_signals(analyse_text(own, depth)) if "hiding" in s.quote]


# Probe s48 S4: an embedded post (a tweet and its signature line) was read as the article's own
# words: the fan's "proud bitch" a loaded word of the article's.
POSTS = (
    "Trump called the player a name at a rally in Alabama on Friday night, and many replied.\n\n"
    "Guess that makes me a proud bitch and a disgusting traitor!\n\n"
    "— Teresa Kaepernick (@B4IleaveU) September 23, 2017\n\n"
    "Those disgusting thugs ruined the game, a brutal crowd said. pic.twitter.com/abc123 — "
    "Fan Page (@fanpage) November 23, 2018\n\n"
    "The war goes on."
)


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_embedded_post_is_someone_elses_words(depth: str) -> None:
    from veracity.signals.rhetorical_question import quoted_regions

    found = detect_signals(analysed(POSTS, depth), names=["loaded_language"])
    assert not [s.quote for s in found]
    regions = quoted_regions(POSTS)
    for post in ("Guess that makes", "(@B4IleaveU)", "Those disgusting thugs", "(@fanpage)"):
        at = POSTS.index(post)
        assert any(a <= at < b for a, b in regions), post
    # the same words with no signature after them are the article's own
    own = POSTS.replace("— Teresa Kaepernick (@B4IleaveU) September 23, 2017\n\n", "")
    assert detect_signals(analysed(own, depth), names=["loaded_language"])
    assert not any(a <= own.index("The war") < b for a, b in quoted_regions(own))
