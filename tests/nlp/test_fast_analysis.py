"""The fast analysis: regex tokens and sentences over the raw text, exact offsets, same signals."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import analysed
from veracity.ingest import article_from_text
from veracity.nlp import analyse_text
from veracity.nlp.document import _NOT_ABBREVIATION, _SENTENCE_END
from veracity.nlp.patterns import TokenPatterns
from veracity.signals import detect_signals

HOSTILE = (
    "Ｆｕｌｌ-width 🙂 experts are convinced that the e\u0301lite hid it. "
    "👩‍👩‍👧 They’re “trying to cover up” what happened!\u200b Were these the same officers?\n"
    "מחבלים said، تقول المصادر — but sources say 北京 denied it. Mr. Smith wasn't sure.\u2028"
    "According to Russia’s Sputnik news agency, the U.S. knew. Is it 3.5 percent? Yes."
)


def test_fast_path_builds_no_spacy_document() -> None:
    document = analysed("Officials said the bridge opens on Monday.", "fast")
    assert document.docs == []
    assert document.entities == []


def test_offsets_are_exact_on_hostile_unicode() -> None:
    document = analysed(HOSTILE, "fast", title="Ｗｈａｔ are they HIDING? 🙂")
    text = document.text
    assert document.tokens and document.sentences
    for token in document.tokens:
        assert text[token.start : token.end] == token.text
    for sentence in document.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    assert len(document.lower) == len(text)
    signals = detect_signals(document)
    assert signals
    for signal in signals:
        assert text[signal.start : signal.end] == signal.quote


def test_fast_signals_on_hostile_unicode_still_found() -> None:
    quotes = [s.quote for s in detect_signals(analysed(HOSTILE, "fast"))]
    assert "experts are convinced" in quotes
    assert any("cover up" in q for q in quotes)
    assert "sources say" in quotes


def test_sentences_keep_abbreviations_and_initials_whole() -> None:
    document = analysed(
        "Mr. Smith flew to the U.S. on Monday. Michael J. Fox was there! Why? e.g. this one.\n"
        "A new line starts a sentence",
        "fast",
    )
    assert [s.text for s in document.sentences] == [
        "Mr. Smith flew to the U.S. on Monday.",
        "Michael J. Fox was there!",
        "Why? e.g. this one.",
        "A new line starts a sentence",
    ]


def test_title_is_its_own_sentence() -> None:
    document = analysed(
        "The body starts here. It goes on.", "fast", title="A headline without a stop"
    )
    assert document.sentences[0].text == "A headline without a stop"
    assert document.sentences[1].start == document.article.body_start


@pytest.mark.data
def test_seed_article_signals_on_the_fast_path(seed_text: str) -> None:
    document = analyse_text(article_from_text(seed_text), "fast")
    found = {(s.detector, s.quote) for s in detect_signals(document)}
    assert ("vague_attribution", "experts are convinced") in found
    assert ("rhetorical_question", "Were these the same officers Russia killed?") in found
    assert any(d == "conspiracy_framing" and "trying to cover up" in q for d, q in found)
    assert any(d == "outlet_citation" and "Sputnik" in q for d, q in found)


def test_token_patterns_match_clitics_and_stop_at_line_breaks() -> None:
    patterns = TokenPatterns(
        [
            (
                "SECRET",
                [
                    [
                        {"LOWER": "they"},
                        {"LOWER": {"IN": ["do", "don't"]}},
                        {"LOWER": {"IN": ["n't", "not"]}, "OP": "?"},
                        {"LOWER": "want"},
                        {"LOWER": "you"},
                    ]
                ],
            )
        ]
    )
    text = "They don’t want you to know. They do not want you here. They do\nwant you."
    found = [text[s:e] for _, s, e in patterns.matches(analysed(text, "fast"))]
    assert found == ["They don’t want you", "They do not want you"]


def test_token_patterns_need_whole_words() -> None:
    patterns = TokenPatterns([("STATE", [[{"LOWER": "deep"}, {"LOWER": "state"}]])])
    assert patterns.matches(analysed("The deepstate and a deep statement.", "fast")) == []
    assert len(patterns.matches(analysed("Blame the deep state.", "fast"))) == 1


def test_token_patterns_break_ties_by_the_order_labels_are_given() -> None:
    rule = [[{"LOWER": {"IN": ["some", "many"]}}, {"LOWER": "say"}]]
    document = analysed("Some say it works.", "fast")
    first = TokenPatterns([("UNNAMED", rule), ("HEDGE", rule)]).matches(document)
    second = TokenPatterns([("HEDGE", rule), ("UNNAMED", rule)]).matches(document)
    assert first == [("UNNAMED", 0, 8), ("HEDGE", 0, 8)]
    assert second == [("HEDGE", 0, 8), ("UNNAMED", 0, 8)]


_ENDS_AS_FIRST_WRITTEN = re.compile(  # the rule in its plainest form, slower to search
    r"\n|(?:[!?…]+|\." + _NOT_ABBREVIATION + r"[.!?…]*)[\"'”’»)\]]*(?=\s+[^\sa-z]|\s*$)"
)


@given(st.text(alphabet='aMrUSs. !?…\n"”)’eg', max_size=60))
def test_sentence_ends_are_those_of_the_plain_rule(text: str) -> None:
    expected = [m.span() for m in _ENDS_AS_FIRST_WRITTEN.finditer(text)]
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == expected


@pytest.mark.data
def test_fast_path_cpu_time_per_article_stays_low(seed_text: str) -> None:
    """A loose guard: the fast path costs a few ms per article; the old spaCy one cost ~60."""
    from veracity.batch.analysis import AnalysisOptions, analyse_chunk
    from veracity.batch.readers import InputRecord

    body = " ".join((seed_text.split("\n", 1)[1].split() * 3)[:1000])
    records = [
        InputRecord(index=i, id=str(i), title="Russia kills 30 officers", text=body)
        for i in range(40)
    ]
    options = AnalysisOptions(depth="fast")
    analyse_chunk(records[:2], options)  # load the models
    started = time.process_time()
    rows = analyse_chunk(records, options)
    per_article_ms = 1000 * (time.process_time() - started) / len(records)
    assert all(r.row.error is None and r.row.score is not None for r in rows)
    assert per_article_ms < 30, f"fast path took {per_article_ms:.1f} ms of CPU per article"


def test_characters_that_lower_case_to_two_keep_the_offsets() -> None:
    """'İ' lower-cases to two characters; spans found in the lower-cased text were shifted
    (and, at the end of a text, past it: an IndexError found by bench/fuzz.py)."""
    from veracity.pipeline import analyze

    text = "Why would they hide it? İİİİ the mainstream media won't tell you according to the BBC"
    report = analyze(article_from_text(text), depth="fast")
    quotes = {signal.kind.value: signal.quote for signal in report.signals}
    assert quotes["conspiracy_framing"] == "mainstream media won't tell"
    assert quotes["rhetorical_question"] == "Why would they hide it?"
    assert all(report.text[s.start : s.end] == s.quote for s in report.signals)
