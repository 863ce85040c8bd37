"""Benchmark of corroboration across sources: event grouping, contradicted and uncorroborated
flags, and speed, each beside a simple baseline. No real labels: the evaluation is built.

Run: ``nice -n 10 .venv/bin/python bench/corroboration.py [--sizes 1000,10000,100000]``

- grouping: FNC-1 bodies grouped into events; the gold events are the Emergent claims (bodies
  linked through the headlines they agree with, disagree with or discuss). The thresholds are
  chosen on half of the events (dev) and reported on the other half (test), beside grouping by
  identical first sentence (the "same title" baseline: FNC-1 bodies have no titles);
- contradicted figures: in a body whose figure other bodies corroborate, the figure is changed
  (controlled perturbation); the changed claim must be flagged "contradicted" and no other claim
  newly flagged. One body per gold event is perturbed per round;
- uncorroborated claims: a figure sentence of another event is inserted into a body (it must be
  flagged), against claims whose figure another body of the same gold event states (must not);
- baseline for both: no sentence alignment (any figure of the same kind anywhere in the other
  article counts);
- speed: the corpus step alone (grouping + alignment, no MiniLM) on 1k / 10k / 100k articles
  built from the news corpora (each copy of the pool in its own date range).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

from pydantic import BaseModel

from _docs import write_section  # bench/_docs.py
from _templates import render  # bench/_templates.py
from veracity.corroborate import CorpusArticle, GroupingConfig, corroborate_corpus
from veracity.corroborate.align import Alignment, FigureSentence, figure_sentences
from veracity.corroborate.events import article_key, group_events
from veracity.corroborate.figures import extract_figures
from veracity.nlp.document import split_sentences
from veracity.settings import get_settings

MARK_START, MARK_END = "<!-- corroboration:start -->", "<!-- corroboration:end -->"
SEED = 0
COMMAND = "nice -n 10 .venv/bin/python bench/corroboration.py"


def load_fnc(data_dir: Path) -> tuple[list[str], list[int], list[int]]:
    """FNC-1 bodies that relate to some headline, their gold event, and their body ids."""
    import pandas as pd

    stances = pd.read_csv(data_dir / "fnc1" / "competition_test_stances.csv.gz")
    bodies = pd.read_csv(data_dir / "fnc1" / "competition_test_bodies.csv.gz")
    related = stances[stances.Stance != "unrelated"]
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for _, group in related.groupby("Headline"):
        ids = [int(i) for i in group["Body ID"]]
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
    bodies = bodies[bodies["Body ID"].isin(set(parent))]
    roots = sorted({find(i) for i in parent})
    event_of = {root: k for k, root in enumerate(roots)}
    return (
        [str(t) for t in bodies.articleBody],
        [event_of[find(int(i))] for i in bodies["Body ID"]],
        [int(i) for i in bodies["Body ID"]],
    )


def grouping_scores(groups: list[list[int]], gold: list[int]) -> dict[str, float]:
    """Purity (each predicted event's majority share), inverse purity, and their F1."""
    n = len(gold)
    purity = sum(collections.Counter(gold[i] for i in g).most_common(1)[0][1] for g in groups) / n
    predicted = {i: k for k, g in enumerate(groups) for i in g}
    by_gold: dict[int, list[int]] = collections.defaultdict(list)
    for i, label in enumerate(gold):
        by_gold[label].append(i)
    inverse = (
        sum(
            collections.Counter(predicted[i] for i in g).most_common(1)[0][1]
            for g in by_gold.values()
        )
        / n
    )
    return {
        "purity": purity,
        "inverse_purity": inverse,
        "f1": 2 * purity * inverse / (purity + inverse),
        "events": len(groups),
        "gold_events": len(by_gold),
    }


def same_title_groups(texts: list[str]) -> list[list[int]]:
    """Baseline: articles with the same title (here: the same first sentence) are one event."""
    groups: dict[str, list[int]] = collections.defaultdict(list)
    for i, text in enumerate(texts):
        first = (split_sentences(text) or [""])[0].lower().strip()
        groups[first or f"#{i}"].append(i)
    return list(groups.values())


def bench_grouping(texts: list[str], gold: list[int], embed) -> dict:
    dev_events = {label for label in set(gold) if label % 2 == 0}
    parts = {
        name: [i for i, label in enumerate(gold) if (label in dev_events) == (name == "dev")]
        for name in ("dev", "test")
    }
    results: dict = {"sweep": [], "embedded": embed is not None}
    dev = parts["dev"]
    dev_keys = [article_key(k, None, texts[i], None, None) for k, i in enumerate(dev)]
    for link in (0.15, 0.2, 0.25, 0.3):
        for density in (0.1, 0.2, 0.35):
            config = GroupingConfig(
                link_threshold=link, grey_threshold=round(link - 0.06, 2), min_link_density=density
            )
            groups = group_events(dev_keys, config, embed)
            scores = grouping_scores(groups, [gold[i] for i in dev])
            results["sweep"].append({"link": link, "density": density, **scores})
    eligible = [row for row in results["sweep"] if row["purity"] >= 0.99] or results["sweep"]
    best = max(eligible, key=lambda row: row["f1"])
    results["chosen"] = {"link": best["link"], "density": best["density"]}
    default = GroupingConfig()
    results["default"] = {"link": default.link_threshold, "density": default.min_link_density}
    test = parts["test"]
    test_keys = [article_key(k, None, texts[i], None, None) for k, i in enumerate(test)]
    test_gold = [gold[i] for i in test]
    started = time.perf_counter()
    results["test"] = grouping_scores(group_events(test_keys, default, embed), test_gold)
    results["test"]["seconds"] = time.perf_counter() - started
    results["test_lexical"] = grouping_scores(group_events(test_keys, default, None), test_gold)
    results["test_same_title"] = grouping_scores(
        same_title_groups([texts[i] for i in test]), test_gold
    )
    return results


def no_alignment(claim: FigureSentence, other: list[FigureSentence]) -> dict[int, Alignment]:
    """Baseline: any figure of the same kind anywhere in the other article, no alignment."""
    found = {}
    for position, figure in enumerate(claim.figures):
        same_key = [(s, g) for s in other for g in s.figures if g.key == figure.key]
        agreeing = [(s, g) for s, g in same_key if figure.corroborates(g)]
        if agreeing:
            found[position] = Alignment(
                "supports", agreeing[0][0].text, (agreeing[0][1].text,), (agreeing[0][1],)
            )
        elif any(figure.agrees_with(g) for _, g in same_key):
            continue  # compatible, not the same figure: as compare_claim
        elif same_key:
            found[position] = Alignment(
                "contradicts",
                same_key[0][0].text,
                tuple(g.text for _, g in same_key),
                tuple(g for _, g in same_key),
            )
    return found


def _changed(value: float) -> str:
    changed = int(value * 2 + 3) if value < 20 else round(value * 1.7)
    return f"{changed:,}" if value >= 1000 else str(changed)


def _flags(results, status: str) -> set[tuple[int, str]]:
    return {
        (position, claim.text)
        for position, corroboration in enumerate(results)
        for claim in corroboration.claims
        if claim.status == status
    }


def bench_contradictions(
    texts: list[str],
    gold: list[int],
    compare,
    events: set[int],
    *,
    strong_only: bool = True,
    rounds: int = 4,
    debug=None,
) -> dict:
    """Perturb one corroborated exact figure per gold event (of ``events``) per round; count
    the flags. ``strong_only``: figures two or more other origins state (which one origin
    alone cannot outvote); else figures exactly one other origin states (two origins that
    disagree: "disputed" is the most that can be said, for both)."""
    articles = [CorpusArticle(id=str(i), text=t) for i, t in enumerate(texts)]
    clean = corroborate_corpus(articles, compare=compare)
    clean_flags = _flags(clean, "contradicted" if strong_only else "disputed")
    candidates: dict[int, list[tuple[int, str, str]]] = collections.defaultdict(list)
    for position, corroboration in enumerate(clean):
        for claim in corroboration.claims:
            if claim.status != "corroborated" or gold[position] not in events:
                continue
            if (len(claim.corroborated_by) >= 2) != strong_only:
                continue
            for figure in extract_figures(claim.text):
                exact = figure.low == figure.high and figure.text.replace(",", "").isdigit()
                if exact and figure.key not in ("age",):
                    new = (
                        claim.text[: figure.start] + _changed(figure.low) + claim.text[figure.end :]
                    )
                    candidates[gold[position]].append((position, claim.text, new))
                    break
    rng = random.Random(SEED)
    tp = fp = n = 0
    for round_number in range(rounds):
        chosen = {}
        for event, options in sorted(candidates.items()):
            if len(options) > round_number:
                rng.shuffle(options) if round_number == 0 else None
                chosen[event] = options[round_number]
        if not chosen:
            break
        perturbed = list(articles)
        targets = set()
        for position, old, new in chosen.values():
            perturbed[position] = CorpusArticle(
                id=str(position), text=texts[position].replace(old, new, 1)
            )
            targets.add((position, new))
        perturbed_results = corroborate_corpus(perturbed, compare=compare)
        flags = _flags(perturbed_results, "contradicted" if strong_only else "disputed")
        if debug is not None:
            debug.append((targets - flags, flags - targets - clean_flags, perturbed_results))
        n += len(targets)
        tp += len(flags & targets)
        fp += len(flags - targets - clean_flags)
    return {
        "perturbed": n,
        "flagged": tp,
        "false_flags": fp,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / n if n else 0.0,
        "natural_flags": len(clean_flags),
        "claims": sum(len(c.claims) for c in clean),
    }


def bench_uncorroborated(texts: list[str], gold: list[int], compare) -> dict:
    """Inserted foreign figure sentences must be flagged; figures another body of the same
    gold event states must not."""
    members: dict[int, list[int]] = collections.defaultdict(list)
    for i, label in enumerate(gold):
        members[label].append(i)
    rng = random.Random(SEED)
    multi = [event for event, m in sorted(members.items()) if len(m) >= 3]
    pool = [(i, s.text) for i, t in enumerate(texts) for s in figure_sentences(None, t)[:1]]
    perturbed = [CorpusArticle(id=str(i), text=t) for i, t in enumerate(texts)]
    inserted = set()
    for event in multi:
        target = rng.choice(members[event])
        foreign = [(i, s) for i, s in pool if gold[i] != event]
        _, sentence = rng.choice(foreign)
        perturbed[target] = CorpusArticle(id=str(target), text=f"{texts[target]}\n\n{sentence}")
        inserted.add((target, sentence))
    stated = [
        {(f.key, f.low, f.high) for s in split_sentences(text) for f in extract_figures(s)}
        for text in texts
    ]
    negatives = set()
    for event in multi:
        for i in members[event]:
            others = set().union(*(stated[j] for j in members[event] if j != i))
            for claim in figure_sentences(None, texts[i]):
                if all((f.key, f.low, f.high) in others for f in claim.figures):
                    negatives.add((i, claim.text))
    results = corroborate_corpus(perturbed, compare=compare)
    flagged = _flags(results, "uncorroborated") | _flags(results, "no_other_origin")
    tp, fp = len(flagged & inserted), len(flagged & negatives)
    return {
        "inserted": len(inserted),
        "negatives": len(negatives),
        "flagged_inserted": tp,
        "flagged_negatives": fp,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / len(inserted) if inserted else 0.0,
    }


HAND_LABELS = Path(__file__).resolve().parent / "data" / "recovery_events.json"
DEV_LABELS = Path(__file__).resolve().parent / "data" / "recovery_events_dev.json"
# the grouping before the repeated-opening filter and the MiniLM agreement check (for the table)
PREVIOUS = GroupingConfig(link_threshold=0.2, embedding_floor=-1.0, skip_repeated_openings=False)


def recovery_articles(data_dir: Path) -> list[CorpusArticle]:
    from veracity.corroborate import parse_date

    articles = []
    source = data_dir / "recovery_covid2020" / "recovery_news.jsonl.gz"
    with gzip.open(source, "rt", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            try:
                day = parse_date(row.get("publish_date"))
            except ValueError:
                day = None
            articles.append(
                CorpusArticle(
                    id=row["id"],
                    title=row.get("title"),
                    text=row.get("text") or "",
                    publisher=row.get("publisher"),
                    published=day,
                )
            )
    return articles


def _labelled_scores(
    articles: list[CorpusArticle], groups: dict[str, str], labels: dict[str, str]
) -> dict:
    """Purity, inverse purity and F1 on the labelled articles (``groups``: id -> event)."""
    labelled = [a.id for a in articles if a.id in labels]
    predicted: dict[str, list[int]] = collections.defaultdict(list)
    for position, article_id in enumerate(labelled):
        predicted[groups[article_id]].append(position)
    return grouping_scores(list(predicted.values()), [labels[i] for i in labelled])


def bench_hand_labelled(data_dir: Path, embed) -> dict:
    """Grouping on ReCOVery events labelled by hand: the development labels
    (bench/data/recovery_events_dev.json, which chose the MiniLM agreement thresholds) and the
    test labels (bench/data/recovery_events.json, read once at the end). The whole corpus is
    grouped, the labelled articles are scored. The test articles were sampled from the
    previous grouping's own multi-article events, so its inverse purity there is 1 by
    construction; the development articles are random seeds with their nearest neighbours."""
    articles = recovery_articles(data_dir)
    by_id = {a.id: a for a in articles}
    titles = {a.id: (a.title or "").strip().lower() or a.id for a in articles}
    results: dict = {"articles": len(articles)}
    for split, path in (("dev", DEV_LABELS), ("test", HAND_LABELS)):
        labels = {
            k: v
            for k, v in json.loads(path.read_text(encoding="utf-8"))["stories"].items()
            if k in by_id
        }
        results[split] = {"labelled": len(labels), "stories": len(set(labels.values()))}
    for name, config in (("shipped", GroupingConfig()), ("previous", PREVIOUS)):
        grouped = corroborate_corpus(articles, config=config, embed=embed)
        events = {a.id: r.event_id for a, r in zip(articles, grouped, strict=True)}
        for split, path in (("dev", DEV_LABELS), ("test", HAND_LABELS)):
            labels = json.loads(path.read_text(encoding="utf-8"))["stories"]
            results[split][name] = _labelled_scores(articles, events, labels)
            results[split]["same_title"] = _labelled_scores(articles, titles, labels)
    return results


def bench_score_effect(data_dir: Path, workdir: Path) -> dict:
    """ReCOVery (COVID-19 news from 55 outlets, Jan-May 2020) through ``batch --corroborate``:
    how often each flag fires for reliable and unreliable publishers (the corpus' only label,
    per publisher), and the ROC AUC of the reliability score before and after the push."""
    from sklearn.metrics import roc_auc_score

    from veracity.batch import BatchJob, InputSpec, run_batch
    from veracity.batch.writers import read_results

    source = data_dir / "recovery_covid2020" / "recovery_news.jsonl.gz"
    rows, labels = [], {}
    with gzip.open(source, "rt", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            labels[row["id"]] = row["label"]
            rows.append({k: row[k] for k in ("id", "title", "text", "publisher", "publish_date")})
    corpus = workdir / "recovery.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = workdir / "recovery-out.jsonl"
    started = time.perf_counter()
    run_batch(BatchJob(input=InputSpec.for_path(corpus), out=out, corroborate=True, fresh=True))
    seconds = time.perf_counter() - started
    results = [
        r for r in read_results(out) if r.get("corroboration") and r.get("score") is not None
    ]
    gold = [labels[r["id"]] == "reliable" for r in results]
    base = [r["corroboration"]["base_score"] for r in results]
    adjusted = [r["score"] for r in results]
    by_label: dict[str, collections.Counter] = {}
    for r, reliable in zip(results, gold, strict=True):
        counts = by_label.setdefault(
            "reliable" if reliable else "unreliable", collections.Counter()
        )
        counts["articles"] += 1
        counts["multi_origin"] += r["corroboration"]["independent_origins"] > 1
        for claim in r["corroboration"]["claims"]:
            counts["claims"] += 1
            counts[claim["status"]] += 1
    return {
        "articles": len(results),
        "seconds_batch": seconds,
        "auc_base": roc_auc_score(gold, base),
        "auc_adjusted": roc_auc_score(gold, adjusted),
        "by_label": {k: dict(v) for k, v in by_label.items()},
    }


def news_pool(data_dir: Path) -> list[dict]:
    """Real news articles (title, text, publisher, date where known) from the corpora."""
    sources = {
        "fakenewsnet_gossipcop_large/fakenewsnet_large.jsonl.gz": ("collection", None),
        "recovery_covid2020/recovery_news.jsonl.gz": ("publisher", "publish_date"),
        "covid19_fakenews_koirala/covid_fakenews_koirala.dedup.jsonl.gz": (None, None),
        "buzzfeed_webis_2016/buzzfeed_webis_2016.jsonl.gz": ("portal", None),
    }
    pool = []
    for name, (publisher, date) in sources.items():
        with gzip.open(data_dir / name, "rt", encoding="utf-8") as stream:
            for line in stream:
                row = json.loads(line)
                text = row.get("text") or ""
                if len(text) >= 200:
                    pool.append(
                        {
                            "title": row.get("title"),
                            "text": text,
                            "publisher": row.get(publisher) if publisher else None,
                            "date": row.get(date) if date else None,
                        }
                    )
    return pool


def speed_corpus(pool: list[dict], size: int) -> list[CorpusArticle]:
    """``size`` articles: the pool repeated, each copy in its own 120-day range (a copy never
    meets another in a date window), real dates kept within the range, others spread."""
    from veracity.corroborate import parse_date

    rng = random.Random(SEED)
    base = dt.date(2000, 1, 1)
    articles = []
    for k in range(size):
        row = pool[k % len(pool)]
        copy = k // len(pool)
        try:
            day = parse_date(row["date"])
        except ValueError:
            day = None
        offset = (day.toordinal() % 120) if day else rng.randrange(120)
        articles.append(
            CorpusArticle(
                id=str(k),
                text=row["text"],
                title=row["title"],
                publisher=row["publisher"],
                published=base + dt.timedelta(days=copy * 200 + offset),
            )
        )
    return articles


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the feature workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_speed(pool: list[dict], sizes: list[int], workers: int) -> list[dict]:
    rows = []
    for size in sizes:
        articles = speed_corpus(pool, size)
        started = time.perf_counter()
        cpu = _cpu_seconds()
        results = corroborate_corpus(articles, workers=workers)
        rows.append(
            {
                "articles": size,
                "workers": workers,
                "seconds": time.perf_counter() - started,
                "cpu_seconds": _cpu_seconds() - cpu,
                "events_multi": len({r.event_id for r in results if r.event_articles > 1}),
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


MODEL_CARD = Path(__file__).resolve().parents[1] / "docs" / "model-card.md"
CARD_START, CARD_END = "<!-- corroboration-card:start -->", "<!-- corroboration-card:end -->"
CARD_TEXT = """<!-- corroboration-card:start -->
## Corroboration score adjustment (`corroboration-1`)

Only with `--corroborate` (batch, `analyze`, the API's `corroborate`). The reliability score
of the path's model is moved on the log-odds scale by the article's contradicted figures
(`veracity.corroborate.corpus.adjust_score`): -0.8 for each independent origin that
contradicts a claim's figure, at most two per claim (-1.6), and at most -1.6 in all. A claim
is "contradicted" when at least two independent origins of its event give one other figure
for the same thing (they state it alike) and fewer agree. Nothing else moves the score:
"disputed" (one origin disagrees, or several give different figures, so nothing tells which
is right), "uncorroborated", "corroborated" and "no other origin" are reported, not scored. The label is recomputed with the reliability model's bands;
the adjusted score's `model_version` is `corroboration-1+<reliability model version>`, and
`corroboration.base_score` keeps the score before the push.

Why this, and why so little: the values are set, not fitted, since no corpus here has
article-level truth labels for events several outlets report. The contradicted flag is the
one measured to be right: on the controlled perturbations of `bench/corroboration.py` its
precision is {precision:.2f} with recall {recall:.2f} ({perturbed} perturbed figures; docs/benchmarks.md, "Corroboration
across sources"), so a contradicted figure is strong evidence of a wrong figure; the push is
bounded so that corroboration alone takes a 0.5 score to 0.17 at most. A first version also
pushed -0.2 for each claim no other outlet states and +0.2 for each claim two outlets
confirm; on ReCOVery (2,031 COVID-19 articles from 55 outlets, labels per publisher) it
lowered the ROC AUC of reliable vs unreliable publishers from 0.738 to 0.734, and the
uncorroborated flag's precision on the built evaluation is {uncorroborated:.2f}, so both were dropped. On real
corpora contradictions are rare ({contradicted:,} of {claims:,} figure claims on ReCOVery), so the adjustment
changes few scores; its effect there is in the same benchmark section.

Limits: figures are read with regular expressions (what is counted comes from nearby words:
killed, injured, arrested, money, percent, kinds of people, the counted noun; an amount, a
percentage or a measure is set against another only when the words it attaches to share one:
"$1 trillion for states" is not contradicted by a "$3 trillion bill", but a study's patients
and its treated patients, or two trials' death rates, still can be); places
and actors are compared only to keep claims about different subjects apart; a death toll that
rises over the days of one event reads as a contradiction; events are found on wording checked
by MiniLM (title and opening), so a story retold in very different words may be split, and
stories sharing many names and a theme may still merge.
<!-- corroboration-card:end -->"""


def model_card_section(results: CorroborationBench) -> str:
    """The model card's section on the score adjustment, with this run's figures."""
    c = results.contradicted["aligned"]
    by_label = results.score_effect.by_label.values()
    return CARD_TEXT.format(
        precision=c.precision,
        recall=c.recall,
        perturbed=c.perturbed,
        uncorroborated=results.uncorroborated["aligned"].precision,
        contradicted=sum(counts.get("contradicted", 0) for counts in by_label),
        claims=sum(counts.get("claims", 0) for counts in by_label),
    )


class Grouping(BaseModel):
    """Purity, inverse purity and F1 of a grouping against gold events."""

    purity: float
    inverse_purity: float
    f1: float
    events: int
    gold_events: int
    seconds: float | None = None


class SweepPoint(Grouping):
    link: float
    density: float


class GroupingSettings(BaseModel):
    link: float
    density: float


class GroupingBench(BaseModel):
    """FNC-1 events: the dev-half sweep, what it and the shipped defaults chose, the test half."""

    sweep: list[SweepPoint]
    embedded: bool
    chosen: GroupingSettings
    default: GroupingSettings
    test: Grouping
    test_lexical: Grouping
    test_same_title: Grouping


class LabelledPart(BaseModel):
    labelled: int
    stories: int
    shipped: Grouping
    same_title: Grouping
    previous: Grouping


class HandLabelled(BaseModel):
    """ReCOVery grouped whole, scored on the hand-labelled dev and test articles."""

    articles: int
    dev: LabelledPart
    test: LabelledPart


class FlagScores(BaseModel):
    """A contradicted / disputed flag on perturbed figures."""

    perturbed: int
    flagged: int
    false_flags: int
    precision: float
    recall: float
    natural_flags: int
    claims: int


class InsertedScores(BaseModel):
    """The uncorroborated flag on inserted figure sentences."""

    inserted: int
    negatives: int
    flagged_inserted: int
    flagged_negatives: int
    precision: float
    recall: float


class ScoreEffect(BaseModel):
    """``batch --corroborate`` on ReCOVery: flag counts per publisher label, and the AUC."""

    articles: int
    seconds_batch: float
    auc_base: float
    auc_adjusted: float
    by_label: dict[str, dict[str, int]]


class SpeedRun(BaseModel):
    articles: int
    workers: int
    seconds: float
    cpu_seconds: float
    events_multi: int
    peak_rss_mb: float


class CorroborationBench(BaseModel):
    """What this script measured (``--out`` JSON; a quality run and a speed run merged)."""

    grouping: GroupingBench
    hand_labelled: HandLabelled
    contradicted: dict[str, FlagScores]  # aligned, no_alignment
    disputed: FlagScores
    uncorroborated: dict[str, InsertedScores]  # aligned, no_alignment
    score_effect: ScoreEffect
    speed: list[SpeedRun] = []
    notes: str = ""


def render_markdown(results: CorroborationBench) -> str:
    """The corroboration section of docs/benchmarks.md (templates/corroboration.md.j2)."""
    return render(
        "corroboration.md.j2",
        r=results,
        config=GroupingConfig(),
        command=COMMAND,
        mark_start=MARK_START,
        mark_end=MARK_END,
    ).removesuffix("\n")


def bench_quality(data_dir: Path, *, embed: bool) -> dict:
    """Grouping, both flags and the score's effect (everything but speed)."""
    from veracity.corroborate.align import compare_claim

    texts, gold, _ = load_fnc(data_dir)
    encoder = None
    if embed:
        from veracity.embeddings import embed as encoder
    results: dict = {"grouping": bench_grouping(texts, gold, encoder)}
    results["hand_labelled"] = bench_hand_labelled(data_dir, encoder)
    print(json.dumps(results["hand_labelled"]), file=sys.stderr, flush=True)
    print(json.dumps(results["grouping"]["test"]), file=sys.stderr, flush=True)
    test_events = {label for label in set(gold) if label % 2 == 1}  # dev: the even ones
    results["contradicted"] = {
        name: bench_contradictions(texts, gold, compare, test_events)
        for name, compare in (("aligned", compare_claim), ("no_alignment", no_alignment))
    }
    results["disputed"] = bench_contradictions(
        texts, gold, compare_claim, test_events, strong_only=False
    )
    results["uncorroborated"] = {
        name: bench_uncorroborated(texts, gold, compare)
        for name, compare in (("aligned", compare_claim), ("no_alignment", no_alignment))
    }
    print(json.dumps({k: results[k] for k in ("contradicted", "uncorroborated")}), file=sys.stderr)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="veracity-corroboration-") as workdir:
        results["score_effect"] = bench_score_effect(data_dir, Path(workdir))
    print(json.dumps(results["score_effect"]), file=sys.stderr, flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-embed", action="store_true", help="grouping without MiniLM")
    parser.add_argument("--workers", type=int, default=2, help="processes for the speed runs")
    parser.add_argument("--skip-quality", action="store_true", help="speed only (no docs)")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument(
        "--merge", type=Path, nargs="+", help="render the docs section from these --out files"
    )
    args = parser.parse_args()
    if args.merge:  # the quality and the speed runs, made at the same time in two processes
        merged: dict = {}
        for path in args.merge:
            merged.update(json.loads(path.read_text()))
        typed = CorroborationBench.model_validate(merged)
        write_section(render_markdown(typed), MARK_START, MARK_END)
        write_section(model_card_section(typed), CARD_START, CARD_END, MODEL_CARD)
        return
    data_dir = get_settings().data_dir
    results: dict = {}
    if not args.skip_quality:
        results.update(bench_quality(data_dir, embed=not args.no_embed))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results["speed"] = bench_speed(news_pool(data_dir), sizes, args.workers) if sizes else []
    results["notes"] = (
        f"Machine: 2 cores shared with other jobs (load average {os.getloadavg()[0]:.0f} at the "
        "end of the run): wall seconds include waiting for a core; CPU seconds are the work done."
    )
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))
    if not args.no_docs and not args.skip_quality and sizes:
        typed = CorroborationBench.model_validate(results)
        write_section(render_markdown(typed), MARK_START, MARK_END)
        write_section(model_card_section(typed), CARD_START, CARD_END, MODEL_CARD)


if __name__ == "__main__":
    main()
