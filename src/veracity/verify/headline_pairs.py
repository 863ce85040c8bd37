"""Same-claim text pairs from outside the fact-check calibration sets (training only).

Every FNC-1 story is a dev or a test story of the fact-check store build, so a same-claim pair
model trained on FNC-1 headline pairs learns the dev stories (docs/benchmarks.md, "MiniLM pair
head"). The article corpora hold another source of one claim said twice in other words: a news
headline and its own article's lead sentence. Here, from the articles of :data:`CORPORA`:

- same claim: the headline and the first of the article's first :data:`LEAD_SENTENCES`
  sentences (8-60 words) that repeats at least :data:`MIN_OVERLAP` of the headline's content
  words (compared by their first 5 letters) without containing the whole headline;
- another claim on a neighbouring topic: the headline and the lead of the article whose headline
  is nearest by word TF-IDF cosine among those below :data:`MAX_NEIGHBOUR_COSINE` (a nearer one
  is often the same story from another outlet);
- the claim told the other way: the headline and its lead negated, with a word swapped for its
  opposite or a figure changed (:mod:`veracity.verify.stance_pairs`), or reported denied
  ("Officials denied that ...");
- the same claim denied twice (a quarter of the leads; the others give the one above): the
  headline and its lead each reported denied, in two other wordings (so that a denial word alone does not mean another claim, as FNC-1's headlines that
  both dispute one body are one claim).

Half the pairs, drawn at random, are read in the other order (lead first).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from veracity.nlp.document import split_sentences
from veracity.verify.cues import content_words
from veracity.verify.stance_pairs import (
    DENYING,
    SPEAKERS,
    change_figure,
    clause,
    negate,
    swap_antonym,
)

CORPORA = (
    "buzzfeed_webis",
    "fakenewsnet",
    "golbeck2018_fake_satire",
    "semeval2019_hyperpartisan",
    "covid19_fakenews_koirala",
    "perezrosas2018",
    "recovery_covid2020",
)
LEAD_SENTENCES = 3
MIN_OVERLAP = 0.6
MAX_NEIGHBOUR_COSINE = 0.5
MIN_NEIGHBOUR_COSINE = 0.1
KINDS = ("lead", "neighbour", "rewrite", "denied", "both_denied")
_NOISE = re.compile(r"https?://|www\.|\bimage by\b|\bphoto\b|\bvia\s*\|", re.IGNORECASE)
_TRAILER = re.compile(r"\s+[|\-\u2013\u2014]\s+[^|\-\u2013\u2014]{2,40}$")


@dataclass(frozen=True, slots=True)
class TextPair:
    """A query / candidate pair, whether it states one claim, and how it was made."""

    first: str
    second: str
    same_claim: bool
    kind: str
    article: str  # the id of the article it came from


def _stems(text: str) -> set[str]:
    return {w[:5] for w in content_words(text)}


def clean_headline(title: str) -> str:
    """The headline without a trailing outlet name (" | CNN", " - The Guardian") or spaces."""
    text = " ".join(title.split())
    return _TRAILER.sub("", text).strip()


def overlap(headline: str, sentence: str) -> float:
    """The share of the headline's content words (by their first 5 letters) the sentence has."""
    words = _stems(headline)
    return len(words & _stems(sentence)) / len(words) if words else 0.0


def lead_sentence(headline: str, text: str) -> str | None:
    """The first of the article's first :data:`LEAD_SENTENCES` sentences of 8-60 words that
    restates the headline (overlap >= :data:`MIN_OVERLAP`, not the whole headline), or None."""
    head = " ".join(headline.lower().split())
    sentences = split_sentences(text[:3000])
    for sentence in sentences[:LEAD_SENTENCES]:
        words = sentence.split()
        if not 8 <= len(words) <= 60 or _NOISE.search(sentence):
            continue
        if head in " ".join(sentence.lower().split()):
            continue
        if overlap(headline, sentence) >= MIN_OVERLAP:
            return sentence
    return None


def _denied(claim: str, rng: random.Random, avoid: str | None = None) -> tuple[str, str]:
    speaker = rng.choice(SPEAKERS)
    template = rng.choice([t for t in DENYING if t != avoid])
    fill = {"s": speaker, "s_lower": speaker[0].lower() + speaker[1:], "c": clause(claim)}
    return template.format(**fill), template


def headline_leads(
    articles: list[tuple[str, str, str]], max_articles: int, seed: int = 0
) -> list[tuple[str, str, str]]:
    """``(id, headline, lead)`` of the articles (``(id, title, text)``) whose lead restates the
    headline, one per distinct headline (lower-cased), at most ``max_articles`` drawn at random."""
    rng = random.Random(seed)
    seen: set[str] = set()
    kept = []
    for article_id, title, text in articles:
        headline = clean_headline(title)
        key = " ".join(headline.lower().split())
        if not 4 <= len(headline.split()) <= 30 or key in seen:
            continue
        seen.add(key)
        lead = lead_sentence(headline, text)
        if lead:
            kept.append((article_id, headline, lead))
    rng.shuffle(kept)
    return kept[:max_articles]


def derive(leads: list[tuple[str, str, str]], seed: int = 0) -> list[TextPair]:
    """The pairs of the module docstring from ``(id, headline, lead)`` triples."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    rng = random.Random(seed)
    pairs: list[TextPair] = []
    if len(leads) < 2:
        return pairs
    headlines = [h for _, h, _ in leads]
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(
        headlines
    )
    for i, (article, headline, lead) in enumerate(leads):
        pairs.append(TextPair(headline, lead, True, "lead", article))
        cosines = (tfidf @ tfidf[i].T).toarray().ravel()
        cosines[i] = -1.0
        band = np.flatnonzero((cosines >= MIN_NEIGHBOUR_COSINE) & (cosines < MAX_NEIGHBOUR_COSINE))
        if len(band):
            j = int(band[np.argmax(cosines[band])])
            pairs.append(TextPair(headline, leads[j][2], False, "neighbour", article))
        rewrites = [r for r in (negate(lead), swap_antonym(lead), change_figure(lead, rng)) if r]
        if rewrites:
            pairs.append(TextPair(headline, rng.choice(rewrites), False, "rewrite", article))
        if len(clause(lead).split()) >= 4:
            denied, template = _denied(lead, rng)
            if rng.random() < 0.75:
                pairs.append(TextPair(headline, denied, False, "denied", article))
            else:
                denied_headline, _ = _denied(headline, rng, avoid=template)
                pairs.append(TextPair(denied_headline, denied, True, "both_denied", article))
    return [
        TextPair(p.second, p.first, p.same_claim, p.kind, p.article) if rng.random() < 0.5 else p
        for p in pairs
    ]


def corpus_articles(data_dir: Path) -> list[tuple[str, str, str]]:
    """``(id, title, text)`` of every titled article of :data:`CORPORA`."""
    from veracity.data.registry import load_corpus

    out = []
    for name in CORPORA:
        for record in load_corpus(name, data_dir):
            if record.title and record.text:
                out.append((f"{record.corpus}:{record.id}", record.title, record.text))
    return out


# Syndicated copies: two articles whose bodies share at least SHARED_SHINGLES word 6-grams
# (each 6-gram in at most MAX_SHINGLE_ARTICLES articles, so page furniture does not count)
# tell one story; their headlines, written apart, state its claim in other words.
SHINGLE_WORDS = 6
SHARED_SHINGLES = 20
MAX_SHINGLE_ARTICLES = 8
MIN_BODY_JACCARD = 0.03
MAX_BODY_JACCARD = 0.9
MAX_PARTNERS = 3
MIN_SHARED_WORDS = 2
MIN_HEADLINE_OVERLAP = 0.34
_WORD = re.compile(r"[a-z0-9]+")


def _shingles(text: str) -> set[int]:
    words = _WORD.findall(text[:4000].lower())
    return {
        hash(" ".join(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def syndicated_headlines(articles: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """Headline pairs of articles (``(id, title, text)``) that tell one story: bodies sharing
    at least :data:`SHARED_SHINGLES` rare word 6-grams, a Jaccard of their 6-grams in
    [:data:`MIN_BODY_JACCARD`, :data:`MAX_BODY_JACCARD`) (above it the "bodies" are one
    scraped page whatever the headlines say), headlines of 4-30 words that differ
    (lower-cased) and share at least :data:`MIN_SHARED_WORDS` content words and
    :data:`MIN_HEADLINE_OVERLAP` of the shorter one's; each headline in at most :data:`MAX_PARTNERS`
    pairs, the strongest bodies first."""
    from collections import Counter, defaultdict

    shingles = [_shingles(text) for _, _, text in articles]
    holders: dict[int, list[int]] = defaultdict(list)
    for i, own in enumerate(shingles):
        for h in own:
            holders[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in holders.values():
        if 2 <= len(ids) <= MAX_SHINGLE_ARTICLES:
            for x, i in enumerate(ids):
                for j in ids[x + 1 :]:
                    shared[(i, j)] += 1
    scored = []
    for (i, j), count in shared.items():
        if count < SHARED_SHINGLES:
            continue
        jaccard = count / len(shingles[i] | shingles[j])
        if not MIN_BODY_JACCARD <= jaccard < MAX_BODY_JACCARD:
            continue
        first, second = clean_headline(articles[i][1]), clean_headline(articles[j][1])
        if not all(4 <= len(h.split()) <= 30 for h in (first, second)):
            continue
        if " ".join(first.lower().split()) == " ".join(second.lower().split()):
            continue
        a, b = _stems(first), _stems(second)
        common = len(a & b)
        if common < MIN_SHARED_WORDS or common < MIN_HEADLINE_OVERLAP * min(len(a), len(b)):
            continue
        scored.append((jaccard, first, second))
    partners: Counter[str] = Counter()
    out = []
    for _, first, second in sorted(scored, reverse=True):
        if partners[first] >= MAX_PARTNERS or partners[second] >= MAX_PARTNERS:
            continue
        partners.update((first, second))
        out.append((first, second))
    return out
