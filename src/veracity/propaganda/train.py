"""Train, evaluate and write the propaganda artefact (``veracity train propaganda``).

SI: a linear-chain CRF (CRFsuite) tags tokens B/I/O sentence by sentence; the probability
threshold for "inside a span" is tuned on a dev part. TC: a logistic regression over the
span's word and character n-grams, its sentence and a few shape/repetition features.
Both are evaluated on an article-disjoint held-out part with the task's official metrics,
beside frequency baselines from the same run, then written with a card.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pycrfsuite
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from veracity.artefacts import Card
from veracity.data.manifest import file_sha256
from veracity.propaganda.corpus import (
    CORPUS,
    DEV_SHARE,
    HELD_OUT_SHARE,
    PTCArticle,
    corpus_files,
    load_ptc_train,
    split_articles,
)
from veracity.propaganda.features import (
    NUMERIC_FIELDS,
    TokenSpan,
    line_segments,
    sentence_features,
    span_record,
    tokenize_segment,
    word_valence,
)
from veracity.propaganda.model import (
    CLASSIFIER_FILE,
    SPEC,
    TAGGER_FILE,
    PropagandaModel,
)
from veracity.propaganda.scoring import si_scores, tc_micro_f1

log = logging.getLogger(__name__)

CRF_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 120, "feature.possible_transitions": True}
THRESHOLDS = [0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]
STRONG_VALENCE = 2.0


def article_sentences(article: PTCArticle) -> list[list[TokenSpan]]:
    """The tokens of each line (PTC gives one sentence per line)."""
    return [tokenize_segment(article.text, s, e) for s, e in line_segments(article.text)]


def token_labels(tokens: list[TokenSpan], spans: list[tuple[int, int]]) -> list[str]:
    """B/I/O for each token: inside when it overlaps a gold span, B at a span's first token."""
    labels: list[str] = []
    previous = None
    for token in tokens:
        owner = next(
            (k for k, (s, e) in enumerate(spans) if token.start < e and token.end > s), None
        )
        labels.append("O" if owner is None else ("I" if owner == previous else "B"))
        previous = owner
    return labels


def _sequences(articles: list[PTCArticle]) -> Iterator[tuple[list[dict], list[str]]]:
    for article in articles:
        spans = sorted(article.si_spans)
        for tokens in article_sentences(article):
            if tokens:
                yield sentence_features([t.text for t in tokens]), token_labels(tokens, spans)


def train_tagger(articles: list[PTCArticle], path: Path) -> pycrfsuite.Tagger:
    """Fit the CRF on the articles' gold SI spans and write it to ``path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(CRF_PARAMS)
    for features, labels in _sequences(articles):
        trainer.append(features, labels)
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def train_classifier(articles: list[PTCArticle]) -> Pipeline:
    """Fit the technique classifier on the articles' gold TC spans."""
    frame, labels = tc_frame(articles)
    classifier = Pipeline(
        [
            (
                "features",
                ColumnTransformer(
                    [
                        (
                            "span_words",
                            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                            "span",
                        ),
                        (
                            "span_chars",
                            TfidfVectorizer(
                                analyzer="char_wb",
                                ngram_range=(2, 5),
                                min_df=3,
                                max_features=40000,
                                sublinear_tf=True,
                            ),
                            "span",
                        ),
                        ("context", TfidfVectorizer(min_df=3, sublinear_tf=True), "context"),
                        ("shape", StandardScaler(), NUMERIC_FIELDS),
                    ]
                ),
            ),
            ("model", LogisticRegression(C=8.0, max_iter=3000)),
        ]
    )
    classifier.fit(frame, labels)
    return classifier


def tc_frame(articles: list[PTCArticle]) -> tuple[pd.DataFrame, list[str]]:
    """One row per gold TC span and its technique."""
    rows, labels = [], []
    for article in articles:
        for technique, start, end in article.tc_spans:
            rows.append(span_record(article.text, start, end))
            labels.append(technique)
    return pd.DataFrame(rows), labels


def predict_spans(
    model: PropagandaModel, articles: list[PTCArticle]
) -> dict[str, list[tuple[int, int]]]:
    """Predicted SI spans per article."""
    return {
        a.article_id: [(s, e) for s, e, _ in model.find_spans(a.text, article_sentences(a))]
        for a in articles
    }


def baseline_si(articles: list[PTCArticle]) -> dict[str, dict[str, float]]:
    """Frequency baselines: every sentence; every sentence with a strongly valenced word."""
    gold = {a.article_id: a.si_spans for a in articles}
    every, charged = {}, {}
    valence = word_valence()
    for article in articles:
        lines = line_segments(article.text)
        every[article.article_id] = lines
        charged[article.article_id] = [
            (s, e)
            for s, e in lines
            if any(
                abs(valence.get(t.text.lower(), 0.0)) >= STRONG_VALENCE
                for t in tokenize_segment(article.text, s, e)
            )
        ]
    return {
        "every_sentence": si_scores(every, gold),
        "sentences_with_strong_sentiment_word": si_scores(charged, gold),
    }


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in scores.items()}


def train_propaganda(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Tune, evaluate and write the propaganda artefact; returns the card written."""
    started = time.monotonic()
    out_dir = out_dir or SPEC.directory
    articles = load_ptc_train(data_dir)
    parts = split_articles(articles)
    # Taggers are fit in a scratch folder: the shipped artefact changes only once all is done.
    scratch = Path(tempfile.mkdtemp(prefix="veracity-propaganda-"))
    tagger_path = scratch / TAGGER_FILE

    try:
        log.info(
            "tuning the span threshold: CRF on %d articles, dev %d",
            len(parts["train"]),
            len(parts["dev"]),
        )
        tagger = train_tagger(parts["train"], scratch / "tuning.crfsuite")
        dev_gold = {a.article_id: a.si_spans for a in parts["dev"]}
        dev_scores = {}
        for threshold in THRESHOLDS:
            model = PropagandaModel(tagger, None, threshold)
            dev_scores[threshold] = si_scores(predict_spans(model, parts["dev"]), dev_gold)
        threshold = max(THRESHOLDS, key=lambda t: dev_scores[t]["f1"])
        tagger.close()

        fit_articles = parts["train"] + parts["dev"]
        log.info("fitting the CRF on %d articles (threshold %.2f)", len(fit_articles), threshold)
        tagger = train_tagger(fit_articles, tagger_path)
        log.info("fitting the technique classifier")
        classifier = train_classifier(fit_articles)
        model = PropagandaModel(tagger, classifier, threshold)

        held_out = parts["test"]
        gold = {a.article_id: a.si_spans for a in held_out}
        si = si_scores(predict_spans(model, held_out), gold)
        frame, labels = tc_frame(held_out)
        predicted = list(model.classifier_.predict(frame))
        technique_counts = Counter(label for a in fit_articles for label, _, _ in a.tc_spans)
        majority = technique_counts.most_common(1)[0][0]
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tagger_path, out_dir / TAGGER_FILE)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    tc_baseline = round(tc_micro_f1([majority] * len(labels), labels), 4)
    si_baselines = {k: _rounded(v) for k, v in baseline_si(held_out).items()}
    card = SPEC.new_card(
        summary=(
            f"held-out SI F1 {si['f1']:.3f} (every-sentence baseline "
            f"{si_baselines['every_sentence']['f1']:.3f}); TC micro-F1 "
            f"{tc_micro_f1(predicted, labels):.3f} (most-frequent baseline {tc_baseline:.3f})"
        ),
        task="SemEval-2020 Task 11: propaganda span identification (SI) and technique classification (TC)",
        threshold=threshold,
        training_data={
            "corpus": CORPUS,
            "files": {p.name: file_sha256(p) for p in corpus_files(data_dir)},
            "split": (
                f"article-disjoint by sha256 of the article id: held-out {HELD_OUT_SHARE:.0%}, "
                f"dev {DEV_SHARE:.0%} (threshold tuning), rest train; shipped model fit on train+dev"
            ),
            "articles": {k: len(v) for k, v in parts.items()},
            "held_out_ids": sorted(a.article_id for a in held_out),
        },
        models={
            "si": f"linear-chain CRF (python-crfsuite, L-BFGS) {CRF_PARAMS}",
            "tc": "logistic regression over span word 1-2-grams, char 2-5-grams, sentence words, shape/repetition features",
        },
        dev_si_f1_by_threshold={str(t): round(s["f1"], 4) for t, s in dev_scores.items()},
        metrics={
            "held_out_articles": len(held_out),
            "held_out_gold_si_spans": sum(len(v) for v in gold.values()),
            "held_out_gold_tc_spans": len(labels),
            "si": _rounded(si),
            "si_baselines": si_baselines,
            "tc_micro_f1": round(tc_micro_f1(predicted, labels), 4),
            "tc_baseline_most_frequent": {
                "label": majority,
                "micro_f1": tc_baseline,
            },
            "tc_per_technique_recall": {
                t: round(sum(p == g == t for p, g in zip(predicted, labels, strict=True)) / n, 3)
                for t, n in sorted(Counter(labels).items())
            },
        },
        reference="best SemEval-2020 systems on the official test set: SI F1 0.5155, TC micro-F1 0.6227",
        libraries={
            "sklearn": sklearn.__version__,
            "python-crfsuite": version("python-crfsuite"),
        },
        train_seconds=round(time.monotonic() - started, 1),
        intended_use="flag and name propaganda techniques in English news text; spans are evidence, not verdicts",
        limits="trained on 2017-2019 English news from 48 outlets; classical features, far below transformer systems",
    )
    SPEC.save(card, out_dir, objects={CLASSIFIER_FILE: classifier})
    return card
