"""Known-debunk matching: find published fact-checks whose statement matches a claim.

The store holds labelled statements from the corpora (LIAR's PolitiFact checks, CONSTRAINT's
fact-checked fake COVID-19 posts, CLIMATE-FEVER's claims) with a MiniLM vector (float16) and
a 64-permutation MinHash signature of character 5-grams each. A claim matches a record when
their wording is a near-duplicate (MinHash Jaccard) or their meaning is the same (embedding
cosine); both thresholds are calibrated on held-out paraphrases (:mod:`veracity.verify.calibrate`).

Embedding a claim costs ~15 ms of CPU, too much for every claim of a corpus; the batch path
asks for a *screened* match (``screen=True``): a claim that shares too few character 4-grams
with every statement (TF-IDF cosine below :data:`SCREEN_MIN_SIMILARITY`, ~1 ms) is neither
hashed, embedded nor matched. On the calibration dev queries, MinHash near-duplicates have a
4-gram cosine of 0.59 or more, and no dev match is lost below a bound of 0.30: 0.25 keeps a
margin, and loses no test match either (``bench/claims.py``); the matches of 1,500 political
news articles' claims sit at 0.32 and above. It is an empirical bound, not a guarantee: a
paraphrase sharing almost no wording can still be missed. The deep path never screens.

The statements are rows of research-only corpora, so the store is never shipped: ``veracity
factchecks build`` (or ``veracity setup``) writes it to ``<reference_dir>/factchecks`` on each
machine, together with its card and thresholds.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from datasketch import MinHash
from sklearn.feature_extraction.text import TfidfVectorizer

from veracity.artefacts import (
    ARTEFACTS,
    CARD_FILE,
    digest_checked_bytes,
    file_sha256,
    finite_number,
    read_regular_file,
    replaceable_by_others,
    written_by_others,
)
from veracity.errors import DataError, ModelError, unreadable
from veracity.ingest.lines import gzip_json_lines
from veracity.ingest.text import strip_hidden_characters
from veracity.nlp.document import FINITE_TAGS, SMALL_NUMBER_WORDS
from veracity.report.schema import DebunkMatch
from veracity.verify.clause_match import SUBJECTS
from veracity.verify.clause_match import clauses as sentence_clauses
from veracity.verify.cues import clauses, content_words, fold_outcome_phrases, opposite_outcomes
from veracity.verify.matcher import MatchRanker, polarity

SPEC = ARTEFACTS["factchecks"]
BUILD_COMMAND = SPEC.rebuild_command
RANKER_FILE = "matcher.joblib"
NUM_PERM = 64
SHINGLE_CHARS = 5
LSH_THRESHOLD = 0.4
DENSE_CANDIDATES = 10
SCREEN_CHARS = 4
SCREEN_MIN_SIMILARITY = 0.25
# The clause route (deep path) cuts a sentence into clauses only when its best whole-sentence
# cosine reaches this: a sentence far from every statement has no clause near one either.
# Chosen on dev only (bench/match_clauses.py --floor: the rule is in its docstring).
CLAUSE_FLOOR = 0.60
# The permutation scheme of this datasketch version; stored signatures are only valid under it.
MINHASH_SCHEME = MinHash(num_perm=NUM_PERM, seed=1).scheme

_NON_WORD = re.compile(r"[^a-z0-9%$ ]+")
_SPACES = re.compile(r"\s+")


class FactCheckStoreMissingError(ModelError):
    """The fact-check store has not been built on this machine."""


def store_dir() -> Path:
    """``<reference_dir>/factchecks``: where this machine's fact-check store lives."""
    return SPEC.directory


def imported_dir() -> Path:
    """``<reference_dir>/factchecks-imported``: fact-checks imported from ClaimReview files
    (:mod:`veracity.claimreview`), kept apart so that rebuilding the store never loses them."""
    return SPEC.directory.with_name(f"{SPEC.directory.name}-imported")


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One labelled statement of the store."""

    id: str
    statement: str
    verdict: str
    source: str
    collection: str
    speaker: str | None = None
    subject: str | None = None
    context: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A store record near a query: its index, embedding cosine and MinHash Jaccard estimate.

    ``conflict``: the two texts disagree in their figures, their polarity or their outcome (see
    :func:`claims_conflict`), so they cannot be the same claim however similar they read.
    ``probability``: the re-ranker's probability that it states the query's claim
    (:mod:`veracity.verify.matcher`), when the store has one.
    """

    index: int
    cosine: float
    jaccard: float
    conflict: bool = False
    probability: float | None = None


RERANKER_GATE_PASSED = False
"""The re-ranker's verdict on a held-out test no build or bench had read: bench/match_debates.py
(presidential debate sentences against LIAR, docs/benchmarks.md 'A new held-out test: debate
sentences against LIAR'), read once in stop 49 for the re-ranker the store build fits:
precision 1.000 but real-paraphrase recall 0.464 against the cosine rule's 0.580, so it failed.
The old held-out queries the build reads (``calibrate.shipped_rule``'s
``reranked_held_out_precision``) are read at every build and had been read ten times by
benches: they alone no longer ship it. While it is False the build ships the cosine rule, and a
store built before it whose card ships the re-ranker is read at the card's cosine-rule point
(:func:`_load_store`)."""

SWITCHED_OFF = 10.0
"""A similarity threshold no similarity reaches: that route is switched off (the re-ranker's
points switch the cosine route off; its baselines one of the two routes)."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Calibrated decision thresholds; with ``match_probability``, the re-ranker's probability
    decides the semantic matches instead of the cosine."""

    lexical_jaccard: float
    semantic_cosine: float
    match_probability: float | None = None


def normalise(text: str) -> str:
    """Lower case, punctuation dropped, spaces squashed: the text MinHash shingles."""
    text = re.sub(r"^says (that )?", "", text.lower().strip())
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def shingles(text: str) -> set[bytes]:
    """Character 5-grams of the normalised text (the whole text when shorter)."""
    squashed = normalise(text)
    if len(squashed) <= SHINGLE_CHARS:
        return {squashed.encode()}
    return {
        squashed[i : i + SHINGLE_CHARS].encode() for i in range(len(squashed) - SHINGLE_CHARS + 1)
    }


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A count written out, two to ninety-nine ("eight years", "Forty-three million", and "Fifty-7"
# as the LIAR rewrites of :mod:`veracity.verify.paraphrase` write a digit of one): "one" is left
# out, a pronoun as often as a count ("one of the people", "no one").
_UNITS = {word: value for value, word in enumerate(SMALL_NUMBER_WORDS) if value >= 2}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2
    )
}
_SPELLED = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})"
    rf"(?:[-\s](?P<unit>{'|'.join(SMALL_NUMBER_WORDS[1:10])})\b|-(?P<digit>[1-9])(?![\d.,])|\b)"
    rf"|(?P<small>{'|'.join(_UNITS)})\b)",
    re.IGNORECASE,
)


def _in_digits(match: re.Match[str]) -> str:
    if match["small"]:
        return str(_UNITS[match["small"].lower()])
    if match["unit"]:
        unit = SMALL_NUMBER_WORDS.index(match["unit"].lower())
    else:
        unit = int(match["digit"] or 0)
    return str(_TENS[match["tens"].lower()] + unit)


# A rank written out is a figure, as "25th" is: "the third-highest property tax in the nation"
# and "the second highest property tax" rank their subject differently. "first" is left out
# ("for the first time"), and so are a fraction ("a third of", "one-third") and a time unit
# ("per second"), which rank nothing.
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_SPELLED_ORDINAL = re.compile(
    rf"\b(?:(?P<fraction>a|one|per|every)[\s-]+)?(?P<rank>{'|'.join(_ORDINALS)})\b",
    re.IGNORECASE,
)


def _rank_in_digits(match: re.Match[str]) -> str:
    if match["fraction"]:
        return match[0]
    return str(_ORDINALS.index(match["rank"].lower()) + 2)


def _figures(text: str) -> set[str]:
    """The numbers of ``text`` as digits: "10,000" -> "10000", "eight" -> "8",
    "forty-three" -> "43", "third-highest" -> "3" (a scale word is not read: "$5 trillion" and
    "five million" -> "5"; nor a fraction: "a third of")."""
    text = _SPELLED_ORDINAL.sub(_rank_in_digits, _SPELLED.sub(_in_digits, text))
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


# LIAR's "Says ..." names no subject: "Says the Senate rejected the bill" is about the Senate.
_SAYS = re.compile(r"^\s*says\s+(?:that\s+)?", re.IGNORECASE)


def matching_text(text: str) -> str:
    """``text`` as it is embedded for matching: PolitiFact's leading "Says" (and "that")
    dropped, as :func:`normalise` drops it for MinHash and :func:`claims_conflict` for its
    reading ("Says Barack Obama grew up in Kenya." states "Barack Obama grew up in Kenya.").
    Embedded with it, two LIAR statements shared a word no claim in an article opens with, and
    neighbouring checks of one speaker read closer than they are (stop 40, on the store build's
    dev queries: the build's point 0.79 -> 0.78, dev precision 0.981 at both, real-paraphrase
    recall 0.555 -> 0.591; docs/benchmarks.md, 'Fact-checks embedded without "Says"')."""
    stripped = _SAYS.sub("", text)
    return stripped[:1].upper() + stripped[1:] if stripped.strip() else text


def matching_vectors(texts: Sequence[str]) -> np.ndarray:
    """The unit vectors claims and fact-checks are matched by (:func:`matching_text`, then
    MiniLM); the store's statements and every query are embedded so."""
    from veracity.embeddings import embed

    return embed([matching_text(text) for text in texts])


# Words that report a predicate as failed or unshown: "the failure of hydroxychloroquine to show
# efficacy" against "hydroxychloroquine cures COVID-19" (no negation word on either side). A
# bare "failed" is an outcome, not a predicate's failure: "the amendment failed in the Senate"
# was voted down.
_FAILURE = re.compile(
    r"\b(?:fail(?:s|ed|ing)?\s+to|failures?|unable|ineffective|unproven|useless|"
    r"lack(?:s|ed|ing)?\s+(?:of\s+)?(?:evidence|proof|efficacy|benefit))\b",
    re.IGNORECASE,
)
# A failure clause states the other text's claim when it names half its content words (and
# at least two): "... while hydroxychloroquine failed in trials" does not name "remdesivir
# shortens hospital stays".
_FAILURE_COVERAGE = 0.5
# Words are compared by their first letters: "cures" / "cure", "retracted" / "retraction".
_STEM = 4


def _reports_failure_of(claim: str, text: str) -> bool:
    """Whether a clause of ``text`` reports ``claim``'s predicate as failed or unshown (a
    failure word in a clause naming half the claim's content words) while ``claim`` has no
    failure word."""
    if _FAILURE.search(claim):
        return False
    words = content_words(claim)
    if len(words) < 2:
        return False
    needed = max(2.0, _FAILURE_COVERAGE * len(words))
    return any(
        _FAILURE.search(clause) and len(words & content_words(clause)) >= needed
        for clause in clauses(text)
    )


# A publication about a topic rather than a claim on it: a retraction ("Retraction—<title>",
# "RETRACTED: <title>"), or a study, trial or report that finds, shows or reported something
# ("..., an NIHR-supported study has reported"). Attribution to hearsay ("reports say") is not
# one.
_PUBLICATION_REPORT = re.compile(
    r"\bretract(?:ion|ions|ed|s)?\b|\b(?:stud(?:y|ies)|trials?|analys[ie]s|papers?|reports?|"
    r"reviews?|surveys?|polls?|research|findings?|investigations?|articles?)\s+(?:\w+\s+){0,2}?"
    r"(?:finds?|found|shows?|showed|shown|reported|suggests?|suggested|concludes?|concluded|"
    r"reveals?|revealed)\b",
    re.IGNORECASE,
)
# Any word naming a publication: a claim with one ("a new poll shows ...") is about one too.
_PUBLICATION = re.compile(
    r"\b(?:retract\w*|stud(?:y|ies)|trials?|analys[ie]s|papers?|reports?|reviews?|surveys?|"
    r"polls?|polling|research|findings?|investigations?|articles?)\b",
    re.IGNORECASE,
)


def _reports_publication_on(claim: str, text: str) -> bool:
    """Whether ``text`` reports a publication on ``claim``'s topic instead of stating it: a
    retraction or a study's finding (:data:`_PUBLICATION_REPORT`) where ``claim`` names no
    publication and ``text`` lacks a content word of it, its predicate ("Retraction—
    Hydroxychloroquine or chloroquine ... for treatment of COVID-19: a multinational registry
    analysis - The Lancet" for "Hydroxychloroquine cures COVID-19"). A study that states the
    whole claim ("a study showed that vaccines cause autism") still matches it."""
    if _PUBLICATION.search(claim) or not _PUBLICATION_REPORT.search(text):
        return False
    stated = {word[:_STEM] for word in content_words(text)}
    return any(word[:_STEM] not in stated for word in content_words(claim))


# What a health claim says a remedy does to an illness: treats or cures it, or prevents it.
# "No evidence hydroxychloroquine treats coronavirus, new study shows" (ReCOVery politico:0, a
# reliable outlet's headline) and "No Evidence Hydroxychloroquine Is Helpful In Preventing
# COVID-19 Study Finds" (a CONSTRAINT post labelled fake) share their drug, illness, denial and
# publication, so no other part of the guard tells them apart; they are two claims, checked apart.
_CLAIM_KINDS = (
    re.compile(
        r"\b(?:treat(?:s|ed|ing|ment|ments)?|cur(?:e|es|ed|ing)|heal(?:s|ed|ing)?|"
        r"remed(?:y|ies)|therap(?:y|ies|eutic))\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:prevent(?:s|ed|ing|ion|ive)?|protect(?:s|ed|ing|ion|ive)?\s+against|"
        r"prophyla\w*|ward(?:s|ed|ing)?\s+off)\b",
        re.IGNORECASE,
    ),
)


def _other_claim_kind(first: str, second: str) -> bool:
    """Whether one text says a remedy treats an illness and the other that it prevents it
    (:data:`_CLAIM_KINDS`), neither saying both."""
    kinds = [{i for i, kind in enumerate(_CLAIM_KINDS) if kind.search(t)} for t in (first, second)]
    return bool(kinds[0] and kinds[1] and not kinds[0] & kinds[1])


def _denies(text: str) -> bool:
    """Whether ``text`` denies what it states: a negation ("No, Michael Jackson isn't Bruno Mars'
    dad") or a debunk ("Fake-news report claims Michael Jackson is father of Bruno Mars"), but
    not both ("Three-boobed woman: they're not fake" affirms). A phrase that states an outcome
    ("found not guilty": acquitted) is not a negation.

    Compared as one side, not negation against negation and debunk against debunk: a debunk
    said by one headline and a negation by another of its story were refused as opposite claims
    (stop 41, on the store build's dev queries: 25 true pairs freed at cosine 0.73 or more, no
    false one; at the build's point, cosine 0.78, real-paraphrase recall 0.591 -> 0.620, the same
    7 false positives; docs/benchmarks.md, 'Known-fact-check matching: misses at the shipped
    point')."""
    negated, debunks = polarity(fold_outcome_phrases(text, negations=False))
    return negated != debunks


def claims_conflict(first: str, second: str, *, predicates: bool = False) -> bool:
    """Whether two statements cannot be the same claim: different figures, opposite polarity,
    opposite outcomes, a failure of one's predicate reported by the other, or a publication on
    one's topic reported by the other instead of its claim (symmetric); with ``predicates`` (the
    deep path: it parses), also another predicate of the same arguments.

    Figures differ when both texts hold numbers and neither's numbers contain the other's
    ("$1.6 billion" vs "$1.9 billion"; a count or a rank written out is read as its digits, "in
    16 years" vs "in eight years", "the third-highest" vs "the second-highest", :func:`_figures`);
    polarity differs when one denies what it states and the other does not (:func:`_denies`: a
    negation or a debunk denies, both together affirm: "X is a fake" vs "X: they're not fake",
    while "No, X isn't Y" and "Fake-news report claims X is Y" take one side). Outcomes are
    opposite when a clause of one names the other's subject and states its other outcome
    (:func:`veracity.verify.cues.opposite_outcomes`: "the council approved the budget" /
    "the council rejected the budget"; a neighbouring clause about something else, "while
    inflation fell", does not count). A failure is reported when a clause of one names the
    other's claim with a failure word ("the failure of hydroxychloroquine to show efficacy in
    treating COVID-19" / "hydroxychloroquine cures COVID-19"). A publication is reported when
    one tells of a retraction or a study's finding and lacks a word of the other's claim
    (:func:`_reports_publication_on`: "Retraction—Hydroxychloroquine ... for treatment of
    COVID-19: a multinational registry analysis" / "hydroxychloroquine cures COVID-19"). A
    remedy said to treat an illness and one said to prevent it are two claims
    (:func:`_other_claim_kind`). Another predicate: "was born in Kenya" / "grew up in Kenya",
    which WordNet's verbs tell apart (:func:`veracity.verify.predicates.other_predicate`).
    """
    first_figures, second_figures = _figures(first), _figures(second)
    if (
        first_figures
        and second_figures
        and not (first_figures <= second_figures or second_figures <= first_figures)
    ):
        return True
    if _denies(first) != _denies(second):
        return True
    first, second = _SAYS.sub("", first), _SAYS.sub("", second)
    return bool(
        opposite_outcomes(first, second)
        or opposite_outcomes(second, first)
        or _reports_failure_of(first, second)
        or _reports_failure_of(second, first)
        or _reports_publication_on(first, second)
        or _reports_publication_on(second, first)
        or _other_claim_kind(first, second)
        or (predicates and _other_predicate(first, second))
    )


def _other_predicate(first: str, second: str) -> bool:
    # imported here: the fast path, which does not parse, never loads WordNet's verbs
    from veracity.verify.predicates import other_predicate

    return other_predicate(first, second)


def minhash_signatures(texts: Sequence[str]) -> np.ndarray:
    """``(n, NUM_PERM)`` uint32 MinHash signatures (datasketch's hash values fit 32 bits)."""
    hashes = MinHash.bulk([shingles(t) for t in texts], num_perm=NUM_PERM, seed=1)
    return np.asarray([h.hashvalues for h in hashes], dtype=np.uint32).reshape(len(texts), NUM_PERM)


class StatementScreen:
    """Character 4-gram TF-IDF of the statements: a cheap bound on how near a claim can be."""

    def __init__(self, statements: Sequence[str]) -> None:
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(SCREEN_CHARS, SCREEN_CHARS),
            sublinear_tf=True,
            dtype=np.float32,
        )
        self.statements = self.vectorizer.fit_transform(list(statements)).T.tocsr()

    def similarity(
        self, texts: Sequence[str], exclude: Sequence[Collection[int]] | None = None
    ) -> np.ndarray:
        """Each text's highest cosine to any statement (but those in its ``exclude`` set)."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        similarity = self.vectorizer.transform(list(texts)) @ self.statements
        data, indptr = similarity.data, similarity.indptr
        for row, indices in enumerate(exclude or ()):
            part = slice(indptr[row], indptr[row + 1])
            data[part][np.isin(similarity.indices[part], list(indices))] = 0.0
        best = np.zeros(len(texts), dtype=np.float32)  # cosines of TF-IDF rows are >= 0
        filled = np.flatnonzero(np.diff(indptr))
        if len(filled):
            best[filled] = np.maximum.reduceat(data[: indptr[-1]], indptr[filled])
        return best


def lsh_bands(threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` of datasketch's ``MinHashLSH`` at ``threshold`` (false positives and
    negatives weighted equally), the index the store's thresholds were calibrated with."""
    from datasketch import MinHashLSH

    empty = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return empty.b, empty.r


class SignatureBands:
    """MinHash LSH over the stored signatures, as sorted numpy arrays built in milliseconds.

    A record is a candidate for a query when all ``rows`` hash values of some band are equal,
    the rule of datasketch's ``MinHashLSH`` (same bands and rows), so the candidates are the
    same; building that index inserted every record into Python dicts, about 2 s of each
    process's first match. Here each (record, band) is mixed into one 64-bit key, salted by the
    band, the keys are sorted once, and a query's equal keys are found by one binary search for
    all its bands, then checked value by value (a key collision never adds a candidate).
    """

    def __init__(self, signatures: np.ndarray) -> None:
        self.bands, self.rows = lsh_bands()
        width = self.bands * self.rows
        self.signatures = np.ascontiguousarray(signatures[:, :width]).reshape(
            len(signatures), self.bands, self.rows
        )
        keys = self._keys(self.signatures).ravel()  # entry = record * bands + band
        self.order: np.ndarray = np.argsort(keys, kind="stable")
        self.sorted_keys: np.ndarray = keys[self.order]

    def _keys(self, values: np.ndarray) -> np.ndarray:
        """``(n, bands)`` keys of ``(n, bands, rows)`` hash values (wrapping modulo 2**64)."""
        salts = np.arange(1, self.bands + 1, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)
        keys: np.ndarray = np.broadcast_to(salts, values.shape[:2]).copy()
        wide: np.ndarray = values.astype(np.uint64)
        for row in range(self.rows):
            keys = keys * np.uint64(0x9E3779B97F4A7C15) + wide[:, :, row]
        return keys

    def query(self, signature: np.ndarray) -> set[int]:
        """Indices of the records sharing at least one whole band with ``signature``."""
        wanted = np.asarray(signature)[: self.bands * self.rows].reshape(self.bands, self.rows)
        keys = self._keys(wanted[np.newaxis])[0]
        starts: list[int] = np.asarray(np.searchsorted(self.sorted_keys, keys, "left")).tolist()
        ends: list[int] = np.asarray(np.searchsorted(self.sorted_keys, keys, "right")).tolist()
        found: set[int] = set()
        for band in range(self.bands):
            if ends[band] == starts[band]:
                continue
            entries: list[int] = self.order[starts[band] : ends[band]].tolist()
            for entry in entries:
                index, entry_band = divmod(entry, self.bands)
                if entry_band == band and np.array_equal(
                    self.signatures[index, band], wanted[band]
                ):
                    found.add(index)
        return found


class FactCheckStore:
    """The records, their vectors, an LSH index over their signatures and the match thresholds."""

    def __init__(
        self,
        records: list[FactCheck],
        vectors: np.ndarray,
        signatures: np.ndarray,
        thresholds: Thresholds | None = None,
        ranker: MatchRanker | None = None,
    ) -> None:
        if not (len(records) == len(vectors) == len(signatures)):
            raise ModelError(f"fact-check store arrays disagree in length; run: {BUILD_COMMAND}")
        self.records = records
        self.vectors = vectors
        self.signatures = signatures
        self.thresholds = thresholds
        self.ranker = ranker
        self._unit_vectors = vectors.astype(np.float32)
        self.bands = SignatureBands(signatures)
        self._screen: StatementScreen | None = None

    def screen_similarity(self, texts: Sequence[str]) -> np.ndarray:
        """Each text's highest character 4-gram TF-IDF cosine to any statement of the store."""
        if self._screen is None:  # fitted on first use: ~2 s, once per process
            self._screen = StatementScreen([r.statement for r in self.records])
        return self._screen.similarity(texts)

    def candidates(
        self,
        texts: Sequence[str],
        vectors: np.ndarray | None = None,
        *,
        screen: bool = False,
        predicates: bool = False,
        clauses: bool = False,
    ) -> list[list[Candidate]]:
        """For each text: the dense top-k and the LSH near-duplicates, best cosine first.

        ``screen``: texts whose :meth:`screen_similarity` is below :data:`SCREEN_MIN_SIMILARITY`
        are neither hashed nor embedded, and get no candidates. ``vectors``: the texts'
        :func:`matching_vectors`, when the caller has them. ``clauses`` (deep path: it parses):
        each clause of a text (:func:`veracity.verify.clause_match.clauses`) is matched too
        (:meth:`_with_clauses`).
        """
        if not texts:
            return []
        found = self._found(texts, vectors, screen=screen, predicates=predicates)
        if clauses:
            found = self._with_clauses(texts, found, predicates=predicates)
        return self._ranked(texts, found)

    def _with_clauses(
        self, texts: Sequence[str], found: list[list[Candidate]], *, predicates: bool
    ) -> list[list[Candidate]]:
        """``found`` with the candidates of each text's clauses: a statement's cosine and
        Jaccard the highest over the text and its clauses, and, when a clause's cosine is the
        highest, the clause's guard and the whole text's both hold (a frame the clause leaves
        out, "People actually believed ...", still refuses). Texts without candidates (screened
        out) stay without, and a text whose best whole-sentence cosine is under
        :data:`CLAUSE_FLOOR` is not parsed (the parse is most of the route's cost)."""
        parts = [
            sentence_clauses(matching_text(t))
            if found[row] and found[row][0].cosine >= CLAUSE_FLOOR
            else []
            for row, t in enumerate(texts)
        ]
        flat = [c for p in parts for c in p]
        if not flat:
            return found
        more = self._found(flat, None, screen=False, predicates=predicates)
        out = []
        at = 0
        for text, own, clauses_of in zip(texts, found, parts, strict=True):
            best = {c.index: c for c in own}
            whole = {c.index: c.conflict for c in own}
            for _ in clauses_of:
                for c in more[at]:
                    old = best.get(c.index)
                    if old is None or c.cosine > old.cosine:
                        whole_conflict = (
                            whole[c.index]
                            if c.index in whole
                            else claims_conflict(
                                text, self.records[c.index].statement, predicates=predicates
                            )
                        )
                        best[c.index] = replace(
                            c,
                            jaccard=max(c.jaccard, old.jaccard if old else 0.0),
                            conflict=c.conflict or whole_conflict,
                        )
                    elif c.jaccard > old.jaccard:
                        best[c.index] = replace(old, jaccard=c.jaccard)
                at += 1
            out.append(sorted(best.values(), key=lambda c: -c.cosine))
        return out

    def _found(
        self,
        texts: Sequence[str],
        vectors: np.ndarray | None,
        *,
        screen: bool,
        predicates: bool,
    ) -> list[list[Candidate]]:
        """:meth:`candidates` before the re-ranker's probabilities."""
        rows = list(range(len(texts)))
        if screen:
            passed = self.screen_similarity(texts) >= SCREEN_MIN_SIMILARITY
            rows = [row for row in rows if passed[row]]
        found: list[list[Candidate]] = [[] for _ in texts]
        if not rows:
            return found
        query_signatures = minhash_signatures([texts[r] for r in rows])
        query_vectors = (
            matching_vectors([texts[r] for r in rows]) if vectors is None else vectors[rows]
        )
        cosines = query_vectors @ self._unit_vectors.T
        for position, row in enumerate(rows):
            text = texts[row]
            top = np.argpartition(-cosines[position], min(DENSE_CANDIDATES, len(self.records) - 1))
            dense = set(top[:DENSE_CANDIDATES].tolist()) if text.strip() else set()
            lexical = self.bands.query(query_signatures[position])
            indices = sorted(dense.union(lexical))
            jaccards = (self.signatures[indices] == query_signatures[position]).mean(axis=1)
            candidates = [
                Candidate(
                    i,
                    float(cosines[position, i]),
                    float(j),
                    claims_conflict(text, self.records[i].statement, predicates=predicates),
                )
                for i, j in zip(indices, jaccards, strict=True)
            ]
            found[row] = sorted(candidates, key=lambda c: -c.cosine)
        return found

    def _ranked(self, texts: Sequence[str], found: list[list[Candidate]]) -> list[list[Candidate]]:
        """``found`` with the re-ranker's probabilities (unchanged without a ranker); all the
        texts' candidates are featurised and scored in one call."""
        if self.ranker is None:
            return found
        rows = [row for row, candidates in enumerate(found) if candidates]
        if not rows:
            return found
        blocks = self.ranker.features_of_many(
            [
                (
                    texts[row],
                    [self.records[c.index].statement for c in found[row]],
                    [c.cosine for c in found[row]],
                    [c.jaccard for c in found[row]],
                    [c.conflict for c in found[row]],
                )
                for row in rows
            ]
        )
        probabilities = self.ranker.probability(np.vstack(blocks))
        ranked, start = list(found), 0
        for row, block in zip(rows, blocks, strict=True):
            scores = probabilities[start : start + len(block)]
            start += len(block)
            ranked[row] = [
                replace(c, probability=float(p)) for c, p in zip(found[row], scores, strict=True)
            ]
        return ranked


def decide(candidates: list[Candidate], thresholds: Thresholds) -> list[tuple[Candidate, str]]:
    """The candidates that match, each with its kind (lexical first, then semantic).

    A candidate in conflict with the query (figures, polarity or outcome) never matches. Semantic
    matches are decided and ordered by the re-ranker's probability when the thresholds have one
    (and the candidates carry it), else by the cosine.
    """
    reranked = thresholds.match_probability is not None

    def semantic_score(candidate: Candidate) -> float:
        if reranked:
            return candidate.probability if candidate.probability is not None else 0.0
        return candidate.cosine

    semantic_threshold = (
        thresholds.match_probability
        if thresholds.match_probability is not None
        else thresholds.semantic_cosine
    )
    matched = []
    for candidate in candidates:
        if candidate.conflict:
            continue
        if candidate.jaccard >= thresholds.lexical_jaccard:
            matched.append((candidate, "lexical"))
        elif semantic_score(candidate) >= semantic_threshold:
            matched.append((candidate, "semantic"))
    return sorted(
        matched,
        key=lambda m: (
            m[1] != "lexical",
            -m[0].jaccard if m[1] == "lexical" else -semantic_score(m[0]),
        ),
    )


# PolitiFact's Flip-O-Meter rates whether a politician changed position on a topic, and LIAR
# keeps those items with the topic as the statement ("On abortion", "On whether Barack Obama was
# born in the United States.") and the flip as a truth label (a full flop as "false").
_TOPIC_OPENING = re.compile(r"On\s", re.IGNORECASE)


def states_no_claim(statement: str) -> bool:
    """Whether a fact-check's statement names only a topic, as a Flip-O-Meter heading does:
    one sentence opening "On" that asserts nothing after its topic ("On Lee Fisher's watch,
    nine out of 10 jobs ... were lost" asserts). Its verdict says nothing of whether a claim on
    that topic is true, so it matches no claim: "Trump has since said that he believes Obama
    was born in the United States" was shown the "false" of LIAR's 'On whether Barack Obama was
    born in the United States.'"""
    return bool(_TOPIC_OPENING.match(statement)) and _names_only_its_topic(statement)


# After "On", a question word opens the topic ("On whether he supports ...", "On how money ...
# would be used"): the parser makes the question's verb the root.
_QUESTION_WORDS = frozenset({"whether", "how", "what", "why", "who", "when", "where", "which"})
_CLAUSE_TAGS = FINITE_TAGS | {"VBN", "VBG"}
_PHRASE_ENDS = frozenset({",", ":", ";", "--"})


@lru_cache(maxsize=4096)
def _names_only_its_topic(statement: str) -> bool:
    """One sentence that is its opening "On" phrase and nothing more: the parse's root is the
    "On"; or no clause with its own subject follows the phrase's first comma or colon, and the
    phrase is a question ("On whether ...") or a noun phrase with no finite verb ("On President
    Barack Obamas stimulus")."""
    from veracity.nlp.document import load_pipeline  # parsed only for statements opening "On"

    doc = load_pipeline("deep")(statement)
    roots = [token for token in doc if token.dep_ == "ROOT"]
    if len(roots) != 1:
        return False
    if roots[0].i == 0:
        return True
    end = next((token.i for token in doc if token.text in _PHRASE_ENDS), None)
    if end is not None and any(
        token.tag_ in _CLAUSE_TAGS and any(child.dep_ in SUBJECTS for child in token.children)
        for token in doc[end + 1 :]
    ):
        return False
    if len(doc) > 1 and doc[1].lower_ in _QUESTION_WORDS:
        return True
    return roots[0].pos_ in {"NOUN", "PROPN"} and not any(t.tag_ in FINITE_TAGS for t in doc)


def match_debunks(
    texts: Sequence[str],
    *,
    store: FactCheckStore | None = None,
    limit: int = 3,
    screen: bool = False,
    predicates: bool = True,
) -> list[list[DebunkMatch]]:
    """Fact-checks matching each text (at most ``limit``), best first.

    ``screen``: skip the texts too far from every statement (see :meth:`FactCheckStore.candidates`).
    ``predicates``: refuse a fact-check that states another predicate of the claim's arguments
    (:func:`claims_conflict`; it parses: the fast path passes False); with it, a claim said as
    one clause of a longer sentence is matched by its clauses too (``candidates(clauses=True)``;
    the debate dev set 0.580 -> 0.638 at precision 0.952 -> 0.978, the held-out news test
    0.507 -> 0.547 at precision 1.000 -> 0.977: docs/benchmarks.md "Claims said inside longer
    sentences").
    Raises :class:`FactCheckStoreMissingError` when no store is given and none is built.
    """
    store = store or load_factcheck_store()
    if store.thresholds is None:
        raise ModelError(f"the fact-check store has no calibrated thresholds; run: {BUILD_COMMAND}")
    thresholds = store.thresholds
    results = []
    for candidates in store.candidates(
        texts, screen=screen, predicates=predicates, clauses=predicates
    ):
        matches = []
        decided = [
            (candidate, kind)
            for candidate, kind in decide(candidates, thresholds)
            if not states_no_claim(store.records[candidate.index].statement)
        ]
        for candidate, kind in decided[:limit]:
            record = store.records[candidate.index]
            if kind == "lexical":
                why = (
                    f"near-duplicate wording: about {candidate.jaccard:.0%} of character 5-grams "
                    f"shared (MinHash; threshold {thresholds.lexical_jaccard:.2f})"
                )
            else:
                # each threshold beside the figure it is for: "probability 0.93 from cosine
                # 0.64 ... (calibrated threshold 0.91)" read as a cosine of 0.64 passing 0.91
                # (probe s49 V7)
                why = (
                    f"same meaning: sentence-embedding cosine {candidate.cosine:.2f} "
                    f"(the cosine's calibrated threshold {thresholds.semantic_cosine:.2f})"
                    if thresholds.match_probability is None or candidate.probability is None
                    else f"same claim: probability {candidate.probability:.2f} (the "
                    f"probability's calibrated threshold {thresholds.match_probability:.2f}), "
                    f"from cosine {candidate.cosine:.2f}, shared rare words and figures"
                )
            matches.append(
                DebunkMatch(
                    statement=record.statement,
                    verdict=record.verdict,
                    source=record.source,
                    similarity=round(max(-1.0, min(1.0, candidate.cosine)), 4),
                    match_type=kind,  # type: ignore[arg-type]
                    explanation=why,
                    speaker=record.speaker,
                    subject=record.subject,
                    context=record.context,
                )
            )
        results.append(matches)
    return results


# How the reason opens when matching was skipped for want of a store (a triage's table says so).
MATCHING_SKIPPED = "Known-debunk matching was skipped"


def match_debunks_if_built(
    texts: Sequence[str],
    notes: list[str] | None,
    *,
    screen: bool = False,
    predicates: bool = True,
) -> list[list[DebunkMatch]]:
    """:func:`match_debunks`, or no matches (and the reason added to ``notes``) without a store."""
    try:
        return match_debunks(texts, screen=screen, predicates=predicates)
    except FactCheckStoreMissingError as exc:
        if notes is not None:
            notes.append(f"{MATCHING_SKIPPED}: {exc}")
        return [[] for _ in texts]


def collect_factchecks(data_dir: Path, *, with_covid: bool = True) -> list[FactCheck]:
    """Labelled statements of LIAR (3 splits), CONSTRAINT's fake COVID-19 posts and CLIMATE-FEVER.

    ``with_covid=False`` leaves the 5,100 COVID-19 posts out (their embedding is the costliest
    part of a build on a small CPU).
    """
    from veracity.data.constraint import load_constraint
    from veracity.data.liar import load_liar

    records = [
        FactCheck(
            id=r.id,
            statement=r.text,
            verdict=r.original_label,
            source=f"PolitiFact via LIAR, statement {r.id.removeprefix('liar-')}",
            collection="liar",
            speaker=r.meta.get("speaker") or None,
            subject=r.meta.get("subject") or None,
            context=r.meta.get("context") or None,
        )
        for r in load_liar(data_dir / "liar")
        if r.text
    ]
    records += [
        FactCheck(
            id=r.id,
            statement=r.text,
            verdict="false",
            source=f"CONSTRAINT-2021 COVID-19 fact-checked fake post ({r.split} #{r.id.rsplit('-', 1)[-1]})",
            collection="constraint_covid19",
            subject="COVID-19",
        )
        for r in (load_constraint(data_dir / "constraint_covid19_fakenews") if with_covid else [])
        if r.label == "fake" and r.text
    ]
    records += _climate_fever_claims(data_dir)
    return records


_CLIMATE_VERDICTS = {
    "SUPPORTS": "supported by evidence",
    "REFUTES": "refuted by evidence",
    "DISPUTED": "disputed by evidence",
    "NOT_ENOUGH_INFO": "not enough evidence",
}


def _climate_fever_claims(data_dir: Path) -> list[FactCheck]:
    from veracity.data.climate_fever import CLIMATE_FEVER, load_climate_fever

    rows = load_climate_fever(data_dir)
    try:
        return [
            FactCheck(
                id=f"climate-fever-{row['claim_id']}",
                statement=str(row["claim"]).strip(),
                verdict=_CLIMATE_VERDICTS[row["claim_label"]],
                # Crowd annotators' reading of 5 Wikipedia sentences, not a fact-checker's
                # ruling: "Climate change is a hoax invented by the Chinese" is SUPPORTS there
                # because Wikipedia quotes someone saying it.
                source=(
                    f"CLIMATE-FEVER claim {row['claim_id']} (annotated Wikipedia evidence, "
                    "not a published fact-check)"
                ),
                collection="climate_fever",
                subject="climate",
            )
            for row in rows
        ]
    except KeyError as exc:
        raise DataError(f"{data_dir / CLIMATE_FEVER} lacks a field: {exc}") from None


STORE_DIGESTS = "digests.json"
_STORE_FILES = ("records.jsonl.gz", "vectors.npy", "minhash.npy")
_RECORD_FIELDS = {field.name for field in fields(FactCheck)}
_REQUIRED_FIELDS = {"id", "statement", "verdict", "source", "collection"}


def save_store(
    folder: Path, records: list[FactCheck], vectors: np.ndarray, signatures: np.ndarray
) -> None:
    """Write records (gzip JSON lines), vectors (float16) and signatures (uint32), and the
    SHA-256 of each file (``digests.json``), which :func:`load_records` checks."""
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / "records.jsonl.gz", "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
    np.save(folder / "vectors.npy", vectors.astype(np.float16))
    np.save(folder / "minhash.npy", signatures.astype(np.uint32))
    digests = {name: file_sha256(folder / name) for name in _STORE_FILES}
    (folder / STORE_DIGESTS).write_text(json.dumps(digests, indent=2) + "\n", encoding="utf-8")


def load_factcheck_store(folder: Path | None = None) -> FactCheckStore:
    """This machine's fact-check store (``folder``, default :func:`store_dir`), version-checked.

    Raises :class:`FactCheckStoreMissingError` when it has not been built.
    """
    imported = imported_dir() / "records.jsonl.gz"
    if folder is None and imported.is_file():
        # keyed by the file's time: a new import is seen by a running process too
        return _load_store(
            store_dir().resolve(), imported.parent.resolve(), imported.stat().st_mtime_ns
        )
    return _load_store((folder or store_dir()).resolve())


def load_records(folder: Path) -> tuple[list[FactCheck], np.ndarray, np.ndarray]:
    """The records, vectors and signatures :func:`save_store` wrote to ``folder``: each file
    checked against its digest (a store written before the digests has none), each record
    checked to be one (its fields text) and read as an article's text is (controls, C1 and
    direction overrides dropped: the terminal prints them)."""
    part = STORE_DIGESTS
    _check_writers(folder)
    try:
        digests = _store_digests(folder)
        part = "records.jsonl.gz"
        records = _read_records(digest_checked_bytes(folder / part, part, digests, STORE_DIGESTS))
        part = "vectors.npy"
        data = digest_checked_bytes(folder / part, part, digests, STORE_DIGESTS)
        vectors = np.load(io.BytesIO(data), allow_pickle=False)
        part = "minhash.npy"
        data = digest_checked_bytes(folder / part, part, digests, STORE_DIGESTS)
        signatures = np.load(io.BytesIO(data), allow_pickle=False)
    except FileNotFoundError as exc:
        raise ModelError(
            f"fact-check store file missing: {exc.filename}; run: {BUILD_COMMAND}"
        ) from None
    except (OSError, EOFError, ValueError, TypeError, KeyError, RecursionError) as exc:
        raise ModelError(
            f"fact-check store is corrupt ({folder / part}: {unreadable(exc)}); "
            f"run: {BUILD_COMMAND}"
        ) from None
    return records, vectors, signatures


def _check_writers(folder: Path) -> None:
    """:class:`ModelError` when someone other than this user or root could have written the
    store's folder or a file in it: its digests lie beside its records, and its card and
    matcher (a pickle, which runs code as it is read) are not digested at all."""
    try:
        paths = [folder, *folder.iterdir()]
    except OSError:
        return  # missing or unreadable: reading it says so
    for path in paths:
        try:  # the folder and the folders above it: who can write those can swap the store
            why = replaceable_by_others(path) if path == folder else written_by_others(path)
        except OSError:
            continue  # gone since: reading it says so
        if why is not None:
            raise ModelError(
                f"fact-check store {folder} is not read: {why}, who could change its verdicts "
                "and its digests alike; only its owner (or root) may write a store (chown it, "
                "or chmod o-w)"
            )


def _store_digests(folder: Path) -> dict[str, str] | None:
    try:
        digests = json.loads(read_regular_file(folder / STORE_DIGESTS).decode("utf-8"))
    except FileNotFoundError:
        return None  # written before stores had digests
    if not isinstance(digests, dict) or not all(
        isinstance(digests.get(name), str) for name in _STORE_FILES
    ):
        raise ValueError("not the digests of the store's files")
    return digests


def _read_records(data: bytes) -> list[FactCheck]:
    records = []
    for number, row in gzip_json_lines(data):
        if (
            not isinstance(row, dict)
            or not _REQUIRED_FIELDS <= row.keys() <= _RECORD_FIELDS
            or not all(isinstance(row[name], str) for name in _REQUIRED_FIELDS)
            or not all(isinstance(value, str | None) for value in row.values())
        ):
            raise ValueError(f"line {number} is not a fact-check record")
        text: dict[str, Any] = {
            name: strip_hidden_characters(value) if value is not None else None
            for name, value in row.items()
        }
        records.append(FactCheck(**text))
    return records


def _metrics_thresholds(metrics: object, name: str) -> object:
    """The thresholds of a store card's ``metrics`` for the point ``name`` (``"hybrid"``: the
    cosine rule), or None (refused by :func:`_card_thresholds`) where the card has none."""
    point = metrics.get(name) if isinstance(metrics, dict) else None
    return point.get("thresholds") if isinstance(point, dict) else None


def _card_thresholds(values: object) -> Thresholds:
    """The store card's ``thresholds``; :class:`ModelError` for ones damaged or edited by hand
    (text or none ended every claim's matching in an internal error, NaN matched nothing:
    hostile round 15, attack 1). A similarity route may be :data:`SWITCHED_OFF`, as the build
    writes it when the re-ranker ships (its probability decides the semantic matches)."""
    names = [field.name for field in fields(Thresholds)]
    optional = {"match_probability"}
    switchable = {"lexical_jaccard", "semantic_cosine"}
    if (
        not isinstance(values, dict)
        or not set(names) - optional <= set(values) <= set(names)
        or not all(
            (value is None and name in optional)
            or (finite_number(value) and -1 <= value <= 1)
            or (name in switchable and finite_number(value) and value == SWITCHED_OFF)
            for name, value in values.items()
        )
    ):
        raise ModelError(
            f"the fact-check store's card has thresholds that are no numbers from -1 to 1 "
            f"({', '.join(names)}); run: {BUILD_COMMAND}"
        )
    return Thresholds(**values)


@lru_cache(maxsize=4)
def _load_store(
    folder: Path, imported: Path | None = None, _imported_ns: int = 0
) -> FactCheckStore:
    """The corpus store, and the imported fact-checks after its records (one index for both)."""
    if not (folder / CARD_FILE).is_file():
        raise FactCheckStoreMissingError(
            f"the fact-check store is not built (looked in {folder}); build it with: {BUILD_COMMAND}"
        )
    _check_writers(folder)
    card = SPEC.read_card(folder)
    minhash = card.get("minhash")
    if not isinstance(minhash, dict) or minhash.get("scheme") != MINHASH_SCHEME:
        raise ModelError(
            "the fact-check store's MinHash signatures come from another datasketch scheme; "
            f"run: {BUILD_COMMAND}"
        )
    thresholds = _card_thresholds(card.get("thresholds"))
    if thresholds.match_probability is not None and not RERANKER_GATE_PASSED:
        thresholds = _card_thresholds(_metrics_thresholds(card.metrics, "hybrid"))
    records, vectors, signatures = load_records(folder)
    if imported is not None:
        more, more_vectors, more_signatures = load_records(imported)
        records = records + more
        vectors = np.concatenate([vectors, more_vectors])
        signatures = np.concatenate([signatures, more_signatures])
    ranker = (
        SPEC.load_file(RANKER_FILE, folder) if thresholds.match_probability is not None else None
    )
    return FactCheckStore(records, vectors, signatures, thresholds, ranker)
