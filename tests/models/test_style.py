"""Style and sourcing features read what a journalist would see in the text."""

from __future__ import annotations

import pytest

from veracity.models.explain import style_spans
from veracity.models.style import STYLE_FEATURES, STYLE_PHRASES, style_matrix, style_vector

WIRE = (
    "Senate passes spending bill, sending it to the House\n"
    "The Senate on Tuesday approved a $1.2 trillion spending bill by a vote of 68 to 31, "
    "Majority Leader Chuck Schumer said. The bill funds federal agencies through September 30, "
    "according to the Congressional Budget Office. Lawmakers said they expected it to pass."
)
SHOUTING = (
    "SHOCKING: THE TRUTH THEY HID FROM YOU!\n"
    "You won't believe this. Sources say 90% of doctors were paid off. We know it. I know it. "
    "Millions died in 2020 and nobody cared! Wake up! Is it really a coincidence?"
)


def _features(text: str) -> dict[str, float]:
    return dict(zip(STYLE_FEATURES, style_vector(text), strict=True))


def test_every_feature_has_phrases_for_both_directions() -> None:
    assert set(STYLE_PHRASES) == set(STYLE_FEATURES)
    assert all(high and low and high != low for high, low in STYLE_PHRASES.values())


def test_headline_and_voice_features() -> None:
    wire, shouting = _features(WIRE), _features(SHOUTING)
    assert shouting["title_caps_share"] == 1.0 and wire["title_caps_share"] == 0.0
    assert shouting["title_punctuation"] == 1.0 and wire["title_punctuation"] == 0.0
    assert shouting["exclamation_rate"] > 0.3 and wire["exclamation_rate"] == 0.0
    assert shouting["second_person_rate"] > 0 and wire["second_person_rate"] == 0.0
    assert shouting["first_singular_rate"] > 0 and shouting["first_plural_rate"] > 0


def test_sourcing_features_tell_named_from_unnamed_sources() -> None:
    wire, shouting = _features(WIRE), _features(SHOUTING)
    assert wire["named_source_rate"] > 0 and shouting["named_source_rate"] == 0.0
    assert shouting["unnamed_source_rate"] > 0 and wire["unnamed_source_rate"] == 0.0
    # every figure of the wire copy sits in an attributed sentence; none of the shouting one's
    assert wire["unsourced_figure_share"] == 0.0
    assert shouting["unsourced_figure_share"] == 1.0


def test_a_text_without_headline_has_no_headline_features() -> None:
    body = WIRE.replace("\n", " ")
    features = _features(body)
    assert features["title_words"] == 0.0 and features["title_caps_share"] == 0.0


def test_matrix_rows_match_single_vectors() -> None:
    matrix = style_matrix([WIRE, SHOUTING])
    assert matrix.shape == (2, len(STYLE_FEATURES))
    assert matrix[1].tolist() == pytest.approx(style_vector(SHOUTING))
    assert style_matrix([]).shape == (0, len(STYLE_FEATURES))


def test_style_spans_point_at_what_the_phrase_names() -> None:
    headline = style_spans(SHOUTING, "title_caps_share", True)
    assert [s.quote for s in headline] == ["SHOCKING: THE TRUTH THEY HID FROM YOU"]
    unsourced = style_spans(SHOUTING, "unsourced_figure_share", True)
    assert unsourced and all(any(c.isdigit() for c in s.quote) for s in unsourced)
    for span in unsourced + style_spans(SHOUTING, "caps_word_share", True):
        assert SHOUTING[span.start : span.end] == span.quote
    assert style_spans(WIRE, "unsourced_figure_share", True) == []


def test_headline_acronyms_are_not_shouting() -> None:
    """US, ISIS, WHO, COVID and NASA are capitalised by rule: an ordinary headline that names
    them has no words shouted in capitals, and nothing to point at."""
    for headline in (
        "Russia Kills 30 US, Israeli, British Officers Believed To Be Assisting ISIS",
        "WHO warns COVID cases are rising again in Europe",
        "NASA and the FBI open an inquiry into the launch",
    ):
        text = f"{headline}\n{WIRE}"
        assert _features(text)["title_caps_share"] == 0.0
        assert style_spans(text, "title_caps_share", True) == []


def test_headline_capitals_point_at_the_words_shouted() -> None:
    # one ordinary word shouted, and a run of words in capitals, beside lower-case words
    text = "Government LOSES Supreme Court battle over the WHO report\n" + WIRE
    spans = style_spans(text, "title_caps_share", True)
    assert [s.quote for s in spans] == ["LOSES"]
    assert _features(text)["title_caps_share"] == pytest.approx(1 / 9)
    text = "PANIC AS PATIENTS ARE EVACUATED: two patients moved from NHS hospital\n" + WIRE
    spans = style_spans(text, "title_caps_share", True)
    assert [s.quote for s in spans] == ["PANIC AS PATIENTS ARE EVACUATED"]
    assert all(text[s.start : s.end] == s.quote for s in spans)
    assert _features(text)["title_caps_share"] == pytest.approx(5 / 11)
    assert [s.quote for s in style_spans(WIRE, "title_caps_share", False)] == [
        "Senate passes spending bill, sending it to the House"
    ]


def test_attribution_lookahead_finds_what_the_plain_pattern_finds() -> None:
    """The first-letter lookahead only lets the regex engine skip ahead: same matches, any case,
    the characters ``re.IGNORECASE`` folds to a letter ("ſaid"), words inside longer words."""
    import re

    from veracity.models.style import _ATTRIBUTED, figure_sentences

    plain = re.compile(
        r"\b(?:said|says|told|according to|stated|reported|announced)\b", re.IGNORECASE
    )
    texts = [
        WIRE,
        SHOUTING,
        "3 dead, SAID police. 4 hurt, ſaid one. 5 unsaid things. 6 were Reported. "
        "ACCORDING TO 7 people, 8 STATED facts.\n9 toldx; x10 announcedx",
    ]
    for text in texts:
        found = [m.span() for m in _ATTRIBUTED.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)]
    attributed = [flag for *_, flag in figure_sentences(texts[2])]
    assert attributed == [True, True, False, True, True, False]


def test_sentence_length_spread_reads_the_sentences_the_style_pass_counts() -> None:
    """Sentences end at ". ", "! ", "? " and line breaks; the spread is the standard deviation
    of their lengths in characters over their mean, and the count is the one the sentence
    length reads (a "!" or "?" before no space ends nothing)."""
    import numpy as np

    text = "Is it?! Short one. A much longer sentence follows here, and on!\nWhy? Done."
    sentences = ["Is it?", "Short one", "A much longer sentence follows here, and on!", "Why",
                 "Done."]  # fmt: skip
    lengths = [len(s) for s in sentences]
    features = _features(text)
    assert features["sentence_length_spread"] == pytest.approx(np.std(lengths) / np.mean(lengths))
    assert features["words_per_sentence"] == pytest.approx(14 / 5)
    assert _features("One sentence only, however long it runs.")["sentence_length_spread"] == 0.0
    even = "Aaaa bbb. Cccc ddd. Eeee fff. Gggg hhh"  # each 8 characters long
    assert _features(even)["sentence_length_spread"] == 0.0
    assert _features(WIRE)["sentence_length_spread"] > 0.0
