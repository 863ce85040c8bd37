"""Training the genre check of :mod:`veracity.models.scope` (``veracity train scope``).

English news: every LOCO fold's article (the corpora the reliability model learns from) that the
language, length and list checks score, read as the product reads an input. Texts that are not
news, one genre each, read the same way (:func:`~veracity.ingest.article_from_text`: a poem's
verse lines are joined as a hard-wrapped article's are, a forum page's comments dropped):
transcripts (CheckThat! 2024 and ClaimBuster debate sentences in their order, one to four a
paragraph, each paragraph a turn printed with a speaker's label, as transcripts print them),
feeds of posts (CONSTRAINT COVID-19 tweets, five to ten a text) and the texts written for the
project (tests/fixtures/not_news: recipes, legal terms, poems, lyrics, forum threads, code,
horoscopes, transcripts, caption pages). Each corpus's own splits and the fixture's numbers give
train / dev / test; the threshold is chosen on dev only: the largest share of dev genres caught
while the out-of-fold news abstention stays at most :data:`MAX_NEWS_ABSTAINED` overall and
:data:`MAX_FOLD_ABSTAINED` on any fold (each fold's news scored by models trained on the other
folds' news).

A debate's sentences with no speaker named are not a genre of their own (session 51): without
labels they read as a speech, which is news prose to score, and that genre abstained on op-eds,
statements and blog posts.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from veracity.artefacts import ARTEFACTS, Card, TrainingMetrics
from veracity.data import load_corpora
from veracity.errors import InputError
from veracity.ingest import article_from_text
from veracity.models.features import model_text, record_article
from veracity.models.loco import AUXILIARY, fold_of
from veracity.models.scope import LINE_COLUMNS, SCOPE_FILE, genre_row, text_abstention
from veracity.models.style import STYLE_FEATURES, style_matrix
from veracity.nlp.language import guess_language

FIXTURE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "not_news"
C = 0.1
THRESHOLDS = (0.9, 0.95, 0.98, 0.99, 0.995, 0.998)
MAX_NEWS_ABSTAINED = 0.005
MAX_FOLD_ABSTAINED = 0.02
_FIXTURE_SPLIT = {
    **dict.fromkeys("12389", "train"),
    **dict.fromkeys("46", "dev"),
    **dict.fromkeys("57", "test"),
}


class ScopeMetrics(TrainingMetrics):
    """The scope card's metrics: the threshold's abstentions on news and on the dev genres."""

    threshold: float
    news_abstained: float  # out-of-fold share of English news abstained (every fold)
    worst_fold_abstained: float
    dev_caught: dict[str, float]  # share of each dev genre's texts abstained

    @property
    def summary(self) -> str:
        caught = ", ".join(f"{g} {v:.0%}" for g, v in sorted(self.dev_caught.items()))
        return (
            f"threshold {self.threshold}: news abstained {self.news_abstained:.2%} (worst fold "
            f"{self.worst_fold_abstained:.2%}); dev caught: {caught}"
        )


def _blocks(
    items: Sequence[str], size: int, join: Callable[[Sequence[str], random.Random], str], seed: int
) -> list[str]:
    rng = random.Random(seed)
    out, i = [], 0
    while i < len(items):
        k = rng.randint(size // 2, size)
        out.append(join(items[i : i + k], rng))
        i += k
    return out


def _transcript(sentences: Sequence[str], rng: random.Random) -> str:
    paragraphs, i = [], 0
    while i < len(sentences):
        k = rng.randint(1, 4)
        paragraphs.append(" ".join(sentences[i : i + k]))
        i += k
    return "\n\n".join(paragraphs)


def _label_forms(slug: str) -> list[str]:
    """The ways a transcript prints a speaker ("rick-perry"): "RICK PERRY", "PERRY", "Rick
    Perry"."""
    words = [w for w in slug.split("-") if w.isalpha()]
    if not words:
        return []
    return [" ".join(words).upper(), words[-1].upper(), " ".join(w.title() for w in words)]


def _with_speakers(text: str, speakers: Sequence[str], rng: random.Random) -> str:
    """A debate text printed as transcripts print turns: each paragraph opens with its speaker's
    label ("MODERATOR:", "PERRY:", "Rick Perry:"), half the texts with the turn's clock time after
    it ("Rick Perry: (01:23)"), one turn a line or a blank line between turns.

    The debate corpora hold the sentences in their order without who said them; the labels are
    speakers of LIAR's statements of the same split, one print form a text (the genre check reads
    the share of lines that open with a tag, not the names)."""
    forms = [f for slug in rng.sample(list(speakers), 3) for f in _label_forms(slug)]
    form = rng.randrange(3)
    names = ["MODERATOR" if form < 2 else "Moderator", *forms[form::3]]
    clock = rng.random() < 0.5
    seconds = 0
    turns = []
    for paragraph in text.split("\n\n"):
        seconds += rng.randint(5, 60)
        stamp = f" ({seconds // 60:02d}:{seconds % 60:02d})" if clock else ""
        turns.append(f"{rng.choice(names)}:{stamp} {paragraph}")
    return ("\n" if rng.random() < 0.5 else "\n\n").join(turns)


def _liar_speakers(data_dir: Path, name: str) -> list[str]:
    with (data_dir / "liar" / f"{name}.tsv").open(encoding="utf-8") as f:
        return sorted({row[4] for row in csv.reader(f, delimiter="\t") if len(row) > 4 and row[4]})


def _as_read(text: str) -> str | None:
    """A text as the product reads every input (:func:`~veracity.ingest.article_from_text`:
    hard-wrapped lines, verse among them, joined; furniture dropped), as :func:`news` reads the
    articles; None when nothing is left."""
    try:
        return article_from_text(text).text
    except InputError:
        return None


def _feed(posts: Sequence[str], rng: random.Random) -> str:
    return "\n".join(posts)


def not_news(data_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """(genre, text) of each split: train, dev, test."""
    csv.field_size_limit(1 << 27)
    splits: dict[str, list[tuple[str, str]]] = {"train": [], "dev": [], "test": []}
    checkthat = data_dir / "checkthat2024_en"
    labelled = random.Random(4)  # the speakers' labels each debate text is printed with
    for split, name, liar in (
        ("train", "train", "train"),
        ("dev", "dev", "valid"),
        ("test", "dev-test", "test"),
    ):
        with (checkthat / f"CT24_checkworthy_english_{name}.tsv").open(encoding="utf-8") as f:
            rows = sorted(csv.DictReader(f, delimiter="\t"), key=lambda r: int(r["Sentence_id"]))
        texts = _blocks([r["Text"] for r in rows], 40, _transcript, 1)
        speakers = _liar_speakers(data_dir, liar)
        splits[split] += [("transcript", _with_speakers(t, speakers, labelled)) for t in texts]
    claimbuster = json.loads((data_dir / "claimbuster" / "kfold_20ncs.json").read_text("utf-8"))
    claimbuster.sort(key=lambda r: r["sentence_id"])
    texts = _blocks([r["text"] for r in claimbuster], 40, _transcript, 2)
    speakers = _liar_speakers(data_dir, "train")
    splits["train"] += [("transcript", _with_speakers(t, speakers, labelled)) for t in texts]
    for split, name in (("train", "train"), ("dev", "valid"), ("test", "test")):
        path = data_dir / "constraint_covid19_fakenews" / f"{name}.tsv"
        with path.open(encoding="utf-8") as f:
            posts = [r["tweet"] for r in csv.DictReader(f, delimiter="\t")]
        splits[split] += [("posts", t) for t in _blocks(posts, 10, _feed, 3)]
    for path in sorted(FIXTURE.glob("*.txt")):
        genre, number = path.stem.split("-")
        splits[_FIXTURE_SPLIT[number]].append((genre, path.read_text("utf-8")))
    read = {split: [(g, _as_read(t)) for g, t in texts] for split, texts in splits.items()}
    return {split: [(g, t) for g, t in texts if t is not None] for split, texts in read.items()}


def news(data_dir: Path) -> tuple[list[str], list[str]]:
    """The English news articles of the LOCO folds that the other checks score, and their folds."""
    texts, folds = [], []
    for record in load_corpora(data_dir=data_dir).kept:
        fold = fold_of(record)
        if fold is None or fold in AUXILIARY:
            continue
        article = record_article(record)
        if article is None or text_abstention(article.text, guess_language(article.text)):
            continue
        texts.append(article.text)
        folds.append(fold)
    return texts, folds


def features(texts: Sequence[str]) -> np.ndarray:
    """:func:`~veracity.models.scope.genre_row` of each text."""
    style = style_matrix([model_text(text) for text in texts])
    return np.array([genre_row(text, row) for text, row in zip(texts, style, strict=True)])


def fit(news_rows: np.ndarray, rows: np.ndarray, genres: Sequence[str]) -> dict[str, Any]:
    """One logistic model per genre against the news rows (each genre weighing half the news)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = news_rows.mean(axis=0), news_rows.std(axis=0) + 1e-9
    names = sorted(set(genres))
    coef, intercept = [], []
    for genre in names:
        other = rows[np.asarray(genres) == genre]
        x = (np.vstack([news_rows, other]) - mean) / scale
        y = np.r_[np.zeros(len(news_rows)), np.ones(len(other))]
        weight = np.r_[
            np.ones(len(news_rows)), np.full(len(other), len(news_rows) / len(other) / 2)
        ]
        model = LogisticRegression(C=C, max_iter=3000).fit(x, y, sample_weight=weight)
        coef.append(model.coef_[0])
        intercept.append(model.intercept_[0])
    weights = np.array(coef) / scale  # the standardisation folded into the weights
    return {
        "columns": [*STYLE_FEATURES, *LINE_COLUMNS],
        "genres": names,
        "weights": weights,
        "offsets": np.array(intercept) - weights @ mean,
    }


def best_log_odds(model: dict[str, Any], rows: np.ndarray) -> np.ndarray:
    """Each row's largest genre log-odds."""
    result: np.ndarray = (rows @ model["weights"].T + model["offsets"]).max(axis=1)
    return result


def train_scope(data_dir: Path, out_dir: Path) -> Card:
    """Fit the genre check, choose its threshold on dev, save it with its card."""
    texts, folds = news(data_dir)
    fold_of_row = np.array(folds)
    news_rows = features(texts)
    splits = not_news(data_dir)
    train_genres = [g for g, _ in splits["train"]]
    train_rows = features([t for _, t in splits["train"]])
    out_of_fold = np.zeros(len(texts))
    for fold in sorted(set(folds)):
        held = fold_of_row == fold
        model = fit(news_rows[~held], train_rows, train_genres)
        out_of_fold[held] = best_log_odds(model, news_rows[held])
    model = fit(news_rows, train_rows, train_genres)
    dev_genres = np.array([g for g, _ in splits["dev"]])
    dev = best_log_odds(model, features([t for _, t in splits["dev"]]))
    chosen: ScopeMetrics | None = None
    for threshold in THRESHOLDS:
        limit = float(np.log(threshold / (1 - threshold)))
        abstained = out_of_fold > limit
        worst = max(float(abstained[fold_of_row == f].mean()) for f in set(folds))
        caught = {g: float((dev[dev_genres == g] > limit).mean()) for g in set(dev_genres)}
        if float(abstained.mean()) <= MAX_NEWS_ABSTAINED and worst <= MAX_FOLD_ABSTAINED:
            found = ScopeMetrics(
                threshold=threshold,
                news_abstained=float(abstained.mean()),
                worst_fold_abstained=worst,
                dev_caught=caught,
            )
            if chosen is None or np.mean(list(caught.values())) > np.mean(
                list(chosen.dev_caught.values())
            ):
                chosen = found
    if chosen is None:
        raise ValueError("no threshold keeps the news abstention within its limits")
    model["log_odds_limit"] = float(np.log(chosen.threshold / (1 - chosen.threshold)))
    spec = ARTEFACTS["scope"]
    card = spec.new_card(
        summary=chosen.summary,
        metrics=chosen.record(),
        news_articles=len(texts),
        not_news_train=len(train_genres),
        intended_use="the out_of_scope check of the reliability score (both paths)",
        limits=(
            "Trained on English news of 2016-2020 (LOCO corpora), debate sentences printed as "
            "transcripts with speakers' labels, COVID-19 tweets and 29 texts written for the "
            "project (2 to 5 per genre): genres beyond these, and texts of these genres unlike "
            "the written ones, are often missed; a poem whose verse ingest joins is read as "
            "prose."
        ),
    )
    return spec.save(card, out_dir, objects={SCOPE_FILE: model})
