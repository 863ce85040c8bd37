"""Which words are loaded, learned from news text annotated for loaded language.

VADER rates how strongly a word is felt, not whether a writer chose it to push the reader: a
neutral report says "killed", "felony" or "supreme court", and a partisan one says "farce",
"phony" or "leftist", which VADER rates weakly or not at all. The Propaganda Techniques Corpus
(PTC, SemEval-2020 Task 11) marks every span of *Loaded_Language* and *Name_Calling,Labeling*
in 371 news articles, so for each word it tells how often it sits inside such a span:

* **added**: words PTC finds inside loaded spans far more often than the 3.5% base rate:
  VADER's moderately negative words (|valence| from 1.5) in a loaded span at least half the
  time, and words VADER lacks, at least 5 times and 75% of the time;
* **dropped**: VADER's strong words (|valence| from 2.5) that PTC sees at least 5 times but
  inside a loaded span under 20% of the time: news uses them plainly.

The shares were chosen on the development half of the labelled sentences
(``tests/fixtures/signal_sentences.jsonl``) together with the false-alarm rate on wire news
(``bench/explainable_signals.py``): looser shares add words like "gross" (domestic product)
and "severe" (illness) that wire copy uses plainly.

``veracity train loaded-lexicon`` rebuilds the artefact; the detector (``loaded_language``)
reads it once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from veracity.artefacts import Card, TrainingMetrics, artefact, data_manifest
from veracity.errors import DataError

NAME = "loaded-lexicon"
LEXICON_FILE = "lexicon.joblib"
LOADED_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})
_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")

MODERATE = 1.5  # |VADER valence| from which a word PTC confirms as loaded is added
STRONG = 2.5  # |VADER valence| from which a word is charged unless PTC shows it plain
ADD_VADER_SHARE = 0.50  # share of a moderate VADER word's uses inside loaded spans to add it
ADD_NEW_SHARE = 0.75  # ... of a word VADER lacks
ADD_NEW_MIN = 5  # uses inside loaded spans for a word VADER lacks
DROP_SHARE = 0.20  # a strong word seen this rarely inside loaded spans is plain news wording
DROP_MIN = 5
NEW_WORD_VALENCE = -2.6  # a loaded word VADER lacks counts as clearly (not extremely) charged


def count_loaded_uses(data_dir: Path) -> tuple[Counter[str], Counter[str], list[Path]]:
    """``(inside, total, files)``: each word's uses inside loaded spans and in all of PTC
    train, and the files read (the technique labels, then the articles)."""
    from veracity.data.ptc import ARTICLES, TC_LABELS, corpus_dir, read_ptc_train  # training

    articles = read_ptc_train(data_dir)
    if not articles:
        raise DataError(f"no PTC train articles under {corpus_dir(data_dir) / ARTICLES}")
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for article in articles:
        spans = [(start, end) for t, start, end in article.tc_spans if t in LOADED_TECHNIQUES]
        for match in _WORD.finditer(article.text.lower()):
            word = match.group()
            total[word] += 1
            if any(start <= match.start() < end for start, end in spans):
                inside[word] += 1
    root = corpus_dir(data_dir)
    paths = [root / ARTICLES / f"article{a.article_id}.txt" for a in articles]
    return inside, total, [root / TC_LABELS, *paths]


def build_lexicon(
    inside: Counter[str], total: Counter[str], vader: dict[str, float]
) -> dict[str, Any]:
    """The words to add (with a valence) to VADER's strong words and those to drop from them."""
    added: dict[str, float] = {}
    dropped: list[str] = []
    for word, uses in total.items():
        share = inside[word] / uses
        valence = vader.get(word)
        if valence is None:
            if len(word) >= 4 and inside[word] >= ADD_NEW_MIN and share >= ADD_NEW_SHARE:
                added[word] = NEW_WORD_VALENCE
        elif -STRONG < valence <= -MODERATE and uses >= 2 and share >= ADD_VADER_SHARE:
            added[word] = float(valence)
        elif abs(valence) >= STRONG and uses >= DROP_MIN and share < DROP_SHARE:
            dropped.append(word)
    return {"added": dict(sorted(added.items())), "dropped": sorted(dropped)}


class LoadedLexiconMetrics(TrainingMetrics):
    """The loaded-lexicon card's metrics: PTC's words inside loaded spans, and the words the
    rules added to and dropped from VADER."""

    base_rate: float  # share of PTC's words inside loaded spans
    added: int
    dropped: int
    loaded_words: int
    words: int

    @property
    def summary(self) -> str:
        return (
            f"{self.added} words added, {self.dropped} dropped, from "
            f"{self.loaded_words:,} of {self.words:,} PTC words in loaded spans"
        )


def train_loaded_lexicon(data_dir: Path, out_dir: Path) -> Card:
    """Count PTC's loaded spans, build the lexicon, and save it with its card."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    inside, total, files = count_loaded_uses(data_dir)
    lexicon = build_lexicon(inside, total, SentimentIntensityAnalyzer().lexicon)
    metrics = LoadedLexiconMetrics(
        base_rate=round(sum(inside.values()) / max(sum(total.values()), 1), 4),
        added=len(lexicon["added"]),
        dropped=len(lexicon["dropped"]),
        loaded_words=sum(inside.values()),
        words=sum(total.values()),
    )
    spec = artefact(NAME)
    card = spec.new_card(
        summary=metrics.summary,
        data=data_manifest(files[:1], data_dir),
        articles=len(files) - 1,
        techniques=sorted(LOADED_TECHNIQUES),
        rules={
            "add_vader_from": MODERATE,
            "add_vader_share": ADD_VADER_SHARE,
            "add_new_share": ADD_NEW_SHARE,
            "add_new_min_uses": ADD_NEW_MIN,
            "drop_strong_from": STRONG,
            "drop_share_below": DROP_SHARE,
            "drop_min_uses": DROP_MIN,
        },
        metrics=metrics.record(),
        intended_use="word list of the loaded_language signal detector (both paths)",
        limits=(
            "PTC is 371 English articles, mostly US politics and religion (2017-2019): words "
            "loaded in other domains may be missing; counts are small, so a few added words "
            "are there by chance."
        ),
    )
    return spec.save(card, out_dir, objects={LEXICON_FILE: lexicon})


@lru_cache(maxsize=1)
def load_loaded_lexicon() -> dict[str, Any]:
    """``{"added": {word: valence}, "dropped": [word]}`` from the shipped artefact."""
    spec = artefact(NAME)
    spec.read_card()
    return spec.load_file(LEXICON_FILE)
