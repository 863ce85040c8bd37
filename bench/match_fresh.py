"""Known-fact-check matching on a fresh held-out test: FakeNewsNet's PolitiFact articles against
LIAR (real paraphrases no matching bench had read before stop 39).

FakeNewsNet's PolitiFact rows carry the id of the PolitiFact check that rated the article
(``politifact13475``), and LIAR's statements carry theirs (``13475.json``): one id space, so an
article and the LIAR statement of its id are one fact-check, linked by the data. A row labelled
fake is the post PolitiFact rated false, so its headline is the claim in its author's words; a
row labelled real is a source PolitiFact cited (a transcript, a bill, a news story), whose body
often holds the speaker's own words. Queries (:func:`fresh_queries`), by the headline / lead
rule of :mod:`veracity.verify.headline_pairs` (:func:`restatement`):

- ``fnn_title``: the article's headline (cleaned, 4 to 30 words) when it restates the statement
  or the row is the post rated false;
- ``fnn_sentence``: the first body sentence of 8 to 60 words that restates the statement;

their right answers the statement and its exact repeats; any other match is a false positive
(conservative: PolitiFact may have checked the claim again under another id). Left out, so that
nothing here was read by an earlier matching bench: the articles of bench/match_headlines.py's
and bench/match_hardneg.py's training sample (6000 headline / lead pairs) and the rows whose
statement is a query or an answer of the store build's calibration sets (dev or test). Each pair
was also read by hand before any match was scored (:data:`JUDGED`); the figures are given for
every pair of the rule and for those read as one claim. Negatives (``gossipcop_title``): as many
GossipCop headlines (celebrity stories, which no collection of the store checks), drawn with a
fixed seed: any match is a false positive.

Each query is matched against this machine's store (``veracity factchecks build``) as the product
matches a claim (unscreened, with the guard), at the store's shipped point, at the points given
with ``--points`` and at the re-ranker's dev point. Read once per rule change: the figures are
reported, never used to choose.

Run: ``.venv/bin/python bench/match_fresh.py --points 0.55/0.81 --write`` (about a minute; needs
this machine's fact-check store, ``veracity setup``).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from _docs import write_section  # bench/_docs.py
from _match_tables import liar_calibration_records  # bench/_match_tables.py

MARK_START = "<!-- match-fresh:start -->"
MARK_END = "<!-- match-fresh:end -->"
COMMAND = ".venv/bin/python bench/match_fresh.py --points 0.55/0.81 --write"
SEED = 39
TRAINING_SAMPLE = 6000  # bench/match_headlines.py and bench/match_hardneg.py's MAX_ARTICLES
_POLITIFACT_ID = re.compile(r"^politifact(\d+)$")
TITLE, SENTENCE, NEGATIVE = "fnn_title", "fnn_sentence", "gossipcop_title"
POSITIVES = (TITLE, SENTENCE)
BODY_CHARS = 20000
# Each pair of the data rule (article id, "title" or "sentence", one claim), read by hand before
# any match was scored (stop 39): one claim when one fact-check answers both, the same assertion
# with the same figures and strength (as verify/rechecks.py judges LIAR re-checks); a text that
# adds a claim of its own ("Insurance companies have seen their profits soar by more than 400
# percent since 2001, while premiums for consumers have doubled." for "Health care premiums for
# consumers have doubled since 2001.") or states another figure or the other side is not.
JUDGED: tuple[tuple[str, str, bool], ...] = (
    ("politifact13475", "title", True),
    ("politifact13484", "title", False),
    ("politifact13501", "title", True),
    ("politifact10185", "sentence", False),
    ("politifact1027", "sentence", False),
    ("politifact10371", "sentence", True),
    ("politifact10413", "sentence", True),
    ("politifact1052", "title", True),
    ("politifact1067", "sentence", True),
    ("politifact10731", "sentence", True),
    ("politifact10945", "sentence", True),
    ("politifact1118", "sentence", True),
    ("politifact11552", "title", False),
    ("politifact11552", "sentence", False),
    ("politifact11577", "sentence", False),
    ("politifact11711", "sentence", False),
    ("politifact1180", "sentence", False),
    ("politifact11882", "sentence", True),
    ("politifact12104", "sentence", True),
    ("politifact1251", "sentence", False),
    ("politifact12556", "sentence", True),
    ("politifact12748", "sentence", False),
    ("politifact12801", "sentence", False),
    ("politifact12944", "sentence", True),
    ("politifact13132", "sentence", True),
    ("politifact13431", "sentence", False),
    ("politifact1731", "sentence", False),
    ("politifact1825", "sentence", True),
    ("politifact1892", "sentence", True),
    ("politifact1924", "sentence", False),
    ("politifact2013", "sentence", False),
    ("politifact2093", "sentence", False),
    ("politifact2128", "sentence", True),
    ("politifact214", "sentence", True),
    ("politifact2258", "sentence", True),
    ("politifact2281", "sentence", False),
    ("politifact2592", "sentence", False),
    ("politifact3050", "sentence", False),
    ("politifact312", "sentence", False),
    ("politifact3180", "sentence", True),
    ("politifact3192", "sentence", True),
    ("politifact333", "sentence", True),
    ("politifact336", "sentence", False),
    ("politifact339", "sentence", True),
    ("politifact351", "sentence", False),
    ("politifact357", "sentence", True),
    ("politifact3581", "sentence", False),
    ("politifact374", "sentence", True),
    ("politifact385", "sentence", True),
    ("politifact408", "sentence", True),
    ("politifact4088", "sentence", True),
    ("politifact4275", "sentence", False),
    ("politifact429", "sentence", False),
    ("politifact4306", "sentence", False),
    ("politifact435", "sentence", True),
    ("politifact4875", "sentence", True),
    ("politifact503", "sentence", False),
    ("politifact512", "sentence", True),
    ("politifact527", "sentence", True),
    ("politifact551", "sentence", True),
    ("politifact554", "sentence", True),
    ("politifact5632", "sentence", False),
    ("politifact5778", "sentence", True),
    ("politifact6146", "sentence", True),
    ("politifact6360", "sentence", True),
    ("politifact642", "sentence", True),
    ("politifact6472", "sentence", True),
    ("politifact6519", "sentence", False),
    ("politifact6556", "sentence", True),
    ("politifact6646", "sentence", False),
    ("politifact671", "sentence", True),
    ("politifact6931", "sentence", False),
    ("politifact700", "sentence", True),
    ("politifact7182", "sentence", True),
    ("politifact7595", "sentence", True),
    ("politifact7618", "sentence", True),
    ("politifact7665", "sentence", True),
    ("politifact7668", "sentence", False),
    ("politifact7888", "sentence", True),
    ("politifact8005", "sentence", True),
    ("politifact8069", "sentence", True),
    ("politifact809", "sentence", False),
    ("politifact8805", "sentence", True),
    ("politifact934", "sentence", False),
    ("politifact979", "sentence", True),
)


class FreshQuery(BaseModel):
    """One query of the fresh test: its text, kind and right answers (store indices)."""

    text: str
    kind: str
    accept: list[int]
    article: str


class Figures(BaseModel):
    """One population's figures at one point: precision over its real paraphrases and the
    negatives, and the real paraphrases' own precision and recall."""

    real: int
    precision: float  # over all queries: a negative's match is a false positive
    real_precision: float
    real_recall: float
    found: int
    wrong: int  # real paraphrases matched to another record


class FreshPoint(BaseModel):
    """One operating point's figures on the fresh test: every pair of the data rule, and the
    pairs read as one claim (:data:`JUDGED`)."""

    label: str
    thresholds: dict[str, float | None]
    negatives_matched: int
    rule: Figures
    read: Figures


class MatchFresh(BaseModel):
    """The bench's result: the test's make-up and each point's figures."""

    command: str
    rows: int
    with_liar_statement: int
    left_out_training: int
    left_out_calibration: int
    without_restatement: int
    titles: int
    sentences: int
    read_same: int
    negatives: int
    points: list[FreshPoint]


def headline(title: str) -> str | None:
    """The cleaned headline of a title, or None when it is not 4 to 30 words."""
    from veracity.verify.headline_pairs import clean_headline

    cleaned = clean_headline(title)
    return cleaned if 4 <= len(cleaned.split()) <= 30 else None


def restatement(statement: str, text: str) -> bool:
    """Whether ``text`` restates ``statement`` by the headline / lead rule of
    :mod:`veracity.verify.headline_pairs`: at least :data:`~veracity.verify.headline_pairs.
    MIN_OVERLAP` of the statement's content words (LIAR's leading "Says" dropped; compared by
    their first 5 letters), without holding the whole statement (a quotation is no rewording)."""
    from veracity.verify.factchecks import normalise
    from veracity.verify.headline_pairs import MIN_OVERLAP, overlap

    claim = re.sub(r"^\s*says\s+(?:that\s+)?", "", statement, flags=re.IGNORECASE)
    return overlap(claim, text) >= MIN_OVERLAP and normalise(claim) not in normalise(text)


def body_sentence(statement: str, text: str) -> str | None:
    """The first sentence of 8 to 60 words of an article's ``text`` that restates ``statement``
    (:func:`restatement`), or None."""
    from veracity.nlp.document import split_sentences

    for sentence in split_sentences(text[:BODY_CHARS]):
        if 8 <= len(sentence.split()) <= 60 and restatement(statement, sentence):
            return " ".join(sentence.split())
    return None


def fresh_queries(
    articles: list[Any],
    records: list[Any],
    excluded_articles: set[str],
    excluded_records: set[int],
    rng: random.Random,
) -> tuple[list[FreshQuery], dict[str, int]]:
    """The queries of the module docstring from FakeNewsNet ``articles`` (NewsRecord) and the
    store's ``records``; ``excluded_articles``: ids read by an earlier bench ('fakenewsnet:<id>'),
    ``excluded_records``: store indices of the calibration queries and answers. Returns the
    queries (positives, then negatives) and the counts of what was left out."""
    from veracity.verify.factchecks import normalise

    index = {r.id: i for i, r in enumerate(records)}
    by_text: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        by_text.setdefault(normalise(record.statement), []).append(i)
    counts = dict.fromkeys(("rows", "with_liar", "training", "calibration", "none"), 0)
    positives: list[FreshQuery] = []
    seen: set[str] = set()

    def add(text: str | None, kind: str, accept: list[int], article: str) -> bool:
        if text is None or normalise(text) in seen:
            return False
        seen.add(normalise(text))
        positives.append(FreshQuery(text=text, kind=kind, accept=accept, article=article))
        return True

    for article in articles:
        found = _POLITIFACT_ID.match(article.id)
        if not found:
            continue
        counts["rows"] += 1
        answer = index.get(f"liar-{found[1]}")
        if answer is None:
            continue
        counts["with_liar"] += 1
        if f"fakenewsnet:{article.id}" in excluded_articles:
            counts["training"] += 1
            continue
        statement = records[answer].statement
        accept = by_text[normalise(statement)]
        if excluded_records.intersection(accept):
            counts["calibration"] += 1
            continue
        title = headline(article.title or "")
        kept = add(
            title if title and (article.label == "fake" or restatement(statement, title)) else None,
            TITLE,
            accept,
            article.id,
        )
        kept |= add(body_sentence(statement, article.text or ""), SENTENCE, accept, article.id)
        counts["none"] += not kept
    pool = []
    for article in articles:
        if (
            article.id.startswith("gossipcop")
            and f"fakenewsnet:{article.id}" not in excluded_articles
        ):
            text = headline(article.title or "")
            if text is not None and normalise(text) not in seen:
                seen.add(normalise(text))
                pool.append(FreshQuery(text=text, kind=NEGATIVE, accept=[], article=article.id))
    negatives = rng.sample(pool, min(len(positives), len(pool)))
    return positives + negatives, counts


def _figures(results: list[int], kinds: list[str], keep: list[bool]) -> Figures:
    real = [r for r, kind, k in zip(results, kinds, keep, strict=True) if kind in POSITIVES and k]
    negatives = [r for r, kind in zip(results, kinds, strict=True) if kind == NEGATIVE]
    found = sum(1 for r in real if r == 1)
    wrong = sum(1 for r in real if r == -1)
    false_positives = wrong + sum(1 for r in negatives if r != 0)
    return Figures(
        real=len(real),
        precision=round(found / (found + false_positives), 4) if found + false_positives else 1.0,
        real_precision=round(found / (found + wrong), 4) if found + wrong else 1.0,
        real_recall=round(found / max(1, len(real)), 4),
        found=found,
        wrong=wrong,
    )


def point_figures(
    label: str, rows: list[Any], kinds: list[str], same: list[bool], thresholds: Any
) -> FreshPoint:
    """The figures of ``rows`` (calibrate's ``Outcome`` rows, in the order of ``kinds``; ``same``:
    each row read as one claim with its answer, :data:`JUDGED`) at ``thresholds``."""
    from veracity.verify.calibrate import match_results, vars_of

    results = [int(r) for r in match_results(rows, thresholds)]
    return FreshPoint(
        label=label,
        thresholds=vars_of(thresholds),
        negatives_matched=sum(
            1 for r, kind in zip(results, kinds, strict=True) if kind == NEGATIVE and r != 0
        ),
        rule=_figures(results, kinds, [True] * len(kinds)),
        read=_figures(results, kinds, same),
    )


def run(data_dir: Path, points: list[tuple[str, Any]]) -> MatchFresh:
    from veracity.data.registry import load_corpus
    from veracity.verify import calibrate, headline_pairs
    from veracity.verify.factchecks import RANKER_FILE, SPEC, Thresholds, load_factcheck_store

    store = load_factcheck_store()
    articles = list(load_corpus("fakenewsnet", data_dir))
    training = {
        article_id
        for article_id, _, _ in headline_pairs.headline_leads(
            headline_pairs.corpus_articles(data_dir), TRAINING_SAMPLE
        )
    }
    dev, test = calibrate.calibration_sets(data_dir, store.records, store.vectors, store.signatures)
    calibration = liar_calibration_records(dev + test)
    queries, counts = fresh_queries(
        articles, store.records, training, calibration, random.Random(SEED)
    )
    found = store.candidates([q.text for q in queries])
    rows = [
        calibrate.Outcome(calibrate.Query(q.text, q.kind, frozenset(q.accept)), candidates)
        for q, candidates in zip(queries, found, strict=True)
    ]
    kinds = [q.kind for q in queries]
    judged = {(article, f"fnn_{kind}"): same for article, kind, same in JUDGED}
    same = [judged.get((q.article, q.kind), False) for q in queries]
    shipped = store.thresholds
    figures = [point_figures("shipped: this store's point", rows, kinds, same, shipped)]
    for label, thresholds in points:
        figures.append(point_figures(label, rows, kinds, same, thresholds))
    if shipped.match_probability is None:
        card = SPEC.read_card()
        ranker = store.ranker or SPEC.load_file(RANKER_FILE)
        rescored = calibrate.with_probabilities(rows, ranker, [r.statement for r in store.records])
        figures.append(
            point_figures(
                "re-ranker at its dev point (not enabled)",
                rescored,
                kinds,
                same,
                Thresholds(**card.metrics["reranked"]["thresholds"]),
            )
        )
    return MatchFresh(
        command=" ".join(["bench/match_fresh.py", *sys.argv[1:]]),
        rows=counts["rows"],
        with_liar_statement=counts["with_liar"],
        left_out_training=counts["training"],
        left_out_calibration=counts["calibration"],
        without_restatement=counts["none"],
        titles=kinds.count(TITLE),
        sentences=kinds.count(SENTENCE),
        read_same=sum(same),
        negatives=kinds.count(NEGATIVE),
        points=figures,
    )


def rule_label(t: dict[str, float | None]) -> str:
    """A card's thresholds as the tables print them: "J 0.55 / cos 0.78" or "J 0.60 / p 0.91"."""
    second = (
        f"p {t['match_probability']:.2f}"
        if t["match_probability"] is not None
        else f"cos {t['semantic_cosine']:.2f}"
    )
    return f"J {t['lexical_jaccard']:.2f} / {second}"


def section(r: MatchFresh) -> str:
    positives = r.titles + r.sentences
    lines = [
        MARK_START,
        "### A fresh held-out test: FakeNewsNet's PolitiFact articles against LIAR",
        "",
        f"Command: `{COMMAND}`. FakeNewsNet's PolitiFact rows carry the id of the PolitiFact"
        " check that rated the article, and LIAR's statements theirs: one id space, so an"
        " article and the LIAR statement of its id are one fact-check, linked by the data. Of"
        f" {r.rows} PolitiFact rows, {r.with_liar_statement} have a LIAR statement in the store;"
        f" left out {r.left_out_training} read as headline / lead training pairs by"
        f" bench/match_headlines.py and bench/match_hardneg.py, {r.left_out_calibration} whose"
        " statement is a query or an answer of the store build's calibration sets, and"
        f" {r.without_restatement} where neither text below restates the statement. Queries, by"
        " the headline / lead rule of `verify/headline_pairs.py` (at least 60% of the"
        " statement's content words, 'Says' dropped, without the whole statement): the"
        " article's headline, when it restates the statement or the row is the post rated"
        f" false ({r.titles}), and the first body sentence of 8 to 60 words that restates it"
        f" ({r.sentences}), mostly the speaker's own words in the transcript or article"
        " PolitiFact cited ('And over the past five years, this industry created about 500,000"
        " new jobs.' for 'Over the past five years, the American automobile industry has"
        " created about 500,000 new jobs.'). The right answers: the statement and its exact"
        " repeats; any other match is a false positive (conservatively). Read by hand before"
        f" any match was scored, {r.read_same} of the {positives} state the statement's claim"
        " (`JUDGED`: the rest add a claim of their own, give another figure or the other side,"
        " or only share its words): the rows 'read' count only those. Beside them"
        f" {r.negatives} GossipCop headlines (celebrity stories, which no collection of the"
        " store checks; fixed seed): any match is a false positive. Each query is matched as"
        " the product matches a claim (unscreened, guard on). Never used to choose.",
        "",
        "| point | thresholds | pairs | precision (all) | real paraphrases P / R |"
        " found / wrong record | GossipCop headlines matched |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in r.points:
        for name, f in (("data rule", p.rule), ("read as one claim", p.read)):
            lines.append(
                f"| {p.label} | {rule_label(p.thresholds)} | {name} ({f.real}) | {f.precision:.3f} |"
                f" {f.real_precision:.3f} / {f.real_recall:.3f} | {f.found} / {f.wrong} |"
                f" {p.negatives_matched} of {r.negatives} |"
            )
    lines.append(MARK_END)
    return "\n".join(lines)


def _point(text: str) -> tuple[str, Any]:
    from veracity.verify.factchecks import Thresholds

    jaccard, cosine = (float(x) for x in text.split("/"))
    return f"cosine rule at {jaccard:.2f} / {cosine:.2f}", Thresholds(jaccard, cosine)


def main() -> None:
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", default="", help="more cosine points, J/cos, comma-separated")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--render", type=Path, default=None, help="a saved --out result")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if args.render:
        result = MatchFresh.model_validate_json(args.render.read_text(encoding="utf-8"))
    else:
        points = [_point(p) for p in args.points.split(",") if p]
        result = run(get_settings().data_dir, points)
    print(result.model_dump_json(indent=1), file=sys.stderr, flush=True)
    if args.out:
        args.out.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    if args.write:
        write_section(section(result), MARK_START, MARK_END)


if __name__ == "__main__":
    main()
