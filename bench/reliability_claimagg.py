"""Claim-level aggregates as reliability features (fast path), leave-one-corpus-out.

Issue 15's item 2 lists "claim-level aggregates (share of check-worthy sentences without
attribution, matched known fact-checks)". Matched fact-checks were measured
(bench/reliability_factchecks.py: no win); the share of check-worthy sentences without
attribution is measured here. An article that states many checkable claims and says where none
of them comes from has a reason to score low that reads the claims, not the topic's words.

Per article, read as the fast path reads it (:func:`~veracity.nlp.analyse_text` at ``fast``, the
fast detectors' spans, no parser, no encoder): every body sentence in the first
:data:`~veracity.models.features.MAX_TEXT_CHARS` characters that could be a claim
(``claims.fast.claim_cue_score`` > 0: 5-60 words, not a question) is scored by the parser-free
check-worthiness model (``claims-batch``: TF-IDF and word cues, the model ``veracity batch
--claims`` scores with), check-worthy at its shipped threshold. A sentence's source: *named*
when it or a neighbouring sentence holds a reporting verb or "according to" (the style pass's
attribution pattern), a quotation mark or a cited outlet (the ``outlet_citation`` detector's
span); *vague* when instead the sentence or a neighbour holds a vague attribution ("sources
say", the ``vague_attribution`` detector); *none* otherwise (the sentence itself is read first,
then its neighbours). Columns (:data:`COLUMNS`):

- ``cw_share``: check-worthy sentences / body sentences;
- ``cw_unsourced_share``: check-worthy sentences with no source / check-worthy sentences;
- ``cw_vague_share``: check-worthy sentences whose only source is vague / check-worthy ones;
- ``cw_unsourced_figures``: check-worthy sentences with a figure (a digit) and no source / body
  sentences;
- ``cw_mean`` / ``cw_max``: the mean and highest check-worthiness score of the scored sentences.

An article with no check-worthy sentence reads 0 in the shares of them. The columns enter the
shipped fast configuration's combiner beside the signal counts, standardised on each fold's
training rows, with free signs, on the folds of ``bench/reliability_report.py
--per-fold-vocabulary`` (bench/_loco.py); the shipped configuration and TF-IDF+LR are refitted
in the same run.

Rule, fixed before the run (docs/benchmarks.md's section says it first): a setting is kept only
if its LOCO mean is at least :data:`MIN_MEAN_GAIN` above the shipped configuration's in this run
AND its worst fold is not below the shipped configuration's; otherwise it is recorded as
measured, not kept, and the product is not touched. Cost: the fast path all-in (``veracity
batch``'s ``analyze_many(depth="fast")``, reliability scored) and the aggregates on the same
articles, in one process (:data:`COST_ARTICLES` fold articles, every 40th).

Usage: ``/work/notes/heavy --slot loco nice -n 10 .venv/bin/python bench/reliability_claimagg.py
--write``; ``--render`` rewrites the section from the saved run.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _loco import (  # noqa: E402  (bench/ on the path first)
    LocoRun,
    LocoSetup,
    auc_table,
    cached_fold,
    fold_aucs,
    setting_main,
    setting_outcome,
    setting_system,
    shipped_tables,
    standardised_columns,
    with_columns_system,
)

DEFAULT_CACHE = Path("/tmp/loco-claimagg-cache")
START = "<!-- reliability-claimagg:start -->"
END = "<!-- reliability-claimagg:end -->"
COMMAND = (
    "/work/notes/heavy --slot loco nice -n 10 .venv/bin/python bench/reliability_claimagg.py "
    "--write"
)
MIN_MEAN_GAIN = 0.005  # fixed before the run
COST_ARTICLES = 400
CHUNK = 100  # articles scored in one call of the check-worthiness model, as a batch chunk
COLUMNS = (
    "cw_share",
    "cw_unsourced_share",
    "cw_vague_share",
    "cw_unsourced_figures",
    "cw_mean",
    "cw_max",
)
# name -> (label, columns read)
SETTINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "all": ("all six claim aggregates", COLUMNS),
    "sourcing": (
        "check-worthy sentences without a source, vague source, unsourced figures",
        ("cw_unsourced_share", "cw_vague_share", "cw_unsourced_figures"),
    ),
    "unsourced": ("share of check-worthy sentences without a source", ("cw_unsourced_share",)),
}
LABELS = {"shipped": "shipped fast configuration", **{k: v[0] for k, v in SETTINGS.items()}}
_QUOTES = re.compile('["“”]')
_FIGURE = re.compile(r"\d")
log = logging.getLogger("reliability_claimagg")


class FeatureAuc(BaseModel):
    """A column's own ranking inside one held-out corpus (higher read as unreliable)."""

    column: str
    per_fold: dict[str, float]


class ClaimAggRun(LocoRun):
    feature_auc: list[FeatureAuc]
    column_means: dict[str, dict[str, float]]  # column -> fold -> mean over the fold's rows
    threshold: float  # the batch model's check-worthy threshold
    sentences_per_article: float  # sentences scored per fold article
    fast_ms_per_article: float  # the fast path all-in, CPU ms per article
    aggregate_ms_per_article: float  # the aggregates on the same articles
    cost_articles: int


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def sentence_sources(analysed: Any, signals: Sequence[Any], sentences: Sequence[Any]) -> list[str]:
    """``named`` / ``vague`` / ``none`` for each of ``sentences`` (body sentences in order):
    the sentence itself read first, then the sentences beside it."""
    from veracity.models.style import _ATTRIBUTED

    outlets = [(s.start, s.end) for s in signals if s.kind.value == "outlet_citation"]
    vague = [(s.start, s.end) for s in signals if s.kind.value == "vague_attribution"]
    text = analysed.text
    own = []
    for sentence in sentences:
        start, end = sentence.start, sentence.end
        if (
            _ATTRIBUTED.search(text, start, end) is not None
            or _QUOTES.search(text, start, end) is not None
            or _overlaps(outlets, start, end)
        ):
            own.append("named")
        elif _overlaps(vague, start, end):
            own.append("vague")
        else:
            own.append("none")
    sources = []
    for i, source in enumerate(own):
        beside = own[max(i - 1, 0) : i + 2]
        if source != "none":
            sources.append(source)
        elif "named" in beside:
            sources.append("named")
        elif "vague" in beside:
            sources.append("vague")
        else:
            sources.append("none")
    return sources


class ArticleSentences(BaseModel):
    """What the aggregates read of one article before its sentences are scored."""

    n_body: int
    texts: list[str]  # the scored sentences
    sources: list[str]
    figures: list[bool]


def article_sentences(analysed: Any, signals: Sequence[Any]) -> ArticleSentences:
    """The body sentences (first MAX_TEXT_CHARS characters) that could be claims, each with its
    source and whether it gives a figure."""
    from veracity.claims.fast import claim_cue_score
    from veracity.models.features import MAX_TEXT_CHARS

    body = [s for s in analysed.body_sentences if s.start < MAX_TEXT_CHARS]
    sources = sentence_sources(analysed, signals, body)
    scored = [(s, src) for s, src in zip(body, sources, strict=True) if claim_cue_score(s.text)]
    return ArticleSentences(
        n_body=len(body),
        texts=[s.text for s, _ in scored],
        sources=[src for _, src in scored],
        figures=[_FIGURE.search(s.text) is not None for s, _ in scored],
    )


def aggregates(article: ArticleSentences, scores: np.ndarray, threshold: float) -> list[float]:
    """The :data:`COLUMNS` of one article from its sentences' check-worthiness scores."""
    if not article.texts:
        return [0.0] * len(COLUMNS)
    worthy = scores >= threshold
    sources = np.array(article.sources)
    figures = np.array(article.figures)
    n_worthy = int(worthy.sum())
    n_body = max(article.n_body, 1)
    unsourced = worthy & (sources == "none")
    return [
        n_worthy / n_body,
        float(unsourced.sum()) / n_worthy if n_worthy else 0.0,
        float((worthy & (sources == "vague")).sum()) / n_worthy if n_worthy else 0.0,
        float((unsourced & figures).sum()) / n_body,
        float(scores.mean()),
        float(scores.max()),
    ]


def chunk_aggregates(
    parts: Sequence[ArticleSentences], model: Any, threshold: float
) -> list[list[float]]:
    """:func:`aggregates` of a chunk of articles, their sentences scored in one call."""
    texts = [t for part in parts for t in part.texts]
    scores = model.predict_proba(texts)[:, 1] if texts else np.zeros(0)
    rows, at = [], 0
    for part in parts:
        rows.append(aggregates(part, scores[at : at + len(part.texts)], threshold))
        at += len(part.texts)
    return rows


def analysed_with_signals(article: Any) -> tuple[Any, list[Any]]:
    """An article read as the fast path reads it: its analysed text and the fast detectors'
    signals."""
    from veracity.nlp import analyse_text
    from veracity.nlp.language import guess_language, reads_as_english
    from veracity.signals import detect_signals

    analysed = analyse_text(article, "fast")
    english = reads_as_english(article.text, guess_language(article.text))
    return analysed, detect_signals(analysed, english=english)


def table_features(table: Any, cache: Path) -> tuple[np.ndarray, float, float]:
    """Every row's :data:`COLUMNS`, the batch model's threshold and the sentences scored per
    article; cached."""
    from veracity.claims.model import (
        batch_checkworthiness_threshold,
        load_batch_checkworthiness_model,
    )
    from veracity.models.features import record_article

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for record, text, signals in zip(table.records, table.texts, table.signals, strict=True):
        digest.update(f"{record.id}\0{sorted(signals.items())}".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    path = cache / f"features-{digest.hexdigest()[:12]}.pkl"

    def compute() -> tuple[np.ndarray, float, float]:
        model, threshold = load_batch_checkworthiness_model(), batch_checkworthiness_threshold()
        rows: list[list[float]] = []
        scored = 0
        for first in range(0, len(table.records), CHUNK):
            parts = []
            for record in table.records[first : first + CHUNK]:
                article = record_article(record)
                part = (
                    ArticleSentences(n_body=0, texts=[], sources=[], figures=[])
                    if article is None
                    else article_sentences(*analysed_with_signals(article))
                )
                scored += len(part.texts)
                parts.append(part)
            rows += chunk_aggregates(parts, model, threshold)
            if first % 2000 == 0:
                log.info("claim aggregates: %d/%d articles", first, len(table.records))
        return np.asarray(rows, dtype=np.float64), threshold, scored / len(table.records)

    return cached_fold(path, "claim aggregates", log, compute)


def measure_cost(table: Any) -> tuple[float, float, int]:
    """CPU ms per article of the fast path all-in and of the aggregates on the same fold
    articles (every 40th, :data:`COST_ARTICLES`), models loaded first, one process."""
    from veracity.claims.model import (
        batch_checkworthiness_threshold,
        load_batch_checkworthiness_model,
    )
    from veracity.models.features import record_article
    from veracity.models.loco import FOLDS
    from veracity.pipeline import analyze_many

    rows = table.rows(list(FOLDS))[::40][:COST_ARTICLES]
    articles = [a for a in (record_article(table.records[i]) for i in rows) if a is not None]
    model, threshold = load_batch_checkworthiness_model(), batch_checkworthiness_threshold()
    list(analyze_many(articles[:20], depth="fast", explain=False))  # models loaded
    chunk_aggregates([article_sentences(*analysed_with_signals(a)) for a in articles[:5]],
                     model, threshold)  # fmt: skip
    started = time.process_time()
    list(analyze_many(articles, depth="fast", batch_size=CHUNK))
    fast = time.process_time() - started
    read = [analysed_with_signals(a) for a in articles]  # the fast path has these already
    started = time.process_time()
    for first in range(0, len(read), CHUNK):
        parts = [article_sentences(*pair) for pair in read[first : first + CHUNK]]
        chunk_aggregates(parts, model, threshold)
    extra = time.process_time() - started
    return 1000.0 * fast / len(articles), 1000.0 * extra / len(articles), len(articles)


def run(cache: Path) -> ClaimAggRun:
    from veracity.models.loco import FOLDS

    loco = LocoSetup(cache)
    table = loco.table
    values, threshold, per_article = table_features(table, cache)
    fast_ms, aggregate_ms, n_cost = measure_cost(table)
    log.info("cost: fast path %.2f ms, aggregates %.2f ms per article", fast_ms, aggregate_ms)
    aucs = [
        FeatureAuc(column=c, per_fold=fold_aucs(table, values[:, j])) for j, c in enumerate(COLUMNS)
    ]
    means = {
        c: {f: round(float(values[table.rows([f]), j].mean()), 4) for f in FOLDS}
        for j, c in enumerate(COLUMNS)
    }
    kept: dict[str, dict[str, int]] = {}
    systems = {"shipped": setting_system("shipped", cache, kept)}
    for name, (_, columns) in SETTINGS.items():
        chosen = values[:, [COLUMNS.index(c) for c in columns]]
        tag = hashlib.sha256(chosen.tobytes() + Path(__file__).read_bytes()).hexdigest()[:12]
        extra = standardised_columns(chosen, [f"claims:{c}" for c in columns])
        systems[name] = with_columns_system(name, extra, cache, tag, log)
    return ClaimAggRun(
        **loco.scored(systems, LABELS),
        feature_auc=aucs,
        column_means=means,
        threshold=threshold,
        sentences_per_article=round(per_article, 2),
        fast_ms_per_article=round(fast_ms, 3),
        aggregate_ms_per_article=round(aggregate_ms, 3),
        cost_articles=n_cost,
    )


def winners(result: ClaimAggRun) -> list[str]:
    """The settings whose mean is at least :data:`MIN_MEAN_GAIN` above the shipped
    configuration's and whose worst fold is not below it, highest mean first."""
    shipped = next(row for row in result.rows if row.name == "shipped")
    found = [
        row
        for row in result.rows
        if row.name in SETTINGS
        and row.mean_macro_f1 >= shipped.mean_macro_f1 + MIN_MEAN_GAIN
        and row.worst_macro_f1 >= shipped.worst_macro_f1
    ]
    return [row.name for row in sorted(found, key=lambda row: -row.mean_macro_f1)]


def section(result: ClaimAggRun) -> str:
    """The section of docs/benchmarks.md."""
    rate = 1000.0 / result.fast_ms_per_article
    with_them = 1000.0 / (result.fast_ms_per_article + result.aggregate_ms_per_article)
    lines = [
        START,
        "### Reliability across corpora: claim-level aggregates, check-worthy sentences without "
        "a source (leave-one-corpus-out)",
        "",
        f"Generated by `{COMMAND}` ({result.seconds:.0f} s on the shared 2-core machine). Each "
        "article read as the fast path reads it: its body sentences (first 6,000 characters) "
        "that could be claims (5-60 words, not a question) scored by the parser-free "
        f"check-worthiness model (`claims-batch`, check-worthy at {result.threshold:.2f}; "
        f"{result.sentences_per_article:.1f} sentences an article); a sentence's source is "
        '*named* when it or a sentence beside it holds a reporting verb or "according to", a '
        "quotation mark or a cited outlet (`outlet_citation`), *vague* when instead a vague "
        "attribution (`vague_attribution`), *none* otherwise. Columns: check-worthy sentences "
        "/ body sentences (`cw_share`), check-worthy sentences with no source / check-worthy "
        "ones (`cw_unsourced_share`), with only a vague source (`cw_vague_share`), check-worthy "
        "sentences with a figure and no source / body sentences (`cw_unsourced_figures`), mean "
        "and highest score (`cw_mean`, `cw_max`); read by the shipped fast combiner beside the "
        "signal counts, standardised on each fold's training rows, free signs. Rule fixed "
        f"before the run: kept only if the mean rises by >= {MIN_MEAN_GAIN} over the shipped "
        "configuration of this run AND the worst fold does not fall. Folds, training rows, "
        "abstentions and the 0.5 cut are the LOCO matrix's; the shipped configuration and "
        "TF-IDF+LR are refitted in this run.",
        "",
        f"Cost, one process, models loaded, {result.cost_articles} fold articles (every 40th): "
        f'the fast path all-in (`analyze_many(depth="fast")`, reliability scored) '
        f"{result.fast_ms_per_article:.2f} CPU ms an article ({rate:.0f} articles/s per core on "
        f"the loaded machine); the aggregates on the same articles (sentences, sources, one "
        f"check-worthiness call per {CHUNK} articles) {result.aggregate_ms_per_article:.2f} ms "
        f"more (+{result.aggregate_ms_per_article / result.fast_ms_per_article:.0%}: "
        f"{with_them:.0f} articles/s per core with them).",
        "",
    ]
    lines += shipped_tables(result, lambda row: row.name in SETTINGS)
    lines += auc_table(
        "Each column alone, its AUC for *unreliable* inside each held-out corpus (higher value "
        "read as unreliable; 0.5 is chance):",
        ["column"],
        [([auc.column], auc.per_fold) for auc in result.feature_auc],
        list(result.folds),
    )
    lines += [
        "",
        "Column means per held-out corpus:",
        "",
        "| column | " + " | ".join(result.folds) + " |",
        "|" + "---|" * (len(result.folds) + 1),
    ]
    for column, per_fold in result.column_means.items():
        lines.append(
            f"| {column} | " + " | ".join(f"{per_fold[f]:.3f}" for f in result.folds) + " |"
        )
    lines += setting_outcome(
        result,
        lambda row: row.name in SETTINGS,
        [LABELS[n] for n in winners(result)],
        f"Mean up by >= {MIN_MEAN_GAIN} with the worst fold not lower: ",
        f"No setting raises the mean by {MIN_MEAN_GAIN} without lowering the worst fold: "
        "measured, not kept (the reliability model reads no claim aggregate).",
    )
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    setting_main(__doc__, DEFAULT_CACHE, "claimagg.json", ClaimAggRun, run, section, START, END)


if __name__ == "__main__":
    main()
