"""The pipeline: ingest -> nlp -> signals -> reliability -> claims -> report.

:func:`analyze` takes one article, :func:`analyze_many` a stream of them in batches (batch
runs, several inputs); every report is built once, here. Two paths share it. ``fast``: tokenizer-level analysis and linear models only (corpus
triage). ``deep``: spaCy's full pipeline (a reader's single article).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from veracity._version import __version__
from veracity.errors import (
    OUT_OF_SPACE_ERRNOS,
    InputError,
    InputTooLargeError,
    ModelError,
    VeracityError,
)
from veracity.ingest import Article, load_article
from veracity.ingest.opinion import opinion_note, press_release_note
from veracity.ingest.text import clean_text
from veracity.ingest.urls import publisher_domain
from veracity.models import ReliabilityOutcome, label_for, score_reliability_batch
from veracity.nlp import AnalysedText, analyse_text
from veracity.nlp.document import Depth
from veracity.nlp.language import (
    guess_language,
    language_named,
    reads_as_english,
    undecided_language,
    undecided_language_note,
)
from veracity.report.schema import (
    MAX_LISTED_SIGNALS,
    Claim,
    Corroboration,
    DebunkMatch,
    OutletRating,
    Report,
    Signal,
    SignalKind,
    TechniqueCount,
)
from veracity.signals import detector_outputs, signal_order
from veracity.signals.propaganda import own_first, technique_counts
from veracity.sources import (
    outlet_table_ready,
    rate_article_sources,
    rated_as_another_address,
    satire_listing,
)
from veracity.threads import one_blas_thread

if TYPE_CHECKING:
    from veracity.claims.triage import Triage
    from veracity.store import Database
    from veracity.verify.index import ServedIndex


def analyze(
    source: str | Path | Article,
    *,
    depth: Depth = "deep",
    detectors: Iterable[str] | None = None,
    with_reliability: bool = True,
    index: Path | ServedIndex | None = None,
) -> Report:
    """Analyse one article (an :class:`Article`, a path, ``-`` or a URL) into a :class:`Report`.

    ``index``: an evidence index folder (``veracity index``), or a server's loaded one, to
    verify the claims against.
    """
    article = source if isinstance(source, Article) else load_article(source)
    [report] = analyze_many(
        [article], depth=depth, detectors=detectors, with_reliability=with_reliability, index=index
    )
    return report


@overload
def analyze_many(
    articles: Iterable[Article],
    *,
    depth: Depth = ...,
    claims: bool | None = ...,
    detectors: Iterable[str] | None = ...,
    with_reliability: bool = ...,
    index: Path | ServedIndex | None = ...,
    explain: bool = ...,
    batch_size: int = ...,
    errors: Literal["raise"] = ...,
) -> Iterator[Report]: ...


@overload
def analyze_many(
    articles: Iterable[Article],
    *,
    depth: Depth = ...,
    claims: bool | None = ...,
    detectors: Iterable[str] | None = ...,
    with_reliability: bool = ...,
    index: Path | ServedIndex | None = ...,
    explain: bool = ...,
    batch_size: int = ...,
    errors: Literal["return"],
) -> Iterator[Report | Exception]: ...


def analyze_many(
    articles: Iterable[Article],
    *,
    depth: Depth = "deep",
    claims: bool | None = None,
    detectors: Iterable[str] | None = None,
    with_reliability: bool = True,
    index: Path | ServedIndex | None = None,
    explain: bool = True,
    batch_size: int = 100,
    errors: Literal["raise", "return"] = "raise",
) -> Iterator[Report | Exception]:
    """The report of each article, in order, analysed ``batch_size`` articles at a time (like
    spaCy's ``nlp.pipe``): each article goes through the text stages on its own, then the
    reliability model scores the batch at once (one sparse matrix) and, on the fast path with
    ``claims``, the batch's candidate claims are scored and matched in one call each.

    ``claims``: None finds claims where the path does (deep: every check-worthy sentence,
    verified against the fact-checks and ``index``); True also on the fast path (its
    parser-free model and screened debunk matching, :mod:`veracity.claims.fast`); False never.
    ``explain=False`` leaves the reliability's ``top_features`` empty.
    ``errors="return"`` puts a failed article's exception in its place instead of raising it;
    a missing model (:class:`ModelError`) or a full disk would fail every article, so those
    are raised either way.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    options = _Options(depth, claims, detectors, with_reliability, index, explain, errors)
    pending = iter(articles)
    while batch := list(islice(pending, batch_size)):
        yield from _analyse_batch(batch, options)


def analyze_sources(
    sources: Iterable[str],
    *,
    depth: Depth = "deep",
    index: Path | ServedIndex | None = None,
    corroborate: bool = False,
    batch_size: int = 100,
) -> Iterator[tuple[str, Report | VeracityError]]:
    """Each source (a path, ``-`` or a URL) with its report, or the :class:`VeracityError` that
    stopped it, in order: the readable ones go through :func:`analyze_many` ``batch_size`` at a
    time (reliability scored per batch, as in batch runs); with ``corroborate``, each report
    then goes through :func:`corroborate_report`. Other exceptions are raised."""
    if isinstance(index, Path):  # read once for every source and its corroboration
        from veracity.verify.index import ServedIndex

        index = ServedIndex(index)
    pending = iter(sources)
    while chunk := list(islice(pending, batch_size)):
        loaded: list[tuple[str, Article | VeracityError]] = []
        for source in chunk:
            try:
                loaded.append((source, load_article(source)))
            except VeracityError as exc:
                loaded.append((source, exc))
        articles = [item for _, item in loaded if isinstance(item, Article)]
        reports = iter(
            analyze_many(articles, depth=depth, index=index, batch_size=batch_size, errors="return")
        )
        for source, item in loaded:
            if isinstance(item, VeracityError):
                yield source, item
                continue
            result = next(reports)
            if isinstance(result, Report) and corroborate:
                try:
                    result = corroborate_report(result, index=index)
                except VeracityError as exc:
                    result = exc
            if not isinstance(result, Report | VeracityError):
                raise result
            yield source, result


@dataclass(frozen=True)
class _Options:
    depth: Depth
    claims: bool | None
    detectors: Iterable[str] | None
    with_reliability: bool
    index: Path | ServedIndex | None
    explain: bool
    errors: Literal["raise", "return"]

    @property
    def deep_claims(self) -> bool:
        return self.depth == "deep" and self.claims is not False

    @property
    def fast_claims(self) -> bool:
        return self.depth == "fast" and self.claims is True


@dataclass(frozen=True)
class _Analysed:
    """One article through the text stages (and, on the deep path, the claim stages)."""

    article: Article
    text: AnalysedText
    signals: _FoundSignals
    language: str | None
    english: bool  # nlp.language.reads_as_english: decides the signals' and the claims' scope
    claims: list[Claim]
    claim_notes: list[str]


@dataclass(frozen=True)
class _FoundSignals:
    """An article's signals as a report holds them: at most ``MAX_LISTED_SIGNALS`` of each kind
    (the first in the text), every one counted, so that a report, and the memory an article
    holds once its signals are found, stay bounded however many its text sets off.

    ``scored`` is what the reliability model reads: the listed signals, then each signal left
    out as one stand-in of its kind and detector repeated (a reference, not a copy). The model
    reads the count of each kind from each detector (``models.features.signal_row``) and the
    first few spans of a kind (``models.explain.signal_spans``), both the same as with every
    signal found; ``techniques`` are counted from every signal found.
    """

    listed: list[Signal]
    counts: dict[str, int]
    not_listed: dict[str, int]
    scored: list[Signal]
    techniques: list[TechniqueCount]


def _found_signals(outputs: Iterable[Iterable[Signal]]) -> _FoundSignals:
    """Each detector's signals (:func:`veracity.signals.detector_outputs`) bounded for a report,
    one detector's at a time: what is listed is what :func:`veracity.signals.detect_signals`
    would give, cut to the first ``MAX_LISTED_SIGNALS`` of each kind."""
    counts: Counter[str] = Counter()
    kept: list[Signal] = []  # at most MAX_LISTED_SIGNALS of a kind from each detector
    left_out: Counter[tuple[SignalKind, str]] = Counter()
    stand_ins: dict[tuple[SignalKind, str], Signal] = {}
    techniques: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    described: dict[str, TechniqueCount] = {}

    def leave_out(signal: Signal) -> None:
        key = (signal.kind, signal.detector)
        left_out[key] += 1
        stand_ins.setdefault(key, signal)

    for output in outputs:
        found = list(output)
        if not found:  # over half the fast detectors' outputs on news articles
            continue
        for entry in technique_counts(found):
            techniques[entry.technique] += entry.count
            quoted[entry.technique] += entry.quoted
            described.setdefault(entry.technique, entry)
        if len(found) <= MAX_LISTED_SIGNALS:  # no kind over the bound: every signal kept
            counts.update(signal.kind.value for signal in found)
            kept += sorted(found, key=signal_order)
            continue
        seen: Counter[str] = Counter()
        for signal in sorted(found, key=signal_order):
            counts[signal.kind.value] += 1
            seen[signal.kind.value] += 1
            if seen[signal.kind.value] <= MAX_LISTED_SIGNALS:
                kept.append(signal)
            else:
                leave_out(signal)
    kept.sort(key=signal_order)  # stable: ties keep the detectors' order, as detect_signals
    listed: list[Signal] = []
    shown: Counter[str] = Counter()
    if not left_out and len(kept) <= MAX_LISTED_SIGNALS:  # every signal found is listed
        listed, shown = kept, counts
    else:
        for signal in kept:
            shown[signal.kind.value] += 1
            if shown[signal.kind.value] <= MAX_LISTED_SIGNALS:
                listed.append(signal)
            else:
                leave_out(signal)
    scored = listed + [s for key, n in left_out.items() for s in [stand_ins[key]] * n]
    # each kind in the order its first signal comes in the text, as every signal would give
    by_kind = {kind: counts[kind] for kind in dict.fromkeys(s.kind.value for s in listed)}
    not_listed = {kind: n - shown[kind] for kind, n in by_kind.items() if n > shown[kind]}
    return _FoundSignals(
        listed,
        by_kind,
        not_listed,
        scored,
        own_first(
            described[technique].model_copy(update={"count": n, "quoted": quoted[technique]})
            for technique, n in techniques.items()
        ),
    )


def _not_listed_note(not_listed: dict[str, int]) -> list[str]:
    if not not_listed:
        return []
    more = ", ".join(f"{n:,} {kind.replace('_', ' ')}" for kind, n in sorted(not_listed.items()))
    return [
        f"Too many signals to list: the report lists the first {MAX_LISTED_SIGNALS:,} of each "
        f"kind in the text, and leaves out {more} (signal_counts counts every one; the score "
        "read them all)."
    ]


def _analyse_batch(articles: list[Article], options: _Options) -> list[Report | Exception]:
    if options.depth != "deep":
        return _analyse_chunk(articles, options)
    with one_blas_thread():  # the deep path's small numpy products: see veracity.threads
        return _analyse_chunk(articles, options)


def _analyse_chunk(articles: list[Article], options: _Options) -> list[Report | Exception]:
    analysed: list[_Analysed | Exception] = []
    for article in articles:
        try:
            analysed.append(_analyse_article(article, options))
        except Exception as exc:
            analysed.append(_kept_failure(exc, options))
    done = [a for a in analysed if isinstance(a, _Analysed)]
    outcomes: list[ReliabilityOutcome | Exception | None] = (
        _score(done, options) if options.with_reliability else [None] * len(done)
    )
    if options.fast_claims and done:
        done = _with_fast_claims(done)
    reports: list[Report | Exception] = []
    results = iter(zip(done, outcomes, strict=True))
    for item in analysed:
        if isinstance(item, Exception):
            reports.append(item)
            continue
        part, outcome = next(results)
        if isinstance(outcome, Exception):
            reports.append(_kept_failure(outcome, options))
        else:
            reports.append(_report(part, outcome, options.depth))
    return reports


def _analyse_article(article: Article, options: _Options) -> _Analysed:
    if options.depth != "deep":
        return _text_stages(article, options)
    # the deep stages read MiniLM's states of mostly the same sentences: one pass per text
    from veracity.embeddings.memo import sharing_token_states

    with sharing_token_states():
        return _text_stages(article, options)


def _text_stages(article: Article, options: _Options) -> _Analysed:
    text = analyse_text(article, options.depth)
    language = guess_language(article.text)
    english = reads_as_english(article.text, language)
    signals = _found_signals(detector_outputs(text, options.detectors, english=english))
    claim_notes = [] if english else [_not_english_signals_note(language)]
    if undecided_language(article.text, language):
        claim_notes.append(undecided_language_note(language))
    claims: list[Claim] = []
    if options.deep_claims and not english:
        claim_notes.append(_not_english_claims_note(language))
    elif options.deep_claims:  # the claim models load only here: the fast path never needs them
        from veracity.claims import extract_claims
        from veracity.claims.triage import claim_speakers
        from veracity.verify import verify_claims

        claims = verify_claims(
            extract_claims(text, notes=claim_notes),
            index=options.index,
            notes=claim_notes,
            source_text=article.text,
        )
        # who says each claim, as `veracity claims` reads the text (a turn's, a post's)
        spoken = claim_speakers(text.text, [(claim.start, claim.end) for claim in claims])
        claims = [
            claim.model_copy(update={"speaker": who}) if who else claim
            for claim, who in zip(claims, spoken, strict=True)
        ]
    return _Analysed(article, text, signals, language, english, claims, claim_notes)


def _not_english_signals_note(language: str | None) -> str:
    return (
        f"No signals from its wording: the text reads as {language_named(language)}, not "
        "English, and the signal detectors read English wording; only citations of news outlets "
        "were looked for."
    )


def _not_english_claims_note(language: str | None) -> str:
    return (
        f"No claims: the text reads as {language_named(language)}, not English, and the "
        "check-worthiness, fact-check and evidence models learned from English statements only."
    )


def _kept_failure(exc: Exception, options: _Options) -> Exception:
    """The exception, to stand in the failed article's place; raised when the caller asked
    for that, or when it would fail every article."""
    fails_all = isinstance(exc, ModelError) or (
        isinstance(exc, OSError) and exc.errno in OUT_OF_SPACE_ERRNOS
    )
    if options.errors == "raise" or fails_all:
        raise exc
    return exc


def _score(
    analysed: list[_Analysed], options: _Options
) -> list[ReliabilityOutcome | Exception | None]:
    """The batch's reliability at once; article by article if the batch fails, to find the one
    that broke it and score the others."""
    texts = [a.text.text for a in analysed]
    titles = [a.text.article.title for a in analysed]
    signals = [a.signals.scored for a in analysed]
    # a short text read as English although guessed otherwise (nlp.language.undecided_language)
    # is English to the reliability model too: it abstains on its length, not on its language
    languages = ["en" if a.english and a.language else a.language for a in analysed]
    score = partial(score_reliability_batch, explain=options.explain, depth=options.depth)
    try:
        return list(score(texts, signals, languages=languages, titles=titles))
    except ModelError:
        raise
    except Exception:
        results: list[ReliabilityOutcome | Exception | None] = []
        for text, title, found, language in zip(texts, titles, signals, languages, strict=True):
            try:
                results.extend(score([text], [found], languages=[language], titles=[title]))
            except ModelError:
                raise
            except Exception as exc:
                results.append(exc)
        return results


def _with_fast_claims(analysed: list[_Analysed]) -> list[_Analysed]:
    """The batch with its fast-path claims, matched against the fact-checks in one screened call."""
    from veracity.claims.fast import extract_claims_fast
    from veracity.verify.factchecks import match_debunks_if_built

    english = [a.english for a in analysed]
    # text that is not English gets no claims: the claim models read English only
    texts = [a.text for a in analysed if a.english]
    extracted = iter(extract_claims_fast(texts) if texts else [])
    found = [next(extracted) if e else [] for e in english]
    skipped: list[str] = []
    matches = iter(
        match_debunks_if_built(
            [c.text for cs in found for c in cs], skipped, screen=True, predicates=False
        )
    )
    result = []
    for part, claims, is_english in zip(analysed, found, english, strict=True):
        matched = [c.model_copy(update={"debunk_matches": next(matches)}) for c in claims]
        matched.sort(key=lambda claim: -(claim.score or 0.0))
        notes = part.claim_notes + (skipped if claims else [])
        if not is_english:
            notes.append(_not_english_claims_note(part.language))
        result.append(replace(part, claims=matched, claim_notes=notes))
    return result


def _satire_notes(outlets: list[OutletRating]) -> list[str]:
    """A note when a rating list files the article's publisher under satire."""
    for outlet in outlets:
        if outlet.role == "publisher" and (listing := satire_listing(outlet)) is not None:
            return [
                f"The publisher, {outlet.outlet}, is listed as satire ({listing.source}, "
                f"{listing.date}): its stories are not meant to be read as fact, and the "
                "reliability score reads only their writing style and sourcing."
            ]
    return []


def _rated_address_notes(article: Article, outlets: list[OutletRating]) -> list[str]:
    """A note when the publisher's rating was made for another address of the same outlet
    (probe s46: an article at sputniknews.com showed "Sputnik (sputnikglobe.com)" and no word of
    why): which address the rating is for, and why it stands for this one."""
    host = publisher_domain(article.source_domain or article.source_url)
    if host is None or article.source_from == "page":
        return []
    for outlet in outlets:
        if outlet.role == "publisher" and (
            why := rated_as_another_address(outlet, host, "this article's address")
        ):
            return [f"The publisher is {why}"]
    return []


def _tables_note(article: Article) -> list[str]:
    """What a report says when its page's data tables are not in the text it read."""
    n = article.tables_left_out
    if not n:
        return []
    return [
        f"The page's {n} data table(s) were left out of the text read: their figures are "
        "neither shown here nor checked as claims."
    ]


# What a report says of a headline over a page that is otherwise site furniture (ingest keeps the
# headline as its title, the body empty): "too short" alone read as a text cut by the reader.
FURNITURE_BODY_NOTE = (
    "Only the headline was read: the rest of the page is site furniture (menus, buttons, a "
    "cookie or consent notice, a paywall), left out as on every page, so there is no article "
    "body to judge. Give the article's own text, or its page as it shows the article."
)


def _furniture_body_note(article: Article) -> list[str]:
    return [FURNITURE_BODY_NOTE] if article.body_was_furniture else []


def _address_from_page_note(article: Article) -> list[str]:
    """Where the publisher's address came from when the page named its own and no caller did."""
    if article.source_from != "page":
        return []
    return [
        f"The page gives its own address as {article.source_domain} (its og:url or canonical "
        "link), as no address was given. That is not checked, since a copied or fake page can "
        "name any site there, so the publisher is named but not rated from it. Give the address "
        "it was published at (--url, or source_url in the API) to rate the publisher."
    ]


def _report(part: _Analysed, outcome: ReliabilityOutcome | None, depth: Depth) -> Report:
    article = part.article
    outlets = rate_article_sources(article, part.signals.listed)
    return Report(
        veracity_version=__version__,
        analysis_path=depth,
        title=article.title,
        text=article.text,
        body_start=article.body_start,
        language=part.language,
        source_url=article.source_url,
        source_domain=article.source_domain,
        source_from=article.source_from,
        signals=part.signals.listed,
        signal_counts=part.signals.counts,
        signals_not_listed=part.signals.not_listed,
        propaganda_techniques=part.signals.techniques,
        reliability=outcome.reliability if outcome else None,
        reliability_status=outcome.status if outcome else None,
        outlets=outlets,
        claims=part.claims,
        notes=([outcome.note] if outcome and outcome.note else [])
        + _furniture_body_note(article)
        + _address_from_page_note(article)
        + _satire_notes(outlets)
        + _tables_note(article)
        + _rated_address_notes(article, outlets)
        + ([note] if (note := opinion_note(article)) else [])
        + ([note] if (note := press_release_note(article)) else [])
        + _missing_reference_notes()
        + _not_listed_note(part.signals.not_listed)
        + part.claim_notes,
    )


def check_claim(
    text: str, *, index: Path | ServedIndex | None = None, notes: list[str] | None = None
) -> Claim:
    """One claim with its check-worthiness, matching fact-checks and (with ``index``) a verdict.

    Without a built fact-check store, matching is skipped (the reason goes to ``notes``) when an
    ``index`` is given; with neither there is nothing to check against:
    :class:`~veracity.verify.factchecks.FactCheckStoreMissingError`.
    """
    return check_claims([claim_text_of(text)], index=index, notes=notes)[0]


def claim_text_of(text: str) -> str:
    """A claim as the models read it, or :class:`InputError` when it is empty or too long."""
    from veracity.claims.triage import MAX_CLAIM_CHARS

    # As an article's text: lone surrogates (from undecodable argv bytes) replaced, NUL,
    # control, zero-width and in-word invisible characters dropped, so none reaches the models.
    claim_text = clean_text(text.encode("utf-8", "replace").decode("utf-8"))
    if not claim_text:
        raise InputError("the claim is empty")
    if len(claim_text) > MAX_CLAIM_CHARS:
        raise InputTooLargeError(
            f"the claim is {len(claim_text):,} characters long; give one claim of at most "
            f"{MAX_CLAIM_CHARS:,} characters"
        )
    return claim_text


def check_claims(
    texts: list[str],
    *,
    index: Path | ServedIndex | None = None,
    notes: list[str] | None = None,
    lines: list[int] | None = None,
) -> list[Claim]:
    """:func:`check_claim` of each of ``texts`` (read by :func:`claim_text_of`), the evidence
    index loaded once for all. ``lines``: each claim's line in the file it came from, by which
    ``notes`` name the claims (else by their place among ``texts``, from 1)."""
    numbered = lines if lines is not None else list(range(1, len(texts) + 1))
    if len(numbered) != len(texts):
        raise ValueError("one line number per claim")
    by = "on line" if lines is not None else ""
    from veracity.claims import score_claim
    from veracity.claims.model import checkworthiness_threshold
    from veracity.verify import verify_claims
    from veracity.verify.factchecks import FactCheckStoreMissingError, load_factcheck_store

    if index is None:
        try:
            load_factcheck_store()
        except FactCheckStoreMissingError as exc:
            raise FactCheckStoreMissingError(
                f"nothing to check the claim against: {exc}, or give an evidence index "
                "(veracity index)"
            ) from None
    languages = [guess_language(text) for text in texts]
    foreign = [n for n, text in enumerate(texts) if not reads_as_english(text, languages[n])]
    with one_blas_thread():
        scored = [score_claim(text) for text in texts]
        for n in foreign:
            # The check-worthiness model learned from English statements only: no score, as
            # `veracity claims` gives none to such a line (an article gets no claims at all).
            scored[n] = scored[n].model_copy(update={"score": None, "score_status": "not_english"})
        claims = verify_claims(scored, index=index, notes=notes)
    for n in foreign:
        # Answered, not refused, as an article in another language is: but say so, with the
        # claim (JSON output, the API) and among the notes (the terminal's stderr).
        said = (
            f"reads as {language_named(languages[n])}, not English: it has no check-worthiness "
            "score (score null; the model learned from English statements only), and the "
            "fact-checks it matches and the passages and verdict it gets come from models of "
            "English text, so they say little about it."
        )
        claims[n] = claims[n].model_copy(update={"note": f"The claim {said}"})
        if notes is not None:
            named = f"The claim {by} {numbered[n]}" if by else f"Claim {numbered[n]}"
            notes.append(("The claim" if len(texts) == 1 else named) + f" {said}")
    threshold = checkworthiness_threshold()
    below = {
        n: claim.score
        for n, claim in enumerate(claims)
        if claim.score is not None and claim.score < threshold
    }
    for n, score in below.items():
        # A verdict reads as a finding about a fact: "refuted (0.98)" for "I think climate
        # change is a party issue." The model that scored the claim says it may state none.
        claims[n] = claims[n].model_copy(
            update={
                "note": " ".join(filter(None, [claims[n].note, _below_threshold(score, threshold)]))
            }
        )
    if below and notes is not None:
        notes.append(
            _below_threshold(below[0], threshold)
            if len(texts) == 1
            else (
                f"The claim(s) on lines {_numbers([numbered[n] for n in below])} ({len(below):,} "
                f"of the {len(texts):,} claims)"
                if by
                else f"Claim(s) {_numbers([numbered[n] for n in below])} of the {len(texts):,}"
            )
            + " score below the "
            f"check-worthiness threshold of {threshold:.2f}: each may state no checkable fact, "
            "and its fact-checks and verdict read it as if it did (its note says so)."
        )
    unanswered = [n for n, claim in enumerate(claims) if index is None and not claim.debunk_matches]
    for n in unanswered:
        # The claim itself says so: JSON output and the API have no stderr, and "verdict": null
        # with empty lists reads as an answer (nothing against it) rather than as no check.
        claims[n] = claims[n].model_copy(
            update={"note": " ".join(filter(None, [claims[n].note, NOTHING_CHECKED_NOTE]))}
        )
    if unanswered and notes is not None:
        # Otherwise the answer is silence: nothing printed, exit 0.
        notes.append(
            (
                "No published fact-check matches this claim"
                if len(claims) == 1
                else f"No published fact-check matches the claim(s) on lines "
                f"{_numbers([numbered[n] for n in unanswered])} ({len(unanswered):,} of the "
                f"{len(claims):,} claims)"
                if by
                else f"No published fact-check matches {len(unanswered):,} of "
                f"the {len(claims):,} claims"
            )
            + ", and no evidence index was given (--index, built with `veracity index`), so "
            "nothing here supports or refutes " + ("it." if len(claims) == 1 else "those.")
        )
    return claims


NOTHING_CHECKED_NOTE = (
    "No published fact-check matches the claim and no evidence index was searched (`veracity "
    "verify --index`, or the server's VERACITY_EVIDENCE_INDEX), so it has no verdict: nothing "
    "here supports or refutes it."
)


def _below_threshold(score: float, threshold: float) -> str:
    """The note of a claim scored below the check-worthiness threshold."""
    return (
        f"The claim scores {score:.2f} for check-worthiness, below the model's threshold of "
        f"{threshold:.2f}: it may state no checkable fact (an opinion, a question, a promise or "
        "a remark), and the fact-checks and the verdict it gets read it as if it did."
    )


def _numbers(numbers: list[int], shown: int = 10) -> str:
    """Claims by their numbers: the first ``shown``, then how many more."""
    listed = ", ".join(str(n) for n in numbers[:shown])
    return listed + (f" and {len(numbers) - shown:,} more" if len(numbers) > shown else "")


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
    sentence ranked, with the known fact-checks its check-worthy ones match (with ``by_line``,
    every line's: a list of statements is what its user asks to be checked).

    Each distinct text is matched once, as soon as its chunk is scored (matching embeds it from
    the states its scoring computed); of a transcript or an article only the check-worthy rows
    are, and a note says how many scored rows were not; when the fact-check store is not built
    here, matching is skipped and the reason goes to the notes.
    """
    from veracity.claims.triage import WORTHY_ONLY_LOOKED_UP, FactCheckRef, triage_text

    if not fact_checks:
        return triage_text(text, by_line=by_line)
    from veracity.verify.factchecks import match_debunks_if_built

    found: dict[str, list[DebunkMatch]] = {}
    skipped: list[str] = []

    def match(texts: list[str]) -> None:
        found.update(zip(texts, match_debunks_if_built(texts, skipped), strict=True))

    result = triage_text(text, by_line=by_line, on_matchable=match)
    worthy = [row for row in result.rows if row.check_worthy or (by_line and row.score is not None)]
    match([row.text for row in worthy if row.text not in found])  # none, unless nothing was scored
    result.notes.extend(dict.fromkeys(skipped))
    below = sum(1 for row in result.rows if row.score is not None and not row.check_worthy)
    if below and not skipped and not by_line:
        # An empty list reads as "no fact-check of it exists": say which rows were not asked.
        # A judgement of what was said before ("He's a liar.", 0.57) is not check-worthy at
        # any score, so the threshold alone does not say which rows were asked.
        judged = any(
            row.score is not None and row.score >= result.threshold and not row.check_worthy
            for row in result.rows
        )
        unless = ", and not only passing judgement on what was said before" if judged else ""
        result.notes.append(
            f"{WORTHY_ONLY_LOOKED_UP} (score >= "
            f"{result.threshold:.2f}{unless}); the other {below:,} scored row(s) were not "
            "looked up, so a known fact-check of one of them may exist though none is shown."
        )
    # The page of each imported review (the corpus fact-checks have none), by the name its
    # matches carry, as the ClaimReview export finds it.
    pages = _review_pages() if any(found.values()) else {}
    for row in worthy:
        row.fact_checks = [
            FactCheckRef(
                statement=m.statement,
                rating=m.verdict,
                fact_checker=m.source,
                url=pages.get(m.source),
                similarity=m.similarity,
                match_type=m.match_type,
            )
            for m in found[row.text]
        ]
    return result


def _review_pages() -> dict[str, str]:
    """The page of each imported ClaimReview that has one, by its matches' ``source``."""
    from veracity.claimreview.store import read_reviews, source_label

    return {source_label(review): review.url for review in read_reviews().values() if review.url}


def corroborate_report(
    report: Report,
    *,
    database: Database | None = None,
    database_url: str | None = None,
    index: Path | ServedIndex | None = None,
) -> Report:
    """The report with its ``corroboration`` against the store's history (``database``, else
    the one ``database_url`` opens) and the documents of an evidence index, and its
    reliability score moved by that evidence."""
    from veracity.corroborate import CorpusArticle, adjust_score, corroborate_article
    from veracity.corroborate.events import minilm_embedder
    from veracity.corroborate.history import index_articles, stored_articles

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
        name="this article",
        language=report.language,
    )
    # MiniLM confirms the pairs, as in a batch: on wording alone, a store's unrelated article
    # that shares a few words joined the event (only the target's event is embedded)
    corroboration = corroborate_article(target, others, embed=minilm_embedder())
    reliability = report.reliability
    corroboration = adjust_score(corroboration, reliability.score if reliability else None)
    notes: list[str] = []
    if not others:
        # "no other independent origin reports this event" would then say nothing of them
        notes.append(NOTHING_TO_CORROBORATE_WITH)
        corroboration = corroboration.model_copy(
            update={"notes": [*corroboration.notes, NOTHING_TO_CORROBORATE_WITH]}
        )
    return with_corroboration(report, corroboration, notes=notes)


def with_corroboration(
    report: Report, corroboration: Corroboration, *, notes: Sequence[str] = ()
) -> Report:
    """A new report: ``report`` with its ``corroboration`` (its score already moved by
    :func:`veracity.corroborate.adjust_score`), the reliability score, label and model version
    that corroboration gives, and ``notes`` added (and a note when the score moved)."""
    from veracity.corroborate.corpus import corroborated_version, moved_score_note

    if (moved := moved_score_note(corroboration)) is not None:
        notes = [*notes, moved]
    reliability = report.reliability
    if reliability is not None and corroboration.score is not None:
        reliability = reliability.model_copy(
            update={
                "score": corroboration.score,
                "label": label_for(corroboration.score),
                "model_version": corroborated_version(corroboration, reliability.model_version),
            }
        )
    # validated like the first: the built one is never changed
    return Report.model_validate(
        report.model_dump()
        | {
            "corroboration": corroboration.model_dump(),
            "reliability": reliability.model_dump() if reliability is not None else None,
            "notes": [*report.notes, *notes],
        }
    )


NOTHING_TO_CORROBORATE_WITH = (
    "Corroboration had nothing to compare with: the store holds no analysed article and no "
    "evidence index was given (--index; VERACITY_EVIDENCE_INDEX for the server), so "
    "'no other independent origin reports this event' says nothing yet about what other "
    "outlets report."
)
