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
