"""Property tests on :func:`veracity.pipeline.analyze` over hostile text, bytes and HTML.

Whatever comes in, the result is a report whose spans quote its text, valid against the
JSON schema and rendered as inert HTML, or the project's own error with a message.
``bench/fuzz.py`` runs the same checks over 10,000+ inputs.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.hostile import HOSTILE_TEXT, HTML_DOCUMENT, article_text, check_report
from veracity.errors import VeracityError
from veracity.ingest import Article, article_from_bytes, article_from_html, article_from_text
from veracity.pipeline import analyze

PROFILE = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def analyse_or_refuse(make_article: Callable[[], Article], depth: str) -> None:
    try:
        report = analyze(make_article(), depth=depth)  # type: ignore[arg-type]
    except VeracityError as exc:
        assert str(exc).strip(), f"{type(exc).__name__} without a message"
        return
    check_report(report)


@PROFILE
@given(article_text(max_repeat=1_500), st.booleans())
def test_text_fast(text: str, detect_title: bool) -> None:
    analyse_or_refuse(lambda: article_from_text(text, detect_title=detect_title), "fast")


@PROFILE
@given(HOSTILE_TEXT, HOSTILE_TEXT)
@example("Bad \ud800 title", "Experts say the council lied.")  # no UTF-8 JSON could hold it
def test_text_with_a_given_title(title: str, body: str) -> None:
    analyse_or_refuse(lambda: article_from_text(body, title=title), "fast")


@PROFILE
@given(HTML_DOCUMENT)
def test_html_fast(markup: str) -> None:
    analyse_or_refuse(lambda: article_from_html(markup), "fast")


@PROFILE
@given(
    st.one_of(
        st.binary(max_size=3_000), HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_bytes_fast(data: bytes) -> None:
    analyse_or_refuse(lambda: article_from_bytes(data), "fast")


@pytest.mark.slow
@settings(PROFILE, max_examples=12)
@given(st.one_of(HOSTILE_TEXT, HTML_DOCUMENT))
def test_deep_path(source: str) -> None:
    build = article_from_html if source.startswith("<") else article_from_text
    analyse_or_refuse(lambda: build(source), "deep")
