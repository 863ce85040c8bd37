"""The pipeline: ingest -> nlp -> signals -> reliability -> report.

Two paths share it. ``fast``: tokenizer-level analysis and linear models only (corpus
triage). ``deep``: spaCy's full pipeline (a reader's single article).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from veracity._version import __version__
from veracity.errors import InputError, InputTooLargeError
from veracity.ingest import Article, load_article
from veracity.models import score_reliability
from veracity.nlp import analyse_text
from veracity.nlp.document import Depth
from veracity.nlp.language import guess_language
from veracity.report.schema import Claim, Report
from veracity.signals import detect_signals
from veracity.signals.propaganda import technique_counts
from veracity.sources import outlet_table_ready, rate_article_sources

if TYPE_CHECKING:
    from veracity.claims.triage import Triage
    from veracity.store import Database


def analyze(
    source: str | Path | Article,
    *,
    depth: Depth = "deep",
    detectors: Iterable[str] | None = None,
    with_reliability: bool = True,
    index: Path | None = None,
) -> Report:
    """Analyse one article (an :class:`Article`, a path, ``-`` or a URL) into a :class:`Report`.

    ``index``: an evidence index folder (``veracity index``) to verify the claims against.
    """
    article = source if isinstance(source, Article) else load_article(source)
    analysed = analyse_text(article, depth)
    signals = detect_signals(analysed, detectors)
    language = guess_language(article.text)
    outcome = (
        score_reliability(analysed, signals, depth=depth, language=language)
        if with_reliability
        else None
    )
    claim_notes: list[str] = []
    claims: list[Claim] = []
    if depth == "deep":  # the claim models load only here: the fast path never needs them
        from veracity.claims import extract_claims
        from veracity.verify import verify_claims

        claims = verify_claims(extract_claims(analysed), index=index, notes=claim_notes)
    return Report(
        veracity_version=__version__,
        analysis_path=depth,
        title=article.title,
        text=article.text,
        body_start=article.body_start,
        language=language,
        source_url=article.source_url,
        source_domain=article.source_domain,
        signals=signals,
        signal_counts=dict(Counter(s.kind.value for s in signals)),
        propaganda_techniques=technique_counts(signals),
        reliability=outcome.reliability if outcome else None,
        reliability_status=outcome.status if outcome else None,
        outlets=rate_article_sources(article, signals),
        claims=claims,
        notes=([outcome.note] if outcome and outcome.note else [])
        + _missing_reference_notes()
        + claim_notes,
    )


# The API's limit too (api.schemas.ClaimVerificationRequest): a claim is a sentence or two.
MAX_CLAIM_CHARS = 2000


def check_claim(text: str, *, index: Path | None = None, notes: list[str] | None = None) -> Claim:
    """One claim with its check-worthiness, matching fact-checks and (with ``index``) a verdict.

    Without a built fact-check store, matching is skipped (the reason goes to ``notes``) when an
    ``index`` is given; with neither there is nothing to check against:
    :class:`~veracity.verify.factchecks.FactCheckStoreMissingError`.
    """
    from veracity.claims import score_claim
    from veracity.verify import verify_claims
    from veracity.verify.factchecks import FactCheckStoreMissingError, load_factcheck_store

    claim_text = text.strip()
    if not claim_text:
        raise InputError("the claim is empty")
    if len(claim_text) > MAX_CLAIM_CHARS:
        raise InputTooLargeError(
            f"the claim is {len(claim_text):,} characters long; give one claim of at most "
            f"{MAX_CLAIM_CHARS:,} characters"
        )
    if index is None:
        try:
            load_factcheck_store()
        except FactCheckStoreMissingError as exc:
            raise FactCheckStoreMissingError(
                f"nothing to check the claim against: {exc}, or give an evidence index "
                "(veracity index)"
            ) from None
    return verify_claims([score_claim(claim_text)], index=index, notes=notes)[0]


def _missing_reference_notes() -> list[str]:
    """What this machine lacks for a complete report (reference tables not built yet)."""
    notes = []
    if not outlet_table_ready():
        notes.append(
            "Outlets were not rated: the outlet table is not built on this machine "
            "(run `veracity setup` with the corpora in VERACITY_DATA_DIR)."
        )
    return notes


def triage(source: str, *, by_line: bool = False, fact_checks: bool = True) -> Triage:
    """Check-worthiness triage of a file or ``-`` (stdin): see :func:`triage_statements`."""
    from veracity.claims.triage import read_triage_input

    return triage_statements(read_triage_input(source), by_line=by_line, fact_checks=fact_checks)


def triage_statements(text: str, *, by_line: bool = False, fact_checks: bool = True) -> Triage:
    """Check-worthiness triage of a transcript, an article or a list of statements: every
    sentence ranked, with the known fact-checks its check-worthy ones match.

    Only the check-worthy rows are matched (each match embeds the sentence); when the fact-check
    store is not built here, matching is skipped and the reason goes to the notes.
    """
    from veracity.claims.triage import FactCheckRef, triage_text

    result = triage_text(text, by_line=by_line)
    if not fact_checks:
        return result
    from veracity.verify.factchecks import match_debunks_if_built

    worthy = [row for row in result.rows if row.check_worthy]
    matches = match_debunks_if_built([row.text for row in worthy], result.notes)
    for row, found in zip(worthy, matches, strict=True):
        row.fact_checks = [
            FactCheckRef(
                statement=m.statement,
                rating=m.verdict,
                fact_checker=m.source,
                similarity=m.similarity,
                match_type=m.match_type,
            )
            for m in found
        ]
    return result


def corroborate_report(
    report: Report,
    *,
    database: Database | None = None,
    database_url: str | None = None,
    index: Path | None = None,
) -> Report:
    """The report with its ``corroboration`` against the store's history (``database``, else
    the one ``database_url`` opens) and the documents of an evidence index, and its
    reliability score moved by that evidence."""
    from veracity.corroborate import CorpusArticle, adjust_score, corroborate_article
    from veracity.corroborate.history import index_articles, stored_articles
    from veracity.models import label_for

    if database is None:
        from veracity.store import open_database

        opened = open_database(database_url)
        try:
            others = stored_articles(opened)
        finally:
            opened.dispose()
    else:
        others = stored_articles(database)
    if index is not None:
        others += index_articles(index)
    target = CorpusArticle(
        id="this article",
        title=report.title,
        text=report.text[report.body_start :],
        publisher=report.source_domain,
    )
    corroboration = corroborate_article(target, others)
    reliability = report.reliability
    corroboration = adjust_score(corroboration, reliability.score if reliability else None)
    if reliability is not None and corroboration.score is not None:
        reliability = reliability.model_copy(
            update={
                "score": corroboration.score,
                "label": label_for(corroboration.score),
                "model_version": f"{corroboration.model_version}+{reliability.model_version}",
            }
        )
    return report.model_copy(update={"corroboration": corroboration, "reliability": reliability})
