"""Leave-one-corpus-out evaluation: folds, abstentions counted as errors, capped training rows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from veracity.data import load_corpus
from veracity.metrics import scores_with_abstentions
from veracity.models.loco import AUXILIARY, FOLDS, LocoResult, fold_of, summarise


def test_abstentions_count_as_errors_and_lower_coverage() -> None:
    y = np.array([1, 1, 0, 0])
    p = np.array([0.9, 0.8, 0.1, 0.2])  # all four right at 0.5
    assert scores_with_abstentions(y, p)["macro_f1"] == 1.0
    covered = np.array([True, True, True, False])
    scores = scores_with_abstentions(y, p, covered)
    assert scores["coverage"] == 0.75
    assert scores["accuracy"] == 0.75  # the abstained fake article counts as wrong
    assert scores["macro_f1"] < 1.0
    assert scores["auc"] == 1.0  # ranking quality is measured on the scored articles


def test_summary_reports_mean_worst_and_margin_over_tfidf() -> None:
    def fold(ours: float, plain: float) -> dict:
        return {
            "veracity": {"macro_f1": ours, "auc": 0.7},
            "plain_tfidf_lr": {"macro_f1": plain, "auc": 0.6},
        }

    summary = summarise({"folds": {"a": fold(0.8, 0.7), "b": fold(0.6, 0.65)}})
    assert summary["veracity"]["mean_macro_f1"] == pytest.approx(0.7)
    assert summary["veracity"]["worst_macro_f1"] == pytest.approx(0.6)
    assert summary["veracity"]["min_margin_over_tfidf"] == pytest.approx(-0.05)


def test_loco_result_keeps_the_saved_json_and_sums_up_in_one_line() -> None:
    import json

    y = np.array([1, 1, 0, 0, 1, 0])
    folds = {
        fold: {
            "veracity": scores_with_abstentions(y, np.array(ours)),
            "plain_tfidf_lr": scores_with_abstentions(y, np.array(plain)),
            "majority": scores_with_abstentions(y, np.full(6, 0.6)),
        }
        for fold, ours, plain in (
            ("a", [0.9, 0.7, 0.2, 0.4, 0.6, 0.1], [0.6, 0.4, 0.3, 0.7, 0.8, 0.2]),
            ("b", [0.8, 0.3, 0.1, 0.6, 0.9, 0.2], [0.4, 0.4, 0.6, 0.7, 0.8, 0.2]),
        )
    }
    raw = {"folds": folds, "auxiliary": {}, "pooled": folds["a"], "abstentions": {"n": 3}}
    raw |= {"summary": summarise({"folds": folds}), "depth": "fast", "scope_tradeoff": []}
    result = LocoResult.model_validate(raw)
    result.seconds = 2.5
    assert json.dumps(result.as_saved()) == json.dumps(raw | {"seconds": 2.5})
    assert result.folds["b"]["veracity"].share_scored_reliable == 0.5
    assert result.summary_line() == (
        "LOCO (fast, 2 folds): veracity mean macro-F1 0.833 (worst 0.667); "
        "TF-IDF+LR 0.500, majority 0.333"
    )


@pytest.mark.data
def test_every_record_of_the_article_corpora_has_one_fold(data_dir: Path) -> None:
    assert len(FOLDS) == 8
    for corpus, expected in (
        ("perezrosas2018", {"fakenewsamt", "celebrity"}),
        ("recovery_covid2020", {"recovery_covid2020"}),
        ("golbeck2018_fake_satire", {"golbeck2018_fake_satire"}),
    ):
        assert {fold_of(r) for r in load_corpus(corpus, data_dir)} == expected
    assert set(AUXILIARY).isdisjoint(FOLDS)
    assert fold_of(load_corpus("liar", data_dir)[0]) is None


@pytest.mark.data
def test_prior_calibration_matches_the_training_share_the_shipped_one_does_not(
    data_dir: Path,
) -> None:
    """The shipped calibration weighs both classes equally (its 0.5 cut holds whatever a
    corpus's share of fakes); the alternative one reported beside it in LOCO follows the
    training share of reliable articles."""
    from veracity.data.splits import groups_of, labels_of
    from veracity.models.estimator import CalibratedLinearModel
    from veracity.models.features import SIGNAL_COLUMNS, feature_frame
    from veracity.models.loco import recalibrate_to_prior

    records = load_corpus("perezrosas2018", data_dir)
    real = [r for r in records if r.label == "real"][:240]
    fake = [r for r in records if r.label == "fake"][:60]
    train = real + fake  # 80% reliable
    model = CalibratedLinearModel(
        word_features=5000, use_chars=False, use_style=True, balance_domains=True
    )
    model.fit(
        feature_frame([r.full_text for r in train], [dict.fromkeys(SIGNAL_COLUMNS, 0.0)] * 300),
        labels_of(train),
        groups_of(train),
        [f"part{i % 3}" for i in range(len(train))],
    )
    shipped = model.out_of_fold_
    log_odds = np.log(shipped / (1 - shipped))
    recalibrated = recalibrate_to_prior(model, log_odds)
    assert recalibrated.mean() == pytest.approx(0.8, abs=0.02)
    assert shipped.mean() < 0.7
    # same ranking: only the calibration moved
    assert np.all(np.diff(recalibrated[np.argsort(shipped)]) >= 0)


def test_auxiliary_scores_skip_abstaining_fold_models_without_warning() -> None:
    """A row one fold model abstained on is the others' mean; a row all abstained on stays 0.5."""
    import warnings
    from types import SimpleNamespace

    from veracity.models.loco import _auxiliary

    records = [
        SimpleNamespace(original_label=label, collection=None)
        for label in ("hyperpartisan", "hyperpartisan", "not", "not")
    ] + [SimpleNamespace(original_label=None, collection=kind) for kind in ("fake", "satire")]
    fold = np.array(["semeval2019_hyperpartisan"] * 4 + ["golbeck2018_fake_satire"] * 2)
    table = SimpleNamespace(records=records, fold=fold)
    per_fold = [
        np.array([0.2, np.nan, 0.8, np.nan, 0.1, np.nan]),
        np.array([0.4, np.nan, np.nan, np.nan, 0.3, np.nan]),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = _auxiliary(table, np.arange(6), {"veracity": per_fold}, np.ones(6, bool))  # type: ignore[arg-type]
    got = out["veracity"]["semeval2019_hyperpartisan"]
    assert got["n"] == 4
    assert got["mean_score_hyperpartisan"] == pytest.approx((0.3 + 0.5) / 2)
    assert got["mean_score_not_hyperpartisan"] == pytest.approx((0.8 + 0.5) / 2)
    satire = out["veracity"]["golbeck2018_fake_satire"]
    assert satire["share_scored_unreliable_fake"] == 1.0  # 0.2 < 0.5
    assert satire["share_scored_unreliable_satire"] == 0.0  # no fold model scored it: 0.5


def test_each_fold_is_announced_before_it_runs() -> None:
    """`veracity evaluate --loco` ran about ten minutes without a word; the CLI's progress bar
    is told each held-out corpus before its models are fitted."""
    from types import SimpleNamespace

    from veracity.models.loco import run_loco

    folds = list(FOLDS)
    fold = np.array([f for f in [*folds, *AUXILIARY] for _ in range(4)])
    n = len(fold)
    records = [
        SimpleNamespace(
            original_label=("hyperpartisan", "not")[i % 2], collection=("fake", "satire")[i % 2]
        )
        for i in range(n)
    ]
    table = SimpleNamespace(
        records=records,
        fold=fold,
        y=np.array([1, 0] * (n // 2)),
        abstained=[None] * n,
        rows=lambda names: np.flatnonzero(np.isin(fold, list(names))),
    )
    seen: list[tuple[str, int, int, int]] = []
    fitted: list[int] = []

    def system(table, train, test):  # fits on train, scores test: a step the bar waits for
        fitted.append(len(train))
        return np.where(np.arange(len(test)) % 2 == 0, 0.8, 0.3)

    def on_fold(name: str, done: int, total: int) -> None:
        seen.append((name, done, total, len(fitted)))

    result = run_loco(table, {"veracity": system}, on_fold=on_fold)  # type: ignore[arg-type]
    assert [(name, done, total) for name, done, total, _ in seen] == [
        (name, done, len(folds)) for done, name in enumerate(folds)
    ]
    assert [models for *_, models in seen] == list(range(len(folds)))  # told before each fit
    assert set(result["folds"]) == set(folds)


class _Planted:
    """What another user's pickle would do when unpickled: leave a mark."""

    def __init__(self, mark: Path) -> None:
        self.mark = mark

    def __reduce__(self) -> tuple:
        return (Path.write_text, (self.mark, "unpickled"))


def test_a_loco_table_another_user_planted_in_the_cache_is_never_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hostile round 17, held: `veracity batch --adapt` (session 49) reads the LOCO table at run
    time from the cache folder, under a name anyone who can read the data can compute; a pickle
    planted there (writable by others, or another user's) is not unpickled: the table is
    rebuilt (here: the rebuild's first step is reached instead)."""
    import pickle

    from veracity.models import loco
    from veracity.settings import get_settings

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(cache))
    get_settings.cache_clear()
    monkeypatch.setattr(loco, "corpus_manifest", lambda names, data_dir: {})
    planted = loco.loco_cache_path(tmp_path)
    assert planted.parent == cache
    mark = tmp_path / "mark"
    planted.write_bytes(pickle.dumps(_Planted(mark)))
    planted.chmod(0o666)

    class Rebuilt(Exception):
        pass

    def rebuild(**_kwargs: object) -> None:
        raise Rebuilt

    monkeypatch.setattr(loco, "load_corpora", rebuild)
    try:
        with pytest.raises(Rebuilt):
            loco.load_loco_table(tmp_path)
    finally:
        get_settings.cache_clear()
    assert not mark.exists()


# A short wire report, written for these tests: ten sentences, each with its source.
_REPORT = [
    "The harbour authority said on Monday that a second crane would be in use at the container "
    "terminal by the end of the month",
    "Container traffic rose by a tenth last year, its annual report shows",
    '"We load ships in two shifts now, and the queue at the gate is shorter," said Anna Berg, '
    "the terminal's operations manager",
    "The new crane cost 4 million euros, according to the authority's budget",
    "Two lorry drivers told reporters that waiting times had fallen since the summer",
    "The city council approved the purchase in March, its minutes show",
    "A spokesman for the dockers' union said the union had agreed to the new shift plan",
    "The authority expects the terminal to handle more ships next year, its director said",
    "Freight rates have fallen since the spring, a shipping index published on Friday shows",
    "The old crane will stay in service as a backup, the operations manager said",
]


@pytest.mark.data
def test_the_matrix_abstains_on_the_texts_the_product_abstains_on(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Session 50 (ec58f51): the product reads a report whose sentences join without a space
    after the stop ("on Tuesday.According to him") spaced when its form is refused, and scores
    it; the LOCO matrix read the form distance alone and counted it as an abstention (an error),
    so the matrix and the product abstained on different texts (17 fold articles). The fold
    models now take the product's scope decision: the joined report is scored in both, and a
    text far out of form in both readings (shouted) is refused in both."""
    from veracity.data import NewsRecord
    from veracity.models import score_reliability_batch
    from veracity.models.loco import build_loco_table, product_system
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path))  # the signal counts' cache
    get_settings.cache_clear()
    corpus = load_corpus("perezrosas2018", data_dir)
    training = [
        record
        for collection in ("fakenewsamt", "celebrity")
        for label in ("fake", "real")
        for record in [r for r in corpus if (r.collection, r.label) == (collection, label)][:75]
    ]
    report = "Port adds second crane as container traffic grows"
    texts = {  # name: (title, text)
        "joined": (report, ".".join(_REPORT) + "."),
        "spaced": (report, ". ".join(_REPORT) + "."),
        "shouted": ("BUDGET", " ".join([". ".join(_REPORT).upper()] * 2)),
    }
    held_out = [
        NewsRecord(
            f"loco-test-{name}", "fakenewsnet", "politifact", "article", *pair, "real", "real"
        )
        for name, pair in texts.items()
    ]
    table = build_loco_table([*training, *held_out])
    test = table.rows(["politifact"])
    assert [table.records[i].id for i in test] == [r.id for r in held_out]
    p = product_system("fast")(table, table.rows(["fakenewsamt", "celebrity"]), test)
    product = score_reliability_batch(
        [f"{title}\n\n{text}" for title, text in texts.values()],
        [[]] * 3,
        titles=[title for title, _ in texts.values()],
    )
    assert [o.status for o in product] == ["scored", "scored", "out_of_scope"]
    assert np.isnan(p).tolist() == [False, False, True]
