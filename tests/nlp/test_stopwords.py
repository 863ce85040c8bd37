"""veracity's copy of the English stop words is scikit-learn's list, word for word."""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SCIKIT_LEARN

from veracity.nlp.stopwords import ENGLISH_STOP_WORDS


def test_the_copy_equals_scikit_learns_list() -> None:
    assert ENGLISH_STOP_WORDS == SCIKIT_LEARN
    assert {"the", "of", "news"} & ENGLISH_STOP_WORDS == {"the", "of"}
