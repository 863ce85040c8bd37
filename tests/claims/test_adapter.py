"""The token adapter: numpy inference computes what the torch layer it was trained as computes."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.claims.adapter import PARAMETERS, TokenAdapterClassifier, adapter_logits

torch = pytest.importorskip("torch")  # training-only dependency


def test_numpy_forward_matches_the_torch_module() -> None:
    from veracity.claims.train_adapter import _build_module, _padded, token_states

    module = _build_module().eval()
    texts = [
        "Unemployment fell to 4.2 percent in March, the lowest level since 2008.",
        "Thank you.",
        "We have spent $6 trillion in the Middle East, and we have nothing to show for it.",
    ]
    hidden, mask = _padded(token_states(texts), np.arange(len(texts)))
    with torch.no_grad():
        expected = module(hidden, mask).numpy()
    weights = {name: p.detach().numpy() for name, p in module.named_parameters()}
    assert set(weights) == set(PARAMETERS)
    got = adapter_logits(weights, hidden.numpy(), mask.numpy())
    np.testing.assert_allclose(got, expected, atol=1e-4)
    # Padding a sentence with other, longer ones in its batch does not change its score.
    classifier = TokenAdapterClassifier({k: v.astype(np.float16) for k, v in weights.items()})
    alone = classifier.predict_proba(texts[1:2])[:, 1]
    batched = classifier.predict_proba(texts)[:, 1]
    np.testing.assert_allclose(batched[1], alone[0], atol=1e-5)
    assert ((batched > 0) & (batched < 1)).all()
