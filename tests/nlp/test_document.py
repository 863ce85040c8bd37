"""Deep-path sentences: the parser's split, never across a paragraph's blank line."""

from __future__ import annotations

from veracity.ingest.text import article_from_text
from veracity.nlp import analyse_text

# Paragraph ends the parser runs into the next paragraph: a question, a closing quote alone on
# its line (a quote that ran over paragraphs), a photo credit.
ARTICLE = (
    "Officers killed in Aleppo strike\n\n"
    "An Al-Nusra Front commander said that experts from the USA, Turkey and Israel inside "
    "Aleppo were giving militant groups support and intelligence. Were these the same officers "
    "Russia killed?\n\n"
    "Even though American media tries to blame Russia whenever possible, their failure to "
    "cover these deaths is intriguing.\n\n"
    "“We are looking at every report,” the spokesman said. “We will say more when we know "
    "more.\n\n"
    "”\n\n"
    "Carl Recine/Reuters, FILE\n\n"
    "The assessment was followed on Thursday by a joint bulletin issued by the FBI and DHS.\n\n"
    "A sentence wrapped by the writer's mail program goes on past the end of\n"
    "its line and is still one sentence."
)


def sentences(text: str) -> list[str]:
    article = article_from_text(text)
    return [s.text for s in analyse_text(article, "deep").sentences]


def test_no_sentence_runs_across_a_blank_line() -> None:
    found = sentences(ARTICLE)
    assert not [s for s in found if "\n\n" in s]
    assert "Were these the same officers Russia killed?" in found
    assert "Carl Recine/Reuters, FILE" in found
    assert found[-1] == (
        "A sentence wrapped by the writer's mail program goes on past the end of\n"
        "its line and is still one sentence."
    )


def test_offsets_still_index_the_text() -> None:
    article = article_from_text(ARTICLE)
    for sentence in analyse_text(article, "deep").sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
