"""The estimator on a tiny real sample: fits, calibrates, and stays exactly linear."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from veracity.data import load_corpus
from veracity.data.splits import groups_of, labels_of
from veracity.models.estimator import CalibratedLinearModel
from veracity.models.features import SIGNAL_COLUMNS, STYLE_COLUMNS, feature_frame


@pytest.mark.data
def test_tiny_fit_on_real_articles(data_dir: Path) -> None:
    records = load_corpus("perezrosas2018", data_dir)
    rng = np.random.default_rng(0)
    chosen = [records[i] for i in rng.choice(len(records), 240, replace=False)]
    train, test = chosen[:200], chosen[200:]
    # Signal rows for half of the training rows only: the rest must be ignored by the combiner.
    rows = [
        {column: float(i % 3) for column in SIGNAL_COLUMNS} if i % 2 else {}
        for i in range(len(train))
    ]
    model = CalibratedLinearModel(
        word_features=5000, use_chars=False, use_style=True, balance_domains=True
    )
    # three pseudo-domains: each is scored out of domain for the combiner and the calibration
    domains = [f"part{i % 3}" for i in range(len(train))]
    model.fit(
        feature_frame([r.full_text for r in train], rows),
        labels_of(train),
        groups_of(train),
        domains,
    )
    p = model.predict_proba(feature_frame([r.full_text for r in test], [{}] * len(test)))
    assert p.shape == (len(test), 2)
    assert np.all((p >= 0) & (p <= 1)) and np.allclose(p.sum(axis=1), 1.0)
    assert set(model.signal_weights) | set(model.dropped_signal_columns_) == set(SIGNAL_COLUMNS)
    assert all(weight <= 0 for weight in model.signal_weights.values())
    assert set(model.style_weights) == set(STYLE_COLUMNS)
    assert model.text_weight > 0  # a higher text score must mean more reliable
    assert model.platt_slope > 0
    # the training articles themselves are in scope, bar the 1% farthest
    style = feature_frame([r.full_text for r in train], rows)[STYLE_COLUMNS].to_numpy()
    assert model.out_of_scope(style).mean() <= 0.02


def test_no_signal_of_the_shipped_model_raises_the_score() -> None:
    from veracity.models.artefact import load_artefact

    model = load_artefact().model
    assert model.signal_weights, "the shipped combiner uses no signal at all"
    assert all(weight <= 0 for weight in model.signal_weights.values())


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_no_sourcing_phrase_of_the_shipped_models_reads_backwards(depth: str) -> None:
    from veracity.models.artefact import load_artefact
    from veracity.models.estimator import SOURCING_DIRECTIONS

    model = load_artefact(depth=depth).model  # type: ignore[arg-type]
    weights = {**model.style_weights, **model.signal_weights}
    backwards = {c: w for c, w in weights.items() if w * SOURCING_DIRECTIONS.get(c, 0) < 0}
    assert not backwards  # e.g. "quotes people directly" pushing toward unreliable
    assert weights["style:attribution_rate"] > 0  # a sourcing column still weighs


@pytest.mark.data
def test_balanced_text_model_learns_the_label_not_the_corpus(data_dir: Path) -> None:
    """Celebrity gossip mostly real and crowd-written news mostly fake: topic is confounded with
    the label. Weighting every (corpus, class) cell equally makes the text model learn what
    tells the classes apart inside each corpus, so it does better on the articles the confound
    misleads: held-out celebrity fakes and held-out real crowd-sourced news."""
    records = load_corpus("perezrosas2018", data_dir)
    rng = np.random.default_rng(0)
    by_cell: dict[tuple[str, str], list] = {}
    for record in records:
        by_cell.setdefault((record.collection, record.label), []).append(record)
    for cell in by_cell.values():
        rng.shuffle(cell)
    celebrity, amt = "celebrity", "fakenewsamt"
    # training: the majority class of each corpus in full, its minority class small
    train = (
        by_cell[(celebrity, "real")][:200]
        + by_cell[(celebrity, "fake")][:40]
        + by_cell[(amt, "fake")][:200]
        + by_cell[(amt, "real")][:40]
    )
    misled = by_cell[(celebrity, "fake")][40:140] + by_cell[(amt, "real")][40:140]
    domains = [r.collection for r in train]

    def accuracy(balance_text: bool) -> float:
        model = CalibratedLinearModel(
            word_features=5000,
            use_chars=False,
            use_signals=False,
            balance_domains=True,
            balance_text=balance_text,
        )
        model.fit(
            feature_frame([r.full_text for r in train], [{}] * len(train)),
            labels_of(train),
            groups_of(train),
            domains,
        )
        scores = model.text_score(
            model.transform(feature_frame([r.full_text for r in misled], [{}] * len(misled)))
        )
        return float(((scores >= 0).astype(int) == labels_of(misled)).mean())

    balanced, unbalanced = accuracy(True), accuracy(False)
    assert balanced > unbalanced + 0.05, (balanced, unbalanced)


def _three_corpora(data_dir: Path, per_corpus: int = 120) -> tuple[list, np.ndarray, list[str]]:
    """Real articles of three corpora (both classes in each): records, labels, corpus names."""
    rng = np.random.default_rng(1)
    chosen: list = []
    for corpus, collection in (
        ("perezrosas2018", "celebrity"),
        ("perezrosas2018", "fakenewsamt"),
        ("buzzfeed_webis", None),
    ):
        records = [
            r
            for r in load_corpus(corpus, data_dir)
            if collection is None or r.collection == collection
        ]
        for label in ("real", "fake"):
            cell = [r for r in records if r.label == label]
            chosen += [cell[i] for i in rng.choice(len(cell), per_corpus // 2, replace=False)]
    domains = [r.collection if r.corpus == "perezrosas2018" else r.corpus for r in chosen]
    return chosen, labels_of(chosen), domains


@pytest.mark.data
def test_stable_vocabulary_keeps_the_ngrams_that_lean_one_way_in_every_corpus(
    data_dir: Path,
) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    from veracity.models.estimator import STABLE_MIN_DF, stable_columns

    records, y, domains = _three_corpora(data_dir)
    texts = [r.full_text for r in records]
    matrix = CountVectorizer(min_df=3).fit(texts)
    names = matrix.get_feature_names_out()
    counts = matrix.transform(texts).tocsr()
    strict = stable_columns(counts, y, np.array(domains), 0)
    loose = stable_columns(counts, y, np.array(domains), 1)
    assert 0 < strict.sum() < loose.sum() < counts.shape[1]
    assert not (strict & ~loose).any()  # allowing a miss only adds columns
    # recount a kept and a dropped word by hand: share of each class's articles using it
    present = (counts > 0).toarray()
    d = np.array(domains)

    def leans(column: int) -> list[int]:
        signs = []
        for domain in dict.fromkeys(domains):
            rows = d == domain
            used = present[rows, column]
            if used.sum() < STABLE_MIN_DF:
                signs.append(0)
                continue
            real = (used[y[rows] == 1].sum() + 0.5) / ((y[rows] == 1).sum() + 1)
            fake = (used[y[rows] == 0].sum() + 0.5) / ((y[rows] == 0).sum() + 1)
            signs.append(int(np.sign(np.log(real) - np.log(fake))))
        return signs

    for column in np.flatnonzero(strict)[:50]:
        signs = leans(column)
        assert 0 not in signs and len(set(signs)) == 1, (names[column], signs)
    for column in np.flatnonzero(~strict)[:50]:
        signs = leans(column)
        assert 0 in signs or len(set(signs)) > 1, (names[column], signs)


@pytest.mark.data
def test_stable_vocabulary_and_per_corpus_style_in_a_fit(data_dir: Path) -> None:
    from veracity.models.estimator import corpus_style_centre, stable_columns

    records, y, domains = _three_corpora(data_dir)
    frame = feature_frame([r.full_text for r in records], [{}] * len(records))
    shipped = CalibratedLinearModel(
        word_features=5000, use_chars=False, use_signals=False, use_style=True
    )
    shipped.fit(frame, y, groups_of(records), domains)
    model = CalibratedLinearModel(
        word_features=5000,
        use_chars=False,
        use_signals=False,
        use_style=True,
        stable_vocabulary=0,
        style_per_corpus=True,
    )
    model.fit(frame, y, groups_of(records), domains)
    # the final text model reads exactly the columns stable over all three training corpora
    keep = stable_columns(model.transform(frame), y, np.array(domains), 0)
    assert model.stable_columns_ == keep.sum() < len(model.feature_names())
    assert np.all(model.linear_.coef_[0, ~keep] == 0) and np.all(model.linear_.coef_[0, keep] != 0)
    # a new article's style is read against the average of the corpora, not the pooled rows
    style = frame[STYLE_COLUMNS].to_numpy(dtype=np.float64)
    mean, scale = corpus_style_centre(style, domains)
    assert np.allclose(model.style_mean_, mean) and np.allclose(model.style_scale_, scale)
    # equal-sized corpora: the same centre as the pooled rows, but only the spread within the
    # corpora (the pooled variance less the spread between the corpora's means)
    assert np.allclose(model.style_mean_, shipped.style_mean_)
    assert np.all(model.style_scale_ <= shipped.style_scale_ + 1e-9)
    assert (model.style_scale_ < 0.95 * shipped.style_scale_).any()
    p = model.predict_proba(frame)[:, 1]
    assert np.all((p > 0) & (p < 1))
    assert not np.allclose(p, shipped.predict_proba(frame)[:, 1])


@pytest.mark.data
def test_text_experts_average_one_model_per_corpus(data_dir: Path) -> None:
    from sklearn.linear_model import LogisticRegression

    records, y, domains = _three_corpora(data_dir)
    frame = feature_frame([r.full_text for r in records], [{}] * len(records))
    model = CalibratedLinearModel(
        word_features=5000, use_chars=False, use_signals=False, use_style=True, text_experts=True
    )
    model.fit(frame, y, groups_of(records), domains)
    matrix = model.transform(frame)
    d = np.array(domains)
    experts = {
        name: LogisticRegression(C=model.C, class_weight="balanced", solver="liblinear").fit(
            matrix[d == name], y[d == name]
        )
        for name in dict.fromkeys(domains)
    }
    # the text model is one linear model: the experts' mean weights, so its log-odds are the
    # mean of theirs
    expected = np.mean([e.decision_function(matrix) for e in experts.values()], axis=0)
    assert np.allclose(model.text_score(matrix), expected)
    # the combiner learned from each training corpus scored by the other corpora's experts
    held_out = np.zeros(len(y))
    for name in experts:
        others = [e.decision_function(matrix[d == name]) for n, e in experts.items() if n != name]
        held_out[d == name] = np.mean(others, axis=0)
    combiner = LogisticRegression(C=model.combiner_C, max_iter=2000)
    combiner.fit(model._stack(held_out, frame), y)
    assert np.allclose(combiner.coef_, model.combiner_.coef_, atol=1e-4)
    p = model.predict_proba(frame)[:, 1]
    assert np.all((p > 0) & (p < 1)) and model.text_weight > 0
    with pytest.raises(ValueError, match="do not combine"):
        CalibratedLinearModel(
            word_features=5000, use_chars=False, text_experts=True, stable_vocabulary=0
        ).fit(frame, y, groups_of(records), domains)


@pytest.mark.data
def test_sourcing_directions_hold_each_sourcing_column_to_its_phrase(data_dir: Path) -> None:
    from veracity.models.estimator import SOURCING_DIRECTIONS

    records, y, domains = _three_corpora(data_dir)
    # outlet citations counted in the unreliable articles only: learned freely, "cites other
    # outlets" would weigh toward unreliable
    rows = [
        {column: 0.0 for column in SIGNAL_COLUMNS} | {"signal:outlet_citation": 1.1 * (1 - label)}
        for label in y
    ]
    frame = feature_frame([r.full_text for r in records], rows)

    def fitted(directions: bool) -> CalibratedLinearModel:
        model = CalibratedLinearModel(
            word_features=5000, use_chars=False, use_style=True, sourcing_directions=directions
        )
        return model.fit(frame, y, groups_of(records), domains)

    def against(model: CalibratedLinearModel) -> set[str]:
        weights = {**model.style_weights, **model.signal_weights}
        return {c for c, s in SOURCING_DIRECTIONS.items() if weights.get(c, 0.0) * s < 0}

    free, held = fitted(False), fitted(True)
    assert "signal:outlet_citation" in against(free)
    assert against(held) == set()
    assert "signal:outlet_citation" in held.direction_held_columns_
    assert "signal:outlet_citation" not in held.signal_weights
    assert not set(held.dropped_signal_columns_) & set(SOURCING_DIRECTIONS)
    # a held style column weighs exactly nothing: changing it leaves the score as it was
    for column in (c for c in held.direction_held_columns_ if c.startswith("style:")):
        assert held.style_weights[column] == 0.0
        moved = frame.copy()
        moved[column] = moved[column] * 3 + 1
        assert np.allclose(held.decision_function(moved), held.decision_function(frame))
    assert set(held.style_weights) == set(STYLE_COLUMNS)


@pytest.mark.data
def test_the_cut_keeping_map_keeps_every_label_and_the_scorer_gives_its_scores(
    data_dir: Path,
) -> None:
    """Issue 15: the shipped scores go through isotonic maps below and above 0.5, fitted on
    the model's own out-of-corpus scores; every article keeps its side of the cut, the fast
    scorer gives the same mapped scores, and a model pickled before the map scores as Platt."""
    from veracity.models.inference import LinearScorer

    records = load_corpus("perezrosas2018", data_dir)
    chosen = [records[i] for i in np.random.default_rng(1).choice(len(records), 300, replace=False)]
    train, test = chosen[:240], chosen[240:]
    rows = [{column: float(i % 3) for column in SIGNAL_COLUMNS} for i in range(len(train))]
    frame = feature_frame([r.full_text for r in train], rows)
    domains = [f"part{i % 4}" for i in range(len(train))]
    settings = {"word_features": 5000, "use_chars": False, "use_style": True}
    models = [
        CalibratedLinearModel(**settings, balance_domains=True, cut_keeping_map=on).fit(
            frame, labels_of(train), groups_of(train), domains
        )
        for on in (False, True)
    ]
    plain, mapped = models
    assert plain.cut_map is None and mapped.cut_map is not None
    texts = [r.full_text for r in test]
    held = feature_frame(texts, [{}] * len(test))
    _, platt = mapped.explained_decision(held, mapped=False)
    np.testing.assert_allclose(platt, plain.decision_function(held))
    shown = mapped.decision_function(held)
    assert not np.allclose(shown, platt)
    assert np.array_equal(shown < 0, platt < 0)
    assert np.array_equal(mapped.predict(held), plain.predict(held))
    order = np.argsort(platt)
    assert np.all(np.diff(shown[order]) >= 0)
    scorer = LinearScorer(mapped)
    matrix, style = scorer.features(texts)
    np.testing.assert_allclose(scorer.decision(matrix, [{}] * len(test), style), shown, atol=1e-5)
    np.testing.assert_allclose(
        scorer.decision(matrix, [{}] * len(test), style, mapped=False), platt, atol=1e-5
    )
    del mapped.calibration_map_  # as a model pickled before the map reads
    np.testing.assert_allclose(mapped.decision_function(held), platt)
