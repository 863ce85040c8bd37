"""Models stage: the calibrated reliability score (linear models only).

Entry points: :func:`score_reliability` (one article) and :func:`score_reliability_batch` (a
chunk of articles as one sparse matrix, for batch runs). Each shipped model is a TF-IDF +
logistic-regression text model stacked with the fast-path signal counts in a calibrating
combiner, one per path (``depth``): ``artefacts/reliability`` (fast path, the default) and
``artefacts/reliability_deep`` (deep path: the same configuration, stacked with a MiniLM
embedding of the article's opening while one beats it on LOCO, :mod:`veracity.models.deep`;
none does now). See ``docs/model-card.md``
for what the score is and is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from veracity.models.abstention import scope_decision
from veracity.models.artefact import (
    ReliabilityArtefact,
    ReliabilityScorer,
    load_artefact,
    load_scorer,
)
from veracity.models.deep import load_head, stacked_contributions, stacked_decision
from veracity.models.explain import top_contributions
from veracity.models.features import feature_frame, signal_row
from veracity.models.scope import abstention_note, form_outliers, text_abstention
from veracity.models.style import STYLE_FEATURES
from veracity.nlp import AnalysedText
from veracity.nlp.document import Depth
from veracity.nlp.language import guess_language
from veracity.report.schema import SCORE_DECIMALS, Reliability, ReliabilityStatus, Signal

__all__ = [
    "ReliabilityOutcome",
    "label_for",
    "score_reliability",
    "score_reliability_batch",
    "score_texts",
]


@dataclass(frozen=True)
class ReliabilityOutcome:
    """The score (None when the model abstains), its status and, for an abstention, a note."""

    reliability: Reliability | None
    status: ReliabilityStatus
    note: str | None = None


def score_reliability(
    analysed: AnalysedText,
    signals: list[Signal],
    *,
    depth: Depth = "fast",
    language: str | None = None,
) -> ReliabilityOutcome:
    """The calibrated probability that the article is reliable, its label and what drove it.

    ``depth`` picks the model: the fast path's or the deep path's. ``language`` is the
    identifier's guess for the text; a text the model cannot judge gets no score
    (:mod:`veracity.models.scope`).
    """
    return score_reliability_batch(
        [analysed.text],
        [signals],
        depth=depth,
        languages=[language],
        titles=[analysed.article.title],
    )[0]


def score_reliability_batch(
    texts: Sequence[str],
    signals_per_article: Sequence[Sequence[Signal]],
    *,
    explain: bool = True,
    depth: Depth = "fast",
    languages: Sequence[str | None] | None = None,
    titles: Sequence[str | None] | None = None,
) -> list[ReliabilityOutcome]:
    """:func:`score_reliability` for a chunk of articles at once (one sparse matrix).

    ``explain=False`` leaves ``top_features`` empty (batch rows carry only score and label).
    ``languages``: each text's language when already guessed (None: guessed here).
    ``titles``: each article's title, which its text starts with (None, or None for one
    article: no headline, so no headline term; :mod:`veracity.models.headline`).
    """
    if len(texts) != len(signals_per_article):
        raise ValueError("one list of signals per text is needed")
    if titles is not None and len(titles) != len(texts):
        raise ValueError("one title (or None) per text is needed")
    if not texts:
        return []
    languages = [
        language if language is not None else guess_language(text)
        for text, language in zip(texts, languages or [None] * len(texts), strict=True)
    ]
    artefact = load_scorer(depth=depth)
    scorer = artefact.scorer
    rows = [signal_row(signals, artefact.detectors) for signals in signals_per_article]
    matrix, style, headline = scorer.all_features(texts, titles)
    # Platt-scaled, then through the cut-keeping map (the explanations are rescaled from the first)
    platt = scorer.decision(matrix, rows, style, headline, mapped=False)
    log_odds = scorer.mapped(platt)
    full_style = style.shape[1] == len(STYLE_FEATURES)
    genre_style = style if full_style else [None] * len(texts)
    text_reasons = [
        text_abstention(text, language, row)
        for text, language, row in zip(texts, languages, genre_style, strict=True)
    ]
    # the product's scope decision, which the LOCO matrix's fold models read too
    decided = scope_decision(texts, style, text_reasons, scorer.out_of_scope)
    reasons, form = decided.reasons, decided.form
    head = load_head() if depth == "deep" else None
    if head is not None:  # the deep path's MiniLM lead-embedding head (models.deep)
        # embedded only for the articles that get a score: an abstention needs no MiniLM pass
        scored = [i for i, reason in enumerate(reasons) if reason is None]
        pushes = np.zeros(len(texts))
        if scored:
            log_odds = np.asarray(log_odds, dtype=np.float64).copy()
            log_odds[scored], pushes[scored] = stacked_decision(
                head, [texts[i] for i in scored], log_odds[scored]
            )
    # 1 / (1 + e^-x) as e^-log(1 + e^-x): no overflow at a text's extreme log-odds, no scipy
    scores = np.exp(-np.logaddexp(0.0, -np.asarray(log_odds, dtype=np.float64)))
    standardised = scorer.standardised_style(style) if scorer.uses_style else None
    results = []
    for i, score in enumerate(scores.tolist()):
        reason = reasons[i]
        if reason is not None:
            far = (
                form_outliers(scorer.standardised_style(form[i : i + 1])[0], scorer.scope_columns)
                if reason == "out_of_scope" and full_style
                else []
            )
            note = abstention_note(reason, texts[i], genre_style[i], far)
            results.append(ReliabilityOutcome(None, reason, note))
            continue
        contributions = (
            top_contributions(
                scorer,
                matrix[i],
                rows[i],
                texts[i],
                signals_per_article[i],
                style=None if standardised is None else standardised[i],
                headline=scorer.centred_headline(headline[i]),
                title=titles[i] if titles is not None else None,
                log_odds=float(platt[i]),
            )
            if explain
            else []
        )
        if head is not None and explain:
            contributions = stacked_contributions(head, contributions, float(pushes[i]))
        reliability = Reliability(
            score=round(score, SCORE_DECIMALS),
            label=label_for(score, artefact),
            model_version=artefact.version,
            top_features=contributions,
        )
        results.append(ReliabilityOutcome(reliability, "scored"))
    return results


def score_texts(
    texts: Sequence[str], signal_rows: Sequence[dict[str, float]] | None = None
) -> np.ndarray:
    """P(reliable) for many texts at once (batch triage); signals count as zero when not given."""
    rows = signal_rows if signal_rows is not None else [{}] * len(texts)
    return load_artefact().model.predict_proba(feature_frame(texts, rows))[:, 1]


def label_for(score: float, artefact: ReliabilityArtefact | ReliabilityScorer | None = None) -> str:
    """``unreliable`` / ``uncertain`` / ``reliable`` by the thresholds in the model card.

    The band of the score as reports give it (rounded to :data:`SCORE_DECIMALS`), so a label
    always matches its report's score: a raw 0.649996 is reported as 0.65 and labelled reliable.
    """
    low, high = (artefact or load_scorer()).thresholds
    score = round(score, SCORE_DECIMALS)
    if score < low:
        return "unreliable"
    return "reliable" if score >= high else "uncertain"
