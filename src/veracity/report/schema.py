"""The report a user receives: a typed, validated, JSON-serialisable description of one analysis.

Every span is a pair of character offsets into ``Report.text`` (the cleaned article, title
first): ``text[start:end] == quote`` always holds.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# 1.2: passage stance is supports / refutes / neutral (1.0/1.1's agree / disagree / discuss /
# unrelated are read and mapped); passages carry relevance and a note; verdicts list the
# passages that decided them. 1.3: propaganda_techniques (each technique found, counted, with
# its definition and an example; absent when none).
# Claim.note: a claim checked on its own (veracity verify, POST /v1/claims/verify) that reads
# as another language, scores below the check-worthiness threshold, or has nothing to be
# checked against; absent otherwise, so reports stay 1.3 byte for byte.
# source_domain_ascii and OutletRating.host_ascii: the ASCII (punycode) form of a host written
# with letters outside a-z (a lookalike such as "bbс.co.uk"); absent for an ASCII host, so
# reports stay 1.3 byte for byte, and filled in when a stored report is read back.
# signals_not_listed: the signals of each kind found past the MAX_LISTED_SIGNALS a report lists;
# absent when every one is listed, so reports stay 1.3 byte for byte.
# 1.4: Claim.score is null for a claim that reads as another language than English (the
# check-worthiness model learned from English statements only), Claim.score_status says why;
# a 1.3 claim (always scored) reads as "scored".
# 1.5: an evidence passage's relevance is the calibrated probability that it is evidence for the
# claim (veracity.verify.relevance); what 1.4 and before called relevance (the stance head's
# 1 - "unrelated", what the verdict weighs) is relatedness. A stored report of 1.4 or before is
# read with its relevance as relatedness and no relevance.
# 1.6: TechniqueCount.quoted, how many of a technique's spans lie inside quotation marks (the
# words of someone the article quotes; each such propaganda signal's detail has quoted: true);
# absent when none. A report of 1.5 or before has none (it did not tell them apart).
# 1.7: Claim.speaker, who says the claim where the text names them (a transcript's turn's
# speaker, an embedded post's poster), as `veracity claims` reads it; absent otherwise, and in
# every report of 1.6 or before (read as none).
# 1.8: Report.evidence_verdicts, how many of the article's claims the reader's evidence index
# supports, refutes or disputes, with the refuted and disputed ones named (probe s50 V7: an article
# whose claims the index refutes read "RELIABLE 0.79" with no word of it); absent where no claim
# has a verdict (no --index), and filled from the claims when a stored report of 1.7 or before is
# read.
SCHEMA_VERSION = "1.8"
_RELEVANCE_WAS_RELATEDNESS = frozenset({"1.0", "1.1", "1.2", "1.3", "1.4"})
# A report lists at most this many signals of each kind, the first in the text: a dense 5 MB
# article flagged in every sentence gave 338,984 signals, a 133 MB report built in 1.2 GB
# (security round 6). signal_counts counts every signal found, signals_not_listed the rest.
MAX_LISTED_SIGNALS = 1_000
_STANCE_1_0 = {
    "agree": "supports",
    "disagree": "refutes",
    "discuss": "neutral",
    "unrelated": "neutral",
}

# The score's bands: "unreliable" below the first, "reliable" from the second, "uncertain" between.
UNRELIABLE_BELOW = 0.35
RELIABLE_FROM = 0.65
SCORE_MEANING = (
    "The reliability score (0 to 1) estimates how far the article can be trusted from its "
    "writing style and sourcing; it is not a verdict on whether its facts are true."
)
SCORE_BANDS = (
    f"unreliable below {UNRELIABLE_BELOW:.2f}, uncertain from {UNRELIABLE_BELOW:.2f} to "
    f"{RELIABLE_FROM:.2f}, reliable from {RELIABLE_FROM:.2f}"
)
# A report's score is rounded to this many decimals, and its label is the band of that value.
SCORE_DECIMALS = 4
# The reasons for the score a report shows, strongest first: the terminal summary, the HTML
# report and the web page (static/app.js, drivers) alike, so none lists one the others leave
# out (probe s44: the HTML report listed 8, the terminal and the page 6); the JSON keeps every
# one the model gave.
REASONS_SHOWN = 6
Band = Literal["unreliable", "uncertain", "reliable"]


class ReportModel(BaseModel):
    """A part of a report: no number in it is NaN or infinite, which JSON cannot carry (the API
    answered a stored report holding one with a bare 500)."""

    model_config = ConfigDict(allow_inf_nan=False)


def score_band(score: float) -> Band:
    """The band a score lies in."""
    if score < UNRELIABLE_BELOW:
        return "unreliable"
    return "reliable" if score >= RELIABLE_FROM else "uncertain"


def cut_at_word(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: cut after its last whole word that fits, with an
    ellipsis (probe s46: "kneel on the football wit…", "The Cromw…" read as typos); a word
    longer than most of the room left (a URL) is cut inside."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if head[-1:].isalnum() and text[limit - 1].isalnum():  # the cut would split a word
        space = max((i for i, char in enumerate(head) if char.isspace()), default=-1)
        if space >= limit // 2:
            head = head[:space]
    return head.rstrip() + "…"


def shown_score(score: float) -> str:
    """The score as a reader sees it: two decimals, or more where two would round it across a
    band edge (an uncertain 0.6473 reads "0.647", never "0.65", which the bands call reliable)."""
    band = score_band(round(score, SCORE_DECIMALS))  # the band of the score reports give
    for decimals in range(2, SCORE_DECIMALS):
        text = f"{score:.{decimals}f}"
        if score_band(float(text)) == band:
            return text
    return f"{score:.{SCORE_DECIMALS}f}"


class SignalKind(StrEnum):
    """The families of explainable signals."""

    CLICKBAIT = "clickbait"
    LOADED_LANGUAGE = "loaded_language"
    VAGUE_ATTRIBUTION = "vague_attribution"
    RHETORICAL_QUESTION = "rhetorical_question"
    CONSPIRACY_FRAMING = "conspiracy_framing"
    UNSOURCED_CLAIM = "unsourced_claim"
    OUTLET_CITATION = "outlet_citation"
    PROPAGANDA = "propaganda"


class Signal(ReportModel):
    """One piece of evidence in the text, with why it matters."""

    kind: SignalKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    weight: float = Field(
        ge=0.0, le=1.0, description="How strongly this span suggests unreliability."
    )
    explanation: str
    detector: str = Field(description="Registered name of the detector that produced it.")
    detail: dict[str, str | float | int | bool] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> Signal:
        if self.end <= self.start:
            raise ValueError(f"empty or inverted span {self.start}:{self.end}")
        return self


class TechniqueCount(ReportModel):
    """How often one propaganda technique was found in the article, and what it is."""

    technique: str = Field(description="SemEval-2020 Task 11 name, e.g. 'Name_Calling,Labeling'.")
    label: str = Field(description="Readable name, e.g. 'name calling / labeling'.")
    count: int = Field(ge=1, description="Spans found, the quoted ones included.")
    quoted: int = Field(
        0,
        ge=0,
        description="How many of those spans lie inside quotation marks: words of someone the "
        "article quotes, which it reports rather than uses (absent when none).",
        exclude_if=lambda value: not value,
    )
    definition: str = Field(description="One line on what the technique does.")
    example: str = Field(description="A textbook example of the technique.")

    @model_validator(mode="after")
    def _quoted_among_found(self) -> TechniqueCount:
        if self.quoted > self.count:
            raise ValueError(f"{self.quoted} quoted spans of {self.count} found")
        return self

    def quoted_words(self) -> str:
        """How many of the spans are quoted, for a reader ("2 in quoted words"); "" if none."""
        if not self.quoted:
            return ""
        if self.quoted == self.count:
            return "in quoted words" if self.count == 1 else f"all {self.count} in quoted words"
        return f"{self.quoted} in quoted words"


class Span(ReportModel):
    """A stretch of the report text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str


class FeatureContribution(ReportModel):
    """Something in the article that moved the reliability score, and where it occurs."""

    name: str = Field(
        description="What the reader can check, as a phrase: 'names no source for its figures'."
    )
    feature: str | None = Field(
        None, description="The model's own name for it: 'style:unsourced_figure_share'."
    )
    source: Literal["term", "style", "signal", "embedding", "other"]
    contribution: float = Field(description="Signed push on the log-odds of 'reliable'.")
    spans: list[Span] = Field(default_factory=list)


ReliabilityStatus = Literal["scored", "not_english", "too_short", "out_of_scope"]
ClaimScoreStatus = Literal["scored", "not_english"]
# Each reason for no score as a reader reads it ("not english" named no language).
STATUS_WORDS: dict[str, str] = {
    "not_english": "not English",
    "too_short": "too short",
    "out_of_scope": "out of scope",
}


def status_words(status: str) -> str:
    """A ``reliability_status`` in words; one this version does not know, with spaces."""
    return STATUS_WORDS.get(status, status.replace("_", " "))


class Reliability(ReportModel):
    """How reliable the article looks from its writing style and sourcing (not a fact-check)."""

    score: float = Field(
        ge=0.0,
        le=1.0,
        description=f"{SCORE_MEANING} A 0-1 scale, not a percentage of truth. Bands: {SCORE_BANDS}.",
    )
    label: Literal["reliable", "uncertain", "unreliable"] = Field(
        description=f"The score's band: {SCORE_BANDS}."
    )
    model_version: str
    top_features: list[FeatureContribution] = Field(default_factory=list)


class SourceRating(ReportModel):
    """One published list's rating of an outlet, on its own scale and mapped to ours."""

    source: str = Field(
        description="The list, e.g. 'Media Bias/Fact Check (official extension feed)'."
    )
    date: str = Field(description="When the list's ratings are from (its snapshot or review year).")
    factuality: Literal["high", "mixed", "low", "unknown"] = "unknown"
    factuality_detail: str | None = Field(
        None, description="The list's own value: 'mostly factual', 'pc1 0.86', 'deprecated'."
    )
    bias: str = "unknown"
    bias_detail: str | None = None
    domain: str = Field(description="The domain (and section) the list rates.")
    url: str | None = Field(None, description="The list's page about the outlet, where it has one.")


class OutletRating(ReportModel):
    """Factuality and bias of a news outlet from published rating lists, or unknown."""

    outlet: str = Field(description="The outlet's name, or the domain / name asked about.")
    domain: str | None = None
    factuality: Literal["high", "mixed", "low", "unknown"] = "unknown"
    factuality_detail: str | None = Field(
        None, description="The rating list's own tier, e.g. MBFC 'mostly factual' (high)."
    )
    bias: str = Field("unknown", description="extreme-left ... extreme-right, or unknown.")
    role: Literal["publisher", "cited", "queried"] = "queried"
    rating_source: str | None = Field(
        None, description="Where the factuality comes from (list and date), if known."
    )
    bias_source: str | None = Field(None, description="Where the bias comes from, if known.")
    contested: bool = Field(
        False, description="True where one rating list calls it high and another low."
    )
    ratings: list[SourceRating] = Field(
        default_factory=list, description="Every list's rating, newest expert rating first."
    )
    citations: list[Span] = Field(default_factory=list, description="Where the text cites it.")
    platform: bool = Field(
        False,
        description="True for a platform where anyone publishes (YouTube, X, Facebook): a post "
        "there is as reliable as whoever posted it, whatever the lists say of the platform, so "
        "reports show that in place of its rating; absent otherwise.",
        exclude_if=lambda value: not value,
    )
    host_ascii: str | None = Field(
        None,
        description="The ASCII (punycode) form of the outlet's domain, or of the host it was "
        "asked as, where that is written with letters outside a-z (xn--bb-pmc.co.uk for "
        "'bbс.co.uk' with a Cyrillic 'с'); absent otherwise.",
        exclude_if=lambda value: value is None,
    )

    @model_validator(mode="after")
    def _with_ascii_host(self) -> OutletRating:
        host = self.domain or self.outlet
        if self.host_ascii is None and not host.isascii():
            from veracity.ingest.urls import ascii_host  # not at import: ingest's package

            self.host_ascii = ascii_host(host)
        return self


class ClaimEntity(ReportModel):
    """A named entity inside a claim, with offsets into ``Report.text``."""

    text: str
    label: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class DebunkMatch(ReportModel):
    """A published fact-check whose statement matches a claim."""

    statement: str
    verdict: str = Field(description="The fact-checker's rating, e.g. PolitiFact's 'pants-fire'.")
    source: str = Field(description="Collection and id, e.g. 'PolitiFact (LIAR) 10540'.")
    similarity: float = Field(ge=-1.0, le=1.0)
    match_type: Literal["lexical", "semantic"] = Field(
        description="lexical: near-duplicate wording (MinHash); semantic: same meaning (embeddings)."
    )
    explanation: str
    speaker: str | None = None
    subject: str | None = None
    context: str | None = None


class EvidencePassage(ReportModel):
    """A passage of the user's evidence index and its stance towards a claim."""

    document_id: str
    passage: str
    stance: Literal["supports", "refutes", "neutral"]
    stance_probability: float = Field(ge=0.0, le=1.0)
    relevance: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Probability that the passage is evidence for the claim (it supports or "
        "refutes it), calibrated on retrieved development passages; the verdict counts no "
        "passage below its rule's min_evidence.",
    )
    relatedness: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="The stance model's probability that the passage is about the claim's topic "
        "at all, bounded by its document and its meaning: what the verdict weighs it by "
        "(weight = relatedness x stance probability). Schema 1.4 and before called it relevance.",
        exclude_if=lambda value: value is None,
    )
    retrieval_score: float
    note: str | None = Field(None, description="Why the stance was overridden, if it was.")

    @model_validator(mode="before")
    @classmethod
    def _read_1_0(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("stance") in _STANCE_1_0:
            return {**data, "stance": _STANCE_1_0[data["stance"]]}
        return data


# What a passage's "weight" beside a verdict is, said once wherever the weights are shown (probe
# s47: "weight 0.53" stood beside "stance probability 0.53, relevance 0.03" and was defined
# nowhere; the relatedness it multiplies was shown nowhere).
WEIGHT_NOTE = (
    "weight: the passage's stance probability times its relatedness to the claim (1 minus the "
    "stance model's probability that it is unrelated), at most 0.90; a side's strength combines "
    "its passages' weights"
)


class DecidingPassage(ReportModel):
    """A passage that decided a verdict, with its stance and the weight it carried."""

    document_id: str
    passage: str
    stance: Literal["supports", "refutes", "neutral"]
    weight: float = Field(ge=0.0, le=1.0, description="Relatedness x stance probability, capped.")


class Verdict(ReportModel):
    """What the evidence index says about a claim, why, and which passages decided it."""

    label: Literal["supported", "refuted", "disputed", "not_enough_evidence"]
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str
    passages: list[DecidingPassage] = Field(default_factory=list)

    @property
    def passages_heading(self) -> str:
        """What its passages are to a reader: those that decided it or, when the evidence was
        not enough, only the nearest ones (none supports or refutes enough; some may be too
        weakly related to count at all)."""
        if self.label == "not_enough_evidence":
            return "Nearest passages (none decides it)"
        return "Decided by"


class EvidenceVerdicts(ReportModel):
    """What the reader's evidence index says of the article's claims, counted: the verdicts of
    its claims (``Claim.verdict``) side by side with the reliability score, which is the
    model's reading of the article's style and sourcing and does not change with them."""

    checked: int = Field(ge=1, description="Claims with a verdict from the evidence index.")
    supported: int = Field(ge=0)
    refuted: int = Field(ge=0)
    disputed: int = Field(ge=0)
    not_enough_evidence: int = Field(ge=0)
    refuted_claims: list[str] = Field(
        default_factory=list, description="The refuted claims' text, in the article's order."
    )
    disputed_claims: list[str] = Field(
        default_factory=list, description="The disputed claims' text, in the article's order."
    )

    @classmethod
    def of(cls, claims: list[Claim]) -> EvidenceVerdicts | None:
        """The counts of ``claims``' verdicts; None where none has one."""
        judged = sorted((c for c in claims if c.verdict is not None), key=lambda c: c.start)
        if not judged:
            return None
        labels = [c.verdict.label for c in judged if c.verdict is not None]
        return cls(
            checked=len(judged),
            supported=labels.count("supported"),
            refuted=labels.count("refuted"),
            disputed=labels.count("disputed"),
            not_enough_evidence=labels.count("not_enough_evidence"),
            refuted_claims=[c.text for c in judged if c.verdict and c.verdict.label == "refuted"],
            disputed_claims=[c.text for c in judged if c.verdict and c.verdict.label == "disputed"],
        )

    def summary(self) -> str:
        """One line for a reader, beside the score: "Your evidence: 2 of 6 claims checked are
        refuted, 1 supported, 3 without enough evidence." (the named claims are listed apart)."""
        parts = [
            f"{n} {word}"
            for n, word in (
                (self.refuted, "refuted"),
                (self.disputed, "disputed"),
                (self.supported, "supported"),
                (self.not_enough_evidence, "without enough evidence"),
            )
            if n
        ]
        claims = "claim" if self.checked == 1 else "claims"
        return (
            f"Your evidence index: of {self.checked} {claims} checked, {', '.join(parts)} "
            "(the reliability score does not read them)"
        )


class Claim(ReportModel):
    """A check-worthy sentence of the article, with what is already known about it."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    score: float | None = Field(
        ge=0.0,
        le=1.0,
        description="Check-worthiness probability; null when the claim was not scored "
        "(score_status says why, note says so in words).",
    )
    score_status: ClaimScoreStatus = Field(
        "scored",
        description="'scored', or why score is null: 'not_english' (the claim reads as another "
        "language than English, and the check-worthiness model learned from English statements "
        "only).",
    )
    speaker: str | None = Field(
        None,
        description="Who says it, where the text names them: a transcript's turn's speaker, an "
        "embedded post's poster ('Bishop Sankey (@BishopSankey)'), as `veracity claims` reads "
        "the text; absent otherwise (and on the fast path's claims).",
        exclude_if=lambda value: value is None,
    )
    entities: list[ClaimEntity] = Field(default_factory=list)
    numbers: list[str] = Field(default_factory=list)
    debunk_matches: list[DebunkMatch] = Field(default_factory=list)
    evidence: list[EvidencePassage] = Field(default_factory=list)
    verdict: Verdict | None = None
    # left out when None, so claims without one stay byte-identical
    note: str | None = Field(
        None,
        description="What to keep in mind when reading this claim's figures (a claim checked on "
        "its own that reads as another language than English, that the check-worthiness "
        "model scores below its threshold, or that no fact-check matches with no evidence "
        "index to search).",
        exclude_if=lambda value: value is None,
    )

    @model_validator(mode="after")
    def _scored_or_why_not(self) -> Claim:
        if (self.score is None) != (self.score_status != "scored"):
            raise ValueError(
                f"score {self.score} does not fit score_status {self.score_status!r}: a claim "
                "has a score exactly when it was scored"
            )
        return self


def check_worthiness_words(claim: Claim) -> str:
    """A claim's check-worthiness as the terminal and the HTML report write it: its score to two
    decimals, or that it has none and why ("not scored (not English)")."""
    if claim.score is None:
        return f"not scored ({status_words(claim.score_status)})"
    return f"{claim.score:.2f}"


class CorroboratingArticle(ReportModel):
    """Another article of the same event, and what it says about a claim."""

    id: str
    origin: str = Field(description="Its publisher, domain, or the article id when unknown.")
    sentence: str
    figures: list[str] = Field(default_factory=list, description="Its figures for the claim.")


class ClaimCorroboration(ReportModel):
    """What the other origins of the event say about one claim with figures."""

    text: str
    figures: list[str]
    status: Literal[
        "corroborated", "contradicted", "disputed", "uncorroborated", "no_other_origin"
    ] = Field(
        description="contradicted: at least two independent origins give one other figure "
        "and fewer agree; disputed: one origin gives another figure, or several give different "
        "ones, and fewer agree."
    )
    contradicting_origins: int = Field(0, ge=0, description="For the most contested figure.")
    corroborated_by: list[CorroboratingArticle] = Field(default_factory=list)
    contradicted_by: list[CorroboratingArticle] = Field(default_factory=list)
    explanation: str


class CorroborationSignal(ReportModel):
    """A corroboration finding worth a reader's attention."""

    kind: Literal["figure_contradicted", "claim_uncorroborated"]
    claim: str
    outlets: int = Field(ge=0, description="Independent outlets that contradict (or report) it.")
    explanation: str


class Corroboration(ReportModel):
    """How the article's event and claims are reported by other, independent origins."""

    event_id: str
    origin: str | None = Field(None, description="This article's origin (publisher, domain).")
    event_articles: int = Field(ge=1, description="Articles in the event, this one included.")
    independent_origins: int = Field(ge=1, description="Origins (syndicated copies count once).")
    other_origins: list[str] = Field(
        default_factory=list, description="One entry per other origin: its outlets' names."
    )
    same_origin_articles: list[str] = Field(
        default_factory=list, description="Ids of copies or same-publisher articles."
    )
    claims: list[ClaimCorroboration] = Field(default_factory=list)
    signals: list[CorroborationSignal] = Field(default_factory=list)
    base_score: float | None = Field(None, description="The reliability score before this.")
    score: float | None = Field(None, description="The reliability score with this evidence.")
    model_version: str | None = None
    notes: list[str] = Field(default_factory=list)


class Report(ReportModel):
    """Everything veracity found about one article."""

    schema_version: str = SCHEMA_VERSION
    veracity_version: str
    analysis_path: Literal["fast", "deep"]
    title: str | None
    text: str
    body_start: int = Field(ge=0, description="Offset where the body starts (after the title).")
    language: str | None
    source_url: str | None = None
    source_domain: str | None = None
    source_domain_ascii: str | None = Field(
        None,
        description="The ASCII (punycode) form of source_domain where it is written with letters "
        "outside a-z (xn--bb-pmc.co.uk for 'bbс.co.uk' with a Cyrillic 'с'); absent otherwise.",
        exclude_if=lambda value: value is None,
    )
    source_from: Literal["page"] | None = Field(
        None,
        description="'page' when source_url and source_domain are the address the page gives "
        "for itself (its og:url or canonical link), as no address was given: named, not rated, "
        "and not listed as the publisher in the history; absent otherwise.",
        exclude_if=lambda value: value is None,
    )
    signals: list[Signal] = Field(default_factory=list)
    signal_counts: dict[str, int] = Field(
        default_factory=dict, description="Every signal found, by kind, listed or not."
    )
    signals_not_listed: dict[str, int] = Field(
        default_factory=dict,
        description=f"Signals found but not in ``signals``, by kind: a report lists the first "
        f"{MAX_LISTED_SIGNALS:,} of each kind in the text; absent when all are listed.",
        exclude_if=lambda value: not value,
    )
    # left out when empty (fast path, or none found), so those reports stay byte-identical
    propaganda_techniques: list[TechniqueCount] = Field(
        default_factory=list,
        description="Each propaganda technique found (deep path), most frequent first.",
        exclude_if=lambda value: not value,
    )
    reliability: Reliability | None = Field(
        None,
        description=(f"{SCORE_MEANING} Null when the article was not scored; ``notes`` says why."),
    )
    reliability_status: ReliabilityStatus | None = Field(
        None,
        description="'scored', or why there is no score: 'not_english', 'too_short' (under "
        "about 50 words) or 'out_of_scope' (unlike the news articles the model learned from); "
        "None when the score was not asked for.",
    )
    outlets: list[OutletRating] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    # left out when None (no claim has a verdict: no --index), so those reports stay byte-identical
    evidence_verdicts: EvidenceVerdicts | None = Field(
        None,
        description="How many of the claims the reader's evidence index supports, refutes or "
        "disputes, the refuted and disputed ones named (from ``claims``' verdicts; the "
        "reliability score does not read them); absent where no claim has a verdict.",
        exclude_if=lambda value: value is None,
    )
    notes: list[str] = Field(
        default_factory=list,
        description="Stages that were skipped or degraded for this report, and why.",
    )
    # left out when absent, so reports without --corroborate stay byte-identical
    corroboration: Corroboration | None = Field(
        None,
        description="Other origins' reporting (only with --corroborate).",
        exclude_if=lambda value: value is None,
    )

    @model_validator(mode="before")
    @classmethod
    def _read_relevance_before_1_5(cls, data: object) -> object:
        """A report of schema 1.4 or before: its passages' relevance was what 1.5 calls
        relatedness (the stance head's 1 - "unrelated"), and it has no calibrated relevance."""
        if not isinstance(data, dict) or data.get("schema_version") not in (
            _RELEVANCE_WAS_RELATEDNESS
        ):
            return data
        claims = [
            {
                **claim,
                "evidence": [
                    {**passage, "relatedness": passage.get("relevance"), "relevance": None}
                    if isinstance(passage, dict) and "relatedness" not in passage
                    else passage
                    for passage in claim.get("evidence") or []
                ],
            }
            if isinstance(claim, dict)
            else claim
            for claim in data.get("claims") or []
        ]
        return {**data, "schema_version": SCHEMA_VERSION, "claims": claims}

    @model_validator(mode="after")
    def _with_evidence_verdicts(self) -> Report:
        """The claims' verdicts counted, whatever was given (a stored report of 1.7 or before
        has none; one given can never disagree with its claims)."""
        self.evidence_verdicts = EvidenceVerdicts.of(self.claims)
        return self

    @model_validator(mode="after")
    def _with_ascii_domain(self) -> Report:
        if self.source_domain_ascii is None and not (self.source_domain or "").isascii():
            from veracity.ingest.urls import ascii_host  # not at import: ingest's package

            self.source_domain_ascii = ascii_host(self.source_domain)
        return self

    @model_validator(mode="after")
    def _spans_quote_text(self) -> Report:
        for signal in self.signals:
            if signal.end > len(self.text) or self.text[signal.start : signal.end] != signal.quote:
                raise ValueError(
                    f"signal {signal.kind} span {signal.start}:{signal.end} does not quote the text"
                )
        for claim in self.claims:
            if claim.end > len(self.text) or self.text[claim.start : claim.end] != claim.text:
                raise ValueError(f"claim span {claim.start}:{claim.end} does not quote the text")
        return self


def found_counts(report: Report) -> Counter[SignalKind]:
    """How many signals of each kind the analysis found: the listed ones, or ``signal_counts``
    where it counts more (a report lists at most ``MAX_LISTED_SIGNALS`` of a kind)."""
    counts = Counter(s.kind for s in report.signals)
    kinds = {kind.value: kind for kind in SignalKind}
    for name, n in report.signal_counts.items():
        if name in kinds and n > counts[kinds[name]]:
            counts[kinds[name]] = n
    return counts


# What moved the score, in the order the terminal, the HTML report and the web page
# (static/app.js, drivers) all give it: what lowers it, then what raises it (probe s48 U2: the
# terminal grouped them, the HTML report and the page interleaved the same six reasons).
REASON_DIRECTIONS = (("Lowers it", -1), ("Raises it", 1))


def reasons_by_direction(features: list[FeatureContribution]) -> list[tuple[str, list[str]]]:
    """The :data:`REASONS_SHOWN` strongest reasons as ``("Lowers it", [phrases])`` then
    ``("Raises it", [phrases])``, each in the report's order; a direction with none is left out."""
    strongest = features[:REASONS_SHOWN]
    grouped = [
        (direction, [f.name for f in strongest if f.contribution * sign > 0])
        for direction, sign in REASON_DIRECTIONS
    ]
    return [(direction, phrases) for direction, phrases in grouped if phrases]


def signal_repeats(signals: list[Signal]) -> list[list[Signal]]:
    """The signals strongest first, one entry for a signal the text repeats (the same kind, words
    and explanation; a cited outlet by its domain, however the text names it: "ABC News",
    "ABCNews.com"). The terminal, the HTML report's table and
    the web page (static/app.js, renderSignals) each show an entry once, "×2" after its words
    (probe s48 U3: the terminal's "National Enquirer ×2" was two identical rows in the others)."""
    repeats: dict[tuple[SignalKind, str, str], list[Signal]] = {}
    for signal in sorted(signals, key=lambda s: (-s.weight, s.start)):
        domain = signal.detail.get("domain") if signal.kind is SignalKind.OUTLET_CITATION else None
        words = str(domain) if domain else " ".join(signal.quote.lower().split())
        repeats.setdefault((signal.kind, words, signal.explanation), []).append(signal)
    return list(repeats.values())


def quote_forms(same: list[Signal]) -> list[str]:
    """Each way the text writes a repeated signal's words, once ("ABC News", "ABCNews.com")."""
    forms: dict[str, str] = {}
    for one in same:
        forms.setdefault(" ".join(one.quote.lower().split()), one.quote)
    return list(forms.values())


# A publisher with no address looked up in the rating lists: the address a saved page gives for
# itself (named, never rated: see pipeline's note), or one the outlet table could not read.
# "factuality unknown, bias unknown" there read as the lists knowing nothing of the outlet
# (probe s44: "Publisher: nbcnews.com — factuality unknown, bias unknown" on a saved NBC page).
NOT_LOOKED_UP = "not rated: its address was not looked up in the rating lists"
# A platform's own rating ("X — factuality low") beside the signal's "a post is as reliable as
# whoever posted it" read as a low-factuality outlet cited (probe s48 O2: 11 embedded tweets).
PLATFORM_WORDS = "a platform: a post is as reliable as whoever posted it"


# An outlet a rating list files under satire (Media Bias/Fact Check's category): its stories
# are jokes, and "factuality mixed, bias center" (another list's reading of the same site) read
# as a news outlet of middling accuracy (probe s49 O1: The Onion).
SATIRE_WORDS = "satire: its stories are jokes, not reports"


def satire_listing(rating: OutletRating) -> SourceRating | None:
    """The rating list that files the outlet under satire (Media Bias/Fact Check's category),
    newest first, if one does: its stories are jokes, not reports, whatever else is said of it."""
    return next((r for r in rating.ratings if (r.bias_detail or "").lower() == "satire"), None)


def rating_words(rating: OutletRating) -> str:
    """An outlet's rating as a report writes it after its name (static/app.js writes the same)."""
    if rating.platform:
        return PLATFORM_WORDS
    if (listing := satire_listing(rating)) is not None:
        return f"{SATIRE_WORDS} (listed as satire by {listing.source}, {listing.date})"
    if rating.role == "publisher" and rating.domain is None and not rating.ratings:
        return NOT_LOOKED_UP
    return f"factuality {rating.factuality}, bias {rating.bias}"


def rating_notes(rating: OutletRating) -> tuple[str, str | None]:
    """What a report writes after an outlet's rating words: that the lists disagree, and where
    the rating comes from; neither for a platform, whose rating reports do not show, nor for
    satire, whose words say where they come from."""
    if rating.platform or satire_listing(rating) is not None:
        return "", None
    contested = (
        " (contested: rating lists disagree; veracity source shows each)"
        if rating.contested
        else ""
    )
    return contested, rating.rating_source


def ascii_host_note(ascii_form: str | None) -> str:
    """What a report writes after a host that has an ASCII form
    (:func:`veracity.ingest.urls.ascii_host`), so that a lookalike of an outlet's address is not
    read as that address; "" for none."""
    if not ascii_form:
        return ""
    return f" (in ASCII {ascii_form}: the name holds letters outside a-z)"


def corroboration_line(corroboration: Corroboration, named: int) -> str:
    """How many other independent origins report the article's event, said once for the whole
    article (static/app.js writes the same). With none, it says that no claim could be compared:
    probe s47 read one "Claim reported by no other outlet." per claim after "0 other
    independent origin(s) report this event" as four strikes against the article."""
    others = corroboration.independent_origins - 1
    if others:
        names = ", ".join(corroboration.other_origins[:named])
        return f"{others} other independent origin(s) report this event ({names})"
    n_claims = len(corroboration.claims)
    compared = (
        f", so none of its {n_claims} claim(s) with figures could be compared with another "
        "outlet's report"
        if n_claims
        else ""
    )
    return f"No other independent origin reports this event{compared}"
