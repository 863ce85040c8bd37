"""Training of the deep path's sentence heads (``veracity train signal-heads``).

For each kind (loaded language, rhetorical questions) a logistic regression over MiniLM
sentence vectors is fitted on:

* the **development** part (``dev`` and ``dev2``) of the hand-labelled sentences
  (``tests/fixtures/signal_sentences.jsonl``); the held-out ``test`` part is never read here;
* sentences of **straight news** as weak negatives: body sentences (for rhetorical questions,
  body questions) of half of the real ReCOVery articles of seven newsrooms that are not in the
  wire set the signals bench reports (split by a hash of the article id);
* for loaded language, optionally, **PTC** lines labelled by whether they overlap a
  Loaded_Language or Name_Calling span (weak, down-weighted).

Choice, on the development part only: five folds grouped by source article (a hash of its id);
for each setting (C, weight of the straight-news negatives, weight of PTC) the threshold is the
one at which the head flags ``RATE_BUDGET`` sentences per 1,000 words on the *other* half of
the straight-news articles, and the setting with the highest out-of-fold recall of "the rule
or the head" wins (then precision). The final head is fitted on all development sentences and
its threshold set on that other half in the same way.

Candidates (:func:`candidate_head`, measured by ``bench/signal_head_candidates.py``, not
shipped): heads for conspiracy framing (the same body sentences) and clickbait (headlines:
the MiniLM vector, optionally with the headline model's log-odds and cue families; straight-
news headlines as negatives; the "Stop Clickbait" headlines the headline model never saw as
weak examples), chosen the same way under their own budgets and a limit on the precision they
may lose. Neither raised held-out recall (docs/benchmarks.md, "Explainable signals").
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from veracity.artefacts import Card, TrainingMetrics, data_manifest
from veracity.data.recovery import NEWS_FILE, newsroom_articles
from veracity.errors import DataError
from veracity.signals.sentence_heads import HEAD_KINDS, HEADS_FILE, SPEC

SENTENCES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "signal_sentences.jsonl"
DEV_SPLITS = ("dev", "dev2")
# Every development sample of the labelled set (the later ones drawn from articles new to it;
# ``test`` is the held-out half and never among them).
ALL_DEV_SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6")
STRAIGHT_NEWS = Path("recovery_covid2020")
# Real articles of newsrooms outside the bench's wire set (Reuters, NPR, CBS, USA Today, ABC,
# PBS): the straight-news development articles the rule detectors were also tuned against.
STRAIGHT_PUBLISHERS = frozenset(
    {
        "Chicago Sun-Times",
        "Politico",
        "CNBC",
        "The Detroit News",
        "Los Angeles Daily News",
        "The Mercury News",
        "Yahoo! News",
    }
)
# Sentences per 1,000 words of straight news a head may flag (fixed before any choice): the
# rule detectors' own straight-news rates are 0.1-0.8 per 1,000 words.
# Candidate heads, measured and not shipped (``candidate_head``): conspiracy framing and
# clickbait. Their budgets were fixed before their first run: the rule detectors flag 0.03 and
# 0.16 per 1,000 words of wire news on the fast path, 0.00 and 0.02 on the deep path.
CANDIDATE_KINDS = ("conspiracy_framing", "clickbait")
RATE_BUDGET = {
    "loaded_language": 0.2,
    "rhetorical_question": 0.1,
    "conspiracy_framing": 0.05,
    "clickbait": 0.02,
}
# Out-of-fold precision of rule-or-head a new kind's head may lose against the rule (fixed
# before its first run): more recall bought with many hard negatives flagged does not ship.
MAX_PRECISION_DROP = {"conspiracy_framing": 0.10, "clickbait": 0.10}
# Clickbait head variants: the headline's MiniLM vector alone or with the headline model's
# log-odds and the visible cue families (each flagging any headline, or only one with a cue).
CLICKBAIT_FEATURES = ("minilm", "minilm+model")
# Weight of the "Stop Clickbait" headlines the headline model never saw (about 9,600): none,
# or weak examples like PTC's lines for loaded language.
GRID_EXTERNAL_WEIGHT = (0.0, 0.02, 0.1)
# Kinds whose rule hits the head gates: a hit in a sentence the head rates under the gate is
# dropped, the gate set to drop as many hits on straight news as the head may add there.
GATED_KINDS = frozenset({"loaded_language"})
FOLDS = 5
GRID_C = (0.3, 1.0, 3.0, 10.0)
GRID_NEGATIVE_WEIGHT = (0.1, 0.5)
GRID_PTC_WEIGHT = {"loaded_language": (0.0, 0.1)}  # other kinds: (0.0,)
PTC_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})
MIN_PTC_WORDS = 5
RANDOM_STATE = 29
_CLOSING = "\"'”’») "


def read_labelled(
    path: Path = SENTENCES, splits: Sequence[str] = DEV_SPLITS
) -> list[dict[str, Any]]:
    """The development rows of ``splits`` of the labelled sentences; never ``test``."""
    if "test" in splits:
        raise ValueError("the held-out test half is not read here")
    if not path.is_file():
        raise DataError(f"the labelled signal sentences are missing: {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["split"] in splits]


def row_article(row: dict[str, Any]) -> tuple[Any, int, int]:
    """The labelled sentence as an article (its paragraph neighbours as context; a headline
    over a neutral body for clickbait) and the sentence's ``(start, end)`` in it."""
    from veracity.ingest import article_from_text

    if row["kind"] == "clickbait":
        article = article_from_text(
            "The article body follows the headline.",
            title=row["text"],
            detect_title=False,
            remove_boilerplate=False,
        )
        return article, 0, len(article.title or "")
    before = row["before"] + " " if row["before"] else ""
    body = before + row["text"] + (" " + row["after"] if row["after"] else "")
    article = article_from_text(body, detect_title=False, remove_boilerplate=False)
    start = article.text.find(row["text"])
    return article, start, start + len(row["text"])


def rule_flags(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    """Whether the fast path's rule detector of each row's kind flags (overlaps) its sentence."""
    from veracity.nlp import analyse_text
    from veracity.signals import detect_signals, detectors

    flags = []
    for row in rows:
        article, start, end = row_article(row)
        names = [d.name for d in detectors("fast") if d.kind.value == row["kind"]]
        signals = detect_signals(analyse_text(article, "fast"), names=names)
        flags.append(any(s.start < end and s.end > start for s in signals))
    return np.array(flags, dtype=bool)


def is_question(sentence: str) -> bool:
    return sentence.rstrip(_CLOSING).endswith("?")


def _bucket(key: str, buckets: int) -> int:
    """A stable bucket of ``key`` (an article id): the straight-news halves, the dev folds."""
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % buckets


def straight_news(
    data_dir: Path, rule_kind: str | None = None
) -> tuple[list[tuple[int, list[str], int]], Path]:
    """``[(half, body sentences, words)]`` of the straight-news articles, and their file; with
    ``rule_kind``, the sentences holding each of that kind's fast-path rule hits instead."""
    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text
    from veracity.signals import detect_signals, detectors

    names = [d.name for d in detectors("fast") if d.kind.value == rule_kind]
    chosen = newsroom_articles(data_dir / STRAIGHT_NEWS, STRAIGHT_PUBLISHERS)
    articles = []
    for record in chosen:
        half = _bucket(str(record["id"]), 2)
        analysed = analyse_text(
            article_from_text(record["text"], title=record.get("title") or None), "fast"
        )
        if rule_kind is None:
            sentences = [s.text for s in analysed.body_sentences]
        else:
            hits = [analysed.sentence_at(s.start) for s in detect_signals(analysed, names=names)]
            sentences = [h.text for h in hits if h is not None]
        articles.append((half, sentences, len(analysed.text.split())))
    return articles, data_dir / STRAIGHT_NEWS / NEWS_FILE


def straight_headlines(data_dir: Path) -> list[tuple[int, str, int]]:
    """``[(half, headline, words)]`` of the straight-news articles (halves as in
    :func:`straight_news`)."""
    from veracity.ingest import article_from_text

    out = []
    for record in newsroom_articles(data_dir / STRAIGHT_NEWS, STRAIGHT_PUBLISHERS):
        half = _bucket(str(record["id"]), 2)
        article = article_from_text(record["text"], title=record.get("title") or None)
        if article.title and article.title.strip():
            out.append((half, article.title, len(article.text.split())))
    return out


def ptc_lines(data_dir: Path) -> tuple[list[str], np.ndarray, Path]:
    """PTC training lines of five or more words, and whether each overlaps a loaded span."""
    from veracity.data.ptc import TC_LABELS, corpus_dir, read_ptc_train

    texts: list[str] = []
    labels: list[int] = []
    for article in read_ptc_train(data_dir):
        spans = [(s, e) for t, s, e in article.tc_spans if t in PTC_TECHNIQUES]
        at = 0
        for line in article.text.split("\n"):
            start, end = at, at + len(line)
            at = end + 1
            if len(line.split()) < MIN_PTC_WORDS:
                continue
            texts.append(line)
            labels.append(int(any(s < end and e > start for s, e in spans)))
    return texts, np.array(labels), corpus_dir(data_dir) / TC_LABELS


def threshold_at_rate(probabilities: np.ndarray, words: int, rate: float) -> float:
    """The lowest threshold (``p >= t`` flags) flagging at most ``rate`` per 1,000 ``words``."""
    allowed = int(rate * words / 1000)
    ordered = np.sort(probabilities)[::-1]
    if allowed >= len(ordered):
        return 0.0
    return float(np.nextafter(ordered[allowed], 1.0))


def gate_at_rate(probabilities: np.ndarray, words: int, rate: float) -> float:
    """The gate (``p < gate`` drops a rule's hit) dropping ``rate`` hits per 1,000 ``words``:
    the ``rate * words / 1000`` hits of lowest probability."""
    dropped = min(int(rate * words / 1000), len(probabilities))
    if dropped == 0:
        return 0.0
    return float(np.nextafter(np.sort(probabilities)[dropped - 1], 1.0))


def _fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000, random_state=RANDOM_STATE)
    model.fit(x, y, sample_weight=weights)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def _probabilities(x: np.ndarray, coef: np.ndarray, intercept: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x.astype(np.float64) @ coef.astype(np.float64) + intercept)))


def _recall_precision(predicted: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    hits = int((predicted & (y == 1)).sum())
    return hits / max(int(y.sum()), 1), hits / max(int(predicted.sum()), 1)


def choose_head(
    x: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    rule: np.ndarray,
    negatives: np.ndarray,
    rate_vectors: np.ndarray,
    rate_words: int,
    rate: float,
    extra: tuple[np.ndarray, np.ndarray] | None,
    ptc_weights: Sequence[float],
    cue_rows: tuple[np.ndarray, np.ndarray] | None = None,
    max_precision_drop: float | None = None,
    trainable: np.ndarray | None = None,
) -> dict[str, Any]:
    """The grid setting with the best out-of-fold recall of rule-or-head at the rate budget,
    refitted on every development sentence; its out-of-fold figures and the grid's.

    ``cue_rows``: for clickbait, the development and straight-news rows with a visible cue;
    each setting is then also tried flagging only those (``needs_cue``; the threshold set over
    the straight-news rows it may flag). With ``max_precision_drop`` a setting is admissible
    only when its out-of-fold precision of rule-or-head is at most that much under the rule's;
    the best admissible one wins (the best of all, marked ``admissible: False``, when none
    is). ``trainable``: the development rows a head may be fitted on (default every row);
    every row is still scored out of fold, so that heads fitted on fewer samples are compared
    on the same sentences."""
    everything = (np.ones(len(y), dtype=bool), np.ones(len(rate_vectors), dtype=bool))
    eligibility = {False: everything} if cue_rows is None else {False: everything, True: cue_rows}
    rule_recall, rule_precision = _recall_precision(rule, y)
    if trainable is None:
        trainable = np.ones(len(y), dtype=bool)

    def stack(
        rows: np.ndarray, c_neg: float, c_ptc: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        xs = [x[rows], negatives]
        ys = [y[rows], np.zeros(len(negatives))]
        ws = [np.ones(len(rows)), np.full(len(negatives), c_neg)]
        if extra is not None and c_ptc > 0:
            xs.append(extra[0])
            ys.append(extra[1])
            ws.append(np.full(len(extra[1]), c_ptc))
        return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)

    grid = []
    flags: list[np.ndarray] = []  # each grid setting's out-of-fold head flags
    for c in GRID_C:
        for c_neg in GRID_NEGATIVE_WEIGHT:
            for c_ptc in ptc_weights:
                oof = np.zeros(len(y))
                rate_probs = np.zeros((FOLDS, len(rate_vectors)))
                for fold in range(FOLDS):
                    train = np.where((groups != fold) & trainable)[0]
                    held = groups == fold
                    coef, bias = _fit(*stack(train, c_neg, c_ptc), c)
                    oof[held] = _probabilities(x[held], coef, bias)
                    rate_probs[fold] = _probabilities(rate_vectors, coef, bias)
                for needs_cue, (eligible, rate_eligible) in eligibility.items():
                    threshold = threshold_at_rate(
                        rate_probs.mean(axis=0)[rate_eligible], rate_words, rate
                    )
                    head = (oof >= threshold) & eligible
                    recall, precision = _recall_precision(head | rule, y)
                    head_recall, head_precision = _recall_precision(head, y)
                    flags.append(head)
                    grid.append(
                        {
                            "C": c,
                            "negative_weight": c_neg,
                            "ptc_weight": c_ptc,
                            **({"needs_cue": needs_cue} if cue_rows is not None else {}),
                            "oof_recall": round(recall, 4),
                            "oof_precision": round(precision, 4),
                            "oof_head_recall": round(head_recall, 4),
                            "oof_head_precision": round(head_precision, 4),
                        }
                    )
    admissible = [
        g
        for g in grid
        if max_precision_drop is None or g["oof_precision"] >= rule_precision - max_precision_drop
    ]
    best = max(admissible or grid, key=lambda g: (g["oof_recall"], g["oof_precision"]))
    oof_head = flags[next(i for i, g in enumerate(grid) if g is best)]
    best = {**best, "admissible": bool(admissible)}
    coef, bias = _fit(
        *stack(np.where(trainable)[0], best["negative_weight"], best["ptc_weight"]), best["C"]
    )
    rate_eligible = eligibility[bool(best.get("needs_cue", False))][1]
    threshold = threshold_at_rate(
        _probabilities(rate_vectors, coef, bias)[rate_eligible], rate_words, rate
    )
    return {
        "coef": coef,
        "intercept": bias,
        "threshold": threshold,
        "chosen": best,
        "oof_head": oof_head,
        "grid": grid,
        "rule_recall": round(rule_recall, 4),
        "rule_precision": round(rule_precision, 4),
        "positives": int(y.sum()),
        "sentences": len(y),
        "negatives": len(negatives),
    }


class SentenceHeadsMetrics(TrainingMetrics):
    """The signal-heads card's metrics: per kind, out-of-fold development recall and precision
    of the rule alone and of rule-or-head at the chosen setting."""

    loaded_rule_recall: float
    loaded_oof_recall: float
    loaded_oof_precision: float
    rhetorical_rule_recall: float
    rhetorical_oof_recall: float
    rhetorical_oof_precision: float

    @property
    def summary(self) -> str:
        return (
            f"development recall out of fold, rule -> rule or head: loaded language "
            f"{self.loaded_rule_recall:.2f} -> {self.loaded_oof_recall:.2f}, rhetorical "
            f"questions {self.rhetorical_rule_recall:.2f} -> {self.rhetorical_oof_recall:.2f}"
        )


def _groups(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    return np.array([_bucket(r["source_id"], FOLDS) for r in rows])


def stop_clickbait_unseen(data_dir: Path) -> tuple[list[str], np.ndarray, list[Path]]:
    """The "Stop Clickbait" headlines the shipped headline model was *not* fitted on (its
    validation and test splits, drawn as :func:`veracity.signals.clickbait_model.train_clickbait`
    draws them), so that its log-odds on them are out of sample, with their labels."""
    from sklearn.model_selection import train_test_split

    from veracity.data.clickbait import FILES
    from veracity.signals.clickbait_model import RANDOM_STATE as SPLIT_STATE
    from veracity.signals.clickbait_model import load_headlines

    folder = data_dir / "clickbait"
    headlines, labels, _ = load_headlines(folder)
    x_rest, x_test, y_rest, y_test = train_test_split(
        headlines, labels, test_size=0.15, stratify=labels, random_state=SPLIT_STATE
    )
    _, x_val, _, y_val = train_test_split(
        x_rest, y_rest, test_size=0.15 / 0.85, stratify=y_rest, random_state=SPLIT_STATE
    )
    files = [folder / name for name in FILES.values()]
    return [*x_val, *x_test], np.concatenate([y_val, y_test]), files


def headline_model_features(title: str) -> tuple[float, float]:
    """What a clickbait head may read beside the headline's MiniLM vector: the headline
    model's log-odds (clipped to +-6.9) and the number of visible cue families."""
    from veracity.signals.clickbait import headline_cues
    from veracity.signals.clickbait_model import load_clickbait_model

    probability = min(max(load_clickbait_model().probability(title), 1e-3), 1 - 1e-3)
    families = len({label for label, _ in headline_cues(title)})
    return math.log(probability / (1 - probability)), float(families)


def _clickbait_head(
    kind_rows: list[dict[str, Any]], data_dir: Path, rate: float
) -> tuple[dict[str, Any], int, list[Path]]:
    """The clickbait head over headlines, chosen like the other heads over its variants: the
    features (MiniLM alone or with the headline model), the weight of the unseen "Stop
    Clickbait" headlines, and whether a visible cue is needed."""
    from veracity.embeddings import embed

    news = straight_headlines(data_dir)
    external, external_labels, external_files = stop_clickbait_unseen(data_dir)
    parts = {
        "dev": [r["text"] for r in kind_rows],
        "train": [t for half, t, _ in news if half == 0],
        "rate": [t for half, t, _ in news if half == 1],
        "external": external,
    }
    rate_words = sum(words for half, _, words in news if half == 1)
    extras = {
        name: np.array([headline_model_features(t) for t in texts], dtype=np.float32)
        for name, texts in parts.items()
    }
    vectors = {name: embed(texts) for name, texts in parts.items()}
    y = np.array([r["label"] for r in kind_rows])
    groups, rule = _groups(kind_rows), rule_flags(kind_rows)
    variants = []
    for features in CLICKBAIT_FEATURES:
        with_model = features == "minilm+model"
        x = {name: np.hstack([v, extras[name]]) if with_model else v for name, v in vectors.items()}
        chosen = choose_head(
            x["dev"],
            y,
            groups,
            rule,
            x["train"],
            x["rate"],
            rate_words,
            rate,
            (x["external"], external_labels),
            GRID_EXTERNAL_WEIGHT,
            cue_rows=(extras["dev"][:, 1] > 0, extras["rate"][:, 1] > 0),
            max_precision_drop=MAX_PRECISION_DROP["clickbait"],
        )
        for setting in (chosen["chosen"], *chosen["grid"]):
            setting["features"] = features
        chosen["features"] = features
        chosen["needs_cue"] = bool(chosen["chosen"]["needs_cue"])
        variants.append(chosen)
    best = max(
        variants,
        key=lambda v: (
            v["chosen"]["admissible"],
            v["chosen"]["oof_recall"],
            v["chosen"]["oof_precision"],
        ),
    )
    best["grid"] = [g for v in variants for g in v["grid"]]
    best["external_headlines"] = len(external)
    return best, rate_words, external_files


def candidate_head(kind: str, data_dir: Path) -> dict[str, Any]:
    """A head for a kind the deep path has none for (:data:`CANDIDATE_KINDS`), chosen as the
    shipped heads are (dev only, grouped folds, :data:`RATE_BUDGET`, at most
    :data:`MAX_PRECISION_DROP` precision lost): its out-of-fold figures beside the rule's, for
    ``bench/signal_head_candidates.py``. Not shipped: neither raised held-out recall."""
    from veracity.embeddings import embed

    if kind not in CANDIDATE_KINDS:
        raise ValueError(f"not a candidate kind: {kind}")
    kind_rows = [r for r in read_labelled() if r["kind"] == kind]
    if kind == "clickbait":
        chosen, rate_words, _ = _clickbait_head(kind_rows, data_dir, RATE_BUDGET[kind])
    else:
        news, _ = straight_news(data_dir)
        rate_words = sum(words for half, _, words in news if half == 1)
        chosen = choose_head(
            embed([r["text"] for r in kind_rows]),
            np.array([r["label"] for r in kind_rows]),
            _groups(kind_rows),
            rule_flags(kind_rows),
            embed([s for half, sents, _ in news if half == 0 for s in sents]),
            embed([s for half, sents, _ in news if half == 1 for s in sents]),
            rate_words,
            RATE_BUDGET[kind],
            None,
            (0.0,),
            max_precision_drop=MAX_PRECISION_DROP[kind],
        )
    chosen["rate_words"] = rate_words
    return chosen


def train_sentence_heads(data_dir: Path, out_dir: Path) -> Card:
    """Fit and choose both heads on the development sentences; save them with their card."""
    from veracity.embeddings import embed

    rows = read_labelled()
    news, news_path = straight_news(data_dir)
    ptc_texts, ptc_labels, ptc_path = ptc_lines(data_dir)
    ptc_vectors = embed(ptc_texts)
    heads: dict[str, dict[str, Any]] = {}
    report: dict[str, dict[str, Any]] = {}
    for kind in HEAD_KINDS:
        kind_rows = [r for r in rows if r["kind"] == kind]
        if not kind_rows:
            raise DataError(f"no development sentences of kind {kind} in {SENTENCES}")
        keep = is_question if kind == "rhetorical_question" else (lambda s: True)
        train_news = [s for half, sents, _ in news if half == 0 for s in sents if keep(s)]
        rate_news = [s for half, sents, _ in news if half == 1 for s in sents if keep(s)]
        rate_words = sum(words for half, _, words in news if half == 1)
        chosen = choose_head(
            embed([r["text"] for r in kind_rows]),
            np.array([r["label"] for r in kind_rows]),
            _groups(kind_rows),
            rule_flags(kind_rows),
            embed(train_news),
            embed(rate_news),
            rate_words,
            RATE_BUDGET[kind],
            (ptc_vectors, ptc_labels) if kind == "loaded_language" else None,
            GRID_PTC_WEIGHT.get(kind, (0.0,)),
        )
        heads[kind] = {k: chosen[k] for k in ("coef", "intercept", "threshold")}
        report[kind] = {
            k: v for k, v in chosen.items() if k not in ("coef", "intercept", "oof_head")
        }
        if kind in GATED_KINDS:  # drop as many rule hits on straight news as the head adds
            hits, _ = straight_news(data_dir, rule_kind=kind)
            hit_sentences = [s for half, sents, _ in hits if half == 1 for s in sents]
            probabilities = _probabilities(
                embed(hit_sentences), chosen["coef"], chosen["intercept"]
            )
            heads[kind]["gate"] = gate_at_rate(probabilities, rate_words, RATE_BUDGET[kind])
            report[kind]["gate"] = heads[kind]["gate"]
            report[kind]["rule_hits_on_rate_half"] = len(hit_sentences)
        report[kind]["rate_budget_per_1000_words"] = RATE_BUDGET[kind]
        report[kind]["rate_words"] = rate_words
    loaded, rhetorical = report["loaded_language"], report["rhetorical_question"]
    metrics = SentenceHeadsMetrics(
        loaded_rule_recall=loaded["rule_recall"],
        loaded_oof_recall=loaded["chosen"]["oof_recall"],
        loaded_oof_precision=loaded["chosen"]["oof_precision"],
        rhetorical_rule_recall=rhetorical["rule_recall"],
        rhetorical_oof_recall=rhetorical["chosen"]["oof_recall"],
        rhetorical_oof_precision=rhetorical["chosen"]["oof_precision"],
    )
    card = SPEC.new_card(
        summary=metrics.summary,
        data=data_manifest([news_path, ptc_path], data_dir),
        labelled_sentences={
            "file": str(SENTENCES.relative_to(SENTENCES.parents[2])),
            "sha256": hashlib.sha256(SENTENCES.read_bytes()).hexdigest(),
            "splits": list(DEV_SPLITS),
        },
        heads=report,
        metrics=metrics.record(),
        intended_use=(
            "deep path only: loaded_language and rhetorical_question sentences the rule "
            "detectors miss"
        ),
        limits=(
            "fitted on a few hundred hand-labelled development sentences (58 loaded, 49 "
            "rhetorical positives) from partisan, satirical and gossip news; thresholds hold "
            "false alarms on US straight news (ReCOVery, 2020) to the budget, not elsewhere."
        ),
    )
    return SPEC.save(card, out_dir, objects={HEADS_FILE: heads})
