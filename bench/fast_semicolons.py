"""Two statements joined by a semicolon on the fast path: where its parser-free cut
(``statements`` here) agrees with the deep path's parsed one
(``veracity.claims.extract._clauses``), which batch claims change, and what it costs.

Stop 47 cut such a sentence into its statements on the deep path (``veracity analyze``) only;
``veracity batch --claims`` ranked it whole. Over the first ``--per-group`` records of each
corpus and label (shuffled, seed 7, as ``bench/semicolon_claims.py``), this bench reads each
fast-path body sentence holding a semicolon, cuts it without a parser and (one parse of the
sentence alone) with the deep path's rule, and counts both cut / fast only / deep only /
neither, listing the disagreements; lists the fast-path candidate sentences that change
(``candidate_sentences``, the cut off and on) and the claims ``extract_claims_fast`` keeps that
change; and times the candidates over the sample, the cut off (``candidate_sentences``, the
unchanged tree's code) and on, in alternating rounds, as CPU ms per article.

The cut lives here: it was wired into ``candidate_sentences`` for the run (``statements``),
failed the rule below and was taken out of the product unchanged, so ``_cut_candidates`` is
``candidate_sentences`` with it.

Choice, fixed before the run (written at 10:56 UTC, before it began): the fast cut is wired
only if it agrees with the deep path's on 90% or more of the semicolon sentences, cuts where the
deep path does not on no more than 5% of them, and costs under 1% of the fast path's 3.72 CPU
ms per article (the Throughput section's figure): the median "on" minus "off" under 0.037 ms.

Stop 48's second design (``--design finite``, :func:`_has_finite_verb`): each part must also
hold a finite verb after a word of its own, read from the words alone. Its rule, fixed before
its runs (written at 12:45 UTC): it is wired only if it agrees with the deep cut on 95% or more
of the semicolon sentences both of the first 10 records of each group (the sample the design was
drawn from) and of the records 11 to 30 of each group (fresh: the counts of ``--per-group 30``
less those of ``--per-group 10``), cuts where the deep path does not on no more than 5% of each,
and costs under 1% of the fast path's CPU ms per article (median "on" minus "off").

Usage: ``.venv/bin/python bench/fast_semicolons.py [--per-group N] [--rounds R] [--design D]
> results.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from functools import partial
from typing import Any

from semicolon_claims import CORPORA, SEED  # bench/semicolon_claims.py

MIN_WORDS = 5
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# A part after a semicolon that leans on the one before ("...; warning residents that ...",
# "...; which ..."): no statement by itself, so the sentence stays whole. Without a parser, its
# first word tells: a participle in lower case or a subordinating or relative word.
_LEANING = re.compile(
    r"(?:[a-z]+ing|that|which|who|whom|whose|where|when|whereas|while|because|although|though|"
    r"if|unless|as|since|so|than)\b"
)
_QUOTE_MARKS = frozenset({'"', "“", "”"})


# Stop 48's second design (``--design finite``): a part states by itself only where it holds a
# finite verb after a word of its own, read from the words alone as ``claims.cues`` reads tense:
# an auxiliary or modal, a past form (a regular "-ed" of five letters or more, or an irregular
# one), or "says" / "say"; the word before it no relative pronoun or "to" ("which costs",
# "to pass"). The first design's five wrong cuts have none ("...; well on target to pass last
# year's grisly total of 990.", "...; survive forty-nine years ...").
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FINITE = _words(
    "is are was were am has have had does do did will would can could should shall may might "
    "must 's 're 've 'll 'd isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't "
    "didn't won't wouldn't can't couldn't shouldn't say says said made took gave went came got "
    "saw knew told paid lost won spent cut rose fell grew built brought bought left held kept "
    "began became found thought led met ran sold sent stood struck wrote fought caught taught "
    "put set hit let shut quit spread cost hurt broke chose drove ate fled shot sank drew "
    "threw flew wore spoke understood withdrew forgave overtook meant felt dealt it's he's "
    "she's that's there's what's who's here's"
)
_NOT_BEFORE_FINITE = frozenset({"which", "who", "whom", "whose", "that", "to"})


def _has_finite_verb(part: str) -> bool:
    """Whether ``part`` holds a finite verb after a word of its own (:data:`_FINITE`)."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(part)]
    return any(
        (w in _FINITE or (w.endswith("ed") and len(w) > 4))
        and i > 0
        and words[i - 1] not in _NOT_BEFORE_FINITE
        for i, w in enumerate(words)
    )


def statements(sentence: Any, design: str = "first") -> list[Any]:
    """A sentence whose semicolons join statements, as its parts ("The city has not raised its
    tax rate since 2020, council records show; bills rose because ..."), else the sentence: the
    deep path's cut (:func:`veracity.claims.extract._clauses`) without its parser. Each part has
    :data:`MIN_WORDS` words and none after a semicolon opens leaning on the one before
    (:data:`_LEANING`); a semicolon inside quotation marks is the speaker's, and a list
    ("Paris; London; Rome") has parts too short: either leaves the sentence whole."""
    from veracity.nlp import Sentence

    if ";" not in sentence.text:
        return [sentence]
    bounds, start, quoted = [], 0, False
    for i, char in enumerate(sentence.text):
        if char in _QUOTE_MARKS:
            quoted = not quoted if char == '"' else char == "“"
        elif char == ";" and not quoted:
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(sentence.text)))
    if len(bounds) < 2:
        return [sentence]
    parts = []
    for number, (part_start, part_end) in enumerate(bounds):
        text = sentence.text[part_start:part_end]
        stripped = text.strip()
        if len(_WORD.findall(stripped)) < MIN_WORDS or (number and _LEANING.match(stripped)):
            return [sentence]
        if design == "finite" and not _has_finite_verb(stripped):
            return [sentence]
        at = sentence.start + part_start + text.index(stripped)
        parts.append(Sentence(at, at + len(stripped), stripped))
    return parts


def _cut_candidates(analysed: Any, limit: int = 2, design: str = "first") -> list[Any]:
    """``veracity.claims.fast.candidate_sentences`` with :func:`statements` cutting each body
    sentence."""
    from veracity.claims.fast import claim_cue_score
    from veracity.ingest.links import link_lines
    from veracity.nlp import Sentence
    from veracity.nlp.document import claim_start

    text = analysed.text
    links = link_lines(text)
    sentences = [
        part
        for s in analysed.body_sentences
        if not links.covers(s.start) and (start := claim_start(text, s.start)) < s.end
        for part in statements(
            s if start == s.start else Sentence(start, s.end, text[start : s.end]), design
        )
    ]
    scored = [(claim_cue_score(s.text), s) for s in sentences]
    best = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: -pair[0])[:limit]
    return sorted((sentence for _, sentence in best), key=lambda s: s.start)


def run(per_group: int, rounds: int, design: str = "first") -> dict[str, Any]:
    from veracity.claims import extract, fast
    from veracity.data.registry import load_corpus
    from veracity.errors import VeracityError
    from veracity.ingest import Article, article_from_text
    from veracity.nlp import Sentence, analyse_text
    from veracity.settings import get_settings

    data_dir = get_settings().data_dir
    texts = []
    counted: Counter[str] = Counter()
    for corpus in CORPORA:
        records = sorted(load_corpus(corpus, data_dir), key=lambda r: r.id)
        random.Random(SEED).shuffle(records)
        for record in records:
            group = f"{corpus}:{record.label}"
            if counted[group] >= per_group:
                continue
            try:
                article = article_from_text(record.text, title=record.title or None)
                texts.append((record.id, analyse_text(article, "fast")))
            except VeracityError:
                continue
            counted[group] += 1
    agreement: Counter[str] = Counter()
    disagree = []
    for _, analysed in texts:
        for sentence in analysed.body_sentences:
            if ";" not in sentence.text:
                continue
            by_fast = len(statements(sentence, design)) > 1
            alone = analyse_text(Article(text=sentence.text), "deep")
            by_deep = bool(extract._clauses(alone, Sentence(0, len(alone.text), alone.text)))
            key = {(True, True): "both", (True, False): "fast only", (False, True): "deep only"}
            agreement[key.get((by_fast, by_deep), "neither")] += 1
            if by_fast != by_deep:
                disagree.append(f"{'fast' if by_fast else 'deep'} only: {sentence.text}")

    shipped = fast.candidate_sentences

    def candidates(reading: Any) -> list[list[str]]:
        return [[s.text for s in reading(a)] for _, a in texts]

    def timed(reading: Any) -> float:
        started = time.process_time()
        candidates(reading)
        return (time.process_time() - started) * 1000 / len(texts)

    cut = partial(_cut_candidates, design=design)
    off, on = candidates(shipped), candidates(cut)
    claims_off = fast.extract_claims_fast([a for _, a in texts])
    fast.candidate_sentences = cut  # type: ignore[assignment]
    try:
        claims_on = fast.extract_claims_fast([a for _, a in texts])
    finally:
        fast.candidate_sentences = shipped  # type: ignore[assignment]
    changed = [
        {"article": rid, "off": sorted(set(a) - set(b)), "on": sorted(set(b) - set(a))}
        for (rid, _), a, b in zip(texts, off, on, strict=True)
        if a != b
    ]
    claims_changed = [
        {
            "article": rid,
            "off": sorted({c.text for c in a} - {c.text for c in b}),
            "on": sorted({c.text for c in b} - {c.text for c in a}),
        }
        for (rid, _), a, b in zip(texts, claims_off, claims_on, strict=True)
        if [c.text for c in a] != [c.text for c in b]
    ]
    cost: dict[str, list[float]] = {"off": [], "on": []}
    for _ in range(rounds):
        for name, reading in (("off", shipped), ("on", cut)):
            cost[name].append(timed(reading))
    return {
        "articles": len(texts),
        "per_group": dict(counted),
        "semicolon_sentences": sum(agreement.values()),
        "agreement": dict(agreement),
        "disagree": disagree,
        "candidates_changed": changed,
        "claims_changed": claims_changed,
        "cpu_ms_per_article": {
            name: {"min": round(min(v), 4), "median": round(sorted(v)[len(v) // 2], 4)}
            for name, v in cost.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--per-group", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--design", choices=("first", "finite"), default="first")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.per_group, args.rounds, args.design), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
