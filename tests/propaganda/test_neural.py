"""The neural span tagger: numpy at run time computes what its torch layers were trained as, and
its piece probabilities reach the tokens and the mix with the CRF as documented."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from veracity.errors import ModelError
from veracity.propaganda.encoder import encode_segments
from veracity.propaganda.features import line_segments, tokenize_segment
from veracity.propaganda.model import PropagandaModel, token_runs
from veracity.propaganda.neural import NeuralTagger, token_probabilities

TEXT = (
    "The corrupt elites in Washington will stop at nothing to destroy our great nation.\n"
    "Officials said the meeting would take place on Tuesday.\n"
    "Wake up, America!"
)


def _tagger(scale: float = 1.0, layers: int = 1) -> NeuralTagger:
    """A tagger with random (seeded) weights of the shipped shapes."""
    from veracity.embeddings.layers import HIDDEN, LAYER_PARAMETERS

    rng = np.random.default_rng(0)
    shapes = {
        "query": (HIDDEN, HIDDEN),
        "key": (HIDDEN, HIDDEN),
        "value": (HIDDEN, HIDDEN),
        "attention_output": (HIDDEN, HIDDEN),
        "intermediate": (4 * HIDDEN, HIDDEN),
        "output": (HIDDEN, 4 * HIDDEN),
    }
    weights: dict[str, np.ndarray] = {}
    for layer in range(layers):
        for name in LAYER_PARAMETERS:
            part, kind = name.rsplit(".", 1)
            if part.endswith("norm"):
                value = np.ones(HIDDEN) if kind == "weight" else np.zeros(HIDDEN)
            elif kind == "weight":
                value = rng.normal(0, 0.05, shapes[part])
            else:
                value = rng.normal(0, 0.05, shapes[part][0])
            weights[f"layers.{layer}.{name}"] = value.astype(np.float16)
    weights["out.weight"] = (rng.normal(0, scale, (1, HIDDEN))).astype(np.float16)
    weights["out.bias"] = np.zeros(1, dtype=np.float16)
    return NeuralTagger(weights, layers)


def test_numpy_forward_matches_the_torch_module() -> None:
    torch = pytest.importorskip("torch")  # training-only dependency
    from veracity.propaganda.train_tagger import _module, _padded, _to_tagger

    module = _module(2).eval()
    windows = [w for line in encode_segments(TEXT, line_segments(TEXT)) for w in line]
    hidden, mask, _ = _padded(windows)
    with torch.no_grad():
        expected = torch.sigmoid(module(hidden, mask)).numpy()
    tagger = _to_tagger(module, 2)
    assert all(v.dtype == np.float16 for v in tagger.weights_.values())
    got = tagger.piece_probabilities(windows)
    for row, (window, p) in enumerate(zip(windows, got, strict=True)):
        real = window.offsets[:, 0] >= 0
        # float16 weights: the shipped file is half the size, the probabilities agree closely
        np.testing.assert_allclose(p[real], expected[row, : len(p)][real], atol=5e-3)
        assert (p[~real] == 0).all()
    # a window's probabilities do not depend on the windows batched with it
    alone = tagger.piece_probabilities(windows[2:3])[0]
    np.testing.assert_allclose(alone, got[2], atol=1e-5)


def test_token_probability_is_the_mean_of_its_pieces() -> None:
    start, end = line_segments(TEXT)[0]
    windows = encode_segments(TEXT, [(start, end)])[0]
    tokens = tokenize_segment(TEXT, start, end)
    pieces = [np.linspace(0, 1, len(w.offsets)) for w in windows]
    got = token_probabilities(windows, pieces, tokens)
    assert got.shape == (len(tokens),)
    for k, token in enumerate(tokens):
        rows = [
            p[i]
            for w, p in zip(windows, pieces, strict=True)
            for i in w.pieces
            if w.offsets[i, 0] < token.end and w.offsets[i, 1] > token.start
        ]
        assert rows, token
        assert got[k] == pytest.approx(np.mean(rows))
    # "elites" is one token of several pieces or one: either way a value between the pieces'
    assert 0 < got[1] < 1


def test_token_runs_keep_runs_over_the_threshold_with_a_letter() -> None:
    tokens = tokenize_segment(TEXT, 0, line_segments(TEXT)[0][1])
    p = [0.0] * len(tokens)
    p[1] = p[2] = 0.9  # "corrupt elites"
    p[-1] = 0.8  # the final "." alone: no letter, no span
    spans = token_runs(TEXT, tokens, p, 0.5)
    assert [(TEXT[s:e], round(m, 2)) for s, e, m in spans] == [("corrupt elites", 0.9)]
    assert token_runs(TEXT, tokens, p, 0.95) == []


def test_the_mix_weighs_the_crf_and_the_neural_tagger() -> None:
    from veracity.propaganda.train_tagger import shipped_crf

    crf = shipped_crf().tagger_
    sentences = line_segments(TEXT)
    tagger = _tagger(scale=2.0)  # one layer: it reads the states after layer 5
    windows = encode_segments(TEXT, sentences, tagger.input_layer)
    alone = PropagandaModel(crf, None, 0.3)
    crf_only = PropagandaModel(crf, None, 0.3, neural=tagger, neural_weight=0.0)
    # weight 0: the CRF's spans exactly
    assert crf_only.find_spans(TEXT, sentences, windows) == alone.find_spans(TEXT, sentences)
    half = PropagandaModel(crf, None, 0.3, neural=tagger, neural_weight=0.5)
    for (s, e), own in zip(sentences, windows, strict=True):
        tokens = tokenize_segment(TEXT, s, e)
        c = np.array(alone.sentence_probabilities(tokens))
        n = token_probabilities(own, tagger.piece_probabilities(own), tokens)
        np.testing.assert_allclose(half.sentence_probabilities(tokens, own), 0.5 * c + 0.5 * n)
    # without windows given, the model encodes the sentences itself: the same spans
    assert half.find_spans(TEXT, sentences) == half.find_spans(TEXT, sentences, windows)
    # a tagger of three layers reads the states after layer 3, which the model encodes itself
    deeper = PropagandaModel(crf, None, 0.3, neural=_tagger(2.0, layers=3), neural_weight=1.0)
    below = encode_segments(TEXT, sentences, 2)
    assert deeper.find_spans(TEXT, sentences) == deeper.find_spans(TEXT, sentences, below)
    assert all(
        np.array_equal(a.states, b.states) and not np.allclose(a.lower, b.lower, atol=0.1)
        for own, other in zip(windows, below, strict=True)
        for a, b in zip(own, other, strict=True)
    )


@pytest.mark.parametrize("layers", [2, 3, 5, 6])
def test_the_tagger_starts_as_minilms_top_layers_over_the_states_below(layers: int) -> None:
    """Before fine-tuning, the tagger's layers over a window's states after the layer below them
    give back the encoder's last hidden states: they are copies of MiniLM's top layers (5-6,
    4-6, 2-6 or all six), fed the right input (after layer 4, 3 or 1, or the embedding
    output)."""
    torch = pytest.importorskip("torch")  # training-only dependency
    from veracity.propaganda.train_tagger import _module, _padded, input_layer

    assert input_layer(layers) == 5 - layers == _tagger(layers=layers).input_layer
    module = _module(layers).eval()
    windows = [
        w for line in encode_segments(TEXT, line_segments(TEXT), input_layer(layers)) for w in line
    ]
    hidden, mask, _ = _padded(windows)
    with torch.no_grad():
        x = hidden
        for layer in module.layers:
            x = layer(x, mask)
    for row, window in enumerate(windows):
        got = x[row, : len(window.offsets)].numpy()
        cosines = (got * window.states).sum(-1) / (
            np.linalg.norm(got, axis=-1) * np.linalg.norm(window.states, axis=-1)
        )
        # fp32 copies of the layers the int8 graph runs with quantised weights
        assert cosines.min() > 0.99 and cosines.mean() > 0.999, cosines
        # and not the input passed through: the lower states are further from the output
        before = window.lower
        assert before is not None
        far = (before * window.states).sum(-1) / (
            np.linalg.norm(before, axis=-1) * np.linalg.norm(window.states, axis=-1)
        )
        assert far.mean() < 0.9


def test_a_peak_keeps_only_runs_with_one_confident_token() -> None:
    tokens = tokenize_segment(TEXT, 0, line_segments(TEXT)[0][1])
    p = [0.0] * len(tokens)
    p[1], p[2] = 0.45, 0.7  # "corrupt elites": one confident token
    p[5], p[6] = 0.45, 0.5  # "will stop": over the threshold, never confident
    runs = token_runs(TEXT, tokens, p, 0.4, peak=0.6)
    assert [TEXT[s:e] for s, e, _ in runs] == ["corrupt elites"]
    # without a peak (or a peak under the threshold) both runs are spans
    assert len(token_runs(TEXT, tokens, p, 0.4)) == 2
    assert token_runs(TEXT, tokens, p, 0.4, peak=0.3) == token_runs(TEXT, tokens, p, 0.4)


def test_windows_of_several_layers_hold_each_layers_states_from_one_run() -> None:
    sentences = line_segments(TEXT)
    both = encode_segments(TEXT, sentences, (3, 0))
    for layer in (0, 3):
        alone = encode_segments(TEXT, sentences, layer)
        for own, other in zip(both, alone, strict=True):
            for a, b in zip(own, other, strict=True):
                assert a.below is not None and set(a.below) == {0, 3}
                assert b.below is None and b.after(layer) is b.lower
                # the same graph rows: the states do not depend on the outputs exposed
                np.testing.assert_allclose(a.after(layer), b.lower, atol=1e-5)
                np.testing.assert_array_equal(a.states, b.states)
                assert a.lower is a.below[0]  # the lowest layer's
    assert both[0][0].after(2) is None  # a layer not encoded


def test_a_window_pickled_before_it_held_several_layers_reads_its_one_layer() -> None:
    from veracity.propaganda.encoder import Window

    [[window]] = encode_segments(TEXT, [line_segments(TEXT)[1]], 3)
    old = Window.__new__(Window)
    # the slots state of a window pickled by the trainers' corpus caches before ``below``
    old.__setstate__((None, {k: getattr(window, k) for k in Window.__slots__ if k != "below"}))
    assert old.below is None and old.after(3) is window.lower
    again = pickle.loads(pickle.dumps(window))
    np.testing.assert_array_equal(again.after(3), window.lower)


def test_a_tagger_mix_averages_its_members_and_reads_each_ones_layer() -> None:
    from veracity.propaganda.neural import TaggerMix
    from veracity.propaganda.train_tagger import shipped_crf

    sentences = line_segments(TEXT)
    deep, shallow = _tagger(2.0, layers=3), _tagger(3.0, layers=1)  # after layers 3 and 5
    mix = TaggerMix([deep, shallow], [0.25, 0.75])
    assert mix.input_layers == (2, 4)
    windows = [w for line in encode_segments(TEXT, sentences, mix.input_layers) for w in line]
    got = mix.piece_probabilities(windows)
    deep_alone = deep.piece_probabilities(
        [w for line in encode_segments(TEXT, sentences, 2) for w in line]
    )
    shallow_alone = shallow.piece_probabilities(
        [w for line in encode_segments(TEXT, sentences, 4) for w in line]
    )
    for p, a, b in zip(got, deep_alone, shallow_alone, strict=True):
        np.testing.assert_allclose(p, 0.25 * a + 0.75 * b, atol=1e-5)
        assert not np.allclose(a, b, atol=0.05)  # two taggers that disagree: a real average
    # the model encodes both layers itself when not given windows: the same spans
    crf = shipped_crf().tagger_
    model = PropagandaModel(crf, None, 0.3, neural=mix, neural_weight=0.6)
    mixed = encode_segments(TEXT, sentences, mix.input_layers)
    assert model.find_spans(TEXT, sentences) == model.find_spans(TEXT, sentences, mixed)
    # and the token probabilities are the CRF's and the members' in the card's proportions
    for (s, e), own in zip(sentences, mixed, strict=True):
        tokens = tokenize_segment(TEXT, s, e)
        c = np.array(PropagandaModel(crf, None, 0.3).sentence_probabilities(tokens))
        a = token_probabilities(own, deep.piece_probabilities(own), tokens)
        b = token_probabilities(own, shallow.piece_probabilities(own), tokens)
        np.testing.assert_allclose(
            model.sentence_probabilities(tokens, own), 0.4 * c + 0.15 * a + 0.45 * b, atol=1e-9
        )
    with pytest.raises(ModelError):
        TaggerMix([deep, shallow], [0.5, 0.6])


def test_the_shipped_tagger_is_an_ensemble_of_two_depths_and_loads_as_its_card_says() -> None:
    from veracity.artefacts import ARTEFACTS
    from veracity.propaganda.neural import TaggerMix, load_neural_tagger

    card = ARTEFACTS["propaganda-tagger"].read_card()
    neural, weight, threshold, peak, edge = load_neural_tagger()
    assert isinstance(neural, TaggerMix)
    assert [m.layers_ for m in neural.members_] == [m["layers"] for m in card["members"]] == [5, 2]
    assert neural.input_layers == (0, 3)
    assert weight == pytest.approx(sum(m["weight"] for m in card["members"]))
    assert neural.shares_ == pytest.approx([m["weight"] / weight for m in card["members"]])
    assert 0 < weight < 1 and threshold == card.threshold and peak == card["peak"]
    assert edge == card.get("edge")


def test_a_card_edge_outside_zero_to_one_is_refused(tmp_path) -> None:
    import json
    import shutil

    from veracity.artefacts import ARTEFACTS, CARD_FILE
    from veracity.propaganda.neural import load_neural_tagger

    shipped = ARTEFACTS["propaganda-tagger"].directory
    for name in ("tagger.joblib", "tagger-2.joblib"):
        shutil.copy(shipped / name, tmp_path)
    card = json.loads((shipped / CARD_FILE).read_text(encoding="utf-8"))
    (tmp_path / CARD_FILE).write_text(json.dumps({**card, "edge": 1.2}), encoding="utf-8")
    with pytest.raises(ModelError, match=r"edge of 1\.2.*veracity train propaganda-tagger"):
        load_neural_tagger.__wrapped__(tmp_path)


NAN = float("nan")


@pytest.mark.parametrize(
    "change",
    [
        {"peak": "x"},
        {"edge": "x"},
        {"peak": NAN},
        {"threshold": NAN},
        {"neural_weight": NAN},
        {"members": [{"file": "tagger.joblib", "weight": NAN}]},
        {"members": [{"file": "tagger.joblib"}]},
        {"mpnet": {"mix": {"peak": "x"}}},
        {"mpnet": {"mix": {"threshold": NAN}}},
        {"mpnet": {"mix": {"minilm_shares": [NAN, NAN]}}},
    ],
    ids=[
        "peak text",
        "edge text",
        "peak nan",
        "threshold nan",
        "weight nan",
        "member nan",
        "member no weight",
        "mix peak text",
        "mix threshold nan",
        "mix shares nan",
    ],
)
def test_a_card_whose_numbers_are_no_shares_is_one_model_error(tmp_path, change) -> None:
    """Round 14: the card's threshold, peak, edge and weights were read with float() or as they
    were, so text in one ended the first deep analysis in an internal error (ValueError), a
    member without a weight in KeyError, and NaN passed every check (NaN shares sum to no
    mismatch) and tagged nothing or everything; each is the artefact's one error now."""
    import json
    import shutil

    from veracity.artefacts import ARTEFACTS, CARD_FILE
    from veracity.propaganda.neural import load_mpnet_mix, load_neural_tagger

    shipped = ARTEFACTS["propaganda-tagger"].directory
    for name in ("tagger.joblib", "tagger-2.joblib"):
        shutil.copy(shipped / name, tmp_path)
    card = json.loads((shipped / CARD_FILE).read_text(encoding="utf-8"))
    if "mpnet" in change:
        card["mpnet"]["mix"].update(change["mpnet"]["mix"])
    else:
        card.update(change)
    (tmp_path / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    load_neural_tagger.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"no number from 0 to 1\)?; .*propaganda-tagger$"):
            if "mpnet" in change:
                load_mpnet_mix(tmp_path)
            else:
                load_neural_tagger(tmp_path)
    finally:
        load_neural_tagger.cache_clear()


def test_the_deep_path_runs_each_window_through_minilm_once_for_both_taggers(
    graph_rows: list[tuple[int, ...]],
) -> None:
    from veracity.embeddings import get_encoder
    from veracity.embeddings.encoder import get_layer_encoder
    from veracity.embeddings.memo import sharing_token_states
    from veracity.propaganda import load_propaganda_model

    model = load_propaganda_model()
    assert model.neural_ is not None
    sentences = line_segments(TEXT)
    texts = [TEXT[s:e] for s, e in sentences]
    get_layer_encoder(model.neural_.input_layers)  # loaded with the model on the deep path
    with sharing_token_states():
        get_encoder().encode(texts)  # a sentence head first, as on the deep path
        assert len(graph_rows) == len(texts)
        found = model.find_spans(TEXT, sentences)
    # the taggers' two layers came from the sentence head's pass: no second one
    assert len(graph_rows) == len(texts) == len(set(graph_rows))
    assert found == model.find_spans(TEXT, sentences)  # what a fresh pass gives


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ('He called it "a total disaster" on Monday.', 'a total disaster"', '"a total disaster"'),
        ("He called it “a total disaster” on Monday.", "a total disaster”", "“a total disaster”"),
        ('He called it "a total disaster" on Monday.', '"a total disaster', '"a total disaster"'),
        ('A "bold" plan, a total disaster" he said.', 'a total disaster"', "a total disaster"),
        ('It is "a total disaster" for us.', '"a total disaster"', '"a total disaster"'),
        ("Plain words, no quotes at all.", "no quotes at all", "no quotes at all"),
    ],
)
def test_spans_never_hold_half_a_quotation(text: str, span: str, expected: str) -> None:
    """Probe, stop 29: 5 of 126 spans ended on a closing quotation mark whose opening mark lay
    outside them ('a total disaster”')."""
    from veracity.propaganda.model import balanced_quotes

    start = text.index(span)
    s, e = balanced_quotes(text, start, start + len(span))
    assert text[s:e] == expected


def test_a_refit_fits_train_and_dev_for_the_steps_of_the_dev_checkpoint(monkeypatch) -> None:
    """Choose on dev, refit on train+dev: the refit trains on the dev articles' windows too, for
    the optimiser steps the dev-chosen checkpoint took on the train articles (epoch 2.0 of 3
    batches: 6 steps, 1.5 epochs of train+dev's 4), scoring no checkpoint."""
    torch = pytest.importorskip("torch")  # training-only dependency
    import copy

    from veracity.data.ptc import PTCArticle
    from veracity.propaganda import train_tagger

    line = [w for own in encode_segments(TEXT, line_segments(TEXT), 4) for w in own]
    gold = [(TEXT.index("corrupt"), TEXT.index(" in Washington"))]
    train = [PTCArticle(f"train{k}", TEXT, gold) for k in range(20)]  # 60 windows
    dev = [PTCArticle(f"dev{k}", TEXT, gold) for k in range(10)]  # 30 windows
    windows = {a.article_id: [copy.copy(w) for w in line] for a in train + dev}
    negatives = [copy.copy(line[1]) for _ in range(20)]  # 80 windows without dev: 3 batches
    monkeypatch.setattr(train_tagger, "encode_articles", lambda articles, layer: windows)
    monkeypatch.setattr(
        train_tagger, "split_articles", lambda articles: {"train": train, "dev": dev, "test": []}
    )
    monkeypatch.setattr(train_tagger, "wire_negative_windows", lambda data_dir, layer: negatives)
    seen: set[int] = set()
    padded = train_tagger._padded

    def recording(rows, labels=None):
        if labels is not None:
            seen.update(id(w) for w in rows)
        return padded(rows, labels)

    monkeypatch.setattr(train_tagger, "_padded", recording)
    steps = []
    adamw = torch.optim.AdamW

    class Counting(adamw):  # type: ignore[misc, valid-type]
        def step(self, *args, **kwargs):
            steps.append(1)
            return super().step(*args, **kwargs)

    monkeypatch.setattr(torch.optim, "AdamW", Counting)
    unused = object()  # no CRF, no wire-dev lines: nothing is scored in a refit
    member = train_tagger.fine_tune(
        1, 0.0, 1e-4, 1e-3, None, train + dev, unused, {}, 0, 0.0, refit_epoch=2.0
    )
    assert len(steps) == member.steps == 6
    assert member.epochs_run == 1.5 and member.history == []
    assert {id(w) for a in dev for w in windows[a.article_id]} <= seen
    assert member.tagger.layers_ == 1


def test_a_run_hands_its_best_checkpoint_so_far_to_keep_after_each_checkpoint(
    monkeypatch,
) -> None:
    """A run stopped from outside leaves its best tagger: after every half-epoch checkpoint
    ``keep`` gets the best checkpoint yet, the epochs run and the history so far."""
    pytest.importorskip("torch")  # training-only dependency
    import copy

    from veracity.data.ptc import PTCArticle
    from veracity.propaganda import train_tagger

    line = [w for own in encode_segments(TEXT, line_segments(TEXT), 4) for w in own]
    gold = [(TEXT.index("corrupt"), TEXT.index(" in Washington"))]
    train = [PTCArticle(f"train{k}", TEXT, gold) for k in range(20)]  # 60 windows
    windows = {a.article_id: [copy.copy(w) for w in line] for a in train}
    negatives = [copy.copy(line[1]) for _ in range(20)]  # 80 windows: 3 batches an epoch
    monkeypatch.setattr(train_tagger, "MAX_EPOCHS", 2)
    monkeypatch.setattr(train_tagger, "encode_articles", lambda articles, layer: windows)
    monkeypatch.setattr(
        train_tagger, "split_articles", lambda articles: {"train": train, "dev": [], "test": []}
    )
    monkeypatch.setattr(train_tagger, "wire_negative_windows", lambda data_dir, layer: negatives)
    monkeypatch.setattr(train_tagger, "article_lines", lambda articles, windows, crf: {})
    dev_f1 = iter([0.40, 0.45, 0.42, 0.44])  # each checkpoint's dev F1, in turn
    key = (0.5, 0.3, 0.3)

    def scored(dev, lines, neural):
        return {key: {"f1": next(dev_f1)}, (1.0, 0.3, 0.3): {"f1": 0.0}}

    monkeypatch.setattr(train_tagger, "grid_scores", scored)
    monkeypatch.setattr(
        train_tagger, "wire_rates", lambda wire, words, neural: {key: 1.0, (1.0, 0.3, 0.3): 0.0}
    )
    kept: list = []
    member = train_tagger.fine_tune(
        1, 60.0, 1e-4, 1e-3, None, train, None, {}, 0, 2.0, keep=kept.append
    )
    assert [(m.epoch, m.epochs_run, len(m.history)) for m in kept] == [
        (0.33, 0.33, 1), (1.0, 1.0, 2), (1.0, 1.33, 3), (1.0, 2.0, 4),
    ]  # fmt: skip
    assert [h["dev_f1"] for h in kept[-1].history] == [0.40, 0.45, 0.42, 0.44]
    assert kept[1].tagger is kept[3].tagger is member.tagger
    assert member.epoch == 1.0 and member.epochs_run == 2.0


def test_a_schedule_warms_up_then_decays_the_rates_to_zero() -> None:
    from veracity.propaganda.train_tagger import Schedule

    linear = Schedule(epochs=2.0, warmup=0.2)
    assert [round(linear.factor(p), 3) for p in (0.0, 0.1, 0.2, 0.6, 1.0, 1.5)] == [
        0.0, 0.5, 1.0, 0.5, 0.0, 0.0,
    ]  # fmt: skip
    cosine = Schedule(epochs=2.0, warmup=0.0, decay="cosine")
    assert [round(cosine.factor(p), 3) for p in (0.0, 0.25, 0.5, 0.75, 1.0)] == [
        1.0, 0.854, 0.5, 0.146, 0.0,
    ]  # fmt: skip
    for wrong in ({"decay": "step"}, {"epochs": 0.0}, {"warmup": 1.0}):
        with pytest.raises(ModelError):
            Schedule(**{"epochs": 2.0, **wrong})


def test_a_scheduled_run_decays_its_rates_and_stops_at_its_epochs(monkeypatch) -> None:
    """With a schedule the rates follow it step by step (here no warm-up, linear: 1, 2/3, 1/3
    of their peaks over an epoch of 3 batches), and the run stops at its epochs, its last
    checkpoint scored, long before the box or MAX_EPOCHS; each checkpoint records the share of
    the step before it."""
    torch = pytest.importorskip("torch")  # training-only dependency
    import copy

    from veracity.data.ptc import PTCArticle
    from veracity.propaganda import train_tagger

    line = [w for own in encode_segments(TEXT, line_segments(TEXT), 4) for w in own]
    gold = [(TEXT.index("corrupt"), TEXT.index(" in Washington"))]
    train = [PTCArticle(f"train{k}", TEXT, gold) for k in range(20)]  # 60 windows
    windows = {a.article_id: [copy.copy(w) for w in line] for a in train}
    negatives = [copy.copy(line[1]) for _ in range(20)]  # 80 windows: 3 batches an epoch
    monkeypatch.setattr(train_tagger, "encode_articles", lambda articles, layer: windows)
    monkeypatch.setattr(
        train_tagger, "split_articles", lambda articles: {"train": train, "dev": [], "test": []}
    )
    monkeypatch.setattr(train_tagger, "wire_negative_windows", lambda data_dir, layer: negatives)
    monkeypatch.setattr(train_tagger, "article_lines", lambda articles, windows, crf: {})
    key = (0.5, 0.3, 0.3)
    monkeypatch.setattr(
        train_tagger,
        "grid_scores",
        lambda dev, lines, neural: {key: {"f1": 0.4}, (1.0, 0.3, 0.3): {"f1": 0.0}},
    )
    monkeypatch.setattr(
        train_tagger, "wire_rates", lambda wire, words, neural: {key: 1.0, (1.0, 0.3, 0.3): 0.0}
    )
    rates: list[list[float]] = []
    adamw = torch.optim.AdamW

    class Recording(adamw):  # type: ignore[misc, valid-type]
        def step(self, *args, **kwargs):
            rates.append([group["lr"] for group in self.param_groups])
            return super().step(*args, **kwargs)

    monkeypatch.setattr(torch.optim, "AdamW", Recording)
    schedule = train_tagger.Schedule(epochs=1.0, warmup=0.0)
    member = train_tagger.fine_tune(
        1, 60.0, 1e-4, 1e-3, None, train, None, {}, 0, 2.0, schedule=schedule
    )
    assert np.allclose(rates, [[1e-4, 1e-3], [2e-4 / 3, 2e-3 / 3], [1e-4 / 3, 1e-3 / 3]], rtol=1e-3)
    assert member.epochs_run == 1.0
    assert [(h["epoch"], round(h["lr_share"], 2)) for h in member.history] == [
        (0.33, 1.0), (1.0, 0.33),
    ]  # fmt: skip
    with pytest.raises(ModelError, match="refit"):
        train_tagger.fine_tune(
            1, 0.0, 1e-4, 1e-3, None, train, None, {}, 0, 0.0, refit_epoch=1.0, schedule=schedule
        )


def test_a_refit_is_of_the_shipped_ensemble_and_keeps_no_tagger(tmp_path) -> None:
    pytest.importorskip("torch")  # training-only dependency
    from veracity.propaganda.train_tagger import train_propaganda_tagger

    for wrong in ({"layers": (2,), "minutes": (1.0,)}, {"keep": {0: tmp_path / "tagger.joblib"}}):
        with pytest.raises(ModelError, match="refit"):
            train_propaganda_tagger(tmp_path, tmp_path, refit=(1.0, 2.0), **wrong)
    with pytest.raises(ModelError, match="refit"):
        train_propaganda_tagger(tmp_path, tmp_path, refit=(1.0,))
    assert not any(tmp_path.iterdir())


def test_a_piece_in_overlapping_windows_is_read_where_it_is_most_central() -> None:
    from veracity.propaganda.encoder import context_bounds

    text = " ".join(f"word{k} of the story" for k in range(120))
    bounds = context_bounds(text, 0, len(text))
    windows = [w for own in encode_segments(text, bounds) for w in own]
    assert len(windows) >= 3
    tokens = tokenize_segment(text, 0, len(text))
    # each window says its own index: a piece reads the window where it is most central (the
    # first such window on a tie), a token the mean of its pieces
    said = [np.full(len(w.offsets), float(k)) for k, w in enumerate(windows)]
    got = token_probabilities(windows, said, tokens)
    for k, token in enumerate(tokens):
        best: dict[tuple[int, int], tuple[int, int]] = {}
        for j, w in enumerate(windows):
            for i in w.pieces:
                s, e = (int(x) for x in w.offsets[i])
                if s < token.end and e > token.start:
                    central = min(i, len(w.offsets) - 1 - i)
                    if (s, e) not in best or central > best[(s, e)][0]:
                        best[(s, e)] = (central, j)
        assert got[k] == pytest.approx(np.mean([j for _, j in best.values()])), token
    assert set(got) >= set(range(len(windows)))  # whole tokens read from each window


def test_a_window_shared_by_lines_is_run_once_and_read_where_central() -> None:
    from veracity.propaganda.encoder import context_bounds
    from veracity.propaganda.train_tagger import Line, neural_token_probabilities

    text = "\n".join(f"Line {k} tells how the regime lied to everyone again." for k in range(30))
    windows = [w for own in encode_segments(text, context_bounds(text, 0, len(text))) for w in own]
    lines = []
    for s, e in line_segments(text):
        tokens = tokenize_segment(text, s, e)
        own = [w for w in windows if w.start < e and w.end > s]
        lines.append(Line(tokens, own, np.zeros(len(tokens))))
    assert sum(len(line.windows) for line in lines) > len(windows)  # lines share windows
    seen: list[int] = []

    def by_window(ws):
        seen.extend(id(w) for w in ws)
        return [np.full(len(w.offsets), float(windows.index(w))) for w in ws]

    got = neural_token_probabilities({"a": lines}, by_window)["a"]
    assert sorted(seen) == sorted(id(w) for w in windows)  # each window run once
    for line, p in zip(lines, got, strict=True):
        expected = token_probabilities(line.windows, by_window(line.windows), line.tokens)
        np.testing.assert_array_equal(p, expected)


def test_a_tagger_to_keep_is_unpickled_only_when_this_machine_wrote_it(
    tmp_path, monkeypatch
) -> None:
    """Hostile round 11, left: the tagger files given to ``keep`` were unpickled from the paths
    given, so a file put there ran its code in the training run."""
    import os
    import pickle
    import shutil

    from veracity.artefacts import ARTEFACTS, sign_training_file
    from veracity.errors import ModelError
    from veracity.propaganda.neural import NeuralTagger
    from veracity.propaganda.train_tagger import load_kept_tagger
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    marker = tmp_path / "code-ran"

    class RunsOnLoad:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    spec = ARTEFACTS["propaganda-tagger"]
    member = spec.read_card()["members"][1]
    try:
        planted = tmp_path / "planted.joblib"
        planted.write_bytes(pickle.dumps(RunsOnLoad()))
        with pytest.raises(ModelError, match=r"was not written by a training run of this machine"):
            load_kept_tagger(planted, int(member["layers"]))
        assert not marker.exists()
        copied = tmp_path / "tagger-2.joblib"  # a tagger, but no run of this machine kept it
        shutil.copyfile(spec.directory / str(member["file"]), copied)
        with pytest.raises(ModelError, match=r"\(no signature beside it\): not unpickled"):
            load_kept_tagger(copied, int(member["layers"]))
        sign_training_file(copied)  # as train_context_tagger / train_scheduled_tagger sign theirs
        assert isinstance(load_kept_tagger(copied, int(member["layers"])), NeuralTagger)
        # a tagger of an artefact folder whose card pins it, as the runtime loads it
        shipped = spec.directory / str(member["file"])
        assert isinstance(load_kept_tagger(shipped, int(member["layers"])), NeuralTagger)
    finally:
        get_settings.cache_clear()


def _one_long_sentence(tokens: int, step: int) -> tuple[list, list, list]:
    """Windows of 126 pieces over one sentence of ``tokens`` tokens (some split in two pieces),
    a window every ``step`` pieces (126: a sentence's windows; fewer: overlapping context
    windows), and a probability for every piece."""
    from veracity.propaganda.encoder import Window
    from veracity.propaganda.features import TokenSpan

    rng = np.random.default_rng(7)
    spans, pieces, at = [], [], 0
    for _ in range(tokens):
        width = int(rng.integers(1, 9))
        spans.append(TokenSpan(start=at, end=at + width, text="x" * width))
        cut = at + int(rng.integers(1, width + 1))
        pieces += [(at, cut)] + ([(cut, at + width)] if cut < at + width else [])
        at += width + 1
    windows = []
    for first in range(0, len(pieces), step):
        chunk = pieces[first : first + 126]
        offsets = np.array([(-1, -1), *chunk, (-1, -1)])
        windows.append(Window(chunk[0][0], chunk[-1][1], offsets, np.zeros((len(offsets), 1))))
        if first + 126 >= len(pieces):
            break
    return windows, [rng.random(len(w.offsets)) for w in windows], spans


@pytest.mark.parametrize("step", [126, 96])
def test_token_probabilities_are_each_tokens_overlapping_pieces_mean(step: int) -> None:
    windows, probabilities, tokens = _one_long_sentence(600, step)
    found = token_probabilities(windows, probabilities, tokens)
    for k, token in enumerate(tokens):
        readings: dict[tuple[int, int], tuple[int, float]] = {}  # a piece's most central reading
        for window, p in zip(windows, probabilities, strict=True):
            for i in window.pieces:
                start, end = (int(x) for x in window.offsets[i])
                central = min(i, len(window.offsets) - 1 - i)
                overlaps = start < token.end and end > token.start
                if overlaps and central > readings.get((start, end), (-1, 0.0))[0]:
                    readings[(start, end)] = (central, float(p[i]))
        assert readings
        assert found[k] == pytest.approx(np.mean([v for _, v in readings.values()]), abs=1e-12)


def test_a_long_sentence_is_read_in_linear_time() -> None:
    """Hostile round 13: each token was compared with every piece of its sentence, so one long
    sentence (a page without a full stop; the deep path reads a text of up to 5 MB) cost its
    length squared: 64,000 tokens 5 CPU-s a tagger before, three taggers on the deep path."""
    import time

    windows, probabilities, tokens = _one_long_sentence(64_000, 126)
    started = time.process_time()
    token_probabilities(windows, probabilities, tokens)
    assert time.process_time() - started < 1.5
