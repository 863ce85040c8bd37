"""Batched reliability scoring: the same numbers as the one-article path and the fitted model."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.conftest import analysed
from tests.models.test_reliability import WIRE
from veracity.models import score_reliability, score_reliability_batch
from veracity.models.artefact import load_artefact
from veracity.models.features import feature_frame, model_text, signal_row
from veracity.models.inference import WordTfidf, linear_scorer
from veracity.signals import detect_signals

TEXTS = [
    WIRE,
    "SHOCKING: they don’t want you to know\n\nExperts are convinced the elites are hiding it. "
    "What are they hiding? Wake up, people! Sources say it's a cover-up, and insiders claim "
    "the truth was buried years ago. Nobody in the mainstream media will touch this story, "
    "because they are all part of it. Share this before it gets deleted! You have been lied "
    "to for decades, and the proof is everywhere if you only open your eyes.",
    "Local bakery wins award\n\nThe bakery on Main Street won a regional prize on Sunday, "
    "the organisers said. Its owner, Maria Lopez, said she was delighted and would use the "
    "prize money to hire two apprentices. The judges praised its sourdough and rye loaves, "
    "according to a statement from the regional bakers' guild, which has run the contest "
    "since 1987. Forty bakeries entered this year, up from 31 last year.",
    "Rain is expected in the north on Friday.",
]


def _documents(texts: list[str]):
    documents = [analysed(text, "fast") for text in texts]
    return documents, [detect_signals(d) for d in documents]


def test_batch_scores_equal_single_scores() -> None:
    documents, signals = _documents(TEXTS)
    batch = score_reliability_batch([d.text for d in documents], signals)
    assert [b.status for b in batch] == ["scored", "scored", "scored", "too_short"]
    for document, found, batched in zip(documents, signals, batch, strict=True):
        single = score_reliability(document, found)
        assert batched == single


def test_batch_scores_equal_the_fitted_model() -> None:
    documents, signals = _documents(TEXTS)
    artefact = load_artefact()
    rows = [signal_row(found, artefact.detectors) for found in signals]
    expected = artefact.model.decision_function(feature_frame([d.text for d in documents], rows))
    scorer = linear_scorer(artefact.model)
    matrix, style = scorer.features([d.text for d in documents])
    got = scorer.decision(matrix, rows, style)
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_word_tfidf_equals_scikit_learn() -> None:
    vectoriser = next(
        t for name, t, _ in load_artefact().model.vectoriser_.transformers_ if name == "words"
    )
    texts = [model_text(t) for t in TEXTS] + ["", "Don’t stop — it's fine, it's FINE"]
    expected = vectoriser.transform(texts)
    got = WordTfidf(vectoriser).transform(texts).to_scipy()
    assert got.shape == expected.shape
    assert abs(got - expected).max() < 1e-6
    assert ((got != 0) != (expected != 0)).nnz == 0


def test_word_tfidf_tokens_equal_scikit_learns_pattern() -> None:
    """The faster token patterns find exactly the tokens of the patterns they stand in for:
    runs of one character, digits, underscores, apostrophes and other scripts included."""
    vectoriser = next(
        t for name, t, _ in load_artefact().model.vectoriser_.transformers_ if name == "words"
    )
    texts = [model_text(t).lower() for t in TEXTS] + [
        "a b cd e_f 1 22 x3 _ __ a-b don't it\u2019s \u0130stanbul i\u0307zmir na\u00efve caf\u00e9",
        "\u041c\u043e\u0441\u043a\u0432\u0430 2024 \u2014 \u6771\u4eac is \u6771 \u4eac; "
        "\u01c5emal \u01c8 \u1f88 \u216b \u00bd \u00b2 x\u00b2 \u0663\u0664 a\u0301b "
        "\u200bzw\u200dj",
        "rock'n'roll' 'tis ''quoted'' it's\u2019 x' '' \u2019\u2019a\u2019\u2019 o'_' _'_ 9'9",
    ]
    for pattern in (vectoriser.token_pattern, r"(?u)\b\w\w+\b"):  # shipped, default
        ours = WordTfidf(_with_pattern(vectoriser, pattern)).token
        assert ours.pattern != pattern  # a faster pattern stands in
        for text in texts:
            assert ours.findall(text) == re.findall(pattern, text)


def _with_pattern(vectoriser, pattern: str):
    import copy

    other = copy.copy(vectoriser)
    other.token_pattern = pattern
    return other


def test_batch_without_explanations_keeps_the_scores() -> None:
    documents, signals = _documents(TEXTS)
    texts = [d.text for d in documents]
    plain = score_reliability_batch(texts, signals, explain=False)
    explained = score_reliability_batch(texts, signals)
    assert [r.status for r in plain] == [r.status for r in explained]
    plain_scores = [r.reliability for r in plain if r.reliability]
    explained_scores = [r.reliability for r in explained if r.reliability]
    assert [r.score for r in plain_scores] == [r.score for r in explained_scores]
    assert all(r.top_features == [] for r in plain_scores)
    assert any(r.top_features for r in explained_scores)


def test_batch_needs_one_signal_list_per_text() -> None:
    with pytest.raises(ValueError, match="one list of signals per text"):
        score_reliability_batch(["a", "b"], [[]])
    assert score_reliability_batch([], []) == []


def test_sparse_rows_give_scipys_products_to_the_last_bit() -> None:
    """The fast path's feature rows (no SciPy) score exactly as a SciPy CSR matrix would."""
    scorer = linear_scorer(load_artefact().model)
    words = next(v for v in scorer.vectorisers if isinstance(v, WordTfidf))
    texts = [model_text(t) for t in TEXTS] + ["", "Don’t stop — it's fine, it's FINE", WIRE * 3]
    rows = words.transform(texts)
    assert rows.shape == (len(texts), words.n_features)
    ours = rows @ scorer.text_coef
    theirs = rows.to_scipy() @ scorer.text_coef
    assert ours.tobytes() == theirs.tobytes()
    for i in range(len(texts)):
        one = rows[i]
        reference = rows.to_scipy().getrow(i)
        assert one.shape == (1, words.n_features)
        assert list(one.indices) == list(reference.indices)
        assert one.data.tobytes() == reference.data.tobytes()
        assert (one @ scorer.text_coef).tobytes() == (reference @ scorer.text_coef).tobytes()
