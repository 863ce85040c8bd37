"""The model text's typography: quotation marks folded, hard-wrapped lines joined."""

from __future__ import annotations

import textwrap

from veracity.ingest.normalise import fold_quotes, normalise, unwrap_lines
from veracity.models.features import model_text
from veracity.models.style import STYLE_FEATURES, style_vector

PARAGRAPH = (
    "The ministry said on Tuesday that the figures, which the statistics agency published "
    "last week, showed a rise of 12 per cent in the number of cases in the north of the "
    "country. Officials in the region told reporters that more testing explained part of "
    "the rise, and that hospital admissions had not changed since the spring."
)
ARTICLE = f"Cases rise in the north, ministry says\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"


def _wrapped(width: int = 72) -> str:
    title, _, body = ARTICLE.partition("\n\n")
    paragraphs = [textwrap.fill(p, width) for p in body.strip().split("\n\n")]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def test_fold_quotes_makes_typographic_marks_straight() -> None:
    assert fold_quotes("“It’s over,” she said, ‘really’.") == "\"It's over,\" she said, 'really'."
    assert fold_quotes("plain 'ascii' text") == "plain 'ascii' text"


def test_unwrap_joins_hard_wrapped_paragraphs_and_keeps_their_breaks() -> None:
    wrapped = _wrapped()
    assert wrapped.count("\n") > ARTICLE.count("\n") + 4  # the wrap added line breaks
    unwrapped = unwrap_lines(wrapped)
    assert len(unwrapped) == len(wrapped)  # offsets stay valid
    assert unwrapped.count("\n") == ARTICLE.count("\n")  # headline and paragraph breaks stay
    assert unwrapped.split() == wrapped.split()


def test_unwrap_leaves_articles_written_a_paragraph_a_line() -> None:
    assert unwrap_lines(ARTICLE) == ARTICLE
    # headings above long paragraphs are not a wrap
    headed = "Title\nBackground\n" + PARAGRAPH + "\nWhat next\n" + PARAGRAPH + "\nEnd\n"
    assert unwrap_lines(headed) == headed


def test_unwrap_keeps_short_lines_of_a_list() -> None:
    listing = "Ingredients\n\n" + "\n".join(["2 eggs", "1 cup of flour", "salt", "milk"] * 3)
    assert unwrap_lines(listing) == listing


def test_style_reads_a_wrapped_article_as_the_unwrapped_one() -> None:
    as_written = style_vector(model_text(ARTICLE))
    wrapped = style_vector(model_text(_wrapped()))
    for name, a, b in zip(STYLE_FEATURES, as_written, wrapped, strict=True):
        assert a == b, name


def test_model_text_reads_quote_styles_alike() -> None:
    curly = ARTICLE.replace("ministry says", "ministry’s “figures” say")
    straight = ARTICLE.replace("ministry says", 'ministry\'s "figures" say')
    assert model_text(curly) == model_text(straight)


def test_normalise_is_length_preserving() -> None:
    text = "“Quoted” headline\n\n" + _wrapped(60)
    assert len(normalise(text)) == len(text)


def test_ingest_joins_a_hard_wrapped_body() -> None:
    from veracity.ingest import article_from_bytes

    as_written = article_from_bytes(ARTICLE.encode())
    wrapped = article_from_bytes(_wrapped().encode())
    assert wrapped.title == as_written.title
    assert wrapped.body == as_written.body
    body = _wrapped().partition("\n\n")[2]
    assert unwrap_lines(body, headline=False).count("\n") == ARTICLE.partition("\n\n")[2].count(
        "\n"
    )
