"""The same-claim bi-encoder: MiniLM's top layer fine-tuned on pairs (training in torch,
verify/train_match_encoder.py) and run in numpy on the shared graph's layer-4 states
(verify/match_encoder.py)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify.match_encoder import check_weights, encode_tuned

TEXTS = [
    "Tesla picks Nevada for its battery gigafactory",
    "Tesla has chosen Nevada as the site of its gigafactory, sources said.",
    "Banksy arrested in London",
    "Police in London arrested the graffiti artist Banksy on Monday.",
    "Tesla did not choose Nevada as the site of its gigafactory.",
    "Officials denied that Banksy was arrested.",
]


def test_weights_of_another_shape_are_refused():
    with pytest.raises(ValueError, match="not one BERT layer"):
        check_weights({"layers.0.query.weight": np.zeros((384, 384))})


def test_untuned_layer_gives_the_shared_vectors_and_tuning_parts_the_denials(tmp_path):
    pytest.importorskip("torch")  # training-only dependency
    from veracity.embeddings import get_encoder
    from veracity.verify.train_match_encoder import fit_bi_encoder, text_states

    states = text_states(TEXTS, tmp_path)
    assert len(states) == len(TEXTS) and text_states(TEXTS, tmp_path).offsets.tolist() == (
        states.offsets.tolist()
    )
    weights: dict[int, dict[str, np.ndarray]] = {}
    fit_bi_encoder(
        states,
        np.array([0, 2]),
        np.array([1, 3]),
        np.array([[4, -1], [5, -1]]),
        epochs=3,
        at_epoch_end=lambda epoch, w: weights.__setitem__(epoch, w),
    )
    assert sorted(weights) == [0, 1, 2, 3]
    shared = get_encoder().encode(TEXTS)
    untuned = encode_tuned(TEXTS, weights[0])
    # Before any step the numpy copy of layer 5 on the int8 layer-4 states is the shared encoder.
    assert np.einsum("ij,ij->i", shared, untuned).min() > 0.999
    tuned = encode_tuned(TEXTS, weights[3])

    def gap(v: np.ndarray) -> float:  # partner minus denial, both anchors
        return float(v[0] @ v[1] - v[0] @ v[4] + v[2] @ v[3] - v[2] @ v[5])

    assert gap(tuned) > gap(shared) + 0.1


def test_a_fit_split_into_boxes_resumes_from_the_saved_epoch(tmp_path):
    pytest.importorskip("torch")  # training-only dependency
    from veracity.verify.train_match_encoder import fit_bi_encoder, text_states

    states = text_states(TEXTS, tmp_path)
    pairs = (np.array([0, 2]), np.array([1, 3]), np.array([[4, -1], [5, -1]]))
    first: dict[int, dict[str, np.ndarray]] = {}
    fit_bi_encoder(states, *pairs, epochs=1, at_epoch_end=lambda e, w: first.__setitem__(e, w))
    second: dict[int, dict[str, np.ndarray]] = {}
    fit_bi_encoder(
        states,
        *pairs,
        epochs=2,
        at_epoch_end=lambda e, w: second.__setitem__(e, w),
        resume=(1, first[1]),
    )
    # No epoch 0 (the untuned copy) and the epochs are numbered on from the saved one.
    assert sorted(second) == [2, 3]

    def gap(w: dict[str, np.ndarray]) -> float:
        v = encode_tuned(TEXTS, w)
        return float(v[0] @ v[1] - v[0] @ v[4] + v[2] @ v[3] - v[2] @ v[5])

    # It starts from the saved weights, not from MiniLM's layer again.
    assert gap(second[3]) > gap(first[1]) > gap(first[0])
    with pytest.raises(ValueError, match="not one BERT layer"):
        fit_bi_encoder(states, *pairs, epochs=1, at_epoch_end=lambda e, w: None, resume=(1, {}))
