"""The token adapter: numpy inference computes what the torch layers it was trained as compute."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.claims.adapter import TokenAdapterClassifier, adapter_logits, adapter_parameters

torch = pytest.importorskip("torch")  # training-only dependency


# Four check-worthy debate sentences, then four that are not.
DEBATE_SENTENCES = (
    "Unemployment fell to 4.2 percent in March, the lowest level since 2008.",
    "We have spent $6 trillion in the Middle East.",
    "The deficit tripled under his administration.",
    "Crime in our cities went up 20 percent last year.",
    "Thank you very much, it is great to be here tonight.",
    "I think we can do better than that, and we will.",
    "Let me finish my answer, please.",
    "That is a good question and I appreciate it.",
)
DEBATE_LABELS = (1, 1, 1, 1, 0, 0, 0, 0)
# Three sentences of very different lengths, padded into one batch by the forward-pass tests.
MIXED_LENGTHS = (
    "Unemployment fell to 4.2 percent in March, the lowest level since 2008.",
    "Thank you.",
    "We have spent $6 trillion in the Middle East, and we have nothing to show for it.",
)


def test_numpy_forward_matches_the_torch_module() -> None:
    from veracity.claims.train_adapter import _build_module, _padded, token_states

    module = _build_module(2).eval()
    texts = list(MIXED_LENGTHS)
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

    texts, labels = list(DEBATE_SENTENCES), np.array(DEBATE_LABELS)
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


def test_head_numpy_forward_matches_the_torch_head() -> None:
    from veracity.claims.adapter import HEAD_PARAMETERS, TokenHeadClassifier, head_logits
    from veracity.claims.train_adapter import _build_head, _padded, token_states

    torch.manual_seed(3)
    module = _build_head(32, 16).eval()
    texts = list(MIXED_LENGTHS)
    hidden, mask = _padded(token_states(texts), np.arange(len(texts)))
    with torch.no_grad():
        expected = module(hidden, mask).numpy()
    weights = {name: p.detach().numpy() for name, p in module.named_parameters()}
    assert set(weights) == set(HEAD_PARAMETERS)
    np.testing.assert_allclose(
        head_logits(weights, hidden.numpy(), mask.numpy()), expected, atol=1e-4
    )
    # Padding does not change a sentence's score, and the classifier reads the same states.
    classifier = TokenHeadClassifier([{k: v.astype(np.float16) for k, v in weights.items()}])
    batched = classifier.predict_proba(texts)[:, 1]
    alone = classifier.predict_proba(texts[1:2])[:, 1]
    np.testing.assert_allclose(batched[1], alone[0], atol=1e-5)
    half = {k: v.astype(np.float16).astype(np.float32) for k, v in weights.items()}
    np.testing.assert_allclose(
        batched, 1 / (1 + np.exp(-head_logits(half, hidden.numpy(), mask.numpy()))), atol=1e-3
    )


def test_head_training_keeps_the_best_epoch_and_learns_the_labels() -> None:
    from veracity.claims.adapter import TokenHeadClassifier
    from veracity.claims.train_adapter import fit_token_head, token_states

    texts, labels = list(DEBATE_SENTENCES), np.array(DEBATE_LABELS)
    states = token_states(texts)

    def judge(scores: list[np.ndarray]) -> float:
        # Best when positives lead by 0.3: reached early, then passed, so the best epoch is
        # not the last one.
        return -abs(float(scores[0][:4].mean() - scores[0][4:].mean()) - 0.3)

    kwargs = {"batch_size": 4, "attention": 16, "hidden": 16, "lr": 3e-3}
    head, report = fit_token_head(
        states, labels, validation=(states,), judge=judge, epochs=30, **kwargs
    )
    assert report.epochs_done == 30 and len(report.log) == 30
    assert report.best_validation == pytest.approx(
        max(e["validation"] for e in report.log), abs=1e-4
    )
    assert report.best_epoch < 30
    assert report.log[report.best_epoch - 1]["validation"] == pytest.approx(
        report.best_validation, abs=1e-4
    )
    # The returned weights are the best epoch's: they score validation as logged.
    assert judge([head.predict_proba(texts)[:, 1]]) == pytest.approx(
        report.best_validation, abs=2e-3
    )
    # Without validation the last epoch's weights come back; they learned the labels.
    last, plain = fit_token_head(states, labels, epochs=30, **kwargs)
    assert plain.epochs_done == 30 and plain.log == []
    scores = last.predict_proba(texts)[:, 1]
    assert scores[:4].min() > 0.5 > scores[4:].max()
    # Stopping early repeats the same run up to that epoch; several heads average.
    early, stopped = fit_token_head(
        states, labels, epochs=30, stop_after=report.best_epoch, **kwargs
    )
    assert stopped.epochs_done == report.best_epoch
    np.testing.assert_allclose(early.predict_proba(texts), head.predict_proba(texts), atol=1e-6)
    pair = TokenHeadClassifier(early.heads_ + last.heads_).predict_proba(texts)[:, 1]
    np.testing.assert_allclose(pair, (early.predict_proba(texts)[:, 1] + scores) / 2, atol=1e-6)


def test_a_checkpoint_this_machines_training_did_not_write_is_not_unpickled(
    tmp_path, monkeypatch
) -> None:
    """Hostile round 11, left: the checkpoint a training run resumes from was unpickled from
    the path given, so a file put there (or a checkpoint changed since) ran its code."""
    import os
    import pickle

    from veracity.artefacts import signature_path
    from veracity.claims.train_adapter import fit_token_adapter
    from veracity.errors import ModelError
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    marker = tmp_path / "code-ran"

    class RunsOnLoad:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    texts, labels = list(DEBATE_SENTENCES), np.array(DEBATE_LABELS)
    checkpoint = tmp_path / "checkpoint.pkl"
    kwargs = {"layers": 1, "batch_size": 4, "checkpoint": checkpoint}
    try:
        checkpoint.write_bytes(pickle.dumps(RunsOnLoad()))
        with pytest.raises(ModelError, match=r"\(no signature beside it\): not unpickled; delete"):
            fit_token_adapter(texts, labels, epochs=1, **kwargs)
        signature_path(checkpoint).write_text("0" * 64 + "\n")
        with pytest.raises(ModelError, match=r"not the one checkpoint\.pkl\.hmac gives"):
            fit_token_adapter(texts, labels, epochs=1, **kwargs)
        assert not marker.exists()
        checkpoint.unlink()
        signature_path(checkpoint).unlink()
        fit_token_adapter(texts, labels, epochs=1, **kwargs)  # writes and signs its checkpoint
        assert signature_path(checkpoint).is_file()
        _, resumed = fit_token_adapter(texts, labels, epochs=1, **kwargs)
        assert resumed.resumed_from_epochs > 0
        checkpoint.write_bytes(pickle.dumps(RunsOnLoad()))  # the signed file written over
        with pytest.raises(ModelError, match=r"not the one checkpoint\.pkl\.hmac gives"):
            fit_token_adapter(texts, labels, epochs=1, **kwargs)
        assert not marker.exists()
    finally:
        get_settings.cache_clear()
