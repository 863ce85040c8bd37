"""The MiniLM lead-embedding head measured for the deep path (bench/reliability_embeddings.py):
the opening it embeds, the cell weights, the corpus directions it can project out, and the
out-of-corpus stacking on the fast model's score."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.models.embedding_head import EmbeddingHead, cell_weights, domain_directions, logit
from veracity.models.lead_embedding import (
    CHUNK_TOKENS,
    combine_chunks,
    lead_chunks,
    lead_embeddings,
)


def _corpora(n: int = 600, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Three corpora: dimension 0 carries the label, dimension 1 only which corpus it is."""
    rng = np.random.default_rng(seed)
    domains = np.array(["a", "b", "c"])[rng.integers(0, 3, n)]
    y = rng.integers(0, 2, n)
    vectors = rng.normal(size=(n, 16))
    vectors[:, 0] += 1.5 * y
    vectors[:, 1] += np.select([domains == "b", domains == "c"], [3.0, -3.0], 0.0)
    fast = 1 / (1 + np.exp(-(y - 0.5 + rng.normal(size=n))))
    return vectors, y, domains, fast


def test_cell_weights_give_every_corpus_and_class_the_same_total() -> None:
    y = np.array([1, 1, 1, 0, 1, 0, 0, 0])
    domains = np.array(["a", "a", "a", "a", "b", "b", "b", "b"])
    weights = cell_weights(y, domains)
    assert weights.mean() == pytest.approx(1.0)
    totals = {(d, c): weights[(domains == d) & (y == c)].sum() for d in "ab" for c in (0, 1)}
    assert max(totals.values()) == pytest.approx(min(totals.values()))


def test_domain_directions_span_the_corpus_means() -> None:
    vectors, y, domains, _ = _corpora()
    basis = domain_directions(vectors, y, domains)
    assert basis.shape == (2, 16)
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-9)
    # the corpus axis lies in the span; the label axis does not
    assert np.linalg.norm(basis @ np.eye(16)[1]) > 0.95
    assert np.linalg.norm(basis @ np.eye(16)[0]) < 0.3


def test_projection_removes_the_corpus_axis_from_the_embedding_model() -> None:
    vectors, y, domains, _ = _corpora()
    plain = EmbeddingHead(use_fast=False).fit(vectors, y, domains)
    projected = EmbeddingHead(use_fast=False, project_domains=True).fit(vectors, y, domains)
    shift = np.zeros((1, 16))
    shift[0, 1] = 3.0  # move an article along the corpus axis only
    base = np.zeros((1, 16))
    assert abs(projected.embedding_score(base + shift) - projected.embedding_score(base))[0] < 0.2
    assert plain.linear_.coef_[0, 0] > 0 and projected.linear_.coef_[0, 0] > 0


def test_stacked_head_reads_both_scores_and_beats_either_alone() -> None:
    vectors, y, domains, fast = _corpora()
    test_vectors, test_y, _, test_fast = _corpora(seed=1)
    stacked = EmbeddingHead().fit(vectors, y, domains, fast)
    alone = EmbeddingHead(use_fast=False).fit(vectors, y, domains)
    assert (stacked.stacker_.coef_[0] > 0).all()
    accuracy = {
        "stacked": ((stacked.decision(test_vectors, logit(test_fast)) > 0) == test_y).mean(),
        "embedding": ((alone.decision(test_vectors) > 0) == test_y).mean(),
        "fast": ((test_fast > 0.5) == test_y).mean(),
    }
    assert accuracy["stacked"] > max(accuracy["embedding"], accuracy["fast"])
    # the out-of-corpus scores the stacker learned from cover every training row
    assert not np.isnan(stacked.out_of_fold_).any()
    with pytest.raises(ValueError, match="fast model"):
        stacked.decision(test_vectors)


def test_lead_chunks_cut_the_opening_in_word_pieces() -> None:
    text = "Headline of the story\n\n" + " ".join(f"word{i}" for i in range(400))
    first, second = lead_chunks(text, 2)
    assert first.startswith("Headline of the story") and text.startswith(first)
    assert second in text and not first.endswith(second)
    assert lead_chunks("Short text.", 3) == ["Short text."]
    assert lead_chunks("", 1) == [""]
    assert CHUNK_TOKENS == 126


def test_lead_embeddings_are_unit_vectors_and_two_chunks_mean_two_views() -> None:
    text = "Senate passes spending bill. " * 80
    one, two = lead_embeddings([text, "A short note on the weather today."], 1)
    assert np.linalg.norm(one) == pytest.approx(1.0, abs=1e-5)
    assert np.linalg.norm(two) == pytest.approx(1.0, abs=1e-5)
    assert float(one @ two) < 0.9
    # a text with one chunk has the same vector whether one or two are asked for
    np.testing.assert_allclose(
        lead_embeddings(["A short note on the weather today."], 2)[0], two, atol=1e-6
    )
    vectors = [np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])]
    np.testing.assert_allclose(
        combine_chunks(vectors, [np.array([True]), np.array([False])]), [[1.0, 0.0]]
    )


def _run(fast: tuple[float, float], stacked: tuple[float, float]) -> dict:
    def scores(f1: float) -> dict:
        return {"n": 500.0, "macro_f1": f1, "ece": 0.1, "auc": 0.7}

    folds = {
        "politifact": {"veracity": scores(fast[0]), "plain_tfidf_lr": scores(0.69)},
        "propanews_snopes": {"veracity": scores(fast[1]), "plain_tfidf_lr": scores(0.56)},
    }
    folds["politifact"]["stacked_C1"] = scores(stacked[0])
    folds["propanews_snopes"]["stacked_C1"] = scores(stacked[1])
    from veracity.models.loco import summarise

    result = {"folds": folds, "pooled": {k: scores(0.6) for k in folds["politifact"]}}
    result["summary"] = summarise(result)
    result |= {
        "rows_per_fold": {"politifact": 500, "propanews_snopes": 500},
        "training_rows_embedded": 5000,
        "embedding_ms_per_article": 60.0,
        "command": "bench/reliability_embeddings.py evaluate",
    }
    return result


def test_bench_section_ships_only_a_variant_above_the_fast_model_on_mean_and_worst(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "bench"))
    import reliability_embeddings as bench

    better_mean_only = _run((0.59, 0.47), (0.65, 0.46))
    assert bench.winners(better_mean_only) == []
    text = bench.section({1: better_mean_only}, {1: better_mean_only["command"]})
    assert "keeps the fast configuration" in text
    assert "| 0.555 | 0.460 |" in text  # the stacked row's mean and worst fold
    both = _run((0.59, 0.47), (0.60, 0.48))
    assert bench.winners(both) == ["stacked_C1"]
    assert "keeps the fast configuration" not in bench.section({1: both}, {1: "x"})
