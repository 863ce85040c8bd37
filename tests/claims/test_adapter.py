"""The token adapter: numpy inference computes what the torch layers it was trained as compute."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.claims.adapter import TokenAdapterClassifier, adapter_logits, adapter_parameters

torch = pytest.importorskip("torch")  # training-only dependency


def test_numpy_forward_matches_the_torch_module() -> None:
    from veracity.claims.train_adapter import _build_module, _padded, token_states

    module = _build_module(2).eval()
    texts = [
        "Unemployment fell to 4.2 percent in March, the lowest level since 2008.",
        "Thank you.",
        "We have spent $6 trillion in the Middle East, and we have nothing to show for it.",
    ]
    hidden, mask = _padded(token_states(texts), np.arange(len(texts)))
    with torch.no_grad():
        expected = module(hidden, mask).numpy()
    weights = {name: p.detach().numpy() for name, p in module.named_parameters()}
    assert set(weights) == set(adapter_parameters(2))
    got = adapter_logits(weights, hidden.numpy(), mask.numpy())
    np.testing.assert_allclose(got, expected, atol=1e-4)
    # Padding a sentence with other, longer ones in its batch does not change its score.
    classifier = TokenAdapterClassifier({k: v.astype(np.float16) for k, v in weights.items()})
    alone = classifier.predict_proba(texts[1:2])[:, 1]
    batched = classifier.predict_proba(texts)[:, 1]
    np.testing.assert_allclose(batched[1], alone[0], atol=1e-5)
    assert ((batched > 0) & (batched < 1)).all()


def test_training_keeps_its_best_weights_and_resumes_from_its_checkpoint(tmp_path) -> None:
    from veracity.claims.train_adapter import fit_token_adapter

    texts = [
        "Unemployment fell to 4.2 percent in March, the lowest level since 2008.",
        "We have spent $6 trillion in the Middle East.",
        "The deficit tripled under his administration.",
        "Crime in our cities went up 20 percent last year.",
        "Thank you very much, it is great to be here tonight.",
        "I think we can do better than that, and we will.",
        "Let me finish my answer, please.",
        "That is a good question and I appreciate it.",
    ]
    labels = np.array([1, 1, 1, 1, 0, 0, 0, 0])
    checkpoint = tmp_path / "checkpoint.pkl"

    def judge(scores: list[np.ndarray]) -> float:
        return float(scores[0][:4].mean() - scores[0][4:].mean())

    kwargs = {"validation": (texts,), "judge": judge, "layers": 1, "batch_size": 4}
    first, report = fit_token_adapter(texts, labels, epochs=2, checkpoint=checkpoint, **kwargs)
    assert report.epochs_done == 2.0 and report.resumed_from_epochs == 0.0
    assert [entry["epoch"] for entry in report.log] == [0.5, 1.0, 1.5, 2.0]
    assert report.best_validation == pytest.approx(
        max(e["validation"] for e in report.log), abs=1e-4
    )
    assert checkpoint.is_file()
    # The returned weights are the best checked ones: they score validation as logged.
    best = first.predict_proba(texts)[:, 1]
    assert judge([best]) == pytest.approx(report.best_validation, abs=2e-3)

    _, resumed = fit_token_adapter(texts, labels, epochs=1, checkpoint=checkpoint, **kwargs)
    assert resumed.resumed_from_epochs == report.best_epoch
    assert resumed.epochs_done == report.best_epoch + 1.0
    assert resumed.best_validation >= report.best_validation - 1e-9

    # Other labels are another training set: no resuming from this checkpoint.
    _, fresh = fit_token_adapter(
        texts, labels[::-1].copy(), epochs=1, checkpoint=checkpoint, **kwargs
    )
    assert fresh.resumed_from_epochs == 0.0
